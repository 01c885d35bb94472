"""Bring your own layout: a mapping file from a planning system's export onto the format.

A provider whose planning system exports its own sheet names, column headers, date
and time notation and shift-code values writes (or lets ``rostercheck mapping
suggest`` write) one YAML file, and passes it with ``--mapping``::

    sheets:                 # format sheet: the export's sheet (or CSV file) name
      Diensten: Planning
    columns:                # format sheet: {format column: the export's header}
      Diensten: {medewerker: Pers.nr., datum: Datum, begin: Van, eind: Tot, soort: Type}
    values:                 # format sheet: {format column: {export value: format value}}
      Diensten:
        soort: {Dienst: aanwezig, Slaap: slaapdienst}
    codes: {VD: D}          # grid form: export code -> code in Dienstcodes
    formats:                # how the export writes dates and times as text
      date: "%d.%m.%Y"
      time: "%H.%M"

The mapping is applied to the sheets before reading: the header cells get the
format's names, mapped values their format values, and text dates and times in the
given notation become dates and times. Everything else is read exactly as without a
mapping: a value the mapping does not name still has to fit the format, and a text
date that does not fit the mapping's notation is an error, never read another way.
The file is validated when it is loaded: an unknown key, sheet or column is refused
naming the file and the key.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from rostercheck.errors import InputError, RosterInputError
from rostercheck.workbook.layout import ALL_SHEETS, HEADER_SEARCH_ROWS, SheetSpec
from rostercheck.workbook.table import SheetTable
from rostercheck.workbook.texts import cell_text, header_key, norm_key

# Format columns whose text is a date, or a time, where ``formats`` applies.
DATE_COLUMNS = {"datum", "vanaf", "tot", "van"}
TIME_COLUMNS = {"begin", "eind"}


def _spec(name: str) -> SheetSpec | None:
    key = header_key(name)
    for spec in ALL_SHEETS:
        if key in {header_key(n) for n in (spec.name, *spec.aliases)}:
            return spec
    return None


def _column(spec: SheetSpec, name: str) -> str | None:
    """The format column's Dutch name for a name or alias, else None."""
    key = header_key(name)
    for col in spec.cols:
        if key in {header_key(n) for n in col.names}:
            return col.header
    return None


