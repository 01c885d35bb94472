"""Hand-made acceptance rosters, written the way a planner would keep them.

Each roster is plain data below (who works where, when, as what); the writers turn
it into a real file: an ``.xlsx`` in the long form (Diensten), an ``.xlsx`` in the
grid form (Rooster + Dienstcodes), or a folder of CSV files (``;``, Windows-1252,
decimal comma, Dutch dates) as Excel on a Dutch Windows PC saves them.

The expected findings, worked out by hand from the source documents, are in
``tests/acceptance/<name>.yml``; ``tests/test_acceptance.py`` runs the real CLI.
Nothing here imports the product: the files are built independently of it.

All dates are in March 2026 (2 March 2026 is a Monday).
"""

from __future__ import annotations

import csv
import io
from datetime import date, time
from pathlib import Path

import openpyxl

# --- writers ------------------------------------------------------------------------

LONG_HEADERS = {
    "Locaties": ["locatie", "naam", "normenkader"],
    "Producten": ["locatie", "product", "clienten", "vanaf", "tot"],
    "Medewerkers": ["medewerker", "naam", "niveau", "zorgrelevant", "rollen", "ervaring_jaren", "contracturen"],
    "Diensten": ["medewerker", "locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking"],
    "Periode": ["van", "tot"],
    "Reistijden": ["medewerker", "locatie", "minuten"],
    "Begeleiding": ["client", "locatie", "product", "datum", "uren", "soort", "medewerker"],
}


def _d(s: str) -> date:
    return date.fromisoformat(s)


def _t(s: str) -> time:
    h, m = s.split(":")
    return time(int(h), int(m))


def _rows(r: dict) -> dict[str, list[list]]:
    """The roster as sheet rows with spreadsheet-typed values (dates, times, numbers)."""
    out: dict[str, list[list]] = {}
    out["Locaties"] = [list(x) for x in r["locations"]]
    out["Producten"] = [[loc, prod, n, None, None] for loc, prod, n in r["products"]]
    out["Medewerkers"] = [
        [e[0], e[1], e[2], e[3], e[4] if len(e) > 4 else None, e[5] if len(e) > 5 else None, 32]
        for e in r["employees"]
    ]
    if "shifts" in r:
        out["Diensten"] = [
            [s[0], s[1], _d(s[2]), _t(s[3]), _t(s[4]), s[5], s[6] if len(s) > 6 else None,
             s[7] if len(s) > 7 else None, s[8] if len(s) > 8 else None]
            for s in r["shifts"]
        ]
    out["Periode"] = [[_d(r["period"][0]), _d(r["period"][1])]]
    if r.get("travel"):
        out["Reistijden"] = [list(x) for x in r["travel"]]
    if r.get("support"):
        out["Begeleiding"] = [[c, loc, p, _d(day), h, k, m] for c, loc, p, day, h, k, m in r["support"]]
    return out


def _sheet(wb, title: str, headers: list[str], rows: list[list]) -> None:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "d-m-yyyy"
            elif isinstance(cell.value, time):
                cell.number_format = "hh:mm"


