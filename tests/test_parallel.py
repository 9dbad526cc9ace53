"""Work done in a forked child gives the same result as in this process, errors included."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from cailiaoku.errors import CailiaokuError
from cailiaoku.finder.parallel import Done, in_background, in_child, parallel_map


def _where(n: int) -> tuple[int, list[int]]:
    return os.getpid(), list(range(n))


def _fails(path: str) -> None:
    raise CailiaokuError("坏文件", path=path)


def _squares(batch: list[int]) -> list[int]:
    return [x * x for x in batch]


def test_in_child_runs_elsewhere_and_brings_the_result_back() -> None:
    pid, values = in_child(_where, 100_000)
    assert pid != os.getpid() and values == list(range(100_000))


def test_an_error_in_the_child_is_raised_here_with_its_message() -> None:
    with pytest.raises(CailiaokuError, match="坏文件"):
        in_child(_fails, "x.yaml")


def test_a_child_can_fan_out_to_workers_of_its_own() -> None:
    assert in_child(parallel_map, _squares, list(range(5000)), (), 10) == [x * x for x in range(5000)]


def _slow_where(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _results_left() -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob("cailiaoku-result-*.pickle"))


def test_in_background_computes_while_this_process_goes_on() -> None:
    before = _results_left()
    started = time.monotonic()
    pending = in_background(_slow_where, 1.0)
    assert time.monotonic() - started < 0.9  # returned at once, the child is still sleeping
    assert not isinstance(pending, Done)
    assert pending.result() != os.getpid()
    assert _results_left() == before


def test_a_cancelled_background_stops_and_leaves_nothing() -> None:
    before = _results_left()
    pending = in_background(_slow_where, 30.0)
    started = time.monotonic()
    pending.cancel()
    assert time.monotonic() - started < 10
    assert not pending.child.is_alive() and _results_left() == before  # type: ignore[attr-defined]


def test_an_error_in_the_background_is_raised_here_when_asked() -> None:
    pending = in_background(_fails, "y.yaml")
    with pytest.raises(CailiaokuError, match="坏文件"):
        pending.result()


def test_one_core_computes_here_and_now(monkeypatch: pytest.MonkeyPatch) -> None:
    from cailiaoku.finder import parallel

    monkeypatch.setattr(parallel, "cores", lambda: 1)
    pending = in_background(_where, 10)
    assert isinstance(pending, Done) and pending.result() == (os.getpid(), list(range(10)))
