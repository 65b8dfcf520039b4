"""The owner's name against the imported entries: every spelling found becomes a name variant
of the profile (so each is highlighted), and an import where none matches says so."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Publication
from ..text.names import is_owner, owner_spellings, parse_name
from . import ImportedSite


def note_owner(site: ImportedSite, records: Iterable[Publication], where: Path) -> None:
    name = site.profile.get("name") or site.owner
    records = list(records)
    if not name or not records:
        return
    written = [name, *site.profile.get("name_variants", [])]
    variants = [parse_name(spelling) for text in written for spelling in owner_spellings(text)]
    found = dict.fromkeys(author.name for pub in records for author in pub.authors
                          if is_owner(author, variants))
    if not found:
        site.owner_unmatched = True
        site.guessed(f"the owner's name {name!r} matches no author of the imported entries, so "
                     "none is shown in bold; add the spelling used in author lists to "
                     "name_variants in docs/_data/profile.yaml", where)
        return
    known = {" ".join(parse_name(text)[0] + parse_name(text)[1]) for text in written}
    for spelling in found:
        parsed = parse_name(spelling)
        if " ".join(parsed[0] + parsed[1]) not in known:
            site.profile.setdefault("name_variants", []).append(spelling)
            known.add(" ".join(parsed[0] + parsed[1]))
