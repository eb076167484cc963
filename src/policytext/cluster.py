"""Grouping similar tasks across documents and units.

A task (an item with no numbered children) is described by its title (counted twice), its text and
the title of the heading it stands under. Three kinds of features are joined: TF-IDF of jieba words,
TF-IDF of character 2–3-grams (robust to segmentation errors), and one feature per theme of
``lexicons/topics.tsv`` counting the theme's cue words. The theme features carry the domain
knowledge that two tasks about 三会一课 and 主题党日 belong together although they share no words.
A user's own sentence embeddings can replace the TF-IDF part (a callable texts → array, or a .npy).

The granularity is chosen by the number of clusters ``k`` (k-means; with ``k`` equal to the number
of themes, the theme cue words seed the starting centres, which makes the result deterministic) or
by a cosine ``threshold`` (average-linkage agglomerative clustering). Each cluster is labelled by its
most distinctive words. When the corpus grows and is clustered again, new clusters take the ids of
the old clusters whose tasks they share most, so ids stay stable.

In Python: ``Corpus("corpus.duckdb").cluster(k=15)``. CLI: ``policytext cluster --db corpus.duckdb --k 15``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import lexicons

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .store import Corpus
    from .types import Document

Embedder = Callable[[list[str]], "np.ndarray"]

#: Above this many tasks a threshold (agglomerative, quadratic memory) is refused: use k instead.
MAX_AGGLOMERATIVE = 20_000
#: Dimensions kept by the SVD that joins the sparse features (latent semantic analysis).
SVD_DIMENSIONS = 100
#: A task's text is read up to here: its opening says what it is about, and segmenting stays fast.
TEXT_CHARS = 1000
#: Most frequent words (and character n-grams) kept as features.
MAX_FEATURES = 50_000
# Words of at least two characters that are not all digits, Latin letters or punctuation.
_WORD = re.compile(r"^[^\W\d_A-Za-z]{2,}$")


@dataclass(frozen=True)
class Themes:
    """The themes of lexicons/topics.tsv: names in file order and each cue word's theme index."""

    names: tuple[str, ...]
    cue_theme: dict[str, int]
    pattern: re.Pattern[str]

    def counts(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), len(names)) array: how many cue words of each theme each text contains.

        >>> t = load_themes()
        >>> row = t.counts(["严格落实三会一课制度，开展主题党日活动"])[0]
        >>> t.names[int(row.argmax())]
        '组织生活'
        """
        import numpy as np

        out = np.zeros((len(texts), len(self.names)))
        for i, text in enumerate(texts):
            for cue in self.pattern.findall(text or ""):
                out[i, self.cue_theme[cue]] += 1
        return out


def load_themes(path: str | Path | None = None) -> Themes:
    """The themes of ``lexicons/topics.tsv``, or of a file of the same shape a user supplies.

    Raises:
        UnknownLexicon: the file has no theme, or a theme without cue words.
    """
    if path is None:
        return _default_themes()
    return _themes(lexicons.topic_cues(Path(path)), str(path))


@cache
def _default_themes() -> Themes:
    return _themes(lexicons.topic_cues(), "lexicons/topics.tsv")


def _themes(rows: list[tuple[str, list[str]]], source: str) -> Themes:
    from .errors import UnknownLexicon

    if not rows or any(not cues for _, cues in rows):
        raise UnknownLexicon(f"{source}: expected lines 'theme<TAB>cue cue …'")
    cue_theme: dict[str, int] = {}
    for i, (_, cues) in enumerate(rows):
        for cue in cues:
            cue_theme.setdefault(cue, i)
    ordered = sorted(cue_theme, key=len, reverse=True)  # the longest cue at a position wins
    return Themes(tuple(name for name, _ in rows), cue_theme, re.compile("|".join(map(re.escape, ordered))))


@cache
def _tokenizer():
    """A private jieba tokenizer that knows the theme cue words (the global one is left as it is)."""
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - jieba is a dependency
        from .errors import MissingDependency

        raise MissingDependency("jieba", "pip install jieba") from exc
    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    for cue in _default_themes().cue_theme:
        tok.add_word(cue)
    return tok


def words(text: str) -> list[str]:
    """Content words of a text for TF-IDF: jieba words of two or more Chinese characters.

    >>> words("严格落实“三会一课”制度")
    ['严格', '落实', '三会一课', '制度']
    """
    return [w for w in _tokenizer().lcut(text) if _WORD.match(w)]


def task_texts(frame: pd.DataFrame) -> list[str]:
    """What a task is compared by: title twice, its text, and the title of its parent heading."""
    parent = frame["parent_title"] if "parent_title" in frame else [""] * len(frame)
    return [f"{t}。{t}。{(x or '')[:TEXT_CHARS]}。{p or ''}"
            for t, x, p in zip(frame["title"], frame["text"], parent, strict=True)]


def _theme_features(frame: pd.DataFrame, themes: Themes) -> np.ndarray:
    """Cue counts per theme (title ×3, text, parent title), log-scaled, each row of unit length."""
    import numpy as np
    from sklearn.preprocessing import normalize

    parent = frame["parent_title"].fillna("").tolist() if "parent_title" in frame else [""] * len(frame)
    counts = (3 * themes.counts(frame["title"].fillna("").tolist())
              + themes.counts(frame["text"].fillna("").tolist()) + themes.counts(parent))
    return normalize(np.log1p(counts))


def _embed(texts: list[str], embeddings: Embedder | str | Path) -> np.ndarray:
    import numpy as np

    if callable(embeddings):
        arr = np.asarray(embeddings(texts), dtype=float)
    else:
        arr = np.load(Path(embeddings))
    if arr.ndim != 2 or arr.shape[0] != len(texts):
        raise ValueError(f"embeddings must have one row per task: got shape {arr.shape} for {len(texts)} tasks")
    return arr


@dataclass
class ClusterResult:
    """Cluster of each task (in the order of the input frame) and one row per cluster."""

    labels: np.ndarray
    clusters: pd.DataFrame  # cluster, label, theme, size, example


def cluster_tasks(
    frame: pd.DataFrame,
    *,
    k: int | None = None,
    threshold: float | None = None,
    embeddings: Embedder | str | Path | None = None,
    themes: Themes | None = None,
    use_lexicon: bool = True,
    random_state: int = 0,
) -> ClusterResult:
    """Cluster tasks given as a frame with ``title``, ``text`` and optionally ``parent_title`` columns.

    Args:
        frame: one row per task.
        k: number of clusters (default: the number of themes, capped by the number of tasks).
        threshold: cosine distance under which clusters merge (0–2; ~0.6–0.9 is useful); overrides ``k``.
        embeddings: a callable mapping task texts to an array, or a .npy file with one row per task
            (in the frame's order), used instead of the TF-IDF features.
        themes: cue-word themes (default: lexicons/topics.tsv).
        use_lexicon: add the theme features and seed k-means with them.
        random_state: seed of k-means++ and the SVD.

    Returns:
        The cluster of each task (ids 0.., biggest cluster first) and a table of the clusters.

    Raises:
        ValueError: a threshold over more than ``MAX_AGGLOMERATIVE`` tasks, or embeddings of the wrong shape.
    """
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    n = len(frame)
    themes = themes or load_themes()
    empty = pd.DataFrame(columns=["cluster", "label", "theme", "size", "example"])
    if n == 0:
        return ClusterResult(np.zeros(0, dtype=int), empty)
    texts = task_texts(frame)
    # Features seen in one task only cannot make two tasks similar: min_df=2 drops them (and most of the
    # character n-grams), which keeps the SVD fast on large corpora.
    min_df = 2 if n >= 50 else 1
    word_vec = TfidfVectorizer(tokenizer=words, token_pattern=None, lowercase=False, sublinear_tf=True,
                               min_df=min_df, max_features=MAX_FEATURES)
    try:
        xw = word_vec.fit_transform(texts)
    except ValueError:  # no Chinese word at all
        xw = sp.csr_matrix((n, 0))
    theme_x = _theme_features(frame, themes) if use_lexicon else np.zeros((n, 0))
    if embeddings is not None:
        parts = [sp.csr_matrix(normalize(_embed(texts, embeddings)))]
    else:
        xc = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True, min_df=min_df,
                             max_features=MAX_FEATURES).fit_transform(texts)
        parts = [xw, xc]
    x = normalize(sp.hstack([*parts, sp.csr_matrix(theme_x)]).tocsr())
    dims = min(SVD_DIMENSIONS, x.shape[1] - 1, n - 1)
    if dims >= 2:
        from sklearn.decomposition import TruncatedSVD

        x = normalize(TruncatedSVD(dims, random_state=random_state).fit_transform(x))
    else:
        x = x.toarray()

    if n == 1:
        labels = np.zeros(1, dtype=int)
    elif threshold is not None:
        if n > MAX_AGGLOMERATIVE:
            raise ValueError(f"a threshold clusters at most {MAX_AGGLOMERATIVE} tasks (got {n}): use k instead")
        from sklearn.cluster import AgglomerativeClustering

        labels = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="cosine",
                                         linkage="average").fit_predict(x)
    else:
        labels = _kmeans(x, min(k or len(themes.names), n), theme_x, random_state)
    labels = _by_size(labels)
    return ClusterResult(labels, _describe(frame, labels, x, xw, word_vec, theme_x, themes))


def _kmeans(x: np.ndarray, k: int, theme_x: np.ndarray, random_state: int) -> np.ndarray:
    """k-means; when k equals the number of themes, each centre starts at the mean of the tasks of one theme."""
    import numpy as np
    from sklearn.cluster import KMeans

    if theme_x.shape[1] == k and theme_x.any():
        top = theme_x.argmax(1)
        has = theme_x.max(1) > 0
        init = np.empty((k, x.shape[1]))
        used: list[int] = []
        for j in range(k):
            members = (top == j) & has
            if members.any():
                init[j] = x[members].mean(0)
            else:  # no task of this theme: start at the task farthest from the centres so far
                dist = 1 - x @ init[:j].T if j else np.ones((len(x), 1))
                far = dist.min(1)
                far[used] = -1
                used.append(int(far.argmax()))
                init[j] = x[used[-1]]
        return KMeans(k, init=init, n_init=1, random_state=random_state).fit_predict(x)
    return KMeans(k, n_init=10, random_state=random_state).fit_predict(x)


def _by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters 0.. from the biggest down (ties by first appearance), for readable ids."""
    import numpy as np

    ids, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(ids)), key=lambda i: (-counts[i], first[i]))
    remap = {int(ids[i]): new for new, i in enumerate(order)}
    return np.array([remap[int(v)] for v in labels], dtype=int)


