"""`poe dev`: `wash dev`, restarted whenever a Python file of the project or wit/ changes.

wash 2.x's `wash dev` builds the component, compiles it and serves it, but does not watch files. This
runs it, says when the component answers (wash dev answers 404 until its log says it listens, about
20 s on an idle machine), and starts it again after each change. First it checks that `dev.address`
is free, since wash dev would only die with "Address in use".

A request gets an answer within RESPONSE_TIMEOUT_SECS: a 500 when the component has not answered by then
(wash's own bound is 600 s). A PostgreSQL server that accepts but never answers would otherwise hold the
request that long: `connect_timeout` in `dev.postgres_url` bounds only the TCP connect. Set
WASH_HTTP_RESPONSE_TIMEOUT_SECS for another bound.

It also watches the servers the config names (PostgreSQL, Redis, NATS: tools/backends.py) and says, naming the
server, its URL and the setting, when one stops answering and when it is back: the component's own errors cannot
name them, since a component is not told where its host's servers are.

create-wasmcloud-python writes this file; its add command may rewrite it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from queue import Queue

from watchfiles import watch

from tools import backends
from tools import wash as wash_tool

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".wash" / "config.yaml"
# What wash dev listens on without a `dev.address`.
WASH_DEFAULT_ADDRESS = "0.0.0.0:8000"
READY = "listening for HTTP requests"
# wash dev's line for a request the component did not answer within the bound (a `reply` on WASI 0.3).
UNANSWERED = re.compile(r"produced no (response|reply)")
# Seconds wash dev gives a request to be answered, unless WASH_HTTP_RESPONSE_TIMEOUT_SECS says otherwise.
RESPONSE_TIMEOUT_SECS = "25"
# Not the project's code: generated, installed or cached.
IGNORED = {"bindings", "build", ".venv", "venv", ".git", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def dev_address(config: Path = CONFIG) -> str:
    """`dev.address` in the wash config, or wash dev's own default."""
    section = ""
    for line in config.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and line.endswith(":"):
            section = line[:-1]
        elif section == "dev" and line.strip().startswith("address:"):
            return line.split(":", 1)[1].strip().strip("\"'")
    return WASH_DEFAULT_ADDRESS


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host.strip("[]"), int(port)


def address_taken(address: str) -> bool:
    """Whether something listens on `address` already (wash dev could not)."""
    host, port = split_address(address)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # A listening socket still refuses the bind; connections of a stopped server in TIME_WAIT do not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def is_watched(path: Path) -> bool:
    """A change that needs a new build: a Python file of the project, or anything under wit/."""
    relative = path.relative_to(ROOT)
    if IGNORED.intersection(relative.parts) or any(part.startswith(".bindings-") for part in relative.parts):
        return False
    return relative.parts[0] == "wit" or path.suffix == ".py"


def changes(stop: threading.Event) -> Iterator[list[str]]:
    """Each batch of changed paths that need a new build, relative to the project.

    The project directory is watched by itself (app.py, conftest.py, ...) and its other folders
    (wit/, tests/, tools/, your own packages) as trees: never .venv/ or bindings/, whose many files
    would cost a watch each.
    """
    batches: Queue[list[str]] = Queue()
    folders = [
        path for path in ROOT.iterdir() if path.is_dir() and path.name not in IGNORED and not path.name.startswith(".")
    ]

    def pump(paths: list[Path], recursive: bool) -> None:
        for batch in watch(
            *paths, recursive=recursive, stop_event=stop, watch_filter=lambda _, path: is_watched(Path(path))
        ):
            batches.put(sorted({str(Path(path).relative_to(ROOT)) for _, path in batch}))

    for paths, recursive in (([ROOT], False), (folders, True)):
        if paths:
            threading.Thread(target=pump, args=(paths, recursive), daemon=True).start()
    while True:
        yield batches.get()


def url_of(address: str) -> str:
    host, port = split_address(address)
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}/"


# componentize-py's Rust backtrace: a frame's number and name, or where it is.
BACKTRACE = re.compile(r"^\s+(\d+: |at )")
# Where the Python error of a failed build is: componentize-py runs app.py from /0/, the project.
PYTHON_FRAME = re.compile(r'File "/0/(?P<file>[^"]+)", line (?P<line>\d+)')
# wash dev processes this tool stopped itself (a restart, Ctrl-C): their exit is no failure to report.
STOPPED: set[int] = set()


