"""The consistency audit: genuine inconsistencies found, identities that hold pass, one changed amount."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest

from analysis import read_budget
from analysis.audit import rule_catalogue, run_audit
from analysis.budget import build_budget, file_sha256
from analysis.cli import main
from analysis.extract.reader import read_pages
from analysis.transform.claims import claims_frame

from .conftest import REALWORLD, SAMPLE_PDF


@pytest.fixture(scope="module")
def report(sample):
    return run_audit(sample)


def _failed(report, severity=None):
    frame = report.findings
    frame = frame[frame.status == "failed"]
    if severity:
        frame = frame[frame.severity == severity]
    return frame


def test_the_sample_errors_are_exactly_its_genuine_inconsistencies(report):
    errors = _failed(report, "error")
    found = sorted(zip(errors.rule, errors.expected, errors.actual, strict=True))
    assert found == sorted(
        [
            ("N01", "26.34", "26.24"),  # 基本养老保险缴费: 161.19 − 134.85 = 26.34, stated 26.24
            ("N02", "19.53%", "19.46%"),  # and the rate follows the wrong change
            ("N03", "增加", "减少"),  # 事业单位医疗 rose from 69.95 to 83.62, stated 减少 13.67
            ("N04", "2.11%", "2.40%"),  # 卫生健康 118.08 ÷ 5601
            ("N04", "3.11%", "2.81%"),  # 住房保障 173.97 ÷ 5601
            ("N07", "14", "15"),  # “15 个” projects with targets; the 绩效目标表 lists 14
            ("N07", "2,586.00", "2686"),  # their budget stated 2686; the 绩效目标表 adds up to 2,586.00
            ("X04", "2,686.00", "2,586.00"),  # 绩效目标表 total against the 项目支出表's projects
            ("X06", "0", "70.00"),  # 收支总表 事业收入 70.00; the 收入总表 prints it as 财政专户管理资金收入
        ]
    )
    errors_text = " ".join(errors.message)
    assert "事业单位医疗" in errors_text and "卫生健康（类）" in errors_text and "住房保障（类）" in errors_text
    assert "列在“财政专户管理资金收入”" in errors_text


def test_the_sample_warnings_and_notes(report):
    warnings = _failed(report, "warning")
    assert sorted(warnings.rule) == ["C03", "N05", "X04"]
    assert any("代编运转项目" in m for m in warnings.message)  # a project without performance targets
    assert any("共有车辆 4 辆" in m for m in warnings.message)  # 4 vehicles, listed kinds 0 + 0 + 0
    assert any("2022 年部门预算名词解释" in m for m in warnings.message)  # last year's heading
    notes = _failed(report, "info")
    # every project's indicator weights add up to 90 (the template keeps 10 for 预算执行率)
    assert set(notes.rule) == {"X05"} and len(notes) == 14 and set(notes.actual) == {"90"}


def test_identities_that_hold_on_the_sample_pass(report):
    summary = report.summary().set_index("rule")
    ran_by_rule = {"T01": 246, "T03": 24, "T04": 10, "T05": 1, "X01": 7, "X02": 39, "X03": 4, "C01": 13, "C02": 5}
    for rule, ran in ran_by_rule.items():
        assert summary.at[rule, "ran"] == ran and summary.at[rule, "failed"] == 0, rule
    passed = report.frame(include_passed=True)
    passed = passed[passed.status == "passed"]
    shares = set(passed[passed.rule == "N04"].actual)
    assert shares == {"98.77%", "1.23%", "52.64%", "47.36%", "87.99%", "6.80%"}
    changes = set(passed[passed.rule == "N01"].actual)
    assert {"84.38", "382.43", "175.1", "1.54", "134.03", "13.67", "34.46", "11.67"} <= changes
    assert summary.at["N06", "passed"] >= 20 and summary.at["N06", "failed"] == 0


def test_a_rate_from_a_prior_year_of_zero_is_read_as_the_new_items_conventional_100_percent(report):
    rates = report.frame(include_passed=True).query("rule == 'N02'")
    assert (rates.status == "not_run").sum() == 0
    (new,) = rates[rates.message.str.contains("上年为 0|= 0，本年")].itertuples()
    assert new.status == "passed" and new.actual == "100%" and "为新增，增长率按惯例记为 100%" in new.message


def test_rules_are_declared_as_data_with_names_severity_and_tolerance():
    catalogue = rule_catalogue()
    assert catalogue.rule.is_unique and len(catalogue) >= 20
    assert set(catalogue.severity) <= {"error", "warning", "info"}
    assert catalogue[["name_zh", "name_en", "compares", "tolerance"]].map(bool).all().all()


def test_claims_table_reads_amount_prior_change_rate_and_share(sample):
    claims = claims_frame(sample.narrative, sample.meta["unit_name"])
    pension = claims[claims.subject.str.contains("职业年金缴费支出")].iloc[0]
    assert (pension.amount, pension.prior, pension.change, pension.direction, pension.rate) == (
        Decimal("201.46"),
        Decimal("67.43"),
        Decimal("134.03"),
        "增加",
        Decimal("198.77"),
    )
    income = claims[claims.subject == "事业收入"].iloc[0]
    whole = claims.set_index("claim_id").loc[int(income.whole_id)]
    assert income.share == Decimal("1.23") and whole.amount == Decimal("5671") and whole.subject == "收入预算"
    vehicle = claims[claims.subject == "安排公务用车运行维护费"]
    assert vehicle.amount.tolist() == [Decimal("3.5")]


def _mutated_budget(page: int, old: str, occurrence: int, new: str):
    """The sample with one printed cell changed in its text layer (the n-th cell reading ``old``), read again."""
    pages = read_pages(SAMPLE_PDF)
    grids = pages[page - 1].grids
    cells = [(grid, row, c) for grid in grids for row in grid.texts for c, text in enumerate(row) if text == old]
    grid, row, c = cells[occurrence]
    row[c] = new
    grid.__dict__.pop("_regions", None)
    return build_budget(SAMPLE_PDF, file_sha256(SAMPLE_PDF), pages)


def _failures_by_rule(report) -> dict[str, int]:
    failed = report.findings[report.findings.status == "failed"]
    return failed.rule.value_counts().to_dict()


@pytest.mark.slow  # each case re-reads the sample's pages
@pytest.mark.parametrize(
    "page, old, occurrence, new, rules",
    [
        # 财政拨款收支总表: 卫生健康支出 (合计 column) — its 本年支出 row total and the 210 figure of other tables
        (31, "118.08", 0, "128.08", {"T01", "X02"}),
        # 一般公共预算“三公”经费表, 合计 row: 公务用车运行费 — the table's own totals, 公务用车运行维护费 (30231)
        # and the narrative's “安排公务用车运行维护费 3.5 万元”
        (51, "3.50", 0, "4.50", {"T01", "X03", "N12"}),
    ],
)
def test_changing_one_printed_amount_flags_exactly_the_rules_that_read_it(report, page, old, occurrence, new, rules):
    before = _failures_by_rule(report)
    after = _failures_by_rule(run_audit(_mutated_budget(page, old, occurrence, new)))
    changed = {rule for rule in set(before) | set(after) if after.get(rule, 0) > before.get(rule, 0)}
    assert changed == rules


def test_check_command_writes_findings_as_json_and_exits_1_on_errors(capsys):
    status = main(["check", str(SAMPLE_PDF), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert status == 1
    assert {"rule", "severity", "message", "expected", "actual", "location"} <= set(findings[0])
    assert any(f["rule"] == "N04" and f["actual"] == "2.40%" for f in findings)


def test_check_command_memo_groups_findings_by_severity(capsys):
    main(["check", str(SAMPLE_PDF)])
    memo = capsys.readouterr().out
    assert memo.index("错误 Errors") < memo.index("警告 Warnings") < memo.index("说明 Notes")
    assert "expected 2.11% | printed 2.40%" in memo


def test_the_memo_says_what_was_printed_but_not_read(sample):
    """A document read with problems (amounts printed but not read) never gets a clean memo without saying so."""
    import dataclasses

    from analysis.audit import memo

    assert "Not read as printed" not in memo(run_audit(sample)) and sample.problems.empty
    unread = pd.DataFrame(
        [
            {"kind": "coverage", "file": "x.pdf", "page": 3, "table": "表2", "row": None, "column": None,
             "text": "60,344.41", "reason": "55 amounts printed in a table read as printed empty: not extracted"},
            {"kind": "cell", "file": "x.pdf", "page": 2, "table": "表1", "row": 0, "column": "收入/项目",
             "text": "一、…", "reason": "an amount printed in a name's cell"},
        ]
    )  # fmt: skip
    text = memo(run_audit(dataclasses.replace(sample, problems=unread)))
    assert "Not read as printed: 2 problem(s) (coverage 1, cell 1)" in text


def test_check_command_csv_lists_passing_identities_on_request(capsys):
    main(["check", str(SAMPLE_PDF), "--format", "csv", "--all"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("rule,rule_name,rule_name_en,severity,status")
    assert sum(",passed," in line for line in lines) > 400


def test_a_document_without_tables_runs_the_narrative_rules_and_says_why_the_others_cannot():
    report = run_audit(read_budget(REALWORLD / "jiangsu_zhengxie_bangongting_2017_budget.pdf"))
    summary = report.summary().set_index("rule")
    assert summary.at["T01", "ran"] == 0 and "no table" in summary.at["T01", "why_not_run"]
    assert summary.at["N05", "ran"] > 0 and summary.at["N05", "failed"] == 0
    assert not report.has_errors


def test_a_real_document_that_adds_up_gives_no_errors():
    report = run_audit(read_budget(REALWORLD / "swu_2023_final_accounts.pdf"))
    assert not report.has_errors
    assert report.summary().ran.sum() > 200


def test_no_identity_that_holds_is_called_wrong(report):
    frame = report.frame(include_passed=True)
    passed = frame[frame.status == "passed"]
    assert not passed.message.str.contains(r"wrong|contradict|differs|不成立|do not add up").any()


def test_narrative_rules_do_not_depend_on_where_the_narrative_is_printed(sample, report):
    """A budget whose narrative comes from another file (its own page numbers): the same findings."""
    import dataclasses

    moved = sample.narrative.assign(page=sample.narrative.page + 1000)
    other = run_audit(dataclasses.replace(sample, narrative=moved)).frame(include_passed=True)
    same = report.frame(include_passed=True)

    def narrative_outcomes(frame):
        frame = frame[frame.rule.str.startswith("N")]
        return frame.drop(columns=["page", "location"]).reset_index(drop=True)

    assert len(narrative_outcomes(same)) > 80
    pd.testing.assert_frame_equal(narrative_outcomes(same), narrative_outcomes(other))


def test_three_public_items_are_named_alike_in_the_text_and_in_every_table_layout():
    from analysis.audit.narrative_rules import three_public_item

    assert three_public_item(["“三公”经费预算数", "公务用车购置及运行费", "购置费"]) == "purchase"
    assert three_public_item(["公务用车购置及运行维护费", "公务用车运行维护费", "一般公共预算"]) == "running"
    assert three_public_item(["当年财政拨款预算安排", "公务用车购置及运行费", "小计"]) == "vehicles"
    assert three_public_item(["总计", "一般公共预算"]) == "total"
    assert three_public_item(["（二）公务用车购置及运行维护支出"]) == "vehicles"
    assert three_public_item(["其中：（一）因公出国（境）支出"]) == "abroad"
    assert three_public_item(["机关运行经费预算数"]) is None and three_public_item(["行政经费"]) is None


def test_a_basic_table_printed_in_blocks_totals_the_blocks_own_totals(tmp_path):
    """人员经费 | 公用经费 printed side by side, each block closing with its own total (人员经费合计 920.00 |
    公用经费合计 110.00): the table's 基本支出 total is their sum, 1,030.00, as the 支出决算表 prints it — not the
    first block's (a false “totals disagree” error before)."""
    from .execution_documents import final_a, write

    budget = read_budget(write(final_a(), tmp_path, "final_a"), use_cache=False)
    totals = run_audit(budget).frame(include_passed=True)
    totals = totals[(totals.rule == "X01") & totals.message.str.contains("基本支出 总额")]
    assert totals.status.tolist() == ["passed"]
    assert "一般公共预算财政拨款基本支出决算表 1,030.00" in totals.message.iloc[0]
