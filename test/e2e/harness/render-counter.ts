/**
 * Counts React component renders in a page through the React DevTools hook, which React
 * (production builds included) calls on every commit. A component "rendered" in a commit
 * when it mounted or did work (React's PerformedWork flag); a subtree React skipped keeps
 * its old child pointer and is not walked. Components are told apart by the first DOM
 * element they render: role="option" rows, <time data-countdown> countdowns, and so on.
 */
import type { Page } from 'playwright';
import { pageScript } from './page-script.js';

export type RenderCounts = Record<string, number>;

/** The little of a DOM element the page-side code reads (the Node-side tsconfig has no DOM types). */
interface DomElement {
  tagName: string;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
}

interface Fiber {
  tag: number;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
  stateNode: unknown;
}

/** The page-side half (serialised into the page before any script runs). */
function installHook(): void {
  const FUNCTION_COMPONENT = 0;
  const CLASS_COMPONENT = 1;
  const HOST_COMPONENT = 5;
  const FORWARD_REF = 11;
  const SIMPLE_MEMO_COMPONENT = 15;
  const PERFORMED_WORK = 1;
  const COMPONENT_TAGS = new Set([FUNCTION_COMPONENT, CLASS_COMPONENT, FORWARD_REF, SIMPLE_MEMO_COMPONENT]);
  const counts: Record<string, number> = {};

  const firstElement = (fiber: Fiber): DomElement | undefined => {
    for (let node: Fiber | null = fiber.child; node; node = node.child) {
      if (node.tag === HOST_COMPONENT) return node.stateNode as DomElement;
    }
    return undefined;
  };
  const kindOf = (fiber: Fiber): string => {
    const element = firstElement(fiber);
    if (!element) return 'other';
    if (element.hasAttribute('data-countdown')) return 'countdown';
    return element.getAttribute('role') ?? element.tagName.toLowerCase();
  };
  const walk = (fiber: Fiber): void => {
    const previous = fiber.alternate;
    if (COMPONENT_TAGS.has(fiber.tag) && (previous === null || (fiber.flags & PERFORMED_WORK) !== 0)) {
      const kind = kindOf(fiber);
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    if (previous !== null && previous.child === fiber.child) return;
    for (let child = fiber.child; child; child = child.sibling) walk(child);
  };

  let nextId = 1;
  (globalThis as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false,
    supportsFiber: true,
    renderers: new Map(),
    inject: () => nextId++,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => walk(root.current),
  };
  (globalThis as unknown as Record<string, unknown>).__lanyardRenderCounts = counts;
}

/** Starts counting renders on `page`; call before its first navigation. */
export async function installRenderCounter(page: Page): Promise<void> {
  await page.addInitScript(pageScript(installHook, undefined));
}

/** Renders counted so far, by kind ("option", "countdown", ...). */
export function renderCounts(page: Page): Promise<RenderCounts> {
  return page.evaluate(() => ({
    ...(globalThis as unknown as { __lanyardRenderCounts: Record<string, number> }).__lanyardRenderCounts,
  }));
}

export function resetRenderCounts(page: Page): Promise<void> {
  return page.evaluate(() => {
    const counts = (globalThis as unknown as { __lanyardRenderCounts: Record<string, number> }).__lanyardRenderCounts;
    for (const kind of Object.keys(counts)) delete counts[kind];
  });
}
