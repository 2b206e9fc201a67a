"""Norwegian-aware text similarity for measures (tiltak), offline and pure (no Django, no I/O).

Texts are lower-cased, split into words, stripped of bokmål stop words, stemmed with the Snowball
Norwegian stemmer, and turned into two TF-IDF vectors: one of word stems and one of character
4-grams inside the stems. The n-grams catch what stemming alone misses in Norwegian: compounds
("ingeniørkompetanse" shares "ingeniør") and derivations ("rekruttering" ~ "rekruttere").
A compound also counts as the words of the corpus it starts or ends with. The similarity of two
texts is the mean of the two cosines. See docs/decisions.md (ADR "Text
similarity for synergies").
"""

import math
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer

NGRAM = 4
MIN_COMPOUND_PART = 4
DEFAULT_THRESHOLD = 0.3

# Bokmål function words and words every measure in a strategy uses (they carry no topic).
STOP_WORDS = frozenset(
    [
        "alle",
        "alt",
        "andre",
        "annen",
        "annet",
        "at",
        "av",
        "bare",
        "begge",
        "ble",
        "bli",
        "blir",
        "blitt",
        "bør",
        "både",
        "da",
        "de",
        "dem",
        "den",
        "denne",
        "der",
        "deres",
        "det",
        "dette",
        "di",
        "din",
        "disse",
        "ditt",
        "du",
        "eller",
        "en",
        "ene",
        "eller",
        "enn",
        "er",
        "et",
        "ett",
        "etter",
        "for",
        "fordi",
        "fra",
        "før",
        "ha",
        "hadde",
        "han",
        "hans",
        "har",
        "hennes",
        "her",
        "hun",
        "hva",
        "hvem",
        "hver",
        "hvilke",
        "hvilken",
        "hvis",
        "hvor",
        "hvordan",
        "hvorfor",
        "i",
        "ikke",
        "inn",
        "innen",
        "ja",
        "jeg",
        "kan",
        "kom",
        "kunne",
        "man",
        "mange",
        "med",
        "meg",
        "men",
        "mer",
        "mest",
        "mellom",
        "min",
        "mine",
        "mitt",
        "mot",
        "må",
        "mye",
        "ned",
        "nei",
        "noe",
        "noen",
        "nok",
        "nå",
        "når",
        "og",
        "også",
        "om",
        "opp",
        "oss",
        "over",
        "på",
        "samme",
        "seg",
        "selv",
        "sin",
        "sine",
        "sitt",
        "skal",
        "skulle",
        "slik",
        "som",
        "så",
        "sånn",
        "til",
        "under",
        "ut",
        "uten",
        "var",
        "vi",
        "vil",
        "ville",
        "vår",
        "våre",
        "være",
        "vært",
        "å",
        "ny",
        "nye",
        "nytt",
        "bedre",
        "god",
        "gode",
        "godt",
        "økt",
        "øke",
        "økte",
        "flere",
        "mer",
        "sammen",
        "blant",
        "mellom",
        "gjennom",
        "tiltak",
        "arbeid",
        "arbeide",
        "arbeidet",
        "jobbe",
        "legge",
        "lage",
        "lages",
        "gjøre",
        "gjennomføre",
        "etablere",
        "kommune",
        "kommunen",
        "kommunene",
        "kommunens",
        "regionen",
        "regional",
        "regionalt",
        "lokal",
        "lokalt",
    ]
)

_WORD = re.compile(r"[a-zæøåäöüé0-9]+")


@lru_cache(maxsize=1)
def _stemmer() -> "snowballstemmer.stemmer":
    return snowballstemmer.stemmer("norwegian")


def stems(text: str) -> list[str]:
    """The text's content words, stemmed (stop words and one-letter words removed)."""
    words = [
        word for word in _WORD.findall(text.lower()) if len(word) > 1 and word not in STOP_WORDS
    ]
    return [_strip_derivation(str(stem)) for stem in _stemmer().stemWords(words)]


def _strip_derivation(stem: str) -> str:
    # Snowball keeps the verbal noun ending: "rekruttering" stays, "rekruttere" becomes "rekrutter".
    if stem.endswith("ing") and len(stem) > 7:
        return stem[:-3]
    return stem


