"""A one-line counter on stderr while an import runs, shown only to a person at a terminal."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Call with ``(done, total, what)``; draws ``what: done/total`` over itself."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()

    def __call__(self, done: int, total: int, what: str) -> None:
        if not self.enabled:
            return
        end = "\n" if done >= total else ""
        self.stream.write(f"\r  reading {what}: {done}/{total}{end}")
        self.stream.flush()
