"""The text of an attachment, cut into located chunks for the detectors.

The classic leak is not in a page but in a file linked from it: a spreadsheet
of subsidy recipients with ID and phone columns. Every chunk says where it is
in the terms a member of staff can find it by: 第3行 (text), 第2段 / 表格1
第2行第3列 / 页眉 (Word), 名单!C5 (Excel), 第2页 (PDF).

Legacy binary formats (.doc, .xls, .wps) and anything else unknown give no
chunks: the caller decides whether an unreadable type deserves a warning. A
file of a known type that cannot be read raises :class:`AttachmentReadError`
(never silently passes review).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

TEXT_SUFFIXES = (".txt", ".csv", ".md")


@dataclass(frozen=True)
class TextChunk:
    """A piece of an attachment's text and where it is (``line`` for text files)."""

    location: str
    text: str
    line: Optional[int] = None


class AttachmentReadError(Exception):
    """An attachment of a known type that cannot be opened or read."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        self.zh = f"无法读取附件以进行发布前检查（{reason}）；请确认文件未损坏、未加密"
        self.en = f"cannot read the attachment for the pre-publication review ({reason}); " \
                  f"check that the file is not damaged or encrypted"
        super().__init__(f"{path}: {self.en}")


#: Suffix -> (module, the package that provides it): runtime dependencies, but an install
#: made without them must say so, not blame the file.
READER_PACKAGES = {".xlsx": ("openpyxl", "openpyxl"), ".docx": ("docx", "python-docx"), ".pdf": ("pypdf", "pypdf")}


class MissingReaderError(AttachmentReadError):
    """The library that reads this type of attachment is not installed: the file is not at fault."""

    def __init__(self, path: Path, package: str):
        suffix = path.suffix.lower()
        super().__init__(path, package)
        self.zh = (f"无法检查此附件：缺少读取 {suffix} 文件的 Python 包 {package}；"
                   f"请安装：pip install {package}（或重新安装本工具的全部依赖）")
        self.en = (f"cannot review the attachment: the Python package {package}, which reads {suffix} files, "
                   f"is not installed; install it: pip install {package} (or reinstall this tool with its "
                   f"dependencies)")
        Exception.__init__(self, f"{path}: {self.en}")


def _require_reader(path: Path) -> None:
    """Raise :class:`MissingReaderError` when the library for ``path``'s type cannot be imported."""
    import importlib.util
    module, package = READER_PACKAGES[path.suffix.lower()]
    if importlib.util.find_spec(module) is None:
        raise MissingReaderError(path, package)


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB 18030, the encodings Chinese office files use."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _text_chunks(path: Path) -> list[TextChunk]:
    text = decode_text(path.read_bytes())
    return [TextChunk(f"第{number}行", line, number)
            for number, line in enumerate(text.splitlines(), 1) if line.strip()]


def _cell_text(value: Any) -> str:
    """A spreadsheet value as its visible text: 13800001111.0 -> 13800001111."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return str(value)


def _xlsx_chunks(path: Path) -> list[TextChunk]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [TextChunk(f"{sheet.title}!{cell.coordinate}", _cell_text(cell.value))
                for sheet in workbook.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.value is not None and str(cell.value).strip()]
    finally:
        workbook.close()


def _docx_table_chunks(table: Any, name: str) -> Iterator[TextChunk]:
    # A merged cell is returned once per grid position it covers. The set holds the
    # XML elements themselves: lxml keeps one proxy per live element, ids would be reused.
    seen: set[Any] = set()
    for row_number, row in enumerate(table.rows, 1):
        for col_number, cell in enumerate(row.cells, 1):
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            where = f"{name}第{row_number}行第{col_number}列"
            if cell.text.strip():
                yield TextChunk(where, cell.text)
            for inner_number, inner in enumerate(cell.tables, 1):
                yield from _docx_table_chunks(inner, f"{where}内表格{inner_number}")


def _docx_chunks(path: Path) -> list[TextChunk]:
    import docx  # python-docx

    document = docx.Document(str(path))
    chunks = [TextChunk(f"第{number}段", paragraph.text)
              for number, paragraph in enumerate(document.paragraphs, 1) if paragraph.text.strip()]
    for number, table in enumerate(document.tables, 1):
        chunks.extend(_docx_table_chunks(table, f"表格{number}"))
    for section in document.sections:
        for label, part in (("页眉", section.header), ("页脚", section.footer)):
            chunks.extend(TextChunk(label, p.text) for p in part.paragraphs if p.text.strip())
    return chunks


def _pdf_chunks(path: Path) -> list[TextChunk]:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    # Many PDFs are "encrypted" with an empty user password only: they open for anyone.
    if reader.is_encrypted and not reader.decrypt(""):
        raise AttachmentReadError(path, "PDF 已加密 / the PDF is encrypted")
    pages = ((number, page.extract_text() or "") for number, page in enumerate(reader.pages, 1))
    return [TextChunk(f"第{number}页", text) for number, text in pages if text.strip()]


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(marker, payload) of each JPEG segment before the image data."""
    pos = 2
    while data.startswith(b"\xff\xd8") and pos + 4 <= len(data) and data[pos] == 0xFF and data[pos + 1] != 0xDA:
        end = pos + 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
        yield data[pos + 1], data[pos + 4:end]
        pos = end