def _with_compound_parts(document: list[str], vocabulary: set[str]) -> list[str]:
    """Add the known words a compound starts or ends with ("ingeniørkompetans" → "ingeniør")."""
    extended = list(document)
    for stem in document:
        for cut in range(MIN_COMPOUND_PART, len(stem) - MIN_COMPOUND_PART + 1):
            head, tail = stem[:cut], stem[cut:]
            extended.extend(part for part in (head, tail) if part in vocabulary)
    return extended


def _ngrams(stem: str) -> list[str]:
    if len(stem) <= NGRAM:
        return [stem]
    return [stem[i : i + NGRAM] for i in range(len(stem) - NGRAM + 1)]


def _tfidf(documents: Sequence[Counter[str]]) -> np.ndarray:
    """Rows: L2-normalised TF-IDF vectors (smooth idf, sublinear tf) of the documents."""
    vocabulary: dict[str, int] = {}
    for counts in documents:
        for term in counts:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(documents), max(len(vocabulary), 1)))
    for row, counts in enumerate(documents):
        for term, count in counts.items():
            matrix[row, vocabulary[term]] = 1.0 + math.log(count)
    document_frequency = (matrix > 0).sum(axis=0)
    idf = np.log((1 + len(documents)) / (1 + document_frequency)) + 1.0
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def _corpus_terms(texts: Sequence[str]) -> list[list[str]]:
    """Each text's stems plus the corpus words its compounds start or end with."""
    stemmed = [stems(text) for text in texts]
    vocabulary = {stem for document in stemmed for stem in document}
    return [_with_compound_parts(document, vocabulary) for document in stemmed]


def similarity_matrix(texts: Sequence[str]) -> np.ndarray:
    """Pairwise similarity (0..1) of the texts, in the context of this corpus (for the idf)."""
    return _matrix(_corpus_terms(texts))


def _matrix(stemmed: list[list[str]]) -> np.ndarray:
    words = _tfidf([Counter(document) for document in stemmed])
    grams = _tfidf([Counter(g for stem in document for g in _ngrams(stem)) for document in stemmed])
    result: np.ndarray = np.clip(0.5 * (words @ words.T) + 0.5 * (grams @ grams.T), 0.0, 1.0)
    return result


def text_similarity(first: str, second: str, *, context: Sequence[str] = ()) -> float:
    """Similarity of two texts; `context` (other texts of the corpus) sharpens the idf weights."""
    return float(similarity_matrix([first, second, *context])[0, 1])


@dataclass(frozen=True)
class SimilarPair:
    """Two documents (by key) that read alike, with the stems they share."""

    first: Hashable
    second: Hashable
    score: float
    shared_terms: tuple[str, ...]


def similar_pairs(
    documents: Sequence[tuple[Hashable, Hashable, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = None,
) -> list[SimilarPair]:
    """Pairs of documents from different groups whose similarity is at least `threshold`.

    `documents` are (key, group, text); pairs inside one group (one municipality) are skipped.
    Best pairs first, at most `limit` of them (chosen in numpy before any pair object is built,
    so a corpus where everything looks alike stays fast).
    """
    if len(documents) < 2:
        return []
    terms = _corpus_terms([text for _key, _group, text in documents])
    matrix = _matrix(terms)
    group_ids: dict[Hashable, int] = {}
    groups = np.array(
        [group_ids.setdefault(group, len(group_ids)) for _key, group, _text in documents]
    )
    candidates = np.triu(matrix >= threshold, k=1) & (groups[:, None] != groups[None, :])
    rows, columns = np.nonzero(candidates)
    scores = matrix[rows, columns]
    if limit is not None and len(scores) > limit:
        best = np.argpartition(-scores, limit - 1)[:limit]
        rows, columns, scores = rows[best], columns[best], scores[best]
    order = np.argsort(-scores, kind="stable")
    stem_sets = {index: set(terms[index]) for index in {*rows.tolist(), *columns.tolist()}}
    return [
        SimilarPair(
            documents[i][0],
            documents[j][0],
            float(score),
            tuple(sorted(stem_sets[i] & stem_sets[j])),
        )
        for i, j, score in zip(
            rows[order].tolist(), columns[order].tolist(), scores[order].tolist(), strict=True
        )
    ]
