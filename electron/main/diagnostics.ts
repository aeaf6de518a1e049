/**
 * Help → Diagnostics: the same checks as `lanyard doctor`, from the core, as plain data for
 * the renderer. The core builds its report without secrets; this copies only the fields the
 * contract names, redacts their text once more on the way out, and says so plainly when the
 * core offers no diagnostics (rather than inventing any).
 */
import { redact } from '../core/support/redact.js';
import type { DiagnosticsCheck, DiagnosticsReport } from '../ipc/contract.js';

/** The core's side of it: `Lanyard.diagnostics()`. */
export interface DiagnosticsSource {
  diagnostics(): Promise<{ checks: ReadonlyArray<Partial<Record<keyof DiagnosticsCheck, unknown>>> }>;
}

export const DIAGNOSTICS_UNAVAILABLE: DiagnosticsReport = {
  checks: [
    {
      id: 'diagnostics',
      status: 'warn',
      message: 'This version of Lanyard cannot run its diagnostics from the app.',
      fix: 'Run `lanyard doctor` in a terminal for the same report.',
    },
  ],
};

const STATUSES = new Set<DiagnosticsCheck['status']>(['ok', 'warn', 'fail']);
const LIMIT = { checks: 500, text: 2_000 } as const;

function plainText(value: unknown): string {
  return typeof value === 'string' ? redact(value).slice(0, LIMIT.text) : '';
}

function hasDiagnostics(core: object): core is DiagnosticsSource {
  return typeof (core as Partial<DiagnosticsSource>).diagnostics === 'function';
}

/** The report as the renderer gets it: known fields, known statuses, bounded text. */
export function toDiagnosticsReport(report: Awaited<ReturnType<DiagnosticsSource['diagnostics']>>): DiagnosticsReport {
  return {
    checks: report.checks.slice(0, LIMIT.checks).map((check) => ({
      id: plainText(check.id),
      status: STATUSES.has(check.status as DiagnosticsCheck['status'])
        ? (check.status as DiagnosticsCheck['status'])
        : 'warn',
      message: plainText(check.message),
      fix: plainText(check.fix),
    })),
  };
}

/** Runs the core's diagnostics, or answers that there are none. */
export function diagnosticsFrom(core: object): () => Promise<DiagnosticsReport> {
  if (!hasDiagnostics(core)) return async () => DIAGNOSTICS_UNAVAILABLE;
  return async () => toDiagnosticsReport(await core.diagnostics());
}
