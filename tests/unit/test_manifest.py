"""The manifest of generated files: only what changed is written, what is gone is removed, and
a build stopped while writing never leaves a file marked as current that is not."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from portfolio.web.manifest import write_changed


@pytest.fixture
def app(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "doctrees").mkdir()
    return SimpleNamespace(outdir=tmp_path / "out", doctreedir=tmp_path / "doctrees")


def contents(version: str, written: list[str], stop_at: str = ""):
    def content(path: str) -> bytes:
        if path == stop_at:
            raise KeyboardInterrupt  # the build stopped here
        written.append(path)
        return f"{path} {version}".encode()
    return content


def files(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()}


def test_only_what_changed_is_written_and_what_is_gone_removed(app):
    out = app.outdir
    written: list[str] = []
    assert write_changed(app, "t", {"a/1": "d1", "a/2": "d1", "b/3": "d1"},
                         contents("v1", written)) == ["a/1", "a/2", "b/3"]
    written.clear()
    assert write_changed(app, "t", {"a/1": "d1", "a/2": "d1", "b/3": "d1"},
                         contents("v1", written)) == []
    assert written == []
    assert write_changed(app, "t", {"a/1": "d2", "a/2": "d1"}, contents("v2", written)) == ["a/1"]
    assert files(out) == {"a/1": "a/1 v2", "a/2": "a/2 v1"}
    assert not (out / "b").exists()  # the folder of a removed file, once empty
    (out / "a" / "2").unlink()  # a file deleted by hand is written again
    assert write_changed(app, "t", {"a/1": "d2", "a/2": "d1"}, contents("v1", written)) == ["a/2"]


def test_a_stopped_build_leaves_nothing_marked_current_that_is_not(app):
    """Stopped after writing a/1 (new content) and before a/2: were the manifest to say a/1 is
    still what d1 makes, going back to d1 would leave a/1 with the stopped build's content."""
    written: list[str] = []
    write_changed(app, "t", {"a/1": "d1", "a/2": "d1", "a/3": "d1"}, contents("v1", written))
    with pytest.raises(KeyboardInterrupt):
        write_changed(app, "t", {"a/1": "d2", "a/2": "d2", "a/3": "d1"},
                      contents("v2", written, stop_at="a/2"))
    written.clear()
    write_changed(app, "t", {"a/1": "d1", "a/2": "d1", "a/3": "d1"}, contents("v1", written))
    assert written == ["a/1", "a/2"]  # a/3 was never touched
    assert files(app.outdir) == {"a/1": "a/1 v1", "a/2": "a/2 v1", "a/3": "a/3 v1"}


def test_another_output_folder_starts_afresh(app, tmp_path):
    written: list[str] = []
    write_changed(app, "t", {"x": "d"}, contents("v", written))
    other = SimpleNamespace(outdir=tmp_path / "other", doctreedir=app.doctreedir)
    other.outdir.mkdir()
    assert write_changed(other, "t", {"x": "d"}, contents("v", written)) == ["x"]


def test_an_unchanged_whole_makes_nothing(app):
    """With the digest of the whole set unchanged and its files there, the per-file digests are
    not made (making them reads every record); a file gone from the output is written again."""
    written: list[str] = []
    wanted = {"a/1": "d1", "a/2": "d1"}
    write_changed(app, "t", lambda: wanted, contents("v1", written), whole="w1")

    def not_made() -> dict[str, str]:
        raise AssertionError("the per-file digests were made")

    assert write_changed(app, "t", not_made, contents("v1", written), whole="w1") == []
    (app.outdir / "a" / "2").unlink()
    assert write_changed(app, "t", lambda: wanted, contents("v1", written), whole="w1") == ["a/2"]
    assert write_changed(app, "t", {"a/1": "d2", "a/2": "d1"}, contents("v2", written),
                         whole="w2") == ["a/1"]
    assert files(app.outdir) == {"a/1": "a/1 v2", "a/2": "a/2 v1"}


def test_a_stopped_build_leaves_the_previous_whole_unmarked(app):
    """Stopped after writing a/1 for w2: going back to w1 must not find w1 current and skip."""
    written: list[str] = []
    write_changed(app, "t", {"a/1": "d1", "a/2": "d1"}, contents("v1", written), whole="w1")
    with pytest.raises(KeyboardInterrupt):
        write_changed(app, "t", {"a/1": "d2", "a/2": "d2"}, contents("v2", written, stop_at="a/2"),
                      whole="w2")
    written.clear()
    write_changed(app, "t", {"a/1": "d1", "a/2": "d1"}, contents("v1", written), whole="w1")
    assert written == ["a/1", "a/2"]
    assert files(app.outdir) == {"a/1": "a/1 v1", "a/2": "a/2 v1"}
