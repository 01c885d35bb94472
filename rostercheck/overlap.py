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
  That sheet, the largest, it does not scan: it reads it as holding no formula without
  a value and no text too long, and the parent holds it to that (below). It tells the
  parent when the sheet is parsed, or when it has nothing left to do but wait for the
  parse (its imports and the small sheets done). Its standard output and error go to
  files, never to the terminal; it writes no output file until the parent has
  accepted the workbook;
- the **parent** waits until the child says so (till then both cores are the child's:
  the parse on one, its imports and small sheets on the other), then runs the whole
  pre-scan, exactly as a serial read would, at a lower priority than the child. If it refuses the
  file, it loads the norm sets (so that their errors come first, as serially), kills
  the child (and whatever the child started) and raises the refusal, which is printed
  as always. If the pre-scan finds a formula without a value or a text that may be too
  long in the sheet the child read unscanned, it stops the child and checks the roster
  itself. Else it tells the child so, waits for it, and passes on what the child printed
  and its exit code (the child loads the norm sets before it reads: their errors are
  in what it printed).

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

The fork comes as early as it can: the command line ``cli.main`` gets is read plainly
(:func:`start_early`: ``check ROSTER`` and ``check``'s own options, nothing else) and
the child is forked before typer parses it, before pydantic, the records and the checks
are imported (what decides on the file, ``workbook/safety.py``, ``parts.py``,
``layout.py``, ``texts.py``, imports none of them; a test holds this). Both processes
then run the command as usual; :func:`run` in the parent takes that child when typer
has read the same roster (about 0.15 s earlier than a fork from ``check`` itself, which
the child's parse of the Diensten sheet gains).
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
_early: "_Child | None" = None  # in the parent: the child start_early forked, until run takes it


def in_child() -> bool:
    """True in the child: the parent pre-scans the file (``read_roster(prescanned=True)``)."""
    return _approval_fd is not None


def run(path: Path, workers: int, first: Callable[[], object] = lambda: None, limits: Limits = DEFAULT_LIMITS) -> int | None:
    """In the parent: the child's exit code, its output passed on. None: check here —
    in the child, or when no child was started or it failed.

    ``first``: what the command does before reading the roster (loading the norm
    sets): the parent does it too when the pre-scan refuses the file, before raising
    the refusal, so that its errors come first, as in a serial check. A child
    :func:`start_early` forked for this very roster is taken; one forked for another
    reading of the command line is stopped."""
    global _early
    if in_child():
        return None
    started, _early = _early, None
    if started is not None and not (started.path == path and started.workers == workers and limits == DEFAULT_LIMITS):
        started.stop()
        started = None
    if started is None:
        started = _fork(path, workers, limits)
        if started is None:
            return None
        if started.pid == 0:  # the child
            return None
    return started.supervise(first, limits)


def start_early(argv: list[str]) -> None:
    """Fork the reading child at once, before the command line is parsed and before
    the checks, the records and pydantic are imported (a few tenths of a second on
    every large check, which the child's parse of the Diensten sheet then has): when
    ``argv`` plainly is ``check ROSTER [options]`` (the options below, nothing else).
    The child returns and goes on as the command would; so does the parent, whose
    :func:`run` takes the child when typer has read the same roster from the line
    (else it stops the child and starts afresh). :func:`abandon_early` stops a child
    no command took (the line was refused, or asked for help). Once per process:
    ``rostercheck.entry`` calls it before typer is imported, ``cli.main`` again."""
    global _early, _early_tried
    if _early_tried:
        return
    _early_tried = True
    path = _roster_of_check(argv)
    if path is None:
        return
    started = _fork(path, default_workers(), DEFAULT_LIMITS)
    if started is not None and started.pid != 0:
        _lower_priority()  # the child's parse and imports come first (the pre-scan has seconds to spare)
        _early = started


_early_tried = False  # start_early ran in this process (in a child too: it is forked after)


def abandon_early() -> None:
    """Stop the child :func:`start_early` forked if no command took it."""
    global _early
    if _early is not None:
        _early.stop()
        _early = None


def default_workers() -> int:
    """Processes ``check`` uses: two where this process may run on two cores."""
    return min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


# ``check``'s options: those that take a value, and the flags. A line with anything else
# (``--help``, an option added later, ``--mapping``: its sheets are named otherwise)
# starts no early child; the usual one starts when typer has parsed it.
_VALUE_OPTIONS = {"-f", "--format", "-o", "--output", "--period", "--cao", "--norms"}
_FLAGS = {"--skip-bad-rows", "--pseudonymise", "--labour-law", "--no-labour-law", "-q", "--quiet"}


def _roster_of_check(argv: list[str]) -> Path | None:
    if not argv or argv[0] != "check":
        return None
    positional: list[str] = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        name = arg.split("=", 1)[0]
        if name in _VALUE_OPTIONS:
            i += 1 if "=" in arg else 2
            continue
        if arg in _FLAGS:
            i += 1
            continue
        if arg.startswith("-"):
            return None
        positional.append(arg)
        i += 1
    return Path(positional[0]) if len(positional) == 1 and i == len(argv) else None


class _Child:
    """The reading child as its parent sees it; in the child itself ``pid`` is 0."""

    def __init__(self, path: Path, workers: int, pid: int, approval_w: int, out, err, ahead_part: str | None = None,
                 parsed_r: int = -1):
        self.path, self.workers, self.pid = path, workers, pid
        self.approval_w, self.out, self.err = approval_w, out, err
        self.ahead_part = ahead_part  # the part of the sheet the child parses ahead
        self.parsed_r = parsed_r  # readable once the child has parsed it

    def stop(self) -> None:
        os.close(self.approval_w)
        if self.parsed_r >= 0:
            os.close(self.parsed_r)
            self.parsed_r = -1
        kill(self.pid, group=True)
        self.out.close()
        self.err.close()

    def supervise(self, first: Callable[[], object], limits: Limits) -> int | None:
        """Pre-scan the file (``first()`` before its refusal: the norm sets' errors come
        first), let the child go on or stop it, and pass on what it printed: its exit
        code, or None when it died."""
        from rostercheck.workbook.prescan import prescan_path

        try:
            # The child's work is the longer: the pre-scan takes what the child leaves of
            # the two cores. While calamine parses the largest sheet in the child (one
            # core) and the child imports and reads the other sheets (the other), it
            # would only slow both; once the child waits for the parse, or reads the
            # rows on one core, the pre-scan has the other.
            _lower_priority()
            if self.parsed_r >= 0:
                fd, self.parsed_r = self.parsed_r, -1
                _wait_for_parse(fd)
            try:
                scans = prescan_path(self.path, limits, workers=self.workers)
            except Exception:
                # Serially the norm sets are loaded before the roster is read: their
                # errors come before the refusal. (A file the pre-scan accepts needs
                # them here for nothing: the child loads them before it reads, with
                # the same errors, and what it prints is passed on.)
                first()
                raise
        except BaseException:  # a refusal (raised again: printed as always), or an interrupt
            self.stop()
            raise
        if self.ahead_part is not None and scans.get(self.ahead_part) != (set(), False):
            # The child read the sheet it parsed ahead as if it held no formula without a
            # stored value and no text too long (sources.load, rather than scan it a second
            # time): here it does, or was not scanned here. Check the roster here, serially.
            self.stop()
            return None
        try:
            os.write(self.approval_w, b"1")
        except BrokenPipeError:
            pass  # the child is gone: waitpid says how
        os.close(self.approval_w)
        try:
            _, status = os.waitpid(self.pid, 0)
        except BaseException:
            kill(self.pid, group=True)
            raise
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) not in (0, 1, 2):
            self.out.close()
            self.err.close()
            return None  # the child died: check here, as without it
        _pass_on(self.out, sys.stdout)
        _pass_on(self.err, sys.stderr)
        return os.WEXITSTATUS(status)


def _fork(path: Path, workers: int, limits: Limits) -> _Child | None:
    """Fork the reading child for a large .xlsx (in the child: a ``_Child`` with pid 0,
    its parse of the Diensten sheet started), or None: no child for this file."""
    if not _applies(path, workers):
        return None
    from rostercheck.workbook.beside import parse_ahead

    try:
        with path.open("rb") as fh:
            if zip_kind(open_zip(fh, limits)) != "xlsx":
                return None
    except Exception:  # refused or unreadable: the serial read says so, in its words
        return None
    shift_sheet = _sheet_to_parse_ahead(path, limits)
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    approval_r, approval_w = os.pipe()
    parsed_r, parsed_w = os.pipe() if shift_sheet is not None else (-1, -1)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _become_child(approval_r, approval_w, out.fileno(), err.fileno())
        if shift_sheet is not None:
            os.close(parsed_r)
            # The largest sheet but one parses while this process imports the checks;
            # the parent hears when it is parsed, or when this process has nothing else
            # to do but wait for it (its pre-scan waits for that: a core is then free).
            parse_ahead(path, shift_sheet[0], idle=lambda: _say_parsed(parsed_w))
        return _Child(path, workers, 0, -1, out, err)
    os.close(approval_r)
    if parsed_w >= 0:
        os.close(parsed_w)
    return _Child(path, workers, pid, approval_w, out, err, None if shift_sheet is None else shift_sheet[1], parsed_r)


def _say_parsed(fd: int) -> None:
    try:
        os.write(fd, b"1")
    except OSError:
        pass
    finally:
        os.close(fd)


# The parent waits at most this long for the child's parse before it pre-scans anyway.
PARSE_WAIT_SECONDS = 3.0


def _wait_for_parse(fd: int) -> None:
    """Wait until the child has parsed the sheet it parses ahead or waits for that parse
    (or has died, or PARSE_WAIT_SECONDS have passed); close ``fd``."""
    import select

    try:
        select.select([fd], [], [], PARSE_WAIT_SECONDS)
    except (OSError, ValueError):
        pass
    finally:
        os.close(fd)


def _sheet_to_parse_ahead(path: Path, limits: Limits) -> tuple[str, str] | None:
    """The Diensten (or Rooster) sheet and its part, parsed in a thread from the child's
    start — unless a large Begeleiding sheet is to be read in a child of the child,
    which is only forked while no other thread runs (workbook/support_child.py)."""
    from rostercheck.workbook import support_child
    from rostercheck.workbook.layout import GRID, SHIFTS, SUPPORT, find_sheet
    from rostercheck.workbook.parts import sheet_sizes

    sizes = sheet_sizes(path, limits)

    class _Names:
        sheet_names = list(sizes)

    support = find_sheet(_Names, SUPPORT)
    if support is not None and sizes[support][1] >= support_child.MIN_BYTES:
        return None
    name = find_sheet(_Names, SHIFTS) or find_sheet(_Names, GRID)
    return None if name is None else (name, sizes[name][0])


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
    """Nice this process by 10, once (the early start and the pre-scan both ask)."""
    global _lowered
    if _lowered:
        return
    _lowered = True
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass


_lowered = False


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