class Formats(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date: str | None = None  # strptime notation, e.g. "%d.%m.%Y"
    time: str | None = None  # strptime notation, e.g. "%H.%M"

    @field_validator("date", "time")
    @classmethod
    def _notation(cls, v: str | None) -> str | None:
        if v is not None and "%" not in v:
            raise ValueError(f"{v!r} is geen notatie (gebruik %d, %m, %Y, %H, %M)")
        return v


class Mapping(BaseModel):
    """The mapping file (keys in Dutch format names; English aliases accepted)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sheets: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    values: dict[str, dict[str, dict[str, str]]] = {}
    codes: dict[str, str] = {}
    formats: Formats = Formats()

    @model_validator(mode="before")
    @classmethod
    def _names(cls, data: object) -> object:
        """Sheet and column keys must be the format's (so a typo is refused, not ignored);
        they are stored under the Dutch names."""
        if not isinstance(data, dict):
            raise ValueError("een mapping is een lijst van sleutels (sheets, columns, values, codes, formats)")
        out = dict(data)
        for part in ("sheets", "columns", "values"):
            given = out.get(part) or {}
            if not isinstance(given, dict):
                raise ValueError(f"{part}: verwacht per blad een waarde")
            renamed = {}
            for sheet, inner in given.items():
                spec = _spec(str(sheet))
                if spec is None:
                    known = ", ".join(s.name for s in ALL_SHEETS)
                    raise ValueError(f"{part}.{sheet}: onbekend blad (bekend: {known})")
                if part != "sheets":
                    if not isinstance(inner, dict):
                        raise ValueError(f"{part}.{sheet}: verwacht per kolom een waarde")
                    cols = {}
                    for col, v in inner.items():
                        name = _column(spec, str(col))
                        if name is None:
                            known = ", ".join(c.header for c in spec.cols)
                            raise ValueError(f"{part}.{sheet}.{col}: onbekende kolom van {spec.name} (bekend: {known})")
                        if v is None or (isinstance(v, dict) and None in v.values()):
                            empty = next((k for k, x in v.items() if x is None), None) if isinstance(v, dict) else None
                            raise ValueError(f"{part}.{sheet}.{col}{'.' + str(empty) if empty is not None else ''}: geen waarde ingevuld")
                        if part == "values" and not isinstance(v, dict):
                            raise ValueError(f"{part}.{sheet}.{col}: verwacht per exportwaarde een waarde van het formaat")
                        if part == "columns" and isinstance(v, dict):
                            raise ValueError(f"{part}.{sheet}.{col}: verwacht de kop in de export")
                        cols[name] = {str(k): str(x) for k, x in v.items()} if isinstance(v, dict) else str(v)
                    inner = cols
                elif inner is not None:
                    inner = str(inner)
                renamed[spec.name] = inner
            out[part] = renamed
        if isinstance(out.get("codes"), dict):
            out["codes"] = {str(k): str(v) for k, v in out["codes"].items()}
        return out


def load_mapping(path: Path) -> Mapping:
    """The mapping file, validated; a bad one is refused naming the file and the key."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _refuse(path, f"kan niet worden gelezen: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise _refuse(path, f"is geen geldige YAML: {exc}") from None
    try:
        return Mapping.model_validate(data or {})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "onbekende sleutel"
            problems.append(f"{path.name}: {key + ': ' if key else ''}{msg}")
        raise RosterInputError([InputError(type="bad_mapping", message=p) for p in problems]) from None


def _refuse(path: Path, what: str) -> RosterInputError:
    return RosterInputError([InputError(type="bad_mapping", message=f"mappingbestand {path.name} {what}")])


# --- applying it ---------------------------------------------------------------


class MappedWorkbook:
    """A workbook seen through a mapping: same loader interface as ``sources.Workbook``."""

    def __init__(self, book, mapping: Mapping):
        self._book = book
        self.mapping = mapping
        self.sheet_names = book.sheet_names
        self.csv_names = getattr(book, "csv_names", False)
        # format sheet name -> the export's sheet name, for find_sheet
        self.mapped_sheets = {fmt: _find_name(book.sheet_names, name) for fmt, name in mapping.sheets.items()}
        self._format_of = {v: k for k, v in self.mapped_sheets.items() if v is not None}

    def table(self, name: str) -> SheetTable:
        table = self._book.table(name)
        fmt = self._format_of.get(name) or _format_sheet(name, self.csv_names)
        if fmt is not None:
            _apply(table, fmt, self.mapping)
        return table

    def finish(self) -> None:
        self._book.finish()


def _find_name(names: list[str], wanted: str) -> str | None:
    for n in names:
        if norm_key(n) == norm_key(wanted):
            return n
    return None


def _format_sheet(name: str, csv_names: bool) -> str | None:
    spec = _spec(name)
    if spec is None and csv_names and "-" in name:
        spec = _spec(name.rsplit("-", 1)[1])
    return spec.name if spec is not None else None


def _apply(table: SheetTable, fmt: str, mapping: Mapping) -> None:
    columns = mapping.columns.get(fmt, {})
    values = mapping.values.get(fmt, {})
    rows = table.rows
    # The header row: the first (in reach) that holds most of the mapped headers.
    wanted = {norm_key(v): k for k, v in columns.items() if v}
    at, best = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for v in row if norm_key(cell_text(v)) in wanted)
        if hits > best:
            at, best = i, hits
    by_pos: dict[int, str] = {}  # position -> format column
    if at is not None:
        header = rows[at]
        for pos, v in enumerate(header):
            name = wanted.get(norm_key(cell_text(v)))
            if name is not None:
                header[pos] = name
                by_pos[pos] = name
    else:
        at = next((i for i, r in enumerate(rows[:HEADER_SEARCH_ROWS]) if any(cell_text(v) for v in r)), len(rows))
        header = rows[at] if at < len(rows) else []
        for pos, v in enumerate(header):
            spec = _spec(fmt)
            name = _column(spec, cell_text(v)) if spec is not None else None
            if name is not None:
                by_pos[pos] = name
    work = []
    for pos, col in by_pos.items():
        table_values = {norm_key(k): v for k, v in values.get(col, {}).items()}
        notation = mapping.formats.date if col in DATE_COLUMNS else mapping.formats.time if col in TIME_COLUMNS else None
        if table_values or notation:
            work.append((pos, col, table_values, notation))
    codes = {norm_key(k): v for k, v in mapping.codes.items()}
    grid = fmt == "Rooster" and codes
    if not work and not grid:
        return
    for row in rows[at + 1:]:
        for pos, col, table_values, notation in work:
            if pos >= len(row):
                continue
            v = row[pos]
            if v.__class__ is not str or not v.strip():
                continue
            found = table_values.get(norm_key(v))
            if found is not None:
                row[pos] = found
            elif notation:
                row[pos] = _parse_notation(v.strip(), notation, col in DATE_COLUMNS)
        if grid:
            for pos in range(1, len(row)):
                v = row[pos]
                if v.__class__ is str and v.strip():
                    parts = [p.strip() for p in v.replace("+", "/").split("/")]
                    row[pos] = "/".join(codes.get(norm_key(p), p) for p in parts if p)


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse_notation(text: str, notation: str, is_date: bool) -> object:
    """The mapping's notation (or an ISO date, which cannot be read two ways), else the
    text marked as not fitting it: an input error then, never read in the format's
    own notations, which may differ (3/1/2026 is 3 January there)."""
    try:
        parsed = datetime.strptime(text, notation)
    except ValueError:
        if is_date and _ISO.fullmatch(text):
            return text
        return f"{text} (past niet bij de notatie {notation} uit de mapping)"
    return parsed.date() if is_date else parsed.time()


