/**
 * The completion scripts: the spec derived from the program, then each script run in its real
 * shell (bash and zsh at an interactive prompt in a pseudo-terminal, and bash's function with
 * COMP_WORDS set by hand; fish through `complete -C`). PowerShell is not installed here: its
 * script is checked by content. A stub `lanyard` on the PATH answers `__complete` with
 * hostile names, as administrators may choose them.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionSpec } from '../../../electron/cli/completion.js';
import { run } from '../../../electron/cli/program.js';
import { BROWSER_NAMES } from '../../../electron/core/console/open-in-browser.js';
import { EXPORT_FORMATS } from '../../../electron/core/credentials/credential-exports.js';
import { PYTHON } from '../../support/python.js';
import { createTempHome, type TempHome } from '../../support/temp-home.js';

const ROLES = ['acme data/ReadOnly', 'team:prod.Admin', "it's$(x)/Role", 'back`tick"q/R'];
const SESSIONS = ['work', 'my corp'];

// Debian's paths (CI installs zsh and fish); the zsh and fish tests skip where they are missing.
const BASH = '/usr/bin/bash';
const ZSH = '/usr/bin/zsh';
const FISH = '/usr/bin/fish';
const HAS_ZSH = existsSync(ZSH);
const HAS_FISH = existsSync(FISH);

let temp: TempHome;
let bin: string;
const scripts: Record<string, string> = {};

/** The in-process CLI with a private HOME. */
async function lanyard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await run(args, {
    env: temp.env,
    interactive: false,
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}

/** The commands `lanyard --help` lists. */
async function helpCommands(): Promise<string[]> {
  const { stdout } = await lanyard(['--help']);
  const section = stdout.slice(stdout.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((match) => match[1] as string);
}

beforeAll(async () => {
  temp = createTempHome();
  bin = path.join(temp.home, 'bin');
  mkdirSync(bin);
  // The stub: names starting with PREFIX (any case), and every call logged.
  const stub = path.join(bin, 'lanyard');
  writeFileSync(
    stub,
    [
      '#!/bin/sh',
      '[ "$1" = __complete ] || exit 2',
      `printf '%s\\n' "$*" >> "${path.join(temp.home, 'calls.log')}"`,
      'case $2 in',
      `  roles) cat "${path.join(temp.home, 'roles.txt')}" ;;`,
      `  sessions) cat "${path.join(temp.home, 'sessions.txt')}" ;;`,
      `esac | P="$3" awk 'index(tolower($0), tolower(ENVIRON["P"])) == 1'`,
      '',
    ].join('\n'),
  );
  chmodSync(stub, 0o755);
  writeFileSync(path.join(temp.home, 'roles.txt'), `${ROLES.join('\n')}\n`);
  writeFileSync(path.join(temp.home, 'sessions.txt'), `${SESSIONS.join('\n')}\n`);
  // A command of our own, for completion after `exec ROLE --`.
  const tool = path.join(bin, 'lanyardtesttool');
  writeFileSync(tool, '#!/bin/sh\n');
  chmodSync(tool, 0o755);
  mkdirSync(path.join(temp.home, 'work dir'));
  writeFileSync(path.join(temp.home, 'work dir', 'notes.txt'), '');
  for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
    const result = await lanyard(['completion', shell]);
    expect(result.code).toBe(0);
    scripts[shell] = result.stdout;
    writeFileSync(path.join(temp.home, `lanyard.${shell}`), result.stdout);
  }
});
afterAll(() => temp.cleanup());

const shellEnv = (): Record<string, string> => ({
  ...temp.env,
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  TERM: 'xterm',
});

const calls = (): string[] => {
  const file = path.join(temp.home, 'calls.log');
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  writeFileSync(file, '');
  return lines;
};

describe('completionSpec', () => {
  it('derives commands, flags and arguments from the program, without hidden ones', () => {
    const program = new Command('lanyard');
    program
      .command('env')
      .argument('[role]')
      .option('--format <format>', 'the format. More text')
      .option('--unset', 'clear them')
      .option('--sso-session <name>', 'the session')
      .addOption(new Option('--secret <x>', 'hidden').hideHelp());
    program
      .command('brand-new')
      .description('A command added later. It completes without touching the completion code.')
      .argument('<things...>')
      .addOption(new Option('--shade <shade>', 'a shade').choices(['light', 'dark']));
    program.command('console').argument('[role]').option('--browser [name]', 'which browser');
    program.command('invisible', { hidden: true });

    const spec = completionSpec(program);
    expect(spec.commands.map((command) => command.name)).toEqual(['env', 'brand-new', 'console', 'help']);
    const env = spec.commands[0];
    expect(env?.options.map((option) => option.long)).toEqual(['--format', '--unset', '--sso-session', '--help']);
    expect(env?.options[0]).toMatchObject({
      description: 'the format',
      takesValue: true,
      valueName: 'format',
      values: { kind: 'fixed', values: EXPORT_FORMATS },
    });
    expect(env?.options[1]).toMatchObject({ takesValue: false });
    expect(env?.options[1]).not.toHaveProperty('values');
    expect(env?.options[2]?.values).toEqual({ kind: 'sessions' });
    expect(env?.arguments).toEqual([
      { name: 'role', description: 'role', required: false, variadic: false, values: { kind: 'roles' } },
    ]);
    const added = spec.commands[1];
    expect(added?.description).toBe('A command added later');
    expect(added?.options[0]).toMatchObject({ long: '--shade', values: { kind: 'fixed', values: ['light', 'dark'] } });
    expect(added?.arguments[0]).toMatchObject({ name: 'things', required: true, variadic: true });
    expect(spec.commands[2]?.options[0]).toMatchObject({
      long: '--browser',
      takesValue: true,
      values: { kind: 'fixed', values: BROWSER_NAMES },
    });
    expect(spec.commands[3]?.arguments[0]?.values).toEqual({
      kind: 'fixed',
      values: ['env', 'brand-new', 'console', 'help'],
    });
    expect(spec.options.map((option) => option.long)).toEqual(['--help']);
  });

  it('covers every command `lanyard --help` lists, in every script, and nothing hidden', async () => {
    const commands = await helpCommands();
    expect(commands).toEqual(expect.arrayContaining(['login', 'exec', 'env', 'console', 'pin', 'completion']));
    expect(commands.length).toBeGreaterThan(12);
    const bashCommands = /-z \$command \]\]; then\n\s+candidates=\(([^)]*)\)/.exec(scripts.bash as string)?.[1];
    expect(bashCommands?.replaceAll("'", '').split(' ')).toEqual(commands);
    for (const command of commands) {
      expect(scripts.zsh).toContain(`'${command}:`);
      expect(scripts.fish).toContain(`-n '__lanyard_using -' -a '${command}'`);
      expect(scripts.powershell).toContain(`'${command}' = '`);
    }
    expect(scripts.zsh).not.toContain("'__complete:");
    expect(scripts.fish).not.toContain("-a '__complete'");
    expect(scripts.powershell).not.toContain("'__complete' =");
    for (const script of Object.values(scripts))
      expect(script).not.toMatch(/--account-id|--role-name|--refresh|--debug/);
  });
});

