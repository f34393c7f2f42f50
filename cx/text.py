"""Multilingual text cleaning: language id, contact masking, stems and negation scopes.

Texts are customer feedback in English, Russian, Lithuanian, Latvian and Estonian,
often typed without diacritics. `clean_texts` turns each into space-joined tokens
(stemmed, diacritic-folded, stop words dropped, negated words prefixed ``not_``): the
form both the vectoriser and the seed-phrase matcher in `cx.model` use.

Language id (`detect_languages`): Cyrillic script -> ``ru`` at once; Latin script is
scored by distinctive letters (ą ę ė į ų -> lt; ā ē ī ķ ļ ņ ģ -> lv; õ ä ö ü -> et)
and by frequent function words in diacritic-free form; rows without a clear winner
(about a third of diacritic-free Baltic rows, few others) go to lingua restricted to
en/lt/lv/et. py3langid was not needed. Memoised on unique texts. Measured on the
shared data sets (benchmarks/bench_langid.py, 2 busy cores): accuracy en 0.997,
ru 1.000, lv 0.983, et 1.000, lt 1.000 (40 test sentences); diacritics stripped:
lv 0.921, et 0.999, lt 0.95. Speed 10-25k unique rows/s cold, 34-57k rows/s on a
200k-row mix with repeats.

Stems: tokens are folded *before* stemming, so typed-with and typed-without forms
always meet (NLTK Snowball for en/ru, snowballstemmer for lt/et, a suffix stripper for
lv); lt/lv/et/ru stems are cut to `MAX_STEM` letters.

Negation: a standalone negator (en not/no/never/n't/without, ru не/нет/ни, lt
ne/nebuvo/nėra, lv ne/nav/nebija, et ei/pole/ära/mitte) opens a scope of at most three
kept tokens, closed early by punctuation; those tokens get the prefix ``not_`` and the
negator itself is dropped. Baltic verbs negated by a ``ne-`` prefix (lt nepaskambino,
lv nepiezvanīja) are the complaint itself: that prefix is never stripped and opens no
scope.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import pandas as pd
import snowballstemmer
import stopwordsiso
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

__all__ = [
    "LANGUAGES",
    "NEGATORS",
    "STOPWORDS",
    "clean_text",
    "clean_texts",
    "detect_languages",
    "fold_diacritics",
    "mask_contacts",
    "mask_contacts_series",
    "normalise",
    "stem",
    "tokenize",
]

LANGUAGES: tuple[str, ...] = ("en", "ru", "lt", "lv", "et")
UNKNOWN = "unknown"

# --------------------------------------------------------------------------- masking

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_URL = (
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|eu|lt|lv|ee|ru|io|info)(?:/[^\s<>\"]*)?\b"
)
# 13-19 digits, optionally grouped by single spaces or dashes, no leading "+".
_CARD = r"(?<![\w+.,/-])\d(?:[ -]?\d){12,18}(?![\w.,/-]?\d)"
_CURRENCY = r"(?:eur|€|usd|\$|rub|руб|eiro|euro)(?!\w)"
# Phone: optional +country, optional (area), 2+ groups; 7-15 digits in all. Dates
# (dots, ISO dashes) and decimal amounts are excluded by the look-arounds.
_PHONE = (
    r"(?<![\w.,/-])"
    r"(?!\d{4}-\d{1,2}-\d{1,2}\b)(?!\d{1,2}-\d{1,2}-\d{4}\b)"
    rf"(?!\d{{1,3}}(?:[ .,]\d{{3}})*(?:[.,]\d{{1,2}})?\s?{_CURRENCY})"
    r"(?=(?:[ ()+-]{0,3}\d){7,15}(?![\d]))"
    r"(?:\+\d{1,3}[ -]?)?(?:\(\d{1,5}\)[ -]?)?\d{1,5}(?:[ -]?\d{1,5}){0,5}"
    rf"(?![\w.,/]?\d)(?!\s?{_CURRENCY})"
)
_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_EMAIL), "<email>"),
    (re.compile(_URL, re.IGNORECASE), "<url>"),
    (re.compile(_CARD), "<card>"),
    (re.compile(_PHONE, re.IGNORECASE), "<phone>"),
)
# Cheap guards: each pattern runs only when its hint is present (most rows hold none).
_HINTS: tuple[re.Pattern[str], ...] = (
    re.compile("@"),
    re.compile(r"https?:|www\.|\.(?:com|net|org|eu|lt|lv|ee|ru|io|info)\b", re.I),
    re.compile(r"\d(?:[ -]?\d){12}"),
    re.compile(r"\d(?:[ ()+-]{0,3}\d){6}"),
)


def mask_contacts(text: str) -> str:
    """Replace e-mails, URLs, card and phone numbers with placeholders; idempotent.

    >>> mask_contacts("Call +370 612 34567 or mail a.b@c.lt, paid 49.99 EUR")
    'Call <phone> or mail <email>, paid 49.99 EUR'
    """
    for hint, (pattern, placeholder) in zip(_HINTS, _MASKS, strict=True):
        if hint.search(text):
            text = pattern.sub(placeholder, text)
    return text


def mask_contacts_series(s: pd.Series) -> pd.Series:
    """Vectorised `mask_contacts` over a string Series (returns a new Series)."""
    out = s.astype("string")
    for pattern, placeholder in _MASKS:
        out = out.str.replace(pattern, placeholder, regex=True)
    return out


# ------------------------------------------------------------------ normalise / fold

_PUNCT_MAP = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)


def _normalise_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    return " ".join(text.split())


def normalise(text: str) -> str:
    """NFKC, casefold, plain quotes and dashes, single spaces; idempotent.

    >>> normalise("  «Grubus»   OPERATORIUS — Ёлка ")
    '"grubus" operatorius - ёлка'
    """
    out = _normalise_once(text)
    if out.isascii():
        return out
    for _ in range(3):  # casefold can un-normalise a few rare letters: settle it
        if unicodedata.is_normalized("NFKC", out) and out.casefold() == out:
            break
        out = _normalise_once(out)
    return out


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
        )
        if base != ch and base:
            table[code] = base
    table.update({ord(k): v for k, v in _EXTRA_FOLD.items()})
    for code in range(0x0300, 0x0370):  # stray combining marks
        table[code] = ""
    return table


_EXTRA_FOLD = {
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ø": "o",
    "Ø": "O",
    "ё": "е",
    "Ё": "Е",
    "ı": "i",
}
_FOLD_TABLE = _build_fold_table()


def fold_diacritics(text: str) -> str:
    """Strip Latin diacritics (ą→a, š→s, ē→e, õ→o); Cyrillic kept except ё→е.

    >>> fold_diacritics("Ačiū, ļoti jõuluõhtu, ёлка й")
    'Aciu, loti jouluohtu, елка й'
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


