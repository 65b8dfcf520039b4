"""Importing whole Jekyll sites (academicpages, al-folio) of a made-up researcher: the result
builds without warnings, shows the data, and the summary names what was left out, by line."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site
from portfolio.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures"


def imported_site(root: Path, kind: str, source: Path, build: bool = True) -> str:
    """``portfolio new`` + ``portfolio import``, then an html build with zero warnings."""
    out = io.StringIO()
    assert main(["new", str(root)], stdout=out) == 0
    summary = io.StringIO()
    assert main(["import", kind, str(source), "--into", str(root)], stdout=summary) == 0
    if not build:
        return summary.getvalue()
    result = build_site(root, "html")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return summary.getvalue()


def page(root: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((root / "_build/html" / f"{name}.html").read_text("utf-8"),
                         "html.parser")


def text(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.select_one("article").get_text())


@pytest.fixture(scope="module")
def academicpages(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("ap") / "site"
    return root, imported_site(root, "academicpages", FIXTURES / "academicpages-site")


@pytest.fixture(scope="module")
def alfolio(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("alfolio") / "site"
    return root, imported_site(root, "al-folio", FIXTURES / "alfolio-site")


def test_academicpages_publications_from_page_and_collection(academicpages):
    root, _ = academicpages
    soup = page(root, "publications")
    titles = [t.get_text(strip=True) for t in soup.select("li.pub .pub-title")]
    assert titles == ["Tides of Example Data", "Widgets for Everyone",
                      "Sketches of Placeholder Systems"]
    tides = soup.select("li.pub")[0]
    assert [a.get_text(strip=True) for a in tides.select("a.pub-link")] == \
        ["paper", "poster", "Code"]
    assert tides.select_one(".pub-award").get_text(strip=True) == "Best Paper Award"
    assert tides.select_one(".pub-authors").get_text(" ", strip=True).startswith("Ada Example")
    # an author's link in the old list is a co-author page here
    assert tides.select_one("a.pub-coauthor")["href"] == "https://example.org/bo"
    assert "Bo Sample: https://example.org/bo" in (root / "docs/_data/coauthors.yaml").read_text()
    # the list item that is not a publication stays on the page as text
    assert "An odd line that is not a publication" in text(soup)
    bib = (root / "refs.bib").read_text()
    assert "@article{example2024tides," in bib
    assert "author+an = {2=equal; 3=equal}" in bib
    assert "author    = {Example, A. and Sample, B.}" in bib


def test_academicpages_profile_talks_teaching(academicpages):
    root, _ = academicpages
    soup = page(root, "index")
    card = soup.select_one(".portfolio-profile")
    assert card.select_one(".portfolio-affiliation").get_text(strip=True) == "Example University"
    assert card.select_one(".portfolio-link-github a")["href"] == "https://github.com/ada-example"
    ref = soup.select_one(".pub-ref")
    assert ref.get_text(" ", strip=True) == "widgets paper [EXW 2023]"
    assert "Tides, explained, Example Seminar, Exampleville" in text(page(root, "talks"))
    assert "event: Example Seminar" in (root / "docs/_data/talks.yaml").read_text()
    assert "EX 101: Introduction to Examples" in text(page(root, "teaching"))
    assert "I collect example" in text(page(root, "hobbies"))


def reported(summary: str, *patterns: str) -> None:
    """Each pattern is a line of the import's summary (file, line and message)."""
    for pattern in patterns:
        assert re.search(pattern, summary), pattern


def test_academicpages_summary_names_each_loss(academicpages):
    _, summary = academicpages
    assert "3 publications, 1 talk, 1 course, 1 page" in summary
    reported(summary,
             r"about\.md:16: link label \[data\] has no address",
             r"about\.md:23: list item is not a publication",
             r"_config\.yml:15: author flickr: 'ada-photos' has no place",
             r"publications\.md:1: page publications\.md not converted",
             r"hobbies\.md:6: raw HTML kept as written",
             r"archive\.md:1: page archive\.md not converted: it is made by Liquid only",
             r"2022-fall-ex101\.md:12: hidden HTML comment not imported: "
             r"'Office hours moved to Fridays.'")


