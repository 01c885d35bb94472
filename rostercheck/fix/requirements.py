"""What the norms ask of a location, as concrete requirements over time.

Built from the same norm objects the checker runs (the location's norm set,
``scope.active_days`` for where a norm applies, ``eligibility`` for which shift
counts), so the fixer never keeps a second copy of the rules. Each requirement
carries the name the solver gives its penalty variable, so every proposed change
can say which norm, location and window it serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from typing import Sequence

from rostercheck.checks import level as level_check
from rostercheck.checks import role as role_check
from rostercheck.checks import scope
from rostercheck.checks._common import from_minute
from rostercheck.checks.coverage import window_minutes
from rostercheck.findings import CheckKind, Report, Severity, iso_minute
from rostercheck.model import Employee, Roster
from rostercheck.normsets import Catalogue
from rostercheck.normsets.schema import (
    CoverageNorm,
    LevelNorm,
    NormSet,
    RoleNorm,
    ShareNorm,
)


@dataclass(frozen=True)
class CoverageReq:
    """One window instance of a coverage norm at a location: [start, end) must be covered."""

    norm: CoverageNorm
    norm_set: str
    location: str
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        return f"{self.norm.id}/{self.location}/{iso_minute(self.start)}"


@dataclass(frozen=True)
class ShareReq:
    """A share norm over one roster period (block) at a location, for one of its products.

    As the share check attributes hours: a shift naming a product counts for that
    product only; a shift without one counts for every product delivered on its day.
    """

    norm: ShareNorm
    norm_set: str
    location: str
    start: datetime
    end: datetime
    product: str
    days: frozenset[date]

    @property
    def key(self) -> str:
        return f"{self.norm.id}/{self.location}/{self.product}/{self.start:%Y-%m-%d}"

    def attributed(self, shift_product: str | None, day: date) -> bool:
        if shift_product is not None:
            return shift_product.lower() == self.product.lower()
        return day in self.days

    def fractions(self) -> tuple[Fraction | None, Fraction | None]:
        p = self.norm.params
        lo = Fraction(str(p.min_share)) if p.min_share is not None else None
        hi = Fraction(str(p.max_share)) if p.max_share is not None else None
        return lo, hi

    def qualifies(self, employee: Employee) -> bool:
        p = self.norm.params
        if p.care_relevant and not employee.care_relevant:
            return False
        return employee.level.at_least(p.min_level)


@dataclass(frozen=True)
class LevelReq:
    """Every working hour at the location on the norm's active days by a qualified professional."""

    norm: LevelNorm
    norm_set: str
    location: str
    days: frozenset[date]

    @property
    def key(self) -> str:
        return f"{self.norm.id}/{self.location}"

    def qualifies(self, employee: Employee) -> bool:
        return not level_check.shortfall(self.norm.params, employee)

    def in_scope(self, shift_product: str | None, day: date) -> bool:
        """As ``checks.level.in_scope``: a shift naming a product of the norm, or one without on an active day."""
        if shift_product is not None:
            return shift_product.lower() in {p.lower() for p in self.norm.products}
        return day in self.days


@dataclass(frozen=True)
class RoleReq:
    norm: RoleNorm
    norm_set: str
    location: str
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        return f"{self.norm.id}/{self.location}"

    def holder(self, employee: Employee) -> bool:
        return self.norm.params.role in employee.roles and not role_check.shortfall(self.norm.params, employee)


@dataclass(frozen=True)
class LabourLawReq:
    """A working-time error the roster already has (arbeidstijden): one of its shifts must change.

    From the checker's own finding (its ``shift_refs``), so the fixer needs no copy of
    the law: the candidates are prefiltered with the same rules
    (``labour_law.employee_violations_for_shifts``) and the verification confirms.
    """

    norm_id: str
    norm_set: str
    employee: str
    location: str | None
    start: datetime
    end: datetime
    refs: tuple[int, ...]  # shifts of the finding the fixer may change (those in the period)
    message: str

    @property
    def key(self) -> str:
        return f"{self.norm_id}/{self.employee}/{iso_minute(self.start)}"

    @property
    def finding_key(self) -> tuple:
        return (self.norm_id, self.employee, self.start, self.end)


@dataclass
class Requirements:
    coverage: list[CoverageReq] = field(default_factory=list)
    share: list[ShareReq] = field(default_factory=list)
    level: list[LevelReq] = field(default_factory=list)
    role: list[RoleReq] = field(default_factory=list)
    labour_law: list[LabourLawReq] = field(default_factory=list)
    # The employee-scoped sets (the law and a CAO overlay) the labour-law candidates are checked against.
    labour_law_sets: tuple[NormSet, ...] = ()
    # Norms a roster change cannot serve (client hours): listed, never modelled.
    not_rosterable: list[tuple[str, str]] = field(default_factory=list)  # (location, norm id)


def location_requirements(roster: Roster, norm_set: NormSet, location_id: str, out: Requirements) -> None:
    period = roster.period
    for norm in norm_set.norms:
        if norm.severity is not Severity.ERROR:
            continue  # warnings and tariff notes do not make a roster non-compliant
        days = scope.active_days(roster, location_id, norm.products)
        if not days:
            continue
        if isinstance(norm, CoverageNorm):
            # The checker's own windows (merged where they touch), so both see the same minutes.
            for a, b in window_minutes(roster, norm.params, days):
                out.coverage.append(CoverageReq(norm, norm_set.id, location_id, from_minute(roster, a), from_minute(roster, b)))
        elif isinstance(norm, ShareNorm):
            block_kind = norm.params.block or period.block
            blocks = period.model_copy(update={"block": block_kind}).blocks()
            for product in norm.products:
                pdays = frozenset(scope.active_days(roster, location_id, [product]))
                for b_start, b_end in blocks:
                    if any(b_start <= datetime.combine(d, datetime.min.time()) < b_end for d in pdays):
                        out.share.append(ShareReq(norm, norm_set.id, location_id, b_start, b_end, product, pdays))
        elif isinstance(norm, LevelNorm):
            out.level.append(LevelReq(norm, norm_set.id, location_id, frozenset(days)))
        elif isinstance(norm, RoleNorm):
            out.role.append(RoleReq(norm, norm_set.id, location_id, period.start, period.end))
        else:
            out.not_rosterable.append((location_id, norm.id))


def build_requirements(roster: Roster, catalogue: Catalogue) -> Requirements:
    out = Requirements()
    for location in sorted(roster.locations, key=lambda loc: loc.id):
        norm_set = catalogue.get(location.norm_set)
        if norm_set is None:
            raise ValueError(f"location {location.id}: unknown norm set {location.norm_set!r}")
        location_requirements(roster, norm_set, location.id, out)
    return out


def labour_law_requirements(roster: Roster, before: Report | None, norm_sets: Sequence[NormSet], out: Requirements) -> None:
    """Every labour-law error of the unchanged roster becomes a requirement to change one of its shifts.

    Shifts wholly outside the period (the night before it, a shift after it) belong
    to another month's roster: the fixer does not touch them.
    """
    out.labour_law_sets = tuple(norm_sets)
    if before is None:
        return
    period = roster.period
    for f in before.findings:
        if f.check is not CheckKind.LABOUR_LAW or f.severity is not Severity.ERROR or f.employee is None:
            continue
        refs = tuple(i for i in f.shift_refs
                     if 0 <= i < len(roster.shifts)
                     and roster.shifts[i].end > period.start and roster.shifts[i].start < period.end)
        out.labour_law.append(LabourLawReq(f.norm, f.norm_set, f.employee, f.location, f.start, f.end, refs, f.message))
