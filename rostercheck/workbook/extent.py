"""The largest row and column the cell references of a sheet part name, read with
array operations: for :mod:`rostercheck.workbook.safety`, which proves a sheet small
enough for calamine before it parses it (about a tenth of the time of its regexes on
a year's roster; imported when a sheet is scanned, not with ``safety``)."""

from __future__ import annotations

import numpy as np

# Bytes that \s matches in a bytes pattern, and the single quote: what may stand next to
# the "=" of an attribute written otherwise than name="value".
_ODD_NEXT_TO_EQUALS = np.zeros(256, dtype=bool)
_ODD_NEXT_TO_EQUALS[list(b" \t\n\r\f\v'")] = True
_LETTER = np.zeros(256, dtype=bool)
_LETTER[list(range(65, 91)) + list(range(97, 123))] = True
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[list(range(48, 58))] = True
MAX_LETTERS = 3  # XFD; a ref with more letters is left to the regexes
MAX_DIGITS = 9  # 999,999,999 rows; a ref with more digits is left to the regexes


def chunk_extent(chunk: bytes) -> tuple[int, int] | None:
    r"""What ``safety._chunk_extent`` finds in ``chunk`` (the largest row number any
    ``r="..."`` names, and the largest column number one names before a digit), when
    every attribute of the chunk is written ``name="value"``: no space next to an "="
    and no single quote after one, as spreadsheet programs write them. Then the refs
    that the regexes (``r\s*=\s*["']...``) find are exactly those after each ``r="``.
    None: the chunk is written otherwise, or one of its refs has more letters or
    digits than :data:`MAX_LETTERS`, :data:`MAX_DIGITS`; the regexes decide."""
    a = np.frombuffer(chunk, dtype=np.uint8)
    if len(a) < 3:
        return None
    # Each "=" with a byte on either side: one at an end of the chunk cannot be part of
    # a ref the regexes find in it (they need the "r" before it and the quote after).
    eq = np.flatnonzero(a[1:-1] == 61) + 1
    before, after = a[eq - 1], a[eq + 1]
    if _ODD_NEXT_TO_EQUALS[before].any() or _ODD_NEXT_TO_EQUALS[after].any():
        return None
    at = eq[(before == 114) & (after == 34)] + 2  # each ref's first byte, after r="
    if len(at) == 0:
        return 0, 0
    # Past the chunk's end reads as 0 (neither letter nor digit): a ref cut off there
    # reads shorter here, and whole in the next chunk, which overlaps this one.
    a = np.concatenate([a, np.zeros(MAX_LETTERS + MAX_DIGITS + 1, dtype=np.uint8)])
    n_letters = _run_length(a, at, _LETTER, MAX_LETTERS)
    if n_letters is None:
        return None
    start = at + n_letters
    n_digits = _run_length(a, start, _DIGIT, MAX_DIGITS)
    if n_digits is None:
        return None
    named = n_digits > 0  # the regexes read a row only where digits follow, a column only before one
    if not named.any():
        return 0, 0
    row = _largest(a, start[named], n_digits[named], 10, 48)
    lettered = named & (n_letters > 0)
    col = _largest(a, at[lettered], n_letters[lettered], 26, 64) if lettered.any() else 0
    return row, col


def _run_length(a: np.ndarray, at: np.ndarray, kind: np.ndarray, most: int) -> np.ndarray | None:
    """How many bytes of ``kind`` follow each position; None if some run is longer than ``most``."""
    n = np.zeros(len(at), dtype=np.int64)
    going = np.ones(len(at), dtype=bool)
    for j in range(most + 1):
        going &= kind[a[at + j]]
        if not going.any():
            return n
        if j == most:
            return None
        n += going
    return n


def _largest(a: np.ndarray, at: np.ndarray, length: np.ndarray, base: int, zero: int) -> int:
    """The largest number written at ``at`` (``length`` digits of ``base``, the digit
    ``d`` as the byte ``zero + d``; letters either case, a-z read as A-Z). The longest
    write is the largest number unless one starts with the digit 0 (a row written
    ``A007``): then all are read."""
    if base == 10 and ((a[at] == 48) & (length > 1)).any():
        longest = at, length
    else:
        keep = length == length.max()
        longest = at[keep], length[keep]
    at, length = longest
    value = np.zeros(len(at), dtype=np.int64)
    for j in range(int(length.max())):
        byte = a[at + j].astype(np.int64)
        digit = (byte & 0xDF if base == 26 else byte) - zero
        value = np.where(j < length, value * base + digit, value)
    return int(value.max())
