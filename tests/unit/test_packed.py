"""Data saved packed (portfolio.data.packed): unpickled only when first used, saved again
unchanged until then, and saved from its current values once used."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, field

from portfolio.data.bibfile import parse_bibfiles
from portfolio.data.packed import Packed


@dataclass
class Data(Packed):
    packed_attributes = ("big",)

    big: dict[str, int] = field(default_factory=dict)
    small: str = ""


def test_the_packed_attributes_are_unpickled_when_first_used():
    data = pickle.loads(pickle.dumps(Data({"a": 1}, "s")))
    assert "big" not in vars(data) and data.small == "s"
    again = pickle.dumps(data)  # saved again without being unpacked
    assert "big" not in vars(data)
    assert data.big == {"a": 1} and "_packed" not in vars(data)
    assert pickle.loads(again).big == {"a": 1}


def test_a_used_object_is_saved_from_its_current_values():
    data = pickle.loads(pickle.dumps(Data({"a": 1})))
    data.big["b"] = 2
    assert pickle.loads(pickle.dumps(data)).big == {"a": 1, "b": 2}


def test_other_attributes_and_copies_leave_it_packed():
    data = pickle.loads(pickle.dumps(Data({"a": 1})))
    assert getattr(data, "missing", None) is None and not hasattr(data, "__deepcopy__")
    assert "_packed" in vars(data)
    assert copy.deepcopy(data).big == {"a": 1} and data == Data({"a": 1})


def test_pybtexs_database_is_saved_whole_and_shared(tmp_path):
    """The site's data and sphinxcontrib-bibtex's hold the same database: saved once."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{k, title = {T}, author = {Doe, Jane}}\n", "utf-8")
    database = parse_bibfiles([bib]).data
    both = pickle.loads(pickle.dumps((database, database)))
    assert both[0] is both[1] and "_packed" in vars(both[0])
    entry = both[0].entries["k"]
    assert entry.fields["title"] == "T" and str(entry.persons["author"][0]) == "Doe, Jane"
