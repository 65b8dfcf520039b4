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

TOOLS = ("xelatex", "latexmk", "pdftotext", "pdfinfo", "pdffonts")


@dataclass
class Pdf:
    path: Path
    pages: list[str]  #: text of each page, whitespace collapsed
    footers: list[str]  #: the last line of each page, as laid out
    log: str  #: XeLaTeX's log

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def fonts(self) -> list[str]:
        """The fonts embedded in the PDF, without subset prefixes: "FreeSerifBold", ..."""
        result = subprocess.run(["pdffonts", str(self.path)], capture_output=True, text=True,
                                check=True)
        return [line.split()[0].split("+")[-1].removesuffix("-Identity-H")
                for line in result.stdout.splitlines()[2:]]

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
    # Each paper's award with its venue and year, the venue not named twice.
    for award in ("Best Paper Award, EuroSys 2025, for CacheBlend",
                  "SRC JUMP 2.0 Best Paper Award, OSDI 2024, for Caravan",
                  "Distinguished Artifact Award, ISCA 2024, for The Dataflow Abstract Machine"):
        assert award in pdf.text
    assert "EuroSys Best Paper Award, EuroSys" not in pdf.text
    assert "Advisor: Kunle Olukotun" in pdf.text


def test_seed_cv_is_two_full_pages_numbered(pdfs):
    pdf = pdfs["seed"]
    # No title page, no table of contents, and no near-empty last page: the seed CV's
    # publications, awards, teaching, service and mentoring fill two pages.
    assert len(pdf.pages) == 2
    assert pdf.footers == ["1", "2"]
    assert "Contents" not in pdf.text
    lines = [len(page.strip().splitlines()) for page in pdftotext(pdf.path, "-layout")]
    assert lines[-1] >= 0.6 * lines[0], lines


def test_seed_cv_is_one_font_family(pdfs):
    """Regular, bold and italic faces of the main font; nothing else, page numbers included."""
    fonts = pdfs["seed"].fonts()
    assert {re.sub(r"(Bold|Italic|Oblique|Regular)+$", "", font) for font in fonts} == {"FreeSerif"}
    assert len(fonts) >= 3, fonts


def test_seed_cv_papers_numbered_by_type(pdfs):
    text = pdfs["seed"].text
    labels = re.findall(r"\b([CWP]\d+) (?=\S)", text)
    assert labels == [f"C{n}" for n in range(10, 0, -1)] + ["W3", "W2", "W1", "P2", "P1"]
    assert re.search(r"C10 Agentic Plan Caching", text)


def test_contacts_are_icons_with_short_labels(pdfs):
    header = pdfs["seed"].pages[0][:200]
    assert "Alex-q-z" in header and "github.com" not in header
    root = pdfs["root"].pages[0][:200]
    assert "ada@example.org" in root and "example" in root and "mailto:" not in root


def test_journal_volume_number_and_pages(pdfs):
    assert "Journal of Examples, 12(3):45–67, 2024" in pdfs["root"].text


def test_links_are_clickable(pdfs):
    links = pdfs["seed"].links()
    assert {"https://github.com/Alex-q-z", "https://ppl.stanford.edu/",
            "https://alex-q-z.github.io/files/caravan-osdi24.pdf"} <= links
