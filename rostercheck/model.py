"""The roster domain model: the one shape every part of rostercheck reads.

Readers (``rostercheck.reading``) build a :class:`Roster` from any accepted file
form; checks, reports, the fixer and the web service only ever see this model.
Times are local Dutch wall-clock times (naive ``datetime``), as planners write
them; working hours use real elapsed time (:func:`elapsed_hours`), so a night
shift across the change to or from summer time counts the hours actually worked.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from enum import Enum
from functools import cached_property
from typing import NamedTuple
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class Level(str, Enum):
    """Highest completed education level (opleidingsniveau), ordered."""

    MBO2 = "MBO-2"
    MBO3 = "MBO-3"
    MBO4 = "MBO-4"
    HBO = "HBO"
    WO = "WO"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]

    def at_least(self, other: "Level") -> bool:
        return self.rank >= other.rank


_LEVEL_RANK = {Level.MBO2: 2, Level.MBO3: 3, Level.MBO4: 4, Level.HBO: 6, Level.WO: 7}


class ShiftKind(str, Enum):
    """What an employee is doing during a shift (``soort`` in FORMAT.md)."""

    PRESENT = "aanwezig"  # awake and on site
    AWAKE_NIGHT = "waakdienst"  # wakende wacht: awake night watch on site
    SLEEP = "slaapdienst"  # slapende wacht: on site, asleep, responds at once
    ON_CALL = "beschikbaar"  # off site, on site within response_min when called
    PHONE = "bereikbaar"  # off site, answers the phone within 5 minutes
    AMBULANT = "ambulant"  # working off site with clients

    @property
    def on_site(self) -> bool:
        return self in (ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.SLEEP)

    @property
    def awake_on_site(self) -> bool:
        return self in (ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT)

    @property
    def working_time(self) -> bool:
        """Counts as working hours (inzet) for shares and levels."""
        return self in (ShiftKind.PRESENT, ShiftKind.AWAKE_NIGHT, ShiftKind.AMBULANT)


class Role(str, Enum):
    REGISSEUR = "regisseur"
    SPV = "spv"  # sociaal psychiatrisch verpleegkundige
    BEHAVIOURAL_SCIENTIST = "gedragswetenschapper"
    PEER_EXPERT = "ervaringsdeskundige"
    BACKUP = "achterwacht"


class AbsenceKind(str, Enum):
    """Why an employee is not available (``soort`` ``verlof``/``ziek``, FORMAT.md rev. 2)."""

    LEAVE = "verlof"
    SICK = "ziek"


class SupportKind(str, Enum):
    """Kind of realised client support (``Begeleiding.soort``)."""

    INDIVIDUAL = "individueel"
    GROUP = "groep"
    INDIRECT = "indirect"
    DIGITAL = "digitaal"


# Every model here says ``defer_build=True``: its validator is built when it first
# validates, not when the module is imported. ``rostercheck check`` forks before it
# reads a large workbook (rostercheck.overlap), and what it imports before that fork
# delays the reading: built afterwards, a validator is built while the child's
# calamine parses the shifts (and records made with ``model_construct``, as the
# reader makes them, never need one). The norm sets, findings and input errors do
# the same.
class _Cached(BaseModel):
    """A frozen model with ``cached_property`` views: a copy starts without them.

    pydantic's ``model_copy`` copies ``__dict__``, where the cached views live, so
    ``roster.model_copy(update={"products": ...})`` would otherwise keep the old
    roster's products-per-location (what-if scenarios change exactly that).
    """

    def model_copy(self, *, update=None, deep: bool = False):
        copy = super().model_copy(update=update, deep=deep)
        for name in [k for k in copy.__dict__ if k not in type(self).model_fields]:
            del copy.__dict__[name]
        return copy


class Place(BaseModel):
    """Where a record came from in the input: sheet, spreadsheet row, and cell column."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    sheet: str
    row: int | None = None  # as the spreadsheet numbers it (header is row 1)
    column: str | None = None  # column header or letter, where one cell is meant

    def __str__(self) -> str:
        out = self.sheet
        if self.row is not None:
            out += f"!{self.row}"
        if self.column:
            out += f" [{self.column}]"
        return out


