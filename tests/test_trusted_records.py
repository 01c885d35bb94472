"""The reader builds its records without pydantic's validation (``model._trusted``:
every field checked by the reader itself, a large roster makes 300k records). Such a
record must be the record validation would have made: equal, dumping to the same
JSON, with the same pydantic bookkeeping (fields set, extra, private)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rostercheck.model import Place, Shift, _trusted
from rostercheck.normsets import load_catalogue
from rostercheck.workbook import read_roster

SAMPLES = Path(__file__).resolve().parent.parent / "sample_rosters"


def _same(made, validated) -> None:
    assert made == validated
    assert made.model_dump_json() == validated.model_dump_json()
    assert made.__pydantic_extra__ == validated.__pydantic_extra__
    assert made.__pydantic_private__ == validated.__pydantic_private__
    assert made.model_fields_set == validated.model_fields_set


@pytest.mark.parametrize("name", ["tarieven-15n.xlsx", "grid-tarieven-15n.xlsx", "csv-oost-veluwe-2024"])
def test_read_shifts_are_the_validated_shifts(name):
    roster = read_roster(SAMPLES / name, catalogue=load_catalogue(None))
    assert roster.shifts
    for shift in roster.shifts:
        _same(shift, Shift.model_validate(shift.model_dump()))
        _same(shift.place, Place.model_validate(shift.place.model_dump()))


def test_trusted_is_frozen_and_copies_like_a_validated_record():
    values = {"sheet": "Diensten", "row": 7, "column": None}
    made, validated = _trusted(Place, dict(values)), Place(**values)
    _same(made, validated)
    with pytest.raises(Exception):
        made.row = 8  # frozen, as validated records are
    _same(made.model_copy(update={"row": 8}), validated.model_copy(update={"row": 8}))
