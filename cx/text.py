"""Multilingual text cleaning: language id, contact masking, stems and negation scopes.

Texts are customer feedback in English, Russian, Lithuanian, Latvian and Estonian,
often typed without diacritics. `clean_texts` turns each into space-joined tokens
(stemmed, diacritic-folded, stop words dropped, negated words prefixed ``not_``): the
form both the vectoriser and the seed-phrase matcher in `cx.model` use.

Language id (`detect_languages`): Cyrillic script -> ``ru`` at once; Latin script is
scored by distinctive letters (ą ę ė į ų -> lt; ā ē ī ķ ļ ņ ģ -> lv; õ ä ö ü -> et)
and by frequent function words in diacritic-free form; rows without a clear winner
(about a third of diacritic-free Baltic rows, few others) go to lingua restricted to
en/lt/lv/et. py3langid was not needed. Measured on the shared data sets
(benchmarks/bench_langid.py, 2 busy cores): accuracy en 0.997, ru 1.000, lv 0.983,
et 1.000, lt 1.000 (40 test sentences); diacritics stripped: lv 0.921, et 0.999,
lt 0.95.

Speed: both `detect_languages` and `clean_texts` work once per unique text, in Arrow
batches (see "batches" below) that give exactly the row-by-row result: about 50k
synthetic rows/s each on 2 busy cores (benchmarks/bench_speed.py); lingua, for the
few rows the rules leave open, and stemming of new words are the remaining costs.

Stems: tokens are folded *before* stemming, so typed-with and typed-without forms
always meet (NLTK Snowball for en, the compiled Snowball of snowballstemmer for
ru/lt/et, a suffix stripper for
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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import snowballstemmer
import stopwordsiso
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

__all__ = [
    "LANGUAGES",
    "NEGATORS",
    "PLACEHOLDERS",
    "STOPWORDS",
    "clean_text",
    "clean_texts",
    "complaint_part",
    "complaint_parts",
    "detect_languages",
    "fold_diacritics",
    "mask_contacts",
    "mask_contacts_series",
    "normalise",
    "stated_score",
    "stem",
    "tokenize",
]

LANGUAGES: tuple[str, ...] = ("en", "ru", "lt", "lv", "et")
UNKNOWN = "unknown"

# --------------------------------------------------------------------- stated scores

# A score typed at the start of a survey comment: "3/10 ...", "8 no 10", "1 star ...",
# "9 - ...". A dash form needs a word after it ("10 - 15 min" is a range, not a score).
_SCORE_PREFIX = re.compile(
    r"^\W{0,3}(?:nps|csat)?\W{0,3}(\d{1,2})(?:[.,]5)?\s*(?:"
    r"(?:/|из|iš|is|no|out of|of)\s*(10|5)(?![/.,]?\d)"
    r"|(stars?|зв[её]зд\w*|žvaigžd\w*|zvaigzd\w*|zvaigzn\w*|t[äa]ht\w*|t[äa]rn\w*)"
    r"|(\s*[-–—:]\s+)(?=[^\W\d]))",
    re.IGNORECASE,
)


def stated_score(text: str) -> tuple[float, float | None, int] | None:
    """(score, top of its scale or None for a bare "N - ...", where the comment starts)
    of a score typed before the comment; None when the text starts with none.

    >>> stated_score("3/10 slow"), stated_score("1 star."), stated_score("9 - fine")
    ((3.0, 10.0, 4), (1.0, 5.0, 6), (9.0, None, 4))
    >>> stated_score("10 - 15 min on hold"), stated_score("12 - calls, no answer")
    (None, None)
    """
    m = _SCORE_PREFIX.match(text) if text else None
    if m is None:
        return None
    score = float(m.group(1))
    top = 5.0 if m.group(3) else (float(m.group(2)) if m.group(2) else None)
    if score > (top or 10.0):  # "15 - ..." or "7/5" is no score
        return None
    return score, top, m.end()


def _without_score(text: str) -> str:
    """The comment without the score typed before it: a rating, not its words."""
    found = stated_score(text)
    return text if found is None else text[found[2] :]


# ------------------------------------------------------------------ two-part answers

# Survey forms often export two answers in one cell: "Liked: ... / To improve: ...".
# The liked part names no cause and its praise would hide the complaint, so causes and
# the ladder read the other part. Headers are matched lower-cased and folded.
_ASKED = (
    r"(?:(?:what|kas|mis|что|ka|ko|mida)\s+)?"
    r"(?:(?:was|went|did you|i|bija|buvo|было|oli|laks|man|мне)\s+)?"
)
_LIKED = (
    r"liked?|good|well|pros|positives|pluses|strengths|best|the good"
    r"|понравилось|хорошо|хорошего|плюсы|достоинства"
    r"|patiko|pavyko|gerai|privalumai|pliusai"
    r"|patika|labi|izdevas|plusi|prieksrocibas"
    r"|meeldis|hasti|hea|plussid|head kuljed"
)
_TO_IMPROVE = (
    r"disliked?|did ?n[o']?t like|not like|to improve|could be improved"
    r"|can be improved|should be improved|improvements?|could be better|wrong|bad"
    r"|the bad|cons|negatives|minuses|weaknesses|worst"
    r"|не понравилось|улучшить|можно улучшить|нужно улучшить|стоит улучшить|плохо"
    r"|пошло не так|минусы|недостатки"
    r"|nepatiko|nepavyko|blogai|trukumai|minusai|patobulinti|pagerinti|tobulinti"
    r"|reiketu patobulinti|reiketu pagerinti|tobulintina"
    r"|nepatika|neizdevas|slikti|minusi|trukumi|jauzlabo|uzlabot"
    r"|vajadzetu uzlabot|butu jauzlabo"
    r"|ei meeldinud|halvasti|valesti|halb|miinused|puudused|vajab parandamist"
    r"|parandada|paremini teha|saaks paremini teha|ebaonnestus"
)
# a header starts the text or follows a separator, and ends in ":", "?" or a dash
_FORM_HEADER = re.compile(
    rf"[/|\n;.!?\-–—]\s*{_ASKED}(?:(?P<improve>{_TO_IMPROVE})|(?P<liked>{_LIKED}))"
    r"\s*(?:\?\s*:?|:|(?=[\-–—]))"  # a dash is left to separate the next one
)
_HEADER_END = r"[:?\-–—]"
_NOTHING = re.compile(
    r"\W*(?:(?:nothing|none|no|nope|n/?a|all|good|fine|ничего|нет|всё|все|хорошо"
    r"|nieko|nera|viskas|gerai|nekas|neka|nav|viss|labi|mitte|ei|midagi|pole|kõik"
    r"|hea)\W*)*",
    re.IGNORECASE,
)


def complaint_part(text: str) -> str:
    """What a two-part form answer says went wrong ("Liked: ... / To improve: ..."):
    its to-improve part when that says something, else the whole text.

    >>> complaint_part("Liked: quick fitting. / To improve: quoted 280, billed 352")
    'quoted 280, billed 352'
    >>> complaint_part("Kas patiko: viskas. Kas nepatiko: -")
    'Kas patiko: viskas. Kas nepatiko: -'
    """
    nfc = unicodedata.normalize("NFC", text)
    folded = "\n" + fold_diacritics(nfc).lower()
    if len(folded) != len(nfc) + 1:  # a letter that folds or lowers to two
        return text
    headers = list(_FORM_HEADER.finditer(folded))
    kinds = {"improve" if m.group("improve") else "liked" for m in headers}
    if kinds != {"improve", "liked"}:
        return text
    said = []
    for m, after in zip(headers, [*headers[1:], None], strict=True):
        if m.group("improve"):
            end = len(folded) if after is None else after.start() + 1
            part = nfc[m.end() - 1 : end - 1].strip(" /|;-–—\n\t")
            if not _NOTHING.fullmatch(part):
                said.append(part)
    return " ".join(said) if said else text


def complaint_parts(texts: Sequence[str]) -> list[str]:
    """:func:`complaint_part` of each text; a text with fewer than two header ends
    (":", "?", dashes) is no two-part answer and is passed over in Arrow."""
    out = list(texts)
    if not out:
        return out
    marks = pc.count_substring_regex(_to_arrow(out), _HEADER_END)
    for i in np.flatnonzero(marks.to_numpy(zero_copy_only=False) >= 2).tolist():
        out[i] = complaint_part(out[i])
    return out


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
# A social-media handle (@name): it names an account, not a cause, and identifies a
# person as an e-mail does. Not inside an e-mail or URL (those are masked first).
_HANDLE = r"(?<![\w.@/])@[^\W\d]\w{0,29}(?![\w@])"
_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_EMAIL), "<email>"),
    (re.compile(_URL, re.IGNORECASE), "<url>"),
    (re.compile(_CARD), "<card>"),
    (re.compile(_PHONE, re.IGNORECASE), "<phone>"),
    (re.compile(_HANDLE), "<user>"),
)
# Cheap guards: each pattern runs only when its hint is present (most rows hold none).
_HINTS: tuple[re.Pattern[str], ...] = (
    re.compile("@"),
    re.compile(r"https?:|www\.|\.(?:com|net|org|eu|lt|lv|ee|ru|io|info)\b", re.I),
    re.compile(r"\d(?:[ -]?\d){12}"),
    re.compile(r"\d(?:[ ()+-]{0,3}\d){6}"),
    re.compile("@"),
)


def mask_contacts(text: str) -> str:
    """Replace e-mails, URLs, card and phone numbers and @handles with placeholders;
    idempotent.

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

