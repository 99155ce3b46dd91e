#!/usr/bin/env python3
"""Documents per second of clean_batch, Ray and Spark on documents made from seeds/.

    target/py-venv/bin/python python/bench.py [--docs 3000] [--repeat 3] [--no-ray] [--no-spark]

(after scripts/python-tests has built the venv). The documents are the tests' (see
tests/corpus.py). Ray and Spark run locally with 2 CPUs; their times are of the whole
job on a started engine (moving the rows in and out included), the best of --repeat.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The installed package, not the source folder beside this file (it has no extension).
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE / "tests"))

import zhclean  # noqa: E402
from conftest import load_example  # noqa: E402
from corpus import make_documents  # noqa: E402


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--docs", type=int, default=3000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-ray", action="store_true")
    p.add_argument("--no-spark", action="store_true")
    args = p.parse_args()

    docs = make_documents(limit=args.docs)
    mb = sum(len(d.encode()) for d in docs) / 1e6
    print(f"{len(docs)} documents, {mb:.1f} MB")
    rows = []

    def row(what, seconds):
        rows.append((what, len(docs) / seconds, mb / seconds))

    for jobs in (1, 2):
        row(f"clean_batch, jobs={jobs}", best(lambda: zhclean.clean_batch(docs, jobs=jobs),
                                               args.repeat))
        for output in ("json", "text"):
            row(f"clean_batch output={output}, jobs={jobs}",
                best(lambda: zhclean.clean_batch(docs, jobs=jobs, output=output), args.repeat))
    row("clean, one call per document", best(lambda: [zhclean.clean(d) for d in docs], 1))

    if not args.no_ray:
        import ray

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
        ray.data.DataContext.get_current().enable_progress_bars = False
        example = load_example("ray_clean")
        ds = ray.data.from_items([{"id": i, "text": d} for i, d in enumerate(docs)],
                                 override_num_blocks=8).materialize()
        row("Ray map_batches (2 CPUs)", best(
            lambda: example.clean_dataset(ds, batch_size=200, jobs=1).materialize(),
            args.repeat))
        ray.shutdown()

    if not args.no_spark:
        from pyspark.sql import SparkSession

        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
                 .config("spark.driver.host", "127.0.0.1")
                 .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        example = load_example("spark_clean")
        df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)],
                                   "id long, text string").repartition(4).cache()
        df.count()
        row("Spark mapInArrow (local[2])", best(
            lambda: example.clean_dataframe(df, jobs=1).write.format("noop")
            .mode("overwrite").save(), args.repeat))
        spark.stop()

    print(f"| {'what':<36} | docs/s | MB/s |")
    print(f"| {'-' * 36} | -----: | ---: |")
    for what, dps, mbs in rows:
        print(f"| {what:<36} | {dps:6.0f} | {mbs:4.1f} |")


if __name__ == "__main__":
    main()
