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
from typing import Any, Generic, TypeVar

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



class Pending(Generic[R]):
    """A result on its way: `result()` waits for it; `cancel()` gives it up."""

    def result(self) -> R:
        raise NotImplementedError

    def cancel(self) -> None:
        """Nothing to stop by default."""


class Done(Pending[R]):
    def __init__(self, value: R) -> None:
        self.value = value

    def result(self) -> R:
        return self.value


class Forked(Pending[R]):
    """fn(*args) in a forked child; the result comes back through a private temp file, read
    only after the child has exited (never two copies at once). If the child fails, fn runs
    here, so an error is raised in this process with its own message."""

    def __init__(self, fn: Callable[..., R], args: tuple[Any, ...]) -> None:
        self.fn, self.args = fn, args
        fd, name = tempfile.mkstemp(prefix="cailiaoku-result-", suffix=".pickle")
        os.close(fd)
        self.path = Path(name)
        gc.collect()
        gc.freeze()  # the child's collector never walks (and so copies) this process's objects
        try:
            # not a daemon: the child may start workers of its own
            self.child = multiprocessing.get_context("fork").Process(target=_run_to_file, args=(self.path, fn, args))
            self.child.start()
        except OSError:
            self.path.unlink(missing_ok=True)
            raise
        finally:
            gc.unfreeze()

    def result(self) -> R:
        try:
            self.child.join()
            if self.child.exitcode == 0:
                with self.path.open("rb") as fh:
                    return pickle.load(fh)  # type: ignore[no-any-return]  # written by our own child
        except OSError:
            pass
        finally:
            self.path.unlink(missing_ok=True)
        return self.fn(*self.args)

    def cancel(self) -> None:
        if self.child.is_alive():
            self.child.terminate()
        self.child.join()
        self.path.unlink(missing_ok=True)


def in_background(fn: Callable[..., R], *args: Any) -> Pending[R]:
    """fn(*args) computed in a forked child while this process goes on with other work; here
    and now on one core or where forking is not possible (the result is the same either way)."""
    if cores() < 2:
        return Done(fn(*args))
    return _forked(fn, args)


def _forked(fn: Callable[..., R], args: tuple[Any, ...]) -> Pending[R]:
    if "fork" not in multiprocessing.get_all_start_methods():
        return Done(fn(*args))
    try:
        return Forked(fn, args)
    except OSError:  # no processes allowed (sandbox, limits)
        return Done(fn(*args))


def in_child(fn: Callable[..., R], *args: Any) -> R:
    """fn(*args) computed in a forked child process and waited for. A big computation's memory
    then goes back to the system when the child exits, instead of staying in this process's
    allocator for the rest of the build."""
    return _forked(fn, args).result()


def _run_to_file(path: Path, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    result = fn(*args)  # an exception exits non-zero: the parent computes it again and reports it
    with path.open("wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
