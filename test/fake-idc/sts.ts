/**
 * A sliver of STS: GetCallerIdentity (query protocol, XML), answered for role credentials the
 * portal issued. Not part of Identity Center, but it lets interop tests run real clients end
 * to end (`aws sts get-caller-identity --profile ...`): the caller's SigV4 Authorization header
 * names the access key, which tells us which account and role the credentials belong to.
 */
import { randomUUID } from 'node:crypto';
import type { RoleCredentialsStore } from './role-credentials.js';
import { type FakeRequest, type Route } from './routing.js';
import type { Reply } from './wire.js';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const CREDENTIAL_PATTERN = /Credential=([A-Z0-9]+)\//;

export interface StsDependencies {
  readonly roleCredentials: RoleCredentialsStore;
}

function xml(body: string, status = 200): Reply {
  return { status, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` };
}

function stsError(code: string, message: string, status: number): Reply {
  return xml(
    `<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    status,
  );
}

export function stsRoutes(deps: StsDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/',
      operation: 'GetCallerIdentity',
      surface: 'sts',
      handle(request: FakeRequest): Reply {
        const action = new URLSearchParams(request.body).get('Action');
        if (action !== 'GetCallerIdentity')
          return stsError('InvalidAction', `Unsupported action ${action ?? '(none)'}`, 400);
        const accessKeyId = CREDENTIAL_PATTERN.exec(String(request.headers.authorization ?? ''))?.[1];
        const credentials = accessKeyId ? deps.roleCredentials.find(accessKeyId) : undefined;
        if (!credentials)
          return stsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
        if (request.headers['x-amz-security-token'] !== credentials.sessionToken) {
          return stsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
        }
        const roleId = `AROA${credentials.accountId}`;
        const arn = `arn:aws:sts::${credentials.accountId}:assumed-role/AWSReservedSSO_${credentials.roleName}_fake/lanyard-user`;
        return xml(
          `<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>${roleId}:lanyard-user</UserId><Account>${credentials.accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      },
    },
  ];
}
