//! The data files' line syntax, shared with `build.rs` (which includes this file to read
//! the built-in boilerplate rules' expressions ahead of time, see [`super::gates`]).

/// The part of a data-file line before its comment: a `#` at the start or after a space
/// starts one (so `#` inside a value, as in `C#`, is kept).
pub(crate) fn strip_comment(line: &str) -> &str {
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_space {
            return &line[..i];
        }
        prev_space = c.is_whitespace();
    }
    line
}
