"""The audit on real published documents: per file, the findings (each checked by hand against the PDF)
and the identities that hold."""

from __future__ import annotations

import re

import pytest

from analysis import read_budget
from analysis.audit import memo, run_audit

from .conftest import REALWORLD

pytestmark = pytest.mark.slow  # reads all 16 real documents

#: every failed identity per file: (rule, severity, expected, actual)
FINDINGS = {
    "shanghai_putuo_sifaju_2026_department_budget": [
        ("N02", "error", "17.93%", "17.66%"),  # 职业年金: 77.99 → 91.97 is +17.93%, the line above's 17.66% repeated
        ("N02", "error", "91.11%", "17.62%"),  # 其他司法支出: 43269.3 → 3845.49 (the executed figure mistyped)
        ("N03", "error", "减少", "增加"),  # … which makes the stated 增加 a fall
        ("N09", "error", "208.8", "201.50"),  # 住房公积金: head 208.8 (= table), 预算安排 201.50
        ("N10", "warning", "2025", "2026"),  # “比2026年预算增加 …” in the 2026 budget, five times on p.8
        ("N11", "warning", "卫生健康支出", "医疗卫生与计划生育支出"),  # 210 under its pre-2019 name
    ],
    "shanghai_putuo_sifaju_2026_unit_budget": [
        ("N02", "error", "15.13%", "1.10%"),  # 行政运行: 1690.69 → 1434.89
        ("N02", "error", "29.67%", "21.74%"),  # 购房补贴: 241.76 → 170.03 stated as +21.74%
        ("N03", "error", "减少", "增加"),  # … a fall described as 增加
        ("N09", "error", "207", "170.03"),  # 购房补贴: head 207 (= table), 预算安排 170.03
        ("N09", "error", "56.12", "57.8"),  # 行政单位离退休: head 56.12 (= table), 预算安排 57.8
        ("N11", "warning", "卫生健康支出", "医疗卫生与计划生育支出"),
        # the tables as printed: 人员经费 without its cents (12604173 of 12604173.34) and 64,840,547.00 of
        # project spending printed on the 行政运行 row too (p.11, p.14)
        ("T01", "error", "22,118,861.34", "22,118,861"),
        ("T01", "error", "22,118,861.34", "22,118,861"),
        ("T02", "error", "129,681,094.00", "64,840,547.00"),
        ("T02", "error", "129,681,094.00", "64,840,547.00"),
        ("T03", "error", "79,189,400", "79,189,400.34"),
        ("T03", "error", "79,189,400.34", "14,348,853.34"),
        ("T03", "error", "79,189,400.34", "14,348,853.34"),
        ("T03", "error", "86,959,408", "86,959,408.34"),
        ("T03", "error", "86,959,408.00", "86,959,408.34"),
        ("T03", "error", "86,959,408.00", "86,959,408.34"),
        ("X01", "error", "22,118,861", "22,118,861.34"),
        ("X01", "error", "86,959,408.00", "86,959,408.34"),
        ("X01", "error", "86,959,408.00", "86,959,408.34"),
    ],
    "swu_2023_department_budget": [
        ("N04", "warning", "16.83%", "16.84%"),  # 上年结转 93,801.70 ÷ 557,259.13; the five shares forced to 100%
        ("T01", "error", "9,646.01", "9,645.51"),  # 小学教育 in the 收入预算表, as printed
        ("T02", "error", "520,603.41", "520,603.91"),
    ],
    "swu_2023_final_accounts": [
        ("N04", "warning", "0.55%", "0.56%"),  # 科学技术支出 2,536.65 ÷ 457,676.75
    ],
    "jiangsu_zhengxie_bangongting_2017_budget": [],
    "jiangsu_zhengxie_bangongting_2018_budget": [
        ("N02", "warning", "66.68%", "66.69%"),  # 机关运行经费 减少 2,233.13 of 3,348.98
    ],
    "jiangsu_zhengxie_bangongting_2019_budget": [],
    "jiangsu_jianchayuan_2018_budget": [
        ("N02", "error", "0.60%", "0.06%"),  # 一般行政管理事务: 增加 21.8 of 3,644.2 stated as 0.06%
        ("N02", "error", "6.60%", "0.66%"),  # 检察监督支出: 减少 134 of 2,029 stated as 0.66%
        # p.23, below the last table: 收、支预算总计 21,955.35 增加 3,958.67 over 17,996.68 = 22.00%, stated 21.95%
        ("N02", "error", "22.00%", "21.95%"),
        ("N02", "warning", "36.59%", "36.58%"),  # 行政运行: 2,915.22 ÷ 7,968.14
        ("N02", "warning", "9.15%", "9.1%"),  # 社会保障和就业支出: 184.96 ÷ 2,021.18
        # shares forced to add up to 100%: each a digit off
        ("N04", "warning", "0.07%", "0.06%"),
        ("N04", "warning", "10.88%", "10.87%"),
        ("N04", "warning", "63.74%", "63.75%"),
        ("N04", "warning", "99.93%", "99.94%"),
        ("N04", "warning", "99.93%", "99.94%"),
    ],
    "jiangsu_renda_bangongting_2017_budget": [
        # “占‘三公’经费的 8.75% / 7.22% / 16.81%”: the 三公 table's 合计 is 833.60 (222.5 + 183.6 + 427.5)
        ("N04", "error", "22.02%", "7.22%"),
        ("N04", "error", "26.69%", "8.75%"),
        ("N04", "error", "51.28%", "16.81%"),
    ],
    "jiangsu_shengwei_bangongting_2018_budget": [],
    "jiangsu_shengwei_bangongting_2018_budget_tables": [],
    "guangzhou_tongjiju_2026_department_budget": [],
    "shenzhen_kouanban_2026_department_budget": [],
    "chongqing_kejiju_2026_department_budget": [],
    "beijing_jiaotongwei_2026_department_budget": [],
    "shanghai_zhiyenenglikaoshiyuan_2026_unit_budget": [],
}

