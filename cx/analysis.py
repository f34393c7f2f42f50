"""One analysis run over a canonical feedback frame: language, cause, ladder, themes.

`analyse` is pure (the input frame is never changed) and deterministic for a given
`random_state`. Its rows are the fixed ``cx_*`` contract of docs/architecture.md;
its timings feed ``benchmarks/bench_speed.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cx import text as cxtext
from cx.ladder import DISAPPOINTMENT, combine_ladder, score_ladder
from cx.model import CauseModel
from cx.taxonomy import NONE, Taxonomy
from cx.themes import empty_themes, find_themes

__all__ = ["ANALYSIS_COLUMNS", "STAGES", "Analysis", "analyse", "empty_rows"]

ANALYSIS_COLUMNS: tuple[str, ...] = (
    "cx_language",
    "cx_cause",
    "cx_causes",
    "cx_confidence",
    "cx_theme",
    "cx_ladder",
    "cx_evidence",
)
STAGES: tuple[str, ...] = ("language", "clean", "fit", "assign", "ladder", "themes")

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Analysis:
    """Per-row results (`rows`, aligned to the input index), the emerging themes and
    the seconds each stage took."""

    rows: pd.DataFrame
    themes: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)


def empty_rows(index: pd.Index | None = None) -> pd.DataFrame:
    """The seven ``cx_*`` columns with no rows (or default values on `index`)."""
    index = pd.RangeIndex(0) if index is None else index
    n = len(index)
    return pd.DataFrame(
        {
            "cx_language": pd.Series(["unknown"] * n, index=index, dtype="str"),
            "cx_cause": pd.Series([NONE] * n, index=index, dtype="str"),
            "cx_causes": pd.Series([""] * n, index=index, dtype="str"),
            "cx_confidence": pd.Series(np.zeros(n), index=index, dtype="float64"),
            "cx_theme": pd.Series([""] * n, index=index, dtype="str"),
            "cx_ladder": pd.Series(np.zeros(n), index=index, dtype="int64"),
            "cx_evidence": pd.Series([""] * n, index=index, dtype="str"),
        }
    )


def _texts(frame: pd.DataFrame) -> list[str]:
    if "text" not in frame.columns:
        raise ValueError(
            "The feedback frame has no 'text' column: map the verbatim column to text."
        )
    return ["" if pd.isna(t) else str(t) for t in frame["text"].tolist()]


def _ratings(frame: pd.DataFrame) -> list[float] | None:
    if "rating" not in frame.columns:
        return None
    values = pd.to_numeric(frame["rating"], errors="coerce").astype("float64")
    return None if values.isna().all() else values.to_numpy(na_value=np.nan).tolist()


def analyse(
    frame: pd.DataFrame,
    taxonomy: Taxonomy,
    corrections: pd.DataFrame | None = None,
    *,
    random_state: int = 0,
    progress: Progress | None = None,
) -> Analysis:
    """Language, cause, ladder and theme of every row of a canonical feedback frame.

    Steps: language id, cleaning, CauseModel fit (transductive, with corrections) and
    assign, the expectation ladder (text, rating, cause), then emerging themes over
    the complaints (ladder -1) that no cause took. Each distinct text is analysed
    once and its results are spread back over its rows (the model assigns in batches
    to bound memory). `progress(stage, fraction)` is called at the start and end of
    each stage.
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError("analyse needs a pandas DataFrame with a 'text' column.")
    texts = _texts(frame)
    report = progress or (lambda stage, fraction: None)
    timings: dict[str, float] = {}
    if not texts:
        for stage in STAGES:
            report(stage, 1.0)
        return Analysis(empty_rows(frame.index), empty_themes(), timings)

    def run(stage: str, work: Callable[[], object]) -> object:
        report(stage, 0.0)
        start = time.perf_counter()
        result = work()
        timings[stage] = time.perf_counter() - start
        report(stage, 1.0)
        return result

    # Distinct texts: the language is a function of the text, so each distinct text
    # is one (text, language) pair; `inverse` maps rows back to it.
    inverse, uniques = pd.factorize(np.asarray(texts, dtype=object))
    distinct: list[str] = list(uniques)
    del texts, uniques
    langs: list[str] = run("language", lambda: cxtext.detect_languages(distinct))
    cleaned: list[str] = run("clean", lambda: cxtext.clean_texts(distinct, langs))
    model = CauseModel(taxonomy, random_state=random_state)
    run(
        "fit",
        lambda: model.fit(
            distinct, languages=langs, corrections=corrections, cleaned=cleaned
        ),
    )

    def assign() -> dict[str, np.ndarray]:
        got = model.assign(distinct, languages=langs, cleaned=cleaned)
        out = {
            column: got[column].astype(str).to_numpy(dtype=object)
            for column in ("cause", "causes", "evidence")
        }
        out["confidence"] = got["confidence"].to_numpy(dtype="float64")
        return out

    assigned: dict[str, np.ndarray] = run("assign", assign)
    causes = assigned["cause"][inverse]
    ladder: np.ndarray = run(
        "ladder",
        lambda: combine_ladder(
            score_ladder(distinct, langs)[inverse], _ratings(frame), causes
        ),
    )

    def themes() -> tuple[np.ndarray, pd.DataFrame]:
        rows = np.flatnonzero((ladder == DISAPPOINTMENT) & (causes == NONE))
        labels = np.full(len(inverse), "", dtype=object)
        if len(rows) == 0:
            return labels, empty_themes()
        which = inverse[rows]
        sub_labels, summary = find_themes(
            [cleaned[i] for i in which],
            texts=[distinct[i] for i in which],
            languages=[langs[i] for i in which],
            random_state=random_state,
        )
        labels[rows] = sub_labels
        return labels, summary

    theme_labels, summary = run("themes", themes)
    lang_codes = np.asarray(langs, dtype=object)[inverse]
    rows = pd.DataFrame(
        {
            "cx_language": pd.array(lang_codes, dtype="str"),
            "cx_cause": pd.array(causes, dtype="str"),
            "cx_causes": pd.array(assigned["causes"][inverse], dtype="str"),
            "cx_confidence": assigned["confidence"][inverse],
            "cx_theme": pd.array(theme_labels, dtype="str"),
            "cx_ladder": ladder.astype("int64"),
            "cx_evidence": pd.array(assigned["evidence"][inverse], dtype="str"),
        },
        index=frame.index.copy(),
    )
    return Analysis(rows, summary, timings)
