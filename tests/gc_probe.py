"""A Sphinx extension for the tests: whether cycle collection is on at each step of a build."""

from __future__ import annotations

import gc

#: (step, collection on) in the order the steps ran.
STATES: list[tuple[str, bool]] = []


def _note(step: str):
    return lambda app, *args: STATES.append((step, gc.isenabled()))


def setup(app):
    # After the extension's own handlers: a later priority, or the same and set up after it.
    app.connect("config-inited", _note("config-inited"), priority=950)
    app.connect("builder-inited", _note("data loaded"), priority=400)
    app.connect("env-before-read-docs", _note("reading"), priority=950)
    return {"parallel_read_safe": True}
