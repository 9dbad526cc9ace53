"""Outline skeletons per kind (taxonomy.yaml kinds:), derived from the library's documents of that kind.

The order of parts follows where each role sits in those documents (总体情况 first, then
做法 → 问题 → 计划); a kind whose documents split one role over several 一、 parts (the 要点
document: five plan parts) offers those parts by name. Kinds without documents use the
outline written for the kind in taxonomy.yaml.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Document, Library, Passage


def _descendants(doc: Document, root: Passage) -> list[Passage]:
    children: dict[str, list[Passage]] = {}
    for p in doc.passages:
        if p.parent:
            children.setdefault(p.parent, []).append(p)
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(children.get(node.id, [])))
    return out


def _units(doc: Document) -> list[dict[str, Any]]:
    """Top-level parts of a document: its 一、 sections, or runs of same-role top-level passages."""
    units: list[dict[str, Any]] = []
    for p in doc.passages:
        if p.parent:
            continue
        members = _descendants(doc, p)
        if p.type == "section":
            units.append({"role": p.role, "heading": p.heading, "members": members, "section": True})
        elif units and not units[-1]["section"] and units[-1]["role"] == p.role:
            units[-1]["members"].extend(members)
        else:
            units.append({"role": p.role, "heading": "", "members": members, "section": False})
    return units


def _theme_order(passages: list[Passage]) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for p in passages:
        for t in p.themes:
            counts[t] += 1
            first.setdefault(t, len(first))
    return sorted(counts, key=lambda t: (-counts[t], first[t]))


def _continuous(docs: list[Document]) -> bool:
    """True when 1. items keep counting across 一、 parts in the library's documents."""
    for doc in docs:
        for unit in _units(doc)[1:]:
            firsts = [p for p in unit["members"] if p.type == "item" and p.level == 3]
            if unit["section"] and firsts and firsts[0].number not in ("1.", "1．", "1、"):
                return True
    return False


def derive_skeleton(kind: str, docs: list[Document], spec: dict[str, Any]) -> dict[str, Any]:
    conf = spec["skeletons"]
    if not docs:
        return {
            "kind": kind, "derived_from": [], "continuous": False,
            "note": f"材料库中还没有{kind}类范文，使用通用提纲。",
            "sections": [_section(s) for s in conf["defaults"][kind]],
        }
    all_units = [(doc, _units(doc)) for doc in docs]
    sections: list[dict[str, Any]] = []
    overview = [p for _, units in all_units for u in units if u["role"] == "overview" for p in u["members"]]
    if overview or any(units and units[0]["role"] == "overview" for _, units in all_units):
        sections.append(_section({"intro": True, "roles": ["overview"], "themes": _theme_order(overview)}))
    for role in _role_order(all_units):
        sections.extend(_role_sections(role, all_units, conf))
    return {
        "kind": kind, "derived_from": [d.id for d in docs], "continuous": _continuous(docs),
        "note": f"提纲依据材料库中的{len(docs)}篇{kind}类范文。", "sections": sections,
    }


def _role_order(all_units: list[tuple[Document, list[dict[str, Any]]]]) -> list[str]:
    positions: dict[str, list[float]] = {}
    for _, units in all_units:
        for i, u in enumerate(units):
            if u["role"] != "overview":
                positions.setdefault(u["role"], []).append(i / max(len(units), 1))
    return sorted(positions, key=lambda r: sum(positions[r]) / len(positions[r]))


def _role_sections(role: str, all_units: list[tuple[Document, list[dict[str, Any]]]],
                   conf: dict[str, Any]) -> list[dict[str, Any]]:
    role_units = [u for _, units in all_units for u in units if u["role"] == role]
    widest = max(
        ([u for u in units if u["role"] == role and u["section"]] for _, units in all_units), key=len
    )
    if len(widest) >= conf["expand_min_sections"]:
        return [_section({"heading": u["heading"], "roles": [role],
                          "themes": _theme_order(u["members"])}) for u in widest]
    heading = conf["role_headings"].get(role, role)
    alternatives = list(dict.fromkeys(u["heading"] for u in role_units if u["heading"] not in ("", heading)))
    members = [p for u in role_units for p in u["members"]]
    return [_section({"heading": heading, "roles": [role],
                      "themes": _theme_order(members), "alternatives": alternatives})]


def _section(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "heading": raw.get("heading", ""),
        "intro": bool(raw.get("intro")),
        "roles": list(raw.get("roles") or []),
        "themes": list(raw.get("themes") or []),
        "alternatives": list(raw.get("alternatives") or []),
    }


def derive_skeletons(library: Library, spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: derive_skeleton(k, [d for d in library.documents if d.kind == k], spec) for k in spec["kinds"]}
