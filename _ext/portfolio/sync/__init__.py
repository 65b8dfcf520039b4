"""Publications fetched from the services that already list them: DBLP, ORCID, DOIs, arXiv,
and citation counts from OpenAlex.

Each service module turns its documented answers into :class:`Work` records (BibTeX values,
names in BibTeX form); :mod:`.match` recognises the works ``refs.bib`` already has and makes a
preprint and its venue version one work; :mod:`.refsbib` writes the new ones after the user's
entries, and :mod:`.files` writes every changed file at once, or none. Only the ``portfolio``
command uses this layer: a build never goes to the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class SourceError(Exception):
    """A service failed or said no (offline, timeout, unknown ID, an answer that cannot be
    read): one line for the user; the run stops and nothing is written."""


@dataclass
class Work:
    """One publication as a service describes it, in BibTeX values (LaTeX escaped)."""

    entry_type: str  #: "inproceedings", "article", "misc" (preprints), ...
    title: str
    authors: list[str]  #: "van Beethoven, Ludwig": BibTeX's "von Last, Jr, First" form
    year: str = ""
    month: str = ""  #: a number or a name; refs.bib writes the name (``aug``)
    #: venue and the fields around it, in written order: booktitle or journal, volume, pages, ...
    details: dict[str, str] = field(default_factory=dict)
    doi: str = ""  #: normalised (lower case, no resolver prefix)
    arxiv: str = ""  #: arXiv identifier without version
    url: str = ""  #: the paper's page, when it is neither the DOI's nor arXiv's
    pdf: str = ""
    dblp: str = ""  #: DBLP record key ("conf/osdi/ZhangIJCSZ24")
    preprint: bool = False
    published_doi: str = ""  #: for a preprint: the DOI of its venue version, when it says
    origin: str = ""  #: where it came from, for messages ("DBLP conf/osdi/...")
