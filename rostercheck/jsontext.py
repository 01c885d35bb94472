"""``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, at C speed per value.

The standard library encodes with its C encoder only without ``indent``; with it, every
value goes through a chain of Python generators (about 0.13 s for the 5 MB report of a
1000-location roster). The JSON report is indented (OUTPUT.md, and users' scripts and
diffs depend on its bytes), so it is written here: the same layout, each string, number
and constant encoded as the standard library encodes it. Anything else (a key that is
not a string, a type JSON does not know) is left to ``json.dumps`` as a whole, so the
result is always exactly its result.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C encoder of a string (ensure_ascii=False)

_INDENT = "  "


class _Unusual(Exception):
    """A value this module leaves to ``json.dumps``."""


def dumps_indented(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``."""
    out: list[str] = []
    try:
        _encode(value, "\n", out)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


def _encode(value, newline: str, out: list[str]) -> None:
    """Append ``value`` encoded at the depth whose line break (and indent) is ``newline``."""
    cls = value.__class__
    if cls is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + _INDENT
        lead = "{" + inner
        between = "," + inner
        for key, item in value.items():
            if key.__class__ is not str:
                raise _Unusual
            head = lead + encode_basestring(key) + ": "
            lead = between
            kind = item.__class__
            if kind is str:  # most values: in one piece
                out.append(head + encode_basestring(item))
            elif item is None:
                out.append(head + "null")
            elif kind is int:
                out.append(head + int.__repr__(item))
            else:
                out.append(head)
                _encode(item, inner, out)
        out.append(newline + "}")
    elif cls is list or cls is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + _INDENT
        lead = "[" + inner
        between = "," + inner
        for item in value:
            out.append(lead)
            lead = between
            _encode(item, inner, out)
        out.append(newline + "]")
    elif cls is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif cls is int:
        out.append(int.__repr__(value))
    elif cls is float and value == value and value not in (_INF, -_INF):
        out.append(float.__repr__(value))
    else:  # NaN and the infinities (json.dumps's own words), a type JSON does not know
        raise _Unusual


_INF = float("inf")
