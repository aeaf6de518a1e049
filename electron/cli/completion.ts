/**
 * `lanyard completion bash|zsh|fish|powershell`: a completion script for each shell, generated
 * from the commander program itself (its visible commands, their options and arguments), so a
 * new command or flag completes without touching this file. What the values of a flag or an
 * argument are comes from the small tables below.
 *
 * Role and session names change with the AWS config and the stored account lists, so the
 * scripts ask `lanyard __complete roles|sessions [PREFIX]` for them (one name a line; see
 * complete-candidates.ts). They run `lanyard` as found on the PATH, the name the user types.
 * Names are chosen by administrators and may hold spaces, quotes, `$`, `:` and more: every
 * script hands them to its shell as data, quoted for the command line the shell edits.
 */
import type { Argument, Command, Option } from 'commander';
import { BROWSER_NAMES } from '../core/console/open-in-browser.js';
import { EXPORT_FORMATS } from '../core/credentials/credential-exports.js';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

export const isShell = (name: string): name is Shell => (SHELLS as readonly string[]).includes(name);

/** Where the values of a flag or an argument come from. */
export type ValueSource =
  | { kind: 'roles' } // `lanyard __complete roles`
  | { kind: 'sessions' } // `lanyard __complete sessions`
  | { kind: 'fixed'; values: readonly string[] };

export interface OptionSpec {
  /** `--format` */
  long: string;
  /** `-h`, when the option has one. */
  short?: string;
  description: string;
  takesValue: boolean;
  /** What the value is called in the usage (`<format>` gives `format`). */
  valueName: string;
  values?: ValueSource;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  values?: ValueSource;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  arguments: ArgumentSpec[];
  /** Takes a command to run after `--` (completed as the shell completes any command line). */
  runsCommand: boolean;
}

export interface CompletionSpec {
  /** The command the scripts complete and call: `lanyard`. */
  name: string;
  options: OptionSpec[];
  commands: CommandSpec[];
}

// ---------------------------------------------------------------------------------------------
// Value sources

const ROLES: ValueSource = { kind: 'roles' };
const SESSIONS: ValueSource = { kind: 'sessions' };
const fixed = (values: readonly string[]): ValueSource => ({ kind: 'fixed', values });

/** Option values, by `--option` (in every command) or `command --option`. */
const OPTION_VALUES: Readonly<Record<string, ValueSource>> = {
  '--sso-session': SESSIONS,
  'env --format': fixed(EXPORT_FORMATS),
  'console --browser': fixed(BROWSER_NAMES),
};

/** Argument values, by argument name (in every command) or `command argument`. */
const ARGUMENT_VALUES: Readonly<Record<string, ValueSource>> = {
  role: ROLES,
  'completion shell': fixed(SHELLS),
};

/** Commands that run the command line after `--`. */
const RUNS_COMMAND = new Set(['exec']);

// ---------------------------------------------------------------------------------------------
// The spec, from the program

/** The first sentence of a description, on one line, without its full stop. */
function summary(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const first = oneLine.split(/(?<=\.) (?=[A-Z])/)[0] ?? oneLine;
  return first.replace(/\.$/, '');
}

function optionSpec(command: string, option: Option): OptionSpec | undefined {
  if (!option.long) return undefined;
  const takesValue = option.required || option.optional;
  const values =
    OPTION_VALUES[`${command} ${option.long}`] ??
    OPTION_VALUES[option.long] ??
    (option.argChoices ? fixed(option.argChoices) : undefined);
  return {
    long: option.long,
    ...(option.short ? { short: option.short } : {}),
    description: summary(option.description),
    takesValue,
    valueName: /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1]?.replace(/\.\.\.$/, '') ?? 'value',
    ...(takesValue && values ? { values } : {}),
  };
}

