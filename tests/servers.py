"""Pytest fixtures that start real SPARQL servers on free loopback ports.

- ``oxigraph_server``: ``oxigraph serve`` (the ``oxigraph`` package from PyPI), with
  ``--union-default-graph``, on a temporary folder.
- ``virtuoso_server``: Debian's ``virtuoso-t`` with its own ``virtuoso.ini`` (database in
  a temporary folder); skipped when ``virtuoso-t`` is not installed
  (``apt-get install -y virtuoso-opensource``).
- ``flaky_proxy``/:class:`FlakyProxy`: a small real HTTP server that forwards to another
  server, answers HTTP 500 to the first requests, can require basic auth, or stall.

Each fixture yields the server's base URL and stops the process it started.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


def free_port() -> int:
    """A TCP port nobody listens on right now, on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {detail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server at {url} not ready after {timeout} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI of this virtualenv (or on PATH)."""
    here = Path(sys.executable).with_name("oxigraph")
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    return found


@contextlib.contextmanager
def run_oxigraph(folder: Path, *, union: bool = True) -> Iterator[str]:
    """Run ``oxigraph serve`` on ``folder`` and a free port; yield its base URL.

    ``union`` makes the default graph the union of the named graphs
    (``--union-default-graph``); without it the default graph is a graph of its own.
    """
    port = free_port()
    log = folder / "server.log"
    args = [oxigraph_binary(), "serve", "--location", str(folder / "data")]
    args += ["--bind", f"127.0.0.1:{port}", *(["--union-default-graph"] if union else [])]
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(base + "/query?query=ASK%7B%7D", proc, 30, log)
        yield base
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``oxigraph serve`` on a free port; yield its base URL."""
    with run_oxigraph(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {vad}
VADInstallDir = {vad}/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}/vsp
MaxClientConnections = 10
ServerThreads = 10
EnabledGzipContent = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start Virtuoso Open Source on free ports with a fresh database; yield its base URL.

    The Graph Store endpoint with digest authentication is ``/sparql-graph-crud-auth``
    and the user ``dba`` (password ``dba`` on a fresh database).
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed (apt-get install -y virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    (folder / "vsp").mkdir()
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(
            d=folder,
            sql_port=sql_port,
            http_port=http_port,
            vad="/usr/share/virtuoso-opensource-7/vad",
        )
    )
    log = folder / "stdout.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [binary, "-c", str(ini), "+foreground"],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_http(base + "/sparql?query=ASK%7B%7D", proc, 90, folder / "virtuoso.log")
        yield base
    finally:
        _stop(proc)


class FlakyProxy:
    """A real local HTTP server in a thread, in front of ``target`` (or of nothing).

    Parameters
    ----------
    target
        Base URL requests are forwarded to (path and query kept); ``None`` answers 200
        with an empty body.
    fail_first
        How many requests get HTTP ``fail_status`` before forwarding starts.
    fail_status, retry_after
        The status of those failures (500; 429 or 503 to ask clients to slow down) and
        the ``Retry-After`` header sent with them (none by default).
    credentials
        ``(user, password)`` to demand with HTTP basic authentication (401 otherwise).
    delay
        Seconds to wait before answering (to provoke client timeouts).
    respond
        Called as ``respond(method, path, body)`` for every request that passed the
        checks above; it returns ``(status, body, content type)`` to answer instead of
        the target (a fault: odd JSON, a failure after N writes...), or ``None`` to
        forward the request.
    """

    def __init__(
        self,
        target: str | None = None,
        *,
        fail_first: int = 0,
        fail_status: int = 500,
        retry_after: str | None = None,
        credentials: tuple[str, str] | None = None,
        delay: float = 0.0,
        respond: Callable[[str, str, bytes | None], tuple[int, bytes, str] | None] | None = None,
    ):
        self.target = target
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.retry_after = retry_after
        self.credentials = credentials
        self.delay = delay
        self.respond = respond
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                proxy.requests.append((self.command, self.path, dict(self.headers)))
                if proxy.delay:
                    time.sleep(proxy.delay)
                if proxy.credentials:
                    token = base64.b64encode(":".join(proxy.credentials).encode()).decode()
                    if self.headers.get("Authorization") != "Basic " + token:
                        self.send_response(401)
                        self.send_header("WWW-Authenticate", 'Basic realm="test"')
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                if len(proxy.requests) <= proxy.fail_first:
                    msg = b"simulated failure"
                    self.send_response(proxy.fail_status)
                    if proxy.retry_after is not None:
                        self.send_header("Retry-After", proxy.retry_after)
                    self.send_header("Content-Length", str(len(msg)))
                    self.end_headers()
                    self.wfile.write(msg)
                    return
                answer = proxy.respond(self.command, self.path, body) if proxy.respond else None
                if answer is not None:
                    status, data, ctype = answer
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                if proxy.target is None:
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                fwd = urllib.request.Request(
                    proxy.target + self.path, data=body, method=self.command
                )
                for k in ("Content-Type", "Accept"):
                    if self.headers.get(k):
                        fwd.add_header(k, self.headers[k])
                try:
                    with urllib.request.urlopen(fwd, timeout=30) as r:
                        status, data, ctype = r.status, r.read(), r.headers.get("Content-Type")
                except urllib.error.HTTPError as e:
                    status, data, ctype = e.code, e.read(), e.headers.get("Content-Type")
                except OSError as e:  # the target is gone
                    status, data, ctype = 502, str(e).encode(), "text/plain"
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # a client that timed out closes its socket: nothing to report
        self.server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FlakyProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def server_env() -> dict[str, str]:
    """The environment for subprocesses, without credentials leaking from the caller."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PARTYGRAPH_")}