# What masking leaves in place of a contact: one token each, kept whole by tokenising.
PLACEHOLDERS: tuple[str, ...] = ("<email>", "<url>", "<card>", "<phone>", "<user>")
_PLACEHOLDER = "|".join(re.escape(p) for p in PLACEHOLDERS)
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


# Web and Twitter debris in any language: the retweet mark and HTML entities' names
# ("RT @bank", "&amp;", "&gt;"), words of no complaint.
_WEB_DEBRIS = frozenset({"rt", "amp", "gt", "quot", "nbsp"})


def _build_stopwords() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for lang in LANGUAGES:
        words = set(_read_resource(f"stopwords_{lang}.txt"))
        if lang in ("lt", "lv", "et"):  # en/ru iso lists hold content words
            iso = stopwordsiso.stopwords(lang)
            words |= {_repair_cp1257(w) for w in iso} if lang == "lt" else set(iso)
        words = {normalise(w) for w in words if " " not in w} | _WEB_DEBRIS
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
    if language == "en":
        return SnowballStemmer("english").stem
    if language == "ru":
        # The same Snowball algorithm as NLTK's Russian stemmer, compiled (PyStemmer):
        # about 20 times faster, and 6 of 12,611 Russian words stem differently (hard
        # and soft signs alone).
        return snowballstemmer.stemmer("russian").stemWord
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
    if token == "<user>":  # a handle says who was addressed, nothing about why
        return _STOP, ""
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
    return _clean_one(_without_score(text), language)


