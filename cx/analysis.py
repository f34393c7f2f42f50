"""One analysis run over a canonical feedback frame: language, cause, ladder, themes.

`analyse` is pure (the input frame is never changed) and deterministic for a given
`random_state`. Its rows are the fixed ``cx_*`` contract of docs/architecture.md;
its timings feed ``benchmarks/bench_speed.py``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from cx import text as cxtext
from cx.ladder import (
    DISAPPOINTMENT,
    combine_ladder,
    is_glad,
    ladder_from_rating,
    score_ladder,
    text_evidence,
)
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

log = logging.getLogger("cx.analysis")

# Below this many distinct texts, starting worker processes costs more than it saves.
PARALLEL_MIN_TEXTS = 20_000


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


def _let_down(frame: pd.DataFrame) -> np.ndarray | None:
    """Per row, whether its rating says the customer was disappointed (None when
    the frame has no ratings)."""
    ratings = _ratings(frame)
    if ratings is None:
        return None
    return ladder_from_rating(np.asarray(ratings, dtype=np.float64)) == DISAPPOINTMENT


def _distinct(
    texts: list[str], let_down: np.ndarray | None
) -> tuple[np.ndarray, list[str], np.ndarray | None]:
    """Row -> unit map, the units' texts and their let-down flags. A unit is a
    distinct text, or a distinct (text, let down) pair when ratings say so, since
    a low rating changes how the text is read.

    >>> _distinct(["a", "b", "a", "a"], np.array([True, False, False, True]))
    (array([0, 1, 2, 0]), ['a', 'b', 'a'], array([ True, False, False]))
    """
    codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
    if let_down is None or not let_down.any():
        return codes, list(uniques), None
    pairs = codes.astype(np.int64) * 2 + let_down.astype(np.int64)
    inverse, pair_uniques = pd.factorize(pairs)
    return inverse, list(uniques[pair_uniques // 2]), pair_uniques % 2 == 1


def _slices(n: int, parts: int) -> list[slice]:
    """``parts`` contiguous slices covering ``range(n)``.

    >>> _slices(5, 2)
    [slice(0, 3, None), slice(3, 5, None)]
    """
    step = -(-n // parts)
    return [slice(i, min(i + step, n)) for i in range(0, n, step)]


def _clean_part(texts: list[str], langs: list[str]) -> list[str]:
    return cxtext.clean_texts(texts, langs)


def _assign_part(
    model: CauseModel,
    texts: list[str],
    langs: list[str],
    cleaned: list[str],
    glad: np.ndarray,
    let_down: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    got = model.assign(
        texts, languages=langs, cleaned=cleaned, dissatisfied=let_down, glad=glad
    )
    out = {
        column: got[column].astype(str).to_numpy(dtype=object)
        for column in ("cause", "causes", "evidence")
    }
    out["confidence"] = got["confidence"].to_numpy(dtype="float64")
    return out


def _ready() -> int:
    return os.getpid()


def default_workers() -> int:
    """Worker processes for a large analysis: one per core, at most two (the
    per-row stages scale; the model fit stays in the calling process)."""
    return max(1, min(2, os.cpu_count() or 1))


@contextmanager
def _bare_main() -> Iterator[None]:
    """While worker processes start, a ``__main__`` without a file: they would
    otherwise run the main script again (under ``streamlit run``, app.py itself)."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class _Pool(ProcessPoolExecutor):
    """A process pool that says when its workers have started (``ready``)."""

    ready: threading.Event


@contextmanager
def _pool(workers: int) -> Iterator[_Pool | None]:
    """Worker processes started from a clean forkserver (never a fork of a process
    whose threads may hold locks), or None to work in this process."""
    if workers < 2:
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    # The server imports cx once and forks ready workers; it lives as long as this
    # process, so a later analysis starts its workers at once.
    context.set_forkserver_preload(["cx.analysis"])
    pool = _Pool(max_workers=workers, mp_context=context)
    pool.ready = threading.Event()

    def start() -> None:
        try:
            with _bare_main():
                futures = [pool.submit(_ready) for _ in range(workers)]
            for future in futures:
                future.result()
        except Exception:  # the pool is broken; its next use says so
            log.exception("starting the worker processes failed")
        finally:
            pool.ready.set()

    # Starting waits for that import: do it beside this process's language stage.
    starter = threading.Thread(target=start, name="cx-workers-start", daemon=True)
    starter.start()
    try:
        yield pool
    finally:
        starter.join()
        pool.shutdown(wait=True, cancel_futures=True)


def _read_and_detect(distinct: list[str]) -> tuple[list[str], list[str]]:
    """What each text says went wrong (`cx.text.complaint_parts`) and its language."""
    reading = cxtext.complaint_parts(distinct)
    return reading, cxtext.detect_languages(reading)


def _language_and_clean(
    pool: _Pool, parallel: int, distinct: list[str], run: Callable
) -> tuple[list[str], list[str], list[str]]:
    """What each text says went wrong and its language here, cleaning in the
    workers: each slice goes to them as soon as its languages are known and they
    have started; slices detected before that are cleaned here while waiting. Same
    result as `_read_and_detect` and one `clean_texts` call."""
    slices = _slices(len(distinct), 4 * parallel)
    reading: list[str] = []
    langs: list[str] = []
    results: list[Future | list[str] | None] = [None] * len(slices)

    def send_pending() -> None:
        for i, part in enumerate(slices):
            if results[i] is None and len(langs) >= part.stop:
                results[i] = pool.submit(_clean_part, reading[part], langs[part])

    def detect() -> list[str]:
        reading.extend(cxtext.complaint_parts(distinct))
        for part in slices:
            langs.extend(cxtext.detect_languages(reading[part]))
            if pool.ready.is_set():
                send_pending()
        return langs

    def clean() -> list[str]:
        for i in reversed(range(len(slices))):  # the workers take the first ones
            if pool.ready.is_set():
                break
            if results[i] is None:
                part = slices[i]
                results[i] = cxtext.clean_texts(reading[part], langs[part])
        pool.ready.wait()
        send_pending()
        return [
            c for r in results for c in (r.result() if isinstance(r, Future) else r)
        ]

    run("language", detect)
    return reading, langs, run("clean", clean)


