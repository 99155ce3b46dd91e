#!/usr/bin/env python3
"""Clean a corpus on Spark (PySpark) with the zhclean Python package.

    pip install ./python pyspark pyarrow     # from the repository root
    python examples/spark_clean.py INPUT OUTPUT [--config zhclean.toml] [--text-field text]
                                   [--master local[2]]

INPUT is a JSON Lines file or folder of them (one document per line, its text in
--text-field). OUTPUT is a folder of JSON Lines: each row with its text cleaned and a
`zhclean` column holding the JSON of everything else the clean found (changed,
findings, changes, converted, removed) — the fields of `zhclean clean`'s report.

The rows reach Python as Arrow record batches (`mapInArrow`); each batch is cleaned by
`zhclean.clean_batch`, which releases the GIL and uses the Rust side's threads. The
executors need the zhclean package installed (or shipped with --py-files/archives).
"""

from __future__ import annotations

import argparse
from typing import Any, Iterator, Optional

import pyarrow as pa

import zhclean


def cleaner(text_field: str = "text", config: Any = None, jobs: Optional[int] = None):
    """A `mapInArrow` function: each batch's text column cleaned, plus `zhclean`."""
    cfg = config if isinstance(config, zhclean.Config) else zhclean.Config(config)

    def clean(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            texts = batch.column(text_field).to_pylist()
            # output="json": (cleaned text, the rest as JSON), made on the Rust threads.
            pairs = zhclean.clean_batch(texts, cfg, jobs=jobs, output="json")
            columns = {name: batch.column(name) for name in batch.schema.names}
            columns[text_field] = pa.array([text for text, _ in pairs], pa.string())
            columns["zhclean"] = pa.array([report for _, report in pairs], pa.string())
            yield pa.RecordBatch.from_pydict(columns)

    return clean


def clean_dataframe(df, *, config: Any = None, text_field: str = "text",
                    jobs: Optional[int] = None):
    """The cleaned DataFrame of a DataFrame with a string column `text_field`."""
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType(df.schema.fields + [StructField("zhclean", StringType())])
    return df.mapInArrow(cleaner(text_field, config, jobs), schema)


def main() -> None:
    from pyspark.sql import SparkSession

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--config", help="a zhclean.toml (default: zhclean's defaults)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = p.parse_args()

    builder = SparkSession.builder.appName("zhclean")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    df = spark.read.json(args.input)
    cleaned = clean_dataframe(df, config=zhclean.Config(args.config),
                              text_field=args.text_field)
    cleaned.write.mode("overwrite").json(args.output)
    print(f"wrote {args.output}")
    spark.stop()


if __name__ == "__main__":
    main()
