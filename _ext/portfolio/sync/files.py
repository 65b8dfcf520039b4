"""Changed files shown as a diff, or written all at once: each to a temporary file beside it,
then renamed over it, so a file is never half written and a failed run writes nothing."""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Change:
    path: Path
    before: bytes | None  #: None: the file is new
    after: bytes
    encoding: str = "utf-8"  #: the file's, to show the change


def unified_diff(change: Change, root: Path) -> str:
    """The change as ``diff -u`` would show it, with paths relative to *root*."""
    try:
        name = change.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        name = str(change.path)
    try:
        encoding = codecs.lookup(change.encoding).name
    except LookupError:
        encoding = "utf-8"
    before = (change.before or b"").decode(encoding, "replace").splitlines(keepends=True)
    after = change.after.decode(encoding, "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, "/dev/null" if change.before is None
                                 else f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def write_all(changes: list[Change]) -> None:
    """Write every file of *changes*, or (on an error) none of them."""
    staged: list[tuple[str, Path]] = []
    try:
        for change in changes:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=change.path.parent,
                                                 prefix=f".{change.path.name}.", suffix=".tmp")
            staged.append((temporary, change.path))
            with os.fdopen(handle, "wb") as out:
                out.write(change.after)
                out.flush()
                os.fsync(out.fileno())
            if change.path.exists():
                os.chmod(temporary, change.path.stat().st_mode & 0o7777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temporary, 0o666 & ~umask)
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
