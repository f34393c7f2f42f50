"""Emerging themes: complaints that fit no cause, grouped so a new problem shows up.

TF-IDF (words and word pairs of the cleaned tokens) and k-means fitted on a fixed-size
sample (k chosen by the cosine silhouette on a smaller one), then every distinct
document assigned to its nearest centre. Rows far from every centre and clusters
smaller than `min_size` are left without a theme (""). Labels are the top terms of
each centre, shown as the most frequent original word of each stem ("app · log out ·
update"); a negated word keeps the negator its customers wrote ("не принимают купюры",
"ei öelnud"), never the cleaner's ``not_`` marker, and Twitter debris (rt, via, amp)
names no theme. Deterministic for a given input and `random_state`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances
from sklearn.preprocessing import normalize
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from cx.text import NEGATORS, PLACEHOLDERS, fold_diacritics, normalise, stem, tokenize

__all__ = ["THEME_COLUMNS", "empty_themes", "find_themes"]

THEME_COLUMNS = ("theme", "label", "size", "top_terms")
_NOT = "not_"
_SAMPLE = 20_000
_SILHOUETTE_SAMPLE = 3_000
_K_SAMPLE = 5_000
_WORDS_SAMPLE = 5_000
_MIN_SIMILARITY = 0.12
# "<url>" or "not_<phone>" says a contact was there, nothing about the problem: no theme
# word is made of one.
_MASKED = re.compile(r"\s*(?:not_)?(?:" + "|".join(map(re.escape, PLACEHOLDERS)) + ")")
# Twitter and HTML debris ("RT @bank", "via @x", "&amp;"): not words of a complaint, and
# the cleaner keeps them outside English; no theme is made of them.
_NON_WORDS = ("rt", "via", "amp")
_NON_WORD = re.compile(r"(?<!\S)(?:not_)?(?:" + "|".join(_NON_WORDS) + r")(?!\S)")
_FOLDED_NEGATORS = {
    lang: frozenset(map(fold_diacritics, words)) for lang, words in NEGATORS.items()
}
_ANY_NEGATOR = frozenset().union(*_FOLDED_NEGATORS.values())
_EN_CONTRACTION = re.compile(
    r"^(?:\w+n't|dont|didnt|doesnt|isnt|wasnt|werent|arent|wont|cant|couldnt|"
    r"wouldnt|shouldnt|havent|hasnt|hadnt|aint)$"
)
# Raw tokens after a negator that its scope may reach (the cleaner counts three kept
# words; stop words in between are raw tokens too).
_NEG_REACH = 6


def empty_themes() -> pd.DataFrame:
    """The theme summary with no rows (the right columns and dtypes)."""
    return pd.DataFrame(
        {
            "theme": pd.Series([], dtype="str"),
            "label": pd.Series([], dtype="str"),
            "size": pd.Series([], dtype="int64"),
            "top_terms": pd.Series([], dtype="str"),
        }
    )


def _is_negator(token: str, language: str) -> bool:
    folded = fold_diacritics(token)
    if folded in _FOLDED_NEGATORS.get(language, _ANY_NEGATOR):
        return True
    return language in ("en", "unknown") and bool(_EN_CONTRACTION.match(folded))


def _surface_words(
    stems: set[str], texts: Sequence[str], languages: Sequence[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Most frequent original word behind each stem (ties: alphabetical), and the
    negator as written most often just before it ("не", "ei", "didn't")."""
    counts: dict[str, Counter[str]] = {s: Counter() for s in stems}
    negators: dict[str, Counter[str]] = {s: Counter() for s in stems}
    for text, language in zip(texts, languages, strict=True):
        negator, reach = "", 0
        for token in tokenize(normalise(text)):
            if _is_negator(token, language):
                negator, reach = token, _NEG_REACH
                continue
            key = stem(token, language)
            if key in counts:
                counts[key][token] += 1
                if reach:
                    negators[key][negator] += 1
            reach = max(0, reach - 1)

    def most(c: Counter[str]) -> str:
        return min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    words = {s: most(c) for s, c in counts.items() if c}
    return words, {s: most(c) for s, c in negators.items() if c}