class _Record(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    # Columns the format does not know, kept verbatim (header -> cell text) so a
    # planner's own notes survive a round trip through the fixer.
    extra: dict[str, str] = Field(default_factory=dict)
    place: Place | None = None


class Location(_Record):
    id: str
    name: str | None = None
    norm_set: str  # id of a norm set in norms/


class ProductAssignment(_Record):
    """A product delivered at a location to a number of clients, for a date range."""

    location: str
    product: str  # canonical product id in the location's norm set
    clients: int = Field(ge=0)
    valid_from: date | None = None
    valid_until: date | None = None  # inclusive

    def active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class Employee(_Record):
    id: str
    name: str | None = None
    level: Level
    care_relevant: bool = True
    roles: frozenset[Role] = frozenset()
    experience_years: float | None = Field(default=None, ge=0)
    contract_hours: float | None = Field(default=None, ge=0)
    # ATB 4.8:2: the employee consented in writing to the longer average of the
    # aanwezigheidsdienst regime (a Medewerkers column; False when not given).
    presence_shift_consent: bool = False

    @property
    def professional(self) -> bool:
        """A professional has a completed care-relevant MBO/HBO/WO education (000, fn. 7)."""
        return self.care_relevant


class Shift(_Record):
    """One shift as an exact interval [start, end) in local wall-clock time."""

    employee: str
    location: str
    start: datetime
    end: datetime  # exclusive; after start
    kind: ShiftKind
    product: str | None = None
    response_min: int | None = Field(default=None, ge=0)  # for ON_CALL and AMBULANT; see Roster.response_min
    note: str | None = None
    code: str | None = None  # grid form: the shift code the cell held

    @model_validator(mode="after")
    def _positive_length(self) -> "Shift":
        if self.end <= self.start:
            raise ValueError("a shift must end after it starts")
        return self

    @property
    def hours(self) -> float:
        return elapsed_hours(self.start, self.end)


class ShiftRow(NamedTuple):
    """One ``Diensten`` row as a compact tuple (what :class:`ShiftRows` stores): a
    :class:`Shift`'s fields by the same names, and where it was read (``sheet``,
    ``row``) instead of a ``Place``. The checks read these as they read records."""

    employee: str
    location: str
    start: datetime
    end: datetime
    kind: ShiftKind
    product: str | None
    response_min: int | None
    note: str | None
    code: str | None
    extra: dict[str, str]
    sheet: str
    row: int | None  # spreadsheet row (Place.row)

    @property
    def place(self) -> Place:
        return _trusted(Place, {"sheet": self.sheet, "row": self.row, "column": None})

    @property
    def hours(self) -> float:
        return elapsed_hours(self.start, self.end)


class _RowsOfRecords(Sequence):
    """A sheet's rows kept as compact tuples, standing for the tuple of records they
    are (a record is built when one is asked for): what a large roster's largest
    sheets are held as. Equal to another of its kind with equal rows, and to a tuple
    or list of equal records; dumped (model_dump, JSON) as that tuple of records."""

    __slots__ = ()
    record_type: type  # the record each row stands for

    def _key(self) -> object:
        return list(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self)):
            return self._key() == other._key()
        if isinstance(other, (tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        # Accepted as it is; dumped as the tuple of records it stands for.
        from pydantic_core import core_schema

        return core_schema.is_instance_schema(
            cls,
            serialization=core_schema.plain_serializer_function_ser_schema(
                tuple, return_schema=handler.generate_schema(tuple[cls.record_type, ...])
            ),
        )


class ShiftRows(_RowsOfRecords):
    """The shifts of a long-form roster as read: a sequence of :class:`Shift`.

    A year's roster holds 140k shifts; the reader keeps them as tuples
    (:class:`ShiftRow`, a quarter of a record's cost to make) and the checks read
    :attr:`rows` (through :func:`shift_rows`). A record is built the first time
    one is asked for and then kept, so ``roster.shifts[i]`` is the same object each
    time and equal to the one the reader would have built.
    """

    __slots__ = ("rows", "_records", "_lock")
    record_type = Shift

    def __init__(self, rows: Sequence[ShiftRow]):
        self.rows = rows
        self._records: list | None = None
        self._lock = threading.Lock()

    def record(self, i: int) -> Shift:
        records = self._records
        if records is None:
            with self._lock:
                if self._records is None:
                    self._records = [None] * len(self.rows)
                records = self._records
        found = records[i]
        if found is None:
            with self._lock:
                found = records[i]
                if found is None:
                    found = records[i] = _shift_record(self.rows[i])
        return found

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self.record(k) for k in range(len(self.rows))[i])
        if i < 0:
            i += len(self.rows)
        if not 0 <= i < len(self.rows):
            raise IndexError(i)
        return self.record(i)

    def __iter__(self):
        return map(self.record, range(len(self.rows)))

    def __reduce__(self):
        return ShiftRows, (list(self.rows),)

    def __repr__(self) -> str:
        return f"ShiftRows({len(self.rows)} rows)"


def _shift_record(r: ShiftRow) -> Shift:
    return _trusted(Shift, {
        "extra": r.extra, "place": r.place, "employee": r.employee, "location": r.location, "start": r.start,
        "end": r.end, "kind": r.kind, "product": r.product, "response_min": r.response_min, "note": r.note,
        "code": r.code,
    })


def shift_rows(shifts: "Sequence[Shift] | ShiftRows") -> "Sequence[Shift] | Sequence[ShiftRow]":
    """What the checks iterate: a long-form roster's :class:`ShiftRow` tuples, else the
    records themselves (both have ``employee``, ``location``, ``start``, ``end``,
    ``kind``, ``product``, ``response_min``, ``note``, ``code``, ``extra``, ``place``,
    ``hours``), in the same order, so an index is an index into ``Roster.shifts``."""
    return shifts.rows if isinstance(shifts, ShiftRows) else shifts


class Absence(_Record):
    """Leave or sickness (``verlof``/``ziek``, FORMAT.md rev. 2): the employee is not
    available in [start, end) and is never planned then. Kept apart from
    :attr:`Roster.shifts` so that no norm can ever count it; written back on a round
    trip as a ``Diensten`` row of its kind."""

    employee: str
    start: datetime
    end: datetime  # exclusive; a row without times is the whole day
    kind: AbsenceKind
    location: str | None = None
    whole_day: bool = True  # written back without times
    note: str | None = None
    code: str | None = None  # grid form: the code the cell held (e.g. V, ZK)

    @model_validator(mode="after")
    def _positive_length(self) -> "Absence":
        if self.end <= self.start:
            raise ValueError("an absence must end after it starts")
        return self


class ClientProduct(_Record):
    """A client holding a product at a location for a date range (``Clienten`` sheet,
    FORMAT.md rev. 2): norms on hours per client judge the client only then."""

    client: str
    location: str
    product: str
    valid_from: date | None = None  # None: the period's first day
    valid_until: date | None = None  # inclusive; None: the period's last day


class ShiftCode(BaseModel):
    """One ``Dienstcodes`` row of the grid form, as written (times in minutes after
    midnight; ``kind`` None is a day off, an :class:`AbsenceKind` leave or sickness)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    code: str
    start_min: int | None = None
    end_min: int | None = None
    kind: ShiftKind | AbsenceKind | None = None
    location: str | None = None  # overrides the row's location
    response_min: int | None = None
    product: str | None = None  # as written in Dienstcodes


class GridLayout(BaseModel):
    """Where the grid form keeps what it says, as read: so the fixer can write the
    planner's ``Rooster`` back with only the changed cells different."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    sheet: str
    codes: tuple[ShiftCode, ...]  # in Dienstcodes order
    dates: tuple[tuple[date, str], ...]  # each date column: (date, column letter)
    rows: tuple[tuple[int, str, str | None], ...]  # each employee row: (row, employee, row location)


class TravelTime(_Record):
    employee: str
    location: str
    minutes: int = Field(ge=0)


class SupportRecord(_Record):
    """Realised client support (Begeleiding) on one day."""

    client: str
    location: str
    product: str
    day: date
    hours: float = Field(ge=0)
    kind: SupportKind
    employee: str | None = None


class SupportRow(NamedTuple):
    """One Begeleiding row as a compact tuple (what :class:`SupportRows` stores)."""

    client: str
    location: str
    product: str
    day: date
    hours: float
    kind: SupportKind
    employee: str | None
    row: int | None  # spreadsheet row (Place.row)
    extra: dict[str, str]


class SupportRows(_RowsOfRecords):
    """The Begeleiding sheet of a read roster: a sequence of :class:`SupportRecord`.

    The largest sheet of a year's roster (280k rows for 100 locations) is kept as
    tuples (:class:`SupportRow`, ~110 bytes) instead of records (~650 bytes each
    with their ``Place``); a record is built each time one is asked for, equal to
    the one the reader would have built. The checks read :attr:`rows` directly.
    """

    __slots__ = ("rows", "sheet")
    record_type = SupportRecord

    def __init__(self, rows: Sequence[SupportRow], sheet: str):
        self.rows = rows
        self.sheet = sheet

    def record(self, r: SupportRow) -> SupportRecord:
        place = _trusted(Place, {"sheet": self.sheet, "row": r.row, "column": None})
        return _trusted(SupportRecord, {
            "extra": r.extra, "place": place, "client": r.client, "location": r.location, "product": r.product,
            "day": r.day, "hours": r.hours, "kind": r.kind, "employee": r.employee,
        })

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(map(self.record, self.rows[i]))
        return self.record(self.rows[i])

    def __iter__(self):
        return map(self.record, self.rows)

    def _key(self) -> object:
        return self.sheet, list(self.rows)

    def __repr__(self) -> str:
        return f"SupportRows({len(self.rows)} rows from {self.sheet!r})"


_FIELDS_SET: dict[type, set[str]] = {}
# BaseModel's own slots, set through their descriptors (what object.__setattr__ ends
# in, without looking the name up each time: a large roster makes 300k records).
_set_dict = object.__setattr__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _trusted(cls: type, values: dict):
    """A model from values already validated, every field given (see workbook.read.trusted)."""
    obj = cls.__new__(cls)
    _set_dict(obj, "__dict__", values)
    fields_set = _FIELDS_SET.get(cls)
    if fields_set is None or len(fields_set) != len(values):
        fields_set = _FIELDS_SET[cls] = set(values)
    _set_fields_set(obj, fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


class PeriodSource(str, Enum):
    SHEET = "sheet"  # the Periode sheet
    OPTION = "option"  # --period
    DERIVED = "derived"  # earliest shift start to latest shift end


class Period(_Cached):
    """The period being checked, [start, end) in wall-clock time."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    start: datetime
    end: datetime
    source: PeriodSource = PeriodSource.SHEET
    block: str = "month"  # "month" or "4weeks": how shares are split

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end <= self.start:
            raise ValueError("a period must end after it starts")
        return self

    @classmethod
    def from_dates(cls, first: date, last: date, source: PeriodSource = PeriodSource.SHEET) -> "Period":
        """Inclusive dates, as planners write them, to a half-open interval."""
        start = datetime.combine(first, datetime.min.time())
        end = datetime.combine(last, datetime.min.time()) + timedelta(days=1)
        return cls(start=start, end=end, source=source)

    def days(self) -> list[date]:
        return list(self._days)

    @cached_property
    def _days(self) -> tuple[date, ...]:
        # Asked per norm, location and product by the checks' scope: built once.
        out, day = [], self.start.date()
        while datetime.combine(day, datetime.min.time()) < self.end:
            out.append(day)
            day += timedelta(days=1)
        return tuple(out)

    def blocks(self) -> list[tuple[datetime, datetime]]:
        """Roster periods for shares: calendar months (or 4-week blocks) clipped to the period."""
        out: list[tuple[datetime, datetime]] = []
        cur = self.start
        while cur < self.end:
            if self.block == "4weeks":
                nxt = cur + timedelta(weeks=4)
            else:
                nxt = datetime(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
            out.append((cur, min(nxt, self.end)))
            cur = nxt
        return out


class Roster(_Cached):
    """A roster workbook, read and validated. Everything downstream uses this."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", arbitrary_types_allowed=True)

    source_name: str  # file name of the input, for reports
    period: Period
    locations: tuple[Location, ...]
    products: tuple[ProductAssignment, ...]
    employees: tuple[Employee, ...]
    # As read, not clipped: labour law needs the whole shift. The reader gives a long
    # form's as ShiftRows (records built on access; the checks read shift_rows()).
    shifts: tuple[Shift, ...] | ShiftRows
    travel_times: tuple[TravelTime, ...] = ()
    # None: no Begeleiding sheet. The reader gives SupportRows (records built on access).
    support: tuple[SupportRecord, ...] | SupportRows | None = None
    # Leave and sickness (verlof/ziek): never a norm's, the fixer's unavailability.
    absences: tuple[Absence, ...] = ()
    # None: no Clienten sheet (a client then holds the product from their first to
    # their last Begeleiding record in the period, and the report says so).
    clients: tuple[ClientProduct, ...] | None = None
    form: str = "long"  # "long" or "grid": which shift sheet the input used
    grid: GridLayout | None = None  # the grid form's layout as read, for round trips
    # Column order per sheet as read (known and unknown columns), for round trips.
    columns: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Rows the user asked to skip (--skip-bad-rows), each listed in the report.
    skipped: tuple[str, ...] = ()
    # How the reader read the file where the planner should know (FORMAT.md rev. 2:
    # rows above the header row, a column name close to a format name): in the report.
    notices: tuple[str, ...] = ()

    @cached_property
    def employee_by_id(self) -> dict[str, Employee]:
        return {e.id: e for e in self.employees}

    @cached_property
    def location_by_id(self) -> dict[str, Location]:
        return {loc.id: loc for loc in self.locations}

    @cached_property
    def travel_minutes(self) -> dict[tuple[str, str], int]:
        """(employee, location) -> minutes, from the Reistijden sheet."""
        return {(t.employee, t.location): t.minutes for t in self.travel_times}

    def response_min(self, shift: Shift) -> int | None:
        """Minutes this shift needs to be on site: 0 on site, else (on call, ambulant —
        FORMAT.md rev. 2 — or any off-site kind) the shift's own response time, else the
        Reistijden sheet; None when unknown."""
        if shift.kind.on_site:
            return 0
        if shift.response_min is not None:
            return shift.response_min
        return self.travel_minutes.get((shift.employee, shift.location))

    def in_period(self) -> Iterator[tuple[int, Shift, datetime, datetime]]:
        """Every shift that reaches into the period, as (index in ``shifts``, shift as
        the checks read it (:func:`shift_rows`), start and end cut to the period). Shifts wholly outside it are left out here
        (they stay in ``shifts`` and in any roster written back)."""
        p = self.period
        first, last = p.start, p.end
        for i, s in enumerate(shift_rows(self.shifts)):  # max/min by hand: asked for every shift, twice per check
            start, end = s.start, s.end
            if start < first:
                start = first
            if end > last:
                end = last
            if end > start:
                yield i, s, start, end

    def clipped_shifts(self) -> list[Shift]:
        """Shifts cut to the period, as shifts (see :meth:`in_period`)."""
        shifts = self.shifts
        return [
            shifts[i] if (start, end) == (s.start, s.end) else shifts[i].model_copy(update={"start": start, "end": end})
            for i, s, start, end in self.in_period()
        ]

    def products_at(self, location: str, day: date | None = None) -> list[ProductAssignment]:
        return [p for p in self._products_by_location.get(location, ()) if day is None or p.active_on(day)]

    @cached_property
    def _products_by_location(self) -> dict[str, tuple[ProductAssignment, ...]]:
        out: dict[str, list[ProductAssignment]] = {}
        for p in self.products:
            out.setdefault(p.location, []).append(p)
        return {loc: tuple(rows) for loc, rows in out.items()}

    def deliveries(self, location: str, product: str) -> tuple[ProductAssignment, ...]:
        """The location's rows of this product (its id in any case) with clients, in
        input order: where and when the product is delivered (``checks.scope``)."""
        return self._deliveries.get((location, product.lower()), ())

    @cached_property
    def _deliveries(self) -> dict[tuple[str, str], tuple[ProductAssignment, ...]]:
        out: dict[tuple[str, str], list[ProductAssignment]] = {}
        for p in self.products:
            if p.clients > 0:
                out.setdefault((p.location, p.product.lower()), []).append(p)
        return {key: tuple(rows) for key, rows in out.items()}


def elapsed_hours(start: datetime, end: datetime) -> float:
    """Real hours between two wall-clock times in the Netherlands (DST-aware)."""
    a = start.replace(tzinfo=AMSTERDAM).timestamp()
    b = end.replace(tzinfo=AMSTERDAM).timestamp()
    return (b - a) / 3600.0
