"""``portfolio serve``: build the site, serve it on 127.0.0.1, rebuild and reload on changes.

sphinx-autobuild does the watching, building and reloading. By itself it watches only the pages
folder; a site keeps ``conf.py`` and ``refs.bib`` beside ``docs/``, so the whole site folder is
watched, less the build output (version control and virtual environments are left out by
sphinx-autobuild itself).
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import TextIO

HOST = "127.0.0.1"
#: Files no edit of the site makes: Python's caches, package metadata, editors' swap files.
IGNORED = r"/__pycache__/|\.egg-info/|\.pyc$|\.sw[a-p]$|~$|\.tmp$|/4913$"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def autobuild_args(root: Path, port: int) -> list[str]:
    """sphinx-autobuild's command line for the site in *root* (pages in ``docs/`` when it
    exists, as in a build)."""
    root = root.resolve()
    pages = root / "docs" if (root / "docs").is_dir() else root
    build = root / "_build"
    return [str(pages), str(build / "html"), "-c", str(root), "-d", str(build / "doctrees"),
            "--host", HOST, "--port", str(port), "--watch", str(root), "--ignore", str(build),
            "--re-ignore", IGNORED]


def serve(root: Path, port: int, out: TextIO) -> int:
    """Serve until Ctrl-C; 0 when stopped."""
    from sphinx_autobuild.__main__ import main as autobuild

    port = port or free_port()
    out.write(f"Serving {root} at http://{HOST}:{port}/ once it is built; it is rebuilt when a "
              "page, refs.bib, a data file or conf.py changes. Ctrl-C stops.\n")
    out.flush()
    try:
        autobuild(autobuild_args(root, port))
    except KeyboardInterrupt:  # Ctrl-C while a build runs; the server handles its own
        pass
    out.write("Stopped.\n")
    return 0
