"""Small text helpers shared by the extraction stages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
#: a Chinese character (a name prints one; a code, an amount or a line number none)
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
#: a row's total word, anywhere in a squashed label: a whole's (合计, 总计) or a part's (小计); a row printing one
#: closes a listing (the classification's levels start again below it)
TOTAL_RE = re.compile(r"合计|总计|小计")
#: a whole's total word (合计, 总计), not a part's
WHOLE_TOTAL_RE = re.compile(r"合计|总计")
#: an outline enumerator opening a name, a heading or a title — 一、 （一） (1) 1. 1、 1． — on text as printed or
#: squashed (NFKC); never a figure (2.5), a year (2026年) or a code (201)
ENUMERATOR_RE = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）][、.．]?|\d{1,3}[.、．](?!\d))"
)
#: a line printing a page number alone (3, — 3 —, 第3页, 3/12, 第3页共20页)
PAGE_NUMBER_RE = re.compile(
    r"^[-－—\s]*(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?[-－—\s]*$|^\d+\s*/\s*\d+$"
)


def join_cell_lines(text: str) -> str:
    """Rejoin a cell's wrapped lines: ``"伙食补助\\n费"`` -> ``"伙食补助费"``.

    Chinese has no spaces between words, so wrapped lines are glued directly;
    only two Latin letters or digits meeting at the break get a space.
    Spaces inside a line (``"合 计"``) are kept as printed.
    """
    # a space before a line break is kept ("1. \n系统建设" -> "1. 系统建设")
    parts = [p.lstrip().rstrip("\r\n") for p in text.splitlines()]
    parts = [p for p in parts if p.strip()]
    parts = [p if p.endswith(" ") and not p.endswith("  ") else p.rstrip() for p in parts]
    if parts:
        parts[-1] = parts[-1].rstrip()
    if not parts:
        return ""
    out = parts[0]
    for part in parts[1:]:
        if _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(part[0]) and not (out[-1].isdigit() or part[0].isdigit()):
            out += " " + part
        else:
            out += part
    return out


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """Text without any whitespace, NFKC-normalised: for matching, never for output."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
