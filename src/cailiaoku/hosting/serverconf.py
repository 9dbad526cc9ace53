"""Server configuration written next to the built site: the CSP header for nginx and IIS.

`csp.txt` holds the header value; `nginx-headers.conf` is included in the nginx `location`
that serves the site; `web.config` makes IIS send the same headers when site/ is copied into
an IIS application folder. All three are regenerated on every build, so the hashes follow
Material's inline scripts when it is upgraded.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

CSP_FILE = "csp.txt"
NGINX_FILE = "nginx-headers.conf"
IIS_FILE = "web.config"

# Headers an intranet admin expects besides the CSP.
OTHER_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# Types IIS does not know out of the box (a duplicate <mimeMap> is an IIS error, so remove first).
IIS_TYPES = ((".json", "application/json"), (".map", "application/json"),
             (".webmanifest", "application/manifest+json"), (".woff2", "font/woff2"))


def headers(csp: str) -> list[tuple[str, str]]:
    return [("Content-Security-Policy", csp), *OTHER_HEADERS]


def nginx_snippet(csp: str) -> str:
    lines = ["# 材料库网站的安全响应头（cailiaoku build 自动生成，请勿手改）。",
             "# 在提供网站的 location 块中 include 本文件。注意：nginx 的子块里只要出现 add_header，",
             "# 上层的 add_header 就全部失效，所以其他 add_header 请与本 include 写在同一层。"]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers(csp)]
    return "\n".join(lines) + "\n"


def iis_web_config(csp: str) -> str:
    custom = "\n".join(f"        <add name={quoteattr(n)} value={quoteattr(v)} />" for n, v in headers(csp))
    types = "\n".join(f'      <remove fileExtension="{ext}" />\n      <mimeMap fileExtension="{ext}" mimeType="{mime}" />'
                      for ext, mime in IIS_TYPES)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- 材料库网站的 IIS 配置（cailiaoku build 自动生成，请勿手改）：安全响应头、默认文档、文件类型。 -->
<configuration>
  <system.webServer>
    <defaultDocument enabled="true">
      <files>
        <clear />
        <add value="index.html" />
      </files>
    </defaultDocument>
    <httpProtocol>
      <customHeaders>
{custom}
      </customHeaders>
    </httpProtocol>
    <staticContent>
{types}
    </staticContent>
  </system.webServer>
</configuration>
"""


def write_server_files(site_dir: Path, csp: str) -> list[Path]:
    files = {CSP_FILE: csp + "\n", NGINX_FILE: nginx_snippet(csp), IIS_FILE: iis_web_config(csp)}
    written = []
    for name, text in files.items():
        path = site_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
