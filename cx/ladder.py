"""The customer-expectation ladder: -1 disappointment, 0 satisfaction, +1 "wow".

-1: the customer expected and did not get; 0: expected = got; +1: got more than
expected. The text is scored with a multilingual lexicon (``resources/
ladder_lexicon.yaml``: en, ru, lt, lv, et; diacritic-folded, stem prefixes, negation
scopes of two words, "but" clauses weigh double); a rating, when present, is read on
its own scale; any assigned cause makes the row -1.

Speed: texts are scanned in chunks joined into one string per language, so the regex
engine (a trie of every lexicon entry) runs in C over the whole chunk; Python touches
only the matches. Measured figures: ``benchmarks/bench_ladder.py``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import yaml

from cx.text import LANGUAGES, fold_diacritics, normalise, stated_score

__all__ = [
    "DISAPPOINTMENT",
    "SATISFACTION",
    "WOW",
    "RatingScale",
    "combine_ladder",
    "is_complaint",
    "is_glad",
    "ladder_from_rating",
    "rating_scale",
    "score_ladder",
    "stated_rating",
    "text_evidence",
]

DISAPPOINTMENT, SATISFACTION, WOW = -1, 0, 1

_GROUPS = (
    "wow",
    "praise",
    "negative",
    "positive",
    "expected",
    "intensifiers",
    "contrast",
    "negators",
)
_SEP = "\x00"
_START, _END, _STAR = r"(?<!\w)", r"(?!\w)", r"\w*"
_GAP = r"[^\w\x00]+(?:\w+[^\w\x00]+)?"  # one optional word between phrase words
_SCOPE = re.compile(r"[^\w.!?;,:\x00]*(?:\w+[^\w.!?;,:\x00]*){0,2}")
_CHUNK = 20_000


_MARKS = re.compile(r"[\u0300-\u036f]+")
_QUOTE_CHARS = "‘’‚‛′`´"


def _fold(text: str) -> str:
    """The lexicon's form of a text: normalised, Latin diacritics folded."""
    return fold_diacritics(normalise(text))


def _fold_fast(text: str, language: str) -> str:
    """`_fold` for a whole chunk, an order of magnitude faster for known languages.

    Cyrillic keeps its letters (only ё -> е); Latin-script languages drop every
    combining mark after NFKD, which folds ą š ē õ ļ like `fold_diacritics` does.
    """
    if language == "ru":
        return _plain_quotes(text.lower()).replace("ё", "е")
    if language in LANGUAGES:
        decomposed = unicodedata.normalize("NFKD", _plain_quotes(text.lower()))
        return _MARKS.sub("", decomposed)
    return _fold(text)


def _plain_quotes(text: str) -> str:
    """Curly and other single quotes as "'" (faster than str.translate on a chunk)."""
    for quote in _QUOTE_CHARS:
        if quote in text:
            text = text.replace(quote, "'")
    return text


def _entry_units(entry: str) -> tuple[str, ...]:
    """Regex pieces of one lexicon entry (see the syntax in the YAML header)."""
    units: list[str] = []
    for i, word in enumerate(entry.split()):
        star = word.endswith("*")
        word = _fold(word.rstrip("*"))
        if i:
            units.append(_GAP)
        elif word[0].isalnum() or word[0] == "_":
            units.append(_START)
        units.extend("'?" if ch == "'" else re.escape(ch) for ch in word)
        if star:
            units.append(_STAR)
        elif i == len(entry.split()) - 1 and (word[-1].isalnum() or word[-1] == "_"):
            units.append(_END)
    return tuple(units)


