"""A one-character fix to Material's search worker for Chinese queries.

Material segments a Chinese query greedily against the index vocabulary, but its loop
`for (j = i + 1; j < query.length; j++)` never tries a candidate that reaches the end of the
query, so the last word is dropped: 三审三校 (a whole token in our jieba-built index) is searched
as 三* and 三审*, and 舆情 as 舆*. Making the bound inclusive lets a query that is itself a token,
or ends with one, match it. If Material's code changes shape the worker is left as shipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.cailiaoku")

WORKER = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
# for(let o=s+1;o<t.length;o++)t.slice(s,o)in e  ->  o<=t.length
LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


def patch_source(js: str) -> str | None:
    """The patched worker, or None when the loop is not found exactly once."""
    if len(LOOP.findall(js)) != 1:
        return None
    return LOOP.sub(lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1), js)


def patch_material_script(files: Files, config: MkDocsConfig, name: re.Pattern[str],
                          patch: Callable[[str], str | None], unchanged: str) -> bool:
    """Replace the Material script whose path matches `name` by `patch` of it; `unchanged` is
    logged when the patch does not apply (Material's code changed shape): the file stays as shipped."""
    script = next((f for f in files if name.match(f.src_uri)), None)
    if script is None or script.abs_src_path is None:
        return False
    with open(script.abs_src_path, encoding="utf-8") as fh:
        patched = patch(fh.read())
    if patched is None:
        log.info(unchanged)
        return False
    files.remove(script)
    files.append(File.generated(config, script.src_uri, content=patched))
    return True


def patch_search_worker(files: Files, config: MkDocsConfig) -> bool:
    return patch_material_script(files, config, WORKER, patch_source, "Material 搜索脚本的结构已变化，未做中文分词修正。")
