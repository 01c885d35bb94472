"""The shipped norm files: they load, their ids are the ones planners type, and every
citation is a verbatim excerpt of the source document it names.

Quote matching normalises the seed text the way a reader does: HTML tags and
markdown emphasis (``<b>``, ``**``) left by the PDF extraction are removed, HTML
entities decoded, and all whitespace (line breaks of the flattened tables
included) collapsed to single spaces. Nothing else: no hyphenation joining and no
spelling fixes, so a quote is the document's own words.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from rostercheck.normsets import load_catalogue
from rostercheck.normsets.loader import load_norm_file

ROOT = Path(__file__).resolve().parent.parent
NORMS = ROOT / "norms"
SEEDS = Path("/work/shared/seeds")
if not SEEDS.is_dir():
    SEEDS = ROOT.parent / "shared" / "seeds"

DOCUMENT_SETS = {
    "oost-veluwe-2024": "000_2b367b62bc67b329.txt",
    "tarieven-15n": "001_77567c317f0dbd0c.txt",
    "zou-segment-b": "002_ed58e8971e6e327f.txt",
    "bijlage5": "003_01ffebea9e303501.txt",
    "centraal-gelderland": "004_33725a8aa35f652e.txt",
}

# NORMS.md, "Ids users type": every id must resolve, case-insensitively.
TYPED_IDS = {
    "oost-veluwe-2024": ["IHT-P", "IHT-I", "HGV", "TVV"],
    "tarieven-15n": ["15N02", "15N03", "15N04", "15N11", "15N12", "15N13", "15N14", "15N15",
                     "15N16", "15N17", "15N31", "15N41"],
    "zou-segment-b": ["02B03", "02B04", "02B05"],
    "bijlage5": ["BT", "DB-BASIS", "DB-PLUS", "IB-BASIS", "IB-PLUS"],
    "centraal-gelderland": ["15B01", "15B02", "15B03", "15B04", "15B09", "15B10", "15B15", "15B16",
                            "15B17", "15B18", "15B19", "15B20", "15B21", "15B22", "15B23", "15B24",
                            "15B33", "15B34", "15B35", "15B36"],
}

FULL_NAMES = {
    "oost-veluwe-2024": {"Integraal hersteltraject Perspectief": "IHT-P", "Integraal hersteltraject Intensief": "IHT-I",
                         "Herstelgericht verblijf": "HGV", "Terugvalvoorziening": "TVV"},
    "tarieven-15n": {"Beschermd Wonen: middel": "15N12", "beschermd wonen zwaar": "15N13",
                     "Toeslag wakende wacht": "15N16", "Meerzorg": "15N31"},
    "zou-segment-b": {"Individuele begeleiding 24/7 bereikbaar": "02B03", "Bemoeizorg": "02B04",
                      "Intensieve begeleiding en casusregie": "02B05"},
    "bijlage5": {"Beschermd Thuis": "BT", "Dagbesteding basis": "DB-BASIS", "Individuele begeleiding plus": "IB-PLUS"},
    "centraal-gelderland": {"Intramuraal beschermd wonen intensief": "15B03", "Groepswonen hoog Lvb": "15B24",
                            "Beschermd wonen Logeren": "LOGEREN"},
}


def normalise(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).replace("*", "")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(NORMS)


def test_every_file_loads_and_the_five_sets_are_there(catalogue):
    for path in sorted(NORMS.glob("*.yml")):
        assert load_norm_file(path).id == path.stem
    ids = {s.id for s in catalogue}
    assert set(DOCUMENT_SETS) <= ids
    for set_id, document in DOCUMENT_SETS.items():
        assert catalogue.get(set_id).document == document
        assert catalogue.get(set_id.upper()) is catalogue.get(set_id)


@pytest.mark.parametrize("set_id", sorted(TYPED_IDS))
def test_typed_product_ids_resolve_case_insensitively(catalogue, set_id):
    norm_set = catalogue.get(set_id)
    for product_id in TYPED_IDS[set_id]:
        for typed in (product_id, product_id.lower(), f"  {product_id} "):
            found = norm_set.product(typed)
            assert found is not None and found.id == product_id, typed


@pytest.mark.parametrize("set_id", sorted(FULL_NAMES))
def test_full_dutch_names_resolve(catalogue, set_id):
    norm_set = catalogue.get(set_id)
    for name, product_id in FULL_NAMES[set_id].items():
        assert norm_set.product(name).id == product_id
        assert norm_set.product(name.upper()).id == product_id


def test_product_names_and_aliases_are_unambiguous(catalogue):
    for norm_set in catalogue:
        seen: dict[str, str] = {}
        for p in norm_set.products:
            for key in {p.id.lower(), p.name.lower(), *(a.lower() for a in p.aliases)}:
                assert seen.setdefault(key, p.id) == p.id, f"{norm_set.id}: {key!r} names two products"


def _citations(norm_set):
    for p in norm_set.products:
        yield f"product {p.id}", p.source
    for n in norm_set.norms:
        yield f"norm {n.id}", n.source
    for u in norm_set.unchecked:
        yield f"unchecked {u.id}", u.source


@pytest.mark.parametrize("set_id", sorted(DOCUMENT_SETS))
def test_every_quote_is_verbatim_in_its_document(catalogue, set_id):
    norm_set = catalogue.get(set_id)
    texts: dict[str, str] = {}
    missing = []
    for what, source in _citations(norm_set):
        if source.document not in texts:
            texts[source.document] = normalise((SEEDS / source.document).read_text(encoding="utf-8"))
        quote = normalise(source.quote)
        assert quote, f"{what}: empty quote"
        assert source.section.strip(), f"{what}: empty section"
        if quote not in texts[source.document]:
            missing.append(f"{what}: {source.quote!r}")
    assert missing == []


@pytest.mark.parametrize("set_id", sorted(DOCUMENT_SETS))
def test_quotes_are_short(catalogue, set_id):
    for what, source in _citations(catalogue.get(set_id)):
        assert len(source.quote) <= 240, what


def test_norms_reference_known_products_and_name_their_source_document(catalogue):
    for set_id in DOCUMENT_SETS:
        norm_set = catalogue.get(set_id)
        known = {p.id for p in norm_set.products}
        for n in norm_set.norms:
            assert n.products, n.id
            assert set(n.products) <= known, n.id
            assert n.source.document == norm_set.document, n.id
        for p in norm_set.products:
            assert set(p.requires_one_of) <= known


def test_tariff_assumptions_are_info_and_the_wakende_wacht_needs_bw_middel_or_zwaar(catalogue):
    assert catalogue.get("tarieven-15n").product("15N16").requires_one_of == ("15N12", "15N13")
    for set_id in DOCUMENT_SETS:
        for n in catalogue.get(set_id).norms:
            if "tariff" in n.id:
                assert n.severity.value == "info", n.id


def test_night_windows_match_the_documents(catalogue):
    bw = catalogue.get("tarieven-15n")
    norms = {n.id: n for n in bw.norms}
    night = norms["15N13-night-response"].params
    assert (night.window.start.hour, night.window.end.hour, night.response_min) == (22, 7, 15)
    assert norms["15N12-night-response"].params.response_min == 45
    assert norms["15N16-awake-night"].params.presence.value == "awake_on_site"
    day = norms["15N12-day-presence"].params.window
    assert (day.start.hour, day.end.hour) == (7, 22)


@pytest.mark.parametrize("set_id", sorted(DOCUMENT_SETS))
def test_every_quote_in_an_interpretation_is_verbatim_in_its_document(catalogue, set_id):
    """An interpretation rests on the document's own words: whatever it puts in double
    quotes is in the seed (case aside: a quote may start a sentence of its own)."""
    norm_set = catalogue.get(set_id)
    text = normalise((SEEDS / norm_set.document).read_text(encoding="utf-8")).lower()
    missing = []
    for n in norm_set.norms:
        for quote in re.findall(r'"([^"]+)"', n.interpretation or ""):
            if normalise(quote).lower() not in text:
                missing.append(f"{n.id}: {quote!r}")
    assert missing == []
