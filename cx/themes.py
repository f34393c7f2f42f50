"""Emerging themes: complaints that fit no cause, grouped so a new problem shows up.

TF-IDF (words and word pairs of the cleaned tokens) and spherical k-means fitted on a
fixed-size sample, k chosen by the cosine silhouette, then every row assigned to its
nearest centre. Rows far from every centre and clusters smaller than `min_size` are
left without a theme (""). Labels are the top terms of each centre, shown as the most
frequent original word of each stem ("app · log out · update"). Deterministic for a
given input and `random_state`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score

from cx.text import normalise, stem, tokenize

__all__ = ["THEME_COLUMNS", "empty_themes", "find_themes"]

THEME_COLUMNS = ("theme", "label", "size", "top_terms")
_NOT = "not_"
_SAMPLE = 20_000
_SILHOUETTE_SAMPLE = 3_000
_MIN_SIMILARITY = 0.12


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


def _surface_words(
    stems: set[str], texts: Sequence[str], languages: Sequence[str]
) -> dict[str, str]:
    """Most frequent original word behind each stem (ties: alphabetical)."""
    counts: dict[str, Counter[str]] = {s: Counter() for s in stems}
    for text, language in zip(texts, languages, strict=True):
        for token in tokenize(normalise(text)):
            key = stem(token, language)
            if key in counts:
                counts[key][token] += 1
    return {
        s: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for s, c in counts.items()
        if c
    }


def _readable(term: str, words: dict[str, str]) -> str:
    parts = []
    for token in term.split():
        negated = token.startswith(_NOT)
        base = token[len(_NOT) :] if negated else token
        shown = words.get(base, base)
        parts.append(f"not {shown}" if negated else shown)
    return " ".join(parts)


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


def _choose_k(x, max_themes: int, random_state: int) -> MiniBatchKMeans | None:
    """The k-means with the best cosine silhouette for k in 2..max_themes."""
    best, best_score = None, -math.inf
    n = x.shape[0]
    for k in range(2, min(max_themes, n - 1) + 1):
        km = MiniBatchKMeans(
            n_clusters=k,
            random_state=random_state,
            n_init=3,
            batch_size=2048,
            max_iter=100,
        ).fit(x)
        if len(set(km.labels_.tolist())) < 2:
            continue
        score = silhouette_score(
            x,
            km.labels_,
            metric="cosine",
            sample_size=min(n, _SILHOUETTE_SAMPLE),
            random_state=random_state,
        )
        if score > best_score + 1e-9:
            best, best_score = km, score
    return best


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

    x_all = vectoriser.transform(docs[present])
    centres = km.cluster_centers_ / np.maximum(
        np.linalg.norm(km.cluster_centers_, axis=1, keepdims=True), 1e-12
    )
    similarity = np.asarray(x_all @ centres.T)
    nearest = similarity.argmax(axis=1)
    close = similarity[np.arange(len(present)), nearest] >= _MIN_SIMILARITY
    vocab = vectoriser.get_feature_names_out()

    sizes = np.bincount(nearest[close], minlength=len(centres))
    kept = [c for c in np.argsort(-sizes, kind="stable") if sizes[c] >= min_size]
    kept = kept[:max_themes]
    terms = {c: _top_terms(km.cluster_centers_[c], vocab) for c in kept}
    words: dict[str, str] = {}
    if texts is not None:
        langs = languages if languages is not None else ["unknown"] * n
        stems = {
            t.removeprefix(_NOT)
            for ts in terms.values()
            for term in ts
            for t in term.split()
        }
        rows = [int(present[i]) for i in np.flatnonzero(close)]
        if len(rows) > _SAMPLE:
            rows = sorted(rng.choice(rows, _SAMPLE, replace=False).tolist())
        words = _surface_words(
            stems, [texts[r] for r in rows], [langs[r] for r in rows]
        )

    summary = []
    seen_labels: set[str] = set()
    for rank, c in enumerate(kept, start=1):
        readable = [_readable(t, words) for t in terms[c]]
        label = " · ".join(readable[:3]) or f"theme {rank}"
        if label in seen_labels:
            label = f"{label} ({rank})"
        seen_labels.add(label)
        members = present[close & (nearest == c)]
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
