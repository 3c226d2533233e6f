"""What `poe serve` gives the SDK in place of the host: a stand-in per capability, set up from .wash/config.yaml.

Each stand-in follows the `dev` setting wash dev would: keyvalue in Redis (`wasi_keyvalue_redis_url`), in files
(`wasi_keyvalue_path`, a file per key under a folder per bucket) or in memory; blobstore in files
(`wasi_blobstore_path`, a file per object under a folder per container) or in memory; messaging over NATS
(`data_nats_url`) or in process; PostgreSQL at `dev.postgres_url`; outgoing HTTP sent for real to the hosts
`workload.allowedHosts` lists. What it cannot follow (keyvalue and blobstore in NATS) it keeps in memory, and
install() says so.

create-wasmcloud-python writes this file; its add command may rewrite it.
"""

from __future__ import annotations

import asyncio
import collections
import encodings.idna  # noqa: F401  (the outgoing requests' host names need it: imported here, not in a request)
import importlib
import importlib.util
import inspect
import json
import re
import socket
import sys
import threading
import traceback
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

SDK = "wasmcloud_sdk"


def sdk_module(name: str) -> Any:
    """wasmcloud_sdk.<name>, when the project has it, else None (Any: the modules differ between projects)."""
    if importlib.util.find_spec(f"{SDK}.{name}") is None:
        return None
    return importlib.import_module(f"{SDK}.{name}")


