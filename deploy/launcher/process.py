"""Plain child processes for the local stack: start, watch, stop, and explain failures."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

LOG_TAIL_LINES = 30


class LauncherError(RuntimeError):
    """A component of the local stack could not be started or used."""


class BinaryNotFoundError(LauncherError):
    """A program the stack needs is not installed; the message is one line with the fix."""


class ProcessDiedError(LauncherError):
    """The process exited while we were waiting for it to become ready."""


class StartupTimeoutError(LauncherError):
    """The process kept running but never became ready in time."""


def require_binary(
    name: str,
    hint: str,
    *,
    what: str | None = None,
    candidates: Iterable[Path] = (),
) -> Path:
    """Path of the program `name`: the first existing executable in `candidates`, else from PATH.

    Raises `BinaryNotFoundError("<what> not found: <hint>")`.
    """
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found is None:
        raise BinaryNotFoundError(f"{what or name} not found: {hint}")
    return Path(found)


def free_ports(count: int) -> list[int]:
    """`count` distinct TCP ports on 127.0.0.1 that were free a moment ago."""
    # All sockets stay bound until every port is chosen: binding one at a time can hand
    # out the same port twice, and a broker's client and controller ports must differ.
    with contextlib.ExitStack() as stack:
        ports: list[int] = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            sock.bind(("127.0.0.1", 0))
            ports.append(int(sock.getsockname()[1]))
        return ports


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    return free_ports(1)[0]


def port_is_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_free_ports(what: str, *ports: int) -> None:
    """Raise unless nothing listens on these ports of 127.0.0.1."""
    # A readiness probe cannot tell our server from an old one still holding the port
    # (a leftover `make run`): without this check start() would report success while
    # the new process is still failing to bind.
    busy = [str(port) for port in ports if port_is_open(port)]
    if busy:
        raise LauncherError(
            f"Cannot start {what}: 127.0.0.1:{', '.join(busy)} already in use (is another instance running?)"
        )


def tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last `lines` lines of a text file, or a note that it does not exist."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return f"(no log file at {path})"
    return "\n".join(text.splitlines()[-lines:])


# Processes still running at interpreter exit are stopped, so that a script that ends
# without stopping them (an exception, Ctrl-C) does not leave servers behind that hold
# ports and data dirs.
_running: weakref.WeakSet[ManagedProcess] = weakref.WeakSet()


@atexit.register
def _stop_leftovers() -> None:
    for process in list(_running):
        process.stop(timeout=5)


class ManagedProcess:
    """One long-running child process in its own process group, output appended to a log file."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str | os.PathLike[str]],
        log_path: Path,
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self.argv = [os.fspath(arg) for arg in argv]
        self.log_path = log_path
        self.env = dict(env) if env is not None else None
        self.cwd = cwd
        self._popen: subprocess.Popen[bytes] | None = None

    def __repr__(self) -> str:
        return f"ManagedProcess({self.name!r}, pid={self.pid}, running={self.is_running})"

    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen is not None else None

    @property
    def returncode(self) -> int | None:
        return self._popen.poll() if self._popen is not None else None

    @property
    def is_running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    def start(self) -> Self:
        if self.is_running:
            raise LauncherError(f"{self.name} is already running (pid {self.pid})")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        # Appending keeps the output of earlier runs: after a restart in a fault test the
        # log still shows why the previous run ended.
        with self.log_path.open("ab") as log:
            started = time.strftime("%Y-%m-%d %H:%M:%S")
            log.write(f"\n=== {started} starting: {' '.join(self.argv)}\n".encode())
            log.flush()
            self._popen = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=self.cwd,
                # Own session and process group: Ctrl-C in the terminal does not reach the
                # child directly, and stop/kill reach all of its descendants.
                start_new_session=True,
            )
        _running.add(self)
        return self

    def _signal_group(self, signum: signal.Signals) -> None:
        if self._popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._popen.pid, signum)

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, wait up to `timeout` seconds, then SIGKILL. Returns the exit code."""
        if self._popen is None:
            return None
        if self._popen.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self._popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self._popen.wait()
        _running.discard(self)
        return self._popen.returncode

    def kill(self) -> int | None:
        """SIGKILL at once, as a crash would (for fault tests). Returns the exit code."""
        if self._popen is None:
            return None
        self._signal_group(signal.SIGKILL)
        self._popen.wait()
        _running.discard(self)
        return self._popen.returncode

    def tail(self, lines: int = LOG_TAIL_LINES) -> str:
        return tail(self.log_path, lines)

    def failure(self, problem: str, extra_logs: Iterable[Path] = ()) -> str:
        """An error message: the problem, then the last lines of each log."""
        parts = [f"{self.name}: {problem}", f"--- last lines of {self.log_path} ---", self.tail()]
        for path in extra_logs:
            parts += [f"--- last lines of {path} ---", tail(path)]
        return "\n".join(parts)

    def wait_until(
        self,
        check: Callable[[], bool],
        timeout: float,
        what: str,
        *,
        interval: float = 0.1,
        extra_logs: Iterable[Path] = (),
    ) -> float:
        """Poll `check` until it returns True; returns the seconds waited.

        An exception from `check` counts as "not yet" (readiness probes fail with
        connection errors until the server is up); the last one is quoted on timeout.
        Raises `ProcessDiedError` as soon as the process exits, `StartupTimeoutError`
        after `timeout` seconds, both with the tail of the log.
        """
        extra = list(extra_logs)
        started = time.monotonic()
        deadline = started + timeout
        last_error: BaseException | None = None
        while True:
            if not self.is_running:
                raise ProcessDiedError(
                    self.failure(f"exited with code {self.returncode} while waiting for {what}", extra)
                )
            try:
                if check():
                    return time.monotonic() - started
            except Exception as error:
                last_error = error
            if time.monotonic() >= deadline:
                detail = f" (last check failed with {last_error!r})" if last_error else ""
                raise StartupTimeoutError(self.failure(f"no {what} after {timeout:g} s{detail}", extra))
            time.sleep(interval)

    def __enter__(self) -> Self:
        if not self.is_running:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
