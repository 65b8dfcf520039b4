"""One ``.bib`` file per entry under ``_bib/``, for HTML output.

They are written in the main process at ``build-finished``, from the records in domain data,
so they are the same with ``-j``. A rebuild touches only what changed (see
:mod:`portfolio.web.manifest`): an unchanged file is neither read nor written again, an edited
entry's file is rewritten and a removed entry's file is deleted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx

from ..data.digest import digest
from ..extension.domain import PortfolioDomain
from .manifest import remove_gone, swap_manifest
from .paths import BIB_BUILDERS, BIB_FOLDER, file_stem


def write_bib_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one ``.bib`` per entry; only new or changed ones are written, and
    those of removed entries deleted."""
    if exception or app.builder.name not in BIB_BUILDERS:
        return
    folder = Path(app.outdir) / BIB_FOLDER
    files: dict[str, bytes] = {}
    if app.config.portfolio_bib_files:
        domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
        files = {f"{BIB_FOLDER}/{file_stem(pub.key)}.bib": pub.bibtex.encode("utf-8")
                 for pub in domain.publications.values()}
    wanted = {path: digest(data) for path, data in files.items()}
    previous = swap_manifest(app, "bib-files", wanted)
    present = {entry.name for entry in os.scandir(folder)} if folder.is_dir() else set()
    for path, data in files.items():
        if path.rpartition("/")[2] not in present or previous.get(path) != wanted[path]:
            folder.mkdir(exist_ok=True)
            (Path(app.outdir) / path).write_bytes(data)
    remove_gone(app, previous, wanted)


def setup_bibfiles(app: Sphinx) -> None:
    app.connect("build-finished", write_bib_files)
