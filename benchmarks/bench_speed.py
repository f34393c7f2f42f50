"""Speed and peak memory of cx.analysis.analyse on synthetic multilingual feedback.

Rows are built from varied sentence fragments in en, ru, lt, lv, et (openings,
complaints, praise, details with numbers and names, closings) with random typos,
dropped diacritics and case changes, so texts are mostly unique (the unique ratio is
printed): caching on unique texts cannot hide the cost. Each size runs in a fresh
subprocess so ru_maxrss is an honest peak; the peak is read at the end of each stage.
Stages: language id, cleaning (once), model fit and assign (cx.model, marked), the
ladder and themes; lingua's one-off model load is timed apart, before the run.
From 20k distinct texts on, cleaning, assignment and the ladder run in two worker
processes (the ladder while the model fits, so its stage shows only the wait): the
per-stage peak is this process's, and the line below the table gives the peak of the
whole process tree, workers included.
Targets on the 2-core machine: 100k rows <= 15 s, 1M rows <= 120 s, peak <= 3 GB.

Run: python benchmarks/bench_speed.py --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FRAGMENTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "open": ["Hello,", "Hi team,", "Dear support,", "", "Honestly", "Well,"],
        "complaint": [
            "the agent was rude and hung up on me",
            "you promised a call back and nobody called",
            "I was charged twice for the same order",
            "my issue is still not resolved after {n} weeks",
            "I felt like just a number in your queue",
            "the courier never came although you said {d}",
            "the new app keeps logging me out after the update",
            "the invoice shows a fee nobody told me about",
            "I waited {n} minutes on hold and then the line dropped",
            "your manager {name} promised a refund and it never came",
        ],
        "praise": [
            "thank you, {name} solved it in {n} minutes",
            "great service, you went above and beyond",
            "everything was fine, as expected",
            "pleasantly surprised by how fast it was fixed",
        ],
        "detail": [
            "order {o}",
            "ticket #{o}",
            "on {d}",
            "at the {city} office",
            "by phone",
            "in the chat",
        ],
        "close": ["Please fix this.", "Thanks.", "Unacceptable!", "", "Regards", "!!"],
    },
    "ru": {
        "open": ["Здравствуйте,", "Добрый день!", "", "Слушайте,", "Честно говоря"],
        "complaint": [
            "оператор нагрубил и бросил трубку",
            "обещали перезвонить и никто не перезвонил",
            "с меня списали деньги дважды",
            "проблема не решена уже {n} недель",
            "чувствую себя просто номером в очереди",
            "курьер так и не приехал, хотя обещали {d}",
            "новое приложение постоянно выкидывает из аккаунта",
            "в счёте скрытая комиссия {n} рублей",
            "ждал на линии {n} минут",
            "менеджер {name} обещал возврат, но ничего",
        ],
        "praise": [
            "спасибо, {name} всё решил за {n} минут",
            "отличный сервис, превзошли ожидания",
            "всё нормально, как и ожидал",
            "приятно удивили скоростью",
        ],
        "detail": ["заказ {o}", "заявка №{o}", "{d}", "в офисе {city}", "по телефону"],
        "close": ["Разберитесь!", "Спасибо.", "Безобразие.", "", "((", ")))"],
    },
    "lt": {
        "open": ["Laba diena,", "Sveiki,", "", "Nu,", "Atvirai"],
        "complaint": [
            "operatorius buvo nemandagus ir padėjo ragelį",
            "žadėjo perskambinti, bet niekas nepaskambino",
            "nuskaičiavo pinigus du kartus",
            "problema neišspręsta jau {n} savaites",
            "jaučiausi tik numeriu eilėje",
            "kurjeris taip ir neatvyko, nors žadėjo {d}",
            "nauja programėlė vis atjungia mane po atnaujinimo",
            "sąskaitoje paslėptas mokestis {n} eur",
            "laukiau linijoje {n} minučių",
            "vadybininkas {name} žadėjo grąžinti pinigus",
        ],
        "praise": [
            "ačiū, {name} viską išsprendė per {n} minutes",
            "puikus aptarnavimas, pranoko lūkesčius",
            "viskas gerai, kaip tikėjausi",
            "maloniai nustebino greitis",
        ],
        "detail": ["užsakymas {o}", "{d}", "{city} skyriuje", "telefonu"],
        "close": ["Prašau sutvarkyti.", "Ačiū.", "Gėda!", ""],
    },
    "lv": {
        "open": ["Labdien,", "Sveiki,", "", "Nu,", "Godīgi sakot"],
        "complaint": [
            "operators bija rupjš un nolika klausuli",
            "solīja atzvanīt, bet neviens nepiezvanīja",
            "naudu noņēma divreiz",
            "problēma nav atrisināta jau {n} nedēļas",
            "jutos kā numurs rindā",
            "kurjers tā arī neatbrauca, lai gan solīja {d}",
            "jaunā lietotne pēc atjauninājuma mani visu laiku izlogo",
            "rēķinā slēpta maksa {n} eiro",
            "gaidīju uz līnijas {n} minūtes",
            "menedžeris {name} solīja atmaksu",
        ],
        "praise": [
            "paldies, {name} visu atrisināja {n} minūtēs",
            "lielisks serviss, pārspēja gaidas",
            "viss kārtībā, kā gaidīju",
            "patīkami pārsteidza ātrums",
        ],
        "detail": ["pasūtījums {o}", "{d}", "{city} birojā", "pa tālruni"],
        "close": ["Lūdzu salabojiet.", "Paldies.", "Kauns!", ""],
    },
    "et": {
        "open": ["Tere,", "Tere päevast,", "", "Noh,", "Ausalt öeldes"],
        "complaint": [
            "teenindaja oli ebaviisakas ja pani toru ära",
            "lubasid tagasi helistada, aga keegi ei helistanud",
            "raha võeti kaks korda",
            "probleem pole lahendatud juba {n} nädalat",
            "tundsin end lihtsalt numbrina järjekorras",
            "kuller ei tulnudki, kuigi lubati {d}",
            "uus rakendus logib mind pärast uuendust pidevalt välja",
            "arvel on varjatud tasu {n} eurot",
            "ootasin liinil {n} minutit",
            "haldur {name} lubas raha tagastada",
        ],
        "praise": [
            "aitäh, {name} lahendas kõik {n} minutiga",
            "suurepärane teenindus, ületas ootusi",
            "kõik korras, nagu ootasin",
            "meeldivalt üllatas kiirus",
        ],
        "detail": ["tellimus {o}", "{d}", "{city} kontoris", "telefoni teel"],
        "close": ["Palun parandage.", "Aitäh.", "Häbi!", ""],
    },
}
MODEL_STAGES = ("fit", "assign")
NAMES = ["Anna", "Jonas", "Līga", "Mart", "Olga", "Peter", "Rasa", "Tiit", "Igor"]
CITIES = ["Vilnius", "Riga", "Tallinn", "Kaunas", "Tartu", "London", "Moscow"]
_FOLD = str.maketrans("ąčęėįšųūžāēīķļņōõäöüģ", "aceeisuuzaeiklnooaoug")


def _typo(text: str, rng: np.random.Generator) -> str:
    """One random edit: swap, drop or double a letter, fold diacritics, or case."""
    roll = rng.random()
    if roll < 0.15:
        return text.translate(_FOLD)
    if roll < 0.2:
        return text.upper()
    if len(text) < 4 or roll > 0.7:
        return text
    i = int(rng.integers(1, len(text) - 2))
    if roll < 0.35:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if roll < 0.5:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def synthetic_frame(n: int, seed: int = 0) -> pd.DataFrame:
    """`n` canonical rows (text, rating) in five languages, mostly unique texts."""
    rng = np.random.default_rng(seed)
    langs = rng.choice(list(FRAGMENTS), size=n, p=[0.3, 0.25, 0.15, 0.15, 0.15])
    kinds = rng.random(n)
    texts = []
    for lang, kind in zip(langs, kinds, strict=True):
        f = FRAGMENTS[lang]
        body = f["praise"] if kind < 0.2 else f["complaint"]
        parts = [
            f["open"][rng.integers(len(f["open"]))],
            body[rng.integers(len(body))],
        ]
        if rng.random() < 0.5:
            parts.append(body[rng.integers(len(body))])
        parts.append(f["detail"][rng.integers(len(f["detail"]))])
        parts.append(f["close"][rng.integers(len(f["close"]))])
        text = " ".join(p for p in parts if p).format(
            n=int(rng.integers(2, 90)),
            o=int(rng.integers(10_000, 99_999_999)),
            d=f"{int(rng.integers(1, 29)):02d}.{int(rng.integers(1, 13)):02d}",
            name=NAMES[rng.integers(len(NAMES))],
            city=CITIES[rng.integers(len(CITIES))],
        )
        texts.append(_typo(text, rng))
    ratings = np.where(kinds < 0.2, rng.integers(4, 6, n), rng.integers(1, 4, n))
    ratings = np.where(rng.random(n) < 0.3, np.nan, ratings.astype(float))
    return pd.DataFrame({"text": pd.array(texts, dtype="str"), "rating": ratings})


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tree_rss_mb(root: int) -> float:
    """Resident MB of ``root`` and every process below it (the analysis's worker
    processes hang off its forkserver); shared pages count once per process, so
    this is an upper bound."""
    parent, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parent[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = pages * resource.getpagesize() / 2**20
    total = 0.0
    for pid, size in rss.items():
        up = pid
        while up > 1 and up != root:
            up = parent.get(up, 0)
        total += size if up == root else 0.0
    return total


class _TreePeak:
    """Samples the process tree's resident memory ten times a second."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))

    def __enter__(self) -> _TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def child(n: int) -> dict[str, object]:
    """Analyse `n` synthetic rows in this process; stage seconds and peak MB."""
    from cx import text as cxtext
    from cx.analysis import analyse
    from cx.taxonomy import default_taxonomy

    start = time.perf_counter()
    frame = synthetic_frame(n)
    build_s = time.perf_counter() - start
    unique = frame["text"].nunique() / max(n, 1)
    base_mb = _peak_mb()
    peaks: dict[str, float] = {}

    def progress(stage: str, fraction: float) -> None:
        if fraction >= 1.0:
            peaks[stage] = _peak_mb()

    # lingua loads its models on first use (a fixed few seconds): shown apart
    start = time.perf_counter()
    cxtext.detect_languages(["warm up lingua"] * 100)
    lingua_s = time.perf_counter() - start
    start = time.perf_counter()
    with _TreePeak() as tree:
        result = analyse(frame, default_taxonomy(), progress=progress)
    total = time.perf_counter() - start
    return {
        "rows": n,
        "unique_ratio": unique,
        "build_s": build_s,
        "total_s": total,
        "stages_s": result.timings,
        "peak_mb": peaks,
        "tree_peak_mb": tree.peak,
        "base_mb": base_mb,
        "lingua_load_s": lingua_s,
        "themes": result.themes["label"].tolist(),
        "ladder_share": result.rows["cx_ladder"].value_counts(normalize=True).to_dict(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child), default=str))
        return 0
    print("# cx.analysis.analyse speed (fresh subprocess per size; peak = ru_maxrss)")
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            print(f"{n} rows: failed\n{out.stderr[-2000:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"\n{n:,} rows (unique texts {r['unique_ratio']:.1%}; data built in "
            f"{r['build_s']:.1f} s, {r['base_mb']:.0f} MB before analysis)"
        )
        print(f"  {'stage':10} {'seconds':>8} {'rows/s':>10} {'peak MB':>8}")
        for stage, seconds in r["stages_s"].items():
            rate = n / seconds if seconds else float("inf")
            peak = r["peak_mb"].get(stage, float("nan"))
            owner = "  (cx.model)" if stage in MODEL_STAGES else ""
            print(f"  {stage:10} {seconds:>8.2f} {rate:>10,.0f} {peak:>8.0f}{owner}")
        peak = max(r["peak_mb"].values()) if r["peak_mb"] else float("nan")
        total = r["total_s"]
        model = sum(r["stages_s"].get(stage, 0.0) for stage in MODEL_STAGES)
        print(f"  {'total':10} {total:>8.2f} {n / total:>10,.0f} {peak:>8.0f}")
        print(
            f"  peak resident memory of the analysis and its worker processes "
            f"together: {r['tree_peak_mb']:.0f} MB"
        )
        print(
            f"  around the model: {total - model:.2f} s; model (fit + assign): "
            f"{model:.2f} s; lingua model load before the run: "
            f"{r['lingua_load_s']:.1f} s"
        )
        print(f"  themes: {r['themes']}")
        print(f"  ladder shares: {r['ladder_share']}")
    print(f"\n# reproduce: python benchmarks/bench_speed.py --sizes {args.sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