def write_long_xlsx(r: dict, path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in _rows(r).items():
        _sheet(wb, title, LONG_HEADERS[title], rows)
    # a planner's own notes sheet: unknown sheets are ignored (FORMAT.md)
    wb.create_sheet("Notities").append(["Rooster gemaakt door planning, versie 2"])
    wb.save(path)
    return path


def write_grid_xlsx(r: dict, path: Path) -> Path:
    """Grid form: Rooster (one row per employee, one column per date) + Dienstcodes."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    rows = _rows(r)
    for title in ("Locaties", "Producten", "Medewerkers", "Periode", "Reistijden"):
        if title in rows:
            _sheet(wb, title, LONG_HEADERS[title], rows[title])
    ws = wb.create_sheet("Rooster")
    days = [_d(x) for x in r["grid_days"]]
    ws.append(["medewerker", "locatie", *days])
    for cell in ws[1][2:]:
        cell.number_format = "d-m-yyyy"
    for emp, loc, *cells in r["grid"]:
        ws.append([emp, loc, *[c or None for c in cells]])
    codes = wb.create_sheet("Dienstcodes")
    codes.append(["code", "begin", "eind", "soort", "locatie", "aanrijtijd_min", "product"])
    for code, begin, end, kind, *rest in r["codes"]:
        resp = rest[0] if rest else None
        product = rest[1] if len(rest) > 1 else None
        codes.append([code, _t(begin), _t(end), kind, None, resp, product])
    wb.save(path)
    return path


def _csv_value(v) -> str:
    """As Excel on a Dutch Windows PC writes a cell to CSV."""
    if v is None:
        return ""
    if isinstance(v, date):
        return f"{v.day}-{v.month}-{v.year}"
    if isinstance(v, time):
        return f"{v.hour}:{v.minute:02d}"
    if isinstance(v, float):
        return f"{v:g}".replace(".", ",")
    return str(v)


def write_csv_folder(r: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for title, rows in _rows(r).items():
        buf = io.StringIO(newline="")
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(LONG_HEADERS[title])
        for row in rows:
            w.writerow([_csv_value(v) for v in row])
        (folder / f"{title.lower()}.csv").write_bytes(buf.getvalue().encode("cp1252"))
    return folder


# --- the rosters ----------------------------------------------------------------------
# employees: (id, naam, niveau, zorgrelevant, rollen, ervaring_jaren)
# shifts:    (medewerker, locatie, datum, begin, eind, soort, product, aanrijtijd_min, opmerking)

OV_LONG = {
    "form": "long",
    "period": ("2026-03-02", "2026-03-04"),  # ma 2 - wo 4 maart
    "locations": [
        ("OV-HGV", "Herstelhuis De Linde", "oost-veluwe-2024"),
        ("OV-IHT", "Team IHT Apeldoorn", "oost-veluwe-2024"),
    ],
    "products": [
        ("OV-HGV", "HGV", 8),
        ("OV-IHT", "Integraal hersteltraject Intensief", 10),  # full Dutch name as alias
    ],
    "employees": [
        ("H1", "Hanna de Vries", "HBO", "ja", "regisseur"),
        ("H2", "Henk Smit", "hbo", "ja"),
        ("M1", "Mila Bakker", "MBO-4", "ja"),
        ("M2", "Mo Yilmaz", "mbo 4", "ja"),
        ("M3", "Mats Visser", "MBO-3", "ja"),
        ("N1", "Nico Beveiliging", "MBO-4", "nee"),  # beveiliger, diploma niet zorgrelevant
        ("I1", "Ilse Mulder", "HBO", "ja", "regisseur"),
        ("I2", "Iris Jansen", "bachelor", "ja"),
        ("I3", "Ivo Peters", "MBO-4", "ja"),
        ("I4", "Inge Bos", "MBO-4", "ja"),
        ("I5", "Imre Kok", "MBO-4", "ja"),
    ],
    "shifts": [
        # Herstelgericht verblijf: day 07-15, evening 15-23, sleeping watch 23-07
        ("M2", "OV-HGV", "2026-03-01", "23:00", "07:00", "slaapdienst"),
        ("H1", "OV-HGV", "2026-03-02", "07:00", "15:00", "aanwezig"),
        ("M1", "OV-HGV", "2026-03-02", "15:00", "23:00", "aanwezig"),
        ("M2", "OV-HGV", "2026-03-02", "23:00", "07:00", "slaapdienst"),
        ("H2", "OV-HGV", "2026-03-03", "07:00", "15:00", "aanwezig"),
        ("M3", "OV-HGV", "2026-03-03", "15:00", "23:00", "aanwezig"),
        ("N1", "OV-HGV", "2026-03-03", "23:00", "07:00", "slaapdienst", None, None, "invaller via beveiligingsbedrijf"),
        ("H1", "OV-HGV", "2026-03-04", "07:00", "15:00", "aanwezig"),
        ("M2", "OV-HGV", "2026-03-04", "15:00", "23:00", "aanwezig"),
        ("M1", "OV-HGV", "2026-03-04", "23:00", "07:00", "slaapdienst"),
        # IHT Intensief: ambulant team by day, phone at night
        ("I4", "OV-IHT", "2026-03-01", "22:00", "07:00", "bereikbaar"),
        ("I1", "OV-IHT", "2026-03-02", "07:00", "15:00", "ambulant"),
        ("I5", "OV-IHT", "2026-03-02", "09:00", "17:00", "ambulant"),
        ("I3", "OV-IHT", "2026-03-02", "14:00", "22:00", "ambulant"),
        ("I4", "OV-IHT", "2026-03-02", "22:00", "07:00", "bereikbaar"),
        ("I2", "OV-IHT", "2026-03-03", "07:00", "15:00", "ambulant"),
        ("I3", "OV-IHT", "2026-03-03", "15:00", "22:00", "ambulant"),
        ("I4", "OV-IHT", "2026-03-03", "22:00", "08:00", "bereikbaar"),
        ("I1", "OV-IHT", "2026-03-04", "07:30", "15:00", "ambulant"),
        ("I2", "OV-IHT", "2026-03-04", "15:00", "21:00", "ambulant"),
        ("I4", "OV-IHT", "2026-03-04", "22:00", "07:00", "bereikbaar"),
    ],
}

T15N_GRID = {
    "form": "grid",
    "period": ("2026-03-09", "2026-03-11"),  # ma 9 - wo 11 maart; column 8 maart holds the night before
    "locations": [
        ("ZW", "Woonvoorziening De Eik (zwaar)", "tarieven-15n"),
        ("MID", "Woonvoorziening De Beuk (middel)", "tarieven-15n"),
        ("LICHT", "Woonvoorziening De Wilg (licht)", "tarieven-15n"),
        ("BT", "Beschermd Thuis wijkteam Noord", "tarieven-15n"),
    ],
    "products": [
        ("ZW", "15N13", 6),
        ("ZW", "15N16", 2),
        ("MID", "15N12", 8),
        ("LICHT", "15N11", 5),
        ("BT", "15N03", 9),
    ],
    "employees": [
        ("Z1", None, "MBO-4", "ja"), ("Z2", None, "MBO-4", "ja"), ("Z3", None, "HBO", "ja"), ("Z4", None, "MBO-4", "ja"),
        ("M1", None, "MBO-4", "ja"), ("M2", None, "MBO-4", "ja"), ("M3", None, "MBO-4", "ja"), ("M4", None, "MBO-4", "ja"),
        ("P1", None, "MBO-4", "ja"), ("P2", None, "MBO-4", "ja"), ("P3", None, "MBO-4", "nee"),
        ("B1", None, "MBO-4", "ja"), ("B2", None, "MBO-4", "ja"), ("B3", None, "MBO-4", "ja"),
        ("B4", None, "MBO-4", "ja"), ("B5", None, "HBO", "ja"),
    ],
    "travel": [
        ("M3", "MID", 30), ("M4", "MID", 50),
        ("B2", "BT", 60), ("B4", "BT", 100),  # B3 has no travel time: cannot verify
    ],
    "codes": [
        ("D", "07:00", "15:00", "aanwezig"),
        ("A", "15:00", "22:00", "aanwezig"),
        ("A2", "16:00", "22:00", "aanwezig"),
        ("W", "22:00", "07:00", "waakdienst"),
        ("S", "22:00", "07:00", "slaapdienst"),
        ("N", "22:00", "07:00", "beschikbaar"),  # response time from Reistijden
        ("BD", "15:00", "07:00", "beschikbaar", 20),
        ("AM", "08:00", "17:00", "ambulant"),
        ("KB", "08:00", "17:00", "beschikbaar", 30),
        ("BB", "17:00", "08:00", "beschikbaar"),  # response time from Reistijden
    ],
    "grid_days": ["2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11"],
    "grid": [
        ("Z1", "ZW", "", "D", "D", "D"),
        ("Z2", "ZW", "", "A", "S", ""),
        ("Z3", "ZW", "W", "W", "", "A2"),
        ("Z4", "ZW", "", "", "A", "W"),
        ("M1", "MID", "", "D", "D", "D"),
        ("M2", "MID", "", "A", "A", "A"),
        ("M3", "MID", "N", "N", "", "N"),
        ("M4", "MID", "", "", "N", ""),
        ("P1", "LICHT", "", "D", "D", "D"),
        ("P2", "LICHT", "BD", "BD", "", "BD"),
        ("P3", "LICHT", "", "", "BD", ""),
        ("B1", "BT", "", "AM", "AM", "AM"),
        ("B5", "BT", "", "KB", "KB", "KB"),
        ("B2", "BT", "BB", "BB", "", ""),
        ("B3", "BT", "", "", "BB", ""),
        ("B4", "BT", "", "", "", "BB"),
    ],
}

ZOU_CSV = {
    "form": "csv",
    "period": ("2026-03-16", "2026-03-20"),  # ma 16 - vr 20 maart
    "locations": [
        ("ZB-IB", "IB 24/7 Zeist", "zou-segment-b"),
        ("ZB-IC", "Casusregie De Bilt", "zou-segment-b"),
        ("ZB-BZ", "Bemoeizorg Bunnik", "zou-segment-b"),
    ],
    "products": [("ZB-IB", "02B03", 12), ("ZB-IC", "02B05", 5), ("ZB-BZ", "02B04", 3)],
    "employees": [
        ("E1", "José Peña", "HBO", "ja", None, 4.0),
        ("E2", "Eline Groot", "MBO-4", "ja"),
        ("E3", "Erik Dijkstra", "MBO-3", "ja"),
        ("E4", "Esra Öztürk", "MBO-4", "ja"),
        ("E5", "Evi Hendriks", "HBO", "ja", None, 6.0),
        ("E6", "Elif Kaya", "HBO", "ja", None, 2.5),
        ("E7", "Emma Brouwer", "HBO", "ja"),  # ervaring_jaren not filled in
        ("E8", "Edwin Kramer", "MBO-4", "ja", None, 10.0),
        ("E9", "Eva Vos", "MBO-4", "ja", "achterwacht"),
        ("E10", "dr. Erna Maas", "WO", "ja", "gedragswetenschapper"),
        ("E11", "Ella Meijer", "MBO-4", "ja"),
    ],
    "shifts": [
        # IB 24/7: ambulant by day, phone 17:00-09:00
        ("E4", "ZB-IB", "2026-03-15", "17:00", "09:00", "bereikbaar"),
        ("E2", "ZB-IB", "2026-03-16", "09:00", "17:00", "ambulant"),
        ("E4", "ZB-IB", "2026-03-16", "17:00", "09:00", "bereikbaar"),
        ("E3", "ZB-IB", "2026-03-17", "09:00", "17:00", "ambulant"),
        ("E2", "ZB-IB", "2026-03-17", "17:00", "09:00", "bereikbaar"),
        ("E2", "ZB-IB", "2026-03-18", "09:00", "17:00", "ambulant"),
        ("E4", "ZB-IB", "2026-03-18", "17:00", "09:00", "bereikbaar"),
        ("E1", "ZB-IB", "2026-03-19", "09:00", "17:00", "ambulant"),
        ("E2", "ZB-IB", "2026-03-19", "17:00", "08:00", "bereikbaar", None, None, "telefoon om 8 uur terug naar kantoor"),
        ("E4", "ZB-IB", "2026-03-20", "09:00", "17:00", "ambulant"),
        ("E2", "ZB-IB", "2026-03-20", "17:00", "09:00", "bereikbaar"),
        # Intensieve begeleiding en casusregie
        ("E5", "ZB-IC", "2026-03-16", "09:00", "17:00", "ambulant"),
        ("E6", "ZB-IC", "2026-03-17", "09:00", "13:00", "ambulant"),
        ("E7", "ZB-IC", "2026-03-18", "09:00", "17:00", "ambulant"),
        ("E8", "ZB-IC", "2026-03-19", "10:00", "14:00", "ambulant"),
        ("E5", "ZB-IC", "2026-03-20", "09:00", "17:00", "ambulant"),
        # Bemoeizorg
        ("E1", "ZB-BZ", "2026-03-16", "09:00", "12:00", "ambulant"),
        ("E11", "ZB-BZ", "2026-03-18", "09:00", "12:00", "ambulant"),
        ("E11", "ZB-BZ", "2026-03-18", "13:00", "15:00", "ambulant"),
    ],
}

B5_LONG = {
    "form": "long",
    "period": ("2026-03-23", "2026-03-24"),  # ma 23 - di 24 maart
    "locations": [
        ("STP", "Beschermd Thuis Staphorst", "bijlage5"),
        ("DBZ", "Dagbesteding Zwartewaterland", "bijlage5"),
    ],
    "products": [("STP", "BT", 4), ("DBZ", "DB-BASIS", 6)],
    "employees": [
        ("S1", None, "MBO-4", "ja"), ("S2", None, "MBO-4", "ja"), ("S3", None, "HBO", "ja"),
        ("S4", None, "MBO-4", "ja"), ("D1", None, "MBO-3", "ja"),
    ],
    "travel": [("S2", "STP", 40), ("S4", "STP", 50)],
    "shifts": [
        ("S2", "STP", "2026-03-22", "16:00", "08:00", "beschikbaar"),
        ("S1", "STP", "2026-03-23", "08:00", "16:00", "ambulant"),
        ("S3", "STP", "2026-03-23", "08:00", "12:00", "beschikbaar", None, 15),
        ("S3", "STP", "2026-03-23", "13:00", "16:00", "beschikbaar", None, 15),
        ("S2", "STP", "2026-03-23", "16:00", "08:00", "beschikbaar"),
        ("S1", "STP", "2026-03-24", "08:00", "16:00", "ambulant"),
        ("S3", "STP", "2026-03-24", "08:00", "16:00", "beschikbaar", None, 15),
        ("S4", "STP", "2026-03-24", "16:00", "08:00", "beschikbaar"),
        ("D1", "DBZ", "2026-03-23", "09:00", "16:00", "aanwezig"),
        ("D1", "DBZ", "2026-03-24", "09:00", "16:00", "aanwezig"),
    ],
    "support": [
        ("C1", "DBZ", "DB-BASIS", "2026-03-23", 3.5, "groep", "D1"),
        ("C2", "DBZ", "DB-BASIS", "2026-03-23", 5.0, "groep", "D1"),
        ("C5", "DBZ", "DB-BASIS", "2026-03-23", 8.5, "groep", "D1"),
        ("C1", "DBZ", "DB-BASIS", "2026-03-24", 3.0, "groep", "D1"),
        ("C1", "DBZ", "DB-BASIS", "2026-03-24", 1.0, "indirect", "D1"),
        ("C3", "DBZ", "DB-BASIS", "2026-03-24", 4.0, "groep", "D1"),
        ("C3", "DBZ", "DB-BASIS", "2026-03-24", 3.5, "groep", "D1"),
        ("C4", "DBZ", "DB-BASIS", "2026-03-24", 2.0, "individueel", "D1"),
    ],
}

CG_LONG = {
    "form": "long",
    "period": ("2026-03-02", "2026-03-04"),  # ma 2 - wo 4 maart
    "locations": [
        ("CG-BAS", "Beschermd wonen basis Ede", "centraal-gelderland"),
        ("CG-INT", "Beschermd wonen intensief Arnhem", "centraal-gelderland"),
        ("CG-GRP", "Groepswonen Wageningen", "centraal-gelderland"),
    ],
    "products": [("CG-BAS", "15B01", 10), ("CG-INT", "15B03", 6), ("CG-GRP", "15B21", 7)],
    "employees": [
        ("R1", None, "HBO", "ja", "regisseur"),
        ("K1", None, "MBO-4", "ja"), ("K2", None, "MBO-4", "ja"), ("K3", None, "MBO-3", "ja"),
        ("K4", None, "MBO-4", "nee"),  # diploma not care-relevant
        ("W1", None, "MBO-4", "ja"), ("W2", None, "MBO-4", "ja"),
        ("J1", None, "MBO-4", "ja"), ("J2", None, "MBO-4", "ja"), ("J3", None, "HBO", "ja"), ("J4", None, "MBO-4", "ja"),
        ("S9", None, "HBO", "ja", "spv"),
        ("G1", None, "MBO-4", "ja"), ("G2", None, "MBO-4", "ja"), ("G3", None, "MBO-4", "ja"),
    ],
    "travel": [("W1", "CG-BAS", 8), ("G2", "CG-GRP", 25), ("G3", "CG-GRP", 35)],
    "shifts": [
        # basis: awake 07-22, sleeping watch in the neighbourhood 22-07
        ("W1", "CG-BAS", "2026-03-01", "22:00", "07:00", "beschikbaar", None, None, "slaapwacht in de wijk"),
        ("R1", "CG-BAS", "2026-03-02", "07:00", "15:00", "aanwezig"),
        ("K1", "CG-BAS", "2026-03-02", "15:00", "22:00", "aanwezig"),
        ("W1", "CG-BAS", "2026-03-02", "22:00", "07:00", "beschikbaar", None, None, "slaapwacht in de wijk"),
        ("K2", "CG-BAS", "2026-03-03", "07:00", "15:00", "aanwezig"),
        ("K3", "CG-BAS", "2026-03-03", "15:00", "22:00", "aanwezig"),
        ("W2", "CG-BAS", "2026-03-03", "22:00", "07:00", "beschikbaar", None, 12, "slaapwacht in de wijk"),
        ("R1", "CG-BAS", "2026-03-04", "07:00", "15:00", "aanwezig"),
        ("K1", "CG-BAS", "2026-03-04", "15:00", "22:00", "aanwezig"),
        ("K4", "CG-BAS", "2026-03-04", "22:00", "07:00", "beschikbaar", None, 5, "slaapwacht in de wijk"),
        # intensief: 24 h on the location
        ("J1", "CG-INT", "2026-03-01", "22:00", "07:00", "slaapdienst"),
        ("J2", "CG-INT", "2026-03-02", "07:00", "15:00", "aanwezig"),
        ("J3", "CG-INT", "2026-03-02", "15:00", "23:00", "aanwezig"),
        ("J1", "CG-INT", "2026-03-02", "23:00", "07:00", "slaapdienst"),
        ("J2", "CG-INT", "2026-03-03", "07:00", "15:00", "aanwezig"),
        ("J3", "CG-INT", "2026-03-03", "15:00", "23:00", "aanwezig"),
        ("J4", "CG-INT", "2026-03-03", "23:00", "07:00", "beschikbaar", None, 5),
        ("J2", "CG-INT", "2026-03-04", "07:00", "15:00", "aanwezig"),
        ("J3", "CG-INT", "2026-03-04", "15:00", "22:00", "aanwezig"),
        ("J1", "CG-INT", "2026-03-04", "22:00", "07:00", "slaapdienst"),
        # groepswonen midden: day on site, on call 17-09
        ("G2", "CG-GRP", "2026-03-01", "17:00", "09:00", "beschikbaar"),
        ("G1", "CG-GRP", "2026-03-02", "09:00", "17:00", "aanwezig"),
        ("G2", "CG-GRP", "2026-03-02", "17:00", "09:00", "beschikbaar"),
        ("G1", "CG-GRP", "2026-03-03", "09:00", "17:00", "aanwezig"),
        ("G3", "CG-GRP", "2026-03-03", "17:00", "09:00", "beschikbaar"),
        ("G1", "CG-GRP", "2026-03-04", "09:00", "17:00", "aanwezig"),
        ("G2", "CG-GRP", "2026-03-04", "17:00", "09:00", "beschikbaar"),
    ],
}

# Oost-Veluwe in the grid form, over the change to summer time (29 March 02:00 -> 03:00)
# and a month boundary: shares per calendar month, one location with two IHT products
# whose shifts carry the product through the shift code.
OV_GRID = {
    "form": "grid",
    "period": ("2026-03-28", "2026-04-01"),  # za 28 maart - wo 1 april
    "locations": [
        ("OV-MIX", "IHT-team Zutphen", "oost-veluwe-2024"),
        ("OV-TVV", "Terugvalvoorziening De Berk", "oost-veluwe-2024"),
    ],
    "products": [("OV-MIX", "IHT-P", 6), ("OV-MIX", "IHT-I", 4), ("OV-TVV", "TVV", 3)],
    "employees": [
        ("X1", None, "HBO", "ja", "regisseur"), ("X2", None, "MBO-4", "ja"), ("X3", None, "MBO-4", "ja"),
        ("X4", None, "HBO", "ja"), ("X5", None, "MBO-4", "ja"), ("X6", None, "WO", "ja"),
        ("X7", None, "MBO-4", "ja"), ("X8", None, "HBO", "nee"),  # hbo bedrijfskunde: not care-relevant
        ("Y1", None, "HBO", "ja", "regisseur"), ("Y2", None, "MBO-4", "ja"), ("Y3", None, "MBO-4", "ja"),
        ("Y4", None, "MBO-3", "ja"), ("Y5", None, "MBO-4", "ja"),
    ],
    "codes": [
        ("VP", "07:00", "15:00", "ambulant", None, "IHT-P"),
        ("LP", "15:00", "22:00", "ambulant", None, "IHT-P"),
        ("VI", "07:00", "15:00", "ambulant", None, "IHT-I"),
        ("LI", "15:00", "22:00", "ambulant", None, "IHT-I"),
        ("T", "22:00", "07:00", "bereikbaar"),
        ("T6", "22:00", "06:00", "bereikbaar"),
        ("D", "07:00", "15:00", "aanwezig"),
        ("A", "15:00", "23:00", "aanwezig"),
        ("S", "23:00", "07:00", "slaapdienst"),
        ("W", "23:00", "07:00", "waakdienst"),
    ],
    "grid_days": ["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31", "2026-04-01"],
    "grid": [
        ("X1", "OV-MIX", "", "VP", "VP", "VP", "VP", ""),
        ("X2", "OV-MIX", "", "LP", "LP", "LP", "LP", ""),
        ("X3", "OV-MIX", "", "", "", "", "", "VP"),
        ("X4", "OV-MIX", "", "VI", "VI", "VI", "", "LP"),
        ("X5", "OV-MIX", "", "LI", "LI", "LI", "LI", "LI"),
        ("X6", "OV-MIX", "", "", "", "", "", "VI"),
        ("X7", "OV-MIX", "T", "T6", "T", "T", "T", "T"),
        ("X8", "OV-MIX", "", "", "", "", "VI", ""),
        ("Y1", "OV-TVV", "", "D", "D", "D", "D", "D"),
        ("Y2", "OV-TVV", "", "A", "A", "", "A", "A"),
        ("Y3", "OV-TVV", "S", "W", "", "A+S", "", "S"),
        ("Y4", "OV-TVV", "", "", "", "", "W", ""),
        ("Y5", "OV-TVV", "", "", "S", "", "", ""),
    ],
}

# 15Nxx as a CSV folder the way another planning system exports it: ',' separated,
# UTF-8 with BOM, ISO and Dutch dates mixed, times as 0700 / 07.00 / 24:00. A location
# that changes from 15N11 to 15N12 mid-period (Producten vanaf/tot), and 15N16 delivered
# without 15N12/15N13.
T15N_EDGES_CSV = {
    "form": "rawcsv",
    "sheets": {
        "locaties": [["locatie", "naam", "normenkader"],
                     ["VT", "Woonvoorziening De Kastanje", "tarieven-15n"],
                     ["WW", "Woonvoorziening De Linde", "tarieven-15n"]],
        "producten": [["locatie", "product", "clienten", "vanaf", "tot"],
                      ["VT", "15N11", "5", "", "10-03-2026"],
                      ["VT", "15N12", "5", "2026-03-11", ""],
                      ["WW", "15N16", "2", "", ""]],
        "medewerkers": [["medewerker", "naam", "niveau", "zorgrelevant", "rollen", "ervaring_jaren"],
                        ["V1", "", "mbo 4", "ja", "", "3.5"], ["V2", "", "MBO-4", "yes", "", ""],
                        ["V3", "", "MBO-4", "1", "", ""], ["V4", "", "hbo", "ja", "", ""],
                        ["W1", "", "MBO-4", "ja", "", ""]],
        "reistijden": [["medewerker", "locatie", "minuten"], ["V1", "VT", "60"], ["V3", "VT", "30"]],
        "periode": [["van", "tot"], ["9-3-2026", "12-3-2026"]],
        "diensten": [
            ["medewerker", "locatie", "datum", "begin", "eind", "soort", "product", "aanrijtijd_min", "opmerking"],
            ["V1", "VT", "2026-03-08", "22:00", "07:00", "beschikbaar", "", "40", "woont sinds kort dichterbij"],
            ["V2", "VT", "9-3-2026", "0700", "1500", "aanwezig", "", "", ""],
            ["V1", "VT", "9-3-2026", "15:00", "07:00", "beschikbaar", "", "40", ""],
            ["V2", "VT", "10-3-2026", "07.00", "15.00", "aanwezig", "", "", ""],
            ["V3", "VT", "10-3-2026", "15:00", "24:00", "beschikbaar", "", "", ""],
            ["V3", "VT", "11-3-2026", "00:00", "07:00", "beschikbaar", "", "", ""],
            ["V2", "VT", "11-3-2026", "7:00", "15:00", "aanwezig", "", "", ""],
            ["V4", "VT", "11-3-2026", "15:00", "22:00", "aanwezig", "", "", ""],
            ["V1", "VT", "11-3-2026", "22:00", "07:00", "beschikbaar", "", "40", ""],
            ["V2", "VT", "12-3-2026", "07:00", "15:00", "aanwezig", "", "", ""],
            ["V4", "VT", "12-3-2026", "14:00", "21:00", "aanwezig", "", "", ""],
            ["V4", "VT", "12-3-2026", "20:00", "22:00", "aanwezig", "", "", "overdracht"],
            ["V1", "VT", "12-3-2026", "22:00", "07:00", "beschikbaar", "", "50", "logeert bij familie"],
            *[["W1", "WW", f"2026-03-{d:02d}", "22:00", "07:00", "waakdienst", "", "", ""] for d in range(8, 13)],
        ],
    },
}


def write_raw_csv(r: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in r["sheets"].items():
        buf = io.StringIO(newline="")
        csv.writer(buf, delimiter=",", lineterminator="\n").writerows(rows)
        (folder / f"{name}.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return folder


# A compliant Beschermd Wonen middel roster: 07:00-22:00 split over two people,
# on call at night within 20 minutes. Only the "cannot verify" client-hours warnings.
CLEAN_LONG = {
    "form": "long",
    "period": ("2026-03-09", "2026-03-10"),
    "locations": [("CL", "Woonvoorziening De Hazelaar", "tarieven-15n")],
    "products": [("CL", "15N12", 8)],
    "employees": [("A1", None, "MBO-4", "ja"), ("A2", None, "HBO", "ja"), ("A3", None, "MBO-4", "ja")],
    "shifts": [
        ("A3", "CL", "2026-03-08", "22:00", "07:00", "beschikbaar", None, 20),
        ("A1", "CL", "2026-03-09", "07:00", "15:00", "aanwezig"),
        ("A2", "CL", "2026-03-09", "15:00", "22:00", "aanwezig"),
        ("A3", "CL", "2026-03-09", "22:00", "07:00", "beschikbaar", None, 20),
        ("A1", "CL", "2026-03-10", "07:00", "15:00", "aanwezig"),
        ("A2", "CL", "2026-03-10", "15:00", "22:00", "aanwezig"),
        ("A3", "CL", "2026-03-10", "22:00", "07:00", "beschikbaar", None, 20),
    ],
}

# The first night of the period: nobody at the location between 00:00 and 07:00 on
# the first day (the night "belongs" to the day before the period, but its minutes
# are inside the period being checked).
FIRST_NIGHT_LONG = {
    "form": "long",
    "period": ("2026-03-09", "2026-03-10"),
    "locations": [("FN", "Woonvoorziening De Els (zwaar)", "tarieven-15n")],
    "products": [("FN", "15N13", 5)],
    "employees": [("F1", None, "MBO-4", "ja"), ("F2", None, "MBO-4", "ja"), ("F3", None, "MBO-4", "ja")],
    "shifts": [
        ("F1", "FN", "2026-03-09", "07:00", "15:00", "aanwezig"),
        ("F2", "FN", "2026-03-09", "15:00", "22:00", "aanwezig"),
        ("F3", "FN", "2026-03-09", "22:00", "07:00", "slaapdienst"),
        ("F1", "FN", "2026-03-10", "07:00", "15:00", "aanwezig"),
        ("F2", "FN", "2026-03-10", "15:00", "22:00", "aanwezig"),
        ("F3", "FN", "2026-03-10", "22:00", "07:00", "slaapdienst"),
    ],
}

# Working-time patterns a Dutch care planner uses every week (labour-law sanity pass),
# ma 9 - zo 15 maart 2026, at one 15N12 location.
def _shifts(emp, loc, pattern):
    return [(emp, loc, day, b, e, kind) for day, b, e, kind in pattern]


LL_PATTERNS = {
    "form": "long",
    "period": ("2026-03-09", "2026-03-15"),
    "locations": [("LL", "Woonvoorziening De Populier", "tarieven-15n")],
    "products": [("LL", "15N12", 8)],
    "employees": [(f"Q{i}", None, "MBO-4", "ja") for i in range(1, 8)],
    "shifts": [
        # Q1: evening shift followed by a sleeping watch at the location, three times a week
        *_shifts("Q1", "LL", [
            ("2026-03-09", "15:00", "23:00", "aanwezig"), ("2026-03-09", "23:00", "07:00", "slaapdienst"),
            ("2026-03-11", "15:00", "23:00", "aanwezig"), ("2026-03-11", "23:00", "07:00", "slaapdienst"),
            ("2026-03-13", "15:00", "23:00", "aanwezig"), ("2026-03-13", "23:00", "07:00", "slaapdienst"),
        ]),
        # Q2: one late-early turn (8 h rest, allowed once per 7x24 h), then early shifts
        *_shifts("Q2", "LL", [
            ("2026-03-09", "07:00", "15:00", "aanwezig"), ("2026-03-10", "15:00", "23:00", "aanwezig"),
            ("2026-03-11", "07:00", "15:00", "aanwezig"), ("2026-03-13", "07:00", "15:00", "aanwezig"),
            ("2026-03-14", "07:00", "15:00", "aanwezig"),
        ]),
        # Q3: three awake nights, then 48 h off, then a day shift
        *_shifts("Q3", "LL", [
            ("2026-03-09", "22:00", "07:00", "waakdienst"), ("2026-03-10", "22:00", "07:00", "waakdienst"),
            ("2026-03-11", "22:00", "07:00", "waakdienst"), ("2026-03-14", "07:00", "15:00", "aanwezig"),
        ]),
        # Q4: a 12-hour day twice (ATW 5:7 allows 12 h)
        *_shifts("Q4", "LL", [
            ("2026-03-10", "08:00", "20:00", "aanwezig"), ("2026-03-12", "08:00", "20:00", "aanwezig"),
        ]),
        # Q5: phone duty from home every evening and night of the week
        *_shifts("Q5", "LL", [(f"2026-03-{d:02d}", "22:00", "07:00", "bereikbaar") for d in range(9, 16)]),
        # Q6: on call (beschikbaar, 15 min) at night after a day shift on two days
        ("Q6", "LL", "2026-03-12", "07:00", "15:00", "aanwezig"),
        ("Q6", "LL", "2026-03-12", "22:00", "07:00", "beschikbaar", None, 15),
        ("Q6", "LL", "2026-03-13", "22:00", "07:00", "beschikbaar", None, 15),
        # Q7: a real violation, so the law is known to run: day shift, then an awake night
        # starting 7 hours later (daily rest below 8 h)
        *_shifts("Q7", "LL", [
            ("2026-03-12", "07:00", "15:00", "aanwezig"), ("2026-03-12", "22:00", "07:00", "waakdienst"),
        ]),
    ],
}


# A grid with a code the Dienstcodes sheet does not define: exit 2, cell named.
BAD_GRID = {
    **{k: v for k, v in T15N_GRID.items() if k != "grid"},
    "grid": [row if row[0] != "M2" else ("M2", "MID", "", "A", "NX", "A") for row in T15N_GRID["grid"]],
}

ROSTERS: dict[str, tuple[dict, str]] = {
    # name: (data, writer)
    "ov_long": (OV_LONG, "long"),
    "t15n_grid": (T15N_GRID, "grid"),
    "zou_csv": (ZOU_CSV, "csv"),
    "b5_long": (B5_LONG, "long"),
    "cg_long": (CG_LONG, "long"),
    "cg_csv": (CG_LONG, "csv"),  # the same roster as CSV: the same findings
    "clean_long": (CLEAN_LONG, "long"),
    "first_night_long": (FIRST_NIGHT_LONG, "long"),
    "bad_grid": (BAD_GRID, "grid"),
    "ll_patterns_long": (LL_PATTERNS, "long"),
    "ov_grid": (OV_GRID, "grid"),
    "t15n_edges_csv": (T15N_EDGES_CSV, "rawcsv"),
}


def build(name: str, where: Path) -> Path:
    """Write roster ``name`` into the folder ``where``; the path to check."""
    data, form = ROSTERS[name]
    if form == "long":
        return write_long_xlsx(data, where / f"{name}.xlsx")
    if form == "grid":
        return write_grid_xlsx(data, where / f"{name}.xlsx")
    if form == "csv":
        return write_csv_folder(data, where / name)
    if form == "rawcsv":
        return write_raw_csv(data, where / name)
    raise ValueError(form)


if __name__ == "__main__":  # python tests/acceptance/build.py OUTDIR: write them all to look at
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for n in ROSTERS:
        print(build(n, out))