def _describe(frame, labels, x, xw, word_vec, theme_x, themes: Themes) -> pd.DataFrame:
    """One row per cluster: distinctive words, best-fitting theme, size and the most central task's title."""
    import numpy as np
    import pandas as pd

    vocab = np.array(word_vec.get_feature_names_out()) if xw.shape[1] else np.array([])
    filler = lexicons.filler_words()
    overall = np.asarray(xw.mean(0)).ravel() if xw.shape[1] else np.zeros(0)
    rows = []
    for c in range(int(labels.max()) + 1):
        members = np.flatnonzero(labels == c)
        label = ""
        if len(vocab):
            lift = np.asarray(xw[members].mean(0)).ravel() - overall
            top = [vocab[i] for i in np.argsort(-lift) if lift[i] > 0 and vocab[i] not in filler][:4]
            label = "·".join(top)
        theme = ""
        if theme_x.shape[1]:
            # Named only where one theme is the strongest of at least 40% of the cluster's tasks.
            sub = theme_x[members]
            tops = sub.argmax(1)[sub.max(1) > 0]
            if len(tops):
                best = np.bincount(tops).argmax()
                if (tops == best).sum() >= 0.4 * len(members):
                    theme = themes.names[int(best)]
        centre = x[members].mean(0)
        example = frame["title"].iloc[int(members[np.argmax(x[members] @ centre)])]
        rows.append({"cluster": c, "label": label, "theme": theme, "size": len(members), "example": example})
    return pd.DataFrame(rows)