# --- suggesting one --------------------------------------------------------------

# Headers planning systems use for the format's columns (loose keys, see layout.loose_name),
# only for suggesting: the reader itself never takes these without a mapping.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "medewerker": ("persnr", "personeelsnummer", "personeelsnr", "medewerkernummer", "medewerkernr", "werknemer", "mdwnr"),
    "locatie": ("afdeling", "afdelingscode", "vestiging", "locatiecode", "kostenplaats"),
    "naam": ("omschrijving", "volledigenaam"),
    "begin": ("van", "starttijd", "aanvang", "vanaf"),
    "eind": ("tot", "eindtijd", "tm"),
    "soort": ("diensttype", "dienstsoort", "type", "contactsoort", "soortcontact"),
    "datum": ("dienstdatum", "contactdatum", "dag"),
    "niveau": ("opleiding", "opleidingsniveau"),
    "clienten": ("aantalclienten", "aantal"),
    "product": ("productcode", "prod", "zorgproduct"),
    "aanrijtijd_min": ("opkomsttijd", "opkomst", "opkomstmin", "aanrijtijd"),
    "opmerking": ("notitie", "toelichting", "memo"),
    "contracturen": ("urenperweek", "contracturen", "aanstelling"),
    "ervaring_jaren": ("jarenervaring", "ervaring"),
    "zorgrelevant": ("zorgdiploma",),
    "rollen": ("functierollen", "rol", "functie"),
    "client": ("clientnr", "clientnummer", "clientid"),
    "uren": ("duur", "duuruur", "tijdsbesteding"),
    "code": ("dienstcode",),
}


