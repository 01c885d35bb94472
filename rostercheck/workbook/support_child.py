"""The Begeleiding sheet read in a forked child while the parent reads the shifts.

On a year's roster Begeleiding is the largest sheet (280k rows for 100 locations):
calamine parses it in about 3 s and the reader turns it into records in about 1 s,
while the Diensten sheet takes the parent as long. So once the master sheets are
read (``Locaties``, ``Medewerkers``, ``Producten``: everything the Begeleiding rows are
checked against), the reader forks; the child reads Begeleiding exactly as the parent
would (``support_sheet``, on its own copy of the reader's state, through its own
handle on the file) and sends back its rows and the input problems it found; the
parent adds those problems where the serial read records them (after Reistijden).

The rows travel column by column (each column's distinct values once, then an index
per row; numbers as machine doubles): a tenth of what pickling the tuples costs, and
the same values of the same types come out. Whatever the child does not bring back
(it failed, was killed, found a refusal such as a cell too long) the parent reads
itself, as the serial path does, raising what it raises.

Only on a workbook some other process pre-scans in full before anything read here is
shown (``Workbook.prescanned``, see ``rostercheck.overlap``): the child parses the sheet
without waiting for a verdict on it.
"""

from __future__ import annotations

from array import array
from functools import partial
from typing import TYPE_CHECKING

from rostercheck.children import answer, fork, kill, may_fork
from rostercheck.workbook.layout import SUPPORT, find_sheet

if TYPE_CHECKING:  # (not on import: rostercheck.overlap reads MIN_BYTES before the records are imported)
    from rostercheck.model import SupportRows

# Below this size (the sheet's XML) the sheet is read in well under a second: no child.
MIN_BYTES = 8 << 20


class SupportInChild:
    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd

    @classmethod
    def start(cls, r, book) -> "SupportInChild | None":
        """Fork the child reading Begeleiding for reader ``r``, or None (read serially)."""
        if not getattr(book, "prescanned", False) or not may_fork():  # (a MappedWorkbook has no such flag)
            return None
        name = find_sheet(book, SUPPORT)
        if name is None or book.part_bytes.get(name, 0) < MIN_BYTES:
            return None
        p = r.p
        before = (len(p.fatal), {key: len(errs) for key, errs in p.by_row.items()}, len(p.notices))

        def read_in_child() -> dict:
            book.reopen()  # calamine's file handle is shared with the parent: never read through it here
            return _pack(r, r.support_sheet(), before)

        pid, fd_r = fork(read_in_child)
        return cls(pid, fd_r)

    def result(self, r) -> SupportRows | None:
        """The child's Begeleiding rows, its problems added to ``r``'s; None when the
        child brought nothing back (the caller reads the sheet itself)."""
        packed = answer(self.pid, self.fd)
        if not isinstance(packed, dict):
            return None
        return _unpack(r, packed)

    def cancel(self) -> None:
        kill(self.pid, self.fd)


def _pack(r, support: SupportRows | None, before: tuple) -> dict:
    fatal0, rows0, notices0 = before
    p = r.p
    problems = [(key, errs[rows0.get(key, 0):]) for key, errs in p.by_row.items() if len(errs) > rows0.get(key, 0)]
    return {
        "fatal": p.fatal[fatal0:],
        "by_row": problems,
        "notices": p.notices[notices0:],
        "columns": r.columns.get(SUPPORT.name),
        "sheet": None if support is None else support.sheet,
        "rows": None if support is None else [_pack_column(list(col)) for col in zip(*support.rows)] if support.rows else [],
    }


def _unpack(r, packed: dict) -> SupportRows | None:
    from rostercheck.model import SupportRow, SupportRows

    p = r.p
    p.fatal.extend(packed["fatal"])
    for key, errs in packed["by_row"]:
        p.by_row[key].extend(errs)
    for text in packed["notices"]:
        p.notice(text)
    if packed["columns"] is not None:
        r.columns[SUPPORT.name] = packed["columns"]
    if packed["sheet"] is None:
        return None
    columns = [_unpack_column(c) for c in packed["rows"]]
    rows = list(map(partial(tuple.__new__, SupportRow), zip(*columns))) if columns else []
    return SupportRows(rows, packed["sheet"])


def _pack_column(values: list) -> tuple:
    """One column, exactly: doubles as bytes, one-type columns as distinct values and
    indexes, dicts (the shared extra columns) by identity, anything else pickled whole."""
    types = set(map(type, values))
    if types == {float}:
        return ("float", array("d", values).tobytes())
    if types <= {int} and all(-(1 << 63) <= v < (1 << 63) for v in values):
        return ("int", array("q", values).tobytes())
    if types == {dict}:  # the extra columns: one shared dict per distinct text, kept shared
        return _distinct(values, list(map(id, values)))
    if len(types - {type(None)}) <= 1 and float not in types:  # one type (and None): equal values are the same value (not so 0.0 and -0.0)
        return _distinct(values, values)
    return ("list", values)


def _distinct(values: list, keys: list) -> tuple:
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1)))  # key -> its first position
    positions = list(first.values())
    code = dict(zip(first, range(len(first))))
    return ("distinct", [values[i] for i in positions], array("I", map(code.__getitem__, keys)).tobytes())


def _unpack_column(packed: tuple) -> list:
    kind = packed[0]
    if kind == "float":
        out = array("d")
        out.frombytes(packed[1])
        return out.tolist()
    if kind == "int":
        out = array("q")
        out.frombytes(packed[1])
        return out.tolist()
    if kind == "distinct":
        distinct = packed[1]
        index = array("I")
        index.frombytes(packed[2])
        return list(map(distinct.__getitem__, index))
    return packed[1]
