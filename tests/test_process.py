"""A build changes nothing in the Python process beyond itself: no collector switches, no
shared default changed, no path left behind; a second build in the process builds the same."""

from __future__ import annotations

import copy
import gc
import sys

from sphinx.config import Config

from conftest import build_site, copy_site

#: Shared defaults another extension changes: myst-parser adds ".md" to Sphinx's own.
NOT_OURS = {"source_suffix"}


def defaults() -> dict:
    return {name: copy.deepcopy(option.default)
            for name, option in Config.config_values.items() if name not in NOT_OURS}


def test_two_builds_in_one_process_leave_it_as_it_was(tmp_path):
    before = defaults()
    collector = (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold())
    path = list(sys.path)
    site = copy_site(tmp_path / "site")
    outputs = []
    for out in ("first", "second"):
        result = build_site(site, "html", "-E", "-d", str(tmp_path / f"{out}.doctrees"))
        assert result.returncode == 0, result.stderr
        page = (site / "_build" / "html" / "publications.html").read_text("utf-8")
        outputs.append(page)
    assert outputs[0] == outputs[1]
    assert defaults() == before
    assert (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()) == collector
    assert sys.path == path
