"""Only regular files are read: a named pipe, a device or a folder is a located problem, at once."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from portfolio.data.bibfile import parse_bibfiles
from portfolio.data.files import NotAFileError, read_bytes
from portfolio.data.records import load_news, load_service, load_venues
from portfolio.data.yamlfile import load_yaml


def within(seconds: float, call, release: Path | None = None):
    """``call()``'s result, or fail after *seconds* (a read that waits on a pipe would hang
    the test run); *release* is a pipe to open for writing then, so the waiting call ends."""
    done: list = []

    def run() -> None:
        try:
            done.append((call(), None))
        except Exception as exc:
            done.append((None, exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive() and release is not None:
        try:
            os.close(os.open(release, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    assert done, f"still waiting after {seconds} s"
    result, error = done[0]
    if error is not None:
        raise error
    return result


@pytest.fixture
def pipe(tmp_path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_regular_file_read(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x: 1\n")
    assert read_bytes(path) == b"x: 1\n"
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    assert read_bytes(link) == b"x: 1\n"


@pytest.mark.parametrize(("make", "kind"), [
    ("pipe", "a named pipe"), ("folder", "a folder"), ("device", "a device"),
])
def test_what_is_not_a_file_is_refused(tmp_path, make, kind):
    path = tmp_path / "data.yaml"
    if make == "pipe":
        os.mkfifo(path)
    elif make == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/null")  # a device that reads empty: a regression fails, safely
    with pytest.raises(NotAFileError, match=f"is {kind}, not a regular file"):
        within(10, lambda: read_bytes(path), release=path if make == "pipe" else None)


def test_missing_file_still_missing(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "nothing.yaml")


def test_bib_pipe_is_a_located_problem(pipe):
    parsed = within(10, lambda: parse_bibfiles([pipe]), release=pipe)
    assert [(p.subtype, p.location.path) for p in parsed.problems] == [("not_a_file", str(pipe))]
    assert "this is a named pipe, not an ordinary file, so it is not read" in parsed.problems[0].message
    assert "fix bibtex_bibfiles in conf.py" in parsed.problems[0].message
    assert not parsed.data.entries


@pytest.mark.parametrize("loader", [load_yaml, load_service, load_venues, load_news])
def test_yaml_pipe_is_a_located_problem(pipe, loader):
    found = within(10, lambda: loader(pipe), release=pipe)
    problems = found.problems if hasattr(found, "problems") else found[1]
    assert [(p.subtype, p.location.path) for p in problems] == [("not_a_file", str(pipe))]
    assert problems[0].message.startswith("this is a named pipe")


def test_optional_yaml_pipe_still_reported(pipe):
    # A file that may be missing is still refused when it is there and is not a file.
    data = within(10, lambda: load_yaml(pipe, required=False), release=pipe)
    assert [p.subtype for p in data.problems] == ["not_a_file"]