#: identities that hold per file and rule: (ran, passed)
HOLD = {
    "shanghai_putuo_sifaju_2026_department_budget": {
        "N02": (13, 11), "N03": (13, 12), "N09": (13, 12), "N06": (20, 20), "N11": (21, 20), "N12": (6, 6),
        "X06": (5, 5), "X07": (8, 8),
    },
    "shanghai_putuo_sifaju_2026_unit_budget": {"N02": (13, 11), "N03": (13, 12), "N09": (13, 11), "N12": (6, 6)},
    "swu_2023_department_budget": {"N04": (16, 15), "N06": (19, 19), "X06": (6, 6), "X07": (2, 2)},
    "swu_2023_final_accounts": {"N02": (2, 2), "N04": (12, 11), "N06": (24, 24), "N10": (26, 26), "N11": (12, 12)},
    "jiangsu_zhengxie_bangongting_2017_budget": {"N02": (20, 20), "N03": (20, 20), "N04": (12, 12), "N10": (2, 2)},
    "jiangsu_zhengxie_bangongting_2018_budget": {"N02": (19, 18), "N03": (19, 19), "N04": (14, 14)},
    "jiangsu_zhengxie_bangongting_2019_budget": {"N02": (22, 22), "N03": (22, 22), "N04": (14, 14)},
    "jiangsu_jianchayuan_2018_budget": {"N02": (15, 10), "N04": (9, 4), "N06": (14, 14), "N12": (7, 7)},
    "jiangsu_renda_bangongting_2017_budget": {"N02": (13, 13), "N04": (7, 4), "N06": (9, 9), "N12": (7, 7)},
    "jiangsu_shengwei_bangongting_2018_budget": {"N02": (18, 18), "N03": (15, 15), "N04": (8, 8)},
    "guangzhou_tongjiju_2026_department_budget": {"N02": (8, 8), "N05": (3, 3), "N12": (6, 6), "X06": (8, 8)},
    "shenzhen_kouanban_2026_department_budget": {"N02": (11, 11), "N05": (7, 7), "N06": (8, 8), "X06": (13, 13)},
    "chongqing_kejiju_2026_department_budget": {"N05": (7, 7), "N06": (12, 12), "N12": (5, 5), "X06": (3, 3)},
    "beijing_jiaotongwei_2026_department_budget": {"N01": (2, 2), "N02": (3, 3), "N04": (2, 2)},
    "shanghai_zhiyenenglikaoshiyuan_2026_unit_budget": {"N06": (5, 5), "N12": (6, 6), "X06": (3, 3)},
}  # fmt: skip


