"""Which column is which: names in five languages, then content; channel values.

Names are compared folded (lower case, no diacritics, ``_-.#`` as spaces), so
"Įvertinimas", "įvertinimas" and "IVERTINIMAS" are the same name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from cx.ingest._dates import parse_dates
from cx.ingest._ratings import parse_ratings
from cx.ingest._types import ROLES, ColumnMapping, IngestError, fold, is_placeholder

__all__ = ["find_column", "fold", "guess_mapping", "normalise_channels", "text_like"]

# Phrases per role, folded. A whole-name match beats a name that merely contains one.
_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "comment", "comments", "feedback", "text", "message", "verbatim", "description",
        "complaint", "review", "body", "content", "remark", "remarks", "free text",
        "komentaras", "komentarai", "atsiliepimas", "atsiliepimai", "tekstas",
        "skundas", "pranešimas", "aprašymas", "komentārs", "komentāri", "atsauksme",
        "atsauksmes", "teksts", "sūdzība", "ziņojums", "apraksts", "kommentaar",
        "tagasiside", "tekst", "kaebus", "sõnum", "kirjeldus", "комментарий",
        "комментарии", "отзыв", "текст", "сообщение", "жалоба", "описание",
    ),
    "date": (
        "date", "created", "created at", "created on", "creation date", "timestamp",
        "datetime", "date time", "submitted", "submitted at", "received", "opened",
        "time", "data", "sukurta", "laikas", "datums", "izveidots", "laiks",
        "kuupäev", "loodud", "aeg", "дата", "дата создания", "время", "создано",
    ),
    "channel": (
        "channel", "source", "medium", "contact channel", "via", "received via",
        "submitted via", "contact method", "contact type", "kanalas", "šaltinis",
        "gauta per", "kreipimosi būdas", "kanāls", "avots", "saņemts caur",
        "saziņas veids", "kanal", "allikas", "pöördumise viis", "kontakti viis",
        "канал", "источник", "получено через", "способ обращения", "способ связи",
    ),
    "team": (
        "team", "group", "department", "agent group", "queue", "unit", "division",
        "komanda", "skyrius", "grupė", "padalinys", "nodaļa", "grupa", "meeskond",
        "osakond", "grupp", "команда", "отдел", "группа", "подразделение",
    ),
    "customer_id": (
        "customer id", "customer", "customer number", "customer no", "client",
        "client id", "account", "account id", "kliento id", "klientas", "kliento nr",
        "kliento kodas", "klienta id", "klients", "klienta nr", "kliendi id",
        "klient", "kliendi nr", "клиент", "id клиента", "номер клиента", "клиент id",
    ),
    "rating": (
        "rating", "score", "csat", "nps", "stars", "grade", "satisfaction",
        "sentiment", "polarity", "įvertinimas", "balas", "pasitenkinimas", "nuotaika",
        "vērtējums", "atzīme", "apmierinātība", "noskaņojums", "hinnang", "hinne",
        "rahulolu", "meelsus", "оценка", "рейтинг", "балл", "удовлетворенность",
        "тональность",
    ),
    "record_id": (
        "id", "ticket id", "ticket", "case id", "case", "ticket number", "ticket no",
        "record id", "nr", "no", "number", "uuid", "numeris", "numurs", "number",
        "номер", "ид", "id обращения", "номер обращения",
    ),
}  # fmt: skip
_ROLE_BONUS = {"text": 20, "date": 5, "rating": 5}
# A named text column whose values read as free text outranks one whose values do not
# ("review_text" over "review_author"); less than 100, so a whole-name match still wins.
_FREE_TEXT_BONUS = 90
# Name words of a row index or id (folded; five languages): never a rating. "no" only
# ends a name ("Row no"), as Latvian "Vērtējums no 1 līdz 5" means "from 1 to 5".
_INDEX_WORDS = frozenset(
    "id ids idx index indices nr num number row rownum rowid seq sequence uuid key pk "
    "eil eiles eilute indeksas numeris "
    "indekss numurs rinda rindas "
    "indeks jrk rida "
    "ид номер индекс строка пп".split()
)
_INDEX_SUFFIXES = ("number", "numurs", "numeris", "nr", "номер")
_SAMPLE_ROWS = 2000

# Channel kinds, searched in order on folded values; each keyword starts a word.
_CHANNELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("e-mail", (
        "e-mail", "email", "e mail", "mail", "el. paštas", "el.paštas", "el paštas",
        "elpaštas", "e-paštas", "e-pasts", "epasts", "e pasts", "e-post", "epost",
        "почта", "эл. почта", "емейл", "имейл", "емаил",
    )),
    ("phone", (
        "phone", "telephone", "tel=", "telefon", "tālrunis", "talr", "call", "skambut",
        "zvans", "zvan", "kõne", "helist", "hotline", "voice", "телефон", "звонок",
    )),
    ("chat", (
        "chat", "webchat", "live chat", "pokalbis", "pokalb", "tērzēš", "vestlus",
        "чат", "messenger", "whatsapp", "viber", "telegram",
    )),
    ("social", (
        "facebook", "twitter", "instagram", "linkedin", "tiktok", "social",
        "socialin", "socialie", "sotsiaal", "соцсет", "социальн", "вконтакте",
    )),
    ("web", (
        "web", "website", "internet", "online", "portal", "svetain",
        "interneto", "internetā", "tīmekļ", "mājaslap", "veeb", "interneti",
        "сайт", "интернет", "онлайн", "портал",
    )),
    ("office", (
        "office", "branch", "store", "shop", "in person", "walk-in", "skyrius",
        "filialas", "padalin", "parduotuv", "birojs", "filiāle", "veikal", "kontor",
        "esindus", "pood", "офис", "отделение", "филиал", "магазин",
    )),
)  # fmt: skip


def _keyword(word: str) -> str:
    """A folded keyword as a regex; a trailing ``=`` means the whole word only."""
    if word.endswith("="):
        return re.escape(fold(word[:-1])) + r"(?!\w)"
    return re.escape(fold(word))


_NAMES = {role: tuple(fold(p) for p in phrases) for role, phrases in _NAMES.items()}
_CHANNEL_RES = tuple(
    (kind, re.compile(r"(?<!\w)(?:" + "|".join(map(_keyword, words)) + ")"))
    for kind, words in _CHANNELS
)


def _name_score(column: str, role: str) -> int:
    name = fold(column)
    best = 0
    for phrase in _NAMES[role]:
        if name == phrase:
            best = max(best, 300 + len(phrase))
        elif re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", name):
            best = max(best, 100 + len(phrase))
    return best + _ROLE_BONUS.get(role, 0) if best else 0


def _index_name(column: str) -> bool:
    """Whether a header names a row index or id ("review_idx", "Row No.", "Eil. nr.",
    "Rindas numurs", "Jrk", "№ п/п"), which is never a rating.

    >>> [_index_name(c) for c in ["review_idx", "reviewId", "Nr.", "№", "Rating"]]
    [True, True, True, True, False]
    """
    name = fold(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(column))).casefold()
    words = name.replace("п п", "пп").split()  # "№ п/п": "no п п"
    if not words:
        return False
    return (
        any(w in _INDEX_WORDS for w in words)
        or words[-1] == "no"
        or any(w.endswith(_INDEX_SUFFIXES) and len(w) > 6 for w in words)
    )


def _row_sequence(values: pd.Series) -> bool:
    """Whether a column is 0..n-1 or 1..n in row order: a row index, not a rating."""
    text = values.fillna("").astype(str).str.strip()
    if len(text) < 3:
        return False
    numbers = _numbers(text)
    if numbers.isna().any():
        return False
    return bool(numbers.iloc[0] in (0, 1) and (numbers.diff().iloc[1:] == 1).all())


def _text_quality(values: pd.Series) -> tuple[bool, float]:
    """Free text or not, then words per cell times the share of distinct cells: long,
    varied comments beat short repeated names or labels."""
    filled = _nonempty(values)
    if filled.empty:
        return False, 0.0
    words = float(filled.str.count(r"\S+").mean())
    return text_like(values)[0], words * filled.nunique() / filled.size


def _nonempty(values: pd.Series) -> pd.Series:
    """The cells that hold something: not empty, not a placeholder such as "N/A"."""
    text = values.fillna("").astype(str).str.strip()
    return text[(text != "") & ~is_placeholder(text)]


def _numbers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.str.replace(",", ".", regex=False), errors="coerce")


def text_like(values: pd.Series) -> tuple[bool, float]:
    """Whether a column reads as free text, and its mean length (for ranking)."""
    filled = _nonempty(values)
    if filled.empty:
        return False, 0.0
    words = filled.str.count(r"\S+").mean()
    length = float(filled.str.len().mean())
    numeric = _numbers(filled).notna().mean()
    dated = parse_dates(filled, allow_serial=False).notna().mean()
    if numeric > 0.5 or dated > 0.5:
        return False, length
    return bool(words >= 3 or length >= 20), length


def _fits(values: pd.Series, role: str, named: bool) -> bool:
    """Content check for a (column, role) pair; name-matched columns get lenience."""
    filled = _nonempty(values)
    if role == "text":
        if named:
            return bool(filled.size) and not (_numbers(filled).notna().mean() > 0.9)
        return text_like(values)[0]
    if role == "date":
        if filled.empty:
            return named
        share = parse_dates(filled, allow_serial=named).notna().mean()
        return bool(share >= (0.5 if named else 0.9))
    if role == "rating":
        if filled.empty:
            return named
        if named:  # numbers or satisfaction words ("Very dissatisfied", "Negative");
            # like a named date column, half the cells readable is enough ("N/A" -> NaN)
            return bool(parse_ratings(filled).notna().mean() >= 0.5)
        numbers = _numbers(filled)
        if numbers.notna().mean() < 0.9:
            return False
        numbers = numbers.dropna()
        whole = bool((numbers == numbers.round()).all())
        # a count (retweets, replies) is mostly zero; a rating scale seldom is
        mostly_zero = bool((numbers == 0).mean() > 0.5)
        return (
            whole
            and numbers.between(0, 10).all()
            and numbers.nunique() >= 2
            and not mostly_zero
        )
    return named


def find_column(frame: pd.DataFrame, name: str) -> str:
    """The frame's column called ``name`` (exactly, else ignoring case and accents)."""
    columns = [str(c) for c in frame.columns]
    if name in columns:
        return name
    matches = [c for c in columns if fold(c) == fold(name)]
    if len(matches) == 1:
        return matches[0]
    raise IngestError(
        f"there is no column '{name}': the columns are {_listed(columns)}; "
        "choose one of them"
    )


