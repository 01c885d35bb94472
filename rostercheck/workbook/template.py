"""The empty roster workbook of FORMAT.md, with drop-down lists planners pick from.

Lists live on a hidden sheet ``Lijsten`` and validations refer to its ranges: an
inline list (``"a,b,c"``) is limited to 255 characters, too short for the norm set ids.
Both shift sheets are included (``Diensten`` for the long form, ``Rooster`` with
``Dienstcodes`` for the grid); the reader uses whichever one holds shifts.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from rostercheck.model import AbsenceKind, Level, Role, ShiftKind, SupportKind
from rostercheck.normsets import Catalogue
from rostercheck.workbook.read import CLIENTS, CODES, EMPLOYEES, GRID, LOCATIONS, PERIOD, PRODUCTS, SHIFTS, SUPPORT, TRAVEL

_LAST_ROW = 5000  # validations cover this many rows

INSTRUCTIONS = [
    ("Rooster-werkboek, formaat versie 1", True),
    ("Vul de bladen Locaties, Producten, Medewerkers en Diensten in. Periode, Reistijden, Begeleiding en Clienten zijn optioneel.", False),
    ("In plaats van Diensten (één rij per dienst) mag u het blad Rooster gebruiken: één rij per medewerker, één kolom per datum, "
     "met in elke cel een of meer dienstcodes (gescheiden door / of +) die het blad Dienstcodes uitlegt. "
     "Zet na medewerker en locatie in de kopregel één datum per kolom (2026-03-02, 2026-03-03, ...). Gebruik niet beide.", False),
    ("Datums: een datumcel, 2026-03-01 of 1-3-2026 (dag eerst). Tijden: een tijdcel, 7:00, 07.00 of 0700. "
     "Een eindtijd op of voor de begintijd valt op de volgende dag (22:00-07:00); 24:00 is middernacht aan het eind van de dag; "
     "begin gelijk aan eind is een dienst van 24 uur.", False),
    ("Soort dienst: aanwezig (wakker op locatie), waakdienst (wakende wacht), slaapdienst (slapende wacht), "
     "beschikbaar (komt binnen aanrijtijd_min), bereikbaar (telefonisch), ambulant (bij cliënten thuis). "
     "Verlof en ziek: soort verlof of ziek, zonder begin en eind voor de hele dag (locatie mag leeg); "
     "ze tellen voor geen enkele norm en worden bij een voorstel tot wijziging nooit ingepland. "
     "In het Rooster: een dienstcode zonder tijden met soort verlof of ziek (bijv. V, ZK); "
     "een code zonder tijden en zonder soort is een vrije dag.", False),
    ("Clienten: welke cliënt welk product heeft op welke locatie, vanaf en tot (t/m) welke datum; leeg is de hele periode. "
     "Normen op uren per cliënt beoordelen een cliënt alleen in die dagen. Zonder dit blad geldt een cliënt van de eerste "
     "tot de laatste rij in Begeleiding. Het product moet in die dagen op de locatie geleverd worden (blad Producten).", False),
    ("Het product van een dienst moet op de datum van de dienst op die locatie geleverd worden (een rij in Producten).", False),
    ("Normenkader: het id van een normenkader (zie de keuzelijst of 'rostercheck norms'). Product: de productcode van dat normenkader.", False),
    ("Eigen kolommen en eigen bladen mogen blijven staan; ze worden bewaard en niet gecontroleerd.", False),
    ("Elke fout wordt gemeld met blad, rij en kolom; niets wordt stilzwijgend overgeslagen.", False),
]


def _list_column(ws, col: int, title: str, values: list[str]) -> str:
    ws.cell(row=1, column=col, value=title)
    for i, v in enumerate(values, start=2):
        ws.cell(row=i, column=col, value=v)
    letter = ws.cell(row=1, column=col).column_letter
    last = max(2, len(values) + 1)
    return f"Lijsten!${letter}$2:${letter}${last}"


def _validate(ws, header: list[str], column_name: str, formula: str, prompt: str) -> None:
    if column_name not in header:
        return
    letter = ws.cell(row=1, column=header.index(column_name) + 1).column_letter
    dv = DataValidation(type="list", formula1=f"={formula}", allow_blank=True, showErrorMessage=True)
    dv.error = f"Kies een waarde uit de lijst: {prompt}"
    dv.errorTitle = "Ongeldige waarde"
    dv.prompt = prompt
    dv.add(f"{letter}2:{letter}{_LAST_ROW}")
    ws.add_data_validation(dv)


def write_template(path: Path, catalogue: Catalogue) -> None:
    wb = Workbook()
    info = wb.active
    info.title = "Toelichting"
    info.column_dimensions["A"].width = 120
    for i, (text, bold) in enumerate(INSTRUCTIONS, start=1):
        cell = info.cell(row=i, column=1, value=text)
        cell.font = Font(bold=bold, size=14 if bold else 11)

    lists = wb.create_sheet("Lijsten")
    norm_sets = [s.id for s in catalogue.location_sets()]
    ranges = {
        "niveau": _list_column(lists, 1, "niveau", [lv.value for lv in Level]),
        "soort": _list_column(lists, 2, "soort", [k.value for k in ShiftKind] + [k.value for k in AbsenceKind]),
        "janee": _list_column(lists, 3, "ja/nee", ["ja", "nee"]),
        "normenkader": _list_column(lists, 4, "normenkader", norm_sets),
        "begeleiding": _list_column(lists, 5, "soort begeleiding", [k.value for k in SupportKind]),
        "rol": _list_column(lists, 6, "rol", [r.value for r in Role]),
    }
    lists.sheet_state = "hidden"

    sheets = [LOCATIONS, PRODUCTS, EMPLOYEES, SHIFTS, PERIOD, TRAVEL, SUPPORT, CLIENTS, GRID, CODES]
    bold = Font(bold=True)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        header = [c.header for c in spec.cols if not (spec is SHIFTS and c.field == "code")]
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for i, text in enumerate(header, start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(12, len(text) + 4)
        if spec is LOCATIONS and norm_sets:
            _validate(ws, header, "normenkader", ranges["normenkader"], "een normenkader uit de lijst")
        if spec is EMPLOYEES:
            _validate(ws, header, "niveau", ranges["niveau"], "MBO-2, MBO-3, MBO-4, HBO of WO")
            _validate(ws, header, "zorgrelevant", ranges["janee"], "ja of nee")
        if spec in (SHIFTS, CODES):
            _validate(ws, header, "soort", ranges["soort"], "soort dienst")
        if spec is SUPPORT:
            _validate(ws, header, "soort", ranges["begeleiding"], "individueel, groep, indirect of digitaal")
    wb.save(Path(path))
