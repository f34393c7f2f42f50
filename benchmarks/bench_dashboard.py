"""Dashboard speed: read models behind one Explore render on 1M rows, and app start.

Builds (once, then reuses) a workspace of synthetic rows inserted through the store
(analysis columns synthetic too: no model is run; a file of an older schema is
migrated when opened), then times, uncached:
  * one Explore render's reads (filter options, explore_data, count, 200 verbatims)
    for several filter combinations -> p50 / p95 ms;
  * the Summary read model;
  * app start: a fresh process running AppTest.from_file("app.py").run() (imports +
    router + the first page script), and ``streamlit run`` until /_stcore/health
    answers and the first page script has completed (headless HTTP GET of the page
    does not run the script, so that part is measured with AppTest).

Reproduce:
    python benchmarks/bench_dashboard.py [--rows 1000000] [--db /tmp/cx_bench.duckdb]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cx.access import Role, Scope  # noqa: E402
from cx.analysis import Analysis  # noqa: E402
from cx.filters import Filters  # noqa: E402
from cx.ingest import ColumnMapping, IngestResult, Ledger, RawTable  # noqa: E402
from cx.shifts import find_shifts  # noqa: E402
from cx.store import Workspace  # noqa: E402
from cx.summary import load_summary  # noqa: E402
from cx.taxonomy import default_taxonomy  # noqa: E402
from cx.trends import explore_data, newest_rows_filters  # noqa: E402

CHANNELS = ["phone", "e-mail", "chat", "office", "social"]
TEAMS = [f"Team {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
LANGUAGES = ["en", "ru", "lt", "lv", "et"]
# Feedback-sized texts (~130 characters, like real verbatims), so a text search scans
# as many bytes as it would in a real workspace.
PHRASES = [
    "The agent was rude and hung up on me.",
    "I waited forty minutes on hold again.",
    "They promised to call back and never did.",
    "My bill is higher than the price we agreed.",
    "Nobody fixed the fault, it came back the next day.",
    "Thanks, the refund arrived quickly.",
    "Оператор нагрубил и бросил трубку.",
    "Обещали перезвонить, но так и не перезвонили.",
    "Operatorius buvo nemandagus, žadėjo perskambinti.",
    "Sąskaita didesnė nei sutarta kaina.",
    "Zvanīju vairākas reizes, neviens neatbildēja.",
    "Pārmaksāju par pakalpojumu, ko solīja bez maksas.",
    "Mind ei kuulatud, vastus oli šabloonne.",
    "Probleem jäi lahendamata, pidin uuesti helistama.",
]


def _dataset(n: int, seed: int, start: int) -> tuple[IngestResult, Analysis]:
    rng = np.random.default_rng(seed)
    causes = [*default_taxonomy().ids, "none"]
    days = rng.integers(0, 730, n)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D")
    text = pd.Series(
        [
            f"{PHRASES[a]} {PHRASES[b]} {PHRASES[c]} Case {start + i}."
            for i, (a, b, c) in enumerate(rng.integers(0, len(PHRASES), (n, 3)))
        ],
        dtype="str",
    )
    accepted = pd.DataFrame(
        {
            "row_number": np.arange(1, n + 1, dtype="int64"),
            "record_id": pd.Series([f"R{start + i}" for i in range(n)], dtype="str"),
            "text": text,
            "date": dates.astype("datetime64[ns]"),
            "channel": pd.Series(rng.choice(CHANNELS, n), dtype="str"),
            "team": pd.Series(rng.choice(TEAMS, n), dtype="str"),
            "customer_id": pd.Series(
                rng.integers(1, 10**6, n).astype(str), dtype="str"
            ),
            "rating": rng.integers(1, 6, n).astype("float64"),
        }
    )
    cause = rng.choice(causes, n, p=[0.12, 0.1, 0.1, 0.12, 0.1, 0.46])
    themes = np.where(cause == "none", rng.choice(["", "", "T1", "T2"], n), "")
    rows = pd.DataFrame(
        {
            "cx_language": rng.choice(LANGUAGES, n),
            "cx_cause": cause,
            "cx_causes": np.where(cause == "none", "", cause),
            "cx_confidence": rng.random(n).round(3),
            "cx_theme": themes,
            "cx_ladder": rng.choice([-1, 0, 1], n, p=[0.6, 0.3, 0.1]),
            "cx_evidence": np.where(cause == "none", "", "rude"),
        }
    )
    raw = RawTable(
        frame=pd.DataFrame({"text": text}),
        source_name=f"synthetic-{seed}.csv",
        sha256=f"{seed:064x}",
        size_bytes=0,
        format="csv",
    )
    mapping = ColumnMapping(text="text")
    rejected = pd.DataFrame({"text": [], "cx_reject_reason": [], "row_number": []})
    result = IngestResult(raw, mapping, accepted, rejected, Ledger(n, n, 0, {}))
    theme_frame = pd.DataFrame(
        {
            "theme": ["T1", "T2"],
            "label": ["T1", "T2"],
            "size": [int((themes == "T1").sum()), int((themes == "T2").sum())],
            "top_terms": ["refund, again", "number, nobody"],
        }
    )
    return result, Analysis(rows=rows, themes=theme_frame)


def build(path: Path, rows: int) -> Workspace:
    ws = Workspace(path)
    have = int(ws.datasets()["rows_accepted"].sum()) if not ws.datasets().empty else 0
    if have >= rows:
        return ws
    t0 = time.perf_counter()
    chunk = 250_000
    for k, start in enumerate(range(have, rows, chunk)):
        n = min(chunk, rows - start)
        result, analysis = _dataset(n, seed=1000 + start // chunk + k * 0, start=start)
        ws.add_dataset(result, analysis, name=f"synthetic {start // chunk + 1}")
    print(f"built {rows:,} rows in {time.perf_counter() - t0:.1f} s")
    return ws


def one_render(ws: Workspace, filters: Filters, scope: Scope, dates: list) -> None:
    """The reads of one uncached Explore render after a filter change (the filter
    options are cached per data version, so they are timed apart): the view's own
    date span, its aggregates, since when, and the newest verbatims."""
    bounds = ws.date_bounds(filters, scope)
    data = explore_data(ws, filters, scope, period="month", data_range=bounds)
    find_shifts(data.over_time, by_upload=data.by_upload)
    ws.feedback(newest_rows_filters(filters, data.over_time, 200), scope, limit=200)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_reads(ws: Workspace, repeats: int) -> None:
    admin = Scope.single_user()
    lead = Scope("lead", Role.TEAM_LEAD, ("Team C",))
    cases = {
        "no filters": (Filters(), admin),
        "one channel": (Filters(channels=("phone",)), admin),
        "3 months + cause": (
            Filters(
                date_from=dt.date(2025, 1, 1),
                date_to=dt.date(2025, 3, 31),
                causes=("rudeness",),
            ),
            admin,
        ),
        "team + language + dataset": (
            Filters(teams=("Team A", "Team B"), languages=("lt",), datasets=("1",)),
            admin,
        ),
        "text search": (Filters(search="refund"), admin),
        "team lead scope": (Filters(), lead),
    }
    t0 = time.perf_counter()
    dates = ws.filter_options(admin)["dates"]
    ms = (time.perf_counter() - t0) * 1000
    print(f"filter options (once per data version): {ms:.0f} ms")
    t0 = time.perf_counter()
    ws.prepare_search()
    print(
        "search copy of the texts (once per data version; the app loads it in the "
        f"background when it opens the workspace and after each write): "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    one_render(ws, Filters(), admin, dates)  # warm DuckDB's buffers
    every: list[float] = []
    print(f"\nExplore read models, uncached ({repeats} runs each), ms:")
    for name, (filters, scope) in cases.items():
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            one_render(ws, filters, scope, dates)
            times.append((time.perf_counter() - t0) * 1000)
        every += times
        print(
            f"  {name:28s} p50 {statistics.median(times):7.1f}  "
            f"p95 {pct(times, 0.95):7.1f}"
        )
    p50, p95 = statistics.median(every), pct(every, 0.95)
    print(f"  {'all':28s} p50 {p50:7.1f}  p95 {p95:7.1f}")
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        load_summary(ws, admin, default_taxonomy())
        times.append((time.perf_counter() - t0) * 1000)
    print(
        f"  {'summary read model':28s} p50 {statistics.median(times):7.1f}  "
        f"p95 {pct(times, 0.95):7.1f}"
    )


def time_apptest_start(db: Path) -> None:
    code = (
        "import time; t=time.perf_counter();"
        "from streamlit.testing.v1 import AppTest;"
        "at=AppTest.from_file('app.py', default_timeout=120).run();"
        "assert not at.exception, at.exception;"
        "print(f'{time.perf_counter()-t:.2f}', at.title[0].value)"
    )
    env = {**os.environ, "CX_DB": str(db)}
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    total = time.perf_counter() - t0
    inner = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr
    print(
        f"\napp start (fresh process, AppTest first page): {inner} s in-process, "
        f"{total:.2f} s with interpreter start"
    )


_RERENDER = """
import statistics, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=120).run()
assert not at.exception, at.exception
times = []
def timed(change):
    change()
    t0 = time.perf_counter()
    at.run()
    assert not at.exception, at.exception
    times.append((time.perf_counter() - t0) * 1000)
