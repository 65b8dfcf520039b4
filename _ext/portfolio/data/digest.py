"""One digest for everything the extension compares between builds: cache keys, entry contents,
file contents (BLAKE2b, 128 bits, as hexadecimal text)."""

from __future__ import annotations

import hashlib


def digest(data: str | bytes) -> str:
    if isinstance(data, str):
        # Lone surrogates (undecodable bytes read leniently) must not stop a digest.
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()
