"""Pure parts of the look: numbered labels, a journal article's volume and pages, a paper's
award as a CV line, the short labels of contact links, and the count of headings that decides
the contents rail."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from portfolio.extension.directives.cv import paper_award
from portfolio.model import Author, Publication
from portfolio.render.publications import (
    Output,
    Style,
    number_prefixes,
    publication_list,
)
from portfolio.render.record_lists import short_label
from portfolio.web.theme import _subsections


def pub(key: str, year: int, entry_type: str = "inproceedings", venue: str = "Conference on "
        "Testing (ConfT)", **fields: str) -> Publication:
    return Publication(key=key, entry_type=entry_type, title=f"Title of {key}",
                       authors=(Author("Ada Example", "Ada", "Example"),), year=year, month=None,
                       venue=venue, venue_short="ConfT" if "ConfT" in venue else venue,
                       short_title=key.capitalize(), fields=dict(fields))


STYLE = Style(owner=(), author_notes={})


def labels(rendered: list[nodes.Node]) -> list[str]:
    return [n.astext() for part in rendered for n in part.findall(nodes.inline)
            if "pub-number" in n["classes"]]


def test_labels_count_down_in_each_group_so_they_stay_as_papers_are_added():
    groups = [("Journal Articles", [pub("j2", 2024, "article"), pub("j1", 2020, "article")]),
              ("Conference Papers", [pub("c3", 2025), pub("c2", 2023), pub("c1", 2021)])]
    prefixes = number_prefixes([h for h, _ in groups], {"Journal Articles": "J-"})
    assert prefixes == {"Journal Articles": "J-", "Conference Papers": "C"}
    rendered = publication_list(groups, STYLE, {}, labels=prefixes, descending=True)
    assert labels(rendered) == ["J-2", "J-1", "C3", "C2", "C1"]
    assert [n["classes"] for n in rendered if isinstance(n, nodes.container)] == [
        ["pub-labelled"], ["pub-labelled"]]
    # Oldest first: counting up.
    rendered = publication_list([("Conference Papers", [pub("c1", 2021), pub("c2", 2023)])],
                                STYLE, {}, labels={"Conference Papers": "C"})
    assert labels(rendered) == ["C1", "C2"]
    # The label starts the entry's first line, and text output reads "C1 Title of c1".
    first = rendered[1].next_node(nodes.line)
    assert first.astext() == "C1 Title of c1"


@pytest.mark.parametrize(("fields", "shown"), [
    ({"volume": "12", "number": "3", "pages": "45--67"}, "Journal of Examples, 12(3):45–67, 2024"),
    ({"volume": "12"}, "Journal of Examples, 12, 2024"),
    ({"pages": "45--67"}, "Journal of Examples, pp. 45–67, 2024"),
    ({"number": "3", "pages": "7"}, "Journal of Examples, no. 3, pp. 7, 2024"),
    ({}, "Journal of Examples, 2024"),
])
def test_journal_articles_show_volume_number_and_pages(fields, shown):
    article = pub("j", 2024, "article", "Journal of Examples", **fields)
    rendered = publication_list([("", [article])], STYLE, {}, output=Output())
    venue = next(n for part in rendered for n in part.findall(nodes.inline)
                 if "pub-venue-name" in n["classes"])
    assert venue.astext() == shown


def test_conference_papers_leave_pages_out():
    paper = pub("c", 2024, volume="1", pages="1--10")
    rendered = publication_list([("", [paper])], STYLE, {})
    assert "1–10" not in rendered[0].astext()


@pytest.mark.parametrize(("award", "venue", "line"), [
    ("EuroSys Best Paper Award", "ACM European Conference on Computer Systems (EuroSys)",
     "Best Paper Award, EuroSys 2025, for Paper"),
    ("SRC JUMP 2.0 Best Paper Award", "USENIX Symposium on Operating Systems Design and "
     "Implementation (OSDI)", "SRC JUMP 2.0 Best Paper Award, OSDI 2025, for Paper"),
    ("Best Poster", "arXiv preprint", "Best Poster, 2025, for Paper"),
])
def test_paper_awards_name_their_venue(award, venue, line):
    paper = pub("paper", 2025, venue=venue)
    short = venue[venue.rindex("(") + 1:-1] if "(" in venue else venue
    paper = Publication(**{**paper.__dict__, "venue_short": short})
    entry = paper_award(paper, award)
    assert f"{entry.title}, {entry.where}" == line and entry.dates == ""


@pytest.mark.parametrize(("kind", "url", "label", "shown"), [
    ("email", "mailto:ada@example.org", "Email", "ada@example.org"),
    ("website", "https://www.example.org/", "Website", "example.org"),
    ("github", "https://github.com/ada-example", "GitHub", "ada-example"),
    ("scholar", "https://scholar.google.com/citations?user=abc&hl=en", "Google Scholar",
     "Google Scholar"),
    ("orcid", "https://orcid.org/0000-0002-1825-0097", "ORCID", "0000-0002-1825-0097"),
    ("linkedin", "https://www.linkedin.com/in/ada/", "LinkedIn", "ada"),
    ("x", "https://x.com/ada", "X", "@ada"),
    ("bluesky", "https://bsky.app/profile/ada.example.org", "Bluesky", "@ada.example.org"),
    ("mastodon", "https://sigmoid.social/@ada", "Mastodon", "@ada@sigmoid.social"),
    ("dblp", "https://dblp.org/pid/12/3456.html", "DBLP", "DBLP"),
    ("github", "https://github.com/", "GitHub", "GitHub"),
])
def test_contact_links_get_short_labels(kind, url, label, shown):
    assert short_label(kind, url, label) == shown


def test_a_label_leaves_the_title_its_own():
    rendered = publication_list([("Conference Papers", [pub("c1", 2021)])], STYLE, {},
                                labels={"Conference Papers": "C"})
    line = rendered[1].next_node(nodes.line)
    assert line["classes"] == ["pub-title-line"]
    title = [n for n in line.findall(nodes.inline) if "pub-title" in n["classes"]]
    assert [t.astext() for t in title] == ["Title of c1"]


def test_sections_inside_sections_are_counted_at_every_depth():
    """The contents rail counts sections within sections, without walking the page's body."""
    text = "\n".join(f"{title}\n{mark * len(title)}\n\n- text\n" for title, mark in (
        ("Top", "="), ("A", "-"), ("A1", "~"), ("A2", "~"), ("B", "-"), ("B1", "~")))
    document = new_document("<test>", get_default_settings(Parser))
    Parser().parse(text, document)
    inner = [s for s in document.findall(nodes.section) if isinstance(s.parent, nodes.section)]
    assert _subsections(document) == len(inner) == 5
