"""Budget against final accounts (预算 vs 决算): how much of the plan was carried out.

>>> from analysis import execution
>>> table = execution("swu_2023_department_budget.pdf", "swu_2023_final_accounts.pdf")
>>> table[(table.section == "function") & (table.func_code == "")]   # each scope's 合计
>>> execution(["budget_narrative.pdf", "budget_tables.pdf"], "final_accounts.pdf")  # a budget in two files

:func:`compare` gives the whole comparison (:class:`Execution`): the table, the
check that the two documents belong together, the findings on the budget
columns the final accounts print themselves, and notes on what could not be
compared.  Stages: :mod:`.figures` (what one document prints) → :mod:`.table`
(the pair, row by row) → :mod:`.findings` (年初预算数 against the published
budget); :mod:`.pairing` checks the documents, :mod:`.panel` pairs a corpus.
The chart is :func:`analysis.plots.execution_bars`; the columns are declared in
:mod:`analysis.schema` (``EXECUTION``, ``FIGURES``, ``PAIRS``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..audit.core import AuditReport
from ..model import Budget
from ..schema import EXECUTION
from .figures import document_figures
from .findings import PAIR_RULES, printed_budget_findings
from .pairing import DocumentsDoNotMatchError, Pairing, check_pair, require_pair
from .table import SECTIONS, TABLE_COLUMNS, execution_table

__all__ = [
    "PAIR_RULES",
    "TABLE_COLUMNS",
    "DocumentsDoNotMatchError",
    "Execution",
    "Pairing",
    "check_pair",
    "compare",
    "document_figures",
    "execution",
    "for_notebook",
]

#: a document to compare: read already, one PDF, or the PDFs of one document published apart (narrative, tables)
Document = Budget | str | os.PathLike | Sequence[str | os.PathLike]


def _read(doc: Document) -> Budget:
    if isinstance(doc, Budget):
        return doc
    from ..budget import read_budget

    if isinstance(doc, (str, os.PathLike)):
        return read_budget(doc)
    return read_budget([Path(p) for p in doc])  # files of another body, year or kind: MismatchedFilesError


ROOT = Path(__file__).resolve().parents[2]
#: the pair the notebook shows by default, when the repository's fixtures are at hand
DEFAULT_PAIR = (
    ROOT / "tests" / "fixtures" / "realworld" / "swu_2023_department_budget.pdf",
    ROOT / "tests" / "fixtures" / "realworld" / "swu_2023_final_accounts.pdf",
)


@dataclass
class Execution:
    """A budget compared with its final accounts (or, with ``message``, why there is nothing to compare)."""

    budget: Budget | None
    final: Budget | None
    pairing: Pairing | None
    table: pd.DataFrame
    report: AuditReport | None
    notes: list[str] = field(default_factory=list)
    budget_figures: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    final_figures: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    message: str = ""

    @property
    def statement(self) -> str:
        """Whether the two documents belong together, in one sentence (or what is needed to compare)."""
        return self.pairing.statement if self.pairing is not None else self.message

    @property
    def findings(self) -> pd.DataFrame:
        """The final accounts' budget columns (年初预算数 …) that differ from the published one; rules not run."""
        if self.report is None:
            from ..audit.core import FINDING_COLUMNS

            return pd.DataFrame(columns=FINDING_COLUMNS)
        return self.report.findings

    def section(self, name: str) -> pd.DataFrame:
        """The rows of one section: ``function``, ``basic_project``, ``economic`` or ``three_public``."""
        if name not in SECTIONS:
            raise ValueError(f"no section {name!r}: one of {', '.join(SECTIONS)}")
        return self.table[self.table.section == name].reset_index(drop=True)

    def scope_totals(self) -> pd.DataFrame:
        """Per scope both print: the 合计 budget, final, difference and rate, and how many codes only one prints."""
        function = self.section("function")
        rows = []
        for scope, group in function.groupby("scope", sort=False):
            total = group[group.func_code == ""].iloc[0]
            rows.append(
                {
                    "scope": scope,
                    "budget": total.budget,
                    "final": total.final,
                    "difference": total.difference,
                    "execution_rate": total.execution_rate,
                    "codes": int((group.func_code != "").sum()),
                    "only_in_budget": ", ".join(group[group.only_in == "budget"].func_code),
                    "only_in_final": ", ".join(group[group.only_in == "final"].func_code),
                }
            )
        columns = [
            "scope",
            "budget",
            "final",
            "difference",
            "execution_rate",
            "codes",
            "only_in_budget",
            "only_in_final",
        ]
        return pd.DataFrame(rows, columns=columns)

    def one_sided(self) -> pd.DataFrame:
        """Rows only one document prints (a code, an economic class, a “三公” item), never dropped."""
        return self.table[self.table.only_in != ""].reset_index(drop=True)

    def by_class(self, scope: str | None = None) -> pd.DataFrame:
        """Function classes (类) of one scope (default: each scope both print), budget against final."""
        function = self.section("function")
        rows = function[function.func_code.str.len() == 3]
        return rows[rows.scope == scope].reset_index(drop=True) if scope else rows.reset_index(drop=True)

    def largest_deviations(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` rows of the finest level both documents print with the largest |final − budget|, per scope."""
        function = self.section("function")
        coded = function[(function.func_code != "") & function.difference.notna()]
        frames = []
        for _, group in coded.groupby("scope", sort=False):
            both = group[group.only_in == ""]
            finest = both.func_code.str.len().max() if not both.empty else group.func_code.str.len().max()
            frames.append(group[group.func_code.str.len() == finest])
        if not frames:
            return function.iloc[0:0]
        rows = pd.concat(frames)
        order = rows.difference.map(abs).sort_values(ascending=False, kind="stable").index
        return rows.loc[order].head(n).reset_index(drop=True)

    def notes_text(self) -> str:
        """The notes on what could not be compared, one per line."""
        return "\n".join(self.notes) or ("Everything both documents print was compared." if self.pairing else "")

    def summary_text(self) -> str:
        from .text import execution_text

        return execution_text(self)


def compare(budget: Document, final: Document, *, strict: bool = True, measure: str = "total") -> Execution:
    """Compare a budget with its final accounts → :class:`Execution`.

    Each is a :class:`~analysis.model.Budget`, a PDF path, or a list of the PDFs it is published as
    (``["budget_narrative.pdf", "budget_tables.pdf"]``), read as one document by
    :func:`~analysis.budget.read_budget`.

    ``strict``: raise :class:`DocumentsDoNotMatchError` when the two are not of the
    same unit and year (otherwise the pairing's problems are only reported).
    ``measure``: the function rows' figures — ``total`` (合计), ``basic`` or ``project``.
    """
    budget, final = _read(budget), _read(final)
    pairing = require_pair(budget, final) if strict else check_pair(budget, final)
    budget_figures, final_figures = document_figures(budget), document_figures(final)
    table, notes = execution_table(budget_figures, final_figures, measure)
    report = printed_budget_findings(budget, final, budget_figures, final_figures)
    return Execution(budget, final, pairing, table, report, notes, budget_figures, final_figures)


def _files(doc: str | os.PathLike | Sequence[str | os.PathLike], default: Path) -> list[Path]:
    if isinstance(doc, (str, os.PathLike)):
        return [Path(doc or default)]
    return [Path(p) for p in doc] or [default]


def for_notebook(
    budget_pdf: str | os.PathLike | Sequence[str | os.PathLike] = "",
    final_pdf: str | os.PathLike | Sequence[str | os.PathLike] = "",
) -> Execution:
    """:func:`compare` on the notebook's parameters (a PDF, or the list of PDFs a document is published as);
    empty ones mean :data:`DEFAULT_PAIR`.  When a file is missing, an empty :class:`Execution` whose
    ``statement`` says what the notebook needs."""
    budget, final = _files(budget_pdf, DEFAULT_PAIR[0]), _files(final_pdf, DEFAULT_PAIR[1])
    missing = [str(p) for p in budget + final if not p.is_file()]
    if missing:
        message = (
            "This notebook needs a budget PDF (部门预算) and the final accounts (部门决算) of the same unit and year: "
            f"set the parameters budget_pdf and final_pdf (not found: {', '.join(missing)})."
        )
        return Execution(None, None, None, EXECUTION.empty(), None, message=message)
    return compare(budget if len(budget) > 1 else budget[0], final if len(final) > 1 else final[0])


def execution(budget: Document, final: Document, *, strict: bool = True, measure: str = "total") -> pd.DataFrame:
    """The execution table of a budget and its final accounts (see :mod:`analysis.budget_execution.table`);
    each given as :func:`compare` takes it (a document, a PDF, or the list of PDFs it is published as).

    One row per scope and 类/款/项 code either document prints, with ``budget``,
    ``final``, ``difference`` and ``execution_rate`` (final ÷ budget, %) as exact
    ``Decimal`` in 万元, a 合计 row per scope, then 基本支出/项目支出, economic
    classes and the “三公” items where both print them.
    """
    return compare(budget, final, strict=strict, measure=measure).table
