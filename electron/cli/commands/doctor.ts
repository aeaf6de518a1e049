import type { CheckStatus } from '../../core/domain/diagnostics.js';
import { runDiagnostics } from '../../core/doctor/diagnostics.js';
import type { CliContext } from '../context.js';
import { jsonText, terminalSafe } from '../format.js';

const MARKS: Record<CheckStatus, string> = { ok: '[ ok ]', warn: '[warn]', fail: '[FAIL]' };

/**
 * Every check of the setup, one line each with its fix indented below; --json prints
 * {"checks": [...]} exactly. Exits 1 when any check fails, so scripts and bug reports can tell.
 */
export async function doctor(ctx: CliContext, options: { json?: boolean }): Promise<number> {
  const { core } = ctx;
  const report = await runDiagnostics({
    paths: core.paths,
    env: core.env,
    clock: core.clock,
    serviceClock: core.serviceClock,
    settings: core.settings(),
  });
  if (options.json) {
    ctx.out(jsonText(report, 2));
  } else {
    for (const item of report.checks) {
      ctx.out(`${MARKS[item.status]} ${terminalSafe(item.id)}: ${terminalSafe(item.message)}`);
      if (item.fix && item.status !== 'ok') ctx.out(`       ${terminalSafe(item.fix)}`);
    }
    const count = (status: CheckStatus): number => report.checks.filter((item) => item.status === status).length;
    ctx.out(`\n${count('ok')} ok, ${count('warn')} warnings, ${count('fail')} failed`);
  }
  return report.checks.some((item) => item.status === 'fail') ? 1 : 0;
}
