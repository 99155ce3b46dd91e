//! Small text helpers shared by the detectors and their data parsers.

use crate::convert::{ConfigName, Converter};

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

/// Whitespace, including NBSP and U+3000, plus the zero-width characters scrapes leave.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Full-width ASCII (`：`, `＞`, `Ａ`, `１`) folded to ASCII; other characters unchanged.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Traditional → Simplified (OpenCC t2s) when `s` has any non-ASCII character.
pub(crate) fn t2s(s: &str) -> String {
    if s.is_ascii() {
        s.to_string()
    } else {
        Converter::get(ConfigName::T2s).convert(s)
    }
}

/// HTML entities a scrape may leave in text (`首页&nbsp;&gt;&nbsp;政务公开`).
const ENTITIES: [(&str, &str); 8] = [
    ("&nbsp;", " "),
    ("&ensp;", " "),
    ("&emsp;", " "),
    ("&gt;", ">"),
    ("&lt;", "<"),
    ("&raquo;", "»"),
    ("&quot;", "\""),
    ("&amp;", "&"),
];

/// The form lines and phrases are compared in: HTML entities decoded, spaces and
/// zero-width characters removed, full-width ASCII folded, Traditional converted to
/// Simplified.
pub(crate) fn normalize(s: &str) -> String {
    let mut decoded = std::borrow::Cow::Borrowed(s);
    if s.contains('&') {
        for (entity, rep) in ENTITIES {
            if decoded.contains(entity) {
                decoded = decoded.replace(entity, rep).into();
            }
        }
    }
    let folded: String = decoded
        .chars()
        .filter(|&c| !is_space(c))
        .map(fold_width)
        .collect();
    t2s(&folded)
}

/// CJK ideographs (via the converter module's definition).
pub(crate) fn is_han(c: char) -> bool {
    crate::convert::is_han(c)
}

/// Chinese punctuation and brackets: CJK symbols, full-width forms, curly quotes, dashes
/// and ellipses. A mask next to one of these sits in Chinese text.
pub(crate) fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2026)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_start_at_line_start_or_after_space() {
        assert_eq!(strip_comment("# all"), "");
        assert_eq!(strip_comment("mask X X  # note"), "mask X X  ");
        assert_eq!(
            strip_comment("contains custom C#语言"),
            "contains custom C#语言"
        );
    }

    #[test]
    fn normalize_removes_spaces_folds_and_converts() {
        assert_eq!(normalize("索 引 号："), "索引号:");
        assert_eq!(normalize("标\u{3000}\u{3000}题"), "标题");
        assert_eq!(normalize("附件下載："), "附件下载:");
        assert_eq!(
            normalize("首页\u{a0}\u{a0}＞\u{200B}政务公开"),
            "首页>政务公开"
        );
    }
}
