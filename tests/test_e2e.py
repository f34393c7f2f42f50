"""End to end: the real app (`streamlit run app.py`) in a real headless Chromium.

Debian's /usr/bin/chromium through Playwright's sync API (Playwright's own browser
download cannot work here). Each flow gets its own server on 127.0.0.1 and its own copy
of a workspace built once with the CLI from the bundled sample, so the server starts at
once instead of analysing the sample on first start. Screenshots of every page land in
docs/screenshots/ (the README shows explore.png).

Flow 1 (issue 4, single-user mode): upload a CSV with a Russian header row, confirm the
column mapping, analyse it, open every page, drill down from a chart, download the Excel
list. Flow 2 (issue 5): users made with ``python -m cx users add``; a team lead sees and
downloads only their team and cannot open the Summary or the Taxonomy; an executive sees
only the Summary, without verbatims; a wrong password is refused.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from cx.config import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
# Generous: analysis, first renders and Plotly drawing are slow on a busy machine.
expect.set_options(timeout=60_000)

CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = PROJECT_ROOT / "data" / "samples" / "feedback_sample.csv"
SHOTS = PROJECT_ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
STATUS = '[data-testid="stStatusWidget"]'
RUNNING = re.compile("Running|Stop")
NAV = '[data-testid="stSidebarNav"]'
# Navigation title -> the page's own title (h1).
HEADINGS = {
    "Upload": "Upload feedback",
    "Explore": "Explore",
    "Lists": "Complaint lists",
    "Summary": "Summary",
    "Taxonomy": "Cause taxonomy",
    "Admin": "Administration",
}
LEAD = ("lead.billing", "team_lead", "Billing", "lead-secret-2025")
EXECUTIVE = ("exec.anna", "executive", None, "exec-secret-2025")
OTHER_TEAM = "Riga Contact Centre"
# Explore's clickable charts: key -> (its marks, the drill-down's second filter, the
# verbatim table's column for it). customdata is [cause, n, ...] for the bars and
# [cause, channel or team, n, total] for the matrices (cx.charts).
CLICKABLE = {
    "explore_chart_causes": (".barlayer .point path", None, None),
    "explore_chart_channel": (".scatterlayer .point", "channel", "Channel"),
    "explore_chart_team": (".scatterlayer .point", "team", "Team"),
}
VERBATIM_LIMIT = 200  # pages/explore.py shows the newest 200 rows of a drill-down

# -- the upload: 40 rows in five languages under a Russian header row -----------------

UPLOAD_HEADER = ["Номер обращения", "Дата", "Канал", "Команда", "Оценка", "Комментарий"]
UPLOAD_TEAMS = ("Billing", "Kaunas Office", "Narva Office")
UPLOAD_TEXTS = {
    "en": [
        "The agent was rude and hung up on me.",
        "You promised a refund within 5 days and nothing came.",
        "I was charged twice for the same order.",
        "My problem is still not solved after three calls.",
        "Nobody listens, I am just a ticket number to you.",
        "Staff were polite and fixed it quickly, thanks.",
        "The operator shouted at me on the phone.",
        "An extra fee appeared on my bill without warning.",
    ],
    "ru": [
        "Оператор нагрубил мне и бросил трубку.",
        "Обещали перезвонить и так и не перезвонили.",
        "С меня списали деньги дважды за один заказ.",
        "Проблема до сих пор не решена.",
        "Ко мне относятся как к номеру в очереди.",
        "Спасибо, всё быстро решили.",
        "Сотрудник был очень груб и невежлив.",
        "Навязали платную услугу без моего согласия.",
    ],
    "lt": [
        "Konsultantas buvo nemandagus ir padėjo ragelį.",
        "Žadėjo grąžinti pinigus per savaitę, bet negrąžino.",
        "Du kartus nuskaičiavo pinigus už tą patį užsakymą.",
        "Problema vis dar neišspręsta po trijų skambučių.",
        "Jaučiuosi kaip eilinis numeris.",
        "Ačiū, viską greitai sutvarkė.",
        "Darbuotoja šaukė ant manęs telefonu.",
        "Sąskaitoje atsirado papildomas mokestis be įspėjimo.",
    ],
    "lv": [
        "Operators bija rupjš un nometa klausuli.",
        "Solīja atzvanīt, bet neviens nezvanīja.",
        "Naudu noņēma divreiz par vienu pasūtījumu.",
        "Problēma joprojām nav atrisināta.",
        "Jūtos kā numurs rindā.",
        "Paldies, visu ātri nokārtoja.",
        "Darbinieks uz mani kliedza.",
        "Rēķinā parādījās papildu maksa bez brīdinājuma.",
    ],
    "et": [
        "Klienditeenindaja oli ebaviisakas ja pani toru ära.",
        "Lubati raha tagasi maksta, aga midagi ei tulnud.",
        "Raha võeti kaks korda sama tellimuse eest.",
        "Probleem on siiani lahendamata.",
        "Tunnen end nagu number järjekorras.",
        "Aitäh, kõik lahendati kiiresti.",
        "Töötaja karjus minu peale telefonis.",
        "Arvele tekkis lisatasu ilma hoiatuseta.",
    ],
}
EMPTY_ROWS = (5, 17)  # 0-based rows whose comment is blank: the ledger rejects them


def _write_upload(path: Path) -> Path:
    rows = []
    for n, text in enumerate(
        (t for texts in UPLOAD_TEXTS.values() for t in texts), start=1
    ):
        rows.append(
            [
                f"RU-{n:03d}",
                f"2026-02-{n % 27 + 1:02d} 10:{n:02d}",
                ("phone", "e-mail", "chat", "office")[n % 4],
                UPLOAD_TEAMS[n % 3],
                str(1 + n % 5),
                text,
            ]
        )
    for i in EMPTY_ROWS:
        rows[i][-1] = " " * (i % 3)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(UPLOAD_HEADER)
        writer.writerows(rows)
    return path


# -- the server -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A ``streamlit run app.py`` subprocess on 127.0.0.1 over one workspace file."""

    url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def _start_server(db: Path, folder: Path) -> Iterator[Server]:
    port = _free_port()
    env = {
        **os.environ,
        "CX_DB": str(db),
        "CX_SAMPLE": str(SAMPLE),
        "PYTHONUNBUFFERED": "1",
    }
    log = folder / f"streamlit-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
                "--client.toolbarMode",
                "minimal",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_healthy(server, timeout=60)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait_healthy(server: Server, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if server.process.poll() is not None:
            pytest.fail(f"streamlit exited at start:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"streamlit was not healthy within {timeout:.0f} s:\n{server.log_tail()}"
    )


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "cx", *args],
        cwd=PROJECT_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (
        f"`python -m cx {' '.join(args)}` exited {done.returncode}:\n"
        f"{done.stdout}\n{done.stderr}"
    )
    return done


