"""Each document against its own previous year: last year's document of the same unit and kind in a corpus.

A document's narrative may state rates against last year's figures that only last year's document prints
(比2022年度决算数增长 0.39%).  When the corpus holds exactly one document of the same unit, kind (预算 or
决算) and level (部门/单位, where both titles say one) of the year before — and no other of the document's
own year — the document's audit is run again with it (``run_audit(budget, prior)``) after the batch is
read, and the corpus's findings of the document are those of that audit (columns ``prior_doc_id``,
``prior_file``).  Anything less certain (two documents of one unit, kind and year; a gap year; a name or
year not printed) pairs nothing: the document keeps its own audit.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..schema import DOCUMENT_KEYS, PRIOR_KEYS
from ..specs import DOCUMENT_KINDS

#: one row per document to audit against last year's: its file and last year's
PRIOR_COLUMNS = ["sha256", "path", "file_name", "prior_sha256", "prior_doc_id", "prior_path", "prior_file"]

#: the finding saying that the audit against last year's document could not run (the document keeps its own)
PRIOR_RULE = ("corpus_prior", "上年文件对照", "audit against last year's document")


def prior_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """For each document of ``documents`` (the corpus's), last year's document of the same unit and kind.

    The same unit: the printed names as :func:`analysis.unit_names.same_unit` compares them (both printed),
    unit codes equal where both print one, and the same level (部门/单位) where both titles say one.  A document is
    paired only when the corpus holds exactly one such document of the year before and no other of its own
    year; copies of one file (same SHA-256) count once, and each copy's findings are those of the pair.
    """
    from ..budget_execution.pairing import document_level, same_unit

    if documents.empty:
        return pd.DataFrame(columns=PRIOR_COLUMNS)
    docs = documents.drop_duplicates("sha256")
    docs = docs[docs.year.notna() & docs.kind.isin(list(DOCUMENT_KINDS)) & (docs.unit_name.fillna("") != "")]
    docs = docs.assign(
        year=docs.year.astype(int), level=docs.title.fillna("").map(document_level), unit_code=docs.unit_code.fillna("")
    )
    by_year = defaultdict(list)  # (kind, year) → its documents
    for doc in docs.itertuples():
        by_year[doc.kind, doc.year].append(doc)

    def of_the_unit(doc, year: int) -> list:
        """The documents of ``doc``'s unit, kind and level of ``year`` (a code or level one does not print
        cannot tell them apart)."""
        return [
            other
            for other in by_year.get((doc.kind, year), [])
            if same_unit(other.unit_name, doc.unit_name) is True
            and not (other.unit_code and doc.unit_code and other.unit_code != doc.unit_code)
            and not (other.level and doc.level and other.level != doc.level)
        ]

    rows = []
    for doc in docs.itertuples():
        if len(of_the_unit(doc, doc.year)) != 1:
            continue  # another document of the unit, kind and year: which one's last year is it?
        last = of_the_unit(doc, doc.year - 1)
        if len(last) != 1:
            continue  # none (a gap year, the first of the series) or several: nothing to audit against
        prior = last[0]
        rows.append(
            {
                "sha256": doc.sha256,
                "path": doc.path,
                "file_name": doc.file_name,
                "prior_sha256": prior.sha256,
                "prior_doc_id": prior.doc_id,
                "prior_path": prior.path,
                "prior_file": prior.file_name,
            }
        )
    return pd.DataFrame(rows, columns=PRIOR_COLUMNS)


def with_prior(result: dict, prior: dict, audit: dict) -> dict:
    """A document's result (:func:`~analysis.corpus.read_document`) with the findings and audit counts of its
    audit against last year's document (``prior``: a row of :func:`prior_documents`; ``audit``: what
    :func:`~analysis.corpus.audit_against_prior` returned).  When that audit could not run, the document keeps
    its own findings, and one more finding (``corpus_prior``, not run) says why."""
    document = dict(result["document"])
    keys = {c: document[c] for c in DOCUMENT_KEYS.names}
    if "error" in audit:
        rule, name_zh, name_en = PRIOR_RULE
        note = {
            "rule": rule,
            "rule_name": name_zh,
            "rule_name_en": name_en,
            "severity": "info",
            "status": "not_run",
            "message": f"未能对照上年文件 {prior['prior_file']}（{audit['error']}），此为本文件单独审核的结果",
        }
        findings = pd.concat([result["findings"], pd.DataFrame([{**note, **keys}])], ignore_index=True)
        return {**result, "findings": findings}
    used = {"prior_doc_id": prior["prior_doc_id"], "prior_file": prior["prior_file"]}
    findings = audit["findings"].assign(**keys, **used)
    document.update({k: audit[k] for k in ("audit_errors", "audit_warnings", "audit_rules_not_run")}, **used)
    return {**result, "document": document, "findings": findings}


def no_prior(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the prior columns empty (``""``) where no prior was used."""
    return frame.assign(**{c: frame[c].astype(object).fillna("") for c in PRIOR_KEYS.names if c in frame.columns})
