"""Hostile data never reaches the page as markup or as a dangerous link, and never escapes the
project or exhausts the build."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import has_warning, html

PAGES = ("index", "paths")


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("hostile-input")


@pytest.fixture(scope="module")
def warnings(built) -> str:
    return built.warning.getvalue()


def pages(app) -> list[BeautifulSoup]:
    return [html(app, page) for page in PAGES]


def test_text_is_escaped(built):
    for soup in pages(built):
        for tag in ("iframe", "b", "i"):
            assert not soup.select(f".bd-article {tag}, .body {tag}, article {tag}"), tag
        scripts = soup.find_all("script")
        assert not [s for s in scripts if "alert" in s.get_text()
                    and s.get("type") != "application/ld+json"]
        # Structured data may quote the text, but never with a raw "<" that could end the script.
        assert not [s for s in scripts if s.get("type") == "application/ld+json"
                    and "<" in s.get_text()]
        assert not soup.find_all("img", src="x")
        shown = soup.select(".bd-article, .portfolio-profile")
        assert len(shown) >= 2  # the article and at least one profile card
        assert not [t for part in shown for t in part.find_all(True)
                    if any(a.startswith("on") for a in t.attrs)]
    text = html(built).get_text()
    for words in ('<script>alert("title")</script> Safe Words', "<b onmouseover=",
                  '<script>alert("course")</script>', "<img src=x onerror=alert(9)>",
                  '<script>alert("role")</script>', "<b>Venue</b>"):
        assert words in text, words
    card = html(built).select_one(".portfolio-profile")
    assert card.select_one(".portfolio-name").get_text() == 'Jane Doe <script>alert("name")</script>'
    assert card.select_one(".portfolio-position").get_text() == '" onmouseover="alert(14)'


def test_only_web_mail_and_relative_links(built):
    for soup in pages(built):
        for tag in soup.find_all(["a", "img", "link", "script", "iframe"]):
            url = tag.get("href") or tag.get("src")
            if url is None:
                continue
            parts = urlsplit(url)
            assert parts.scheme in ("", "http", "https", "mailto"), url
            # A browser reads "\\" as "/": no link may start with two of either.
            assert not re.match(r"\s*[/\\]{2}", url), url
    links = [a["href"] for a in html(built).select("li.pub a")]
    assert "https://example.org/fine" in links


@pytest.mark.parametrize(("where", "words"), [
    ("refs.bib:1", "the url link 'javascript:alert(3)' is not shown"),
    ("refs.bib:1", "the pdf link 'data:text/html,<script>alert(4)</script>' is not shown"),
    ("refs.bib:1", "the code link 'vbscript:msgbox(5)' is not shown"),
    ("refs.bib:1", "the video link '//evil.example.org/video' is not shown"),
    ("refs.bib:1", "the note link 'javascript:alert(2)' is shown as plain text"),
    ("refs.bib:1", "the note link 'data:text/html;base64,PHNjcmlwdD4=' is shown as plain text"),
    ("refs.bib:1", "the note link 'javascript:alert(7)' is shown as plain text"),
    ("refs.bib:1", "'java\\tscript:alert(8)' is not shown: the link contains control characters"),
    ("teaching.yaml:3", "link 'javascript:alert(10)' is not shown"),
    ("teaching.yaml:5", "link 'javascript:alert(11)' is shown as plain text"),
    ("service.yaml:3", "link 'data:text/html,hi' is not shown"),
    ("service.yaml:4", "link 'JavaScript:alert(13)' is shown as plain text"),
    ("profile.yaml:4", "link 'javascript:alert(15)' is not shown"),
    ("profile.yaml:5", "link 'javascript://%0aalert(16)' is not shown"),
    ("profile.yaml:7", "link 'javascript:alert(17)' is not shown"),
    ("refs.bib:15", "entry 'backslash': the url link '/\\\\evil"),
    ("refs.bib:15", "entry 'backslash': the html link '\\\\\\\\evil.example.org/b' is not shown"),
    ("refs.bib:15", "entry 'backslash': the website link '\\\\/evil.example.org/c' is not shown"),
    ("refs.bib:15", "entry 'backslash': the preview '///evil.example.org/d.png' is not shown"),
    ("profile.yaml:9", "link '/\\\\evil.example.org/g' is not shown: protocol-relative"),
])
def test_unsafe_links_refused_with_warning(warnings, where, words):
    assert has_warning(warnings, where, "unsafe_url", words), warnings


def test_directive_path_cannot_leave_the_project(built, warnings):
    # ../../.. climbs out of the project: refused.
    assert re.search(r"paths\.md:6: WARNING: data file '\.\./\.\./\.\./\.\./\.\./\.\./etc/passwd' is "
                     r"outside the project [^\n]*\[portfolio\.path\]", warnings), warnings
    # A leading / means the pages folder, as everywhere in Sphinx: not the system's /etc.
    assert re.search(r"paths\.md:9: WARNING: the file '/etc/passwd' does not exist "
                     r"\([^\n]*src/etc/passwd\)", warnings), warnings
    assert "root:" not in (Path(built.outdir) / "paths.html").read_text("utf-8")


@pytest.mark.parametrize("option", ["portfolio_teaching", "portfolio_profile",
                                    "portfolio_bib_overlay"])
def test_config_path_cannot_leave_the_project(build_root, option):
    app = build_root("hostile-input", confoverrides={option: "../../../../../../../etc/passwd"})
    assert re.search(r"data file '../../../../../../../etc/passwd' is outside the project"
                     r"[^\n]*\[portfolio\.path\]", app.warning.getvalue()), app.warning.getvalue()
    assert "root:x" not in (Path(app.outdir) / "index.html").read_text("utf-8")


@pytest.mark.parametrize(("value", "words"), [
    ("javascript://%0aalert(1)", "links with the scheme 'javascript:' are refused"),
    ("../../../../../../../../../../etc/passwd", "the file is outside the project"),
])
def test_cv_pdf_link_is_checked(build_root, value, words):
    app = build_root("hostile-input", confoverrides={"portfolio_cv_pdf": value})
    assert re.search(rf"cv\.md:6: WARNING: portfolio_cv_pdf = {re.escape(repr(value))} is not "
                     rf"linked: {re.escape(words)}", app.warning.getvalue()), app.warning.getvalue()
    page = (Path(app.outdir) / "cv.html").read_text("utf-8")
    assert "cv-pdf" not in page
    assert not list(Path(app.outdir).glob("_downloads/*/passwd"))


#: Data files a hostile or careless author might write, and what the warning says.
BAD_YAML = {
    "python-tag": ("- course: !!python/object/apply:os.system ['echo hacked']\n",
                   1, "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "python-scalar-tag": ("- course: !!python/name:os.system\n", 1,
                          "could not determine a constructor for the tag"),
    "alias-bomb": ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi")),
                   7, "the file expands to more than 2,000,000 values"),
    "deep": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1,
             "values are nested deeper than 64 levels"),
    # Deeper than the extension allows, shallower than libyaml's own limit (1,000 levels).
    "nested": ("a: " + "[" * 100 + "]" * 100 + "\n", 1, "values are nested deeper than 64 levels"),
    "long": ("- course: " + "x" * 200_000 + "\n", 1,
             "a value is 200,000 characters long, more than the 100,000 allowed"),
    "not-a-date": ("- course: Systems\n  term: 2024-13-45\n", 2,
                   "'2024-13-45' is not a real date (month must be in 1..12)"),
}


@pytest.fixture(scope="module")
def bad_yaml(build_root, tmp_path_factory):
    app = build_root("hostile-input")
    for name, (content, _, _) in BAD_YAML.items():
        (Path(app.srcdir) / "_data" / f"{name}.yaml").write_text(content, "utf-8")
    (Path(app.srcdir) / "yaml.md").write_text("---\norphan: true\n---\n# YAML\n\n" + "".join(
        f"```{{teaching}} _data/{name}.yaml\n```\n\n" for name in BAD_YAML), "utf-8")
    app.build()
    return app


@pytest.mark.parametrize("name", list(BAD_YAML))
def test_hostile_yaml_is_refused_clearly(bad_yaml, name):
    _, line, words = BAD_YAML[name]
    pattern = rf"{name}\.yaml:{line}: WARNING: [^\n]*{re.escape(words)}[^\n]*\[portfolio\.yaml\]"
    assert re.search(pattern, bad_yaml.warning.getvalue()), bad_yaml.warning.getvalue()
    assert "hacked" not in (Path(bad_yaml.outdir) / "yaml.html").read_text("utf-8")
