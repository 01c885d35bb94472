"""Input errors as text: where one cause repeats down a column, one line for all of it.

A planner who typed every ``begin`` as a whole number gets one line naming the column,
the cause, the rows as ranges and the first examples, not 733 lines. Errors are
grouped by sheet, column, error type and what was expected; groups smaller than
:data:`GROUP_FROM` are listed one by one. Only the text is grouped: the JSON of the
upload service and of the audit keeps every error with its own row.
"""

from __future__ import annotations

from rostercheck.errors import InputError, is_cell_column
from rostercheck.workbook.table import column_index, column_letter

GROUP_FROM = 3  # errors of one cause in one column before they share a line
EXAMPLES = 3
RANGES_SHOWN = 8


def input_error_lines(errors: list[InputError]) -> list[str]:
    """The errors (already in sheet/row order) as lines, repeated causes grouped: down
    a column, or across one row's cells (a grid's header of dates without a year)."""
    groups: dict[tuple, list[InputError]] = {}
    across: dict[tuple, list[InputError]] = {}
    for err in errors:
        if err.row is not None:
            groups.setdefault(_key(err), []).append(err)
    for err in errors:
        if err.row is not None and len(groups[_key(err)]) < GROUP_FROM and is_cell_column(err.column):
            across.setdefault(_row_key(err), []).append(err)
    lines: list[str] = []
    done: set[tuple] = set()
    for err in errors:
        key = _key(err)
        group = groups.get(key, ()) if err.row is not None else ()
        if len(group) >= GROUP_FROM:
            if key not in done:
                done.add(key)
                lines.append(_grouped(group))
            continue
        row_key = _row_key(err)
        row_group = across.get(row_key, ()) if err.row is not None and is_cell_column(err.column) else ()
        if len(row_group) >= GROUP_FROM:
            if row_key not in done:
                done.add(row_key)
                lines.append(_grouped_across(row_group))
            continue
        lines.append(_one(err))
    return lines


def _key(err: InputError) -> tuple:
    return ("column", err.sheet, err.column, err.type, err.expected)


def _row_key(err: InputError) -> tuple:
    return ("row", err.sheet, err.row, err.type, err.expected)


def _one(err: InputError) -> str:
    line = str(err)
    if err.value is not None and err.value not in err.message:
        line += f" (waarde: {err.value!r})"
    if err.expected and err.expected not in err.message:
        line += f"; verwacht: {err.expected}"
    return line


def _runs(numbers: list[int], name) -> list[str]:
    """Consecutive numbers as ranges, each end written by ``name``."""
    out: list[str] = []
    numbers = sorted(set(numbers))
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:  # type: ignore[list-item]
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(name(start) if start == prev else f"{name(start)}-{name(prev)}")
        if n is not None:
            start = prev = n
    return out


def row_ranges(rows: list[int]) -> list[str]:
    """[2, 3, 4, 7, 9, 10] -> ["2-4", "7", "9-10"]."""
    return _runs(rows, str)


def column_ranges(letters: list[str]) -> list[str]:
    """["C", "D", "E", "H", "AA", "AB"] -> ["C-E", "H", "AA-AB"] (in the sheet's order)."""
    return _runs([column_index(x) for x in letters], column_letter)


def _grouped_across(group: list[InputError]) -> str:
    """One cause across a row's cells: '<sheet> rij 1: 32 cellen ... in kolom C-AH'."""
    first = group[0]
    return _grouped_line(group, f"{first.sheet} rij {first.row}", "cellen", "kolom",
                         column_ranges([e.column for e in group if e.column]), lambda e: f"{e.column}{e.row}")


def _grouped(group: list[InputError]) -> str:
    """One cause down a column: '<sheet>, kolom 'begin': 700 rijen ... in rij 2-699'."""
    first = group[0]
    column = first.column or ""
    where = f"{first.sheet}, kolom {column}" if is_cell_column(column) else f"{first.sheet}, kolom '{column}'"
    return _grouped_line(group, where, "rijen", "rij", row_ranges([e.row for e in group if e.row is not None]),
                         lambda e: f"rij {e.row}")


def _grouped_line(group: list[InputError], where: str, unit: str, axis: str, ranges: list[str], place) -> str:
    first = group[0]
    shown = ", ".join(ranges[:RANGES_SHOWN]) + (f", … ({len(ranges) - RANGES_SHOWN} reeksen meer)" if len(ranges) > RANGES_SHOWN else "")
    examples = "; ".join(f"{place(e)}: {e.message}" + (f" (waarde: {e.value!r})" if e.value is not None and e.value not in e.message else "") for e in group[:EXAMPLES])
    line = f"{where}: {len(group)} {unit} met dezelfde fout ({first.type}) in {axis} {shown}. Eerste voorbeelden: {examples}"
    if first.expected and not any(first.expected in e.message for e in group[:EXAMPLES]):
        line += f"; verwacht: {first.expected}"
    return line
