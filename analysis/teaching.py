"""Lessons in reading a departmental budget (notebooks 06 and 09), for a lecturer to use as they are.

- :func:`table_guide`: every standard table — what it tells a reader, and where this document prints it;
- :func:`page_beside_table`, :func:`tables_page_by_page`: the printed page of a table (rendered by
  :func:`analysis.plots.page.render_page`) beside the rows read from it, the row discussed marked on
  the page;
- :func:`glossary`: the document's own 名词解释;
- :func:`exercises`, :func:`exercise_page`, :func:`check`: exercises on any budget, each with its
  answer computed from the tidy table, the page holding the figures to read shown with their rows
  marked; a learner's answer (or the worked answer of the structure views) is checked against it;
- :func:`plan_and_outcome`, :func:`explanations`, :func:`pair_exercises`: a budget read against its
  final accounts (预算 vs 决算): the two printed pages side by side, the documents' own words on why
  a class was spent as it was, and exercises on the pair.

Answers are computed by another route than the one a learner is guided to (the tidy table rather
than the structure views; each document's figures rather than the execution table), so that a check
also checks the package.  Every view returns an object a notebook shows as HTML, its tables formatted
by :func:`analysis.display.show`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .audit.figures import grand_total_row
from .display import amount_text, percent_text, show
from .model import Budget, Table
from .plots.page import PageImage, render_page, row_box, row_pages
from .reference import function_classes
from .specs import SCOPE_NAMES, TABLE_SPECS
from .text import squash

if TYPE_CHECKING:
    from .budget_execution import Execution

# ---------------------------------------------------------------- the standard tables

#: what each standard table tells a reader, in the order a reader meets them
TABLE_LESSONS: dict[str, str] = {
    "income_expense_summary": "All the money of the year on one page: income by source on the left, spending "
    "by function class on the right; 收入总计 equals 支出总计.",
    "income_summary": "Where the money comes from: 财政拨款 (appropriations), 事业收入 (service revenue), "
    "other income and money carried over from last year.",
    "expense_summary": "What the money is spent on, by function class (类/款/项), split into 基本支出 "
    "(keeping the unit running) and 项目支出 (projects).",
    "expense_detail": "The 支出总表 in detail: each function row split by economic class.",
    "expense_econ": "Spending of all funds by economic class (what is bought: wages, goods and services, "
    "grants, capital), not by function.",
    "fiscal_summary": "The part paid by appropriations (财政拨款) only: its income by fund and its spending "
    "by function class.",
    "fiscal_expense": "Spending paid by appropriations, by function class.",
    "fiscal_expense_econ": "Spending paid by appropriations, by economic class (what is bought: wages, goods "
    "and services, capital).",
    "fiscal_basic_expense": "Basic spending paid by appropriations, by economic class.",
    "fiscal_gov_fund_expense": "Spending paid from government funds (政府性基金) by appropriation.",
    "gpb_expense_summary": "Spending from the general public budget (一般公共预算), by function row and "
    "economic class.",
    "gpb_expense": "Spending from the general public budget by function class (类/款/项): what the "
    "government pays this unit for.",
    "gpb_basic_expense": "Basic spending from the general public budget, by economic class: 人员经费 "
    "(personnel) and 公用经费 (office costs).",
    "gpb_project_expense": "Project spending from the general public budget.",
    "basic_expense": "Basic spending of all funds, by economic class: 人员经费 and 公用经费.",
    "project_expense": "The projects, one row each, with their amounts.",
    "three_public": "The “三公” expenses: official travel abroad, official vehicles (purchase and running) "
    "and official receptions — the figures the public watches most.",
    "agency_running_costs": "机关运行经费: the running costs of an administrative body's offices.",
    "gov_fund_expense": "Spending from government funds (政府性基金预算), by function class; often printed "
    "empty when the unit has none.",
    "gov_fund_three_public": "“三公” expenses paid from government funds.",
    "soe_capital_expense": "Spending from the state capital operation budget (国有资本经营预算); often printed empty.",
    "soe_three_public": "“三公” expenses paid from the state capital operation budget.",
    "gov_procurement": "What the unit plans to buy through government procurement (政府采购).",
    "purchase_services": "Services the government buys from others (政府购买服务).",
    "fee_collection": "Administrative fees and funds the unit expects to collect.",
    "staff_numbers": "How many people the unit employs and supports (counts, not money).",
    "assets": "The state-owned assets the unit holds.",
    "performance_targets": "Each project's performance targets: what the money should achieve, and how it is measured.",
    "department_targets": "The department's performance targets as a whole: its main tasks with their funds, "
    "its goal for the year and the indicators it is measured by.",
    "performance_evaluation": "The unit's own evaluation of last year's performance.",
    "fiscal_carryover_expense": "Spending of last year's unspent appropriations (结转资金), by function class.",
    "meeting_training_costs": "The meetings and training the unit pays for (会议费, 培训费), item by item.",
}
GUIDE_COLUMNS = ["name_zh", "name_en", "what_it_tells", "printed_as", "pages"]


def _pages_text(pages: list[int]) -> str:
    return f"{pages[0]}–{pages[-1]}" if len(pages) > 1 else str(pages[0])


def standard_tables_printed(budget: Budget) -> list[Table]:
    """One table per standard table the document prints, in document order: the first printing an amount
    (a table printed in parts or twice is shown once), else the first printed."""
    chosen: dict[str, Table] = {}
    for table in budget.tables:
        if table.key not in TABLE_LESSONS:
            continue
        if table.key not in chosen or (chosen[table.key].is_empty and not table.is_empty):
            chosen[table.key] = table
    return sorted(chosen.values(), key=lambda t: budget.tables.index(t))


def table_guide(budget: Budget) -> pd.DataFrame:
    """Every standard table: its official Chinese and English names, what it tells a reader, and how and
    where this document prints it (the tables it prints first, in its order; then those it does not)."""
    specs = {s.key: s for s in TABLE_SPECS}
    printed: dict[str, list[Table]] = {}
    for table in budget.tables:
        printed.setdefault(table.key, []).append(table)
    keys = [t.key for t in standard_tables_printed(budget)]
    keys += [k for k in TABLE_LESSONS if k not in keys]
    rows = []
    for key in keys:
        tables = printed.get(key, [])
        rows.append(
            {
                "name_zh": specs[key].name_zh,
                "name_en": specs[key].name_en,
                "what_it_tells": TABLE_LESSONS[key],
                "printed_as": "; ".join(dict.fromkeys(t.name for t in tables)) or "not printed",
                "pages": ", ".join(_pages_text(t.pages) for t in tables),
            }
        )
    return pd.DataFrame(rows, columns=GUIDE_COLUMNS)


# ---------------------------------------------------------------- the page beside the table

STYLE_BLOCK = "margin:1em 0 2.2em;padding-top:.6em;border-top:1px solid #ddd"
STYLE_FLEX = "display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start"
STYLE_CAPTION = "font-size:.85em;color:#555;margin-top:.3em"
STYLE_TITLE = "font-size:1.15em;font-weight:600;margin:.2em 0"


def source_path(budget: Budget, source: str) -> Path:
    """The file of ``budget`` named ``source`` (a budget may be published as two files): the path it was
    read from, else a file of that name among its sources that is there (a budget read from the cache
    keeps the sources of its first reading)."""
    candidates = [Path(budget.path), *(Path(p) for p in budget.sources)]
    named = [p for p in candidates if p.name == source] or candidates
    return next((p for p in named if p.is_file()), named[0])


def tidy_rows(budget: Budget, table: Table, row: int | None = None) -> pd.DataFrame:
    """The tidy rows read from ``table`` (from its body row ``row`` only, when given)."""
    tidy = budget.tidy
    mask = (
        (tidy.table_key == table.key)
        & (tidy.table_title == table.title)
        & (tidy.table_label == table.label)
        & tidy.page.isin(table.pages)
    )
    if table.source:
        mask &= tidy.source == table.source
    if row is not None:
        mask &= tidy.row_index == row
    return tidy[mask]


def discussed_row(table: Table) -> tuple[int | None, str]:
    """The row a lesson discusses in ``table``, and why: its total row (合计/总计), else its first row
    printing an amount; ``None`` for a table printed without any amount."""
    if table.is_empty:
        return None, "this table is printed without any amount"
    total = grand_total_row(table)
    if total is not None and any(table.df.at[total, c] is not None for c in table.money_columns):
        return total, "its total row (合计 or 总计)"
    for i in range(len(table.df)):
        if any(table.df.at[i, c] is not None for c in table.money_columns):
            return i, "its first row printing an amount"
    return None, "this table is printed without any amount"


LETTER_SPACING_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def row_name(table: Table, row: int) -> str:
    """A row's printed text cells joined (its codes and name), the spacing between Chinese characters
    that a layout adds (``合 计``) left out."""
    texts = [str(table.df.at[row, c] or "").strip() for c, k in table.column_kinds.items() if k in ("text", "code")]
    return LETTER_SPACING_RE.sub("", " ".join(t for t in texts if t)) or f"row {row + 1}"


ROWS_SHOWN = {"column": "column", "amount_printed": "as printed", "unit_printed": "unit", "amount": "amount"}


def _rows_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Tidy rows as a learner reads them: the column, the text as printed, the amount in 万元, the page."""
    frame = rows[[*ROWS_SHOWN, "page"]].rename(columns=ROWS_SHOWN).reset_index(drop=True)
    return frame.assign(amount=[Decimal(str(a)) for a in frame.amount])


