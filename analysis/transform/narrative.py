"""The narrative text (单位概况, 预算情况说明, 名词解释) as paragraphs with pages.

Pages without a ruled table are narrative.  Lines are rejoined into
paragraphs (a paragraph starts at an indented line or a heading) and each
paragraph carries its page, its part (第一部分 …) and its section (一、…).
A running header or footer (the document's name printed atop every page) is
no part of the narrative: it would cut a paragraph continued over a page
break and, printed further left than the text, make every line look indented.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from ..extract.pages import EMPTY_NOTE_RE, NOTE_RE, PAGE_NUMBER_RE, opens_table
from ..extract.reader import PageContent
from ..extract.stitch import RawTable
from ..schema import NARRATIVE
from ..specs import UNKNOWN, spec_for_title
from ..text import join_cell_lines, squash

PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
SECTION_RE = re.compile(r"^[一二三四五六七八九十]+、")
SUBSECTION_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
#: what a sentence prints and a heading does not
SENTENCE_MARK_RE = re.compile(r"[。；;，,：:]")
TOC_RE = re.compile(r"目\s*录")
#: the end of a 目录 entry: dot leaders and its page number
CONTENTS_ENTRY_END_RE = re.compile(r"[.．…·]{2,}\s*\d{1,3}\s*$")
YEAR_RE = re.compile(r"(20\d{2})\s*年")
#: a line printed at the top or foot of this many pages is a running header or footer
RUNNING_PAGES = 3
CHINESE_WORD_RE = re.compile(r"[\u4e00-\u9fff]{2}")
#: columns of :attr:`analysis.model.Budget.narrative` (declared in :mod:`analysis.schema`)
NARRATIVE_COLUMNS = NARRATIVE.names


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", squash(text))


def _visible_lines(page: PageContent) -> list:
    """The lines printed in the page's visible area, page numbers aside."""
    return [ln for ln in page.lines if 0 <= ln.yc <= page.height and not PAGE_NUMBER_RE.match(squash(ln.text))]


def _edge_lines(page: PageContent, visible: list | None = None) -> list:
    """The top and the bottom line of a page (its visible area; page numbers aside).  ``visible``: the page's
    :func:`_visible_lines`, where known."""
    lines = _visible_lines(page) if visible is None else visible
    if not lines:
        return []
    return list({id(ln): ln for ln in (max(lines, key=lambda ln: ln.y1), min(lines, key=lambda ln: ln.y0))}.values())


def running_lines(pages: list[PageContent]) -> set[tuple[str, str]]:
    """(file, text with its digits as ``#``) of the lines printed as the top or bottom line of at least
    :data:`RUNNING_PAGES` narrative pages (pages without a table) of one file: running headers and footers
    (``无锡市人力资源和社会保障局 2026 年度部门预算公开``).  A line without a Chinese word (a number) and a
    part or section heading are never taken for one."""
    pages_of: dict[tuple[str, str], set[int]] = {}
    for page in pages:
        if page.grids:
            continue
        for line in _edge_lines(page):
            text = line.text.strip()
            if PART_RE.match(text) or SECTION_RE.match(text) or not CHINESE_WORD_RE.search(text):
                continue
            pages_of.setdefault((page.source, _running_key(text)), set()).add(page.number)
    return {key for key, numbers in pages_of.items() if len(numbers) >= RUNNING_PAGES}


def _narrative_lines(page: PageContent, running: set[tuple[str, str]] = frozenset()) -> list:
    """The page's narrative lines: all of a page without tables; on a page where a table starts below
    the narrative, the lines above the first table's own lines (its title, label, unit and 部门 line).
    A running header or footer (``running``: (file, text) of :func:`running_lines`) is left out."""
    visible = _visible_lines(page)
    edges = {id(ln) for ln in _edge_lines(page, visible)}
    lines = [ln for ln in visible if not (id(ln) in edges and (page.source, _running_key(ln.text)) in running)]
    if not page.grids:
        return lines
    top = max(g.bbox[3] for g in page.grids)
    above = sorted((ln for ln in lines if ln.y0 > top - 2), key=lambda ln: ln.y0)  # nearest the table first
    context: list = []
    for line in above:
        near = context and line.y0 - context[-1].y1 < 1.5 * max(line.size, context[-1].size)
        same_row = any(abs(line.yc - c.yc) < line.size / 2 for c in context)
        if opens_table(line.text) or same_row or (near and abs(line.size - context[-1].size) < 0.6):
            context.append(line)
            continue
        break
    kept = [ln for ln in above if ln not in context and ln.y0 > max((c.y1 for c in context), default=top)]
    # and the narrative going on below the page's last table, after its notes (注：…) and before
    # the title of a table opening at the foot of the page
    bottom = min(g.bbox[1] for g in page.grids)
    below = sorted((ln for ln in lines if ln.y1 < bottom + 2), key=lambda ln: -ln.y1)
    notes = True
    for line in below:
        squashed = squash(line.text)
        if notes and (NOTE_RE.match(squashed) or EMPTY_NOTE_RE.search(squashed)):
            continue
        notes = False
        if opens_table(line.text):
            break
        kept.append(line)
    return sorted(kept, key=lambda ln: (-round(ln.y1), ln.x0))


