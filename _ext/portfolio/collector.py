"""Keep Python's cycle collector out of the way of long lists.

A full collection walks every object the collector tracks, and one runs each time the tracked
heap has grown by a quarter; the younger generations are walked far more often. Two things make
that costly here:

* Once the data is loaded, Sphinx, its extensions, the environment and the publication records
  are a large heap that lives until the build ends, walked again by every full collection.
  ``gc.freeze`` at ``builder-inited`` moves it out of the collector's sight. It stays frozen
  after the build, so the process exits without one last walk over all of it (half a second
  at 1,000 entries); a process that runs another build (tests, a live-reload server) hands the
  previous build's objects back and collects them when that build starts.
* Loading the data makes tens of thousands of objects (entries, names, records) that all live
  until the end, and are frozen once loaded; collection is off while they are made
  (:func:`paused`).
* A rendered list of 1,000 entries is some 25,000 nodes with their attributes, and writing its
  page (the search index, then the HTML) makes many short-lived objects and no cyclic garbage,
  so the collector walked the new list again and again while the page was written.
  Collection is paused when a list is rendered (:func:`pause`) and resumed (:func:`resume`)
  once its page is written: at the page's ``html-page-context``, when the next page's lists
  are rendered, or when the build ends, whichever comes first. The garbage it leaves for
  later is one page's at most.

Measured with ``gc.callbacks`` in a full build of the benchmark's 1,000-entry site, the
collector took 0.27 s before these two pauses and 0.13 s with them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: Domain data flag: collection was paused by a rendered list and is to be resumed.
_PAUSED = "collection_paused"


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside: for work that makes many objects and no cyclic garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pause(env: BuildEnvironment) -> None:
    """Pause collection until the page being written is done (if nobody else paused it)."""
    if gc.isenabled():
        gc.disable()
        env.get_domain("portfolio").data[_PAUSED] = True


def resume(env: BuildEnvironment) -> None:
    """Resume collection if a rendered list paused it."""
    if env.get_domain("portfolio").data.pop(_PAUSED, False):
        gc.enable()


def freeze(app: Sphinx) -> None:
    if gc.get_freeze_count():  # an earlier build in this process: what it left is garbage now
        gc.unfreeze()
        gc.collect()
    gc.freeze()


def _page_written(app: Sphinx, *args: Any) -> None:
    resume(app.env)


def setup_collector(app: Sphinx) -> None:
    # After the data is loaded (site_data, priority 400) and sphinxcontrib-bibtex's own handler.
    app.connect("builder-inited", freeze, priority=900)
    # Before the page's template is rendered: the list's nodes are written by then.
    app.connect("html-page-context", _page_written, priority=100)
    app.connect("build-finished", _page_written)
