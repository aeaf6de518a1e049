/** The accounts and permission-set roles the signed-in user is assigned. One user, one org. */

export interface AccountSpec {
  /** 12 digits; generated when omitted. */
  accountId?: string;
  accountName: string;
  /** Defaults to `aws+<accountName>@acme.example`. */
  emailAddress?: string;
  roles?: readonly string[];
}

export interface FakeAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress: string;
  readonly roles: readonly string[];
}

export const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
const TEAMS = [
  'payments',
  'identity',
  'search',
  'billing',
  'data',
  'platform',
  'mobile',
  'analytics',
  'checkout',
  'notifications',
  'logistics',
  'security',
] as const;
export const ROLE_NAMES = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'ViewOnlyAccess',
  'Billing',
  'SecurityAudit',
] as const;

export const DEFAULT_ACCOUNT_COUNT = 12;
export const DEFAULT_ROLES_PER_ACCOUNT = 2;
const FIRST_ACCOUNT_ID = 100_000_000_000;
const ACCOUNT_ID_STRIDE = 10_007_351; // spreads ids out so they do not look sequential
const ACCOUNT_ID = /^\d{12}$/;

function generatedAccountId(index: number): string {
  return String(FIRST_ACCOUNT_ID + index * ACCOUNT_ID_STRIDE);
}

/**
 * `acme-prod-payments`, `acme-staging-payments`, `acme-dev-payments`, `acme-prod-identity`, ...
 * (with `-2`, `-3` suffixes once the names run out); roles rotate through ROLE_NAMES.
 */
export function generateAccounts(count: number, rolesPerAccount = DEFAULT_ROLES_PER_ACCOUNT): AccountSpec[] {
  const perRound = ENVIRONMENTS.length * TEAMS.length;
  const roleCount = Math.min(rolesPerAccount, ROLE_NAMES.length);
  return Array.from({ length: count }, (_, index) => {
    const environment = ENVIRONMENTS[index % ENVIRONMENTS.length];
    const team = TEAMS[Math.floor(index / ENVIRONMENTS.length) % TEAMS.length];
    const round = Math.floor(index / perRound);
    const roles = Array.from({ length: roleCount }, (_, r) => ROLE_NAMES[(index + r) % ROLE_NAMES.length] as string);
    return {
      accountId: generatedAccountId(index),
      accountName: `acme-${environment}-${team}${round > 0 ? `-${round + 1}` : ''}`,
      roles,
    };
  });
}

export class Organization {
  private readonly byId = new Map<string, FakeAccount>();
  private generatedIds = 0;

  constructor(specs: readonly AccountSpec[]) {
    for (const spec of specs) this.addAccount(spec);
  }

  /** Assigned accounts in the order they were added (the order ListAccounts pages through). */
  accounts(): FakeAccount[] {
    return [...this.byId.values()];
  }

  account(accountId: string): FakeAccount | undefined {
    return this.byId.get(accountId);
  }

  hasRole(accountId: string, roleName: string): boolean {
    return this.byId.get(accountId)?.roles.includes(roleName) ?? false;
  }

  addAccount(spec: AccountSpec): FakeAccount {
    const accountId = spec.accountId ?? this.unusedGeneratedId();
    if (!ACCOUNT_ID.test(accountId)) throw new Error(`Account id must be 12 digits: ${accountId}`);
    if (this.byId.has(accountId)) throw new Error(`Account ${accountId} already exists`);
    const account: FakeAccount = {
      accountId,
      accountName: spec.accountName,
      emailAddress: spec.emailAddress ?? `aws+${spec.accountName}@acme.example`,
      roles: [...new Set(spec.roles ?? [])],
    };
    this.byId.set(accountId, account);
    return account;
  }

  /** Returns whether the account was assigned. */
  removeAccount(accountId: string): boolean {
    return this.byId.delete(accountId);
  }

  assignRole(accountId: string, roleName: string): void {
    const account = this.existing(accountId);
    if (!account.roles.includes(roleName))
      this.byId.set(accountId, { ...account, roles: [...account.roles, roleName] });
  }

  unassignRole(accountId: string, roleName: string): void {
    const account = this.existing(accountId);
    this.byId.set(accountId, { ...account, roles: account.roles.filter((role) => role !== roleName) });
  }

  private existing(accountId: string): FakeAccount {
    const account = this.byId.get(accountId);
    if (!account) throw new Error(`No account ${accountId}`);
    return account;
  }

  private unusedGeneratedId(): string {
    let id = generatedAccountId(this.generatedIds++);
    while (this.byId.has(id)) id = generatedAccountId(this.generatedIds++);
    return id;
  }
}

/** A name of 3,000 characters, for labels and titles that must stay short. */
export const LONG_NAME = `acme-${'very-long-'.repeat(299)}end`;

/**
 * An organisation whose administrator (or an overridden endpoint) chose names to break the
 * client: INI injection, line breaks, terminal escapes (OSC title, SGR colour, CSI cursor),
 * path traversal, shell metacharacters, markup, a right-to-left override and a 3,000-character
 * name, with role names carrying line breaks, escapes and comment markers. The real service
 * restricts permission set names; an endpoint override restricts nothing. Ids are fixed so
 * tests can name them; the first account is plain, so a sync has something to write.
 */
export const HOSTILE_ACCOUNTS: readonly AccountSpec[] = [
  { accountId: '300000000001', accountName: 'acme-plain', roles: ['Admin', 'Admin\n[profile evil]', 'ReadOnly'] },
  { accountId: '300000000002', accountName: 'x]\n[profile evil]\ncredential_process = touch /tmp/x', roles: ['Admin'] },
  { accountId: '300000000003', accountName: 'line\nbreak\rreturn', roles: ['Role\rReturn', 'ReadOnly'] },
  {
    accountId: '300000000004',
    accountName: '\u001b]0;TITLE\u0007\u001b[31mred\u001b[2J\u001b[1;1H',
    roles: ['\u001b[31mAdmin\u001b[0m', '\u009b31mC1'],
  },
  { accountId: '300000000005', accountName: '../../etc/passwd', roles: ['../../Admin', 'ReadOnly'] },
  { accountId: '300000000006', accountName: '$(touch /tmp/x);|&`id`', roles: ['$(touch /tmp/x)', 'a;b|c&d`e`'] },
  { accountId: '300000000007', accountName: '<b>R&amp;D</b> & "quotes" \'single\'', roles: ['<i>Admin</i>'] },
  { accountId: '300000000008', accountName: 'admin\u202Egnp.exe', roles: ['Read\u2066Only\u2069', 'ReadOnly'] },
  { accountId: '300000000009', accountName: LONG_NAME, roles: [`Role${'x'.repeat(2_996)}`, 'Admin'] },
  { accountId: '300000000010', accountName: 'comments', roles: [' Padded ', 'semi ;colon', '#hash', 'tab\tbed'] },
];
