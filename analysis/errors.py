"""Errors that name the file, page and table they concern.

Every problem with an input document surfaces as a :class:`BudgetInputError`
(or a subclass) whose one-line message says where it happened; the command line
prints that line and exits with status 2 instead of showing a traceback.
"""

from __future__ import annotations

from pathlib import Path


class BudgetInputError(Exception):
    """An input document that cannot be read as a departmental budget."""

    def __init__(
        self,
        path: str | Path,
        reason: str,
        *,
        page: int | None = None,
        table: str | None = None,
    ) -> None:
        self.path = str(path)
        self.reason = reason
        self.page = page
        self.table = table
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = [Path(self.path).name]
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.table:
            where.append(f"table {self.table}")
        return f"{', '.join(where)}: {self.reason}"


class NotAPdfError(BudgetInputError):
    """The file is not a PDF at all."""


class CorruptPdfError(BudgetInputError):
    """The PDF is truncated or damaged."""


class EncryptedPdfError(BudgetInputError):
    """The PDF needs a password."""


class NoTextLayerError(BudgetInputError):
    """The PDF has pages but no text (a scan without OCR)."""


class NotABudgetError(BudgetInputError):
    """A readable PDF that is not a departmental budget document."""


class UnreadableCellError(BudgetInputError):
    """A cell of an amount column whose text is not a number."""


class MismatchedFilesError(BudgetInputError):
    """Files given as one budget that are not (another body, year or kind)."""
