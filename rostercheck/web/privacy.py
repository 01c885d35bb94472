"""What a third party (a contract manager, role ``auditor``) may see of an upload.

The promise on the pages is "personnel numbers only, never names". Replacing the
names written in ``Medewerkers.naam`` is not enough: planners write names into
free text ("Daan belt in", "vervangt Rik"), into columns of their own, into the
file name ("rooster Daan El Amrani.xlsx"), and a name typed where an id belongs
comes back quoted in an input error. So for a third party the service does not
filter text, it leaves the text out:

- the roster every third-party output is made from (:func:`third_party_roster`)
  has no names, no notes (a note becomes ``(opmerking weggelaten)``), no columns of
  the planner's own, and a neutral label instead of the file name;
- the file name is shown as that label everywhere (:func:`neutral_label`);
- input errors keep their place (sheet, row, column) but not the value, unless the
  value looks like an id (:func:`redact_input_errors`);
- the fixer's proposal loses its notes and any other free text
  (:func:`redact_fix`).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rostercheck.model import Roster

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOTE_LEFT_OUT = "(opmerking weggelaten)"
VALUE_HIDDEN = "«waarde verborgen»"
KNOWN_EXTENSIONS = (".xlsx", ".xlsm", ".ods", ".zip")

# An id as rosters write them: one token of letters, digits and - _ . / with at least
# one digit (E1, 1042, L-03, 15N13, 2026-03-02). A name ("Daan", "El Amrani") has no
# digit; a value with a space is free text. Both are hidden from third parties.
_ID_LIKE = re.compile(r"(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9._/:-]{0,39}")
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"|«([^»]*)»")


def neutral_label(upload_id: str, created_at: datetime, filename: str) -> str:
    """``rooster-2026-03-02-a1b2c3.xlsx``: the upload day (Amsterdam) and the start of
    its random id, with the extension when it is one of the formats read."""
    day = created_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(AMSTERDAM).strftime("%Y-%m-%d")
    lower = filename.lower()
    ext = next((e for e in KNOWN_EXTENSIONS if lower.endswith(e)), "")
    return f"rooster-{day}-{upload_id[:6]}{ext}"


def looks_like_id(value: str) -> bool:
    return bool(_ID_LIKE.fullmatch(value.strip()))


def _strip(record: Any, **update: Any) -> Any:
    if record.extra:
        update["extra"] = {}
    return record.model_copy(update=update) if update else record


def third_party_roster(roster: Roster, label: str) -> Roster:
    """The roster without any text a person typed freely: the input of every report a
    third party gets. The checks never read names, notes or unknown columns, so the
    findings are the same as on the roster itself."""
    return roster.model_copy(
        update={
            "source_name": label,
            "employees": tuple(_strip(e, **({"name": None} if e.name else {})) for e in roster.employees),
            "locations": tuple(_strip(x) for x in roster.locations),
            "products": tuple(_strip(x) for x in roster.products),
            "travel_times": tuple(_strip(x) for x in roster.travel_times),
            "shifts": tuple(_strip(s, **({"note": NOTE_LEFT_OUT} if s.note else {})) for s in roster.shifts),
            "absences": tuple(_strip(a, **({"note": NOTE_LEFT_OUT} if a.note else {})) for a in roster.absences),
            "clients": None if roster.clients is None else tuple(_strip(c) for c in roster.clients),
            "skipped": (),
        }
    )


def _hide_quoted(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        inner = next(g for g in m.groups() if g is not None)
        return m.group(0) if looks_like_id(inner) else VALUE_HIDDEN

    return _QUOTED.sub(repl, text)


def redact_input_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Input errors as a third party sees them: where and what kind, not what was typed
    (``onbekende medewerker 'Daan El Amrani'`` -> ``onbekende medewerker «waarde verborgen»``)."""
    out = []
    for e in errors:
        e = dict(e)
        value = e.get("value")
        if isinstance(value, str) and not looks_like_id(value):
            e["value"] = None
            if value.strip():
                e["message"] = str(e.get("message", "")).replace(value, VALUE_HIDDEN)
        e["message"] = _hide_quoted(str(e.get("message", "")))
        for key in ("column", "sheet"):
            # A column of the planner's own may be headed with anything, a name included.
            if isinstance(e.get(key), str) and e[key] == value and not looks_like_id(value):
                e[key] = None
        out.append(e)
    return out


# Keys of the fixer's proposal that hold text a person typed.
_FREE_TEXT_KEYS = frozenset({"note", "opmerking", "extra", "name", "naam"})


def redact_fix(value: Any) -> Any:
    """The fixer's proposal without notes, names and columns of the planner's own."""
    if isinstance(value, dict):
        return {k: redact_fix(v) for k, v in value.items() if k not in _FREE_TEXT_KEYS}
    if isinstance(value, list):
        return [redact_fix(v) for v in value]
    return value