def build_failure(lines: list[str]) -> list[str]:
    """A failed build's Python error alone: `file:line: Error: message` and the line of code, without the wrappers."""
    where, code, message = "", "", ""
    for index, line in enumerate(lines):
        if frame := PYTHON_FRAME.search(line):
            where = f"{frame['file']}:{frame['line']}"
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            code = "" if following.startswith(("File ", "^", "...")) else following
        elif line.strip() == "Caused by:" and not message:
            message = next((rest.strip() for rest in lines[index + 1 :] if rest.strip()), "")
    if not message:
        return [line.rstrip("\n") for line in lines if not BACKTRACE.match(line)]
    message = re.sub(r" \([^()]+, line \d+\)$", "", message)  # a SyntaxError repeats the place
    return [f"dev: the build failed: {where + ': ' if where else ''}{message}", *([f"    {code}"] if code else [])]


def start(address: str, watcher: backends.Watcher) -> subprocess.Popen[str]:
    """`wash dev` in its own process group, its output passed on; says when the component answers.

    A build that fails is shown as its Python error alone (file, line, message): componentize-py's wrapping
    traceback and the Rust backtraces are dropped. Then it waits for the next change. A request left unanswered
    is followed by the servers that do not answer, if any: the likely reason.
    """
    env = {"WASH_HTTP_RESPONSE_TIMEOUT_SECS": RESPONSE_TIMEOUT_SECS, **os.environ}
    wash = subprocess.Popen(
        ["wash", "dev"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    started = time.monotonic()

    def relay() -> None:
        assert wash.stdout is not None
        ready, held = False, list[str]()
        for line in wash.stdout:
            if held or line.startswith("Traceback (most recent call last):"):
                held.append(line)  # a failing build: said in a few lines once wash dev has stopped
                continue
            if BACKTRACE.match(line):
                continue
            sys.stdout.write(line)
            if UNANSWERED.search(line) and (down := watcher.down()):
                print(f"dev: a request got no answer in {RESPONSE_TIMEOUT_SECS} s; {'; '.join(down)}", flush=True)
            if READY in line:
                ready = True
                print(f"dev: ready at {url_of(address)} ({time.monotonic() - started:.0f} s)", flush=True)
        code = wash.wait()
        if wash.pid not in STOPPED and not ready:
            for said in build_failure(held) if held else []:
                print(said, flush=True)
            print(f"dev: wash dev stopped (exit {code}): waiting for a change", flush=True)
        sys.stdout.flush()

    threading.Thread(target=relay, daemon=True).start()
    return wash


def stop(wash: subprocess.Popen[str]) -> None:
    STOPPED.add(wash.pid)
    if wash.poll() is not None:
        return
    os.killpg(wash.pid, signal.SIGINT)
    try:
        wash.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(wash.pid, signal.SIGKILL)
        wash.wait()


def interrupted(signum: int, frame: object) -> None:
    """SIGTERM (or SIGHUP) stops `poe dev` as Ctrl-C does: wash dev is stopped, no traceback."""
    raise KeyboardInterrupt


def main() -> int:
    if shutil.which("wash") is None:
        print(wash_tool.missing("dev"), file=sys.stderr)
        return 1
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupted)
    address = dev_address()
    if address_taken(address):
        print(
            f"dev: {address} is taken: another program listens there. Stop it, or set dev.address in "
            ".wash/config.yaml to a free HOST:PORT.",
            file=sys.stderr,
        )
        return 1
    print(
        f"dev: starting wash dev on {address}; it restarts when a .py file or wit/ changes (Ctrl-C stops it)",
        flush=True,
    )
    stopping = threading.Event()
    watcher = backends.Watcher(backends.configured(CONFIG), lambda line: print(line, flush=True))
    watcher.start()
    wash = start(address, watcher)
    try:
        for names in changes(stopping):
            print(f"dev: {', '.join(names)} changed: restarting wash dev", flush=True)
            stop(wash)
            wash = start(address, watcher)
    except KeyboardInterrupt:
        print("dev: stopping wash dev", flush=True)
    finally:
        stopping.set()
        watcher.stop()
        # A second Ctrl-C while wash dev stops must not leave it running, nor print a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop(wash)
    return 0


if __name__ == "__main__":
    sys.exit(main())
