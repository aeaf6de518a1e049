import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** Renames an account in place: Enter saves (empty clears the alias), Esc or leaving cancels. */
export function AliasEditor({
  role,
  onDone,
}: {
  role: { alias?: string; accountName: string };
  onDone: (alias: string | undefined, byKeyboard: boolean) => void;
}) {
  const [value, setValue] = useState(role.alias ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      onDone(value.trim(), true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDone(undefined, true);
    }
  };

  return (
    <input
      ref={input}
      className="alias-editor"
      aria-label={`Alias for ${role.accountName} (Enter saves, Escape cancels)`}
      placeholder={role.accountName}
      value={value}
      autoFocus
      spellCheck={false}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => onDone(undefined, false)}
      onMouseDown={(event) => event.stopPropagation()}
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
    />
  );
}
