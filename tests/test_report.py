"""The comparative report: sections, one self-contained HTML page, xlsx, and rendering in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from policytext.errors import StoreError
from policytext.report import SECTIONS, load_report_data
from policytext.store import Corpus

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
SECTION_IDS = ["overview", "coverage", "slogans", "targets", "bodies", "similarity", "shared", "reuse"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    with Corpus(folder / "c.duckdb") as c:
        c.ingest([CORPUS], jobs=1)
        c.cluster(k=6)
        yield c


@pytest.fixture(scope="module")
def html_report(corpus, tmp_path_factory) -> Path:
    return corpus.report(tmp_path_factory.mktemp("html") / "report.html", by="unit")


def test_html_has_every_section(html_report: Path) -> None:
    html = html_report.read_text(encoding="utf-8")
    for key in SECTION_IDS:
        assert f'<section id="{key}">' in html, key
    assert html.count("<svg") >= 3  # bars, coverage heatmap, similarity heatmap
    assert "某县" in html and "示范区" in html


def test_html_is_self_contained(html_report: Path) -> None:
    html = html_report.read_text(encoding="utf-8")
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", html, re.I)
    assert "<script" not in html and "<link" not in html
    assert "://" not in html


def test_report_data_groups(corpus: Corpus) -> None:
    by_unit = load_report_data(corpus, by="unit", refresh=False)
    assert len(by_unit.groups) == 3  # 某县 ×2, 示范区, 某公司
    by_year = load_report_data(corpus, by="year", unit=by_unit.docs["unit"].iloc[0], refresh=False)
    assert by_year.groups == sorted(by_year.groups)
    assert all(len(s.frame.columns) or s.key in ("coverage", "similarity", "shared") for s in
               (build(by_unit) for build in SECTIONS))


def test_coverage_shares_add_up_per_group(corpus: Corpus) -> None:
    from policytext.report import coverage

    data = load_report_data(corpus, by="unit", refresh=False)
    frame = coverage(data).frame.set_index("簇")
    for col in frame.columns:
        assert 95 <= frame[col].sum() <= 105, col  # percentages, rounded


def test_by_year_follows_one_unit(corpus: Corpus, tmp_path: Path) -> None:
    unit = corpus.sql("SELECT unit FROM documents WHERE doc = 'county_2021'")["unit"][0]
    path = corpus.report(tmp_path / "years.html", by="year", unit=unit)
    html = path.read_text(encoding="utf-8")
    assert "2021" in html and "2022" in html and "按年份" in html
    with pytest.raises(StoreError, match="no document of unit"):
        corpus.report(tmp_path / "x.html", by="year", unit="不存在的单位")


def test_by_level_and_xlsx(corpus: Corpus, tmp_path: Path) -> None:
    import openpyxl

    path = corpus.report(tmp_path / "levels.xlsx", by="level")
    book = openpyxl.load_workbook(path)
    assert len(book.sheetnames) == len(SECTIONS)
    assert book.sheetnames[0] == "层级概况"
    assert book.worksheets[0].max_row >= 3  # header + at least two levels


def test_unknown_grouping_and_suffix(corpus: Corpus, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot group by"):
        corpus.report(tmp_path / "r.html", by="province")
    with pytest.raises(StoreError, match=".html or .xlsx"):
        corpus.report(tmp_path / "r.pdf")


def test_empty_corpus_is_an_error(tmp_path: Path) -> None:
    with Corpus(tmp_path / "empty.duckdb") as c, pytest.raises(StoreError, match="empty"):
        c.report(tmp_path / "r.html")


def test_report_command(corpus: Corpus, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policytext.cli import app

    db = tmp_path / "copy.duckdb"
    corpus.con.execute("CHECKPOINT")
    shutil.copy(corpus.path, db)
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--by", "level", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "按层级" in out.read_text(encoding="utf-8")


def _render(page: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """Screenshot a page in headless Chromium; return the PNG and the URLs the page itself requested."""
    png, netlog = tmp_path / f"{page.stem}.png", tmp_path / f"{page.stem}.netlog.json"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1280,2000",
           "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing leaves the machine whatever is asked for
           f"--log-net-log={netlog}", page.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    log = json.loads(netlog.read_text(encoding="utf-8"))
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    # Requests made on behalf of the page carry its file:// origin; the browser's own do not.
    urls = [e["params"]["url"] for e in log["events"]
            if names.get(e["type"]) == "URL_REQUEST_START_JOB" and "file://" in str(e["params"].get(
                "network_isolation_key", "")) and not e["params"]["url"].startswith("file:")]
    return png, urls


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_chromium_without_network(html_report: Path, tmp_path: Path) -> None:
    png, urls = _render(html_report, tmp_path)
    assert png.exists() and png.stat().st_size > 20_000, "the screenshot is missing or blank"
    assert urls == []
    # The check itself can fail: a page that loads an image from a server is caught.
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="https://example.invalid/x.png"></body></html>', encoding="utf-8")
    assert any("example.invalid" in u for u in _render(control, tmp_path)[1])
