"""Filters and their URL form: every name, with commas and diacritics, round-trips."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cx.filters import Filters

# Team and channel names as a helpdesk export writes them, one row per language.
NAMES = [
    ("en", "London, Old Street", "phone, callback"),
    ("ru", "Рига, Центр", "чат, мобильный"),
    ("lt", "Vilnius, Senamiestis", "el. paštas, skundai"),
    ("lv", "Rīga, Vecrīga", "tērzēšana, e-pasts"),
    ("et", "Tallinn, Õismäe", "e-kiri, tagasiside"),
]


def _as_url(filters: Filters) -> dict[str, list[str]]:
    """The filters through a real query string, read back as get_all reads it."""
    query = urlencode(filters.to_query_params(), doseq=True)
    return parse_qs(query, keep_blank_values=True)


@pytest.mark.parametrize(("language", "team", "channel"), NAMES)
def test_a_name_with_a_comma_round_trips_through_the_url(language, team, channel):
    filters = Filters(teams=(team,), channels=(channel,), causes=("rudeness",))
    back = Filters.from_query_params(_as_url(filters))
    assert back == filters
    assert back.teams == (team,)
    assert back.channels == (channel,)


def test_several_names_with_commas_and_diacritics_round_trip_as_repeated_keys():
    teams = tuple(team for _, team, _ in NAMES)
    filters = Filters(teams=teams, date_from="2025-01-01", date_to="2025-03-31")
    params = filters.to_query_params()
    assert sorted(params["team"]) == sorted(teams)
    assert Filters.from_query_params(_as_url(filters)) == filters
    assert Filters.from_query_params(params) == filters


def test_one_value_is_a_plain_string_so_simple_links_stay_simple():
    assert Filters(teams=("Vilnius, Senamiestis",)).to_query_params() == {
        "team": "Vilnius, Senamiestis"
    }


def test_a_single_string_is_one_name_and_is_never_split():
    # A legacy link ?team=A,B reads as the one name "A,B" (see from_query_params).
    assert Filters.from_query_params({"team": "Rīga, Vecrīga"}).teams == (
        "Rīga, Vecrīga",
    )
    assert Filters.from_query_params({"team": ["Rīga, Vecrīga"]}).teams == (
        "Rīga, Vecrīga",
    )


def test_tuples_and_lists_are_never_split_but_a_bare_string_still_is():
    assert Filters(teams=("A, B",)).teams == ("A, B",)
    assert Filters(teams=["A, B", "C"]).teams == ("A, B", "C")
    assert Filters(teams="A,B").teams == ("A", "B")


def test_a_repeated_date_or_search_key_takes_its_last_value():
    filters = Filters.from_query_params(
        {"to": ["2025-01-31", "2025-02-28"], "q": ["first", "kasa, eilė"]}
    )
    assert filters.date_to == dt.date(2025, 2, 28)
    assert filters.search == "kasa, eilė"


def test_the_query_params_are_hashable_as_a_cache_key_and_back():
    filters = Filters(teams=("Tallinn, Õismäe", "Рига, Центр"), search="šaukė")
    key = tuple(
        sorted(
            (k, tuple(v) if isinstance(v, list) else v)
            for k, v in filters.to_query_params().items()
        )
    )
    hash(key)
    assert Filters.from_query_params(dict(key)) == filters


def test_describe_keeps_names_with_commas_readable():
    text = Filters(teams=("A, B", "C")).describe()
    assert text == "team=A, B | C"


_NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda s: s.strip() == s and s)


@given(
    st.lists(_NAME, max_size=4, unique=True), st.lists(_NAME, max_size=3, unique=True)
)
def test_any_names_round_trip_through_a_query_string(teams, channels):
    filters = Filters(teams=tuple(teams), channels=tuple(channels))
    assert Filters.from_query_params(_as_url(filters)) == filters
