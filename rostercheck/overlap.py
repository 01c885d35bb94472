"""``rostercheck check`` on a large workbook: the safety pre-scan and the reading at once.

A workbook is pre-scanned before python-calamine parses it (``workbook/safety.py``:
calamine has no limits of its own). On a year's roster that scan takes about a second,
while the second core is idle. So the ``check`` command forks:

- the **child** reads and checks the roster straight away, the pre-scan left out
  (except what the reader needs of it: the formulas without a stored value and whether
  a cell may hold too long a text, sheet by sheet, ``safety.sheet_scan``). It starts
  parsing the Diensten sheet in a thread at once, while it imports the checks
  (``beside.parse_ahead``), unless a large Begeleiding sheet is to be read by a child
  of its own (``workbook/support_child.py``, which forks only without other threads).
  Its standard output and error go to files, never to the terminal; it writes no
  output file until the parent has accepted the workbook;
- the **parent** loads the norm sets (so that their errors come first, as serially),
  then runs the whole pre-scan, exactly as a serial read would, at a lower priority
  than the child (it has seconds to spare). If it refuses the file, it kills the child
  (and whatever the child started) and raises the refusal, which is printed as always.
  If it accepts, it tells the child so, waits for it, and passes on what the child
  printed and its exit code.

So nothing the child made of a file is ever shown unless the pre-scan accepted the
file, and the user sees the same bytes and exit code as from a serial check. Until the
parent has accepted, the child runs on a file not yet known to be harmless: it is the
first process the kernel's out-of-memory killer takes, and its address space is capped.
If the child dies in any way (killed, aborted by calamine running out of memory), the
parent checks the roster itself, as if no child had been started.

Only for a workbook file of at least :data:`MIN_BYTES` (``.xlsx`` by its bytes, no
``--mapping``), with ``workers`` 2 or more, in a single-threaded process that can fork, whose standard
output and error are real file descriptors (not captured by a test runner).
``ROSTERCHECK_WORKERS=1`` turns it off; ``ROSTERCHECK_OVERLAP_MIN_BYTES=0`` turns it on
for a file of any size (the tests compare both ways on small samples).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

from rostercheck.children import kill, may_fork
from rostercheck.workbook.safety import DEFAULT_LIMITS, Limits, open_zip, zip_kind

# Below this size the pre-scan takes a few milliseconds: not worth a process.
MIN_BYTES = 1 << 20
# The child's address space is capped at this (or the machine's memory, if less, but
# never below MIN_MEMORY): a year's roster needs well under 1 GB.
MAX_MEMORY = 16 << 30
MIN_MEMORY = 4 << 30

_approval_fd: int | None = None  # in the child: where the parent's verdict arrives


def in_child() -> bool:
    """True in the child: the parent pre-scans the file (``read_roster(prescanned=True)``)."""
    return _approval_fd is not None


def run(path: Path, workers: int, first: Callable[[], object] = lambda: None, limits: Limits = DEFAULT_LIMITS) -> int | None:
    """In the parent: the child's exit code, its output passed on. None: check here —
    in the child, or when no child was started or it failed.

    ``first``: what the command does before reading the roster (loading the norm
    sets): the parent does it too, before the pre-scan, so that its errors come
    first, as in a serial check."""
    if not _applies(path, workers):
        return None
    from rostercheck.workbook.beside import parse_ahead
    from rostercheck.workbook.sources import prescan_path

    try:
        with path.open("rb") as fh:
            if zip_kind(open_zip(fh, limits)) != "xlsx":
                return None
    except Exception:  # refused or unreadable: the serial read says so, in its words
        return None
    shift_sheet = _sheet_to_parse_ahead(path, limits)
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    approval_r, approval_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _become_child(approval_r, approval_w, out.fileno(), err.fileno())
        if shift_sheet is not None:
            # The largest sheet but one parses while this process imports the checks.
            parse_ahead(path, shift_sheet)
        return None
    os.close(approval_r)
    try:
        first()
        # The child's work is the longer: the pre-scan takes what the child leaves of
        # the two cores (it is done long before the child has anything to show).
        _lower_priority()
        prescan_path(path, limits, workers=workers)
    except BaseException:  # a refusal (raised again: printed as always), or an interrupt
        os.close(approval_w)
        kill(pid, group=True)
        raise
    try:
        os.write(approval_w, b"1")
    except BrokenPipeError:
        pass  # the child is gone: waitpid says how
    os.close(approval_w)
    try:
        _, status = os.waitpid(pid, 0)
    except BaseException:
        kill(pid, group=True)
        raise
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) not in (0, 1, 2):
        return None  # the child died: check here, as without it
    _pass_on(out, sys.stdout)
    _pass_on(err, sys.stderr)
    return os.WEXITSTATUS(status)


def _sheet_to_parse_ahead(path: Path, limits: Limits) -> str | None:
    """The Diensten (or Rooster) sheet, parsed in a thread from the child's start —
    unless a large Begeleiding sheet is to be read in a child of the child, which
    is only forked while no other thread runs (workbook/support_child.py)."""
    from rostercheck.workbook import support_child
    from rostercheck.workbook.layout import GRID, SHIFTS, SUPPORT, find_sheet
    from rostercheck.workbook.parts import sheet_sizes

    sizes = sheet_sizes(path, limits)

    class _Names:
        sheet_names = list(sizes)

    support = find_sheet(_Names, SUPPORT)
    if support is not None and sizes[support] >= support_child.MIN_BYTES:
        return None
    return find_sheet(_Names, SHIFTS) or find_sheet(_Names, GRID)


def await_approval() -> None:
    """In the child, before writing anything anywhere but its own output files: wait for
    the parent's verdict; leave at once if it refused the file (the parent says why)."""
    global _approval_fd
    if _approval_fd is None:
        return
    try:
        verdict = os.read(_approval_fd, 1)
    except OSError:
        verdict = b""
    if verdict != b"1":
        os._exit(3)
    os.close(_approval_fd)
    _approval_fd = None


def _applies(path: Path, workers: int) -> bool:
    if workers < 2 or not may_fork():
        return False
    try:
        if sys.stdout.fileno() != 1 or sys.stderr.fileno() != 2:
            return False
        minimum = int(os.environ.get("ROSTERCHECK_OVERLAP_MIN_BYTES", MIN_BYTES))
        return path.is_file() and path.stat().st_size >= minimum
    except Exception:  # no real descriptors (a test runner's capture), an unreadable path
        return False


def _become_child(approval_r: int, approval_w: int, out_fd: int, err_fd: int) -> None:
    global _approval_fd
    os.close(approval_w)
    _approval_fd = approval_r
    os.setpgid(0, 0)  # one group: the parent kills the child and whatever it starts at once
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    try:
        with open("/proc/self/oom_score_adj", "w") as fh:
            fh.write("1000")
    except OSError:
        pass
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = MAX_MEMORY
        try:
            cap = min(cap, os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
        except (ValueError, OSError):
            pass
        cap = max(cap, MIN_MEMORY)
        if soft == resource.RLIM_INFINITY or soft > cap:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):
        pass


def _lower_priority() -> None:
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass


def _pass_on(saved, stream) -> None:
    saved.seek(0)
    try:
        stream.flush()
        while True:
            chunk = saved.read(1 << 20)
            if not chunk:
                break
            stream.buffer.write(chunk)
        stream.flush()
    except (BrokenPipeError, ValueError):  # the reader went away
        pass
    finally:
        saved.close()
