"""Keep Python's cycle collector out of the way of long lists.

A full collection walks every object the collector tracks, and one runs each time the tracked
heap has grown by a quarter; the younger generations are walked far more often. Three things
make that costly here:

* Loading the saved environment (the publication records and parsed entries of the last
  build) and then the data that changed makes hundreds of thousands of objects that all live
  until the end, and no cyclic garbage; the collector walked them over and over while they were
  made (unpickling the 10,000-entry environment took 0.3 s with it off, 0.9 s with it on).
  Collection is off from the end of ``config-inited``, just before Sphinx loads the
  environment, until ``builder-inited``, once the data is loaded (:func:`pause`,
  :func:`resume`); other extensions' handlers after that leave cyclic garbage, collected as
  usual (at 10,000 entries, 50 MiB of it were kept when collection stayed off for them).
* What is loaded by then, Sphinx, its extensions, the environment and the records, is a large
  heap that lives until the build ends, walked again by every full collection. ``gc.freeze``
  at ``builder-inited`` moves it out of the collector's sight. It stays frozen after the
  build, so the process exits without one last walk over all of it (half a second at 1,000
  entries); a process that runs another build (tests, a live-reload server) hands the previous
  build's objects back and collects them when that build starts.
* A rendered list of 1,000 entries is some 25,000 nodes with their attributes, and writing its
  page (the search index, then the HTML) makes many short-lived objects and no cyclic garbage,
  so the collector walked the new list again and again while the page was written.
  Collection is paused when a list is rendered (:func:`pause`) and resumed (:func:`resume`)
  once its page is written: at the page's ``html-page-context``, when the next page's lists
  are rendered, or when the build ends, whichever comes first. The garbage it leaves for
  later is one page's at most.

Collection the user turned off stays off. Measured with ``gc.callbacks`` in a full build of the
benchmark's 1,000-entry site, the collector took 0.27 s before the pauses and 0.13 s with them.
"""

from __future__ import annotations

import gc
from typing import Any

from sphinx.application import Sphinx


class _State:
    """Whether this module turned collection off, so that only it turns collection back on
    (module state: there is no environment yet at the first pause, and a build whose start
    failed leaves the pause for the next build to end)."""

    off = False


def pause(*args: Any) -> None:
    """Collection off until :func:`resume` (unless it is off already: the user's stays off).
    Also the ``config-inited`` handler, for the environment and the data about to load."""
    if gc.isenabled():
        gc.disable()
        _State.off = True


def resume(*args: Any) -> None:
    """Collection on again if :func:`pause` turned it off. Also the handler of
    ``builder-inited`` once the data is loaded, and of the events that end a list's page."""
    if _State.off:
        _State.off = False
        gc.enable()


def freeze(app: Sphinx) -> None:
    """``builder-inited``, last: the loaded heap out of the collector's sight."""
    if gc.get_freeze_count():  # an earlier build in this process: what it left is garbage now
        gc.unfreeze()
        gc.collect()
    gc.freeze()


def setup_collector(app: Sphinx) -> None:
    # Sphinx loads the environment right after config-inited.
    app.connect("config-inited", pause, priority=900)
    # Right after the data is loaded (site_data, priority 400).
    app.connect("builder-inited", resume, priority=401)
    # After every loader, sphinxcontrib-bibtex's own handler included.
    app.connect("builder-inited", freeze, priority=900)
    # A list's page is written: before its template is rendered, or at the build's end.
    app.connect("html-page-context", resume, priority=100)
    app.connect("build-finished", resume)