# -- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the end-to-end tests drive Debian's Chromium. "
            "Install it with `apt-get install chromium` (.ci/run does)."
        )
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_workspace(tmp_path_factory) -> Path:
    """A workspace file holding the analysed bundled sample, built once by the CLI."""
    path = tmp_path_factory.mktemp("e2e-base") / "workspace.duckdb"
    _cli("ingest", str(SAMPLE), "--db", str(path), "--quiet")
    return path


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    frame = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    return [t.strip() for t in frame["Comment"] if len(t.strip()) >= 25]


@pytest.fixture(scope="module")
def single_user_app(base_workspace, tmp_path_factory) -> Iterator[Server]:
    """The app over a copy of the sample workspace, with no user: single-user mode."""
    folder = tmp_path_factory.mktemp("e2e-single")
    db = folder / "workspace.duckdb"
    shutil.copy(base_workspace, db)
    yield from _start_server(db, folder)


@pytest.fixture(scope="module")
def signed_app(base_workspace, tmp_path_factory) -> Iterator[Server]:
    """The app over a copy of the sample workspace with a team lead and an executive."""
    folder = tmp_path_factory.mktemp("e2e-signed")
    db = folder / "workspace.duckdb"
    shutil.copy(base_workspace, db)
    for name, role, team, password in (LEAD, EXECUTIVE):
        extra = ["--team", team] if team else []
        _cli(
            "users",
            "add",
            name,
            "--role",
            role,
            *extra,
            "--password-stdin",
            "--db",
            str(db),
            stdin=password + "\n",
        )
    yield from _start_server(db, folder)


