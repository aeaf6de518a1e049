"""Resolves a profile's credentials with boto3, as any Python tool would, and prints them as JSON.

Usage: sso_profile_credentials.py PROFILE
Prints {"accessKeyId": ..., "method": ...} on success, {"error": ..., "type": ...} on failure.
Only the access key id leaves this script: it is enough to tell which credentials were issued.
"""
import json
import sys

import boto3


def main():
    profile = sys.argv[1]
    try:
        credentials = boto3.Session(profile_name=profile).get_credentials()
        frozen = credentials.get_frozen_credentials()
        print(json.dumps({"accessKeyId": frozen.access_key, "method": credentials.method}))
    except Exception as error:  # report any failure to the test as data
        print(json.dumps({"error": str(error), "type": type(error).__name__}))


main()