def match_ids(new_labels: Sequence[int], keys: Sequence[tuple], old: dict[tuple, int]) -> dict[int, int]:
    """Map new cluster labels to stable ids: each new cluster takes the id of the old cluster whose tasks
    it shares most (a one-to-one assignment maximising the Jaccard overlap); the others get fresh ids.

    Args:
        new_labels: cluster of each task in this run.
        keys: identity of each task, e.g. (doc, path).
        old: stable id of the tasks clustered before.

    >>> match_ids([0, 0, 1, 2], [("a", "1"), ("a", "2"), ("b", "1"), ("c", "1")], {("a", "1"): 7, ("a", "2"): 7, ("b", "1"): 3})
    {0: 7, 1: 3, 2: 8}
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    new_ids = sorted(set(int(v) for v in new_labels))
    if not old:
        return {c: c for c in new_ids}
    old_ids = sorted(set(old.values()))
    new_sets = {c: set() for c in new_ids}
    for lab, key in zip(new_labels, keys, strict=True):
        new_sets[int(lab)].add(key)
    old_sets: dict[int, set] = {o: set() for o in old_ids}
    for key, o in old.items():
        old_sets[o].add(key)
    jac = np.zeros((len(new_ids), len(old_ids)))
    for i, c in enumerate(new_ids):
        for j, o in enumerate(old_ids):
            inter = len(new_sets[c] & old_sets[o])
            if inter:
                jac[i, j] = inter / len(new_sets[c] | old_sets[o])
    rows, cols = linear_sum_assignment(-jac)
    mapping = {new_ids[i]: old_ids[j] for i, j in zip(rows, cols, strict=True) if jac[i, j] > 0}
    fresh = max(old_ids) + 1
    for c in new_ids:
        if c not in mapping:
            mapping[c] = fresh
            fresh += 1
    return mapping


TASKS_QUERY = """
SELECT i.doc, i.path, i.title, i.text, coalesce(p.title, '') AS parent_title, i.cluster AS old_cluster,
       coalesce(nullif(d.unit, ''), d.doc) AS unit
