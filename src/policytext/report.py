"""The comparative report of a corpus: units (or years, or levels) side by side.

Sections: an overview per group, cluster coverage by group (heatmap), slogans × groups, targets
side by side by indicator, responsible bodies per group, similarity between groups, shared and
unique tasks, and text reuse. ``by="unit"`` compares units; ``by="year"`` follows one unit's
documents over time (``unit=`` names it); ``by="level"`` compares tiers (省, 市, 县, 局, 公司 …).

The HTML is one self-contained file: CSS inlined, charts drawn as inline SVG, no script and no
request to any server, so it opens offline and can be mailed. The same tables go to an .xlsx
workbook, one sheet per section.

In Python: ``Corpus("corpus.duckdb").report("report.html", by="unit")``.
CLI: ``policytext report --db corpus.duckdb --by unit -o report.html``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from . import charts
from .errors import StoreError

if TYPE_CHECKING:
    import pandas as pd

    from .store import Corpus

#: How a document's group is computed, per ``by``.
GROUP_SQL = {
    "unit": "coalesce(nullif(d.unit, ''), d.doc)",
    "year": "coalesce(CAST(d.year AS VARCHAR), '?')",
    "level": "coalesce(nullif(d.level, ''), '?')",
}
GROUP_NAME = {"unit": "单位", "year": "年份", "level": "层级"}
#: Rows shown in the matrices (the most widespread first); the .xlsx has them all.
TOP_ROWS = 30


@dataclass
class ReportData:
    """The corpus tables a report needs, each row with the ``grp`` (unit, year or level) of its document."""

    by: str
    unit: str | None
    docs: pd.DataFrame
    tasks: pd.DataFrame
    clusters: pd.DataFrame
    slogans: pd.DataFrame
    targets: pd.DataFrame
    bodies: pd.DataFrame
    reuse: pd.DataFrame

    @property
    def groups(self) -> list[str]:
        return sorted(self.docs["grp"].unique().tolist(), key=_group_order)


@dataclass
class Section:
    """One part of the report: an anchor, a heading, its HTML and the table behind it (for the .xlsx)."""

    key: str
    title: str
    html: str
    frame: pd.DataFrame


def _group_order(g: str) -> tuple:
    return (0, int(g), "") if g.isdigit() else (1, 0, g)


def load_report_data(corpus: Corpus, *, by: str = "unit", unit: str | None = None,
                     refresh: bool = True) -> ReportData:
    """Read what the report shows; with ``refresh``, first cluster new tasks and recompute the text reuse
    when documents changed since it was computed.

    Raises:
        StoreError: an unknown ``by``, an empty corpus, or a ``unit`` that no document has.
    """
    if by not in GROUP_SQL:
        raise StoreError(f"cannot group by {by!r}: use one of {', '.join(GROUP_SQL)}")
    if len(corpus) == 0:
        raise StoreError(f"{corpus.path}: the corpus is empty: ingest documents first")
    if refresh:
        unclustered = corpus.con.execute("SELECT count(*) FROM items WHERE is_task AND cluster IS NULL").fetchone()[0]
        if unclustered:
            corpus.cluster()
        if not (corpus.get_state("reuse") or "").startswith(corpus.fingerprint() + ":"):
            corpus.reuse()
    where, params = "", []
    if unit:
        where, params = "WHERE d.unit = ?", [unit]
    grp = GROUP_SQL[by]
    docs = corpus.sql(f"SELECT d.*, {grp} AS grp FROM documents d {where} ORDER BY d.doc", params)
    if docs.empty:
        raise StoreError(f"no document of unit {unit!r} in {corpus.path}")

    def joined(query: str):
        return corpus.sql(f"SELECT x.*, {grp} AS grp FROM ({query}) x JOIN documents d USING (doc) {where}", params)

    tasks = joined("SELECT doc, path, title, cluster FROM items WHERE is_task")
    reuse = corpus.sql(
        f"SELECT r.*, {grp.replace('d.', 'da.')} AS grp_a, {grp.replace('d.', 'db.')} AS grp_b FROM reuse r "
        "JOIN documents da ON da.doc = r.doc_a JOIN documents db ON db.doc = r.doc_b "
        + ("WHERE da.unit = ? AND db.unit = ?" if unit else "") + " ORDER BY similarity DESC",
        [unit, unit] if unit else [])
    return ReportData(by, unit, docs, tasks, corpus.table("clusters"), joined("SELECT * FROM slogans"),
                      joined("SELECT * FROM targets"), joined("SELECT * FROM bodies"), reuse)


# ---------------------------------------------------------------------------------------------
# Sections


def _table(frame: pd.DataFrame, *, numeric: set[str] = frozenset(), shade_cols: list[str] | None = None) -> str:
    """An HTML table; columns in ``shade_cols`` get a heat colour by their numbers."""
    import pandas as pd

    top = 0.0
    if shade_cols:
        nums = frame[shade_cols].apply(pd.to_numeric, errors="coerce")
        top = float(nums.max().max() or 0) if not nums.empty else 0.0
    out = ['<div class="scroll"><table><thead><tr>']
    out += [f"<th>{escape(str(c))}</th>" for c in frame.columns]
    out.append("</tr></thead><tbody>")
    for row in frame.itertuples(index=False):
        out.append("<tr>")
        for col, v in zip(frame.columns, row, strict=True):
            text = "" if v is None or (isinstance(v, float) and v != v) else str(v)
            if shade_cols and col in shade_cols:
                num = pd.to_numeric(text, errors="coerce") if text else 0
                fill = charts.shade(0 if pd.isna(num) else float(num), top)
                out.append(f'<td class="cell" style="background:{fill};color:{charts.ink(fill)}">'
                           f"{escape(text if text != '0' else '')}</td>")
            else:
                cls = ' class="num"' if col in numeric else ""
                out.append(f"<td{cls}>{escape(text)}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def overview(data: ReportData) -> Section:
    g = GROUP_NAME[data.by]
    d = data.docs
    rows = []
    for grp in data.groups:
        part = d[d["grp"] == grp]
        years = sorted(int(y) for y in part["year"].dropna())
        rows.append({
            g: grp, "文件数": len(part),
            **({} if data.by == "unit" else {"单位": "、".join(sorted(set(part["unit"].fillna("")) - {""}))[:40]}),
            "层级": "、".join(sorted(set(part["level"].fillna("")) - {""})),
            "地区": "、".join(sorted(set(part["region"].fillna("")) - {""})),
            "年份": (f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])) if years else "",
            "条目": int(part["n_items"].sum()), "任务": int(part["n_tasks"].sum()),
            "提法": int(data.slogans[data.slogans["grp"] == grp]["text"].nunique()),
            "指标": int(part["n_targets"].sum()),
            "责任主体": int(data.bodies[data.bodies["grp"] == grp]["name"].nunique()),
            "字数": int(part["n_chars"].sum()),
        })
    import pandas as pd

    frame = pd.DataFrame(rows)
    docs_list = d[["grp", "doc", "title", "year"]].rename(columns={"grp": g, "doc": "文件", "title": "标题", "year": "年份"})
    html = (_table(frame, numeric={"文件数", "条目", "任务", "提法", "指标", "责任主体", "字数"})
            + f"<h3>各{g}任务数</h3>"
            + charts.bars(frame[g].astype(str).tolist(), frame["任务"].tolist(), caption="tasks per group")
            + "<h3>文件</h3>" + _table(docs_list))
    return Section("overview", f"{g}概况", html, frame)


def _cluster_names(data: ReportData) -> dict[int, str]:
    return {int(r.cluster): f"#{int(r.cluster)} {r.theme + '：' if r.theme else ''}{r.label}"
            for r in data.clusters.itertuples(index=False)}


def coverage(data: ReportData) -> Section:
    """Share of each group's tasks that falls in each cluster, as a heatmap."""
    import pandas as pd

    g = GROUP_NAME[data.by]
    tasks = data.tasks.dropna(subset=["cluster"])
    if tasks.empty:
        return Section("coverage", "任务聚类覆盖", '<p class="note">没有已聚类的任务。</p>', pd.DataFrame())
    counts = pd.crosstab(tasks["cluster"].astype(int), tasks["grp"]).reindex(columns=data.groups, fill_value=0)
    share = (counts / counts.sum(axis=0).replace(0, 1) * 100).round(0)
    names = _cluster_names(data)
    order = counts.astype(bool).sum(axis=1).sort_values(ascending=False, kind="stable").index
    share = share.loc[order]
    rows = [names.get(int(c), f"#{int(c)}") for c in share.index]
    html = (f'<p class="note">每格为该{g}的任务落在该主题簇中的百分比；簇按覆盖的{g}数排序。'
            "悬停可看完整名称。</p>"
            + charts.heatmap(rows, [str(c) for c in share.columns], share.values.tolist(), row_chars=22,
                             caption="cluster coverage"))
    frame = share.copy()
    frame.index = rows
    return Section("coverage", "任务聚类覆盖", html, frame.reset_index(names="簇"))


