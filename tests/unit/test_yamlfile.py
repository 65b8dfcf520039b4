"""The YAML loader: plain values with the line of each, text keys, budgets, schema problems."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portfolio.data import yamlfile
from portfolio.data.yamlfile import MAX_REPORTED, parse_yaml, schema, validate

PATH = Path("data.yaml")


def load(text: str):
    return parse_yaml(text, PATH)


def messages(data) -> list[tuple[int | None, str]]:
    return [(p.location.line, p.message) for p in data.problems]


def test_values_and_their_lines():
    data = load("# service\n- role: Reviewer\n  items:\n    - NeurIPS 2024\n"
                "    - name: ICML\n      year: 2025\n- role: Chair\n  items: [A, {name: B}]\n")
    assert data.value == [
        {"role": "Reviewer", "items": ["NeurIPS 2024", {"name": "ICML", "year": 2025}]},
        {"role": "Chair", "items": ["A", {"name": "B"}]},
    ]
    assert data.problems == []
    assert data.location(0).line == 2
    assert data.location(0, "items").line == 4
    assert data.location(0, "items", 1, "year").line == 6
    assert data.location(1, "items", 1, "name").line == 8
    assert data.location(1, "items", 7).line == 8  # no such value: its parent's line


def test_scalars_read_as_yaml_reads_them():
    data = load("a: 12\nb: 1.5\nc: yes\nd: ~\ne: 2024-03-01\nf: '2024-03-01'\ng: \"12\"\n"
                "h: !!str 12\ni: 2024-03-01 10:30:00\nj: plain text\n")
    assert data.value == {"a": 12, "b": 1.5, "c": True, "d": None, "e": "2024-03-01",
                          "f": "2024-03-01", "g": "12", "h": "12", "i": "2024-03-01T10:30:00",
                          "j": "plain text"}


def test_characters_no_page_may_hold_are_dropped():
    # YAML refuses them written as they are; escapes in double quotes make them.
    data = load('"Bell\\x07 key": "Bell\\x07 \\x0b and \\uFFFE"\nplain: \'a\\x07\'\n'
                'tagged: !!str "b\\x1b"\n')
    assert data.value == {"Bell key": "Bell  and ", "plain": "a\\x07", "tagged": "b"}


def test_keys_are_text_as_written():
    data = load("2024: a\n2024-01-31: b\ntrue: c\nnull: d\n~: e\n1.50: f\n? \n: g\n'x': h\n")
    assert data.value == {"2024": "a", "2024-01-31": "b", "true": "c", "null": "d", "~": "e",
                          "1.50": "f", "": "g", "x": "h"}
    assert data.location("true").line == 3
    assert all(isinstance(key, str) for key in data.value)


def test_aliases_share_the_anchored_value_and_merge_keys_work():
    data = load("base: &base {url: https://a.example, color: red}\n"
                "x:\n  <<: *base\n  color: blue\n"
                "y:\n  <<: [*base, {color: green, extra: 1}]\n"
                "names: &names [a, b]\nz: *names\nk: &k key\n*k : aliased key\n")
    assert data.value["x"] == {"url": "https://a.example", "color": "blue"}
    assert data.value["y"] == {"url": "https://a.example", "color": "red", "extra": 1}
    assert data.value["z"] == ["a", "b"]
    assert data.value["key"] == "aliased key"
    assert data.location("z").line == 8
    assert data.location("z", 1).line == 8  # inside an alias: the alias's line


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi")),
     7, "the file expands to more than 2,000,000 values (aliases included)"),
    ("a: " + "[" * 100 + "]" * 100 + "\n", 1, "values are nested deeper than 64 levels"),
    ("a: " + "[" * 5_000 + "]" * 5_000 + "\n", 1, "values are nested deeper than 64 levels"),
    ("a:\n  b: " + "x" * 100_001 + "\n", 2, "a value is 100,001 characters long"),
    ("- !!python/object/apply:os.system ['echo hacked']\n", 1,
     "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("a: !!python/name:os.system\n", 1, "could not determine a constructor for the tag"),
    ("a: &a [1, *a]\n", 1, "the alias *a is inside the value it names (a loop)"),
    ("a: 1\nb: *nowhere\n", 2, "found undefined alias 'nowhere'"),
    ("a: &x 1\nb: &x 2\n", 2, "found duplicate anchor 'x'"),
    ("a: 1\n---\nb: 2\n", 2, "a second document starts here"),
    ("? [a, b]\n: 1\n", 1, "a mapping key must be a plain value"),
    ("a: &m {x: 1}\n*m : 2\n", 2, "a mapping key must be a plain value"),
    ("a:\n  <<: 5\n", 2, "<< must name a mapping or a list of mappings"),
    ("a: 2024-13-45\n", 1, "'2024-13-45' is not a real date (month must be in 1..12)"),
    ("a: [1, 2\n", 2, "YAML syntax error"),
])
def test_refused_with_the_line(text, line, words):
    data = load(text)
    assert data.value is None
    assert len(data.problems) == 1
    problem = data.problems[0]
    assert (problem.location.line, problem.subtype) == (line, "yaml")
    assert words in problem.message
    assert "hacked" not in problem.message


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file(text):
    data = load(text)
    assert data.value is None
    assert [p.subtype for p in data.problems] == ["empty_file"]


def test_a_document_that_is_null_is_not_empty():
    data = load("~\n")
    assert data.value is None and data.problems == []


def test_schema_problems_in_the_files_order_with_lines():
    data = load("".join(f"- role: Role {n}\n  items: [A]\n" for n in range(12))
                + "- role: Bad\n  itmes: [B]\n- role: Worse\n  items:\n    - name: C\n"
                  "      yaer: 2024\n")
    invalid = validate(data, schema("service"))
    assert {path[0] for path in invalid} == {12, 13}
    assert messages(data) == [
        (25, "unknown field 'itmes' (did you mean 'items'?) at item 13; "
             "allowed fields: role, items, section"),
        (29, "unknown field 'yaer' (did you mean 'year'?) at item 14 > items > item 1; "
             "allowed fields: name, year, detail, url"),
    ]


def test_problems_past_the_limit_are_counted(monkeypatch):
    bad = 3 * MAX_REPORTED
    data = load("".join(f"- role: Role {n}\n  itmes: [A]\n" for n in range(bad))
                + "- role: Fine\n")
    invalid = validate(data, schema("service"))
    assert {path[0] for path in invalid} == set(range(bad))
    told = messages(data)
    assert len(told) == MAX_REPORTED + 1
    assert told[0][0] == 1 and told[MAX_REPORTED - 1][0] == 2 * MAX_REPORTED - 1
    assert told[-1] == (2 * MAX_REPORTED + 1, f"{2 * MAX_REPORTED:,} more items break the file's "
                        "schema and are left out too; fix the problems above and build again "
                        "to see theirs")


def test_entries_keyed_by_names_checked_one_by_one():
    data = load("NeurIPS: {url: https://neurips.cc}\n2024: {colour: red}\ntrue: 5\n")
    invalid = validate(data, schema("venues"))
    assert {path[0] for path in invalid} == {"2024", "true"}
    assert messages(data) == [
        (2, "unknown field 'colour' (did you mean 'color'?) at 2024; allowed fields: url, color"),
        (3, "true must be an object, not an integer"),
    ]


@pytest.mark.parametrize("kind, text, kind_of_top", [
    ("profile", "- name: A\n", "an object, not an array"),  # no parts: the schema as a whole
    ("service", "role: x\n", "an array, not an object"),  # items checked one by one
    ("venues", "- NeurIPS\n", "an object, not an array"),  # entries checked one by one
])
def test_the_top_level_is_checked_in_every_kind_of_file(kind, text, kind_of_top):
    data = load(text)
    assert validate(data, schema(kind)) == [()]
    assert messages(data) == [(1, f"the top level must be {kind_of_top}")]


def test_a_valid_file_is_checked_without_importing_jsonschema():
    # jsonschema only describes errors; importing it costs every build a tenth of a second.
    code = ("import sys; from pathlib import Path\n"
            "from portfolio.data.yamlfile import parse_yaml, schema, validate\n"
            "for kind, text in [('service', '- role: R\\n  items: [A]\\n'),\n"
            "                   ('profile', 'name: A\\n'), ('venues', 'ICML: {url: x}\\n')]:\n"
            "    data = parse_yaml(text, Path('d.yaml'))\n"
            "    assert validate(data, schema(kind)) == [] and not data.problems, kind\n"
            "print('jsonschema' in sys.modules)\n"
            "data = parse_yaml('- role: R\\n  itmes: [A]\\n', Path('d.yaml'))\n"
            "assert validate(data, schema('service')) == [(0,)]\n"
            "print('jsonschema' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True"]


def test_loader_is_libyaml_when_installed():
    # The speed of large files depends on it; PyYAML's wheels include it.
    import yaml

    assert yamlfile._Loader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