def test_alfolio_bibliography_used_as_is(alfolio):
    root, _ = alfolio
    source = (FIXTURES / "alfolio-site/_bibliography/papers.bib").read_text()
    assert (root / "refs.bib").read_text() == source
    soup = page(root, "publications")
    titles = [t.get_text(strip=True) for t in soup.select("li.pub .pub-title")]
    assert titles == ["Tides of Example Data: A Study in BibTeX", "Widgets for Everyone"]
    assert "Publications in reverse chronological order." in text(soup)


def test_alfolio_home_news_cv_profile(alfolio):
    root, _ = alfolio
    home = page(root, "index")
    assert "I study example data at Example University." in text(home)
    assert "A hidden remark" not in home.decode()
    assert [t.get_text(strip=True) for t in home.select("li.pub .pub-title")] == \
        ["Tides of Example Data: A Study in BibTeX"]
    card = home.select_one(".portfolio-profile")
    assert card.select_one(".portfolio-name").get_text(strip=True) == "Ada Example"
    assert card.select_one(".portfolio-link-orcid a")["href"] == \
        "https://orcid.org/0000-0000-0000-0000"
    news = text(page(root, "news"))
    assert news.index("2024-02-01") < news.index("2023-05-10")
    cv = text(page(root, "cv"))
    for words in ("Assistant Professor, Example University 2022–present",
                  "PhD in Example Studies, Sample Institute 2016–2022",
                  "Example Fellowship, Example Foundation 2020",
                  "Program Committee: Example Workshop 2023–present", "placeholders"):
        assert words in cv
    # the CV's records are this site's data files, shown by the CV directives
    assert "- degree: PhD in Example Studies" in (root / "docs/_data/education.yaml").read_text()
    assert "organization: Example University" in (root / "docs/_data/positions.yaml").read_text()


def test_alfolio_summary_names_each_loss(alfolio):
    _, summary = alfolio
    reported(summary,
             r"socials\.yml:7: social link wechat_qr",
             r"alfolio-site/_projects: folder _projects/ \(1 file\) not imported",
             r"_pages/404\.html: page 404\.html not imported",
             r"_data/repositories\.yml: data file _data/repositories\.yml not imported",
             r"resume\.json: CV section 'skills' has no records here")


def test_alfolio_coauthors_venues_and_files(alfolio):
    root, _ = alfolio
    assert (root / "docs/_data/coauthors.yaml").read_text().splitlines()[1:] == [
        "Bo Sample: https://example.org/bo", "Cy Placeholder: https://example.org/cy"]
    soup = page(root, "publications")
    assert soup.select_one("a.pub-coauthor")["href"] == "https://example.org/bo"
    badge = soup.select_one(".pub-badge")
    assert badge["style"] == "--pub-badge-color: #00369f"
    assert badge.select_one("a")["href"] == "https://example.org/jts"
    # the preview of the old site is copied where the unchanged entry names it
    source = FIXTURES / "alfolio-site/assets/img/publication_preview/widgets.png"
    assert (root / "docs/widgets.png").read_bytes() == source.read_bytes()
    assert soup.select_one("img.pub-preview") is not None


def test_alfolio_cv_yml(tmp_path):
    source = tmp_path / "old"
    shutil.copytree(FIXTURES / "alfolio-site", source)
    (source / "assets/json/resume.json").unlink()
    (source / "_data/cv.yml").write_text(
        "- title: General Information\n  type: map\n  contents:\n"
        "    - {name: Full Name, value: Ada Example}\n"
        "- title: Education\n  type: time_table\n  contents:\n"
        "    - {title: PhD, institution: Sample Institute, year: 2016 - 2022,"
        " description: [Thesis on examples]}\n"
        "- title: Other\n  type: list\n  contents: [Likes placeholders]\n")
    root = tmp_path / "site"
    imported_site(root, "al-folio", source)
    cv = text(page(root, "cv"))
    for words in ("Full Name: Ada Example", "PhD, Sample Institute 2016 - 2022",
                  "Thesis on examples", "Likes placeholders"):
        assert words in cv
    assert "institution: Sample Institute" in (root / "docs/_data/education.yaml").read_text()


