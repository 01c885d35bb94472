"""Work beside the reader, in a thread or a forked child, on a large workbook.

- :class:`Background`: a function in a thread (calamine parses without holding the
  GIL, so a sheet's own scan runs meanwhile);
- :func:`parse_ahead`: a sheet parsed in a thread from the start of a process whose
  parent pre-scans the file (``rostercheck.overlap``), taken by :func:`take_ahead`;
- :class:`ParallelScan`: the pre-scan of the largest sheet in a child while this
  process scans the rest (:func:`prescan_xlsx_file`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import python_calamine as calamine

from rostercheck.children import answer, fork, kill, may_fork
from rostercheck.workbook.parts import support_sheet_part
from rostercheck.workbook.safety import Limits, open_zip, prescan_xlsx


class Background:
    """A function run in a thread; ``result`` waits for it and returns or raises what it did."""

    def __init__(self, fn):
        import threading

        self._out: list = []
        self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self._thread.start()

    def _run(self, fn) -> None:
        try:
            self._out.append((True, fn()))
        except BaseException as exc:
            self._out.append((False, exc))

    def result(self):
        self._thread.join()
        ok, value = self._out[0]
        if not ok:
            raise value
        return value


_AHEAD: dict[str, tuple[str, "AheadParse"]] = {}  # path -> (sheet name, its parse running in a thread)


def parse_ahead(path: Path, name: str, idle=lambda: None) -> None:
    """Start calamine parsing sheet ``name`` of ``path`` in a thread (it holds no GIL
    meanwhile), for a later ``open_path(path, prescanned=True)``: only in a process
    whose parent pre-scans the file and withholds this one's output unless the file
    passes (rostercheck.overlap), so the parse need not wait for the pre-scan.
    ``idle()`` is called once, as soon as the parse has ended (however it ended) or
    the reader waits for it: from then on this process leaves a core free."""
    once = _Once(idle)

    def parse():
        try:
            return calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)
        finally:
            once()

    _AHEAD[str(path)] = (name, AheadParse(Background(parse), once))


class _Once:
    """A function called at most once, from whichever thread comes first."""

    def __init__(self, fn):
        import threading

        self._fn, self._lock, self._done = fn, threading.Lock(), False

    def __call__(self) -> None:
        with self._lock:
            if self._done:
                return
            self._done = True
        self._fn()


class AheadParse:
    """A parse whose ``result`` first says this process now waits (``idle``)."""

    def __init__(self, parse: Background, idle: _Once):
        self._parse, self._idle = parse, idle

    def result(self):
        self._idle()
        return self._parse.result()


def take_ahead(path: Path) -> tuple[str, AheadParse] | None:
    """The sheet :func:`parse_ahead` started for ``path`` (name, parse), once."""
    return _AHEAD.pop(str(path), None)


def prescan_xlsx_file(zf: zipfile.ZipFile, stream_factory, limits: Limits, workers: int, blank: dict[str, set[str]],
                      long_texts: dict[str, bool] | None = None) -> "ParallelScan | None":
    """The pre-scan of an .xlsx, its largest sheet in a child when ``workers`` allow
    (the child's verdict is awaited by the caller, ``ParallelScan.result``).
    ``blank``, ``long_texts``: filled as ``prescan_xlsx`` fills them (``long_texts``
    not for the child's part)."""
    pending = ParallelScan.start(zf, stream_factory, limits, blank) if workers >= 2 else None
    if pending is None:
        prescan_xlsx(zf, limits, blank_formulas=blank, long_texts=long_texts)
        return None
    try:
        pending.own_text = prescan_xlsx(zf, limits, skip=pending.part, blank_formulas=blank, long_texts=long_texts)
    except BaseException as exc:
        pending.cancel()
        # (the errors, pydantic models, only now: rostercheck.overlap's parent pre-scans
        # an accepted file without them)
        from rostercheck.errors import RosterInputError

        if isinstance(exc, RosterInputError):
            prescan_xlsx(zf, limits)  # the serial scan's refusal, in its order (the child's part may come first)
        raise
    return pending


# Only a sheet part this large is pre-scanned in a child (about 0.1 s per 20 MB).
PARALLEL_SCAN_BYTES = 16 * 1024 * 1024


class ParallelScan:
    """The pre-scan of the Begeleiding sheet (the largest of a year's roster) in a
    forked child, while the parent scans every other part and goes on reading: the
    parent waits for the child's verdict before calamine parses that sheet, and
    before the reader returns or reports anything.

    The verdict is the serial pre-scan's: the child's shared-text count is added to
    the parent's before the limit is applied, and when either side refuses the file,
    or the child fails in any way, the parent runs the whole pre-scan itself, so the
    refusal (and its wording) is exactly the one the serial scan gives.
    Only in a single-threaded process that can fork (as ``rostercheck check`` is)."""

    def __init__(self, pid: int, fd: int, part: str, sheet: str, stream_factory, limits: Limits, blank: dict[str, set[str]]):
        self.pid, self.fd, self.part, self.sheet = pid, fd, part, sheet
        self.stream_factory, self.limits = stream_factory, limits
        self.blank = blank
        self.own_text = 0

    @classmethod
    def start(cls, zf: zipfile.ZipFile, stream_factory, limits: Limits, blank: dict[str, set[str]]) -> "ParallelScan | None":
        if not may_fork():
            return None
        try:
            sheet, part = support_sheet_part(zf)
        except Exception:  # anything unusual in the workbook's parts: the serial scan judges it
            return None
        if part is None or zf.getinfo(part).file_size < PARALLEL_SCAN_BYTES:
            return None

        def scan_in_child() -> int:
            found: dict[str, set[str]] = {}
            text = prescan_xlsx(open_zip(stream_factory(), limits), limits, only=part, blank_formulas=found)
            if found:  # formulas without values: the parent's serial scan lists them
                raise LookupError(part)
            return text

        pid, fd = fork(scan_in_child)  # a refusal, or any failure: the parent scans again (the serial verdict)
        return cls(pid, fd, part, sheet, stream_factory, limits, blank)

    def _wait(self) -> int | None:
        text = answer(self.pid, self.fd)
        return text if isinstance(text, int) else None

    def result(self) -> None:
        theirs = self._wait()
        if theirs is None or theirs + self.own_text > self.limits.max_shared_text_bytes:
            prescan_xlsx(open_zip(self.stream_factory(), self.limits), self.limits, blank_formulas=self.blank)

    def cancel(self) -> None:
        kill(self.pid, self.fd)