describe('lanyard completion', () => {
  it('refuses an unknown shell and names the ones it knows', async () => {
    const result = await lanyard(['completion', 'tcsh']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"tcsh"');
    expect(result.stderr).toContain('bash, zsh, fish, powershell');
  });
});

// ---------------------------------------------------------------------------------------------
// bash, called as bash calls it

/**
 * COMP_WORDS as bash builds them: split at blanks, and around runs of ':' and '='
 * (COMP_WORDBREAKS) outside quotes; a trailing blank starts an empty word.
 */
function compWords(line: string): string[] {
  const words: string[] = [''];
  const isBreak = (text: string): boolean => text !== '' && /^[:=]+$/.test(text);
  const append = (text: string, breaking: boolean): void => {
    const last = words[words.length - 1] as string;
    if (last !== '' && isBreak(last) !== breaking) words.push(text);
    else words[words.length - 1] = last + text;
  };
  let quote = '';
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i] as string;
    if (quote) {
      words[words.length - 1] += c;
      if (c === quote) quote = '';
    } else if (c === ' ') {
      if (words[words.length - 1] !== '') words.push('');
    } else if (c === '\\') {
      append(c + (line[i + 1] ?? ''), false);
      i += 1;
    } else {
      if (c === "'" || c === '"') quote = c;
      append(c, c === ':' || c === '=');
    }
  }
  return words;
}

