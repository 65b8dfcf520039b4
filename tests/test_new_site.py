"""``portfolio new``: what a new site holds, how it installs the extension, names written as
text, and the profile's field-by-field validation."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import build_site, sphinx_build
from portfolio.cli import install as install_module
from portfolio.cli.main import main
from portfolio.cli.scaffold import site_files
from portfolio.data.records import load_profile


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / "_build/html" / f"{name}.html").read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("new") / "site"
    assert run("new", str(site), "--name", "Álvaro Núñez")[0] == 0
    result = build_site(site, "html")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return site


def test_every_page_type_once_with_marked_placeholders(new_site):
    index = page(new_site, "index")
    links = {a["href"] for a in index.select("a[href]")}
    assert {"publications.html", "teaching.html", "service.html", "news.html", "cv.html"} <= links
    assert "Placeholder news" in index.select_one(".portfolio-news").get_text()
    assert "Replace This Entry" in index.get_text()
    assert "Placeholder news" in page(new_site, "news").get_text()
    assert "An Example Course" in page(new_site, "teaching").get_text()
    assert "EXCONF" in page(new_site, "service").get_text()
    assert "Ph.D. in Your Field" in page(new_site, "cv").get_text()


def test_cv_lists_publications_plainly_and_each_role_once(new_site):
    cv = page(new_site, "cv")
    entries = cv.select(".pub-entry, li.pub")
    assert entries, "no publications on the CV page"
    assert "placeholder abstract" not in cv.get_text().lower()
    assert not cv.select("details, .highlight-bibtex, pre")
    assert cv.get_text().count("Reviewer") == 1
    assert "placeholder abstract" in page(new_site, "publications").get_text().lower()


def test_conf_py_holds_the_pdf_settings(new_site):
    conf: dict = {"__file__": str(new_site / "conf.py")}
    exec((new_site / "conf.py").read_text("utf-8"), conf)
    assert conf["latex_engine"] == "xelatex"
    assert conf["latex_documents"][0][:2] == ("cv", "cv.tex")
    assert r"\usepackage{portfolio-cv}" in conf["latex_elements"]["preamble"]
    assert conf["portfolio_cv_pdf"] == "_build/latex/cv.pdf"


def test_data_files_are_utf8_text(new_site):
    for path in (new_site / "docs/_data").glob("*.yaml"):
        text = path.read_text("utf-8")
        assert "\\u" not in text, path
    assert 'name: "Álvaro Núñez"' in (new_site / "docs/_data/profile.yaml").read_text("utf-8")
    assert "{Núñez, Álvaro and" in (new_site / "refs.bib").read_text("utf-8")
    strong = page(new_site, "publications").select_one("strong.pub-owner")
    assert strong is not None and strong.get_text() == "Álvaro Núñez"


def test_the_avatar_comment_names_a_place_that_works(tmp_path):
    site = tmp_path / "site"
    run("new", str(site))
    profile = site / "docs/_data/profile.yaml"
    comment = profile.read_text("utf-8")
    assert "docs/photo.jpg" in comment and "`avatar: photo.jpg`" in comment
    (site / "docs/photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    profile.write_text(comment + "avatar: photo.jpg\n", "utf-8")
    result = build_site(site, "html")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    img = page(site, "index").select_one("img.portfolio-avatar")
    assert (site / "_build/html" / img["src"]).read_bytes().startswith(b"\xff\xd8")


HOSTILE = ["Zoë <b>Bold</b> O'Neil-Smith", 'Ann "X" </title><script>alert(1)</script> B',
           "{Team} Müller & Bo_b 50% $x$ ~ ^ *em* [l](u) {role}`x`"]


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_names_are_text_everywhere(tmp_path, name):
    site = tmp_path / "site"
    assert run("new", str(site), "--name", name)[0] == 0
    assert yaml.safe_load((site / "docs/_data/profile.yaml").read_text("utf-8"))["name"] == name
    result = build_site(site, "html")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    for name_ in ("index", "publications", "search", "cv"):
        soup = page(site, name_)
        assert soup.find("b", string="Bold") is None, name_
        assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()
                    and s.get("type") != "application/ld+json"], name_
        assert soup.title.get_text().endswith(name), name_
    index = page(site, "index")
    assert index.select_one("article h1").get_text().rstrip("#") == name
    assert index.select_one(".portfolio-name").get_text() == name
    owner = page(site, "publications").select_one("strong.pub-owner")
    assert owner is not None and owner.get_text() == name


@pytest.mark.parametrize("name", ["", "Ada\x07Lovelace", "Ada \\textbf{L}", "Ada {Lovelace"],
                         ids=["empty", "control", "backslash", "lone-brace"])
def test_names_that_cannot_be_text_are_refused(tmp_path, name):
    code, out, err = run("new", str(tmp_path / "site"), "--name", name)
    assert code == 2 and not out
    assert len(err.splitlines()) == 1 and err.startswith("portfolio new: error: --name")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("where", ["under-a-file", "too-long"])
def test_a_path_that_cannot_be_created_is_one_line_exit_2(tmp_path, where):
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "site" if where == "under-a-file" else tmp_path / ("x" * 300)
    result = subprocess.run([str(Path(sys.executable).parent / "portfolio"), "new", str(target)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"portfolio new: error: cannot create {target}")


# How the new site installs the extension ------------------------------------------------------

class FakeDistribution:
    def __init__(self, direct_url: dict | None):
        self.direct_url = direct_url
        self.version = "1.2.3"
        self.requires = ["sphinx>=8.1", 'pytest>=8; extra == "test"']
        self.metadata = {"Requires-Python": ">=3.11"}

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return json.dumps(self.direct_url) if self.direct_url is not None else None


COMMIT = "0123456789abcdef0123456789abcdef01234567"
SOURCES = {
    "index": (None, "sphinx-academic-portfolio==1.2.3\n"),
    "vcs": ({"url": "https://example.org/owner/portfolio.git",
             "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"}},
            f"sphinx-academic-portfolio @ git+https://example.org/owner/portfolio.git@{COMMIT}\n"),
    "archive": ({"url": "https://example.org/p-1.2.3-py3-none-any.whl",
                 "archive_info": {"hashes": {"sha256": "ab" * 32}}},
                f"sphinx-academic-portfolio @ https://example.org/p-1.2.3-py3-none-any.whl"
                f"#sha256={'ab' * 32}\n"),
    "editable": ({"url": "file:///home/me/portfolio", "dir_info": {"editable": True}}, "-e .\n"),
    "local-wheel": ({"url": "file:///tmp/p-1.2.3-py3-none-any.whl", "archive_info": {}},
                    "-e .\n"),
}


@pytest.mark.parametrize("source", SOURCES)
def test_the_site_installs_the_extension_as_this_copy_was(monkeypatch, source):
    direct, requirements = SOURCES[source]
    monkeypatch.setattr(install_module.metadata, "distribution",
                        lambda name: FakeDistribution(direct))
    install = install_module.detect()
    files = site_files(install=install)
    assert files["requirements.txt"] == requirements
    copied = requirements == "-e .\n"
    assert ("_ext/portfolio/__init__.py" in files) == copied
    assert ("pyproject.toml" in files) == copied
    assert ('sys.path.insert(0, str(Path(__file__).parent / "_ext"))' in files["conf.py"]) == copied
    if copied:
        pyproject = files["pyproject.toml"]
        assert '"sphinx>=8.1"' in pyproject and "pytest" not in pyproject
        assert not any("__pycache__" in path for path in files)
        assert "cli/site/conf.py.template" in "".join(files)


def test_new_help_says_how_the_site_installs_the_extension(capsys):
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "pins the version" in help_text and "copied into the site's _ext/" in help_text
    assert re.search(r"Here: this copy (was installed from|of \S+ is not installed)", help_text)


def test_a_copied_extension_is_the_one_the_site_loads(tmp_path):
    """The site's _ext/ copy, not the installed package, is what builds it."""
    site = tmp_path / "site"
    assert run("new", str(site))[0] == 0
    assert (site / "requirements.txt").read_text() == "-e .\n"
    css = site / "_ext/portfolio/static/portfolio.css"
    css.write_text(css.read_text("utf-8") + "\n/* the site's own copy */\n", "utf-8")
    result = build_site(site, "html", own_process=True)
    assert result.returncode == 0, result.stderr
    assert "the site's own copy" in (site / "_build/html/_static/portfolio.css").read_text("utf-8")