@pytest.fixture
def page(browser) -> Iterator[Page]:
    """A fresh browser context (a new Streamlit session) at 1280 × 900."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    # st.dataframe's own "Download as CSV" uses the save-file picker when the browser
    # has one; without it, it falls back to an ordinary download Playwright can catch.
    context.add_init_script("delete window.showSaveFilePicker;")
    context.set_default_timeout(60_000)
    tab = context.new_page()
    yield tab
    context.close()


# -- driving Streamlit ----------------------------------------------------------------


def settle(page: Page, timeout: float = 90) -> None:
    """Wait until the app has stopped running (no "Running… Stop" for ~1 s)."""
    end = time.monotonic() + timeout
    running = page.locator(STATUS).filter(has_text=RUNNING)
    quiet = 0
    while quiet < 4:
        page.wait_for_timeout(250)
        quiet = 0 if running.count() else quiet + 1
        assert time.monotonic() < end, "the app was still running after the timeout"


def open_app(page: Page, server: Server, path: str = "/") -> None:
    page.goto(server.url + path)
    expect(page.locator('[data-testid="stAppViewContainer"]')).to_be_visible()
    settle(page)


def heading(page: Page, title: str):
    return page.get_by_role("heading", name=title, level=1, exact=True)


def nav_titles(page: Page) -> list[str]:
    links = page.locator(NAV).get_by_role("link")
    # A link's text is its Material icon's name, then its title.
    return [t.strip().splitlines()[-1].strip() for t in links.all_inner_texts()]


def go_to(page: Page, title: str) -> None:
    """Open a page through the sidebar navigation and wait for its title."""
    page.locator(NAV).get_by_role("link", name=title, exact=True).click()
    expect(heading(page, HEADINGS[title])).to_be_visible()
    settle(page)


def assert_no_traceback(page: Page) -> None:
    body = page.locator("body").inner_text()
    assert "Traceback" not in body, body[:3000]
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def wait_for_charts(page: Page, n: int) -> None:
    """Wait until ``n`` Plotly charts have drawn their axes (for the screenshots)."""
    drawn = page.locator(".js-plotly-plot .main-svg")
    expect(page.locator(".js-plotly-plot")).to_have_count(n)
    for i in range(drawn.count()):
        expect(drawn.nth(i)).to_be_visible()
    settle(page)


def screenshot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def caption_number(page: Page, pattern: str) -> int:
    """The number in the first caption matching ``pattern`` (one group, e.g. 1,234)."""
    text = page.locator('[data-testid="stCaptionContainer"]').filter(
        has_text=re.compile(pattern)
    )
    expect(text).to_have_count(1)
    return int(re.search(pattern, text.inner_text()).group(1).replace(",", ""))


def pick(page: Page, label: str, option: str) -> None:
    """Choose ``option`` in the sidebar multiselect ``label``."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    settle(page)


def options_of(page: Page, label: str) -> list[str]:
    page.get_by_role("combobox", name=label).click()
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    values = [t.strip() for t in listbox.get_by_role("option").all_inner_texts()]
    page.keyboard.press("Escape")
    return values


