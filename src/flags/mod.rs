//! Flag: detectors that report findings without changing text themselves.
//!
//! - [`placeholder`]: redaction placeholders (`X镇`, `*米`, `关键词2` …), findings only.
//! - [`boilerplate`]: web-scrape boilerplate lines; `clean` deletes the lines they flag.
//!
//! Both read the decoded original and return findings whose spans are byte ranges of it.

pub mod boilerplate;
pub mod placeholder;
mod text;

use std::sync::Arc;

/// The detectors' data with a user's additions (from `zhclean.toml`), compiled once.
/// `None` means the built-in data alone.
#[derive(Debug, Clone, Default)]
pub struct FlagOptions {
    pub placeholders: Option<Arc<placeholder::Data>>,
    pub boilerplate: Option<Arc<boilerplate::Data>>,
}

impl FlagOptions {
    /// Compiles extra placeholder lines (syntax of `dictionaries/placeholders.txt`) and
    /// extra boilerplate lines (syntax of `dictionaries/boilerplate.txt`). Errors name the
    /// setting and the line.
    pub fn new(
        extra_placeholders: &[String],
        extra_boilerplate: &[String],
    ) -> Result<FlagOptions, Vec<String>> {
        let mut errors = Vec::new();
        let mut opts = FlagOptions::default();
        if !extra_placeholders.is_empty() {
            match placeholder::Data::with_extra(extra_placeholders) {
                Ok(d) => opts.placeholders = Some(Arc::new(d)),
                Err(e) => errors.extend(e.into_iter().map(|m| format!("[placeholder] extra, {m}"))),
            }
        }
        if !extra_boilerplate.is_empty() {
            match boilerplate::Data::with_extra(extra_boilerplate) {
                Ok(d) => opts.boilerplate = Some(Arc::new(d)),
                Err(e) => errors.extend(e.into_iter().map(|m| format!("[boilerplate] extra, {m}"))),
            }
        }
        if errors.is_empty() {
            Ok(opts)
        } else {
            Err(errors)
        }
    }
}
