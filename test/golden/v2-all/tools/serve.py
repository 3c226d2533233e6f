"""`poe serve`: app.py's handlers served from plain CPython on `dev.address`, started again on each save.

An edit answers in well under a second, `breakpoint()` in a handler stops in pdb, and a traceback points at your
file and line. The handlers are the component's, unchanged; what the host would give them comes from the stand-ins
of tools/stand_ins.py, which read .wash/config.yaml as wash dev does. What it serves otherwise than wash dev would,
it says when it starts.

CPython hides two things the component would not forgive, so it warns about them: a module first imported while a
request is handled (the component has only what app.py's import brought in), and an installed module with native
code (componentize-py cannot bundle it). `poe dev` runs the real host: try there before you deploy.

A parent process holds the listening socket and watches the files; each start of app.py is a fresh child process.

create-wasmcloud-python writes this file; its add command may rewrite it.
"""

from __future__ import annotations

import argparse
import builtins
import importlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

from tools import stand_ins

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".wash" / "config.yaml"
# The exit status of a child whose app.py does not import: the parent waits for a change.
NOT_LOADED = 3
# The SDK's modules, each with the stand-in `poe serve` gives it: those the project has are served.
SDK = "wasmcloud_sdk"
# The methods served: http.server answers any other with a 501.
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")


# --- Settings: .wash/config.yaml, read by the parent, passed to each child as JSON ---------------------------------


def settings() -> dict[str, Any]:
    """What `poe serve` takes from the wash config: the address, workload.config, the allowed hosts, dev."""
    import yaml  # the parent's alone: the child must not load a native module app.py might not

    loaded = yaml.safe_load(CONFIG.read_text(encoding="utf-8")) or {}
    dev = loaded.get("dev") or {}
    workload = loaded.get("workload") or {}
    return {
        "address": str(dev.get("address") or "0.0.0.0:8000"),
        "config": {str(key): str(value) for key, value in (workload.get("config") or {}).items()},
        "allowed_hosts": [str(host).lower() for host in workload.get("allowedHosts") or []],
        "dev": {str(key): value for key, value in dev.items() if key != "host_interfaces"},
        "host_interfaces": list(dev.get("host_interfaces") or []),
    }


# --- The child: app.py, served -------------------------------------------------------------------------------------


def where(error: BaseException) -> str:
    """`file:line` of the innermost frame of the project's own code that `error` passed through."""
    if isinstance(error, SyntaxError) and error.filename:
        return f"{shown(error.filename)}:{error.lineno}"
    found = ""
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        skipped = {".venv", "venv", "bindings", "tools", SDK}
        if path.is_relative_to(ROOT) and not skipped.intersection(path.relative_to(ROOT).parts):
            found = f"{shown(frame.filename)}:{frame.lineno}"
    return found or "app.py"


def shown(filename: str) -> str:
    path = Path(filename).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else filename