def _readable(
    term: str, words: dict[str, str], negators: dict[str, str], fallback: str
) -> str:
    """A term in the rows' own words: a negated run of words gets the negator the
    customers wrote before its first word ("не принимают купюры"), or `fallback`
    ("not" for English, else nothing) when none was seen; never the marker itself.

    >>> _readable("not_приним not_купюр", {"приним": "принимают"}, {"приним": "не"}, "")
    'не принимают купюр'
    >>> _readable("teeninda not_nime", {"nime": "nime"}, {}, "")
    'teeninda nime'
    """
    parts: list[str] = []
    in_run = False
    for token in term.split():
        negated = token.startswith(_NOT)
        base = token.removeprefix(_NOT) if negated else token
        shown = words.get(base, base)
        if negated and not in_run:
            negator = negators.get(base, fallback)
            if negator and negator != shown:
                parts.append(negator)
        in_run = negated
        if shown:
            parts.append(shown)
    return " ".join(parts)


def _language_of(rows: np.ndarray, languages: Sequence[str] | None) -> str | None:
    """The most frequent language of `rows` (None when languages are not known)."""
    if languages is None or len(rows) == 0:
        return None
    return Counter(str(languages[int(r)]) for r in rows).most_common(1)[0][0]


def _top_terms(centre: np.ndarray, vocab: np.ndarray, n: int = 6) -> list[str]:
    """Highest-weighted words of a centre; two of them that are also a frequent pair
    in the centre are shown as that pair ("log out")."""
    order = [int(i) for i in np.argsort(-centre, kind="stable") if centre[i] > 0]
    words = [str(vocab[i]) for i in order if " " not in vocab[i]][:n]
    pairs = [str(vocab[i]) for i in order if " " in vocab[i]][: 2 * n]
    out: list[str] = []
    used: set[str] = set()
    for word in words:
        if word in used:
            continue
        pair = next(
            (
                p
                for p in pairs
                if word in p.split()
                and set(p.split()) <= set(words) - used
                and len(set(p.split())) == 2
            ),
            None,
        )
        out.append(pair or word)
        used |= set(pair.split()) if pair else {word}
    return out