def _trie_regex(entries: Sequence[tuple[str, ...]]) -> str:
    """One alternation in trie form: the engine never retries a shared prefix."""
    root: dict[str, Any] = {}
    for units in entries:
        node = root
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}

    def order(unit: str) -> int:
        return {_END: 2, _STAR: 1}.get(unit, 0)

    def emit(node: dict[str, Any]) -> str:
        alts = [
            u + emit(child)
            for u, child in sorted(node.items(), key=lambda kv: order(kv[0]))
            if u
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@dataclass(frozen=True)
class _Lexicon:
    scanner: re.Pattern[str]
    groups: tuple[tuple[str, re.Pattern[str]], ...]
    memo: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def group_of(self, matched: str) -> str:
        """The lexicon group of a matched string (first group that fully matches)."""
        group = self.memo.get(matched)
        if group is None:
            group = next(
                (name for name, p in self.groups if p.fullmatch(matched)), "expected"
            )
            if len(self.memo) < 1 << 17:
                self.memo[matched] = group
        return group


@lru_cache(maxsize=1)
def _raw_lexicon() -> dict[str, dict[str, list[str]]]:
    text = resources.files("cx").joinpath("resources", "ladder_lexicon.yaml")
    raw = yaml.safe_load(text.read_text("utf-8"))
    for group, by_language in raw.items():
        for language, entries in by_language.items():
            odd = [e for e in entries if not isinstance(e, str)]
            if odd:  # YAML reads a bare no/yes/on as a boolean: quote it
                raise ValueError(
                    f"ladder_lexicon.yaml {group}/{language}: quote the entries {odd}."
                )
    return raw


@lru_cache(maxsize=8)
def _lexicon(language: str) -> _Lexicon:
    """The compiled lexicon of one language (all languages for "unknown")."""
    raw = _raw_lexicon()
    langs = (language,) if language in LANGUAGES else LANGUAGES
    groups: list[tuple[str, re.Pattern[str]]] = []
    every: list[tuple[str, ...]] = []
    for name in _GROUPS:
        units = sorted(
            {_entry_units(str(e)) for lang in langs for e in raw[name][lang]}
        )
        every.extend(units)
        groups.append((name, re.compile(_trie_regex(units))))
    return _Lexicon(re.compile(_trie_regex(every)), tuple(groups))


_FLIP = {
    "negative": "positive",
    "positive": "negative",
    "praise": "negative",
    "expected": "negative",
}
_COLUMN = {"negative": 0, "positive": 1, "praise": 2, "wow": 3}


def _scan(texts: Sequence[str], language: str) -> np.ndarray:
    """Weighted evidence per text: columns negative, positive, praise, wow."""
    lexicon = _lexicon(language)
    out = np.zeros((len(texts), 4), dtype=np.float64)
    for lo in range(0, len(texts), _CHUNK):
        chunk = [str(t).replace(_SEP, " ") for t in texts[lo : lo + _CHUNK]]
        joined = _fold_fast(_SEP.join(chunk), language)
        seps = [m.start() + 1 for m in re.finditer(_SEP, joined)]
        starts = np.asarray([0, *seps], dtype=np.int64)
        matches = list(lexicon.scanner.finditer(joined))
        if not matches:
            continue
        rows = np.searchsorted(
            starts, [m.start() for m in matches], side="right"
        ).tolist()
        row, neg_end, boost_end, weight = -1, -1, -1, 1.0
        for at, match in zip(rows, matches, strict=True):
            if at != row:
                row, neg_end, boost_end, weight = at, -1, -1, 1.0
            group = lexicon.group_of(match.group())
            if group == "negators":
                neg_end = match.end()
                continue
            if group == "intensifiers":
                boost_end = match.end()
                continue
            if group == "contrast":
                weight, neg_end, boost_end = 2.0, -1, -1
                continue
            if boost_end >= 0:
                if group == "positive" and _SCOPE.fullmatch(
                    joined, boost_end, match.start()
                ):
                    group = "praise"
                boost_end = -1
            if neg_end >= 0:
                if _SCOPE.fullmatch(joined, neg_end, match.start()):
                    group = _FLIP.get(group, "")
                neg_end = -1
            column = _COLUMN.get(group)
            if column is not None:
                out[lo + at - 1, column] += weight
    return out


def _evidence_matrix(texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    if len(texts) != len(languages):
        raise ValueError(
            f"The ladder got {len(texts)} texts but {len(languages)} languages: "
            "pass one language per text."
        )
    langs = np.asarray([str(x) for x in languages], dtype=object)
    out = np.zeros((len(texts), 4), dtype=np.float64)
    for language in dict.fromkeys(langs.tolist()):
        rows = np.flatnonzero(langs == language)
        out[rows] = _scan([texts[i] for i in rows], language)
    return out


def _ladder_from_evidence(evidence: np.ndarray) -> np.ndarray:
    neg, pos, praise, wow = evidence.T
    lift = praise + 2 * wow
    result = np.zeros(len(evidence), dtype=np.int64)
    result[lift > 0] = WOW
    result[(neg > 0) & (neg >= pos + lift)] = DISAPPOINTMENT
    return result


def text_evidence(texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    """Per text the weighted counts of negative, positive, praise and wow evidence.

    >>> text_evidence(["not happy at all", "no problems, thanks"], ["en", "en"])
    array([[1., 0., 0., 0.],
           [0., 2., 0., 0.]])
    """
    return _evidence_matrix(texts, languages)


def is_glad(evidence: np.ndarray) -> np.ndarray:
    """Per row of :func:`text_evidence`: glad words and no negative one.

    >>> is_glad(text_evidence(["no problems, thanks", "thanks, but late"], ["en"] * 2))
    array([ True, False])
    """
    evidence = np.asarray(evidence, dtype=np.float64).reshape(-1, 4)
    return (evidence[:, 0] == 0) & (evidence[:, 1:].sum(axis=1) > 0)


# ---------------------------------------------------------------------------- ratings


@dataclass(frozen=True)
class RatingScale:
    """A rating scale: ratings <= `low` are disappointment, >= `top` are "wow"."""

    name: str
    low: float
    top: float


_SCALES = {
    "ladder": RatingScale("ladder -1..1", -1, 1),
    "fraction": RatingScale("0..1", 0.4, 0.9),
    "csat5": RatingScale("CSAT 1-5", 2, 5),
    "nps": RatingScale("NPS 0-10", 6, 9),
    "percent": RatingScale("0-100", 59, 90),
}


def rating_scale(ratings: Sequence[float] | np.ndarray) -> RatingScale | None:
    """Guess the scale from the values seen: -1..1, 0..1, 1-5, 0/1-10, 0-100, or None.

    >>> rating_scale([1, 3, 5]).name, rating_scale([0, 7, 10]).name
    ('CSAT 1-5', 'NPS 0-10')
    """
    values = np.asarray(ratings, dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    lo, hi = float(values.min()), float(values.max())
    if lo < 0:
        return _SCALES["ladder"] if lo >= -1 and hi <= 1 else None
    if hi <= 1:
        return _SCALES["fraction"]
    if hi <= 5:
        return _SCALES["csat5"]
    if hi <= 10:
        return _SCALES["nps"]
    if hi <= 100:
        return _SCALES["percent"]
    return None


def ladder_from_rating(
    ratings: Sequence[float] | np.ndarray, scale: RatingScale | None = None
) -> np.ndarray:
    """-1/0/+1 per rating on its scale, NaN where there is no usable rating.

    >>> ladder_from_rating([1, 3, 4, 5, float("nan")]).tolist()
    [-1.0, 0.0, 0.0, 1.0, nan]
    """
    values = np.asarray(ratings, dtype=np.float64)
    scale = scale or rating_scale(values)
    out = np.full(values.shape, np.nan)
    if scale is None:
        return out
    known = np.isfinite(values)
    out[known] = SATISFACTION
    out[known & (values <= scale.low)] = DISAPPOINTMENT
    out[known & (values >= scale.top)] = WOW
    return out


# ----------------------------------------------------------------------------- ladder


def _as_float(values: Sequence[Any]) -> np.ndarray:
    try:  # the common case, numbers and None/NaN, in one numpy call
        out = np.array(values, dtype=np.float64)
        if out.ndim == 1:
            out[~np.isfinite(out)] = np.nan
            return out
    except (TypeError, ValueError):
        pass
    out = np.full(len(values), np.nan)
    for i, value in enumerate(values):
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        out[i] = number if math.isfinite(number) else np.nan
    return out


def stated_rating(texts: Sequence[str]) -> np.ndarray:
    """-1/0/+1 per text from a score its comment starts with, NaN where none.

    "N/10" is read as NPS, "N/5" and "N stars" as CSAT; the bare "N - ..." form takes
    the scale its values fit in this batch (any above 5: NPS): one export, one scale.

    >>> stated_rating(["3/10 the AC never worked", "9 - all fine", "1 star.",
    ...                "10 - 15 min wait", "Thanks!"]).tolist()
    [-1.0, 1.0, -1.0, nan, nan]
    """
    values = np.full(len(texts), np.nan)
    tops = np.full(len(texts), np.nan)
    for i, text in enumerate(texts):
        found = stated_score(str(text)) if text else None
        if found is not None:
            values[i], top, _ = found
            tops[i] = np.nan if top is None else top
    out = np.full(len(texts), np.nan)
    dash = np.isfinite(values) & ~np.isfinite(tops)
    if dash.any():
        tops[dash] = 10.0 if values[dash].max() > 5 else 5.0
    for top, scale in ((10.0, _SCALES["nps"]), (5.0, _SCALES["csat5"])):
        rows = (tops == top) & (values <= top)
        out[rows] = ladder_from_rating(values[rows], scale)
    return out


def score_ladder(
    texts: Sequence[str],
    languages: Sequence[str],
    ratings: Sequence[float] | None = None,
    causes: Sequence[str] | None = None,
    *,
    scale: RatingScale | None = None,
    evidence: np.ndarray | None = None,
) -> np.ndarray:
    """-1/0/+1 per row from the text, the rating (if any) and the cause (if any).

    A complaint in the text or any assigned cause gives -1 whatever the rating; a low
    rating gives -1; a top rating gives +1 unless the text is negative; a middle
    rating gives 0; without a rating the text decides.

    >>> score_ladder(["Operatorius buvo grubus", "Ačiū, viskas gerai",
    ...               "Pārspēja visas gaidas!"], ["lt", "lt", "lv"]).tolist()
    [-1, 0, 1]
    >>> score_ladder(["ok", "ok", "terrible"], ["en"] * 3, ratings=[1, 5, 5]).tolist()
    [-1, 1, -1]
    """
    if evidence is None:  # `evidence`: the texts' `text_evidence`, when already read
        evidence = _evidence_matrix(texts, languages)
    text_ladder = _ladder_from_evidence(evidence)
    stated = stated_rating(texts)  # a score written in the comment is its rating
    rated = np.isfinite(stated) & (text_ladder != DISAPPOINTMENT)
    text_ladder[rated] = stated[rated].astype(np.int64)
    return combine_ladder(
        text_ladder,
        ratings,
        causes,
        scale=scale,
    )


def combine_ladder(
    text_ladder: np.ndarray,
    ratings: Sequence[float] | None = None,
    causes: Sequence[str] | None = None,
    *,
    scale: RatingScale | None = None,
) -> np.ndarray:
    """The ladder of `score_ladder` from the text's own ladder, the rating and cause.

    Lets a caller score each distinct text once and then combine per row.

    >>> combine_ladder(np.array([0, 0, 1]), [1, 3, 5], ["none", "rudeness", "none"])
    array([-1, -1,  1])
    """
    result = np.asarray(text_ladder, dtype=np.int64).copy()
    n = len(result)
    if ratings is not None:
        if len(ratings) != n:
            raise ValueError(
                f"The ladder got {n} texts but {len(ratings)} ratings: "
                "pass one rating (or NaN) per text."
            )
        by_rating = ladder_from_rating(_as_float(ratings), scale)
        rated = np.isfinite(by_rating) & (result != DISAPPOINTMENT)
        result[rated] = by_rating[rated].astype(np.int64)
    if causes is not None:
        if len(causes) != n:
            raise ValueError(
                f"The ladder got {n} texts but {len(causes)} causes: "
                "pass one cause (or 'none') per text."
            )
        labels = pd.Series(causes, dtype=object).astype(str)
        has_cause = ((labels != "") & ~labels.isin(["none", "nan", "None"])).to_numpy()
        result[has_cause] = DISAPPOINTMENT
    return result


def is_complaint(
    texts: Sequence[str],
    languages: Sequence[str],
    ratings: Sequence[float] | None = None,
    causes: Sequence[str] | None = None,
) -> np.ndarray:
    """True where the row is a complaint (ladder -1): the rows themes are found in.

    >>> is_complaint(["the new app keeps logging me out", "thanks!"], ["en", "en"])
    array([ True, False])
    """
    return score_ladder(texts, languages, ratings, causes) == DISAPPOINTMENT
