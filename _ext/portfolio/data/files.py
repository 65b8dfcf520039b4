"""Reading a data file: only a regular file is read.

A named pipe waits for a writer, a device may never end: a build that opened one would hang.
Such a path is looked at (``stat``) and refused before it is opened, and the file is opened
without waiting and checked again, in case it was swapped in between.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class NotAFileError(OSError):
    """The path exists but is not a regular file; :attr:`kind` says what it is."""

    def __init__(self, path: Path, mode: int):
        self.kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        super().__init__(f"{path} is {self.kind}, not a regular file")


def read_bytes(path: Path) -> bytes:
    """The bytes of the regular file *path* (a link to one is followed); raise
    :class:`FileNotFoundError` when there is none, :class:`NotAFileError` when it is something
    else, and :class:`OSError` when it cannot be read."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotAFileError(path, mode)
    with open(os.open(path, _FLAGS), "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFileError(path, mode)
        return stream.read()


def not_a_file_message(exc: NotAFileError, fix: str) -> str:
    """The problem's text for *exc*: what the path is, and what to do (*fix*, the other way)."""
    return (f"this is {exc.kind}, not an ordinary file, so it is not read; replace it with "
            f"an ordinary file or {fix}")