def _matrix(frame: pd.DataFrame, row: str, value: Callable, data: ReportData, row_name: str) -> pd.DataFrame:
    """Rows × groups: ``value(sub-frame)`` per cell, rows ordered by how many groups they occur in."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=[row_name, *data.groups])
    cells = frame.groupby([row, "grp"]).apply(value, include_groups=False).unstack("grp")
    cells = cells.reindex(columns=data.groups)
    spread = cells.notna().sum(axis=1)
    rank = pd.DataFrame({"spread": spread, "rows": frame.groupby(row).size()})
    order = rank.sort_values(["spread", "rows"], ascending=False, kind="stable").index
    out = cells.loc[order].reset_index().rename(columns={row: row_name})
    out.insert(1, f"{GROUP_NAME[data.by]}数", spread.loc[order].values)
    return out


def slogans(data: ReportData) -> Section:
    frame = _matrix(data.slogans, "text", lambda s: int(s["mentions"].fillna(1).sum()), data, "提法")
    frame = frame.fillna(0)
    for c in data.groups:
        frame[c] = frame[c].astype(int)
    html = (f'<p class="note">每格为该提法的出现次数；按出现的{GROUP_NAME[data.by]}数排序，显示前 {TOP_ROWS} 个。</p>'
            + _table(frame.head(TOP_ROWS), shade_cols=data.groups))
    return Section("slogans", "提法 × " + GROUP_NAME[data.by], html, frame)


def targets(data: ReportData) -> Section:
    t = data.targets.copy()
    if not t.empty:
        t["key"] = [i if isinstance(i, str) and i else f"（未识别指标，单位：{u or '-'}）"
                    for i, u in zip(t["indicator"], t["unit"], strict=True)]

    def texts(s) -> str:
        seen = list(dict.fromkeys(s["text"].astype(str)))
        return "、".join(seen[:3]) + ("…" if len(seen) > 3 else "")

    frame = _matrix(t, "key", texts, data, "指标") if not t.empty else _matrix(t, "text", texts, data, "指标")
    html = (f'<p class="note">同一指标在各{GROUP_NAME[data.by]}的量化要求并列；显示前 {TOP_ROWS} 个指标。</p>'
            + _table(frame.head(TOP_ROWS).fillna("")))
    return Section("targets", "量化指标对照", html, frame)


def bodies(data: ReportData) -> Section:
    def count(s) -> str:
        lead = int((s["role"] == "lead").sum())
        return f"{len(s)}" + (f" (牵头{lead})" if lead else "")

    frame = _matrix(data.bodies, "name", count, data, "责任主体")
    html = (f'<p class="note">每格为提及次数，括号内为作为牵头（负责）主体的次数；显示前 {TOP_ROWS} 个。</p>'
            + _table(frame.head(TOP_ROWS).fillna("")))
    return Section("bodies", f"各{GROUP_NAME[data.by]}责任主体", html, frame)


def similarity(data: ReportData) -> Section:
    """Cosine similarity of the groups' cluster profiles (how their tasks spread over the clusters)."""
    import numpy as np
    import pandas as pd

    tasks = data.tasks.dropna(subset=["cluster"])
    if tasks.empty or len(data.groups) < 2:
        return Section("similarity", f"{GROUP_NAME[data.by]}间相似度",
                       '<p class="note">需要至少两个分组和已聚类的任务。</p>', pd.DataFrame())
    counts = pd.crosstab(tasks["grp"], tasks["cluster"]).reindex(index=data.groups, fill_value=0)
    v = counts.values.astype(float)
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    sim = (v @ v.T * 100).round(0)
    html = (f'<p class="note">两个{GROUP_NAME[data.by]}的任务在各主题簇上分布的余弦相似度（×100）。</p>'
            + charts.heatmap(data.groups, data.groups, sim.tolist(), caption="similarity"))
    frame = pd.DataFrame(sim, index=data.groups, columns=data.groups).reset_index(names=GROUP_NAME[data.by])
    return Section("similarity", f"{GROUP_NAME[data.by]}间相似度", html, frame)


