#!/usr/bin/env python3
"""Clean a corpus on Ray with the zhclean Python package.

    pip install ./python "ray[data]"        # from the repository root
    python examples/ray_clean.py INPUT OUTPUT [--config zhclean.toml] [--text-field text]
                                 [--num-cpus N] [--batch-size 256]

INPUT is a JSON Lines file (one document per line, its text in --text-field) or a
folder of text files in any encoding zhclean detects. OUTPUT is a folder of JSON Lines:
each input row (or {"path": …} for a file) with its text cleaned and a `zhclean` column,
the JSON of everything else the clean found (changed, findings, changes, converted,
removed, and for files encoding/confidence) — the fields of `zhclean clean`'s report.
A file that cannot be decoded without loss gets {"error": message} there instead, as
the CLI reports it and writes nothing for it.

Each batch is cleaned by `zhclean.clean_batch`, which releases the GIL and spreads the
batch over the Rust side's threads; Ray spreads the batches over its workers. On a
cluster, run it where `ray.init()` finds the cluster and give INPUT/OUTPUT as shared
storage paths.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any, Dict, Optional

import numpy as np

import zhclean


def clean_texts(batch: Dict[str, np.ndarray], *, text_field: str = "text",
                config: Any = None, jobs: Optional[int] = None) -> Dict[str, np.ndarray]:
    """A `map_batches` function (batch_format="numpy"): the text column cleaned, plus
    `zhclean` (the rest of each result, as JSON)."""
    # output="json": (cleaned text, the rest as JSON), serialized on the Rust threads.
    pairs = zhclean.clean_batch(batch[text_field].tolist(), config, jobs=jobs, output="json")
    out = dict(batch)
    out[text_field] = np.array([text for text, _ in pairs], dtype=object)
    out["zhclean"] = np.array([report for _, report in pairs], dtype=object)
    return out


def clean_files(batch: Dict[str, np.ndarray], *, config: Any = None) -> Dict[str, np.ndarray]:
    """A `map_batches` function over `read_binary_files(..., include_paths=True)`: each
    file's bytes detected, decoded and cleaned as `zhclean clean` does."""
    texts, reports = [], []
    for data in batch["bytes"]:
        try:
            r = zhclean.clean_bytes(bytes(data), config)
            texts.append(r.pop("text"))
            reports.append(json.dumps(r, ensure_ascii=False))
        except zhclean.DecodeError as e:  # lossy, low-confidence or binary: not cleaned
            texts.append(None)
            reports.append(json.dumps({"error": str(e)}, ensure_ascii=False))
    return {"path": batch["path"], "text": np.array(texts, dtype=object),
            "zhclean": np.array(reports, dtype=object)}


def clean_dataset(ds, *, config: Any = None, text_field: str = "text",
                  batch_size: int = 256, jobs: Optional[int] = None):
    """The cleaned Dataset of a Dataset with a text column."""
    # A parsed Config is picklable and is not re-read by every batch.
    cfg = config if isinstance(config, zhclean.Config) else zhclean.Config(config)
    return ds.map_batches(clean_texts, batch_format="numpy", batch_size=batch_size,
                          fn_kwargs={"text_field": text_field, "config": cfg, "jobs": jobs})


def main() -> None:
    import ray

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--config", help="a zhclean.toml (default: zhclean's defaults)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--num-cpus", type=int, default=None)
    p.add_argument("--batch-size", type=int, default=256)
    args = p.parse_args()

    ray.init(num_cpus=args.num_cpus)
    config = zhclean.Config(args.config)
    if os.path.isdir(args.input):
        ds = ray.data.read_binary_files(args.input, include_paths=True)
        ds = ds.map_batches(clean_files, batch_format="numpy", batch_size=args.batch_size,
                            fn_kwargs={"config": config})
    else:
        ds = clean_dataset(ray.data.read_json(args.input), config=config,
                           text_field=args.text_field, batch_size=args.batch_size)
    ds.write_json(args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
