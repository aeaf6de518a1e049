/** The few HTML pages the fake serves to browsers: device approval, consent, console. */

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Values are escaped; the body is trusted HTML built by the caller. */
export function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}',
    'button{font-size:1rem;padding:.4rem 1.2rem;margin-right:.5rem}</style>',
    '</head>',
    `<body><h1>${escapeHtml(title)}</h1>${body}</body>`,
    '</html>',
  ].join('\n');
}

export function paragraph(text: string, id?: string): string {
  return id ? `<p id="${escapeHtml(id)}">${escapeHtml(text)}</p>` : `<p>${escapeHtml(text)}</p>`;
}

/** A POST form of hidden fields and one submit button per choice (name="decision"). */
export function decisionForm(
  action: string,
  hidden: Record<string, string>,
  choices: ReadonlyArray<{ value: string; label: string }>,
): string {
  const fields = Object.entries(hidden).map(
    ([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
  );
  const buttons = choices.map(
    ({ value, label }) =>
      `<button type="submit" name="decision" value="${escapeHtml(value)}" id="${escapeHtml(value)}">${escapeHtml(label)}</button>`,
  );
  return `<form method="post" action="${escapeHtml(action)}">${[...fields, ...buttons].join('')}</form>`;
}
