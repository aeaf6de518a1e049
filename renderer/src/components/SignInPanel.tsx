import { useEffect, useLayoutEffect, useRef } from 'react';
import type { SignInView } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { focusHome } from '../lib/focus-home.js';
import { cancelSignIn, isSwitchingFlow, signInShown, switchToDeviceCode } from '../lib/sign-in-runs.js';
import { Countdown } from './Countdown.js';
import { CopyButton } from './CopyButton.js';
import { ErrorMessage } from './ErrorMessage.js';

/** Whether keyboard focus was lost (to <body>, or on a button the sign-in just disabled). */
function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active.matches(':disabled');
}

/**
 * The sign-in under way: "finish in your browser" for the PKCE flow (with the device code as
 * a fallback), or the device flow's user code, large, with its verification address. When
 * it appears because the Sign in button was pressed (which it disables), focus moves to its
 * first control rather than being lost; when it goes, focus inside it goes to the filter.
 */
export function SignInPanel({ signIn }: { signIn: SignInView }) {
  const command = useCommand();
  const panel = useRef<HTMLElement>(null);
  const flow = signIn.flow;
  const sessionName = signIn.sessionName;

  useEffect(() => {
    signInShown();
    if (!focusLost()) return;
    panel.current?.querySelector<HTMLElement>('button:not(:disabled), a[href], input, select')?.focus();
  }, [sessionName, flow]);

  // The panel goes when the sign-in ends (or is cancelled): focus inside it goes on to the
  // list's filter rather than to <body>. A layout effect, so it runs while the panel is still there.
  useLayoutEffect(() => {
    const element = panel.current;
    return () => {
      if (!element?.contains(element.ownerDocument.activeElement)) return;
      const document = element.ownerDocument;
      requestAnimationFrame(() => {
        // A switch to the device code brings the next panel, which takes focus itself.
        if (focusLost() && !isSwitchingFlow()) focusHome(document);
      });
    };
  }, []);

  const prompt = signIn.prompt;
  const cancel = (): void => void command.run(cancelSignIn);
  const useDeviceCode = (): void => void command.run(() => switchToDeviceCode(signIn.sessionName));

  return (
    <section ref={panel} className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title" className="sign-in__title">
        Signing in to <span className="sign-in__session">{signIn.sessionName}</span>
      </h2>
      {prompt?.kind === 'device' ? (
        <>
          <p className="sign-in__step">
            Open <span className="sign-in__url">{prompt.verificationUri}</span> in a browser and enter this code:
          </p>
          <div className="sign-in__code-row">
            <output className="sign-in__code" aria-label="Device user code">
              {prompt.userCode}
            </output>
            <CopyButton text={prompt.userCode} caption="Copy code" />
            <CopyButton text={prompt.verificationUri} caption="Copy address" />
          </div>
          <p className="sign-in__note">
            The code expires in <Countdown until={prompt.expiresAt} warnBelowSeconds={60} />. Check that the browser
            shows the same code before you approve.
          </p>
        </>
      ) : prompt?.kind === 'browser' ? (
        <p className="sign-in__step">
          Finish signing in in the browser window that just opened. Lanyard continues by itself once you approve.
        </p>
      ) : (
        <p className="sign-in__step">Starting sign-in…</p>
      )}
      <div className="sign-in__actions">
        {signIn.flow === 'auth-code' && (
          <button type="button" className="button" disabled={command.pending} onClick={useDeviceCode}>
            Use a device code instead
          </button>
        )}
        <button type="button" className="button button--quiet" disabled={command.pending} onClick={cancel}>
          Cancel sign-in
        </button>
      </div>
      <ErrorMessage error={command.error} onDismiss={command.clearError} />
    </section>
  );
}
