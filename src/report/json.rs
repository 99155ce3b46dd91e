//! The JSON report: `{"version":1,"files":[…],"summary":{…}}`.
//!
//! Each finding carries `rule`, `kind`, `severity`, `line`, `column`, `end_line`,
//! `end_column` (1-based, columns in Unicode scalar values of the decoded original, end
//! exclusive), `byte_start`, `byte_end`, `text`, `message` and, when there is one, `fix`.

use serde::Serialize;

use super::{FileReport, Summary};

/// The report's schema version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    zhclean: Option<&'a RunInfo>,
    files: &'a [FileReport],
    summary: &'a Summary,
}

/// What produced a report: the version and the configuration's fingerprint.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    pub version: &'static str,
    pub config: String,
}

/// Renders the whole report as pretty JSON.
pub fn render(files: &[FileReport], summary: &Summary, run: Option<&RunInfo>) -> String {
    let mut s = serde_json::to_string_pretty(&Report {
        version: VERSION,
        zhclean: run,
        files,
        summary,
    })
    .expect("report serializes");
    s.push('\n');
    s
}
