import { describe, expect, it } from 'vitest';
import {
  addSection,
  deleteKey,
  findSections,
  getEntry,
  parseAwsIni,
  removeSection,
  replaceSectionBody,
  sectionId,
  sectionText,
  sectionValues,
  serializeAwsIni,
  setValue,
  type IniDocument,
  type IniSection,
  type TextSpan,
} from '../../../../electron/core/aws-files/aws-ini.js';
import { hostileFixtures, randomHostileDocument, seededRandom } from './fixtures/hostile-configs/index.js';

const fixtures = hostileFixtures();
const fixture = (name: string): string => {
  const found = fixtures.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found.text;
};

function section(doc: IniDocument, header: string): IniSection {
  const found = doc.sections.find((candidate) => candidate.header === header);
  if (!found) throw new Error(`no [${header}]`);
  return found;
}

/** Asserts that `after` differs from `before` only inside `span` (offsets into `before`). */
function expectChangedOnlyWithin(before: string, after: string, span: TextSpan): void {
  const tail = before.slice(span.end);
  expect(after.length).toBeGreaterThanOrEqual(span.start + tail.length);
  expect(after.slice(0, span.start)).toBe(before.slice(0, span.start));
  expect(after.slice(after.length - tail.length)).toBe(tail);
}

/** The texts of all sections, to check that editing one leaves the others' bytes alone. */
function sectionTexts(doc: IniDocument): string[] {
  return doc.sections.map((candidate) => sectionText(doc, candidate));
}

function withoutIndex<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, position) => position !== index);
}

/** Every section for small files; first, middle and last for big ones. */
function sampleSections(doc: IniDocument): number[] {
  const count = doc.sections.length;
  if (count <= 20) return doc.sections.map((_, index) => index);
  return [0, Math.floor(count / 2), count - 1];
}

