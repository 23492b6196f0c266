"""What a PDF prints, read with another reader than the package's (pdfplumber, on pdfminer.six).

The reference of the coverage tests and of ``benchmarks/realworld_coverage.py``:
every amount printed in a cell of the ruled tables pdfplumber finds
(``page.find_tables()``), and every number printed on the page, per page.  The
package's own grids are never used, so a table the package misses is counted.

An amount is a word that reads as one: digits with thousands separators or one
or two decimals (``5,601.00``, ``0.76``), possibly run into the Chinese text of
the next cell (``304,413,900一、教育支出``) but not into other figures or
symbols (``49.5×20×10`` is a size, not an amount).  Words outside the page's
visible area are not printed and are not counted.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

AMOUNT_WORD_RE = re.compile(
    r"^(-?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:,\d{3})+|\d+\.\d{1,2}))(?:$|(?=[\u4e00-\u9fff]))"
)
#: any printed number (decimals limited to two, so that adjacent cells run together split apart)
NUMBER_RE = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|-?\d+(?:,\d{3})+|-?\d+(?:\.\d{1,2})?")


def norm(text: str) -> str:
    try:
        return str(Decimal(str(text).replace(",", "").strip()).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        return ""


@dataclass
class Printed:
    #: page → amounts printed inside ruled table regions
    in_tables: dict[int, Counter]
    #: page → every number printed on the page
    numbers: dict[int, Counter]


def printed(path: str | Path) -> Printed:
    import pdfplumber

    in_tables: dict[int, Counter] = {}
    numbers: dict[int, Counter] = {}
    with warnings.catch_warnings(), pdfplumber.open(str(path)) as pdf:
        warnings.simplefilter("ignore")
        for number, page in enumerate(pdf.pages, start=1):
            words = [
                w
                for w in page.extract_words()
                if 0 <= w["x0"] and w["x1"] <= page.width and 0 <= w["top"] and w["bottom"] <= page.height
            ]
            numbers[number] = Counter(norm(m) for w in words for m in NUMBER_RE.findall(w["text"]))
            found: Counter = Counter()
            for amount in _cell_amounts(page.find_tables(), words):
                found[amount] += 1
                numbers[number][amount] += 1  # an amount wrapped in its cell is printed whole
            if found:
                in_tables[number] = found
    return Printed(in_tables, numbers)


def _cell_amounts(tables, words) -> list[str]:
    """The amounts printed in a page's pdfplumber tables, cell by cell (each word in the smallest cell
    holding it): a cell printing one amount, wrapped over lines or not (``24995.9`` / ``4``), or with its
    unit (``280.7万元``); in other cells, the words that are amounts (a figure inside a sentence,
    ``每平米 50.4元``, is none)."""
    cells = sorted({c for t in tables for c in t.cells}, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]))
    held: dict[tuple, list] = {}
    for w in words:
        x, y = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        cell = next((c for c in cells if c[0] - 1 <= x <= c[2] + 1 and c[1] - 1 <= y <= c[3] + 1), None)
        if cell is not None:
            held.setdefault(cell, []).append(w)
    out = []
    for inside in held.values():
        text = "".join(w["text"] for w in sorted(inside, key=lambda w: (round(w["top"]), w["x0"])))
        whole = CELL_AMOUNT_RE.match(text)
        if whole:
            out.append(norm(whole.group(1)))
        elif not re.search(r"[\u4e00-\u9fff]{4,}", text):  # running text: its figures are no amounts
            out += [norm(m.group(1)) for w in inside if (m := AMOUNT_WORD_RE.match(w["text"]))]
    return out


#: a cell that prints one amount (and its unit)
CELL_AMOUNT_RE = re.compile(r"^(-?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:,\d{3})+|\d+\.\d{1,2}))(?:万元|元)?$")


@dataclass
class Coverage:
    printed: int
    found: int
    extracted: int
    genuine: int
    missed: dict[int, list[str]]
    invented: dict[int, list[str]]

    @property
    def recall(self) -> float:
        return self.found / self.printed if self.printed else 1.0

    @property
    def precision(self) -> float:
        return self.genuine / self.extracted if self.extracted else 1.0


def coverage(reference: Printed, tidy, indicators=None) -> Coverage:
    """Recall of the printed table amounts in ``tidy`` (and the indicators' targets and weights), per page;
    precision: the share of extracted amounts printed on their page."""
    got: dict[int, Counter] = {}
    for page, text in zip(tidy.page, tidy.amount_printed, strict=True):
        got.setdefault(int(page), Counter())[norm(text)] += 1
    if indicators is not None and len(indicators):
        for column in ("target", "weight"):
            for page, value in zip(indicators.page, indicators[column], strict=True):
                value = norm(value) if value is not None else ""
                if value:
                    got.setdefault(int(page), Counter())[value] += 1
    found = sum(sum((c & got.get(p, Counter())).values()) for p, c in reference.in_tables.items())
    genuine = sum(sum((c & reference.numbers.get(p, Counter())).values()) for p, c in got.items())
    missed = {p: sorted((c - got.get(p, Counter())).elements()) for p, c in reference.in_tables.items()}
    invented = {p: sorted((c - reference.numbers.get(p, Counter())).elements()) for p, c in got.items()}
    return Coverage(
        printed=sum(sum(c.values()) for c in reference.in_tables.values()),
        found=found,
        extracted=sum(sum(c.values()) for c in got.values()),
        genuine=genuine,
        missed={p: v for p, v in missed.items() if v},
        invented={p: v for p, v in invented.items() if v},
    )
