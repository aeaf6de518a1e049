"""Drives botocore's own sso and sso-oidc clients for the fake Identity Center fidelity test.

Reads one JSON command per line on stdin and answers each with one JSON line on stdout:

  {"op": "call", "service": "sso-oidc", "method": "create_token", "params": {...}, "attempts": 1}
  {"op": "paginate", "service": "sso", "method": "list_accounts", "params": {...}, "pageSize": 100}
  {"op": "authorize_like_cli", "clientId": "...", "redirectUri": "...", "scopes": ["..."]}
  {"op": "sso_credentials", "profile": "..."}

Answers are {"ok": true, ...} or {"ok": false, "error": {...}}. Endpoints come from
AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC and the region from AWS_DEFAULT_REGION, so
botocore finds the fake the same way it would in a user's shell.
"""
import base64
import hashlib
import json
import secrets
import string
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import botocore.awsrequest
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from botocore.utils import percent_encode_sequence

DEFAULT_SCOPE = 'sso:account:access'
PKCE_VERIFIER_LENGTH = 64
PKCE_VERIFIER_ALPHABET = string.ascii_letters + string.digits + '-._~'

_session = botocore.session.get_session()
_clients = {}


def client(service, attempts=None):
    """One client per (service, attempts); attempts=None keeps botocore's default retries."""
    key = (service, attempts)
    if key not in _clients:
        options = {'signature_version': UNSIGNED}
        if attempts is not None:
            options['retries'] = {'total_max_attempts': attempts, 'mode': 'standard'}
        _clients[key] = _session.create_client(service, config=Config(**options))
    return _clients[key]


def without_metadata(response):
    return {key: value for key, value in response.items() if key != 'ResponseMetadata'}


def describe_client_error(error, service_client):
    code = error.response['Error']['Code']
    modeled = getattr(service_client.exceptions, code, None)
    return {
        'code': code,
        'status': error.response['ResponseMetadata']['HTTPStatusCode'],
        'message': error.response['Error'].get('Message', ''),
        'oauthError': error.response.get('error'),
        'className': type(error).__name__,
        'caughtByClientExceptions': modeled is not None and isinstance(error, modeled),
    }


def call(command):
    service_client = client(command['service'], command.get('attempts'))
    try:
        response = getattr(service_client, command['method'])(**command.get('params', {}))
        return {'ok': True, 'result': without_metadata(response)}
    except ClientError as error:
        return {'ok': False, 'error': describe_client_error(error, service_client)}
    except BotoCoreError as error:
        return {'ok': False, 'error': {'className': type(error).__name__}}


def paginate(command):
    service_client = client(command['service'], command.get('attempts'))
    paginator = service_client.get_paginator(command['method'])
    pagination = {'PageSize': command['pageSize']} if 'pageSize' in command else {}
    try:
        pages = paginator.paginate(**command.get('params', {}), PaginationConfig=pagination)
        return {'ok': True, 'pages': [without_metadata(page) for page in pages]}
    except ClientError as error:
        return {'ok': False, 'error': describe_client_error(error, service_client)}


def authorization_base_url():
    """The scheme and host the sso-oidc client would send to, found the way the AWS CLI v2
    finds it: catch a RegisterClient call just before it is sent and read its URL."""
    oidc = client('sso-oidc')
    seen = {}

    def capture(params, **kwargs):
        url = urllib.parse.urlsplit(params['url'])
        seen['base'] = f'{url.scheme}://{url.netloc}'
        return botocore.awsrequest.AWSResponse(None, 200, {}, None), {}

    oidc.meta.events.register('before-call', capture)
    try:
        oidc.register_client(clientName='probe', clientType='public')
    finally:
        oidc.meta.events.unregister('before-call', capture)
    return seen['base']


def authorize_like_cli(command):
    """Builds the /authorize URL as AWS CLI v2 does (SSOTokenFetcherAuth) and opens it without
    following the redirect, like the browser leg up to the loopback callback."""
    verifier = ''.join(secrets.choice(PKCE_VERIFIER_ALPHABET) for _ in range(PKCE_VERIFIER_LENGTH))
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode()
    state = str(uuid.uuid4())
    query = {
        'response_type': 'code',
        'client_id': command['clientId'],
        'redirect_uri': command['redirectUri'],
        'state': state,
        'code_challenge_method': 'S256',
        'scopes': ' '.join(command.get('scopes') or [DEFAULT_SCOPE]),
    }
    url = f'{authorization_base_url()}/authorize?{percent_encode_sequence(query)}&code_challenge={challenge[:-1]}'
    try:
        response = urllib.request.build_opener(NoRedirects).open(url)
        status, location = response.status, None
    except urllib.error.HTTPError as answer:
        status, location = answer.code, answer.headers.get('Location')
    return {'ok': True, 'status': status, 'location': location, 'state': state, 'codeVerifier': verifier, 'url': url}


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sso_credentials(command):
    """Role credentials through botocore's SSO credential provider, which reads (and, when
    under 15 minutes remain, refreshes and rewrites) the token cache."""
    session = botocore.session.Session(profile=command['profile'])
    try:
        credentials = session.get_credentials().get_frozen_credentials()
        return {'ok': True, 'accessKeyId': credentials.access_key}
    except (ClientError, BotoCoreError) as error:
        return {'ok': False, 'error': {'className': type(error).__name__, 'message': str(error)}}


OPERATIONS = {
    'call': call,
    'paginate': paginate,
    'authorize_like_cli': authorize_like_cli,
    'sso_credentials': sso_credentials,
}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        answer = OPERATIONS[command['op']](command)
        sys.stdout.write(json.dumps(answer, default=str) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
