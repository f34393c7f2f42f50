"""Tests for cx.ingest: every format, encoding, mapping, date, ledger and error."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cx.ingest import (
    CANONICAL_COLUMNS,
    ROLES,
    ColumnMapping,
    IngestError,
    date_order,
    feedback_sheet,
    guess_mapping,
    ingest,
    list_sheets,
    normalise_channels,
    parse_dates,
    prepare,
    read_table,
)

ROWS = [
    {
        "ID": "001",
        "Date": "05.01.2024",
        "Channel": "Telefonas",
        "Comment": "Operatorius buvo nemandagus",
    },
    {
        "ID": "002",
        "Date": "06.01.2024",
        "Channel": "E-mail",
        "Comment": "Žadėjo paskambinti, bet nepaskambino",
    },
    {"ID": "003", "Date": "07.01.2024", "Channel": "Чат", "Comment": "Оператор грубил"},
]
TEXTS = [r["Comment"] for r in ROWS]


def _csv(rows: list[dict], delimiter: str = ",") -> str:
    frame = pd.DataFrame(rows)
    return frame.to_csv(index=False, sep=delimiter, lineterminator="\n")


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table(rows: list[dict]) -> list[list[object]]:
    return [list(rows[0])] + [list(r.values()) for r in rows]


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message and message.strip() == message and message
    return message


# --- formats ---------------------------------------------------------------------


def _parquet(rows: list[dict]) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buffer)
    return buffer.getvalue()


FORMATS = {
    "csv": ("export.csv", lambda: _csv(ROWS).encode()),
    "tsv": ("export.tsv", lambda: _csv(ROWS, "\t").encode()),
    "xlsx": ("export.xlsx", lambda: _xlsx({"Data": _table(ROWS)})),
    "json": ("export.json", lambda: json.dumps(ROWS, ensure_ascii=False).encode()),
    "json_wrapped": (
        "export.json",
        lambda: json.dumps({"tickets": ROWS, "count": 3}).encode(),
    ),
    "jsonl": (
        "export.jsonl",
        lambda: "\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS).encode(),
    ),
    "parquet": ("export.parquet", lambda: _parquet(ROWS)),
}


@pytest.mark.parametrize("kind", FORMATS)
def test_every_format_reads_the_same_rows(kind: str) -> None:
    filename, make = FORMATS[kind]
    result = ingest(make(), filename)
    assert result.accepted["text"].tolist() == TEXTS
    assert result.accepted["record_id"].tolist() == ["001", "002", "003"]
    assert result.accepted["channel"].tolist() == ["phone", "e-mail", "chat"]
    assert result.accepted["date"].dt.day.tolist() == [5, 6, 7]
    assert result.ledger.read == 3 and result.ledger.accepted == 3


def test_a_path_and_the_same_bytes_give_the_same_table(tmp_path) -> None:
    data = _csv(ROWS).encode()
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    from_path, from_bytes = read_table(path), read_table(data, "export.csv")
    pd.testing.assert_frame_equal(from_path.frame, from_bytes.frame)
    assert from_path.sha256 == hashlib.sha256(data).hexdigest() == from_bytes.sha256
    assert from_path.size_bytes == len(data) and from_path.source_name == "export.csv"


def test_nested_json_objects_are_flattened() -> None:
    records = [
        {"comment": "Rude agent", "customer": {"id": "C-7", "segment": "B2C"}},
        {"comment": "Never called back", "customer": {"id": "C-8"}},
    ]
    raw = read_table(json.dumps(records).encode(), "nested.json")
    assert raw.frame["customer.id"].tolist() == ["C-7", "C-8"]
    assert raw.frame["customer.segment"].tolist() == ["B2C", ""]


def test_excel_cells_become_strings_and_datetimes_stay_dates() -> None:
    data = _xlsx(
        {
            "Feedback": [
                ["Comment", "Created", "Rating", "Customer ID"],
                ["Rude agent", dt.datetime(2024, 3, 5, 14, 30), 2, "00042"],
                ["Fine", dt.datetime(2024, 3, 6), 4.5, "00043"],
            ]
        }
    )
    result = ingest(data, "export.xlsx")
    assert result.raw.sheet == "Feedback"
    assert result.accepted["date"].tolist() == [
        pd.Timestamp("2024-03-05 14:30"),
        pd.Timestamp("2024-03-06"),
    ]
    assert result.accepted["rating"].tolist() == [2.0, 4.5]
    assert result.accepted["customer_id"].tolist() == ["00042", "00043"]


def test_excel_sheet_is_chosen_by_name_or_index() -> None:
    data = _xlsx({"Summary": [["Total"], [3]], "Data": _table(ROWS)})
    assert list_sheets(data, "book.xlsx") == ["Summary", "Data"]
    assert ingest(data, "book.xlsx", sheet="Data").accepted["text"].tolist() == TEXTS
    assert ingest(data, "book.xlsx", sheet=1).raw.sheet == "Data"
    assert list_sheets(_csv(ROWS).encode(), "a.csv") == []


def test_cells_are_read_as_strings_so_leading_zeros_survive() -> None:
    raw = read_table(b"id,zip,comment\n007,01234,ok then\n", "ids.csv")
    assert raw.frame.loc[0, "id"] == "007" and raw.frame.loc[0, "zip"] == "01234"


# --- encodings -------------------------------------------------------------------

LITHUANIAN = (
    "Operatorė buvo nemandagi, žadėjo paskambinti ir nepaskambino. Ąžuolų gatvė, "
    "Šiaulių skyrius, sąskaita didelė, įmokos, ūkis, ačiū: ą č ę ė į š ų ū ž"
)
LATVIAN = (
    "Ļoti slikta apkalpošana, nesaņēmu atbildi. Operators bija rupjš, ķēde, ģimene, "
    "ūdens, ātri, īpaši, čeks, žēl: ā ē ī ū ļ ņ ķ ģ"
)
ESTONIAN = "Teenindus oli väga halb, ootasin kõnet üle tunni; õ ä ö ü"
RUSSIAN = "Оператор грубил, обещал перезвонить и не перезвонил. Ёжик, счёт"
GERMAN = "Müller sagt: der Service war schlecht, Straße, café, garçon"


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        (LITHUANIAN, "utf-8", "utf-8"),
        (RUSSIAN, "utf-8-sig", "utf-8-sig"),
        (LATVIAN, "utf-16", "utf-16"),
        (RUSSIAN, "utf-16-be", "utf-16-be"),
        (LITHUANIAN, "cp1257", "cp1257"),
        (LATVIAN, "cp1257", "cp1257"),
        (ESTONIAN + " šokolaad, žürii", "cp1257", "cp1257"),
        (RUSSIAN, "cp1251", "cp1251"),
        (GERMAN, "latin-1", "latin-1"),
    ],
)
def test_each_encoding_decodes_exactly(text: str, encoding: str, detected: str) -> None:
    rows = [{"Comment": text, "Kanalas": "Telefonas"}] * 3
    rows = [dict(r, Comment=f"{text} {i}") for i, r in enumerate(rows)]
    data = _csv(rows, ";").encode(encoding)
    if encoding == "utf-16-be":
        data = ("Comment;Kanalas\n" + f"{text};chat\n" * 2).encode(encoding)
        rows = [{"Comment": text}]
    raw = read_table(data, "export.csv")
    assert raw.encoding == detected
    assert raw.frame["Comment"].tolist()[: len(rows)] == [r["Comment"] for r in rows]


def test_estonian_latin1_text_survives() -> None:
    data = _csv([{"Tagasiside": ESTONIAN}, {"Tagasiside": "Öösel ei vastatud"}])
    raw = read_table(data.encode("latin-1"), "et.csv")
    assert raw.frame["Tagasiside"].tolist() == [ESTONIAN, "Öösel ei vastatud"]


def test_cp1252_quotes_and_euro_sign_are_kept() -> None:
    text = "He said “never again” – charged 20 € twice, café"
    raw = read_table(_csv([{"comment": text}] * 2).encode("cp1252"), "en.csv")
    assert raw.frame["comment"].tolist() == [text, text]


# --- delimiters and quoting -----------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(delimiter: str) -> None:
    rows = [
        {"Comment": "Rude, slow; never | again", "Team": "A"},
        {"Comment": "Charged twice", "Team": "B"},
    ]
    raw = read_table(_csv(rows, delimiter).encode(), "export.txt")
    assert raw.delimiter == delimiter
    assert raw.frame["Comment"].tolist() == [r["Comment"] for r in rows]


def test_quoted_newlines_stay_inside_one_cell() -> None:
    data = b'comment,team\n"First line\nsecond line, still the same",A\nShort,B\n'
    result = ingest(data, "multi.csv")
    assert (
        result.accepted["text"].tolist()[0] == "First line\nsecond line, still the same"
    )
    assert result.ledger.read == 2


def test_a_single_column_file_with_commas_in_text_is_one_column() -> None:
    data = "Komentaras\nBlogai, labai blogai\nNeatsakė\n".encode()
    raw = read_table(data, "one.csv")
    assert raw.delimiter is None and list(raw.frame.columns) == ["Komentaras"]
    assert raw.frame["Komentaras"].tolist() == ["Blogai, labai blogai", "Neatsakė"]


def test_ragged_rows_are_rejected_with_their_field_count() -> None:
    data = (
        b"comment,team,channel\nRude agent,A,phone\nToo few,B\nToo,many,x,y\n"
        b"Ok,C,chat\n"
    )
    result = ingest(data, "ragged.csv")
    reasons = result.rejected.set_index("row_number")["cx_reject_reason"].to_dict()
    assert reasons == {
        2: "malformed row: 2 fields, expected 3",
        3: "malformed row: 4 fields, expected 3",
    }
    assert result.accepted["row_number"].tolist() == [1, 4]
    assert result.ledger.reasons == {"malformed row": 2}
    assert (
        result.rejected.loc[result.rejected.row_number == 3, "channel"].item() == "x,y"
    )


def test_trailing_delimiters_do_not_make_rows_malformed() -> None:
    result = ingest(b"comment;team\nRude agent;A;\nSlow;B;\n", "trail.csv")
    assert result.ledger.accepted == 2 and result.ledger.rejected == 0


# --- column mapping ----------------------------------------------------------------

LANGUAGE_HEADERS = {
    "en": ["Ticket ID", "Created", "Source", "Agent group", "Customer ID", "CSAT",
           "Customer comment"],
    "lt": ["Nr", "Data", "Kanalas", "Skyrius", "Kliento ID", "Įvertinimas",
           "Atsiliepimas"],
    "lv": ["Numurs", "Datums", "Kanāls", "Nodaļa", "Klienta ID", "Vērtējums",
           "Komentārs"],
    "et": ["ID", "Kuupäev", "Kanal", "Osakond", "Kliendi ID", "Hinnang",
           "Tagasiside"],
    "ru": ["Номер", "Дата", "Канал", "Отдел", "Клиент", "Оценка", "Комментарий"],
    "folded": ["ticket_id", "KUUPAEV", "kanals", "Nodala", "kliento-id",
               "ivertinimas", "Komentaras"],
}  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGE_HEADERS)
def test_columns_are_guessed_from_names_in_every_language(language: str) -> None:
    names = LANGUAGE_HEADERS[language]
    frame = pd.DataFrame(
        [["17", "05.01.2024", "chat", "A", "C1", "2", "Grubus operatorius"]],
        columns=names,
        dtype="str",
    )
    mapping = guess_mapping(frame)
    assert mapping == ColumnMapping(
        text=names[6],
        date=names[1],
        channel=names[2],
        team=names[3],
        customer_id=names[4],
        rating=names[5],
        record_id=names[0],
    )


def test_columns_are_guessed_from_content_when_names_say_nothing() -> None:
    frame = pd.DataFrame(
        {
            "a": ["x1", "x2", "x3"],
            "b": ["2024-01-05", "2024-01-06", "2024-01-07"],
            "c": ["short note", "a longer internal note", "rude agent"],
            "d": [
                "The operator was rude and hung up on me",
                "Nobody called back",
                "ok",
            ],
            "e": ["1", "5", "3"],
        },
        dtype="str",
    )
    mapping = guess_mapping(frame)
    assert (mapping.text, mapping.date, mapping.rating) == ("d", "b", "e")


# Satisfaction and sentiment words as survey tools and helpdesks export them, typed
# with and without diacritics: each is read as the CSAT point (1-5) it stands for.
RATING_WORDS = [
    ("Very dissatisfied", 1.0),
    ("Dissatisfied", 2.0),
    ("Neutral", 3.0),
    ("Satisfied", 4.0),
    ("Very satisfied", 5.0),
    ("negative", 2.0),
    ("POSITIVE", 4.0),
    ("Очень недоволен", 1.0),
    ("Недовольна", 2.0),
    ("нейтрально", 3.0),
    ("Labai nepatenkintas", 1.0),
    ("nepatenkinta", 2.0),
    ("Neutralus", 3.0),
    ("labai patenkinta", 5.0),
    ("Ļoti neapmierināts", 1.0),
    ("neapmierinats", 2.0),
    ("Apmierināta", 4.0),
    ("Väga rahulolematu", 1.0),
    ("rahulolematu", 2.0),
    ("Väga rahul", 5.0),
    ("neg", 2.0),
    ("NEU", 3.0),
    ("pos", 4.0),
]


@pytest.mark.parametrize(("word", "point"), RATING_WORDS)
def test_a_satisfaction_word_is_read_as_its_csat_point(word: str, point: float) -> None:
    data = f"Comment,Satisfaction\nThe agent hung up on me,{word}\n".encode()
    result = ingest(data, "survey.csv")
    assert result.mapping.rating == "Satisfaction"
    assert result.accepted["rating"].tolist() == [point]


def test_a_sentiment_column_in_words_is_the_rating_and_loses_no_row() -> None:
    labels = ["negative", "neutral", "positive"] * 3 + ["not sure"]
    lines = [
        f"{i},{label},@Air flight {i} was one more story,0"
        for i, label in enumerate(labels, start=1)
    ]
    data = "\n".join(["tweet_id,airline_sentiment,text,retweet_count", *lines])
    result = ingest(data.encode(), "tweets.csv")
    assert result.mapping.rating == "airline_sentiment"
    ratings = result.accepted["rating"].tolist()
    assert ratings[:3] == [2.0, 3.0, 4.0] and pd.isna(ratings[-1])
    assert result.ledger.accepted == 10 and result.ledger.rejected == 0


def test_a_named_rating_column_keeps_its_readable_cells_beside_blanks_and_na() -> None:
    data = (
        "Komentaras;Pasitenkinimas\n"
        "Operatorius buvo nemandagus;Labai nepatenkintas\n"
        "Niekas nepaskambino;N/A\n"
        "Viskas gerai;patenkinta\n"
        "Kada grąžinsite pinigus?;???\n"
        "Ilgai laukiau;2\n"
    ).encode()
    result = ingest(data, "apklausa.csv")
    assert result.mapping.rating == "Pasitenkinimas"
    ratings = result.accepted["rating"].tolist()
    assert [ratings[i] for i in (0, 2, 4)] == [1.0, 4.0, 2.0]
    assert pd.isna(ratings[1]) and pd.isna(ratings[3])
    assert result.ledger.accepted == 5


def test_a_count_column_is_not_taken_for_a_rating() -> None:
    # A retweet or reply count is whole numbers 0-10 like a rating, but mostly zero.
    counts = ["0"] * 30 + ["1", "2", "0", "3", "0", "1"]
    frame = pd.DataFrame(
        {
            "text": ["The app logs me out every day"] * len(counts),
            "retweets": counts,
        },
        dtype="str",
    )
    assert guess_mapping(frame).rating is None


# Two headers that match the same text phrase equally (as "review_author" and
# "review_text" both hold "review"): the author names come first, the comments second.
TIED_TEXT_HEADERS = {
    "en": ("review_author", "review_text", ["The waiter was rude and slow to serve us",
           "We waited an hour and nobody said sorry", "Charged twice for one dish"]),
    "lt": ("atsiliepimas_autorius", "atsiliepimas_tekstas", ["Padavėjas buvo labai "
           "nemandagus", "Laukėme valandą ir niekas neatsiprašė", "Sąskaitoje du kartus"
           " tas pats patiekalas"]),
    "lv": ("atsauksme_autors", "atsauksme_teksts", ["Viesmīlis bija ļoti rupjš",
           "Gaidījām stundu un neviens neatvainojās",
           "Rēķinā divreiz tas pats ēdiens"]),
    "et": ("tagasiside_autor", "tagasiside_tekst", ["Teenindaja oli väga ebaviisakas",
           "Ootasime tund aega ja keegi ei vabandanud",
           "Arvel oli sama roog kaks korda"]),
    "ru": ("отзыв_автор", "отзыв_текст", ["Официант был очень груб с нами",
           "Ждали час и никто не извинился", "В счёте дважды одно и то же блюдо"]),
}  # fmt: skip


@pytest.mark.parametrize("language", TIED_TEXT_HEADERS)
def test_free_text_beats_a_name_column_whose_header_matches_as_well(
    language: str,
) -> None:
    author, text, comments = TIED_TEXT_HEADERS[language]
    frame = pd.DataFrame(
        {author: ["VIKTORIA", "KALLE", "TRIIN"], text: comments}, dtype="str"
    )
    assert guess_mapping(frame).text == text


@pytest.mark.parametrize(
    "name",
    ["review_idx", "reviewIdx", "Index", "Row No.", "Eil. Nr.", "Eilės numeris",
     "Rindas numurs", "Jrk", "Reanumber", "№ п/п", "Номер строки", "Rating ID"],
)  # fmt: skip
def test_a_column_named_as_an_index_or_id_is_never_the_rating(name: str) -> None:
    # grouped like a triplets export: several rows per review, 0-9 like a scale; the
    # ticket column is the record id, so the index column is left for the rating
    index = [str(n) for n in (0, 0, 1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9)]
    frame = pd.DataFrame(
        {
            "Ticket": [f"T-{k}" for k in range(14)],
            name: index,
            "review_text": ["Toit oli külm ja teenindaja ebaviisakas"] * 14,
        },
        dtype="str",
    )
    assert guess_mapping(frame).rating is None


@pytest.mark.parametrize("start", [0, 1])
def test_a_row_number_column_is_an_index_and_a_later_scale_is_the_rating(
    start: int,
) -> None:
    n = 8
    frame = pd.DataFrame(
        {
            "n": [str(start + k) for k in range(n)],
            "comment": [f"Nobody called me back, case {k}" for k in range(n)],
            "e": ["1", "5", "3", "2", "4", "1", "2", "5"],
        },
        dtype="str",
    )
    assert guess_mapping(frame).rating == "e"
    assert guess_mapping(frame.drop(columns="e")).rating is None


@pytest.mark.parametrize(
    "header", ["Received Via", "Gauta per", "Saņemts caur", "Pöördumise viis",
               "Получено через"],
)  # fmt: skip
def test_a_received_via_column_is_the_channel(header: str) -> None:
    data = pd.DataFrame(
        {
            "Customer Complaint": ["Charged me twice", "Internet keeps dropping"],
            header: ["Customer Care Call", "Internet"],
        }
    ).to_csv(index=False)
    result = ingest(data.encode(), "complaints.csv")
    assert result.mapping.channel == header
    assert result.accepted["channel"].tolist() == ["phone", "web"]


def test_sentiment_labels_pos_neg_neu_are_the_rating_on_the_ladder_scale() -> None:
    rows = [
        {"sentiment": label, "screen_name": "eater", "tweet_id": str(n),
         "tweet_text": f"Šodien bijām kafejnīcā, ēdiens bija {n}. reizi auksts"}
        for n, label in enumerate(["neg", "pos", "neu", "NEG"])
    ]  # fmt: skip
    result = ingest(json.dumps(rows).encode(), "ltec.json")
    assert result.mapping.rating == "sentiment"
    assert result.accepted["rating"].tolist() == [2.0, 4.0, 3.0, 2.0]


def test_a_workbook_opens_on_its_largest_sheet_with_a_feedback_column() -> None:
    text = [["Comment"], ["Agent was rude"], ["Nobody called back"]]
    data = _xlsx(
        {
            "Summary": [["month", "count"]] + [[str(m), str(m * 3)] for m in range(9)],
            "January": text[:2],
            "February": text,
        }
    )
    assert feedback_sheet(data, "book.xlsx") == "February"
    assert feedback_sheet(_xlsx({"Only": text}), "one.xlsx") == "Only"
    assert feedback_sheet(_csv(ROWS).encode(), "a.csv") is None


def test_overrides_win_and_an_empty_override_unmaps_a_role() -> None:
    data = b"Comment,Note,Date\nRude agent,internal memo text here,05.01.2024\n"
    result = ingest(data, "o.csv", text_column="note", date_column="")
    assert result.mapping.text == "Note" and result.mapping.date is None
    assert result.accepted["text"].tolist() == ["internal memo text here"]
    assert result.accepted["date"].isna().all()


def test_column_mapping_round_trips_through_a_dict() -> None:
    mapping = ColumnMapping("Comment", date="Date", record_id="ID")
    assert ColumnMapping.from_dict(mapping.as_dict()) == mapping
    assert list(mapping.as_dict()) == list(ROLES)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Phone call", "phone"), ("Telefonas", "phone"), ("Tālrunis", "phone"),
        ("telefon", "phone"), ("Телефон", "phone"), ("E-mail", "e-mail"),
        ("el. paštas", "e-mail"), ("E-pasts", "e-mail"), ("e-post", "e-mail"),
        ("Почта", "e-mail"), ("Live chat", "chat"), ("Pokalbis", "chat"),
        ("Tērzēšana", "chat"), ("vestlus", "chat"), ("Чат", "chat"),
        ("Office", "office"), ("Filialas", "office"), ("Birojs", "office"),
        ("Filiāle", "office"), ("Kontor", "office"), ("Esindus", "office"),
        ("Офис", "office"), ("Отделение", "office"), ("Facebook", "social"),
        ("Twitter", "social"), ("Telegram", "chat"), (" Kiosk ", "Kiosk"),
        ("Internet", "web"), ("Website", "web"), ("Interneto svetainė", "web"),
        ("Mājaslapa", "web"), ("Veebileht", "web"), ("Сайт", "web"),
        ("Web chat", "chat"), ("Customer Care Call", "phone"),
    ],
)  # fmt: skip
def test_channels_are_normalised_in_five_languages(value: str, expected: str) -> None:
    assert normalise_channels(pd.Series([value])).tolist() == [expected]


def test_other_channel_values_are_spelled_one_way_per_upload() -> None:
    # "SMS" twice and "sms" once are one channel in the charts, not two
    values = pd.Series(["SMS", "sms", "SMS", "Kiosk", "kiosk ", None])
    assert normalise_channels(values).tolist()[:5] == ["SMS"] * 3 + ["Kiosk"] * 2
    assert normalise_channels(values).isna().tolist()[5]


# --- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2024-01-05"], ["2024-01-05"]),
        (["2024-01-05T14:30:00"], ["2024-01-05 14:30"]),
        (["2024-01-05 14:30"], ["2024-01-05 14:30"]),
        (["2024/01/05"], ["2024-01-05"]),
        (["05.01.2024"], ["2024-01-05"]),
        (["05.01.2024 14:30"], ["2024-01-05 14:30"]),
        (["5.1.24"], ["2024-01-05"]),
        (["05/01/2024", "13/01/2024"], ["2024-01-05", "2024-01-13"]),
        (["01/05/2024", "01/13/2024"], ["2024-01-05", "2024-01-13"]),
        (["01/13/2024 2:30 PM"], ["2024-01-13 14:30"]),
        (["45292", "45292.5"], ["2024-01-01", "2024-01-01 12:00"]),
        (["2024-01-05T14:30:00+02:00"], ["2024-01-05 12:30"]),
        (["2024-01-05T14:30:00Z", "2024-01-05 14:30"], ["2024-01-05 14:30"] * 2),
        (["2024-01-05 14:30 UTC"], ["2024-01-05 14:30"]),
    ],
)
def test_every_date_format_parses(values: list[str], expected: list[str]) -> None:
    parsed = parse_dates(pd.Series(values))
    assert parsed.dtype == "datetime64[ns]"
    assert parsed.tolist() == [pd.Timestamp(e) for e in expected]


def test_ambiguous_slashed_dates_are_day_first() -> None:
    assert parse_dates(pd.Series(["03/04/2024"])).tolist() == [
        pd.Timestamp("2024-04-03")
    ]


def test_day_or_month_first_is_decided_for_the_whole_column() -> None:
    us = parse_dates(pd.Series(["03/04/2024", "12/25/2024"]))
    eu = parse_dates(pd.Series(["03/04/2024", "25/12/2024"]))
    assert us.tolist() == [pd.Timestamp("2024-03-04"), pd.Timestamp("2024-12-25")]
    assert eu.tolist() == [pd.Timestamp("2024-04-03"), pd.Timestamp("2024-12-25")]


def test_tz_aware_timestamps_become_naive_utc_in_the_frame() -> None:
    data = b"comment,date\nRude,2024-06-01T03:00:00+03:00\nSlow,2024-06-01T01:00:00Z\n"
    dates = ingest(data, "tz.csv").accepted["date"]
    assert dates.dtype == "datetime64[ns]"
    assert dates.tolist() == [
        pd.Timestamp("2024-06-01 00:00"),
        pd.Timestamp("2024-06-01 01:00"),
    ]


def test_many_dates_parse_quickly() -> None:
    import time

    stamps = pd.date_range("2023-01-01", periods=200_000, freq="37s")
    values = pd.Series(stamps.strftime("%d.%m.%Y %H:%M"))
    start = time.perf_counter()
    parsed = parse_dates(values)
    assert time.perf_counter() - start < 3.0
    assert parsed.notna().all() and parsed.iloc[-1] == stamps[-1].floor("min")


# --- the ledger --------------------------------------------------------------------


def test_every_reason_is_recorded_and_counts_add_up() -> None:
    rows = [
        ("1", "Rude agent", "05.01.2024"),
        ("2", "   ", "05.01.2024"),
        ("3", "Never called back", "yesterday-ish"),
        ("4", "Rude agent", "05.01.2024"),
        ("5", "x" * 30, "05.01.2024"),
        ("6", "Charged twice", ""),
        ("1", "Rude agent", "05.01.2024"),
    ]
    frame = pd.DataFrame(rows, columns=["ID", "Comment", "Date"], dtype="str")
    data = frame.to_csv(index=False).encode()
    result = ingest(data, "ledger.csv", max_text_chars=20)
    reasons = result.rejected.set_index("row_number")["cx_reject_reason"].to_dict()
    assert reasons == {
        2: "empty text",
        3: "unparseable date 'yesterday-ish' in column Date",
        5: "text longer than 20 characters",
        7: "duplicate of row 1",
    }
    assert result.ledger.reasons == {
        "empty text": 1,
        "text too long": 1,
        "unparseable date": 1,
        "duplicate": 1,
    }
    assert result.accepted["row_number"].tolist() == [1, 4, 6]
    assert result.ledger.read == 7 == result.ledger.accepted + result.ledger.rejected
    assert list(result.rejected.columns) == ["ID", "Comment", "Date", "row_number",
                                             "cx_reject_reason"]  # fmt: skip
    assert result.rejected["Comment"].tolist()[0] == "   "


@pytest.mark.parametrize(
    "placeholder",
    ["N/A", "n/a", "-", "—", "unknown", "NULL", "нет", "nėra", "nav", "puudub"],
)
def test_a_placeholder_for_no_date_keeps_the_row_undated(placeholder: str) -> None:
    # helpdesk exports write "N/A" or "-" where a cell has no value: that row's
    # complaint is analysed without a date, not rejected for an unreadable one
    dated = "".join(f"Text {i},0{i % 9 + 1}.03.2024,Riga\n" for i in range(10))
    data = (
        f"comment,date,team\n{dated}Nobody called back,{placeholder},{placeholder}\n"
        "Charged twice,32.13.2024,Riga\n"
    ).encode()
    result = ingest(data, "p.csv", date_column="date", team_column="team")
    last = result.accepted[result.accepted["text"] == "Nobody called back"]
    assert len(last) == 1
    assert last["date"].isna().all() and last["team"].isna().all()
    # a date that is written but cannot be a date still says so
    assert result.rejected["cx_reject_reason"].tolist() == [
        "unparseable date '32.13.2024' in column date"
    ]
    assert result.ledger.read == result.ledger.accepted + result.ledger.rejected


def test_a_date_column_mostly_of_placeholders_is_still_taken_for_the_date() -> None:
    # placeholders say nothing about what a column holds: the few real dates decide
    data = (
        b"Comment,Date\nRude agent,N/A\nNo call back,-\nCharged twice,unknown\n"
        b"Still broken,32.13.2024\nOn hold for an hour,2026-01-10\nIgnored,\n"
        b"Wrong bill,n/a\n"
    )
    result = ingest(data, "d.csv")
    assert result.mapping.date == "Date"
    assert result.ledger.accepted == 6
    assert result.rejected["cx_reject_reason"].tolist() == [
        "unparseable date '32.13.2024' in column Date"
    ]


def test_a_placeholder_comment_is_kept_as_written() -> None:
    # the text is the customer's own words: "N/A" there is an answer, kept verbatim
    result = ingest(b"comment,date\nN/A,01.03.2024\nRude agent,02.03.2024\n", "t.csv")
    assert result.accepted["text"].tolist() == ["N/A", "Rude agent"]


def test_duplicates_need_the_same_text_date_channel_team_and_customer() -> None:
    data = (
        b"comment,date,channel,team\nRude,05.01.2024,phone,A\nRude,05.01.2024,chat,A\n"
        b"Rude,05.01.2024,phone,A\nRude,06.01.2024,phone,A\n"
    )
    result = ingest(data, "dups.csv")
    assert result.rejected["cx_reject_reason"].tolist() == ["duplicate of row 1"]
    assert result.accepted["row_number"].tolist() == [1, 2, 4]


@pytest.mark.parametrize(
    ("ids", "rejected"),
    [(["a1", "a2", "a3"], []), (["a1", "a1", "a3"], ["duplicate of row 1"])],
)
def test_rows_with_distinct_record_ids_are_never_duplicates(ids, rejected) -> None:
    rows = "".join(f"{i},Rude,05.01.2024\n" for i in ids)
    result = ingest(f"id,comment,date\n{rows}".encode(), "ids.csv", id_column="id")
    assert result.rejected["cx_reject_reason"].tolist() == rejected


def test_the_canonical_frame_has_the_contract_columns_and_dtypes() -> None:
    result = ingest(_csv(ROWS).encode(), "c.csv")
    accepted = result.accepted
    assert tuple(accepted.columns) == CANONICAL_COLUMNS
    assert accepted["row_number"].dtype == "int64"
    assert accepted["date"].dtype == "datetime64[ns]"
    assert accepted["rating"].dtype == "float64"
    assert accepted["team"].isna().all() and accepted["rating"].isna().all()
    assert list(accepted.index) == [0, 1, 2]


def test_the_accepted_index_joins_back_to_the_raw_rows() -> None:
    data = b"comment,extra\nFirst,a\n,b\nThird,c\n"
    result = ingest(data, "j.csv")
    joined = result.accepted.join(result.raw.frame["extra"])
    assert joined["extra"].tolist() == ["a", "c"]


cells = st.text(alphabet=st.sampled_from(list('ab ,;"\n\tąж1.0')), max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(cells, cells, st.sampled_from(["", "05.01.2024", "bad", "45292"])),
        min_size=1,
        max_size=25,
    )
)
def test_accepted_plus_rejected_is_every_row_read(rows: list[tuple]) -> None:
    frame = pd.DataFrame(rows, columns=["comment", "team", "date"], dtype="str")
    raw = read_table(frame.to_csv(index=False).encode(), "prop.csv")
    result = prepare(raw, ColumnMapping("comment", date="date", team="team"))
    ledger = result.ledger
    assert ledger.read == len(rows) == ledger.accepted + ledger.rejected
    assert sum(ledger.reasons.values()) == ledger.rejected == len(result.rejected)
    assert len(result.accepted) == ledger.accepted
    numbers = sorted([*result.accepted["row_number"], *result.rejected["row_number"]])
    assert numbers == list(range(1, ledger.read + 1))
    assert (result.accepted["text"] != "").all()


def test_ingest_never_mutates_the_callers_data() -> None:
    data = bytearray(_csv(ROWS + [ROWS[0]]).encode())
    before = bytes(data)
    result = ingest(data, "m.csv")
    assert bytes(data) == before
    raw_copy = result.raw.frame.copy()
    mapping = ColumnMapping("Comment", date="Date", channel="Channel")
    prepare(result.raw, mapping, max_text_chars=5)
    pd.testing.assert_frame_equal(result.raw.frame, raw_copy)
    assert mapping == ColumnMapping("Comment", date="Date", channel="Channel")


# --- clear errors -----------------------------------------------------------------


def _error(data: bytes, filename: str, **kwargs: object) -> str:
    with pytest.raises(IngestError) as exc:
        ingest(data, filename, **kwargs)
    return _one_line(exc)


def test_an_empty_file_is_a_clear_error() -> None:
    assert "empty (0 bytes)" in _error(b"", "empty.csv")


def test_a_blank_file_is_a_clear_error() -> None:
    assert "no data" in _error(b"\n\n  \n", "blank.csv")


def test_a_header_without_rows_is_a_clear_error() -> None:
    message = _error(b"comment,date\n", "header.csv")
    assert "header.csv" in message and "no data rows" in message


def test_a_file_without_text_columns_is_a_clear_error() -> None:
    message = _error(b"id,rating\n1,5\n2,3\n", "numbers.csv")
    assert "no column holds feedback text" in message and "'rating'" in message
    assert "--text-column" in message


def test_binary_junk_is_a_clear_error() -> None:
    junk = bytes(range(256)) * 40
    assert "not a table" in _error(junk, "junk.csv")
    assert "PDF" in _error(b"%PDF-1.7\n" + junk, "report.csv")


def test_a_workbook_named_csv_is_a_clear_error() -> None:
    message = _error(_xlsx({"Data": _table(ROWS)}), "report.csv")
    assert message == (
        "report.csv looks like an Excel workbook, not CSV: rename it to .xlsx or "
        "export it as CSV"
    )


def test_csv_text_named_xlsx_is_a_clear_error() -> None:
    message = _error(_csv(ROWS).encode(), "report.xlsx")
    assert "looks like CSV text, not an Excel workbook" in message


def test_a_file_over_the_size_limit_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"comment\n" + b"long complaint text\n" * 60000)
    with pytest.raises(IngestError) as exc:
        ingest(path, max_bytes=1024 * 1024)
    message = _one_line(exc)
    assert "big.csv is 1.1 MB, over the 1 MB upload limit" in message


def test_a_workbook_with_several_sheets_needs_a_choice() -> None:
    data = _xlsx({"January": _table(ROWS), "February": _table(ROWS)})
    message = _error(data, "book.xlsx")
    assert "'January', 'February'" in message and "--sheet NAME" in message


@pytest.mark.parametrize("sheet", ["March", 5])
def test_a_missing_sheet_is_a_clear_error(sheet: str | int) -> None:
    data = _xlsx({"January": _table(ROWS), "February": _table(ROWS)})
    message = _error(data, "book.xlsx", sheet=sheet)
    assert "no sheet" in message and "'January', 'February'" in message


def test_an_empty_sheet_is_a_clear_error() -> None:
    assert "is empty" in _error(_xlsx({"Data": []}), "book.xlsx")


def test_an_override_naming_a_missing_column_lists_the_columns() -> None:
    message = _error(_csv(ROWS).encode(), "a.csv", text_column="Feedback")
    assert "no column 'Feedback'" in message
    assert "'ID', 'Date', 'Channel', 'Comment'" in message


def test_invalid_json_is_a_clear_error() -> None:
    assert "not valid JSON" in _error(b'[{"comment": "a"},', "broken.json")
    assert "line 2 is not valid JSON" in _error(b'{"c": "a"}\n{"c": \n', "b.jsonl")


def test_an_old_xls_workbook_is_a_clear_error() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert "save it as .xlsx or CSV" in _error(ole, "old.xls")


def test_a_trailing_delimiter_in_the_header_still_reads_every_row() -> None:
    data = b"comment,team,\nRude agent,A,\nSlow,B\nNever called,C,,extra\n"
    result = ingest(data, "trailing.csv")
    assert list(result.raw.frame.columns) == ["comment", "team"]
    assert result.accepted["text"].tolist() == ["Rude agent", "Slow"]
    assert result.rejected["cx_reject_reason"].tolist() == [
        "malformed row: 4 fields, expected 2"
    ]


def test_an_unclosed_quote_is_read_without_crashing() -> None:
    data = b'comment,team\nRude agent,A\n"Never closed,B\nLast,C\n'
    result = ingest(data, "quote.csv")
    assert result.ledger.read == result.ledger.accepted + result.ledger.rejected == 2
    assert result.accepted["text"].tolist()[0] == "Rude agent"


# --- day/month order in doubt ------------------------------------------------------

COMPLAINTS = {
    "en": "The agent was rude",
    "lt": "Operatorius buvo nemandagus",
    "lv": "Operators bija rupjš",
    "et": "Teenindaja oli ebaviisakas",
    "ru": "Оператор нагрубил",
}


def _swapped_export(language: str) -> tuple[bytes, str, int]:
    """April-June 2024 as dd-mm-yy, except that days 1-12 were written month first
    (the source's fault, as in a real FCC export); a `Received` column holds the true
    ISO dates. Returns the CSV, its date header and the rows readable both ways."""
    names = LANGUAGE_HEADERS[language]
    days = pd.date_range("2024-04-01", "2024-06-30", freq="D")
    lines, either = [f"{names[6]},{names[1]},Received"], 0
    for i, day in enumerate(days):
        if day.day <= 12:
            written = f"{day.month:02}-{day.day:02}-24"
            either += day.day != day.month
        else:
            written = f"{day.day:02}-{day.month:02}-24"
        lines.append(f"{COMPLAINTS[language]} {i},{written},{day.date()}")
    return ("\n".join(lines) + "\n").encode(), names[1], either


@pytest.mark.parametrize("language", COMPLAINTS)
def test_a_date_column_with_swapped_day_and_month_is_read_as_before_with_a_warning(
    language: str,
) -> None:
    data, date, either = _swapped_export(language)
    result = ingest(data, "swapped.csv", date_column=date)
    assert (
        result.accepted["date"].tolist() == parse_dates(result.raw.frame[date]).tolist()
    )  # read as before: the warning changes no date
    assert result.ledger.accepted == 91
    [warning] = result.warnings
    assert warning.startswith(
        f"{date}: {either} rows could be read day-first or month-first; "
        "read as day-first"
    )
    assert "read month-first they fall in Apr-Jun 2024 like the other 55 rows" in (
        warning
    )
    assert warning.endswith("(Received looks unambiguous), or choose the date order.")


def test_a_date_column_mixing_both_orders_names_the_rows_only_valid_month_first() -> (
    None
):
    rows = ["25/12/2024", "13/11/2024", "03/04/2024", "12/25/2024", "05/06/2024"]
    data = "comment,date\n" + "".join(f"Rude {i},{d}\n" for i, d in enumerate(rows))
    result = ingest(data.encode(), "mixed.csv")
    assert result.ledger.reasons == {"unparseable date": 1}
    assert result.warnings == (
        "date: 2 rows could be read day-first or month-first and 1 row is only valid "
        "month-first (rejected as unparseable); read as day-first. Check the column "
        "against the source, or choose the date order.",
    )


@pytest.mark.parametrize(("order", "months"), [("month", [12, 11, 3, 12, 5])])
def test_a_chosen_date_order_reads_both_kinds_of_a_mixed_column(order, months) -> None:
    # the same column read month-first by choice: the rows only day-first allows are
    # read day-first instead of rejected, and the warning has been answered
    rows = ["25/12/2024", "13/11/2024", "03/04/2024", "12/25/2024", "05/06/2024"]
    data = "comment,date\n" + "".join(f"Rude {i},{d}\n" for i, d in enumerate(rows))
    result = ingest(data.encode(), "mixed.csv", date_order=order)
    assert result.ledger.rejected == 0 and result.warnings == ()
    assert result.accepted["date"].dt.month.tolist() == months
    day_first = ingest(data.encode(), "mixed.csv", date_order="day")
    assert day_first.accepted["date"].dt.month.tolist() == [12, 11, 4, 12, 6]
    with pytest.raises(IngestError, match="choose day"):
        ingest(data.encode(), "mixed.csv", date_order="year")


def test_slashed_dates_that_no_row_settles_are_read_day_first_with_a_warning() -> None:
    data = b"comment,date,zip\nRude,03/04/2024,21009\nSlow,05/06/2024,30102\n"
    result = ingest(data, "undecided.csv", date_column="date")
    assert result.accepted["date"].dt.month.tolist() == [4, 6]
    # a zip code looks like an Excel serial day, but it is no date column to suggest
    assert result.warnings == (
        "date: 2 rows could be read day-first or month-first and no row settles the "
        "order; read as day-first. Check the column against the source, or choose "
        "the date order.",
    )


@pytest.mark.parametrize(
    "dates",
    [
        [f"2024-{m:02}-{d:02}" for m in range(1, 13) for d in (3, 17)],  # ISO
        [f"{d:02}.{m:02}.2024" for m in (1, 2) for d in (3, 5, 9)],  # dotted: day first
        [f"{d:02}/{m:02}/2024" for m in range(1, 13) for d in range(1, 29, 2)],
        [f"{m}/{d}/2024 2:30 PM" for m in range(1, 13) for d in range(1, 29, 2)],
        ["01/01/2024", "02/02/2024"],  # the same date either way
    ],
    ids=["iso", "dotted", "day-first-year", "month-first-year", "same-either-way"],
)
def test_dates_whose_order_is_clear_give_no_warning(dates: list[str]) -> None:
    data = "comment,date\n" + "".join(f"Rude {i},{d}\n" for i, d in enumerate(dates))
    result = ingest(data.encode(), "clear.csv")
    assert result.mapping.date == "date" and result.ledger.rejected == 0
    assert result.warnings == ()


def test_date_order_counts_each_row_by_the_orders_it_allows() -> None:
    values = pd.Series(["03/04/2024 10:00", "03/04/2024 11:00", "25/12/2024", "", "x"])
    order = date_order(values)
    assert (order.ambiguous, order.day_only, order.month_only) == (2, 1, 0)
    assert order.day_first and not order.doubtful
    assert order.warning("Date") is None
