"""Which link targets the site emits: web, mail and relative links, nothing else."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_OTHER_HOST = re.compile(r"[/\\]{2}")


def unsafe_url_reason(url: str) -> str | None:
    """Why *url* must not become a link, or ``None`` when it is safe.

    Control characters and spaces are refused before the scheme is read, since browsers strip
    them (``java\\tscript:`` runs as ``javascript:``).
    """
    if not url or not url.strip():
        return "the link is empty"
    if _CONTROL.search(url):
        return "the link contains control characters"
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        return f"the link cannot be parsed ({exc})"
    if parts.scheme and parts.scheme.lower() not in SAFE_SCHEMES:
        return (f"links with the scheme {parts.scheme + ':'!r} are refused; "
                "use http, https, mailto or a relative path")
    # Browsers read a backslash as a slash and any run of slashes as "//": "/\\host",
    # "\\\\host" and "///host" all lead to another host, like "//host".
    if not parts.scheme and _OTHER_HOST.match(url.strip()):
        return "protocol-relative links ('//host/...') are refused; write https://"
    return None
