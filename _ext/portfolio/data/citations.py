"""Citation counts from the file ``portfolio sync citations`` writes (by citation key).

Only read: the counts are fetched by the command, never by a build. An invalid item is
reported with its line and left out, the rest is kept.
"""

from __future__ import annotations

from pathlib import Path

from ..model import CitationCount, Problem
from .yamlfile import load_checked


def load_citations(path: Path) -> tuple[dict[str, CitationCount], list[Problem]]:
    data, invalid = load_checked(path, "citations")
    if not isinstance(data.value, dict) or None in invalid:
        return {}, data.problems
    counts = {str(key): CitationCount(int(item["count"]), str(item["date"]),
                                      str(item.get("source", "")))
              for key, item in data.value.items() if key not in invalid}
    return counts, data.problems