def _in_parts(
    pool: Executor | None, parts: int, work: Callable[..., list | dict], *columns: list
) -> list:
    """``work`` over ``parts`` contiguous slices of ``columns``, in the pool when there
    is one (else once, here), results in order."""
    if pool is None:
        return [work(*columns)]
    futures = [
        pool.submit(work, *[c[part] for c in columns])
        for part in _slices(len(columns[0]), parts)
    ]
    return [f.result() for f in futures]


def analyse(
    frame: pd.DataFrame,
    taxonomy: Taxonomy,
    corrections: pd.DataFrame | None = None,
    *,
    random_state: int = 0,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Analysis:
    """Language, cause, ladder and theme of every row of a canonical feedback frame.

    Steps: language id, cleaning, CauseModel fit (transductive, with corrections) and
    assign, the expectation ladder (text, rating, cause), then emerging themes over
    the complaints (ladder -1) that no cause took. A row whose rating says the
    customer was disappointed is read as a complaint: its praise words (sarcasm) and
    question form do not make it "none". Each distinct text (per such flag) is
    analysed once and its results are spread back over its rows (the model assigns
    in batches to bound memory). `progress(stage, fraction)` is called at the start
    and end of each stage. With `workers` > 1 (by default `default_workers()` from
    `PARALLEL_MIN_TEXTS` distinct texts on) cleaning, assignment and the ladder's
    lexicon run in worker processes, the lexicon while the model is fitted (read
    once, for the praise rule and for the ladder); the result is the same.
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError("analyse needs a pandas DataFrame with a 'text' column.")
    texts = _texts(frame)
    report = progress or (lambda stage, fraction: None)
    if not texts:
        for stage in STAGES:
            report(stage, 1.0)
        return Analysis(empty_rows(frame.index), empty_themes(), {})

    # Distinct texts: the language is a function of the text, so each distinct text
    # is one (text, language) pair; `inverse` maps rows back to it. A text that is
    # rated low in some rows and not in others is two units (see `_distinct`).
    inverse, distinct, let_down = _distinct(texts, _let_down(frame))
    del texts
    if workers is None:
        parallel = default_workers() if len(distinct) >= PARALLEL_MIN_TEXTS else 1
    else:
        parallel = max(1, int(workers))
    args = (
        frame,
        distinct,
        inverse,
        let_down,
        taxonomy,
        corrections,
        random_state,
        report,
    )
    try:
        return _analyse_distinct(*args, parallel=parallel)
    except BrokenExecutor:
        if parallel == 1:
            raise
        # e.g. the machine refused new processes: the same work in this process
        # gives the same result.
        log.warning("worker processes failed; analysing in one process instead")
        return _analyse_distinct(*args, parallel=1)


def _analyse_distinct(
    frame: pd.DataFrame,
    distinct: list[str],
    inverse: np.ndarray,
    let_down: np.ndarray | None,
    taxonomy: Taxonomy,
    corrections: pd.DataFrame | None,
    random_state: int,
    report: Progress,
    *,
    parallel: int,
) -> Analysis:
    """`analyse` over the distinct texts, in ``parallel`` processes."""
    timings: dict[str, float] = {}

    def run(stage: str, work: Callable[[], object]) -> object:
        report(stage, 0.0)
        start = time.perf_counter()
        result = work()
        timings[stage] = time.perf_counter() - start
        report(stage, 1.0)
        return result

    with _pool(parallel) as pool:
        # each text as read: a two-part form answer by its to-improve part
        if pool is None:
            reading, langs = run("language", lambda: _read_and_detect(distinct))
            cleaned: list[str] = run(
                "clean", lambda: cxtext.clean_texts(reading, langs)
            )
        else:
            reading, langs, cleaned = _language_and_clean(pool, parallel, distinct, run)
        # The ladder's lexicon reads only texts and languages: it runs while the
        # model fits, and serves both the model's praise rule and the ladder.
        pending: Future | None = (
            pool.submit(text_evidence, reading, langs) if pool is not None else None
        )
        model = CauseModel(taxonomy, random_state=random_state)
        run(
            "fit",
            lambda: model.fit(
                reading, languages=langs, corrections=corrections, cleaned=cleaned
            ),
        )

        def assign() -> tuple[np.ndarray, dict[str, np.ndarray]]:
            # the lexicon's reading, once: the praise rule here, the ladder below
            evidence = (
                pending.result()
                if pending is not None
                else text_evidence(reading, langs)
            )
            columns = [reading, langs, cleaned, is_glad(evidence)]
            if let_down is not None:
                columns.append(let_down)
            parts = _in_parts(pool, parallel, partial(_assign_part, model), *columns)
            return evidence, {
                key: np.concatenate([p[key] for p in parts]) for key in parts[0]
            }

        evidence, assigned = run("assign", assign)
        causes = assigned["cause"][inverse]
        ladder: np.ndarray = run(
            "ladder",
            lambda: combine_ladder(
                score_ladder(reading, langs, evidence=evidence)[inverse],
                _ratings(frame),
                causes,
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
