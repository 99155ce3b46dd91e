//! Web-scrape boilerplate lines. (Interface only; the detector is being written.)
use super::FlagOptions;
use crate::edit::LineIndex;
use crate::report::Finding;

/// Finds boilerplate lines in `text`; each finding spans one whole line (without its ending).
pub fn find(_text: &str, _index: &LineIndex, _opts: &FlagOptions) -> Vec<Finding> {
    Vec::new()
}
