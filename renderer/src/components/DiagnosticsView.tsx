import { useEffect, useState } from 'react';
import type { DiagnosticsCheck, DiagnosticsReport } from '../../../electron/ipc/contract.js';
import { STATUS_WORDS, diagnosticsSummary, diagnosticsText, orderedChecks } from '../lib/diagnostics-report.js';
import { CopyButton } from './CopyButton.js';
import { Icon, type IconName } from './Icon.js';

const STATUS_ICONS: Record<DiagnosticsCheck['status'], IconName> = { ok: 'check', warn: 'alert', fail: 'close' };

type Run = { kind: 'running' } | { kind: 'done'; report: DiagnosticsReport } | { kind: 'failed'; message: string };

/** Help → Diagnostics: the checks of `lanyard doctor`, problems first, and the report to copy. */
export function DiagnosticsView() {
  const [run, setRun] = useState<Run>({ kind: 'running' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    window.lanyard.getDiagnostics().then(
      (report) => current && setRun({ kind: 'done', report }),
      (error: unknown) =>
        current &&
        setRun({ kind: 'failed', message: error instanceof Error ? error.message : 'The checks could not run.' }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  const start = (): void => {
    setRun({ kind: 'running' });
    setAttempt((count) => count + 1);
  };

  return (
    <section className="diagnostics" aria-labelledby="diagnostics-title" aria-busy={run.kind === 'running'}>
      <header className="pane-header diagnostics__header">
        <div>
          <h2 id="diagnostics-title">Diagnostics</h2>
          <p className="pane-header__lead">
            The checks of <code className="mono">lanyard doctor</code>. The report holds no tokens, keys or passwords.
          </p>
        </div>
        <div className="diagnostics__actions">
          <button type="button" className="button" onClick={start} disabled={run.kind === 'running'}>
            <Icon name="refresh" />
            Run again
          </button>
          {run.kind === 'done' && (
            <CopyButton text={diagnosticsText(run.report, 'Lanyard diagnostics')} caption="Copy report" />
          )}
        </div>
      </header>
      <div className="diagnostics__body">
        {run.kind === 'running' && <p className="diagnostics__status">Running the checks…</p>}
        {run.kind === 'failed' && (
          <p className="diagnostics__status" role="alert">
            {run.message}
          </p>
        )}
        {run.kind === 'done' && (
          <>
            <p className="diagnostics__status" role="status">
              {diagnosticsSummary(run.report)}
            </p>
            <ul className="diagnostics__list" aria-label="Checks">
              {orderedChecks(run.report).map((check, index) => (
                <li key={`${check.id}-${index}`} className={`check check--${check.status}`}>
                  <span className="check__mark" role="img" aria-label={STATUS_WORDS[check.status]}>
                    <Icon name={STATUS_ICONS[check.status]} />
                  </span>
                  <div className="check__text">
                    <p className="check__message">{check.message}</p>
                    {check.fix && (
                      <p className="check__fix">
                        <span className="check__fix-label">Fix: </span>
                        {check.fix}
                      </p>
                    )}
                    <p className="check__id mono">{check.id}</p>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
