"""analyse(): the cx_* contract, alignment, purity, determinism and the empty case."""

from __future__ import annotations

import logging
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from cx.analysis import ANALYSIS_COLUMNS, Analysis, analyse
from cx.taxonomy import default_taxonomy
from cx.themes import THEME_COLUMNS

ROWS = [
    ("The operator was rude and hung up on me", 1),
    ("You promised to call back and nobody called", 2),
    ("I was charged twice for one order, a hidden fee", 1),
    ("Thank you, amazing service, you went above and beyond!", 5),
    ("Оператор нагрубил и бросил трубку", 1),
    ("Обещали перезвонить и не перезвонили", None),
    ("Operatorius buvo nemandagus", 2),
    ("Žadėjo perskambinti, bet niekas nepaskambino", None),
    ("Operators bija rupjš un nolika klausuli", 1),
    ("Paldies, pārspēja visas gaidas!", 5),
    ("Teenindaja oli ebaviisakas", 1),
    ("Aitäh, ületas ootusi!", None),
]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    texts, ratings = zip(*ROWS, strict=True)
    return pd.DataFrame(
        {
            "text": pd.array(texts, dtype="str"),
            "rating": [float("nan") if r is None else r for r in ratings],
        },
        index=pd.Index([f"r{i * 7}" for i in range(len(ROWS))], name="row"),
    )


@pytest.fixture(scope="module")
def result(frame: pd.DataFrame) -> Analysis:
    return analyse(frame, default_taxonomy())


def test_rows_have_exactly_the_seven_cx_columns(result: Analysis) -> None:
    assert tuple(result.rows.columns) == ANALYSIS_COLUMNS
    assert tuple(result.themes.columns) == THEME_COLUMNS
    assert result.rows["cx_ladder"].isin([-1, 0, 1]).all()
    assert result.rows["cx_confidence"].between(0, 1).all()


def test_rows_are_aligned_to_a_non_default_index(
    frame: pd.DataFrame, result: Analysis
) -> None:
    assert result.rows.index.equals(frame.index)
    assert result.rows.loc["r35", "cx_language"] == "ru"
    assert result.rows.loc["r49", "cx_language"] == "lt"


def test_praise_has_no_cause_and_is_wow(result: Analysis) -> None:
    praise = result.rows.loc["r21"]
    assert praise["cx_cause"] == "none" and praise["cx_causes"] == ""
    assert praise["cx_ladder"] == 1 and praise["cx_theme"] == ""


def test_rows_with_a_cause_are_disappointment_without_theme(result: Analysis) -> None:
    with_cause = result.rows[result.rows["cx_cause"] != "none"]
    assert len(with_cause) >= 6
    assert (with_cause["cx_ladder"] == -1).all()
    assert (with_cause["cx_theme"] == "").all()


def test_the_input_frame_is_not_changed(frame: pd.DataFrame) -> None:
    before = frame.copy(deep=True)
    analyse(frame, default_taxonomy())
    pd.testing.assert_frame_equal(frame, before)


def test_the_same_input_gives_the_same_result(
    frame: pd.DataFrame, result: Analysis
) -> None:
    again = analyse(frame, default_taxonomy())
    pd.testing.assert_frame_equal(again.rows, result.rows)
    pd.testing.assert_frame_equal(again.themes, result.themes)


def test_progress_reports_every_stage_from_start_to_end(frame: pd.DataFrame) -> None:
    seen: list[tuple[str, float]] = []
    got = analyse(frame, default_taxonomy(), progress=lambda s, f: seen.append((s, f)))
    stages = list(dict.fromkeys(s for s, _ in seen))
    assert stages == list(got.timings)
    assert all((s, 1.0) in seen for s in stages)


def test_an_empty_frame_gives_empty_results_with_the_right_columns() -> None:
    empty = pd.DataFrame({"text": pd.Series([], dtype="str")})
    got = analyse(empty, default_taxonomy())
    assert tuple(got.rows.columns) == ANALYSIS_COLUMNS and got.rows.empty
    assert tuple(got.themes.columns) == THEME_COLUMNS and got.themes.empty


