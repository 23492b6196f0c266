"""Economic classification codes of amount columns (``工资福利支出/基本工资`` → 30101)."""

from __future__ import annotations

from ..model import Table
from ..reference import econ_code_for_column

#: tables whose amount columns are economic classes
ECON_COLUMN_TABLES = {
    "gpb_expense",
    "gpb_expense_summary",
    "expense_detail",
    "expense_econ",
    "expense_summary",
    "basic_expense",
    "gpb_basic_expense",
    "fiscal_basic_expense",
}


def column_econ_codes(table: Table) -> dict[str, str]:
    """Column name → economic code, for tables laid out by economic class."""
    if table.key not in ECON_COLUMN_TABLES:
        return {}
    codes = {}
    for column in table.money_columns:
        code = econ_code_for_column(column)
        if code:
            codes[column] = code
    return codes
