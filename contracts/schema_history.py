"""Every version of the event schemas ever committed, read from the git history.

The contract is what consumers were built against, and that is every schema a commit
reachable from HEAD has carried — not the files in the checkout, which `make schemas`
rewrites. A checkout without its history (no git, not a repository, a shallow clone)
cannot be checked this way: `NoHistory` says why.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Schema = dict[str, Any]


class NoHistory(Exception):
    """The committed history of the schemas cannot be read; the message says why."""


@dataclass(frozen=True)
class CommittedSchema:
    name: str  # the event type, e.g. de.lotse.intake.client_registered.v1
    commit: str  # the earliest commit (of those reachable from the revision) that carried this version
    schema: Schema


def committed_versions(schema_dir: Path, rev: str = "HEAD") -> list[CommittedSchema]:
    """Each distinct version of each `*.json` in `schema_dir`, over every commit reachable from `rev`."""
    git = _Git(schema_dir)
    path = git.relative(schema_dir)
    if git.run("rev-parse", "--is-shallow-repository").strip() == "true":
        raise NoHistory(
            f"{git.root} is a shallow clone: the earlier contracts are not in it "
            "(git fetch --unshallow, or clone with full depth)"
        )
    blobs: dict[str, tuple[str, str]] = {}  # blob id → (event type, commit); newest first, so the oldest wins
    for commit in git.run("log", "--format=%H", rev, "--", path).split():
        for line in git.run("ls-tree", commit, f"{path}/").splitlines():
            meta, file = line.split("\t", 1)
            name = Path(file).name
            if name.endswith(".json"):
                blobs[meta.split()[2]] = (name.removesuffix(".json"), commit[:12])
    contents = git.blobs(list(blobs))
    return [CommittedSchema(name, commit, json.loads(contents[blob])) for blob, (name, commit) in blobs.items()]


class _Git:
    def __init__(self, inside: Path) -> None:
        executable = shutil.which("git")
        if executable is None:
            raise NoHistory("git is not installed, so the committed schemas cannot be read")
        self._git = executable
        self._cwd = inside if inside.is_dir() else inside.parent
        try:
            self.root = Path(self.run("rev-parse", "--show-toplevel").strip())
        except NoHistory as error:
            raise NoHistory(f"{inside} is not inside a git checkout: {error}") from error
        self._cwd = self.root  # paths given to git are relative to the top level

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def run(self, *args: str) -> str:
        done = subprocess.run([self._git, *args], cwd=self._cwd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise NoHistory(f"git {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def blobs(self, ids: list[str]) -> dict[str, bytes]:
        """The contents of many blobs through one `git cat-file --batch`."""
        done = subprocess.run(
            [self._git, "cat-file", "--batch"],
            cwd=self._cwd,
            input="\n".join(ids).encode() + b"\n",
            capture_output=True,
            check=True,
        )
        contents, out, at = {}, done.stdout, 0
        for blob in ids:
            header_end = out.index(b"\n", at)
            size = int(out[at:header_end].split()[2])
            contents[blob] = out[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1
        return contents