def _header_matches(spec: SheetSpec, texts: list[str]) -> dict[str, int]:
    """Format column -> position in ``texts``: by name (exact or close, as the reader
    does), then by the synonyms above; one position per column."""
    from rostercheck.workbook.layout import loose_name, match_columns

    exact, near = match_columns(texts, spec, 2 if spec.name == "Rooster" else None)
    out: dict[str, int] = {}
    used: set[int] = set()
    for col in spec.cols:
        pos = (exact.get(col.field) or [None])[0]
        if pos is None:
            cands = [p for p, fields in near.items() if fields == [col.field] and p not in used]
            pos = cands[0] if len(cands) == 1 else None
        if pos is not None:
            out[col.header] = pos
            used.add(pos)
    for col in spec.cols:
        if col.header in out:
            continue
        # Periode's van/tot are the period's bounds, not a shift's begin/eind.
        synonyms = ("begin", "start") if col.header == "van" else ("einde", "eind") if col.header == "tot" else SYNONYMS.get(col.header, ())
        for pos, text in enumerate(texts):
            if pos not in used and loose_name(text) in synonyms:
                out[col.header] = pos
                used.add(pos)
                break
    return out


def suggest_mapping(book) -> str:
    """A first mapping for a file's sheets and headers, as YAML for the planner to
    check: each format sheet paired with the export sheet whose headers match most of
    its columns (by name, closely, or by headers planning systems commonly use), the
    rest left as comments to fill in, and the shift types the format does not know
    listed under ``values`` with an empty target."""
    from rostercheck.workbook.layout import header_texts
    from rostercheck.workbook.values import BadValue, parse_kind

    scores = []
    for name in book.sheet_names:
        table = book.table(name)
        for spec in ALL_SHEETS:
            best = None
            for i, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
                texts = header_texts(row)
                cols = _header_matches(spec, texts)
                required = [c.header for c in spec.cols if c.required]
                if all(r in cols for r in required) and (best is None or len(cols) > len(best[2])):
                    best = (i, texts, cols)
            if best is not None:
                named = _format_sheet(name, True) == spec.name
                scores.append((not named, -len(best[2]), spec.name, name, best))
    chosen: dict[str, tuple[str, tuple]] = {}
    taken: set[str] = set()
    for _, _, fmt, name, best in sorted(scores, key=lambda s: (s[0], s[1], s[2], s[3])):
        if fmt in chosen or name in taken:
            continue
        chosen[fmt] = (name, best)
        taken.add(name)
    lines = ["# rostercheck mapping: controleer en vul aan (README, 'Eigen exportformaat')", "sheets:"]
    for spec in ALL_SHEETS:
        if spec.name in chosen:
            lines.append(f"  {spec.name}: {_q(chosen[spec.name][0])}")
        elif spec.name in ("Locaties", "Producten", "Medewerkers", "Diensten"):
            lines.append(f"  # {spec.name}: <naam van het blad in de export>  (verplicht)")
    lines.append("columns:")
    value_lines: list[str] = []
    for spec in ALL_SHEETS:
        if spec.name not in chosen:
            continue
        name, (at, texts, cols) = chosen[spec.name]
        lines.append(f"  {spec.name}:")
        for col in spec.cols:
            if col.header in cols:
                lines.append(f"    {col.header}: {_q(texts[cols[col.header]])}")
            else:
                lines.append(f"    # {col.header}: <kop in de export>{'  (verplicht)' if col.required else ''}")
        if spec.name == "Diensten" and "soort" in cols:
            pos = cols["soort"]
            unknown: list[str] = []
            for row in book.table(name).rows[at + 1:]:
                text = cell_text(row[pos]) if pos < len(row) else ""
                if text and text not in unknown:
                    try:
                        parse_kind(text)
                    except BadValue:
                        unknown.append(text)
            if unknown:
                value_lines += ["  Diensten:", "    soort:  # aanwezig, waakdienst, slaapdienst, beschikbaar, bereikbaar, ambulant"]
                value_lines += [f"      {_q(u)}:  # <soort>" for u in sorted(unknown)[:50]]
    if value_lines:
        lines += ["values:"] + value_lines
    lines += [
        "# formats:  # alleen nodig als de export datums of tijden als tekst in een andere notatie schrijft",
        '#   date: "%Y%m%d"',
        '#   time: "%H%M"',
    ]
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, default_flow_style=True).strip().removesuffix("...").strip()
