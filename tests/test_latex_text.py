"""LaTeX in BibTeX values reads as Unicode text, decoded piece by piece (see portfolio.text.latex)."""

from __future__ import annotations

import pytest

from conftest import text


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
    # "\ss x" is "ßx" in LaTeX (the space ends the command); "\c c" is "ç"; math stays whole.
    assert "A ßx Test with ç and $O(n \\log n)$ Sorting Networks" in page
