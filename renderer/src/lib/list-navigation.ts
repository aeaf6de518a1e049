/**
 * The active index after a navigation key in a list of `count` items, or undefined when the
 * key is not a navigation key. Home/End only when the list (not a text field) has focus.
 */
export function navigate(
  key: string,
  current: number,
  count: number,
  options: { pageSize: number; homeEnd: boolean },
): number | undefined {
  if (count === 0) return undefined;
  const clamp = (index: number): number => Math.min(count - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + options.pageSize);
    case 'PageUp':
      return clamp(current - options.pageSize);
    case 'Home':
      return options.homeEnd ? 0 : undefined;
    case 'End':
      return options.homeEnd ? count - 1 : undefined;
    default:
      return undefined;
  }
}
