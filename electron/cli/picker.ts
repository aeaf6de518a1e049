/**
 * The interactive role picker: type to filter (the palette's ranking), arrows to move, Enter to
 * choose, Esc or Ctrl+C to cancel. It draws on stderr, so `eval "$(lanyard env)"` can still pick.
 * @inquirer/search does the terminal work (raw mode, redraws, paging); Lanyard adds Esc.
 */
import { emitKeypressEvents } from 'node:readline';
import search from '@inquirer/search';
import type { ResolvedRole, RoleDirectory } from '../core/accounts/role-directory.js';
import { LanyardError } from '../core/domain/errors.js';
import { terminalSafe } from './format.js';

export interface PickerIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const PAGE_SIZE = 12;

function choiceName(role: ResolvedRole): string {
  const view = role.view;
  const account = view ? `${view.alias ?? view.accountName} (${view.accountId})` : role.ref.accountId;
  const environment = view?.environment === 'prod' ? '  PROD' : '';
  const profile = role.profile && role.profile !== role.label ? `  [${role.profile}]` : '';
  return terminalSafe(`${account} / ${role.ref.roleName}${environment}${profile}`);
}

/** Lets the person choose a role; a cancelled pick is a USAGE error that says so. */
export async function pickRole(directory: RoleDirectory, io: PickerIo, initialQuery = ''): Promise<ResolvedRole> {
  const controller = new AbortController();
  const onKey = (_text: string | undefined, key: { name?: string } | undefined): void => {
    if (key?.name === 'escape') controller.abort();
  };
  emitKeypressEvents(io.input);
  io.input.on('keypress', onKey);
  try {
    return await search<ResolvedRole>(
      {
        message: `Role (${directory.roles.length.toLocaleString('en-US')}; type to filter, Esc to cancel):`,
        pageSize: PAGE_SIZE,
        ...(initialQuery ? { initialValue: initialQuery } : {}),
        source: (term) =>
          directory.search(term ?? '', 50).map((role) => ({ value: role, name: choiceName(role), short: role.label })),
      },
      { input: io.input, output: io.output, signal: controller.signal, clearPromptOnDone: true },
    );
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'AbortPromptError' || name === 'ExitPromptError' || controller.signal.aborted)
      throw new LanyardError('USAGE', 'No role chosen.');
    throw error;
  } finally {
    io.input.off('keypress', onKey);
  }
}
