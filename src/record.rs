//! One cleaned document as a self-contained record: the cleaned text, the findings (the
//! same fields as the JSON report's), the counts, and lists of what was converted and
//! removed.
//!
//! This is the shape that leaves the process whole rather than as files: `zhclean clean
//! --jsonl` writes it (without the text) as the `zhclean` object of each output line, and
//! the Python package returns it. Building it in one place keeps the two identical.

use serde::Serialize;

use crate::config::Config;
use crate::pipeline::Cleaned;
use crate::report::{Applicability, Changes, Finding, Rule};

/// A run of Traditional characters and what conversion made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conversion {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub from: String,
    pub to: String,
}

/// A line removed as boilerplate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    /// 1-based line of the decoded original.
    pub line: usize,
    /// The boilerplate kind (`breadcrumb`, `share`, `duplicate-title` …).
    pub kind: String,
    /// The line as it was, without its line ending.
    pub text: String,
}

/// Everything one clean says about one document.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The cleaned text.
    pub text: String,
    /// Whether the cleaned text differs from the decoded original.
    pub changed: bool,
    /// The detected or forced encoding, for documents given as bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    /// What the JSON report lists for the document: placeholders, boilerplate, encoding
    /// and gate findings (every conversion and whitespace edit too with `all_findings`).
    pub findings: Vec<Finding>,
    pub changes: Changes,
    /// Each run of converted characters, in order.
    pub converted: Vec<Conversion>,
    /// Each removed line, in order.
    pub removed: Vec<Removal>,
}

impl Record {
    /// Builds the record of a cleaned document. `all_findings` lists every conversion
    /// and whitespace edit as a finding too (like `clean --report-all`).
    pub fn new(cleaned: Cleaned, config: &Config, all_findings: bool) -> Record {
        let from_bytes = cleaned.detection.is_some();
        let changed = !cleaned.edits.is_empty();
        let text = cleaned.source.text.as_str();
        let index = &cleaned.source.index;
        // Straight from the edit set (not through findings): the list is the same whether
        // or not the `traditional` rule reports, and a Traditional document has many runs.
        let conversions =
            crate::pipeline::conversion_changes(&cleaned.source, &cleaned.edits, config);
        let converted = crate::pipeline::group_runs(text, conversions.into_iter())
            .into_iter()
            .map(|(r, to)| {
                let a = index.position(text, r.start);
                let b = index.position(text, r.end);
                Conversion {
                    line: a.line,
                    column: a.column,
                    end_line: b.line,
                    end_column: b.column,
                    byte_start: r.start,
                    byte_end: r.end,
                    from: text[r].to_string(),
                    to,
                }
            })
            .collect();
        let removed = cleaned
            .findings
            .iter()
            .filter(|f| {
                f.rule == Rule::Boilerplate
                    && f.fix
                        .as_ref()
                        .is_some_and(|x| x.applicability == Applicability::Safe)
            })
            .map(|f| Removal {
                line: f.span.line,
                kind: f.kind.to_string(),
                text: f.text.to_string(),
            })
            .collect();
        let findings = if all_findings {
            cleaned.all_findings(config)
        } else {
            cleaned.findings
        };
        Record {
            changed,
            encoding: from_bytes.then(|| cleaned.source.encoding.name().to_string()),
            confidence: from_bytes.then(|| cleaned.source.confidence.as_str().to_string()),
            findings,
            changes: cleaned.changes,
            converted,
            removed,
            text: cleaned.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_lists_conversions_and_removed_lines() {
        let config = Config::default();
        let text = "当前页面: 首页 > 政务公开 > 工作报告\n鬆江鎮完成X名困難群眾幫扶\n";
        let r = Record::new(crate::clean_text(text, &config), &config, false);
        assert_eq!(r.text, "松江镇完成X名困难群众帮扶\n");
        assert!(r.changed);
        assert_eq!(r.encoding, None);
        assert_eq!(r.removed.len(), 1);
        assert_eq!(r.removed[0].line, 1);
        assert_eq!(r.removed[0].kind, "breadcrumb");
        let froms: Vec<&str> = r.converted.iter().map(|c| c.from.as_str()).collect();
        assert_eq!(froms, ["鬆江鎮", "難群眾幫"]);
        assert_eq!(r.converted[0].to, "松江镇");
        assert_eq!((r.converted[0].line, r.converted[0].column), (2, 1));
        assert!(r.findings.iter().any(|f| f.rule == Rule::Placeholder));
        assert!(r.findings.iter().all(|f| f.rule != Rule::Traditional));
        let all = Record::new(crate::clean_text(text, &config), &config, true);
        assert!(all.findings.iter().any(|f| f.rule == Rule::Traditional));
    }

    #[test]
    fn conversions_are_listed_when_the_rule_does_not_report() {
        let mut config = Config::default();
        config.rules.insert(
            "traditional".into(),
            crate::config::RuleSection {
                enabled: false,
                severity: None,
            },
        );
        let r = Record::new(crate::clean_text("方麵\n", &config), &config, true);
        assert_eq!(r.text, "方面\n");
        assert_eq!(r.converted.len(), 1);
        assert!(r.findings.iter().all(|f| f.rule != Rule::Traditional));
    }

    #[test]
    fn clean_text_is_unchanged() {
        let config = Config::default();
        let r = Record::new(crate::clean_text("松江镇\n", &config), &config, false);
        assert!(!r.changed);
        assert!(r.converted.is_empty() && r.removed.is_empty() && r.findings.is_empty());
    }
}