function argumentSpec(command: string, argument: Argument, commandNames: readonly string[]): ArgumentSpec {
  const name = argument.name();
  const values =
    ARGUMENT_VALUES[`${command} ${name}`] ??
    ARGUMENT_VALUES[name] ??
    // commander's own `help [command]`
    (command === 'help' && name === 'command' ? fixed(commandNames) : undefined) ??
    (argument.argChoices ? fixed(argument.argChoices) : undefined);
  return {
    name,
    description: summary(argument.description || name),
    required: argument.required,
    variadic: argument.variadic,
    ...(values ? { values } : {}),
  };
}

/** The commands, flags and arguments to complete: everything `--help` shows, nothing hidden. */
export function completionSpec(program: Command): CompletionSpec {
  const help = program.createHelp();
  const options = (command: Command): OptionSpec[] =>
    help
      .visibleOptions(command)
      .filter((option) => !option.hidden)
      .map((option) => optionSpec(command.name(), option))
      .filter((option): option is OptionSpec => option !== undefined);
  const commands = help.visibleCommands(program);
  const names = commands.map((command) => command.name());
  return {
    name: program.name(),
    options: options(program),
    commands: commands.map((command) => ({
      name: command.name(),
      description: summary(help.subcommandDescription(command)),
      options: options(command),
      arguments: command.registeredArguments.map((argument) => argumentSpec(command.name(), argument, names)),
      runsCommand: RUNS_COMMAND.has(command.name()),
    })),
  };
}

export function completionScript(shell: Shell, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
    case 'powershell':
      return powershellScript(spec);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for writing scripts

/**
 * Shell source as written: backslashes stay, `${...}` interpolates a TypeScript value, and
 * `$\{` and `\`` stand for the shell's own `${` and backquote (which would end or interpolate
 * a template literal).
 */
function source(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.raw.map((text) => text.replaceAll('$\\{', '${').replaceAll('\\`', '`'));
  return String.raw({ raw }, ...values);
}

/** A word in single quotes for bash and zsh. */
const shQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** A word in single quotes for fish (which takes `\\` and `\'` inside them). */
const fishQuote = (text: string): string => `'${text.replace(/[\\']/g, '\\$&')}'`;

/** A word in single quotes for PowerShell (which also takes the typographic single quotes). */
const psQuote = (text: string): string => `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;

/** The keys of valueEntries grouped by their source (one bash case per source). */
function groupBySource(
  entries: Array<{ key: string; values: ValueSource }>,
): Map<string, { values: ValueSource; keys: string[] }> {
  const groups = new Map<string, { values: ValueSource; keys: string[] }>();
  for (const { key, values } of entries) {
    const id = values.kind === 'fixed' ? `fixed:${JSON.stringify(values.values)}` : values.kind;
    const group = groups.get(id) ?? { values, keys: [] };
    group.keys.push(key);
    groups.set(id, group);
  }
  return groups;
}

/** `command --option` and `command N` (the Nth argument, 1-based) with their value sources. */
function valueEntries(spec: CompletionSpec): Array<{ key: string; values: ValueSource }> {
  const entries: Array<{ key: string; values: ValueSource }> = [];
  for (const command of spec.commands) {
    for (const option of command.options)
      if (option.values) entries.push({ key: `${command.name} ${option.long}`, values: option.values });
    command.arguments.forEach((argument, index) => {
      if (argument.values) entries.push({ key: `${command.name} ${index + 1}`, values: argument.values });
    });
  }
  return entries;
}

const flagsOf = (options: readonly OptionSpec[]): string[] =>
  options.flatMap((option) => (option.short ? [option.short, option.long] : [option.long]));

// ---------------------------------------------------------------------------------------------
// bash

function bashScript(spec: CompletionSpec): string {
  const flagCases = [
    `    '') candidates=(${flagsOf(spec.options).join(' ')}) ;;`,
    ...spec.commands.map(
      (command) => `    ${shQuote(command.name)}) candidates=(${flagsOf(command.options).join(' ')}) ;;`,
    ),
  ];
  const valueFlags = spec.commands.flatMap((command) =>
    command.options.filter((option) => option.takesValue).map((option) => shQuote(`${command.name} ${option.long}`)),
  );
  const valueCases = [...groupBySource(valueEntries(spec)).values()].map(({ values, keys }) => {
    const patterns = keys.map((key) => {
      const [command, position] = key.split(' ') as [string, string];
      const argument = spec.commands.find((candidate) => candidate.name === command)?.arguments[Number(position) - 1];
      // A variadic last argument takes every position from its own on.
      return argument?.variadic && Number(position) <= 9
        ? `${shQuote(`${command} `)}[${position}-9]|${shQuote(`${command} `)}[1-9][0-9]*`
        : shQuote(key);
    });
    const action =
      values.kind === 'fixed'
        ? `candidates=(${values.values.map(shQuote).join(' ')})`
        : `_lanyard_ask ${values.kind} "$3"`;
    return `    ${patterns.join('|')}) ${action} ;;`;
  });
  const runsCommand = spec.commands.filter((command) => command.runsCommand).map((command) => shQuote(command.name));
  return source`# bash completion for ${spec.name}. Load it from ~/.bashrc:
