//! Checks the fuzz targets share: a strict unified-diff applier and the invariants every
//! finding must keep. They return `Err(reason)` instead of panicking so the targets can
//! print the input's context before they fail.

use zhclean::edit::LineIndex;
use zhclean::report::Finding;

/// Applies a unified diff, as zhclean writes it, to `original`.
///
/// Stricter than `patch`: context and removed lines must match the original exactly, hunk
/// headers must be in order and their line counts (old and new side) must equal the lines
/// the hunk holds, and the new-side start must agree with the text built so far.
pub fn apply_unified(original: &str, diff: &str) -> Result<String, String> {
    if diff.is_empty() {
        return Ok(original.to_string());
    }
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let lines: Vec<&str> = diff.split_inclusive('\n').collect();
    if lines.len() < 3 || !lines[0].starts_with("--- ") || !lines[1].starts_with("+++ ") {
        return Err(format!(
            "diff does not start with ---/+++ headers: {:?}",
            &lines[..lines.len().min(2)]
        ));
    }
    let mut out = String::new();
    let mut out_lines = 0usize; // lines written to `out`
    let mut next_old = 0usize; // 0-based index of the next original line to copy
    let mut i = 2;
    while i < lines.len() {
        let h = lines[i];
        let (old_start, old_count, new_start, new_count) =
            parse_header(h).ok_or_else(|| format!("bad hunk header {h:?}"))?;
        // `-0,0` (or `-N,0`) means "insert after line N".
        let first = if old_count == 0 {
            old_start
        } else {
            old_start
                .checked_sub(1)
                .ok_or_else(|| format!("hunk starts at line 0: {h:?}"))?
        };
        if first < next_old || first > old.len() {
            return Err(format!(
                "hunk {h:?} out of order or past the end (next old line {}, {} lines)",
                next_old + 1,
                old.len()
            ));
        }
        while next_old < first {
            out.push_str(old[next_old]);
            next_old += 1;
            out_lines += 1;
        }
        let want_new_first = if new_count == 0 {
            new_start
        } else {
            new_start.saturating_sub(1)
        };
        if want_new_first != out_lines {
            return Err(format!(
                "hunk {h:?}: new side starts at line {} but {} lines precede it",
                want_new_first + 1,
                out_lines
            ));
        }
        i += 1;
        let (mut seen_old, mut seen_new) = (0usize, 0usize);
        // Which side the last body line belongs to, for "\ No newline at end of file".
        let mut last: Option<char> = None;
        while i < lines.len() && !lines[i].starts_with("@@ ") {
            let l = lines[i];
            if l.starts_with('\\') {
                match last.take() {
                    Some(' ') => {
                        // A context line without a newline: the last line of both files.
                        if !out.ends_with('\n') {
                            return Err("\\ marker after a line without \\n".into());
                        }
                        out.pop();
                    }
                    Some('+') => {
                        if !out.ends_with('\n') {
                            return Err("\\ marker after a line without \\n".into());
                        }
                        out.pop();
                    }
                    Some('-') => {} // checked against the original below
                    _ => return Err(format!("stray {l:?}")),
                }
                i += 1;
                continue;
            }
            let (tag, body) = l.split_at(1);
            if !body.ends_with('\n') {
                return Err(format!("diff line without newline {l:?}"));
            }
            let no_newline_next = lines.get(i + 1).is_some_and(|n| n.starts_with('\\'));
            if tag == " " || tag == "-" {
                let want = *old.get(next_old).ok_or_else(|| {
                    format!("{l:?} past the end of the original ({} lines)", old.len())
                })?;
                let matches = if no_newline_next {
                    body.strip_suffix('\n') == Some(want) && next_old + 1 == old.len()
                } else {
                    body == want
                };
                if !matches {
                    return Err(format!(
                        "line {l:?} does not match original line {} {want:?}",
                        next_old + 1
                    ));
                }
            }
            match tag {
                " " => {
                    out.push_str(body);
                    next_old += 1;
                    seen_old += 1;
                    seen_new += 1;
                    out_lines += 1;
                }
                "-" => {
                    next_old += 1;
                    seen_old += 1;
                }
                "+" => {
                    out.push_str(body);
                    seen_new += 1;
                    out_lines += 1;
                }
                _ => return Err(format!("bad diff line {l:?}")),
            }
            last = tag.chars().next();
            i += 1;
        }
        if (seen_old, seen_new) != (old_count, new_count) {
            return Err(format!(
                "hunk {h:?} holds {seen_old} old and {seen_new} new lines"
            ));
        }
    }
    while next_old < old.len() {
        out.push_str(old[next_old]);
        next_old += 1;
    }
    Ok(out)
}

