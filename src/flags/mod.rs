//! Flag: detectors that report findings without changing text themselves.
//!
//! - [`placeholder`]: redaction placeholders (`X镇`, `*米`, `关键词2` …), findings only.
//! - [`boilerplate`]: web-scrape boilerplate lines; `clean` deletes the lines they flag.
//!
//! Both read the decoded original and return findings whose spans are byte ranges of it.

pub mod boilerplate;
pub mod placeholder;
mod text;

/// User additions to the detectors' data (from `zhclean.toml`).
#[derive(Debug, Clone, Default)]
pub struct FlagOptions {
    /// Extra placeholder patterns (same syntax as `dictionaries/placeholders.txt`).
    pub extra_placeholders: Vec<String>,
    /// Extra boilerplate phrases (same syntax as `dictionaries/boilerplate.txt`).
    pub extra_boilerplate: Vec<String>,
}