#   source <(${spec.name} completion bash)
# or save it as ~/.local/share/bash-completion/completions/${spec.name}.
# Role and session names come from \`${spec.name} __complete\`, run as \`${spec.name}\` from the PATH.

# The flags of a command ('' for lanyard itself) into candidates.
_lanyard_flags() {
  case $1 in
${flagCases.join('\n')}
  esac
}

# Whether the flag $2 of command $1 takes a value.
_lanyard_takes_value() {
  case "$1 $2" in
    ${valueFlags.join('|') || "''"}) return 0 ;;
  esac
  return 1
}

# The values of flag $2 (or argument number $2) of command $1 into candidates, for the typed $3.
_lanyard_values() {
  case "$1 $2" in
${valueCases.join('\n')}
    *) return 1 ;;
  esac
}

# Whether command $1 runs the command line after --.
_lanyard_runs_command() {
  case $1 in
    ${runsCommand.join('|') || "''"}) return 0 ;;
  esac
  return 1
}

# Role (or session) names from lanyard, one a line, taken whole whatever they contain.
# lanyard matches them against $2 itself (ignoring case, or anywhere in the name).
_lanyard_ask() {
  [[ $2 == -* ]] && return 0
  local line
  while IFS= read -r line; do
    [[ -n $line ]] && candidates+=("$line")
  done < <(command ${spec.name} __complete "$1" $\{2:+"$2"} 2>/dev/null)
  matched=1
}

