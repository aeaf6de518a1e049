/**
 * Proxy authentication for the desktop app. When a proxy answers 407, Chromium asks for
 * credentials: for Lanyard's own requests through the request's `login` event
 * (net-request-handler.ts), for its windows through the app's `login` event. Both come here.
 *
 * The user is asked once; the answer is kept in memory for the rest of the session (never
 * written, never logged, never sent to a page). Chromium keeps credentials a proxy accepted
 * and sends them unasked from then on, so a second challenge from a network context that
 * already got them means the proxy refused them: the user is asked once more, saying so, and
 * if that is refused too, Lanyard stops asking for a while instead of asking forever.
 */
import { BrowserWindow, type AuthInfo } from 'electron';
import type { Logger } from '../core/support/log.js';
import type { ProxyLoginHandler } from './net-request-handler.js';

export interface ProxyCredentials {
  username: string;
  password: string;
}

export interface ProxyPromptRequest {
  /** host:port of the proxy. */
  proxy: string;
  realm: string;
  /** The proxy refused the user name or password given last. */
  refused: boolean;
}

/** Asks the user; undefined when they cancel. */
export type ProxyPrompt = (request: ProxyPromptRequest) => Promise<ProxyCredentials | undefined>;

/** After a cancel or a second refusal, challenges are refused without asking for this long. */
export const PROXY_PROMPT_COOLDOWN_MS = 5 * 60_000;
/**
 * A challenge this soon after credentials went to the same context is the proxy refusing
 * them; a later one means they stopped working (the password changed), which is asked anew.
 */
const REFUSAL_WINDOW_MS = 60_000;

/** The network context of Lanyard's own requests (the default session's). */
export const APP_REQUESTS = Symbol('app-requests');

interface ProxyState {
  credentials?: ProxyCredentials;
  /** Network contexts (sessions) that were given `credentials`. */
  givenTo: Set<unknown>;
  givenAt: number;
  /** The user was told of a refusal and answered; one more refusal gives up. */
  toldOfRefusal: boolean;
  /** The prompt on screen: later challenges wait for its answer. */
  asking?: Promise<ProxyCredentials | undefined>;
  quietUntil: number;
}

export class ProxyLogin {
  private readonly proxies = new Map<string, ProxyState>();

  constructor(
    private readonly prompt: ProxyPrompt,
    private readonly options: { now?: () => number; logger?: Logger } = {},
  ) {}

  /**
   * Answers one challenge. `context` tells network contexts apart (a session object, or
   * APP_REQUESTS): each keeps its own accepted credentials, so each is given them once.
   */
  answer(authInfo: AuthInfo, context: unknown, callback: (username?: string, password?: string) => void): void {
    void this.credentialsFor(authInfo, context).then(
      (credentials) => (credentials ? callback(credentials.username, credentials.password) : callback()),
      () => callback(),
    );
  }

  /** The answer for Lanyard's own requests (net-request-handler.ts), which share the default session. */
  forAppRequests(): ProxyLoginHandler {
    return (authInfo, callback) => this.answer(authInfo, APP_REQUESTS, callback);
  }

  /**
   * Forgets every proxy's credentials and refusals (the proxy settings changed); `known` are
   * credentials written in the new proxy URL, given without asking until the proxy refuses them.
   */
  reset(known?: { proxy: string; credentials: ProxyCredentials }): void {
    this.proxies.clear();
    if (known)
      this.proxies.set(known.proxy, {
        credentials: known.credentials,
        givenTo: new Set(),
        givenAt: 0,
        toldOfRefusal: false,
        quietUntil: 0,
      });
  }