def _styled_html(frame: pd.DataFrame, **kwargs) -> str:
    return show(frame, **kwargs).to_html(table_attributes='class="data"')


@dataclass
class PageView:
    """Printed pages with rows marked on them, the rows read from them beside (a notebook shows it as HTML)."""

    title: str
    text: str
    #: the pages shown, each with its caption
    pages: list[tuple[PageImage, str]] = field(default_factory=list)
    note: str = ""
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    rows_title: str = ""

    def _repr_html_(self) -> str:
        parts = [f'<section class="page-view" style="{STYLE_BLOCK}">']
        if self.title:
            parts.append(f'<div style="{STYLE_TITLE}">{html.escape(self.title)}</div>')
        if self.text:
            parts.append(f'<p style="margin:.2em 0 .7em">{html.escape(self.text)}</p>')
        if self.note:
            parts.append(f'<p style="{STYLE_CAPTION}">{html.escape(self.note)}</p>')
        parts.append(f'<div style="{STYLE_FLEX}">')
        for image, caption in self.pages:
            parts.append(
                '<figure style="margin:0;flex:0 1 auto;max-width:100%">'
                f"{image.html(alt=caption)}"
                f'<figcaption style="{STYLE_CAPTION}">{html.escape(caption)}</figcaption></figure>'
            )
        if self.rows_title or not self.rows.empty:
            parts.append('<div style="flex:1 1 22em;min-width:18em">')
            if self.rows_title:
                parts.append(f'<p style="margin:.2em 0 .5em"><b>{html.escape(self.rows_title)}</b></p>')
            if not self.rows.empty:
                parts.append(_styled_html(self.rows))
            parts.append("</div>")
        parts.append("</div></section>")
        return "\n".join(parts)

    @property
    def images(self) -> int:
        return len(self.pages)


