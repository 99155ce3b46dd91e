//! Redaction placeholders. (Interface only; the detector is being written.)
use super::FlagOptions;
use crate::edit::LineIndex;
use crate::report::Finding;

/// Finds redaction placeholders in `text`.
pub fn find(_text: &str, _index: &LineIndex, _opts: &FlagOptions) -> Vec<Finding> {
    Vec::new()
}
