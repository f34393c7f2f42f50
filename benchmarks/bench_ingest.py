"""Ingest throughput: read_table + prepare + store (no analysis) at 100k and 1M rows.

Writes realistic multilingual CSV exports (en, ru, lt, lv, et; some typed without
diacritics, some empty or duplicated rows) to a temporary folder, then measures each
size in a fresh process: seconds per stage, rows per second and peak memory (ru_maxrss).
Target: 1M rows in <= 10 s and <= 2 GB.

    python benchmarks/bench_ingest.py [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

TEMPLATES = {
    "en": [
        "The agent was rude and hung up on me",
        "I was promised a call back but nobody called",
        "I was charged twice for the same order",
        "My problem is still not resolved after three calls",
        "They treat me like a number, nobody listens",
        "Thanks, the operator was very helpful",
    ],
    "ru": [
        "Оператор нагрубил и бросил трубку",
        "Обещали перезвонить, но никто не позвонил",
        "С меня списали деньги дважды за один заказ",
        "Проблема до сих пор не решена после трёх звонков",
        "Ко мне относятся как к номеру, никто не слушает",
        "Спасибо, всё решили быстро",
    ],
    "lt": [
        "Konsultantas buvo nemandagus ir padėjo ragelį",
        "Žadėjo perskambinti, bet niekas nepaskambino",
        "Nuskaičiavo pinigus du kartus už tą patį užsakymą",
        "Problema vis dar neišspręsta po trijų skambučių",
        "Su manimi elgiasi kaip su numeriu, niekas neklauso",
        "Ačiū, greitai ir maloniai padėjo",
    ],
    "lv": [
        "Operators bija rupjš un nometa klausuli",
        "Solīja atzvanīt, bet neviens nezvanīja",
        "Naudu noņēma divreiz par vienu pasūtījumu",
        "Problēma joprojām nav atrisināta pēc trim zvaniem",
        "Pret mani izturas kā pret numuru, neviens neklausās",
        "Paldies, ātri palīdzēja",
    ],
    "et": [
        "Teenindaja oli ebaviisakas ja pani toru ära",
        "Lubati tagasi helistada, aga keegi ei helistanud",
        "Raha võeti kaks korda sama tellimuse eest",
        "Probleem on endiselt lahendamata pärast kolme kõnet",
        "Minuga käituti nagu numbriga, keegi ei kuula",
        "Aitäh, aidati kiiresti",
    ],
}
TAILS = [
    "",
    " Order 4471-{n}.",
    " Заказ №{n}.",
    " Užsakymas {n}, jau antra savaitė.",
    " Pasūtījums {n}!!!",
    " Tellimus {n}, palun vastake.",
    " Call me on +370 600 {n}.",
]
ROOT = Path(__file__).resolve().parent.parent
CHANNELS = ["Phone", "Telefonas", "E-mail", "el. paštas", "Чат", "Chat", "Birojs"]
TEAMS = ["Vilnius", "Kaunas", "Riga", "Tallinn", "Tartu", "Klaipėda", "Online"]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def generate(path: Path, rows: int, seed: int = 0) -> None:
    """Write a CSV export of ``rows`` rows (1% empty comments, 1% repeated rows)."""
    rng = np.random.default_rng(seed)
    texts = [t for lang in TEMPLATES.values() for t in lang]
    texts += [_fold(t) for t in texts]  # typed without diacritics
    comment = pd.Series(
        np.array(texts, dtype=object)[rng.integers(len(texts), size=rows)]
    )
    tails = np.array(TAILS, dtype=object)[rng.integers(len(TAILS), size=rows)]
    numbers = rng.integers(10_000, 99_999, size=rows).astype(str)
    tail = pd.Series(tails).str.replace("{n}", "", regex=False)
    has_number = pd.Series(tails).str.contains("{n}", regex=False)
    tail = tail.where(~has_number, tail.str.rstrip(".!, ") + " " + numbers)
    comment = (comment + tail).to_numpy(dtype=object)
    comment[rng.random(rows) < 0.01] = ""
    days = rng.integers(0, 365, size=rows)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D")
    minutes = pd.to_timedelta(rng.integers(0, 24 * 60, size=rows), unit="min")
    frame = pd.DataFrame(
        {
            "ID": np.arange(1, rows + 1).astype(str),
            "Date": (dates + minutes).strftime("%d.%m.%Y %H:%M"),
            "Channel": np.array(CHANNELS)[rng.integers(len(CHANNELS), size=rows)],
            "Team": np.array(TEAMS)[rng.integers(len(TEAMS), size=rows)],
            "Customer": "C"
            + pd.Series(rng.integers(1, rows // 3 + 2, size=rows)).astype(str),
            "CSAT": rng.integers(1, 6, size=rows).astype(str),
            "Comment": comment,
        }
    )
    repeat = rng.random(rows) < 0.01
    frame.loc[repeat, frame.columns != "ID"] = frame.shift(1).loc[
        repeat, frame.columns != "ID"
    ]
    frame = frame.fillna("")
    pacsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), str(path))


def measure(csv_path: Path, db_path: Path) -> dict[str, float]:
    """Time each stage in this process; returns seconds, rows and peak memory."""
    sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not
    from cx.access import Scope
    from cx.filters import Filters
    from cx.ingest import prepare, read_table
    from cx.store import Workspace

    figures: dict[str, float] = {}
    start = time.perf_counter()
    raw = read_table(csv_path, max_bytes=1 << 40)
    figures["read_table_s"] = time.perf_counter() - start
    mark = time.perf_counter()
    result = prepare(raw)
    figures["prepare_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    ws = Workspace(db_path)
    ws.add_dataset(result)
    figures["store_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    ws.close()
    figures["close_s"] = time.perf_counter() - mark
    figures["total_s"] = time.perf_counter() - start
    figures["rows"] = raw.frame.shape[0]
    figures["accepted"] = len(result.accepted)
    with Workspace(db_path) as ws:
        mark = time.perf_counter()
        ws.count_by(["channel", "team"], Filters(), Scope.single_user(), period="month")
        figures["count_by_month_s"] = time.perf_counter() - mark
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--child", nargs=2, metavar=("CSV", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child[0]), Path(args.child[1]))))
        return
    print(
        f"{'rows':>9} {'MB':>6} {'read':>6} {'prepare':>8} {'store':>6} "
        f"{'close':>6} {'total':>6} {'rows/s':>9} {'peak MB':>8} {'count_by':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            csv_path = Path(tmp) / f"feedback_{size}.csv"
            generate(csv_path, size)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(csv_path),
                 str(Path(tmp) / f"ws_{size}.duckdb")],
                capture_output=True, text=True,
            )  # fmt: skip
            if out.returncode:
                sys.exit(f"measuring {size} rows failed:\n{out.stderr}")
            f = json.loads(out.stdout.strip().splitlines()[-1])
            mb = csv_path.stat().st_size / 2**20
            print(
                f"{int(f['rows']):>9} {mb:>6.0f} {f['read_table_s']:>6.2f} "
                f"{f['prepare_s']:>8.2f} {f['store_s']:>6.2f} {f['close_s']:>6.2f} "
                f"{f['total_s']:>6.2f} {f['rows'] / f['total_s']:>9.0f} "
                f"{f['peak_mb']:>8.0f} {f['count_by_month_s']:>8.3f}"
            )
    sizes = " ".join(str(s) for s in args.sizes)
    print(f"reproduce: python benchmarks/bench_ingest.py --sizes {sizes}")


if __name__ == "__main__":
    main()
