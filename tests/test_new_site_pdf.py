"""A new site's CV as a PDF, built with the settings its conf.py holds (XeLaTeX, latexmk): the
owner's name as written, even with LaTeX's special characters; no abstract, no BibTeX."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from portfolio.cli.main import main

pytestmark = pytest.mark.slow

NAME = "Zoë Müller-O'Neil & Bo_b {Team} 50% #1 ~ ^"


def test_the_new_site_cv_pdf(tmp_path):
    site = tmp_path / "site"
    assert main(["new", str(site), "--name", NAME], stdout=io.StringIO()) == 0
    result = subprocess.run([sys.executable, "-m", "sphinx", "-M", "latexpdf", "docs", "_build",
                             "-c", ".", "-W", "--keep-going"], cwd=site, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    pdf = site / "_build/latex/cv.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert text.startswith(NAME)
    assert "An Example Paper: Replace This Entry with Your Own" in text
    assert "placeholder abstract" not in text.lower() and "@inproceedings" not in text
    assert text.count("Reviewer") == 1