def click_mark(page: Page, chart_key: str, selector: str, index: int) -> dict:
    """Click mark ``index`` of a Plotly chart like a person does; return its data.

    The marks sit under Plotly's drag layer, so the mouse goes to the mark's centre.
    """
    plot = page.locator(f".st-key-{chart_key} .js-plotly-plot")
    plot.scroll_into_view_if_needed()
    mark = plot.locator(selector).nth(index)
    point = plot.evaluate(
        "(gd, i) => { const t = gd.data[0]; return {x: t.x[i] ?? null, "
        "y: t.y[i] ?? null, customdata: t.customdata ? t.customdata[i] : null}; }",
        index,
    )
    box = mark.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    page.wait_for_timeout(200)
    page.mouse.click(x, y)
    return point


def download(page: Page, button, folder: Path) -> Path:
    with page.expect_download() as info:
        button.click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def read_xlsx(path: Path) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list, list]:
    book = openpyxl.load_workbook(path)
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    return sheet, list(values[0]), values[1:]


def close_page_not_found(page: Page) -> bool:
    """Close Streamlit's "Page not found" dialog (a URL of a page the visitor lacks)."""
    dialog = page.locator('[data-testid="stDialog"]').filter(has_text="Page not found")
    if not dialog.count():
        return False
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    return True


