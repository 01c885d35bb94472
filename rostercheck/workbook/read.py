"""Sheet tables to a :class:`~rostercheck.model.Roster`, long form and grid form.

Every problem is collected, with sheet, row (as the spreadsheet numbers it), column
and what was expected, and raised once as :class:`RosterInputError`. With
``skip_bad_rows`` a row with a problem is left out and listed in ``Roster.skipped``
instead; problems with the file's shape (a missing sheet or column) still stop.

The arrows go one way: ``table`` <- ``layout`` <- ``sources``; ``reader`` (shared
state) <- ``long``, ``grid`` (the shift sheets) <- this module (the other sheets
and the roster). Records are built with the models' validating constructors,
except in the hot loops (see :func:`~rostercheck.workbook.reader.trusted`).
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from rostercheck.errors import InputError, RosterInputError
from rostercheck.model import (
    Employee,
    Location,
    Period,
    PeriodSource,
    Place,
    ProductAssignment,
    Roster,
    Shift,
    ShiftRows,
    SupportRow,
    SupportRows,
    TravelTime,
)
from rostercheck.normsets import Catalogue
from rostercheck.workbook.clients import clients_sheet
from rostercheck.workbook.consistency import Deliveries, shift_products
from rostercheck.workbook.grid import read_grid
from rostercheck.workbook.layout import (
    EMPLOYEES,
    GRID,
    LOCATIONS,
    PERIOD,
    PRODUCTS,
    SHIFTS,
    SUPPORT,
    TRAVEL,
    _first_nonempty,
    data_rows,
    find_sheet,
    missing_sheet_hint,
)
from rostercheck.workbook.long import read_shifts
from rostercheck.workbook.support_child import SupportInChild
from rostercheck.workbook.reader import Reader, trusted
from rostercheck.workbook.sources import Workbook
from rostercheck.workbook.table import SheetTable
from rostercheck.workbook.texts import header_key
from rostercheck.workbook.values import (
    FIRST_SERIAL_DATE,
    BadValue,
    parse_bool,
    parse_date,
    parse_level,
    parse_number,
    parse_period_option,
    parse_roles,
    parse_support_kind,
    parse_whole,
)


class _Reader(Reader):
    """The sheets other than the shift sheets: masters, travel times, support, period."""

    def locations_sheet(self) -> None:
        table = self._table(LOCATIONS, True)
        header, rows = self._rows(LOCATIONS, table) if table is not None else (None, ())
        if header is None:
            self.location_ids.available = False
            return
        for row_no, row in rows:
            s = table.name
            loc_id = self._text(header, s, row_no, row, "id", True)
            name = self._text(header, s, row_no, row, "name")
            norm_set_text = self._text(header, s, row_no, row, "norm_set", True)
            norm_set = None
            if norm_set_text is not None and self.catalogue is not None:
                norm_set = self.catalogue.get(norm_set_text)
                if norm_set is None or norm_set.scope != "location":
                    known = ", ".join(ns.id for ns in self.catalogue.location_sets()) or "(geen normenkaders geladen)"
                    why = "is een arbeidstijdenset, geen normenkader voor een locatie" if norm_set is not None else "is geen bekend normenkader"
                    self.p.row("unknown_norm_set", s, row_no, header.names["norm_set"], norm_set_text, f"{norm_set_text!r} {why}", expected=f"een normenkader: {known}")
                    norm_set = None
            if loc_id is not None and self.location_ids.declared(loc_id):
                self.p.row("duplicate_id", s, row_no, header.names["id"], loc_id, f"locatie {loc_id!r} staat al eerder in {s}", expected="een unieke locatie")
            if self.p.has(s, row_no):
                if loc_id is not None and not self.location_ids.declared(loc_id):
                    self.location_ids.add(loc_id, broken=True)
                continue
            self.location_ids.add(loc_id)
            self.location_sets[loc_id] = norm_set
            stored_set = norm_set.id if norm_set is not None else norm_set_text
            self.locations.append(Location(id=loc_id, name=name, norm_set=stored_set, extra=self._extra(header, row), place=Place(sheet=s, row=row_no)))

    def employees_sheet(self) -> list[Employee]:
        out: list[Employee] = []
        table = self._table(EMPLOYEES, True)
        header, rows = self._rows(EMPLOYEES, table) if table is not None else (None, ())
        if header is None:
            self.employee_ids.available = False
            return out
        for row_no, row in rows:
            s = table.name
            emp_id = self._text(header, s, row_no, row, "id", True)
            name = self._text(header, s, row_no, row, "name")
            level = self._parse(header, s, row_no, row, "level", parse_level, True)
            care = self._parse(header, s, row_no, row, "care_relevant", parse_bool)
            roles = self._parse(header, s, row_no, row, "roles", parse_roles)
            exp = self._parse(header, s, row_no, row, "experience_years", parse_number)
            hours = self._parse(header, s, row_no, row, "contract_hours", parse_number)
            consent = self._parse(header, s, row_no, row, "presence_shift_consent", parse_bool)
            # Ids are registered only once their row is accepted, so with
            # skip_bad_rows the shifts of a skipped employee are skipped too.
            if emp_id is not None and self.employee_ids.declared(emp_id):
                self.p.row("duplicate_id", s, row_no, header.names["id"], emp_id, f"medewerker {emp_id!r} staat al eerder in {s}", expected="een unieke medewerker")
            if self.p.has(s, row_no):
                if emp_id is not None and not self.employee_ids.declared(emp_id):
                    self.employee_ids.add(emp_id, broken=True)
                continue
            self.employee_ids.add(emp_id)
            # Every value comes from this module's parsers (a Level, a bool, a frozenset
            # of Roles, numbers >= 0): built without a second validation (10k staff).
            out.append(
                trusted(Employee, {
                    "extra": self._extra(header, row), "place": trusted(Place, {"sheet": s, "row": row_no, "column": None}),
                    "id": emp_id, "name": name, "level": level, "care_relevant": True if care is None else care,
                    "roles": roles or frozenset(), "experience_years": exp, "contract_hours": hours, "presence_shift_consent": bool(consent),
                })
            )
        return out

    def products_sheet(self) -> list[ProductAssignment]:
        out: list[ProductAssignment] = []
        table = self._table(PRODUCTS, True)
        if table is None:
            return out
        header, rows = self._rows(PRODUCTS, table)
        for row_no, row in rows:
            s = table.name
            loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
            text = self._text(header, s, row_no, row, "product", True)
            product = self._product(loc, text, s, row_no, header.names["product"])
            clients = self._parse(header, s, row_no, row, "clients", parse_whole, True)
            vfrom = self._parse(header, s, row_no, row, "valid_from", parse_date)
            vuntil = self._parse(header, s, row_no, row, "valid_until", parse_date)
            if vfrom and vuntil and vuntil < vfrom:
                self.p.row("bad_date_range", s, row_no, header.names["valid_until"], vuntil, f"'tot' ({vuntil:%d-%m-%Y}) ligt voor 'vanaf' ({vfrom:%d-%m-%Y})", expected="een datum op of na 'vanaf'")
            if self.p.has(s, row_no):
                continue
            out.append(ProductAssignment(location=loc, product=product, clients=clients, valid_from=vfrom, valid_until=vuntil, extra=self._extra(header, row), place=Place(sheet=s, row=row_no)))
        return out

    def travel_sheet(self) -> list[TravelTime]:
        out: list[TravelTime] = []
        table = self._table(TRAVEL, False)
        if table is None:
            return out
        header, rows = self._rows(TRAVEL, table)
        for row_no, row in rows:
            s = table.name
            emp = self._ref(self.employee_ids, "medewerker", "unknown_employee", header, s, row_no, row, "employee")
            loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
            minutes = self._parse(header, s, row_no, row, "minutes", parse_whole, True)
            if self.p.has(s, row_no):
                continue
            out.append(TravelTime(employee=emp, location=loc, minutes=minutes, extra=self._extra(header, row), place=Place(sheet=s, row=row_no)))
        return out

    def support_sheet(self) -> SupportRows | None:
        """Begeleiding: one row per client-day, the largest sheet of a year's roster
        (280k rows for 100 locations). The common cells (exact ids, date cells,
        number cells, repeated texts) take a fast path; the rest goes through the
        same parsers as every other sheet."""
        table = self._table(SUPPORT, False)
        if table is None:
            return None
        out: list[SupportRow] = []
        header, rows = self._rows(SUPPORT, table)
        if header is None:
            return SupportRows(out, table.name)
        s = table.name
        p = self.p
        idx = header.index
        pos = {f: idx.get(f, -1) for f in ("client", "location", "product", "day", "hours", "kind", "employee")}
        emp_exact, loc_exact = self.employee_ids.exact, self.location_ids.exact
        kinds: dict[str, object] = {}
        has_extra = bool(header.extra)
        no_extra = self._extras.setdefault((), {})
        has_employee = pos["employee"] >= 0
        product_column = header.names["product"]

        # As in shifts_sheet: short rows padded once, cells read by index, repeated
        # texts and (location, product) pairs looked up before any parser runs.
        width = max(idx.values(), default=-1) + 1
        pcl, plo, ppr, pda, pho, pki, pem = (pos[f] for f in ("client", "location", "product", "day", "hours", "kind", "employee"))
        texts, products = self._texts, self._products
        by_row = p.by_row
        new_row = tuple.__new__
        for row_no, row in rows:
            if len(row) < width:
                row = list(row) + [""] * (width - len(row))
            raw = row[pcl]
            client = texts.get(raw) if raw.__class__ is str else None
            if client is None:
                client = self._memo_text(header, s, row_no, row, "client", pcl, True)
            raw = row[plo]
            loc = loc_exact.get(raw) if raw.__class__ is str else None
            if loc is None:
                loc = self._ref(self.location_ids, "locatie", "unknown_location", header, s, row_no, row, "location")
            raw = row[ppr]
            text = texts.get(raw) if raw.__class__ is str else None
            if text is None:
                text = self._memo_text(header, s, row_no, row, "product", ppr, True)
            product = products.get((loc, text)) if loc is not None and text is not None else None
            if product is None:
                product = self._memo_product(loc, text, s, row_no, product_column)
            raw = row[pda]
            day = raw if raw.__class__ is date and raw >= FIRST_SERIAL_DATE else self._parse_raw(raw, header, s, row_no, "day", parse_date, True)
            raw = row[pho]
            if raw.__class__ is float and 0 <= raw < float("inf"):
                hours = raw
            else:
                hours = self._parse_raw(raw, header, s, row_no, "hours", parse_number, True)
            raw = row[pki]
            kind = kinds.get(raw) if raw.__class__ is str else None
            if kind is None:
                kind = self._parse_raw(raw, header, s, row_no, "kind", parse_support_kind, True)
                if kind is not None and raw.__class__ is str:
                    kinds[raw] = kind
            emp = None
            if has_employee:
                raw = row[pem]
                emp = emp_exact.get(raw) if raw.__class__ is str else None
                if emp is None and raw != "":  # optional: an empty cell is no employee
                    emp = self._ref(self.employee_ids, "medewerker", "unknown_employee", header, s, row_no, row, "employee", required=False)
            if by_row and (s, row_no, None) in by_row:
                continue
            out.append(new_row(SupportRow, (client, loc, product, day, hours, kind, emp, row_no,
                                            self._extra(header, row) if has_extra else no_extra)))
        return SupportRows(out, s)

    def period_sheet(self) -> Period | None:
        table = self._table(PERIOD, False)
        if table is None:
            return None
        header, rows = self._rows(PERIOD, table)
        if header is None:
            return None
        s = table.name
        found = None
        for row_no, row in rows:
            if found is not None:
                self.p.row("extra_row", s, row_no, None, None, "het blad Periode heeft één rij (van, tot)", expected="één rij")
                continue
            first = self._parse(header, s, row_no, row, "from", parse_date, True)
            last = self._parse(header, s, row_no, row, "until", parse_date, True)
            found = (row_no, first, last)
            if first and last and last < first:
                self.p.row("bad_date_range", s, row_no, header.names["until"], last, f"'tot' ({last:%d-%m-%Y}) ligt voor 'van' ({first:%d-%m-%Y})", expected="een datum op of na 'van'")
        if found is None:
            return None  # only the headers (as in the template): no period given
        row_no, first, last = found
        if self.p.has(s, row_no) or first is None or last is None:
            return None
        return Period.from_dates(first, last, PeriodSource.SHEET)



def build_roster(book: Workbook, source_name: str, *, catalogue: Catalogue | None = None, period: str | None = None,
                 skip_bad_rows: bool = False, meanwhile: Callable[[list[Shift], list[Employee]], None] | None = None) -> Roster:
    """``meanwhile``: called with the shifts and employees, as the roster will hold
    them, while a child reads the Begeleiding sheet, if one does and nothing was
    found wrong so far (``checker.LawAhead``: work for this process, which would
    otherwise only wait)."""
    r = _Reader(book, source_name, catalogue, skip_bad_rows)
    option = None
    if period is not None:
        try:
            option = parse_period_option(period)
        except BadValue as exc:
            r.p.file("bad_period", f"--period {period!r}: {exc.message}", value=period, expected=exc.expected)
    r.locations_sheet()
    employees = r.employees_sheet()
    products = r.products_sheet()
    # What the Begeleiding rows are checked against is known: on a large workbook a
    # child reads that sheet while this process reads the shifts (support_child.py).
    support_child = SupportInChild.start(r, book)
    try:
        # Reistijden is read now, in its turn after the shift sheets: on a large
        # workbook the shift sheet is still being parsed (overlap.py), and this
        # process would otherwise only wait for it.
        travel_ahead = r.ahead(r.travel_sheet)
        shifts, form, clients = _shift_sheets(r, book, products)
        travel = travel_ahead.result()
        if support_child is not None and meanwhile is not None and not r.p.fatal and not r.p.by_row:
            meanwhile(shifts, employees)
        support = support_child.result(r) if support_child is not None else None
        support_child = None
    finally:
        if support_child is not None:  # an exception (an interrupt) while reading the shifts
            support_child.cancel()
    if support is None:
        support = r.support_sheet()
    sheet_period = r.period_sheet()
    skipped = r.p.raise_or_skip(skip_bad_rows)
    if option is not None:
        the_period = Period.from_dates(option[0], option[1], PeriodSource.OPTION)
    elif sheet_period is not None:
        the_period = sheet_period
    elif shifts:
        the_period = Period(start=min(s.start for s in shifts), end=max(s.end for s in shifts), source=PeriodSource.DERIVED)
    else:
        raise RosterInputError([InputError(type="no_period", message="het rooster heeft geen diensten en geen periode (blad Periode of --period); er valt niets te controleren")])
    # Every part was validated as it was read (the records one by one, or by the
    # reader's own checks): validating the Roster again would walk each of its
    # records once more (0.5 s for 120k shifts), so it is put together as is.
    return Roster.model_construct(
        source_name=source_name,
        period=the_period,
        locations=tuple(r.locations),
        products=tuple(products),
        employees=tuple(employees),
        shifts=ShiftRows(shifts) if form == "long" else tuple(shifts),
        travel_times=tuple(travel),
        support=support,
        clients=clients,
        absences=tuple(r.absences),
        form=form,
        grid=r.grid_layout,
        columns=r.columns,
        skipped=skipped,
        notices=tuple(r.p.notices),
    )


def _shift_sheets(r: _Reader, book: Workbook, products: list[ProductAssignment]):
    """Diensten or Rooster, the rules across sheets and Clienten: the shifts, their
    form and the clients."""
    long_name, grid_name = find_sheet(book, SHIFTS), find_sheet(book, GRID)
    long_table = r.sheet(long_name) if long_name else None
    grid_table = r.sheet(grid_name, by_cell=True) if grid_name else None
    long_used = long_table is not None and _has_data(long_table)
    grid_used = grid_table is not None and _has_data(grid_table)
    shifts: list[Shift] = []
    form = "long"
    if long_used and grid_used:
        r.p.file("both_forms", "het werkboek heeft zowel 'Diensten' als 'Rooster' met diensten; gebruik één van beide", sheet=grid_table.name, expected="alleen Diensten of alleen Rooster")
    elif grid_used:
        form = "grid"
        shifts = read_grid(r, grid_table)
    elif long_table is not None:
        shifts = read_shifts(r, long_table)
    elif grid_table is not None:
        form = "grid"
        shifts = read_grid(r, grid_table)
    else:
        r.p.file("missing_sheet", "verplicht blad 'Diensten' (alias 'Shifts') ontbreekt, en er is geen blad 'Rooster'" + missing_sheet_hint(book, SHIFTS, GRID),
                 sheet=SHIFTS.name, expected="een blad Diensten, of Rooster met Dienstcodes")
    # The shift sheet's cells are no longer needed: let them go before the
    # largest sheet (Begeleiding) is loaded, so the two are never held together.
    long_table = grid_table = None
    shifts, clients = _cross_sheet_rules(r, book, shifts, products)
    return shifts, form, clients


def _cross_sheet_rules(r: _Reader, book: Workbook, shifts: list[Shift], products: list[ProductAssignment]):
    """FORMAT.md rev. 2 consistency (``consistency.py``) and the ``Clienten`` sheet
    (``clients.py``), which both need the products delivered. A broken Producten row
    is fixed first: it is not reported again on every row that names its product."""
    products_sheet = find_sheet(book, PRODUCTS)
    whole = r.skip or not any(key[0] == products_sheet for key in r.p.by_row)
    deliveries = Deliveries(products) if whole else None
    if deliveries is not None:
        column = next((t for t in r.columns.get(SHIFTS.name, ()) if header_key(t) == "product"), "product")
        shifts = shift_products(shifts, deliveries, r.p, column)
    return shifts, clients_sheet(r, deliveries)


def _has_data(table: SheetTable) -> bool:
    first = _first_nonempty(table)
    if first is None:
        return False
    return any(True for _ in data_rows(table, first + 1))
