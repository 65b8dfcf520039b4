"""The citation counts file (``docs/_data/citations.yaml``) as ``portfolio sync citations``
writes it: one item per citation key, in the order of ``refs.bib``, with its day and source.
The data layer reads it back (:mod:`portfolio.data.citations`)."""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from ..model import CitationCount

HEADER = ("# Citation counts by citation key, written by 'portfolio sync citations'; the next run\n"
          "# replaces them. Shown as a badge when conf.py sets portfolio_citations to this file.\n")


def citations_text(counts: Mapping[str, CitationCount]) -> str:
    items = {key: {"count": c.count, "date": c.date, **({"source": c.source} if c.source else {})}
             for key, c in counts.items()}
    body = yaml.safe_dump(items, sort_keys=False, allow_unicode=True) if items else "{}\n"
    return HEADER + body
