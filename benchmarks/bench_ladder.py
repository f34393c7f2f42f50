"""Accuracy of the expectation ladder (cx.ladder) on real labelled public data.

Reads ../shared/datasets in place (never copied into the repository). The human labels
are sentiment, not the ladder: neg -> -1, neu -> 0, pos -> +1 is an approximation (a
"pos" tweet is often plain satisfaction, which the ladder calls 0). The lexicon was
written from general language knowledge; it may be tuned on the "tune" split only:
Latvian has its own train/test files, the other sets are split by a fixed hash of the
text and the figures are reported on the half that is not looked at ("report").

Run: python benchmarks/bench_ladder.py [--split report|tune] [--datasets lv,et,ru,en]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cx.ladder import score_ladder  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets"


def _half(texts: pd.Series) -> np.ndarray:
    """'tune' or 'report' per text from a fixed hash (stable across runs)."""
    return np.array(
        [
            "tune" if hashlib.md5(t.encode("utf-8")).digest()[0] % 2 == 0 else "report"
            for t in texts
        ]
    )


def load_lv(split: str) -> pd.DataFrame:
    """Latvian food tweets: train file = tune, test file = report."""
    name = "train" if split == "tune" else "test"
    path = DATA / "lv_twitter_eater_sentiment" / f"ltec-sentiment-annotated-{name}.json"
    raw = pd.read_json(path, dtype={"tweet_id": str})
    label = raw["sentiment"].map({"neg": -1, "neu": 0, "pos": 1})
    return pd.DataFrame({"text": raw["tweet_text"].astype(str), "label": label})


def load_et(split: str) -> pd.DataFrame:
    """Estonian restaurant reviews; label from overall stars (<=2 -1, 3-4 0, 5 +1)."""
    path = DATA / "et_restaurant_reviews"
    raw = pd.read_csv(path / "filtered_final_estonian_restaurant_reviews_dataset.csv")
    raw = raw.dropna(subset=["review_text", "review_rating_overall_impression"])
    stars = raw["review_rating_overall_impression"].astype(float)
    label = np.where(stars <= 2, -1, np.where(stars >= 5, 1, 0))
    out = pd.DataFrame({"text": raw["review_text"].astype(str), "label": label})
    return out[_half(out["text"]) == split].reset_index(drop=True)


def load_ru(split: str) -> pd.DataFrame:
    """Russian bank and telecom tweets whose per-company labels all agree."""
    frames = []
    for name in ("banks_test_etalon_wide.csv", "telecom_test_etalon_wide.csv"):
        raw = pd.read_csv(DATA / "sentirueval2016_ru" / name)
        companies = raw.drop(columns=["id", "twitid", "date", "text", "date_utc"])
        low, high = companies.min(axis=1), companies.max(axis=1)
        keep = low.notna() & (low == high)
        frames.append(
            pd.DataFrame(
                {"text": raw.loc[keep, "text"].astype(str), "label": low[keep]}
            )
        )
    out = pd.concat(frames, ignore_index=True).drop_duplicates("text")
    out["label"] = out["label"].astype(int)
    return out[_half(out["text"]) == split].reset_index(drop=True)


def load_en(split: str) -> pd.DataFrame:
    """US airline tweets (this copy has "Late Flight"/"Cancelled Flight" artefacts)."""
    raw = pd.read_csv(DATA / "twitter_airline" / "Tweets.csv")
    label = raw["airline_sentiment"].map({"negative": -1, "neutral": 0, "positive": 1})
    out = pd.DataFrame({"text": raw["text"].astype(str), "label": label})
    return out[_half(out["text"]) == split].reset_index(drop=True)


LOADERS: dict[str, tuple[str, Callable[[str], pd.DataFrame]]] = {
    "lv": ("lv", load_lv),
    "et": ("et", load_et),
    "ru": ("ru", load_ru),
    "en": ("en", load_en),
}


def evaluate(name: str, split: str) -> dict[str, float]:
    """Macro-F1, accuracy and per-class F1 of the text-only ladder on one data set."""
    language, loader = LOADERS[name]
    frame = loader(split)
    start = time.perf_counter()
    predicted = score_ladder(frame["text"].tolist(), [language] * len(frame))
    seconds = time.perf_counter() - start
    truth = frame["label"].to_numpy()
    per_class = f1_score(truth, predicted, labels=[-1, 0, 1], average=None)
    return {
        "rows": len(frame),
        "macro_f1": float(f1_score(truth, predicted, average="macro")),
        "accuracy": float((truth == predicted).mean()),
        "f1_neg": float(per_class[0]),
        "f1_neu": float(per_class[1]),
        "f1_pos": float(per_class[2]),
        "rows_per_s": len(frame) / seconds,
        "confusion": confusion_matrix(truth, predicted, labels=[-1, 0, 1]).tolist(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("report", "tune"), default="report")
    parser.add_argument("--datasets", default="lv,et,ru,en")
    args = parser.parse_args(argv)
    print(f"# ladder vs. human labels, split={args.split} (text only, no ratings)")
    print("# labels: neg->-1, neu->0, pos->+1 (an approximation of the ladder)")
    header = f"{'set':4} {'rows':>6} {'macroF1':>8} {'acc':>6} {'F1-1':>6} {'F1 0':>6}"
    print(header + f" {'F1+1':>6} {'rows/s':>9}  confusion (rows -1,0,1 truth)")
    for name in args.datasets.split(","):
        r = evaluate(name, args.split)
        print(
            f"{name:4} {r['rows']:>6} {r['macro_f1']:>8.3f} {r['accuracy']:>6.3f} "
            f"{r['f1_neg']:>6.3f} {r['f1_neu']:>6.3f} {r['f1_pos']:>6.3f} "
            f"{r['rows_per_s']:>9.0f}  {r['confusion']}"
        )
    print(
        "# reproduce: python benchmarks/bench_ladder.py "
        + " ".join(argv or sys.argv[1:])
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
