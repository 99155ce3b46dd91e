"""Spark: the examples/spark_clean.py recipe in local[2] mode equals the CLI."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time

import pytest

from conftest import load_example
from corpus import assert_same_as_cli, run_cli

pytest.importorskip("pyspark", reason="pyspark is not installed")
pytest.importorskip("pyarrow", reason="pyarrow is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession

    # The executors' Python must be this one, which has zhclean installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    # Everything stays on the loopback interface.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (SparkSession.builder.master("local[2]").appName("zhclean-test")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.local.dir", str(tmp_path_factory.mktemp("spark")))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_map_in_arrow_equals_cli(spark, scale_documents):
    docs = scale_documents
    example = load_example("spark_clean")
    df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)], "id long, text string")

    started = time.perf_counter()
    rows = example.clean_dataframe(df, jobs=1).collect()
    elapsed = time.perf_counter() - started
    print(f"\nspark: {len(docs)} documents in {elapsed:.2f} s, "
          f"{len(docs) / elapsed:.0f} docs/s")
    assert len(rows) == len(docs)
    rows.sort(key=lambda r: r["id"])
    assert [r["id"] for r in rows] == list(range(len(docs)))
    cli = run_cli(docs)
    for i, (row, c) in enumerate(zip(rows, cli)):
        assert_same_as_cli(i, row["text"], json.loads(row["zhclean"]), c)


def test_spark_recipe_script_end_to_end(spark, tmp_path):
    """examples/spark_clean.py's own JSON Lines in → out, with a zhclean.toml."""
    example = load_example("spark_clean")
    import zhclean

    src = tmp_path / "in.jsonl"
    docs = ["鬆江鎮工作總結\n分享到：微信 微博\n", "  縮進\n", "松江镇\n"]
    src.write_text("".join(json.dumps({"doc": d, "n": i}, ensure_ascii=False) + "\n"
                           for i, d in enumerate(docs)), encoding="utf-8")
    cfg = tmp_path / "zhclean.toml"
    cfg.write_text("[boilerplate]\nremove = false\n", encoding="utf-8")
    df = spark.read.json(str(src))
    out = example.clean_dataframe(df, config=zhclean.Config(cfg), text_field="doc")
    got = {r["n"]: r for r in out.collect()}
    for i, d in enumerate(docs):
        expected = zhclean.clean(d, cfg)
        assert got[i]["doc"] == expected.pop("text")
        assert json.loads(got[i]["zhclean"]) == expected


def test_spark_rdd_pipe_through_the_cli_jsonl_mode_equals_cli(spark, scale_documents):
    """Without the package on the executors: `rdd.pipe("zhclean clean --jsonl")`."""
    from corpus import zhclean_bin

    docs = scale_documents
    lines = [json.dumps({"id": i, "text": d}, ensure_ascii=False) for i, d in enumerate(docs)]
    rdd = spark.sparkContext.parallelize(lines, 2)
    started = time.perf_counter()
    out = rdd.pipe(f"{zhclean_bin()} clean --jsonl -q -j 1").collect()
    elapsed = time.perf_counter() - started
    print(f"\nspark pipe: {len(docs)} documents in {elapsed:.2f} s, "
          f"{len(docs) / elapsed:.0f} docs/s")
    rows = sorted((json.loads(line) for line in out), key=lambda r: r["id"])
    assert [r["id"] for r in rows] == list(range(len(docs)))
    cli = run_cli(docs)
    for i, (row, c) in enumerate(zip(rows, cli)):
        assert list(row) == ["id", "text", "zhclean"], f"{i}: fields out of order"
        assert_same_as_cli(i, row["text"], row["zhclean"], c)