for key in ("explore_channels", "explore_teams", "explore_causes", "explore_languages"):
    box = at.multiselect(key=key)
    for value in box.options[:2]:
        timed(lambda: at.multiselect(key=key).set_value([value]))
    timed(lambda: at.multiselect(key=key).set_value([]))
for word in ("rude", "hold", "nemandagus"):
    timed(lambda: at.text_input(key="explore_search").set_value(word))
    timed(lambda: at.multiselect(key="explore_channels").set_value(["chat"]))
    timed(lambda: at.multiselect(key="explore_channels").set_value([]))
timed(lambda: at.text_input(key="explore_search").set_value(""))
for period in ("week", "month"):
    timed(lambda: at.segmented_control(key="explore_period").set_value(period))
times.sort()
p95 = times[int(0.95 * (len(times) - 1))]
print(f"{len(times)} {statistics.median(times):.1f} {p95:.1f} {times[-1]:.1f}")
"""


def time_apptest_rerender(db: Path) -> None:
    """Whole Explore script reruns after filter changes (AppTest, server side)."""
    env = {**os.environ, "CX_DB": str(db)}
    out = subprocess.run(
        [sys.executable, "-c", _RERENDER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        print(f"\nExplore rerender: failed: {out.stderr.strip().splitlines()[-1:]}")
        return
    n, p50, p95, worst = out.stdout.strip().splitlines()[-1].split()
    print(
        f"\nExplore page rerender after a filter change (AppTest, {n} changes: "
        f"channel, team, cause, language, search, period), ms: p50 {p50}  "
        f"p95 {p95}  max {worst}"
    )


def time_server_start(db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CX_DB": str(db)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless=true",
            f"--server.port={port}",
            "--browser.gatherUsageStats=false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - t0 < 60:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=1
                ) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
        print(
            f"streamlit run -> /_stcore/health answers: "
            f"{time.perf_counter() - t0:.2f} s"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/cx_bench.duckdb"))
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    ws = build(args.db, args.rows)
    total = ws.count_feedback(Filters(), Scope.single_user())
    print(f"workspace {args.db}: {total:,} rows")
    time_reads(ws, args.repeats)
    ws.close()
    time_apptest_start(args.db)
    time_apptest_rerender(args.db)
    time_server_start(args.db)
    print(
        f"\nreproduce: python benchmarks/bench_dashboard.py --rows {args.rows} "
        f"--db {args.db}"
    )


if __name__ == "__main__":
    main()
