//! Baselines: today's findings recorded by content, so that `check --baseline` hides
//! exactly those and a corpus can adopt the check without fixing its history.
//!
//! A finding's fingerprint is FNV-1a over its rule, kind, text and the trimmed content of
//! its line, not its line number, so it survives lines moving. Each fingerprint is
//! recorded with a count: two identical findings in a file need two entries' worth.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{FileReport, Finding};

/// FNV-1a, 64 bit: a fingerprint that stays the same across Rust versions and machines.
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for &b in p.as_bytes().iter().chain(std::iter::once(&0xFFu8)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// Findings recorded by content, so they stay suppressed when lines move.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    version: u32,
    entries: Vec<BaselineEntry>,
    /// The entries of each path: a file is filtered by its own entries, not by a pass
    /// over every entry of the corpus.
    #[serde(skip)]
    by_path: HashMap<String, Vec<usize>>,
    /// The path last added and where each of its fingerprints is among the entries: a
    /// file added in parts counts its identical findings together.
    #[serde(skip)]
    last: Option<(String, HashMap<String, usize>)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct BaselineEntry {
    path: String,
    rule: String,
    text: String,
    /// FNV-1a of rule, kind, text and the trimmed content of the finding's line.
    fingerprint: String,
    /// How many identical findings the file had.
    count: usize,
}

fn fingerprint(report: &FileReport, f: &Finding) -> String {
    let line = report.line_text(f.span.line).unwrap_or("").trim();
    fnv1a(&[f.rule.as_str(), &f.kind, &f.text, line])
}

impl Baseline {
    pub fn from_reports<'a>(reports: impl Iterator<Item = &'a FileReport>) -> Baseline {
        let mut b = Baseline::new();
        for r in reports {
            b.add(r);
        }
        b
    }

    /// An empty baseline, to [`Baseline::add`] reports to as they are made.
    pub fn new() -> Baseline {
        Baseline {
            version: 1,
            entries: Vec::new(),
            by_path: HashMap::new(),
            last: None,
        }
    }

    /// Records a file's findings (or a part of them: the parts of one file come one
    /// after the other).
    pub fn add(&mut self, r: &FileReport) {
        if self.last.as_ref().is_none_or(|(p, _)| *p != r.path) {
            self.last = Some((r.path.clone(), HashMap::new()));
        }
        let (_, at) = self.last.as_mut().expect("set above");
        let first = self.entries.len();
        for f in &r.findings {
            let fp = fingerprint(r, f);
            match at.get(&fp) {
                Some(&i) => self.entries[i].count += 1,
                None => {
                    at.insert(fp.clone(), self.entries.len());
                    self.entries.push(BaselineEntry {
                        path: r.path.clone(),
                        rule: f.rule.as_str().to_string(),
                        text: f.text.to_string(),
                        fingerprint: fp,
                        count: 1,
                    });
                }
            }
        }
        if self.entries.len() > first {
            self.by_path
                .entry(r.path.clone())
                .or_default()
                .extend(first..self.entries.len());
        }
    }

    /// Number of distinct fingerprints recorded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("baseline serializes");
        s.push('\n');
        s
    }

    pub fn load(path: &std::path::Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "{}: cannot read baseline: {}",
                path.display(),
                crate::walk::io_message(&e)
            )
        })?;
        let mut b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a zhclean baseline: {e}", path.display()))?;
        if b.version != 1 {
            return Err(format!(
                "{}: unsupported baseline version {}",
                path.display(),
                b.version
            ));
        }
        for (i, e) in b.entries.iter().enumerate() {
            b.by_path.entry(e.path.clone()).or_default().push(i);
        }
        Ok(b)
    }

    /// Removes the findings the baseline records (each recorded one at most `count` times).
    pub fn filter(&self, report: &mut FileReport) {
        let mut budget = self.budget(&report.path);
        self.filter_with(&mut budget, report);
    }

    /// How many findings of each fingerprint the baseline hides in the file at `path`.
    pub fn budget(&self, path: &str) -> HashMap<&str, usize> {
        let mut budget: HashMap<&str, usize> = HashMap::new();
        for &i in self.by_path.get(path).into_iter().flatten() {
            let e = &self.entries[i];
            *budget.entry(e.fingerprint.as_str()).or_default() += e.count;
        }
        budget
    }

    /// [`Baseline::filter`] for a part of a file's findings, drawing on the file's
    /// `budget` (see [`Baseline::budget`]), which the parts share.
    pub fn filter_with(&self, budget: &mut HashMap<&str, usize>, report: &mut FileReport) {
        if budget.is_empty() {
            return;
        }
        let fps: Vec<String> = report
            .findings
            .iter()
            .map(|f| fingerprint(report, f))
            .collect();
        let mut keep = fps.iter().map(|fp| match budget.get_mut(fp.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        report.findings.retain(|_| keep.next().unwrap());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::LineIndex;
    use crate::report::Rule;

    fn report(text: &str, needle: &str) -> FileReport {
        let idx = LineIndex::new(text);
        let mut r = FileReport::new("a.txt");
        for (i, _) in text.match_indices(needle) {
            r.findings.push(Finding::new(
                Rule::Placeholder,
                "number",
                text,
                &idx,
                i,
                i + needle.len(),
                "m",
            ));
        }
        r.capture_lines(text, &idx);
        r
    }

    #[test]
    fn suppresses_exactly_recorded_findings_even_after_lines_move() {
        let before = report(
            "共X名党员
",
            "X",
        );
        let b = Baseline::from_reports([&before].into_iter());
        // The same line moved down, and a new finding on a new line.
        let mut after = report(
            "新增一行
共X名党员
发放X元
",
            "X",
        );
        b.filter(&mut after);
        assert_eq!(after.findings.len(), 1);
        assert_eq!(after.findings[0].span.line, 3);
    }

    #[test]
    fn counts_duplicates() {
        let before = report(
            "共X名
", "X",
        );
        let b = Baseline::from_reports([&before].into_iter());
        let mut after = report(
            "共X名
共X名
",
            "X",
        );
        b.filter(&mut after);
        assert_eq!(
            after.findings.len(),
            1,
            "one of two identical findings is new"
        );
    }

    #[test]
    fn round_trips_through_json() {
        let b = Baseline::from_reports([&report("共X名\n", "X")].into_iter());
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("b.json");
        std::fs::write(&p, b.to_json()).unwrap();
        assert_eq!(Baseline::load(&p).unwrap().len(), 1);
        std::fs::write(&p, "{}").unwrap();
        assert!(Baseline::load(&p).unwrap_err().contains("b.json"));
    }

    #[test]
    fn a_loaded_baseline_filters_only_its_own_paths_and_sums_a_path_given_twice() {
        let one = report("共X名\n", "X");
        // The same path twice (a file named twice on the command line): two findings.
        let b = Baseline::from_reports([&one, &one].into_iter());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.json");
        std::fs::write(&path, b.to_json()).unwrap();
        let loaded = Baseline::load(&path).unwrap();
        let mut after = report("共X名\n共X名\n共X名\n", "X");
        loaded.filter(&mut after);
        assert_eq!(after.findings.len(), 1);
        let mut other = report("共X名\n", "X");
        other.path = "b.txt".into();
        loaded.filter(&mut other);
        assert_eq!(other.findings.len(), 1, "another file's findings stay");
    }
}
