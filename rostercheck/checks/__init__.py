"""Check kinds, one module each. The registry maps a norm's ``check`` to its module.

(The check helper replaces the two runners below with the real registry.)
"""

from __future__ import annotations

from rostercheck.findings import Finding
from rostercheck.model import Roster
from rostercheck.normsets.schema import NormSet


def run_location_norm_set(norm_set: NormSet, roster: Roster, location_id: str) -> list[Finding]:
    raise NotImplementedError


def run_employee_norm_set(norm_set: NormSet, roster: Roster, catalogue) -> list[Finding]:
    raise NotImplementedError
