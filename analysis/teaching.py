"""Material for learning to read a departmental budget: glossary, how tables tie together, exercises.

Exercises carry their own answers, computed from the document with a different
route than the one a learner is guided to (the tidy table rather than the
structure views), so that checking an answer also checks the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from .model import Budget

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


@dataclass
class Exercise:
    question: str
    answer: Decimal
    unit: str
    hint: str
    places: int = 2

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


def questions(exercises: dict[int, Exercise]) -> pd.DataFrame:
    """The exercises' questions and hints (answers kept back)."""
    return pd.DataFrame(
        [{"exercise": i, "question": e.question, "unit": e.unit, "hint": e.hint} for i, e in exercises.items()],
        columns=["exercise", "question", "unit", "hint"],
    )


def check(exercises: dict[int, Exercise], number: int, value) -> str:
    """Check the answer to exercise ``number``; says so when this document cannot pose it."""
    if number not in exercises or value is None or value != value:
        return f"exercise {number} is not available for this document (its tables are not printed)"
    return exercises[number].check(value)


def _total_row_amount(tidy: pd.DataFrame, table_key: str, column_word: str) -> Decimal | None:
    """The amount printed in ``table_key``'s 合计 row under the first column naming ``column_word``."""
    table = tidy[tidy.table_key == table_key]
    first = table[table.row_label.str.replace(" ", "").str.contains("合计")]
    cells = first[first.column.str.contains(column_word)].drop_duplicates("column")
    return Decimal(cells.amount.iloc[0]) if len(cells) else None


def exercises(budget: Budget) -> dict[int, Exercise]:
    """Exercises 1–3 on this document (those its tables allow), answers computed from the tidy table."""
    out: dict[int, Exercise] = {}
    tidy = budget.tidy
    gpb = tidy[tidy.table_key == "gpb_expense_summary"]
    if not gpb.empty:
        rows = gpb[(gpb.func_code.str.len() == 7) & gpb.column.str.contains("总计|合计")]
        rows = rows.drop_duplicates(["row_index"])
        total = sum((Decimal(a) for a in rows.amount), Decimal(0))
        education = sum(
            (Decimal(a) for a, c in zip(rows.amount, rows.func_code, strict=True) if c.startswith("205")), Decimal(0)
        )
        if total:
            out[1] = Exercise(
                "What share (%) of 一般公共预算支出 goes to 教育支出 (function class 205)?",
                education / total * 100,
                "%",
                "add the 项 rows whose code starts with 205 in the 一般公共预算支出表, divide by its total",
            )
    basic, project = (_total_row_amount(tidy, "expense_summary", word) for word in ("基本支出", "项目支出"))
    if basic is not None and project is not None:
        out[2] = Exercise(
            "How much is spent in total (基本支出 + 项目支出), in 万元?",
            basic + project,
            "万元",
            "the 支出总表's 合计 row: 基本支出 plus 项目支出",
        )
    personnel, public = (_total_row_amount(tidy, "gpb_basic_expense", word) for word in ("人员经费", "公用经费"))
    if personnel is not None and public is not None and personnel + public:
        out[3] = Exercise(
            "What share (%) of 一般公共预算基本支出 is 人员经费 (personnel costs)?",
            personnel / (personnel + public) * 100,
            "%",
            "人员经费 ÷ (人员经费 + 公用经费) in the 一般公共预算基本支出表",
        )
    return out