def _clean_one(text: str, language: str) -> list[str]:
    """`clean_text` of a text whose typed score is already dropped."""
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


# ------------------------------------------------------------------ batches (Arrow)
#
# `clean_texts` and `detect_languages` work on many rows at once: lower-casing,
# splitting on white space and counting letters run in Arrow and numpy over a whole
# column, and Python touches each unique piece of text (a white-space-free run) once,
# with the same tokeniser as `clean_text`, so the results are identical. Exactness
# needs Arrow's lower case to agree with `normalise` character by character;
# `_char_classes` checks that for the scripts we serve. Rows holding a character
# outside (Turkish dotted I, German sharp s, combining marks, other scripts) take the
# per-row Python path, as do small batches; rows holding a character `normalise`
# rewrites beyond lower case (ligatures, "…", curly quotes) are normalised in Python
# first.

_BATCH = 50_000
_SMALL = 64
_SAFE_BLOCKS = (
    (0x0001, 0x0250),  # Latin, Latin-1, Latin Extended-A/B
    (0x0400, 0x0530),  # Cyrillic
    (0x1E00, 0x1F00),  # Latin Extended Additional
    (0x2000, 0x2C00),  # punctuation, symbols, arrows, dingbats
    (0x1F000, 0x1FB00),  # emoji
)
# RE2 forms of `_HINTS`, each matching wherever its Python hint does (a superset).
_RE2_HINTS = (
    "@",
    r"https?:|www\.|\.(?:com|net|org|eu|lt|lv|ee|ru|io|info)",
    r"\p{Nd}(?:[ -]?\p{Nd}){12}",
    r"\p{Nd}(?:[ ()+-]{0,3}\p{Nd}){6}",
    "@",
)
_NOISE_HINT = r"[@#]|https?://|www\."
_KEPT = 3
_SPACE = pa.scalar(" ", type=pa.large_string())


