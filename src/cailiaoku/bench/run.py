"""Running a command for a benchmark: wall and CPU time, and the peak memory of its whole process
tree (worker processes included, shared pages counted once: PSS), sampled from /proc."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system of the command and every child it waited for
    peak_mb: float  # largest sum of PSS over the process tree (sampled), at least the largest single RSS
    returncode: int
    output: str
    load: float = 0.0  # the machine's 1-minute load average when the command ended (others' work too)

    def check(self, what: str) -> Run:
        if self.returncode != 0:
            raise SystemExit(f"{what} 失败（退出码 {self.returncode}）：\n{self.output[-3000:]}")
        return self


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    """The process's proportional set size (shared pages split among their sharers, so forked
    workers are not counted twice), or its RSS where the kernel does not tell."""
    for name, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name, encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_rss_kb(root: int) -> int:
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(tree.get(pid, []))
    return total


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, interval: float = 0.2) -> Run:
    """Run `cmd` to its end, sampling its process tree's memory every `interval` seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(interval):
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    chunks = []
    assert proc.stdout is not None
    for chunk in iter(lambda: proc.stdout.read(65536), b""):  # type: ignore[union-attr]
        chunks.append(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_utime + usage.ru_stime, max(peak[0], usage.ru_maxrss) / 1024,
               proc.returncode, b"".join(chunks).decode("utf-8", "replace"), os.getloadavg()[0])


@dataclass
class Tree:
    files: int
    html: int
    mb: float
    parts: dict[str, float]  # top-level entry → MB
    big_pages: list[tuple[int, str]]  # HTML pages over BIG_PAGE bytes, largest first


BIG_PAGE = 500 * 1024


def tree_size(folder: Path) -> Tree:
    files = html = size = 0
    parts: dict[str, float] = {}
    big: list[tuple[int, str]] = []
    for dirpath, _, names in os.walk(folder):
        rel = os.path.relpath(dirpath, folder)
        for name in names:
            files += 1
            bytes_ = os.stat(os.path.join(dirpath, name)).st_size
            size += bytes_
            top = name if rel == "." else rel.split(os.sep)[0] + "/"
            parts[top] = parts.get(top, 0) + bytes_ / 1048576
            if name.endswith(".html"):
                html += 1
                if bytes_ > BIG_PAGE:
                    big.append((bytes_, name if rel == "." else f"{rel}/{name}"))
    return Tree(files, html, size / 1048576, parts, sorted(big, reverse=True))


def composition(tree: Tree, top: int = 6) -> str:
    """The largest parts of a site, and how many pages are over BIG_PAGE."""
    parts = sorted(tree.parts.items(), key=lambda kv: -kv[1])[:top]
    text = ", ".join(f"{name} {mb:,.1f} MB" for name, mb in parts)
    pages = "; ".join(f"{name} {n / 1048576:.1f} MB" for n, name in tree.big_pages[:4])
    return f"{text}; {len(tree.big_pages)} pages over {BIG_PAGE // 1024} KB" + (f" ({pages})" if pages else "")