def test_a_frame_without_text_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="no 'text' column"):
        analyse(pd.DataFrame({"comment": ["x"]}), default_taxonomy())


def test_repeated_texts_share_results_but_keep_their_own_rating() -> None:
    texts = ["Everything was fine, thanks", "Оператор нагрубил"] * 3
    ratings = [5.0, 1.0, 1.0, 1.0, float("nan"), 1.0]
    frame = pd.DataFrame({"text": pd.array(texts, dtype="str"), "rating": ratings})
    rows = analyse(frame, default_taxonomy()).rows
    text_columns = ["cx_language", "cx_cause", "cx_causes", "cx_evidence"]
    for first, later in ((0, 2), (0, 4), (1, 3), (1, 5)):
        assert rows.iloc[first][text_columns].equals(rows.iloc[later][text_columns])
    assert rows["cx_ladder"].iloc[[0, 2]].tolist() == [1, -1]


def test_a_low_rating_makes_the_same_words_a_complaint_in_that_row_only() -> None:
    sarcasm = "Thanks, great! The technician came and left and nothing changed"
    texts = [sarcasm, sarcasm, sarcasm, *[text for text, _ in ROWS]]
    ratings = [1.0, 5.0, float("nan"), *[r or float("nan") for _, r in ROWS]]
    frame = pd.DataFrame({"text": pd.array(texts, dtype="str"), "rating": ratings})
    rows = analyse(frame, default_taxonomy()).rows
    assert rows["cx_cause"].iloc[0] == "unresolved"
    assert rows["cx_evidence"].iloc[0] != ""
    assert rows["cx_cause"].iloc[1:3].tolist() == ["none", "none"]
    assert rows["cx_ladder"].iloc[:2].tolist() == [-1, 1]
    # every other row reads as it does without the sarcastic ones
    alone = analyse(frame.iloc[3:], default_taxonomy()).rows
    assert rows["cx_cause"].iloc[3:].tolist() == alone["cx_cause"].tolist()


def test_worker_processes_give_exactly_the_single_process_result() -> None:
    sample = Path(__file__).parent.parent / "data" / "samples" / "feedback_sample.csv"
    frame = pd.read_csv(sample, nrows=400).rename(columns={"Comment": "text"})
    alone = analyse(frame, default_taxonomy(), workers=1)
    shared = analyse(frame, default_taxonomy(), workers=2)
    pd.testing.assert_frame_equal(shared.rows, alone.rows)
    pd.testing.assert_frame_equal(shared.themes, alone.themes)
    assert (shared.rows["cx_cause"] != "none").any()


def test_workers_never_run_the_main_script_again(tmp_path, monkeypatch, caplog):
    # Under `streamlit run`, __main__ is app.py: a worker that re-ran it would fail.
    marker = tmp_path / "ran"
    script = tmp_path / "app_like.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\nraise SystemExit(3)\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    frame = pd.DataFrame({"text": [text for text, _ in ROWS] * 3})
    with caplog.at_level(logging.WARNING, logger="cx.analysis"):
        shared = analyse(frame, default_taxonomy(), workers=2)
    assert not marker.exists()
    assert "one process instead" not in caplog.text
    assert shared.rows["cx_cause"].tolist()[:3] == [
        "rudeness",
        "broken_promise",
        "overcharging",
    ]


def test_a_two_part_form_answer_is_analysed_by_its_to_improve_part() -> None:
    texts = [
        "Liked: friendly staff, great coffee. / To improve: the waiter was rude and "
        "shouted at us",
        "Liked: friendly staff, great coffee. / To improve: nothing",
        *[text for text, _ in ROWS],
    ]
    frame = pd.DataFrame({"text": pd.array(texts, dtype="str")})
    rows = analyse(frame, default_taxonomy()).rows
    assert rows["cx_cause"].iloc[0] == "rudeness"
    assert set(rows["cx_evidence"].iloc[0].split("; ")) <= {"waiter", "rude", "shouted"}
    assert rows["cx_ladder"].iloc[0] == -1
    assert rows["cx_cause"].iloc[1] == "none"
    assert rows["cx_ladder"].iloc[1] >= 0