def sign_in(page: Page, name: str, password: str) -> None:
    expect(heading(page, "Sign in to cx")).to_be_visible()
    close_page_not_found(page)
    page.get_by_role("textbox", name="User name", exact=True).fill(name)
    page.get_by_role("textbox", name="Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    settle(page)


# -- flow 1: single-user mode ---------------------------------------------------------


def test_an_uploaded_russian_header_csv_is_mapped_analysed_and_stored(
    single_user_app, page, tmp_path
):
    upload = _write_upload(tmp_path / "atsiliepimai.csv")
    open_app(page, single_user_app)
    expect(page.get_by_text("Single-user mode")).to_be_visible()
    go_to(page, "Upload")
    page.locator('input[type="file"]').set_input_files(upload)
    analyse = page.get_by_role("button", name="Analyse and store")
    expect(analyse).to_be_visible()
    settle(page)

    guessed = {
        "Text (required)": "Комментарий",
        "Date": "Дата",
        "Channel": "Канал",
        "Team": "Команда",
        "Rating": "Оценка",
        "Record id": "Номер обращения",
        "Customer id": "— none —",
    }
    for label, column in guessed.items():
        expect(page.get_by_role("combobox", name=label, exact=True)).to_have_value(
            column
        )
    metrics = page.locator('[data-testid="stMetric"]')
    expect(metrics.filter(has_text="Rows read")).to_contain_text("40")
    expect(metrics.filter(has_text="Accepted")).to_contain_text("38")
    expect(metrics.filter(has_text="Rejected")).to_contain_text("2")

    analyse.click()
    expect(
        page.get_by_text("atsiliepimai.csv: stored 38 rows (2 rejected)")
    ).to_be_visible(timeout=120_000)
    settle(page)
    assert_no_traceback(page)
    page.get_by_text("Column mapping").evaluate("e => e.scrollIntoView()")
    screenshot(page, "upload")

    # The new rows are in the dashboard: their team is a filter choice on Explore.
    go_to(page, "Explore")
    assert "Narva Office" in options_of(page, "Team")


def test_a_date_column_in_doubt_can_be_read_month_first_on_upload(
    single_user_app, page, tmp_path
):
    # 30 rows only day-first allows (days 13-28 of April-June) and 30 that fit both
    # orders: read day-first they spread over the year, month-first they fall in
    # April-June like the others, so cx warns and offers the choice
    days = [f"{d:02d}-{m:02d}-2015" for m in (4, 5, 6) for d in range(13, 23)]
    either = [f"{m:02d}-{d:02d}-2015" for m in (4, 5, 6) for d in range(1, 11)]
    path = tmp_path / "mixed_dates.csv"
    pd.DataFrame(
        {
            "Date": days + either,
            "Complaint": [f"Charged twice, ticket {i}" for i in range(60)],
        }
    ).to_csv(path, index=False)
    open_app(page, single_user_app)
    go_to(page, "Upload")
    page.locator('input[type="file"]').set_input_files(path)
    expect(page.get_by_text("day and month look swapped")).to_be_visible()
    settle(page)
    page.get_by_text("Month first (04-06-2015 is 6 April)").click()
    settle(page)
    expect(page.get_by_text("day and month look swapped")).to_have_count(0)
    expect(page.get_by_text("read month-first, as chosen")).to_be_visible()
    metrics = page.locator('[data-testid="stMetric"]')
    expect(metrics.filter(has_text="Accepted")).to_contain_text("60")
    page.get_by_role("button", name="Analyse and store").click()
    expect(page.get_by_text("mixed_dates.csv: stored 60 rows")).to_be_visible(
        timeout=120_000
    )
    assert_no_traceback(page)


def _write_two_sheet_workbook(path: Path) -> Path:
    """A workbook whose first sheet holds notes and whose second holds the feedback."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Info"
    notes.append(["Export notes"])
    notes.append(["Exported from the helpdesk on 2026-03-01"])
    data = book.create_sheet("Data")
    data.append(["Ticket", "Date", "Channel", "Team", "Comment"])
    for n in range(12):
        data.append(
            [
                f"T-{n}",
                f"2026-02-{n + 1:02d}",
                "phone",
                "Billing",
                f"Charged twice for the same invoice, case {n}",
            ]
        )
    book.save(path)
    return path


def test_a_broken_workbook_keeps_its_error_and_another_sheet_gets_its_own_mapping(
    single_user_app, page, tmp_path
):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("id,comment\n1,not really a workbook\n", encoding="utf-8")
    book = _write_two_sheet_workbook(tmp_path / "export.xlsx")
    open_app(page, single_user_app)
    go_to(page, "Upload")
    page.locator('input[type="file"]').set_input_files([broken, book])
    settle(page)
    # the broken file says what is wrong, and the good workbook is still offered
    expect(page.get_by_text("broken.xlsx looks like CSV text")).to_be_visible()
    expect(page.get_by_role("button", name="Analyse and store")).to_be_visible()
    # the workbook opens on its feedback sheet, not on the notes sheet before it
    expect(page.get_by_role("combobox", name="Sheet", exact=True)).to_have_value("Data")
    # the notes sheet has no date column; each sheet's mapping is guessed on its own
    pick(page, "Sheet", "Info")
    expect(page.get_by_role("combobox", name="Date", exact=True)).to_have_value(
        "— none —"
    )
    pick(page, "Sheet", "Data")
    for label, column in {
        "Text (required)": "Comment",
        "Date": "Date",
        "Channel": "Channel",
        "Team": "Team",
        "Record id": "Ticket",
    }.items():
        expect(page.get_by_role("combobox", name=label, exact=True)).to_have_value(
            column
        )
    expect(
        page.locator('[data-testid="stMetric"]').filter(has_text="Accepted")
    ).to_contain_text("12")
    assert_no_traceback(page)


def test_every_page_opens_from_the_navigation_without_a_traceback(
    single_user_app, page
):
    open_app(page, single_user_app)
    expected = [t for t in HEADINGS if t != "Admin"]
    if (PROJECT_ROOT / "pages" / "admin.py").is_file():
        expected.append("Admin")
    assert sorted(nav_titles(page)) == sorted(expected)
    charts = {"Explore": 6, "Summary": None}
    for title in expected:
        go_to(page, title)
        if title in charts:
            expect(page.locator(".js-plotly-plot").first).to_be_visible()
            settle(page)
            wait_for_charts(
                page, charts[title] or page.locator(".js-plotly-plot").count()
            )
        assert_no_traceback(page)
        if title != "Upload":  # upload.png shows a file mapped and analysed
            screenshot(page, title.lower())


@pytest.mark.parametrize("title", ["Explore", "Lists", "Summary", "Upload"])
def test_a_typed_page_url_opens_that_page(single_user_app, page, title):
    # a bookmarked or typed /explore is the page itself, never "Page not found"
    open_app(page, single_user_app, "/" + title.lower())
    expect(heading(page, HEADINGS[title])).to_be_visible()
    assert "Page not found" not in page.locator("body").inner_text()
    expect(page).to_have_url(re.compile(rf"/{title.lower()}$"))
    assert_no_traceback(page)


def test_the_root_url_forwards_to_explore_with_its_filters(single_user_app, page):
    open_app(page, single_user_app, "/?team=" + OTHER_TEAM.replace(" ", "+"))
    expect(heading(page, "Explore")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/explore\?team=Riga"))
    expect(_chips(page, "explore_teams")).to_have_count(1)
    assert "Page not found" not in page.locator("body").inner_text()
    assert_no_traceback(page)


def _drill_down(page: Page, chart: str, folder: Path) -> list[str]:
    """Click the smallest mark of ``chart``; what is wrong with the drill-down."""
    selector, dim, column = CLICKABLE[chart]
    plot = page.locator(f".st-key-{chart} .js-plotly-plot")
    data = plot.evaluate("gd => gd.data[0].customdata")
    if not 0 < plot.locator(selector).count() == len(data):
        return [f"{chart}: {len(data)} data points but not as many marks"]
    n_at = 1 if dim is None else 2
    # The smallest mark with rows: the drill-down table then holds all of them.
    index = min(
        (i for i, d in enumerate(data) if d[n_at] > 0), key=lambda i: data[i][n_at]
    )
    point = click_mark(page, chart, selector, index)
    n, label = point["customdata"][n_at], point["y"]
    # the heading names the click in words: the cause's label, then the channel/team
    wanted = [str(label)] + ([] if dim is None else [str(point["x"])])
    drilled = page.get_by_role("heading", name="Verbatims behind the click")
    expect(drilled).to_be_visible()
    settle(page)
    described = drilled.inner_text()
    if not all(w in described for w in wanted):
        return [
            f"{chart}: clicked {point['x']} × {label} ({n} rows) but the drill-down "
            f"shows {described!r}"
        ]
    problems = []
    matched = caption_number(page, r"([\d,]+) rows match")
    if matched != n:
        problems.append(f"{chart}: the mark holds {n} rows, the caption says {matched}")
    table = page.locator('[data-testid="stDataFrame"]').last
    table.hover()
    if table.get_by_role("button", name="Download as CSV").count():
        problems.append(f"{chart}: the table offers an unaudited CSV download")
    return problems


def test_clicking_a_bar_or_a_matrix_cell_drills_down_to_exactly_its_rows(
    single_user_app, page, tmp_path
):
    open_app(page, single_user_app)
    expect(heading(page, "Explore")).to_be_visible()
    wait_for_charts(page, 6)
    problems = []
    for chart in CLICKABLE:
        back = page.get_by_role("button", name="Back to all verbatims")
        if back.count():
            back.click()
            expect(
                page.get_by_role("heading", name="Verbatims", exact=True)
            ).to_be_visible()
            settle(page)
        problems += _drill_down(page, chart, tmp_path)
        assert_no_traceback(page)
    assert problems == [], "\n".join(problems)


def test_the_excel_list_holds_exactly_the_filtered_rows(
    single_user_app, page, tmp_path
):
    open_app(page, single_user_app)
    go_to(page, "Lists")
    everything = caption_number(page, r"([\d,]+) complaints match")
    pick(page, "Team", OTHER_TEAM)
    expect(page).to_have_url(re.compile(r"[?&]team=Riga"))
    total = caption_number(page, r"([\d,]+) complaints match")
    assert 0 < total < everything

    path = download(page, page.get_by_role("button", name="Download Excel"), tmp_path)
    sheet, header, rows = read_xlsx(path)
    assert header[:8] == [
        "Cause",
        "Confidence",
        "Date",
        "Channel",
        "Team",
        "Language",
        "Text",
        "Evidence",
    ]
    assert len(rows) == total
    assert {r[header.index("Team")] for r in rows} == {OTHER_TEAM}
    assert all(r[header.index("Text")] for r in rows)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert_no_traceback(page)


# -- flow 2: sign-in and roles --------------------------------------------------------


def test_a_wrong_password_is_refused_with_an_error(signed_app, page):
    open_app(page, signed_app)
    expect(heading(page, "Sign in to cx")).to_be_visible()
    assert nav_titles(page) == []
    screenshot(page, "signin")
    sign_in(page, LEAD[0], "not-the-password")
    expect(page.locator('[data-testid="stAlert"]').first).to_be_visible()
    expect(heading(page, "Sign in to cx")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    assert_no_traceback(page)


def test_a_team_lead_sees_and_downloads_only_their_team(signed_app, page, tmp_path):
    name, _, team, password = LEAD
    open_app(page, signed_app)
    sign_in(page, name, password)
    expect(heading(page, "Explore")).to_be_visible()
    settle(page)
    assert sorted(nav_titles(page)) == ["Explore", "Lists"]
    assert options_of(page, "Team") == [team]
    assert_no_traceback(page)

    go_to(page, "Lists")
    assert options_of(page, "Team") == [team]
    total = caption_number(page, r"([\d,]+) complaints match")
    screenshot(page, "lead_lists")
    path = download(page, page.get_by_role("button", name="Download Excel"), tmp_path)
    _, header, rows = read_xlsx(path)
    assert len(rows) == total > 0
    assert {r[header.index("Team")] for r in rows} == {team}


@pytest.mark.parametrize("path", ["/summary", "/taxonomy", "/upload"])
def test_a_team_lead_cannot_open_pages_outside_their_role_by_url(
    signed_app, page, path
):
    name, _, team, password = LEAD
    open_app(page, signed_app, path)
    sign_in(page, name, password)
    settle(page)
    title = next(h for t, h in HEADINGS.items() if t.lower() == path.strip("/"))
    expect(heading(page, title)).to_have_count(0)
    assert sorted(nav_titles(page)) == ["Explore", "Lists"]
    assert_no_traceback(page)


def test_a_crafted_team_in_the_url_shows_a_team_lead_no_other_team(
    signed_app, page, tmp_path
):
    name, _, team, password = LEAD
    open_app(page, signed_app, "/lists?team=" + OTHER_TEAM.replace(" ", "+"))
    sign_in(page, name, password)
    # the link's page opens, the other team is left out and the lead is told so
    expect(heading(page, "Complaint lists")).to_be_visible()
    expect(page.get_by_text("asked for a team outside yours")).to_be_visible()
    assert OTHER_TEAM not in page.locator("body").inner_text()
    path = download(page, page.get_by_role("button", name="Download Excel"), tmp_path)
    _, header, rows = read_xlsx(path)
    assert {r[header.index("Team")] for r in rows} == {team}
    assert_no_traceback(page)


def test_an_executive_sees_only_the_summary_and_no_verbatims(
    signed_app, page, sample_texts, tmp_path
):
    name, _, _, password = EXECUTIVE
    open_app(page, signed_app)
    sign_in(page, name, password)
    expect(heading(page, "Summary")).to_be_visible()
    assert set(nav_titles(page)) <= {"Summary"}
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    settle(page)
    wait_for_charts(page, page.locator(".js-plotly-plot").count())
    screenshot(page, "executive_summary")
    body = page.locator("body").inner_text()
    # Tables draw on a canvas and offer no export of their own (disableDataExport):
    # the aggregate tables' contents are checked without a browser in test_roles.py.
    tables = page.locator('[data-testid="stDataFrame"]')
    for i in range(tables.count()):
        tables.nth(i).hover()
        assert not tables.nth(i).get_by_role("button", name="Download as CSV").count()
    shown = [t for t in sample_texts if t in body]
    assert shown == [], f"the executive's Summary shows verbatims: {shown[:3]}"
    assert_no_traceback(page)


# -- QA pass: Clear filters in the browser --------------------------------------------


def _chips(page: Page, key: str):
    """The chosen values a multiselect shows (its tags)."""
    return page.locator(f".st-key-{key} [data-tag]")


def test_clear_filters_empties_the_widgets_and_the_next_change_applies_alone(
    single_user_app, page
):
    open_app(page, single_user_app)
    go_to(page, "Lists")
    pick(page, "Team", OTHER_TEAM)
    expect(_chips(page, "lists_teams")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]team=Riga"))

    page.get_by_role("button", name="Clear filters").click()
    settle(page)
    expect(_chips(page, "lists_teams")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"team="))

    pick(page, "Channel", "chat")
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]channel=chat"))
    expect(page).not_to_have_url(re.compile(r"team="))
    expect(_chips(page, "lists_teams")).to_have_count(0)
    expect(_chips(page, "lists_channels")).to_have_count(1)
    assert_no_traceback(page)


# -- QA pass: a shared link opened signed out -----------------------------------------


def test_a_link_opened_signed_out_lands_on_its_page_and_filters_after_sign_in(
    signed_app, page
):
    name, _, team, password = LEAD
    open_app(page, signed_app, "/lists?team=" + team.replace(" ", "+"))
    expect(heading(page, "Sign in to cx")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/lists\?team=Billing$"))
    sign_in(page, name, password)
    expect(heading(page, "Complaint lists")).to_be_visible()
    settle(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/lists\?team=Billing"))
    chosen = page.locator(".st-key-lists_teams").get_by_text(team, exact=True)
    expect(chosen).to_be_visible()
    assert_no_traceback(page)


def test_lists_starts_from_the_explore_filters_by_menu_and_by_link(
    single_user_app, page
):
    open_app(page, single_user_app)
    expect(heading(page, "Explore")).to_be_visible()
    pick(page, "Team", OTHER_TEAM)
    expect(page).to_have_url(re.compile(r"[?&]team=Riga"))

    go_to(page, "Lists")  # the menu opens Lists without a query string
    expect(_chips(page, "lists_teams")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/lists\?.*team=Riga"))
    narrowed = caption_number(page, r"([\d,]+) complaints match")

    page.get_by_role("button", name="Clear filters").click()
    settle(page)
    assert caption_number(page, r"([\d,]+) complaints match") > narrowed
    go_to(page, "Explore")
    expect(_chips(page, "explore_teams")).to_have_count(1)
    link = page.get_by_role("link", name="Download this list")
    link.scroll_into_view_if_needed()
    link.click()
    expect(heading(page, "Complaint lists")).to_be_visible()
    settle(page)
    expect(_chips(page, "lists_teams")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/lists\?.*team=Riga"))
    assert caption_number(page, r"([\d,]+) complaints match") == narrowed
    assert_no_traceback(page)


# -- the README's first command: a fresh workspace analyses the sample on first start --


def test_a_fresh_workspace_shows_the_menu_while_the_sample_is_analysed(page, tmp_path):
    # While the first start analyses the bundled sample (several seconds), the sidebar
    # holds cx's own menu, never Streamlit's listing of the pages/ folder ("common").
    for server in _start_server(tmp_path / "fresh.duckdb", tmp_path):
        page.goto(server.url + "/")
        expect(
            page.get_by_text("First start: analysing the bundled sample")
        ).to_be_visible(timeout=30_000)
        titles = nav_titles(page)
        assert titles and set(titles) <= set(HEADINGS), titles
        expect(heading(page, "Explore")).to_be_visible(timeout=120_000)
        settle(page)
        assert set(nav_titles(page)) <= set(HEADINGS)
        assert_no_traceback(page)


def test_a_summary_evidence_link_opens_explore_with_its_filters(single_user_app, page):
    open_app(page, single_user_app)
    go_to(page, "Summary")
    page.get_by_role("link", name="Evidence").first.click()
    expect(heading(page, "Explore")).to_be_visible()
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]from=\d{4}-\d{2}-01"))
    assert "Page not found" not in page.locator("body").inner_text()
    assert_no_traceback(page)