def _paragraphs(page: PageContent, running: set[tuple[str, str]] = frozenset()) -> list[str]:
    lines = _narrative_lines(page, running)
    if not lines:
        return []
    margin = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    paragraphs: list[list[str]] = []
    previous, heading = "", False
    for line in lines:
        text = line.text.strip()
        starts = (
            not paragraphs
            or heading
            or line.x0 > margin + 0.8 * line.size
            or PART_RE.match(text)
            or SECTION_RE.match(text)
            or SUBSECTION_RE.match(text)
            # the 目录: its heading and each entry (…表……4) a line of their own
            or TOC_RE.fullmatch(squash(text))
            or TOC_RE.fullmatch(squash(previous))
            or CONTENTS_ENTRY_END_RE.search(previous)
        )
        previous = text
        # a heading on a line of its own (五、…情况说明, its line ending short of the text's right edge): the
        # paragraph under it starts on the next line, indented or not
        heading = bool(
            (SECTION_RE.match(text) or SUBSECTION_RE.match(text))
            and not SENTENCE_MARK_RE.search(text)
            and line.x1 < right - 2 * line.size
        )
        if starts:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
    return [join_cell_lines("\n".join(p)) for p in paragraphs]


def narrative_frame(pages: list[PageContent]) -> pd.DataFrame:
    """One row per paragraph of the narrative: pages without tables, and the text above a table that
    starts mid-page."""
    rows = []
    part = section = ""
    running = running_lines(pages)
    for page in pages:
        for text in _paragraphs(page, running):
            if PART_RE.match(text):
                part, section = text, ""
            elif TOC_RE.fullmatch(squash(text)):
                part, section = "目录", ""
            elif SECTION_RE.match(text) and len(text) < 60:
                section = text
            rows.append({"page": page.number, "part": part, "section": section, "text": text, "source": page.source})
    # the 目录 is a part of its own pages only: the text after them (before any 第X部分 heading) is none of it
    toc = _contents_pages(rows)
    for row in rows:
        if row["part"] == "目录" and row["page"] not in toc:
            row["part"] = ""
    return pd.DataFrame(rows, columns=NARRATIVE_COLUMNS)


def _contents_pages(rows: list[dict]) -> set[int]:
    """The page of the 目录's heading and the pages after it that print entries only (short lines, no sentence)."""
    pages: dict[int, list[str]] = {}
    for row in rows:
        pages.setdefault(row["page"], []).append(row["text"])
    start = next((r["page"] for r in rows if TOC_RE.fullmatch(squash(r["text"]))), None)
    if start is None:
        return set()
    out, page = {start}, start + 1
    while page in pages and all(len(squash(t)) <= 60 and "。" not in t for t in pages[page]):
        out.add(page)
        page += 1
    return out


def page_frame(pages: list[PageContent], tables: list[RawTable]) -> pd.DataFrame:
    """What each page holds: narrative, or which table(s)."""
    on_page: dict[int, list[str]] = {}
    for table in tables:
        for number in table.pages:
            on_page.setdefault(number, []).append(f"{table.label} {table.title}".strip() or "(untitled)")
    rows = []
    for page in pages:
        names = on_page.get(page.number, [])
        kind = "table" if names else ("narrative" if page.lines else "blank")
        rows.append(
            {
                "page": page.number,
                "source": page.source,
                "kind": kind,
                "tables": "; ".join(dict.fromkeys(names)),
                "lines": len(page.lines),
                "width": round(page.width, 1),
                "height": round(page.height, 1),
            }
        )
    return pd.DataFrame(rows)


