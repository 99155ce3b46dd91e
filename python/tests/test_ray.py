"""Ray: the examples/ray_clean.py recipe on a local Ray instance equals the CLI."""

from __future__ import annotations

import json
import os
import time

import pytest

import zhclean
from conftest import load_example
from corpus import assert_same_as_cli, run_cli

ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'ray[data]')")


@pytest.fixture(scope="module")
def local_ray():
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


def test_ray_map_batches_equals_cli(local_ray, scale_documents):
    docs = scale_documents
    example = load_example("ray_clean")
    ds = ray.data.from_items([{"id": i, "text": d} for i, d in enumerate(docs)],
                             override_num_blocks=8)
    started = time.perf_counter()
    rows = example.clean_dataset(ds, batch_size=200, jobs=1).take_all()
    elapsed = time.perf_counter() - started
    print(f"\nray: {len(docs)} documents in {elapsed:.2f} s, {len(docs) / elapsed:.0f} docs/s")
    assert len(rows) == len(docs)
    rows.sort(key=lambda r: r["id"])
    assert [r["id"] for r in rows] == list(range(len(docs)))
    cli = run_cli(docs)
    for i, (row, c) in enumerate(zip(rows, cli)):
        assert_same_as_cli(i, row["text"], json.loads(row["zhclean"]), c)


def test_ray_files_recipe(local_ray, tmp_path):
    """The folder recipe: bytes in any encoding, decoded like the CLI; lossy ones refused."""
    example = load_example("ray_clean")
    src = tmp_path / "in"
    src.mkdir()
    text = "鬆江鎮2021年工作總結，困難群眾幫扶。\n"
    (src / "big5.txt").write_bytes(text.encode("big5"))
    (src / "utf8.txt").write_bytes(text.encode("utf-8"))
    (src / "bad.txt").write_bytes("松江镇工作总结".encode("utf-8") * 20 + b"\xff\xfe\x80")
    ds = ray.data.read_binary_files(str(src), include_paths=True)
    rows = {os.path.basename(r["path"]): r
            for r in ds.map_batches(example.clean_files, batch_format="numpy").take_all()}
    expected = zhclean.clean(text)["text"]
    assert rows["big5.txt"]["text"] == expected == rows["utf8.txt"]["text"]
    assert json.loads(rows["big5.txt"]["zhclean"])["encoding"] == "Big5"
    assert rows["bad.txt"]["text"] is None
    assert "without loss" in json.loads(rows["bad.txt"]["zhclean"])["error"]
