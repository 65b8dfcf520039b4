"""schema.org ``Person`` data (JSON-LD) on the home page, from the profile YAML, so search
engines know who the site is about."""

from __future__ import annotations

import json
from typing import Any, cast

from sphinx.application import Sphinx

from ..extension.domain import PortfolioDomain
from ..model import Profile
from .paths import PAGE_BUILDERS
from .site import site_url
from .theme import avatar_uri

#: Profile links that are the owner's other profiles (``sameAs``), not contact or documents.
NOT_SAME_AS = {"email", "cv"}


def person(profile: Profile, base: str, avatar_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person",
                            "name": profile.name}
    if base:
        data["url"] = base
    if profile.aka:
        data["alternateName"] = profile.aka
    if profile.position:
        data["jobTitle"] = profile.position
    if profile.affiliation:
        organization = {"@type": "Organization", "name": profile.affiliation}
        if profile.affiliation_url:
            organization["url"] = profile.affiliation_url
        data["affiliation"] = organization
    if avatar_url:
        data["image"] = avatar_url
    for link in profile.links:
        if link.kind == "email":
            data["email"] = link.url
        elif link.kind not in NOT_SAME_AS:
            data.setdefault("sameAs", []).append(link.url)
    return data


def script(data: dict[str, Any]) -> str:
    """A ``<script>`` element whose JSON can never close the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'\n<script type="application/ld+json">\n{text}\n</script>'


def add_person(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: Any) -> None:
    """``html-page-context``: the Person on the home page only."""
    domain = cast(PortfolioDomain, app.env.get_domain("portfolio"))
    profile = domain.profile
    if (profile is None or pagename != app.config.root_doc
            or app.builder.name not in PAGE_BUILDERS):
        return
    base = site_url(app.config)
    avatar = avatar_uri(profile)
    if avatar and "://" not in avatar:
        avatar = f"{base}{avatar}" if base else ""
    context["metatags"] = context.get("metatags", "") + script(person(profile, base, avatar))


def setup_jsonld(app: Sphinx) -> None:
    app.connect("html-page-context", add_person)
