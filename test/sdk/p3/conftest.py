"""In CPython, componentize-py's asyncio support needs a stand-in for the component's own runtime module."""

import asyncio
import sys
import types


class ComponentRuntime(types.ModuleType):
    """Stands in for componentize_py_runtime: a call that reaches it is one no fake covers, and it says which."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise RuntimeError(f"componentize_py_runtime.{name}: only the component has it; fake the call in the test")


sys.modules.setdefault("componentize_py_runtime", ComponentRuntime("componentize_py_runtime"))

import componentize_py_async_support  # noqa: E402  (after the stand-in it needs)

del componentize_py_async_support
asyncio.set_event_loop(None)
asyncio.events._set_running_loop(None)
