"""The contract is every schema the history committed: a break that `make schemas` blessed is still a break."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from contracts import schema_registry
from contracts.events import ClientRegisteredV1
from contracts.schema_history import NoHistory, committed_versions

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NAME = ClientRegisteredV1.type


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit_schema(repo: Path, schema: dict, message: str) -> str:
    """What `make schemas` and a commit do: write the schema file and commit it."""
    directory = repo / "contracts" / "schemas"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{NAME}.json").write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "--short=12", "HEAD").strip()


@pytest.fixture
def published():
    return copy.deepcopy(schema_registry.generate()[NAME])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    return tmp_path


def test_a_break_that_make_schemas_has_already_blessed_is_found_in_the_history(repo, published):
    first = commit_schema(repo, published, "contracts")
    regenerated = copy.deepcopy(published)
    del regenerated["properties"]["office_id"]
    commit_schema(repo, regenerated, "drop office_id and run make schemas")

    history = committed_versions(repo / "contracts" / "schemas")

    assert sorted(v.commit for v in history if v.schema == published) == [first]
    assert schema_registry.incompatibilities(history, {NAME: regenerated}) == [
        f"{NAME} (as committed in {first}): field 'office_id' was removed"
    ]


def test_a_break_inside_defs_blessed_two_commits_ago_is_still_found(repo, published):
    first = commit_schema(repo, published, "contracts")
    retyped = copy.deepcopy(published)
    retyped["$defs"]["AvailabilityV1"]["properties"]["max_weekly_hours"] = {"type": "string"}
    commit_schema(repo, retyped, "weekly hours as text")
    optional = copy.deepcopy(retyped)
    optional["properties"]["programme"] = {"type": "string"}
    commit_schema(repo, optional, "an optional field")

    problems = schema_registry.incompatibilities(committed_versions(repo / "contracts" / "schemas"), {NAME: optional})

    assert problems == [f"{NAME} (as committed in {first}): field 'availability.max_weekly_hours' changed type"]


def test_additive_changes_over_the_history_pass(repo, published):
    commit_schema(repo, published, "contracts")
    extended = copy.deepcopy(published)
    extended["properties"]["programme"] = {"type": "string"}
    commit_schema(repo, extended, "an optional field")
    assert schema_registry.incompatibilities(committed_versions(repo / "contracts" / "schemas"), {NAME: extended}) == []


def test_an_event_type_that_is_no_longer_generated_is_a_break(repo, published):
    first = commit_schema(repo, published, "contracts")
    assert schema_registry.incompatibilities(committed_versions(repo / "contracts" / "schemas"), {}) == [
        f"{NAME} (as committed in {first}): the event type is no longer generated"
    ]


def test_only_commits_reachable_from_the_revision_count(repo, published):
    commit_schema(repo, published, "contracts")
    git(repo, "checkout", "-q", "-b", "experiment")
    changed = copy.deepcopy(published)
    del changed["properties"]["office_id"]
    commit_schema(repo, changed, "an experiment")
    git(repo, "checkout", "-q", "main")
    assert [v.schema for v in committed_versions(repo / "contracts" / "schemas", rev="main")] == [published]


def test_a_checkout_without_git_cannot_be_checked_and_says_why(tmp_path):
    (tmp_path / "schemas").mkdir()
    with pytest.raises(NoHistory, match="not inside a git checkout"):
        committed_versions(tmp_path / "schemas")


def test_a_shallow_clone_cannot_be_checked_and_says_how_to_get_the_history(repo, published, tmp_path_factory):
    commit_schema(repo, published, "contracts")
    commit_schema(repo, {**published, "description": "changed"}, "wording")
    clone = tmp_path_factory.mktemp("clone")
    git(clone, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    with pytest.raises(NoHistory, match=r"shallow clone.*fetch --unshallow"):
        committed_versions(clone / "shallow" / "contracts" / "schemas")
