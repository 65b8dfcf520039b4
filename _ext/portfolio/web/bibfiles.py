"""One ``.bib`` file per entry under ``_bib/``, for HTML output.

They are written in the main process at ``build-finished``, from the records in domain data,
so they are the same with ``-j``. A rebuild touches only what changed (see
:mod:`portfolio.web.manifest`): an unchanged file is neither read nor written again, an edited
entry's file is rewritten and a removed entry's file is deleted.
"""

from __future__ import annotations

from typing import cast

from sphinx.application import Sphinx

from ..data.digest import digest
from ..extension.domain import PortfolioDomain
from .manifest import write_changed
from .paths import BIB_BUILDERS, BIB_FOLDER, file_stem


def write_bib_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one ``.bib`` per entry; only new or changed ones are written, and
    those of removed entries deleted."""
    if exception or app.builder.name not in BIB_BUILDERS:
        return
    files: dict[str, bytes] = {}
    if app.config.portfolio_bib_files:
        domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
        files = {f"{BIB_FOLDER}/{file_stem(pub.key)}.bib": pub.bibtex.encode("utf-8")
                 for pub in domain.publications.values()}
    write_changed(app, "bib-files", {path: digest(data) for path, data in files.items()},
                  files.__getitem__)


def setup_bibfiles(app: Sphinx) -> None:
    app.connect("build-finished", write_bib_files)
