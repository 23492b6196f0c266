"""Text lines crossing a ruling: every character lands in exactly one cell region.

pdfminer makes one text line of a label and the value printed a few points after it in the next cell
(``年度总体目标 全年开展…``).  camelot's ``split_text`` cuts the line at the rulings it crosses but dropped
everything after the last ruling inside the line's extent — the whole value when it sits in a cell merged
across the rest of the row (a 部门整体支出绩效目标表's 年度总体目标).  Each PDF is drawn here: cells left
aligned 3 pt from their rulings, so a label filling its column stands about 7 pt before the next cell's text.
"""

from __future__ import annotations

from pathlib import Path

from analysis import read_budget
from analysis.extract.reader import iter_pages

from .pdf_tables import FONT, _origin, _register_font

ROOT = Path(__file__).resolve().parents[1]
CHONGQING = ROOT / "tests" / "fixtures" / "realworld" / "chongqing_kejiju_2026_department_budget.pdf"

UNIT = "某某区文化和旅游局"
GOAL = "全年开展公共文化活动200场次，完成文物修缮2处，旅游投诉办结率100%。"


def draw(path: Path, pages: list[list], size: float = 8, row_h: float = 20) -> Path:
    """A PDF of ``pages``: each a list of strings (centred lines) and tables ``(cells, widths)``, whose cells
    merge ``"<"`` left and ``"^"`` up; every region's text is printed left aligned 3 pt from its left ruling,
    centred on the region's rows, and rulings are drawn around every region."""
    from reportlab.pdfgen import canvas

    _register_font()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for blocks in pages:
        y = 780.0
        for block in blocks:
            if isinstance(block, str):
                c.setFont(FONT, 14)
                c.drawCentredString(297.5, y - 14, block)
                y -= 30
                continue
            cells, widths = block
            xs = [(595 - sum(widths)) / 2]
            for w in widths:
                xs.append(xs[-1] + w)
            ys = [y - i * row_h for i in range(len(cells) + 1)]
            origin = [[_origin(cells, i, j) for j in range(len(widths))] for i in range(len(cells))]
            c.setLineWidth(0.6)
            c.line(xs[0], ys[0], xs[-1], ys[0])
            c.line(xs[0], ys[-1], xs[-1], ys[-1])
            c.line(xs[0], ys[0], xs[0], ys[-1])
            c.line(xs[-1], ys[0], xs[-1], ys[-1])
            for i in range(len(cells)):
                for j in range(len(widths)):
                    if j + 1 < len(widths) and origin[i][j] != origin[i][j + 1]:
                        c.line(xs[j + 1], ys[i], xs[j + 1], ys[i + 1])
                    if i + 1 < len(cells) and origin[i][j] != origin[i + 1][j]:
                        c.line(xs[j], ys[i + 1], xs[j + 1], ys[i + 1])
            c.setFont(FONT, size)
            for i, row in enumerate(cells):
                for j, text in enumerate(row):
                    if origin[i][j] != (i, j) or not text:
                        continue
                    last = max(k for k in range(len(cells)) if origin[k][j] == (i, j))
                    c.drawString(xs[j] + 3, (ys[i] + ys[last + 1]) / 2 - size / 3, text)
            y = ys[-1] - 20
        c.showPage()
    c.save()
    return path


def grids(path: Path):
    return [grid for page in iter_pages(path) for grid in page.grids]


def regions(grid) -> list[str]:
    """The texts of the grid's regions, in reading order."""
    return [text for *_, text in sorted(grid.regions().values())]


def one_line(path: Path, *parts: str) -> bool:
    """Whether pdfminer made one text line of ``parts`` (the case under test)."""
    return any(all(p in line.text for p in parts) for page in iter_pages(path) for line in page.lines)


def test_a_value_printed_on_its_labels_line_is_read_into_the_cell_merged_beyond_the_ruling(tmp_path):
    cells = [
        ["项目名称", "文化惠民工程", "<", "<", "<"],
        ["年度总体目标", GOAL, "<", "<", "<"],
        ["资金", "合计", "财政拨款", "其他", "备注"],
    ]
    pdf = draw(tmp_path / "goal.pdf", [[(cells, [55, 120, 120, 120, 60])]])
    assert one_line(pdf, "年度总体目标", GOAL)
    (grid,) = grids(pdf)
    # the goal ends in the merged region's third column, short of its right ruling
    assert grid.region[1] == [(1, 0), (1, 1), (1, 1), (1, 1), (1, 1)]
    assert (grid.region_text(1, 0), grid.region_text(1, 1)) == ("年度总体目标", GOAL)
    assert regions(grid) == ["项目名称", "文化惠民工程", "年度总体目标", GOAL, *cells[2]]


