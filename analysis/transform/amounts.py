"""Printed amounts to exact decimals, and the 万元/元 units.

``parse_amount`` never guesses: text that is clearly meant as a number but is
malformed raises ``ValueError``; text that is not a number at all returns
``None`` and blanks or dashes mean "nothing printed".  Some templates print only
the last thousands separator (``120258,600`` for 120,258,600): groups after the
first are still exactly three digits, so the number is unambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

#: Printed forms of "nothing here".
BLANKS = {"", "-", "--", "—", "——", "－", "─", "/", "\\", "…"}

#: the accounting marks of a decrease: ``△12.50`` (or ``▲12.50``) is printed for −12.50
DECREASE_MARKS = "△▲"

_NUMBER = re.compile(
    r"""^(?P<neg>[-−△▲])?          # leading minus, or the accounting mark of a decrease (△12.50)
        (?P<open>\()?              # or parentheses for negatives
        (?P<neg2>[-−])?
        (?P<int>\d{1,3}(?:,\d{3})+|\d+(?:,\d{3})+|\d+)  # a misplaced first separator (120258,600) too
        (?P<frac>\.\d+)?
        (?P<close>\))?
        (?P<pct>%)?$""",
    re.VERBOSE,
)
_LOOKS_NUMERIC = re.compile(r"^[-−△▲(]?[\d,.]+[)%]?$")

#: Money units and their factor to 万元: the one declaration of the units amounts are printed in.
UNIT_FACTORS: dict[str, Decimal] = {
    "亿元": Decimal(10000),
    "百万元": Decimal(100),
    "万元": Decimal(1),
    "千元": Decimal("0.1"),
    "元": Decimal("0.0001"),
}
#: the money units as a regular-expression alternation, longest first (百万元 before 万元, 亿元 before 元)
MONEY_UNIT_PATTERN = "|".join(sorted(UNIT_FACTORS, key=len, reverse=True))
#: the currency a unit line may name before its unit (单位：人民币万元)
_CURRENCY = r"(?:人民币\s*)?"
#: a unit line: 金额单位：万元, 单位：人民币元, or the count a table of counts is in (单位：人, never 人民币)
UNIT_LINE_PATTERN = rf"(?:金额)?单\s*位\s*[:：]\s*{_CURRENCY}(?:{MONEY_UNIT_PATTERN}|人(?!民币)|个|辆)"
_UNIT_LINE = re.compile(rf"(?:金额)?单\s*位\s*[:：]\s*{_CURRENCY}(?P<unit>{MONEY_UNIT_PATTERN}|人(?!民币)|个|辆)")
#: a unit line of money only: what opens a table of amounts
MONEY_UNIT_LINE_PATTERN = rf"(?:金额)?单\s*位\s*[:：]\s*{_CURRENCY}(?:{MONEY_UNIT_PATTERN})"
#: a unit in brackets, as a column heading or a form's label prints it: 预算数（万元）
BRACKETED_UNIT_RE = re.compile(rf"[(（]({MONEY_UNIT_PATTERN})[)）]")


#: a unit stated in a note printed under or above a table, not on a unit line of its own:
#: 注：本表金额单位为元。  金额单位为万元  （金额单位：元）  单位均为万元  以万元为单位
_UNIT_NOTE = re.compile(
    rf"(?:金额)?单位(?:均|都)?(?:为|是|[:：]){_CURRENCY}(?P<unit>{MONEY_UNIT_PATTERN})"
    rf"|以{_CURRENCY}(?P<unit2>{MONEY_UNIT_PATTERN})为(?:金额)?(?:计量)?单位"
)


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def normalise_number_text(text: str) -> str:
    """Full-width digits and punctuation to ASCII, spaces removed."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", text).replace("，", ",")


def parse_amount(text: str) -> Decimal | None:
    """``"5,601.00"`` -> ``Decimal("5601.00")``; blanks and dashes -> ``None``.

    Negative amounts may be printed with a minus sign, in parentheses or after the accounting mark
    of a decrease (``△12.50`` → ``Decimal("-12.50")``).
    Raises ``ValueError`` for text that looks numeric but is malformed
    (``"1,23.4"``, ``"5.601.00"``); returns ``None`` for words.
    """
    value, malformed = _read_amount(text)
    if malformed:
        raise ValueError(malformed)
    return value