@dataclass
class Lesson:
    """Several views shown one after the other."""

    views: list
    intro: str = ""

    def _repr_html_(self) -> str:
        intro = f"<p>{html.escape(self.intro)}</p>" if self.intro else ""
        return intro + "\n".join(v._repr_html_() for v in self.views)

    def __len__(self) -> int:
        return len(self.views)

    @property
    def images(self) -> int:
        return sum(v.images for v in self.views)


def _table_named(budget: Budget, table: Table | str) -> Table | None:
    if isinstance(table, Table):
        return table
    chosen = [t for t in standard_tables_printed(budget) if table in (t.key, t.label, t.title, t.name)]
    if chosen:
        return chosen[0]
    try:
        return budget.table(table)
    except KeyError:
        return None


def marked_pages(budget: Budget, table: Table, rows: Iterable[int]) -> list[PageImage]:
    """Every page ``rows`` of ``table`` are printed on (a wide table carries a row over several pages),
    in order, each with those rows marked where they are printed (the first page of the table when the
    rows are none)."""
    rows = [r for r in rows if r is not None]
    pages = sorted({p for r in rows for p in row_pages(table, r)}) or [table.pages[0]]
    path = source_path(budget, table.source)
    images = []
    for page in pages:
        boxes = [row_box(table, r, page)[1] for r in rows]
        images.append(render_page(path, page, [b for b in boxes if b is not None]))
    return images


def _captions(images: list[PageImage], table: Table, text: str) -> list[tuple[PageImage, str]]:
    """Each page with its caption: page and file, the table and its pages, then ``text`` (on the first)."""
    out = []
    for i, image in enumerate(images):
        where = f"p.{image.page} of {image.source} · {table.name} (p.{_pages_text(table.pages)})"
        more = text if i == 0 else "the same rows, continued on this page"
        out.append((image, f"{where} · {more}" if more else where))
    return out


def page_beside_table(budget: Budget, table: Table | str, row: int | None = None) -> PageView:
    """The printed page of ``table`` (a :class:`~analysis.model.Table`, or its key, label or title) beside
    the tidy rows read from one of its rows, that row marked on the page (on each page it is printed on).

    ``row``: the body row (0-based) to discuss; default :func:`discussed_row` (the total row).
    """
    found = _table_named(budget, table)
    if found is None:
        return PageView("", "", note=f"This document prints no table {table!r}.")
    table = found
    specs = {s.key: s for s in TABLE_SPECS}
    why = "the row chosen"
    if row is None:
        row, why = discussed_row(table)
    title = f"{table.name} · {specs[table.key].name_en if table.key in specs else table.name_en}"
    lesson = TABLE_LESSONS.get(table.key, "")
    if row is None:
        return PageView(title, lesson, _captions(marked_pages(budget, table, []), table, f"{why}."))
    name = row_name(table, row)
    images = marked_pages(budget, table, [row])
    if not any(image.marks for image in images):
        text = f"where row {row + 1} “{name}” is printed on the page is not recorded for this table"
    else:
        text = f"marked: row {row + 1} “{name}” — {why}"
    rows = tidy_rows(budget, table, row)
    rows_title = f"Read from row {row + 1} “{name}” ({len(rows)} amounts; amount in 万元):"
    return PageView(title, lesson, _captions(images, table, text), rows=_rows_frame(rows), rows_title=rows_title)