# The profile: a misspelt field costs only itself -----------------------------------------------

def test_a_misspelt_profile_field_costs_only_that_field(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_text("name: Ada Example\nposition: Student\nafiliation: Example U\nlinks:\n"
                    "  email: ada@example.org\n  githb: https://example.org/ada\n"
                    "  website: 3\nname_variants: [A. Example, 5]\n", "utf-8")
    profile, problems = load_profile(path)
    assert profile is not None and profile.name == "Ada Example"
    assert profile.position == "Student" and profile.affiliation == ""
    assert [link.kind for link in profile.links] == ["email"]
    assert profile.name_variants == ("A. Example",)
    found = {(p.location.line, p.message.split(";")[0]) for p in problems}
    assert (3, "unknown field 'afiliation' (did you mean 'affiliation'?) at the top level, "
               "left out") in found
    assert (6, "unknown field 'githb' (did you mean 'github'?) at links, left out") in found
    assert {line for line, _ in found} == {3, 6, 7, 8}


def test_a_misspelt_profile_field_keeps_the_card_and_the_highlight(tmp_path):
    site = tmp_path / "site"
    run("new", str(site), "--name", "Ada Example")
    profile = site / "docs/_data/profile.yaml"
    text = profile.read_text("utf-8").replace("position:", "positon:")
    profile.write_text(text, "utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("positon"))) + 1
    result = sphinx_build(["-b", "html", "-c", str(site), str(site / "docs"),
                           str(site / "_build/html")], site)
    warnings = [w for w in result.stderr.splitlines() if "WARNING" in w]
    assert len(warnings) == 1, result.stderr
    assert re.search(rf"profile\.yaml:{line}: WARNING: unknown field 'positon' "
                     r"\(did you mean 'position'\?\)", warnings[0])
    index = page(site, "index")
    assert index.select_one(".portfolio-name").get_text() == "Ada Example"
    assert index.select_one(".portfolio-position") is None
    assert page(site, "publications").select_one("strong.pub-owner").get_text() == "Ada Example"
