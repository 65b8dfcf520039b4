"""The Troubleshooting page documents every warning type the extension can emit, and only those."""

from __future__ import annotations

import ast
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

PAGE = ROOT / "docs" / "template" / "troubleshooting.md"


def emitted_subtypes() -> set[str]:
    """Subtypes in the extension's code: ``subtype="x"`` in calls and defaults, and the
    subtype argument of ``Problem(...)`` and of local ``problem(...)`` helpers."""
    found = set()
    for path in (ROOT / "_ext" / "portfolio").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                found |= {k.value.value for k in node.keywords
                          if k.arg == "subtype" and isinstance(k.value, ast.Constant)}
                # Problem(message, location, subtype) and a local problem(message, subtype)
                position = {"Problem": 2, "problem": 1}.get(getattr(node.func, "id", None))
                if position is not None and len(node.args) > position:
                    if isinstance(node.args[position], ast.Constant):
                        found.add(node.args[position].value)
            elif isinstance(node, ast.arguments):
                names = [a.arg for a in node.kwonlyargs]
                found |= {d.value for name, d in zip(names, node.kw_defaults)
                          if name == "subtype" and isinstance(d, ast.Constant)}
    return found


def test_every_subtype_documented_and_no_other():
    documented = set(re.findall(r"^\| `portfolio\.(\w+)` \|", PAGE.read_text("utf-8"), re.M))
    emitted = emitted_subtypes()
    assert len(emitted) >= 15, emitted
    assert documented == emitted


def test_every_data_file_schema_documented():
    shipped = {p.stem for p in (ROOT / "_ext" / "portfolio" / "data" / "schemas").glob("*.json")}
    shown = set(re.findall(r"^```\{portfolio-schema\} (\w+)$", PAGE.read_text("utf-8"), re.M))
    assert shown == shipped


@pytest.mark.parametrize(("kind", "fields"), [
    ("profile", ["name", "name_variants", "links", "links.github"]),
    ("teaching", ["course", "term", "notes"]),
    ("service", ["role", "items", "items[].name", "items[].detail"]),
    ("venues", ["<key>", "<key>.url", "<key>.color"]),
])
def test_schema_tables_rendered_from_the_schemas(guide_site, kind, fields):
    soup = BeautifulSoup((guide_site / "_build" / "guide" / "troubleshooting.html")
                         .read_text("utf-8"), "html.parser")
    section = soup.find(id=f"{kind}-yaml")
    names = [td.get_text(strip=True) for td in section.select("tbody tr td:first-child")]
    assert set(fields) <= set(names), names
    required = {tr.select("td")[0].get_text(strip=True) for tr in section.select("tbody tr")
                if tr.select("td")[2].get_text(strip=True) == "yes"}
    assert required == {"profile": {"name"}, "teaching": {"course"},
                        "service": {"role", "items[].name"}, "venues": set()}[kind]
