"""Configuration values: each declared with a type, a default and a description; a wrong one
gives one clear warning naming it, and the build goes on with the default."""

from __future__ import annotations

import io
import re
import shutil

import pytest

from conftest import ROOTS, html, sphinx_build

WRONG = {
    "portfolio_owner": (42, "must be a list or tuple, not int"),
    "portfolio_profile": (5, "must be a str, not int"),
    "portfolio_author_notes": ({"equal": "*"}, "'equal' must map to [marker, legend]"),
    "portfolio_link_labels": ({"url": 3}, "keys and values must be strings"),
    "portfolio_type_groups": ([["Journal Articles", "article"]],
                              "each item must be [heading, [entry types]]"),
    "portfolio_publications_page": ("idnex", "names no page (did you mean 'index'?)"),
}


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("publications", confoverrides={
        name: value for name, (value, _) in WRONG.items()})


@pytest.mark.parametrize("name", list(WRONG))
def test_wrong_value_gives_one_warning(built, name):
    value, words = WRONG[name]
    warnings = built.warning.getvalue()
    pattern = (rf"WARNING: config value {name} = {re.escape(repr(value))} [^\n]*"
               rf"{re.escape(words)}[^\n]*\[portfolio\.config\]")
    assert len(re.findall(pattern, warnings)) == 1, warnings
    assert len(re.findall(rf"\b{name}\b", warnings)) == 1, warnings


def test_build_goes_on_with_the_defaults(built):
    assert "Traceback" not in built.warning.getvalue()
    assert html(built).select("li.pub")


def test_every_option_has_type_default_and_description(built):
    options = {name: opt for name, opt in built.config.values.items()
               if name.startswith("portfolio_")}
    assert set(WRONG) <= set(options)
    for name, option in options.items():
        assert option.valid_types, name
        assert len(option.description) > 20, name
        assert option.default is not None, name


@pytest.mark.parametrize(("value", "words"), [
    (42, "must be a list or tuple, not int"),
    ("refs.bib", "must be a list or tuple, not str"),
    ([None], "every item must be a string"),
])
def test_wrong_bibfiles_value_is_one_warning_and_no_traceback(build_root, value, words):
    app = build_root("publications", confoverrides={"bibtex_bibfiles": value})
    warnings = app.warning.getvalue()
    assert re.search(rf"conf\.py:: WARNING: config value bibtex_bibfiles = {re.escape(repr(value))}"
                     rf" {re.escape(words)}; using the default \[\] \[portfolio\.config\]",
                     warnings), warnings
    assert "Traceback" not in warnings


def test_a_page_that_is_a_folder_or_a_dangling_link(tmp_path):
    """Sphinx reports such pages (it cannot read them); nothing breaks and check goes on."""


    from portfolio.cli.main import main

    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-publications", site)
    (site / "folder.md").mkdir()
    (site / "dangling.md").symlink_to(tmp_path / "no-such-page.md")
    build = sphinx_build(["-q", str(site), str(tmp_path / "out")], site)
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", str(site)], out, err) == 1  # the site's own data problems
    assert "Traceback" not in out.getvalue() + err.getvalue()
