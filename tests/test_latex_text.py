"""LaTeX in BibTeX values reads as Unicode text, decoded piece by piece (see portfolio.text.latex)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, build_app, text


@pytest.fixture(scope="module")
def page(build_root):
    return text(build_root("latex-text", "text"))


def test_accents_commands_and_dashes(page):
    assert "Große Modelle: Étude naïve, in situ and 3–5× faster" in page
    assert "Jürgen Müller, Zoë François" in page
    assert "Ana Straßer" in page


def test_a_bare_percent_is_shown_not_taken_for_a_comment(page):
    assert "Cutting Latency by 50% with GPU Caching" in page


def test_a_command_keeps_the_word_after_its_space(page):
    # "\ss x" is "ßx" in LaTeX (the space ends the command); "\c c" is "ç"; math shows as text.
    assert "A ßx Test with ç and O(n log n) Sorting Networks" in page


def test_tex_logos_and_symbols_as_tex_users_write_them(page):
    assert "Der \\year=2002 TeX-Kalender: LaTeX Tips & Tricks Collected" in page


def test_math_in_a_title_is_plain_text_outside_html(page):
    assert "Δ-Net: V² Bounds in Õ(√m) Time" in page


@pytest.fixture(scope="module")
def html(build_root):
    app = build_root("latex-text", "html")
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")


def test_math_in_a_title_is_mathml_in_html(html):
    title = next(t for t in html.select(".pub-title") if "Bounds" in t.get_text())
    maths = title.select("span.pub-math > math")
    assert [m.get("display") for m in maths] == ["inline"] * 3
    assert maths[1].select_one("msup mn").get_text() == "2"
    assert title.select_one("msqrt") is not None
    # nothing is loaded from another host to show it
    assert not [s for s in html.select("script[src]") if "://" in s["src"]]


def test_math_that_is_not_safe_mathml_is_plain_text(html):
    title = next(t for t in html.select(".pub-title") if "Zany" in t.get_text())
    assert title.select("script, math") == []
    assert "<script>x</script>" in title.get_text()


def test_each_titles_math_is_converted_once(tmp_path, monkeypatch):
    """A title shows on several pages (publications, CV, highlights): its MathML is made once."""
    import latex2mathml.converter

    from portfolio.text.mathml import mathml

    converted: list[str] = []
    convert = latex2mathml.converter.convert

    def counting(tex: str, *args, **kwargs) -> str:
        converted.append(tex)
        return convert(tex, *args, **kwargs)

    monkeypatch.setattr(latex2mathml.converter, "convert", counting)
    mathml.cache_clear()  # titles of other tests' builds in this process
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-latex-text", src)
    (src / "index.rst").write_text((src / "index.rst").read_text("utf-8")
                                   + "\n.. toctree::\n\n   again\n", "utf-8")
    (src / "again.rst").write_text("Again\n=====\n\n.. publications::\n   :sort: title\n",
                                   "utf-8")
    app = build_app(src, freshenv=True)
    assert converted and len(converted) == len(set(converted))
    safe = [mathml(tex) is not None for tex in converted]
    shown = [str(BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text("utf-8"),
                               "html.parser").select("span.pub-math > math"))
             for page in ("index", "again")]
    assert shown[0] == shown[1] and shown[0].count("<math") == sum(safe) > 0
