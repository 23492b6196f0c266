"""Budgets and final accounts in a corpus: pairs of one unit and year, and the execution table of each pair."""

from __future__ import annotations

import pandas as pd

from ..schema import CORPUS, PAIR_KEYS, PAIRS
from .figures import FIGURE_COLUMNS
from .pairing import document_level, same_unit, unit_key
from .table import TABLE_COLUMNS, execution_table

#: declared in analysis/schema.py
PAIR_COLUMNS = PAIRS.names
PAIR_ON_ROWS = PAIR_KEYS.names


def pair_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per budget (预算) and final accounts (决算) of the same unit and year in ``documents``.

    Units match as :func:`~.pairing.same_unit` says (and unit codes, where both print one); of several
    candidates the one of the same level (部门/单位) and then the same name is taken; a pair that stays
    ambiguous (two budgets of one unit, level and year) is left out rather than guessed.  Copies of one
    file (same SHA-256) count once.
    """
    if documents.empty:
        return PAIRS.empty()
    docs = documents.drop_duplicates("sha256")
    docs = docs.assign(level=docs.title.fillna("").map(document_level))
    budgets = docs[docs.kind == "预算"]
    rows, used = [], set()
    for final in docs[docs.kind == "决算"].sort_values(["unit_name", "year", "file_name"]).itertuples():
        candidates = [
            b
            for b in budgets.itertuples()
            if b.year == final.year
            and b.year is not None
            and same_unit(b.unit_name, final.unit_name)
            and not (b.unit_code and final.unit_code and b.unit_code != final.unit_code)
        ]
        if len(candidates) > 1:
            candidates = [b for b in candidates if b.level == final.level] or candidates
        if len(candidates) > 1:
            candidates = [b for b in candidates if unit_key(b.unit_name) == unit_key(final.unit_name)] or candidates
        if len(candidates) != 1 or candidates[0].doc_id in used:
            continue
        budget = candidates[0]
        used.add(budget.doc_id)
        rows.append(
            {
                "pair_id": f"{budget.doc_id}-{final.doc_id}",
                "unit_name": budget.unit_name or final.unit_name,
                "year": budget.year,
                "budget_doc_id": budget.doc_id,
                "budget_file": budget.file_name,
                "final_doc_id": final.doc_id,
                "final_file": final.file_name,
            }
        )
    return pd.DataFrame(rows, columns=PAIR_COLUMNS) if rows else PAIRS.empty()


def corpus_execution(pairs: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The execution table (:func:`~.table.execution_table`) of every pair, with the pair's columns in front."""
    frames = []
    for pair in pairs.to_dict("records"):
        budget = figures[figures.doc_id == pair["budget_doc_id"]][FIGURE_COLUMNS]
        final = figures[figures.doc_id == pair["final_doc_id"]][FIGURE_COLUMNS]
        table, _ = execution_table(budget, final)
        if not table.empty:
            frames.append(table.assign(**{c: pair[c] for c in PAIR_ON_ROWS})[PAIR_ON_ROWS + TABLE_COLUMNS])
    schema = CORPUS["execution"]
    return schema.conform(pd.concat(frames, ignore_index=True)) if frames else schema.empty()