FROM items i
JOIN documents d USING (doc)
LEFT JOIN items p ON p.doc = i.doc AND p.path = i.parent
WHERE i.is_task
ORDER BY i.doc, i.start
"""


def cluster_corpus(
    corpus: Corpus,
    *,
    k: int | None = None,
    threshold: float | None = None,
    embeddings: Embedder | str | Path | None = None,
    use_lexicon: bool = True,
) -> pd.DataFrame:
    """Cluster every task of a corpus, store each item's ``cluster`` and the ``clusters`` table.

    Ids of a previous clustering are kept where the new clusters match old ones (see :func:`match_ids`).
    A .npy of embeddings has one row per task in the order of ``TASKS_QUERY`` (doc, then position).

    Returns:
        The clusters table (cluster, label, theme, size, n_docs, n_units, example).
    """
    import pandas as pd

    tasks = corpus.sql(TASKS_QUERY)
    result = cluster_tasks(tasks, k=k, threshold=threshold, embeddings=embeddings, use_lexicon=use_lexicon)
    keys = list(zip(tasks["doc"], tasks["path"], strict=True))
    old = {key: int(c) for key, c in zip(keys, tasks["old_cluster"], strict=True) if pd.notna(c)}
    mapping = match_ids(result.labels.tolist(), keys, old)
    tasks["cluster"] = [mapping[int(v)] for v in result.labels]
    clusters = result.clusters.assign(cluster=result.clusters["cluster"].map(mapping))
    spread = tasks.groupby("cluster").agg(n_docs=("doc", "nunique"), n_units=("unit", "nunique")).reset_index()
    clusters = clusters.merge(spread, on="cluster", how="left")
    clusters = clusters[["cluster", "label", "theme", "size", "n_docs", "n_units", "example"]].sort_values("cluster")
    con = corpus.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE items SET cluster = NULL WHERE cluster IS NOT NULL")
        con.register("_assigned", tasks[["doc", "path", "cluster"]])
        con.execute("UPDATE items SET cluster = a.cluster FROM _assigned a WHERE items.doc = a.doc AND items.path = a.path")
        con.unregister("_assigned")
        con.execute("DELETE FROM clusters")
        corpus._insert("clusters", clusters)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return clusters.reset_index(drop=True)


def cluster_documents(docs: Sequence[Document], **options) -> ClusterResult:
    """Cluster the tasks of processed documents and write each task's cluster into its ``Item.cluster``.

    The in-memory counterpart of ``Corpus.cluster``: ``policytext extract`` calls it when it is given
    several documents, so that the items of its JSON output carry their ``cluster``. Items that are not
    tasks keep ``cluster=None``. ``options`` are those of :func:`cluster_tasks`.

    Returns:
        The clustering, its labels in the order of the documents' tasks.
    """
    import dataclasses

    import pandas as pd

    rows, where = [], []
    for i, d in enumerate(docs):
        titles = {it.path: it.title for it in d.items}
        for j, it in enumerate(d.items):
            if it.is_task:
                rows.append({"title": it.title, "text": it.text, "parent_title": titles.get(it.parent, "")})
                where.append((i, j))
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():  # a few near-identical documents give fewer distinct points than k
        warnings.simplefilter("ignore", ConvergenceWarning)
        result = cluster_tasks(pd.DataFrame(rows, columns=["title", "text", "parent_title"]), **options)
    for (i, j), label in zip(where, result.labels, strict=True):
        items = docs[i].items
        items[j] = dataclasses.replace(items[j], cluster=int(label))
    return result
