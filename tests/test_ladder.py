"""The expectation ladder: text in five languages, negation, rating scales, causes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score

from cx.ladder import (
    is_complaint,
    ladder_from_rating,
    rating_scale,
    score_ladder,
    stated_rating,
    text_evidence,
)

CASES = [
    # language, text, expected ladder
    ("en", "Very disappointed, the agent was rude and never called back", -1),
    ("en", "Thanks, the issue was resolved as expected", 0),
    ("en", "Wow, you went above and beyond, exceeded my expectations!", 1),
    ("en", "I am not happy with this at all", -1),
    ("en", "No problems at all, thanks", 0),
    ("ru", "Ужасное обслуживание, оператор нагрубил", -1),
    ("ru", "Спасибо, всё нормально", 0),
    ("ru", "Приятно удивили, превзошли все ожидания", 1),
    ("ru", "Я не доволен вашей работой", -1),
    ("ru", "Никаких проблем, без проблем всё решили", 0),
    ("lt", "Labai nusivyliau, operatorius buvo nemandagus", -1),
    ("lt", "Ačiū, viskas gerai", 0),
    ("lt", "Maloniai nustebino, pranoko lūkesčius", 1),
    ("lt", "Visai ne gerai, niekas neatsakė", -1),
    ("lt", "Jokių problemų, nėra problemų", 0),
    ("lv", "Ļoti vīlos, operators bija rupjš", -1),
    ("lv", "Paldies, viss labi", 0),
    ("lv", "Patīkami pārsteidza, pārspēja gaidas", 1),
    ("lv", "Nav labi, neviens neatbildēja", -1),
    ("lv", "Nav problēmu, paldies", 0),
    ("et", "Olen pettunud, teenindaja oli ebaviisakas", -1),
    ("et", "Aitäh, kõik korras", 0),
    ("et", "Meeldivalt üllatas, ületas ootusi", 1),
    ("et", "Ei olnud hea, keegi ei vastanud", -1),
    ("et", "Probleeme pole, aitäh", 0),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_text_alone_places_the_row_on_the_ladder(
    language: str, text: str, expected: int
) -> None:
    assert score_ladder([text], [language]).tolist() == [expected]


@pytest.mark.parametrize("language", ["en", "ru", "lt", "lv", "et"])
def test_typed_without_diacritics_scores_the_same(language: str) -> None:
    texts = [t for lang, t, _ in CASES if lang == language]
    folded = [
        t.translate(str.maketrans("ąčęėįšųūžāēīķļņõäöüģ", "aceeisuuzaeiklnoaoug"))
        for t in texts
    ]
    langs = [language] * len(texts)
    assert score_ladder(folded, langs).tolist() == score_ladder(texts, langs).tolist()


def test_negated_praise_is_disappointment_and_negated_complaint_is_not() -> None:
    evidence = text_evidence(["not great", "not bad at all"], ["en", "en"])
    assert evidence[0, 0] > 0 and evidence[0, 2] == 0
    assert evidence[1, 0] == 0 and evidence[1, 1] > 0


@pytest.mark.parametrize(
    ("ratings", "scale", "expected"),
    [
        ([1, 2, 3, 4, 5], "CSAT 1-5", [-1, -1, 0, 0, 1]),
        ([0, 6, 7, 8, 9, 10], "NPS 0-10", [-1, -1, 0, 0, 1, 1]),
        ([1, 5, 8, 10], "NPS 0-10", [-1, -1, 0, 1]),
        ([-1, 0, 1], "ladder -1..1", [-1, 0, 1]),
        ([10, 75, 95], "0-100", [-1, 0, 1]),
    ],
)
def test_rating_scales_are_read_on_their_own_range(
    ratings: list[float], scale: str, expected: list[int]
) -> None:
    assert rating_scale(ratings).name == scale
    assert ladder_from_rating(ratings).astype(int).tolist() == expected


def test_a_complaint_in_the_text_overrides_a_top_rating() -> None:
    texts = ["The agent was rude", "ok", "ok", "Thanks"]
    got = score_ladder(texts, ["en"] * 4, ratings=[5, 5, 1, np.nan])
    assert got.tolist() == [-1, 1, -1, 0]


def test_any_assigned_cause_makes_the_row_a_disappointment() -> None:
    got = score_ladder(["fine", "fine"], ["en", "en"], causes=["overcharging", "none"])
    assert got.tolist() == [-1, 0]


def test_is_complaint_marks_disappointment_rows() -> None:
    texts = ["Nobody called back", "Great, thank you!", "Nav labi"]
    assert is_complaint(texts, ["en", "en", "lv"]).tolist() == [True, False, True]


def test_mismatched_lengths_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="one language per text"):
        score_ladder(["a", "b"], ["en"])


def test_empty_input_gives_an_empty_ladder() -> None:
    assert score_ladder([], []).shape == (0,)


DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def test_latvian_tweets_test_split_beats_a_majority_guess() -> None:
    """Measured on the held-out test file (the lexicon was tuned on train only)."""
    raw = pd.read_json(
        DATA / "lv_twitter_eater_sentiment" / "ltec-sentiment-annotated-test.json",
        dtype={"tweet_id": str},
    )
    truth = raw["sentiment"].map({"neg": -1, "neu": 0, "pos": 1}).to_numpy()
    got = score_ladder(raw["tweet_text"].astype(str).tolist(), ["lv"] * len(raw))
    majority = f1_score(truth, np.zeros_like(truth), average="macro")
    assert f1_score(truth, got, average="macro") > majority + 0.15


@pytest.mark.parametrize(
    ("text", "rung"),
    [
        ("2/10 operators nometa klausuli", -1.0),
        ("9/10 viskas gerai", 1.0),
        ("8 no 10, viss kārtībā", 0.0),
        ("1 звезда, ужасно", -1.0),
        ("5 tärni! Super", 1.0),
        ("1 täht. Ei soovita", -1.0),
        ("2 звёзды из-за доставки", -1.0),
        ("3 out of 10, slow delivery", -1.0),
        ("10 - 15 minutes on hold again", np.nan),  # a range, not a score
        ("24/7 line and nobody answers", np.nan),
        ("1/10/2024 I ordered a sofa", np.nan),  # a date
        ("Ačiū už pagalbą", np.nan),
    ],
)
def test_a_score_typed_at_the_start_of_a_comment_is_read_as_its_rating(text, rung):
    got = stated_rating([text])[0]
    assert (np.isnan(got) and np.isnan(rung)) or got == rung, (text, got)


def test_the_bare_dash_score_takes_the_scale_of_its_batch():
    """'4 - ...' is middling on a 1-5 scale but a detractor on 0-10."""
    assert stated_rating(["4 - ok", "5 - great"]).tolist() == [0.0, 1.0]
    assert stated_rating(["4 - ok", "9 - great"]).tolist() == [-1.0, 1.0]


def test_a_written_score_sets_the_ladder_when_the_text_alone_is_neutral():
    texts = ["9 - the sofa came on the day they said", "the sofa came on the day"]
    assert score_ladder(texts, ["en", "en"]).tolist() == [1, 0]
