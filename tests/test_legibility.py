"""Pages whose text cannot be read are reported, never passed as printed empty or narrative.

A font without a usable Unicode map (glyphs without characters, or rare characters for common ones),
a scanned page with its page number stamped as text, a page of drawings without text and a damaged
content stream are each reported for their page; a document of nothing else is refused in one line.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from analysis import read_budget
from analysis.errors import NoTextLayerError
from analysis.extract.legibility import measure
from tests.budget_pdfs import A4, FONT, NARRATIVE, Text, _font, build, expense_table, reencoded, summary_table

SIMPLIFIED = "一般公共预算支出表 本年收入合计 财政拨款收入 事业收入 教育支出 社会保障和就业支出 住房保障支出"
TRADITIONAL = "一般公共預算支出表 本年收入合計 財政撥款收入 事業收入 教育支出 社會保障和就業支出 住房保障支出"
#: a table page's words
TABLE_PAGE = "一般公共预算支出表\n单位万元\n科目编码 科目名称 合计 基本支出 项目支出\n行政运行 住房公积金"


def _rare_characters(n: int) -> str:
    """Chinese characters outside both GB 2312 and Big5, as a wrong Unicode map gives them."""
    out = []
    for code in range(0x4E00, 0x9FA5):
        ch = chr(code)
        if all(_fails(ch, enc) for enc in ("gb2312", "big5")):
            out.append(ch)
        if len(out) == n:
            break
    return "".join(out)


def _fails(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return True
    return False


def _dingbats(char: str, code: int) -> str:
    """A font turned into a Type 3 font: code N decodes to the dingbat U+2700 + N."""
    return chr(0x2700 + code)


class _Image:
    def __init__(self, bbox):
        self.bbox = bbox


# -- the measures, on text ----------------------------------------------------------------------------


def test_common_text_simplified_or_traditional_is_legible():
    for text in (SIMPLIFIED, TRADITIONAL):
        assert not measure(text, [], 0, *A4).mis_mapped


def test_rare_characters_for_common_ones_are_a_wrong_map():
    # a third of the characters replaced by rare ones, as a wrong map gives them
    rare = _rare_characters(20)
    mixed = "".join(a + b for a, b in zip(SIMPLIFIED[:20], rare, strict=True))
    legibility = measure(mixed, [], 0, *A4)
    assert legibility.mis_mapped and legibility.rare_han == 20
    assert "rare ones" in legibility.describe()


def test_glyphs_without_characters_are_illegible():
    assert measure("(cid:19)(cid:17)" * 10 + "预算", [], 0, *A4).mis_mapped
    assert measure("\ue030\ue031\ue02e\ue035" * 3 + "预算表", [], 0, *A4).mis_mapped
    # one stray glyph on a page of text is not
    assert not measure(SIMPLIFIED + "(cid:3)", [], 0, *A4).mis_mapped


def test_a_fonts_codes_read_as_single_bytes_are_a_wrong_map():
    """A PDF rewritten without its fonts' Unicode maps decodes 一般公共预算 as ``N1\x9cÿê\x7f``: control
    characters and accented Latin letters, which no budget prints."""
    legibility = measure("þ _\x7fNøV \x7fß^ÿ«\\ëõN1\x7f\x89Ì¯Î1øý\x7fç¿\x7fO1øý\x9cÿçr 2026~øý\x9cÿ", [], 0, *A4)
    assert legibility.mis_mapped and "single bytes" in legibility.describe()
    # a stray accented letter or symbol in Chinese text (a name, °, ×, ²), Latin words beside Chinese, are not
    assert not measure(SIMPLIFIED + " Café 2㎡ 25°C 3×4 m² Wi-Fi网络 GDP增长 PM2.5浓度 10^4", [], 0, *A4).mis_mapped
    # a font some of whose codes lost their characters: a few of them among the Chinese are enough
    partly = SIMPLIFIED + " 一1¯政拨款收入 本\x80收入 社`保障和就业支出 支出/ß能分类/金额"
    assert measure(partly, [], 0, *A4).mis_mapped
    # ASCII symbols no text prints beside Chinese, where a font's codes lost their characters (会 → {, 公 → |)
    stray = SIMPLIFIED + " 城乡社{支出 十{住房保障支出 |开 01 表"
    legibility = measure(stray, [], 0, *A4)
    assert legibility.mis_mapped and legibility.foreign_among_han == 3 and "among the Chinese" in legibility.describe()
    assert not measure(SIMPLIFIED + " 实训楼3#楼 2号楼", [], 0, *A4).mis_mapped
    # an enumerator's 、 lost to a digit's code: 一1一般公共预算 (a Chinese numeral never stands against a digit)
    lost = SIMPLIFIED + " 一1一般公共预算 二1项目支出 三1单位预留机动经费"
    assert measure(lost, [], 0, *A4).foreign_among_han == 3 and measure(lost, [], 0, *A4).mis_mapped
    assert not measure(SIMPLIFIED + " 一、一般公共预算 第1项 共3个项目 十三五规划 3A级 一般", [], 0, *A4).mis_mapped


def test_a_page_that_is_an_image_with_a_page_number_is_a_picture():
    full = [_Image((0, 0, A4[0], A4[1]))]
    assert measure("第2页", full, 0, *A4).is_picture(has_lines=True)
    assert not measure(SIMPLIFIED * 3, full, 0, *A4).is_picture(has_lines=True)  # text over a background
    assert not measure("第2页", [_Image((0, 0, 100, 100))], 0, *A4).is_picture(has_lines=True)  # a logo
    assert measure("", [], 292, *A4).is_picture(has_lines=False)  # outlines of glyphs, no text
    assert not measure("", [], 8, *A4).is_picture(has_lines=False)  # a blank page with a frame


# -- end to end, on built PDFs ------------------------------------------------------------------------


def _scan_png() -> bytes:
    """A picture of a ruled table (what a scanner gives), as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 850), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 500, 25):
        draw.line((60, y, 540, y), fill=0, width=2)
    for x in (60, 200, 300, 420, 540):
        draw.line((x, 100, x, 475), fill=0, width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_of_scans(path: Path, pages: int, first: list | None = None) -> Path:
    """``pages`` scanned pages (a full-page image with its page number stamped as text), after a page of
    real text and table when ``first`` is given."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    _font()
    scans = path.with_suffix(".scans.pdf")
    c = canvas.Canvas(str(scans), pagesize=A4)
    image = ImageReader(io.BytesIO(_scan_png()))
    for number in range(pages):
        c.drawImage(image, 0, 0, A4[0], A4[1])
        c.setFont(FONT, 9)
        c.drawCentredString(A4[0] / 2, 20, f"第{number + 2}页")
        c.showPage()
    c.save()
    writer = PdfWriter()
    if first is not None:
        writer.add_page(PdfReader(str(build(path.with_suffix(".text.pdf"), [first]))).pages[0])
    for page in PdfReader(str(scans)).pages:
        writer.add_page(page)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_a_scanned_page_with_a_stamped_page_number_is_reported_and_the_rest_read(tmp_path):
    pdf = _pdf_of_scans(tmp_path / "mixed.pdf", 1, first=[NARRATIVE, expense_table()])
    budget = read_budget(pdf, use_cache=False)
    assert [t.key for t in budget.tables] == ["gpb_expense"]
    problems = budget.problems[budget.problems.kind == "illegible"]
    assert problems.page.tolist() == [2]
    assert "image" in problems.reason.iloc[0] and "scan" in problems.reason.iloc[0]


def test_a_document_of_scans_with_page_numbers_is_refused_as_a_scan(tmp_path):
    pdf = _pdf_of_scans(tmp_path / "scans.pdf", 2)
    with pytest.raises(NoTextLayerError, match="every page is an image"):
        read_budget(pdf, use_cache=False)
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(pdf), "--out", str(tmp_path / "out"), "--no-cache"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "error: scans.pdf: every page is an image with at most a page number or title as text "
        "(a scanned document? run OCR first)"
    ]


def _mis_mapped_page(text: str) -> list:
    """A page whose words come out as rare characters, as a wrong map gives them (each common character
    replaced by a rare one)."""
    rare = iter(_rare_characters(400))
    return [Text([re.sub(r"[\u4e00-\u9fff]", lambda m: next(rare), line) for line in text.splitlines()])]


def test_a_page_whose_text_is_mis_mapped_is_reported_not_read_as_printed_empty(tmp_path):
    page = _mis_mapped_page(TABLE_PAGE)
    pdf = build(tmp_path / "mapped.pdf", [[NARRATIVE, expense_table()], page])
    budget = read_budget(pdf, use_cache=False)
    problems = budget.problems[budget.problems.kind == "illegible"]
    assert problems.page.tolist() == [2]
    assert "does not decode" in problems.reason.iloc[0]


def test_a_page_whose_codes_read_as_bytes_is_reported(tmp_path):
    lines = ["þ _NøV ß^ÿ«\\ëõN1Ì¯Î1øýç¿O1øýÿçr", "2026~øýÿèN1wo{_åõèÎ1wu{_åõèO1o~oû{_å", "N1ÿê 9,433.72"]
    page = [Text(lines, font="Helvetica")]
    pdf = build(tmp_path / "bytes.pdf", [[NARRATIVE, expense_table()], page])
    budget = read_budget(pdf, use_cache=False)
    problems = budget.problems[budget.problems.kind == "illegible"]
    assert problems.page.tolist() == [2] and "single bytes" in problems.reason.iloc[0]


@pytest.mark.parametrize("pictographs", [False, True], ids=["no-map", "dingbats"])
def test_a_page_rewritten_without_its_unicode_map_is_reported_and_the_other_pages_read(tmp_path, pictographs):
    """Its glyphs decode to nothing (no text line at all) or to dingbats, yet they are printed: the page is
    reported, never passed as a page without text, and no table is read from it with characters that are not
    what is printed; the other pages read as ever."""
    source = build(tmp_path / "source.pdf", [[NARRATIVE], [expense_table()], [summary_table()]])
    rewritten = reencoded(source, tmp_path / "rewritten.pdf", pages=(2,), unicode=_dingbats if pictographs else None)
    budget = read_budget(rewritten, use_cache=False)
    problems = budget.problems[budget.problems.kind == "illegible"]
    evidence = "pictographic symbols" if pictographs else "have no character"
    assert problems.page.tolist() == [2] and evidence in problems.reason.iloc[0]
    assert "a table printed on it is not read" in problems.reason.iloc[0]
    assert [table.pages for table in budget.tables] == [[3]] and set(budget.tidy.table_title) == {"收支总表"}


def test_a_glyph_decoding_to_a_control_character_is_read_as_a_blank(tmp_path):
    """cairo maps a blank glyph to U+007F: ``2026 年度支出预算总表\x7f`` is the title 2026 年度支出预算总表, and a
    document so rewritten reads as the one it was rewritten from, every amount under its title, row and column."""
    pages = [[NARRATIVE], [Text(["三、一般公共预算支出表"]), expense_table(title="2024年度一般公共预算支出表")]]
    original = read_budget(build(tmp_path / "original.pdf", pages), use_cache=False)
    pages[1][1] = expense_table(title="2024年度一般公共预算支出表※")
    source = build(tmp_path / "source.pdf", pages)
    rewritten = reencoded(source, tmp_path / "cairo.pdf", unicode=lambda char, code: "\x7f" if char == "※" else char)
    budget = read_budget(rewritten, use_cache=False)
    assert [table.name for table in budget.tables] == ["2024年度一般公共预算支出表"]
    columns = ["page", "table_title", "row_label", "column", "amount"]
    assert budget.tidy[columns].values.tolist() == original.tidy[columns].values.tolist()
    assert len(budget.tidy) == 19 and budget.problems.empty


def test_a_document_rewritten_without_its_unicode_maps_is_refused_naming_its_first_page(tmp_path):
    source = build(tmp_path / "source.pdf", [[NARRATIVE], [expense_table()]])
    with pytest.raises(
        NoTextLayerError, match=r"page 1: no page's text decodes to what is printed \(\d+ of \d+ glyphs"
    ):
        read_budget(reencoded(source, tmp_path / "rewritten.pdf"), use_cache=False)


def test_latin_letters_and_symbols_without_chinese_are_codes_read_through_a_standard_encoding():
    """A font re-encoded in the order of first use, read through a standard encoding: a heading comes out as
    ``&'RSTUVWXYZ[\\]``.  A budget's page never prints that; Latin among Chinese, or figures alone, stay legible."""
    garbled = "&’RSTUVWXYZ[\\]^_‘abcdeRSTUXYfg5hi;jklmjnbIocdpqrsXp‘tuvwx+’RSTUXyz{Z[^_|}~XYfgrs"
    legibility = measure(garbled, [], 0, *A4)
    assert legibility.mis_mapped and "standard encoding" in legibility.describe()
    for legible in (
        "项目支出绩效目标表 PPP项目 GDP增长 ISO9001认证 WiFi覆盖 LED照明 IT运维服务 APP开发 CT设备",
        "1,234.56 2,345.67 3,456.78 4,567.89 5,678.90 6,789.01 100.00% 2023-01-01 (2) (3)",
        "Quarterly weather report: mostly sunny with light winds; rain on Tuesday, clearing by the weekend (12-18 C).",
        SIMPLIFIED,
    ):
        assert not measure(legible, [], 0, *A4).mis_mapped, legible


def test_glyphs_given_pictographic_symbols_are_mis_mapped_and_a_few_bullets_are_not():
    """Fonts turned into Type 3 fonts by a PDF distilled again give ``✴✔✁☛✟✒`` for a heading; a budget prints a
    few bullets or check boxes (●, ■, □, ☑, ★) and the symbols of measures (㎡, ℃, ≥), never a page of them."""
    garbled = "✴✔✁☛✟✒✱☎❄✻❈✜✄ ✂✆✝✞✕✘❃✌✑✢✠✡☞✍✌▲✺★✎✏✓✖✗✶ ✯✱✙✚✍✙✛✓✣✤✥✦✾✧✹✩✪✫✬✁✲✠✣✭✛✮"
    legibility = measure(garbled, [], 0, *A4)
    assert legibility.mis_mapped and "pictographic symbols" in legibility.describe()
    bullets = SIMPLIFIED + " ●基本支出 ■项目支出 □是 ☑否 ★重点项目 面积120㎡ 温度≥25℃ ①②③"
    assert not measure(bullets, [], 0, *A4).mis_mapped


def test_a_document_whose_text_is_almost_all_pictographs_is_refused_for_its_text(tmp_path):
    """A divider page's few words decode, every other page's glyphs decode to dingbats: refused for that, naming
    the first such page — not read as a budget of a few words, nor as tables printed empty."""
    pages = [[Text(["第二部分 部门预算表"])], [NARRATIVE, expense_table()], [summary_table()]]
    source = build(tmp_path / "source.pdf", pages, page_numbers=False)
    refused = r"page 2: 9\d% of its text does not decode to what is printed \(\d+ of \d+ glyphs decode to pictographic"
    with pytest.raises(NoTextLayerError, match=refused):
        read_budget(reencoded(source, tmp_path / "type3.pdf", pages=(2, 3), unicode=_dingbats), use_cache=False)


def test_a_page_of_latin_letters_and_symbols_is_reported(tmp_path):
    lines = ["&'RSTUVWXYZ[\\]^_`abcdeRST", "UXYfg5hi;jklmjnbIocdpqrsXp`tuvwx", "+'RSTUXyz{Z[^_|}~XYfgrs 9,433.72"]
    pdf = build(tmp_path / "latin.pdf", [[NARRATIVE, expense_table()], [Text(lines, font="Helvetica")]])
    problems = read_budget(pdf, use_cache=False).problems.query("kind == 'illegible'")
    assert problems.page.tolist() == [2] and "standard encoding" in problems.reason.iloc[0]


def test_a_document_whose_every_page_is_mis_mapped_is_refused_naming_the_page(tmp_path):
    page = _mis_mapped_page(TABLE_PAGE)
    pdf = build(tmp_path / "mapped.pdf", [page, page])
    with pytest.raises(NoTextLayerError, match=r"page 1: no page's text decodes to what is printed"):
        read_budget(pdf, use_cache=False)


def test_a_damaged_content_stream_is_reported_for_its_page(tmp_path):
    source = build(tmp_path / "whole.pdf", [[NARRATIVE, expense_table()], [summary_table()]])
    data = bytearray(source.read_bytes())
    for match in re.finditer(rb"stream\r?\n", data):
        start = match.end()
        end = data.index(b"endstream", start)
        try:
            body = zlib.decompress(bytes(data[start:end]))
        except zlib.error:
            import base64

            try:
                body = zlib.decompress(base64.a85decode(bytes(data[start:end]).strip(), adobe=True))
            except (ValueError, zlib.error):
                continue
        if b"BT" in body:  # the first page's content: clobber its compressed bytes
            data[start + 10 : start + 60] = b"A" * 50
            break
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    budget = read_budget(damaged, use_cache=False)
    problems = budget.problems[budget.problems.kind == "illegible"]
    assert 1 in problems.page.tolist()
    assert "damaged" in problems[problems.page == 1].reason.iloc[0]
    assert "收支总表" in [t.name for t in budget.tables]  # the other page is read all the same


def test_problems_travel_with_the_data_in_the_output_folder(tmp_path):
    pdf = _pdf_of_scans(tmp_path / "mixed.pdf", 1, first=[NARRATIVE, expense_table()])
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(pdf), "--out", str(out), "--no-cache"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0
    import pandas as pd

    problems = pd.read_csv(out / "problems.csv")
    assert problems[["kind", "page"]].values.tolist() == [["illegible", 2]]
    assert "problems.csv" in (out / "datapackage.json").read_text(encoding="utf-8")


def test_a_corpus_lists_each_documents_problems(tmp_path):
    from analysis.corpus import read_corpus, write_corpus

    pdf = _pdf_of_scans(tmp_path / "mixed.pdf", 1, first=[NARRATIVE, expense_table()])
    corpus = read_corpus([pdf], workers=1, use_cache=False, timeout=None)
    assert corpus.problems[["file_name", "kind", "page"]].values.tolist() == [["mixed.pdf", "illegible", 2]]
    written = write_corpus(corpus, tmp_path / "panel")
    import pyarrow.parquet as pq

    assert pq.read_table(written["problems"]).num_rows == 1
