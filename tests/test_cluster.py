"""Clustering of tasks across documents: themes lexicon, features, granularity, stable ids, the seeds' ARI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from policytext.cluster import cluster_tasks, load_themes, match_ids, words
from policytext.store import Corpus

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"

# Task titles written for these tests (fictional units), three themes, four tasks each.
TASKS = {
    "廉政": ["开展廉政警示教育月活动", "持续纠治四风问题，落实中央八项规定精神", "强化纪检监察日常监督",
             "开展廉政风险排查防控"],
    "组织生活": ["严格落实三会一课制度", "每月开展主题党日活动", "认真开好专题组织生活会",
                 "开展党员谈心谈话和民主评议党员"],
    "阵地": ["建好村级党群服务中心", "保障村级组织运转经费", "规范党员活动室阵地建设",
             "提高村干部基本报酬待遇"],
}


def task_frame() -> tuple[pd.DataFrame, list[str]]:
    rows, gold = [], []
    for theme, titles in TASKS.items():
        for t in titles:
            rows.append({"title": t, "text": t + "。", "parent_title": ""})
            gold.append(theme)
    return pd.DataFrame(rows), gold


def adjusted_rand(a, b) -> float:
    from sklearn.metrics import adjusted_rand_score

    return adjusted_rand_score(a, b)


THEME_CUES = [
    ("严格落实“三会一课”制度，每月开展主题党日", "组织生活"),
    ("开展警示教育，持续纠治“四风”", "党风廉政"),
    ("县委理论学习中心组集中学习", "理论学习"),
    ("推进党支部标准化规范化建设，整顿软弱涣散党组织", "基层组织建设"),
    ("做好发展党员工作，规范党费收缴", "党员发展管理"),
    ("建好党群服务中心，保障工作经费", "阵地保障"),
    ("落实意识形态工作责任制，加强网络舆情引导", "意识形态宣传"),
    ("支持工会、共青团和妇联工作", "群团统战"),
]


@pytest.mark.parametrize(("text", "theme"), THEME_CUES, ids=[t for t, _ in THEME_CUES])
def test_theme_cues_point_to_the_theme(text: str, theme: str) -> None:
    themes = load_themes()
    assert themes.names[int(themes.counts([text])[0].argmax())] == theme


def test_topics_lexicon_integrity() -> None:
    raw = resources.files("policytext").joinpath("lexicons/topics.tsv").read_text(encoding="utf-8")
    assert raw.startswith("#"), "the file names its sources in a header comment"
    themes = load_themes()
    assert len(themes.names) == len(set(themes.names)) >= 10
    lines = [ln for ln in raw.splitlines() if ln and not ln.startswith("#") and not ln.startswith("theme\t")]
    cues = [c for ln in lines for c in ln.split("\t")[1].split()]
    assert len(cues) == len(set(cues)), "a cue word belongs to one theme"
    assert all(re.fullmatch(r"[\w+]+", c) for c in cues)


def test_words_keep_theme_cues_whole() -> None:
    assert "三会一课" in words("严格落实三会一课制度")
    assert all(len(w) >= 2 for w in words("抓好党建工作，确保取得实效"))


def test_clusters_recover_written_themes() -> None:
    frame, gold = task_frame()
    result = cluster_tasks(frame, k=3)
    assert len(result.labels) == len(frame)
    assert adjusted_rand(gold, result.labels) >= 0.9
    # Most of these tasks share no word with the others of their theme: the cue words make the difference.
    assert adjusted_rand(gold, result.labels) > adjusted_rand(gold, cluster_tasks(frame, k=3, use_lexicon=False).labels)
    assert list(result.clusters.columns) == ["cluster", "label", "theme", "size", "example"]
    assert result.clusters["size"].sum() == len(frame)
    assert result.clusters["size"].is_monotonic_decreasing  # ids from the biggest cluster down


def test_without_lexicon_shared_words_group_tasks() -> None:
    titles = ["加强党费收缴管理", "规范党费使用管理", "按月收缴党费",
              "开展廉政警示教育", "组织警示教育大会", "观看警示教育片"]
    frame = pd.DataFrame({"title": titles, "text": titles})
    labels = cluster_tasks(frame, k=2, use_lexicon=False).labels
    assert adjusted_rand([0, 0, 0, 1, 1, 1], labels) == 1.0


def test_labels_name_distinctive_words() -> None:
    frame, _ = task_frame()
    result = cluster_tasks(frame, k=3)
    labels = " ".join(result.clusters["label"])
    assert any(w in labels for w in ("廉政", "四风", "监督"))
    assert "开展" not in labels.split("·")  # filler words are not labels
    assert set(result.clusters["theme"]) >= {"党风廉政", "组织生活"}


def test_threshold_sets_granularity() -> None:
    frame, _ = task_frame()
    fine = cluster_tasks(frame, threshold=0.3).labels.max() + 1
    coarse = cluster_tasks(frame, threshold=0.95).labels.max() + 1
    assert fine > coarse >= 1


def test_default_k_is_the_number_of_themes_when_there_are_enough_tasks() -> None:
    frame, _ = task_frame()
    assert cluster_tasks(frame).labels.max() + 1 == min(len(load_themes().names), len(frame))


def test_user_embeddings_replace_tfidf(tmp_path: Path) -> None:
    frame, gold = task_frame()
    names = sorted(set(gold))

    def embed(texts: list[str]) -> np.ndarray:  # a perfect "model": one axis per theme
        return np.array([[float(g == n) for n in names] for g in gold])

    assert adjusted_rand(gold, cluster_tasks(frame, k=3, embeddings=embed, use_lexicon=False).labels) == 1.0
    npy = tmp_path / "emb.npy"
    np.save(npy, embed([]))
    assert adjusted_rand(gold, cluster_tasks(frame, k=3, embeddings=npy, use_lexicon=False).labels) == 1.0
    with pytest.raises(ValueError, match="one row per task"):
        cluster_tasks(frame, k=3, embeddings=lambda t: np.zeros((2, 4)))


def test_empty_and_single_task() -> None:
    empty = pd.DataFrame(columns=["title", "text"])
    assert len(cluster_tasks(empty).labels) == 0
    one = pd.DataFrame([{"title": "严格落实三会一课制度", "text": ""}])
    assert cluster_tasks(one).labels.tolist() == [0]


def test_match_ids_keeps_old_ids_and_numbers_new_ones_after_them() -> None:
    keys = [("a", "1"), ("a", "2"), ("b", "1"), ("b", "2"), ("c", "1")]
    old = {("a", "1"): 4, ("a", "2"): 4, ("b", "1"): 9, ("b", "2"): 9}
    # The new run numbers the same groups the other way round and finds a new one.
    assert match_ids([1, 1, 0, 0, 2], keys, old) == {1: 4, 0: 9, 2: 10}
    assert match_ids([0, 1], keys[:2], {}) == {0: 0, 1: 1}


@pytest.fixture()
def clustered(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(p, docs)
    with Corpus(tmp_path / "c.duckdb") as c:
        c.ingest([docs], jobs=1)
        c.cluster(k=6)
        yield c, docs


def test_cluster_corpus_stores_clusters_on_items(clustered) -> None:
    corpus, _ = clustered
    items = corpus.table("items")
    tasks = items[items["is_task"]]
    assert len(tasks) > 0 and tasks["cluster"].notna().all()
    assert items[~items["is_task"]]["cluster"].isna().all()
    clusters = corpus.table("clusters")
    assert sorted(clusters["cluster"]) == sorted(tasks["cluster"].astype(int).unique())
    assert clusters["size"].sum() == len(tasks)
    assert (clusters["n_units"] >= 1).all()


def test_cluster_ids_stay_when_documents_are_added(clustered) -> None:
    corpus, docs = clustered
    before = corpus.sql("SELECT doc, path, cluster FROM items WHERE is_task").set_index(["doc", "path"])["cluster"]
    shutil.copy(sorted(CORPUS.glob("*.txt"))[3], docs)
    corpus.ingest([docs], jobs=1)
    corpus.cluster(k=6)
    after = corpus.sql("SELECT doc, path, cluster FROM items WHERE is_task").set_index(["doc", "path"])["cluster"]
    same = (after.loc[before.index] == before).mean()
    assert same >= 0.7, f"only {same:.0%} of the old tasks kept their cluster id"


def test_cluster_command_writes_spec_json_with_clusters(clustered, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policytext.cli import app

    corpus, _ = clustered
    corpus.close()
    out = tmp_path / "clustered.json"
    result = CliRunner().invoke(app, ["cluster", "--db", corpus.path, "--k", "5", "--json-out", str(out)])
    assert result.exit_code == 0, result.output
    docs = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(docs, list) and len(docs) == 3
    tasks = [it for d in docs for it in d["items"] if it["is_task"]]
    assert tasks and all(isinstance(it["cluster"], int) for it in tasks)
    assert {it["cluster"] for it in tasks} <= set(range(100))


def _baseline_ari(docs: list[dict], gold_dir: Path, score) -> float:
    """Plain TF-IDF of jieba words of title + text, k-means with as many clusters as gold topics."""
    import jieba
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    pairs: list = []
    for d in docs:
        name = score.gold_for(d["doc"], {p.stem: None for p in gold_dir.glob("*.json")})
        gold = json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8"))
        score.score_items(d["doc"], gold["items"], d["items"], score.Tally(), pairs)
    pairs = [(g, p) for g, p in pairs if g.get("topic")]
    x = TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None, lowercase=False).fit_transform(
        [p["title"] + "。" + p["text"] for _, p in pairs])
    k = len({g["topic"] for g, _ in pairs})
    labels = KMeans(k, n_init=10, random_state=0).fit_predict(x)
    return score.adjusted_rand([g["topic"] for g, _ in pairs], labels.tolist())


def test_seed_clusters_agree_with_gold_topics(shared_dir: Path, tmp_path: Path) -> None:
    """ARI of the default clustering on the five seeds ≥ 0.35 and above a plain TF-IDF + k-means."""
    sys.path.insert(0, str(shared_dir / "eval"))
    try:
        import score
    finally:
        sys.path.pop(0)
    db, out = tmp_path / "seeds.duckdb", tmp_path / "seeds.json"
    with Corpus(db) as c:
        c.ingest([shared_dir / "corpora" / "seeds"], jobs=1)
        c.cluster()
    result = subprocess.run([sys.executable, "-m", "policytext", "cluster", "--db", str(db), "--json-out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    scored = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(shared_dir / "gold"),
                             str(out), "--json"], capture_output=True, text=True, check=True)
    ari = json.loads(scored.stdout)["clusters_ari"]
    baseline = _baseline_ari(json.loads(out.read_text(encoding="utf-8")), shared_dir / "gold", score)
    print(f"seeds ARI {ari:.3f}, TF-IDF + k-means baseline {baseline:.3f}")
    assert ari is not None and ari >= 0.35
    assert ari > baseline
