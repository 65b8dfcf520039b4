"""Which link targets become links (portfolio.text.urls)."""

from __future__ import annotations

import pytest

from portfolio.text.urls import unsafe_url_reason


@pytest.mark.parametrize("url", [
    "https://example.org/paper.pdf", "http://example.org", "mailto:ada@example.org",
    "files/paper.pdf", "/files/paper.pdf", "#pub-key", "papers/x.html?a=1#b", "\\evil.org",
])
def test_web_mail_and_relative_links_pass(url):
    assert unsafe_url_reason(url) is None


@pytest.mark.parametrize(("url", "words"), [
    ("javascript:alert(1)", "scheme 'javascript:'"),
    ("JavaScript:alert(1)", "scheme 'javascript:'"),
    (" javascript:alert(1)", "scheme 'javascript:'"),
    ("data:text/html,<script>", "scheme 'data:'"),
    ("vbscript:x", "scheme 'vbscript:'"),
    ("java\tscript:alert(1)", "control characters"),
    ("java\nscript:alert(1)", "control characters"),
    ("\x00javascript:alert(1)", "control characters"),
    ("", "empty"),
    ("   ", "empty"),
    ("http://[::1", "cannot be parsed"),
    # Browsers read "\" as "/" and a run of slashes as "//": each of these is another host.
    ("//evil.org/x", "protocol-relative"),
    ("/\\evil.org/x", "protocol-relative"),
    ("\\\\evil.org/x", "protocol-relative"),
    ("\\/evil.org", "protocol-relative"),
    ("///evil.org", "protocol-relative"),
    (" //evil.org", "protocol-relative"),
])
def test_unsafe_links_are_refused_with_a_reason(url, words):
    reason = unsafe_url_reason(url)
    assert reason is not None and words in reason, reason
