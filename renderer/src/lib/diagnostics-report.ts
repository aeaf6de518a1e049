/**
 * The diagnostics as people paste them into a bug report or a chat: plain text, one block per
 * check. It holds only what the report holds, which by construction has no secret in it.
 */
import type { DiagnosticsCheck, DiagnosticsReport } from '../../../electron/ipc/contract.js';

export const STATUS_WORDS: Record<DiagnosticsCheck['status'], string> = {
  ok: 'OK',
  warn: 'Warning',
  fail: 'Failed',
};

const STATUS_TAGS: Record<DiagnosticsCheck['status'], string> = { ok: '[ok]  ', warn: '[warn]', fail: '[FAIL]' };

/** Problems first, then warnings, then what passed; the report's order within each. */
export function orderedChecks(report: DiagnosticsReport): DiagnosticsCheck[] {
  const rank = { fail: 0, warn: 1, ok: 2 } as const;
  return report.checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => rank[a.check.status] - rank[b.check.status] || a.index - b.index)
    .map(({ check }) => check);
}

/** "2 problems, 1 warning, 5 passed". */
export function diagnosticsSummary(report: DiagnosticsReport): string {
  const count = (status: DiagnosticsCheck['status']): number =>
    report.checks.filter((check) => check.status === status).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    count('fail') > 0 ? plural(count('fail'), 'problem') : '',
    count('warn') > 0 ? plural(count('warn'), 'warning') : '',
    `${count('ok')} passed`,
  ].filter(Boolean);
  return parts.join(', ');
}

export function diagnosticsText(report: DiagnosticsReport, header: string): string {
  const lines = [header, diagnosticsSummary(report), ''];
  for (const check of orderedChecks(report)) {
    lines.push(`${STATUS_TAGS[check.status]} ${check.id}: ${check.message}`);
    if (check.fix) lines.push(`       Fix: ${check.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