def test_import_never_overwrites_own_work(tmp_path):
    root = tmp_path / "site"
    assert main(["new", str(root)], stdout=io.StringIO()) == 0
    (root / "refs.bib").write_text("@misc{mine, title={Mine}, author={Me, I}, year={2020}}\n")
    err = io.StringIO()
    args = ["import", "academicpages", str(FIXTURES / "seed-about-2023-06.md"), "--into", str(root)]
    assert main(args, stdout=io.StringIO(), stderr=err) == 2
    assert "refs.bib" in err.getvalue() and "--force" in err.getvalue()
    assert "mine" in (root / "refs.bib").read_text()
    assert main([*args, "--force"], stdout=io.StringIO()) == 0
    assert "liu2024cachegen" in (root / "refs.bib").read_text()


def test_import_into_an_empty_folder_makes_the_site(tmp_path):
    root = tmp_path / "fresh"
    assert main(["import", "academicpages", str(FIXTURES / "seed-about-2023-06.md"),
                 "--into", str(root)], stdout=io.StringIO()) == 0
    assert (root / ".readthedocs.yaml").is_file() and (root / "conf.py").is_file()
    assert not (root / "docs/_data/teaching.yaml").read_text().count("Example Course")


def test_import_of_a_missing_path_is_a_usage_error(tmp_path):
    err = io.StringIO()
    assert main(["import", "al-folio", str(tmp_path / "nope")], stderr=err) == 2
    assert "does not exist" in err.getvalue()


def test_commented_out_publication_is_no_entry(tmp_path):
    about = tmp_path / "about.md"
    about.write_text("## Publications\n- Paper One<br />\n  **Ada Example**<br />\n"
                     "  Example Conference (EXC), 2024\n\n<!-- - Old Paper<br />\n"
                     "  **Ada Example**<br />\n  Old Workshop, 2019 -->\n")
    root = tmp_path / "site"
    summary = imported_site(root, "academicpages", about)
    assert "1 publication." in summary
    assert "about.md:6: HTML comment in the publications list kept, hidden" in summary
    assert "% - Old Paper<br />" in (root / "docs/publications.md").read_text()
    assert "Old Paper" not in (root / "_build/html/publications.html").read_text()


@pytest.mark.parametrize("kind", ["academicpages", "al-folio"])
def test_a_folder_with_nothing_to_import_is_a_usage_error(tmp_path, kind):
    (tmp_path / "old").mkdir()
    err = io.StringIO()
    assert main(["import", kind, str(tmp_path / "old"), "--into", str(tmp_path / "site")],
                stdout=io.StringIO(), stderr=err) == 2
    assert "nothing to import was found" in err.getvalue()
    assert not (tmp_path / "site").exists()


def test_a_page_that_is_not_utf8_is_read_and_reported(tmp_path):
    about = tmp_path / "about.md"
    about.write_bytes("## Publications\n- Caf\xe9 Systems<br />\n  **Ada Example**<br />\n"
                      "  Journal of Examples, 2020\n".encode("cp1252"))
    root = tmp_path / "site"
    summary = imported_site(root, "academicpages", about, build=False)
    assert "about.md:2: this file is not UTF-8 and was read as Windows-1252" in summary
    assert "title   = {{Café Systems}}," in (root / "refs.bib").read_text("utf-8")


