"""pytest's setup for this project: create-wasmcloud-python writes this file; add may rewrite it.

Before the tests import app.py (and through it componentize-py's bindings), bindings/ is brought up to date: when
it is missing or older than wit/, it is generated with the build command's options (tools/bindings.py), so that
`pytest` passes on a fresh clone. Then wasmcloud_sdk.testing gives every test in-memory hosts (the `hosts`
fixture) and a test client for the app (`client`).
"""

import pytest

from tools import bindings, cpython

try:
    cpython.use_bindings()
except bindings.BindingsError as error:
    pytest.exit(f"bindings: {error}", returncode=pytest.ExitCode.USAGE_ERROR)

pytest_plugins = ["wasmcloud_sdk.testing"]
