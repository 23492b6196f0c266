"""The document's 目录: which tables it says it prints.

A 目录 lists the tables by label and title (``表1 收支总表 …… 15``, ``公开01表：收支预算总表``)
or by enumerated title under the tables' part heading (``一、收支总表``).  An entry
is a line of the 目录 pages that opens with a label form of the templates
(:data:`analysis.specs.LABEL_FORMS`) or an enumerator, and whose title names a
table (ends in 表, dot leaders and a page number aside).  Each entry is matched
with the tables read: by label where both print one, else by the standard
table the title names, else by title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.pages import match_label
from ..specs import TABLE_NAME_RE, UNKNOWN, spec_for_title
from ..text import ENUMERATOR_RE, squash

CONTENTS_HEADING_RE = re.compile(r"^目录$")
#: dot leaders and the page number at the end of an entry
LEADER_RE = re.compile(r"[.．…·\s\-—]*\d*\s*$")
#: a part heading naming the tables as a whole (二、部门预算报表, 五、单位预算表), not one table
PART_HEADING_RE = re.compile(r"报表$|^(?:部门|单位)?(?:预算|决算)(?:公开)?表$")
#: pages after the 目录 heading that may still carry entries
CONTENTS_PAGES = 3


@dataclass(frozen=True)
class ContentsEntry:
    label: str
    title: str
    page: int

    @property
    def name(self) -> str:
        return f"{self.label} {self.title}".strip()


def contents_pages(narrative) -> set[int]:
    """Pages that print the 目录 (its heading, and the pages its entries run on to)."""
    return {e.page for e in contents_entries(narrative)} | set(_heading_pages(narrative))


def _heading_pages(narrative) -> list[int]:
    if narrative is None or narrative.empty:
        return []
    return [p for p, t in zip(narrative.page, narrative.text, strict=True) if CONTENTS_HEADING_RE.match(squash(str(t)))]


def contents_entries(narrative) -> list[ContentsEntry]:
    """The tables the 目录 lists, in order (empty when the document prints no 目录)."""
    if narrative is None or narrative.empty:
        return []
    pages = narrative.page.tolist()
    texts = [str(t) for t in narrative.text]
    starts = [pages[i] for i, t in enumerate(texts) if CONTENTS_HEADING_RE.match(squash(t))]
    if not starts:
        return []
    first = starts[0]
    out: list[ContentsEntry] = []
    for page, text in zip(pages, texts, strict=True):
        if not first <= page < first + CONTENTS_PAGES:
            continue
        entry = _entry(text, page)
        if entry is not None:
            out.append(entry)
    # the entries run on from the 目录 page: stop at the first page after it without any
    kept, last = [], first
    for entry in out:
        if entry.page > last + 1:
            break
        kept.append(entry)
        last = entry.page
    return kept


def _entry(text: str, page: int) -> ContentsEntry | None:
    text = LEADER_RE.sub("", text.strip())
    label = ""
    match = match_label(text)
    text = squash(text)
    if match:
        label, text = squash(match.group("label")), squash(match.group("rest"))
    elif ENUMERATOR_RE.match(text):
        text = ENUMERATOR_RE.sub("", text)
    else:
        return None
    if not text or len(text) > 60 or not TABLE_NAME_RE.search(text) or PART_HEADING_RE.search(text):
        return None
    return ContentsEntry(label, text, page)


def printed_table(entry: ContentsEntry, tables) -> object | None:
    """The table read for ``entry``, or ``None`` when the document does not print it."""
    if entry.label:
        labelled = [t for t in tables if t.label and squash(t.label) == entry.label]
        if labelled:
            return labelled[0]
    spec = spec_for_title(entry.title)
    titled = [
        t for t in tables if squash(t.title) and (squash(t.title) in entry.title or entry.title in squash(t.title))
    ]
    if titled:
        return titled[0]
    if spec is not UNKNOWN:
        keyed = [t for t in tables if t.key == spec.key]
        if keyed:
            return keyed[0]
    return None


def missing_from_contents(narrative, tables) -> list[ContentsEntry]:
    """Entries of the 目录 that no table read matches."""
    return [e for e in contents_entries(narrative) if printed_table(e, tables) is None]


def titles_from_contents(tables, narrative) -> None:
    """A table printed with its label but no title (the title drawn as an image, or not printed) takes
    the title the 目录 gives that label; its ``title_source`` says so."""
    entries = {e.label: e for e in contents_entries(narrative) if e.label}
    for table in tables:
        entry = entries.get(squash(table.label)) if table.label and not squash(table.title) else None
        if entry is not None:
            table.title, table.title_source = entry.title, "contents"
            table.notes.append(f"no title printed: its title is the 目录's for {entry.label} (page {entry.page})")
