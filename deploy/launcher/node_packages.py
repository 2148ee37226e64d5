"""The browser-side packages of package.json (axe-core for the browser tests), in the repo's node_modules.

Installed by `lotse-stack install` with `npm ci` from the committed lock, so every machine gets the same
bytes; skipped while node_modules holds what this very lock file describes.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from deploy.launcher.process import LauncherError, require_binary

NPM_HINT = "install Node.js and npm (apt-get install npm)"
MARKER = ".lotse-lock-sha256"


def lock_hash(root: Path) -> str:
    return hashlib.sha256((root / "package-lock.json").read_bytes()).hexdigest()


def is_installed(root: Path) -> bool:
    marker = root / "node_modules" / MARKER
    return marker.is_file() and marker.read_text().strip() == lock_hash(root)


def ensure(root: Path) -> Path:
    """Install the locked packages into `root`/node_modules unless they are there already; returns that folder."""
    modules = root / "node_modules"
    if is_installed(root):
        return modules
    npm = require_binary("npm", NPM_HINT, what="npm")
    result = subprocess.run(
        [str(npm), "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise LauncherError(f"npm could not install the packages of {root / 'package-lock.json'}:\n{output}")
    (modules / MARKER).write_text(lock_hash(root) + "\n")
    return modules
