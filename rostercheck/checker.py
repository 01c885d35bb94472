"""The checker: runs every applicable norm over a roster and collects one report.

Location-scoped norm sets are chosen per location (``Locaties.normenkader``);
employee-scoped sets (working-time law, a CAO overlay) apply to every employee
across locations. Each check kind lives in its own module under
``rostercheck.checks``; this module only decides which norm runs where. The
roster's own consistency (check ``roster``, ``checks/roster.py``: one person in two
places) belongs to no norm set and runs once per roster.
"""

from __future__ import annotations

from dataclasses import dataclass

from rostercheck.checks import employee_regimes, run_employee_norm_sets, run_location_norm_sets
from rostercheck.checks.client_hours import NO_CLIENTS_SHEET_NOTE
from rostercheck.checks.parallel import parallel_findings, use_parallel
from rostercheck.checks.roster import check as roster_consistency
from rostercheck.findings import CheckKind, Finding, Report, Severity, Source
from rostercheck.model import PeriodSource, Roster, shift_rows
from rostercheck.normsets import Catalogue

LABOUR_LAW_SET = "arbeidstijdenwet"
CAO_SETS = {"gehandicaptenzorg": "cao-gehandicaptenzorg", "ggz": "cao-ggz", "sociaal-werk": "cao-sociaal-werk"}


@dataclass(frozen=True)
class CheckOptions:
    labour_law: bool = True
    cao: str = "none"  # none | gehandicaptenzorg | ggz | sociaal-werk
    # Processes the checks may use (``rostercheck check`` passes 2 on a machine with
    # two cores or more). More than one only takes effect on a large roster in a
    # single-threaded process that can fork (rostercheck.checks.parallel); the report
    # is the same either way.
    workers: int = 1


class LawAhead:
    """The employee-scoped sets (Working Hours Act, CAO overlay) judged while the
    reader waits: on a large workbook the Begeleiding sheet is read in a child
    (``workbook/support_child.py``) and the reader, its shifts and employees read,
    would sit idle until that child is done. The law reads nothing of a roster but
    its shifts and employees (``labour_law.Staff``), so it is judged then, on
    those, and :func:`check_roster` takes the result when the roster it is given
    holds the very same shifts (as the checks read them, ``model.shift_rows``) and
    employee records; else it judges the law itself.

    Given to ``read_roster(meanwhile=...)``; called at most once."""

    def __init__(self, catalogue: Catalogue, options: CheckOptions):
        try:
            self._sets = _employee_sets(catalogue, options)
        except ValueError:  # a set is missing: check_roster says so
            self._sets = []
        self._done: tuple | None = None  # (sets, shifts, employees, findings, regimes)

    def __call__(self, shifts, employees) -> None:
        if not self._sets:
            return
        from rostercheck.checks.labour_law import Staff
        from rostercheck.checks.labour_law.timeline import forget

        staff = Staff(tuple(shifts), tuple(employees))
        try:
            found = run_employee_norm_sets(self._sets, staff), employee_regimes(self._sets, staff)
        except Exception:  # check_roster judges the law itself, and raises what it raises
            return
        finally:
            forget(staff)  # what the law kept of it is not needed again: not held through the checks
        self._done = (self._sets, staff.shifts, staff.employees, *found)

    def take(self, sets: list, roster: Roster) -> tuple[list[Finding], list[dict[str, str]]] | None:
        """(findings, regimes) of ``sets`` for ``roster``, if judged ahead on its records."""
        done, self._done = self._done, None
        if done is None or [id(x) for x in done[0]] != [id(x) for x in sets]:
            return None
        if not (_same(done[1], shift_rows(roster.shifts)) and _same(done[2], roster.employees)):
            return None
        return done[3], done[4]


def _same(a, b) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def _employee_sets(catalogue: Catalogue, options: CheckOptions) -> list:
    """The employee-scoped sets the options ask for (none without the labour law);
    ValueError when one is not in the catalogue."""
    sets = []
    if options.labour_law:
        for set_id in employee_set_ids(options):
            norm_set = catalogue.get(set_id)
            if norm_set is None:
                raise ValueError(f"norm set {set_id!r} is not in the norms folder")
            sets.append(norm_set)
    return sets


