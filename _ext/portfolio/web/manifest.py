"""What the last build wrote beside the pages (``.bib`` files, paper pages), kept in the doctree
folder: a rebuild then writes only what changed and removes what is gone."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx


def swap_manifest(app: Sphinx, name: str, files: dict[str, str]) -> dict[str, str]:
    """Keep *files* (path in the output folder -> digest of its content) as what this build
    writes under *name*; return what the last build wrote there (nothing when unknown)."""
    manifest = Path(app.doctreedir) / f"portfolio-{name}.json"
    outdir = str(Path(app.outdir).resolve())
    try:
        saved = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        saved = None
    previous = saved.get("files") if isinstance(saved, dict) and saved.get("outdir") == outdir \
        else None
    manifest.write_text(json.dumps({"outdir": outdir, "files": files}), "utf-8")
    return previous if isinstance(previous, dict) else {}


def remove_gone(app: Sphinx, previous: dict[str, str], files: dict[str, str]) -> None:
    """Delete the files the last build wrote that this one does not."""
    outdir = Path(app.outdir)
    for path in previous.keys() - files.keys():
        (outdir / path).unlink(missing_ok=True)
