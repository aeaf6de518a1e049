/** Small builders for checks, so every module words its results the same way. */
import type { CheckStatus, DiagnosticCheck } from '../domain/diagnostics.js';

export function check(id: string, status: CheckStatus, message: string, fix = ''): DiagnosticCheck {
  return { id, status, message, fix };
}

/** `error.message` of anything thrown, for a check's message. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