def check_roster(roster: Roster, catalogue: Catalogue, options: CheckOptions = CheckOptions(),
                 ahead: LawAhead | None = None) -> Report:
    """Every norm over the roster. ``ahead``: the law, if it was judged while reading."""
    used_sets: list[str] = []
    plan: list[tuple[object, str]] = []  # (norm set, location id), in location order
    for location in sorted(roster.locations, key=lambda loc: loc.id):
        norm_set = catalogue.get(location.norm_set)
        if norm_set is None:  # the reader validates this; a model built in code may not have been
            raise ValueError(f"location {location.id}: unknown norm set {location.norm_set!r}")
        if norm_set.id not in used_sets:
            used_sets.append(norm_set.id)
        plan.append((norm_set, location.id))
    employee_sets = _employee_sets(catalogue, options)
    used_sets.extend(norm_set.id for norm_set in employee_sets)
    law = ahead.take(employee_sets, roster) if ahead is not None and employee_sets else None
    if use_parallel(roster, options.workers):
        # The same list, in the same order, as below (rostercheck.checks.parallel).
        if law is None:
            findings = parallel_findings(plan, employee_sets, roster, also=roster_consistency)
        else:
            findings = parallel_findings(plan, [], roster, also=roster_consistency, law=law[0])
    else:
        findings = run_location_norm_sets(plan, roster)
        if employee_sets:
            # Together, not one by one: a CAO norm may replace a law norm (its
            # permitted alternatives differ), which only the combined run can honour.
            findings.extend(run_employee_norm_sets(employee_sets, roster) if law is None else law[0])
        # Once per roster, not per norm set: the roster contradicting itself (FORMAT.md rev. 2).
        findings.extend(roster_consistency(roster))
    # Issue 14: nothing outside the period is reported. Labour law reads shifts before
    # and after the period as context (rest before the first shift), but a finding
    # whose window lies wholly outside the period belongs to another period's report.
    period = roster.period
    findings = [f for f in findings if f.end > period.start and f.start < period.end]
    notes = []
    empty = empty_period_note(roster)
    if empty is not None:
        notes.append(empty)
    if roster.period.source is PeriodSource.DERIVED:
        notes.append(
            "Geen Periode-blad en geen --period: de periode loopt van de eerste dienst tot het einde van de laatste dienst."
        )
    if roster.support is not None and roster.clients is None:
        # FORMAT.md rev. 2, Clienten: "Without this sheet a client holds the product from
        # their first to their last `Begeleiding` record in the period, and the report says so."
        notes.append(NO_CLIENTS_SHEET_NOTE)
    notes.extend(roster.notices)
    findings.extend(skipped_row_findings(roster))
    # Built as is: every part is made here of values of the right type (validating
    # would walk the regimes of ten thousand staff once more); Report sorts the findings.
    return Report.model_construct(
        roster=roster.source_name,
        period_start=roster.period.start,
        period_end=roster.period.end,
        period_source=roster.period.source.value,
        findings=findings,
        norm_sets=used_sets,
        notes=notes,
        labour_law_regimes=(employee_regimes(employee_sets, roster) if law is None else law[1]) if employee_sets else None,
    )


def empty_period_note(roster: Roster) -> str | None:
    """What to say when no shift starts in the period (``--period 2026-04`` on a March
    roster: at most the end of a night shift reaches into it). Every norm is then
    violated for want of staff — true, but rarely what the user meant to ask."""
    p = roster.period
    shifts = shift_rows(roster.shifts)
    if any(p.start <= s.start < p.end for s in shifts):
        return None
    from rostercheck import wording

    where = wording.period_text(p.start, p.end)
    if not roster.shifts:
        return f"De periode {where} bevat geen diensten: het rooster heeft geen diensten."
    first = min(s.start for s in shifts)
    last = max(s.end for s in shifts)
    return (
        f"De periode {where} bevat geen diensten: de diensten in het rooster lopen van "
        f"{wording.moment(first)} tot {wording.moment(last)}."
    )


# FORMAT.md, "Input errors": with --skip-bad-rows "every skipped row is listed in the report".
SKIPPED_ROW_SOURCE = Source(
    document="FORMAT.md",
    section="Input errors",
    quote="unless the user asks to skip bad rows, in which case every skipped row is listed in the report",
)


def skipped_row_findings(roster: Roster) -> list[Finding]:
    """One `input` warning per row the reader skipped, so the JSON lists them too."""
    return [
        Finding(
            check=CheckKind.INPUT,
            severity=Severity.WARNING,
            norm="skipped-row",
            norm_set="format",
            product=None,
            location=None,
            start=roster.period.start,
            end=roster.period.end,
            measured=None,
            required=None,
            unit="row",
            message=f"Rij overgeslagen (--skip-bad-rows): {text}",
            source=SKIPPED_ROW_SOURCE,
        )
        for text in roster.skipped
    ]


def employee_set_ids(options: CheckOptions) -> list[str]:
    ids = [LABOUR_LAW_SET]
    if options.cao != "none":
        ids.append(CAO_SETS[options.cao])
    return ids
