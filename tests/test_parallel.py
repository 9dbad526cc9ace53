"""Work done in a forked child gives the same result as in this process, errors included."""

from __future__ import annotations

import os

import pytest

from cailiaoku.errors import CailiaokuError
from cailiaoku.finder.parallel import in_child, parallel_map


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
