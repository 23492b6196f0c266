"""How completely the tidy table covers the amounts printed inside table regions.

An independent count: every decimal number in the page text that lies inside a
ruled table region, against the ``amount_printed`` of the tidy rows of that
page.  Recall = printed amounts found in tidy; precision = tidy amounts that
are printed there.  Used to check extraction on documents without hand truth.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .reader import PageContent

DECIMAL_RE = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+\.\d+")


@dataclass
class Coverage:
    printed: int
    extracted: int
    found: int
    genuine: int

    @property
    def recall(self) -> float:
        return self.found / self.printed if self.printed else 1.0

    @property
    def precision(self) -> float:
        return self.genuine / self.extracted if self.extracted else 1.0


def printed_amounts(page: PageContent) -> Counter:
    """Decimal numbers printed inside the page's ruled table regions."""
    found: Counter = Counter()
    for line in page.lines:
        if any(
            g.bbox[0] - 2 <= line.xc <= g.bbox[2] + 2 and g.bbox[1] - 2 <= line.yc <= g.bbox[3] + 2 for g in page.grids
        ):
            found.update(m.replace(",", "") for m in DECIMAL_RE.findall(line.text.replace(" ", "")))
    return found


def coverage(pages: list[PageContent], tidy, indicators=None) -> Coverage:
    """Coverage of ``tidy`` (and of the indicator targets and weights, when given)."""
    printed: Counter = Counter()
    for page in pages:
        printed.update({(page.number, k): v for k, v in printed_amounts(page).items()})
    extracted_decimal: Counter = Counter(
        (int(p), str(a).replace(" ", "").replace(",", ""))
        for p, a in zip(tidy.page, tidy.amount_printed, strict=True)
        if DECIMAL_RE.fullmatch(str(a).replace(" ", ""))
    )
    if indicators is not None and len(indicators):
        for column in ("target", "weight"):
            extracted_decimal.update(
                (int(p), str(v).replace(",", ""))
                for p, v in zip(indicators.page, indicators[column], strict=True)
                if v is not None and DECIMAL_RE.fullmatch(str(v).replace(",", ""))
            )
    both = printed & extracted_decimal
    return Coverage(
        printed=sum(printed.values()),
        extracted=sum(extracted_decimal.values()),
        found=sum(both.values()),
        genuine=sum(both.values()),
    )
