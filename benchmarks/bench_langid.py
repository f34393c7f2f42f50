"""Language-id accuracy and speed, and clean_texts speed, on real public feedback data.

Run: python benchmarks/bench_langid.py [--rows 200000]
Data: ../shared/datasets (read-only; never copied into the repository). Lithuanian has
no public set there, so the Lithuanian sentences of tests/test_text.py stand in.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cx import text as cxt  # noqa: E402
from tests.test_text import LITHUANIAN_COMPLAINTS  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets"


def load_sets() -> dict[str, list[str]]:
    """Texts per language from the shared data sets (lt from the test sentences)."""
    lv = pd.concat(
        pd.read_json(DATA / "lv_twitter_eater_sentiment" / f, dtype={"tweet_id": str})
        for f in (
            "ltec-sentiment-annotated-train.json",
            "ltec-sentiment-annotated-test.json",
        )
    )["tweet_text"]
    et = pd.read_csv(
        DATA
        / "et_restaurant_reviews"
        / "filtered_final_estonian_restaurant_reviews_dataset.csv"
    )["review_text"]
    ru = pd.concat(
        pd.read_csv(DATA / "sentirueval2016_ru" / f)["text"]
        for f in ("banks_test_etalon_wide.csv", "telecom_test_etalon_wide.csv")
    )
    en = pd.read_csv(DATA / "twitter_airline" / "Tweets.csv")["text"]
    return {
        "en": en.dropna().astype(str).tolist(),
        "ru": ru.dropna().astype(str).tolist(),
        "lt": list(LITHUANIAN_COMPLAINTS),
        "lv": lv.dropna().astype(str).tolist(),
        "et": et.dropna().astype(str).tolist(),
    }


def accuracy(texts: list[str], language: str) -> tuple[float, float, dict[str, int]]:
    """Share detected as `language`, rows/s (cold), and the confusion counts."""
    cxt.detect_languages(["warm up lingua"])
    start = time.perf_counter()
    found = cxt.detect_languages(texts)
    seconds = time.perf_counter() - start
    counts = pd.Series(found).value_counts().to_dict()
    return counts.get(language, 0) / len(texts), len(texts) / seconds, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--rows", type=int, default=200_000, help="rows in the speed mix"
    )
    parser.add_argument(
        "--show-errors", type=int, default=0, help="print N misses per set"
    )
    args = parser.parse_args()
    sets = load_sets()
    print("language id: accuracy (share detected as the set's language), cold rows/s")
    results = {}
    for language, texts in sets.items():
        variants = {"as written": texts}
        if language in ("lt", "lv", "et"):
            variants["diacritics stripped"] = [cxt.fold_diacritics(t) for t in texts]
        for name, rows in variants.items():
            acc, speed, counts = accuracy(rows, language)
            results[f"{language} {name}"] = round(acc, 4)
            print(
                f"  {language} {name:20s} n={len(rows):6d} acc={acc:.3f} "
                f"{speed:9.0f} rows/s  {counts}"
            )
            if args.show_errors:
                found = cxt.detect_languages(rows)
                misses = [
                    (f, t) for f, t in zip(found, rows, strict=True) if f != language
                ]
                for f, t in misses[: args.show_errors]:
                    print(f"      -> {f}: {t[:110]!r}")

    # A realistic mix: every language, diacritics often stripped, texts repeating.
    pool = [t for texts in sets.values() for t in texts]
    pool += [cxt.fold_diacritics(t) for t in sets["lv"] + sets["et"]]
    mix = pd.Series(pool).sample(args.rows, replace=True, random_state=0).tolist()
    unique = len(set(mix))
    start = time.perf_counter()
    langs = cxt.detect_languages(mix)
    seconds = time.perf_counter() - start
    print(
        f"mix: {len(mix)} rows ({unique} unique) in {seconds:.2f} s = "
        f"{len(mix) / seconds:.0f} rows/s"
    )

    start = time.perf_counter()
    cleaned = cxt.clean_texts(mix, langs)
    seconds = time.perf_counter() - start
    tokens = sum(c.count(" ") + 1 for c in cleaned if c)
    print(
        f"clean_texts: {len(mix)} rows ({unique} unique, {tokens} tokens) in "
        f"{seconds:.2f} s = {len(mix) / seconds:.0f} rows/s"
    )
    uniq_mix = list(dict.fromkeys(mix))
    cxt.stem.cache_clear()
    start = time.perf_counter()
    cxt.clean_texts(uniq_mix, cxt.detect_languages(uniq_mix))
    seconds = time.perf_counter() - start
    print(
        f"clean_texts + detect on unique rows only, cold caches: {len(uniq_mix)} rows "
        f"in {seconds:.2f} s = {len(uniq_mix) / seconds:.0f} rows/s"
    )
    print(json.dumps(results))
    print("reproduce: python benchmarks/bench_langid.py --rows", args.rows)


if __name__ == "__main__":
    main()
