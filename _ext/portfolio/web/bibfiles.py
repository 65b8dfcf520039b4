"""One ``.bib`` file per entry under ``_bib/``, for HTML output.

They are written in the main process at ``build-finished``, from the records in domain data,
so they are the same with ``-j``. A rebuild touches only what changed (see
:mod:`portfolio.web.manifest`): an unchanged file is neither read nor written again, an edited
entry's file is rewritten and a removed entry's file is deleted.
"""

from __future__ import annotations

import functools
from typing import cast

from sphinx.application import Sphinx

from .. import __version__
from ..data.digest import digest
from ..extension.domain import PortfolioDomain
from .manifest import write_changed
from .paths import BIB_BUILDERS, BIB_FOLDER, file_stem


def write_bib_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one ``.bib`` per entry; only new or changed ones are written, and
    those of removed entries deleted."""
    if exception or app.builder.name not in BIB_BUILDERS:
        return
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    keys = list(domain.keys) if app.config.portfolio_bib_files else []

    @functools.cache
    def keys_by_path() -> dict[str, str]:
        return {f"{BIB_FOLDER}/{file_stem(key)}.bib": key for key in keys}

    def content(path: str) -> bytes:
        return domain.publications[keys_by_path()[path]].bibtex.encode("utf-8")

    # An entry's digest stands for its record, of which the file is a part.
    whole = digest(repr((__version__, [(key, domain.site.digests[key]) for key in keys])))
    write_changed(app, "bib-files",
                  lambda: {path: digest(content(path)) for path in keys_by_path()},
                  content, whole=whole)


def setup_bibfiles(app: Sphinx) -> None:
    app.connect("build-finished", write_bib_files)
