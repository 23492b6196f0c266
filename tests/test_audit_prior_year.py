"""Rates stated against last year's figure that this document does not print, recomputed from last year's
document of the same unit and kind (``run_audit(budget, prior)``, ``check … --prior``)."""

from __future__ import annotations

import json

import pytest

from analysis import audit, read_budget
from analysis.audit import PriorDocumentError, run_audit
from analysis.cli import main

from .budget_pdfs import Grid, Text, build

UNIT = "西南某大学"
#: 2023's figures, and the rates the narrative states against 2022's (one right, one wrong)
NARRATIVE_2023 = [
    "四、一般公共预算财政拨款支出决算情况说明",
    "1.小学教育（2050202），2023 年度决算数为 7,970.38 万元，比 2022 年度决算数增长 0.39%。",
    "2.高中教育（2050204），2023 年度决算数为 1,000.00 万元，比 2022 年度决算数增长 20.00%。",
]
ROWS_2023 = [
    ["", "合计", "8,970.38", "8,970.38", ""],
    ["205", "教育支出", "8,970.38", "8,970.38", ""],
    ["20502", "普通教育", "8,970.38", "8,970.38", ""],
    ["2050202", "小学教育", "7,970.38", "7,970.38", ""],
    ["2050204", "高中教育", "1,000.00", "1,000.00", ""],
]
ROWS_2022 = [
    ["", "合计", "8,739.09", "8,739.09", ""],
    ["205", "教育支出", "8,739.09", "8,739.09", ""],
    ["20502", "普通教育", "8,739.09", "8,739.09", ""],
    ["2050202", "小学教育", "7,939.09", "7,939.09", ""],
    ["2050204", "高中教育", "800.00", "800.00", ""],
]


def _cover(year: int, unit: str, kind: str) -> Text:
    return Text([f"{unit}{year}年度部门{kind}"], size=16)


def _table(unit: str, rows: list[list[str]], kind: str = "决算") -> Grid:
    return Grid(
        title=f"一般公共预算财政拨款支出{kind}表",
        header=[
            [("科目编码", 1, 2), ("科目名称", 1, 2), (f"{kind}数", 3)],
            [None, None, "合计", "基本支出", "项目支出"],
        ],
        rows=rows,
        widths=[70, 150, 80, 80, 80],
        org=f"部门：{unit}",
    )


def _document(tmp_path, name: str, year: int, rows, narrative=(), unit: str = UNIT, kind: str = "决算"):
    pages = [
        [_cover(year, unit, kind), Text(list(narrative) or [f"{year}年度支出情况见下表。"])],
        [_table(unit, rows, kind)],
    ]
    return build(tmp_path / f"{name}.pdf", pages)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prior_year")
    return {
        "current": _document(folder, "final_2023", 2023, ROWS_2023, NARRATIVE_2023),
        "prior": _document(folder, "final_2022", 2022, ROWS_2022),
        "other_unit": _document(folder, "other_unit_2022", 2022, ROWS_2022, unit="东北某学院"),
        "two_years_back": _document(folder, "final_2021", 2021, ROWS_2022),
        "budget_2022": _document(folder, "budget_2022", 2022, ROWS_2022, kind="预算"),
        # last year's document published as two files: the narrative, then the tables
        "prior_text": build(
            folder / "final_2022_text.pdf", [[_cover(2022, UNIT, "决算"), Text(["2022年度支出情况。"])]]
        ),
        "prior_tables": build(
            folder / "final_2022_tables.pdf", [[_cover(2022, UNIT, "决算")], [_table(UNIT, ROWS_2022)]]
        ),
    }


def _rates(report) -> list:
    frame = report.frame(include_passed=True)
    return frame[frame.rule == "N02"]


def test_rates_against_last_years_final_figures_are_recomputed_from_last_years_document(files):
    current, prior = read_budget(files["current"]), read_budget(files["prior"])
    rates = _rates(run_audit(current, prior))
    assert rates.status.tolist() == ["passed", "failed"]
    assert rates.expected.tolist() == ["0.39%", "25.00%"] and rates.actual.tolist() == ["0.39%", "20.00%"]
    # the message names last year's document, page and table, and its figure for the same code
    assert "上年数：2022年决算（final_2022.pdf p.2）一般公共预算财政拨款支出决算表 7,939.09" in rates.message.iloc[0]
    assert "(1,000.00 − 800.00) ÷ 800.00" in rates.message.iloc[1]
    findings = audit(current, prior)
    assert findings[findings.rule == "N02"].status.tolist() == ["failed"]


def test_without_last_years_document_the_rates_cannot_be_recomputed(files):
    rates = _rates(run_audit(read_budget(files["current"])))
    assert rates.status.tolist() == ["not_run", "not_run"]
    assert rates.message.str.contains("上年决算数本文件未列").all()


def test_a_code_last_years_document_does_not_print_is_said(files, tmp_path):
    prior = read_budget(_document(tmp_path, "final_2022_partial", 2022, ROWS_2022[:4]))
    rates = _rates(run_audit(read_budget(files["current"]), prior))
    assert rates.status.tolist() == ["passed", "not_run"]
    assert "2022年决算（final_2022_partial.pdf）未列 2050204 的决算数" in rates.message.iloc[1]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("other_unit", "it is of 东北某学院"),
        ("two_years_back", "it is for 2021, not 2022"),
        ("budget_2022", "it is a 预算"),
    ],
)
def test_a_document_that_is_not_last_years_of_the_same_unit_and_kind_is_refused(files, name, why):
    current, other = read_budget(files["current"]), read_budget(files[name])
    with pytest.raises(ValueError, match=why) as raised:
        run_audit(current, other)
    assert isinstance(raised.value, PriorDocumentError)
    assert "not last year's document of final_2023.pdf" in str(raised.value)


def test_check_with_prior_recomputes_the_rates_and_refuses_another_units_document(files, capsys):
    status = main(["check", str(files["current"]), "--format", "json", "--all", "--prior", str(files["prior"])])
    rates = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "N02"]
    assert [f["status"] for f in rates] == ["passed", "failed"] and status == 1
    # last year's document published as two files
    main(
        ["check", str(files["current"]), "--format", "json", "--all", "--prior"]
        + [str(files[k]) for k in ("prior_text", "prior_tables")]
    )
    rates = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "N02"]
    assert [f["status"] for f in rates] == ["passed", "failed"]
    assert "2022年决算（final_2022_tables.pdf p.2）" in rates[0]["message"]
    assert main(["check", str(files["current"]), "--prior", str(files["other_unit"])]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: other_unit_2022.pdf: not last year's document")
