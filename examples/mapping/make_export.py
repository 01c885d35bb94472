"""The example export: ``oost-veluwe-2024.xlsx`` as a planning system would export it
(its own sheet names, headers, shift types, dates as yyyymmdd text, times as 0700
text). Read with ``planning-export.mapping.yml`` it gives exactly the findings of the
sample it was made from (tests/test_workbook_mapping.py).

    python examples/mapping/make_export.py
"""

from datetime import date, time
from pathlib import Path

import python_calamine
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "sample_rosters" / "oost-veluwe-2024.xlsx"
KINDS = {"aanwezig": "Dienst", "slaapdienst": "Slaap", "ambulant": "Ambulant", "bereikbaar": "Telefoon",
         "beschikbaar": "Achterwacht", "waakdienst": "Wakend"}
SHEETS = {  # format sheet -> (export sheet, export headers in the format's column order)
    "Periode": ("Rapportage", ["Begin", "Einde"]),
    "Locaties": ("Afdelingen", ["Afdeling", "Omschrijving", "Normenkader"]),
    "Producten": ("Zorgproducten", ["Afdeling", "Productcode", "Aantal cliënten"]),
    "Medewerkers": ("Personeel", ["Pers.nr.", "Naam", "Opleiding", "Zorgdiploma", "Functierollen", "Jaren ervaring", "Uren per week"]),
    "Diensten": ("Planning", ["Pers.nr.", "Afdeling", "Dienstdatum", "Van", "Tot", "Diensttype", "Prod.", "Opkomst (min)", "Notitie", "Team", "Dienstcode"]),
    "Begeleiding": ("Cliëntcontacten", ["Cliëntnr.", "Afdeling", "Prod.", "Contactdatum", "Duur (uur)", "Contactsoort", "Pers.nr."]),
}


def _text(v, header):
    if isinstance(v, date) and header in ("Dienstdatum",):
        return v.strftime("%Y%m%d")
    if isinstance(v, time):
        return v.strftime("%H%M")
    return v


def main() -> None:
    book = python_calamine.CalamineWorkbook.from_path(str(SOURCE))
    wb = Workbook()
    wb.remove(wb.active)
    for fmt, (name, headers) in SHEETS.items():
        rows = book.get_sheet_by_name(fmt).to_python()
        ws = wb.create_sheet(name)
        ws.append(["Export ZorgPlan 4.2", None, "gemaakt op 2026-04-01 08:12"])  # the system's own title row
        ws.append(headers)
        kind = rows[0].index("soort") if fmt == "Diensten" else None
        for row in rows[1:]:
            row = [None if v == "" else v for v in row]
            if kind is not None:
                row[kind] = KINDS[row[kind]]
            ws.append([_text(v, h) for v, h in zip(row, headers)])
    wb.save(HERE / "planning-export.xlsx")


if __name__ == "__main__":
    main()
