"""What the last build wrote beside the pages (``.bib`` files, paper pages), kept in the doctree
folder: a rebuild then writes only what changed and removes what is gone."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sphinx.application import Sphinx


def _manifest(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / f"portfolio-{name}.json"


def _load(app: Sphinx, name: str) -> tuple[str, dict[str, str]]:
    """What the last build into this output folder wrote under *name*: the digest of the whole
    set and each file's (nothing when unknown)."""
    try:
        saved = json.loads(_manifest(app, name).read_text("utf-8"))
    except (OSError, ValueError):
        return "", {}
    outdir = str(Path(app.outdir).resolve())
    if not isinstance(saved, dict) or saved.get("outdir") != outdir:
        return "", {}
    whole, files = saved.get("whole"), saved.get("files")
    return (whole if isinstance(whole, str) else "", files if isinstance(files, dict) else {})


def _save(app: Sphinx, name: str, files: dict[str, str], whole: str = "") -> None:
    outdir = str(Path(app.outdir).resolve())
    _manifest(app, name).write_text(
        json.dumps({"outdir": outdir, "whole": whole, "files": files}), "utf-8")


def write_changed(app: Sphinx, name: str,
                  wanted: Mapping[str, str] | Callable[[], Mapping[str, str]],
                  content: Callable[[str], bytes | None], whole: str = "") -> list[str]:
    """Make the output hold the files *wanted* (path in the output folder -> digest of what it
    is made from) and none that the last build wrote under *name* and this one does not.

    *whole*, when given, is a digest of everything the set is made from (equal digests mean
    equal *wanted*): when it is the last build's and the files are there, nothing is done, and
    *wanted*, which may then be a callable making the mapping, is not made.

    A file is written (``content(path)``: its bytes, or ``None`` when the callable wrote it
    itself) when it is missing or its digest changed. Until they are all written, the manifest
    holds only the files left as they were: a build stopped halfway leaves no file marked as
    current that is not. Returns the paths written."""
    previous_whole, previous = _load(app, name)
    outdir = Path(app.outdir)
    if whole and whole == previous_whole and len(_present(outdir, previous)) == len(previous):
        return []
    if callable(wanted):
        wanted = wanted()
    same = [path for path, made_from in wanted.items() if previous.get(path) == made_from]
    present = _present(outdir, same)
    stale = [path for path in wanted if path not in present]
    gone = [path for path in previous if path not in wanted]
    if not stale and not gone:
        if whole != previous_whole:
            _save(app, name, dict(wanted), whole)
        return []
    rewritten = set(stale)
    if any(path in previous for path in stale):  # the saved whole goes too
        _save(app, name, {path: made_from for path, made_from in previous.items()
                          if path in wanted and path not in rewritten})
    for path in stale:
        data = content(path)
        if data is not None:
            target = outdir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for path in gone:
        target = outdir / path
        target.unlink(missing_ok=True)
        if target.parent != outdir:  # a dirhtml page's own folder, once empty
            with contextlib.suppress(OSError):
                target.parent.rmdir()
    _save(app, name, dict(wanted), whole)
    return stale


def _present(outdir: Path, paths: Iterable[str]) -> set[str]:
    """Which of *paths* are files of *outdir*: a folder of many is listed once, not asked
    about file by file."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        folders.setdefault(folder, []).append(name)
    present = set()
    for folder, names in folders.items():
        where = outdir / folder
        prefix = f"{folder}/" if folder else ""
        if len(names) == 1:
            found = {names[0]} if (where / names[0]).is_file() else set()
        else:
            try:
                with os.scandir(where) as entries:
                    found = {entry.name for entry in entries if entry.is_file()}
            except OSError:
                found = set()
        present.update(prefix + name for name in names if name in found)
    return present
