const GLYPHS: Record<string, string> = { Enter: '↵' };

/**
 * A key combination as keycaps, e.g. Ctrl ↵. Keys with a glyph keep their name for screen
 * readers. `decorative` when the control already names its shortcut (aria-keyshortcuts).
 */
export function KeyHint({ keys, decorative = false }: { keys: readonly string[]; decorative?: boolean }) {
  return (
    <span className="key-hint" aria-hidden={decorative || undefined}>
      {keys.map((key) => (
        <kbd key={key}>
          {GLYPHS[key] ? (
            <>
              <span aria-hidden="true">{GLYPHS[key]}</span>
              <span className="sr-only">{key}</span>
            </>
          ) : (
            key
          )}
        </kbd>
      ))}
    </span>
  );
}
