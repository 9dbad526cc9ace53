"""Independent per-passage work spread over the machine's cores (forked workers: the parent's
loaded dictionaries come along for free, and stay shared: the parent's objects are frozen out of
the workers' garbage collector, whose walks would otherwise copy every page of them into each)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
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



def in_child(fn: Callable[..., R], *args: Any) -> R:
    """fn(*args) computed in a forked child process. A big computation's memory then goes back
    to the system when the child exits, instead of staying in this process's allocator for the
    rest of the build; the result comes back through a private temp file read only after the
    child has exited (never two copies at once). In this process when forking is not possible
    or the child fails (the result is the same either way; an error is then raised here)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return fn(*args)
    fd, name = tempfile.mkstemp(prefix="cailiaoku-result-", suffix=".pickle")
    os.close(fd)
    path = Path(name)
    try:
        gc.collect()
        gc.freeze()
        try:
            child = multiprocessing.get_context("fork").Process(target=_run_to_file, args=(path, fn, args))
            child.start()
            child.join()
        finally:
            gc.unfreeze()
        if child.exitcode == 0:
            with path.open("rb") as fh:
                return pickle.load(fh)  # type: ignore[no-any-return]  # written by our own child
    except OSError:
        pass
    finally:
        path.unlink(missing_ok=True)
    return fn(*args)


def _run_to_file(path: Path, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    result = fn(*args)  # an exception exits non-zero: the parent computes it again and reports it
    with path.open("wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
