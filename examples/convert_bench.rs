//! Conversion throughput and start-up cost, release mode:
//!
//! ```text
//! cargo run --release --example convert_bench [MB] [config]
//! ```
//!
//! Builds about `MB` megabytes (default 8) of Simplified text by repeating `seeds/*.txt`,
//! makes its Traditional counterpart with s2t, then times `convert` and `changes` on both
//! (best of several runs, in thread CPU time where the OS reports it).

use std::time::{Duration, Instant};

use zhclean::convert::{script_mix, ConfigName, Converter};

/// This thread's CPU time (Linux: `/proc/thread-self/schedstat`), falling back to wall
/// time elsewhere. CPU time keeps the numbers meaningful on a busy machine.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace()
        .next()?
        .parse()
        .ok()
        .map(Duration::from_nanos)
}

/// Time per call of `f`: the best of 3 batches of `runs` calls each (batches, because the
/// kernel may account CPU time only at scheduler ticks).
fn best_of<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    (0..3)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_now());
            for _ in 0..runs {
                std::hint::black_box(f());
            }
            let d = match (c, cpu_now()) {
                (Some(a), Some(b)) => b - a,
                _ => t.elapsed(),
            };
            d / runs
        })
        .min()
        .expect("three batches")
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    let config = args
        .next()
        .and_then(|a| ConfigName::ALL.into_iter().find(|c| c.as_str() == a))
        .unwrap_or(ConfigName::T2s);

    // Start-up costs are one-shot: wall time.
    let t = Instant::now();
    let conv = Converter::get(config);
    let build = t.elapsed();
    let t = Instant::now();
    let _ = script_mix("測試");
    let build_gate = t.elapsed();
    let t = Instant::now();
    let s2t = Converter::get(ConfigName::S2t);
    let build_s2t = t.elapsed();
    println!(
        "build: {} {:.2} ms, s2t {:.2} ms, gate table {:.2} ms",
        config.as_str(),
        build.as_secs_f64() * 1e3,
        build_s2t.as_secs_f64() * 1e3,
        build_gate.as_secs_f64() * 1e3
    );

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    let base: String = seeds
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed text"))
        .collect();
    let mut simplified = String::with_capacity(mb << 20);
    while simplified.len() < mb << 20 {
        simplified.push_str(&base);
    }
    // Seed 003 is sloppy Traditional; make the "Simplified" sample really Simplified.
    let simplified = Converter::get(ConfigName::T2s).convert(&simplified);
    let traditional = s2t.convert(&simplified);
    let mix = script_mix(&traditional);
    println!(
        "text: simplified {:.1} MB, traditional {:.1} MB ({:.0}% of Han chars unambiguously Traditional)",
        simplified.len() as f64 / 1e6,
        traditional.len() as f64 / 1e6,
        mix.traditional_share() * 100.0
    );

    for (label, text) in [("traditional", &traditional), ("simplified", &simplified)] {
        let convert = best_of(10, || conv.convert(text));
        let changes = best_of(10, || conv.changes(text).len());
        let mix = best_of(10, || script_mix(text));
        // The pipeline asks for changes line by line.
        let per_line = best_of(10, || {
            text.lines().map(|l| conv.changes(l).len()).sum::<usize>()
        });
        println!(
            "{} on {label}: convert {:.0} MB/s, changes {:.0} MB/s ({} changes), per line {:.0} MB/s, script_mix {:.0} MB/s",
            config.as_str(),
            mbps(text.len(), convert),
            mbps(text.len(), changes),
            conv.changes(text).len(),
            mbps(text.len(), per_line),
            mbps(text.len(), mix),
        );
    }
    let back = best_of(3, || s2t.convert(&simplified));
    println!(
        "s2t on simplified: convert {:.0} MB/s",
        mbps(simplified.len(), back)
    );
}
