"""One real browser session against a real server: log in, upload, read the report, download it.

Drives Debian's chromium (``apt-get install chromium``) through Playwright; the
server is uvicorn on a free loopback port, started and stopped by the test.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SAMPLE = Path(__file__).resolve().parent.parent / "sample_rosters" / "tarieven-15n.xlsx"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from web_support import Accounts, make_app, real_core_with_slow_fix
    from rostercheck.web.server import server_config

    app = make_app(tmp_path / "data", core=real_core_with_slow_fix(0.0), max_upload_bytes=200_000)
    accounts = Accounts(app)
    port = _free_port()
    srv = uvicorn.Server(server_config(app, "127.0.0.1", port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):  # bounded: at most 10 s
        if srv.started:
            break
        time.sleep(0.1)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", accounts
    srv.should_exit = True
    thread.join(timeout=10)


LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


def _login(page, base, name, token):
    from playwright.sync_api import expect

    page.goto(base + "/login")
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Token").fill(token)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Rooster controleren")).to_be_visible()


def _no_sideways_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url}: {overflow} px wider than a 375 px screen"


def test_session_phone_size_and_dutch_errors_in_a_browser(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from web_support import tiny_roster_bytes

    base, accounts = server
    roster = tmp_path / "rooster.xlsx"
    roster.write_bytes(tiny_roster_bytes(tmp_path))
    too_big = tmp_path / "groot.xlsx"
    too_big.write_bytes(b"\0" * 400_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            phone = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
            page = phone.new_page()
            page.set_default_timeout(30_000)
            _login(page, base, "planner-a", accounts.a)
            _no_sideways_scroll(page)
            page.locator("#file").set_input_files(str(roster))
            page.get_by_role("button", name="Uploaden en controleren").click()
            page.wait_for_url(f"{base}/uploads/*")
            _no_sideways_scroll(page)
            report_url = page.url

            # A link from another site (an opaque origin here) opens the page logged in,
            # and the session survives it.
            page.goto(f"data:text/html,<a id=go href='{report_url}'>rapport</a>")
            page.click("#go")
            page.wait_for_url(report_url)
            expect(page.get_by_role("heading", name="Rapport: rooster.xlsx")).to_be_visible()
            page.goto(base + "/login")
            expect(page.get_by_role("heading", name="Rooster controleren")).to_be_visible()

            # Too large: a Dutch page, not JSON.
            page.goto(base + "/uploads")
            page.locator("#file").set_input_files(str(too_big))
            page.get_by_role("button", name="Uploaden en controleren").click()
            expect(page.get_by_role("heading", name="Bestand te groot")).to_be_visible()
            expect(page.get_by_text("Het bestand is te groot (maximaal 0,2 MB).", exact=False)).to_be_visible()

            # Not Found / Method Not Allowed in Dutch.
            page.goto(base + "/bestaat-niet")
            expect(page.get_by_role("heading", name="Niet gevonden")).to_be_visible()
            page.goto(base + "/logout")  # GET on a POST-only route
            expect(page.get_by_text("methode niet toegestaan")).to_be_visible()

            # Logout ends the session on the server: the cookie, replayed, opens nothing.
            cookie = next(c for c in phone.cookies() if c["name"] == "rostercheck_session")
            page.goto(base + "/uploads")
            page.get_by_role("button", name="Uitloggen").click()
            expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
            replay = browser.new_context()
            replay.add_cookies([cookie])
            other = replay.new_page()
            other.goto(base + "/uploads")
            expect(other.get_by_role("heading", name="Inloggen")).to_be_visible()
        finally:
            browser.close()


def test_planner_uploads_and_reads_the_report_in_a_browser(server, tmp_path):
    import httpx
    from openpyxl import load_workbook
    from playwright.sync_api import expect, sync_playwright

    from web_support import tiny_roster_bytes

    base, accounts = server
    if SAMPLE.exists():
        roster = SAMPLE
    else:  # the sample rosters are not in this checkout: a tiny roster of our own
        roster = tmp_path / "rooster-maart.xlsx"
        roster.write_bytes(tiny_roster_bytes(tmp_path))

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        try:
            context = browser.new_context(accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(base + "/uploads")
            expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
            page.get_by_label("Naam").fill("planner-a")
            page.get_by_label("Token").fill(accounts.a)
            page.get_by_role("button", name="Inloggen").click()
            expect(page.get_by_text("Sleep uw rooster hierheen")).to_be_visible()

            page.locator("#file").set_input_files(str(roster))
            page.get_by_role("button", name="Uploaden en controleren").click()
            page.wait_for_url(f"{base}/uploads/*")
            expect(page.get_by_role("heading", name=f"Rapport: {roster.name}")).to_be_visible()

            upload_id = page.url.rsplit("/", 1)[-1].split("#")[0]
            report = httpx.get(f"{base}/api/rosters/{upload_id}", headers={"Authorization": f"Bearer {accounts.a}"}).json()["report"]
            assert report["findings"], "the sample roster should violate a norm"
            message = report["findings"][0]["message"]
            frame = page.frame_locator("iframe.report")
            expect(frame.get_by_role("cell", name=message).first).to_be_visible()

            with page.expect_download() as info:
                page.get_by_role("link", name="Excel-rapport downloaden").click()
            target = tmp_path / "download.xlsx"
            info.value.save_as(target)
            assert info.value.suggested_filename.endswith(".xlsx")
            wb = load_workbook(target, read_only=True)
            assert "Bevindingen" in wb.sheetnames
        finally:
            browser.close()