def document_meta(pages: list[PageContent], tables) -> dict:
    """Title, year, kind (预算/决算), unit name and code, as printed in the document."""
    title = _cover_title(pages)
    text = "\n".join(ln.text for p in pages[:3] for ln in p.lines)
    years = YEAR_RE.findall(title) or YEAR_RE.findall(text)
    kind = "决算" if "决算" in (title or text[:200]) else "预算"
    orgs = Counter()
    for table in tables:
        line = re.sub(r"^.*?[:：]", "", table.org_line).strip()
        if line:
            orgs[line] += 1
    unit_codes = Counter()
    for table in tables:
        for column, k in table.column_kinds.items():
            if k == "code" and "单位" in column:
                unit_codes.update(v for v in table.df[column] if v and len(str(v)) >= 6)
    return {
        "title": title,
        "year": int(years[0]) if years else None,
        "kind": kind,
        "unit_name": orgs.most_common(1)[0][0]
        if orgs
        else (_unit_from_title(title) or _cover_unit(pages) or _unit_from_text(_all_text(pages))),
        "unit_code": unit_codes.most_common(1)[0][0] if unit_codes else "",
        "pages": len(pages),
    }


def _all_text(pages: list[PageContent]) -> str:
    return "\n".join(ln.text for p in pages for ln in p.lines)


#: the largest type of a page that is no document's title: a part heading, the 目录, a section heading
NOT_A_COVER_TITLE_RE = re.compile(r"^第[一二三四五六七八九十]+部分|^目\s*录|^[一二三四五六七八九十]+、")


def _cover_title(pages: list[PageContent]) -> str:
    """The document's title: the largest type naming a 预算/决算 on the first pages (the cover may be an image).

    A table's title is no document's title: a file of tables that opens with its first table
    (2019年部门收支预算总表) has none, unless a cover page names it."""
    for page in pages[:5]:
        lines = [ln for ln in page.lines if ln.text.strip()]
        if not lines:
            continue
        size = max(ln.size for ln in lines)
        title = "".join(ln.text.strip() for ln in lines if ln.size >= size - 0.6)
        if spec_for_title(title) is not UNKNOWN:
            return ""
        if re.search(r"预算|决算", title) and not NOT_A_COVER_TITLE_RE.match(title):
            return title
    return ""


def _cover_unit(pages: list[PageContent]) -> str:
    """A body named on a line of its own on the cover (江苏省某某厅 above 2019年部门预算)."""
    page = next((p for p in pages[:2] if p.lines and not p.grids), None)
    if page is None:
        return ""
    for line in sorted(page.lines, key=lambda ln: -ln.size):
        name = re.sub(r"\s+", "", line.text)
        if 4 <= len(name) <= 30 and not re.search(r"\d", name) and _names_a_body(name):
            return name
    return ""


def _names_a_body(name: str) -> bool:
    """``中共江苏省委办公厅``, ``泉州市公安局（本级）``: a body's name (not 部门, 单位, 收支 …)."""
    bare = re.sub(r"[（(][^）)]*[)）]$", "", name)
    return bare not in ("部门", "单位") and ORG_NAME_RE.search(bare) is not None


#: how the name of a body ends (办公厅, 委员会, 局, 大学 …)
ORG_NAME_RE = re.compile(
    r"(?:办公厅|委员会|办公室|管理中心|中心|大学|学院|学校|厅|局|委|院|会|部|所|站|馆|处|队|社|政府)$"
)
ORG_BEFORE_YEAR_RE = re.compile(
    r"([\u4e00-\u9fff（）()]{2,30}?(?:办公厅|委员会|办公室|管理中心|中心|大学|学院|学校|厅|局|委|院|会|部|所|站|馆|处|队|社))"
    r"\s*20\d{2}\s*年"
)


def _unit_from_text(text: str) -> str:
    """The organisation the narrative names most often before a year (``江苏省政协办公厅2019年度…``)."""
    names = Counter(m.group(1) for m in ORG_BEFORE_YEAR_RE.finditer(text.replace(" ", "")))
    return names.most_common(1)[0][0] if names else ""


def _unit_from_title(title: str) -> str:
    """The body a document's title names before its year or kind (``中共江苏省委办公厅2018年部门预算``), or
    ``""`` when the title names none (``2019年部门预算公开报表``)."""
    match = re.search(
        r"(?:20\d{2}\s*年(?:度)?)?(?P<name>.+?)(?:20\d{2}\s*年(?:度)?)?(?:部门|单位)?(?:预算|决算)", title
    )
    name = match.group("name").strip() if match else ""
    return name if _names_a_body(name) else ""
