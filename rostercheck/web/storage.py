"""Where uploaded rosters and their outputs live on disk.

Every upload gets a folder ``<data>/files/<random key>/``; nothing in it is named
after anything the uploader chose, and no route serves this folder: files leave
only through handlers that check who may see the upload first.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

UPLOAD_FILE = "upload.bin"


class FileStore:
    def __init__(self, root: Path):
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def new_key() -> str:
        return secrets.token_hex(16)

    def folder(self, key: str) -> Path:
        if not key or not all(c in "0123456789abcdef" for c in key):
            raise ValueError("invalid storage key")
        return self.root / key

    def save_upload(self, key: str, data: bytes) -> Path:
        folder = self.folder(key)
        folder.mkdir(mode=0o700, exist_ok=False)
        path = folder / UPLOAD_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return path

    def read_upload(self, key: str) -> bytes:
        return (self.folder(key) / UPLOAD_FILE).read_bytes()

    def output(self, key: str, name: str) -> Path:
        """A derived file (report, fixed roster) of an upload; ``name`` is ours, never the user's."""
        return self.folder(key) / name

    def write_output(self, path: Path, data: bytes) -> None:
        """A derived file, whole or not at all (written beside, then renamed), mode 0600."""
        self.write_output_with(path, lambda tmp: tmp.write_bytes(data))

    def write_output_with(self, path: Path, write) -> None:
        """``write(tmp_path)`` makes the file; it appears under ``path`` only when complete."""
        tmp = path.with_name(path.name + ".part" + path.suffix)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        try:
            write(tmp)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def delete(self, key: str) -> tuple[int, int]:
        """Removes an upload's folder; returns (files, bytes) removed."""
        folder = self.folder(key)
        if not folder.exists():
            return 0, 0
        files = [p for p in folder.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        shutil.rmtree(folder)
        return len(files), size