def test_each_part_of_a_line_crossing_two_rulings_lands_in_its_own_region(tmp_path):
    # 单位名称 | 某某局 (its own ruled cell) | 2024年度 (merged over two columns): one text line
    cells = [
        ["单位名称", "某某区局", "2024年度目标", "<"],
        ["年度预算", "560.00", "<", "<"],
        ["项目", "合计", "基本", "项目"],
    ]
    pdf = draw(tmp_path / "parts.pdf", [[(cells, [38, 38, 120, 120])]])
    assert one_line(pdf, "单位名称", "某某区局", "2024年度目标")
    assert one_line(pdf, "年度预算", "560.00")
    (grid,) = grids(pdf)
    # the line crossing two rulings, the last into a merged region; the line crossing one into a region
    # merged over three columns
    assert [grid.region_text(0, c) for c in (0, 1, 2)] == ["单位名称", "某某区局", "2024年度目标"]
    assert [grid.region_text(1, c) for c in (0, 1)] == ["年度预算", "560.00"]
    assert regions(grid)[:5] == ["单位名称", "某某区局", "2024年度目标", "年度预算", "560.00"]


def test_a_line_crossing_into_cells_of_their_own_is_cut_at_each_ruling(tmp_path):
    # no merged cell: camelot's own cut, unchanged
    pdf = draw(tmp_path / "plain.pdf", [[([["单位名称", "某某区局", "某某科室"]], [38, 38, 120])]])
    assert one_line(pdf, "单位名称", "某某区局", "某某科室")
    (grid,) = grids(pdf)
    assert grid.texts == [["单位名称", "某某区局", "某某科室"]]


def test_the_annual_goal_of_a_department_form_printed_beside_its_label_is_read(tmp_path):
    form = [
        ["部门职能", "职能名称", "职能描述", "预算金额（万元）", "<", "<"],
        ["^", "^", "^", "合计", "财政拨款", "其他资金"],
        ["^", "公共文化服务", "免费开放图书馆、文化馆", "300.00", "260.00", "40.00"],
        ["^", "文物保护", "文物修缮和安全巡查", "160.00", "140.00", "20.00"],
        ["^", "合计", "<", "460.00", "400.00", "60.00"],
        ["年度总体目标", GOAL, "<", "<", "<", "<"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "<"],
        ["^", "产出指标", "数量指标", "公共文化活动场次", "200场次", "<"],
        ["^", "满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "<"],
    ]
    pdf = draw(
        tmp_path / "form.pdf",
        [[f"{UNIT}2024年部门预算说明"], [f"{UNIT}2024年部门整体支出绩效目标表", (form, [55, 90, 130, 75, 75, 75])]],
    )
    assert one_line(pdf, "年度总体目标", GOAL)
    doc = read_budget(pdf, use_cache=False)
    indicators = doc.indicators
    assert indicators.level3.tolist() == ["公共文化活动场次", "群众满意度"]
    assert set(indicators.annual_goal) == {GOAL}


def test_a_dropped_piece_is_placed_by_its_own_position_in_its_cell():
    # 重庆's 项目绩效目标表: ``2026`` of the goal's first line joins the label's line (当年绩效目标   2026,
    # the label printed lower); the rest of the first line (年布局…) is a line of its own, above the label's
    # line: 2026 opens the goal, it is not put after the first line
    for page in iter_pages(CHONGQING):
        if page.number == 27:
            break
    goals = [
        grid.region_text(r, c + 1)
        for grid in page.grids
        for r in range(grid.n_rows)
        for c in range(grid.n_cols - 1)
        if grid.region[r][c] == (r, c) and grid.region_text(r, c) == "当年绩效目标"
    ]
    assert goals and goals[0].startswith("2026年布局关键技术不少于260项")
    assert goals[0].endswith("实施科技传播与普及项目惠及受众不少于300万人次。")
