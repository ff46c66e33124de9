"""Write the corpus of broken catalogue files beside this script: `python tests/data/broken/make_corpus.py`.

Each file is a catalogue damaged in one way that a real file can be (a truncated download, a sheet saved
by a broken tool, a hand-edited JSON); `import` must refuse each with a message naming the file, exit 2.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["事项编码", "事项名称", "实施机关"]
ROWS = [["0001", "取水许可", "县水利局"], ["0002", "林木采伐许可", "县林业局"]]


def workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in [HEADER, *ROWS]:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The workbook with some parts replaced (None: removed)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = change.get(info.filename, src.read(info.filename))
            if body is not None:
                out.writestr(info.filename, body)
    return buf.getvalue()


def sheet_xml(cells: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>事项编码</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>事项名称</t></is></c></row>'
        f'<row r="2">{cells}</row></sheetData></worksheet>'
    ).encode()


def damaged_deflate(data: bytes) -> bytes:
    """The compressed bytes of the sheet overwritten in the middle: zlib cannot inflate them."""
    z = zipfile.ZipFile(io.BytesIO(data))
    info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    b = bytearray(data)
    for i in range(start + 2, start + min(info.compress_size, 40)):
        b[i] = 0xFF
    return bytes(b)


def packed_as(data: bytes, part: str, *, method: int = 8, flags: int = 0) -> bytes:
    """The workbook with one part's zip headers (its local one and the central directory's) saying it is packed
    by another method (1: shrunk, which zipfile cannot unpack) or with other flags (1: encrypted)."""
    b = bytearray(data)
    name = part.encode()
    local = zipfile.ZipFile(io.BytesIO(data)).getinfo(part).header_offset
    b[local + 6 : local + 10] = flags.to_bytes(2, "little") + method.to_bytes(2, "little")
    at = data.index(b"PK\x01\x02")
    while at >= 0:
        size = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + size] == name:
            b[at + 8 : at + 12] = flags.to_bytes(2, "little") + method.to_bytes(2, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(b)


def corpus() -> dict[str, bytes]:
    wb = workbook()
    bad_cell = '<c r="A2" t="inlineStr"><is><t>0001</t></is></c>'
    return {
        "not-a-zip.xlsx": "事项编码,事项名称\n0001,取水许可\n".encode(),
        "truncated.xlsx": wb[: len(wb) // 2],
        "damaged-deflate.xlsx": damaged_deflate(wb),
        "sheet-packed-unknown-way.xlsx": packed_as(wb, "xl/worksheets/sheet1.xml", method=1),
        "sheet-encrypted.xlsx": packed_as(wb, "xl/worksheets/sheet1.xml", flags=1),
        "sheet-xml-malformed.xlsx": rezip(wb, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c r="}),
        "styles-xml-malformed.xlsx": rezip(wb, {"xl/styles.xml": b"<styleSheet><numFmts count='1'><numFmt"}),
        "sheet-missing.xlsx": rezip(wb, {"xl/worksheets/sheet1.xml": None}),
        "shared-string-out-of-range.xlsx": rezip(
            wb, {"xl/worksheets/sheet1.xml": sheet_xml(bad_cell + '<c r="B2" t="s"><v>999999</v></c>')}
        ),
        "formula-without-value.xlsx": rezip(
            wb,
            {
                "xl/worksheets/sheet1.xml": sheet_xml(
                    '<c r="A2"><f>CONCATENATE("00","01")</f></c><c r="B2" t="inlineStr"><is><t>取水许可</t></is></c>'
                )
            },
        ),
        "unclosed-quote.csv": '事项编码,事项名称\r\n0001,"取水许可\r\n0002,林木采伐许可\r\n'.encode(),
        "bare-cr.csv": "事项编码,事项名称\r\n0001,取水\r许可\r\n0002,林木采伐许可\r\n".encode(),
        "nul-in-code.csv": "事项编码,事项名称\r\n00\x0001,取水许可\r\n".encode(),
        "control-in-code.csv": "事项编码,事项名称\r\n0001\x1b[31m,取水许可\r\n".encode(),
        "bom-inside-code.csv": "事项编码,事项名称\r\n00\ufeff01,取水许可\r\n".encode(),
        "deep.json": b"[" * 1000 + b"]" * 1000,
        "deep-item.json": b'[{"code": "0001", "name": ' + b"[" * 1000 + b"]" * 1000 + b"}]",
        "huge-number.json": b'[{"code": ' + b"9" * 5000 + b', "name": "x"}]',
        "lone-surrogate.json": b'[{"code": "0001\\ud800", "name": "x"}]',
        "lone-surrogate-in-name.jsonl": b'{"code": "0001", "name": "\\udc00x"}\n',
        "infinite-code.json": b'[{"code": 1e400, "name": "x"}]',
        "nan-code.json": b'[{"code": NaN, "name": "x"}]',
        "object-as-name.json": b'[{"code": "0001", "name": {"zh": "x"}}]',
        "negative-limit.json": b'[{"code": "0001", "name": "x", "statutory_limit": -5}]',
        "absurd-limit.json": b'[{"code": "0001", "name": "x", "statutory_limit": 100000000000000000000000}]',
        "deep.jsonl": b"[" * 1000 + b"]" * 1000 + b"\n",
        "huge-number.jsonl": b'{"code": ' + b"9" * 5000 + b', "name": "x"}\n',
    }


def main(folder: Path = HERE) -> None:
    for name, data in corpus().items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
