"""Large but honest data: a 10,000-entry BibTeX file and 5 MB YAML files."""

from __future__ import annotations

import re
import time

import pytest
from sphinx.testing.util import SphinxTestApp

from portfolio.data.records import load_service

pytestmark = pytest.mark.slow

ENTRIES = 10_000
ROLES = 17_000
ROLE_LINES = 2 + 3 * 8 + 4  #: lines per role in the service file


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    src = tmp_path_factory.mktemp("large") / "src"
    (src / "_data").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "portfolio"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'portfolio_owner = ["Zhang, Qizheng"]\nportfolio_profile = ""\n', "utf-8")
    (src / "refs.bib").write_text("".join(
        f"@inproceedings{{entry{n},\n  title = {{Paper number {n}: a study}},\n"
        f"  author = {{Zhang, Qizheng and Author{n % 97}, Some}},\n"
        f"  booktitle = {{Conference {n % 13} (C{n % 13})}},\n  year = {{{1990 + n % 35}}},\n"
        f"  url = {{https://example.org/{n}}},\n}}\n\n" for n in range(ENTRIES)), "utf-8")
    # Site-only abstracts and notes for every entry: about 5.8 MB of YAML.
    words = "Caching agents and video analytics under tight latency budgets. " * 8
    (src / "_data" / "publications.yaml").write_text("".join(
        f"entry{n}:\n  abstract: \"{n}: {words}\"\n  notes:\n    - Shown at workshop {n % 7}.\n"
        for n in range(ENTRIES)), "utf-8")
    (src / "index.md").write_text(
        "# Large\n\n```{publications}\n:group: year\n```\n", "utf-8")
    app = SphinxTestApp("text", srcdir=src, freshenv=True)
    started = time.perf_counter()
    app.build()
    app.seconds = time.perf_counter() - started
    yield app
    app.cleanup()


def test_five_megabyte_yaml(large_site):
    assert (large_site.srcdir / "_data" / "publications.yaml").stat().st_size >= 5_000_000
    text = (large_site.outdir / "index.txt").read_text("utf-8")
    assert text.count("Shown at workshop ") == ENTRIES


def test_ten_thousand_entries(large_site):
    assert large_site.warning.getvalue() == ""
    text = (large_site.outdir / "index.txt").read_text("utf-8")
    assert all(f"Paper number {n}: a study" in text for n in (0, 4_999, ENTRIES - 1))
    assert len(re.findall(r"^ *\* Paper number ", text, re.M)) == ENTRIES
    print(f"10,000 entries with 5.8 MB of overlay YAML built (text) in {large_site.seconds:.1f} s")


def test_five_megabyte_service_file_keeps_every_line(tmp_path):
    # Every 1,000th role has a venue with a misspelt field, on the 9th line of the role.
    path = tmp_path / "service.yaml"
    path.write_text("".join(
        f"- role: Reviewer {n}\n  items:\n" + "".join(
            f"    - name: Conference {n}-{k}\n      {'yaer' if k == 2 and n % 1000 == 7 else 'year'}:"
            f" 2024\n      detail: Program committee {k}\n" for k in range(8)) + "".join(
            f"    - Workshop {n}-{k} 2024\n" for k in range(4)) for n in range(ROLES)), "utf-8")
    assert path.stat().st_size >= 5_000_000
    roles, problems = load_service(path)
    bad = range(7, ROLES, 1000)
    assert len(roles) == ROLES - len(bad)
    assert roles[-1].role == f"Reviewer {ROLES - 1}"
    assert roles[-1].location.line == (ROLES - 1) * ROLE_LINES + 1
    assert [(p.location.line, p.message.split(";")[0]) for p in problems] == [
        (n * ROLE_LINES + 9, f"unknown field 'yaer' (did you mean 'year'?) at item {n + 1} > "
                             "items > item 3") for n in bad]
