"""CauseModel: assigns feedback to the taxonomy's causes, from the seed phrases alone.

How it works (all deterministic):

1. Seed matching. Texts and seed phrases go through the same cleaning (`cx.text`:
   stemmed, diacritic-folded, stop words out, negated words marked ``not_``); each token
   is cut to a short key so inflected forms, typos in endings and stems from a wrongly
   guessed language still meet. A phrase matches when its keys occur in order (a
   3+ word phrase: all its consecutive pairs occur). Negated words never match a
   positive seed. Seeds frequent in the corpus count less (like idf).
2. Training data from the taxonomy alone: its example sentences per cause and per
   language, its "none" examples (praise, questions, negated causes), the seeds as tiny
   documents, human corrections (weighted up), and, with a lower weight, corpus rows
   with a clear seed winner (weak labels; their seed words masked so context is learnt).
3. A multinomial logistic regression over TF-IDF word 1-2-grams and char n-grams of the
   keys, averaged with a complement naive Bayes over the same features (`bayes_share` of
   the vote: Bayes is steadier on few, noisy weak labels; the regression weighs context
   better), decides; matched seeds add `seed_boost` times their evidence to a cause's
   score. "none" when the classifier's none beats every cause, or the row is praise (a
   praise word, or glad words and no negative one in the expectation ladder's lexicon;
   no complaint signal, and the classifier not `sure_over_praise` sure of a cause) or a
   plain question (not a long story ending in one) with no complaint
   signal. A row whose rating says the customer was let down (`dissatisfied`, or a
   low score typed before the comment) is read without its praise words and neither
   rule applies: its thanks are sarcasm, its question a complaint; a top typed score
   counts as praise.
   Corrections also act as nearest neighbours: a text close to a corrected one takes
   the corrected cause.
4. Every cause that scores near the top is listed, and so is one whose seeds clearly
   match (a phrase, or a seed word with the score at the naming floor); of several
   listed causes that score near the top, the one named first in the text leads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.utils.validation import check_is_fitted, check_random_state

from cx import text as cxtext
from cx.ladder import DISAPPOINTMENT, WOW, is_glad, stated_rating, text_evidence
from cx.taxonomy import NONE, Taxonomy

__all__ = ["NONE", "CauseModel", "key_of"]

T = TypeVar("T")

KEY_LEN = 6
_RAW_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_CHAR_FEATURES = 2**18
_NOT = "not_"
# seed evidence that lists a cause by itself: more than one seed word's weight (1.0);
# a two-word seed phrase weighs 1.5
_SEED_SURE = 1.4

# Generic signals, not causes: praise and thanks (-> none unless a complaint is there),
# and plain negative words (a complaint signal that keeps a question from being "none").
_PRAISE = {
    "en": "thank thanks great excellent perfect helpful friendly polite "
    "quick fast solved resolved happy satisfied love wonderful amazing "
    "professional recommend appreciate awesome good nice pleasant",
    "ru": "спасибо благодарю отлично отличный прекрасно супер вежливый вежливо быстро "
    "помогли решили доволен довольна рекомендую замечательно профессионально "
    "приятно молодцы хорошо",
    "lt": "ačiū dėkoju puiku puikus puikiai malonus maloniai greitai padėjo išsprendė "
    "patenkintas patenkinta rekomenduoju profesionaliai šaunu geras gerai mandagus "
    "mandagiai",
    "lv": "paldies lieliski lielisks izcili ātri palīdzēja atrisināja apmierināts "
    "apmierināta iesaku profesionāli jauki laipni pieklājīgi pieklājīgs labi "
    "priecājos",
    "et": "aitäh tänan suurepärane suurepäraselt hea kiiresti aitas lahendas "
    "rahul soovitan professionaalselt meeldiv viisakas viisakalt sõbralik tore "
    "super hästi",
}
_NEGATIVE = {
    "en": "bad terrible awful horrible worst disappointed disappointing unacceptable "
    "complaint complain angry furious ridiculous disgusting useless poor shame "
    "frustrated annoyed nightmare fail failed problem issue",
    "ru": "плохо ужасно ужасный отвратительно худший разочарован недоволен жалоба "
    "безобразие возмутительно кошмар позор бесполезно проблема претензия",
    "lt": "blogai blogas siaubinga baisu prastai nusivylęs nusivylusi nepatenkintas "
    "skundas pasipiktinęs gėda nenaudinga problema nesąmonė",
    "lv": "slikti slikts briesmīgi šausmīgi sliktākais vīlies neapmierināts sūdzība "
    "kauns bezjēdzīgi problēma nejēdzība",
    "et": "halb halvasti kohutav kohutavalt jube pettunud rahulolematu kaebus "
    "häbi kasutu probleem jama",
}
# Documents that are no complaint at all: the "none" class also learns from these.
_NONE_DOCS = {
    "en": [
        "thank you for the quick help",
        "great service, very friendly staff",
        "how can I change my tariff?",
        "what are your opening hours?",
        "I would like to update my address",
        "everything was fine, thanks",
        "the problem was solved quickly, thank you",
        "please send me the invoice",
    ],
    "ru": [
        "спасибо за быструю помощь",
        "отличный сервис, вежливые сотрудники",
        "как поменять тариф?",
        "какие у вас часы работы?",
        "хочу обновить адрес",
        "всё было хорошо, спасибо",
        "проблему решили быстро, спасибо",
    ],
    "lt": [
        "ačiū už greitą pagalbą",
        "puikus aptarnavimas, malonūs darbuotojai",
        "kaip pakeisti planą?",
        "kokios jūsų darbo valandos?",
        "noriu atnaujinti adresą",
        "viskas buvo gerai, ačiū",
        "problemą išsprendė greitai, ačiū",
    ],
    "lv": [
        "paldies par ātru palīdzību",
        "lielisks serviss, laipni darbinieki",
        "kā nomainīt tarifu?",
        "kāds ir jūsu darba laiks?",
        "vēlos atjaunot adresi",
        "viss bija labi, paldies",
        "problēmu atrisināja ātri, paldies",
    ],
    "et": [
        "aitäh kiire abi eest",
        "suurepärane teenindus, sõbralik personal",
        "kuidas tariifi muuta?",
        "millised on teie lahtiolekuajad?",
        "soovin aadressi uuendada",
        "kõik oli hästi, aitäh",
        "probleem lahendati kiiresti, aitäh",
    ],
}


_WHY = re.compile(
    r"^\W*(?:why|how come|what for|почему|зачем|с какой стати|kodėl|kodel|kam|"
    r"kāpēc|kapec|kādēļ|kadel|miks|milleks)\b",
    re.IGNORECASE,
)
# A question that protests rather than asks: "is it normal to wait 40 minutes?",
# "how many more times...?", "who trains these people?" (matched diacritic-folded).
_RHETORICAL = re.compile(
    r"\b(?:is (?:it|this|that) (?:normal|acceptable|ok|okay|fair|too much to ask)"
    r"|how many more times|how much longer|who trains|do (?:you|they) even"
    r"|does anyone (?:even|actually|ever)|is anyone (?:even |actually )?"
    r"(?:reading|listening)|what is the point|how hard is it"
    r"|how is (?:it|this|that) (?:possible|acceptable|ok)|are you (?:serious|kidding)"
    r"|это нормально|нормально ли|разве|неужели|сколько (?:ещ[её]|можно)"
    r"|долго ещ[её]|кто (?:вас|их) (?:учит|учил|обучал)|вы (?:вообще|хоть)"
    r"|как так можно|с каких пор|издеваетесь"
    r"|ar (?:tai )?normalu|kiek dar kartu|kas jus (?:ap)?moko"
    r"|ar jus (?:isvis|apskritai)|negi|nejaugi|nuo kada"
    r"|vai (?:tas )?(?:ir )?normali|cik vel ilgi|cik var|kas jus apmaca"
    r"|vai jus vispar|vai tiesam"
    r"|kas (?:see )?on normaalne|mitu korda (?:\w+ ){0,2}veel|kui kaua veel"
    r"|kes teid koolitab|kas te (?:uldse|yldse)|kas toesti|mis mottes)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…]+\s+\S")
_EMPHATIC = re.compile(r"[?!]\s*[?!]")
_STORY_WORDS = 30


def _is_plain_question(text: str) -> bool:
    """One sentence ending in "?" that does not open with "why" (a protest).

    >>> _is_plain_question("Is there a fee for that?"), _is_plain_question("Why?")
    (True, False)
    >>> _is_plain_question("Where is my refund??")
    False
    """
    t = text.strip()
    if _EMPHATIC.search(t):  # "where is my bag??", "seriously?!" protest
        return False
    return (
        t.endswith("?")
        and not _SENTENCE_END.search(t.rstrip("?!. "))
        and not _WHY.search(t)
        and not _is_rhetorical(t)
    )


def _is_rhetorical(text: str) -> bool:
    """A question that protests: "Is it normal to wait 40 minutes for a receipt?".

    >>> _is_rhetorical("Kas see on normaalne?"), _is_rhetorical("Is there a fee?")
    (True, False)
    """
    return bool(_RHETORICAL.search(cxtext.fold_diacritics(text)))


def _is_story(text: str) -> bool:
    """Three or more sentences and at least 30 words: a story that ends by asking
    ("Has anyone had this? Where can I complain?") is told to complain, not to ask.

    >>> _is_story("What are your opening hours?")
    False
    >>> _is_story("Last week the vet laughed at my cat and called me hysterical "
    ...           "in front of everyone. She examined her in the end, but I left in "
    ...           "tears and still feel awful. Has anyone had this? Where to complain?")
    True
    """
    t = text.strip().rstrip("?!. ")
    return len(_SENTENCE_END.findall(t)) >= 2 and len(t.split()) >= _STORY_WORDS


def _joined_labels(flags: np.ndarray, labels: np.ndarray) -> list[str]:
    """Per row, the labels whose flag is set, joined with ";" (rows share few
    distinct flag patterns, so each pattern is joined once).

    >>> _joined_labels(np.array([[True, False, True], [False, False, False]]),
    ...                np.array(["a", "b", "c"], dtype=object))
    ['a;c', '']
    """
    if flags.shape[1] == 0:
        return [""] * flags.shape[0]
    bits = flags.astype(np.int64) @ (1 << np.arange(flags.shape[1], dtype=np.int64))
    names = {
        int(b): ";".join(labels[[j for j in range(flags.shape[1]) if b >> j & 1]])
        for b in np.unique(bits)
    }
    return [names[b] for b in bits.tolist()]


def key_of(token: str) -> str:
    """The matching key of a cleaned token: its first letters, negation mark kept.

    >>> key_of("nemandagus"), key_of("not_rude")
    ('nemand', 'not_rude')
    """
    if token.startswith(_NOT):
        return _NOT + token[4 : 4 + KEY_LEN]
    return token[:KEY_LEN]


def _char_grams(key: str) -> list[str]:
    """Char 2-5-grams of one key; a negated key's grams live in their own space."""
    neg = key.startswith(_NOT)
    body = f" {key[4:] if neg else key} "
    grams = [
        body[i : i + n] for n in (2, 3, 4, 5) for i in range(max(len(body) - n + 1, 1))
    ]
    return ["~" + g for g in grams] if neg else grams


