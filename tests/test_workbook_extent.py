"""The pre-scan's sheet extent read with array operations (``workbook/extent.py``)
gives what the regexes give (``safety._chunk_extent``) on every chunk it answers, and
leaves every chunk written otherwise to them: random sheet XML, with refs written the
ways XML allows and the ways a hostile file might."""

from __future__ import annotations

import random

import pytest

from rostercheck.workbook.extent import chunk_extent
from rostercheck.workbook.safety import _chunk_extent, _chunk_extent_fast


def _letters(rng: random.Random) -> str:
    n = rng.choice([0, 1, 1, 1, 1, 1, 2, 2, 3]) if rng.random() < 0.97 else rng.choice([4, 5])
    text = "".join(rng.choice("ABCXYZ") for _ in range(n))
    return text.lower() if rng.random() < 0.1 else text


def _digits(rng: random.Random) -> str:
    n = rng.choice([0, 1, 2, 3, 6, 6, 7, 7, 9]) if rng.random() < 0.97 else rng.choice([10, 12])
    text = "".join(rng.choice("0123456789") for _ in range(n))
    return ("00" + text) if rng.random() < 0.05 else text


def _piece(rng: random.Random, canonical: bool) -> str:
    ref = _letters(rng) + _digits(rng)
    if rng.random() < 0.05:
        ref += _letters(rng) + _digits(rng)  # A1B2: the regexes read A1
    eq = '="' if canonical else rng.choice(['="', " =\"", '= "', "='", '=\t"', '\n=\n"', "  =  '"])
    close = '"' if eq.endswith('"') else "'"
    return rng.choice([
        f"<row r{eq}{ref}{close} spans=\"1:9\">",
        f"<c r{eq}{ref}{close} s=\"1\" t=\"n\"><v>46081</v></c>",
        f"<c r{eq}{ref}{close} t=\"inlineStr\"><is><t>Team Linde</t></is></c>",
        "</row>",
        "<c t=\"s\"><v>3</v></c>",
        f"<x bar{eq}{ref}{close}/>",  # an attribute named ...r: the regexes read it as a ref
        "<t>a = b</t>" if not canonical else "<t>a==b</t>",
        f"<t>r{eq}{ref}</t>",  # in text: the regexes read it too
        "<c r=\"\"/>",
    ])


def _chunk(rng: random.Random, canonical: bool) -> bytes:
    text = "".join(_piece(rng, canonical) for _ in range(rng.randint(0, 60)))
    data = text.encode()
    # cut anywhere, as the stream's chunks are cut: a ref may lose its end or its start
    lo = rng.randint(0, min(len(data), 12)) if rng.random() < 0.5 else 0
    hi = len(data) - (rng.randint(0, min(len(data), 12)) if rng.random() < 0.5 else 0)
    return data[lo:max(lo, hi)]


@pytest.mark.parametrize("seed", range(8))
def test_the_arrays_read_what_the_regexes_read(seed):
    rng = random.Random(seed)
    answered = 0
    for _ in range(600):
        chunk = _chunk(rng, canonical=rng.random() < 0.7)
        exact = _chunk_extent(chunk)
        fast = chunk_extent(chunk)
        if fast is not None:
            answered += 1
            assert fast == exact, chunk
        known = (rng.randint(0, 10**6), rng.randint(0, 20))
        assert _chunk_extent_fast(chunk, *known) == (max(known[0], exact[0]), max(known[1], exact[1])), chunk
    assert answered > 100  # the array path is taken (on about a quarter), not only the regexes


@pytest.mark.parametrize(
    "chunk, expected",
    [
        (b'<row r="7"><c r="B7" t="n"><v>1</v></c></row>', (7, 2)),
        (b'<c r="xfd1048576"/>', (1048576, 16384)),  # either case: calamine reads it so
        (b'<c r="A007"/><c r="B9"/>', (9, 2)),  # leading zeros count for nothing
        (b'<c r="AB"/><c r="12"/>', (12, 0)),  # letters with no digit name no column
        (b'<c r="A1B99"/>', (1, 1)),  # the regexes stop at the first letter after the digits
        (b'<c r="C3', (3, 3)),  # cut off at the chunk's end
        (b'<c r="ZZZ1"/>', (1, 18278)),
        (b"<c r=", (0, 0)),  # an "=" at the chunk's end: its ref is read in the next chunk
        (b'="A9"', (0, 0)),  # ... and one at its start belongs to the chunk before
    ],
)
def test_written_refs(chunk, expected):
    assert _chunk_extent(chunk) == expected
    assert chunk_extent(chunk) == expected


@pytest.mark.parametrize(
    "chunk",
    [
        b'<c r = "A99999999"/>',  # spaces around "="
        b"<c r='A99999999'/>",  # single quotes
        b'<c r="AAAA1"/>',  # more letters than any column of a spreadsheet
        b'<c r="A1234567890"/>',  # more digits than any row
        b'<t>1 =2</t><c r="A1"/>',  # a space next to any "=" at all
    ],
)
def test_refs_written_otherwise_are_left_to_the_regexes(chunk):
    assert chunk_extent(chunk) is None
    assert _chunk_extent_fast(chunk, 0, 0) == _chunk_extent(chunk)
