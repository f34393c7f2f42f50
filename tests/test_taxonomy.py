"""Taxonomy parsing, validation messages, round trips and the shipped default."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import yaml

from cx.model import key_of
from cx.taxonomy import (
    LANGUAGES,
    NONE,
    Taxonomy,
    TaxonomyError,
    default_taxonomy,
    dump_taxonomy,
    load_taxonomy,
    parse_taxonomy,
)
from cx.text import clean_texts

VALID = """
name: Demo
causes:
  - id: rudeness
    label: Rudeness
    description: "Staff were rude."
    color: "#d62728"
    seeds:
      en: ["rude", "hung up on me"]
      ru: ["нагрубил"]
  - id: slow_reply
    label: Slow reply
    seeds:
      lt: ["ilgai laukiau"]
"""


def test_valid_yaml_gives_causes_in_order_with_seeds():
    t = parse_taxonomy(VALID)
    assert t.name == "Demo"
    assert t.ids == ("rudeness", "slow_reply")
    assert t.cause("rudeness").seeds == {
        "en": ("rude", "hung up on me"),
        "ru": ("нагрубил",),
    }
    assert t.label_of("slow_reply") == "Slow reply"
    assert t.label_of(NONE) == "No cause"


def test_colors_keep_explicit_colour_and_give_every_cause_a_stable_one():
    t = parse_taxonomy(VALID)
    colors = t.colors
    assert colors["rudeness"] == "#d62728"
    assert set(colors) == {"rudeness", "slow_reply", NONE}
    assert colors == parse_taxonomy(VALID).colors
    assert colors["slow_reply"] != colors["rudeness"]


def test_dump_then_parse_round_trips():
    t = parse_taxonomy(VALID)
    assert parse_taxonomy(dump_taxonomy(t)) == t
    d = default_taxonomy()
    assert parse_taxonomy(dump_taxonomy(d)) == d


def test_json_is_accepted():
    data = {
        "name": "J",
        "causes": [{"id": "late", "label": "Late", "seeds": {"et": ["hilines"]}}],
    }
    t = parse_taxonomy(json.dumps(data, ensure_ascii=False))
    assert t.ids == ("late",)
    assert t.cause("late").seeds["et"] == ("hilines",)


def test_load_taxonomy_reads_a_file(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_taxonomy(path).ids == ("rudeness", "slow_reply")
    assert load_taxonomy(str(path)) == load_taxonomy(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(TaxonomyError, match="file not found"):
        load_taxonomy(tmp_path / "nope.yaml")


def _one(cause: str) -> str:
    return "causes:\n" + cause


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _one("  - {id: a, label: A, seeds: {en: [x]}}\n")
            + "  - {id: a, label: B, seeds: {en: [y]}}\n",
            "cause 'a': duplicate id",
        ),
        (_one("  - {label: A, seeds: {en: [x]}}\n"), "cause #1: missing id"),
        (_one("  - {id: a, seeds: {en: [x]}}\n"), "cause 'a': missing label"),
        (_one("  - {id: Bad Id, label: A, seeds: {en: [x]}}\n"), "id is not a slug"),
        (_one("  - {id: a, label: A}\n"), "cause 'a': cause without any seeds"),
        (_one("  - {id: a, label: A, seeds: {}}\n"), "cause without any seeds"),
        (
            _one("  - {id: a, label: A, seeds: {de: [x]}}\n"),
            "cause 'a': unknown language code 'de'",
        ),
        (
            _one("  - {id: a, label: A, seeds: {en: ['  ']}}\n"),
            "empty seed phrase in 'en'",
        ),
        (
            _one("  - {id: a, label: A, seeds: {en: x}}\n"),
            "seeds for 'en' must be a list",
        ),
        (_one("  - {id: none, label: A, seeds: {en: [x]}}\n"), "'none' is reserved"),
        (
            _one("  - {id: a, label: A, seeds: {en: [x]}, examples: {xx: [y]}}\n"),
            "cause 'a': unknown language code 'xx' in examples",
        ),
        (
            _one("  - {id: a, label: A, seeds: {en: [x]}, examples: [y]}\n"),
            "examples must be a mapping of language code",
        ),
        (
            _one("  - {id: a, label: A, seeds: {en: [x]}}\n")
            + "none_examples: {en: ['']}\n",
            "taxonomy: empty none_example phrase in 'en'",
        ),
        ("name: x\ncauses: []\n", "no causes"),
        ("name: x\n", "no causes"),
        ("causes:\n  - id: a\n   label: [\n", "YAML syntax error at line"),
        (
            _one("  - {id: a, label: A, color: red, seeds: {en: [x]}}\n"),
            "not a hex colour",
        ),
    ],
)
def test_invalid_taxonomy_names_the_problem(text, message):
    with pytest.raises(TaxonomyError) as err:
        parse_taxonomy(text)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_taxonomy_error_is_a_value_error():
    assert issubclass(TaxonomyError, ValueError)


def test_default_taxonomy_has_the_five_causes_with_seeds_in_every_language():
    t = default_taxonomy()
    assert isinstance(t, Taxonomy)
    assert t.ids == (
        "rudeness",
        "broken_promise",
        "overcharging",
        "unresolved",
        "treated_as_number",
    )
    for cause in t.causes:
        assert cause.label and cause.description
        for lang in LANGUAGES:
            assert len(cause.seeds.get(lang, ())) >= 25, (cause.id, lang)
            assert len(cause.examples.get(lang, ())) >= 30, (cause.id, lang)
    for lang in LANGUAGES:
        assert len(t.none_examples.get(lang, ())) >= 30, lang


def test_examples_survive_a_dump_and_parse():
    t = default_taxonomy()
    again = parse_taxonomy(dump_taxonomy(t))
    assert again == t
    assert again.cause("rudeness").examples == t.cause("rudeness").examples
    assert again.none_examples == t.none_examples


def test_unknown_cause_lookup_lists_known_ids():
    with pytest.raises(KeyError, match="rudeness"):
        default_taxonomy().cause("nope")


def test_no_default_seed_reads_as_a_praise_word_once_diacritics_are_dropped():
    """Seeds are matched folded and stemmed: Estonian "tõre" (grumpy) would match
    "tore" (nice), Lithuanian "patikino" (assured) "patiko" (liked)."""
    lexicon = yaml.safe_load(
        resources.files("cx").joinpath("resources", "ladder_lexicon.yaml").read_text()
    )
    glad: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for group in ("praise", "positive", "wow"):
        for where, entries in lexicon[group].items():
            words = [str(e).rstrip("*") for e in entries if " " not in str(e)]
            for lang in LANGUAGES if where == "all" else (where,):
                cleaned = clean_texts(words, [lang] * len(words))
                for word, key in zip(words, cleaned, strict=True):
                    if key and " " not in key:
                        glad[lang][key_of(key)] = word
    clashes = []
    for cause in default_taxonomy().causes:
        for lang, seeds in cause.seeds.items():
            for seed, cleaned in zip(
                seeds, clean_texts(list(seeds), [lang] * len(seeds)), strict=True
            ):
                if cleaned and " " not in cleaned and key_of(cleaned) in glad[lang]:
                    clashes.append((cause.id, lang, seed, glad[lang][key_of(cleaned)]))
    assert clashes == []


# Courtesy formulas and everyday words that share a key with a complaint word
# ("Lugupidamisega", the letter sign-off, and "lugupidamatu", disrespectful).
HARMLESS = {
    "en": ["Sincerely", "Kind regards", "Respectfully yours", "Dear team"],
    "ru": ["С уважением", "Уважаемые коллеги", "Здравствуйте", "сырое мясо"],
    "lt": ["Pagarbiai", "Gerbiamieji", "Sveiki", "žalia mėsa"],
    "lv": ["Ar cieņu", "Godātie", "Labdien", "jēla gaļa"],
    "et": ["Lugupidamisega", "Lugupeetud", "Tere", "toores liha", "Toorest kala"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_default_seed_matches_a_courtesy_formula_or_everyday_word(language):
    def keys(cleaned: str) -> tuple[str, ...]:
        return tuple(key_of(token) for token in cleaned.split())

    seeds = [s for c in default_taxonomy().causes for s in c.seeds.get(language, ())]
    seed_keys = {
        keys(c): s
        for s, c in zip(seeds, clean_texts(seeds, [language] * len(seeds)), strict=True)
        if c
    }
    phrases = HARMLESS[language]
    for phrase, cleaned in zip(
        phrases, clean_texts(phrases, [language] * len(phrases)), strict=True
    ):
        got = keys(cleaned)
        for key, seed in seed_keys.items():
            inside = any(
                got[i : i + len(key)] == key for i in range(len(got) - len(key) + 1)
            )
            assert not inside, (phrase, seed)