@dataclass(frozen=True)
class _Docs:
    """Key-level sparse view of cleaned documents (rows) over the fitted vocabulary."""

    uni: sp.csr_matrix  # counts over key vocabulary
    bi: sp.csr_matrix  # counts over bigram vocabulary
    n_tokens: np.ndarray
    cleaned: list[str]

    def take(self, rows: np.ndarray) -> _Docs:
        """The documents at positions `rows`, in that order."""
        return _Docs(
            uni=self.uni[rows],
            bi=self.bi[rows],
            n_tokens=self.n_tokens[rows],
            cleaned=[self.cleaned[r] for r in rows],
        )


def _split_flat(cleaned: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    lists = [d.split() for d in cleaned]
    lengths = np.fromiter((len(t) for t in lists), dtype=np.int64, count=len(lists))
    flat = [tok for toks in lists for tok in toks]
    return lengths, flat


class CauseModel(BaseEstimator):
    """Assign each text one primary cause (or "none"), every cause that applies, a
    confidence and the evidence, from a Taxonomy's seed phrases and example sentences
    plus human corrections; `rules` turns the praise and plain-question guards on, and
    `sure_over_praise` is the classifier confidence at which a cause beats praise;
    `bayes_share` is the naive Bayes share of the classifier's vote (0: regression only)
    and `bayes_alpha` its smoothing.
    A two-part form answer ("Liked: ... / To improve: ...") is read by its to-improve
    part (`cx.text.complaint_part`); a caller that passes `cleaned` passes the texts
    as read (`cx.text.complaint_parts`) and their cleaned form, as `cx.analysis` does.
    """

    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        *,
        min_confidence: float = 0.3,
        secondary_ratio: float = 0.6,
        seed_weight: float = 1.0,
        C: float = 4.0,
        max_train: int = 5_000,
        max_fit_rows: int = 20_000,
        batch_size: int = 20_000,
        correction_weight: float = 5.0,
        correction_similarity: float = 0.5,
        description_weight: float = 0.35,
        example_weight: float = 1.0,
        seed_boost: float = 0.3,
        rules: bool = True,
        sure_over_praise: float = 0.8,
        corpus_weight: float = 0.15,
        bayes_share: float = 0.3,
        bayes_alpha: float = 0.2,
        mask_seeds: bool = True,
        self_training: int = 1,
        first_mention_leads: bool = True,
        random_state: int | None = 0,
    ) -> None:
        self.taxonomy = taxonomy
        self.min_confidence = min_confidence
        self.secondary_ratio = secondary_ratio
        self.seed_weight = seed_weight
        self.C = C
        self.max_train = max_train
        self.max_fit_rows = max_fit_rows
        self.batch_size = batch_size
        self.correction_weight = correction_weight
        self.correction_similarity = correction_similarity
        self.description_weight = description_weight
        self.example_weight = example_weight
        self.seed_boost = seed_boost
        self.rules = rules
        self.sure_over_praise = sure_over_praise
        self.corpus_weight = corpus_weight
        self.bayes_share = bayes_share
        self.bayes_alpha = bayes_alpha
        self.mask_seeds = mask_seeds
        self.self_training = self_training
        self.first_mention_leads = first_mention_leads
        self.random_state = random_state

    # ------------------------------------------------------------------ vocabulary

    def _clean(
        self,
        texts: Sequence[str],
        languages: Sequence[str] | None,
        cleaned: Sequence[str] | None = None,
    ) -> tuple[list[str], list[str]]:
        texts = ["" if t is None else str(t) for t in texts]
        if languages is None:
            languages = cxtext.detect_languages(texts)
        else:
            languages = [str(x) for x in languages]
        if len(languages) != len(texts):
            raise ValueError(
                f"got {len(texts)} texts but {len(languages)} languages: pass one each"
            )
        if cleaned is None:
            return cxtext.clean_texts(texts, languages), list(languages)
        if len(cleaned) != len(texts):
            raise ValueError(
                f"got {len(texts)} texts but {len(cleaned)} cleaned: pass one each"
            )
        return ["" if c is None else str(c) for c in cleaned], list(languages)

    def _build_vocab(self, cleaned: Sequence[str]) -> None:
        lengths, flat = _split_flat(cleaned)
        raw_codes, raw_uniques = pd.factorize(pd.Series(flat, dtype=object))
        keys = [key_of(t) for t in raw_uniques]
        key_codes, key_uniques = pd.factorize(pd.Series(keys, dtype=object))
        self.vocab_ = {k: i for i, k in enumerate(key_uniques)}
        ids = key_codes[raw_codes] if len(raw_codes) else np.zeros(0, np.int64)
        codes = self._bigram_codes(ids, lengths)
        uniq, counts = np.unique(codes, return_counts=True)
        self._bigram_min_count = 2 if len(cleaned) > 2000 else 1
        self.bigrams_ = uniq[counts >= self._bigram_min_count]

    def _bigram_codes(self, ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        if len(ids) < 2:
            return np.zeros(0, np.int64)
        doc = np.repeat(np.arange(len(lengths)), lengths)
        same = doc[:-1] == doc[1:]
        valid = same & (ids[:-1] >= 0) & (ids[1:] >= 0)
        return ids[:-1][valid].astype(np.int64) * (1 << 31) + ids[1:][valid]

    def _docs(self, cleaned: Sequence[str]) -> _Docs:
        n = len(cleaned)
        lengths, flat = _split_flat(cleaned)
        raw_codes, raw_uniques = pd.factorize(pd.Series(flat, dtype=object))
        lookup = np.array(
            [self.vocab_.get(key_of(t), -1) for t in raw_uniques], dtype=np.int64
        )
        ids = lookup[raw_codes] if len(raw_codes) else np.zeros(0, np.int64)
        doc = np.repeat(np.arange(n), lengths)
        known = ids >= 0
        uni = sp.csr_matrix(
            (np.ones(known.sum(), np.float32), (doc[known], ids[known])),
            shape=(n, len(self.vocab_)),
        )
        # bigrams over the full sequence (unknown keys break a pair)
        if len(ids) >= 2:
            same = doc[:-1] == doc[1:]
            valid = same & known[:-1] & known[1:]
            codes = ids[:-1][valid] * (1 << 31) + ids[1:][valid]
            bdoc = doc[:-1][valid]
            pos = np.searchsorted(self.bigrams_, codes)
            pos_c = np.minimum(pos, max(len(self.bigrams_) - 1, 0))
            hit = (
                (self.bigrams_[pos_c] == codes)
                if len(self.bigrams_)
                else np.zeros(len(codes), bool)
            )
            bi = sp.csr_matrix(
                (np.ones(hit.sum(), np.float32), (bdoc[hit], pos_c[hit])),
                shape=(n, len(self.bigrams_)),
            )
        else:
            bi = sp.csr_matrix((n, len(self.bigrams_)), dtype=np.float32)
        uni.sum_duplicates()
        bi.sum_duplicates()
        return _Docs(uni=uni, bi=bi, n_tokens=lengths, cleaned=list(cleaned))

    # ---------------------------------------------------------------------- seeds

    def _seed_table(self) -> pd.DataFrame:
        """One row per (cleaned seed key n-gram, cause): the seeds, the label as a
        phrase, and each description word as a weak one-word seed (weight `prior`)."""
        rows = []
        causes = self.taxonomy.causes
        for ci, cause in enumerate(causes):
            for lang, phrases in cause.seeds.items():
                cleaned = cxtext.clean_texts(list(phrases), [lang] * len(phrases))
                for phrase, cl in zip(phrases, cleaned, strict=True):
                    keys = [key_of(t) for t in cl.split()]
                    if keys:
                        rows.append((" ".join(keys), ci, phrase, len(keys), lang, 1.0))
        extra = [c.label for c in causes] + [c.description for c in causes]
        extra_langs = cxtext.detect_languages(extra)
        extra_clean = cxtext.clean_texts(extra, extra_langs)
        for ci, cause in enumerate(causes):
            label_keys = [key_of(t) for t in extra_clean[ci].split()]
            if label_keys:
                lang = extra_langs[ci]
                rows.append(
                    (" ".join(label_keys), ci, cause.label, len(label_keys), lang, 1.0)
                )
            if self.description_weight > 0:
                lang = extra_langs[len(causes) + ci]
                for tok in dict.fromkeys(extra_clean[len(causes) + ci].split()):
                    if len(tok) >= 3 and not tok.startswith(_NOT):
                        rows.append(
                            (key_of(tok), ci, tok, 1, lang, self.description_weight)
                        )
        table = pd.DataFrame(
            rows, columns=["keys", "cause", "phrase", "n", "lang", "prior"]
        )
        return table.drop_duplicates(["keys", "cause"]).reset_index(drop=True)

    def _seed_selectors(self) -> None:
        """Sparse selectors: seed n-gram j matches when all its columns occur."""
        rows_u, cols_u, rows_b, cols_b = [], [], [], []
        need = np.zeros(len(self.seed_ngrams_), dtype=np.float32)
        for j, keys in enumerate(self.seed_ngrams_):
            ids = [self.vocab_.get(k, -1) for k in keys.split(" ")]
            if min(ids) < 0:
                need[j] = np.inf
                continue
            if len(ids) == 1:
                rows_u.append(ids[0])
                cols_u.append(j)
                need[j] = 1
                continue
            codes = {a * (1 << 31) + b for a, b in zip(ids[:-1], ids[1:], strict=True)}
            pos = np.searchsorted(self.bigrams_, sorted(codes))
            pos = np.minimum(pos, max(len(self.bigrams_) - 1, 0))
            if not len(self.bigrams_) or (self.bigrams_[pos] != sorted(codes)).any():
                need[j] = np.inf
                continue
            rows_b.extend(pos.tolist())
            cols_b.extend([j] * len(pos))
            need[j] = len(pos)
        s = len(self.seed_ngrams_)
        self.sel_uni_ = sp.csr_matrix(
            (np.ones(len(rows_u), np.float32), (rows_u, cols_u)),
            shape=(len(self.vocab_), s),
        )
        self.sel_bi_ = sp.csr_matrix(
            (np.ones(len(rows_b), np.float32), (rows_b, cols_b)),
            shape=(len(self.bigrams_), s),
        )
        self.sel_need_ = need

    def _seed_matrix(self, docs: _Docs) -> sp.csr_matrix:
        """Binary (n_docs, n_seed_ngrams) matrix: which seed n-grams occur in a row."""
        u = docs.uni.copy()
        u.data[:] = 1.0
        b = docs.bi.copy()
        b.data[:] = 1.0
        m = (u @ self.sel_uni_ + b @ self.sel_bi_).tocsr()
        m.data = (m.data >= self.sel_need_[m.indices]).astype(np.float32)
        m.eliminate_zeros()
        return m

    def _signal_ids(self, table: dict[str, str]) -> np.ndarray:
        ids = set()
        for lang, words in table.items():
            for cl in cxtext.clean_texts(words.split(), [lang] * len(words.split())):
                for tok in cl.split():
                    i = self.vocab_.get(key_of(tok))
                    if i is not None:
                        ids.add(i)
        return np.array(sorted(ids), dtype=np.int64)

    # ------------------------------------------------------------------- features

    def _features(self, docs: _Docs) -> sp.csr_matrix:
        def tfidf(m: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
            m = m.copy()
            m.data = 1.0 + np.log(m.data)
            m = m @ sp.diags(idf.astype(np.float32))
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            return sp.diags((1.0 / norms).astype(np.float32)) @ m

        u = tfidf(docs.uni, self.idf_uni_)
        b = tfidf(docs.bi, self.idf_bi_) * 0.7
        c = docs.uni @ self.char_map_
        norms = np.sqrt(np.asarray(c.multiply(c).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        c = sp.diags((0.8 / norms).astype(np.float32)) @ c
        return sp.hstack([u, b, c], format="csr", dtype=np.float32)

    # ------------------------------------------------------------------------ fit

    def fit(
        self,
        texts: Sequence[str],
        y: object = None,
        *,
        languages: Sequence[str] | None = None,
        corrections: pd.DataFrame | None = None,
        cleaned: Sequence[str] | None = None,
    ) -> CauseModel:
        """Learn from the corpus being analysed (no labels needed) and corrections.

        `cleaned` (from `cx.text.clean_texts`, same order) skips cleaning again. A large
        corpus is learnt from a fixed-seed sample of at most `max_fit_rows` distinct
        texts: enough for the vocabulary and weights, and bounded in time and memory.
        """
        if self.taxonomy is None or not isinstance(self.taxonomy, Taxonomy):
            raise ValueError("CauseModel needs a Taxonomy: CauseModel(taxonomy=...)")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError("min_confidence must be between 0 and 1")
        if not 0.0 <= self.bayes_share <= 1.0:
            raise ValueError("bayes_share must be between 0 and 1")
        if self.bayes_alpha <= 0:
            raise ValueError("bayes_alpha must be above 0")
        rng = check_random_state(self.random_state)
        texts = ["" if t is None else str(t) for t in texts]
        if cleaned is None and languages is not None and len(languages) == len(texts):
            # sample (text, language) pairs before the costly cleaning
            pairs = self._distinct_sample(list(zip(texts, languages, strict=True)), rng)
            texts, languages = [t for t, _ in pairs], [lang for _, lang in pairs]
        if cleaned is None:  # given cleaned texts were cleaned from the part read
            texts = cxtext.complaint_parts(texts)
        cleaned, langs = self._clean(texts, languages, cleaned)
        cleaned = self._distinct_sample(cleaned, rng)
        self.classes_ = np.array(self.taxonomy.ids, dtype=object)
        n_causes = len(self.classes_)

        corr_texts, corr_causes = self._read_corrections(corrections)
        corr_clean, _ = self._clean(corr_texts, None) if corr_texts else ([], [])

        table = self._seed_table()
        none_texts = [t for docs in _NONE_DOCS.values() for t in docs]
        none_langs = [lang for lang, docs in _NONE_DOCS.items() for _ in docs]
        none_clean = cxtext.clean_texts(none_texts, none_langs)
        ex_clean, ex_y = self._examples(n_causes)
        signal_clean = [
            " ".join(cxtext.clean_texts(w.split(), [lang] * len(w.split())))
            for tab in (_PRAISE, _NEGATIVE)
            for lang, w in tab.items()
        ]
        seed_docs = table["keys"].tolist()
        self._build_vocab(
            list(cleaned)
            + seed_docs
            + none_clean
            + ex_clean
            + list(corr_clean)
            + signal_clean
        )

        # seed n-grams -> causes, weighted
        codes, self.seed_ngrams_ = pd.factorize(table["keys"])
        self.seed_ngrams_ = list(self.seed_ngrams_)
        first = pd.Series(np.arange(len(table))).groupby(codes).first().to_numpy()
        self.seed_phrases_ = table["phrase"].to_numpy()[first].tolist()
        causes_per = pd.Series(table["cause"].to_numpy()).groupby(codes).nunique()
        share = causes_per.to_numpy()[codes]
        per_row = table["prior"].to_numpy() * (1.0 + 0.5 * (table["n"].to_numpy() - 1))
        weights = np.zeros((len(self.seed_ngrams_), n_causes), dtype=np.float64)
        np.maximum.at(weights, (codes, table["cause"].to_numpy()), per_row / share)
        strong = np.zeros(len(self.seed_ngrams_), dtype=bool)
        np.logical_or.at(strong, codes, table["prior"].to_numpy() >= 1.0)
        self.seed_strong_ = strong

        self._seed_selectors()
        docs = self._docs(cleaned)
        n = len(cleaned)
        seed_hits = self._seed_matrix(docs)
        if n >= 200:
            df = np.asarray(seed_hits.sum(axis=0)).ravel() / n
            damp = np.minimum(1.0, np.sqrt(0.03 / np.maximum(df, 1e-9)))
            weights = weights * damp[:, None]
        self.seed_weights_ = weights
        self.praise_ids_ = self._signal_ids(_PRAISE)
        self.negative_ids_ = self._signal_ids(_NEGATIVE)

        # idf and char map over the corpus (plus seeds so tiny corpora still work)
        all_docs = self._docs(
            list(cleaned) + seed_docs + none_clean + ex_clean + list(corr_clean)
        )
        n_all = all_docs.uni.shape[0]
        df_u = np.bincount(all_docs.uni.indices, minlength=all_docs.uni.shape[1])
        df_b = np.bincount(all_docs.bi.indices, minlength=all_docs.bi.shape[1])
        self.idf_uni_ = np.log((1 + n_all) / (1 + df_u)) + 1.0
        self.idf_bi_ = np.log((1 + n_all) / (1 + df_b)) + 1.0
        keys_sorted = sorted(self.vocab_, key=self.vocab_.get)
        hv = HashingVectorizer(
            analyzer=_char_grams,
            n_features=_CHAR_FEATURES,
            alternate_sign=False,
            norm="l2",
            dtype=np.float32,
        )
        self.char_map_ = hv.transform(keys_sorted).tocsr()

        # weak labels: a clear seed winner; praise with no complaint word -> none
        scores = np.asarray(seed_hits @ weights)
        top = scores.max(axis=1) if n_causes else np.zeros(n)
        order = np.sort(scores, axis=1)
        second = order[:, -2] if n_causes > 1 else np.zeros(n)
        best = scores.argmax(axis=1)
        confident = (top >= 0.5) & (top >= 1.5 * second)
        praise, negative = self._signals(docs)
        labels = np.where(confident, best, -1)
        labels[(top == 0) & (praise > 0) & (negative == 0)] = n_causes

        # pseudo-documents: seeds, descriptions, generic non-complaints, corrections
        desc = [f"{c.label}. {c.description}" for c in self.taxonomy.causes]
        desc_clean, _ = self._clean(desc, None)
        extra_clean = seed_docs + desc_clean + none_clean + ex_clean + list(corr_clean)
        extra_y = np.array(
            list(table["cause"])
            + list(range(n_causes))
            + [n_causes] * len(none_clean)
            + ex_y
            + [n_causes if c == NONE else self._cause_index(c) for c in corr_causes],
            dtype=np.int64,
        )
        extra_w = np.array(
            [1.0] * (len(seed_docs) + len(desc_clean) + len(none_clean))
            + [self.example_weight] * len(ex_clean)
            + [self.correction_weight] * len(corr_clean)
        )
        x_extra = self._features(self._docs(extra_clean))
        x_masked = self._features(self._masked(docs)) if self.mask_seeds else None
        x_full = None
        self.used_ = np.zeros(0, dtype=np.int64)
        self.clf_, self.clf_labels_ = None, np.zeros(0, dtype=np.int64)
        self.bayes_ = None
        rounds = self.self_training if n >= 200 else 0  # too few rows to learn from
        for round_ in range(1 + rounds):
            idx, yy_c = self._sample(labels, n_causes + 1, rng)
            x_corpus = (x_masked if x_masked is not None else self._features(docs))[idx]
            x = sp.vstack([x_corpus, x_extra], format="csr")
            yy = np.concatenate([yy_c, extra_y])
            w = np.concatenate([np.full(len(idx), self.corpus_weight), extra_w])
            self._train(x, yy, w, n_causes)
            if round_ == rounds or self.clf_ is None:
                break
            # self-training: rows no seed matched take the classifier's confident call
            if x_full is None:
                x_full = self._features(docs)
            proba = self._clf_proba(x_full)
            guess = proba.argmax(axis=1)
            sure = (labels == -1) & (top == 0) & (proba.max(axis=1) >= 0.5)
            sure &= guess < n_causes
            labels = labels.copy()
            labels[sure] = guess[sure]

        # corrections as nearest neighbours
        self.corr_causes_ = np.array(corr_causes, dtype=object)
        self.corr_x_ = (
            self._features(self._docs(list(corr_clean))) if corr_clean else None
        )
        self.corr_norm_ = [" ".join(cxtext.normalise(t).split()) for t in corr_texts]
        return self

    def _examples(self, n_causes: int) -> tuple[list[str], list[int]]:
        """The taxonomy's example sentences, cleaned in their own language, with the
        class each teaches (a cause's index, or `n_causes` for none)."""
        texts, langs, classes = [], [], []
        groups = [(ci, c.examples) for ci, c in enumerate(self.taxonomy.causes)]
        groups.append((n_causes, self.taxonomy.none_examples))
        for ci, by_lang in groups:
            for lang, sentences in by_lang.items():
                texts.extend(sentences)
                langs.extend([lang] * len(sentences))
                classes.extend([ci] * len(sentences))
        return cxtext.clean_texts(texts, langs), classes

    def _distinct_sample(
        self, items: Sequence[T], rng: np.random.RandomState
    ) -> list[T]:
        """Distinct items in first-seen order, at most `max_fit_rows` (fixed seed)."""
        distinct = list(dict.fromkeys(items))
        if len(distinct) > self.max_fit_rows:
            keep = np.sort(rng.choice(len(distinct), self.max_fit_rows, replace=False))
            distinct = [distinct[i] for i in keep]
        return distinct

    def _cause_index(self, cause: str) -> int:
        ids = list(self.classes_)
        if cause not in ids:
            raise ValueError(
                f"correction names unknown cause {cause!r}; known: "
                f"{', '.join(ids)}, none"
            )
        return ids.index(cause)

    def _masked(self, docs: _Docs) -> _Docs:
        """The documents without any seed word, so the classifier learns context."""
        seed_ids = {
            self.vocab_[k]
            for ng in self.seed_ngrams_
            for k in ng.split(" ")
            if k in self.vocab_
        }
        return self._without(docs, np.array(sorted(seed_ids), dtype=np.int64))

    def _without(self, docs: _Docs, ids: np.ndarray) -> _Docs:
        """The documents without the words `ids` (and the word pairs holding them)."""
        keep_u = np.ones(len(self.vocab_), dtype=np.float32)
        keep_u[ids] = 0.0
        a = self.bigrams_ >> 31
        b = self.bigrams_ & ((1 << 31) - 1)
        keep_b = (keep_u[a] * keep_u[b]).astype(np.float32)
        uni = (docs.uni @ sp.diags(keep_u)).tocsr()
        bi = (docs.bi @ sp.diags(keep_b)).tocsr()
        uni.eliminate_zeros()
        bi.eliminate_zeros()
        return _Docs(uni=uni, bi=bi, n_tokens=docs.n_tokens, cleaned=docs.cleaned)

    def _sample(
        self, labels: np.ndarray, n_classes: int, rng: np.random.RandomState
    ) -> tuple[np.ndarray, np.ndarray]:
        """Row indices and labels of the weakly labelled rows, at most `max_train`."""
        cap = max(self.max_train // n_classes, 1)
        idx_all, y_all = [], []
        for c in range(n_classes):
            idx = np.flatnonzero(labels == c)
            if len(idx) > cap:
                idx = np.sort(rng.choice(idx, cap, replace=False))
            idx_all.append(idx)
            y_all.append(np.full(len(idx), c, dtype=np.int64))
        return np.concatenate(idx_all), np.concatenate(y_all)

    def _train(
        self, x: sp.csr_matrix, yy: np.ndarray, w: np.ndarray, n_causes: int
    ) -> None:
        # balance classes by weight so a few seed docs are not drowned out
        counts = np.bincount(yy, weights=w, minlength=n_causes + 1)
        present = counts > 0
        cls_w = np.zeros(n_causes + 1)
        cls_w[present] = w.sum() / (present.sum() * counts[present])
        w = w * cls_w[yy]
        labels = np.unique(yy)
        if len(labels) < 2:
            self.clf_, self.clf_labels_, self.bayes_ = None, labels, None
            self.used_ = np.zeros(0, dtype=np.int64)
            return
        # a self-training round starts from the previous round's weights
        warm = (
            self.clf_ is not None
            and np.array_equal(labels, self.clf_labels_)
            and len(self.used_)
        )
        if not warm:
            self.used_ = np.unique(x.indices)
            self.clf_ = LogisticRegression(
                C=self.C, max_iter=500, tol=1e-3, warm_start=True
            )
        self.clf_labels_ = labels
        self.clf_.fit(x[:, self.used_], yy, sample_weight=w)
        self.bayes_ = None
        if self.bayes_share > 0:
            self.bayes_ = ComplementNB(alpha=self.bayes_alpha).fit(
                x[:, self.used_], yy, sample_weight=w
            )

    def _clf_proba(self, x: sp.csr_matrix) -> np.ndarray:
        n_causes = len(self.classes_)
        proba = np.zeros((x.shape[0], n_causes + 1))
        if self.clf_ is None or x.shape[0] == 0:
            proba[:, -1] = 1.0
            return proba
        x = x[:, self.used_]
        vote = self.clf_.predict_proba(x)
        if self.bayes_ is not None:
            vote = (1.0 - self.bayes_share) * vote + self.bayes_share * (
                self.bayes_.predict_proba(x)
            )
        proba[:, self.clf_labels_] = vote
        return proba

    @staticmethod
    def _read_corrections(
        corrections: pd.DataFrame | None,
    ) -> tuple[list[str], list[str]]:
        if corrections is None or len(corrections) == 0:
            return [], []
        if not {"text", "cause"} <= set(corrections.columns):
            raise ValueError("corrections need the columns 'text' and 'cause'")
        frame = corrections.dropna(subset=["text", "cause"])
        return [str(t) for t in frame["text"]], [str(c) for c in frame["cause"]]

    def _signals(self, docs: _Docs) -> tuple[np.ndarray, np.ndarray]:
        def hits(ids: np.ndarray) -> np.ndarray:
            if len(ids) == 0:
                return np.zeros(docs.uni.shape[0])
            return np.asarray(docs.uni[:, ids].sum(axis=1)).ravel()

        return hits(self.praise_ids_), hits(self.negative_ids_)

    # -------------------------------------------------------------------- predict

    def _min_score(self) -> float:
        """The lowest score that names a cause: ``min_confidence`` is stated for five
        causes plus none and scales with chance, 1 / (causes + 1), so a taxonomy with
        more causes does not fall to "none" merely because its scores spread thinner.
        """
        return self.min_confidence * 6 / (len(self.classes_) + 1)

    def _score(
        self,
        texts: Sequence[str],
        languages: Sequence[str] | None,
        cleaned: Sequence[str] | None = None,
        dissatisfied: np.ndarray | None = None,
        glad: np.ndarray | None = None,
    ) -> dict[str, object]:
        check_is_fitted(self, "classes_")
        texts = ["" if t is None else str(t) for t in texts]
        cleaned, langs = self._clean(texts, languages, cleaned)
        # a rating that says the customer was let down overrules the text's praise
        # words (sarcasm) and question form (a complaint asked as a question)
        let_down = np.zeros(len(texts), dtype=bool)
        if dissatisfied is not None:
            let_down = np.asarray(dissatisfied, dtype=bool)
        # so does a low score the comment starts with ("3/10 ..."); a top one praises
        stated = stated_rating(texts)
        let_down = let_down | (stated == DISAPPOINTMENT)
        rules = bool(self.rules) & ~let_down
        docs = self._docs(cleaned)
        n, n_causes = len(cleaned), len(self.classes_)
        hits = self._seed_matrix(docs)
        seed = np.asarray(hits @ self.seed_weights_) * self.seed_weight
        seed_conf = 1.0 - np.exp(-seed)
        x = self._features(docs)
        proba = self._clf_proba(x)
        if let_down.any():
            # the text of a let-down customer is read without its praise words:
            # "thanks for the wonderful week of waiting" is about the wait
            rows = np.flatnonzero(let_down)
            sub = self._without(docs.take(rows), self.praise_ids_)
            proba[rows] = self._clf_proba(self._features(sub))
        # the classifier decides; matched seeds add their weight to a cause's score
        comb = np.clip(proba[:, :n_causes] + self.seed_boost * seed_conf, 0.0, 1.0)
        praise, negative = self._signals(docs)
        # the ladder's reading counts as praise too: glad words ("passed first time",
        # "as promised", "not rude at all") and no negative one. One notion of praise
        # for the cause and the ladder, so a glad text is not a complaint by one word
        if glad is None:
            glad = is_glad(text_evidence(texts, langs))
        praise = praise + np.asarray(glad, dtype=bool) + (stated == WOW)
        strong = np.asarray(hits[:, self.seed_strong_].sum(axis=1)).ravel()
        has_seed = strong > 0
        question = np.array([t.rstrip().endswith("?") for t in texts], dtype=bool)
        # "none" when the classifier's none beats every cause's boosted score
        no_seed_none = proba[:, -1] >= comb.max(axis=1, initial=0.0)
        # praise with no complaint evidence is none, unless the classifier is sure of a
        # cause: "Отлично, опять списали лишние деньги" is sarcasm, not thanks
        sure = proba[:, :n_causes].max(axis=1, initial=0.0) >= self.sure_over_praise
        praise_only = ~has_seed & (praise > 0) & (negative == 0) & ~sure & rules
        # a one-sentence question that asks rather than protests is not a complaint;
        # nor is a short question with no seed; a long story ending in one, or a
        # question that protests ("is it normal that...?"), may be
        asking = np.zeros(n, dtype=bool)
        may_complain = np.zeros(n, dtype=bool)
        for r in np.flatnonzero(question):
            asking[r] = _is_plain_question(texts[r])
            may_complain[r] = _is_story(texts[r]) or _is_rhetorical(texts[r])
        plain_question = (
            ((~has_seed & ~may_complain) | asking) & question & (negative == 0) & rules
        )
        floor = self._min_score()
        weak = comb.max(axis=1) < floor
        empty = docs.n_tokens == 0
        is_none = weak | no_seed_none | praise_only | plain_question | empty
        comb[is_none] = np.minimum(comb[is_none], floor * 0.99)
        forced = np.zeros(n, dtype=np.int64) - 1
        if self.corr_x_ is not None and n:
            sim = (x @ self.corr_x_.T).toarray() / 2.6  # three blocks, each unit norm
            norm_texts = [" ".join(cxtext.normalise(t).split()) for t in texts]
            exact = {t: i for i, t in enumerate(self.corr_norm_)}
            for r, t in enumerate(norm_texts):
                if t in exact:
                    sim[r, exact[t]] = 1.0
            best_corr = sim.argmax(axis=1)
            best_sim = sim[np.arange(n), best_corr]
            use = best_sim >= self.correction_similarity
            forced[use] = best_corr[use]
        return {
            "cleaned": cleaned,
            "docs": docs,
            "hits": hits,
            "seed": seed,
            "proba": proba,
            "comb": comb,
            "is_none": is_none,
            "forced": forced,
            "texts": texts,
            "langs": langs,
        }

    def _apply_corrections(
        self, comb: np.ndarray, is_none: np.ndarray, forced: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        comb, is_none = comb.copy(), is_none.copy()
        ids = list(self.classes_)
        for r in np.flatnonzero(forced >= 0):
            cause = self.corr_causes_[forced[r]]
            if cause == NONE or cause not in ids:
                comb[r] = np.minimum(comb[r], self._min_score() * 0.99)
                is_none[r] = True
            else:
                value = max(0.95, comb[r].max())
                comb[r] = comb[r] * 0.5
                comb[r, ids.index(cause)] = value
                is_none[r] = False
        return comb, is_none

    def _batches(
        self,
        texts: Sequence[str],
        languages: Sequence[str] | None,
        cleaned: Sequence[str] | None,
        dissatisfied: Sequence[bool] | None = None,
        glad: Sequence[bool] | None = None,
    ) -> Iterator[dict[str, object]]:
        """Scores of consecutive slices of `batch_size` rows: bounded memory."""
        check_is_fitted(self, "classes_")
        texts = ["" if t is None else str(t) for t in texts]
        if cleaned is None:  # with cleaned texts come the parts they were cleaned from
            texts = cxtext.complaint_parts(texts)
        if languages is None:
            languages = cxtext.detect_languages(texts)

        def one_each(values: Sequence[bool] | None, name: str) -> np.ndarray | None:
            if values is None:
                return None
            flags = np.asarray(values, dtype=bool).ravel()
            if len(flags) != len(texts):
                raise ValueError(
                    f"got {len(texts)} texts but {len(flags)} {name} flags: "
                    "pass one each"
                )
            return flags

        flags = one_each(dissatisfied, "dissatisfied")
        glad_flags = one_each(glad, "glad")
        step = max(int(self.batch_size), 1)
        for start in range(0, max(len(texts), 1), step):
            stop = start + step
            yield self._score(
                texts[start:stop],
                languages[start:stop],
                None if cleaned is None else cleaned[start:stop],
                None if flags is None else flags[start:stop],
                None if glad_flags is None else glad_flags[start:stop],
            )

    def predict_proba(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        cleaned: Sequence[str] | None = None,
        dissatisfied: Sequence[bool] | None = None,
    ) -> np.ndarray:
        """Confidence per cause, shape (n, len(classes_)), each in [0, 1]."""
        parts = []
        for s in self._batches(texts, languages, cleaned, dissatisfied):
            comb, _ = self._apply_corrections(s["comb"], s["is_none"], s["forced"])
            parts.append(np.clip(comb, 0.0, 1.0))
        return np.vstack(parts)

    def predict(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        cleaned: Sequence[str] | None = None,
        dissatisfied: Sequence[bool] | None = None,
    ) -> np.ndarray:
        """The primary cause id per text, or "none"."""
        frame = self.assign(
            texts, languages=languages, cleaned=cleaned, dissatisfied=dissatisfied
        )
        return frame["cause"].to_numpy(dtype=object)

    def assign(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        cleaned: Sequence[str] | None = None,
        dissatisfied: Sequence[bool] | None = None,
        glad: Sequence[bool] | None = None,
    ) -> pd.DataFrame:
        """Primary cause, every cause that applies, confidence and evidence per text.

        `cleaned` (from `cx.text.clean_texts`, same order) skips cleaning again; rows
        are scored `batch_size` at a time so a million rows fit in memory.
        `dissatisfied` marks texts whose rating says the customer was let down: their
        praise words read as sarcasm and their questions as complaints, so neither
        makes them "none" by itself. `glad` (`cx.ladder.is_glad` of the texts'
        `text_evidence`, same order) skips reading them with the ladder's lexicon again.
        """
        batches = self._batches(texts, languages, cleaned, dissatisfied, glad)
        token_keys: dict[tuple[str, str], str] = {}  # shared by all batches
        parts = [self._assign_batch(s, token_keys) for s in batches]
        return pd.concat(parts, ignore_index=True)

    def _assign_batch(
        self, s: dict[str, object], token_keys: dict[tuple[str, str], str]
    ) -> pd.DataFrame:
        comb, is_none = self._apply_corrections(s["comb"], s["is_none"], s["forced"])
        comb = np.clip(comb, 0.0, 1.0)
        n, n_causes = comb.shape
        ids = np.array(list(self.classes_) + [NONE], dtype=object)
        best = comb.argmax(axis=1) if n_causes else np.zeros(n, np.int64)
        top = comb[np.arange(n), best] if n_causes else np.zeros(n)
        # a cause applies when it scores near the top, or its seeds clearly match (a
        # phrase or two seed words), or a seed word matches and the cause reaches the
        # naming floor: one stray word ("again", "still") the classifier does not
        # back lists nothing
        seed = np.asarray(s["seed"])
        named = comb >= self._min_score()
        seed_sure = (seed >= _SEED_SURE) | ((seed > 0) & named)
        seed_sure &= (np.asarray(s["forced"]) < 0)[:, None]  # a correction decides
        near_top = comb >= self.secondary_ratio * top[:, None]
        secondary = ((named & near_top) | seed_sure) & ~is_none[:, None]
        best = self._first_mentioned(s, secondary & near_top, best)
        top = comb[np.arange(n), best] if n_causes else np.zeros(n)
        primary = np.where(is_none, NONE, ids[best]).astype(object)
        proba = s["proba"]
        conf = np.where(is_none, np.maximum(proba[:, -1], 1.0 - top), top)
        if n:
            secondary[np.arange(n), best] &= ~is_none
        causes = _joined_labels(secondary, ids[:n_causes])
        evidence = self._evidence(s, primary, secondary, token_keys)
        return pd.DataFrame(
            {
                "cause": pd.array(primary, dtype="str"),
                "causes": pd.array(causes, dtype="str"),
                "confidence": np.round(np.clip(conf, 0.0, 1.0), 4).astype(float),
                "evidence": pd.array(evidence, dtype="str"),
            },
            index=pd.RangeIndex(n),
        )

    def _first_mentioned(
        self, s: dict[str, object], leading: np.ndarray, best: np.ndarray
    ) -> np.ndarray:
        """When several causes may lead (listed and scoring near the top) with seed
        evidence, the first one named leads; a cause listed only for a stray seed
        word (such as "again" or "still") is not among them."""
        seed: np.ndarray = s["seed"]
        if self.first_mention_leads is False or seed.shape[1] < 2:
            return best
        cand = leading & (seed > 0)
        rows = np.flatnonzero(cand.sum(axis=1) >= 2)
        if not len(rows):
            return best
        first_key: dict[str, set[int]] = {}
        for j, ng in enumerate(self.seed_ngrams_):
            k = ng.split(" ")[0]
            first_key.setdefault(k, set()).update(
                np.flatnonzero(self.seed_weights_[j] > 0).tolist()
            )
        best = best.copy()
        hits: sp.csr_matrix = s["hits"]
        cleaned: list[str] = s["cleaned"]
        for r in rows:
            allowed = set(np.flatnonzero(cand[r]).tolist())
            matched = hits.indices[hits.indptr[r] : hits.indptr[r + 1]]
            keys = {self.seed_ngrams_[j].split(" ")[0] for j in matched}
            for tok in cleaned[r].split():
                k = key_of(tok)
                if k in keys:
                    found = first_key.get(k, set()) & allowed
                    if found:
                        best[r] = max(found, key=lambda c: seed[r, c])
                        break
        return best

    # ------------------------------------------------------------------- evidence

    def _strongest_words(
        self, uni: sp.csr_matrix, primary: np.ndarray, coef: np.ndarray
    ) -> dict[int, set[str]]:
        """Per row with a cause, the (up to) three words of its text that weigh most
        for that cause in the classifier, found for all rows at once."""
        ids = {c: i for i, c in enumerate(self.classes_)}
        cls = np.array([ids.get(c, -1) for c in primary], dtype=np.int64)
        lengths = np.diff(uni.indptr)
        rows = np.repeat(np.arange(uni.shape[0]), lengths)
        keep = cls[rows] >= 0
        rows, toks = rows[keep], uni.indices[keep]
        wts = coef[cls[rows], toks]
        pos = wts > 0
        rows, toks, wts = rows[pos], toks[pos], wts[pos]
        # by row, then weight (heaviest first), then position in the row (stable)
        order = np.lexsort((-wts, rows))
        rows, toks = rows[order], toks[order]
        start = np.searchsorted(rows, rows, side="left")
        rank = np.arange(len(rows)) - start
        rows, toks = rows[rank < 3], toks[rank < 3]
        inv_vocab = np.array(sorted(self.vocab_, key=self.vocab_.get), dtype=object)
        out: dict[int, set[str]] = {}
        for r, word in zip(rows.tolist(), inv_vocab[toks].tolist(), strict=True):
            out.setdefault(r, set()).add(word.removeprefix(_NOT))
        return out

    def _evidence(
        self,
        s: dict[str, object],
        primary: np.ndarray,
        secondary: np.ndarray,
        cache: dict[tuple[str, str], str],
    ) -> list[str]:
        """The words of each text that drove its causes: matched seeds, else the
        classifier's strongest words."""
        hits: sp.csr_matrix = s["hits"]
        texts: list[str] = s["texts"]
        langs: list[str] = s["langs"]
        forced: np.ndarray = s["forced"]
        docs: _Docs = s["docs"]
        ids = list(self.classes_)
        coef = None
        if self.clf_ is not None:
            full = self.clf_.coef_
            if full.shape[0] == 1:  # binary problem: one row for the second label
                full = np.vstack([-full, full])
            coef = np.zeros((len(ids) + 1, len(self.vocab_)))
            in_uni = self.used_ < len(self.vocab_)
            coef[np.ix_(self.clf_labels_, self.used_[in_uni])] = full[:, in_uni]
        seed_keys = [
            [k.removeprefix(_NOT) for k in ng.split(" ")] for ng in self.seed_ngrams_
        ]
        # seed hits that point at one of the row's assigned causes
        seed_cause = sp.csr_matrix((self.seed_weights_ > 0).T.astype(np.float32))
        rel = hits.multiply(sp.csr_matrix(secondary.astype(np.float32)) @ seed_cause)
        rel = sp.csr_matrix(rel)
        rel.eliminate_zeros()
        top_words = (
            self._strongest_words(docs.uni, primary, coef) if coef is not None else {}
        )
        out = []
        for r in range(len(texts)):
            if primary[r] == NONE:
                out.append("")
                continue
            row = rel.indices[rel.indptr[r] : rel.indptr[r + 1]]
            wanted = {k for j in row for k in seed_keys[j]}
            if not wanted:
                wanted = top_words.get(r, set())
            words: list[str] = []
            if wanted:
                raw = unicodedata.normalize("NFC", texts[r]).lower()
                for tok in _RAW_WORD.findall(raw):
                    key = cache.get((tok, langs[r]))
                    if key is None:
                        cl = cxtext.clean_text(tok, langs[r])
                        key = key_of(cl[0]).removeprefix(_NOT) if cl else ""
                        cache[(tok, langs[r])] = key
                    if key in wanted and tok not in words:
                        words.append(tok)
            if forced[r] >= 0:
                words.append("similar to a corrected text")
            out.append("; ".join(words))
        return out
