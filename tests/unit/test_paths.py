"""File names for citation keys: safe in any file system, unique, the same on every build."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest

from portfolio.web.paths import MAX_STEM, bib_path, file_stem, paper_pagename

LONG = "Zhang2024" + "x" * 291  # 300 characters: BibTeX sets no limit


def sha(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:6]


@pytest.mark.parametrize(("key", "stem"), [
    ("zhang2024osdi", "zhang2024osdi"),
    ("Smith_2020-a.b", "Smith_2020-a.b"),
    ("DBLP:conf/osdi/X", f"DBLP-conf-osdi-X-{sha('DBLP:conf/osdi/X')}"),
    ("..hidden", f"hidden-{sha('..hidden')}"),
    ("Müller2020", f"M-ller2020-{sha('Müller2020')}"),
    ("con", f"con-{sha('con')}"),
    ("AUX.2020", f"AUX.2020-{sha('AUX.2020')}"),
    ("x" * MAX_STEM, "x" * MAX_STEM),
    (LONG, f"{LONG[:MAX_STEM - 7]}-{sha(LONG)}"),
])
def test_stems(key, stem):
    assert file_stem(key) == stem


def test_long_keys_that_share_a_beginning_get_their_own_files(tmp_path):
    keys = [LONG, LONG + "y", LONG[:-1] + "z", "a/" + LONG, LONG.upper() + "ü"]
    stems = [file_stem(key) for key in keys]
    assert len(set(stems)) == len(keys)
    config = SimpleNamespace(portfolio_paper_pages="papers")
    for key, stem in zip(keys, stems):
        assert len(stem) <= MAX_STEM
        # The file system takes the .bib file and the paper page, as html and dirhtml write it.
        for name in (bib_path(key), f"{paper_pagename(config, key)}.html",
                     f"{paper_pagename(config, key)}/index.html"):
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(key, "utf-8")
            assert path.read_text("utf-8") == key
