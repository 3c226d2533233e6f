"""The tests of this project: `pytest`, or `poe test`.

Before pytest imports them (they import componentize-py's bindings), bindings/ is brought up to date:
when it is missing or older than wit/, it is generated with the build command's options
(tools/bindings.py), so that `pytest` passes on a fresh clone.

create-wasmcloud-python writes this file; its add command may rewrite it.
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