describe('hostile fixtures', () => {
  it('are committed byte-exact (git did not normalise them)', () => {
    expect(fixture('crlf.config')).toContain('\r\n');
    expect(fixture('crlf.config').replaceAll('\r\n', '')).not.toContain('\n');
    expect(fixture('cr-only.config')).not.toContain('\n');
    expect(fixture('bom.config').startsWith('\uFEFF')).toBe(true);
    expect(fixture('no-final-newline.config').endsWith('\n')).toBe(false);
    expect(fixture('mixed-endings.config')).toMatch(/\r\n[^]*[^\r]\n/);
    expect(fixture('empty.config')).toBe('');
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures.map((item) => [item.name, item.text] as const))('%s round-trips byte for byte', (_name, text) => {
    const doc = parseAwsIni(text);
    expect(serializeAwsIni(doc)).toBe(text);
    for (const line of doc.lines) expect(text.slice(line.start, line.start + line.text.length)).toBe(line.text);
    for (const item of doc.sections) {
      expect(sectionText(doc, item)).toBe(text.slice(item.span.start, item.span.end));
      expect(item.leadingTrivia.end).toBe(item.span.start);
    }
  });
});

describe('reading like botocore', () => {
  it('splits keys at the first = or :, lower-cases them and trims values', () => {
    const doc = parseAwsIni(fixture('colon-and-case.config'));
    expect(sectionValues(section(doc, 'default'))).toEqual({
      region: 'us-west-2',
      output: 'json',
      cli_pager: '',
      empty_with_space: '',
      key_only_equals: '',
    });
    expect(getEntry(section(doc, 'sso-session mixed'), 'SSO_START_URL')?.value).toBe('https://mixed.awsapps.com/start');
    expect(getEntry(section(doc, 'sso-session mixed'), 'sso_region')?.value).toBe('us-east-1');
  });

  it('reads inline comments the JS SDK way and keeps botocore’s reading beside it', () => {
    const doc = parseAwsIni(fixture('inline-comments.config'));
    const region = getEntry(section(doc, 'default'), 'region')!;
    expect(region).toMatchObject({ value: 'us-east-1', rawValue: 'us-east-1 # eu later', inlineComment: '# eu later' });
    expect(getEntry(section(doc, 'default'), 'output')).toMatchObject({ value: 'json', inlineComment: '; or text' });
    // A # that does not follow whitespace is part of the value for both readers.
    expect(getEntry(section(doc, 'default'), 'cli_pager')).toMatchObject({
      value: '#not-a-comment',
      rawValue: '#not-a-comment',
    });
    expect(getEntry(section(doc, 'default'), 'cli_pager')?.inlineComment).toBeUndefined();
    const web = section(doc, 'profile web');
    expect(getEntry(web, 'sso_start_url')?.value).toBe('https://example.awsapps.com/start#/');
    expect(getEntry(web, 'region')?.value).toBe('us-west-1');
    expect(getEntry(web, 'output')?.value).toBe('yaml');
  });

  it('reads indented blocks under an empty value as sub-maps, across blank and comment lines', () => {
    const doc = parseAwsIni(fixture('nested-blocks.config'));
    const defaults = section(doc, 'default');
    expect(getEntry(defaults, 's3')?.nested).toEqual({
      max_concurrent_requests: '20',
      max_queue_size: '10000',
      multipart_threshold: '64MB',
    });
    expect(getEntry(defaults, 'cli_follow_urlparam')?.value).toBe('false');
    expect(sectionValues(section(doc, 'profile nested'))).toEqual({
      region: 'eu-west-1',
      'ec2.api_versions': '2016-11-15',
    });
    expect(getEntry(section(doc, 'services local'), 'dynamodb')?.nested).toEqual({
      endpoint_url: 'http://localhost:8000',
    });
  });

  it('treats a line indented deeper than its key as a continuation, even a header', () => {
    const unicode = parseAwsIni(fixture('tabs-unicode.config'));
    expect(getEntry(section(unicode, 'default'), 'region')?.value).toBe('us-east-1\noutput = json');
    expect(getEntry(section(unicode, 'profile équipe'), 'description')?.value).toBe('ünïcödé value ✓');
    const odd = parseAwsIni(fixture('odd-headers.config'));
    expect(odd.sections.map((item) => item.header)).not.toContain('profile indented');
    expect(getEntry(section(odd, 'profile tail'), 'region')?.value).toBe('eu-west-1\n[profile indented]');
    const multi = parseAwsIni(fixture('indented-keys.config'));
    expect(sectionValues(section(multi, 'default'))).toEqual({ region: 'us-east-1', output: 'json' });
    expect(getEntry(section(multi, 'profile multi'), 'role_arn')?.value).toBe(
      'arn:aws:iam::123456789012:role/A\ncontinued line of role_arn',
    );
  });

  it('keeps a multi-line value’s blank lines, as botocore joins them', () => {
    const doc = parseAwsIni('[a]\nk = one\n\n  two\n# skipped\n  three\n\nnext = 1\n');
    expect(getEntry(section(doc, 'a'), 'k')).toMatchObject({ value: 'one\n\ntwo\nthree', lastLine: 5 });
    expect(getEntry(section(doc, 'a'), 'next')?.value).toBe('1');
  });

  it('marks text that is not INI as invalid lines and keeps it', () => {
    const doc = parseAwsIni(fixture('not-ini.config'));
    const invalid = doc.lines.filter((line) => line.kind === 'invalid').map((line) => line.text);
    expect(invalid).toEqual([
      'just_a_key',
      '= value without key',
      '[',
      '[]',
      '\u0000\u0001 control bytes \u007f',
      '<<<<<<< HEAD',
      '=======',
      '>>>>>>> branch',
    ]);
    expect(doc.sections.map((item) => item.header)).toEqual(['default', 'profile after']);
    const leading = parseAwsIni(fixture('leading-text.config'));
    expect(leading.lines.slice(0, 2).map((line) => line.kind)).toEqual(['invalid', 'invalid']);
    expect(leading.sections[0]?.leadingTrivia).toEqual({
      start: leading.lines[2]!.start,
      end: leading.lines[3]!.start,
    });
  });

  it('splits lines at CRLF, LF and a lone CR and picks the most used ending for new lines', () => {
    const mixed = parseAwsIni(fixture('mixed-endings.config'));
    expect(mixed.lines.map((line) => line.eol)).toEqual([
      '\r\n',
      '\n',
      '\r\n',
      '\n',
      '\r\n',
      '\r',
      '\n',
      '\n',
      '\n',
      '\r\n',
    ]);
    expect(mixed.eol).toBe('\n');
    expect(sectionValues(section(mixed, 'profile a'))).toEqual({ region: 'eu-central-1', output: 'text' });
    expect(parseAwsIni(fixture('cr-only.config')).eol).toBe('\r');
    expect(parseAwsIni(fixture('crlf.config')).eol).toBe('\r\n');
    expect(parseAwsIni('').eol).toBe('\n');
  });

  it('keeps a byte-order mark aside', () => {
    const doc = parseAwsIni(fixture('bom.config'));
    expect(doc.bom).toBe('\uFEFF');
    expect(doc.sections[0]).toMatchObject({ header: 'default', span: { start: 1 } });
  });

  it.each([
    ['default', 'config', { type: 'profile', name: 'default' }],
    ['profile dev', 'config', { type: 'profile', name: 'dev' }],
    ['profile  dev', 'config', { type: 'profile', name: 'dev' }],
    ['profile "my name"', 'config', { type: 'profile', name: 'my name' }],
    ["profile 'it''s'", 'config', { type: 'profile', name: 'its' }],
    ['profile a\\ b', 'config', { type: 'profile', name: 'a b' }],
    ['profile "a\\"b"', 'config', { type: 'profile', name: 'a"b' }],
    ['profiles typo', 'config', { type: 'profile', name: 'typo' }],
    ['sso-session corp', 'config', { type: 'sso-session', name: 'corp' }],
    ['services svc', 'config', { type: 'services', name: 'svc' }],
    [' profile spaced ', 'config', { type: 'other', name: ' profile spaced ' }],
    ['plugins', 'config', { type: 'other', name: 'plugins' }],
    ['profile', 'config', undefined],
    ['profile a b', 'config', undefined],
    ['profile "unclosed', 'config', undefined],
    ['profile trailing\\', 'config', undefined],
    ['profile x', 'credentials', { type: 'profile', name: 'profile x' }],
    [' spaced ', 'credentials', { type: 'profile', name: ' spaced ' }],
  ] as const)('[%s] in %s is %o', (header, file, expected) => {
    expect(sectionId(header, file)).toEqual(expected);
  });

  it('finds sections by what botocore calls them', () => {
    const doc = parseAwsIni(fixture('odd-headers.config'));
    expect(findSections(doc, 'profile', 'quoted name').map((item) => item.header)).toEqual(['profile "quoted name"']);
    expect(findSections(doc, 'sso-session', 'corp').map((item) => item.header)).toEqual(['sso-session  corp']);
    expect(findSections(doc, 'profile', 'spaced')).toEqual([]);
    const both = parseAwsIni(fixture('default-both.config'));
    expect(findSections(both, 'profile', 'default').map((item) => item.header)).toEqual(['default', 'profile default']);
  });

  it('reads the last of repeated keys', () => {
    const doc = parseAwsIni(fixture('duplicates.config'));
    expect(getEntry(doc.sections[1]!, 'region')?.value).toBe('eu-west-2');
  });
});

describe('which lines belong to a section', () => {
  const text = fixture('trailing-trivia.config');
  const doc = parseAwsIni(text);

  it('ends a section at its last content line; the comments after it lead the next section', () => {
    expect(sectionText(doc, section(doc, 'profile one'))).toBe('[profile one]\nregion = us-east-1\n');
    expect(text.slice(section(doc, 'profile two').leadingTrivia.start, section(doc, 'profile two').span.start)).toBe(
      '# trailing comment after one\n\n\n; comment right above two\n',
    );
  });

  it('keeps comments and blank lines between keys inside the section', () => {
    expect(sectionText(doc, section(doc, 'profile two'))).toBe(
      '[profile two]\nregion = us-east-2\n\n# comment between keys\noutput = json\n',
    );
  });

  it('leaves trivia at the end of the file to no section', () => {
    expect(sectionText(doc, section(doc, 'profile three'))).toBe('[profile three]\n');
    expect(doc.sections.at(-1)?.span.end).toBeLessThan(text.length);
  });
});

describe('editing touches only its target', () => {
  for (const item of fixtures) {
    it(`${item.name}: every edit keeps the bytes outside the edited section`, () => {
      const before = item.text;
      const doc = parseAwsIni(before);
      for (const index of sampleSections(doc)) {
        const target = doc.sections[index]!;
        const others = withoutIndex(sectionTexts(doc), index);
        const check = (edited: IniDocument, span: TextSpan, sectionsLeft = doc.sections.length): void => {
          const after = serializeAwsIni(edited);
          expectChangedOnlyWithin(before, after, span);
          expect(edited.sections).toHaveLength(sectionsLeft);
          if (sectionsLeft === doc.sections.length) expect(withoutIndex(sectionTexts(edited), index)).toEqual(others);
          else expect(sectionTexts(edited)).toEqual(others);
        };

        const added = setValue(doc, target, 'lanyard_new_key', 'new-value');
        check(added, { start: target.span.end, end: target.span.end });
        expect(getEntry(added.sections[index]!, 'lanyard_new_key')?.value).toBe('new-value');

        const firstKey = target.entries[0];
        if (firstKey) {
          const changed = setValue(doc, target, firstKey.key, 'changed-value');
          check(changed, target.span);
          expect(getEntry(changed.sections[index]!, firstKey.key)).toMatchObject({
            value: 'changed-value',
            rawValue: 'changed-value',
          });
          const deleted = deleteKey(doc, target, firstKey.key);
          check(deleted, target.span);
          expect(getEntry(deleted.sections[index]!, firstKey.key)).toBeUndefined();
        }

        const replaced = replaceSectionBody(doc, target, [
          ['a', '1'],
          ['b', '2'],
        ]);
        check(replaced, target.span);
        expect(sectionValues(replaced.sections[index]!)).toEqual({ a: '1', b: '2' });
        expect(replaced.sections[index]!.header).toBe(target.header);

        const next = doc.lines[target.lastLine + 1];
        const removalEnd = next?.kind === 'blank' ? next.start + next.text.length + next.eol.length : target.span.end;
        check(removeSection(doc, target), { start: target.span.start, end: removalEnd }, doc.sections.length - 1);
      }
    });
  }

  it('replaces a value in place, keeping the key’s spelling and spacing', () => {
    const doc = parseAwsIni(fixture('colon-and-case.config'));
    let edited = doc;
    for (const [key, value] of [
      ['region', 'eu-west-1'],
      ['output', 'text'],
      ['cli_pager', 'less'],
      ['empty_with_space', 'x'],
      ['key_only_equals', 'y'],
    ]) {
      edited = setValue(edited, edited.sections[0]!, key!, value!);
    }
    expect(serializeAwsIni(edited)).toBe(
      fixture('colon-and-case.config').replace(
        'Region: us-west-2\nOUTPUT=json\ncli_pager=\nempty_with_space = \nkey_only_equals =\n',
        'Region: eu-west-1\nOUTPUT=text\ncli_pager=less\nempty_with_space = x\nkey_only_equals = y\n',
      ),
    );
  });

  it('returns the same document when the value is already there', () => {
    const doc = parseAwsIni(fixture('plain.config'));
    expect(setValue(doc, section(doc, 'profile dev'), 'region', 'eu-west-1')).toBe(doc);
    expect(deleteKey(doc, section(doc, 'profile dev'), 'missing')).toBe(doc);
  });

  it('drops an inline comment botocore would read as part of the value', () => {
    const doc = parseAwsIni(fixture('inline-comments.config'));
    const edited = setValue(doc, section(doc, 'default'), 'region', 'us-east-1');
    expect(serializeAwsIni(edited)).toBe(
      fixture('inline-comments.config').replace('region = us-east-1 # eu later', 'region = us-east-1'),
    );
  });

  it('removes earlier repeats of a key so every reader sees one value', () => {
    const doc = parseAwsIni('[p]\nregion = a\noutput = json\nREGION = b\n');
    expect(serializeAwsIni(setValue(doc, doc.sections[0]!, 'region', 'c'))).toBe('[p]\noutput = json\nREGION = c\n');
    expect(serializeAwsIni(deleteKey(doc, doc.sections[0]!, 'region'))).toBe('[p]\noutput = json\n');
  });

  it('replaces a nested block with a plain value', () => {
    const text = fixture('nested-blocks.config');
    const doc = parseAwsIni(text);
    const edited = serializeAwsIni(setValue(doc, section(doc, 'default'), 's3', 'off'));
    expect(edited).toBe(text.replace(/s3 =\n[^]*?64MB/, 's3 = off'));
  });

  it('appends a new key after the last key, before comments that lead the next section', () => {
    const doc = parseAwsIni(fixture('trailing-trivia.config'));
    const edited = serializeAwsIni(setValue(doc, section(doc, 'profile one'), 'output', 'json'));
    expect(edited.startsWith('[profile one]\nregion = us-east-1\noutput = json\n# trailing comment after one\n')).toBe(
      true,
    );
    const afterHeader = serializeAwsIni(setValue(doc, section(doc, 'profile three'), 'region', 'x'));
    expect(afterHeader.endsWith('[profile three]\nregion = x\n\n# end of file comment\n')).toBe(true);
  });

  it('styles a new key like the key above it', () => {
    const tabs = parseAwsIni('[a]\n  k\t=\tv\n');
    expect(serializeAwsIni(setValue(tabs, tabs.sections[0]!, 'n', 'w'))).toBe('[a]\n  k\t=\tv\n  n\t=\tw\n');
    const tight = parseAwsIni('[a]\nk=v\n');
    expect(serializeAwsIni(setValue(tight, tight.sections[0]!, 'n', 'w'))).toBe('[a]\nk=v\nn=w\n');
    const empty = parseAwsIni('[a]\nk =\n');
    expect(serializeAwsIni(setValue(empty, empty.sections[0]!, 'n', 'w'))).toBe('[a]\nk =\nn = w\n');
  });

  it('writes new lines with the file’s own line ending', () => {
    const text = fixture('crlf.config');
    const doc = parseAwsIni(text);
    const withKey = serializeAwsIni(setValue(doc, section(doc, 'profile ops'), 'region', 'us-east-1'));
    expect(withKey).toBe(
      text.replace('source_profile = default\r\n', 'source_profile = default\r\nregion = us-east-1\r\n'),
    );
    const withSection = serializeAwsIni(addSection(doc, 'sso-session corp', [['sso_region', 'us-east-1']]));
    expect(withSection).toBe(`${text}\r\n[sso-session corp]\r\nsso_region = us-east-1\r\n`);
  });

  it('adds a key to a last line that has no final newline', () => {
    const text = fixture('no-final-newline.config');
    const doc = parseAwsIni(text);
    expect(serializeAwsIni(setValue(doc, section(doc, 'profile last'), 'output', 'json'))).toBe(
      `${text}\noutput = json\n`,
    );
    const header = parseAwsIni('[a]');
    expect(serializeAwsIni(setValue(header, header.sections[0]!, 'k', 'v'))).toBe('[a]\nk = v\n');
    expect(serializeAwsIni(replaceSectionBody(header, header.sections[0]!, [['k', 'v']]))).toBe('[a]\nk = v\n');
  });
});

describe('addSection', () => {
  it.each([
    ['', '[s]\nk = v\n'],
    ['[a]\nx = 1\n', '[a]\nx = 1\n\n[s]\nk = v\n'],
    ['[a]\nx = 1', '[a]\nx = 1\n\n[s]\nk = v\n'],
    ['[a]\nx = 1\n\n', '[a]\nx = 1\n\n[s]\nk = v\n'],
    ['# only a comment', '# only a comment\n\n[s]\nk = v\n'],
    ['\n \n\t\n   ', '\n \n\t\n   \n[s]\nk = v\n'],
    ['\uFEFF', '\uFEFF[s]\nk = v\n'],
    ['\uFEFF[a]\r\n', '\uFEFF[a]\r\n\r\n[s]\r\nk = v\r\n'],
  ])('appends to %j', (text, expected) => {
    expect(serializeAwsIni(addSection(parseAwsIni(text), 's', [['k', 'v']]))).toBe(expected);
  });

  it('keeps every fixture’s bytes and starts the section on its own line', () => {
    for (const item of fixtures) {
      const after = serializeAwsIni(
        addSection(parseAwsIni(item.text), 'sso-session lanyard', [['sso_region', 'us-east-1']]),
      );
      expect(after.startsWith(item.text)).toBe(true);
      const added = parseAwsIni(after).sections.at(-1)!;
      expect(added.header).toBe('sso-session lanyard');
      expect(sectionValues(added)).toEqual({ sso_region: 'us-east-1' });
    }
  });

  it('refuses headers and values that would not read back the same', () => {
    const doc = parseAwsIni('');
    expect(() => addSection(doc, 'a]b', [])).toThrow();
    expect(() => addSection(doc, ' padded', [])).toThrow();
    expect(() => addSection(doc, 's', [['k', 'two\nlines']])).toThrow();
    expect(() => addSection(doc, 's', [['k', 'v # comment']])).toThrow();
    expect(() => addSection(doc, 's', [['bad key', 'v']])).toThrow();
  });
});

describe('removeSection', () => {
  it('keeps a user comment above the next section', () => {
    const text = fixture('existing-session.config');
    const doc = parseAwsIni(text);
    const after = serializeAwsIni(removeSection(doc, section(doc, 'sso-session lanyard-interop')));
    expect(after).toBe(
      '[default]\nregion = us-east-1\n\n# managed by hand before Lanyard\n# comment above the next section\n[profile after-session]\n' +
        'sso_session = lanyard-interop\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n',
    );
  });

  it('keeps the comments after a section when no blank line follows it', () => {
    const doc = parseAwsIni(fixture('trailing-trivia.config'));
    const after = serializeAwsIni(removeSection(doc, section(doc, 'profile one')));
    expect(after.startsWith('# trailing comment after one\n\n\n; comment right above two\n[profile two]\n')).toBe(true);
  });

  it('undoes addSection up to the separator it wrote', () => {
    for (const item of fixtures) {
      const added = addSection(parseAwsIni(item.text), 'profile lanyard', [['region', 'us-east-1']]);
      const removed = serializeAwsIni(removeSection(added, added.sections.at(-1)!));
      expect(removed.startsWith(item.text)).toBe(true);
      expect(removed.slice(item.text.length)).toMatch(/^(\r\n|\n|\r){0,2}$/);
    }
  });

  it('refuses a section from another document', () => {
    const doc = parseAwsIni('[a]\n');
    const other = parseAwsIni('[a]\n');
    expect(() => removeSection(doc, other.sections[0]!)).toThrow(/does not belong/);
  });
});

describe('random hostile documents', () => {
  it('round-trip exactly and edit only their target', () => {
    const random = seededRandom(20240611);
    for (let run = 0; run < 1500; run += 1) {
      const text = randomHostileDocument(random);
      const doc = parseAwsIni(text);
      expect(serializeAwsIni(doc), JSON.stringify(text)).toBe(text);
      let previousEnd = 0;
      for (const item of doc.sections) {
        expect(item.leadingTrivia.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = item.span.end;
      }
      const target = doc.sections[Math.floor(random() * doc.sections.length)];
      if (!target) continue;
      expectChangedOnlyWithin(text, serializeAwsIni(setValue(doc, target, 'region', 'us-east-1')), target.span);
      expectChangedOnlyWithin(text, serializeAwsIni(replaceSectionBody(doc, target, [['k', 'v']])), target.span);
      const removed = serializeAwsIni(removeSection(doc, target));
      expect(removed.slice(0, target.span.start)).toBe(text.slice(0, target.span.start));
      expect(text.endsWith(removed.slice(target.span.start))).toBe(true);
    }
  });
});

describe('large files', () => {
  it('round-trips 1 MB with thousands of sections', () => {
    const parts: string[] = ['# generated\n'];
    let size = 0;
    for (let index = 0; size < 1_000_000; index += 1) {
      const block = `\n# account ${index}\n[profile p-${index}]\nsso_session = corp\nsso_account_id = ${String(index).padStart(12, '0')}\nsso_role_name = Role${index % 7}\nregion = us-east-1\n`;
      parts.push(block);
      size += block.length;
    }
    const text = parts.join('');
    // Speed is measured in test/bench (sync.bench.ts); here only correctness at this size.
    const doc = parseAwsIni(text);
    expect(serializeAwsIni(doc)).toBe(text);
    expect(doc.sections.length).toBeGreaterThan(5000);
  });
});