const BASH_DRIVER = String.raw`
source "$1"
COMP_LINE=$2 COMP_POINT=$\{#2}
shift 2
COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
_lanyard lanyard "$\{COMP_WORDS[COMP_CWORD]}" "$\{COMP_WORDS[COMP_CWORD - 1]}"
for reply in "$\{COMPREPLY[@]}"; do
  printf '%s\n' "$reply"
done
`.replaceAll('$\\{', '${');

/** COMPREPLY for a line typed up to the cursor (at its end). */
function bashReplies(line: string): string[] {
  const output = execFileSync(
    BASH,
    ['--norc', '-c', BASH_DRIVER, 'bash', path.join(temp.home, 'lanyard.bash'), line, ...compWords(line)],
    { env: shellEnv(), encoding: 'utf8' },
  );
  return output.split('\n').slice(0, -1);
}

/** The word bash reads back from a completion it inserts. */
function bashWord(inserted: string): string {
  return execFileSync(BASH, ['--norc', '-c', `words=(${inserted}); printf '%s|%s' "\${#words[@]}" "\${words[0]}"`], {
    encoding: 'utf8',
  });
}

describe('bash script, with COMP_WORDS set as bash sets them', () => {
  it('completes commands, flags and fixed values', () => {
    expect(bashReplies('lanyard ex')).toEqual(['exec']);
    expect(bashReplies('lanyard env --fo')).toEqual(['--format']);
    expect(bashReplies('lanyard env --format p')).toEqual(['powershell']);
    expect(bashReplies('lanyard env --format=p')).toEqual(['powershell']);
    expect(bashReplies('lanyard env --format ')).toEqual([...EXPORT_FORMATS]);
    expect(bashReplies('lanyard console --browser firefox')).toEqual(['firefox', 'firefox-container']);
    expect(bashReplies('lanyard console --region eu-west-1 --browser ch')).toEqual(['chrome', 'chromium']);
    expect(bashReplies('lanyard completion ')).toEqual(['bash', 'zsh', 'fish', 'powershell']);
    expect(bashReplies('lanyard help ser')).toEqual(['serve']);
    expect(bashReplies('lanyard --v')).toEqual(['--version']);
  });

  it('offers no hidden flag', () => {
    expect(bashReplies('lanyard exec --')).toEqual(['--region', '--static', '--sso-session', '--help']);
    expect(bashReplies('lanyard accounts --re')).toEqual([]);
    expect(bashReplies('lanyard __c')).toEqual([]);
  });

  it('gives role and session names from lanyard, each quoted as one word', () => {
    calls();
    const replies = bashReplies('lanyard exec ');
    expect(replies).toEqual(['acme\\ data/ReadOnly', 'team:prod.Admin', "it\\'s\\$\\(x\\)/Role", 'back\\`tick\\"q/R']);
    expect(replies.map(bashWord)).toEqual(ROLES.map((role) => `1|${role}`));
    expect(calls()).toEqual(['__complete roles']);

    expect(bashReplies('lanyard console --print-url acme\\ d')).toEqual(['acme\\ data/ReadOnly']);
    expect(calls()).toEqual(['__complete roles acme d']);
    for (const command of ['credential-process', 'env', 'serve', 'pin', 'unpin'])
      expect(bashReplies(`lanyard ${command} it`)).toEqual(["it\\'s\\$\\(x\\)/Role"]);
    expect(bashReplies('lanyard login --sso-session m')).toEqual(['my\\ corp']);
    expect(bashReplies('lanyard status --sso-session=')).toEqual(['work', 'my\\ corp']);
    // One ROLE only, and not as a flag's value.
    expect(bashReplies('lanyard exec work ')).toEqual([]);
    expect(bashReplies('lanyard exec --region ')).toEqual([]);
  });

  it("replaces only what follows ':' (bash splits words there), and keeps an opened quote", () => {
    calls();
    expect(bashReplies('lanyard exec team:pr')).toEqual(['prod.Admin']);
    expect(calls()).toEqual(['__complete roles team:pr']);
    expect(bashReplies("lanyard exec 'it")).toEqual(["it'\\''s$(x)/Role"]);
    expect(bashReplies('lanyard exec "ba')).toEqual(['back\\`tick\\"q/R']);
  });

  it('completes the command line after exec ROLE -- as bash completes commands', () => {
    expect(bashReplies('lanyard exec work -- lanyardtest')).toEqual(['lanyardtesttool']);
    expect(bashReplies('lanyard exec -- lanyardtest')).toEqual(['lanyardtesttool']);
  });
});

