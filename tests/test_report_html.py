"""The HTML report: one self-contained page, everything escaped, a heat map per location."""

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest
from report_samples import MARKERS, hostile_report, marker_report

from rostercheck.findings import CheckKind
from rostercheck.report.html import render_html

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def hostile():
    roster, report = hostile_report()
    return roster, report, render_html(report, roster)


def test_input_text_is_escaped(hostile):
    _, _, page = hostile
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the name, shown as text
    assert "&lt;b&gt;ten hoogste 12 uur&lt;/b&gt;" in page  # a quote with markup
    assert "&lt;i&gt;let op&lt;/i&gt;" in page  # a report note
    assert "=HYPERLINK(&#34;http://evil.example&#34;,&#34;rooster&#34;).xlsx" in page
    assert "&#34;http" not in re.sub(r">[^<]*<", "><", page)  # the URL is text, never an attribute


def test_nothing_is_loaded_from_elsewhere(hostile):
    _, _, page = hostile
    assert not re.search(r"""(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:|//)""", page, re.I)
    assert not re.search(r"<(?:script|link|img|iframe|object|embed)\b", page, re.I)
    assert "@import" not in page
    for target in re.findall(r"url\(([^)]*)\)", page):
        assert target.strip("'\" ").startswith(("#", "data:")), target
    assert "default-src 'none'" in page  # and the browser is told so


def test_summary_and_findings_are_in_dutch_with_citations(hostile):
    _, report, page = hostile
    assert "Voldoet <strong>niet</strong> aan de normen" in page
    assert "Periode 02-03-2026 t/m 15-03-2026" in page
    assert f"<span class=\"num\">{report.counts()['errors']}</span><span class=\"lbl\">overtredingen</span>" in page
    assert "Bezetting <span class=\"code\">coverage</span>" in page
    assert "Arbeidstijden" in page and "labour_law" in page
    assert page.count('<tr class="sev-') == len(report.findings)
    assert "15N12-day-presence" in page and "05-03-2026 15:00<br>– 05-03-2026 22:00" in page
    assert "medewerker E2 (&lt;script&gt;" in page


def test_heat_map_is_inline_svg_with_tooltips_legend_and_windows(hostile):
    _, report, page = hostile
    assert page.count("<svg") == 2  # one per location
    assert "Dekking locatie @Noord" in page
    assert "<title>do 05-03-2026 15:00–16:00: tekort" in page
    assert "<title>wo 04-03-2026 01:00–02:00: niet te controleren" in page
    # Staffed hours next to each other are one rect with one tooltip (a month stays small).
    assert "<title>ma 02-03-2026 07:00–24:00: bezet" in page
    for label in ("bezet", "tekort", "niet te controleren", "geen norm van kracht", "overtreden venster"):
        assert f"</span>{label}</span>" in page
    coverage = [f for f in report.findings if f.check is CheckKind.COVERAGE]
    strips = page.count('<rect class="w"')
    # one strip per finding and per extra day it reaches into
    assert strips == sum(1 + (f.end.date() > f.start.date() and f.end.time().hour + f.end.minute > 0) for f in coverage)
    # a violated window is outlined to the minute: 15:00-22:00 starts at x = 96 + 15 * 34
    assert re.search(r'<rect class="w" x="606\.0" y="[\d.]+" width="237\.0"', page)


def test_print_styles(hostile):
    _, _, page = hostile
    assert "@media print" in page and "size: A4 landscape" in page


def test_pseudonymised_page_has_no_name(tmp_path):
    roster, report = marker_report()
    shown = render_html(report, roster)
    hidden = render_html(report, roster, pseudonymise=True)
    assert MARKERS[1] in shown  # E2's name next to the id and in the message
    for m in MARKERS:
        assert m not in hidden
    assert "medewerker E2<" in hidden and "Dienst van E2 te lang" in hidden


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
def test_page_renders_in_a_headless_browser(tmp_path, hostile):
    _, _, page = hostile
    html = tmp_path / "rapport.html"
    html.write_text(page, encoding="utf-8")
    png = tmp_path / "rapport.png"
    profile = tempfile.mkdtemp(prefix="chromium-")
    try:
        subprocess.run(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                f"--screenshot={png}", "--window-size=1400,2000", html.as_uri(),
            ],
            check=False, capture_output=True, timeout=120,
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert png.exists(), "chromium wrote no screenshot"
    assert _png_size(png) == (1400, 2000)
    # a blank page compresses to a few kilobytes; the report with its heat maps does not
    assert png.stat().st_size > 50_000
