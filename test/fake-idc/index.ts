/** The fake AWS IAM Identity Center's public API. */
export {
  DEFAULT_SCOPES,
  FAKE_START_URL,
  FakeIdentityCenter,
  type FakeIdcEnvironment,
  type IssuedSession,
  type IssueSessionOptions,
} from './server.js';
export {
  DEFAULT_LIFETIMES,
  DEFAULT_POLL_INTERVAL_SECONDS,
  type ApprovalMode,
  type FakeIdentityCenterOptions,
  type Lifetimes,
  type ThrottleOptions,
} from './options.js';
export {
  generateAccounts,
  HOSTILE_ACCOUNTS,
  LONG_NAME,
  ROLE_NAMES,
  type AccountSpec,
  type FakeAccount,
} from './organization.js';
export { OPERATIONS, type OperationName } from './routing.js';
export type { FailureKind } from './faults.js';
export type { OperationCounters } from './metrics.js';
export { ERRORS, type ErrorKind } from './wire.js';
export { DEFAULT_PAGE_SIZE, BEARER_TOKEN_HEADER } from './portal.js';
export { s256Challenge } from './auth-codes.js';
export { CONSOLE_COOKIE, CONSOLE_PATH, FEDERATION_PATH } from './signin.js';