def tables_page_by_page(budget: Budget) -> Lesson:
    """:func:`page_beside_table` for every standard table the document prints, in its order."""
    tables = standard_tables_printed(budget)
    if not tables:
        return Lesson([], "This document prints no tables (its tables may have been published as another file).")
    return Lesson([page_beside_table(budget, t) for t in tables])


# ---------------------------------------------------------------- the glossary

TERM_RE = re.compile(r"^(?P<term>[^：:，。]{2,60})[：:](?P<definition>.+)$")


def glossary(budget: Budget) -> pd.DataFrame:
    """Terms and definitions from the document's 名词解释, continuation lines joined."""
    narrative = budget.narrative
    if narrative.empty:
        return pd.DataFrame(columns=["term", "definition", "page"])
    in_glossary = narrative.part.fillna("").str.contains("名词解释") | narrative.section.fillna("").str.contains(
        "名词解释"
    )
    rows: list[dict] = []
    for row in narrative[in_glossary].itertuples():
        text = str(row.text).strip()
        match = TERM_RE.match(text)
        if match and not text.endswith("名词解释"):
            rows.append(
                {"term": match.group("term").strip(), "definition": match.group("definition").strip(), "page": row.page}
            )
        elif rows and "名词解释" not in text:
            rows[-1]["definition"] += text
    return pd.DataFrame(rows, columns=["term", "definition", "page"])


# ---------------------------------------------------------------- exercises


@dataclass
class Exercise:
    question: str
    answer: Decimal
    unit: str
    hint: str
    places: int = 2
    #: where the figures to read are printed: (the document, the table, its body rows), one entry per table
    where: tuple = field(default=(), repr=False)

    def check(self, value) -> str:
        """Compare a learner's answer at the exercise's precision: ``correct: …`` or ``not quite: …``.

        One unit of the last place is allowed: printed totals may differ from
        the sum of their printed parts by a rounding cent.
        """
        unit = Decimal(1).scaleb(-self.places)
        given = Decimal(str(value)).quantize(unit)
        expected = self.answer.quantize(unit)
        if abs(given - expected) > unit:
            return (
                f"not quite: {given} {self.unit}; hint: {self.hint} "
                "(if your computation is right, the document's own figures disagree: see notebook 04)"
            )
        return f"correct: {expected} {self.unit}"


class Checked(str):
    """The message of a check: text as it is, shown in a notebook in green (correct) or amber (not quite)."""

    def _repr_html_(self) -> str:
        colour = {"correct": "#1b7f3b", "not quite": "#a86400"}.get(self.split(":")[0], "#555")
        return f'<p style="font-weight:600;color:{colour};margin:.4em 0">{html.escape(self)}</p>'


def questions(exercises: dict[int, Exercise]) -> pd.DataFrame:
    """The exercises' questions and hints (answers kept back)."""
    return pd.DataFrame(
        [{"exercise": i, "question": e.question, "unit": e.unit, "hint": e.hint} for i, e in exercises.items()],
        columns=["exercise", "question", "unit", "hint"],
    )


def check(exercises: dict[int, Exercise], number: int, value) -> Checked:
    """Check the answer to exercise ``number``; says so when this document cannot pose it."""
    if number not in exercises:
        return Checked(f"exercise {number} is not available for this document (its tables are not printed)")
    if value is None or value != value:
        return Checked(f"exercise {number}: no answer yet")
    return Checked(exercises[number].check(value))


def exercise_page(exercises: dict[int, Exercise], number: int) -> Lesson | PageView:
    """The pages holding the figures exercise ``number`` reads, those rows marked (the answer kept back)."""
    if number not in exercises:
        return PageView(
            "", "", note=f"Exercise {number} is not available for this document (its tables are not printed)."
        )
    exercise = exercises[number]
    views = []
    for document, table, rows in exercise.where:
        names = "; ".join(f"“{row_name(table, r)}”" for r in rows[:4]) + (" …" if len(rows) > 4 else "")
        text = f"read the marked rows: {names}"
        views.append(PageView("", "", _captions(marked_pages(document, table, rows), table, text)))
    return Lesson(views, f"Exercise {number}: {exercise.question}")


def _leaf(column: str) -> str:
    return squash(column.split("/")[-1])


def _is_total_label(label: str) -> bool:
    return bool(re.search(r"合计|总计", squash(label)))


def _first_table(budget: Budget, keys: Iterable[str]) -> Table | None:
    for key in keys:
        for table in budget.tables:
            if table.key == key and not table.is_empty:
                return table
    return None


def _total_row_cell(rows: pd.DataFrame, word: str) -> pd.Series | None:
    """The first cell of the first 合计 row under a column whose leaf is ``word``."""
    totals = rows[rows.row_label.map(_is_total_label)]
    if totals.empty:
        return None
    first = totals[totals.row_index == totals.row_index.iloc[0]]
    cells = first[first.column.map(_leaf) == word]
    return cells.iloc[0] if len(cells) else None


