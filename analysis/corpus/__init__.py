"""Many budgets at once: read a corpus of PDFs in parallel into one panel.

Each PDF is read independently — by worker processes on this machine
(``workers``), or on a Dask distributed cluster (``scheduler``: its address, or
a ``distributed.Client``) through the same function :func:`read_document`.
Then each document whose last year's document of the same unit and kind is in
the batch is audited against it (:func:`audit_against_prior`, on the same
workers), so the rates it states against last year's figures are recomputed.
Each document is read in a child process that is stopped after ``timeout``
seconds (a pathological or hostile file), and one bad file never stops the
batch: it becomes a failure record with its one-line reason.  Results and
failures are cached by SHA-256 and package version, so a re-run reads only new
or changed files.

Output (:func:`write_corpus`): ``tidy.parquet/`` partitioned by year, with the
document's keys on every row; ``tables/`` (documents, tables, indicators,
audit findings, each document's figures, the budget/final-accounts pairs and
their execution table); ``failures.csv``; a DuckDB database ``corpus.duckdb`` with
the same tables; and ``datapackage.json`` — all with the columns declared in
:mod:`analysis.schema`, also when empty.
"""

from .prior import prior_documents
from .run import (
    DEFAULT_TIMEOUT,
    Corpus,
    Progress,
    assemble,
    audit_against_prior,
    find_pdfs,
    read_corpus,
    read_document,
)
from .write import write_corpus

__all__ = [
    "DEFAULT_TIMEOUT",
    "Corpus",
    "Progress",
    "assemble",
    "audit_against_prior",
    "find_pdfs",
    "prior_documents",
    "read_corpus",
    "read_document",
    "write_corpus",
]