# ------------------------------------------------------------------------ tokenising

_PLACEHOLDER = r"<(?:email|url|phone|card)>"
_WORD = r"[^\W_]+(?:'[^\W_]+)*"
_TOKENIZER = RegexpTokenizer(rf"{_PLACEHOLDER}|{_WORD}")
_TOKENS_AND_BREAKS = re.compile(rf"{_PLACEHOLDER}|{_WORD}|[.,;:!?()\[\]…]+")


def tokenize(text: str) -> list[str]:
    """Words and placeholders of `text` (punctuation dropped; "don't" kept whole).

    >>> tokenize("don't call <phone>, ok?")
    ["don't", 'call', '<phone>', 'ok']
    """
    return _TOKENIZER.tokenize(text)


# ------------------------------------------------------------ stop words and negators

NEGATORS: dict[str, frozenset[str]] = {
    "en": frozenset(
        {"not", "no", "never", "without", "cannot", "nor", "n't", "nothing"}
    ),
    "ru": frozenset({"не", "нет", "ни", "никогда"}),
    "lt": frozenset({"ne", "nebuvo", "nėra", "nera", "niekada", "nei"}),
    "lv": frozenset({"ne", "nav", "nebija", "nekad", "nē"}),
    "et": frozenset({"ei", "pole", "polnud", "ära", "ara", "mitte", "ega"}),
}
_EN_NEG_CONTRACTION = re.compile(
    r"^(?:\w+n't|dont|didnt|doesnt|isnt|wasnt|werent|arent|wont|cant|couldnt|"
    r"wouldnt|shouldnt|havent|hasnt|hadnt|aint)$"
)

