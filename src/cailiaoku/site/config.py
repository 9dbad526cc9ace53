"""Options of the `cailiaoku` MkDocs plugin (mkdocs.yml: plugins: - cailiaoku: {...})."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CailiaokuConfig(base.Config):
    # Library locations, relative to the folder holding mkdocs.yml.
    snippets = c.Type(str, default="snippets")
    taxonomy = c.Type(str, default="taxonomy.yaml")
    # Theme and source pages are listed in the nav only up to this many (Material renders the
    # whole nav into every page, so thousands of entries would bloat every page).
    nav_limit = c.Type(int, default=40)
    # Lists on theme, index and phrase pages show at most this many items each (the rest are
    # reached through the finder's filters), so no page grows with the library.
    list_limit = c.Type(int, default=30)
    # Documents per page of the list of documents (source/index.html, source/index/2.html …).
    page_size = c.Type(int, default=100)
    # Kept so sites that still set it build: passages are searched by the finder only now.
    search_passages = c.Deprecated(message="已不再使用，可以删去（段落由“查找段落”检索）。")
    # Give Material's search (jieba) the taxonomy's terms as a user dictionary.
    search_terms = c.Type(bool, default=True)
    # Fix Material's search worker dropping the last word of a Chinese query (see search_patch).
    search_fix = c.Type(bool, default=True)
