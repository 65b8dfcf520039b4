"""The CV as a PDF: the LaTeX style that makes Sphinx's LaTeX output look like a CV, and where a
web page finds the PDF to link to.

The PDF is built by Sphinx's LaTeX builder from the CV page (``latex_documents`` in ``conf.py``)
and compiled by ``latexmk``; the web page links to it when ``portfolio_cv_pdf`` names a built
file, or, on Read the Docs, to the PDF Read the Docs serves for the version being built.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..text.urls import unsafe_url_reason

#: Loaded by ``\usepackage{portfolio-cv}`` in ``latex_elements["preamble"]``.
STYLE = Path(__file__).parent.parent / "texmf" / "portfolio-cv.sty"


def add_latex_style(app: Sphinx, config: Config) -> None:
    """Copy the CV style next to every ``.tex`` file, so ``conf.py`` can load it by name."""
    if str(STYLE) not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]


def pdf_target(env: BuildEnvironment, root: Path) -> tuple[str, Path | None]:
    """What the CV page links to, and the local PDF it would link to once built.

    ``portfolio_cv_pdf`` is a URL, or a path relative to *root* (the folder of ``conf.py``):
    an existing file is linked (the target is then relative to the page), a missing one gives
    no link except on Read the Docs, which serves the PDF of its own PDF build.
    """
    value = env.config.portfolio_cv_pdf
    if not value:
        return "", None
    if "://" in value:
        return value, None
    path = (root / value).resolve()
    if path.is_file():
        page_dir = (Path(env.srcdir) / env.docname).parent
        return os.path.relpath(path, page_dir), path
    return read_the_docs_pdf(), path


def pdf_refusal(value: str, root: Path) -> tuple[str, str] | None:
    """Why ``portfolio_cv_pdf`` = *value* is never linked, and the warning's subtype; ``None``
    when it may be (a URL with a safe scheme, or a path inside the project *root*)."""
    if not value:
        return None
    if "://" in value:
        reason = unsafe_url_reason(value)
        return (reason, "unsafe_url") if reason else None
    if not (root / value).resolve().is_relative_to(root):
        return "the file is outside the project", "path"
    return None


def cv_pdf_message(value: str, reason: str) -> str:
    return f"portfolio_cv_pdf = {value!r} is not linked: {reason}"


def read_the_docs_pdf() -> str:
    """Where Read the Docs serves the PDF of the version being built; '' elsewhere, and for
    pull-request previews, which have no PDF."""
    env = os.environ
    if env.get("READTHEDOCS") != "True" or env.get("READTHEDOCS_VERSION_TYPE") == "external":
        return ""
    site = urlsplit(env.get("READTHEDOCS_CANONICAL_URL", ""))
    language, version = env.get("READTHEDOCS_LANGUAGE"), env.get("READTHEDOCS_VERSION")
    if not (site.scheme and site.netloc and language and version):
        return ""
    return f"{site.scheme}://{site.netloc}/_/downloads/{language}/{version}/pdf/"


def setup_cv(app: Sphinx) -> None:
    app.connect("config-inited", add_latex_style)
