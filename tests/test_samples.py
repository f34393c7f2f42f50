"""The bundled sample files: deterministic, committed as generated, and realistic."""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
LANGUAGES = ("en", "ru", "lt", "lv", "et")
CAUSES = (
    "rudeness",
    "broken_promise",
    "overcharging",
    "unresolved",
    "treated_as_number",
)
BALTIC_LETTERS = re.compile("[ąčęėįšųūžāēīķļņģõäöü]", re.IGNORECASE)


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "make_samples", SAMPLES / "make_samples.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


make_samples = _load_generator()
FILES = (
    make_samples.MAIN_CSV,
    make_samples.LABELS_CSV,
    make_samples.SMALL_XLSX,
    make_samples.CP1257_CSV,
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    make_samples.generate(out, make_samples.SEED)
    return out


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    feedback = pd.read_csv(
        SAMPLES / make_samples.MAIN_CSV, dtype=str, keep_default_na=False
    )
    labels = pd.read_csv(
        SAMPLES / make_samples.LABELS_CSV, dtype=str, keep_default_na=False
    )
    merged = feedback.merge(labels, on="Ticket ID", validate="one_to_one")
    return merged.assign(created=pd.to_datetime(merged["Created"]))


def _share(mask: pd.Series) -> float:
    return float(mask.mean())


# --- determinism -------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_committed_sample_file_matches_the_generator(generated: Path, name: str):
    assert (generated / name).read_bytes() == (SAMPLES / name).read_bytes()


def test_generator_writes_identical_bytes_twice_and_depends_on_the_seed(
    generated: Path, tmp_path: Path
):
    make_samples.generate(tmp_path / "again", make_samples.SEED)
    again = tmp_path / "again"
    for name in FILES:
        assert (again / name).read_bytes() == (generated / name).read_bytes()
    first = make_samples.simulate(random.Random(1), scale=0.05)
    assert make_samples.simulate(random.Random(1), scale=0.05) == first
    assert make_samples.simulate(random.Random(2), scale=0.05) != first


# --- the main export ---------------------------------------------------------------


def test_main_file_has_over_5000_rows_spanning_at_least_12_months(rows: pd.DataFrame):
    assert len(rows) >= 5000
    assert rows["created"].dt.to_period("M").nunique() >= 12
    assert rows["Ticket ID"].is_unique


def test_main_file_is_small_enough_for_git():
    assert (SAMPLES / make_samples.MAIN_CSV).stat().st_size < 2_000_000


def test_labels_are_kept_out_of_the_feedback_file():
    header = (SAMPLES / make_samples.MAIN_CSV).read_text("utf-8").splitlines()[0]
    assert header == "Ticket ID,Created,Channel,Team,Customer ID,CSAT,Comment"


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_file_holds_a_real_share_of_each_language(
    rows: pd.DataFrame, language: str
):
    assert 0.10 <= _share(rows["language"] == language) <= 0.35


def test_main_file_has_five_channels_and_six_to_ten_teams(rows: pd.DataFrame):
    assert set(rows["Channel"]) == {"phone", "e-mail", "chat", "office", "social"}
    assert 6 <= rows["Team"].nunique() <= 10


def test_about_a_third_of_rows_come_from_repeat_customers(rows: pd.DataFrame):
    per_customer = rows["Customer ID"].map(rows["Customer ID"].value_counts())
    assert 0.2 <= _share(per_customer > 1) <= 0.45


def test_labels_use_the_documented_values(rows: pd.DataFrame):
    assert set(rows["cause"]) == {*CAUSES, "none"}
    assert set(rows["ladder"]) == {"-1", "0", "1"}
    assert set(rows["theme"]) == {"", "app_logout"}
    assert (rows.loc[rows["theme"] != "", "cause"] == "none").all()
    first = rows["causes"].str.split(";").str[0].replace("", "none")
    assert (first == rows["cause"]).all()
    assert _share(rows["causes"].str.contains(";")) > 0.03


def test_praise_and_neutral_rows_are_the_documented_shares(rows: pd.DataFrame):
    assert 0.15 <= _share(rows["ladder"] == "1") <= 0.25
    assert 0.06 <= _share(rows["ladder"] == "0") <= 0.14


def test_csat_follows_the_text(rows: pd.DataFrame):
    rated = rows[rows["CSAT"] != ""].assign(csat=lambda f: f["CSAT"].astype(int))
    complaints = rated.loc[rated["ladder"] == "-1", "csat"]
    praise = rated.loc[rated["ladder"] == "1", "csat"]
    assert complaints.mean() < 2.0
    assert praise.mean() > 4.5
    assert 0.05 <= _share(rows["CSAT"] == "") <= 0.15


@pytest.mark.parametrize("language", ["lt", "lv", "et"])
def test_a_share_of_baltic_rows_is_typed_without_diacritics(
    rows: pd.DataFrame, language: str
):
    texts = rows.loc[rows["language"] == language, "Comment"]
    plain = ~texts.str.contains(BALTIC_LETTERS)
    assert 0.2 <= _share(plain) <= 0.5


# --- planted patterns --------------------------------------------------------------


def test_overcharging_in_billing_rises_after_the_price_change(rows: pd.DataFrame):
    billing = rows[rows["Team"] == "Billing"]
    before = billing["created"] < "2025-06-01"
    overcharged = billing["causes"].str.contains("overcharging")
    assert _share(overcharged[before]) < 0.12
    assert _share(overcharged[~before]) > 0.25


def test_kaunas_office_is_about_three_times_as_rude_as_other_teams(
    rows: pd.DataFrame,
):
    rude = rows["causes"].str.contains("rudeness")
    kaunas = rows["Team"] == "Kaunas Office"
    ratio = _share(rude[kaunas]) / _share(rude[~kaunas])
    assert 2.3 <= ratio <= 4.0


def test_app_logout_problem_starts_in_september_and_grows(rows: pd.DataFrame):
    app = rows["theme"] == "app_logout"
    assert not app[rows["created"] < "2025-09-01"].any()
    by_month = app.groupby(rows["created"].dt.to_period("M")).mean()
    assert by_month["2025-09"] < by_month["2026-02"]
    assert by_month["2026-02"] > 0.10
    assert set(rows.loc[app, "language"]) == set(LANGUAGES)


def test_phone_waits_rise_in_winter(rows: pd.DataFrame):
    phone = rows[rows["Channel"] == "phone"]
    waits = phone["cause"] == "treated_as_number"
    winter = phone["created"].dt.month.isin([12, 1, 2])
    assert _share(waits[winter]) > 2 * _share(waits[~winter])


def test_volume_is_seasonal(rows: pd.DataFrame):
    per_month = rows.groupby(rows["created"].dt.to_period("M")).size()
    assert per_month["2025-07"] < 0.75 * per_month["2025-01"]


# --- phrase banks ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_phrase_banks_hold_at_least_15_core_phrasings_per_cause(language: str):
    bank = make_samples.CORES[language]
    for kind in (*CAUSES, "praise", "neutral"):
        assert len(set(bank[kind])) >= 15, kind
    assert len(set(bank["app_logout"])) >= 10


# --- the small files ---------------------------------------------------------------


def test_cp1257_file_keeps_lithuanian_letters_and_is_not_utf8():
    data = (SAMPLES / make_samples.CP1257_CSV).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1257")
    assert text.startswith("Data;Kanalas;Komanda;Kliento ID;Įvertinimas;Komentaras\r\n")
    for letter in "ąčęėįšųūž":
        assert letter in text
    assert "ļ" in text and "ņ" in text  # Latvian rows too


def test_cp1257_file_has_about_200_rows_with_day_first_dates():
    frame = pd.read_csv(
        SAMPLES / make_samples.CP1257_CSV, sep=";", encoding="cp1257", dtype=str
    )
    assert 180 <= len(frame) <= 220
    assert frame["Data"].str.fullmatch(r"\d{2}\.\d{2}\.\d{4}").all()
    assert (frame["Data"].str[:2].astype(int) > 12).any()


def test_small_workbook_has_one_sheet_local_headers_and_real_dates():
    book = openpyxl.load_workbook(SAMPLES / make_samples.SMALL_XLSX)
    assert len(book.sheetnames) == 1
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header == make_samples.XLSX_HEADER
    assert 250 <= sheet.max_row - 1 <= 350
    dates = [row[1] for row in sheet.iter_rows(min_row=2, values_only=False)]
    assert all(cell.is_date for cell in dates)
