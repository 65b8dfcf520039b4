"""Where the generated files go: one name per citation key, safe in any file system."""

from __future__ import annotations

import hashlib
import re

from sphinx.config import Config

#: Builders whose output gets the ``.bib`` files and the paper pages.
BIB_BUILDERS = ("html", "dirhtml", "singlehtml")
PAGE_BUILDERS = ("html", "dirhtml")
BIB_FOLDER = "_bib"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def file_stem(key: str) -> str:
    """A file name for a citation key; keys with other characters get a short hash, so two
    keys never share a file (``DBLP:conf/osdi/X`` → ``DBLP-conf-osdi-X-1a2b3c``)."""
    stem = _UNSAFE.sub("-", key)
    if stem != key or stem.startswith("."):
        stem = f"{stem.lstrip('.')}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
    return stem


def bib_path(key: str) -> str:
    """Where an entry's ``.bib`` file is, relative to the output folder."""
    return f"{BIB_FOLDER}/{file_stem(key)}.bib"


def paper_pagename(config: Config, key: str) -> str:
    return f"{config.portfolio_paper_pages.strip('/')}/{file_stem(key)}"
