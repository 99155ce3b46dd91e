//! Criterion benchmarks, one group per pipeline stage plus the whole pipeline.
//!
//! ```text
//! cargo bench --bench stages            # all
//! cargo bench --bench stages -- convert # one group
//! ```
//!
//! Inputs are built in memory from `seeds/`: about 4 MB of Simplified text (the seeds
//! repeated), its Traditional counterpart (`s2t`), and a GB18030 encoding of the mix.
//! Throughput is reported in bytes of input per second.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhclean::convert::{ConfigName, Converter};
use zhclean::decode;
use zhclean::edit::{EditSet, LineIndex};
use zhclean::flags::{boilerplate, placeholder, FlagOptions};
use zhclean::pipeline::{clean_bytes, DecodeOptions};
use zhclean::{clean_text, Config};

const TARGET: usize = 4 << 20;

fn seeds() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let one: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    one.repeat(TARGET / one.len() + 1)
}

struct Inputs {
    simplified: String,
    traditional: String,
    gb18030: Vec<u8>,
}

fn inputs() -> Inputs {
    let simplified = seeds();
    let traditional = Converter::get(ConfigName::S2t).convert(&simplified);
    let (gb, _, _) = encoding_rs::GB18030.encode(&simplified);
    Inputs {
        gb18030: gb.into_owned(),
        simplified,
        traditional,
    }
}

fn stages(c: &mut Criterion) {
    let inp = inputs();
    let config = Config::default();

    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(inp.gb18030.len() as u64));
    g.bench_function("detect-gb18030", |b| {
        b.iter(|| decode::detect(black_box(&inp.gb18030)))
    });
    g.bench_function("decode-gb18030", |b| {
        b.iter(|| decode::decode(black_box(&inp.gb18030), encoding_rs::GB18030, 0))
    });
    g.finish();
    // What every UTF-8 file of a corpus pays: validation, counting and the mojibake test.
    let head = |n: usize| {
        let t = &inp.traditional;
        let mut end = n.min(t.len());
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        &t[..end]
    };
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(head(16 << 10).len() as u64));
    g.bench_function("detect-utf8-16k", |b| {
        b.iter(|| decode::detect(black_box(head(16 << 10).as_bytes())))
    });
    g.throughput(Throughput::Bytes(head(4 << 10).len() as u64));
    g.bench_function("find-mojibake-4k", |b| {
        b.iter(|| decode::find_mojibake(black_box(head(4 << 10))))
    });
    g.finish();

    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Bytes(inp.simplified.len() as u64));
    let idx = LineIndex::new(&inp.simplified);
    let deleted = vec![false; idx.line_count()];
    g.bench_function("simplified", |b| {
        b.iter(|| {
            zhclean::normalize::normalize(
                black_box(&inp.simplified),
                &idx,
                &deleted,
                &config.normalize,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("convert");
    let t2s = Converter::get(ConfigName::T2s);
    g.throughput(Throughput::Bytes(inp.traditional.len() as u64));
    g.bench_function("t2s-traditional", |b| {
        b.iter(|| t2s.convert(black_box(&inp.traditional)))
    });
    g.throughput(Throughput::Bytes(inp.simplified.len() as u64));
    g.bench_function("t2s-simplified", |b| {
        b.iter(|| t2s.convert(black_box(&inp.simplified)))
    });
    g.bench_function("script-mix", |b| {
        b.iter(|| zhclean::convert::script_mix(black_box(&inp.simplified)))
    });
    g.finish();

    let mut g = c.benchmark_group("flag");
    g.throughput(Throughput::Bytes(inp.simplified.len() as u64));
    let opts = FlagOptions::default();
    g.bench_function("placeholder", |b| {
        b.iter(|| placeholder::find(black_box(&inp.simplified), &idx, &opts))
    });
    g.bench_function("boilerplate", |b| {
        b.iter(|| boilerplate::find(black_box(&inp.simplified), &idx, &opts))
    });
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(inp.traditional.len() as u64));
    g.bench_function("clean-traditional", |b| {
        b.iter(|| clean_text(black_box(&inp.traditional), &config))
    });
    g.throughput(Throughput::Bytes(inp.simplified.len() as u64));
    g.bench_function("clean-simplified", |b| {
        b.iter(|| clean_text(black_box(&inp.simplified), &config))
    });
    g.throughput(Throughput::Bytes(inp.gb18030.len() as u64));
    g.bench_function("clean-bytes-gb18030", |b| {
        b.iter(|| clean_bytes(black_box(&inp.gb18030), &config, &DecodeOptions::default()).unwrap())
    });
    let cleaned = clean_text(&inp.traditional, &config);
    g.throughput(Throughput::Bytes(inp.traditional.len() as u64));
    g.bench_function("diff-traditional", |b| {
        b.iter(|| zhclean::diff::unified(black_box(&cleaned.source.text), &cleaned.edits, "f.txt"))
    });
    let edits: EditSet = cleaned.edits.clone();
    g.bench_function("apply-traditional", |b| {
        b.iter(|| edits.apply(black_box(&cleaned.source.text)))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