def test_many_papers_of_one_year_get_distinct_keys(tmp_path):
    about = tmp_path / "about.md"
    about.write_text("## Publications\n" + "\n".join(
        f"- Paper Number {n}<br />\n  **Ada Example**<br />\n  Journal of Examples, 2020\n"
        for n in range(30)))
    root = tmp_path / "site"
    out = io.StringIO()
    assert main(["import", "academicpages", str(about), "--into", str(root)], stdout=out) == 0
    keys = re.findall(r"^@article\{(\w+),", (root / "refs.bib").read_text(), re.M)
    assert len(set(keys)) == 30
    assert keys[:3] == ["example2020paper", "example2020papernumber", "example2020papernumbera"]
    assert "example2020papernumberab" in keys
    assert "The check of the written site found" not in out.getvalue()


def test_year_inside_the_venue_is_found_and_reported(tmp_path):
    about = tmp_path / "about.md"
    about.write_text("## Publications\n- A Paper<br />\n  **Ada Example**<br />\n"
                     "  Proceedings of EXC 2021, Exampleville [[paper]](https://example.org/p)\n")
    summary = imported_site(tmp_path / "site", "academicpages", about, build=False)
    bib = (tmp_path / "site/refs.bib").read_text()
    assert "year      = {2021}" in bib
    assert "booktitle = {Proceedings of EXC 2021, Exampleville}" in bib
    assert "about.md:4: year 2021 read from inside" in summary


def write(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, "utf-8")
    return root


def test_a_link_to_a_file_outside_the_old_site_is_not_read(tmp_path):
    secret = write(tmp_path, {"secret.md": "## Publications\n- Secret Paper<br>\n"
                                           "  Ada Example, Bo Sample<br>\n  EXC 2024\n"})
    old = write(tmp_path / "old", {"_config.yml": "author:\n  name: Ada Example\n",
                                   "_publications/2024-x.md": "---\ntitle: Fine\n"
                                   "paperurl: ../../etc/passwd\n---\n"})
    (old / "_pages").mkdir()
    (old / "_pages/about.md").symlink_to(secret / "secret.md")
    summary = imported_site(tmp_path / "site", "academicpages", old, build=False)
    assert "about.md is a link to a file outside the site; not read" in summary
    assert "paperurl '../../etc/passwd' names a file outside the site" in summary
    bib = (tmp_path / "site/refs.bib").read_text()
    assert "Secret Paper" not in bib and "passwd" not in bib


def test_a_named_pipe_in_the_old_site_does_not_hang_the_import(tmp_path):
    old = write(tmp_path / "old", {"_config.yml": "first_name: Ada\nlast_name: Example\n",
                                   "_bibliography/papers.bib": "@misc{a, title={A}, year={2020},"
                                   " author={Example, Ada}}\n"})
    os.mkfifo(old / "_data-socials.fifo")
    (old / "_data").mkdir()
    os.mkfifo(old / "_data/socials.yml")
    summary = imported_site(tmp_path / "site", "al-folio", old, build=False)
    assert "socials.yml is not a regular file; not read" in summary


def test_hand_list_on_the_publications_page_and_a_generated_collection_file(tmp_path):
    old = write(tmp_path / "old", {
        "_config.yml": 'author:\n  name: "Dr. Ada Example (艾达), Ph.D."\n',
        "_pages/about.md": "---\ntitle: About\n---\nHello.\n\n[//]: # (an old remark)\n",
        "_pages/publications.md": "---\ntitle: Publications\n---\n{% include base_path %}\n\n"
        "## Journals\n\n* [**Tides of Example Data**](https://example.org/t)  \n"
        "  **A. Example**, B. Sample  \n  Journal of Examples, 2021\n",
        "_publications/2020-x.md": "---\ntitle: \"Widgets <i>in situ</i>\"\ndate: 10/09/2020\n"
        "citation: 'Sample, B., &amp; Example, A. (2020). Widgets in situ. <i>EXW</i>.'\n---"})
    summary = imported_site(tmp_path / "site", "academicpages", old)
    bib = (tmp_path / "site/refs.bib").read_text()
    for field in (r"title\s+= \{\{Tides of Example Data\}\}",
                  r"author\s+= \{Example, A\. and Sample, B\.\}",
                  r"title\s+= \{\{Widgets \\emph\{in situ\}\}\}", r"month\s+= \{10\}",
                  r"author\s+= \{Sample, B\. and Example, A\.\}"):
        assert re.search(field, bib), field
    assert "an old remark" not in page(tmp_path / "site", "index").get_text()
    owners = {o.get_text(strip=True) for o in page(tmp_path / "site", "publications")
              .select("strong.pub-owner")}
    assert owners == {"A. Example"}
    assert "matches no author" not in summary


