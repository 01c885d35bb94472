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


class Encoded(list):
    """A list of records that write their own JSON text: each item's
    ``json_text(newline)`` is ``dumps_indented(item.json_value())`` at the depth whose
    line break (and indent) is ``newline``, or raises :class:`Unusual` to leave the whole
    to ``json.dumps``, which is given ``json_value()``. For many records of one fixed
    shape (a report's findings), each written in one piece instead of value by value."""


class Unusual(Exception):
    """A value this module leaves to ``json.dumps``."""


def dumps_indented(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` (with the items of an
    :class:`Encoded` as their ``json_value()``)."""
    out: list[str] = []
    try:
        _encode(value, "\n", out)
    except Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2, default=_json_value)
    return "".join(out)


def _json_value(item):
    if hasattr(item, "json_value"):
        return item.json_value()
    raise TypeError(f"Object of type {item.__class__.__name__} is not JSON serializable")


def scalar(value) -> str:
    """A string, number, ``None`` or boolean as ``json.dumps`` writes it; :class:`Unusual`
    for anything else (and for NaN and the infinities, which it writes its own way)."""
    cls = value.__class__
    if cls is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if cls is int:
        return int.__repr__(value)
    if cls is float and value == value and value not in (_INF, -_INF):
        return float.__repr__(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise Unusual


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
                raise Unusual
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
    elif cls is Encoded:
        if not value:
            out.append("[]")
            return
        inner = newline + _INDENT
        out.append("[" + inner + ("," + inner).join([item.json_text(inner) for item in value]) + newline + "]")
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
        raise Unusual


_INF = float("inf")
