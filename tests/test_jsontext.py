"""The JSON report's writer (rostercheck.jsontext) gives json.dumps(..., indent=2)'s bytes."""

from __future__ import annotations

import json
from enum import Enum

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
