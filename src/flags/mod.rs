//! Flag: detectors that report findings without changing text themselves.
//!
//! - [`placeholder`]: redaction placeholders (`X镇`, `*米`, `关键词2` …), findings only.
//! - [`boilerplate`]: web-scrape boilerplate lines; `clean` deletes the lines they flag.
//!
//! Both read the decoded original and return findings whose spans are byte ranges of it.

pub mod boilerplate;
mod gates;
pub mod placeholder;
mod syntax;
mod text;

use std::sync::Arc;

/// A detector's data: a commented text file under `dictionaries/` built in, which users
/// extend with lines of the same syntax.
pub trait DataFile: Clone + Default + 'static {
    /// The built-in data, parsed once.
    fn builtin() -> &'static Self;

    /// Adds one line of the data file's syntax (`n` is its 1-based number, for messages).
    fn add_line(&mut self, raw: &str, n: usize) -> Result<(), String>;

    /// Parses a built-in file; a bad line there is a bug, so it panics naming the file.
    fn parse_builtin(text: &str, name: &str) -> Self {
        Self::default().parse_into(text, name)
    }

    /// [`DataFile::parse_builtin`] into `self` as it is (a data set with options of its own).
    fn parse_into(mut self, text: &str, name: &str) -> Self {
        for (n, line) in text.lines().enumerate() {
            if let Err(e) = self.add_line(line, n + 1) {
                panic!("{name}: {e}");
            }
        }
        self
    }

    /// Checks a user's extra lines (`zhclean.toml`); one message per bad line.
    fn check_extra(lines: &[String]) -> Vec<String> {
        Self::with_extra(lines).err().unwrap_or_default()
    }

    /// The built-in data plus `lines`, compiled once; one message per bad line.
    fn with_extra(lines: &[String]) -> Result<Self, Vec<String>> {
        let mut d = Self::builtin().clone();
        let errors: Vec<String> = lines
            .iter()
            .enumerate()
            .filter_map(|(n, l)| d.add_line(l, n + 1).err())
            .collect();
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }
}

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
