"""The objects users hold: :class:`Table` and :class:`Budget`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .schema import TIDY
from .specs import TableSpec
from .text import WHOLE_TOTAL_RE

#: columns of the tidy table, in order (the data contract of conventions.md; declared in analysis.schema)
TIDY_COLUMNS = TIDY.names


class ColumnLists:
    """Read-only ``.at[i, column]`` and ``[column]`` over a DataFrame held as lists.

    Validation and the tidy table read cells one by one; pandas' ``.at`` costs
    tens of microseconds a call, a list index almost nothing.
    """

    def __init__(self, frame: pd.DataFrame | None = None) -> None:
        self._columns = {c: frame[c].tolist() for c in frame.columns} if frame is not None else {}
        self._rows = len(frame) if frame is not None else 0

    @classmethod
    def of_columns(cls, columns: dict[str, list], rows: int) -> ColumnLists:
        """Lists read as the columns of a frame of ``rows`` rows (each list that long)."""
        out = cls()
        out._columns, out._rows = columns, rows
        return out

    @property
    def at(self) -> ColumnLists:
        return self

    @property
    def empty(self) -> bool:
        return self._rows == 0 or not self._columns

    def __getitem__(self, key):
        if isinstance(key, tuple):
            row, column = key
            return self._columns[column][row]
        return self._columns[key]

    def __len__(self) -> int:
        return self._rows


#: the columns of :meth:`Budget.validation_report`, one row per table (none for a document without tables)
VALIDATION_REPORT_COLUMNS = [
    "table",
    "key",
    "pages",
    "rows",
    "unit",
    "title_source",
    "empty",
    "text_only",
    "reader",
    "checks",
    "failed",
    "not_run",
    "status",
]


def row_units(table: Table, label_columns, codes) -> list[tuple[str, str]]:
    """The unit (单位编码, 单位名称) each row of a table belongs to, where the table prints unit codes.

    ``label_columns`` are the columns naming the rows (a side's, in a table printed side by side) and
    ``codes`` holds each row's ``func_code``, ``econ_code`` and ``unit_code`` (``row_code_frame``).
    A row printing a unit code is that unit's — unless the code is the row's own function or economic
    code printed in the unit column.  A unit's own row (a unit code and no other code: ``001002 |
    某某中心``) names the unit (its first name cell), and the rows beneath it are the unit's, down to the
    next unit's row or a 合计/总计 row.  Rows before any unit, and 合计/总计 rows printing no unit code,
    belong to none: ``("", "")``.
    """
    return table.memo(("units", tuple(label_columns)), lambda: _row_units(table, list(label_columns), codes))


def _row_units(table: Table, label_columns: list[str], codes) -> list[tuple[str, str]]:
    data = table.lists()
    n = len(table.df)
    text_columns = [c for c in label_columns if table.column_kinds[c] == "text"]
    labels = ["".join(str(data[c][i] or "") for c in label_columns) for i in range(n)]
    names = [next((str(data[c][i]) for c in text_columns if data[c][i]), "") for i in range(n)]
    own = []
    for i in range(n):
        unit = codes.at[i, "unit_code"] or ""
        if unit and unit in (codes.at[i, "func_code"], codes.at[i, "econ_code"]):
            unit = ""  # 50501 printed in the 单位代码 column of an economic table is the row's class
        own.append(unit)
    other_codes = ("func_code", "econ_code", "income_code")
    unit_rows = {i for i in range(n) if own[i] and not any(codes.at[i, k] for k in other_codes)}
    unit_names: dict[str, str] = {}
    for i in sorted(unit_rows):
        unit_names.setdefault(own[i], names[i])
    out, current = [], ("", "")
    for i in range(n):
        if own[i]:
            unit = (own[i], unit_names.get(own[i], ""))
            if i in unit_rows:
                current = unit
            out.append(unit)
        elif WHOLE_TOTAL_RE.search(re.sub(r"\s", "", labels[i])):
            current = ("", "")
            out.append(current)
        else:
            out.append(current)
    return out


#: columns of :attr:`Budget.problems`
PROBLEM_COLUMNS = ["kind", "file", "page", "table", "row", "column", "text", "reason"]


@dataclass(frozen=True)
class Problem:
    """Something printed that could not be read: the rest of the document is read all the same.

    ``kind``: ``cell`` (a cell of an amount column that is neither an amount nor a header),
    ``coverage`` (a page prints a table, or part of one, that no reader read), ``illegible`` (a page
    whose text cannot be read: a font without a Unicode map, a scan, a damaged stream), ``hidden``
    (amounts drawn outside the page or its CropBox), ``watermark`` (text drawn over the page's text, left out of
    the reading), ``contents`` (the 目录 lists tables this file does not print).
    """

    kind: str
    file: str
    page: int | None
    table: str
    row: int | None
    column: str
    text: str
    reason: str

    def one_line(self) -> str:
        where = [self.file]
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.table:
            where.append(f"table {self.table}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        printed = f": {self.text}" if self.kind == "contents" else (f" (printed {self.text!r})" if self.text else "")
        return f"{', '.join(where)}: {self.reason}{printed}"


def problem_frame(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame([p.__dict__ for p in problems], columns=PROBLEM_COLUMNS)


@dataclass
class Check:
    """One identity tested on a table: what was compared and whether it held."""

    rule: str
    description: str
    expected: str
    actual: str
    passed: bool
    location: str = ""
    #: the (row, column) cells the identity reads
    cells: tuple = field(default=(), repr=False, compare=False)


@dataclass
class Validation:
    """What was validated on a table and the outcome."""

    checks: list[Check] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: identities that could not be tested, with the reason (an unreadable cell they need)
    not_run: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    @property
    def status(self) -> str:
        """``ok``, ``failed`` (an identity does not hold), ``problem`` or ``not checked``."""
        if self.problems:
            return "problem"
        if self.failed:
            return "failed"
        return "ok" if self.checks else "not checked"

    def summary(self) -> str:
        text = f"{self.passed}/{len(self.checks)} checks passed"
        if self.failed:
            text += f", {len(self.failed)} failed"
        if self.not_run:
            text += f", {len(self.not_run)} not run (unreadable cells)"
        if self.problems:
            text += "; " + "; ".join(self.problems)
        return text


@dataclass
class Table:
    """One stitched, typed table of a budget document.

    ``df`` is the wide table as printed (one column per header path; amounts
    as :class:`decimal.Decimal` in the printed unit, ``None`` where blank);
    ``cell_pages`` gives the page each cell was printed on, ``cell_boxes`` where on
    that page (``(x0, y0, x1, y1)`` in PDF points, y upwards; ``None`` where not
    known) and ``printed`` the cell text exactly as printed.
    """

    spec: TableSpec
    title: str
    label: str
    unit: str
    unit_text: str
    unit_assumed: bool
    org_line: str
    pages: list[int]
    df: pd.DataFrame
    column_kinds: dict[str, str]
    cell_pages: pd.DataFrame
    printed: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    #: where each cell is printed on its page (same shape as ``df``); ``None`` when not recorded
    cell_boxes: pd.DataFrame | None = field(default=None, repr=False)
    horizontal_parts: int = 1
    continued_pages: int = 0
    validation: Validation = field(default_factory=Validation)
    #: the stitched table before typing (merged regions, per-cell pages)
    raw: Any = field(default=None, repr=False)
    #: cells of amount columns that could not be read: (row, column) -> printed text
    unreadable: dict = field(default_factory=dict, repr=False)
    #: cells of amount columns covered by a label merged across them (no figure can be printed there)
    covered: set = field(default_factory=set, repr=False)
    #: what the table prints that its reading left out, as (page, reason): a form's amounts no fund row or
    #: indicator reads (the stitching's own, :attr:`RawTable.problems`, stay on ``raw``)
    unread: list = field(default_factory=list, repr=False)
    #: which reader read the table's grid (``lattice-vector``, ``lattice-raster``, ``network``, ``form`` …)
    reader: str = "lattice-vector"
    #: the file the table is printed in (a budget may be published as two files)
    source: str = ""
    #: where its title was found: ``above`` the grid, in the ``grid``'s top row, at the foot of the
    #: ``previous page``; or, printed without one, named by its ``header`` or ``project``; ``none``
    title_source: str = "above"
    #: where the unit was read: the table's unit ``line``, its money columns' ``header`` (预算数（元）), its
    #: ``cells`` (12.50万元), a ``note`` (注：本表金额单位为元); or, printed nowhere for it (``unit_assumed``),
    #: ``table`` (another table's unit line), ``narrative`` (the unit the narrative states its amounts in) or
    #: ``default`` (万元: nothing prints a unit)
    unit_source: str = "line"
    #: the unit of each column whose unit is not the table's: columns of counts in a table of amounts
    #: (人数 → ``人``, 数量 → ``个``)
    column_units: dict = field(default_factory=dict)
    #: the performance indicators read from the table (a 绩效目标表 may print no amount, only indicators)
    indicators_read: int = 0

    @property
    def key(self) -> str:
        return self.spec.key

    def lists(self, frame: str = "df") -> ColumnLists:
        """``df`` (or ``cell_pages``, ``printed``) as column lists, made once per table."""
        return self.memo(("lists", frame), lambda: ColumnLists(getattr(self, frame)))

    def memo(self, key, compute):
        """A figure derived from the table's cells (its sides, its rows' codes), computed once: a table's
        cells do not change once it is read.  Not kept in the cache file."""
        store = self.__dict__.setdefault("_memo", {})
        if key not in store:
            store[key] = compute()
        return store[key]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_memo", None)
        return state

    @property
    def name_en(self) -> str:
        return self.spec.name_en

    @property
    def money_columns(self) -> list[str]:
        return [c for c, k in self.column_kinds.items() if k in ("money", "count")]

    @property
    def is_empty(self) -> bool:
        """True when the table is printed without any amount (header only, 本表为空表); a table of text
        (:attr:`is_text`) or a 绩效目标表 printing indicators is not empty."""
        if self.is_text or self.indicators_read:
            return False
        return not any(v is not None for c in self.money_columns for v in self.df[c])

    @property
    def is_text(self) -> bool:
        """True for a table of words no standard table names (the units in the budget's scope, a fee
        schedule printed in the narrative): no column of amounts, and body rows printing words.  It is
        read as printed (``df``) and puts no row in the tidy table."""
        if self.spec.kind != "other" or self.money_columns:
            return False
        return any(bool(v) for c, k in self.column_kinds.items() if k == "text" for v in self.df[c])

    @property
    def name(self) -> str:
        return f"{self.label} {self.title}".strip()

    def __repr__(self) -> str:
        return (
            f"<Table {self.name!r} [{self.key}] pages {self.pages[0]}-{self.pages[-1]} "
            f"{self.df.shape[0]}x{self.df.shape[1]} {self.unit} validation={self.validation.status}>"
        )


@dataclass
class Budget:
    """A departmental budget document read into tables, tidy data and narrative."""

    path: Path
    sha256: str
    pages: pd.DataFrame
    tables: list[Table]
    tidy: pd.DataFrame
    indicators: pd.DataFrame
    narrative: pd.DataFrame
    meta: dict = field(default_factory=dict)
    #: what is printed but could not be read (columns :data:`PROBLEM_COLUMNS`)
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))
    #: the files the document was read from (two for a budget published as narrative + tables)
    sources: list[Path] = field(default_factory=list)

    def renamed(self, path: Path) -> None:
        """Name ``path`` as the file read, everywhere the reading names its file (a cached reading of an
        identical file under another name: the tables' and rows' ``source``, the problems' ``file``)."""
        old = self.path.name
        self.path, self.sources = path, [path]
        if old == path.name:
            return
        for table in self.tables:
            table.source = path.name if table.source == old else table.source
        for frame, column in ((self.tidy, "source"), (self.narrative, "source"), (self.indicators, "source"),
                              (self.pages, "source"), (self.problems, "file")):  # fmt: skip
            if column in frame.columns:
                frame[column] = frame[column].where(frame[column] != old, path.name)

    def table(self, key_or_title: str) -> Table:
        """The first table whose key, label or title equals or contains ``key_or_title``."""
        for table in self.tables:
            if key_or_title in (table.key, table.label, table.title):
                return table
        for table in self.tables:
            if key_or_title in table.title:
                return table
        raise KeyError(f"no table {key_or_title!r} in {self.path.name}")

    def tables_of(self, key: str) -> list[Table]:
        return [t for t in self.tables if t.key == key]

    @property
    def has_tables(self) -> bool:
        return bool(self.tables)

    def validation_report(self) -> pd.DataFrame:
        """One row per table: where it is, its size and what validation found."""
        return pd.DataFrame(
            [
                {
                    "table": t.name,
                    "key": t.key,
                    "pages": f"{t.pages[0]}-{t.pages[-1]}" if len(t.pages) > 1 else str(t.pages[0]),
                    "rows": len(t.df),
                    "unit": t.unit + (" (assumed)" if t.unit_assumed else ""),
                    "title_source": t.title_source,
                    "empty": t.is_empty,
                    "text_only": t.is_text,
                    "reader": t.reader,
                    "checks": len(t.validation.checks),
                    "failed": len(t.validation.failed),
                    "not_run": len(t.validation.not_run),
                    "status": t.validation.status,
                }
                for t in self.tables
            ],
            columns=VALIDATION_REPORT_COLUMNS,
        )

    def __repr__(self) -> str:
        return (
            f"<Budget {self.path.name}: {len(self.tables)} tables, {len(self.tidy)} amounts, "
            f"{len(self.indicators)} indicators, {len(self.pages)} pages>"
        )
