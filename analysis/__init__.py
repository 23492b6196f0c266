"""Read Chinese departmental budget PDFs (部门预算) into tidy, checked data.

>>> from analysis import read_budget
>>> budget = read_budget("data/raw/2023_chengdu_etemc_budget.pdf")
>>> budget.tidy.head()            # one row per printed amount
>>> budget.table("表3-1").df      # one stitched table, amounts as Decimal
"""

from .audit import audit, run_audit
from .budget import read_budget
from .budget_execution import execution
from .errors import BudgetInputError
from .model import Budget, Table

__all__ = ["Budget", "BudgetInputError", "Table", "audit", "execution", "read_budget", "run_audit"]
__version__ = "0.1.0"
