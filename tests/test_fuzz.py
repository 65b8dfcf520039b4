"""A seeded, bounded fuzz of the build and the check: mutated BibTeX, YAML data files and
directive options, hostile values and paths that point out of the project.

Whatever the input: no traceback (a warning is fine), no hang, no file from outside the project
in the output, no unsafe link or event attribute in a page, well-formed XML. ``--fuzz-runs N``
runs longer (default: a couple of minutes); ``--fuzz-seed S`` starts elsewhere.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import build_app
from portfolio.cli.main import main as portfolio

pytestmark = pytest.mark.slow

SECRET = "SECRET-6f1d2c-OUTSIDE-THE-PROJECT"

ENTRIES = [
    "@inproceedings{{{key},\n  title = {{{title}}},\n  author = {{{author}}},\n"
    "  booktitle = {{{venue}}},\n  year = {{{year}}},\n  {field} = {{{value}}},\n}}\n",
    "@article{{{key},\n  title = \"{title}\",\n  author = \"{author}\",\n  journal = {venue},\n"
    "  year = {year},\n  {field} = \"{value}\",\n}}\n",
    "@string{{{key} = \"{venue}\"}}\n@misc{{{key}x, title = {{{title}}}, author = {{{author}}},"
    " howpublished = {key} # \" \" # {key}, year = {year}, {field} = {{{value}}}}}\n",
]
FIELDS = ["url", "pdf", "html", "doi", "arxiv", "code", "slides", "poster", "supp", "preview",
          "note", "abstract", "award", "abbr", "keywords", "author+an", "month", "date",
          "selected", "status", "kind", "additional_info", "annotation", "eprint"]
HOSTILE = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:x", "data:text/html,<b>x</b>",
    "//evil.example/x", "/\\evil.example/x", "\\\\evil.example/x", "\\/evil.example",
    "///evil.example", "vbscript:x", " javascript:x", "../secret.txt", "../../secret.txt",
    "/../secret.txt", "{SECRET}", "files/link.pdf", "images/link.png", "<script>alert(1)</script>",
    "\" onmouseover=\"alert(1)", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "\x07bell\x1b", "\ud800", "\ufffe", "{", "}", "}}}{{{", "\\", "\\\\", "%", "#", "@", "$",
    "$\\frac{1}{0", "\\def\\x{\\x}\\x", "\\input{/etc/passwd}", "~" * 50, "--" * 40,
    "a" * 3000, "é" * 200, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "1=equal; x=;;;=", "2024-13-45", "-5", "9" * 22,
    "Doe, Jane and and and", "{Doe}, {{Jane}}, Jr., III", "others and others", "",
]
YEARS = ["2024", "20x5", "-5", "9" * 22, "", "{2024}", "2024-02-30", "0"]
OPTIONS = [":year: {v}", ":type: {v}", ":keyword: {v}", ":filter: {v}", ":keys: {v}",
           ":sort: {v}", ":group: {v}", ":limit: {v}", ":toggles: {v}", ":max-authors: {v}",
           ":selected:", ":numbered:", ":counts:", ":class: {v}"]
FILTERS = ["year > 2000", "not " * 1000 + "selected", "(" * 200 + "1" + ")" * 200,
           "__import__('os')", "x.y", "a[0]", "'a' in title and year >= 2020 or award",
           "year > 2000 > 1 < 3 != 4", "lambda: 1", "1 if 2 else 3", "title in ['a', 'b']"]


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        runs = metafunc.config.getoption("fuzz_runs")
        seed = metafunc.config.getoption("fuzz_seed")
        metafunc.parametrize("case", range(seed, seed + runs))


def mutate(text: str, rng: random.Random) -> str:
    """Delete, repeat or insert a few characters, or splice in a hostile value."""
    for _ in range(rng.randint(0, 4)):
        at = rng.randint(0, len(text))
        action = rng.random()
        if action < 0.3 and text:
            text = text[:at] + text[at + rng.randint(1, 8):]
        elif action < 0.5:
            text = text[:at] + text[at:at + 5] * rng.randint(1, 20) + text[at:]
        elif action < 0.8:
            text = text[:at] + rng.choice("{}\"@,=#%\\\n\t $&_^~") + text[at:]
        else:
            text = text[:at] + hostile(rng) + text[at:]
    return text


def hostile(rng: random.Random) -> str:
    """A hostile value; "{SECRET}" is the absolute path of the file outside the project."""
    return rng.choice(HOSTILE).replace("{SECRET}", rng.secret_path)


def value(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return hostile(rng)
    return rng.choice(["https://example.org/ok", "files/ok.pdf", "images/ok.png", "Plain words",
                       "A {Title} with {\\'e}"])


def bibtex(rng: random.Random) -> str:
    entries = []
    for n in range(rng.randint(1, 6)):
        entry = rng.choice(ENTRIES).format(
            key=rng.choice([f"k{n}", f"k{n}", "x" * 300, "a/b:c", "dup", "", "ü"]),
            title=value(rng), author=rng.choice(["Doe, Jane", "Jane Doe and Rick Roe",
                                                value(rng)]),
            venue=value(rng), year=rng.choice(YEARS), field=rng.choice(FIELDS), value=value(rng))
        entries.append(mutate(entry, rng) if rng.random() < 0.6 else entry)
    return "\n".join(entries)


def yaml_value(rng: random.Random, depth: int = 0) -> str:
    """A YAML value of any shape, from the hostile strings."""
    kind = rng.random()
    if depth > 2 or kind < 0.5:
        return rng.choice([repr(value(rng)), "123", "2024-01-01", "true", "null", "~", "[]",
                           "{}", "&a [x]", "*a", "!!python/object:os.system x", "'unclosed",
                           '"\\x07\\u0000"'])
    if kind < 0.75:
        return "[" + ", ".join(yaml_value(rng, depth + 1) for _ in range(rng.randint(0, 3))) + "]"
    keys = ["name", "role", "course", "date", "text", "items", "links", "url", "avatar",
            "notes", "year", "1", "2024-01-01", "true", "null", "k0"]
    return "{" + ", ".join(f"{rng.choice(keys)}: {yaml_value(rng, depth + 1)}"
                           for _ in range(rng.randint(0, 4))) + "}"


def yaml_file(rng: random.Random, shape: str) -> str:
    if shape == "list":
        text = "".join(f"- {yaml_value(rng)}\n" for _ in range(rng.randint(0, 4)))
    else:
        text = "".join(f"{rng.choice(['name', 'position', 'avatar', 'links', 'k0', 'k1', '1', 'true', 'null', '2024-01-01'])}: {yaml_value(rng)}\n"  # noqa: E501
                       for _ in range(rng.randint(0, 5)))
    return mutate(text, rng) if rng.random() < 0.4 else text


def page(rng: random.Random) -> str:
    options = []
    for _ in range(rng.randint(0, 4)):
        option = rng.choice(OPTIONS)
        text = rng.choice(FILTERS) if option.startswith(":filter:") else value(rng)
        options.append(option.format(v=text.replace("\n", " ")))
    directive = rng.choice(["publications", "publications", "publication-stats"])
    roles = " ".join(f"{{pub}}`{rng.choice(['k0', 'k1', 'nokey', 'x' * 300, 'a <b>'])}`"
                     for _ in range(rng.randint(0, 3)))
    return (f"# Page\n\n{roles}\n\n```{{{directive}}}\n" + "\n".join(options) + "\n```\n\n"
            f"```{{teaching}} {rng.choice(['', '_data/teaching.yaml', '../secret.txt', '/etc/passwd'])}\n```\n\n"  # noqa: E501
            "```{service}\n```\n\n```{news}\n:limit: 2\n```\n\n```{cv-header}\n```\n\n"
            "```{education}\n```\n")


def make_site(root: Path, rng: random.Random) -> Path:
    site = root / "site"
    (site / "_data").mkdir(parents=True)
    (site / "files").mkdir()
    (site / "images").mkdir()
    (root / "secret.txt").write_text(SECRET)
    (site / "files" / "ok.pdf").write_bytes(b"%PDF-1.4 ok")
    (site / "images" / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site / "files" / "link.pdf").symlink_to(root / "secret.txt")
    (site / "images" / "link.png").symlink_to(root / "secret.txt")
    (site / "conf.py").write_text(
        'extensions = ["myst_parser", "portfolio"]\nbibtex_bibfiles = ["refs.bib"]\n'
        'portfolio_paper_pages = "papers"\nhtml_baseurl = "https://example.org/"\n'
        'html_theme = "sphinx_book_theme"\nexclude_patterns = ["_build", "_data"]\n'
        f'portfolio_cv_pdf = {rng.choice(["", "../secret.txt", "https://x.org/cv.pdf"])!r}\n')
    (site / "refs.bib").write_text(bibtex(rng), "utf-8", errors="surrogatepass")
    for name, shape in (("profile", "map"), ("publications", "map"), ("teaching", "list"),
                        ("service", "list"), ("news", "list"), ("education", "list"),
                        ("venues", "map"), ("coauthors", "map")):
        if rng.random() < 0.8:
            (site / "_data" / f"{name}.yaml").write_text(yaml_file(rng, shape), "utf-8",
                                                         errors="surrogatepass")
    # Pages are Sphinx's to read: they stay UTF-8 (the data files need not).
    (site / "index.md").write_text(page(rng) + "\n```{toctree}\nother\n```\n", "utf-8",
                                   errors="replace")
    (site / "other.md").write_text(page(rng), "utf-8", errors="replace")
    return site


@contextmanager
def time_limit(seconds: int):
    def hang(*args):
        raise TimeoutError(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


SAFE = ("", "http", "https", "mailto")


def check_output(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"outside file copied: {path}"
    for name in ("atom.xml", "sitemap.xml"):
        if (out / name).exists():
            ET.parse(out / name)
    for html in out.rglob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8", errors="replace"), "html.parser")
        for tag in soup.find_all(["a", "img", "link", "iframe", "script"]):
            url = tag.get("href") or tag.get("src")
            if url is None:
                continue
            assert urlsplit(url.strip()).scheme.lower() in SAFE, (html.name, url)
            assert not re.match(r"\s*[/\\]{2}", url), (html.name, url)
        for part in soup.select(".bd-article, .portfolio-profile, .bd-sidebar-primary"):
            for tag in part.find_all(True):
                events = [a for a in tag.attrs if a.lower().startswith("on")]
                assert not events, (html.name, str(tag)[:200])


class _Random(random.Random):
    secret_path = ""


def test_build_and_check_survive(tmp_path, case):
    rng = _Random(case)
    rng.secret_path = str(tmp_path / "secret.txt")
    site = make_site(tmp_path, rng)
    with time_limit(120):
        app = build_app(site, freshenv=True, warning=io.StringIO(), status=io.StringIO())
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings and "Exception occurred" not in warnings, warnings
    check_output(Path(app.outdir))
    with time_limit(60):
        out, err = io.StringIO(), io.StringIO()
        code = portfolio(["check", str(site), "--pages", str(site)], out, err)
    assert code in (0, 1), err.getvalue()
    shutil.rmtree(tmp_path, ignore_errors=True)
