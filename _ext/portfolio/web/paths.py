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
#: Names Windows keeps for devices, whatever the extension: a site may be copied there.
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")
#: Longest stem: a file name may have 255 bytes, and a page adds ``.html`` or ``/index.html``;
#: a key longer than this (BibTeX sets no limit) is cut and hashed.
MAX_STEM = 100
_HASH = 6


def file_stem(key: str) -> str:
    """A file name for a citation key, the same on every build: the key itself when it is
    safe in any file system, else its safe characters, cut to :data:`MAX_STEM`, and a short
    hash of the whole key, so two keys never share a file (``DBLP:conf/osdi/X`` →
    ``DBLP-conf-osdi-X-1a2b3c``)."""
    stem = _UNSAFE.sub("-", key)
    if stem == key and not stem.startswith(".") and len(stem) <= MAX_STEM \
            and not _RESERVED.fullmatch(stem):
        return stem
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH]
    return f"{stem.lstrip('.')[:MAX_STEM - _HASH - 1]}-{digest}"


def bib_path(key: str) -> str:
    """Where an entry's ``.bib`` file is, relative to the output folder."""
    return f"{BIB_FOLDER}/{file_stem(key)}.bib"


def paper_pagename(config: Config, key: str) -> str:
    return f"{config.portfolio_paper_pages.strip('/')}/{file_stem(key)}"
