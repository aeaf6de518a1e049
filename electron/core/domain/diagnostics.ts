/**
 * What `lanyard doctor` and the app's Help → Diagnostics show: one entry per check, plain JSON
 * (it crosses IPC and is pasted into bug reports), never a token, secret key or password.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DiagnosticCheck {
  /** Stable and machine-readable: `config`, `token:work`, `reachable:us-east-1`, ... */
  id: string;
  status: CheckStatus;
  /** What was found, one or two sentences. */
  message: string;
  /** What to do about it; empty when there is nothing to do. */
  fix: string;
}

export interface DiagnosticsReport {
  checks: DiagnosticCheck[];
}
