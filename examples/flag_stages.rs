//! Runs the detectors and the whitespace normalization once on a file, for instruction
//! counts (`perf stat -e instructions:u`, `valgrind --tool=callgrind`):
//!
//! ```text
//! cargo run --release --example flag_stages -- FILE [none|boilerplate|placeholder|normalize|all]
//! ```
//!
//! `none` reads, decodes and indexes only: subtract it to get one stage's cost.

use zhclean::edit::LineIndex;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let stage = args.next().unwrap_or_else(|| "all".into());
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8 input");
    let idx = LineIndex::new(&text);
    let opts = zhclean::flags::FlagOptions::default();
    let cfg = zhclean::Config::default();
    let all = stage == "all";
    let mut n = 0usize;
    if all || stage == "boilerplate" {
        n += zhclean::flags::boilerplate::find(&text, &idx, &opts).len();
    }
    if all || stage == "placeholder" {
        n += zhclean::flags::placeholder::find(&text, &idx, &opts).len();
    }
    if all || stage == "normalize" {
        let deleted = vec![false; idx.line_count()];
        n += zhclean::normalize::normalize(&text, &idx, &deleted, &cfg.normalize).len();
    }
    println!("{stage}: {n}");
}
