"""Rules on what the document contains: the 目录's tables, stated nil spending, its year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..text import squash
from ..transform.contents import contents_entries, printed_table
from .core import AuditContext, Outcome
from .figures import grand_total_row


def toc_tables_present(ctx: AuditContext) -> Iterator[Outcome]:
    """Every table the 目录 lists is printed (possibly empty)."""
    entries = contents_entries(ctx.budget.narrative)
    if not entries:
        yield Outcome("not_run", "no 目录 listing the tables found")
        return
    tables = ctx.budget.tables
    printed = [printed_table(entry, tables) for entry in entries]
    if all(t is None for t in printed):
        yield Outcome(
            "not_run",
            f"the 目录 lists {len(entries)} tables and the document prints none of them (published as another file?)",
            location=f"目录 p.{entries[0].page}",
            page=entries[0].page,
        )
        return
    for entry, table in zip(entries, printed, strict=True):
        state = "（表内无数据）" if table is not None and table.is_empty else ""
        yield Outcome(
            "passed" if table is not None else "failed",
            f"目录 {entry.name}："
            + (f"见 {table.name} p.{table.pages[0]}{state}" if table is not None else "未找到此表"),
            expected=entry.title,
            actual=table.name if table is not None else "",
            location=f"目录 p.{entry.page}",
            page=entry.page,
        )


NIL_SUBJECTS = [
    # (words in the sentence, table key, column pattern or None for the whole table)
    (r"政府性基金", "gov_fund_expense", None),
    (r"国有资本经营", "soe_capital_expense", None),
    (r"因公出国", "three_public", r"因公出国"),
    (r"公务接待", "three_public", r"公务接待"),
    (r"公务用车购置(?!及)", "three_public", r"公务用车购置费|^公务用车购置$"),
]
NIL_RE = re.compile(r"(?:无|没有|未安排)[^，。；]{0,30}?(?:预算|支出|经费)")


def nil_statements(ctx: AuditContext) -> Iterator[Outcome]:
    """A sentence saying there is no such spending (无…预算) agrees with the table."""
    ran = False
    for row in ctx.budget.narrative.itertuples():
        text = squash(str(row.text))
        for match in NIL_RE.finditer(text):
            clause = match.group()
            for words, key, column_pattern in NIL_SUBJECTS:
                if not re.search(words, clause):
                    continue
                tables = [t for t in ctx.budget.tables if t.key == key]
                if not tables:
                    yield Outcome("not_run", f"“{clause}”: no {key} table to compare with", page=int(row.page))
                    continue
                ran = True
                table = tables[0]
                if column_pattern is None:
                    values = [v for c in table.money_columns for v in table.df[c] if v is not None]
                    nil = table.is_empty or all(v == 0 for v in values)
                    state = "为空表" if table.is_empty else "金额均为 0" if nil else "有数据"
                    what = f"{table.name} {state}"
                else:
                    columns = [c for c in table.money_columns if re.search(column_pattern, squash(c.split("/")[-1]))]
                    total = grand_total_row(table)
                    values = [table.df.at[total, c] for c in columns] if total is not None else []
                    nil = all(v is None or v == 0 for v in values)
                    what = f"{table.name} {'/'.join(squash(c.split('/')[-1]) for c in columns)} " + (
                        "为空" if nil else "有数额 " + ", ".join(str(v) for v in values if v)
                    )
                yield Outcome(
                    "passed" if nil else "failed",
                    f"文中“{clause}”，{what}",
                    expected="无",
                    actual="无" if nil else "有",
                    location=f"{ctx.place(row)} “{text[:60]}”",
                    page=int(row.page),
                )
                break
    if not ran:
        yield Outcome("not_run", "the narrative states no nil spending that a table shows")


HEADING_YEAR_RE = re.compile(r"(20\d{2})\s*年(?:度)?\s*(?:部门|单位)?(?:预算|决算|名词解释|单位概况)")


def document_year(ctx: AuditContext) -> Iterator[Outcome]:
    """Headings name the document's own year (a heading left over from last year's document)."""
    year = ctx.budget.meta.get("year")
    if not year:
        yield Outcome("not_run", "the document's year is not printed on its cover")
        return
    found = False
    for row in ctx.budget.narrative.itertuples():
        text = str(row.text).strip()
        # a heading, not a sentence comparing with another year (与2025年预算持平) or stating amounts
        if len(squash(text)) > 40 or re.search(r"[比与较同]\s*20\d{2}|万元|元", text):
            continue
        for match in HEADING_YEAR_RE.finditer(squash(text)):
            found = True
            stated = int(match.group(1))
            yield Outcome(
                "passed" if stated == year else "failed",
                f"标题“{text}”的年度 {stated}" + ("" if stated == year else f"，文件为 {year} 年度"),
                expected=str(year),
                actual=str(stated),
                location=f"{ctx.place(row)} “{text}”",
                page=int(row.page),
            )
    if not found:
        yield Outcome("not_run", "no heading names a year (YYYY年预算 …)")
