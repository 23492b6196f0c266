"""Comparisons across the documents of a corpus: function mix, years of one department, audit results."""

from __future__ import annotations

import pandas as pd

from .budget import read_budget
from .corpus import Corpus
from .structure import by_function
from .trend import panel


def _label(doc) -> str:
    return f"{doc.unit_name} {doc.year} {doc.kind}".strip()


def function_mix(corpus: Corpus, scope: str = "gpb") -> pd.DataFrame:
    """Share (%) of each function 类 in each document (columns: ``share`` × documents; rows: 类).

    Shares stay exact ``Decimal`` percentages (round for display only: :func:`analysis.display.show`).
    """
    frames = []
    for doc in corpus.documents.itertuples():
        classes = by_function(read_budget(doc.path), "类", scope)
        if classes.empty:
            continue
        classes = classes.assign(document=f"{_label(doc)} ({doc.file_name})")
        frames.append(classes[["func_code", "name_zh", "name_en", "document", "share"]])
    if not frames:
        return pd.DataFrame()
    data = pd.concat(frames, ignore_index=True)
    index = ["func_code", "name_zh", "name_en"]
    return data.pivot(index=index, columns="document", values=["share"])


def departments(corpus: Corpus) -> pd.DataFrame:
    """Documents per department: years covered, and how many of them print tables."""
    docs = corpus.documents
    if docs.empty:
        return pd.DataFrame(columns=["unit_name", "documents", "years", "with_tables"])
    grouped = docs.groupby("unit_name", sort=True)
    return pd.DataFrame(
        {
            "documents": grouped.size(),
            "years": grouped.year.apply(lambda s: ", ".join(str(y) for y in sorted(set(s)))),
            "with_tables": grouped.tables.apply(lambda s: int((s > 0).sum())),
        }
    ).reset_index()


def department_years(corpus: Corpus, unit_name: str | None = None, level: str = "类") -> pd.DataFrame:
    """Year-over-year expenditure by function code for one department (the one with most years by default)."""
    docs = corpus.documents
    docs = docs[(docs.tables > 0) & (docs.kind == "预算")]
    if docs.empty:
        return pd.DataFrame()
    if unit_name is None:
        unit_name = docs.groupby("unit_name").year.nunique().sort_values(ascending=False).index[0]
    chosen = docs[docs.unit_name == unit_name].sort_values("year").drop_duplicates("year")
    return panel([read_budget(p) for p in chosen.path], level=level).assign(unit_name=unit_name)


def audit_table(corpus: Corpus) -> pd.DataFrame:
    """Each document's audit result and table validation, side by side."""
    columns = [
        "file_name", "unit_name", "year", "kind", "tables", "amounts", "tables_failing_validation",
        "audit_errors", "audit_warnings", "audit_rules_not_run",
    ]  # fmt: skip
    return corpus.documents[columns].sort_values(["unit_name", "year"], ignore_index=True)
