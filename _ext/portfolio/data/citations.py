"""Citation counts from the file ``portfolio sync citations`` writes (by citation key).

Only read: the counts are fetched by the command, never by a build. An invalid item is
reported with its line and left out, the rest is kept.
"""

from __future__ import annotations

from pathlib import Path

from ..model import CitationCount, Problem
from .yamlfile import load_yaml, schema, validate


def load_citations(path: Path, required: bool = True
                   ) -> tuple[dict[str, CitationCount], list[Problem]]:
    data = load_yaml(path, required=required)
    invalid = {p[0] if p else None for p in validate(data, schema("citations"))}
    if not isinstance(data.value, dict) or None in invalid:
        return {}, data.problems
    counts = {str(key): CitationCount(int(item["count"]), str(item["date"]),
                                      str(item.get("source", "")))
              for key, item in data.value.items() if key not in invalid}
    return counts, data.problems
