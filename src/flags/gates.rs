//! The gates of a boilerplate rule's regular expression, read from its syntax: the
//! characters every match starts with, and a literal every match holds. A line that fails
//! a gate is not tried with the expression (see `boilerplate::LazyRegex`).
//!
//! `build.rs` includes this file to read the built-in rules' gates ahead of time into an
//! image that a run reads back ([`read_image`]): parsing the built-in file's 180-odd
//! expressions was 11 of the 28 million instructions of cleaning one 16 KiB file. A
//! user's extra expressions are read when loaded.

/// Most characters a gate of [`first_chars`] holds; an expression that may start with
/// more (`^[0-9]{4}…`, ten) is gated if it stays within this.
pub(crate) const GATE_MAX_CHARS: usize = 32;

/// An expression's gates; `None` where its syntax says nothing (or it does not parse: its
/// error comes when it is compiled).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Gates {
    /// The characters a match can start with, sorted, when the expression says so.
    pub(crate) first: Option<Box<[char]>>,
    /// A literal every match holds, the longest found, when there is one.
    pub(crate) inner: Option<Box<str>>,
}

/// Reads the gates of the expression `src`.
pub(crate) fn gates(src: &str) -> Gates {
    let hir = regex_syntax::parse(src).ok();
    Gates {
        first: hir.as_ref().and_then(|hir| first_chars(src, hir)),
        inner: hir
            .as_ref()
            .and_then(required_literal)
            .and_then(|lit| String::from_utf8(lit).ok())
            .map(String::into_boxed_str),
    }
}

/// The longest literal that every match of `hir` holds: a literal, or one from a part of a
/// concatenation that cannot be skipped (not an alternation, nor a repetition that may
/// be empty). `None` when there is none.
fn required_literal(hir: &regex_syntax::hir::Hir) -> Option<Vec<u8>> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_vec()),
        HirKind::Capture(c) => required_literal(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required_literal(&r.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(required_literal)
            .max_by_key(Vec::len),
        _ => None,
    }
}

/// The characters every match of `re` starts with, anchored at the start (`^`): from its
/// prefix literals (`^建议` → 建; `^[↑↓]*(点击|长按)` → ↑ ↓ 点 长). `None` when a match
/// may start with anything (`^(原创)?.{1,30}…`) or be empty.
fn first_chars(re: &str, hir: &regex_syntax::hir::Hir) -> Option<Box<[char]>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    if !re.starts_with('^') {
        return None;
    }
    // Every match starts at the line's start (not so for `^a|b`).
    if !hir
        .properties()
        .look_set_prefix()
        .contains(regex_syntax::hir::Look::Start)
    {
        return None;
    }
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let mut set = Vec::new();
    for lit in seq.literals()? {
        // (A literal may end inside a character; its first is whole or it is none.)
        let c = match std::str::from_utf8(lit.as_bytes()) {
            Ok(s) => s.chars().next()?,
            Err(e) => std::str::from_utf8(&lit.as_bytes()[..e.valid_up_to()])
                .ok()?
                .chars()
                .next()?,
        };
        set.push(c);
    }
    set.sort_unstable();
    set.dedup();
    (set.len() <= GATE_MAX_CHARS).then(|| set.into_boxed_slice())
}

/// The expressions of the `regex` rules of a data file in the boilerplate syntax (`regex
/// CATEGORY EXPRESSION`, comments from a `#` at a line's start or after a space), as the
/// detector reads them. (Used by `build.rs` and the tests.)
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn data_regexes(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|raw| {
            let mut parts = super::syntax::strip_comment(raw)
                .trim()
                .splitn(3, char::is_whitespace);
            (parts.next() == Some("regex"))
                .then(|| parts.nth(1).map(str::trim))
                .flatten()
                .filter(|p| !p.is_empty())
        })
        .collect()
}

/// No gate: written as this count.
const NONE: u32 = u32::MAX;

/// The image of the gates of `exprs`: for each, its length and bytes, then the first
/// characters (their count, or [`NONE`], then each as a `u32`), then the literal (its
/// length or [`NONE`], then its bytes); all numbers little-endian. (Made by `build.rs`.)
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn image(exprs: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let put = |out: &mut Vec<u8>, n: u32| out.extend_from_slice(&n.to_le_bytes());
    for src in exprs {
        let g = gates(src);
        put(&mut out, src.len() as u32);
        out.extend_from_slice(src.as_bytes());
        match &g.first {
            Some(cs) => {
                put(&mut out, cs.len() as u32);
                cs.iter().for_each(|&c| put(&mut out, c as u32));
            }
            None => put(&mut out, NONE),
        }
        match &g.inner {
            Some(lit) => {
                put(&mut out, lit.len() as u32);
                out.extend_from_slice(lit.as_bytes());
            }
            None => put(&mut out, NONE),
        }
    }
    out
}

/// The expressions and gates an [`image`] holds.
pub(crate) fn read_image(mut bytes: &[u8]) -> Vec<(&str, Gates)> {
    fn take<'a>(bytes: &mut &'a [u8], n: usize) -> &'a [u8] {
        let (head, rest) = bytes.split_at(n);
        *bytes = rest;
        head
    }
    fn num(bytes: &mut &[u8]) -> u32 {
        u32::from_le_bytes(take(bytes, 4).try_into().expect("four bytes"))
    }
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let n = num(&mut bytes) as usize;
        let src = std::str::from_utf8(take(&mut bytes, n)).expect("an image of UTF-8");
        let first = match num(&mut bytes) {
            NONE => None,
            k => Some(
                (0..k)
                    .map(|_| char::from_u32(num(&mut bytes)).expect("a character"))
                    .collect(),
            ),
        };
        let inner = match num(&mut bytes) {
            NONE => None,
            k => Some(
                std::str::from_utf8(take(&mut bytes, k as usize))
                    .expect("an image of UTF-8")
                    .into(),
            ),
        };
        out.push((src, Gates { first, inner }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_reads_back_as_written() {
        let exprs = [
            "^建议.*访问$",
            "^.{1,12}打开APP$",
            "^(原创)?.{1,30}$",
            "^[↑↓]*(点击|长按).{0,16}关注$",
            "^(unclosed",
        ];
        let bytes = image(&exprs);
        let back = read_image(&bytes);
        assert_eq!(back.len(), exprs.len());
        for ((src, g), want) in back.iter().zip(exprs) {
            assert_eq!(*src, want);
            assert_eq!(*g, gates(want));
        }
        assert!(back[0].1.first.is_some() && back[1].1.inner.is_some());
        assert_eq!(back[4].1, Gates::default(), "a bad expression has no gates");
    }

    #[test]
    fn the_data_files_expressions_are_its_regex_rules() {
        let text = "# a comment\nregex footer ^a$   # trailing\nline footer 首页\n  regex x ^b#c$\nregexfoo x y\n";
        assert_eq!(data_regexes(text), ["^a$", "^b#c$"]);
    }
}