STDLIB = {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib")}


def native(modules: list[str]) -> list[str]:
    """Those of `modules` that are native extensions installed beside the standard library (site-packages)."""
    found: list[str] = []
    for name in modules:
        file = getattr(sys.modules.get(name), "__file__", None) or ""
        if file.endswith((".so", ".pyd")) and not any(Path(file).resolve().is_relative_to(s) for s in STDLIB):
            found.append(f"{name} ({shown(file)})")
    return found


class Imports:
    """Watches the imports a request runs: one of a module that the component would not hold fails there.

    The component holds the modules importing app.py brings in (componentize-py runs that import as it builds):
    `python -m tools.cpython` lists them, from a fresh interpreter, since this one has the stand-ins' own.
    """

    def __init__(self) -> None:
        self.component: set[str] | None = None
        self.handling = threading.local()
        self.warned: set[str] = set()
        # Imports seen before the list came: (module, request, file:line), checked once it is there.
        self.pending: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        self.original = builtins.__import__

    def learn(self) -> None:
        """Ask a fresh interpreter what app.py's import brings in; warn about native code among it."""
        listed = subprocess.run(
            [sys.executable, "-m", "tools.cpython"], cwd=ROOT, capture_output=True, text=True, check=False
        )
        if listed.returncode != 0:
            return
        modules: list[str] = json.loads(listed.stdout)
        with self.lock:
            self.component = set(modules)
            pending, self.pending = self.pending, []
        for name, during, where in pending:
            self.check(name, during, where)
        for module in native(modules):
            print(
                f"serve: warning: app.py's import brings in {module}, which has native code: componentize-py "
                "cannot bundle it, so the component will not build or will fail there.",
                file=sys.stderr,
                flush=True,
            )

    def install(self) -> None:
        builtins.__import__ = self.hooked
        threading.Thread(target=self.learn, daemon=True).start()

    def hooked(
        self,
        name: str,
        globals: Mapping[str, object] | None = None,
        locals: Mapping[str, object] | None = None,
        fromlist: Sequence[str] | None = (),
        level: int = 0,
    ) -> ModuleType:
        module = self.original(name, globals, locals, fromlist, level)
        during: str | None = getattr(self.handling, "request", None)
        if during is None or level != 0 or name == "pdb":
            return module  # breakpoint() imports pdb: a debugger's import, not the app's
        frame = sys._getframe(1)
        file = Path(frame.f_code.co_filename)
        if not file.is_relative_to(ROOT) or {".venv", "venv", "tools"}.intersection(file.relative_to(ROOT).parts):
            return module  # an import of the stand-ins' own, or of an installed package's
        where = f"{shown(str(file))}:{frame.f_lineno}"
        with self.lock:
            if self.component is None:
                self.pending.append((name, during, where))
                return module
        self.check(name, during, where)
        return module

    def check(self, name: str, during: str, where: str) -> None:
        """Warn, once per line, about an import the component would not find."""
        if self.component is None or name in self.component or where in self.warned:
            return
        self.warned.add(where)
        print(
            f"serve: warning: {where} imports {name} while handling {during}: the component holds only the modules "
            "importing app.py brings in, so there this import fails. Import it at the top of the module.",
            file=sys.stderr,
            flush=True,
        )


def handler_class(web: ModuleType, imports: Imports) -> type[BaseHTTPRequestHandler]:
    """Requests as the host would give them to the app: read whole, answered whole, a 500 when the app raises."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "poe-serve"

        def body(self) -> bytes:
            if "chunked" in self.headers.get("transfer-encoding", "").lower():
                data = bytearray()
                while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                    data += self.rfile.read(size)
                    self.rfile.readline()
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return bytes(data)
            return self.rfile.read(int(self.headers.get("content-length") or 0))

        def answer(self) -> None:
            started = time.monotonic()
            path, _, query = self.path.partition("?")
            request = web.Request(self.command, path, query, list(self.headers.items()), self.body())
            app = web.app_of_export
            imports.handling.request = f"{request.method} {request.target}"
            try:
                if app is None:
                    raise RuntimeError("app.py makes no HTTP export: it has no `incoming_handler(app)` line")
                response = stand_ins.finished(app(request))
            except Exception as error:
                print(web.failure(request, error), file=sys.stderr, flush=True)
                traceback.print_exc()
                response = web.INTERNAL_ERROR
            finally:
                imports.handling.request = None
            headers, data = response.encoded()
            self.send_response(response.status)
            for name, value in headers:
                if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value.decode("latin-1"))
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            took = (time.monotonic() - started) * 1000
            print(f"serve: {request.method} {request.target} {response.status} ({took:.0f} ms)", flush=True)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # answer() prints one line per request

    for method in METHODS:
        setattr(Handler, f"do_{method}", Handler.answer)
    return Handler


def child(listening: int, found: dict[str, Any], quiet: bool) -> int:
    """Import app.py over the stand-ins and serve it on the socket the parent listens on."""
    started = time.monotonic()
    from tools import bindings, cpython

    try:
        cpython.use_bindings()
    except bindings.BindingsError as error:
        print(f"serve: bindings: {error}", file=sys.stderr, flush=True)
        return NOT_LOADED
    if "componentize_py_async_support" in (bindings.BINDINGS / "wit_world" / "__init__.py").read_text("utf-8"):
        cpython.stand_in_runtime()
    importlib.import_module(SDK)
    said = stand_ins.install(found)
    if not quiet:
        for line in said:
            print(f"serve: {line}", flush=True)
    try:
        importlib.import_module("app")
    except Exception as error:
        message = error.msg if isinstance(error, SyntaxError) else f"{type(error).__name__}: {error}"
        problem = f"{where(error)}: {message}"
        print(f"serve: {problem}", file=sys.stderr, flush=True)
        print("serve: waiting for a change (each request is answered 500 with the error until then)", flush=True)
        return serve(listening, failing_class(problem))
    web = stand_ins.sdk_module("http")
    if web is None:
        print("serve: the project has no HTTP export: nothing to serve", file=sys.stderr, flush=True)
        return NOT_LOADED
    imports = Imports()
    imports.install()
    handler = handler_class(web, imports)
    print(f"serve: ready at {url_of(found['address'])} ({time.monotonic() - started:.1f} s)", flush=True)
    return serve(listening, handler)


class Server(ThreadingHTTPServer):
    """A thread per request; a client that hangs up is no error of the app's, and no traceback."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(listening: int, handler: type[BaseHTTPRequestHandler]) -> int:
    """Answer requests on the parent's socket with `handler`, one thread each, until the parent stops it."""
    sock = socket.socket(fileno=listening)
    server = Server(sock.getsockname()[:2], handler, False)
    server.socket = sock
    server.serve_forever()
    return 0


def failing_class(problem: str) -> type[BaseHTTPRequestHandler]:
    """What answers while app.py does not import: a 500 that says why, so that a request does not hang."""

    class Failing(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self) -> None:
            data = f"app.py does not import: {problem}\n".encode()
            self.send_response(500)
            self.send_header("content-type", "text/plain; charset=utf-8")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    for method in METHODS:
        setattr(Failing, f"do_{method}", Failing.answer)
    return Failing


# --- The parent: the socket, the watch, a child per start -------------------------------------------------------


def url_of(address: str) -> str:
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    shown_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    return f"http://{f'[{shown_host}]' if ':' in shown_host else shown_host}:{port}/"


def listen(address: str) -> socket.socket:
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, int(port)))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def start(sock: socket.socket, found: dict[str, Any], quiet: bool) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "tools.serve", "--child", str(sock.fileno()), "--settings", json.dumps(found)]
    return subprocess.Popen([*argv, *(["--quiet"] if quiet else [])], cwd=ROOT, pass_fds=[sock.fileno()])


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def parent() -> int:
    from tools import dev  # watchfiles, a native module: the parent's alone

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, dev.interrupted)
    try:
        found = settings()
    except Exception as error:
        print(f"serve: {shown(str(CONFIG))}: {error}", file=sys.stderr)
        return 1
    try:
        sock = listen(found["address"])
    except OSError:
        print(
            f"serve: {found['address']} is taken: another program listens there (`poe dev`?). Stop it, or set "
            "dev.address in .wash/config.yaml to a free HOST:PORT.",
            file=sys.stderr,
        )
        return 1
    print(f"serve: serving app.py from CPython on {found['address']}; it restarts on each save (Ctrl-C stops it)")
    stopping = threading.Event()
    watching = dev.changes(stopping)
    process = start(sock, found, quiet=False)
    waiting = threading.Thread(target=lambda: None)
    try:
        while True:
            waiting = threading.Thread(target=report_exit, args=(process,), daemon=True)
            waiting.start()
            names = next(watching)
            print(f"serve: {', '.join(names)} changed: restarting", flush=True)
            stop(process)
            waiting.join(timeout=1)
            process = start(sock, found, quiet=True)
    except KeyboardInterrupt:
        print("serve: stopping", flush=True)
    finally:
        stopping.set()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop(process)
        sock.close()
    return 0


def report_exit(process: subprocess.Popen[bytes]) -> None:
    """Say that the server waits for a save when the child could not start (no bindings, no HTTP export)."""
    if process.wait() == NOT_LOADED:
        print("serve: waiting for a change", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="poe serve", description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(ROOT)
        sys.path.insert(0, str(ROOT))
        try:
            return child(args.child, json.loads(args.settings), args.quiet)
        except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the parent says it stops
            return 0
    return parent()


if __name__ == "__main__":
    sys.exit(main())
