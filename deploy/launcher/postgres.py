"""A private PostgreSQL cluster (initdb + pg_ctl) listening on 127.0.0.1 only, trust auth."""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shlex
import shutil
import stat
import subprocess
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Self

import asyncpg  # type: ignore[import-untyped]

from deploy.launcher.blocking import run_blocking
from deploy.launcher.lifecycle import Lifecycle
from deploy.launcher.process import BinaryNotFoundError, LauncherError, tail

POSTGRES_HINT = "apt-get install postgresql"
SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
OS_USER = "postgres"
SUPERUSER = "postgres"


# pg_ctl detaches the server from us, so nothing stops it when a script ends without
# calling stop() (an exception, Ctrl-C): clusters started here are stopped at exit.
_started: weakref.WeakSet[PostgresCluster] = weakref.WeakSet()


@atexit.register
def _stop_leftovers() -> None:
    for cluster in list(_started):
        cluster.stop()


def _has_server_programs(bindir: Path) -> bool:
    return all((bindir / program).is_file() for program in SERVER_PROGRAMS)


def _version_key(bindir: Path) -> tuple[int, ...]:
    # /usr/lib/postgresql/<version>/bin: compare versions as numbers, so 15 beats 9.6.
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name))


def find_bindir(search_root: Path = Path("/usr/lib/postgresql")) -> Path:
    """The directory with initdb, pg_ctl and postgres.

    `pg_config --bindir` first; Debian keeps the server programs out of PATH, so then the
    newest `<search_root>/<version>/bin`.
    """
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        bindir = Path(result.stdout.strip())
        # pg_config may come from the client-only package (libpq-dev), without a server.
        if result.returncode == 0 and _has_server_programs(bindir):
            return bindir
    installed = [bindir for bindir in search_root.glob("*/bin") if _has_server_programs(bindir)]
    if not installed:
        raise BinaryNotFoundError(f"PostgreSQL server not found: {POSTGRES_HINT}")
    return max(installed, key=_version_key)


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgresCluster(Lifecycle):
    """One PostgreSQL cluster in `data_dir`: `pgdata/` (the cluster), `run/` (unix socket), `postgres.log`.

    `ephemeral=True` (tests) turns fsync off: much faster, but a machine crash can corrupt
    the cluster. When run as root, the server runs as the `postgres` OS user (PostgreSQL
    refuses to run as root), which then owns `data_dir`.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int,
        *,
        ephemeral: bool = False,
        bindir: Path | None = None,
        start_timeout: float = 60.0,
    ) -> None:
        self.data_dir = data_dir.resolve()
        self.port = port
        self.ephemeral = ephemeral
        self._bindir = bindir
        self.start_timeout = start_timeout
        self.pgdata = self.data_dir / "pgdata"
        self.socket_dir = self.data_dir / "run"
        self.log_path = self.data_dir / "postgres.log"

    def __repr__(self) -> str:
        return f"PostgresCluster(127.0.0.1:{self.port}, data_dir={str(self.data_dir)!r})"

    @property
    def bindir(self) -> Path:
        if self._bindir is None:
            self._bindir = find_bindir()
        return self._bindir

    def dsn(self, database: str = "postgres") -> str:
        """SQLAlchemy URL for the async engine."""
        return f"postgresql+asyncpg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def libpq_dsn(self, database: str = "postgres") -> str:
        """Plain `postgresql://` URL for asyncpg, psql and libpq."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    @property
    def is_initialised(self) -> bool:
        return (self.pgdata / "PG_VERSION").is_file()

    @property
    def is_running(self) -> bool:
        if not self.is_initialised:
            return False
        result = self._run(["pg_ctl", "status", "-D", str(self.pgdata)], check=False)
        return result.returncode == 0

    def _as_server_user(self) -> bool:
        return os.geteuid() == 0

    def _run(self, argv: Sequence[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self._as_server_user():
            command = ["runuser", "-u", OS_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")
        if check and result.returncode != 0:
            log = ""
            if self.log_path.exists():
                log = f"\n--- last lines of {self.log_path} ---\n{tail(self.log_path)}"
            raise LauncherError(
                f"{argv[0]} failed (exit {result.returncode}): {result.stdout}{result.stderr}{log}".rstrip()
            )
        return result

    def _prepare_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if not self._as_server_user():
            return
        user = pwd.getpwnam(OS_USER)
        for path in (self.data_dir, self.socket_dir):
            os.chown(path, user.pw_uid, user.pw_gid)
        # The server user must be able to reach data_dir. Test temp dirs such as
        # /tmp/pytest-of-root are 0700; only the search bit is added, so others can pass
        # through a parent but still cannot list it.
        for parent in self.data_dir.parents:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                parent.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)

    def initdb(self) -> None:
        """Create the cluster unless it exists."""
        self._prepare_dirs()
        if self.is_initialised:
            return
        # C.UTF-8 rather than C: upper()/lower() and ILIKE then handle umlauts in names.
        options = ["--encoding=UTF8", "--locale=C.UTF-8"]
        if self.ephemeral:
            options.append("--no-sync")
        self._run(["initdb", "-D", str(self.pgdata), "-U", SUPERUSER, "--auth=trust", *options])

    def start(self) -> Self:
        """initdb if needed, then start and wait until the server accepts connections."""
        self.initdb()
        if self.is_running:
            return self
        options = [
            f"-p {self.port}",
            # pg_ctl hands these options to a shell.
            f"-k {shlex.quote(str(self.socket_dir))}",
            "-c listen_addresses=127.0.0.1",
        ]
        if self.ephemeral:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        pg_ctl = ["pg_ctl", "-w", "-t", str(int(self.start_timeout)), "-D", str(self.pgdata)]
        self._run([*pg_ctl, "-l", str(self.log_path), "-o", " ".join(options), "start"])
        _started.add(self)
        return self

    def stop(self) -> None:
        """Fast shutdown: disconnects clients, rolls back their transactions, checkpoints."""
        if self.is_running:
            self._run(["pg_ctl", "-w", "-D", str(self.pgdata), "-m", "fast", "stop"])
        _started.discard(self)

    def kill(self) -> None:
        """Immediate shutdown, as after a crash: no checkpoint, the next start runs recovery."""
        if self.is_running:
            self._run(["pg_ctl", "-w", "-D", str(self.pgdata), "-m", "immediate", "stop"])

    def create_database(self, name: str) -> bool:
        """Create the database unless it exists; returns whether it was created."""

        async def create() -> bool:
            connection = await asyncpg.connect(self.libpq_dsn("postgres"))
            try:
                if await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                    return False
                try:
                    await connection.execute(f"CREATE DATABASE {_quote_identifier(name)}")
                except asyncpg.DuplicateDatabaseError:  # created concurrently
                    return False
                return True
            finally:
                await connection.close()

        return run_blocking(create, 60)