def _iptc_record(payload: bytes) -> bytes:
    """The IPTC-IIM data of an APP13 payload: its Photoshop resource 0x0404 (8BIM blocks)."""
    pos = len(b"Photoshop 3.0\x00") if payload.startswith(b"Photoshop 3.0\x00") else 0
    while payload[pos:pos + 4] == b"8BIM" and pos + 7 <= len(payload):
        resource = int.from_bytes(payload[pos + 4:pos + 6], "big")
        name = 1 + payload[pos + 6]
        start = pos + 6 + name + (name & 1)
        size = int.from_bytes(payload[start:start + 4], "big")
        if resource == 0x0404:
            return payload[start + 4:start + 4 + size]
        pos = start + 4 + size + (size & 1)
    return b""


def _iptc_values(payload: bytes) -> Iterator[tuple[str, bytes]]:
    """("2:80", value) of every IIM dataset (record:dataset) of an APP13 payload."""
    record, pos = _iptc_record(payload), 0
    while pos + 5 <= len(record) and record[pos] == 0x1C:
        size = int.from_bytes(record[pos + 3:pos + 5], "big")
        yield f"{record[pos + 1]}:{record[pos + 2]}", record[pos + 5:pos + 5 + size]
        pos += 5 + size


_IPTC_NAMES = {"2:5": "IPTC 名称 Object Name", "2:80": "IPTC 署名 By-line", "2:105": "IPTC 标题 Headline",
               "2:116": "IPTC 版权 Copyright", "2:118": "IPTC 联系 Contact", "2:120": "IPTC 说明 Caption",
               "2:122": "IPTC 撰稿 Writer"}


def _jpeg_chunks(path: Path) -> list[TextChunk]:
    """The text a JPEG carries in COM comments and the IPTC record of APP13 (the published copy
    is stripped of both, but the file in the repository keeps them)."""
    chunks = []
    for marker, payload in _jpeg_segments(path.read_bytes()):
        if marker == 0xFE:
            chunks.append(TextChunk("JPEG 注释 comment", decode_text(payload)))
        elif marker == 0xED:
            chunks += [TextChunk(_IPTC_NAMES.get(name, f"IPTC {name}"), decode_text(value)) for name, value in _iptc_values(payload)]
    return [chunk for chunk in chunks if chunk.text.strip()]


_READERS = {".xlsx": _xlsx_chunks, ".docx": _docx_chunks, ".pdf": _pdf_chunks, ".jpg": _jpeg_chunks,
            ".jpeg": _jpeg_chunks}


def extract_attachment_text(path: Path) -> list[TextChunk]:
    """The located text of an attachment; ``[]`` for a type that is not read.

    .txt/.csv/.md give one chunk per non-blank line (``line`` set); .docx
    paragraphs, table cells, headers and footers; .xlsx every non-empty cell;
    .pdf the text of each page; .jpg/.jpeg their COM comments and IPTC values.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    reader = _text_chunks if suffix in TEXT_SUFFIXES else _READERS.get(suffix)
    if reader is None:
        return []
    if suffix in READER_PACKAGES:
        _require_reader(path)
    try:
        return reader(path)
    except AttachmentReadError:
        raise
    except Exception as exc:  # each library has its own errors; all mean "cannot read"
        raise AttachmentReadError(path, f"{type(exc).__name__}: {exc}") from exc
