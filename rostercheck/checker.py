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
from rostercheck.model import PeriodSource, Roster
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


def check_roster(roster: Roster, catalogue: Catalogue, options: CheckOptions = CheckOptions()) -> Report:
    used_sets: list[str] = []
    plan: list[tuple[object, str]] = []  # (norm set, location id), in location order
    for location in sorted(roster.locations, key=lambda loc: loc.id):
        norm_set = catalogue.get(location.norm_set)
        if norm_set is None:  # the reader validates this; a model built in code may not have been
            raise ValueError(f"location {location.id}: unknown norm set {location.norm_set!r}")
        if norm_set.id not in used_sets:
            used_sets.append(norm_set.id)
        plan.append((norm_set, location.id))
    employee_sets = []
    if options.labour_law:
        for set_id in employee_set_ids(options):
            norm_set = catalogue.get(set_id)
            if norm_set is None:
                raise ValueError(f"norm set {set_id!r} is not in the norms folder")
            used_sets.append(norm_set.id)
            employee_sets.append(norm_set)
    if use_parallel(roster, options.workers):
        # The same list, in the same order, as below (rostercheck.checks.parallel).
        findings = parallel_findings(plan, employee_sets, roster, also=roster_consistency)
    else:
        findings = run_location_norm_sets(plan, roster)
        if employee_sets:
            # Together, not one by one: a CAO norm may replace a law norm (its
            # permitted alternatives differ), which only the combined run can honour.
            findings.extend(run_employee_norm_sets(employee_sets, roster))
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
    return Report(
        roster=roster.source_name,
        period_start=roster.period.start,
        period_end=roster.period.end,
        period_source=roster.period.source.value,
        findings=findings,
        norm_sets=used_sets,
        notes=notes,
        labour_law_regimes=employee_regimes(employee_sets, roster) if employee_sets else None,
    )


def empty_period_note(roster: Roster) -> str | None:
    """What to say when no shift starts in the period (``--period 2026-04`` on a March
    roster: at most the end of a night shift reaches into it). Every norm is then
    violated for want of staff — true, but rarely what the user meant to ask."""
    p = roster.period
    if any(p.start <= s.start < p.end for s in roster.shifts):
        return None
    from rostercheck import wording

    where = wording.period_text(p.start, p.end)
    if not roster.shifts:
        return f"De periode {where} bevat geen diensten: het rooster heeft geen diensten."
    first = min(s.start for s in roster.shifts)
    last = max(s.end for s in roster.shifts)
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
