"""Tables formatted for reading: the one helper every table of the notebooks and the report goes through.

The data stay exact (``Decimal`` amounts, unrounded shares); only what is
shown is rounded.  :func:`show` returns a pandas ``Styler``:

- amounts (``Decimal`` or float values, or a column named ``amount``) with
  thousands separators and 2 decimals: ``4,928.27``;
- shares and rates (a column, or column level, named ``share``/``rate`` or
  ``…_share``/``…_rate``/``share_…``) with 2 decimals and ``%``: ``87.99%``;
- whole numbers (pages, counts, years) as they are; text as it is.

``amount_text`` and ``percent_text`` give the same formats for one number
(chart labels, the report's prose).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

from .model import Table
from .schema import missing

#: column names (or levels of a column name) shown as percentages
PERCENT_NAME = re.compile(r"^(share|rate)(_|$)|_(share|rate)$")
#: columns holding amounts even when they are text (the tidy table's ``amount`` is plain digits)
AMOUNT_NAMES = frozenset({"amount"})
CENT = Decimal("0.01")


def _decimal(value) -> Decimal | None:
    if missing(value):
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None


def amount_text(value) -> str:
    """``4928.27`` → ``4,928.27`` (2 decimals, half up); blank for none; text that is no number as it is."""
    number = _decimal(value)
    if number is None:
        return "" if missing(value) else str(value)
    return f"{number.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def percent_text(value) -> str:
    """``87.989…`` → ``87.99%``; blank for none."""
    number = _decimal(value)
    if number is None:
        return "" if missing(value) else str(value)
    return f"{number.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}%"


def number_text(value) -> str:
    """A whole number as it is; any other number with 2 decimals (no separators: pages, years, counts)."""
    if missing(value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return str(value)
    if isinstance(value, int) or type(value).__name__.startswith("int"):
        return str(value)
    number = _decimal(value)
    if number is None:
        return str(value)
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.quantize(CENT, rounding=ROUND_HALF_UP):.2f}"


@dataclass(frozen=True)
class Link:
    """A cell shown as a link (the report links figures to their tables)."""

    text: str
    href: str

    def __str__(self) -> str:
        return self.text


def link_html(value) -> str:
    if isinstance(value, Link):
        return f'<a href="{html.escape(value.href)}">{html.escape(value.text)}</a>'
    return "" if missing(value) else html.escape(str(value))


def _names(column) -> list[str]:
    return [str(level) for level in column] if isinstance(column, tuple) else [str(column)]


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) or type(value).__name__.startswith(("int", "float"))


def column_kind(frame: pd.DataFrame, column) -> str:
    """``percent``, ``amount``, ``number`` or ``text``: how a column is shown."""
    names = _names(column)
    if any(PERCENT_NAME.search(n) for n in names):
        return "percent"
    if any(n in AMOUNT_NAMES for n in names):
        return "amount"
    values = [v for v in frame[column].tolist() if not missing(v)]
    if values and any(isinstance(v, Link) for v in values):
        return "link"
    if values and all(isinstance(v, (Decimal, float)) and not isinstance(v, bool) for v in values):
        if all(isinstance(v, float) for v in values) and all(float(v).is_integer() for v in values):
            return "number"  # counts that went through a float column
        return "amount"
    if values and all(_is_number(v) for v in values):
        return "number"
    return "text"


FORMATTERS = {"percent": percent_text, "amount": amount_text, "number": number_text, "link": link_html}


def table_kinds(table: Table) -> dict[str, str]:
    """A typed table's money columns as amounts, its count columns as whole numbers."""
    kinds = table.column_kinds.items()
    return {c: ("amount" if k == "money" else "number") for c, k in kinds if k in ("money", "count")}


def show(
    data,
    kinds: Mapping[str, str] | None = None,
    index: bool | None = None,
    max_rows: int | None = None,
    row_numbers: bool = False,
):
    """``data`` (a DataFrame, a :class:`~analysis.model.Table`, a dict of figures) as a formatted ``Styler``.

    ``kinds`` overrides the kind of some columns (``{"weight": "number"}``);
    ``index``: show the index (default: when it is named or not integers);
    ``max_rows``: the first rows only; ``row_numbers``: number the rows 1, 2 …
    as readers count them (index ``行``).
    """
    declared: dict = {}
    if isinstance(data, Table):
        data, declared = data.df, table_kinds(data)
    elif isinstance(data, Mapping):
        data = pd.DataFrame([dict(data)])
    elif isinstance(data, pd.Series):
        data = data.to_frame()
    frame = data.head(max_rows) if max_rows else data
    if row_numbers:
        frame = frame.set_axis(pd.RangeIndex(1, len(frame) + 1, name="行"))
    declared.update(kinds or {})
    formats = {}
    for column in frame.columns:
        kind = declared.get(column) or column_kind(frame, column)
        if kind in FORMATTERS:
            formats[column] = FORMATTERS[kind]
    styler = frame.style.format(formats, na_rep="", escape="html")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    numeric = [c for c, f in formats.items() if f is not link_html]
    text = [c for c in frame.columns if c not in numeric]
    if frame.columns.is_unique:  # numbers to the right, text to the left (one CSS rule per column)
        sides = {c: "right" for c in numeric} | {c: "left" for c in text}
        rules = {c: [{"selector": "", "props": [("text-align", side)]}] for c, side in sides.items()}
        styler = styler.set_table_styles(rules, overwrite=False)
    if index is None:  # a named or non-integer index (codes, names) carries meaning; row numbers do not
        index = any(n is not None for n in frame.index.names) or not pd.api.types.is_integer_dtype(frame.index)
    if not index:
        styler = styler.hide(axis="index")
    return styler


def html_table(data, table_id: str = "t", classes: str = "data", **kwargs) -> str:
    """:func:`show` as an HTML fragment (the report), cells with ids ``T_{table_id}_row{r}_col{c}``."""
    styler = show(data, **kwargs)
    styler.set_uuid(table_id)
    return styler.to_html(table_attributes=f'class="{classes}"')