@pytest.fixture(scope="module")
def reports():
    cache = {}

    def load(name: str):
        if name not in cache:
            cache[name] = run_audit(read_budget(REALWORLD / f"{name}.pdf"))
        return cache[name]

    return load


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_the_findings_of_each_real_document_are_its_genuine_inconsistencies(reports, name):
    findings = reports(name).findings
    failed = findings[findings.status == "failed"]
    assert sorted(zip(failed.rule, failed.severity, failed.expected, failed.actual, strict=True)) == sorted(
        FINDINGS[name]
    )


@pytest.mark.parametrize("name", sorted(HOLD))
def test_the_identities_that_hold_on_each_real_document(reports, name):
    summary = reports(name).summary().set_index("rule")
    for rule, (ran, passed) in HOLD[name].items():
        assert (summary.at[rule, "ran"], summary.at[rule, "passed"]) == (ran, passed), rule


def test_every_item_paragraph_of_the_shanghai_budget_is_recomputed(reports):
    report = reports("shanghai_putuo_sifaju_2026_department_budget")
    frame = report.frame(include_passed=True)
    rates = frame[frame.rule == "N02"]
    items = sorted({int(re.findall(r"(\d{1,2})、[^、]*?（\d{3}类）", loc)[-1]) for loc in rates.location})
    assert items == list(range(1, 14))
    held = set(rates[rates.status == "passed"].actual)
    assert held == {"1.07%", "0.97%", "4.92%", "1.01%", "277.22%", "2.21%", "17.66%", "28%", "93.45%", "5.27%",
                    "0.66%"}  # fmt: skip
    # 住房公积金's 5.27% holds with the item's head (208.8 = the tables), not with its restated 201.50
    housing = rates[rates.actual == "5.27%"].message.iloc[0]
    assert "按标题金额 208.8 计算" in housing and "201.50" in housing


def test_the_memo_shows_the_figures_side_by_side_and_never_calls_a_holding_identity_wrong(reports):
    report = reports("shanghai_putuo_sifaju_2026_department_budget")
    text = memo(report)
    assert "(3845.49 − 43269.3) ÷ 43269.3 = 91.11%，文中为 17.62%" in text
    assert "expected 208.8 | printed 201.50" in text
    assert "医疗卫生与计划生育支出" in text and "卫生健康支出" in text
    passed = report.frame(include_passed=True)
    passed = passed[passed.status == "passed"]
    assert not passed.message.str.contains("wrong|contradict|differs|不成立").any()


def test_rates_of_final_accounts_without_the_prior_years_figures_say_why_they_cannot_be_checked(reports):
    report = reports("swu_2023_final_accounts")
    not_run = report.findings[(report.findings.rule == "N02") & (report.findings.status == "not_run")]
    assert len(not_run) == 12 and not_run.message.str.contains("上年决算数本文件未列").all()
    assert not_run.message.str.startswith("小学教育（2050202）").any()


def test_a_narrative_printed_apart_from_its_tables_is_audited_against_them():
    """The 2018 budget of 中共江苏省委办公厅: narrative and tables published as two files, read as one."""
    files = [REALWORLD / f"jiangsu_shengwei_bangongting_2018_{part}.pdf" for part in ("budget", "budget_tables")]
    report = run_audit(read_budget(files))
    summary = report.summary().set_index("rule")
    for rule, (ran, passed) in {"N06": (14, 14), "N12": (8, 8), "N04": (8, 7), "N02": (18, 18)}.items():
        assert (summary.at[rule, "ran"], summary.at[rule, "passed"]) == (ran, passed), rule
    failed = report.findings[report.findings.status == "failed"]
    # 公务用车购置及运行费 411.20 of the table's 三公 合计 508.20 is 80.91%; the three shares are forced to 100%
    assert list(zip(failed.rule, failed.severity, failed.expected, failed.actual, strict=True)) == [
        ("N04", "warning", "80.91%", "80.92%")
    ]
    assert failed.location.iloc[0].startswith("jiangsu_shengwei_bangongting_2018_budget.pdf p.10 ")  # its file named