def test_an_owner_matching_no_entry_is_named_in_the_summary(tmp_path):
    about = write(tmp_path, {"about.md": "## Publications\n- Tides of Example Data<br>\n"
                                         "  Bo Sample, Cy Placeholder<br>\n  EXC 2024\n"})
    old = write(tmp_path / "old", {"_config.yml": "author:\n  name: Ada Example\n",
                                   "_pages/about.md": (about / "about.md").read_text()})
    summary = imported_site(tmp_path / "site", "academicpages", old, build=False)
    assert "the owner's name 'Ada Example' matches no author of the imported entries" in summary
    assert "[portfolio.owner]" not in summary  # said once, not again by the site's check


def test_many_notices_of_a_kind_are_one_line(tmp_path):
    about = tmp_path / "about.md"
    about.write_text("## Publications\n" + "\n".join(
        f"- Paper Number {n}<br />\n  **Ada Example**, Bo Sample<br />\n  Somewhere, 2020\n"
        for n in range(6)))
    summary = imported_site(tmp_path / "site", "academicpages", about, build=False)
    lines = [line for line in summary.splitlines() if "does not say whether" in line]
    assert len(lines) == 1
    assert "(and 5 more like it: " in summary and "and 2 more)" in summary


@pytest.fixture(scope="module")
def alfolio_details(tmp_path_factory) -> tuple[Path, str]:
    """The al-folio fixture with news holding rules and headings, a sample CV of someone
    else, repeated and unusable keys, and marks after author names: one import, one build."""
    tmp_path = tmp_path_factory.mktemp("alfolio-details")
    old = tmp_path / "old"
    shutil.copytree(FIXTURES / "alfolio-site", old)
    write(old, {"_news/announcement_9.md": "---\ndate: 2024-03-01\ninline: false\n---\n"
                "# A heading\n\nFirst part.\n\n---\n\nSecond part.\n\nSub\n---\n\nEnd.\n",
                "assets/json/resume.json": '{"basics": {"name": "Grace Sample"}, '
                '"work": [{"name": "Elsewhere", "position": "Sampler"}]}'})
    bib = old / "_bibliography/papers.bib"
    bib.write_text(bib.read_text() + "\n@misc{dup, title={One}, year={2020}, author={Example, Ada}}\n"
                   "@misc{dup, title={Two}, year={2021}, author={Example, Ada}}\n"
                   "@misc{has space, title={Three}, year={2022}, author={Example, Ada}}\n"
                   "@misc{marked, title={Marked Names}, year={2020},\n"
                   "  author={Ada Example<sup>†</sup> and Bo Sample* and Cy Placeholder}}\n")
    root = tmp_path / "site"
    return root, imported_site(root, "al-folio", old)


def test_alfolio_news_with_rules_and_headings(alfolio_details):
    root, _ = alfolio_details
    assert "A heading First part. Second part. Sub End." in text(page(root, "news"))


def test_alfolio_sample_cv_of_someone_else_is_not_imported(alfolio_details):
    root, summary = alfolio_details
    assert "resume.json is the CV of 'Grace Sample', not of 'Ada Example'" in summary
    positions = root / "docs/_data/positions.yaml"
    assert not positions.exists() or "Sampler" not in positions.read_text()


def test_alfolio_keys_that_repeat_or_hold_spaces_are_renamed(alfolio_details):
    root, summary = alfolio_details
    assert "citation key 'dup' is used by an earlier entry; the entry's key is 'dupa'" in summary
    assert "citation key 'has space' is not a usable key; the entry's key is 'has_space'" in summary
    titles = text(page(root, "publications"))
    assert all(t in titles for t in ("One", "Two", "Three"))


