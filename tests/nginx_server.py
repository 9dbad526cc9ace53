"""Run Debian's nginx with the server block documented in docs/guide/hosting.md (used by test_nginx)."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NGINX = "/usr/sbin/nginx"
GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "hosting.md"
DOC_ROOT = "/srv/www"


def documented_server_block(guide: Path = GUIDE) -> str:
    """The first ```nginx block of the hosting guide, exactly as an admin would copy it."""
    match = re.search(r"```nginx\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)
    assert match, "hosting.md has no ```nginx block"
    return match.group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(server_block: str, prefix: Path, docroot: Path, port: int) -> str:
    """A whole nginx.conf around the documented block: only the listen address and paths change."""
    block = server_block.replace("listen 80;", f"listen 127.0.0.1:{port};")
    block = block.replace(DOC_ROOT + "/", f"{docroot}/")
    assert f"127.0.0.1:{port}" in block and str(docroot) in block
    temp = "\n".join(f"    {name}_temp_path {prefix}/tmp-{name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
master_process off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
{temp}
{block}
}}
"""


def _wait_until_listening(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx 退出（{proc.returncode}）：{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx 没有在 30 秒内开始监听")


@contextmanager
def nginx_serving(site: Path, workdir: Path) -> Iterator[str]:
    """Copy the built site to <docroot>/cailiaoku and serve it; yields the site's base URL."""
    docroot = workdir / "www"
    shutil.copytree(site, docroot / "cailiaoku")
    prefix = workdir / "nginx"
    prefix.mkdir()
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(config(documented_server_block(), prefix, docroot, port), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(prefix)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_listening(port, proc, prefix / "error.log")
        yield f"http://127.0.0.1:{port}/cailiaoku/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
