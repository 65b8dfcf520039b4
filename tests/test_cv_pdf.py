"""The CV as a PDF: Sphinx's LaTeX output compiled by XeLaTeX with latexmk, read back with
pdftotext. The TeX packages come from tests/system-packages/latex.txt, which the README's test
command installs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOTS, copy_site
from seed import publications
from test_cv import HOSTILE_BIB, HOSTILE_TALK, NAMES, TITLES

pytestmark = pytest.mark.slow

TOOLS = ("xelatex", "latexmk", "pdftotext", "pdfinfo")


@dataclass
class Pdf:
    path: Path
    pages: list[str]  #: text of each page, whitespace collapsed
    footers: list[str]  #: the last line of each page, as laid out
    log: str  #: XeLaTeX's log

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def links(self) -> set[str]:
        result = subprocess.run(["pdfinfo", "-url", str(self.path)], capture_output=True,
                                text=True, check=True)
        return {line.split()[-1] for line in result.stdout.splitlines()[1:]}


def compile_cv(src: Path, confdir: Path, out: Path) -> Pdf:
    """The README's PDF command: ``sphinx-build -M latexpdf`` (LaTeX builder, then latexmk)."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(src), str(out), "-c", str(confdir),
         "-W", "--keep-going"], capture_output=True, text=True, cwd=confdir, check=False)
    latex = out / "latex"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    pdf = latex / "cv.pdf"
    pages = [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page)).strip()
             for page in pdftotext(pdf)]
    footers = [page.strip().splitlines()[-1].strip() for page in pdftotext(pdf, "-layout")]
    return Pdf(pdf, pages, footers, (latex / "cv.log").read_text("utf-8", errors="replace"))


def pdftotext(pdf: Path, *options: str) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> dict[str, Pdf]:
    """The test root's CV and the seed site's CV, each compiled once."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: run tests/install-system-packages.sh "
                    "(the README's test command does)")
    root = tmp_path_factory.mktemp("cv-pdf") / "src"
    shutil.copytree(ROOTS / "test-cv", root)
    site = copy_site(tmp_path_factory.mktemp("seed-cv"))
    return {"root": compile_cv(root, root, root / "_build"),
            "seed": compile_cv(site / "docs", site, site / "_build")}


@pytest.mark.parametrize("name", ["root", "seed"])
def test_every_character_has_a_glyph(pdfs, name):
    assert "Missing character" not in pdfs[name].log


def test_non_ascii_names(pdfs):
    text = pdfs["root"].text
    for name in NAMES:
        assert name in text


def test_latex_hostile_titles(pdfs):
    text = pdfs["root"].text
    for title in [*TITLES, HOSTILE_TALK]:
        assert title in text
    assert HOSTILE_BIB in text


def test_seed_cv_has_every_publication(pdfs):
    text = pdfs["seed"].text
    for pub in publications():
        assert pub.title in text
        assert pub.owner in text


def test_seed_cv_sections_and_owner(pdfs):
    pdf = pdfs["seed"]
    assert pdf.pages[0].startswith("Qizheng Zhang CS Ph.D. student, Stanford University")
    headings = re.findall(r"\b(EDUCATION|RESEARCH EXPERIENCE|PUBLICATIONS|AWARDS|TEACHING|SERVICE|"
                          r"MENTORING)\b", pdf.text)
    assert headings == ["EDUCATION", "RESEARCH EXPERIENCE", "PUBLICATIONS", "AWARDS", "TEACHING",
                        "SERVICE", "MENTORING"]
    for group in ("Conference Papers", "Workshop Papers", "Preprints"):
        assert group in pdf.text
    for award in ("EuroSys Best Paper Award", "SRC JUMP 2.0 Best Paper Award",
                  "ISCA Distinguished Artifact Award"):
        assert award in pdf.text
    assert "Advisor: Kunle Olukotun" in pdf.text


def test_seed_cv_is_compact_and_numbered(pdfs):
    pdf = pdfs["seed"]
    assert len(pdf.pages) <= 3  # no title page, no table of contents
    assert pdf.footers == [str(n) for n in range(1, len(pdf.pages) + 1)]
    assert "Contents" not in pdf.text


def test_links_are_clickable(pdfs):
    links = pdfs["seed"].links()
    assert {"https://github.com/Alex-q-z", "https://ppl.stanford.edu/",
            "https://alex-q-z.github.io/files/caravan-osdi24.pdf"} <= links