def _listed(columns: list[str]) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:30])
    return shown + (f" and {len(columns) - 30} more" if len(columns) > 30 else "")


def guess_mapping(
    frame: pd.DataFrame, overrides: Mapping[str, str | None] | None = None
) -> ColumnMapping:
    """Guess each role's column from names in five languages, then from content.

    ``overrides`` fixes roles first (``{"date": "Created"}``; ``""`` means no column).

    >>> df = pd.DataFrame({"Kuupäev": ["01.02.2024"], "Tagasiside": ["Väga halb"]})
    >>> guess_mapping(df).as_dict()["date"], guess_mapping(df).text
    ('Kuupäev', 'Tagasiside')
    """
    sample = frame.head(_SAMPLE_ROWS)
    columns = [str(c) for c in frame.columns]
    chosen: dict[str, str] = {}
    fixed = {}
    for role, name in (overrides or {}).items():
        if role not in ROLES:
            raise IngestError(
                f"unknown column role '{role}': use one of {', '.join(ROLES)}"
            )
        if name is not None:
            fixed[role] = find_column(frame, name) if name.strip() else None
    chosen = {role: name for role, name in fixed.items() if name}
    used = set(chosen.values())
    pairs = []
    for column in columns:
        if column in used:
            continue
        for role in ROLES:
            if role in fixed:
                continue
            if role == "rating" and _index_name(column):
                continue
            score = _name_score(column, role)
            if score and _fits(sample[column], role, named=True):
                quality = 0.0
                if role == "text":
                    free, quality = _text_quality(sample[column])
                    score += _FREE_TEXT_BONUS if free else 0
                pairs.append((score, quality, -columns.index(column), column, role))
    for *_, column, role in sorted(pairs, reverse=True):
        if role not in chosen and column not in used:
            chosen[role] = column
            used.add(column)
    if "text" not in chosen and "text" not in fixed:
        ranked = [
            (length, column)
            for column in columns
            if column not in used
            for ok, length in [text_like(sample[column])]
            if ok
        ]
        if ranked:
            chosen["text"] = max(ranked)[1]
            used.add(chosen["text"])
    for role in ("date", "rating"):
        if role in chosen or role in fixed:
            continue
        for column in columns:
            if role == "rating" and (
                _index_name(column) or _row_sequence(sample[column])
            ):
                continue
            if column not in used and _fits(sample[column], role, named=False):
                chosen[role] = column
                used.add(column)
                break
    if "text" not in chosen:
        raise IngestError(
            f"no column holds feedback text (columns: {_listed(columns)}): choose the "
            "text column with --text-column NAME or the column selector"
        )
    return ColumnMapping(**chosen)