def shared_unique(data: ReportData) -> Section:
    """Clusters most groups have (with an example title from each of a few groups), and each group's own ones."""
    import pandas as pd

    g = GROUP_NAME[data.by]
    tasks = data.tasks.dropna(subset=["cluster"])
    names = _cluster_names(data)
    if tasks.empty:
        return Section("shared", "共有与独有任务", '<p class="note">没有已聚类的任务。</p>', pd.DataFrame())
    spread = tasks.groupby("cluster")["grp"].nunique().sort_values(ascending=False, kind="stable")
    n_groups = len(data.groups)
    rows, html = [], [f"<h3>多数{g}共有的任务</h3>"]
    shared = spread[spread >= max(2, (n_groups + 1) // 2)]
    for c, n in shared.items():
        part = tasks[tasks["cluster"] == c].drop_duplicates("grp").head(4)
        html.append(f"<p><b>{escape(names.get(int(c), f'#{int(c)}'))}</b> — {n}/{n_groups} 个{g}</p><ul class=\"tasks\">"
                    + "".join(f"<li>{escape(r.grp)}：{escape(str(r.title))}</li>" for r in part.itertuples()) + "</ul>")
        rows += [{"类别": "共有", "簇": names.get(int(c), ""), g: r.grp, "任务": r.title} for r in part.itertuples()]
    if shared.empty:
        html.append('<p class="note">没有多数分组共有的簇。</p>')
    html.append(f"<h3>各{g}独有的任务</h3>")
    only = spread[spread == 1].index
    for grp in data.groups:
        own = tasks[(tasks["grp"] == grp) & tasks["cluster"].isin(only)]
        if own.empty:
            continue
        html.append(f"<p><b>{escape(grp)}</b></p><ul class=\"tasks\">" + "".join(
            f"<li>{escape(str(r.title))} <span class=\"tag\">{escape(names.get(int(r.cluster), ''))}</span></li>"
            for r in own.head(8).itertuples()) + "</ul>")
        rows += [{"类别": "独有", "簇": names.get(int(r.cluster), ""), g: grp, "任务": r.title} for r in own.itertuples()]
    return Section("shared", "共有与独有任务", "".join(html), pd.DataFrame(rows))


def reuse(data: ReportData) -> Section:
    import pandas as pd

    g = GROUP_NAME[data.by]
    r = data.reuse
    if data.by == "unit":
        r = r[r["grp_a"] != r["grp_b"]]
    frame = r[["grp_a", "grp_b", "doc_a", "doc_b", "sentence_a", "sentence_b", "similarity"]].rename(
        columns={"grp_a": f"{g}A", "grp_b": f"{g}B", "doc_a": "文件A", "doc_b": "文件B",
                 "sentence_a": "句子A", "sentence_b": "句子B", "similarity": "相似度"})
    if frame.empty:
        return Section("reuse", "文本复用", '<p class="note">没有发现跨文件的相似句子。</p>', frame)
    pairs = pd.crosstab(r["grp_a"], r["grp_b"])
    groups = [x for x in data.groups if x in set(pairs.index) | set(pairs.columns)]
    pairs = pairs.reindex(index=groups, columns=groups, fill_value=0)
    both = (pairs + pairs.T).values.tolist()
    html = ('<p class="note">相似句子（字符三元组 Jaccard ≥ 阈值）的对数；下表列出最相似的 50 对。</p>'
            + (charts.heatmap(groups, groups, both, caption="reuse") if len(groups) <= 60 else "")
            + _table(frame.head(50), numeric={"相似度"}))
    return Section("reuse", "文本复用", html, frame)


SECTIONS: list[Callable[[ReportData], Section]] = [overview, coverage, slogans, targets, bodies, similarity,
                                                   shared_unique, reuse]


# ---------------------------------------------------------------------------------------------
# Output


def render_html(data: ReportData, sections: list[Section]) -> str:
    """The whole page: inline CSS, a table of contents and the sections. No script, no external resource."""
    css = resources.files("policytext").joinpath("report_assets/report.css").read_text(encoding="utf-8")
    g = GROUP_NAME[data.by]
    title = f"对比报告：按{g}" + (f"（{data.unit}）" if data.unit else "")
    nav = "".join(f'<a href="#{s.key}">{escape(s.title)}</a>' for s in sections)
    body = "".join(f'<section id="{s.key}"><h2>{escape(s.title)}</h2>{s.html}</section>' for s in sections)
    meta = (f"{len(data.docs)} 个文件，{len(data.groups)} 个{g}，{len(data.tasks)} 项任务，"
            f"{len(data.clusters)} 个主题簇 · 生成于 {dt.date.today().isoformat()} · policytext")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{css}</style></head><body>"
            f'<h1>{escape(title)}</h1><p class="meta">{escape(meta)}</p><nav>{nav}</nav>{body}</body></html>\n')


def write_xlsx(sections: list[Section], path: Path) -> None:
    import pandas as pd

    from .export import _flatten

    tmp = path.with_name(path.name + ".tmp")
    with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        for s in sections:
            frame = s.frame if not s.frame.empty else pd.DataFrame({"": ["(无)"]})
            _flatten(frame).to_excel(xw, sheet_name=s.title[:31], index=False)
    tmp.replace(path)


def write_report(corpus: Corpus, path: str | Path, *, by: str = "unit", unit: str | None = None) -> Path:
    """Write the report as .html (one self-contained page) or .xlsx (a sheet per section); returns the path.

    Raises:
        StoreError: an unknown ``by``, an empty corpus, an unknown unit, or another file suffix.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".xlsx"):
        raise StoreError(f"{path}: the report is written as .html or .xlsx")
    data = load_report_data(corpus, by=by, unit=unit)
    sections = [build(data) for build in SECTIONS]
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        write_xlsx(sections, path)
    else:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(render_html(data, sections), encoding="utf-8")
        tmp.replace(path)
    return path
