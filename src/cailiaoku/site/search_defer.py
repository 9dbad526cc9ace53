"""Material's search index (search/search_index.js or .json, ~160 KB) and its search worker
(~40 KB) loaded on first use only.

Material's bundle asks for the index as soon as a page starts (search.highlight subscribes to it
on every page, and over http the worker is fed at once), so every page paid for it before ready.
The bundle's index stream is wrapped so that it is subscribed to only when the search is opened
(the #__search toggle, which Material's keyboard shortcuts and the header box's focus also click),
the search box gets focus, or the URL carries a highlight (?h=); until then the worker just waits,
and a query typed meanwhile is answered once the index is in (Material holds it until ready).
The worker itself (a Worker, or under file:// the iframe-worker shim's frame) is created when
Material first posts to it, which is the index, so it waits too.
If Material's code changes shape the bundle (or that part of it) is left as shipped.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .search_patch import patch_material_script

BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
# zi=document.forms.namedItem("search")?ks():tt  (the index stream every search part shares)
INDEX = re.compile(r"""(\w+)=document\.forms\.namedItem\("search"\)\?(\w+)\(\):(\w+)([,;])""")

# The wrapper is an Observable of the same class (RxJS: new Observable(subscribe)); the inner
# stream keeps Material's shareReplay, so the index is read once however many parts subscribe.
LATER = """(function(src){var O=src.constructor,fired=false,waiting=[],box=document.getElementById("__search");\
function fire(){if(fired){return;}fired=true;waiting.splice(0).forEach(function(f){f();});}\
if(/[?&]h=/.test(location.search)||(box&&box.checked)){fired=true;}else{\
if(box){box.addEventListener("change",function(){if(box.checked){fire();}});}\
document.addEventListener("focusin",function(ev){var t=ev.target;if(t&&t.form&&t.form.name==="search"){fire();}},true);}\
window.__ckSearchIndex=fire;\
return new O(function(sub){var inner=null,gone=false;function start(){if(!gone){inner=src.subscribe(\
{next:function(v){sub.next(v);},error:function(e){sub.error(e);},complete:function(){sub.complete();}});}}\
if(fired){start();}else{waiting.push(start);}\
return function(){gone=true;if(inner){inner.unsubscribe();}};});})(%s())"""


# function Mn(e,t=new Worker(e)){...}: Material's only worker, wrapped in RxJS streams that only
# add "message" listeners and post to it.
WORKER = re.compile(r"""(function \w+\((\w+),\w+=)new Worker\(\2\)\)""")
LAZY = """(function(u){var w=new EventTarget(),real=null;w.postMessage=function(m){if(!real){\
real=new Worker(u);real.addEventListener("message",function(ev){\
w.dispatchEvent(new MessageEvent("message",{data:ev.data}));});}real.postMessage(m);};\
w.terminate=function(){if(real){real.terminate();}};return w;})(%s))"""


def defer_source(js: str) -> str | None:
    """The bundle with its search index (and worker) loaded on first use, or None when the index
    stream is not found exactly once; the worker is made lazy only when found exactly once."""
    if len(INDEX.findall(js)) != 1 or "__ckSearchIndex" in js:
        return None
    js = INDEX.sub(lambda m: f'{m.group(1)}=document.forms.namedItem("search")?'
                             f"{LATER % m.group(2)}:{m.group(3)}{m.group(4)}", js)
    if len(WORKER.findall(js)) == 1:
        js = WORKER.sub(lambda m: m.group(1) + LAZY % m.group(2), js)
    return js


def defer_search_index(files: Files, config: MkDocsConfig) -> bool:
    return patch_material_script(files, config, BUNDLE, defer_source,
                                 "Material 脚本的结构已变化，搜索索引仍在每个页面打开时加载。")