# COMP_WORDS with the words bash split at ':' and '=' (COMP_WORDBREAKS) joined again, into
# words and cword: 'team:prod' is one role name, '--format=json' one word.
_lanyard_join_words() {
  local i pos=0 start word
  words=() cword=0
  for ((i = 0; i < $\{#COMP_WORDS[@]}; i++)); do
    word=$\{COMP_WORDS[i]}
    start=$pos
    while [[ $\{COMP_LINE:pos:1} == [[:space:]] ]]; do ((pos++)); done
    if ((i > 0 && pos == start)); then
      words[$\{#words[@]} - 1]+=$word
    else
      words+=("$word")
    fi
    ((pos += $\{#word}))
    ((i == COMP_CWORD)) && cword=$(($\{#words[@]} - 1))
  done
}

# The word $1 without its quoting and backslashes, into REPLY.
_lanyard_unquote() {
  local word=$1 quote= c i
  REPLY=
  for ((i = 0; i < $\{#word}; i++)); do
    c=$\{word:i:1}
    if [[ $quote == "'" ]]; then
      [[ $c == "'" ]] && quote= || REPLY+=$c
    elif [[ $c == '\' ]]; then
      ((i++))
      REPLY+=$\{word:i:1}
    elif [[ -n $quote ]]; then
      [[ $c == '"' ]] && quote= || REPLY+=$c
    elif [[ $c == "'" || $c == '"' ]]; then
      quote=$c
    else
      REPLY+=$c
    fi
  done
}

# COMPREPLY from candidates, for a word typed as $1 (e.g. --format=) and $2 (the value so far).
# Each is quoted as the line needs it: with printf %q, or for the quote the user opened.
_lanyard_reply() {
  local head=$1 typed=$2 word=$1$2 quote= keep= tail candidate quoted
  _lanyard_unquote "$typed"
  local value=$REPLY
  case $typed in
    \'* | \"*) quote=$\{typed:0:1} ;;
    *)
      # Bash replaces only what follows the last ':' or '=' (when in COMP_WORDBREAKS): keep the rest.
      tail=$word
      [[ $COMP_WORDBREAKS == *:* ]] && tail=$\{tail##*:}
      [[ $COMP_WORDBREAKS == *=* ]] && tail=$\{tail##*=}
      keep=$\{word:0:$\{#word}-$\{#tail}}
      ;;
  esac
  for candidate in "$\{candidates[@]}"; do
    ((matched)) || [[ $candidate == "$value"* ]] || continue
    case $quote in
      \') quoted=$\{candidate//\'/\'\\\'\'} ;;
      \")
        quoted=$\{candidate//\\/\\\\}
        quoted=$\{quoted//\"/\\\"}
        quoted=$\{quoted//\$/\\\$}
        quoted=$\{quoted//$'\x60'/\\$'\x60'}
        ;;
      *)
        printf -v quoted %q "$candidate"
        quoted=$head$quoted
        [[ $quoted == "$keep"* ]] || continue
        quoted=$\{quoted:$\{#keep}}
        ;;
    esac
    COMPREPLY+=("$quoted")
  done
}

# After 'exec ... --': the command line to run, completed as bash completes any command.
_lanyard_command_line() {
  local i offset=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    [[ $\{COMP_WORDS[i]} == -- ]] && offset=$((i + 1)) && break
  done
  if declare -F _comp_command_offset >/dev/null; then
    _comp_command_offset "$offset"
  elif declare -F _command_offset >/dev/null; then
    _command_offset "$offset"
  elif ((COMP_CWORD == offset)); then
    local line
    while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -c -- "$\{COMP_WORDS[COMP_CWORD]}")
  else
    compopt -o default 2>/dev/null
  fi
}

_lanyard() {
  local -a words candidates=()
  local cword matched=0 command= option= positional=0 dashdash=0 i word
  COMPREPLY=()
  _lanyard_join_words
  local cur=$\{words[cword]}
  for ((i = 1; i < cword; i++)); do
    word=$\{words[i]}
    if [[ -n $option ]]; then
      option=
    elif ((dashdash)) || [[ $word != -* ]]; then
      [[ -z $command ]] && command=$word || ((positional++))
    elif [[ $word == -- ]]; then
      dashdash=1
      if _lanyard_runs_command "$command"; then
        _lanyard_command_line
        return 0
      fi
    elif [[ $word != *=* ]] && _lanyard_takes_value "$command" "$word"; then
      option=$word
    fi
  done
  local head=
  if [[ -n $option ]]; then
    _lanyard_unquote "$cur"
    _lanyard_values "$command" "$option" "$REPLY"
  elif ((!dashdash)) && [[ $cur == --*=* ]]; then
    head=$\{cur%%=*}=
    cur=$\{cur#*=}
    _lanyard_unquote "$cur"
    _lanyard_takes_value "$command" "$\{head%=}" && _lanyard_values "$command" "$\{head%=}" "$REPLY"
  elif ((!dashdash)) && [[ $cur == -* ]]; then
    _lanyard_flags "$command"
  elif [[ -z $command ]]; then
    candidates=(${spec.commands.map((command) => shQuote(command.name)).join(' ')})
  else
    _lanyard_unquote "$cur"
    _lanyard_values "$command" $((positional + 1)) "$REPLY"
  fi
  _lanyard_reply "$head" "$cur"
  return 0
}

complete -F _lanyard ${spec.name}
`;
}

// ---------------------------------------------------------------------------------------------
// zsh

/** A word for zsh to read as one (in `_arguments` value lists). */
const zshWord = (text: string): string => text.replace(/[^\w./@%+,=-]/g, '\\$&');

/** Text inside `[...]` of an `_arguments` spec. */
const zshExplanation = (text: string): string => text.replace(/[\\[\]]/g, '\\$&');

function zshAction(values: ValueSource | undefined): string {
  if (!values) return ' ';
  if (values.kind === 'roles') return '_lanyard_roles';
  if (values.kind === 'sessions') return '_lanyard_sessions';
  return `(${values.values.map(zshWord).join(' ')})`;
}

/** The `_arguments` specs of some options, each a quoted word of the script. */
function zshOptions(options: readonly OptionSpec[]): string[] {
  return options.map((option) => {
    const explanation = `[${zshExplanation(option.description)}]`;
    const value = option.takesValue ? `:${zshWord(option.valueName)}:${zshAction(option.values)}` : '';
    const exclusive = option.long === '--help' || option.long === '--version' ? '(- *)' : '';
    if (!option.short)
      return shQuote(`${exclusive}${option.long}${option.takesValue ? '=' : ''}${explanation}${value}`);
    const names = option.takesValue ? `{${option.short}+,${option.long}=}` : `{${option.short},${option.long}}`;
    return `${shQuote(exclusive || `(${option.short} ${option.long})`)}${names}${shQuote(`${explanation}${value}`)}`;
  });
}

function zshArguments(command: CommandSpec): string[] {
  return command.arguments.map((argument, index) => {
    const position = argument.variadic ? '*' : String(index + 1);
    const optional = argument.required || argument.variadic ? '' : ':';
    return shQuote(`${position}:${optional}${zshWord(argument.name)}:${zshAction(argument.values)}`);
  });
}

function zshScript(spec: CompletionSpec): string {
  const continued = (words: string[]): string => words.map((word) => ` \\\n        ${word}`).join('');
  const cases = spec.commands.map((command) => {
    const specs = continued([...zshOptions(command.options), ...zshArguments(command)]);
    const parse = `_arguments -S${specs} && ret=0`;
    if (!command.runsCommand) return `    (${zshWord(command.name)})\n      ${parse}\n      ;;`;
    return source`    (${zshWord(command.name)})
      if (( dashdash < CURRENT )); then
        # The command line after --, completed as zsh completes any command.
        words=("$\{(@)words[dashdash+1,-1]}")
        (( CURRENT -= dashdash ))
        _normal && ret=0
      else
        ${parse.replaceAll('\n', '\n  ')}
      fi
      ;;`;
  });
  const described = spec.commands.map((command) =>
    shQuote(`${command.name.replaceAll(':', '\\:')}:${command.description}`),
  );
  return source`#compdef ${spec.name}
# zsh completion for ${spec.name}. Load it from ~/.zshrc, after compinit:
#   source <(${spec.name} completion zsh)
# or save it as _${spec.name} in a folder of $fpath.
# Role and session names come from \`${spec.name} __complete\`, run as \`${spec.name}\` from the PATH.

# Role or session names from lanyard ($argv[-1]: roles or sessions; the rest: compadd options).
# compadd gets them as data and quotes them for the line: spaces, quotes, $ and : included.
_lanyard_candidates() {
  local kind=$argv[-1] prefix=$\{(Q)PREFIX}
  argv[-1]=()
  [[ $prefix == -* ]] && return 1
  local -a candidates
  candidates=("$\{(@f)$(command ${spec.name} __complete $kind $\{prefix:+"$prefix"} 2>/dev/null)}")
  candidates=($\{candidates:#})
  (( $#candidates )) || return 1
  # lanyard matched them already (ignoring case, or anywhere in the name when none starts so):
  # when zsh's own matching would drop some, offer them all as they are.
  if (( $\{#$\{(M)candidates:#$\{(b)prefix}*}} < $#candidates )); then
    compadd -U "$@" -a candidates
  else
    compadd "$@" -a candidates
  fi
}

_lanyard_roles() {
  _wanted roles expl role _lanyard_candidates roles
}

_lanyard_sessions() {
  _wanted sessions expl sso-session _lanyard_candidates sessions
}

_lanyard_commands() {
  local -a commands
  commands=(
${described.map((item) => `    ${item}`).join('\n')}
  )
  _describe -t commands '${spec.name} command' commands
}

_lanyard() {
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -C${continued([...zshOptions(spec.options), "'1: :_lanyard_commands'", "'*:: :->command'"])} && ret=0
  [[ $state == command ]] || return ret
  curcontext=$\{curcontext%:*:*}:${spec.name}-$words[1]:
  local dashdash=$\{words[(i)--]}
  case $words[1] in
${cases.join('\n')}
  esac
  return ret
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _lanyard "$@"
else
  compdef _lanyard ${spec.name}
fi
`;
}

// ---------------------------------------------------------------------------------------------
// fish

function fishValues(values: ValueSource): string {
  // fish splits and unescapes the list as it would a command line.
  const word = (value: string): string => value.replace(/[^\w./@%+,=:-]/g, '\\$&');
  return values.kind === 'fixed' ? values.values.map(word).join(' ') : `(__lanyard_candidates ${values.kind})`;
}

function fishOption(name: string, condition: string, option: OptionSpec): string {
  const parts = [`complete -c ${name}`, `-n ${fishQuote(condition)}`];
  if (option.short) parts.push(`-s ${option.short.slice(1)}`);
  parts.push(`-l ${option.long.slice(2)}`);
  if (option.takesValue) parts.push('-x');
  if (option.values) parts.push(`-a ${fishQuote(fishValues(option.values))}`);
  parts.push(`-d ${fishQuote(option.description)}`);
  return parts.join(' ');
}

function fishScript(spec: CompletionSpec): string {
  const lines: string[] = [];
  for (const option of spec.options) lines.push(fishOption(spec.name, '__lanyard_using -', option));
  for (const command of spec.commands)
    lines.push(
      `complete -c ${spec.name} -n '__lanyard_using -' -a ${fishQuote(command.name)} -d ${fishQuote(command.description)}`,
    );
  for (const command of spec.commands) {
    lines.push('', `# ${command.name}`);
    for (const option of command.options) lines.push(fishOption(spec.name, `__lanyard_using ${command.name}`, option));
    command.arguments.forEach((argument, index) => {
      if (!argument.values) return;
      const position = `${index + 1}${argument.variadic ? '+' : ''}`;
      const condition = `__lanyard_argument ${command.name} ${position}`;
      lines.push(`complete -c ${spec.name} -n ${fishQuote(condition)} -a ${fishQuote(fishValues(argument.values))}`);
    });
    if (command.runsCommand)
      lines.push(
        `complete -c ${spec.name} -n '__lanyard_after_dashdash ${command.name}' -a '(__lanyard_command_line)'`,
      );
  }
  const valueFlags = spec.commands.flatMap((command) =>
    command.options.filter((option) => option.takesValue).map((option) => fishQuote(`${command.name} ${option.long}`)),
  );
  return source`# fish completion for ${spec.name}. Save it where fish finds it:
#   ${spec.name} completion fish > ~/.config/fish/completions/${spec.name}.fish
# or load it in config.fish: ${spec.name} completion fish | source
# Role and session names come from \`${spec.name} __complete\`, run as \`${spec.name}\` from the PATH.

# Whether flag $argv[2] of command $argv[1] takes a value.
function __lanyard_takes_value
    switch "$argv[1] $argv[2]"
        case ${valueFlags.join(' ') || "''"}
            return 0
    end
    return 1
end

# The words before the cursor, as four lines: the command (- for none yet), how many arguments
# it has, whether -- came (1 or 0), and whether the word under the cursor is a flag's value.
function __lanyard_parse
    set -l words (commandline -opc)
    set -e words[1]
    set -l command -
    set -l count 0
    set -l dashdash 0
    set -l value 0
    for word in $words
        if test $value = 1
            set value 0
        else if test $dashdash = 1; or not string match -q -- '-*' $word
            if test $command = -
                set command $word
            else
                set count (math $count + 1)
            end
        else if test $word = --
            set dashdash 1
        else if not string match -q -- '*=*' $word; and __lanyard_takes_value $command $word
            set value 1
        end
    end
    printf '%s\n' $command $count $dashdash $value
end

# Completing a flag of command $argv[1] (- before the command).
function __lanyard_using
    set -l state (__lanyard_parse)
    test "$state[1]" = "$argv[1]"; and test $state[3] = 0
end

# Completing argument number $argv[2] of command $argv[1] (N+ for N and after).
function __lanyard_argument
    set -l state (__lanyard_parse)
    test "$state[1]" = "$argv[1]"; and test $state[4] = 0; or return 1
    set -l position (math $state[2] + 1)
    if string match -q -- '*+' $argv[2]
        test $position -ge (string trim -c + -- $argv[2])
    else
        test $position = $argv[2]
    end
end

# Completing the command line after -- of command $argv[1].
function __lanyard_after_dashdash
    set -l state (__lanyard_parse)
    test "$state[1]" = "$argv[1]"; and test $state[3] = 1
end

# The command line after --, completed as fish completes any command line.
function __lanyard_command_line
    set -l words (commandline -opc)
    set -l at (contains -i -- -- $words)
    set -l line
    if test $at -lt (count $words)
        set line (string escape -- $words[(math $at + 1)..-1])
    end
    complete -C (string join -- ' ' $line (commandline -ct))
end

# Role or session names from lanyard, one a line (fish matches and quotes them itself).
function __lanyard_candidates
    command ${spec.name} __complete $argv[1] 2>/dev/null
end

complete -c ${spec.name} -f
${lines.join('\n')}
`;
}

// ---------------------------------------------------------------------------------------------
// PowerShell

const psList = (items: readonly string[]): string => `@(${items.map(psQuote).join(', ')})`;

function psValues(values: ValueSource): string {
  return values.kind === 'fixed' ? psList(values.values) : psQuote(values.kind);
}

function powershellScript(spec: CompletionSpec): string {
  const indent = '        ';
  const commands = spec.commands.map(
    (command) => `${indent}${psQuote(command.name)} = ${psQuote(command.description)}`,
  );
  // 'flag description' strings: a flag has no spaces (and a hashtable would fold -v and -V together).
  const flagEntries = (options: readonly OptionSpec[]): string =>
    psList(options.flatMap((option) => flagsOf([option]).map((flag) => `${flag} ${option.description}`)));
  const flags = [
    `${indent}'' = ${flagEntries(spec.options)}`,
    ...spec.commands.map((command) => `${indent}${psQuote(command.name)} = ${flagEntries(command.options)}`),
  ];
  const valueFlags = spec.commands.flatMap((command) =>
    command.options.filter((option) => option.takesValue).map((option) => `${command.name} ${option.long}`),
  );
  const values = valueEntries(spec).map(({ key, values }) => `${indent}${psQuote(key)} = ${psValues(values)}`);
  const variadic = spec.commands.flatMap((command) => {
    const last = command.arguments.at(-1);
    return last?.variadic ? [`${indent}${psQuote(command.name)} = ${command.arguments.length}`] : [];
  });
  const runsCommand = spec.commands.filter((command) => command.runsCommand).map((command) => command.name);
  return source`# PowerShell completion for ${spec.name}. Load it from your $PROFILE:
#   ${spec.name} completion powershell | Out-String | Invoke-Expression
# Role and session names come from '${spec.name} __complete', run as '${spec.name}' from the PATH.

Register-ArgumentCompleter -Native -CommandName ${psQuote(spec.name)} -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    # Command name = description.
    $commands = [ordered]@{
${commands.join('\n')}
    }
    # Command name ('' for ${spec.name} itself) = its flags, each 'flag description'.
    $flags = @{
${flags.join('\n')}
    }
    # 'command --flag' of the flags that take a value.
    $valueFlags = ${psList(valueFlags)}
    # 'command --flag' or 'command N' (argument N) = fixed values, or 'roles' / 'sessions'.
    $values = @{
${values.join('\n')}
    }
    # Command = the position of its last argument, which repeats.
    $repeats = @{${variadic.map((line) => `\n${line}`).join('')}${variadic.length > 0 ? '\n    ' : ''}}
    $runsCommand = ${psList(runsCommand)}

    # A name as the line needs it: in single quotes unless it is plain.
    $quote = {
        param([string] $text)
        if ($text -match '^[\w./:=+-]+$' -and $text -notmatch '^-') { return $text }
        "'" + ($text -replace '[''\u2018\u2019\u201A\u201B]', '$0$0') + "'"
    }
    $result = {
        param([string] $text, [string] $type, [string] $tip, [string] $head)
        if (-not $tip) { $tip = $text }
        [System.Management.Automation.CompletionResult]::new($head + (& $quote $text), $text, $type, $tip)
    }

    # The words before the one being completed, unquoted.
    $words = @()
    foreach ($element in @($commandAst.CommandElements | Select-Object -Skip 1)) {
        if ($element.Extent.EndOffset -ge $cursorPosition) { break }
        $text = if ($element -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
            $element.Value
        } else {
            $element.Extent.Text
        }
        $words += $text
    }
    $typed = $wordToComplete -replace '^[''"]|[''"]$', ''

    $command = ''
    $option = ''
    $positional = 0
    $dashdash = $false
    foreach ($word in $words) {
        if ($option) { $option = '' }
        elseif ($dashdash -or -not $word.StartsWith('-')) {
            if (-not $command) { $command = $word } else { $positional++ }
        }
        elseif ($word -eq '--') {
            $dashdash = $true
            if ($runsCommand -contains $command) {
                # The command line after --: its command, then what PowerShell offers (paths).
                if ($words[-1] -eq '--') {
                    return [System.Management.Automation.CompletionCompleters]::CompleteCommand($wordToComplete)
                }
                return
            }
        }
        elseif ($word -notmatch '=' -and $valueFlags -contains "$command $word") { $option = $word }
    }

    $head = ''
    $key = $null
    if ($option) { $key = "$command $option" }
    elseif (-not $dashdash -and $wordToComplete -match '^(--[^=]+=)(.*)$') {
        $head = $Matches[1]
        $typed = $Matches[2] -replace '^[''"]|[''"]$', ''
        $key = "$command $($head.TrimEnd('='))"
    }
    elseif (-not $dashdash -and $wordToComplete.StartsWith('-')) {
        foreach ($entry in $flags[$command]) {
            $name, $tip = $entry -split ' ', 2
            if ($name.StartsWith($wordToComplete, [System.StringComparison]::OrdinalIgnoreCase)) {
                & $result $name 'ParameterName' $tip ''
            }
        }
        return
    }
    elseif (-not $command) {
        foreach ($name in $commands.Keys) {
            if ($name.StartsWith($typed, [System.StringComparison]::OrdinalIgnoreCase)) {
                & $result $name 'Command' $commands[$name] ''
            }
        }
        return
    }
    else {
        $position = $positional + 1
        if ($repeats.ContainsKey($command) -and $position -gt $repeats[$command]) { $position = $repeats[$command] }
        $key = "$command $position"
    }

    $source = $values[$key]
    if ($null -eq $source) { return }
    if ($source -is [string]) {
        # lanyard matches them against what was typed itself (ignoring case, or anywhere in the name).
        if ($typed.StartsWith('-')) { return }
        $arguments = @('__complete', $source)
        if ($typed) { $arguments += $typed }
        foreach ($name in @(& ${psQuote(spec.name)} @arguments 2>$null)) {
            if ($name) { & $result $name 'ParameterValue' '' $head }
        }
    } else {
        foreach ($name in $source) {
            if ($name.StartsWith($typed, [System.StringComparison]::OrdinalIgnoreCase)) {
                & $result $name 'ParameterValue' '' $head
            }
        }
    }
}
`;
}