def _spending_exercise(budget: Budget) -> Exercise | None:
    table = _first_table(budget, ["expense_summary"])
    if table is None:
        return None
    rows = tidy_rows(budget, table)
    basic, project = _total_row_cell(rows, "基本支出"), _total_row_cell(rows, "项目支出")
    if basic is None or project is None:
        return None
    return Exercise(
        "How much does this budget plan to spend in the year (基本支出 + 项目支出), in 万元?",
        Decimal(basic.amount) + Decimal(project.amount),
        "万元",
        f"the 合计 row of the {table.name}: 基本支出 plus 项目支出",
        where=((budget, table, [int(basic.row_index)]),),
    )


def _class_names() -> dict[str, str]:
    frame = function_classes()
    return dict(zip(frame.code, frame.name_zh, strict=True))


def _largest_class_exercise(budget: Budget) -> Exercise | None:
    table = _first_table(budget, ["gpb_expense_summary", "gpb_expense"])
    if table is None:
        return None
    rows = tidy_rows(budget, table)
    columns = [c for c in table.money_columns if c in set(rows.column)]
    totals = [c for c in columns if re.fullmatch(r"[\u4e00-\u9fff：:]{0,6}(?:合计|总计|小计)", _leaf(c))]
    column = (totals or columns or [None])[0]
    rows = rows[rows.column == column]
    coded = rows[rows.func_code.str.len().isin([3, 5, 7])]
    if coded.empty:
        return None
    classes = coded[coded.func_code.str.len() == 3]
    finest = coded[coded.func_code.str.len() == coded.func_code.str.len().max()]
    by_class: dict[str, Decimal] = {}
    members: dict[str, list[int]] = {}
    for source in (classes,) if not classes.empty else (finest,):
        for r in source.itertuples():
            by_class[r.func_code[:3]] = by_class.get(r.func_code[:3], Decimal(0)) + Decimal(r.amount)
            members.setdefault(r.func_code[:3], []).append(int(r.row_index))
    whole_rows = rows[rows.row_label.map(_is_total_label)]
    whole = Decimal(whole_rows.amount.iloc[0]) if len(whole_rows) else sum(by_class.values(), Decimal(0))
    if not whole:
        return None
    code = max(by_class, key=lambda c: by_class[c])
    name = _class_names().get(code, code)
    marked = members[code] + ([int(whole_rows.row_index.iloc[0])] if len(whole_rows) else [])
    return Exercise(
        f"What share (%) of 一般公共预算支出 goes to {name} (function class {code}), the largest class?",
        by_class[code] / whole * 100,
        "%",
        f"in the {table.name}: the {name} figure (or its rows added up) divided by the 合计",
        where=((budget, table, marked),),
    )


def _personnel_exercise(budget: Budget) -> Exercise | None:
    table = _first_table(budget, ["gpb_basic_expense"])
    if table is None:
        return None
    rows = tidy_rows(budget, table)
    personnel, public = _total_row_cell(rows, "人员经费"), _total_row_cell(rows, "公用经费")
    if personnel is None or public is None:
        return None
    parts = Decimal(personnel.amount) + Decimal(public.amount)
    if not parts:
        return None
    return Exercise(
        "What share (%) of 一般公共预算基本支出 is 人员经费 (personnel costs)?",
        Decimal(personnel.amount) / parts * 100,
        "%",
        f"the 合计 row of the {table.name}: 人员经费 ÷ (人员经费 + 公用经费)",
        where=((budget, table, [int(personnel.row_index)]),),
    )


def exercises(budget: Budget) -> dict[int, Exercise]:
    """Exercises 1–3 on this document (those its tables allow), answers computed from the tidy table.

    1. the largest function class's share of 一般公共预算支出; 2. the year's spending, 基本支出 + 项目支出
    (支出总表); 3. 人员经费's share of 一般公共预算基本支出.
    """
    makers = (_largest_class_exercise, _spending_exercise, _personnel_exercise)
    out = {}
    for number, make in enumerate(makers, start=1):
        exercise = make(budget)
        if exercise is not None:
            out[number] = exercise
    return out


# ---------------------------------------------------------------- a budget against its final accounts


def statement(execution: Execution) -> Lesson:
    """Whether the two documents belong together (or what the lesson needs), as a paragraph."""
    return Lesson([], execution.statement)


BY_CLASS_COLUMNS = ["scope", "func_code", "name_zh", "name_en", "budget", "final", "difference", "execution_rate"]


def execution_by_class(execution: Execution) -> pd.DataFrame:
    """Each function class (类) of each scope both documents print: budget, final, difference, execution
    rate, and which document alone prints a class (``only_in``), with the tables the figures come from."""
    classes = execution.by_class()
    return classes[[*BY_CLASS_COLUMNS, "only_in", "budget_source", "final_source"]]


