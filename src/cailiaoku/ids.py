"""Short, URL-safe passage ids that never change once given."""

from __future__ import annotations

import hashlib
import re

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,39}$")
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o/1/l: ids are read aloud and typed
_SALT_JUMP = 64


def make_id(seed: str, taken: set[str], length: int = 7) -> str:
    """Derive an id from the seed; salt it until it is unused. Adds it to `taken`."""
    salt = 0
    while True:
        digest = hashlib.sha1(f"{seed}#{salt}".encode()).digest()
        value = int.from_bytes(digest[:8], "big")
        chars = []
        for _ in range(length):
            value, rem = divmod(value, len(_ALPHABET))
            chars.append(_ALPHABET[rem])
        candidate = "".join(chars)
        if candidate[0].isalpha() and candidate not in taken:
            taken.add(candidate)
            return candidate
        salt += 1
        if salt == _SALT_JUMP:
            # Thousands of identical passages would salt through every earlier one (n²): jump
            # to a range of 8 salts of this call's own (still a function of seed and taken; the
            # ids below the jump are the ones always given).
            salt = _SALT_JUMP + 8 * len(taken)


def valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))
