"""Organisation and year from a title, a 文号 or a 落款 date (pure)."""

from __future__ import annotations

import re

ORG_SUFFIX = (r"(?:委员会|党委|党组|党工委|党总支|党支部|总支|支部|委|局|办公室|办|部|厅|院|政府|中心|公司|集团"
              r"|学校|大学|学院|医院|镇|乡|街道|社区|村|所|站|队|馆|会|处|科|室|团|联)")
_TOPIC = (r"(?:意识形态|宣传思想|宣传工作|宣传文化|党建|党风|党的建设|基层党建|全面从严|思想|理论|网络|干部|个人|述职|述廉|履职|年度|"
          r"上半年|下半年|工作|精神|文明|廉政|作风|组织|纪检|统战|安全|关于)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_NOT_ORG = re.compile(r"^(?:关于|全年|今年|去年|明年|上半年|下半年|年度|我|本)|的|[，。；：、“”《》]")
_ORG_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?P<org>[^\d，。]{2,30}?)关于"), "标题中“关于”之前的单位"),
    (re.compile(r"^关于(?P<org>[^\d，。]{2,30}?)(?:19|20)\d{2}\s*年"), "标题中“关于”之后的单位"),
    (re.compile(r"^(?P<org>[^\d，。]{1,30}?)(?:19|20)\d{2}\s*年"), "标题中年份之前的单位"),
    (re.compile(rf"(?:19|20)\d{{2}}\s*年度?(?P<org>[^\d，。]{{2,24}}?{ORG_SUFFIX})(?={_TOPIC})"),
     "标题中年份之后的单位"),
]
_DOC_NUMBER = re.compile(r"^(?P<prefix>.*?)\s*[〔\[［【(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］】)）]")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月")


def year_in(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def org_in_title(title: str) -> tuple[str, str] | None:
    """(organisation, how it was found) from a title, or None."""
    for pattern, how in _ORG_PATTERNS:
        m = pattern.search(title)
        if m:
            org = m.group("org").strip()
            if org and not _NOT_ORG.search(org):
                return org, how
    return None


def from_doc_number(number: str) -> tuple[str, int | None]:
    """'市人大办〔2025〕3号' → ('市人大办', 2025); the prefix counts as a unit only if it reads like one."""
    m = _DOC_NUMBER.match(number)
    if not m:
        return "", None
    prefix = m.group("prefix").strip()
    org = prefix if re.fullmatch(rf"[\u4e00-\u9fff]{{2,16}}{ORG_SUFFIX}", prefix) else ""
    return org, int(m.group("year"))


def _cn_month(text: str) -> str:
    if text.isdigit():
        return text
    if text.startswith("十"):
        return "1" + _CN_DIGITS.get(text[1:], "0") if len(text) > 1 else "10"
    return _CN_DIGITS.get(text, "0")


def date_parts(date: str) -> tuple[int, int] | None:
    """'2025年1月8日' or '二〇二五年一月八日' → (2025, 1)."""
    m = re.match(r"\s*([\d〇○零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月", date)
    if not m:
        return None
    year = "".join(_CN_DIGITS.get(c, c) for c in m.group(1))
    return int(year), int(_cn_month(m.group(2)))


def year_from_date(date: str, kind: str) -> tuple[int, str] | None:
    """The work year a dated document is about: a 总结 dated early in the year reports on the last one."""
    parts = date_parts(date)
    if parts is None:
        return None
    year, month = parts
    if month <= 2 and any(k in kind for k in ("总结", "述职")):
        return year - 1, f"日期“{date}”（年初写的{kind}，按上一年）"
    return year, f"日期“{date}”"


_POST = re.compile(rf"^(?P<org>[^\s，。：:]{{2,30}}?{ORG_SUFFIX})(?=(?:副)?(?:书记|部长|局长|主任|馆长|校长|院长|科长|所长"
                   r"|站长|镇长|乡长|主席|委员|理事长|秘书长|处长|组长))")


def org_of_post(reporter: str) -> str:
    """'青山县林业局机关党支部书记 赵某' → '青山县林业局机关党支部' (a 述职人 line's unit)."""
    m = _POST.match(reporter.strip())
    return m.group("org") if m else ""


# "本人自2022年3月任县农业农村局党组书记、局长以来" — a 述职/个人总结's opening names the post.
_SELF_INTRO = re.compile(r"(?:^|[，,。；;])(?:本人|我)[^，,。；;]{0,20}?(?:担任|任职|任|作为)(?P<post>[^，,。；;、\s]{4,40})")


def org_of_self_intro(lines: list[str]) -> str:
    """The unit of the post the writer names in the opening lines ('' when none): a 党组 belongs
    to its organ, so '县农业农村局党组书记' gives 县农业农村局."""
    for line in lines:
        for m in _SELF_INTRO.finditer(line):
            if org := org_of_post(m.group("post")):
                stripped = org.removesuffix("党组")
                return stripped if len(stripped) >= 3 else org
    return ""
