"""Pausing Python's cyclic garbage collector while a large library is read or written.

Each full collection walks every live object, and building one big object graph triggers them
again and again, so loading grows faster than the data. Reference counting still frees
everything; the pause only skips the cycle hunts and ends with the block.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
