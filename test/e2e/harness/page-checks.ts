/**
 * Checks over a whole page, for any window and any LanyardCommands behind it: controls
 * without an accessible name, text below WCAG AA contrast, secrets in the DOM, and whether
 * keyboard focus is visible.
 */
import type { Locator, Page } from 'playwright';
import { parseRoleKey } from '../../../electron/core/domain/model.js';

/** Roles people operate, which therefore need a name. */
const INTERACTIVE_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'option',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
  'toolbar',
]);

interface AxNode {
  ignored: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
  backendDOMNodeId?: number;
}

export interface UnnamedControl {
  role: string;
  html: string;
}

/** Interactive elements in Chromium's accessibility tree that have no accessible name. */
export async function unnamedControls(page: Page): Promise<UnnamedControl[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    const unnamed: UnnamedControl[] = [];
    for (const node of nodes) {
      const role = String(node.role?.value ?? '');
      if (node.ignored || !INTERACTIVE_ROLES.has(role) || String(node.name?.value ?? '').trim() !== '') continue;
      let html = '';
      if (node.backendDOMNodeId !== undefined) {
        const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as {
          object: { objectId?: string };
        };
        if (object.objectId) {
          const described = (await cdp.send('Runtime.callFunctionOn', {
            objectId: object.objectId,
            functionDeclaration:
              'function () { return this.outerHTML ? this.outerHTML.slice(0, 160) : String(this.nodeName); }',
            returnByValue: true,
          })) as { result: { value?: unknown } };
          html = String(described.result.value ?? '');
        }
      }
      unnamed.push({ role, html });
    }
    return unnamed;
  } finally {
    await cdp.detach();
  }
}

/** Every roles the accessibility tree exposes, with names (for asserting structure). */
export async function accessibleRoles(page: Page): Promise<Array<{ role: string; name: string }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes
      .filter((node) => !node.ignored)
      .map((node) => ({ role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '') }));
  } finally {
    await cdp.detach();
  }
}

export interface ContrastProblem {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * Visible text whose contrast against its effective background is below WCAG AA (4.5:1, or
 * 3:1 for large text). Disabled controls are exempt, as WCAG allows.
 */
export function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  return page.evaluate(`(() => {
    const parse = (value) => {
      const match = /rgba?\\(([^)]+)\\)/.exec(value);
      if (!match) return undefined;
      const [r, g, b, a = 1] = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }) => {
      const channel = (value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element) => {
      const layers = [];
      for (let node = element; node; node = node.parentElement) {
        const color = parse(getComputedStyle(node).backgroundColor);
        if (color && color.a > 0) {
          layers.push(color);
          if (color.a >= 1) break;
        }
      }
      let result = { r: 255, g: 255, b: 255, a: 1 };
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const problems = [];
    for (const element of document.body.querySelectorAll('*')) {
      const ownText = [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent.trim()).join(' ').trim();
      if (!ownText) continue;
      if (element.closest(':disabled, [aria-disabled="true"], .sr-only, option, datalist')) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width < 2 || rect.height < 2 || rect.bottom < 0 || rect.top > innerHeight) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      const color = parse(style.color);
      if (!color || color.a === 0) continue;
      const background = backgroundOf(element);
      const foreground = over(color, background);
      const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = large ? 3 : 4.5;
      if (ratio < required) {
        problems.push({ text: ownText.slice(0, 60), ratio: Math.round(ratio * 100) / 100, required, color: style.color, background: 'rgb(' + [background.r, background.g, background.b].map(Math.round).join(', ') + ')' });
      }
    }
    return problems;
  })()`);
}

/** Everything the page shows or holds in its DOM: markup, attribute values, and form values. */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((element) => element.value);
    return [document.title, document.documentElement.outerHTML, ...values].join('\\n');
  })()`);
}

/**
 * Shapes of AWS secrets: access key ids, long opaque tokens (role keys such as
 * `acme/123456789012/AdministratorAccess` are long too, and are not secrets), and the
 * names of the variables that carry them.
 */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(ASIA|AKIA)[A-Z0-9]{16}\b/g,
  /[A-Za-z0-9+/_=-]{40,}/g,
  /aws_secret_access_key|aws_session_token/gi,
];

/** The known secrets and secret-shaped strings found in the page's DOM. */
export async function secretsInPage(page: Page, knownSecrets: readonly string[]): Promise<string[]> {
  const text = await pageText(page);
  const found = knownSecrets.filter((secret) => text.includes(secret));
  for (const pattern of SECRET_PATTERNS) {
    for (const [match] of text.matchAll(pattern)) {
      if (!parseRoleKey(match) && !found.includes(match)) found.push(match);
    }
  }
  return found;
}

export interface FocusStop {
  element: string;
  visible: boolean;
}

/**
 * Presses Tab until focus leaves the page (or `limit` presses), recording each focused
 * element and whether its focus is visible (an outline on it, or a ring on its field wrapper).
 */
export async function tabThrough(page: Page, limit = 100): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let index = 0; index < limit; index++) {
    await page.keyboard.press('Tab');
    const stop: FocusStop = await page.evaluate(`(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return { element: 'body', visible: false };
        const ringed = (node) => {
          const style = getComputedStyle(node);
          return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        };
        const wrapper = element.closest('.search-field, .palette__search');
        const name = element.getAttribute('aria-label') || element.textContent.trim().slice(0, 40) || element.tagName;
        return { element: element.tagName.toLowerCase() + ' ' + name, visible: ringed(element) || (wrapper !== null && ringed(wrapper)) };
      })()`);
    if (stop.element === 'body') break;
    stops.push(stop);
  }
  return stops;
}

/** Whether the element has keyboard focus. */
export function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}
