"""Test documents made from the repository's seeds/, and the CLI's output for them.

The documents are windows of a seed's lines and sentences, each also in Traditional
(made by ``zhclean.convert(..., "s2t")``), with scraped-page noise (CRLF, indentation,
NBSP, trailing spaces, runs of blank lines) and with boilerplate lines around it. What
``zhclean clean`` writes for each, run as a real binary over a folder, is the oracle the
Python, Ray and Spark results are compared with.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import zhclean

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

# Lines a scraper keeps around an article; the detectors decide what they are.
PAGE_LINES = [
    "当前位置：首页 > 政务公开 > 工作总结",
    "分享到：微信 微博 QQ空间",
    "来源：本站  发布时间：2023-01-05  浏览次数：",
    "打印本页 关闭窗口",
    "上一篇：无\n下一篇：无",
]


def zhclean_bin() -> Path:
    """The CLI binary: $ZHCLEAN_BIN, else the repository's release build."""
    return Path(os.environ.get("ZHCLEAN_BIN", REPO / "target" / "release" / "zhclean"))


def _units(text: str) -> List[str]:
    """Windows of 1–4 consecutive lines and of 1–6 consecutive sentences."""
    lines = [l for l in text.split("\n") if l.strip()]
    units = []
    for k in (1, 2, 3, 4):
        for i in range(0, max(1, len(lines) - k + 1)):
            units.append("\n".join(lines[i : i + k]) + "\n")
    sentences = [s for s in re.split(r"(?<=[。！？；])", text.replace("\n", "")) if s.strip()]
    for k in (1, 3, 6):
        for i in range(0, max(1, len(sentences) - k + 1), k):
            units.append("".join(sentences[i : i + k]) + "\n")
    return units


def _noisy(text: str, rng: random.Random) -> str:
    out = []
    for line in text.split("\n"):
        r = rng.random()
        if r < 0.2:
            line = "\u3000\u3000" + line
        elif r < 0.35:
            line = "    " + line + "  \t"
        elif r < 0.45:
            line = line.replace("，", "，\u00a0", 1)
        elif r < 0.5:
            line = line + "\n\n\n"
        out.append(line)
    sep = "\r\n" if rng.random() < 0.5 else "\n"
    return sep.join(out)


def _paged(text: str, rng: random.Random) -> str:
    head = rng.sample(PAGE_LINES, 2)
    return head[0] + "\n" + text + head[1] + "\n"


def make_documents(limit: Optional[int] = None, seed: int = 20240601) -> List[str]:
    """A few thousand documents from seeds/, in a fixed order."""
    rng = random.Random(seed)
    docs: List[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        docs.append(text)
        for unit in _units(text):
            trad = zhclean.convert(unit, "s2t")
            docs.append(unit)
            docs.append(trad)
            docs.append(_noisy(rng.choice([unit, trad]), rng))
            docs.append(_paged(rng.choice([unit, trad]), rng))
    if limit is not None and len(docs) > limit:
        docs = [docs[i] for i in sorted(rng.sample(range(len(docs)), limit))]
    return docs


@dataclass
class CliResult:
    text: str
    entry: dict  # the document's entry in zhclean-report.json


def name(i: int) -> str:
    return f"doc_{i:05d}.txt"


def write_documents(docs: List[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, d in enumerate(docs):
        # newline="" keeps CRLF as written.
        with open(folder / name(i), "w", encoding="utf-8", newline="") as f:
            f.write(d)


def run_cli(docs: List[str], config_toml: Optional[str] = None) -> List[CliResult]:
    """Runs `zhclean clean IN --out OUT` over the documents; returns what it wrote.

    The thousands of small files live in memory (/dev/shm when there is one) and are
    removed at once: on a busy disk, writing and later deleting them costs more than
    the cleaning."""
    binary = zhclean_bin()
    if not binary.is_file():
        raise FileNotFoundError(
            f"{binary}: no zhclean binary (cargo build --release, or set ZHCLEAN_BIN)"
        )
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="zhclean-py-", dir=shm) as tmp:
        return _run_cli(binary, docs, Path(tmp), config_toml)


def _run_cli(binary: Path, docs: List[str], tmp: Path,
             config_toml: Optional[str]) -> List[CliResult]:
    src, out = tmp / "in", tmp / "out"
    write_documents(docs, src)
    args = [str(binary), "clean", str(src), "--out", str(out), "--quiet"]
    if config_toml is None:
        args.append("--no-config")
    else:
        cfg = tmp / "zhclean.toml"
        cfg.write_text(config_toml, encoding="utf-8")
        args += ["--config", str(cfg)]
    proc = subprocess.run(args, capture_output=True, text=True)
    # 0: clean, 1: findings; anything else is a failure of the run itself.
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads((out / "zhclean-report.json").read_text(encoding="utf-8"))
    entries: Dict[str, dict] = {Path(f["path"]).name: f for f in report["files"]}
    assert len(entries) == len(docs)
    results = []
    for i in range(len(docs)):
        entry = entries[name(i)]
        assert not entry.get("problems"), entry
        text = (out / name(i)).read_bytes().decode("utf-8")
        results.append(CliResult(text, entry))
    return results


def assert_same_as_cli(i: int, text: str, record: dict, cli: CliResult) -> None:
    """The text the CLI wrote, and the findings and counts of its report entry."""
    assert text == cli.text, f"{name(i)}: cleaned text differs from the CLI's"
    assert record["findings"] == cli.entry["findings"], f"{name(i)}: findings differ"
    assert record["changes"] == cli.entry["changes"], f"{name(i)}: changes differ"
