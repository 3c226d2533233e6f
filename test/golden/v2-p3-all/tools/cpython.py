"""The component's Python in plain CPython: what pytest (conftest.py) and `poe serve` need before app.py imports.

app.py imports wasmcloud_sdk, which imports componentize-py's bindings (bindings/, made from wit/ by
tools/bindings.py). A WASI 0.3 world's bindings also import componentize-py's asyncio support, which needs the
built component's own module, componentize_py_runtime: stand_in_runtime() puts a stand-in in its place.

`python -m tools.cpython` prints, as JSON, the modules importing app.py brings into a fresh interpreter: those
componentize-py puts in the component, since it runs that import when it builds. This module imports little
itself, so that the list is the app's.

create-wasmcloud-python writes this file; its add command may rewrite it.
"""

import importlib
import os
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINDINGS = os.path.join(ROOT, "bindings")


def use_bindings() -> None:
    """Bring bindings/ up to date when it is missing or stale, and make it importable; raises BindingsError."""
    from tools import bindings

    if bindings.refresh(if_stale=True):
        # bindings/ may have been on sys.path before it existed: forget that it was missing.
        sys.path_importer_cache.pop(BINDINGS, None)
        importlib.invalidate_caches()
    if BINDINGS not in sys.path:
        sys.path.append(BINDINGS)


def is_async_world() -> bool:
    """Whether the bindings are a WASI 0.3 world's, which import componentize-py's asyncio support."""
    with open(os.path.join(BINDINGS, "wit_world", "__init__.py"), encoding="utf-8") as world:
        return "componentize_py_async_support" in world.read()


class ComponentRuntime(types.ModuleType):
    """Stands in for componentize_py_runtime, the built component's own module, which CPython has not.

    componentize-py's asyncio support (in bindings/) imports it. Every capability is served by a stand-in in
    CPython, so a call that reaches here is one no stand-in covers: it says which.
    """

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise RuntimeError(f"componentize_py_runtime.{name}: only the component has it")


def stand_in_runtime() -> None:
    """Import componentize-py's asyncio support over the stand-in, then give CPython its own event loops back."""
    import asyncio

    sys.modules.setdefault("componentize_py_runtime", ComponentRuntime("componentize_py_runtime"))
    importlib.import_module("componentize_py_async_support")
    # Imported, it makes the component's own event loop the running one, as the built component needs. That loop
    # runs nothing in CPython: take it away, so that each test and each request runs in a loop of its own.
    asyncio.set_event_loop(None)
    asyncio.events._set_running_loop(None)


def component_modules() -> int:
    """Print the modules importing app.py brings in (bindings/ must be up to date); 1 when it does not import."""
    sys.path[:0] = [ROOT]
    sys.path.append(BINDINGS)
    if is_async_world():
        stand_in_runtime()
    try:
        importlib.import_module("app")
    except Exception:
        return 1
    modules = sorted(sys.modules)
    import json

    print(json.dumps(modules))
    return 0


if __name__ == "__main__":
    sys.exit(component_modules())
