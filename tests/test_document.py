"""The document controller: undoable edits, modified state, atomic saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ImageCostError, ScenarioFileError
from core.storage.scenario_file import load
from gui.document.controller import DocumentController, copy_name
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "example.yaml"


@pytest.fixture
def document(qapp: object) -> DocumentController:
    doc = DocumentController()
    doc.open(EXAMPLE)
    return doc


def test_open_is_unmodified_and_edits_mark_it(document: DocumentController) -> None:
    seen: list[bool] = []
    document.modifiedChanged.connect(seen.append)
    assert not document.is_modified()
    assert document.display_name == "example.yaml"
    document.edit(0, document.scenario(0).updated(quality="high"), "quality")
    assert document.is_modified()
    document.undo_stack.undo()
    assert not document.is_modified()
    assert seen[0] is True and seen[-1] is False


def test_typing_in_one_field_is_one_undo_step(document: DocumentController) -> None:
    original = document.scenario(0)
    for volume in (2, 20, 200, 2000, 20000, 200000):
        document.edit(0, document.scenario(0).updated(requests_per_month=volume), "requests_per_month")
    document.edit(0, document.scenario(0).updated(quality="medium"), "quality")
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert document.scenario(0).requests_per_month == 200000
    document.undo_stack.undo()
    assert document.scenario(0) == original
    document.undo_stack.redo()
    assert document.scenario(0).requests_per_month == 200000


def test_an_unchanged_edit_pushes_nothing(document: DocumentController) -> None:
    document.edit(0, document.scenario(0), "quality")
    assert document.undo_stack.count() == 0


def test_copy_names_do_not_collide() -> None:
    assert copy_name("Heroes", set()) == "Heroes (copy)"
    assert copy_name("Heroes", {"Heroes (copy)"}) == "Heroes (copy 2)"
    assert len(copy_name("x" * 200, set())) <= 200


def test_rename_refuses_an_empty_name(document: DocumentController) -> None:
    with pytest.raises(ImageCostError) as info:
        document.rename(0, "  ")
    assert info.value.field == "name"
    assert document.undo_stack.count() == 0


def test_save_and_reopen_give_the_same_document(document: DocumentController, tmp_path: Path) -> None:
    document.duplicate(2)
    target = tmp_path / "saved.yaml"
    paths: list[object] = []
    document.pathChanged.connect(paths.append)
    document.save(target)
    assert paths == [target]
    assert not document.is_modified()
    assert load(target) == document.document
    assert not list(tmp_path.glob("*.tmp")) and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_saving_again_keeps_the_previous_version_as_bak(document: DocumentController, tmp_path: Path) -> None:
    target = tmp_path / "saved.yaml"
    document.save(target)
    first = target.read_text(encoding="utf-8")
    document.rename(0, "Renamed")
    document.save()
    assert (tmp_path / "saved.yaml.bak").read_text(encoding="utf-8") == first
    assert "Renamed" in target.read_text(encoding="utf-8")


def test_a_failed_save_leaves_what_is_there(document: DocumentController, tmp_path: Path) -> None:
    # A folder where the file should go: the write cannot happen, and the folder is left alone.
    target = tmp_path / "taken.yaml"
    target.mkdir()
    (target / "keep.txt").write_text("keep", encoding="utf-8")
    document.rename(0, "Changed")
    with pytest.raises(ScenarioFileError):
        document.save(target)
    assert (target / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert document.is_modified()
    assert document.path == EXAMPLE


def test_a_save_into_a_missing_folder_fails_cleanly(document: DocumentController, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "saved.yaml"
    with pytest.raises(ScenarioFileError) as info:
        document.save(target)
    assert "cannot save" in info.value.message
    assert not target.exists()
    assert document.path == EXAMPLE


def test_a_broken_file_changes_nothing(document: DocumentController, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nscenarios:\n  - name: x\n    model: nope\n", encoding="utf-8")
    before = document.document
    with pytest.raises(ScenarioFileError):
        document.open(broken)
    assert document.document is before
    assert document.path == EXAMPLE


def test_quote_edits_are_undoable_and_saved(document: DocumentController, tmp_path: Path) -> None:
    changes: list[None] = []
    document.quoteChanged.connect(lambda: changes.append(None))
    original = document.quote
    for title in ("Draft", "Budget"):
        document.edit_quote(document.quote.model_copy(update={"title": title}))
    document.edit_quote(document.quote)  # no change: no undo step, no signal
    assert document.undo_stack.count() == 2 and document.undo_stack.undoText() == "Quote Details"
    assert document.is_modified()
    target = tmp_path / "quote.yaml"
    document.save(target)
    assert load(target).quote.title == "Budget"
    document.undo_stack.undo()
    assert document.quote.title == "Draft"
    document.undo_stack.undo()
    assert document.quote == original
    assert len(changes) == 4


def test_saving_stamps_the_price_sheet_with_a_signal_and_the_priced_view_follows(
    document: DocumentController, tmp_path: Path
) -> None:
    from gui.document.priced import PricedDocument

    priced = PricedDocument(document)
    before = [p.estimate for p in priced.rows]
    stamped: list[None] = []
    document.scenariosStamped.connect(lambda: stamped.append(None))
    document.save(tmp_path / "stamped.yaml")
    assert stamped == [None]
    assert all(s.priced_with is not None for s in document.scenarios)
    assert [p.scenario for p in priced.rows] == document.scenarios  # the view holds the stamped scenarios
    assert [p.estimate for p in priced.rows] == before  # same prices, nothing re-priced
    document.save(tmp_path / "again.yaml")
    assert stamped == [None]  # already stamped: no change, no signal
