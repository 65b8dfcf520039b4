"""One ``.bib`` file per entry under ``_bib/``, for HTML output.

They are written in the main process at ``build-finished``, from the records in domain data,
so they are the same with ``-j``. A rebuild touches only what changed: a manifest in the doctree
folder keeps a digest of each file written, so an unchanged file is neither read nor written
again (reading 10,000 files back to compare them took 0.7 s), an edited entry's file is
rewritten and a removed entry's file is deleted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx

from ..data.digest import digest
from ..extension.domain import PortfolioDomain
from .paths import BIB_BUILDERS, BIB_FOLDER, file_stem

#: The manifest, in the doctree folder: the output folder it describes and each file's digest.
MANIFEST = "portfolio-bib-files.json"


def write_bib_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one ``.bib`` per entry; only new or changed ones are written."""
    if exception or app.builder.name not in BIB_BUILDERS or not app.config.portfolio_bib_files:
        return
    outdir = Path(app.outdir)
    folder = outdir / BIB_FOLDER
    folder.mkdir(exist_ok=True)
    manifest = Path(app.doctreedir) / MANIFEST
    written = _written(manifest, folder)
    present = {entry.name for entry in os.scandir(folder)}
    wanted: dict[str, str] = {}
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    for pub in domain.publications.values():
        name = f"{file_stem(pub.key)}.bib"
        data = pub.bibtex.encode("utf-8")
        wanted[name] = fingerprint = digest(data)
        if name not in present or written.get(name) != fingerprint:
            (folder / name).write_bytes(data)
    for name in written.keys() - wanted.keys():
        if name in present:
            (folder / name).unlink()
    manifest.write_text(json.dumps({"folder": str(folder), "files": wanted}), "utf-8")


def _written(manifest: Path, folder: Path) -> dict[str, str]:
    """What the last build wrote into *folder*: file name to digest (nothing if unknown)."""
    try:
        saved = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict) or saved.get("folder") != str(folder):
        return {}
    files = saved.get("files")
    return files if isinstance(files, dict) else {}


def setup_bibfiles(app: Sphinx) -> None:
    app.connect("build-finished", write_bib_files)
