"""Prints what botocore reads from AWS config files, for Lanyard's interop tests.

Usage: read_config.py CONFIG_FILE...
Prints one JSON array with an item per file, in order: {"config": Session().full_config}, or
{"error": "ConfigParseError"} when botocore refuses the file. Any other failure is a crash.
"""
import json
import os
import sys

import botocore.exceptions
import botocore.session


def read(path):
    os.environ["AWS_CONFIG_FILE"] = path
    try:
        return {"config": botocore.session.Session().full_config}
    except botocore.exceptions.ConfigParseError as error:
        return {"error": type(error).__name__}


if __name__ == "__main__":
    json.dump([read(path) for path in sys.argv[1:]], sys.stdout)