def normalise_channels(values: pd.Series) -> pd.Series:
    """Map channel values to phone, e-mail, chat, social, web, office; keep others
    stripped, spelled one way per upload (the most frequent of "SMS", "sms").

    >>> values = pd.Series(["Telefonas", "el. paštas", "Чат", "Internet", "Kiosk"])
    >>> normalise_channels(values).tolist()
    ['phone', 'e-mail', 'chat', 'web', 'Kiosk']
    >>> normalise_channels(pd.Series(["sms", "SMS", "SMS"])).tolist()
    ['SMS', 'SMS', 'SMS']
    """
    text = values.fillna("").astype(str).str.strip()
    codes, uniques = pd.factorize(text)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    spelling: dict[str, str] = {}  # casefolded -> most frequent spelling
    for i in np.argsort(-counts, kind="stable"):
        spelling.setdefault(uniques[i].casefold(), uniques[i])
    mapped = [_channel_kind(v) or spelling[v.casefold()] for v in uniques]
    out = pd.Series(
        pd.array(mapped, dtype="str").take(codes), index=values.index, dtype="str"
    )
    return out.where(out != "")


def _channel_kind(value: str) -> str | None:
    folded = fold(value)
    return next(
        (kind for kind, pattern in _CHANNEL_RES if pattern.search(folded)), None
    )
