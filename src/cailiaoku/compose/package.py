"""Clean python-docx's template out of the package: its properties, thumbnail, theme and lists.

python-docx starts from a sample document made on a Mac in 2013 (author "python-docx",
East-Asian theme language ja-JP, a theme with Japanese fonts). A 公文 draft keeps none of it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml.ns import qn

DROP_DOCUMENT_RELS = ("/customXml", "/numbering", "/theme", "/stylesWithEffects", "/webSettings")
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>{app}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def drop_template_parts(document: Any) -> None:
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(DROP_DOCUMENT_RELS):
            document.part.drop_rel(rel_id)
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)


def clean_settings(document: Any) -> None:
    """settings.xml: no theme language (the template says ja-JP) and no template revision ids."""
    settings = document.settings.element
    for tag in ("w:themeFontLang", "w:rsids", "w:attachedTemplate"):
        old = settings.find(qn(tag))
        if old is not None:
            settings.remove(old)


def set_properties(document: Any, title: str, author: str, app: str, comment: str) -> None:
    now = datetime.now(timezone.utc).replace(microsecond=0)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.subject, props.keywords, props.category = "", "", ""
    props.comments, props.language = comment, "zh-CN"
    props.created, props.modified, props.revision = now, now, 1
    for rel in document.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML.format(app=escape(app), company=escape(author)).encode("utf-8")