def _silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a precomputed distance matrix (as sklearn's, in numpy).

    >>> d = np.array([[0, 1, 4, 4], [1, 0, 4, 4], [4, 4, 0, 1], [4, 4, 1, 0.0]])
    >>> round(_silhouette(d, np.array([0, 0, 1, 1])), 4)
    0.75
    """
    _, codes = np.unique(labels, return_inverse=True)
    onehot = np.eye(codes.max() + 1)[codes]
    sizes = onehot.sum(axis=0)
    sums = distances @ onehot
    own = sizes[codes]
    a = sums[np.arange(len(codes)), codes] / np.maximum(own - 1, 1)
    means = sums / sizes
    means[np.arange(len(codes)), codes] = np.inf
    b = means.min(axis=1)
    s = (b - a) / np.maximum(np.maximum(a, b), 1e-12)
    s[own == 1] = 0.0
    return float(s.mean())


def _choose_k(x, max_themes: int, random_state: int) -> KMeans | None:
    """The k-means with the best cosine silhouette for k in 2..max_themes.

    k is chosen on at most `_K_SAMPLE` rows; the winner then refines its centres
    on all of `x` (a few Lloyd steps from where it stands).
    """
    with threadpool_limits(1):  # small fits: threads only spin on a shared machine
        best = _best_probe(x, max_themes, random_state)
    if best is None or x.shape[0] <= _K_SAMPLE:
        return best
    return KMeans(
        n_clusters=best.n_clusters,
        init=best.cluster_centers_,
        n_init=1,
        max_iter=100,
        random_state=random_state,
    ).fit(x)


def _best_probe(x, max_themes: int, random_state: int) -> KMeans | None:
    """Best-silhouette k-means (one k-means++ start per k) on a sample of `x`."""
    best, best_score = None, -math.inf
    n = x.shape[0]
    probe = x
    if n > _K_SAMPLE:
        rng = np.random.default_rng(random_state)
        probe = x[np.sort(rng.choice(n, _K_SAMPLE, replace=False))]
    # One cosine distance matrix on a fixed sample serves every k's silhouette.
    scored = check_random_state(random_state).permutation(probe.shape[0])
    scored = scored[:_SILHOUETTE_SAMPLE]
    distances = cosine_distances(probe[scored])
    np.fill_diagonal(distances, 0.0)
    # k-means cannot find more groups than there are distinct rows
    for k in range(2, min(max_themes, _distinct_rows(probe) - 1) + 1):
        km = KMeans(
            n_clusters=k,
            random_state=random_state,
            n_init=1,
            max_iter=100,
        ).fit(probe)
        if len(set(km.labels_.tolist())) < 2:
            continue
        sample_labels = km.labels_[scored]
        if len(set(sample_labels.tolist())) < 2:
            continue
        score = _silhouette(distances, sample_labels)
        if score > best_score + 1e-9:
            best, best_score = km, score
    return best


def _distinct_rows(x: sp.csr_matrix) -> int:
    """How many different rows a sparse matrix holds (repeated feedback is common).

    >>> _distinct_rows(sp.csr_matrix(np.array([[1.0, 0], [1.0, 0], [0, 2.0]])))
    2
    """
    x = x.tocsr()
    x.sort_indices()
    return len(
        {
            (x.indices[a:b].tobytes(), x.data[a:b].tobytes())
            for a, b in zip(x.indptr[:-1], x.indptr[1:], strict=True)
        }
    )


def _tfidf(docs: Sequence[str], vectoriser: TfidfVectorizer) -> sp.csr_matrix:
    """`vectoriser.transform(docs)` for space-separated tokens, built with numpy.

    Same counts (fitted words and word pairs), sublinear tf, idf and l2 norm as the
    fitted TfidfVectorizer, without its per-document Python analyser.
    """
    n = len(docs)
    vocabulary: dict[str, int] = vectoriser.vocabulary_
    lists = [d.split() for d in docs]
    lengths = np.fromiter((len(t) for t in lists), np.int64, n)
    flat = [t for tokens in lists for t in tokens]
    del lists
    if not flat:
        return sp.csr_matrix((n, len(vocabulary)), dtype=np.float32)
    codes, uniques = pd.factorize(np.asarray(flat, dtype=object))
    del flat
    index = {t: i for i, t in enumerate(uniques)}
    column = np.fromiter((vocabulary.get(t, -1) for t in uniques), np.int64)
    doc = np.repeat(np.arange(n), lengths)
    pair_keys, pair_columns = [], []
    for term, col in vocabulary.items():
        left, _, right = term.partition(" ")
        if right and left in index and right in index:
            pair_keys.append(index[left] * len(uniques) + index[right])
            pair_columns.append(col)
    rows, cols = [doc[column[codes] >= 0]], [column[codes][column[codes] >= 0]]
    if pair_keys:
        order = np.argsort(pair_keys)
        keys = np.asarray(pair_keys, np.int64)[order]
        key_columns = np.asarray(pair_columns, np.int64)[order]
        same = doc[1:] == doc[:-1]
        found = codes[:-1][same] * len(uniques) + codes[1:][same]
        at = np.minimum(np.searchsorted(keys, found), len(keys) - 1)
        hit = keys[at] == found
        rows.append(doc[1:][same][hit])
        cols.append(key_columns[at[hit]])
    r, c = np.concatenate(rows), np.concatenate(cols)
    x = sp.csr_matrix((np.ones(len(r), np.float64), (r, c)), shape=(n, len(vocabulary)))
    x.sum_duplicates()
    x.data = (np.log(x.data) + 1.0) * vectoriser.idf_[x.indices]
    return normalize(x, norm="l2", copy=False).astype(np.float32)


def find_themes(
    cleaned: Sequence[str],
    *,
    texts: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    max_themes: int = 8,
    min_size: int | None = None,
    random_state: int = 0,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Theme label per row ("" when none) and a summary (theme, label, size, top_terms).

    `cleaned` holds the rows' cleaned tokens (`cx.text.clean_texts`); pass the original
    `texts` and `languages` to show readable words instead of stems in labels.
    `min_size` defaults to max(3, 0.5 % of the non-empty rows).
    """
    n = len(cleaned)
    labels = np.full(n, "", dtype=object)
    if texts is not None and len(texts) != n:
        raise ValueError(f"find_themes got {n} rows but {len(texts)} texts.")
    if languages is not None and len(languages) != n:
        raise ValueError(f"find_themes got {n} rows but {len(languages)} languages.")
    if max_themes < 1:
        raise ValueError("max_themes must be at least 1.")
    docs = np.asarray([str(c) if c is not None else "" for c in cleaned], dtype=object)
    for i in np.flatnonzero([">" in d for d in docs]).tolist():
        docs[i] = _MASKED.sub("", docs[i]).strip()
    for i in np.flatnonzero(
        ["rt" in d or "via" in d or "amp" in d for d in docs]
    ).tolist():
        docs[i] = " ".join(_NON_WORD.sub(" ", docs[i]).split())
    present = np.flatnonzero(np.char.str_len(docs.astype(str)) > 0) if n else []
    if min_size is None:
        min_size = max(3, round(0.005 * len(present)))
    if len(present) < max(2 * min_size, 4):
        return labels, empty_themes()

    rng = np.random.default_rng(random_state)
    sample = present
    if len(sample) > _SAMPLE:
        sample = np.sort(rng.choice(present, _SAMPLE, replace=False))
    vectoriser = TfidfVectorizer(
        token_pattern=r"\S+",
        lowercase=False,
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
        max_features=20_000,
        dtype=np.float32,
    )
    try:
        x_sample = vectoriser.fit_transform(docs[sample])
    except ValueError:  # no term occurs twice: nothing to group
        return labels, empty_themes()
    keep = np.asarray(x_sample.getnnz(axis=1) > 0)
    if keep.sum() < max(2 * min_size, 4):
        return labels, empty_themes()
    km = _choose_k(x_sample[keep], max(2, max_themes), random_state)
    if km is None:
        return labels, empty_themes()

    # Every row to its nearest centre, each distinct document scored once.
    doc_codes, distinct = pd.factorize(docs[present])
    centres = km.cluster_centers_ / np.maximum(
        np.linalg.norm(km.cluster_centers_, axis=1, keepdims=True), 1e-12
    )
    similarity = np.asarray(_tfidf(list(distinct), vectoriser) @ centres.T)
    nearest_distinct = similarity.argmax(axis=1)
    best = similarity[np.arange(len(distinct)), nearest_distinct]
    nearest = nearest_distinct[doc_codes]
    close = best[doc_codes] >= _MIN_SIMILARITY
    vocab = vectoriser.get_feature_names_out()

    sizes = np.bincount(nearest[close], minlength=len(centres))
    kept = [c for c in np.argsort(-sizes, kind="stable") if sizes[c] >= min_size]
    kept = kept[:max_themes]
    terms = {c: _top_terms(km.cluster_centers_[c], vocab) for c in kept}
    words: dict[str, str] = {}
    negators: dict[str, str] = {}
    if texts is not None:
        langs = languages if languages is not None else ["unknown"] * n
        stems = {
            t.removeprefix(_NOT)
            for ts in terms.values()
            for term in ts
            for t in term.split()
        }
        rows = [int(present[i]) for i in np.flatnonzero(close)]
        if len(rows) > _WORDS_SAMPLE:
            rows = sorted(rng.choice(rows, _WORDS_SAMPLE, replace=False).tolist())
        words, negators = _surface_words(
            stems, [texts[r] for r in rows], [langs[r] for r in rows]
        )

    summary = []
    seen_labels: set[str] = set()
    for rank, c in enumerate(kept, start=1):
        members = present[close & (nearest == c)]
        # "not" is English: a theme of other languages without a seen negator shows
        # the word alone rather than a foreign marker.
        fallback = "not" if _language_of(members, languages) in ("en", None) else ""
        readable = [_readable(t, words, negators, fallback) for t in terms[c]]
        readable = [r for r in dict.fromkeys(readable) if r]
        label = " · ".join(readable[:3]) or f"theme {rank}"
        if label in seen_labels:
            label = f"{label} ({rank})"
        seen_labels.add(label)
        labels[members] = label
        summary.append(
            {
                "theme": f"T{rank}",
                "label": label,
                "size": int(len(members)),
                "top_terms": ", ".join(readable),
            }
        )
    if not summary:
        return labels, empty_themes()
    frame = pd.DataFrame(summary).astype(
        {"theme": "str", "label": "str", "size": "int64", "top_terms": "str"}
    )
    return labels, frame
