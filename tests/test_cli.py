"""The ``portfolio`` command: help, exit codes, ``new`` and ``check``."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, ROOTS, build_site, sphinx_build
from portfolio.cli.main import main
from portfolio.cli.progress import Progress


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", [[], ["new"], ["import"], ["import", "academicpages"],
                                     ["import", "al-folio"], ["check"]], ids=" ".join)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: portfolio {' '.join(command)}".rstrip())


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "portfolio"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.startswith("portfolio ")


@pytest.mark.parametrize("argv", [["frobnicate"], ["import", "jekyll", "x"], ["new"],
                                  ["check", "--no-such-option"]], ids=" ".join)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_new_site_builds_without_warnings_and_checks_clean(tmp_path):
    site = tmp_path / "site"
    code, out, _ = run("new", str(site))
    assert code == 0 and "Created a new site" in out
    for path in ("conf.py", "refs.bib", ".readthedocs.yaml", "README.md", "docs/index.md",
                 "docs/cv.md", "docs/_data/profile.yaml", "docs/_data/teaching.yaml",
                 "docs/_data/education.yaml"):
        assert (site / path).is_file(), path
    assert "Your Name" in (site / "docs/_data/profile.yaml").read_text()
    assert run("check", str(site))[0] == 0
    result = build_site(site, "html")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    html = (site / "_build/html/publications.html").read_text()
    assert "An Example Paper: Replace This Entry with Your Own" in html
    assert '<strong class="pub-owner">Your Name</strong>' in html
    assert "Ph.D. in Your Field" in (site / "_build/html/cv.html").read_text()


def test_new_with_a_name(tmp_path):
    site = tmp_path / "site"
    assert run("new", str(site), "--name", "Ada Example")[0] == 0
    assert "author    = {Example, Ada and" in (site / "refs.bib").read_text()
    assert run("check", str(site))[0] == 0


def test_new_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = run("new", str(tmp_path))
    assert code == 2
    assert "exists and is not an empty folder" in err


def test_check_needs_conf_py(tmp_path):
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "no conf.py" in err


def test_check_reports_a_broken_conf_py(tmp_path):
    (tmp_path / "conf.py").write_text("extensions = [\n")
    code, _, err = run("check", str(tmp_path))
    assert code == 2 and "conf.py could not be run: SyntaxError" in err


@pytest.mark.parametrize("root", ["bad-input", "cv-empty", "publication-options",
                                  "publication-bad-options", "hostile-input", "web", "cv"])
def test_check_reports_exactly_what_the_build_reports(tmp_path, root):
    """The same problems, in the same words at the same places, as the build's warnings; exit
    1 when the build warns."""
    site = tmp_path / "site"
    shutil.copytree(ROOTS / f"test-{root}", site)
    code, out, err = run("check", str(site))
    build = sphinx_build(["-q", "-c", str(site), str(site), str(site / "_build")], site)
    warnings = {line for line in build.stderr.splitlines() if "[portfolio." in line}
    checked = set(out.splitlines())
    assert checked == warnings, (checked - warnings, warnings - checked)
    assert code == (1 if warnings else 0)
    assert re.search(r"\d+ files checked: (no problems|\d+ problems?)\.", err)


def test_check_follows_suppress_warnings(tmp_path):
    site = tmp_path / "bad"
    shutil.copytree(ROOTS / "test-bad-input", site)
    conf = site / "conf.py"
    conf.write_text(conf.read_text() + "suppress_warnings = ['portfolio.bib_entry']\n")
    out = run("check", str(site))[1]
    assert "[portfolio.bib_entry]" not in out and "[portfolio.bib_syntax]" in out


def test_check_reads_files_named_by_directives(tmp_path):
    site = tmp_path / "site"
    run("new", str(site))
    (site / "docs/extra.yaml").write_text("- course: A course\n  trem: Fall\n")
    (site / "docs/more.md").write_text(
        "# More\n\n```{teaching} extra.yaml\n```\n\n"
        "An example, not a directive:\n\n````md\n```{service} missing.yaml\n```\n````\n")
    code, out, _ = run("check", str(site))
    assert code == 1
    assert re.search(r"docs/extra\.yaml:1: WARNING: unknown field 'trem' \(did you mean 'term'\?\)",
                     out)
    assert "missing.yaml" not in out


def test_pre_commit_hook_runs_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["entry"] == "portfolio check"
    assert hooks[0]["pass_filenames"] is False


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal():
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(stream)
        for done in (1, 2):
            progress(done, 2, "publications")
    assert terminal.getvalue() == "\r  reading publications: 1/2\r  reading publications: 2/2\n"
    assert pipe.getvalue() == ""