def awaitable_if(is_async: bool, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, or an `async def` that calls it, as the SDK's host protocol for this WASI revision has it."""
    if not is_async:
        return function

    async def call(*args: Any) -> Any:
        return function(*args)

    return call


def finished(value: Any) -> Any:
    """`value`, or what it resolves to when it is awaitable (WASI 0.3's `async def`): in a loop of its own."""
    if inspect.isawaitable(value):

        async def wait() -> Any:
            return await value

        return asyncio.run(wait())
    return value


def interface_config(found: dict[str, Any], namespace: str, package: str) -> dict[str, str]:
    """The config of the `dev.host_interfaces` entry for namespace:package, as wash dev gives it the host."""
    for entry in found["host_interfaces"]:
        if entry.get("namespace") == namespace and entry.get("package") == package:
            return {str(key): str(value) for key, value in (entry.get("config") or {}).items()}
    return {}


# --- Logging and outgoing HTTP -----------------------------------------------------------------------------------


class LogHost:
    """wasi:logging, as wash dev prints it: one line per record on stderr."""

    def log(self, level: str, context: str, message: str) -> None:
        print(f"{level.upper():5} {context}: {message}", file=sys.stderr, flush=True)


def allowed(hosts: list[str], url: str) -> bool:
    """Whether `url`'s host is one workload.allowedHosts lists, by name or by name:port."""
    parts = urlsplit(url)
    return parts.netloc.lower() in hosts or (parts.hostname or "").lower() in hosts


class NetworkHost:
    """Outgoing HTTP, sent for real with urllib to the hosts workload.allowedHosts lists; others are refused."""

    def __init__(self, module: Any, hosts: list[str]) -> None:
        self.module = module
        self.hosts = hosts

    def fetch(self, method: str, url: str, headers: dict[str, str], body: bytes, timeout: float | None) -> Any:
        module = self.module
        module.target(url)  # raises the SDK's HttpError for a URL that is not absolute http(s)
        if not allowed(self.hosts, url):
            raise module.HttpError("denied", module.DENIED)
        sent = urllib.request.Request(url, data=body or None, headers=headers, method=method)
        try:
            with urllib.request.urlopen(sent, timeout=timeout or 30) as answer:
                return module.Response(answer.status, module.joined(iter(answer.headers.items())), answer.read())
        except urllib.error.HTTPError as answer:  # a status that is not 2xx is an answer too
            return module.Response(answer.code, module.joined(iter(answer.headers.items())), answer.read())
        except TimeoutError as error:
            raise module.HttpError("timeout", str(error)) from None
        except urllib.error.URLError as error:
            reason = error.reason
            kind = "dns" if isinstance(reason, socket.gaierror) else "connection"
            raise module.HttpError(kind, str(getattr(reason, "strerror", None) or reason)) from None


# --- Keyvalue and blobstore --------------------------------------------------------------------------------------


class Folders:
    """Values as files, as wash dev keeps them under wasi_keyvalue_path and wasi_blobstore_path: root/group/name."""

    def __init__(self, root: str) -> None:
        self.root = Path(root)
        self.lock = threading.Lock()

    def file(self, group: str, name: str) -> Path:
        return self.root / group / name

    def get(self, group: str, name: str) -> bytes | None:
        path = self.file(group, name)
        return path.read_bytes() if path.is_file() else None

    def put(self, group: str, name: str, data: bytes) -> None:
        path = self.file(group, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def delete(self, group: str, name: str) -> None:
        self.file(group, name).unlink(missing_ok=True)

    def exists(self, group: str, name: str) -> bool:
        return self.file(group, name).is_file()

    def names(self, group: str) -> list[str]:
        folder = self.root / group
        return sorted(path.name for path in folder.iterdir() if path.is_file()) if folder.is_dir() else []


class FileKeyValue(Folders):
    """wasi:keyvalue in files: a counter is its decimal text, as wash dev writes it."""

    def set(self, bucket: str, key: str, value: bytes) -> None:
        self.put(bucket, key, value)

    def keys(self, bucket: str) -> list[str]:
        return self.names(bucket)

    def increment(self, bucket: str, key: str, delta: int) -> int:
        with self.lock:
            count = int(self.get(bucket, key) or b"0") + delta
            self.put(bucket, key, str(count).encode())
            return count


class Redis:
    """Just enough of a Redis client (RESP over a socket) for wasi:keyvalue: one connection, one call at a time."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.url = url
        self.address = (parts.hostname or "127.0.0.1", parts.port or 6379)
        self.password = unquote(parts.password) if parts.password else None
        self.database = parts.path.strip("/") or "0"
        self.lock = threading.Lock()
        self.reader: Any = None
        self.sock: socket.socket | None = None

    def connect(self) -> None:
        self.sock = socket.create_connection(self.address, timeout=10)
        self.reader = self.sock.makefile("rb")
        if self.password is not None:
            self.send("AUTH", self.password)
        if self.database != "0":
            self.send("SELECT", self.database)

    def send(self, *args: str | bytes) -> Any:
        assert self.sock is not None
        parts = [arg.encode() if isinstance(arg, str) else arg for arg in args]
        self.sock.sendall(b"".join([f"*{len(parts)}\r\n".encode(), *(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)]))
        return self.reply()

    def reply(self) -> Any:
        line = self.reader.readline()
        if not line:
            raise ConnectionError("the server closed the connection")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            return None if size < 0 else self.reader.read(size + 2)[:-2]
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.reply() for _ in range(size)]
        raise ConnectionError(f"not a Redis reply: {line!r}")

    def call(self, *args: str | bytes) -> Any:
        with self.lock:
            try:
                if self.sock is None:
                    self.connect()
                return self.send(*args)
            except OSError:
                self.sock = None  # connect again on the next call
                raise


class RedisKeyValue:
    """wasi:keyvalue in Redis, as wash dev keeps it at wasi_keyvalue_redis_url: the key `bucket:key`."""

    def __init__(self, module: Any, url: str) -> None:
        self.module = module
        self.redis = Redis(url)

    def call(self, *args: str | bytes) -> Any:
        try:
            return self.redis.call(*args)
        except (OSError, RuntimeError) as error:
            raise self.module.KeyValueError(f"redis at {self.redis.url}: {error}") from None

    def get(self, bucket: str, key: str) -> bytes | None:
        found: bytes | None = self.call("GET", f"{bucket}:{key}")
        return found

    def set(self, bucket: str, key: str, value: bytes) -> None:
        self.call("SET", f"{bucket}:{key}", value)

    def delete(self, bucket: str, key: str) -> None:
        self.call("DEL", f"{bucket}:{key}")

    def exists(self, bucket: str, key: str) -> bool:
        return bool(self.call("EXISTS", f"{bucket}:{key}"))

    def keys(self, bucket: str) -> list[str]:
        found: list[str] = []
        cursor = "0"
        while True:
            cursor_bytes, page = self.call("SCAN", cursor, "MATCH", f"{bucket}:*", "COUNT", "1000")
            found += [name.decode().removeprefix(f"{bucket}:") for name in page]
            cursor = cursor_bytes.decode()
            if cursor == "0":
                return sorted(set(found))

    def increment(self, bucket: str, key: str, delta: int) -> int:
        count: int = self.call("INCRBY", f"{bucket}:{key}", str(delta))
        return count


# --- PostgreSQL --------------------------------------------------------------------------------------------------

PARAMETER = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|%|\$(\d+)""")
"""What changes between wasmcloud:postgres's SQL ($1, $2, ...) and psycopg's: quoted text and comments stay."""


def psycopg_sql(sql: str) -> str:
    """`sql` with $n as psycopg's %(pn)s and a literal % doubled, outside quotes and comments."""

    def swap(match: re.Match[str]) -> str:
        if match.group(0) == "%":
            return "%%"
        return f"%(p{match.group(1)})s" if match.group(1) else match.group(0)

    return PARAMETER.sub(swap, sql)


class PostgresHost:
    """wasmcloud:postgres over psycopg: dev.postgres_url, in the database the host interface's config names."""

    def __init__(self, module: Any, url: str, database: str | None) -> None:
        self.module = module
        self.url = url
        self.database = database
        self.lock = threading.Lock()
        self.connection: Any = None
        try:  # now, not in a request: what psycopg imports is not taken for the app's
            self.psycopg: Any = importlib.import_module("psycopg")
        except ImportError:
            self.psycopg = None

    def connected(self) -> Any:
        psycopg = self.psycopg
        if psycopg is None:
            raise self.module.DatabaseError("psycopg is not installed: `uv sync` (or `pip install --group dev`)")
        if self.connection is None or self.connection.closed:
            options = {"dbname": self.database} if self.database else {}
            self.connection = psycopg.connect(self.url, autocommit=True, connect_timeout=10, **options)
        return self.connection

    def errors(self) -> type[Exception]:
        return self.psycopg.Error if self.psycopg is not None else OSError

    def run(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self.lock:
            try:
                cursor = self.connected().execute(
                    psycopg_sql(sql), {f"p{number}": value for number, value in enumerate(params, 1)}
                )
                return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
            except self.errors() as error:
                raise self.module.DatabaseError(str(error).strip()) from None

    def query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self.run(sql, params)

    def execute(self, sql: str, params: tuple[Any, ...]) -> None:
        self.run(sql, params)

    def execute_script(self, sql: str) -> None:
        with self.lock:
            try:
                result = self.connected().pgconn.exec_(sql.encode())
            except self.errors() as error:
                raise self.module.DatabaseError(str(error).strip()) from None
            if result.error_message:
                raise self.module.DatabaseError(result.error_message.decode(errors="replace").strip())


# --- Messaging ---------------------------------------------------------------------------------------------------


def subscribed(patterns: list[str], subject: str) -> bool:
    """Whether a NATS subscription (`*` one token, `>` the rest) takes `subject`."""
    for pattern in patterns:
        expression = re.escape(pattern).replace(r"\*", "[^.]+").replace(r"\>", ".+")
        if re.fullmatch(expression, subject):
            return True
    return False


class Nats:
    """Just enough of a NATS client (the core protocol) to publish, and to take the subscriptions' messages."""

    def __init__(self, url: str, deliver: Callable[[str, bytes, str | None], None]) -> None:
        parts = urlsplit(url)
        self.url = url
        self.sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 4222), timeout=10)
        self.reader = self.sock.makefile("rb")
        self.lock = threading.Lock()
        self.pongs: collections.deque[threading.Event] = collections.deque()  # a PING's waiter each, in order
        self.deliver = deliver
        self.reader.readline()  # INFO {...}
        options = {"verbose": False, "pedantic": False, "lang": "python", "version": "0", "protocol": 1}
        if parts.username:
            options |= {"user": unquote(parts.username), "pass": unquote(parts.password or "")}
        self.write(f"CONNECT {json.dumps(options)}\r\nPING\r\n".encode())
        while (line := self.reader.readline()) and line.startswith(b"INFO"):
            pass
        if line.startswith(b"-ERR"):
            raise ConnectionError(line.decode().strip())
        self.sock.settimeout(None)
        threading.Thread(target=self.read, daemon=True).start()

    def write(self, data: bytes) -> None:
        with self.lock:
            self.sock.sendall(data)

    def subscribe(self, subject: str, sid: int) -> None:
        self.write(f"SUB {subject} {sid}\r\n".encode())

    def publish(self, subject: str, body: bytes, reply_to: str | None) -> None:
        """Publish, then wait for the server's PONG to a PING: the message has reached the server when it returns."""
        head = f"PUB {subject} {reply_to + ' ' if reply_to else ''}{len(body)}\r\n".encode()
        pong = threading.Event()
        with self.lock:
            self.pongs.append(pong)
            self.sock.sendall(head + body + b"\r\nPING\r\n")
        if not pong.wait(10):
            raise OSError(f"no answer from NATS at {self.url} within 10 s")

    def read(self) -> None:
        while line := self.reader.readline():
            if line.startswith(b"MSG "):
                fields = line.decode().split()
                subject, reply_to, size = fields[1], fields[3] if len(fields) == 5 else None, int(fields[-1])
                body = self.reader.read(size + 2)[:-2]
                threading.Thread(target=self.deliver, args=(subject, body, reply_to), daemon=True).start()
            elif line.startswith(b"PING"):
                self.write(b"PONG\r\n")
            elif line.startswith(b"PONG"):
                with self.lock:
                    waiter = self.pongs.popleft() if self.pongs else None
                if waiter is not None:
                    waiter.set()
        print(f"serve: NATS at {self.url} closed the connection", file=sys.stderr, flush=True)