# Words never treated as stop words: they carry the complaint (intensity, time, money).
_KEEP: dict[str, frozenset[str]] = {
    "en": frozenset(
        "very too again still only already yet always ever more most less much "
        "long late wait".split()
    ),
    "ru": frozenset(
        "очень опять снова уже долго всегда ждать деньги ответить слишком".split()
    ),
    "lt": frozenset("labai vėl dar visada jau niekas niekam niekur".split()),
    "lv": frozenset("ļoti vēl atkal vienmēr jau diemžēl neviens nekas".split()),
    "et": frozenset("väga jälle veel alati juba keegi midagi".split()),
}


def _read_resource(name: str) -> list[str]:
    raw = resources.files("cx").joinpath("resources", name).read_text("utf-8")
    return [
        w for line in raw.splitlines() if not line.startswith("#") for w in line.split()
    ]


def _repair_cp1257(word: str) -> str:
    """stopwordsiso's Lithuanian list is cp1257 bytes read as latin-1: undo that."""
    try:
        return word.encode("latin-1").decode("cp1257")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return word


def _build_stopwords() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for lang in LANGUAGES:
        words = set(_read_resource(f"stopwords_{lang}.txt"))
        if lang in ("lt", "lv", "et"):  # en/ru iso lists hold content words
            iso = stopwordsiso.stopwords(lang)
            words |= {_repair_cp1257(w) for w in iso} if lang == "lt" else set(iso)
        words = {normalise(w) for w in words if " " not in w}
        words |= {fold_diacritics(w) for w in words}
        protected = NEGATORS[lang] | _KEEP[lang]
        protected |= {fold_diacritics(w) for w in protected}
        out[lang] = frozenset(words - protected)
    return out


STOPWORDS: dict[str, frozenset[str]] = _build_stopwords()
_ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())
_ALL_NEGATORS = frozenset().union(*NEGATORS.values()) | {
    fold_diacritics(w) for ws in NEGATORS.values() for w in ws
}
_FOLDED_NEGATORS = {
    lang: frozenset(ws | {fold_diacritics(w) for w in ws})
    for lang, ws in NEGATORS.items()
}

# ----------------------------------------------------------------------------- stems

# Longest stem kept for inflected languages: typos in the last letters and rare
# endings then still meet the common form (measured in benchmarks/bench_langid.py).
MAX_STEM = 8

_LV_SUFFIXES = tuple(
    sorted(
        set(
            "ajiem ajām ajās ajos ajai ajam ajā ajo ais ām ēm os as is us es ai ei "
            "ie iem ij ija iju ījām ījāt ījis ījusi ēja ēju ējām ējis ējusi "
            "oja oju ojām ojis ojusi ties ies ās šu sim siet dams dama damies "
            "tais tajai tajam tas ta tu ti to tam tos tie tiem ot am at āt "
            "a e i u s š ā ē ī ū o".split()
        )
        | {fold_diacritics(s) for s in "ām ēm ījām ījāt ājām".split()},
        key=len,
        reverse=True,
    )
)


def _stem_lv(word: str) -> str:
    """Strip the longest Latvian ending (folded forms), keeping at least 3 letters."""
    for suffix in _LV_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stem_lt(word: str) -> str:
    """Snowball Lithuanian on folded text, then verb-stem leftovers (-ėj-, -in-) off."""
    out = _LT_SNOWBALL.stemWord(word)
    for suffix in ("ej", "in", "e"):
        if out.endswith(suffix) and len(out) - len(suffix) >= 4:
            return out[: -len(suffix)]
    return out


_LT_SNOWBALL = snowballstemmer.stemmer("lithuanian")


@lru_cache(maxsize=8)
def _stemmer(language: str):
    if language in ("en", "ru"):
        names = {"en": "english", "ru": "russian"}
        return SnowballStemmer(names[language]).stem
    if language == "lt":
        return _stem_lt
    if language == "et":
        return snowballstemmer.stemmer("estonian").stemWord
    if language == "lv":
        return _stem_lv
    return lambda w: w


@lru_cache(maxsize=1 << 18)
def stem(token: str, language: str) -> str:
    """Diacritic-folded stem of one normalised token (cached).

    The token is folded *before* stemming so "nemandagus" and "nemandągus" always meet;
    stems of inflected languages are cut to `MAX_STEM` letters.

    >>> stem("nagrubila", "en"), stem("нагрубила", "ru"), stem("rupjš", "lv")
    ('nagrubila', 'нагруб', 'rupj')
    """
    folded = fold_diacritics(token)
    if language == "en":
        return _stemmer("en")(folded)
    if language not in LANGUAGES:
        return folded[:MAX_STEM]
    return _stemmer(language)(folded)[:MAX_STEM]