@lru_cache(maxsize=1 << 16)
def _read_amount(text: str) -> tuple[Decimal | None, str]:
    """:func:`parse_amount`'s figure, or why the text is a malformed number (a text is read once: a table
    prints the same figures over and over, and each cell is read for its column's kind and its amount)."""
    raw = normalise_number_text(text)
    if raw in BLANKS:
        return None, ""
    match = _NUMBER.match(raw)
    if match is None:
        if _LOOKS_NUMERIC.match(raw) and any(ch.isdigit() for ch in raw):
            return None, f"malformed number {text!r}"
        return None, ""
    if bool(match.group("open")) != bool(match.group("close")):
        return None, f"unbalanced parentheses in {text!r}"
    digits = match.group("int").replace(",", "") + (match.group("frac") or "")
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise ValueError(f"malformed number {text!r}") from exc
    if match.group("neg") or match.group("neg2") or match.group("open"):
        value = -value
    return value, ""


def is_amount_text(text: str) -> bool:
    """True if ``text`` reads as a number (a malformed number counts as one)."""
    try:
        return parse_amount(text) is not None
    except ValueError:
        return True


@lru_cache(maxsize=1 << 12)
def unit_from_line(text: str) -> str | None:
    """The unit named by a ``金额单位：万元`` / ``单位：元`` line, else ``None``."""
    match = _UNIT_LINE.search(unicodedata.normalize("NFKC", text).replace(" ", ""))
    return match.group("unit") if match else None


def unit_from_note(text: str) -> str | None:
    """The money unit a note states for its table (``注：本表金额单位为元。``, ``金额单位为万元``,
    ``（金额单位：元）``, ``以万元为单位``), else ``None``."""
    match = _UNIT_NOTE.search(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))
    return (match.group("unit") or match.group("unit2")) if match else None


#: an amount with the unit it is stated in, in running text (1,234.56万元)
_AMOUNT_IN_TEXT = re.compile(rf"\d(?:[\d,]*\d)?(?:\.\d+)?\s*(?P<unit>{MONEY_UNIT_PATTERN})")


def unit_of_text(texts: list[str], share: float = 2 / 3, least: int = 3) -> str | None:
    """The money unit the amounts of running text (a budget's narrative) are stated in: the unit of at
    least ``share`` of them, when at least ``least`` amounts are stated with a unit; else ``None``."""
    counts: dict[str, int] = {}
    for text in texts:
        for match in _AMOUNT_IN_TEXT.finditer(unicodedata.normalize("NFKC", text)):
            counts[match.group("unit")] = counts.get(match.group("unit"), 0) + 1
    total = sum(counts.values())
    if total < least:
        return None
    unit, count = max(counts.items(), key=lambda item: item[1])
    return unit if count >= share * total else None


def is_money_unit(unit: str) -> bool:
    """True for a unit of money (万元, 元 …), not of a count (人, 个)."""
    return unit in UNIT_FACTORS


def to_wanyuan(value: Decimal, unit: str) -> Decimal:
    """Exact conversion of an amount printed in ``unit`` to 万元 (counts unchanged)."""
    factor = UNIT_FACTORS.get(unit)
    if factor is None:
        return value
    return value * factor


_WITH_UNIT = re.compile(rf"^(?P<number>[-−△▲(]?[\d,.]+\)?)(?P<unit>{MONEY_UNIT_PATTERN})$")


def split_unit(text: str) -> tuple[str, str | None]:
    """An amount printed with its unit (``280.7万元``, as forms print their funds): the number as
    printed and the unit; any other text is returned whole, with no unit."""
    raw = normalise_number_text(text)
    match = _WITH_UNIT.match(raw)
    if match is None or not any(ch.isdigit() for ch in match.group("number")):
        return text.strip(), None
    return match.group("number"), match.group("unit")


#: an amount a narrow cell or a page break cut short of its two decimals (``7,404.6``, ``98,288.``) or before its
#: point (``132,703``), and the piece printed on the next line or page (``6``, ``79``; ``.82``)
CUT_AMOUNT_RE = re.compile(r"^-?\d[\d,]*\.(?P<decimals>\d?)$")
CUT_BEFORE_POINT_RE = re.compile(r"^-?\d{1,3}(?:,\d{3})+$")
WRAPPED_PIECE_RE = re.compile(r"^(?:\d{1,2}|\.\d\d)$")


def completed_amount(head: str, tail: str) -> str | None:
    """The amount a cell cut short and the piece wrapped from it make (``7,404.6`` + ``6`` → ``7,404.66``;
    ``132,703`` + ``.82`` → ``132,703.82``): two decimals, as the tables print them; ``None`` when they make
    none."""
    cut = CUT_AMOUNT_RE.match(head)
    if cut and re.fullmatch(r"\d{1,2}", tail) and len(cut["decimals"]) + len(tail) == 2:
        return head + tail
    if CUT_BEFORE_POINT_RE.match(head) and re.fullmatch(r"\.\d\d", tail):
        return head + tail
    return None
