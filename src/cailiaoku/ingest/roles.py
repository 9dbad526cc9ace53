"""Role of each passage: overview / achievement / problem / plan (pure)."""

from __future__ import annotations

import re

from .passages import Draft

PROBLEM = re.compile(r"问题|不足|短板|差距|薄弱")
PLAN = re.compile(r"计划|谋划|打算|思路|下一步|今后|明年|要点|安排|举措|展望")
ACHIEVEMENT = re.compile(r"总结|做法|成效|开展情况|主要工作|回顾|成绩|工作情况|亮点")
PLAN_OPENERS = re.compile(r"^(进一步|持续|继续|将|要|力争|着力)")


def section_role(heading: str, doc_kind: str) -> str | None:
    if PROBLEM.search(heading):
        return "problem"
    if PLAN.search(heading):
        return "plan"
    if ACHIEVEMENT.search(heading):
        return "achievement"
    return None


def assign_roles(drafts: list[Draft], doc_kind: str, default: str = "") -> list[str]:
    """One role per draft, in order; `default` is the kind's role for numbered parts."""
    default = default or ("plan" if doc_kind in ("计划", "要点") else "achievement")
    run_roles = _run_roles(drafts, default)
    roles: list[str] = []
    for d in drafts:
        if d.parent is not None:
            # A section under a 第一部分 part is judged by its own heading first.
            own = section_role(d.heading, doc_kind) if d.type == "section" else None
            roles.append(own or roles[d.parent])
            continue
        if d.type == "section":
            roles.append(section_role(d.heading, doc_kind) or default)
        elif d.type == "para":
            # An opening or closing paragraph outside any section gives the overall picture.
            roles.append("overview")
        else:
            roles.append(run_roles.get(d.run, default))
    return roles


def _run_roles(drafts: list[Draft], default: str) -> dict[int, str]:
    """A restarted numbering run with no section above it: judge it by its headings."""
    roles: dict[int, str] = {0: default}
    for run in sorted({d.run for d in drafts if d.run > 0}):
        headings = [d.heading for d in drafts if d.run == run and d.type == "item"]
        if sum(bool(PROBLEM.search(h)) for h in headings) > len(headings) / 2:
            roles[run] = "problem"
        elif default == "achievement" and sum(bool(PLAN_OPENERS.search(h)) for h in headings) * 2 < len(headings):
            roles[run] = "achievement"
        else:
            roles[run] = "plan"
    return roles