// ---------------------------------------------------------------------------------------------
// Interactive shells in a pseudo-terminal

/**
 * Types into `command` in a pseudo-terminal, and waits until the shell has written `lines`
 * lines to `result` (or the timeout, when it shows what was on the screen).
 */
const PTY_DRIVER = String.raw`
import os, pty, select, sys, time
result, lines, timeout, typed, command = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4].encode(), sys.argv[5:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
os.write(fd, typed)
screen = b''
deadline = time.time() + timeout
def done():
    return os.path.exists(result) and open(result, 'rb').read().count(b'\n') >= lines
while time.time() < deadline and not done():
    if select.select([fd], [], [], 0.05)[0]:
        try:
            screen += os.read(fd, 65536)
        except OSError:
            break
os.kill(pid, 9)
os.waitpid(pid, 0)
if not done():
    sys.exit('no result; the terminal showed:\n' + screen.decode(errors='replace'))
`;

let ptyRuns = 0;

/**
 * The command line after typing each of `lines` then Tab, in one interactive shell set up by
 * `setup` (which binds Ctrl-X to append the line to RESULT and clear it). Nothing typed may be
 * a terminal control key (Ctrl-U, Ctrl-C...): the terminal takes those until the shell reads.
 */
function typeTab(shell: string[], setup: string, lines: string[]): string[] {
  ptyRuns += 1;
  const result = path.join(temp.home, `lines-${ptyRuns}`);
  const setupFile = path.join(temp.home, `setup-${ptyRuns}`);
  writeFileSync(setupFile, setup.replaceAll('RESULT', result));
  const typed = `source ${setupFile}\n${lines.map((line) => `${line}\t\x18`).join('')}`;
  execFileSync(PYTHON, ['-c', PTY_DRIVER, result, String(lines.length), '30', typed, ...shell], { env: shellEnv() });
  return readFileSync(result, 'utf8').split('\n').slice(0, -1);
}

/** Expects each typed line (the keys) to become its value after Tab. */
function expectTabs(tab: (lines: string[]) => string[], cases: Record<string, string>): void {
  const typed = Object.keys(cases);
  expect(Object.fromEntries(tab(typed).map((line, i) => [typed[i], line]))).toEqual(cases);
}

const BASH_SETUP = (script: string): string => `
bind 'set bell-style none'
source ${script}
_dump() { printf '%s\\n' "$READLINE_LINE" >> RESULT; READLINE_LINE= READLINE_POINT=0; }
bind -x '"\\C-x": _dump'
`;

describe('bash script, typed at an interactive bash', () => {
  const tab = (lines: string[]): string[] =>
    typeTab([BASH, '--norc', '--noprofile', '-i'], BASH_SETUP(path.join(temp.home, 'lanyard.bash')), lines);

  it('inserts commands, flags, values and hostile role names as bash reads them back', () => {
    expectTabs(tab, {
      'lanyard ex': 'lanyard exec ',
      'lanyard env --format=po': 'lanyard env --format=powershell ',
      'lanyard exec it': "lanyard exec it\\'s\\$\\(x\\)/Role ",
      'lanyard exec team:p': 'lanyard exec team:prod.Admin ',
      "lanyard exec 'acme d": "lanyard exec 'acme data/ReadOnly' ",
      // lanyard matched it ignoring case; bash puts its spelling in.
      'lanyard exec ACME': 'lanyard exec acme\\ data/ReadOnly ',
      'lanyard exec x -- lanyardtestt': 'lanyard exec x -- lanyardtesttool ',
    });
  });
});

