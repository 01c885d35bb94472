"""Builders of hostile files, shared by the reader-level tests (test_hostile_files.py)
and the end-to-end ones through the CLI and the web app (test_hostile_inputs.py)."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile


def rewrite_zip(src: bytes, changes: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", compression) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, changes.pop(info.filename, zin.read(info.filename)))
        for name, data in changes.items():
            zout.writestr(name, data)
    return out.getvalue()


def sheet_part(xlsx: bytes, index: int = 4) -> tuple[str, str]:
    name = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        return name, zf.read(name).decode()


def run_limited(code: str, mem_mb: int = 1500) -> subprocess.CompletedProcess:
    prog = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, ({mem_mb} << 20, {mem_mb} << 20))
    """) + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, timeout=120)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def ods_bytes(content: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    '<office:body><office:spreadsheet><table:table table:name="Locaties">'
)
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


def cfb(with_encryption: bool) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    name = ("EncryptedPackage" if with_encryption else "Workbook").encode("utf-16-le")
    return head + name + b"\0" * 1024
