//! SARIF 2.1.0, with `columnKind: unicodeCodePoints` (columns count Unicode scalar
//! values, as every zhclean position does) and one rule entry per rule id.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

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

/// One result, serialized through these borrowed structs (a `serde_json::Value` per
/// result took 15 s and 15 GB for the 1.3 million findings of a 32 MB tree).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
    locations: [Location<'a>; 1],
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Properties<'a> {
    kind: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
}

/// Writes a SARIF log one result per line, as files finish: a run over a large corpus
/// never holds its results.
pub struct StreamWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> StreamWriter<W> {
    /// Writes the log's head: the tool, its rules, and the opening of the results.
    pub fn begin(mut out: W) -> io::Result<Self> {
        let rules: Vec<_> = Rule::ALL
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
        let driver = json!({
            "name": "zhclean",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://crates.io/crates/zhclean",
            "rules": rules,
        });
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n    \"tool\": {{ \"driver\": {} }},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [",
            serde_json::to_string(&driver)?
        )?;
        Ok(StreamWriter { out, first: true })
    }

    /// Writes one file's results.
    pub fn file(&mut self, file: &FileReport) -> io::Result<()> {
        let uri = uri(&file.path);
        for f in &file.findings {
            let rule_index = Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0);
            self.result(&SarifResult {
                rule_id: f.rule.as_str(),
                rule_index,
                level: level(f.severity),
                message: Text { text: &f.message },
                properties: Some(Properties { kind: &f.kind }),
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: &uri },
                        region: Some(Region {
                            start_line: f.span.line,
                            start_column: f.span.column,
                            end_line: f.span.end_line,
                            end_column: f.span.end_column,
                            snippet: (!f.text.is_empty()).then_some(Text { text: &f.text }),
                        }),
                    },
                }],
            })?;
        }
        for p in &file.problems {
            self.result(&SarifResult {
                rule_id: "encoding",
                rule_index: 0,
                level: "error",
                message: Text { text: p },
                properties: None,
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: &uri },
                        region: None,
                    },
                }],
            })?;
        }
        Ok(())
    }

    fn result(&mut self, r: &SarifResult) -> io::Result<()> {
        self.out.write_all(if self.first {
            b"\n      "
        } else {
            b",\n      "
        })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, r)?;
        Ok(())
    }

    /// Closes the results, the run and the log.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"\n    ]\n  }]\n}\n")?;
        Ok(self.out)
    }
}

/// Renders a whole log in memory.
pub fn render(files: &[FileReport]) -> String {
    let mut w = StreamWriter::begin(Vec::new()).expect("writing to memory");
    for f in files {
        w.file(f).expect("writing to memory");
    }
    String::from_utf8(w.finish().expect("writing to memory")).expect("SARIF is UTF-8")
}
