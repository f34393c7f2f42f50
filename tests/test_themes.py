"""Emerging themes: a planted new problem becomes one readable, stable theme."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from cx.text import clean_texts, detect_languages
from cx.themes import THEME_COLUMNS, find_themes

OTHER_TOPICS = [
    ["bill", "invoice", "charged twice", "hidden fee"],
    ["courier", "parcel", "delivery", "arrived late"],
    ["agent", "shouted", "manager", "was rude"],
    ["refund", "money back", "weeks", "still waiting"],
    ["shop", "queue", "store", "closed early"],
    ["internet", "slow", "router", "speed"],
]


def _corpus(seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    planted = [
        " ".join(
            [
                rnd.choice(["The new app", "Your app", "Since the update the app"]),
                rnd.choice(["keeps logging me out", "logs me out", "logged me out"]),
                rnd.choice(["every day", "after the update", "all the time"]),
            ]
        )
        for _ in range(30)
    ]
    others = [
        " ".join(rnd.sample(rnd.choice(OTHER_TOPICS), 3))
        + " "
        + rnd.choice(["yesterday", "today", "again", "last week", "please help"])
        for _ in range(200)
    ]
    texts = planted + others
    rnd.shuffle(texts)
    return texts


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], list[str], list[str]]:
    texts = _corpus()
    langs = detect_languages(texts)
    return texts, langs, clean_texts(texts, langs)


def test_a_planted_new_problem_becomes_one_theme_named_after_it(corpus) -> None:
    texts, langs, cleaned = corpus
    labels, summary = find_themes(cleaned, texts=texts, languages=langs)
    planted = {labels[i] for i, t in enumerate(texts) if "log" in t}
    assert len(planted) == 1
    label = planted.pop()
    assert "app" in label and "log" in label
    row = summary[summary["label"] == label].iloc[0]
    assert row["size"] == sum("log" in t for t in texts)
    assert not any(labels[i] == label for i, t in enumerate(texts) if "log" not in t)


def test_the_summary_has_the_contract_columns_and_sizes_add_up(corpus) -> None:
    texts, langs, cleaned = corpus
    labels, summary = find_themes(cleaned, texts=texts, languages=langs, max_themes=5)
    assert tuple(summary.columns) == THEME_COLUMNS
    assert len(summary) <= 5
    assert summary["size"].sum() == sum(1 for x in labels if x)
    assert summary["theme"].tolist() == [f"T{i}" for i in range(1, len(summary) + 1)]


def test_labels_are_the_same_on_every_run(corpus) -> None:
    texts, langs, cleaned = corpus
    first = find_themes(cleaned, texts=texts, languages=langs)
    second = find_themes(list(cleaned), texts=list(texts), languages=list(langs))
    assert first[0].tolist() == second[0].tolist()
    pd.testing.assert_frame_equal(first[1], second[1])


def test_labels_show_words_not_stems_when_texts_are_given(corpus) -> None:
    texts, langs, cleaned = corpus
    _, with_words = find_themes(cleaned, texts=texts, languages=langs)
    _, with_stems = find_themes(cleaned)
    assert "delivery" in " ".join(with_words["top_terms"])
    assert "deliveri" in " ".join(with_stems["top_terms"])


def test_empty_input_gives_no_themes() -> None:
    labels, summary = find_themes([])
    assert labels.shape == (0,)
    assert tuple(summary.columns) == THEME_COLUMNS and summary.empty


def test_too_few_rows_give_no_themes_rather_than_noise() -> None:
    labels, summary = find_themes(["app log", "app log", "", "bill"])
    assert labels.tolist() == ["", "", "", ""] and summary.empty


def test_masked_contacts_never_name_a_theme() -> None:
    rnd = random.Random(3)
    texts = [
        rnd.choice(["@FlyNorth", "@SkyLine", "@BlueHarbor"])
        + " "
        + rnd.choice(["the link", "your page", "the form"])
        + f" https://example.com/p{i} "
        + rnd.choice(["is broken", "does not load", "shows an error"])
        for i in range(30)
    ] + _corpus(seed=4)[:200]
    langs = detect_languages(texts)
    cleaned = clean_texts(texts, langs)
    labels, summary = find_themes(cleaned, texts=texts, languages=langs)
    linked = {labels[i] for i, t in enumerate(texts) if "https" in t}
    assert linked - {""}, "the broken-link complaints form a theme"
    shown = " ".join(summary["label"].tolist() + summary["top_terms"].tolist())
    assert "<" not in shown and "url" not in shown and "user" not in shown


# Small single-language corpora: one planted complaint negated in the rows' own words
# (its negator, its word) and four other topics, for the negation and debris checks.
NEGATED = {
    "et": {
        "planted": [
            "Teenindaja ei öelnud oma nime",
            "teenindaja kahjuks ei öelnud nime",
            "Kahjuks teenindaja ei öelnud nime ja lõpetas kõne",
        ],
        "negator": "ei",
        "word": "öelnud",
        "topics": [
            ["arve", "liiga suur", "topelt", "makse"],
            ["pakk", "kuller", "hilines", "kohale"],
            ["rakendus", "logib", "välja", "uuendus"],
            ["pood", "järjekord", "kassa", "suletud"],
        ],
        "tails": ["eile", "täna", "jälle", "palun aidake"],
    },
    "ru": {
        "planted": [
            "Банкомат не принимает купюры",
            "банкомат опять не принимает купюры",
            "Терминал не принимает купюры вообще",
        ],
        "negator": "не",
        "word": "принимает",
        "topics": [
            ["счёт", "двойной", "платёж", "комиссия"],
            ["посылка", "курьер", "опоздал", "доставка"],
            ["приложение", "выкидывает", "обновление", "вход"],
            ["магазин", "очередь", "касса", "закрыт"],
        ],
        "tails": ["вчера", "сегодня", "опять", "помогите"],
    },
    "en": {
        "planted": [
            "The agent didn't call back",
            "your agent didn't call back at all",
            "Agent promised but didn't call back",
        ],
        "negator": "didn't",
        "word": "call",
        "topics": [
            ["bill", "invoice", "charged twice", "hidden fee"],
            ["courier", "parcel", "delivery", "arrived late"],
            ["internet", "slow", "router", "speed"],
            ["shop", "queue", "store", "closed early"],
        ],
        "tails": ["yesterday", "today", "again", "please help"],
    },
}


def _negated_corpus(language: str, *, tweets: bool = False) -> list[str]:
    """The planted complaint, retweeted most of the time when ``tweets``; others
    now and then ("RT @bank: ... via @news &amp; more")."""
    spec = NEGATED[language]
    rnd = random.Random(7)

    def debris(text: str, share: float) -> str:
        if tweets and rnd.random() < share:
            return f"RT @bank: {text} via @news &amp; more"
        return text

    texts = [
        debris(f"{rnd.choice(spec['planted'])} {rnd.choice(spec['tails'])}", 0.8)
        for _ in range(30)
    ] + [
        debris(
            " ".join(rnd.sample(rnd.choice(spec["topics"]), 3))
            + f" {rnd.choice(spec['tails'])}",
            0.1,
        )
        for _ in range(150)
    ]
    rnd.shuffle(texts)
    return texts


def _themes_of(texts: list[str], language: str) -> tuple[list[str], pd.DataFrame]:
    langs = [language] * len(texts)
    labels, summary = find_themes(
        clean_texts(texts, langs), texts=texts, languages=langs
    )
    return labels.tolist(), summary


@pytest.mark.parametrize("language", ["et", "ru"])
def test_a_negated_theme_reads_in_its_own_language_without_the_english_not(language):
    texts = _negated_corpus(language)
    labels, summary = _themes_of(texts, language)
    spec = NEGATED[language]
    planted = {labels[i] for i, t in enumerate(texts) if spec["word"] in t.lower()}
    assert len(planted) == 1 and "" not in planted
    label = planted.pop()
    assert f"{spec['negator']} {spec['word']}" in label
    shown = " ".join(summary["label"].tolist() + summary["top_terms"].tolist())
    assert "not" not in shown.split() and "not_" not in shown


def test_an_english_negated_theme_keeps_the_negator_the_customers_wrote():
    texts = _negated_corpus("en")
    labels, _ = _themes_of(texts, "en")
    planted = {labels[i] for i, t in enumerate(texts) if "call back" in t}
    assert len(planted) == 1
    assert "didn't call" in planted.pop()


def test_a_negated_word_without_a_seen_negator_shows_no_marker_outside_english():
    texts = _negated_corpus("et")
    langs = ["et"] * len(texts)
    cleaned = clean_texts(texts, langs)
    # without the texts the labels show stems; still no English "not" on Estonian rows
    _, summary = find_themes(cleaned, languages=langs)
    shown = " ".join(summary["label"].tolist() + summary["top_terms"].tolist())
    assert any("not_" in c for c in cleaned)
    assert "not" not in shown.split() and "not_" not in shown


@pytest.mark.parametrize("language", ["et", "ru", "en"])
def test_retweet_and_html_debris_never_make_a_theme_label(language):
    texts = _negated_corpus(language, tweets=True)
    _, summary = _themes_of(texts, language)
    assert not summary.empty
    for shown in summary["label"].tolist() + summary["top_terms"].tolist():
        words = set(shown.replace("·", " ").replace(",", " ").split())
        assert not words & {"rt", "via", "amp"}, shown


def test_repeated_feedback_gives_no_more_themes_than_distinct_texts() -> None:
    # three texts pasted many times: k-means must not look for eight groups in them
    texts = (
        ["app crashes on login"] * 9
        + ["parking fee at the office"] * 9
        + ["website logout loop"] * 9
    )
    labels, summary = find_themes(texts, max_themes=8)
    assert 1 <= len(summary) <= 3
    assert (summary["size"].sum()) == (labels != "").sum()