class Broker:
    """Messaging as wash dev has it: over NATS at data_nats_url, or in process, where a message published to a
    subject of the subscriptions goes to the handler."""

    def __init__(self, module: Any, subscriptions: list[str], nats_url: str | None) -> None:
        self.module = module
        self.subscriptions = subscriptions
        self.nats: Nats | None = None
        if nats_url:
            self.nats = Nats(nats_url, lambda subject, body, reply: self.handle(module.Message(subject, body, reply)))
            for sid, subject in enumerate(subscriptions, 1):
                self.nats.subscribe(subject, sid)

    def send(self, message: Any) -> None:
        if self.nats is not None:
            try:
                self.nats.publish(message.subject, message.body, message.reply_to)
            except OSError as error:
                raise self.module.MessagingError(f"NATS at {self.nats.url}: {error}") from None
            return
        print(f"serve: published {len(message.body)} bytes to {message.subject}", flush=True)
        if subscribed(self.subscriptions, message.subject):
            threading.Thread(target=self.handle, args=(message,), daemon=True).start()

    def handle(self, message: Any) -> None:
        handler = self.module.handler_of_app
        if handler is None:
            return
        try:
            answer = finished(handler(message))
        except Exception as error:
            print(self.module.failure(message, error), file=sys.stderr, flush=True)
            traceback.print_exc()
            return
        if answer is not None and message.reply_to is not None:
            body = answer.encode() if isinstance(answer, str) else answer
            try:
                self.send(self.module.Message(message.reply_to, body))
            except self.module.MessagingError as error:
                print(f"serve: reply to {message.reply_to} failed: {error}", file=sys.stderr, flush=True)


