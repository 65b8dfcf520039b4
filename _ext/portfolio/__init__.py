"""An academic portfolio for Sphinx: publications from BibTeX, teaching, service and profile
from YAML, rendered as docutils nodes for every builder."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    from .extension import setup_extension

    return setup_extension(app)
