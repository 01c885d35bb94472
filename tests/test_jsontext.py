"""The JSON report's writer (rostercheck.jsontext) gives json.dumps(..., indent=2)'s bytes."""

from __future__ import annotations

import json
from enum import Enum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rostercheck.jsontext import dumps_indented

_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(), st.text(alphabet=st.characters(max_codepoint=0x3000)),
)
_values = st.recursive(
    _leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5),
                            st.tuples(inner, inner)),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(_values)
def test_the_bytes_are_json_dumps_indented(value):
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


class _Kind(str, Enum):
    A = "a"


def test_what_it_leaves_to_json_dumps_comes_out_the_same():
    for value in [
        {1: "a", "b": [1, 2]},  # a key that is not a string
        {"x": _Kind.A},  # a str subclass
        {"x": [float("nan"), float("inf"), -float("inf")]},
        [{"a": {}, "b": [], "c": [[]], "d": "\u2028\x00\"\\/é"}],
        {"x": 1.0, "y": 1e16, "z": -0.0, "w": 123456789012345678901234567890},
    ]:
        assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_iso_minute_is_strftimes_text():
    import random
    from datetime import datetime, timedelta, timezone

    from rostercheck.findings import iso_minute

    rng = random.Random(5)
    moments = [datetime(2026, 3, 29, 2, 30), datetime(999, 1, 1, 0, 0), datetime(1000, 1, 1), datetime(9999, 12, 31, 23, 59, 59),
               datetime(2026, 1, 1, 7, 0, 30, 5), datetime(2026, 1, 1, 7, tzinfo=timezone(timedelta(hours=1)))]
    moments += [datetime(2000, 1, 1) + timedelta(minutes=rng.randrange(0, 60 * 24 * 365 * 40), seconds=rng.randrange(60)) for _ in range(500)]
    for t in moments:
        assert iso_minute(t) == t.strftime("%Y-%m-%dT%H:%M"), t


_texts = st.one_of(st.text(max_size=30), st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=30),
                   st.sampled_from(["", "\u2028\x00\"\\/é", "L1", "Geen HBO-professional op ma 2 mrt van 07:00 tot 15:00."]))
_numbers = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
                     st.floats(allow_nan=True, allow_infinity=True), st.floats(min_value=-1e6, max_value=1e6))


@st.composite
def _findings(draw):
    from datetime import datetime, timedelta

    from rostercheck.findings import CheckKind, Finding, Severity, Source

    start = draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 30)))
    return Finding.model_construct(
        check=draw(st.sampled_from(list(CheckKind))), severity=draw(st.sampled_from(list(Severity))),
        norm=draw(_texts), norm_set=draw(_texts), product=draw(st.none() | _texts), location=draw(st.none() | _texts),
        start=start, end=start + timedelta(minutes=draw(st.integers(0, 10**5))),
        measured=draw(_numbers), required=draw(_numbers), unit=draw(_texts), message=draw(_texts),
        source=Source(document=draw(_texts), section=draw(_texts), quote=draw(_texts)),
        employee=draw(st.none() | _texts), shift_refs=(), details=(),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(_findings(), max_size=6), st.none() | st.lists(st.dictionaries(st.sampled_from(["employee", "regime", "reason"]), _texts), max_size=3))
def test_the_report_writes_each_finding_as_json_dumps_would(findings, regimes):
    # Report.to_json writes each finding in one piece (Finding.json_text): the bytes of
    # json.dumps(to_json_dict(), indent=2), whatever the texts and numbers (NaN and
    # the infinities: the whole is left to json.dumps)
    from datetime import datetime

    from rostercheck.findings import Report

    report = Report.model_construct(roster="r.xlsx", period_start=datetime(2026, 3, 1), period_end=datetime(2026, 4, 1),
                                    period_source="sheet", findings=findings, norm_sets=[], notes=[], labour_law_regimes=regimes)
    assert report.to_json() == json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def test_a_finding_of_an_unusual_number_leaves_the_report_to_json_dumps():
    from datetime import datetime

    from rostercheck.findings import CheckKind, Finding, Report, Severity, Source
    from rostercheck.jsontext import Unusual

    f = Finding(check=CheckKind.SHARE, severity=Severity.ERROR, norm="n", norm_set="s", product=None, location="L1",
                start=datetime(2026, 3, 1), end=datetime(2026, 4, 1), measured=float("nan"), required=0.5, unit="share",
                message="m", source=Source(document="d", section="s", quote="q"))
    with pytest.raises(Unusual):  # NaN is written json.dumps's own way
        f.json_text("\n    ")
    report = Report(roster="r", period_start=datetime(2026, 3, 1), period_end=datetime(2026, 4, 1), findings=[f])
    assert report.to_json() == json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
    assert '"measured": NaN' in report.to_json()