/// `@@ -a,b +c,d @@ anything` → (a, b, c, d); a missing count is 1.
fn parse_header(h: &str) -> Option<(usize, usize, usize, usize)> {
    let rest = h.strip_prefix("@@ -")?;
    let (old, rest) = rest.split_once(" +")?;
    let (new, _) = rest.split_once(" @@")?;
    let side = |s: &str| -> Option<(usize, usize)> {
        match s.split_once(',') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => Some((s.parse().ok()?, 1)),
        }
    };
    let (a, b) = side(old)?;
    let (c, d) = side(new)?;
    Some((a, b, c, d))
}

/// Every finding's span is inside `text`, on char boundaries, ordered, `text` is what it
/// spans, and its line/column positions are the index's.
pub fn check_finding(text: &str, index: &LineIndex, f: &Finding) -> Result<(), String> {
    let s = f.span;
    if s.byte_start > s.byte_end || s.byte_end > text.len() {
        return Err(format!(
            "{f:?}: span outside the text ({} bytes)",
            text.len()
        ));
    }
    if !text.is_char_boundary(s.byte_start) || !text.is_char_boundary(s.byte_end) {
        return Err(format!("{f:?}: span not on char boundaries"));
    }
    if text[s.byte_start..s.byte_end] != *f.text {
        return Err(format!(
            "{f:?}: text is not the spanned {:?}",
            &text[s.byte_start..s.byte_end]
        ));
    }
    let a = index.position(text, s.byte_start);
    let b = index.position(text, s.byte_end);
    if (a.line, a.column, b.line, b.column) != (s.line, s.column, s.end_line, s.end_column) {
        return Err(format!(
            "{f:?}: positions differ from the index ({a:?}, {b:?})"
        ));
    }
    Ok(())
}

/// A boilerplate finding spans exactly one whole line's content (without its ending).
pub fn check_whole_line(text: &str, index: &LineIndex, f: &Finding) -> Result<(), String> {
    let line = f.span.line - 1;
    let r = index.line_range(text, line);
    if (f.span.byte_start, f.span.byte_end) != (r.start, r.end) {
        return Err(format!(
            "{f:?}: not the whole line {} ({r:?} {:?})",
            line + 1,
            &text[r.clone()]
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_a_diff_with_no_newline_markers() {
        let orig = "a\nb\nc";
        let diff =
            "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n-b\n-c\n\\ No newline at end of file\n+c\n";
        assert_eq!(apply_unified(orig, diff).unwrap(), "a\nc\n");
        let diff = "--- a/f\n+++ b/f\n@@ -3 +3 @@\n-c\n\\ No newline at end of file\n+d\n\\ No newline at end of file\n";
        assert_eq!(apply_unified(orig, diff).unwrap(), "a\nb\nd");
    }

    #[test]
    fn refuses_wrong_context_and_counts() {
        let orig = "a\nb\n";
        let bad_context = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n x\n-b\n+c\n";
        assert!(apply_unified(orig, bad_context).is_err());
        let bad_count = "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n-b\n+c\n";
        assert!(apply_unified(orig, bad_count).is_err());
        let good = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n";
        assert_eq!(apply_unified(orig, good).unwrap(), "a\nc\n");
    }

    #[test]
    fn agrees_with_zhclean_on_real_text() {
        let config = zhclean::Config::default();
        let doc = "当前位置：首页 > 政务公开\n鬆江鎮2021年工作總結\u{a0}\r\n\n\n\nX镇\r\n末行";
        let cleaned = zhclean::clean_text(doc, &config);
        assert_ne!(cleaned.text, doc);
        assert_eq!(
            apply_unified(doc, &cleaned.diff("f.txt")).unwrap(),
            cleaned.text
        );
    }
}
