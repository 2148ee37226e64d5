"""The demo simulator as a child of `lotse-stack run`: its output goes to the terminal, not a log file.

It runs in its own session, so Ctrl-C reaches only the launcher, which then asks the simulator to print
its final figures (SIGINT) before the services it talks to are stopped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Sequence


class SimulatorProcess:
    def __init__(self, argv: Sequence[str]) -> None:
        self.argv = [sys.executable, "-m", "simulator", *argv]
        self._popen: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen is not None else None

    @property
    def is_running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    @property
    def returncode(self) -> int | None:
        return self._popen.poll() if self._popen is not None else None

    def start(self) -> SimulatorProcess:
        self._popen = subprocess.Popen(self.argv, start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        return self

    def report(self) -> None:
        """Ask for the district figures now (SIGUSR1)."""
        self._signal(signal.SIGUSR1)

    def stop(self, timeout: float = 90.0) -> None:
        """SIGINT: the simulator prints its final figures and exits; SIGKILL after `timeout` seconds."""
        if self._popen is None or self._popen.poll() is not None:
            return
        self._signal(signal.SIGINT)
        try:
            self._popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self._popen.wait()

    def _signal(self, signum: signal.Signals) -> None:
        if self._popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._popen.pid, signum)