def _to_arrow(texts: Sequence[str]) -> pa.Array:
    return pa.array(texts, type=pa.large_string())


def _re2_class(codes: Sequence[int]) -> str:
    """A RE2 character class matching exactly the given code points."""
    codes = sorted(codes)
    parts: list[str] = []
    start = None
    for i, code in enumerate(codes):
        start = code if start is None else start
        if i + 1 == len(codes) or codes[i + 1] != code + 1:
            parts.append(f"\\x{{{start:x}}}")
            if code > start:
                parts.append(f"-\\x{{{code:x}}}")
            start = None
    return "[" + "".join(parts) + "]"


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _char_classes() -> tuple[str, str]:
    """RE2 classes: characters off the exact Arrow path, and characters `normalise`
    rewrites beyond lower case (rows holding one are normalised in Python first)."""
    chars = [
        chr(code)
        for lo, hi in _SAFE_BLOCKS
        for code in range(lo, hi)
        if not unicodedata.category(chr(code)).startswith("M")
    ]
    targets = [normalise(ch) for ch in chars]
    rewritten = [
        unicodedata.normalize("NFKC", ch) != ch or ch.translate(_PUNCT_MAP) != ch
        for ch in chars
    ]
    arrow = pc.utf8_lower(_to_arrow(chars)).to_pylist()
    arrow_of_target = pc.utf8_lower(_to_arrow(targets)).to_pylist()
    safe: list[int] = []
    rewrite: list[int] = []
    for ch, target, fast, slow, redo in zip(
        chars, targets, arrow, arrow_of_target, rewritten, strict=True
    ):
        if _squeeze(slow if redo else fast) == target:
            safe.append(ord(ch))
            if redo:
                rewrite.append(ord(ch))
    return "[^" + _re2_class(safe)[1:], _re2_class(rewrite)


def _flags(values: pa.Array, pattern: str, ignore_case: bool = False) -> np.ndarray:
    found = pc.match_substring_regex(values, pattern, ignore_case=ignore_case)
    return found.to_numpy(zero_copy_only=False).astype(bool)


def _arrow_normalise(texts: list[str]) -> tuple[pa.Array, np.ndarray]:
    """`normalise` of each text up to white space, in Arrow, and where it is exact."""
    unsafe, rewrite = _char_classes()
    values = _to_arrow(texts)
    exact = ~_flags(values, unsafe)
    redo = np.flatnonzero(_flags(values, rewrite) & exact)
    if len(redo):
        texts = list(texts)
        for i in redo.tolist():
            texts[i] = normalise(texts[i])
        values = _to_arrow(texts)
    return pc.utf8_lower(values), exact