# ----------------------------------------------------------------------- cleaning

_NUMBER = re.compile(r"^[\d']+$")
_STOP, _NEG, _BREAK = 0, 1, 2


# Pure memo of `_token_kind` per language (the vocabulary is small next to the tokens);
# a plain dict lookup is several times cheaper than an lru_cache call in the hot loop.
_TOKEN_MEMO: dict[str, dict[str, tuple[int, str]]] = {}
_TOKEN_MEMO_MAX = 1 << 19


def _token_kind(token: str, language: str) -> tuple[int, str]:
    """(kind, output) for one raw token: a stop word, a negator, a break or a stem."""
    if token[0] == "<" and token[-1] == ">" and len(token) > 2:
        return 3, token
    if not token[0].isalnum():
        return _BREAK, ""
    negators = _FOLDED_NEGATORS.get(language, _ALL_NEGATORS)
    folded = fold_diacritics(token)
    if token in negators or folded in negators:
        return _NEG, ""
    if language in ("en", UNKNOWN) and _EN_NEG_CONTRACTION.match(folded):
        return _NEG, ""
    if "'" in token:  # "customer's" -> "customer"; "don't" handled above
        token = token.split("'", 1)[0]
        folded = fold_diacritics(token)
    stops = STOPWORDS.get(language, _ALL_STOPWORDS)
    if len(token) < 2 or token in stops or folded in stops or _NUMBER.match(token):
        return _STOP, ""
    return 3, stem(token, language)


def clean_text(text: str, language: str) -> list[str]:
    """Tokens of one text: masked, normalised, stop words out, stemmed, negation-scoped.

    >>> clean_text("The agent was NOT rude, but never called back!", "en")
    ['agent', 'not_rude', 'not_call', 'not_back']
    """
    raw = _TOKENS_AND_BREAKS.findall(normalise(mask_contacts(text)))
    memo = _TOKEN_MEMO.get(language)
    if memo is None or len(memo) > _TOKEN_MEMO_MAX:
        memo = _TOKEN_MEMO[language] = {}
    out: list[str] = []
    scope = 0
    for token in raw:
        known = memo.get(token)
        if known is None:
            known = memo[token] = _token_kind(token, language)
        kind, value = known
        if kind == 3:
            if scope:
                out.append("not_" + value)
                scope -= 1
            else:
                out.append(value)
        elif kind == _NEG:
            scope = 3
        elif kind == _BREAK:
            scope = 0
    return out


def clean_texts(texts: Sequence[str], languages: Sequence[str]) -> list[str]:
    """`clean_text` per row, tokens joined by single spaces; memoised on unique rows.

    >>> clean_texts(["Не грубый", "nebija rupjš"], ["ru", "lv"])
    ['not_груб', 'not_rupj']
    """
    if len(texts) != len(languages):
        raise ValueError(
            f"clean_texts got {len(texts)} texts but {len(languages)} languages: "
            "pass one language per text."
        )
    memo: dict[tuple[str, str], str] = {}
    out: list[str] = []
    for text, language in zip(texts, languages, strict=True):
        key = (text, language)
        cleaned = memo.get(key)
        if cleaned is None:
            tokens = clean_text(text, language) if isinstance(text, str) else []
            cleaned = " ".join(tokens)
            memo[key] = cleaned
        out.append(cleaned)
    return out


# ---------------------------------------------------------------------- language id