const ZSH_SETUP = (load: string): string => `
PS1='$ '
${load}
_dump() { print -r -- "$BUFFER" >> RESULT; BUFFER= }
zle -N _dump
bindkey '^X' _dump
`;

describe.skipIf(!HAS_ZSH)('zsh script', () => {
  const script = (): string => path.join(temp.home, 'lanyard.zsh');
  const sourced = (): string => `autoload -Uz compinit && compinit -u -D\nsource ${script()}`;
  const tab = (lines: string[], load = sourced()): string[] => typeTab([ZSH, '-f', '-i'], ZSH_SETUP(load), lines);

  it('is valid zsh and registers _lanyard for lanyard, sourced or from $fpath', () => {
    execFileSync(ZSH, ['-n', script()]);
    const check = 'whence -w _lanyard; print -r -- $_comps[lanyard]';
    expect(execFileSync(ZSH, ['-f', '-c', `${sourced()}\n${check}`], { encoding: 'utf8' })).toBe(
      '_lanyard: function\n_lanyard\n',
    );
    const fpath = path.join(temp.home, 'zfunctions');
    mkdirSync(fpath, { recursive: true });
    writeFileSync(path.join(fpath, '_lanyard'), scripts.zsh as string);
    const viaFpath = `fpath=(${fpath} $fpath)\nautoload -Uz compinit && compinit -u -D\n${check}`;
    expect(execFileSync(ZSH, ['-f', '-c', viaFpath], { encoding: 'utf8' })).toBe('_lanyard: function\n_lanyard\n');
  });

  it('inserts commands, flags, values and hostile role names as zsh reads them back', () => {
    expectTabs(tab, {
      'lanyard ex': 'lanyard exec ',
      'lanyard env --fo': 'lanyard env --format=',
      'lanyard env --format po': 'lanyard env --format powershell ',
      'lanyard console --browser firefox-': 'lanyard console --browser firefox-container ',
      'lanyard completion fi': 'lanyard completion fish ',
      'lanyard exec it': "lanyard exec it\\'s\\$\\(x\\)/Role ",
      'lanyard exec team': 'lanyard exec team:prod.Admin ',
      "lanyard exec 'acme": "lanyard exec 'acme data/ReadOnly' ",
      'lanyard exec ACME': 'lanyard exec acme\\ data/ReadOnly ',
      'lanyard login --sso-session my': 'lanyard login --sso-session my\\ corp ',
      'lanyard exec x -- lanyardtestt': 'lanyard exec x -- lanyardtesttool ',
      [`lanyard exec x -- lanyardtesttool ${temp.home}/work\\ d`]: `lanyard exec x -- lanyardtesttool ${temp.home}/work\\ dir/`,
    });
  });

  it('works installed as _lanyard in $fpath', () => {
    const load = `fpath=(${path.join(temp.home, 'zfunctions')} $fpath)\nautoload -Uz compinit && compinit -u -D`;
    expect(tab(['lanyard exec it'], load)).toEqual(["lanyard exec it\\'s\\$\\(x\\)/Role "]);
  });
});

// ---------------------------------------------------------------------------------------------
// fish

/** What fish offers for a command line (`complete -C`): candidates without descriptions. */
function fishOffers(line: string): string[] {
  const output = execFileSync(
    FISH,
    ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', path.join(temp.home, 'lanyard.fish'), line],
    { env: shellEnv(), encoding: 'utf8' },
  );
  return output
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.split('\t')[0] as string);
}