def _pieces(values: pa.Array) -> tuple[np.ndarray, list[str], np.ndarray]:
    """White-space-free pieces of every row: codes into the unique pieces, the
    unique pieces, and the row of each piece (in order)."""
    lists = pc.utf8_split_whitespace(values)
    flat = pc.list_flatten(lists)
    rows = pc.list_parent_indices(lists).to_numpy().astype(np.int64)
    if len(flat) == 0:
        return np.zeros(0, np.int64), [], rows
    encoded = pc.dictionary_encode(flat)
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, encoded.dictionary.to_pylist(), rows


def _expand(
    codes: np.ndarray, rows: np.ndarray, per_unique: list[list[int]]
) -> tuple[np.ndarray, np.ndarray]:
    """Spread the item ids of each unique piece over its occurrences, in order."""
    counts = np.fromiter((len(p) for p in per_unique), np.int64, len(per_unique))
    starts = np.zeros(len(counts), np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    table = np.fromiter(
        (i for items in per_unique for i in items), np.int64, int(counts.sum())
    )
    each = counts[codes]
    if len(counts) and (counts == 1).all():
        return table[starts[codes]], rows
    first = np.repeat(starts[codes], each)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(each) - each, each)
    return table[first + offset], np.repeat(rows, each)


def _clean_batch(texts: list[str], language: str) -> list[str | None]:
    """`clean_text` joined by spaces (None where the Python path is needed).

    Stop words, stems and negators are resolved once per unique token; negation
    scopes are spread over the rows with numpy.
    """
    n = len(texts)
    values, exact = _arrow_normalise(texts)
    codes, pieces, piece_rows = _pieces(values)
    memo = _TOKEN_MEMO.get(language)
    if memo is None or len(memo) > _TOKEN_MEMO_MAX:
        memo = _TOKEN_MEMO[language] = {}
    token_ids: dict[str, int] = {}
    kinds: list[int] = []
    outputs: list[str] = []
    per_piece: list[list[int]] = []
    for piece in pieces:
        ids = []
        for token in _TOKENS_AND_BREAKS.findall(piece):
            tid = token_ids.get(token)
            if tid is None:
                known = memo.get(token)
                if known is None:
                    known = memo[token] = _token_kind(token, language)
                tid = token_ids[token] = len(kinds)
                kinds.append(known[0])
                outputs.extend((known[1], "not_" + known[1]))
            ids.append(tid)
        per_piece.append(ids)
    tids, rows = _expand(codes, piece_rows, per_piece)
    kind = np.asarray(kinds, dtype=np.int8)[tids]
    live = kind != _STOP
    kind, tids, rows = kind[live], tids[live], rows[live]
    kept = kind == _KEPT
    where = np.arange(len(kind))
    last = np.maximum.accumulate(np.where(kept, -1, where)) if len(kind) else where
    at = np.maximum(last, 0)
    counted = np.cumsum(kept)
    negated = (
        kept
        & (last >= 0)
        & (rows[at] == rows)
        & (kind[at] == _NEG)
        & (counted - counted[at] <= 3)
    )
    out_ids = (tids * 2 + negated)[kept]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[kept], minlength=n), out=offsets[1:])
    words = pc.take(pa.array(outputs, type=pa.large_string()), pa.array(out_ids))
    joined = pc.binary_join(pa.LargeListArray.from_arrays(offsets, words), _SPACE)
    return [c if ok else None for c, ok in zip(joined.to_pylist(), exact, strict=True)]


def _mask_flagged(text: str, flags: np.ndarray) -> str:
    """`mask_contacts` applying only the patterns whose hint `flags` holds.

    A pattern can match only where its hint does, and masking never creates a new
    hint, so skipping the unflagged patterns changes nothing.
    """
    for flagged, (pattern, placeholder) in zip(flags, _MASKS, strict=True):
        if flagged:
            text = pattern.sub(placeholder, text)
    return text


