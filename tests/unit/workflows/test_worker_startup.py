"""Both worker processes start the same way: a missing codec key stops them before they connect."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflows.codec import CodecKeyMissing
from workflows.settings import WorkerSettings
from workflows.startup import connect


async def test_a_worker_without_its_codec_key_stops_with_a_clear_error_and_makes_no_key(tmp_path: Path, tokens):
    missing = tmp_path / "keys" / "payload-codec.key"
    settings = WorkerSettings(
        codec_key_file=missing, jwt_signing_key_file=tokens.private_key, temporal_address="127.0.0.1:1"
    )
    with pytest.raises(CodecKeyMissing, match=r"payload-codec\.key"):
        await connect(settings)
    assert not missing.exists() and not missing.parent.exists()