def first_scope(execution: Execution) -> str:
    """The first scope both documents print (全部资金 where both print it)."""
    totals = execution.scope_totals()
    return str(totals.scope.iloc[0]) if not totals.empty else ""


def largest_class(execution: Execution, scope: str | None = None) -> str:
    """The function class (类) with the largest budget in ``scope`` (default: :func:`first_scope`)."""
    classes = execution.by_class(scope or first_scope(execution))
    classes = classes[classes.budget.notna()]
    if classes.empty:
        return ""
    return str(classes.loc[classes.budget.map(Decimal).idxmax(), "func_code"])


def _scope_key(scope_zh: str) -> str:
    """A scope's key (``all``) from the Chinese name the comparison shows (全部资金)."""
    return next((k for k, (zh, _en) in SCOPE_NAMES.items() if zh == scope_zh), scope_zh)


def _figure_row(document: Budget, figures: pd.DataFrame, scope_zh: str, code: str) -> tuple[Table, int] | None:
    """Where one document prints its figure of ``code`` (``""``: the 合计) of the scope: (table, row)."""
    scope = _scope_key(scope_zh)
    hit = figures[
        (figures.section == "function")
        & (figures.scope == scope)
        & (figures.measure == "total")
        & (figures.code == code)
    ]
    if hit.empty:
        return None
    name, page = hit.table.iloc[0], int(hit.page.iloc[0])
    tables = [t for t in document.tables if t.name == name and page in t.pages]
    if not tables:
        return None
    rows = tidy_rows(document, tables[0])
    chosen = rows[rows.func_code == code] if code else rows[rows.row_label.map(_is_total_label)]
    if chosen.empty:
        return None
    return tables[0], int(chosen.row_index.iloc[0])


def _kind_name(document: Budget) -> str:
    return "决算 final accounts" if document.meta.get("kind") == "决算" else "预算 budget"


def plan_and_outcome(execution: Execution, code: str = "", scope: str | None = None) -> PairView | Lesson:
    """The budget's printed page beside the final accounts' page, the row of ``code`` (default: the 合计)
    of ``scope`` (default: :func:`first_scope`) marked on each, and the two figures compared."""
    if execution.budget is None:
        return Lesson([], execution.statement)
    scope = scope or first_scope(execution)
    table = execution.section("function")
    row = table[(table.scope == scope) & (table.func_code == code)]
    views = []
    for document, figures in ((execution.budget, execution.budget_figures), (execution.final, execution.final_figures)):
        found = _figure_row(document, figures, scope, code)
        if found is None:
            views.append(PageView(_kind_name(document), "", note="This document prints no such row."))
            continue
        printed, index = found
        text = f"marked: “{row_name(printed, index)}”"
        views.append(
            PageView(_kind_name(document), "", _captions(marked_pages(document, printed, [index]), printed, text))
        )
    figures = row[["scope", "func_code", "name_zh", "name_en", "budget", "final", "difference", "execution_rate"]]
    name = "合计" if not code else f"{code} {row.name_zh.iloc[0] if len(row) else ''}"
    return PairView(f"{scope} · {name}", views, figures.reset_index(drop=True))


@dataclass
class PairView:
    """Two pages side by side (budget, final accounts) and the figures compared under them."""

    title: str
    views: list
    figures: pd.DataFrame

    def _repr_html_(self) -> str:
        cells = "".join(f'<div style="flex:0 1 auto;max-width:100%">{v._repr_html_()}</div>' for v in self.views)
        return (
            f'<section style="{STYLE_BLOCK}"><div style="{STYLE_TITLE}">{html.escape(self.title)}</div>'
            f'<div style="{STYLE_FLEX}">{cells}</div>'
            f"<p><b>The two figures, compared (万元; execution rate = 决算 ÷ 预算):</b></p>{_styled_html(self.figures)}"
            "</section>"
        )

    @property
    def images(self) -> int:
        return sum(v.images for v in self.views)


#: sentences that state or explain a figure: an outcome, a plan, a change, a reason
EXPLAINS_RE = re.compile(r"原因|决算数|预算数|年初预算|调整预算|完成|执行|增加|减少|增长|降低|持平|万元")
SENTENCE_END_RE = re.compile(r"(?<=[。！!？?])")
CLAUSE_END_RE = re.compile(r"(?<=[，,；;：:])")
CLAUSE_MARKS = "，,；;：:"


def _names_class(text: str, code: str, names: list[str]) -> bool:
    """Whether ``text`` names function class ``code``: by one of its ``names``, or by its code or a code
    under it, printed in brackets (``高等教育（2050205）``) or before a name (``205教育支出``)."""
    squashed = squash(text)
    if any(name and name in squashed for name in names):
        return True
    bracketed = rf"[（(\[【]{code}(?:\d{{2}}){{0,2}}[)）\]】]"
    before_name = rf"(?<!\d){code}(?:\d{{2}}){{0,2}}(?=[\u4e00-\u9fff])"
    return re.search(f"{bracketed}|{before_name}", squashed) is not None


