"""`imagecost --smoke-test [FILE]`: the check the packaged build runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui.app import main

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "example.yaml"
BROKEN = EXAMPLE.with_name("broken.yaml")


def test_smoke_test_opens_the_file_and_exits_cleanly(qapp: object) -> None:
    assert main(["--smoke-test", str(EXAMPLE)]) == 0


def test_smoke_test_without_a_file(qapp: object) -> None:
    assert main(["--smoke-test"]) == 0


def test_smoke_test_fails_with_a_message_for_a_broken_file(qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    before = BROKEN.read_bytes()
    assert main(["--smoke-test", str(BROKEN)]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml, line 11, field scenarios[1].quality" in err
    assert "<b>" not in err
    assert BROKEN.read_bytes() == before