# --- All of them -------------------------------------------------------------------------------------------------


def keyvalue_host(module: Any, dev: dict[str, Any]) -> tuple[Any, str]:
    """The keyvalue stand-in the dev settings call for, and what it is, in words."""
    nats = dev.get("wasi_keyvalue_nats_url") or dev.get("data_nats_url")
    if redis := dev.get("wasi_keyvalue_redis_url"):
        return RedisKeyValue(module, str(redis)), f"Redis at {redis}"
    if path := dev.get("wasi_keyvalue_path"):
        return FileKeyValue(str(path)), f"files under {path}"
    if nats:
        return module.MemoryHost(), f"in memory (not NATS at {nats}, as wash dev would)"
    return module.MemoryHost(), "in memory"


def blobstore_host(module: Any, dev: dict[str, Any]) -> tuple[Any, str]:
    """The blobstore stand-in the dev settings call for, and what it is, in words."""
    if path := dev.get("wasi_blobstore_path"):
        return Folders(str(path)), f"files under {path}"
    if nats := dev.get("data_nats_url"):
        return module.MemoryHost(), f"in memory (not NATS at {nats}, as wash dev would)"
    return module.MemoryHost(), "in memory"


def install(found: dict[str, Any]) -> list[str]:
    """Put a stand-in in place of each host the project's SDK calls; what each is, a line each."""
    said: list[str] = []
    dev = found["dev"]
    if (log := sdk_module("log")) is not None:
        log.host = LogHost()
        said.append("logging: printed on stderr")
    if (config := sdk_module("config")) is not None:
        config.host = config.MemoryHost()
        config.host.values = dict(found["config"])
        said.append(f"config: workload.config ({', '.join(found['config']) or 'no values'})")
    if (client := sdk_module("http_client")) is not None:
        client.host = client.MemoryHost()
        network = NetworkHost(client, found["allowed_hosts"])
        client.host.send = awaitable_if(inspect.iscoroutinefunction(client.WitHost.send), network.fetch)
        said.append(f"outgoing HTTP: sent for real to {', '.join(found['allowed_hosts']) or 'no host'}")
    if (keyvalue := sdk_module("keyvalue")) is not None:
        keyvalue.host, what = keyvalue_host(keyvalue, dev)
        said.append(f"keyvalue: {what}")
    if (blobstore := sdk_module("blobstore")) is not None:
        blobstore.host, what = blobstore_host(blobstore, dev)
        said.append(f"blobstore: {what}")
    if (postgres := sdk_module("postgres")) is not None:
        url = str(dev.get("postgres_url") or "postgres://postgres@127.0.0.1:5432/postgres")
        database = interface_config(found, "wasmcloud", "postgres").get("database")
        postgres.host = PostgresHost(postgres, url, database)
        said.append(f"postgres: {url}" + (f", database {database}" if database else ""))
    if (messaging := sdk_module("messaging")) is not None:
        subjects = [s.strip() for s in found["config"].get("subscriptions", "").split(",") if s.strip()]
        nats = dev.get("data_nats_url")
        handled = ", ".join(subjects) or "no subject"
        try:
            broker = Broker(messaging, subjects, str(nats) if nats else None)
            where = f"NATS at {nats}" if nats else "in process"
        except OSError as error:
            broker = Broker(messaging, subjects, None)
            where = f"in process: NATS at {nats} does not answer ({error})"
        messaging.host = messaging.MemoryHost()
        messaging.host.publish = awaitable_if(inspect.iscoroutinefunction(messaging.WitHost.publish), broker.send)
        said.append(f"messaging: {where}; the handler takes {handled}")
    if (secrets := sdk_module("secrets")) is not None:
        secrets.host = secrets.MemoryHost()
        secrets.host.values = interface_config(found, "wasmcloud", "secrets")
        said.append(f"secrets: dev.host_interfaces ({', '.join(secrets.host.values) or 'none'})")
    return said
