"""Keeping employees' names out of reports meant for third parties.

A pseudonymised report shows the employee id (personnel number) only. The reports
never print ``Employee.name`` themselves when asked to pseudonymise; free text from
the input (a shift's ``opmerking``, a finding's message) may still mention a name
("ruil met Piet de Vries"), so such text passes through :meth:`Pseudonymiser.text`,
which replaces every whole-word occurrence of a rostered name (case-insensitive)
with that employee's id.

Limit: only the name as written in ``Medewerkers.naam`` is found; a nickname or a
first name on its own in a note is not (documented in the README of the reports).
"""

from __future__ import annotations

import re

from rostercheck.model import Roster


class Pseudonymiser:
    def __init__(self, roster: Roster | None, enabled: bool):
        self.enabled = enabled
        self._names: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None
        if roster is None or not enabled:
            return
        for e in roster.employees:
            if e.name and e.name.strip():
                self._names[e.name.strip().casefold()] = e.id
        if self._names:
            # Longest first, so "Piet de Vries" wins over "Piet" where both are names.
            alternatives = sorted(self._names, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<!\w)(" + "|".join(re.escape(n) for n in alternatives) + r")(?!\w)", re.IGNORECASE
            )

    def text(self, value: str | None) -> str | None:
        """Free text with every rostered name replaced by the employee id."""
        if value is None or self._pattern is None:
            return value
        return self._pattern.sub(lambda m: self._names[m.group(1).casefold()], value)

    def person(self, roster: Roster, employee_id: str | None) -> str:
        """How a report names an employee: the id, plus the name unless pseudonymised."""
        if employee_id is None:
            return ""
        if self.enabled:
            return employee_id
        emp = roster.employee_by_id.get(employee_id)
        if emp is not None and emp.name:
            return f"{employee_id} ({emp.name})"
        return employee_id
