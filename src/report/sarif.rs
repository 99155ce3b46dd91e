//! SARIF 2.1.0, with `columnKind: unicodeCodePoints` (columns count Unicode scalar
//! values, as every zhclean position does) and one rule entry per rule id.

use serde_json::{json, Value};

use super::{FileReport, Rule, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI for a path (forward slashes, spaces and `%` escaped).
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            _ => out.push(c),
        }
    }
    out
}

pub fn render(files: &[FileReport]) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.as_str(),
                "name": r.as_str(),
                "shortDescription": { "text": r.description() },
                "defaultConfiguration": { "level": level(r.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        for f in &file.findings {
            let rule_index = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0);
            let mut region = json!({
                "startLine": f.span.line,
                "startColumn": f.span.column,
                "endLine": f.span.end_line,
                "endColumn": f.span.end_column,
            });
            if !f.text.is_empty() {
                region["snippet"] = json!({ "text": f.text });
            }
            results.push(json!({
                "ruleId": f.rule.as_str(),
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": { "text": f.message },
                "properties": { "kind": f.kind },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&file.path) },
                        "region": region,
                    }
                }],
            }));
        }
        for p in &file.problems {
            results.push(json!({
                "ruleId": "encoding",
                "ruleIndex": 0,
                "level": "error",
                "message": { "text": p },
                "locations": [{
                    "physicalLocation": { "artifactLocation": { "uri": uri(&file.path) } }
                }],
            }));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "zhclean",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/zhclean",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serializes");
    s.push('\n');
    s
}
