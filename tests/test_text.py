"""Tests of cx.text: language id, masking, normalising, stems, stop words, negation."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cx import text as cxt
from cx.text import (
    LANGUAGES,
    NEGATORS,
    STOPWORDS,
    clean_text,
    clean_texts,
    complaint_part,
    complaint_parts,
    detect_languages,
    fold_diacritics,
    mask_contacts,
    mask_contacts_series,
    normalise,
    stated_score,
    stem,
    tokenize,
)

# Written for these tests (no public Lithuanian complaint set is at hand); also used by
# benchmarks/bench_langid.py as its Lithuanian sample.
LITHUANIAN_COMPLAINTS = (
    "Operatorius buvo labai nemandagus ir padėjo ragelį.",
    "Jau tris savaites laukiu, kol grąžinsite pinigus.",
    "Žadėjo paskambinti rytoj, bet niekas nepaskambino.",
    "Man du kartus nuskaičiavo mokestį už tą pačią paslaugą.",
    "Problema vis dar neišspręsta, nors skambinau penkis kartus.",
    "Su manimi elgėsi kaip su numeriu, o ne kaip su žmogumi.",
    "Sąskaita už internetą dvigubai didesnė nei sutarta.",
    "Konsultantė nieko nepaaiškino ir tiesiog išjungė pokalbį.",
    "Kodėl turiu laukti eilėje ilgiau nei valandą?",
    "Pažadėjo kompensaciją, bet jos taip ir negavau.",
    "Niekas neatsako į mano laiškus jau dvi savaites.",
    "Darbuotoja šaukė ant manęs ir buvo labai grubi.",
    "Prekė atvežta sugadinta, o grąžinti pinigų nenori.",
    "Kiekvieną kartą turiu iš naujo aiškinti savo problemą.",
    "Kaina parduotuvėje buvo kitokia nei kasoje.",
    "Mano skundas buvo uždarytas be jokio atsakymo.",
    "Aptarnavimas siaubingas, daugiau niekada nepirksiu.",
    "Kurjeris nepristatė siuntinio, nors sistemoje parašyta, kad pristatyta.",
    "Vadybininkas pažadėjo perskambinti per valandą, praėjo savaitė.",
    "Už atšauktą užsakymą pinigai vis dar negrąžinti.",
    "Nuskaičiavo papildomą mokestį, apie kurį niekas neperspėjo.",
    "Labai ilgai laukiau atsakymo iš klientų aptarnavimo.",
    "Jūsų darbuotojai nekompetentingi ir abejingi klientams.",
    "Sutartis buvo pakeista be mano sutikimo.",
    "Internetas neveikia jau trečią dieną, o jūs tylite.",
    "Buvau perjungtas tarp skyrių keturis kartus.",
    "Gavau sąskaitą už paslaugą, kurios neužsakiau.",
    "Operatorė buvo nemandagi ir nutraukė pokalbį.",
    "Mano klausimas taip ir liko neatsakytas.",
    "Skambinau tris kartus ir kiekvieną kartą gavau kitą atsakymą.",
    "Prašiau grąžinti pinigus, bet man atsisakė be priežasties.",
    "Atrodo, kad jums visiškai nerūpi klientai.",
    "Pristatymas vėlavo dvi savaites ir niekas neatsiprašė.",
    "Mokėjimas nuskaičiuotas du kartus, prašau grąžinti.",
    "Jokio dėmesio, jokios pagarbos klientui.",
    "Taisymas truko mėnesį, o gedimas vis tiek liko.",
    "Nebuvo galimybės pasikalbėti su vadovu.",
    "Sakė, kad perskambins, bet taip ir nesulaukiau.",
    "Kainos pakeltos be jokio įspėjimo.",
    "Ačiū už nieką, daugiau pas jus nesikreipsiu.",
)

SHORT_AND_UNDIACRITIC = [
    ("operatorius buvo nemandagus", "lt"),
    ("niekas nepaskambino", "lt"),
    ("pinigu negrazino jau menesi", "lt"),
    ("neviens man neatzvanija", "lv"),
    ("operators bija rupjs", "lv"),
    ("nauda netika atgriezta", "lv"),
    ("keegi ei helistanud tagasi", "et"),
    ("teenindaja oli ebaviisakas", "et"),
    ("raha ei tagastatud", "et"),
    ("the agent was rude", "en"),
    ("nobody called me back", "en"),
    ("Оператор нагрубил", "ru"),
    ("не перезвонили", "ru"),
    ("деньги не вернули", "ru"),
]


# --------------------------------------------------------------------- language id


@pytest.mark.parametrize(("sentence", "language"), SHORT_AND_UNDIACRITIC)
def test_short_texts_without_diacritics_get_their_language(sentence, language):
    assert detect_languages([sentence]) == [language]


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Operatorius buvo labai nemandagus ir padėjo ragelį.", "lt"),
        ("Neviens man neatzvanīja, lai gan solīja.", "lv"),
        ("Keegi ei helistanud tagasi, kuigi lubati.", "et"),
        ("They promised a refund and never sent it.", "en"),
        ("Обещали перезвонить и пропали.", "ru"),
    ],
)
def test_full_sentences_with_diacritics_get_their_language(sentence, language):
    assert detect_languages([sentence, fold_diacritics(sentence)]) == [language] * 2


def test_most_lithuanian_complaints_are_lithuanian_with_and_without_diacritics():
    found = detect_languages(list(LITHUANIAN_COMPLAINTS))
    folded = detect_languages([fold_diacritics(t) for t in LITHUANIAN_COMPLAINTS])
    assert found.count("lt") / len(found) >= 0.95
    assert folded.count("lt") / len(folded) >= 0.9


@pytest.mark.parametrize(
    "empty", ["", "   ", "12345", "!!! ???", "😡😡", "12.03.2024 49.99"]
)
def test_texts_without_words_are_unknown(empty):
    assert detect_languages([empty]) == ["unknown"]


def test_detect_languages_returns_one_language_per_row_in_order():
    texts = ["labai blogai", "очень плохо", "labai blogai", "", "very bad service"]
    found = detect_languages(texts)
    assert len(found) == len(texts)
    assert found[0] == found[2]
    assert found[1] == "ru"
    assert set(found) <= {*LANGUAGES, "unknown"}


# ------------------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("rašykite jonas.jonaitis@gmail.com", "rašykite <email>"),
        ("see https://example.com/a?b=1 now", "see <url> now"),
        ("sk. www.telia.lt/pagalba", "sk. <url>"),
        ("kortelė 4111 1111 1111 1111", "kortelė <card>"),
        ("card 4111-1111-1111-1111.", "card <card>."),
        ("skambinkite +370 612 34567", "skambinkite <phone>"),
        ("tel. 8 612 34567", "tel. <phone>"),
        ("звоните +7 (912) 345-67-89", "звоните <phone>"),
        ("call 555-123-4567 today", "call <phone> today"),
        ("zvaniet 20 30 40 50", "zvaniet <phone>"),
        ("helistage +372 5123 4567", "helistage <phone>"),
        ("@FlyNorth on hold 2 hours", "<user> on hold 2 hours"),
        ("спасибо, @ivan_petrov!", "спасибо, <user>!"),
        ("see https://medium.com/@jonas/post", "see <url>"),
    ],
)
def test_each_kind_of_contact_is_masked(raw, masked):
    assert mask_contacts(raw) == masked


@pytest.mark.parametrize(
    "untouched",
    [
        "paid 49.99 EUR on 12.03.2024",
        "2024-03-12 kaina 1 000 000 EUR",
        "sumokėjau 120,50 eur",
        "заказ от 01.02.2023 на 3 500 руб",
        "ootasin 45 minutit",
        "meet me @ 5pm, room 4@2",
    ],
)
def test_dates_amounts_and_small_numbers_are_not_masked(untouched):
    assert mask_contacts(untouched) == untouched


@given(st.text(alphabet="0123456789 +-().@abc_<>EURw/:", max_size=40))
@example("@E@E")  # a handle glued to another: masking once must settle it
def test_mask_contacts_is_idempotent(raw):
    once = mask_contacts(raw)
    assert mask_contacts(once) == once


def test_mask_contacts_series_matches_the_scalar_function_and_keeps_input():
    rows = ["mail a@b.lt", "call +370 612 34567", "49.99 EUR", "www.x.ee ok", "plain"]
    series = pd.Series(rows, index=[5, 6, 7, 8, 9])
    masked = mask_contacts_series(series)
    assert masked.tolist() == [mask_contacts(r) for r in rows]
    assert masked.index.tolist() == [5, 6, 7, 8, 9]
    assert series.tolist() == rows


# --------------------------------------------------------------- normalise and fold


def test_normalise_folds_case_quotes_dashes_and_spaces():
    assert normalise("  «Labai»\u00a0BLOGAI —  ＯＫ\t") == '"labai" blogai - ok'


@given(st.text())
def test_normalise_is_idempotent(raw):
    assert normalise(normalise(raw)) == normalise(raw)


@given(st.text())
def test_fold_diacritics_is_idempotent(raw):
    assert fold_diacritics(fold_diacritics(raw)) == fold_diacritics(raw)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ąčęėįšųūž", "aceeisuuz"),
        ("āēīķļņģčšž", "aeiklngcsz"),
        ("õäöüšž", "oaousz"),
        ("ёж й", "еж й"),
        ("Résumé naïve", "Resume naive"),
    ],
)
def test_fold_diacritics_strips_latin_marks_and_keeps_cyrillic(raw, folded):
    assert fold_diacritics(raw) == folded


# ------------------------------------------------------------------------ tokenize


def test_tokenize_keeps_placeholders_and_english_contractions():
    assert tokenize("don't <email>, call me!") == ["don't", "<email>", "call", "me"]


def test_tokenize_splits_on_punctuation_in_every_script():
    assert tokenize("ačiū,labai/blogai—нет.да") == [
        "ačiū",
        "labai",
        "blogai",
        "нет",
        "да",
    ]


# ----------------------------------------------------------------------------- stem


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("lt", ["nemandagus", "nemandagi", "nemandagiai", "nemandagų", "nemandagaus"]),
        ("lt", ["grąžinti", "grąžino", "grąžins", "grąžinau"]),
        ("lt", ["pažadėjo", "pažadėti", "pažadėjau", "pažadės"]),
        ("ru", ["нагрубил", "нагрубила", "нагрубили"]),
        ("ru", ["грубый", "грубая", "грубые"]),
        ("lv", ["rupjš", "rupja", "rupji", "rupjais", "rupjā"]),
        ("lv", ["nepiezvanīja", "nepiezvanīju"]),
        ("et", ["ebaviisakas", "ebaviisaka", "ebaviisakad", "ebaviisakat"]),
        ("et", ["teenindaja", "teenindajad", "teenindajat"]),
        ("en", ["charged", "charging", "charges", "charge"]),
    ],
)
def test_inflected_forms_share_one_stem(language, forms):
    assert len({stem(f, language) for f in forms}) == 1


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("lt", "nemandagus"),
        ("lt", "grąžinimas"),
        ("lt", "užsakymų"),
        ("lv", "neatzvanīja"),
        ("lv", "ļoti"),
        ("lv", "rēķins"),
        ("et", "tööpäev"),
        ("et", "hüvitis"),
        ("ru", "ещё"),
        ("en", "naïve"),
    ],
)
def test_stems_are_the_same_with_and_without_diacritics(language, word):
    assert stem(word, language) == stem(fold_diacritics(word), language)
    assert stem(word, language).isascii() or language == "ru"


def test_stems_of_inflected_languages_are_cut_to_the_maximum_length():
    assert len(stem("klienditeenindusele", "et")) <= cxt.MAX_STEM
    assert len(stem("neprofesionalumas", "lt")) <= cxt.MAX_STEM


# ----------------------------------------------------------------------- stop words


def test_lithuanian_stop_words_are_repaired_from_their_broken_encoding():
    lt = STOPWORDS["lt"]
    assert {"ir", "kad", "bet", "dėl", "iš", "kodėl"} <= lt
    assert not any(ch in w for w in lt for ch in "øæðþ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_negators_are_never_stop_words(language):
    negators = NEGATORS[language] | {fold_diacritics(w) for w in NEGATORS[language]}
    assert not negators & STOPWORDS[language]


@pytest.mark.parametrize(
    ("language", "stop", "content"),
    [
        ("en", "the", "refund"),
        ("ru", "что", "деньги"),
        ("lt", "kad", "pinigai"),
        ("lv", "un", "nauda"),
        ("et", "ja", "raha"),
    ],
)
def test_stop_lists_hold_function_words_not_complaint_words(language, stop, content):
    assert stop in STOPWORDS[language]
    assert content not in STOPWORDS[language]


# ------------------------------------------------------------------------- negation


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("The agent was not rude", "en", "not_" + stem("rude", "en")),
        ("Не грубый", "ru", "not_" + stem("грубый", "ru")),
        ("Operatorius nebuvo nemandagus", "lt", "not_" + stem("nemandagus", "lt")),
        ("Operators nebija rupjš", "lv", "not_" + stem("rupjš", "lv")),
        ("Teenindaja ei olnud ebaviisakas", "et", "not_" + stem("ebaviisakas", "et")),
    ],
)
def test_a_negator_prefixes_the_following_word(sentence, language, expected):
    assert expected in clean_text(sentence, language)
    assert clean_text(sentence, language)[-1] == expected


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("I didn't get a refund, the agent was rude", "en"),
        ("Не вернули деньги, оператор грубый", "ru"),
        ("Nebuvo atsakymo, operatorius nemandagus", "lt"),
        ("Nav atbildes, operators rupjš", "lv"),
        ("Pole vastust, teenindaja ebaviisakas", "et"),
    ],
)
def test_punctuation_closes_a_negation_scope(sentence, language):
    tokens = clean_text(sentence, language)
    assert tokens[0].startswith("not_")
    assert not tokens[-1].startswith("not_")


def test_a_negation_scope_covers_at_most_three_words():
    tokens = clean_text("never answered phone emails letters chats", "en")
    assert [t.startswith("not_") for t in tokens] == [True, True, True, False, False]


@pytest.mark.parametrize(
    ("sentence", "language", "verb"),
    [
        ("Niekas nepaskambino", "lt", "nepaskambino"),
        ("Neviens nepiezvanīja", "lv", "nepiezvanīja"),
    ],
)
def test_baltic_ne_prefixed_verbs_keep_their_prefix_and_open_no_scope(
    sentence, language, verb
):
    tokens = clean_text(sentence + " atpakaļ", language)
    assert stem(verb, language) in tokens
    assert stem(verb, language).startswith("ne")
    assert not any(t.startswith("not_") for t in tokens)


# ---------------------------------------------------------------------- clean_texts


def test_handles_are_no_words_the_model_learns_from():
    texts = ["@FlyNorth lost my bag", "@SkyLine lost my bag", "@Sky_Line2 lost my bag"]
    cleaned = clean_texts(texts * 300, ["en"] * 900)  # the batched Arrow path
    assert set(cleaned) == {"lost bag"}
    assert clean_texts(texts[:1], ["en"]) == ["lost bag"]  # the per-row path


def test_clean_texts_masks_drops_stop_words_numbers_and_short_tokens():
    [out] = clean_texts(["Mail me at a@b.com: I paid 49.99 EUR x 2 times!"], ["en"])
    assert out.split() == ["mail", "<email>", "paid", "eur", "time"]


def test_clean_texts_returns_one_space_joined_string_per_row_deterministically():
    texts = [
        "Operatorius buvo nemandagus!",
        "",
        "Не перезвонили",
        "Operatorius buvo nemandagus!",
    ]
    languages = ["lt", "unknown", "ru", "lt"]
    first = clean_texts(texts, languages)
    assert first == clean_texts(list(texts), list(languages))
    assert len(first) == len(texts)
    assert first[1] == ""
    assert first[0] == first[3]
    assert all(out == " ".join(out.split()) for out in first)


def test_clean_texts_gives_the_same_tokens_with_and_without_diacritics():
    rows = ["Operatorė buvo nemandagi, pinigų negrąžino", "Operators bija ļoti rupjš"]
    langs = ["lt", "lv"]
    assert clean_texts(rows, langs) == clean_texts(
        [fold_diacritics(r) for r in rows], langs
    )


def test_clean_texts_rejects_mismatched_lengths_with_a_clear_message():
    with pytest.raises(ValueError, match="one language per text"):
        clean_texts(["a", "b"], ["en"])


def test_missing_values_in_a_series_count_as_empty_text():
    texts = pd.Series(["Не перезвонили", pd.NA], dtype="string")
    assert detect_languages(texts) == ["ru", "unknown"]
    assert clean_texts(texts, ["ru", "unknown"])[1] == ""


# ------------------------------------------------- batches equal the row-by-row path

_BATCH_PIECES = st.sampled_from(
    list("abcdeiklmnoprstuvz ąčęėįšųūžāēīķļņõäöüß АаБбГгДдЕеЁёЙйНнОоРрУуЯя")
    + list("0123456789 .,!?;:()'’«»—…@+-<>_#/ﬁİ\u0301\u00a0")
    + [" not ", " не ", " ne ", " ei ", " nav ", "<phone>", "www.x.lt", "a@b.com"]
)
_BATCH_TEXT = st.lists(_BATCH_PIECES, max_size=40).map("".join)
_BATCH_ROWS = [text for text, _ in SHORT_AND_UNDIACRITIC] + list(LITHUANIAN_COMPLAINTS)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(_BATCH_TEXT, min_size=1, max_size=30),
    st.sampled_from([*LANGUAGES, "unknown"]),
)
def test_clean_texts_in_batches_equals_clean_text_row_by_row(extra, language):
    rows = _BATCH_ROWS + extra + [fold_diacritics(t) for t in _BATCH_ROWS] + extra
    expected = [" ".join(clean_text(t, language)) for t in rows]
    assert clean_texts(rows, [language] * len(rows)) == expected


@settings(max_examples=5, deadline=None)
@given(st.lists(_BATCH_TEXT, min_size=1, max_size=20))
def test_detect_languages_in_batches_equals_one_text_at_a_time(extra):
    rows = _BATCH_ROWS + [fold_diacritics(t) for t in _BATCH_ROWS] + extra
    assert len(rows) > cxt._SMALL
    assert detect_languages(rows) == [detect_languages([t])[0] for t in rows]


@pytest.mark.parametrize(
    ("text", "language", "star", "kept"),
    [
        ("1 star, the staff were rude", "en", "star", "rude"),
        ("1 звезда, персонал хамит", "ru", "звезд", "хам"),
        ("1 žvaigždutė, darbuotojai grubūs", "lt", "zvaigzd", "grub"),
        ("1 zvaigzne, darbinieki rupji", "lv", "zvaigzn", "rupj"),
        ("1 täht, teenindaja oli ebaviisakas", "et", "taht", "ebaviisa"),
    ],
)
def test_cleaning_drops_the_score_typed_before_a_comment(text, language, star, kept):
    """The score is the comment's rating (read by cx.ladder), not words of it."""
    for tokens in (clean_text(text, language), clean_texts([text], [language])[0]):
        joined = " ".join(tokens) if isinstance(tokens, list) else tokens
        assert star not in fold_diacritics(joined), (language, joined)
        assert kept in joined, (language, joined)


