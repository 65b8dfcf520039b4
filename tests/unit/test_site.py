"""The one loader (portfolio.data.site): what it reads, what it refuses, where it says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portfolio.data.site import load_site, record_file, site_settings
from portfolio.options import DEFAULTS

BIB = """@inproceedings{doe2024a,
  title = {First Paper},
  author = {Doe, Jane and Roe, Rick},
  booktitle = {Symposium},
  year = {2024},
  pdf = {files/a.pdf},
  preview = {images/a.png},
}

@misc{doe2023b,
  title = {Second Paper},
  author = {Doe, Jane},
  year = {2023},
  slides = {../../outside.pdf},
  poster = {/etc/passwd},
}
"""


def make_site(root: Path, **values) -> tuple:
    (root / "docs" / "_data").mkdir(parents=True, exist_ok=True)
    (root / "refs.bib").write_text(BIB, "utf-8")
    settings, problems = site_settings(
        DEFAULTS | {"bibtex_bibfiles": ["refs.bib"], "portfolio_owner": ["Jane Doe"]} | values,
        DEFAULTS, root, root / "docs")
    return settings, problems


def test_records_and_their_local_files(tmp_path):
    settings, problems = make_site(tmp_path)
    (tmp_path / "docs" / "files").mkdir()
    (tmp_path / "docs" / "files" / "a.pdf").write_bytes(b"%PDF")
    site, found = load_site(settings)
    assert problems == []
    assert list(site.publications) == ["doe2024a", "doe2023b"]
    first = site.publications["doe2024a"]
    assert [link.field for link in first.links] == ["pdf"]  # the preview image is missing
    assert first.preview == ""
    messages = {(p.location.line, p.subtype, p.message.split(":")[1].strip()) for p in found}
    assert (1, "missing_file", "the preview 'images/a.png' is left out") in messages
    # A path climbing out of the project is never a file of the site; a leading "/" means the
    # pages folder, as everywhere in Sphinx (not the system's /etc).
    outside = [p for p in found if p.subtype == "path"]
    assert len(outside) == 1 and "'../../outside.pdf' is left out: it is outside the project" \
        in outside[0].message
    assert any("poster file 'etc/passwd' is left out" in p.message and "docs/etc/passwd" in
               p.message for p in found)
    assert site.publications["doe2023b"].links == ()
    assert sorted(p.name for p in site.local_files) == ["a.pdf", "a.png", "passwd"]


def test_a_file_linked_out_of_the_project_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("secret")
    settings, _ = make_site(tmp_path / "site")
    (tmp_path / "site" / "docs" / "files").mkdir()
    (tmp_path / "site" / "docs" / "files" / "a.pdf").symlink_to(tmp_path / "secret.txt")
    site, found = load_site(settings)
    assert site.publications["doe2024a"].links == ()
    assert any("the pdf file 'files/a.pdf' is left out: it is outside the project" in p.message
               for p in found)


def test_not_a_regular_file(tmp_path):
    settings, _ = make_site(tmp_path)
    (tmp_path / "docs" / "files").mkdir()
    os.mkfifo(tmp_path / "docs" / "files" / "a.pdf")
    site, found = load_site(settings)
    assert site.publications["doe2024a"].links == ()
    assert any("is a named pipe, not an ordinary file" in p.message and p.subtype == "not_a_file"
               for p in found)


def test_nothing_changed_gives_the_previous_load(tmp_path):
    settings, _ = make_site(tmp_path)
    first, _ = load_site(settings)
    again, found = load_site(settings, first)
    assert again is first and found == []
    (tmp_path / "docs" / "images").mkdir()
    (tmp_path / "docs" / "images" / "a.png").write_bytes(b"png")  # a named file appears
    third, _ = load_site(settings, first)
    assert third is not first and third.publications["doe2024a"].preview == "images/a.png"
    assert third.digests["doe2024a"] != first.digests["doe2024a"]
    assert third.digests["doe2023b"] == first.digests["doe2023b"]


def touch(path: Path) -> None:
    later = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))


def test_files_only_touched_give_the_previous_load(tmp_path):
    settings, _ = make_site(tmp_path)
    (tmp_path / "docs" / "files").mkdir()
    pdf = tmp_path / "docs" / "files" / "a.pdf"
    pdf.write_bytes(b"%PDF")
    first, _ = load_site(settings)
    touch(tmp_path / "refs.bib")
    assert load_site(settings, first) == (first, [])
    assert load_site(settings, first) == (first, [])  # its file times are now the new ones
    touch(tmp_path / "refs.bib")
    pdf.write_bytes(b"%PDF-1.7")  # a file an entry links changed too: loaded again
    assert load_site(settings, first)[0] is not first


def test_a_file_changed_while_it_is_read_is_read_again(tmp_path, monkeypatch):
    from portfolio.data import site as loader

    settings, _ = make_site(tmp_path)
    bib = tmp_path / "refs.bib"
    parse = loader.parse_bibfiles

    def edited_while_read(*args, **kwargs):  # saved again after its digest was taken
        bib.write_text(BIB.replace("First Paper", "Edited Paper"), "utf-8")
        touch(bib)
        return parse(*args, **kwargs)

    monkeypatch.setattr(loader, "parse_bibfiles", edited_while_read)
    first, _ = load_site(settings)
    monkeypatch.undo()
    assert first.publications["doe2024a"].title == "Edited Paper"
    bib.write_text(BIB, "utf-8")  # back to what was digested (an undo)
    touch(bib)
    again, _ = load_site(settings, first)
    assert again is not first and again.publications["doe2024a"].title == "First Paper"


def test_other_settings_load_again(tmp_path):
    settings, _ = make_site(tmp_path)
    (tmp_path / "docs" / "files").mkdir()
    (tmp_path / "docs" / "files" / "a.pdf").write_bytes(b"%PDF")
    first, _ = load_site(settings)
    relabelled, _ = make_site(tmp_path, portfolio_link_labels={"pdf": "Full text"})
    again, _ = load_site(relabelled, first)
    assert again is not first
    assert [link.label for link in again.publications["doe2024a"].links] == ["Full text"]
    assert load_site(relabelled, again) == (again, [])


@pytest.mark.parametrize("value", ["no-such-encoding", 8])
def test_an_encoding_that_is_none_is_told_and_utf_8_read(tmp_path, value):
    settings, problems = make_site(tmp_path, bibtex_encoding=value)
    assert settings.encoding == "utf-8-sig"
    assert [(p.location.path, p.subtype) for p in problems] == [(str(tmp_path / "conf.py"),
                                                                  "config")]
    assert f"bibtex_encoding = {value!r} names no encoding" in problems[0].message
    site, _ = load_site(settings)
    assert list(site.publications) == ["doe2024a", "doe2023b"]


def test_the_owner_problem_is_located_where_the_names_come_from(tmp_path):
    settings, _ = make_site(tmp_path, portfolio_owner=["Nobody Here"])
    _, found = load_site(settings)
    owner = [p for p in found if p.subtype == "owner"]
    assert len(owner) == 1 and owner[0].location.path == str(tmp_path / "conf.py")
    settings, _ = make_site(tmp_path, portfolio_owner=[])
    (tmp_path / "docs" / "_data" / "profile.yaml").write_text("# me\nname: Someone Else\n")
    _, found = load_site(settings)
    owner = [p for p in found if p.subtype == "owner"]
    assert owner[0].location.line == 2 and owner[0].location.path.endswith("profile.yaml")
    assert "name_variants" in owner[0].message


@pytest.mark.parametrize("setting", ["portfolio_profile", "portfolio_bib_overlay",
                                     "portfolio_news", "portfolio_teaching"])
def test_a_setting_out_of_the_project_is_refused_at_conf_py(tmp_path, setting):
    settings, problems = make_site(tmp_path, **{setting: "../../../../etc/passwd"})
    assert [p.location.path for p in problems] == [str(tmp_path / "conf.py")]
    assert "is outside the project" in problems[0].message and setting in problems[0].message


def test_a_named_file_that_is_missing_is_reported_at_conf_py(tmp_path):
    settings, _ = make_site(tmp_path, portfolio_venues="_data/no-venues.yaml")
    _, found = load_site(settings)
    missing = [p for p in found if p.subtype == "missing_file" and "portfolio_venues" in p.message]
    assert missing and missing[0].location.path == str(tmp_path / "conf.py")


def test_record_files_of_directives(tmp_path):
    settings, _ = make_site(tmp_path)
    page = tmp_path / "docs" / "cv.md"
    (tmp_path / "docs" / "_data" / "teaching.yaml").write_text("- course: A\n")
    assert record_file(settings, "teaching", "", page) == (
        tmp_path / "docs" / "_data" / "teaching.yaml", None)
    path, problem = record_file(settings, "talks", "", page)  # a CV file may be missing
    assert path.name == "talks.yaml" and problem is None
    _, problem = record_file(settings, "service", "", page)  # service must exist when used
    assert "portfolio_service's file does not exist" in problem.message
    assert problem.subtype == "missing_file"
    _, problem = record_file(settings, "teaching", "_data/teching.yaml", page)
    assert "did you mean 'teaching.yaml'?" in problem.message
    path, problem = record_file(settings, "teaching", "../../../etc/passwd", page)
    assert path is None and "is outside the project" in problem.message
    assert problem.subtype == "path"
    (tmp_path / "docs" / "_data" / "talks.yaml").mkdir()
    _, problem = record_file(settings, "talks", "", page)
    assert problem.subtype == "not_a_file" and "is a folder, not an ordinary file" in problem.message
    path, _ = record_file(settings, "teaching", "/_data/teaching.yaml", page)
    assert path == tmp_path / "docs" / "_data" / "teaching.yaml"  # "/": the pages folder