describe.skipIf(!HAS_FISH)('fish script', () => {
  it('is valid fish', () => {
    execFileSync(FISH, ['--no-config', '-n', path.join(temp.home, 'lanyard.fish')]);
  });

  it('offers commands with descriptions, flags and fixed values', async () => {
    expect(fishOffers('lanyard ex')).toEqual(['exec']);
    expect(fishOffers('lanyard ')).toEqual([...(await helpCommands())].sort());
    const described = execFileSync(
      FISH,
      ['--no-config', '-c', 'source $argv[1]; complete -C "lanyard log"', path.join(temp.home, 'lanyard.fish')],
      { env: shellEnv(), encoding: 'utf8' },
    );
    expect(described).toContain('login\tSign in to an SSO session');
    expect(fishOffers('lanyard env --fo')).toEqual(['--format']);
    expect(fishOffers('lanyard env --format p')).toEqual(['powershell']);
    expect(fishOffers('lanyard env --format=d')).toEqual(['--format=dotenv']);
    expect(fishOffers('lanyard console --browser firefox')).toEqual(['firefox', 'firefox-container']);
    expect(fishOffers('lanyard completion ')).toEqual(['bash', 'fish', 'powershell', 'zsh']);
    expect(fishOffers('lanyard exec --')).toEqual(['--help', '--region', '--sso-session', '--static']);
  });

  it('offers role and session names whole, once, and only where they go', () => {
    expect(fishOffers('lanyard exec ')).toEqual([...ROLES].sort());
    expect(fishOffers('lanyard pin team')).toEqual(['team:prod.Admin']);
    expect(fishOffers('lanyard console --region eu-west-1 it')).toEqual(["it's$(x)/Role"]);
    expect(fishOffers('lanyard login --sso-session ')).toEqual(['my corp', 'work']);
    expect(fishOffers('lanyard exec work ')).toEqual([]);
    expect(fishOffers('lanyard exec --region ')).toEqual([]);
  });

  it('completes the command line after exec ROLE -- as fish completes commands', () => {
    expect(fishOffers('lanyard exec work -- lanyardtestt')).toEqual(['lanyardtesttool']);
    expect(fishOffers(`lanyard exec work -- lanyardtesttool ${temp.home}/work\\ d`)).toEqual([
      `${temp.home}/work dir/`,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// PowerShell (not installed here: by content)

describe('PowerShell script', () => {
  it('registers a native completer that quotes names and asks lanyard for roles and sessions', () => {
    const script = scripts.powershell as string;
    expect(script).toContain("Register-ArgumentCompleter -Native -CommandName 'lanyard' -ScriptBlock {");
    expect(script).toContain('[System.Management.Automation.CompletionResult]::new(');
    // Names with anything but plain characters go in single quotes, quotes doubled.
    expect(script).toContain("if ($text -match '^[\\w./:=+-]+$' -and $text -notmatch '^-') { return $text }");
    expect(script).toContain(`"'" + ($text -replace '[''\\u2018\\u2019\\u201A\\u201B]', '$0$0') + "'"`);
    expect(script).toContain("& 'lanyard' @arguments 2>$null");
    expect(script).toContain("'env --format' = @('sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json')");
    expect(script).toContain(`'console --browser' = @(${BROWSER_NAMES.map((name) => `'${name}'`).join(', ')})`);
    expect(script).toContain("'completion 1' = @('bash', 'zsh', 'fish', 'powershell')");
    for (const command of ['console', 'exec', 'env', 'serve', 'credential-process', 'pin', 'unpin'])
      expect(script).toContain(`'${command} 1' = 'roles'`);
    expect(script).toContain("'login --sso-session' = 'sessions'");
    expect(script).toContain("$runsCommand = @('exec')");
    expect(script).toContain('CompletionCompleters]::CompleteCommand($wordToComplete)');
    // Descriptions with quotes stay inside their single-quoted strings.
    expect(script).toContain("'exec' = 'Run a command with one role''s credentials");
    // Balanced braces and no unterminated single-quoted string on any line.
    expect(script.split('{').length).toBe(script.split('}').length);
    for (const line of script.split('\n').filter((text) => !text.trimStart().startsWith('#')))
      expect(line.replaceAll("''", '').split("'").length % 2, line).toBe(1);
  });
});
