/**
 * Turns a self-contained function into a script for page.addInitScript. Transpilers that keep
 * function names (tsx, esbuild's keepNames) wrap functions in `__name(...)` calls, which do
 * not exist in the page; the wrapper defines a no-op one.
 */
export function pageScript<A>(fn: (arg: A) => void, arg: A): { content: string } {
  return { content: `(() => { const __name = (target) => target; (${fn.toString()})(${JSON.stringify(arg)}); })();` };
}