def _clean_language(texts: list[str], language: str) -> list[str]:
    """Cleaned strings of unique texts that share one language (scores dropped)."""
    if len(texts) < _SMALL:
        return [" ".join(_clean_one(t, language)) for t in texts]
    values = _to_arrow(texts)
    # e-mails and handles share the "@" hint: search the texts once per distinct hint
    found = {h: _flags(values, h, ignore_case=True) for h in dict.fromkeys(_RE2_HINTS)}
    hinted = np.stack([found[hint] for hint in _RE2_HINTS], axis=1)
    out: list[str] = []
    for lo in range(0, len(texts), _BATCH):
        chunk = texts[lo : lo + _BATCH]
        masked = list(chunk)
        flags = hinted[lo : lo + _BATCH]
        for i in np.flatnonzero(flags.any(axis=1)).tolist():
            masked[i] = _mask_flagged(chunk[i], flags[i])
        cleaned = _clean_batch(masked, language)
        out.extend(
            " ".join(_clean_one(t, language)) if c is None else c
            for c, t in zip(cleaned, chunk, strict=True)
        )
    return out


def _factorize(values: Sequence[object]) -> tuple[np.ndarray, list[str]]:
    """Codes and first-seen unique values; anything not a string counts as ""."""
    keys = np.fromiter(
        (v if isinstance(v, str) else "" for v in values),
        dtype=object,
        count=len(values),
    )
    codes, uniques = pd.factorize(keys)
    return codes, list(uniques)


def clean_texts(texts: Sequence[str], languages: Sequence[str]) -> list[str]:
    """`clean_text` per row, tokens joined by single spaces; computed once per unique
    (text, language) pair, in Arrow batches for large inputs.

    >>> clean_texts(["Не грубый", "nebija rupjš"], ["ru", "lv"])
    ['not_груб', 'not_rupj']
    """
    if len(texts) != len(languages):
        raise ValueError(
            f"clean_texts got {len(texts)} texts but {len(languages)} languages: "
            "pass one language per text."
        )
    if len(texts) == 0:
        return []
    text_codes, text_uniques = _factorize(texts)
    lang_codes, lang_uniques = _factorize(languages)
    pair_codes, pairs = pd.factorize(text_codes * len(lang_uniques) + lang_codes)
    pair_text, pair_lang = np.divmod(pairs, len(lang_uniques))
    results = np.empty(len(pairs), dtype=object)
    for li, language in enumerate(lang_uniques):
        rows = np.flatnonzero(pair_lang == li)
        texts_of = [_without_score(text_uniques[i]) for i in pair_text[rows].tolist()]
        results[rows] = _clean_language(texts_of, language)
    return results[pair_codes].tolist()


# Letter classes of `_rule_language` by the first two UTF-8 bytes of a character.
_CYR, _LAT, _LT, _LV, _ET = 1, 2, 3, 4, 5


def _byte_pair_classes() -> np.ndarray:
    table = np.zeros(1 << 16, dtype=np.uint8)
    for code in range(ord("a"), ord("z") + 1):
        table[code << 8 : (code + 1) << 8] = _LAT
    groups = (
        (_LAT, [chr(c) for c in range(0xE0, 0x250)]),
        (_CYR, [chr(c) for c in range(ord("а"), ord("я") + 1)] + ["ё"]),
        (_LT, sorted(_LETTERS_LT)),
        (_LV, sorted(_LETTERS_LV)),
        (_ET, sorted(_LETTERS_ET)),
    )
    for cls, chars in groups:
        for ch in chars:
            first, second = ch.encode("utf-8")
            table[first << 8 | second] = cls
    return table


_PAIR_CLASS = _byte_pair_classes()


def _letter_counts(values: pa.Array) -> np.ndarray:
    """Per row the letters of each class (columns indexed by the class ids)."""
    n = len(values)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)
    offsets = offsets[values.offset : values.offset + n + 1]
    counts = np.zeros((n, 6), dtype=np.int64)
    if n == 0 or offsets[-1] == offsets[0]:
        return counts
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    pairs = data.astype(np.uint16) << 8
    pairs[:-1] |= data[1:]
    cls = _PAIR_CLASS[pairs]
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(offsets))
    hit = cls > 0
    flat = np.bincount(rows[hit] * 6 + cls[hit], minlength=n * 6)
    return flat.reshape(n, 6)