def test_a_number_that_is_no_score_is_left_in_the_comment():
    assert stated_score("10 - 15 minutes on hold") is None
    assert "minut" in " ".join(clean_text("10 - 15 minutes on hold", "en"))


def test_the_typed_score_is_dropped_once_in_one_text_and_in_batches():
    """Only the leading score goes: "5 stars" after "3/10" is part of the comment."""
    rows = [f"3/10 5 stars, order {i} came late" for i in range(cxt._SMALL + 6)]
    expected = [" ".join(clean_text(t, "en")) for t in rows]
    assert expected[0].startswith("star")
    assert clean_texts(rows, ["en"] * len(rows)) == expected
    assert clean_texts(rows[:2], ["en", "en"]) == expected[:2]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("Liked: quick. / To improve: the bill was wrong", "the bill was wrong"),
        ("What went well? - What went wrong? Nobody called", "Nobody called"),
        ("Pros: cheap. Cons: nobody answers", "nobody answers"),
        ("Что понравилось: быстро. Что не понравилось: нагрубили", "нагрубили"),
        ("Плюсы: чисто. Минусы: долго ждали", "долго ждали"),
        ("Kas patiko: greitai. / Kas nepatiko: vėl sugedo", "vėl sugedo"),
        ("Kas patiko: greitai. / Ka tobulinti: vel sugedo", "vel sugedo"),
        ("Kas patika: ātri. / Kas jāuzlabo: rēķins par lielu", "rēķins par lielu"),
        ("kas patika: atri. kas jauzlabo: rekins par lielu", "rekins par lielu"),
        ("Mis meeldis: kiire. / Mis ei meeldinud: arve vale", "arve vale"),
        ("Meeldis: - / Parandada: istusin 6 tundi", "istusin 6 tundi"),
    ],
)
def test_a_two_part_form_answer_is_read_by_its_to_improve_part(text, complaint):
    assert complaint_part(text) == complaint
    assert complaint_parts([text, "plain text"]) == [complaint, "plain text"]


@pytest.mark.parametrize(
    "text",
    [
        "Liked: everything / To improve: nothing",
        "Kas patiko: viskas. Kas nepatiko: -",
        "Mis meeldis: kõik. Mis vajab parandamist: pole midagi",
        "Что понравилось: всё. Что улучшить: ничего, всё хорошо",
        "Bad: waited two hours",  # one header only: no two-part answer
        "The food was bad - really bad: cold",
        "What went wrong? Everything",
    ],
)
def test_a_text_that_is_no_two_part_complaint_is_read_whole(text):
    assert complaint_part(text) == text
    assert complaint_parts([text]) == [text]


@pytest.mark.parametrize("language", LANGUAGES)
def test_retweet_marks_and_html_entity_names_are_no_words(language):
    """Exports of tweets carry "RT @x" and "&amp;"; in no language are they words."""
    tokens = clean_text("RT @bank: card &amp; cash &gt; nbsp &quot;", language)
    assert not {"rt", "amp", "gt", "quot", "nbsp"} & set(tokens)
