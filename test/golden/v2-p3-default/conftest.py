"""pytest's setup for this project: create-wasmcloud-python writes this file; add may rewrite it.

Before the tests import app.py (and through it componentize-py's bindings), bindings/ is brought up to date: when
it is missing or older than wit/, it is generated with the build command's options (tools/bindings.py), so that
`pytest` passes on a fresh clone. Then wasmcloud_sdk.testing gives every test in-memory hosts (the `hosts`
fixture) and a test client for the app (`client`).
"""

import asyncio
import importlib
import sys
import types

import pytest

from tools import bindings

try:
    if bindings.refresh(if_stale=True):
        # pytest put bindings/ on sys.path before it existed: forget that it was missing.
        sys.path_importer_cache.pop(str(bindings.BINDINGS), None)
        importlib.invalidate_caches()
except bindings.BindingsError as error:
    pytest.exit(f"bindings: {error}", returncode=pytest.ExitCode.USAGE_ERROR)


class ComponentRuntime(types.ModuleType):
    """Stands in for componentize_py_runtime, the built component's own module, which CPython has not.

    componentize-py's asyncio support (in bindings/) imports it. Every capability is in memory in the tests, so a
    call that reaches here is one no stand-in covers: it says which.
    """

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise RuntimeError(f"componentize_py_runtime.{name}: only the component has it")


sys.modules.setdefault("componentize_py_runtime", ComponentRuntime("componentize_py_runtime"))

import componentize_py_async_support  # noqa: E402  (bindings/: after the stand-in it needs)

# Imported, it makes the component's own event loop the running one, as the built component needs. That loop
# runs nothing in CPython: take it away, so that each test and each request runs in a loop of its own.
del componentize_py_async_support
asyncio.set_event_loop(None)
asyncio.events._set_running_loop(None)

pytest_plugins = ["wasmcloud_sdk.testing"]
