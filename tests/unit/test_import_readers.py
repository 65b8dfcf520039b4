"""How the importers read what people write by hand: author lists, citation strings, list
items, dates, headings, the owner's name, TeX and math (pure functions, made-up inputs)."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from portfolio.importers import ImportedSite
from portfolio.importers.academicpages import _legends, section_kind
from portfolio.importers.authors import read_authors
from portfolio.importers.bibtex import Keys, citation_key, escape, escape_title
from portfolio.importers.citations import (
    authors_in_citation,
    item_parts,
    read_date,
    split_citation,
    venue_details,
)
from portfolio.importers.markdown_lists import blocks, sections
from portfolio.importers.marks import note_marks
from portfolio.model import Author
from portfolio.text.latex import latex_to_text, math_parts
from portfolio.text.names import is_owner, owner_spellings, parse_name

OWNER = ("Ada", "Example")


def names(text: str, owner=()) -> list[str] | None:
    found = read_authors(text, owner)
    return None if found is None else found.names


@pytest.mark.parametrize("text, expected", [
    ("Example, A. B., Sample, B., & Placeholder, C. (2021)",  # APA
     ["Example, A. B.", "Sample, B.", "Placeholder, C."]),
    ("Example, Ada, Bo Sample, and Cy Placeholder", ["Example, Ada", "Bo Sample", "Cy Placeholder"]),
    ("Example, Ada, et al.", ["Example, Ada", "others"]),  # MLA / Google Scholar
    ("A. Example, B. Sample, and C. Placeholder", ["A. Example", "B. Sample", "C. Placeholder"]),
    ("Ada Example and Bo Sample", ["Ada Example", "Bo Sample"]),
    ("Ada M&uuml;ller, Bo Sample", ["Ada Müller", "Bo Sample"]),  # HTML entities
    ("Ada Cant\\\"urk, Bo Sample", ["Ada Cantürk", "Bo Sample"]),  # LaTeX accents
])
def test_author_lists_in_each_style(text, expected):
    assert names(text) == expected


def test_surname_given_pairs_follow_the_owners_own_spelling():
    assert names("Example, Ada, Sample, Bo", OWNER) == ["Example, Ada", "Sample, Bo"]
    assert names("Example, Sample, Placeholder") == ["Example", "Sample", "Placeholder"]


@pytest.mark.parametrize("text", [
    "Journal of Examples, vol. 9, no. 1, pp. 1-7",
    "Proceedings of the Example Conference, 2021",
    "A. Example, In Example Workshop",
    "Learning to Sketch Placeholder Systems",
])
def test_text_that_is_not_names_is_no_author_list(text):
    assert read_authors(text) is None


def test_owner_marks_and_author_notes():
    found = read_authors("<b>Ada Example</b><sup>&dagger;</sup>, **Bo Sample**\\*, "
                         "<u>Cy Placeholder</u>$^{*}$, Di Dummy (co-first author)")
    assert found.names == ["Ada Example", "Bo Sample", "Cy Placeholder", "Di Dummy"]
    assert found.owner_marked == ["Ada Example", "Bo Sample", "Cy Placeholder"]
    assert found.annotation() == "1=corresponding; 2=equal; 3=equal; 4=equal"
    # One note per mark: a site that tells its marks apart keeps them apart.
    assert read_authors("Ada Example‡, Bo Sample#, Cy Placeholder§").annotation() == \
        "1=ddagger; 2=hash; 3=section"


@pytest.mark.parametrize("citation", [
    'Example, A., & Sample, B. (2021). Tides of example data. Journal of Examples, 3(1), 1-9.',
    'Example, Ada, and Bo Sample. "Tides of Example Data." Journal of Examples 3 (2021).',
    'A. Example and B. Sample, "Tides of example data," J. Examples, vol. 3, no. 1, pp. 1-9, 2021.',
    '<b>Ada Example</b>, Bo Sample. &quot;Tides of Example Data.&quot; <i>J. Examples</i>, 2021.',
])
def test_authors_of_a_citation_string_in_each_style(citation):
    found, _ = authors_in_citation(citation, "Tides of Example Data")
    assert [n.split(",")[0].split()[-1] for n in found.names] == ["Example", "Sample"]


def test_authors_then_the_venue_in_italics():
    found, _ = authors_in_citation("A. Example*, B. Sample, and <b>C. Placeholder</b>, "
                                   "<i>Journal of Examples</i>, vol. 9, no. 1, pp. 1-7, 2018",
                                   "A title that the citation leaves out")
    assert found.names == ["A. Example", "B. Sample", "C. Placeholder"]


def test_a_citation_without_names_gives_no_authors():
    found, seen = authors_in_citation("Journal of Examples, vol. 9, 2018", "Some Title Here")
    assert found is None and seen


@pytest.mark.parametrize("lines, title, authors, venue", [
    (["[Tides of Example Data](https://example.org/t) <br>", "**Ada Example**, Bo Sample",
      "EXC 2024"], "Tides of Example Data", ["Ada Example", "Bo Sample"], "EXC 2024"),
    (["**Ada Example**, Bo Sample.", "*Tides of Example Data.*", "**EXC 2024**"],  # authors first
     "Tides of Example Data", ["Ada Example", "Bo Sample"], "**EXC 2024**"),
    (["“Tides of Example Data”", "Ada Example, Bo Sample", "EXC 2024"],  # quoted
     "Tides of Example Data", ["Ada Example", "Bo Sample"], "EXC 2024"),
    (["**EXC 2024 | Tides of Example Data**", "Ada Example, Bo Sample"],  # venue first
     "Tides of Example Data", ["Ada Example", "Bo Sample"], "EXC 2024"),
    (["Tides of Example Data", "Ada Example, Bo Sample. Journal of Examples, 2024"],
     "Tides of Example Data", ["Ada Example", "Bo Sample"], "Journal of Examples, 2024"),
])
def test_list_item_lines_get_their_roles(lines, title, authors, venue):
    parts, _, venue_at = item_parts(lines, OWNER)
    assert parts.title == title
    assert parts.authors.names == authors
    assert venue in parts.venue


@pytest.mark.parametrize("line, title", [
    ('Ada Example and Bo Sample. "Tides of Example Data." EXC, 2024.', "Tides of Example Data"),
    ("Ada Example, Bo Sample. Tides of Example Data. EXC, 2024.", "Tides of Example Data"),
    ("**Ada Example**, Bo Sample (2024). Tides of Example Data. EXC.", "Tides of Example Data"),
    ("[Tides of Example Data](https://example.org/t), Ada Example, Bo Sample. EXC 2024",
     "Tides of Example Data"),
])
def test_one_line_items(line, title):
    parts = split_citation(line, OWNER)
    assert parts.title == title
    assert "Ada Example" in parts.authors.names


def _blocks(text: str):
    section = sections(text, 1)[1]
    return [[t for _, t in b.lines] for b in blocks(section)]


@pytest.mark.parametrize("text", [
    "## Papers\n- Tides of Data<br>\n  Ada Example, Bo Sample<br>\n  EXC 2024\n",  # <br>
    "## Papers\n- Tides of Data  \n  Ada Example, Bo Sample  \n  EXC 2024\n",  # two spaces
    "## Papers\n- Tides of Data\\\nAda Example, Bo Sample\\\nEXC 2024\n",  # backslash, lazy
    "## Papers\n- Tides of Data\n  - Ada Example, Bo Sample\n  - EXC 2024\n",  # nested items
    "## Papers\n- Tides of Data\n  > Ada Example, Bo Sample\n  > EXC 2024\n",  # quote lines
    "## Papers\n\nTides of Data<br>\nAda Example, Bo Sample<br>\nEXC 2024\n",  # a paragraph
    "## Papers\n\n<p>Tides of Data<br>\nAda Example, Bo Sample<br>\nEXC 2024</p>\n",  # HTML <p>
])
def test_item_lines_split_as_written(text):
    assert _blocks(text) == [["Tides of Data", "Ada Example, Bo Sample", "EXC 2024"]]


def test_setext_headings_and_levels():
    parts = sections("Intro\n\nPublications & Preprints\n======\n\n## Topic\n- x\n", 1)
    assert [(s.title, s.level) for s in parts[1:]] == [("Publications & Preprints", 1),
                                                       ("Topic", 2)]


@pytest.mark.parametrize("title, kind", [
    ("📝 Publications", "publications"), ("Publications & Preprints", "publications"),
    ("Selected Papers", "publications"), ("Preprints", "publications"),
    ("Journal Articles", "publications"), ("**Publications**", "publications"),
    ("Invited Talks", ""), ("Paper Reviewing", ""), ("News", ""), ("Teaching", "teaching"),
])
def test_headings_that_mean_publications(title, kind):
    assert section_kind(title) == kind


@pytest.mark.parametrize("value, expected", [
    ("2022-10-09", ("2022", 10)), ("10/09/2022", ("2022", 10)), ("09-10-2022", ("2022", 10)),
    ("2022", ("2022", None)), ("October 2022", ("2022", 10)), ("Oct. 9, 2022", ("2022", 10)),
    ("", (None, None)),
])
def test_dates_as_people_write_them(value, expected):
    assert read_date(value) == expected


def test_colliding_keys_take_the_next_free_suffix():
    keys = Keys()
    made = [citation_key("Ada Example", 2020, "Paper", keys) for _ in range(30)]
    assert len(set(made)) == 30 and made[:3] == ["example2020paper", "example2020papera",
                                                  "example2020paperb"]


@pytest.mark.parametrize("written, spellings", [
    ("Dr. Ada Example", ["Ada Example"]),
    ("Ada Example, Ph.D.", ["Ada Example"]),
    ("Ada (Addie) Example", ["Ada Example", "Addie Example"]),
    ('Ada "Addie" Example', ["Ada Example", "Addie Example"]),
    ("Ada Example (艾达)", ["Ada Example", "艾达"]),
    ("Ada Example | 艾达", ["Ada Example", "艾达"]),
])
def test_owner_names_as_written_in_settings(written, spellings):
    assert owner_spellings(written) == spellings


@pytest.mark.parametrize("owner, first, last", [
    ("Ada EXAMPLE", "Ada", "Example"),  # upper-case family name
    ("Ada B. Example", "A. B.", "Example"),  # middle name abbreviated
    ("Ada Bea Example", "AB", "Example"),  # initials written together
    ("Ada Grand Example", "A.", "Grand Example"),  # a surname of two words
    ("Prof. Ada Example, PhD", "Ada", "Example"),
])
def test_owner_matches_the_spelling_in_papers(owner, first, last):
    assert is_owner(Author(f"{first} {last}", first, last), [parse_name(owner)])


@pytest.mark.parametrize("value, text", [
    ("{\\TeX} and \\LaTeX{} and \\TeX\\ users", "TeX and LaTeX and TeX users"),
    ("Der {\\textbackslash}year", "Der \\year"),
    ("Tips \\& Tricks~Here", "Tips & Tricks Here"),
])
def test_tex_as_tex_users_write_it(value, text):
    assert latex_to_text(value) == text


def test_math_parts_keep_the_tex_and_a_plain_form():
    assert math_parts("V$^{2}$-SfM") == (("V", ""), ("²", "^{2}"), ("-SfM", ""))
    assert latex_to_text("$\\Delta$-DiT in \\(\\tilde{O}(\\sqrt{m})\\)") == "Δ-DiT in Õ(√m)"
    assert math_parts("No math, 5 \\$ only") == ()


@pytest.mark.parametrize("line, legends", [
    ("_* indicates equal contribution_", [("*", "indicates equal contribution")]),
    ('<span style="x">($^*$ equal contribution; $^{\\dagger}$ project lead)</span>',
     [("*", "equal contribution"), ("†", "project lead")]),
    ("(* : Corresponding author)", [("*", "Corresponding author")]),
    ("**Bold** words", []), ("*An aside* in italics", []),
])
def test_lines_that_explain_the_marks(line, legends):
    assert _legends(line) == legends


def test_venue_details_become_fields():
    assert venue_details("Journal of Examples (JEx), Vol 44, No. 10, pp. 1001 - 1023, Oct.") == (
        "Journal of Examples (JEx)", {"volume": "44", "number": "10", "pages": "1001--1023",
                                      "month": "10"})


def test_an_emphasised_venue_after_the_authors_is_not_the_title():
    parts, title_at, _ = item_parts(["Tides of Example Data. [[PDF](https://example.org/t)]",
                                     "**Ada Example**, Bo Sample", "**Journal of Examples**"],
                                    OWNER)
    assert (parts.title, title_at) == ("Tides of Example Data", 0)


def test_research_topics_are_not_publications():
    assert section_kind("Research topics") == "" and section_kind("Research") == "publications"


def test_math_with_escaped_grouping_braces():
    value = "Ranks in \\(\\tilde\\{O\\}\\left(\\min\\\\{d_t, \\sqrt\\{m\\}\\\\}\\right)\\) Time"
    assert math_parts(value)[1][1] == "\\tilde{O}\\left(\\min\\{d_t, \\sqrt{m}\\}\\right)"
    assert latex_to_text(value) == "Ranks in Õ(min{dₜ, √m}) Time"


@pytest.mark.parametrize("text, expected, shown", [
    ("Nested {A} braces", "Nested {A} braces", "Nested A braces"),
    ("Out of order }{ braces", "Out of order \\textbraceright{}\\textbraceleft{} braces",
     "Out of order }{ braces"),
    ("A trailing backslash \\", "A trailing backslash \\textbackslash{}", "A trailing backslash \\"),
    ("50% & $5", "50\\% \\& \\$5", "50% & $5"),
])
def test_escaped_text_is_always_a_valid_bibtex_value(text, expected, shown):
    assert escape(text) == expected
    entry = parse_string(f"@misc{{k, title = {{{escape(text)}}}}}", "bibtex").entries["k"]
    assert latex_to_text(entry.fields["title"]) == shown


def test_math_in_a_title_from_a_page_is_kept_as_math():
    assert escape_title("RD$^2$: Reward & Return in \\(\\tilde{O}(n)\\)") == \
        "RD$^2$: Reward \\& Return in \\(\\tilde{O}(n)\\)"


def test_a_mark_the_old_site_does_not_explain_gets_no_legend():
    site = ImportedSite()
    site.settings["portfolio_author_notes"] = {"equal": ["*", "indicates equal contribution"]}
    note_marks(site, ["1=equal; 2=corresponding", "3=first", "1=equal,corresponding"], "p.md")
    assert site.settings["portfolio_author_notes"] == {
        "equal": ["*", "indicates equal contribution"],  # the page's own words
        "corresponding": ["†", ""]}  # shown, not explained; "first" has no mark of its own
    assert [p.message for p in site.notices] == [
        "the old site does not say what † after author names mean, so the site shows them "
        "without a legend; write their meaning in portfolio_author_notes in conf.py"]
    explained = ImportedSite(settings={"portfolio_author_notes": {"equal": ["*", "equal"]}})
    note_marks(explained, ["1=equal", "2=first"], "p.md")  # every mark explained: as it was
    assert explained.settings == {"portfolio_author_notes": {"equal": ["*", "equal"]}}
    assert explained.notices == []
