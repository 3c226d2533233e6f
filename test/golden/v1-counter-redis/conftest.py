"""pytest's setup for this project: create-wasmcloud-python writes this file; add may rewrite it.

Before the tests import app.py (and through it componentize-py's bindings), bindings/ is brought up to date: when
it is missing or older than wit/, it is generated with the build command's options (tools/bindings.py), so that
`pytest` passes on a fresh clone. Then wasmcloud_sdk.testing gives every test in-memory hosts (the `hosts`
fixture) and a test client for the app (`client`).
"""

import importlib
import sys

import pytest

from tools import bindings

try:
    if bindings.refresh(if_stale=True):
        # pytest put bindings/ on sys.path before it existed: forget that it was missing.
        sys.path_importer_cache.pop(str(bindings.BINDINGS), None)
        importlib.invalidate_caches()
except bindings.BindingsError as error:
    pytest.exit(f"bindings: {error}", returncode=pytest.ExitCode.USAGE_ERROR)

pytest_plugins = ["wasmcloud_sdk.testing"]
