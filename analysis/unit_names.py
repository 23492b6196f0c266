"""When two printed names are of the same body (部门 or 单位): the one rule for every place that asks.

Reading a budget published as two files (are they halves of one body's
budget?) and pairing a budget with its final accounts (are they of one unit?)
both ask it.  Names are compared without spaces and bracketed parts
(``（本级）``), NFKC-normalised; one may carry a prefix the other leaves out
(中共江苏省委办公厅 / 江苏省委办公厅) or be its short form, every character in
order (江苏省人大常委会办公厅 / 江苏省人民代表大会常务委员会办公厅).
"""

from __future__ import annotations

import re

from .text import squash

BRACKETED_RE = re.compile(r"[（(][^）)]*[）)]")


def unit_key(name: str) -> str:
    """A unit name for matching: no spaces, no bracketed parts (``（本级）``), NFKC."""
    return BRACKETED_RE.sub("", squash(name or ""))


def same_unit(a: str, b: str) -> bool | None:
    """True/False for two printed unit names; ``None`` when one is not printed (nothing to compare)."""
    a, b = unit_key(a), unit_key(b)
    if not a or not b:
        return None
    short, long = sorted((a, b), key=len)
    return short in long or _in_order(short, long)


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)
