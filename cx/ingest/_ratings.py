"""Ratings: numbers as written, and satisfaction or sentiment words in five languages.

Survey and helpdesk exports often label satisfaction in words ("Very dissatisfied",
"Neutral", "Patenkintas", "Negative", or annotators' "neg"/"neu"/"pos") rather than
numbers. Each word is read on the 1-5 CSAT scale it stands for (1 very dissatisfied
... 5 very satisfied), so the expectation ladder reads it like a number: 1-2
disappointment, 3-4 satisfaction, 5 wow.
"""

from __future__ import annotations

import re

import pandas as pd

from cx.ingest._types import fold

__all__ = ["parse_ratings", "rating_word"]

# Labels per CSAT point. Matched whole, folded (case, diacritics, punctuation), so
# "NEAPMIERINATS" and "neapmierināts" are the same label. Masculine and feminine forms.
_WORDS: dict[int, tuple[str, ...]] = {
    1: (
        "very dissatisfied", "very unsatisfied", "very negative", "very bad",
        "very poor", "extremely dissatisfied", "terrible", "awful",
        "очень недоволен", "очень недовольна", "очень плохо", "очень негативно",
        "крайне недоволен", "крайне недовольна", "ужасно",
        "labai nepatenkintas", "labai nepatenkinta", "labai blogai", "labai blogas",
        "labai neigiamas", "labai neigiama", "siaubingai",
        "ļoti neapmierināts", "ļoti neapmierināta", "ļoti slikti", "ļoti negatīvs",
        "ļoti negatīva", "šausmīgi",
        "väga rahulolematu", "väga halb", "väga halvasti", "väga negatiivne",
        "kohutav",
    ),
    2: (
        "dissatisfied", "unsatisfied", "not satisfied", "negative", "neg", "bad",
        "poor",
        "недоволен", "недовольна", "не доволен", "не довольна", "неудовлетворен",
        "неудовлетворена", "не удовлетворен", "не удовлетворена", "негативно",
        "негативный", "негативная", "негатив", "отрицательно", "отрицательный",
        "отрицательная", "плохо",
        "nepatenkintas", "nepatenkinta", "neigiamas", "neigiama", "neigiamai",
        "blogai", "blogas",
        "neapmierināts", "neapmierināta", "nav apmierināts", "nav apmierināta",
        "negatīvs", "negatīva", "negatīvi", "slikti", "slikts",
        "rahulolematu", "ei ole rahul", "pole rahul", "negatiivne", "halb",
        "halvasti",
    ),
    3: (
        "neutral", "neu", "neut", "neither satisfied nor dissatisfied", "average",
        "нейтрально", "нейтральный", "нейтральная", "средне", "нормально",
        "neutralus", "neutrali", "neutraliai", "vidutiniškai",
        "neitrāls", "neitrāla", "neitrāli", "viduvēji",
        "neutraalne", "keskmine", "rahuldav",
    ),
    4: (
        "satisfied", "positive", "pos", "good",
        "доволен", "довольна", "удовлетворен", "удовлетворена", "позитивно",
        "позитивный", "позитивная", "положительно", "положительный",
        "положительная", "хорошо",
        "patenkintas", "patenkinta", "teigiamas", "teigiama", "teigiamai", "gerai",
        "geras",
        "apmierināts", "apmierināta", "pozitīvs", "pozitīva", "pozitīvi", "labi",
        "labs",
        "rahul", "rahulolev", "positiivne", "hea", "hästi",
    ),
    5: (
        "very satisfied", "extremely satisfied", "very positive", "very good",
        "excellent",
        "очень доволен", "очень довольна", "очень хорошо", "отлично", "превосходно",
        "labai patenkintas", "labai patenkinta", "labai gerai", "puikiai", "puiku",
        "ļoti apmierināts", "ļoti apmierināta", "ļoti labi", "izcili", "lieliski",
        "väga rahul", "väga hea", "väga hästi", "suurepärane", "suurepäraselt",
    ),
}  # fmt: skip


def _fold(value: str) -> str:
    """`fold`, with every punctuation run a space: "Ļoti labi!" -> "loti labi"."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(value)).split())


_POINTS = {_fold(word): point for point, words in _WORDS.items() for word in words}


def rating_word(value: str) -> float:
    """The CSAT point (1-5) a satisfaction or sentiment word stands for, else NaN.

    >>> rating_word("Very dissatisfied"), rating_word("NEAPMIERINATS"), rating_word("?")
    (1.0, 2.0, nan)
    """
    return float(_POINTS.get(_fold(value), float("nan")))


def parse_ratings(values: pd.Series) -> pd.Series:
    """Each cell as a number: the first number written ("4,5", "5/5" read as 4.5 and
    5), else the CSAT point of a satisfaction word; NaN when neither.

    >>> parse_ratings(pd.Series(["4,5", "5/5", "Negative", "labai gerai", ""])).tolist()
    [4.5, 5.0, 2.0, 5.0, nan]
    """
    values = values.fillna("").astype(str).str.strip()
    numbers = pd.to_numeric(values.str.replace(",", ".", regex=False), errors="coerce")
    rest = numbers.isna() & (values != "")
    if rest.any():
        found = values[rest].str.extract(r"([-+]?\d+(?:[.,]\d+)?)", expand=False)
        numbers[rest] = pd.to_numeric(found.str.replace(",", "."), errors="coerce")
    rest = numbers.isna() & (values != "")
    if rest.any():
        distinct = values[rest].unique()
        points = {v: rating_word(v) for v in distinct}
        numbers[rest] = values[rest].map(points)
    return numbers.astype("float64")