  private async credentialsFor(authInfo: AuthInfo, context: unknown): Promise<ProxyCredentials | undefined> {
    const proxy = `${authInfo.host}:${authInfo.port}`;
    const now = this.now();
    let state = this.proxies.get(proxy);
    if (!state) {
      state = { givenTo: new Set(), givenAt: 0, toldOfRefusal: false, quietUntil: 0 };
      this.proxies.set(proxy, state);
    }
    if (state.asking) return this.give(state, context, await state.asking);
    if (now < state.quietUntil) return undefined;
    let refused = false;
    if (state.credentials) {
      if (!state.givenTo.has(context)) return this.give(state, context, state.credentials);
      refused = true;
      const recent = now - state.givenAt < REFUSAL_WINDOW_MS;
      state.credentials = undefined;
      state.givenTo.clear();
      if (recent && state.toldOfRefusal) {
        this.options.logger?.warn('The proxy refused the credentials twice; not asking again for a while', { proxy });
        state.toldOfRefusal = false;
        state.quietUntil = now + PROXY_PROMPT_COOLDOWN_MS;
        return undefined;
      }
    }
    const asking = this.prompt({ proxy, realm: authInfo.realm, refused });
    state.asking = asking;
    let answer: ProxyCredentials | undefined;
    try {
      answer = await asking;
    } finally {
      state.asking = undefined;
    }
    if (!answer) {
      state.quietUntil = this.now() + PROXY_PROMPT_COOLDOWN_MS;
      return undefined;
    }
    state.toldOfRefusal = refused;
    state.credentials = answer;
    state.givenTo = new Set();
    return this.give(state, context, answer);
  }

  private give(
    state: ProxyState,
    context: unknown,
    credentials: ProxyCredentials | undefined,
  ): ProxyCredentials | undefined {
    if (!credentials) return undefined;
    state.givenTo.add(context);
    state.givenAt = this.now();
    return credentials;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

// ---- the prompt window ----------------------------------------------------------------------

/** The form posts here; the window catches the navigation, so nothing is ever sent. */
const ANSWER_URL = 'https://lanyard.invalid/proxy-login';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The prompt's page: a plain form, no script (the window runs none). */
export function proxyPromptPage(request: ProxyPromptRequest): string {
  const realm = request.realm ? ` (${escapeHtml(request.realm)})` : '';
  const refusal = request.refused
    ? '<p class="refused" role="alert">The proxy refused that user name or password. Try again.</p>'
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${ANSWER_URL}">
<title>Proxy sign-in</title>
<style>
:root { color-scheme: light dark; font: 13px system-ui, sans-serif; }
body { margin: 16px 20px; }
h1 { font-size: 15px; margin: 0 0 6px; }
p { margin: 0 0 12px; }
.refused { color: #c62828; font-weight: 600; }
label { display: block; margin: 0 0 10px; }
input { display: block; width: 100%; box-sizing: border-box; margin-top: 3px; padding: 5px 6px; font: inherit; }
.buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }
button { font: inherit; padding: 5px 14px; }
</style></head>
<body>
<h1>The proxy needs a user name and password</h1>
<p>${escapeHtml(request.proxy)}${realm} asks Lanyard to sign in. Lanyard keeps them until it quits.</p>
${refusal}
<form method="get" action="${ANSWER_URL}">
<label>User name <input name="username" autocomplete="username" autofocus required></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<div class="buttons">
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
<button type="submit" name="action" value="sign-in">Sign in</button>
</div>
</form>
</body></html>`;
}

/** What the form's navigation carries: credentials, or a cancel. */
export function readPromptAnswer(url: string): ProxyCredentials | undefined | 'not-ours' {
  const parsed = URL.parse(url);
  if (!parsed || `${parsed.origin}${parsed.pathname}` !== ANSWER_URL) return 'not-ours';
  const username = parsed.searchParams.get('username') ?? '';
  if (parsed.searchParams.get('action') !== 'sign-in' || username === '') return undefined;
  return { username, password: parsed.searchParams.get('password') ?? '' };
}

/**
 * Shows the prompt in a small window of its own: no preload, no script, an in-memory session,
 * every navigation stopped (the form's answer is read from the navigation it starts).
 */
export const windowProxyPrompt: ProxyPrompt = (request) =>
  new Promise((resolve) => {
    const window = new BrowserWindow({
      title: 'Proxy sign-in — Lanyard',
      width: 420,
      height: request.refused ? 320 : 290,
      resizable: false,
      minimizable: false,
      maximizable: false,
      alwaysOnTop: true,
      show: false,
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        devTools: false,
        partition: 'lanyard-proxy-login',
      },
    });
    let answered = false;
    const finish = (answer: ProxyCredentials | undefined): void => {
      if (answered) return;
      answered = true;
      resolve(answer);
      if (!window.isDestroyed()) window.close();
    };
    window.webContents.on('will-navigate', (event, url) => {
      event.preventDefault();
      const answer = readPromptAnswer(url);
      if (answer !== 'not-ours') finish(answer);
    });
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.on('closed', () => finish(undefined));
    window.once('ready-to-show', () => window.show());
    void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(proxyPromptPage(request))}`);
  });
