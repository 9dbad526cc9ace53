"""Independent per-passage work spread over the machine's cores (forked workers: the parent's
loaded dictionaries come along for free, and stay shared: the parent's objects are frozen out of
the workers' garbage collector, whose walks would otherwise copy every page of them into each)."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def parallel_map(fn: Callable[..., list[R]], items: Sequence[T], args: tuple[Any, ...] = (),
                 parallel_from: int = 2000) -> list[R]:
    """fn(batch, *args) over batches of `items`, results concatenated in order. Runs in this process
    when there is little work, one core, or no fork (the result is the same either way)."""
    n = cores()
    if len(items) < parallel_from or n < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return fn(items, *args)
    step = -(-len(items) // (n * 4))  # a few batches per core evens out uneven texts
    batches = [items[i:i + step] for i in range(0, len(items), step)]
    gc.collect()
    gc.freeze()  # the workers' collector then never walks (and so copies) the parent's objects
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            parts = pool.starmap(fn, [(b, *args) for b in batches])
    except OSError:  # no processes allowed (sandbox, limits): do it here
        return fn(items, *args)
    finally:
        gc.unfreeze()
    return [r for part in parts for r in part]
