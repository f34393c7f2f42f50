"""Downloads: formulas neutralised, contacts masked, exactly the given rows."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cx.export import (
    COMPLAINT_COLUMNS,
    complaint_table,
    mask_frame,
    neutralise_formulas,
    taxonomy_from_frame,
    taxonomy_to_frame,
    to_csv_bytes,
    to_xlsx_bytes,
)
from cx.taxonomy import TaxonomyError, default_taxonomy, parse_taxonomy

ROWS = pd.DataFrame(
    {
        "text": [
            "Kasininkė buvo nemandagi, rašykite ona@example.lt",
            "Оператор грубил, мой номер +7 912 345 67 89",
            "Pārdevējs bija rupjš",
            "Teenindaja oli ebaviisakas, kaart 4111 1111 1111 1111",
            "The agent was rude",
        ],
        "team": ["Vilnius", "Riga", "Riga", "Tallinn", "London"],
        "n": [1, 2, 3, 4, 5],
    }
)


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_prefix_gets_a_leading_quote(prefix):
    frame = pd.DataFrame({"text": [f"{prefix}SUM(A1:A9)", "plain"], "n": [1, 2]})
    out = neutralise_formulas(frame)
    assert out["text"].tolist() == [f"'{prefix}SUM(A1:A9)", "plain"]
    assert out["n"].tolist() == [1, 2]


def test_neutralising_never_changes_the_input_frame():
    frame = pd.DataFrame({"text": ["=1+1"]})
    neutralise_formulas(frame)
    assert frame["text"].tolist() == ["=1+1"]


def test_non_string_cells_in_object_columns_are_left_alone():
    frame = pd.DataFrame({"mixed": pd.Series([-5, "-5", None], dtype=object)})
    assert neutralise_formulas(frame)["mixed"].tolist() == [-5, "'-5", None]


def test_formula_like_column_names_are_neutralised_too():
    assert list(neutralise_formulas(pd.DataFrame({"=cmd": [1]})).columns) == ["'=cmd"]


def test_masking_hides_emails_phones_and_card_numbers_in_every_language():
    masked = mask_frame(ROWS)["text"].tolist()
    assert "ona@example.lt" not in masked[0] and "<email>" in masked[0]
    assert "<phone>" in masked[1]
    assert "<card>" in masked[3]
    assert masked[2] == ROWS["text"][2]
    assert masked[4] == ROWS["text"][4]


def test_masking_hides_social_media_handles_but_keeps_the_complaint():
    frame = pd.DataFrame({"text": ["@jonas_k waited 40 min, mail jonas@x.lt"]})
    assert mask_frame(frame)["text"][0] == "<user> waited 40 min, mail <email>"


def test_csv_masks_contacts_by_default_and_unmasks_on_request():
    masked = to_csv_bytes(ROWS).decode("utf-8-sig")
    plain = to_csv_bytes(ROWS, mask=False).decode("utf-8-sig")
    assert "ona@example.lt" not in masked
    assert "ona@example.lt" in plain


def test_csv_starts_with_a_bom_and_holds_exactly_the_rows():
    data = to_csv_bytes(ROWS, mask=False)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["text"].tolist() == ROWS["text"].tolist()
    assert back["n"].tolist() == ROWS["n"].tolist()


def test_xlsx_holds_exactly_the_rows_with_frozen_header_and_autofilter():
    data = to_xlsx_bytes(ROWS, mask=False)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Complaints"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:C{len(ROWS) + 1}"
    values = list(sheet.values)
    assert list(values[0]) == ["text", "team", "n"]
    assert [list(v) for v in values[1:]] == ROWS.values.tolist()


def test_xlsx_masks_by_default_and_neutralises_formulas():
    frame = pd.DataFrame({"text": ['=HYPERLINK("x")', "mail ona@example.lt"]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # the customer's words as written, in a text cell Excel never runs
    assert cells == ['=HYPERLINK("x")', "mail <email>"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_xlsx_keeps_formula_like_text_as_written_and_as_text(prefix):
    text = f"{prefix}1+1 the agent hung up"
    frame = pd.DataFrame({f"{prefix}col": [text, "ok"]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    for ref, value in (("A1", f"{prefix}col"), ("A2", text)):
        assert sheet[ref].value == value  # no apostrophe added
        assert sheet[ref].data_type == "s" and sheet[ref].quotePrefix
    assert sheet["A3"].value == "ok" and not sheet["A3"].quotePrefix


def test_empty_frames_export_a_header_only():
    empty = ROWS.iloc[:0]
    assert pd.read_csv(io.BytesIO(to_csv_bytes(empty))).columns.tolist() == [
        "text",
        "team",
        "n",
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(empty))).active
    assert sheet.max_row == 1


_SAFE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: not s.startswith(("=", "+", "-", "@")) and s.strip() == s)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SAFE_TEXT, min_size=1, max_size=8))
def test_export_then_reimport_gives_the_same_rows(texts):
    frame = pd.DataFrame({"text": texts, "n": range(len(texts))})
    csv_back = pd.read_csv(
        io.BytesIO(to_csv_bytes(frame, mask=False)),
        encoding="utf-8-sig",
        dtype={"text": str},
        keep_default_na=False,
    )
    assert csv_back["text"].tolist() == texts
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame, mask=False))).active
    xlsx_texts = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [str(t) for t in xlsx_texts] == texts


def test_complaint_table_shows_cause_labels_and_keeps_row_order():
    taxonomy = default_taxonomy()
    rows = pd.DataFrame(
        {
            "cause": [taxonomy.ids[0], "none", None],
            "confidence": [0.912, 0.1, None],
            "text": ["a", "b", "c"],
            "date": pd.to_datetime(["2025-01-01", None, "2025-01-03"]),
        }
    )
    table = complaint_table(rows, taxonomy)
    assert list(table.columns) == list(COMPLAINT_COLUMNS)
    assert table["Cause"].tolist() == [taxonomy.causes[0].label, "No cause", "No cause"]
    assert table["Text"].tolist() == ["a", "b", "c"]


def test_taxonomy_round_trips_through_the_editor_frame():
    taxonomy = default_taxonomy()
    frame = taxonomy_to_frame(taxonomy)
    assert taxonomy_from_frame(frame, taxonomy.name, base=taxonomy) == taxonomy


def test_editing_seeds_in_the_table_keeps_the_example_sentences():
    taxonomy = parse_taxonomy(
        "causes:\n"
        "  - id: rudeness\n"
        "    label: Rudeness\n"
        "    seeds: {en: [rude]}\n"
        "    examples: {en: [The clerk shouted at me in front of everyone.]}\n"
        "none_examples: {en: [Thanks for the quick help!]}\n"
    )
    frame = taxonomy_to_frame(taxonomy)
    frame.loc[0, "seeds_en"] = "rude; yelled"
    edited = taxonomy_from_frame(frame, "edited", base=taxonomy)
    assert edited.cause("rudeness").seeds == {"en": ("rude", "yelled")}
    assert edited.cause("rudeness").examples == taxonomy.cause("rudeness").examples
    assert edited.none_examples == {"en": ("Thanks for the quick help!",)}


def test_editor_frame_with_a_bad_id_names_the_problem():
    frame = taxonomy_to_frame(default_taxonomy())
    frame.loc[0, "id"] = "Bad Id"
    with pytest.raises(TaxonomyError, match="slug"):
        taxonomy_from_frame(frame, "x")


def test_removing_a_row_removes_the_cause_and_adding_one_adds_it():
    taxonomy = default_taxonomy()
    frame = taxonomy_to_frame(taxonomy).iloc[1:]
    new = dict.fromkeys(frame.columns, "") | {
        "id": "slow_delivery",
        "label": "Slow delivery",
        "seeds_lt": "vėluoja; ilgai",
    }
    frame = pd.concat([frame, pd.DataFrame([new])], ignore_index=True)
    result = taxonomy_from_frame(frame, "edited")
    assert result.ids == (*taxonomy.ids[1:], "slow_delivery")
    assert result.cause("slow_delivery").seeds == {"lt": ("vėluoja", "ilgai")}


def _rows_with_record_ids() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cause": ["rudeness", "overcharging", "none"],
            "text": ["Kasininkė buvo nemandagi", "Списали дважды", "Paldies"],
            "dataset": ["Export", "Export", "Export"],
            "row_number": [1, 2, 3],
            "record_id": pd.Series(["CS-100001", None, "=HYPERLINK(1)"], dtype="str"),
        }
    )


def test_complaint_table_carries_the_record_id_next_to_the_row_number():
    table = complaint_table(_rows_with_record_ids(), default_taxonomy())
    columns = list(table.columns)
    assert columns.index("Record id") == columns.index("Row") + 1
    assert table["Record id"].iloc[0] == "CS-100001"
    assert pd.isna(table["Record id"].iloc[1])


def test_downloads_hold_the_record_id_empty_where_missing_and_formula_safe():
    table = complaint_table(_rows_with_record_ids(), default_taxonomy())
    csv = pd.read_csv(
        io.BytesIO(to_csv_bytes(table)),
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    assert csv["Record id"].tolist() == ["CS-100001", "", "'=HYPERLINK(1)"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table))).active
    header = [c.value for c in sheet[1]]
    ids = [r[header.index("Record id")] for r in sheet.iter_rows(2, values_only=True)]
    assert ids == ["CS-100001", None, "=HYPERLINK(1)"]
    cell = sheet.cell(4, header.index("Record id") + 1)
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula


def test_rows_without_a_record_id_column_give_an_empty_record_id_column():
    rows = _rows_with_record_ids().drop(columns=["record_id"])
    table = complaint_table(rows, default_taxonomy())
    assert table["Record id"].isna().all()


def test_numeric_record_ids_stay_whole_in_masked_downloads_while_the_text_is_masked():
    # a helpdesk's ticket number looks like a phone or card number to the contact
    # masking; the team lead needs it whole to find the ticket, the customer's phone
    # number in the text stays masked
    rows = _rows_with_record_ids()
    rows["record_id"] = ["1234567", "98765432109", "4111111111111111"]
    rows["text"] = ["call me on +370 612 34567"] * 3
    table = complaint_table(rows, default_taxonomy())
    csv = pd.read_csv(
        io.BytesIO(to_csv_bytes(table, mask=True)),
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    assert csv["Record id"].tolist() == ["1234567", "98765432109", "4111111111111111"]
    assert all("<phone>" in t and "612" not in t for t in csv["Text"])
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table, mask=True))).active
    header = [c.value for c in sheet[1]]
    ids = [r[header.index("Record id")] for r in sheet.iter_rows(2, values_only=True)]
    assert ids == ["1234567", "98765432109", "4111111111111111"]