_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-zà-ɏ]")
_LETTERS_LT = frozenset("ąęėįų")
_LETTERS_LV = frozenset("āēīķļņģ")
_LETTERS_ET = frozenset("õäöü")
_NOISE = re.compile(r"@\w+|#|https?://\S+|www\.\S+|\S+@\S+")
_WORDS = re.compile(r"[^\W\d_]+")

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and is was to of my you for not with have this that it they are be at but "
        "your what when why from has had been were will would can just get did didn't "
        "don't dont an our we he she his her me i'm im call service customer please "
        "thanks thank never still no one back hours told again their there".split()
    ),
    "lt": frozenset(
        "ir kad buvo nebuvo nera yra mano mane jau labai su del ar tai kaip nes jis ji "
        "jie mes jus tik dar kodel niekas niekada aciu sveiki laba diena is po nuo "
        "apie "
        "kuris kuri jokio dabar pinigus pinigai saskaita paskambino nepaskambino "
        "atsakymo klientu operatorius operatore buvau negavau gavau vis tris savaites "
        "manes jusu sake kai kol iki kuo cia dienas delsia grubus nemandagus uz "
        "ko tas ta kuris kodel isvis"
        "".split()
    ),
    "lv": frozenset(
        "un nav bija nebija ka lai par uz pie vai ta tas vel loti paldies labdien "
        "kapec neviens nekas esmu esam tiek tika tagad nekad viss visi vins vina man "
        "mani manu mans jums seit sis ari tikai kur kad tad bet jau ir ar no to tu es "
        "neatzvanija zvanija atzvanija klientu naudu rekins nedeļas nedelas dienas "
        "operators rupjs rupja nepiezvanija solija pec tev nu butu kaut sodien vakar "
        "gribu negribu atkal velreiz pirms tikko bus var varu vins vina vini jus "
        "ari ka ja ko sis tas ta tie tam so uz pie par no".split()
    ),
    "et": frozenset(
        "ja ei on oli see et ma mina mul kui aga siis keegi pole polnud olnud tagasi "
        "helistanud teenindaja vaga tanan aitah ning kes mis mida oma kuid veel juba "
        "ainult sest nagu ikka hasti halb toit meie teie nad seda selle sellest raha "
        "arve utles miks mulle minu sa ta me te oma koik kas ka tellimus klient "
        "ebaviisakas lubas maksin".split()
    ),
}
_LATIN_LANGS = ("en", "lt", "lv", "et")
# Vote per word: 2 for a word of one language only, 1 to each language sharing it.
_WORD_VOTES: dict[str, tuple[tuple[str, float], ...]] = {}
for _word in set().union(*_FUNCTION_WORDS.values()):
    _owners = [lang for lang in _LATIN_LANGS if _word in _FUNCTION_WORDS[lang]]
    _WORD_VOTES[_word] = tuple(
        (lang, 2.0 if len(_owners) == 1 else 1.0) for lang in _owners
    )
del _word, _owners


def _rule_scores(text: str) -> dict[str, float]:
    scores = dict.fromkeys(_LATIN_LANGS, 0.0)
    for ch in text:
        if ch in _LETTERS_LT:
            scores["lt"] += 3
        elif ch in _LETTERS_LV:
            scores["lv"] += 3
        elif ch in _LETTERS_ET:
            scores["et"] += 3
    for word in _WORDS.findall(fold_diacritics(text)):
        for lang, vote in _WORD_VOTES.get(word, ()):
            scores[lang] += vote
    return scores


def _rule_language(text: str) -> str | None:
    """Decide by script, letters and function words, or None when not clear."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr == 0 and lat == 0:
        return UNKNOWN
    if cyr >= lat:
        return "ru"
    scores = _rule_scores(text)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 4 and top >= 2 * second:
        return best
    return None


@lru_cache(maxsize=1)
def _lingua_detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.LITHUANIAN, Language.LATVIAN, Language.ESTONIAN
    ).build()


_LINGUA_CODES = {"ENGLISH": "en", "LITHUANIAN": "lt", "LATVIAN": "lv", "ESTONIAN": "et"}


def detect_languages(texts: Sequence[str]) -> list[str]:
    """One of `LANGUAGES` or "unknown" per text; memoised on unique texts.

    >>> detect_languages(["Operatorius buvo nemandagus", "Не перезвонили", "123 :)"])
    ['lt', 'ru', 'unknown']
    """
    cleaned_of: dict[str, str] = {}
    decided: dict[str, str] = {}
    pending: list[str] = []
    for text in texts:
        if text in cleaned_of:
            continue
        cleaned = _NOISE.sub(" ", normalise(text if isinstance(text, str) else ""))
        cleaned_of[text] = cleaned
        if cleaned in decided:
            continue
        verdict = _rule_language(cleaned)
        if verdict is None:
            pending.append(cleaned)
            decided[cleaned] = UNKNOWN
        else:
            decided[cleaned] = verdict
    if pending:
        unique = list(dict.fromkeys(pending))
        found = _lingua_detector().detect_languages_in_parallel_of(unique)
        for cleaned, language in zip(unique, found, strict=True):
            decided[cleaned] = (
                _LINGUA_CODES.get(language.name, UNKNOWN) if language else UNKNOWN
            )
    return [decided[cleaned_of[text]] for text in texts]
