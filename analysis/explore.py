"""Views for looking inside an extraction: what camelot saw, and where each table sits."""

from __future__ import annotations

import pandas as pd

from .model import Budget, Table
from .schema import TABLES
from .specs import TABLE_SPECS


def raw_grid(table: Table, part: int = 0) -> pd.DataFrame:
    """One printed piece of ``table`` as camelot's lattice parser read it: cell texts, row by row."""
    parts = table.raw.parts if table.raw is not None else []
    if not parts:
        return pd.DataFrame({"note": ["no printed grid for this table"]})
    grid = parts[part].grid
    frame = pd.DataFrame(grid.texts)
    frame.index.name = f"page {grid.page} row"
    return frame


def largest_table(budget: Budget) -> Table:
    """The table with the most cells (an empty placeholder table for a narrative-only document)."""
    if budget.tables:
        return max(budget.tables, key=lambda t: t.df.size)
    from .specs import UNKNOWN

    empty = pd.DataFrame()
    return Table(UNKNOWN, "(no tables in this document)", "", "", "", True, "", [0], empty, {}, empty, empty)


TABLE_MAP_COLUMNS = TABLES.names


def table_map(budget: Budget) -> pd.DataFrame:
    """Every table found: label, title, standard key, English name, pages, parts, size, unit, validation,
    the reader that read it and its file."""
    return pd.DataFrame(
        [
            {
                "label": t.label,
                "title": t.title,
                "key": t.key,
                "name_en": t.name_en,
                "pages": f"{t.pages[0]}–{t.pages[-1]}" if len(t.pages) > 1 else str(t.pages[0]),
                "horizontal_parts": t.horizontal_parts,
                "continued_pages": t.continued_pages,
                "rows": len(t.df),
                "amounts": int(sum(t.df[c].notna().sum() for c in t.money_columns)),
                "unit": t.unit,
                "empty": t.is_empty,
                "validation": t.validation.summary(),
                "reader": t.reader,
                "source": t.source,
            }
            for t in budget.tables
        ],
        columns=TABLE_MAP_COLUMNS,
    )


def standard_tables() -> pd.DataFrame:
    """The standard tables the package recognises (key, official Chinese name, English name, title pattern)."""
    return pd.DataFrame(
        [{"key": s.key, "name_zh": s.name_zh, "name_en": s.name_en, "title_pattern": s.pattern} for s in TABLE_SPECS]
    )
