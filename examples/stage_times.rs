//! Per-stage wall time on one file, release mode, for finding where a clean spends its time:
//!
//! ```text
//! cargo run --release --example stage_times -- FILE
//! ```

use std::time::Instant;
use zhclean::edit::{EditSet, LineIndex};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mb = bytes.len() as f64 / 1e6;
    let t = |name: &str, s: Instant| {
        eprintln!(
            "{name:24} {:7.3}s {:8.0} MB/s",
            s.elapsed().as_secs_f64(),
            mb / s.elapsed().as_secs_f64()
        )
    };
    let s = Instant::now();
    let det = zhclean::decode::detect(&bytes);
    t("detect", s);
    let s = Instant::now();
    let d = zhclean::decode::decode(&bytes, det.encoding.unwrap(), det.bom_len);
    t("decode", s);
    let text = d.text;
    let s = Instant::now();
    let idx = LineIndex::new(&text);
    t("line index", s);
    let opts = zhclean::flags::FlagOptions::default();
    let s = Instant::now();
    let b = zhclean::flags::boilerplate::find(&text, &idx, &opts);
    t("boilerplate", s);
    let s = Instant::now();
    let p = zhclean::flags::placeholder::find(&text, &idx, &opts);
    t("placeholder", s);
    eprintln!("  {} bp, {} ph", b.len(), p.len());
    let cfg = zhclean::Config::default();
    let deleted = vec![false; idx.line_count()];
    let s = Instant::now();
    let n0 = zhclean::normalize::normalize(&text, &idx, &deleted, &cfg.normalize);
    t("normalize", s);
    let src = zhclean::decode::Source::from_text(text.clone());
    let s = Instant::now();
    let c = zhclean::pipeline::convert_edits(&src, &deleted, &n0, &cfg);
    t("convert_edits", s);
    eprintln!("  {} edits, {} findings", c.edits.len(), c.findings.len());
    let mut all = n0;
    all.extend(c.edits);
    let s = Instant::now();
    let set = EditSet::new(all);
    t("editset", s);
    let s = Instant::now();
    let out = set.apply(&text);
    t("apply", s);
    let s = Instant::now();
    let diff = zhclean::diff::unified(&text, &set, "f");
    t("diff", s);
    eprintln!("  out {} diff {}", out.len(), diff.len());
    let s = Instant::now();
    let _ = zhclean::clean_text(&text, &cfg);
    t("clean_text total", s);
}
