"""Where uploaded rosters and their outputs live on disk.

Every upload gets a folder ``<data>/files/<random key>/``; nothing in it is named
after anything the uploader chose, and no route serves this folder: files leave
only through handlers that check who may see the upload first.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import OperationalError

UPLOAD_FILE = "upload.bin"


class StorageUnavailable(Exception):
    """The data folder or the database cannot take a write: full, read-only, or gone."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "full" or "readonly"


@contextmanager
def storage_errors():
    """Disk full and read-only storage, from the file system or the database, as one error."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
            raise StorageUnavailable("full") from exc
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise StorageUnavailable("readonly") from exc
        raise
    except OperationalError as exc:
        text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        if "full" in text:
            raise StorageUnavailable("full") from exc
        if "readonly" in text or "read-only" in text or "read only" in text:
            raise StorageUnavailable("readonly") from exc
        raise


class FileStore:
    def __init__(self, root: Path):
        self.root = root
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def keys(self) -> list[str]:
        """Every upload folder on disk (for finding folders without a database row)."""
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and all(c in "0123456789abcdef" for c in p.name))

    @staticmethod
    def new_key() -> str:
        return secrets.token_hex(16)

    def folder(self, key: str) -> Path:
        if not key or not all(c in "0123456789abcdef" for c in key):
            raise ValueError("invalid storage key")
        return self.root / key

    def save_upload(self, key: str, data: bytes) -> Path:
        """The upload's bytes, whole or not at all (a partial file never has the final
        name; a failed write removes the folder). Folder 0700, file 0600."""
        folder = self.folder(key)
        path = folder / UPLOAD_FILE
        with storage_errors():
            folder.mkdir(mode=0o700, exist_ok=False)
            try:
                tmp = folder / (UPLOAD_FILE + ".part")
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
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
        with storage_errors():
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
