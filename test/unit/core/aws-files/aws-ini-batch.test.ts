import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import {
  editSections,
  parseAwsIni,
  renderSection,
  sectionId,
  sectionText,
  type IniDocument,
  type NewSection,
} from '../../../../electron/core/aws-files/aws-ini.js';
import { unifiedDiff } from '../../../../electron/core/config-sync/diff.js';
import { hostileFixtures, randomHostileDocument, seededRandom } from './fixtures/hostile-configs/index.js';

const configFixtures = hostileFixtures().filter((item) => item.kind === 'config');

const NEW_SECTIONS: NewSection[] = [
  { header: 'profile lanyard-a', body: [{ comment: 'managed' }, ['sso_session', 'work'], ['region', 'eu-west-1']] },
  { header: 'profile lanyard-b', body: [['region', 'us-east-1']] },
];

/** Appends NEW_SECTIONS, then removes them again from the re-parsed result. */
function appendThenRemove(text: string): { appended: string; restored: string } {
  const appended = editSections(parseAwsIni(text), { append: NEW_SECTIONS }).text;
  const doc = parseAwsIni(appended);
  const ours = doc.sections.filter((section) => section.header.startsWith('profile lanyard-'));
  return { appended, restored: editSections(doc, { remove: ours }).text };
}

function applied(before: string, diff: string): string | false {
  return applyPatch(before, diff);
}

describe('editSections', () => {
  it.each(configFixtures.map((item) => [item.name, item.text] as const))(
    '%s: appending keeps every original byte and removing gives them back',
    (_name, text) => {
      const { appended, restored } = appendThenRemove(text);
      const original = parseAwsIni(text);
      const endsWithoutNewline = original.lines.at(-1)?.eol === '';
      // Everything before the end of the last line is untouched; the new sections follow.
      const lastLine = original.lines.at(-1);
      const kept = lastLine ? lastLine.start + lastLine.text.length : text.length;
      expect(appended.slice(0, kept)).toBe(text.slice(0, kept));
      expect(appended.endsWith(original.eol)).toBe(!endsWithoutNewline);
      expect(restored).toBe(text);
    },
  );

  it('round-trips 300 random hostile documents', () => {
    const random = seededRandom(20_250_106);
    for (let round = 0; round < 300; round += 1) {
      const text = randomHostileDocument(random);
      const { restored } = appendThenRemove(text);
      expect(restored, JSON.stringify(text)).toBe(text);
    }
  });

  it('writes new lines in the document’s line ending and keeps CRLF, a BOM and a missing final newline', () => {
    const crlf = editSections(parseAwsIni('\uFEFF[default]\r\nregion = us-east-1'), {
      append: [NEW_SECTIONS[1]!],
    }).text;
    expect(crlf).toBe('\uFEFF[default]\r\nregion = us-east-1\r\n\r\n[profile lanyard-b]\r\nregion = us-east-1');
    expect(editSections(parseAwsIni(''), { append: [NEW_SECTIONS[1]!] }).text).toBe(
      '[profile lanyard-b]\nregion = us-east-1\n',
    );
    // One blank line of its own even after a blank line, so that removing the section restores the file.
    expect(editSections(parseAwsIni('[a]\nk = v\n\n'), { append: [NEW_SECTIONS[1]!] }).text).toBe(
      '[a]\nk = v\n\n\n[profile lanyard-b]\nregion = us-east-1\n',
    );
  });

  it('replaces a section in place, header through last key, and nothing else', () => {
    const text = '# top\n[profile x]\n# inside\nregion = a\n# below x belongs to y\n\n[profile y]\nk = v';
    const doc = parseAwsIni(text);
    const edited = editSections(doc, {
      replace: [{ section: doc.sections[0]!, with: { header: 'profile x', body: [['region', 'b']] } }],
    });
    expect(edited.text).toBe('# top\n[profile x]\nregion = b\n# below x belongs to y\n\n[profile y]\nk = v');
    const last = editSections(doc, {
      replace: [{ section: doc.sections[1]!, with: { header: 'profile y', body: [['k', 'w']] } }],
    });
    expect(last.text).toBe('# top\n[profile x]\n# inside\nregion = a\n# below x belongs to y\n\n[profile y]\nk = w');
  });

  it('removes sections with their blank separator but never a comment, and handles neighbours together', () => {
    const text = 'a = 1\n[keep]\nk = v\n\n[x]\nk = v\n\n# about y\n[y]\nk = v\n\n[z]\nk = v\n';
    const doc = parseAwsIni(text);
    const [, x, y, z] = doc.sections;
    expect(editSections(doc, { remove: [x!] }).text).toBe(
      'a = 1\n[keep]\nk = v\n\n# about y\n[y]\nk = v\n\n[z]\nk = v\n',
    );
    expect(editSections(doc, { remove: [y!, z!] }).text).toBe('a = 1\n[keep]\nk = v\n\n[x]\nk = v\n\n# about y\n');
    expect(editSections(doc, { remove: [x!, y!, z!] }).text).toBe('a = 1\n[keep]\nk = v\n\n# about y\n');
  });

  it('does everything in one pass and reports no change for a no-op', () => {
    const doc = parseAwsIni('[a]\nk = 1\n\n[b]\nk = 2\n');
    const none = editSections(doc, {});
    expect(none.changed).toBe(false);
    expect(none.text).toBe('[a]\nk = 1\n\n[b]\nk = 2\n');
    const all = editSections(doc, {
      replace: [{ section: doc.sections[1]!, with: { header: 'b', body: [['k', '3']] } }],
      remove: [doc.sections[0]!],
      append: NEW_SECTIONS,
    });
    expect(all.changed).toBe(true);
    expect(all.text).toBe(
      '[b]\nk = 3\n\n[profile lanyard-a]\n# managed\nsso_session = work\nregion = eu-west-1\n\n[profile lanyard-b]\nregion = us-east-1\n',
    );
  });

  it('refuses sections of another document and values other readers would misread', () => {
    const doc = parseAwsIni('[a]\n');
    const other = parseAwsIni('[a]\n');
    expect(() => editSections(doc, { remove: [other.sections[0]!] })).toThrow(/does not belong/);
    expect(() => renderSection({ header: 'profile x', body: [['region', 'a # b']] })).toThrow(/comment marker/);
    expect(() => renderSection({ header: 'profile ]x', body: [] })).toThrow(/header/);
    expect(() => renderSection({ header: 'x', body: [{ comment: 'two\nlines' }] })).toThrow(/line break/);
  });
});

