"""Keep Python's cycle collector out of the way of long lists.

A full collection walks every object the collector tracks, and one runs each time the tracked
heap has grown by a quarter; the younger generations are walked far more often. Three things
make that costly here:

* Loading the saved environment (the publication records and parsed entries of the last
  build) and then the data that changed makes hundreds of thousands of objects that all live
  until the end, and no cyclic garbage; the collector walked them over and over while they were
  made (unpickling the 10,000-entry environment took 0.3 s with it off, 0.9 s with it on).
  Collection is off from the end of ``config-inited``, just before Sphinx loads the
  environment, until ``builder-inited``, once the data is loaded (:func:`hold`,
  :func:`release`); other extensions' handlers after that leave cyclic garbage, collected as
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
from sphinx.environment import BuildEnvironment

#: Domain data flag: collection was paused by a rendered list and is to be resumed.
_PAUSED = "collection_paused"


class _Held:
    """Whether :func:`hold` turned collection off (module state: there is no environment yet
    when it does, and a build whose start failed leaves it for the next build to resume)."""

    held = False


def hold(app: Sphinx, config: Any) -> None:
    """``config-inited``, last: collection off while the environment and the data load."""
    if gc.isenabled():
        gc.disable()
        _Held.held = True


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
    """``builder-inited``, last: the loaded heap out of the collector's sight."""
    if gc.get_freeze_count():  # an earlier build in this process: what it left is garbage now
        gc.unfreeze()
        gc.collect()
    gc.freeze()


def release(app: Sphinx) -> None:
    """``builder-inited``, once the data is loaded: collection on again if :func:`hold`
    turned it off."""
    if _Held.held:
        _Held.held = False
        gc.enable()


def _page_written(app: Sphinx, *args: Any) -> None:
    resume(app.env)


def setup_collector(app: Sphinx) -> None:
    # Sphinx loads the environment right after config-inited.
    app.connect("config-inited", hold, priority=900)
    # Right after the data is loaded (site_data, priority 400).
    app.connect("builder-inited", release, priority=401)
    # After every loader, sphinxcontrib-bibtex's own handler included.
    app.connect("builder-inited", freeze, priority=900)
    # Before the page's template is rendered: the list's nodes are written by then.
    app.connect("html-page-context", _page_written, priority=100)
    app.connect("build-finished", _page_written)
