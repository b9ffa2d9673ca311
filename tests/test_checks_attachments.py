"""Text of attachments, located the way staff find it, and the leaks planted in them."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import docx
import openpyxl
import pytest

from generator.detectors import (AttachmentReadError, TextChunk, extract_attachment_text,
                              find_personal_data, find_secrecy_marks)

FIXTURES = Path(__file__).parent / "fixtures" / "checks"


def _load_fictional():
    spec = importlib.util.spec_from_file_location("checks_fictional", FIXTURES / "fictional.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


F = _load_fictional()


def review(path: Path) -> list[tuple[str, str, str]]:
    """(location, kind, suggestion) of every personal-data and secrecy finding in a file."""
    return [(chunk.location, finding.kind, finding.suggestion)
            for chunk in extract_attachment_text(path)
            for finding in find_personal_data(chunk.text) + find_secrecy_marks(chunk.text)]


def minimal_pdf(pages: list[str]) -> bytes:
    """A valid PDF with one line of Helvetica text per page, xref offsets computed."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def recipients_xlsx(tmp_path: Path) -> Path:
    """The classic leak: a subsidy list with ID and phone columns (one row already masked)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["序号", "姓名", "身份证号码", "联系电话", "补贴金额（元）"])
    sheet.append([1, "张某某", F.ID_A, 13900004444, 1200.00])   # the phone typed as a number
    sheet.append([2, "李某某", F.ID_D, "139-0000-5555", 800.5])
    sheet.append([3, "王某某", "35*************123", "139****6666", 600])
    notes = workbook.create_sheet("说明")
    notes["A1"] = "本表金额单位：元；统一社会信用代码：11350100MB0D12345X"
    path = tmp_path / "recipients.xlsx"
    workbook.save(path)
    return path


def test_a_spreadsheet_of_recipients_leaks_ids_and_phones(recipients_xlsx: Path):
    assert review(recipients_xlsx) == [
        ("名单!C2", "id_card", F.masked(F.ID_A, 2, 3)),
        ("名单!D2", "mobile", "139****4444"),
        ("名单!C3", "id_card", F.masked(F.ID_D, 2, 3)),
        ("名单!D3", "mobile", "139****5555"),
    ]


def test_every_cell_of_every_sheet_is_read(recipients_xlsx: Path):
    chunks = extract_attachment_text(recipients_xlsx)
    assert len(chunks) == 4 * 5 + 1
    assert chunks[0] == TextChunk("名单!A1", "序号")
    assert TextChunk("名单!E2", "1200") in chunks and TextChunk("名单!E3", "800.5") in chunks
    assert chunks[-1].location == "说明!A1"


def test_a_word_file_is_read_with_tables_and_header(tmp_path: Path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "机密★1年"
    document.add_paragraph("清河县2022年度耕地地力保护补贴发放情况")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["姓名", "村别", "联系电话"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["张某某", "东村", "139 0000 8888"]):
        cell.text = text
    document.add_paragraph("联系电话：0591-12345678")
    merged = document.add_table(rows=2, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "合计（已合并单元格）"
    merged.cell(1, 1).text = "注意保存"
    path = tmp_path / "补贴.docx"
    document.save(path)
    chunks = extract_attachment_text(path)
    assert [c.location for c in chunks] == ["第1段", "第3段", "表格1第1行第1列", "表格1第1行第2列",
                                            "表格1第1行第3列", "表格1第2行第1列", "表格1第2行第2列",
                                            "表格1第2行第3列", "表格2第1行第1列", "表格2第2行第2列",
                                            "页眉"]
    assert review(path) == [("表格1第2行第3列", "mobile", "139****8888"),
                            ("表格2第2行第2列", "secrecy_mark", ""), ("页眉", "secrecy_mark", "")]


def test_a_pdf_is_read_page_by_page(tmp_path: Path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(minimal_pdf(["Notice of subsidies 2022", f"Contact 13900009999 ID {F.ID_B}"]))
    assert [c.location for c in extract_attachment_text(path)] == ["第1页", "第2页"]
    assert review(path) == [("第2页", "mobile", "139****9999"),
                            ("第2页", "id_card", F.masked(F.ID_B, 2, 3))]


def test_a_gb18030_text_file_is_read_line_by_line(tmp_path: Path):
    path = tmp_path / "名单.txt"
    path.write_bytes(f"临时救助对象名单\n\n张某某，{F.ID_15}，电话13900001234\n".encode("gb18030"))
    chunks = extract_attachment_text(path)
    assert [(c.location, c.line) for c in chunks] == [("第1行", 1), ("第3行", 3)]
    assert review(path) == [("第3行", "id_card_15", "35**********001"), ("第3行", "mobile", "139****1234")]


def test_a_csv_with_bom_is_read(tmp_path: Path):
    path = tmp_path / "名单.csv"
    path.write_text(f"姓名,身份证号,电话\n张某某,{F.ID_A},139-0000-1111\n", encoding="utf-8-sig")
    assert extract_attachment_text(path)[0] == TextChunk("第1行", "姓名,身份证号,电话", 1)
    assert review(path) == [("第2行", "id_card", F.masked(F.ID_A, 2, 3)), ("第2行", "mobile", "139****1111")]


def test_the_clean_catalog_has_nothing_to_report():
    assert len(extract_attachment_text(FIXTURES / "clean" / "catalog.csv")) == 3
    assert review(FIXTURES / "clean" / "catalog.csv") == []


@pytest.mark.parametrize("name", ["old.doc", "old.xls", "scan.jpg", "archive.zip", "noext"])
def test_unknown_types_give_no_text(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"13900001111")
    assert extract_attachment_text(path) == []


@pytest.mark.parametrize("name", ["broken.xlsx", "broken.docx", "broken.pdf"])
def test_a_damaged_file_of_a_known_type_is_an_error_not_a_pass(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"not really a document")
    with pytest.raises(AttachmentReadError) as raised:
        extract_attachment_text(path)
    assert raised.value.path == path
    assert raised.value.zh.startswith("无法读取附件以进行发布前检查")
