"""Comparison of extracted tidy data with hand-made truth files."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pandas as pd


def truth_keys(path: Path, money_scale: Decimal = Decimal(1)) -> Counter:
    """(title, label, row label, column, amount in 万元) of every truth cell."""
    truth = pd.read_csv(path, dtype=str, keep_default_na=False)
    keys = Counter()
    for row in truth.itertuples():
        amount = Decimal(row.amount)
        if not row.title.startswith("单位人员情况"):
            amount = amount / money_scale
        keys[(row.title, row.label, row.row_label, row.column_label, amount)] += 1
    return keys


def extracted_keys(tidy: pd.DataFrame) -> Counter:
    return Counter(
        zip(
            tidy.table_title,
            tidy.table_label,
            tidy.row_label,
            tidy.column,
            (Decimal(a) for a in tidy.amount),
            strict=True,
        )
    )
