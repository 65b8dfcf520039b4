"""Data problems as Sphinx warnings: located, typed ``portfolio.<subtype>``, suppressible."""

from __future__ import annotations

from collections.abc import Iterable

from sphinx.util import logging

from ..model import Problem

logger = logging.getLogger("portfolio")


def report(problems: Iterable[Problem]) -> None:
    for problem in problems:
        # "path:line", or "path:" as Sphinx writes a file without a line; a bare string
        # would be taken for a document name.
        where = problem.location
        logger.warning(problem.message, location=f"{where.path}:{where.line or ''}",
                       type="portfolio", subtype=problem.subtype)
