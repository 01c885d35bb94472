"""The schema of a norm file in ``norms/``: norm values as data, each with its citation.

A norm file that has an unknown key, a missing citation or an impossible value fails
when it is loaded (see :mod:`rostercheck.normsets.loader`), naming file and key,
so a bad norm file never reaches a check half-way through a run.

Check *logic* lives in ``rostercheck.checks`` (one module per check kind); this
module only says what parameters each kind takes.
"""

from __future__ import annotations

from datetime import time
from enum import Enum
from functools import cached_property
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rostercheck.findings import Severity, Source
from rostercheck.model import Level, Role, SupportKind

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Strict(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


def _parse_clock(v: object) -> object:
    """'07:00' -> time(7, 0); '24:00' -> None is not allowed here, see Window."""
    if isinstance(v, str):
        hh, _, mm = v.partition(":")
        if not (hh.isdigit() and mm.isdigit() and len(mm) == 2):
            raise ValueError(f"expected a time HH:MM, got {v!r}")
        h, m = int(hh), int(mm)
        if h == 24 and m == 0:
            return "24:00"
        if not (0 <= h < 24 and 0 <= m < 60):
            raise ValueError(f"impossible time {v!r}")
        return time(h, m)
    return v


class Window(_Strict):
    """A recurring time window: on the given weekdays, from ``start`` to ``end``.

    ``end`` at or before ``start`` crosses midnight (22:00-07:00 is a night that
    starts on the listed day). ``00:00``-``24:00`` is the whole day; with all
    seven days that is 24/7. Windows are wall-clock times.
    """

    days: tuple[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], ...] = WEEKDAYS
    start: time = time(0, 0)
    end: time | Literal["24:00"] = "24:00"
    interpretation: str | None = None  # where the document says only "dag en avond" etc.

    _clock_start = field_validator("start", mode="before")(_parse_clock)
    _clock_end = field_validator("end", mode="before")(_parse_clock)

    @field_validator("days")
    @classmethod
    def _unique_days(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v or len(set(v)) != len(v):
            raise ValueError("days must be a non-empty list of distinct weekdays")
        return v

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        """Minutes after midnight of the start day; > 1440 never, crossing is handled by callers."""
        return 1440 if self.end == "24:00" else self.end.hour * 60 + self.end.minute  # type: ignore[union-attr]

    @property
    def crosses_midnight(self) -> bool:
        return self.end != "24:00" and self.end_minute <= self.start_minute

    @property
    def always(self) -> bool:
        return len(self.days) == 7 and self.start_minute == 0 and self.end == "24:00"


class Presence(str, Enum):
    """Which shifts count towards a coverage norm (NORMS.md, conventions)."""

    AWAKE_ON_SITE = "awake_on_site"  # aanwezig, waakdienst (wakende wacht)
    ON_SITE = "on_site"  # aanwezig, waakdienst, slaapdienst (slapende wacht counts)
    ON_SITE_WITHIN = "on_site_within"  # on site, or beschikbaar with response <= response_min
    ON_DUTY = "on_duty"  # on site, ambulant or beschikbaar (begeleiding available)
    REACHABLE = "reachable"  # anyone on duty incl. bereikbaar: phone within 5 minutes


class CoverageParams(_Strict):
    window: Window
    presence: Presence
    response_min: int | None = Field(default=None, gt=0, le=240)
    min_staff: int = Field(default=1, ge=1, le=50)
    # Revision 2 reading 1: the team's level applies to presence; a shift of someone
    # below it never counts, whatever its kind.
    min_level: Level = Level.MBO2
    care_relevant: bool = True  # only professionals count (000, footnote 7)
    # throughout: at every minute of each window (the default); some_moment: at some
    # minute of each window, e.g. 004 Groepswonen "op vaste momenten gedurende de dag".
    require: Literal["throughout", "some_moment"] = "throughout"

    @model_validator(mode="after")
    def _response_iff_within(self) -> "CoverageParams":
        if (self.presence is Presence.ON_SITE_WITHIN) != (self.response_min is not None):
            raise ValueError("response_min is required with presence on_site_within, and only there")
        return self


class ShareParams(_Strict):
    """Share of working hours (inzet) by staff of at least ``min_level``."""

    min_level: Level
    min_share: float | None = Field(default=None, gt=0, le=1)
    max_share: float | None = Field(default=None, gt=0, le=1)
    care_relevant: bool = True
    # "month" (calendar month) or "4weeks"; None: the period's own setting.
    block: Literal["month", "4weeks"] | None = None

    @model_validator(mode="after")
    def _bound(self) -> "ShareParams":
        if self.min_share is None and self.max_share is None:
            raise ValueError("a share norm needs min_share or max_share")
        if self.min_share is not None and self.max_share is not None and self.min_share > self.max_share:
            raise ValueError("min_share is larger than max_share")
        return self


class LevelParams(_Strict):
    """Every working hour by a professional of at least ``min_level``."""

    min_level: Level
    care_relevant: bool = True
    min_experience_years: float | None = Field(default=None, gt=0, le=50)


class RoleParams(_Strict):
    """At least ``min_count`` employees with ``role`` (of ``min_level``) rostered in the
    period; and every holder of the role rostered at the location must qualify."""

    role: Role
    min_level: Level | None = None
    # Where the text says "professional" or "richting Zorg en Welzijn": the holder
    # must be care-relevant (zorgrelevant) too.
    care_relevant: bool = False
    min_count: int = Field(default=1, ge=1, le=20)
    # True: the role-holder must have a shift at the location in the period
    # ("zichtbaar in het rooster"); False: being on the staff list is enough.
    rostered: bool = True


class ClientHoursMeasure(str, Enum):
    INDIVIDUAL_HOURS_PER_WEEK = "individual_hours_per_week"  # per client, with group exchange
    GROUP_HOURS_PER_WEEK = "group_hours_per_week"
    SUPPORT_HOURS_PER_WEEK = "support_hours_per_week"  # all direct support
    CONTACTS_PER_WEEK = "contacts_per_week"  # individual contacts (records) per client
    INDIRECT_SHARE = "indirect_share"  # indirect / client-bound hours
    DIGITAL_SHARE = "digital_share"  # digital / all support hours
    DAGDEEL_HOURS = "dagdeel_hours"  # hours per client per day in one of the bands
    DIGITAL_HOURS_PER_DAY = "digital_hours_per_day"  # digital hours per client per day (003: "fysiek")
    # on-site working hours at the location per client per day, per roster period
    # (000 HGV: "netto uren agogisch klimaat per inwoner, per dag")
    ON_SITE_HOURS_PER_CLIENT_DAY = "on_site_hours_per_client_day"


WEEKLY_MEASURES = frozenset({
    ClientHoursMeasure.INDIVIDUAL_HOURS_PER_WEEK,
    ClientHoursMeasure.GROUP_HOURS_PER_WEEK,
    ClientHoursMeasure.SUPPORT_HOURS_PER_WEEK,
    ClientHoursMeasure.CONTACTS_PER_WEEK,
})
SHARE_MEASURES = frozenset({ClientHoursMeasure.INDIRECT_SHARE, ClientHoursMeasure.DIGITAL_SHARE})


class Judge(str, Enum):
    """How a per-client measure is judged over the client's span in the period
    (NORMS.md rev. 2, readings 4 and 5)."""

    WEEK = "week"  # every week on its own, at the norm's severity
    # the client's average (or share) over their span is the verdict at the norm's
    # severity; a single week beyond the bound is a warning for hours (reading 4) and
    # info for a share (reading 5), never louder than the norm
    AVERAGE = "average"
    PERIOD = "period"  # only over the client's span (002 1.7: "over het gehele traject")


class ClientHoursParams(_Strict):
    measure: ClientHoursMeasure
    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    # None: the measure's own (week for hours and contacts per week, period for shares)
    judge: Judge | None = None
    # 001: "6 groepsuren staan gelijk aan 1 individueel uur" -> 6
    group_exchange: float | None = Field(default=None, gt=0)
    # 001 (15N11-15N15): "gemiddeld 7 uur groepsbegeleiding per inwoner per week" is
    # already part of the product; only group hours above it are exchanged for
    # individual hours. None: every group hour is exchanged (15N02-15N04).
    group_included: float | None = Field(default=None, ge=0)
    kinds: tuple[SupportKind, ...] | None = None  # which kinds count; None: the measure's own
    bands: tuple[tuple[float, float], ...] | None = None  # DAGDEEL_HOURS: allowed [lo, hi] bands

    @model_validator(mode="after")
    def _bounds(self) -> "ClientHoursParams":
        m = self.measure
        if m is ClientHoursMeasure.DAGDEEL_HOURS:
            if not self.bands:
                raise ValueError("dagdeel_hours needs bands")
            for lo, hi in self.bands:
                if not 0 <= lo <= hi <= 24:
                    raise ValueError(f"impossible band {lo}-{hi}")
            if self.min is not None or self.max is not None:
                raise ValueError("dagdeel_hours takes bands, not min or max")
        elif self.bands is not None:
            raise ValueError("bands only apply to dagdeel_hours")
        elif self.min is None and self.max is None:
            raise ValueError("a client_hours norm needs min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is larger than max")
        if self.group_exchange is not None and m is not ClientHoursMeasure.INDIVIDUAL_HOURS_PER_WEEK:
            raise ValueError("group_exchange only applies to individual_hours_per_week")
        if self.group_included is not None and self.group_exchange is None:
            raise ValueError("group_included needs group_exchange")
        if m in SHARE_MEASURES:
            for b in (self.min, self.max):
                if b is not None and b > 1:
                    raise ValueError("a share is a fraction between 0 and 1")
        if m is ClientHoursMeasure.ON_SITE_HOURS_PER_CLIENT_DAY or m is ClientHoursMeasure.DIGITAL_HOURS_PER_DAY:
            for b in (self.min, self.max):
                if b is not None and b > 24:
                    raise ValueError("more than 24 hours in a day")
            if self.kinds is not None and m is ClientHoursMeasure.ON_SITE_HOURS_PER_CLIENT_DAY:
                raise ValueError("on_site_hours_per_client_day counts shifts, not Begeleiding kinds")
        if self.judge is not None:
            allowed = (
                (Judge.WEEK, Judge.AVERAGE) if m in WEEKLY_MEASURES
                else (Judge.PERIOD, Judge.AVERAGE) if m in SHARE_MEASURES
                else ()
            )
            if self.judge not in allowed:
                ok = ", ".join(j.value for j in allowed) or "none (leave judge out)"
                raise ValueError(f"judge {self.judge.value!r} does not apply to {m.value}; allowed: {ok}")
        return self

    @property
    def judged(self) -> Judge | None:
        """The judge in effect: as written, else the measure's own (None for day measures)."""
        if self.judge is not None:
            return self.judge
        if self.measure in WEEKLY_MEASURES:
            return Judge.WEEK
        if self.measure in SHARE_MEASURES:
            return Judge.PERIOD
        return None


# --- working-time law (labour_law): one limits model per rule -------------------
# Figures are hours unless the key says otherwise. Each model forbids unknown keys,
# so a typo in a norm file fails at load, naming file and key
# (norms[id].params.limits.key). The rules themselves live in
# rostercheck.checks.labour_law; the docstrings there say how each is read.


class _Limits(_Strict):
    pass


def _clock_minute(v: object) -> int:
    if not isinstance(v, str):
        raise ValueError(f"expected a time HH:MM, got {v!r}")
    t = _parse_clock(v)
    if t == "24:00":
        return 1440
    return t.hour * 60 + t.minute  # type: ignore[union-attr]


class ShiftLengthLimits(_Limits):
    max_hours: float = Field(gt=0, le=24)


class NightShiftLengthLimits(_Limits):
    max_hours: float = Field(gt=0, le=24)
    extended_max_hours: float | None = Field(default=None, gt=0, le=24)
    extended_max_per_2_weeks: int | None = Field(default=None, ge=0)
    extended_max_per_52_weeks: int | None = Field(default=None, ge=0)
    rest_after_extended_hours: float | None = Field(default=None, ge=0, le=48)

    @model_validator(mode="after")
    def _extended(self) -> "NightShiftLengthLimits":
        if self.extended_max_hours is not None and self.extended_max_hours < self.max_hours:
            raise ValueError("extended_max_hours is smaller than max_hours")
        return self


class SleepShiftLengthLimits(_Limits):
    max_hours: float = Field(gt=0, le=48)


class WeekHoursLimits(_Limits):
    max_hours: float = Field(gt=0, le=168)


class AverageWeekHoursLimits(_Limits):
    weeks: int = Field(ge=2, le=104)
    max_hours_per_week: float = Field(gt=0, le=168)
    # ATW 5:8 lid 2: the average applies only to runs of weeks holding this many nachtdiensten
    min_night_shifts: int | None = Field(default=None, ge=1)


class RestWithReductionsLimits(_Limits):
    """A minimum rest that may be reduced a number of times per window.

    ``reduced_hours``/``reduced_per_window``: the deepest reduction and how often;
    ``second_reduced_hours``/``second_reduced_per_window``: a milder one (ATB
    5.19:2: once 8 h and once 10 h). ``compensate_next``: the rest after a reduced
    one is at least ``min_hours`` plus the shortfall (ATB 4.8:1 lid 5 a).
    ``reductions_exceptional``: a reduction that fits is still reported, as a
    warning (allowed only "in uitzonderlijke gevallen", ATB 4.8:1 lid 4).
    """

    min_hours: float = Field(gt=0, le=72)
    reduced_hours: float | None = Field(default=None, gt=0, le=72)
    reduced_per_window: int = Field(default=0, ge=0, le=7)
    second_reduced_hours: float | None = Field(default=None, gt=0, le=72)
    second_reduced_per_window: int = Field(default=0, ge=0, le=7)
    window_hours: float = Field(default=168, gt=0, le=24 * 28)
    compensate_next: bool = False
    reductions_exceptional: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> "RestWithReductionsLimits":
        if (self.reduced_hours is None) != (self.reduced_per_window == 0):
            raise ValueError("reduced_hours and reduced_per_window go together")
        if (self.second_reduced_hours is None) != (self.second_reduced_per_window == 0):
            raise ValueError("second_reduced_hours and second_reduced_per_window go together")
        if self.second_reduced_hours is not None and self.reduced_hours is None:
            raise ValueError("second_reduced_hours needs reduced_hours")
        lo = self.reduced_hours or self.min_hours
        mid = self.second_reduced_hours or lo
        if not lo <= mid <= self.min_hours:
            raise ValueError("expected reduced_hours <= second_reduced_hours <= min_hours")
        return self


class DailyRestLimits(RestWithReductionsLimits):
    day_hours: float = Field(default=24, gt=0, le=48)  # the "24 uur" the rest must fall in


class NightRestLimits(RestWithReductionsLimits):
    late_end: str = "02:00"  # a night shift ending after this clock time needs the rest
    # ATW 5:8 lid 4 "behoudens het derde lid": a night of more than this many hours
    # is the lid 3 extension, with its own 12 h rest (night_shift_length)
    extended_after_hours: float | None = Field(default=None, gt=0, le=24)

    @field_validator("late_end")
    @classmethod
    def _clock(cls, v: str) -> str:
        _clock_minute(v)
        return v


class WeeklyRestLimits(_Limits):
    min_hours: float = Field(gt=0, le=168)
    window_hours: float = Field(gt=0, le=24 * 28)
    # The alternative (ATW 5:5): alt_total_hours in every alt_window_hours, in
    # uninterrupted blocks of at least alt_min_block_hours. All three or none.
    alt_total_hours: float | None = Field(default=None, gt=0, le=24 * 28)
    alt_window_hours: float | None = Field(default=None, gt=0, le=24 * 56)
    alt_min_block_hours: float | None = Field(default=None, gt=0, le=24 * 28)

    @model_validator(mode="after")
    def _alt(self) -> "WeeklyRestLimits":
        alt = (self.alt_total_hours, self.alt_window_hours, self.alt_min_block_hours)
        if any(a is None for a in alt) and not all(a is None for a in alt):
            raise ValueError("alt_total_hours, alt_window_hours and alt_min_block_hours go together")
        if self.min_hours >= self.window_hours:
            raise ValueError("min_hours must be smaller than window_hours")
        if self.alt_total_hours is not None and self.alt_total_hours >= self.alt_window_hours:  # type: ignore[operator]
            raise ValueError("alt_total_hours must be smaller than alt_window_hours")
        return self


class SleepWeeklyRestLimits(_Limits):
    """ATB 4.8:1 lid 3 d: ``min_total_hours`` of rest per window made of one rest of
    ``min_block_hours`` and rests of ``pieces_hours``; lid 5 b the exception's pieces."""

    min_total_hours: float = Field(gt=0, le=168)
    min_block_hours: float = Field(gt=0, le=168)
    pieces_hours: tuple[float, ...] = ()
    exception_pieces_hours: tuple[float, ...] | None = None
    window_hours: float = Field(default=168, gt=0, le=24 * 28)

    @model_validator(mode="after")
    def _fits(self) -> "SleepWeeklyRestLimits":
        if self.min_total_hours >= self.window_hours or self.min_block_hours > self.min_total_hours:
            raise ValueError("expected min_block_hours <= min_total_hours < window_hours")
        for pieces in (self.pieces_hours, self.exception_pieces_hours or ()):
            if any(p <= 0 for p in pieces) or self.min_block_hours + sum(pieces) > self.window_hours:
                raise ValueError("rest pieces must be positive and fit in the window")
        return self


class NightSeriesRestLimits(_Limits):
    min_series: int = Field(ge=2, le=14)
    min_hours: float = Field(gt=0, le=168)
    series_break_hours: float = Field(default=24, gt=0, le=72)  # rest that ends a series


class NightConsecutiveLimits(_Limits):
    max_shifts: int = Field(ge=1, le=21)
    series_break_hours: float = Field(default=24, gt=0, le=72)


class SundaysLimits(_Limits):
    min_free: int = Field(ge=1, le=52)  # Sundays without work
    weeks: int = Field(ge=1, le=104)

    @model_validator(mode="after")
    def _fits(self) -> "SundaysLimits":
        if self.min_free > self.weeks:
            raise ValueError("min_free is larger than weeks")
        return self


class LateNightAlternativeLimits(_Limits):
    max_per_52_weeks: int = Field(ge=1)
    max_night_hours: float = Field(gt=0, le=84)  # per 2 weeks, between 00:00 and 06:00


class CountInWindowLimits(_Limits):
    event: Literal["sleep_shift", "late_night_shift"]
    max: int = Field(ge=0)
    window_hours: float = Field(gt=0, le=24 * 366)


class OnCallDaysLimits(_Limits):
    max_days: int = Field(ge=0, le=56)
    window_days: int = Field(ge=1, le=56)
    max_consecutive_days: int | None = Field(default=None, ge=1, le=56)
    # consignatie: the law's on-call (by collective agreement a beschikbaar shift is a
    # bereikbaarheidsdienst, not consignatie); on_call: every on-call shift (a CAO)
    count: Literal["consignatie", "on_call"] = "consignatie"

    @model_validator(mode="after")
    def _fits(self) -> "OnCallDaysLimits":
        if self.max_days > self.window_days:
            raise ValueError("max_days is larger than window_days")
        return self


class FreeWithoutOnCallLimits(_Limits):
    window_days: int = Field(ge=1, le=56)
    periods: int = Field(ge=1, le=14)
    period_hours: float = Field(gt=0, le=168)


class OnCallWorkLimits(_Limits):
    max_hours: float = Field(gt=0, le=24)


class DutyCountLimits(_Limits):
    event: Literal["bereikbaarheidsdienst", "special_duties"]
    max: int = Field(ge=0)
    window_hours: float = Field(gt=0, le=24 * 366)


class OnCallNightLimits(_Limits):
    before_hours: float = Field(ge=0, le=48)
    after_hours: float = Field(ge=0, le=48)


class SleepWindowLimits(_Limits):
    start: str
    end: str

    @field_validator("start", "end")
    @classmethod
    def _clock(cls, v: str) -> str:
        _clock_minute(v)
        return v


class SleepFreeWeekendsLimits(_Limits):
    min_free: int = Field(ge=1, le=8)
    per_weekends: int = Field(ge=1, le=8)

    @model_validator(mode="after")
    def _fits(self) -> "SleepFreeWeekendsLimits":
        if self.min_free > self.per_weekends:
            raise ValueError("min_free is larger than per_weekends")
        return self


LABOUR_LAW_LIMITS: dict[str, type[_Limits]] = {
    "shift_length": ShiftLengthLimits,
    "night_shift_length": NightShiftLengthLimits,
    "sleep_shift_length": SleepShiftLengthLimits,
    "week_hours": WeekHoursLimits,
    "average_week_hours": AverageWeekHoursLimits,
    "daily_rest": DailyRestLimits,
    "sleep_shift_rest": RestWithReductionsLimits,
    "night_rest": NightRestLimits,
    "weekly_rest": WeeklyRestLimits,
    "sleep_weekly_rest": SleepWeeklyRestLimits,
    "night_series_rest": NightSeriesRestLimits,
    "night_consecutive_shifts": NightConsecutiveLimits,
    "count_in_window": CountInWindowLimits,
    "late_night_alternative": LateNightAlternativeLimits,
    "sundays_worked": SundaysLimits,
    "on_call_days": OnCallDaysLimits,
    "free_without_on_call": FreeWithoutOnCallLimits,
    "on_call_work": OnCallWorkLimits,
    "duty_count": DutyCountLimits,
    "on_call_around_night": OnCallNightLimits,
    "sleep_shift_window": SleepWindowLimits,
    "sleep_free_weekends": SleepFreeWeekendsLimits,
}


class LabourLawParams(_Strict):
    """One working-time rule: ``rule`` names it, ``limits`` are its figures,
    validated at load against the rule's own model (unknown key or impossible
    value fails, naming ``params.limits.<key>``)."""

    rule: Literal[tuple(LABOUR_LAW_LIMITS)]  # type: ignore[valid-type]
    limits: dict[str, float | int | str | bool | list[float]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _typed_limits(self) -> "LabourLawParams":
        try:
            LABOUR_LAW_LIMITS[self.rule].model_validate(self.limits)
        except ValidationError as exc:
            problems = []
            for err in exc.errors(include_url=False):
                key = ".".join(["limits", *(str(x) for x in err["loc"])])
                msg = "unknown key" if err["type"] == "extra_forbidden" else (
                    "required key is missing" if err["type"] == "missing" else err["msg"]
                )
                problems.append(f"{key}: {msg.removeprefix('Value error, ')}")
            raise ValueError("; ".join(problems)) from None
        return self

    @property
    def typed(self) -> _Limits:
        """The limits as the rule's own model (validated at load already)."""
        return LABOUR_LAW_LIMITS[self.rule].model_validate(self.limits)


class _NormBase(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title: str = Field(min_length=3)
    products: tuple[str, ...] = ()  # product ids of the set; empty only for employee-scoped sets
    severity: Severity
    source: Source
    # Where the norm file reads the document rather than quoting a number from it.
    interpretation: str | None = None


class CoverageNorm(_NormBase):
    check: Literal["coverage"]
    params: CoverageParams


class ShareNorm(_NormBase):
    check: Literal["share"]
    params: ShareParams


class LevelNorm(_NormBase):
    check: Literal["level"]
    params: LevelParams


class RoleNorm(_NormBase):
    check: Literal["role"]
    params: RoleParams


class ClientHoursNorm(_NormBase):
    check: Literal["client_hours"]
    params: ClientHoursParams


class LabourLawNorm(_NormBase):
    check: Literal["labour_law"]
    params: LabourLawParams
    # In an overlay set (a CAO): the id of the norm of the overlaid set that this
    # norm takes the place of, because the CAO permits another alternative (CAO
    # Gehandicaptenzorg: daily rest once 8 h and once 10 h). Where the overlay is
    # active the replaced norm is not evaluated (rostercheck.checks.labour_law).
    replaces: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    # The regimes the norm applies in (rostercheck.checks.labour_law.regimes): atw
    # (no collective agreement), atw-zorg (with one: ATB §5.19), atb-4.8 and atb-4.8:2
    # (aanwezigheidsdiensten, without and with written consent). None: every regime.
    regimes: tuple[Literal["atw", "atw-zorg", "atb-4.8", "atb-4.8:2"], ...] | None = None

    @field_validator("regimes")
    @classmethod
    def _some_regime(cls, v: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if v is not None and (not v or len(set(v)) != len(v)):
            raise ValueError("regimes must be a non-empty list of distinct regimes")
        return v


Norm = Annotated[
    Union[CoverageNorm, ShareNorm, LevelNorm, RoleNorm, ClientHoursNorm, LabourLawNorm],
    Field(discriminator="check"),
]


class Product(_Strict):
    id: str  # what planners type, e.g. "15N12" or "IHT-P"
    name: str
    aliases: tuple[str, ...] = ()  # full Dutch names etc.; matching is case-insensitive
    # Another product of the set that must be delivered at the same location
    # (15N16 Toeslag wakende wacht only with 15N12 or 15N13).
    requires_one_of: tuple[str, ...] = ()
    source: Source


class Unchecked(_Strict):
    """A rule in the document that a roster cannot show (documented, not forgotten)."""

    id: str
    title: str
    reason: str
    source: Source


class NormSet(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    document: str  # file in shared/seeds
    region: str | None = None
    date: str | None = None
    # location: chosen per location in Locaties.normenkader; employee: applies to
    # every employee across locations (working-time law and CAO overlays).
    scope: Literal["location", "employee"] = "location"
    # For employee-scoped overlays (a CAO): the set it adds to or tightens.
    overlays: str | None = None
    products: tuple[Product, ...] = ()
    norms: tuple[Norm, ...]
    unchecked: tuple[Unchecked, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> "NormSet":
        ids = [p.id for p in self.products]
        if len(set(i.lower() for i in ids)) != len(ids):
            raise ValueError("duplicate product id")
        norm_ids = [n.id for n in self.norms]
        dup = {i for i in norm_ids if norm_ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate norm id(s): {sorted(dup)}")
        known = {i.lower() for i in ids}
        for n in self.norms:
            if getattr(n, "replaces", None) is not None and self.overlays is None:
                raise ValueError(f"norm {n.id}: replaces is only allowed in an overlay set (with overlays)")
            if self.scope == "location" and not n.products:
                raise ValueError(f"norm {n.id}: a location norm needs products")
            for p in n.products:
                if p.lower() not in known:
                    raise ValueError(f"norm {n.id}: unknown product {p!r}")
        for p in self.products:
            for q in p.requires_one_of:
                if q.lower() not in known:
                    raise ValueError(f"product {p.id}: requires_one_of names unknown product {q!r}")
        return self

    def product(self, text: str) -> Product | None:
        """The product a planner meant: id or alias, case-insensitive, spaces trimmed."""
        return self._product_index.get(" ".join(text.split()).lower())

    def model_copy(self, *, update=None, deep: bool = False):
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_product_index", None)  # a copy with other products builds its own
        return copy

    @cached_property
    def _product_index(self) -> dict[str, Product]:
        # Asked once per Begeleiding row by the client-hours check (~280k rows on a
        # 100-location year): a dict, built once, instead of a scan per call. The
        # first product naming a key wins, as the scan in order did.
        index: dict[str, Product] = {}
        for p in self.products:
            for key in (p.id, p.name, *p.aliases):
                index.setdefault(key.lower(), p)
        return index

    def norms_for(self, product_id: str) -> list[Norm]:
        return [n for n in self.norms if product_id in n.products]
