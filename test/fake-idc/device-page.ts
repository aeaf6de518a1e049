/** The page verificationUri points at: enter or confirm a user code, then Approve or Deny. */
import type { DeviceAuthorizations } from './device-codes.js';
import { decisionForm, page, paragraph } from './pages.js';
import { formFields, type FakeRequest, type Route } from './routing.js';
import { reply, requiredParam, type Reply } from './wire.js';

export const DEVICE_PAGE_PATH = '/device';
const USER_CODE_PARAM = 'user_code';

export function devicePageRoutes(devices: DeviceAuthorizations): Route[] {
  return [
    {
      method: 'GET',
      path: DEVICE_PAGE_PATH,
      operation: 'DeviceVerification',
      surface: 'page',
      handle: (r) => showRequest(devices, r),
    },
    {
      method: 'POST',
      path: DEVICE_PAGE_PATH,
      operation: 'DeviceVerification',
      surface: 'page',
      handle: (r) => decide(devices, r),
    },
  ];
}

function showRequest(devices: DeviceAuthorizations, request: FakeRequest): Reply {
  const code = request.url.searchParams.get(USER_CODE_PARAM);
  if (!code) return reply.html(page('Authorize request', codeEntryForm()));
  const authorization = devices.awaitingDecision(code);
  return reply.html(
    page(
      `Allow ${authorization.clientName} to access your data?`,
      paragraph(`Code: ${authorization.userCode}`, 'user-code') +
        decisionForm(DEVICE_PAGE_PATH, { [USER_CODE_PARAM]: authorization.userCode }, [
          { value: 'approve', label: 'Approve' },
          { value: 'deny', label: 'Deny' },
        ]),
    ),
  );
}

function decide(devices: DeviceAuthorizations, request: FakeRequest): Reply {
  const fields = formFields(request);
  const code = requiredParam(fields, USER_CODE_PARAM);
  if (fields.get('decision') === 'approve') {
    devices.approve(code);
    return reply.html(page('Request approved', paragraph('You can close this window.', 'result')));
  }
  devices.deny(code);
  return reply.html(page('Request denied', paragraph('You can close this window.', 'result')));
}

function codeEntryForm(): string {
  return (
    `<form method="get" action="${DEVICE_PAGE_PATH}">` +
    `<label>Code <input name="${USER_CODE_PARAM}" autocomplete="off"></label>` +
    '<button type="submit">Next</button></form>'
  );
}