describe('unifiedDiff of an edit', () => {
  const cases: Array<[string, string]> = [...configFixtures.map((item) => [item.name, item.text] as [string, string])];

  function bigEdit(doc: IniDocument) {
    const profiles = doc.sections.filter((section) => sectionId(section.header)?.type === 'profile');
    return editSections(doc, {
      replace: profiles
        .slice(0, 1)
        .map((section) => ({ section, with: { header: section.header, body: [['region', 'ap-south-1']] } })),
      remove: profiles.slice(1, 2),
      append: NEW_SECTIONS,
    });
  }

  it.each(cases)('%s: applying the diff to the old text gives the new text', (_name, text) => {
    const edited = bigEdit(parseAwsIni(text));
    const diff = unifiedDiff(edited, '/home/me/.aws/config');
    expect(diff.startsWith('--- /home/me/.aws/config\n+++ /home/me/.aws/config\n')).toBe(true);
    expect(applied(text, diff)).toBe(edited.text);
  });

  it('is exact for 300 random hostile documents with random edits', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 300; round += 1) {
      const text = randomHostileDocument(random, 60);
      const doc = parseAwsIni(text);
      const replaced = doc.sections.filter(() => random() < 0.3);
      const removed = doc.sections.filter((section) => !replaced.includes(section) && random() < 0.3);
      const edited = editSections(doc, {
        replace: replaced.map((section) => ({ section, with: { header: `x${section.line}`, body: [['k', 'v']] } })),
        remove: removed,
        append: random() < 0.5 ? NEW_SECTIONS : [],
      });
      const headers = parseAwsIni(edited.text).sections.map((section) => section.header);
      for (const section of replaced) expect(headers, JSON.stringify(text)).toContain(`x${section.line}`);
      expect(applied(text, unifiedDiff(edited, 'config')), JSON.stringify(text)).toBe(edited.text);
    }
  });

  it('shows three lines of context and a missing final newline', () => {
    const text = 'l1\nl2\nl3\nl4\nl5\n[profile x]\nregion = a';
    const doc = parseAwsIni(text);
    const edited = editSections(doc, {
      replace: [{ section: doc.sections[0]!, with: { header: 'profile x', body: [['region', 'b']] } }],
    });
    expect(unifiedDiff(edited, 'config')).toBe(
      [
        '--- config',
        '+++ config',
        '@@ -4,4 +4,4 @@',
        ' l4',
        ' l5',
        ' [profile x]',
        '-region = a',
        '\\ No newline at end of file',
        '+region = b',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff(editSections(doc, {}), 'config')).toBe('');
  });

  it('diffs thousands of scattered edits correctly', () => {
    const text = Array.from({ length: 4000 }, (_, index) => `[profile p${index}]\nregion = a\n`).join('\n');
    const doc = parseAwsIni(text);
    const edited = editSections(doc, {
      replace: doc.sections
        .filter((_, index) => index % 2 === 0)
        .map((section) => ({ section, with: { header: section.header, body: [['region', 'b']] } })),
    });
    const diff = unifiedDiff(edited, 'config');
    expect(applied(text, diff)).toBe(edited.text);
  });
});

describe('sectionId fast path', () => {
  it('reads plain headers as the shlex path does', () => {
    expect(sectionId('profile a.b-c@d+e')).toEqual({ type: 'profile', name: 'a.b-c@d+e' });
    expect(sectionId('sso-session work')).toEqual({ type: 'sso-session', name: 'work' });
    expect(sectionId('profile "quoted name"')).toEqual({ type: 'profile', name: 'quoted name' });
    expect(sectionId('profile  two')).toEqual({ type: 'profile', name: 'two' });
    expect(sectionId('profile a b')).toBeUndefined();
    expect(sectionId('profilex y')).toEqual({ type: 'profile', name: 'y' });
  });

  it('matches sectionText for rendered sections', () => {
    const doc = parseAwsIni(renderSection(NEW_SECTIONS[0]!).join('\n') + '\n');
    expect(sectionText(doc, doc.sections[0]!)).toBe(
      '[profile lanyard-a]\n# managed\nsso_session = work\nregion = eu-west-1\n',
    );
  });
});
