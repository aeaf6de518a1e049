/** `text` with the characters at `positions` marked, for showing why a result matched. */
export function Highlight({ text, positions }: { text: string; positions: readonly number[] | undefined }) {
  if (!positions || positions.length === 0) return <>{text}</>;
  const marked = new Set(positions);
  const parts: Array<{ text: string; hit: boolean }> = [];
  for (let index = 0; index < text.length; index++) {
    const hit = marked.has(index);
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text[index];
    else parts.push({ text: text[index] ?? '', hit });
  }
  return (
    <>
      {parts.map((part, index) =>
        part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