@lru_cache(maxsize=1 << 18)
def _piece_votes(piece: str) -> tuple[float, float, float, float]:
    """Function-word votes (en, lt, lv, et) of the words in one piece of text."""
    votes = [0.0, 0.0, 0.0, 0.0]
    for word in _WORDS.findall(fold_diacritics(piece)):
        for lang, vote in _WORD_VOTES.get(word, ()):
            votes[_LATIN_LANGS.index(lang)] += vote
    return votes[0], votes[1], votes[2], votes[3]


def _rule_batch(texts: list[str]) -> tuple[list[str | None], np.ndarray]:
    """`_rule_language` per row and where the Arrow result is exact (no noise)."""
    n = len(texts)
    values, exact = _arrow_normalise(texts)
    exact &= ~_flags(values, _NOISE_HINT)
    counts = _letter_counts(values)
    cyr = counts[:, _CYR]
    lat = counts[:, _LAT] + counts[:, _LT] + counts[:, _LV] + counts[:, _ET]
    scores = np.zeros((n, 4), dtype=np.float64)
    scores[:, 1:] = 3 * counts[:, [_LT, _LV, _ET]]
    latin = np.flatnonzero((cyr < lat) & exact)
    codes, pieces, rows = _pieces(values.take(pa.array(latin, type=pa.int64())))
    if pieces:
        votes = np.asarray([_piece_votes(p) for p in pieces], dtype=np.float64)
        for j in range(4):
            scores[latin, j] += np.bincount(
                rows, weights=votes[codes, j], minlength=len(latin)
            )
    ranked = np.sort(scores, axis=1)
    clear = (ranked[:, -1] >= 4) & (ranked[:, -1] >= 2 * ranked[:, -2])
    best = scores.argmax(axis=1)
    out: list[str | None] = []
    for i in range(n):
        if cyr[i] == 0 and lat[i] == 0:
            out.append(UNKNOWN)
        elif cyr[i] >= lat[i]:
            out.append("ru")
        else:
            out.append(_LATIN_LANGS[best[i]] if clear[i] else None)
    return out, exact


def _rule_languages(texts: list[str]) -> list[str | None]:
    """`_rule_language` of each unique text: Arrow batches, Python for the rest."""
    if len(texts) < _SMALL:
        return [_rule_language(_clean_for_language(t)) for t in texts]
    out: list[str | None] = []
    for lo in range(0, len(texts), _BATCH):
        chunk = texts[lo : lo + _BATCH]
        verdicts, exact = _rule_batch(chunk)
        for i in np.flatnonzero(~exact).tolist():
            verdicts[i] = _rule_language(_clean_for_language(chunk[i]))
        out.extend(verdicts)
    return out


def _clean_for_language(text: str) -> str:
    return _NOISE.sub(" ", normalise(text))


def detect_languages(texts: Sequence[str]) -> list[str]:
    """One of `LANGUAGES` or "unknown" per text; computed once per unique text.

    Script, distinctive letters and function words decide most rows (in Arrow
    batches); lingua decides the rest.

    >>> detect_languages(["Operatorius buvo nemandagus", "Не перезвонили", "123 :)"])
    ['lt', 'ru', 'unknown']
    """
    if len(texts) == 0:
        return []
    codes, uniques = _factorize(texts)
    verdicts = _rule_languages(uniques)
    pending: dict[str, list[int]] = {}
    for i, verdict in enumerate(verdicts):
        if verdict is None:
            pending.setdefault(_clean_for_language(uniques[i]), []).append(i)
    if pending:
        found = _lingua_detector().detect_languages_in_parallel_of(list(pending))
        for rows, language in zip(pending.values(), found, strict=True):
            code = _LINGUA_CODES.get(language.name, UNKNOWN) if language else UNKNOWN
            for i in rows:
                verdicts[i] = code
    return np.asarray(verdicts, dtype=object)[codes].tolist()
