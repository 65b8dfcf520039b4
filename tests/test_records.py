"""The teaching and service directives, from their YAML files."""

from __future__ import annotations

import pytest

from conftest import html, text


@pytest.fixture(scope="module")
def built(build_root):
    return build_root("records")


def test_teaching(built):
    soup = html(built)
    items = soup.select(".teaching-list > li")
    assert [i.select_one(".teaching-title").get_text() for i in items] == [
        "Stanford CS 244: Advanced Topics in Networking", "Reading Group"]
    assert items[0].select_one("a")["href"] == "https://example.org/cs244"
    assert items[0].select_one(".teaching-role").get_text() == "Course Assistant, Spring 2024"
    assert items[1].select_one(".teaching-role").get_text() == "2023"
    note = items[0].select_one(".teaching-note")
    assert note.get_text() == "Taught the lab sessions."
    assert note.a["href"] == "https://example.org/lab"


def test_service(built):
    lists = html(built).select(".service-list")
    lines = [li.get_text() for li in lists[0].select("li")]
    assert lines == ["Program Committee: EuroSys 2025 (Shadow PC)",
                     "Reviewer: NeurIPS 2024, ICLR 2025, ICML 2025",
                     "Mentoring Program: 2022, 2023", "Chair"]
    links = [(a.get_text(), a["href"]) for a in lists[0].select("a")]
    assert links == [("ICLR 2025", "https://iclr.cc/"), ("ICML 2025", "https://icml.cc/")]


def test_service_from_argument(built):
    lists = html(built).select(".service-list")
    assert [li.get_text() for li in lists[1].select("li")] == ["Other Role: Somewhere 2020"]


def test_no_warnings(built):
    assert "WARNING" not in built.warning.getvalue()


def test_text_builder(build_root):
    out = text(build_root("records", "text"))
    assert "Stanford CS 244: Advanced Topics in Networking\n     Course Assistant, Spring 2024" in out
    assert "* Program Committee: EuroSys 2025 (Shadow PC)" in out