def _about_class(sentence: str, previous: str, code: str, names: list[str], others: dict[str, list[str]]) -> str:
    """What ``sentence`` says of class ``code``: all of it when it names no other class; else its lead
    (what the list is of: the clauses before the first class named, the sentence before when it opens
    with 其中) and the clauses about this class, ``…`` where clauses are left out."""
    if not any(_names_class(sentence, c, n) for c, n in others.items() if c != code):
        return sentence
    clauses = CLAUSE_END_RE.split(sentence)
    naming = [any(_names_class(clause, c, n) for c, n in others.items()) for clause in clauses]
    first = naming.index(True) if True in naming else len(clauses)
    lead = "".join(clauses[:first])
    if sentence.startswith("其中") and previous:
        lead = previous + lead
    kept, inside, last = [], False, -1
    for i, clause in enumerate(clauses):
        if _names_class(clause, code, names):
            inside = True
        elif naming[i]:
            inside = False
        if inside:
            if kept and i != last + 1:
                kept.append("…")
            kept.append(clause)
            last = i
    if not kept:
        return ""
    text = lead + ("" if first == clauses.index(kept[0]) else "…") + "".join(kept)
    if last < len(clauses) - 1:
        text = text.rstrip(CLAUSE_MARKS) + "…"
    return text


def _passages(
    narrative: pd.DataFrame, code: str, names: list[str], others: dict[str, list[str]]
) -> list[tuple[int, str]]:
    """The sentences of ``narrative`` (its 目录 and 名词解释 left out) that name class ``code`` and state
    or explain a figure, with their pages; of a sentence listing several classes, what it says of this one."""
    if narrative.empty:
        return []
    part, section = narrative.part.fillna(""), narrative.section.fillna("")
    outside = part.str.contains("名词解释") | section.str.contains("名词解释|目录") | (part.eq("目录") & section.eq(""))
    out: list[tuple[int, str]] = []
    for page, paragraph in _paragraphs_across_pages(narrative[~outside]):
        previous = ""
        for sentence in SENTENCE_END_RE.split(paragraph):
            sentence = sentence.strip()
            if sentence and _names_class(sentence, code, names) and EXPLAINS_RE.search(sentence):
                text = _about_class(sentence, previous, code, names, others)
                if text:
                    out.append((page, text))
            previous = sentence or previous
    return out


PARAGRAPH_END = "。！!？?；;：:"


def _paragraphs_across_pages(narrative: pd.DataFrame) -> list[tuple[int, str]]:
    """The paragraphs with their first page, a paragraph broken by a page break joined again (it ends
    without a full stop and the next page goes on with it)."""
    out: list[tuple[int, str]] = []
    last_page = None
    for row in narrative.itertuples():
        text, page = str(row.text).strip(), int(row.page)
        if out and last_page == page - 1 and not out[-1][1].endswith(tuple(PARAGRAPH_END)):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((page, text))
        last_page = page
    return out


@dataclass
class Explanations:
    """Per function class: the figures of both documents and what each document's narrative says of it."""

    scope: str
    classes: list[dict]
    message: str = ""

    def frame(self) -> pd.DataFrame:
        """One row per sentence: class, document, page and the sentence."""
        rows = [
            {"func_code": c["func_code"], "name_zh": c["name_zh"], "document": kind, "page": page, "says": text}
            for c in self.classes
            for kind in ("决算", "预算")
            for page, text in c[kind]
        ]
        return pd.DataFrame(rows, columns=["func_code", "name_zh", "document", "page", "says"])

    def _repr_html_(self) -> str:
        if self.message:
            return f"<p>{html.escape(self.message)}</p>"
        parts = []
        for c in self.classes:
            rate = percent_text(c["execution_rate"]) if c["execution_rate"] is not None else "—"
            head = (
                f"{c['func_code']} {c['name_zh']} · {c['name_en']} — 预算 {amount_text(c['budget'])} · "
                f"决算 {amount_text(c['final'])} · 决算 − 预算 {amount_text(c['difference'])} · 执行率 {rate}"
            )
            columns = []
            for kind, label in (("决算", "The final accounts (决算) say"), ("预算", "The budget (预算) says")):
                items = "".join(f"<li>p.{page}: {html.escape(text)}</li>" for page, text in c[kind])
                body = (
                    f"<ul style='margin:.2em 0;padding-left:1.2em'>{items}</ul>"
                    if items
                    else "<p class='muted' style='color:#666'>nothing about this class</p>"
                )
                columns.append(f'<div style="flex:1 1 24em;min-width:18em"><b>{label}:</b>{body}</div>')
            parts.append(
                f'<section style="{STYLE_BLOCK}"><div style="{STYLE_TITLE}">{html.escape(head)}</div>'
                f'<div style="{STYLE_FLEX}">{"".join(columns)}</div></section>'
            )
        return f"<p>Scope: {html.escape(self.scope)} (万元).</p>" + "\n".join(parts)