def test_alfolio_marks_after_author_names_become_author_notes(alfolio_details):
    root, summary = alfolio_details
    assert "marks after author names became author+an = {1=corresponding; 2=equal}" in summary
    entry = next(li for li in page(root, "publications").select("li.pub")
                 if "Marked Names" in li.get_text())
    assert " ".join(entry.select_one(".pub-authors").get_text().split()) == \
        "Ada Example†, Bo Sample*, Cy Placeholder"
    # The old site does not say what its marks mean: they are shown, no meaning is made up.
    assert "the old site does not say what † and * after author names mean" in summary
    assert not page(root, "publications").select(".pub-legend")
    conf = (root / "conf.py").read_text("utf-8")
    assert "portfolio_author_notes = {'equal': ['*', ''], 'corresponding': ['†', '']}" in conf


def test_each_mark_keeps_its_own_legend_and_an_unexplained_one_gets_none(tmp_path):
    about = write(tmp_path, {"about.md": "## Publications\n\n"
                             "($^*$ equal contribution; $^{\\dagger}$ corresponding author; "
                             "$^{\\ddagger}$ work done at Example Labs)\n\n"
                             "- Marks of Many Kinds<br>\n  **Ada Example**\\*, Bo Sample\\*, "
                             "Cy Placeholder$^{\\dagger}$, Di Dummy$^{\\ddagger}$, Ed Extra§<br>\n"
                             "  EXC 2024\n"})
    summary = imported_site(tmp_path / "site", "academicpages", about / "about.md")
    soup = page(tmp_path / "site", "publications")
    assert " ".join(soup.select_one(".pub-authors").get_text().split()) == \
        "Ada Example*, Bo Sample*, Cy Placeholder†, Di Dummy‡, Ed Extra§"
    assert [legend.get_text() for legend in soup.select(".pub-legend")] == [
        "* equal contribution; † corresponding author; ‡ work done at Example Labs"]
    assert "the old site does not say what § after author names mean" in summary


@pytest.fixture(scope="module")
def topics_and_math(tmp_path_factory) -> Path:
    """A home page whose publications section has topic subsections and titles with math."""
    tmp_path = tmp_path_factory.mktemp("topics")
    about = write(tmp_path, {"about.md": "Publications & Preprints\n======\n\n<div>\n\n"
                             "- V$^{2}$-Nets: Tides of $\\Delta$ Data<br>\n"
                             "  **Ada Example**, Bo Sample<br>\n  EXC 2024\n\n</div>\n\n"
                             "## Widgets, Gadgets\n\n"
                             "- Widgets for Everyone<br>\n  Bo Sample, **Ada Example**<br>\n"
                             "  EXW 2023\n\n## Sketches\n\n"
                             "- Sketches of Systems<br>\n  **Ada Example**<br>\n  EXS 2022\n"})
    imported_site(tmp_path / "site", "academicpages", about / "about.md")
    return tmp_path / "site"


def test_topic_subsections_of_a_publications_section_stay_topics(topics_and_math):
    soup = page(topics_and_math, "publications")
    assert [h.get_text(strip=True).rstrip("#") for h in soup.select("article h2")] == \
        ["Widgets Gadgets", "Sketches"]
    lists = [[t.get_text(strip=True) for t in ul.select(".pub-title")]
             for ul in soup.select("ul.pub-list")]
    assert lists[1:] == [["Widgets for Everyone"], ["Sketches of Systems"]]
    assert "<div>" not in (topics_and_math / "docs/publications.md").read_text()


def test_math_in_a_listed_title_is_math_on_the_page(topics_and_math):
    assert "V$^{2}$-Nets: Tides of $\\Delta$ Data" in (topics_and_math / "refs.bib").read_text()
    title = page(topics_and_math, "publications").select_one(".pub-title")
    assert len(title.select("span.pub-math > math")) == 2