def explanations(execution: Execution, scope: str | None = None) -> Explanations:
    """For each function class (类) of ``scope`` (default: :func:`first_scope`): budget, final, difference,
    execution rate, and the sentences of each document's narrative that name the class and state or
    explain a figure (an outcome, a plan, a change and its 原因), with their pages."""
    if execution.budget is None:
        return Explanations("", [], execution.statement)
    scope = scope or first_scope(execution)
    classes = execution.by_class(scope)
    reference = _class_names()
    names = {code: [squash(name)] for code, name in reference.items()}
    for r in classes.itertuples():
        names[r.func_code] = [n for n in dict.fromkeys([squash(str(r.name_zh)), *names.get(r.func_code, [])]) if n]
    out = []
    for r in classes.itertuples():
        out.append(
            {
                "func_code": r.func_code,
                "name_zh": r.name_zh,
                "name_en": r.name_en,
                "budget": r.budget,
                "final": r.final,
                "difference": r.difference,
                "execution_rate": r.execution_rate,
                "决算": _passages(execution.final.narrative, r.func_code, names[r.func_code], names),
                "预算": _passages(execution.budget.narrative, r.func_code, names[r.func_code], names),
            }
        )
    return Explanations(scope, out)


def _document_total(document: Budget) -> tuple[Decimal, Table, int] | None:
    """A document's spending of all funds as its 支出总表 prints it: the 合计 row, in its total column."""
    table = _first_table(document, ["expense_summary"])
    if table is None:
        return None
    rows = tidy_rows(document, table)
    totals = rows[rows.row_label.map(_is_total_label)]
    if totals.empty:
        return None
    first = totals[totals.row_index == totals.row_index.iloc[0]]
    for word in ("合计", "总计", "小计"):
        cells = first[first.column.map(_leaf) == word]
        if len(cells):
            return Decimal(cells.amount.iloc[0]), table, int(cells.row_index.iloc[0])
    return Decimal(first.amount.iloc[0]), table, int(first.row_index.iloc[0])


def _class_figures(figures: pd.DataFrame, scope: str) -> dict[str, Decimal]:
    """One document's figure of each function class (类) of ``scope`` (its Chinese name), in 万元."""
    key = _scope_key(scope)
    rows = figures[
        (figures.section == "function")
        & (figures.scope == key)
        & (figures.measure == "total")
        & (figures.code.str.len() == 3)
    ]
    return {r.code: Decimal(r.amount) for r in rows.itertuples()}


def pair_exercises(execution: Execution) -> dict[int, Exercise]:
    """Exercises on a budget and its final accounts, answers computed from each document's own figures.

    1. the execution rate of all spending (决算 ÷ 预算, each 支出总表's 合计); 2. the lowest execution
    rate of a function class (类) of the first scope both print; 3. the largest class's 决算 − 预算.
    """
    out: dict[int, Exercise] = {}
    if execution.budget is None:
        return out
    budget_total, final_total = _document_total(execution.budget), _document_total(execution.final)
    if budget_total and final_total and budget_total[0]:
        out[1] = Exercise(
            "What share (%) of the budget's planned spending (全部资金 合计) did the final accounts spend?",
            final_total[0] / budget_total[0] * 100,
            "%",
            "the 合计 of the final accounts' 支出决算表 divided by the 合计 of the budget's 支出预算表",
            where=(
                (execution.budget, budget_total[1], [budget_total[2]]),
                (execution.final, final_total[1], [final_total[2]]),
            ),
        )
    scope = first_scope(execution)
    planned, spent = _class_figures(execution.budget_figures, scope), _class_figures(execution.final_figures, scope)
    both = [c for c in planned if c in spent and planned[c]]
    if both:
        rates = {c: spent[c] / planned[c] * 100 for c in both}
        lowest = min(rates, key=lambda c: rates[c])
        names = _class_names()
        out[2] = Exercise(
            f"Which function class (类) of {scope} was spent least fully against its budget? Give its execution "
            "rate (决算 ÷ 预算, %).",
            rates[lowest],
            "%",
            "for each 类 both documents print: 决算 ÷ 预算; take the smallest",
            where=_pair_where(execution, scope, lowest),
        )
        largest = max(both, key=lambda c: planned[c])
        out[3] = Exercise(
            f"How much more (or, negative, less) than planned was spent on {largest} {names.get(largest, '')}, "
            f"the largest class of {scope}, in 万元 (决算 − 预算)?",
            spent[largest] - planned[largest],
            "万元",
            "the class's 决算 minus its 预算",
            where=_pair_where(execution, scope, largest),
        )
    return out


def _pair_where(execution: Execution, scope: str, code: str) -> tuple:
    where = []
    for document, figures in ((execution.budget, execution.budget_figures), (execution.final, execution.final_figures)):
        found = _figure_row(document, figures, scope, code)
        if found is not None:
            where.append((document, found[0], [found[1]]))
    return tuple(where)
