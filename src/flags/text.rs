//! Small text helpers shared by the detectors and their data parsers.

use crate::convert::{ConfigName, Converter};

pub(crate) use super::syntax::strip_comment;

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

/// The form lines and phrases are compared in: HTML entities and Markdown decoded (see
/// [`decode_markup`]), spaces and zero-width characters removed, full-width ASCII folded,
/// Traditional converted to Simplified.
///
/// t2s changes Han characters only, each into one Han character (checked against its
/// dictionaries in this module's tests), so the normalised form has exactly the characters
/// of `strip_fold(&decode_markup(s))` but for the Han ones: its length in characters and
/// everything else about it can be read off that form without converting.
pub(crate) fn normalize(s: &str) -> String {
    t2s(&strip_fold(&decode_markup(s)))
}

/// `s` as a reader of the page sees it: HTML entities decoded (see [`decode_entities`])
/// and, in a page converted to Markdown, a link's text for the link (`[政务公开](https://…)`
/// → `政务公开`, `[打印](javascript:;)` → `打印`), no image, and no heading mark (`###
/// 相关阅读`), bold around the whole line (`**相关文件**`) or list mark before a link
/// (`- [标题](…)`). A line of images and nothing
/// else reads as their alternative text, which is all a scrape keeps of what they show
/// (a linked logo `[![青溪县人民政府](logo.png)](/)`, `![扫一扫在手机打开当前页](qr.png)`).
/// Borrowed when nothing changes.
pub(crate) fn decode_markup(s: &str) -> std::borrow::Cow<'_, str> {
    let decoded = decode_entities(s);
    if !markdown_like(&decoded) {
        return decoded;
    }
    std::borrow::Cow::Owned(strip_markdown(&decoded))
}

/// Whether `s` may hold Markdown that [`decode_markup`] reads: a link, a heading mark, a
/// list item's mark, or a text browser's numbered link.
pub(crate) fn markdown_like(s: &str) -> bool {
    let t = s.trim_start_matches(is_space);
    s.contains("](")
        || t.starts_with('#')
        || (t.starts_with("**") && bold_line(t.trim_end_matches(is_space)).is_some())
        || list_item(t).is_some()
        || lynx_marked(s)
        || opening_tag(t).is_some()
}

/// The length of the HTML tag `t` opens with, a paragraph's or a heading's as jusText
/// writes them (`<p> 發佈時間：…`, `<h> 標題`): `<`, one to four lower-case letters or
/// digits, `>`.
fn opening_tag(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    let name = b[1..]
        .iter()
        .take(5)
        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .count();
    ((1..=4).contains(&name) && b[1].is_ascii_lowercase() && b.get(1 + name) == Some(&b'>'))
        .then_some(2 + name)
}

/// The text of a list item (`* 首页`, `-   [政务公开](…)`, `• 网站地图`: a mark, then spaces),
/// `t` starting at its mark. Not a rule or a page number framed by the mark (`* * *`,
/// `- 2 -`).
fn list_item(t: &str) -> Option<&str> {
    // (Not `+`: `+ 订阅` and `+ 关注` are a follow button's, read whole.)
    let mark = t.chars().next().filter(|c| matches!(c, '*' | '-' | '•'))?;
    let rest = &t[mark.len_utf8()..];
    let item = rest.trim_start_matches(is_space);
    (item.len() < rest.len()
        && !item.trim_end_matches(is_space).ends_with(mark)
        && !item.is_empty())
    .then_some(item)
}

/// Whether `s` holds a numbered link as lynx and links write them (`[12]首页`,
/// `[6][logo]`): `[`, one to four digits, `]`, then more than a space.
fn lynx_marked(s: &str) -> bool {
    memchr::memchr_iter(b'[', s.as_bytes()).any(|i| lynx_mark_len(&s[i..]).is_some())
}

/// The length of the numbered link mark `s` starts with, if it starts with one.
fn lynx_mark_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b[1..]
        .iter()
        .take(5)
        .take_while(|c| c.is_ascii_digit())
        .count();
    ((1..=4).contains(&digits)
        && b.get(1 + digits) == Some(&b']')
        && b.get(2 + digits)
            .is_some_and(|&c| !matches!(c, b'(' | b']') && !c.is_ascii_whitespace()))
    .then_some(2 + digits)
}

/// `s` without its numbered link marks (see [`lynx_marked`]).
fn strip_lynx(s: &str) -> std::borrow::Cow<'_, str> {
    if !lynx_marked(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        match lynx_mark_len(&rest[i..]) {
            Some(n) => rest = &rest[i + n..],
            None => {
                out.push('[');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The text of a line that is all bold (`**相关文件**`), if it is one: what is between the
/// delimiters holds no asterisk (`****` and `**12**万元` are masks).
fn bold_line(t: &str) -> Option<&str> {
    let inner = t.strip_prefix("**")?.strip_suffix("**")?;
    (!inner.is_empty() && !inner.contains('*') && !inner.starts_with(is_space)).then_some(inner)
}

/// The byte offset of the `)` that closes a link's URL (`u` starts after its `(`): the
/// first with every `(` inside closed (`javascript:window.print()`).
fn url_end(u: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in u.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => return Some(i),
            b')' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn strip_markdown(s: &str) -> String {
    let mut t = s.trim_start_matches(is_space);
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(is_space) {
        t = t[hashes..].trim_start_matches(is_space);
    }
    if let Some(n) = opening_tag(t) {
        t = t[n..].trim_start_matches(is_space);
    }
    let unmarked = strip_lynx(t);
    let mut t: &str = &unmarked;
    if let Some(item) = list_item(t) {
        t = item;
    }
    if let Some(inner) = bold_line(t.trim_end_matches(is_space)) {
        t = inner;
    }
    let (shown, images) = strip_images(t, false);
    let out = strip_links(&shown);
    if images && out.trim_matches(is_space).is_empty() {
        return strip_links(&strip_images(t, true).0);
    }
    out
}

/// `s` with each image `![alt](src)` replaced by its `alt` (`keep_alt`) or by nothing, and
/// whether it held one. An image inside a link's text (`[![logo](a.png)](/)`) leaves the
/// link for [`strip_links`].
fn strip_images(s: &str, keep_alt: bool) -> (std::borrow::Cow<'_, str>, bool) {
    if !s.contains("![") {
        return (std::borrow::Cow::Borrowed(s), false);
    }
    let (out, found) = replace_inline(s, "![", |alt| if keep_alt { alt } else { "" });
    (std::borrow::Cow::Owned(out), found)
}

/// `s` with each link `[text](url)` replaced by its text.
fn strip_links(t: &str) -> String {
    replace_inline(t, "[", |text| text).0
}

/// `s` with each inline `{open}text](url)` (a link `[text](url)`, an image `![alt](src)`)
/// replaced by `show(text)`, and whether it held one: left to right, the text without
/// brackets, the URL up to its `)` (see [`url_end`]).
fn replace_inline<'s>(s: &'s str, open: &str, show: impl Fn(&'s str) -> &'s str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut found = false;
    // (Each step moves past an `open`, or past a link, and a `]` or URL end not found ends
    // the search: linear in the line.)
    while let Some(at) = rest.find(open) {
        let after = &rest[at + open.len()..];
        let Some(close) = after.find(']') else {
            break;
        };
        let (text, tail) = (&after[..close], &after[close + 1..]);
        if let Some(inner) = text.rfind(open) {
            // A nearer one starts inside: go on from it.
            out.push_str(&rest[..at + open.len() + inner]);
            rest = &after[inner..];
            continue;
        }
        let Some(u) = tail.strip_prefix('(').filter(|_| !text.contains('[')) else {
            out.push_str(&rest[..at + open.len()]);
            rest = after;
            continue;
        };
        let Some(end) = url_end(u) else {
            break;
        };
        out.push_str(&rest[..at]);
        out.push_str(show(text));
        found = true;
        rest = &u[end + 1..];
    }
    out.push_str(rest);
    (out, found)
}

/// `s` with the HTML entities a scrape may leave decoded (the first step of [`normalize`]);
/// borrowed when `s` has no `&`.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    let mut decoded = std::borrow::Cow::Borrowed(s);
    if s.contains('&') {
        for (entity, rep) in ENTITIES {
            if decoded.contains(entity) {
                decoded = decoded.replace(entity, rep).into();
            }
        }
    }
    decoded
}

/// Lead bytes of the characters [`strip_fold`] changes: ASCII whitespace, and the first
/// byte of every other [`is_space`] character (U+0085, U+00A0: C2; U+1680: E1;
/// U+2000–U+2060: E2; U+3000: E3; U+FEFF: EF) and of full-width ASCII (U+FF01–U+FF5E: EF).
const STRIP_FOLD_LEADS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x09;
    while b <= 0x0D {
        t[b] = true;
        b += 1;
    }
    t[0x20] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// `s` without spaces and zero-width characters, full-width ASCII folded; borrowed when
/// nothing changes. Only characters starting with a [`STRIP_FOLD_LEADS`] byte are decoded;
/// the runs between are copied whole.
fn strip_fold(s: &str) -> std::borrow::Cow<'_, str> {
    let bytes = s.as_bytes();
    let mut out = String::new();
    let mut copied = 0; // bytes of `s` already in `out` (or dropped)
    let mut i = 0;
    while i < bytes.len() {
        if !STRIP_FOLD_LEADS[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let c = s[i..]
            .chars()
            .next()
            .expect("a lead byte starts a character");
        let w = c.len_utf8();
        let folded = fold_width(c);
        if is_space(c) || folded != c {
            if out.is_empty() {
                out.reserve(s.len());
            }
            out.push_str(&s[copied..i]);
            if !is_space(c) {
                out.push(folded);
            }
            copied = i + w;
        }
        i += w;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    std::borrow::Cow::Owned(out)
}

/// By a character's first byte, its length in bytes when it is neither ASCII nor one
/// [`strip_fold`] may change (2 to 4); 0 for ASCII and the [`STRIP_FOLD_LEADS`] bytes (and for
/// continuation bytes, which start no character).
const PLAIN_WIDTH: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0xC0;
    while b < 256 {
        t[b] = if STRIP_FOLD_LEADS[b] {
            0
        } else if b >= 0xF0 {
            4
        } else if b >= 0xE0 {
            3
        } else {
            2
        };
        b += 1;
    }
    t
};

/// Calls `f` with each character of `strip_fold(s)` that is ASCII or starts with a
/// [`STRIP_FOLD_LEADS`] byte (decoded and folded), in order, and returns how many other
/// characters it holds (not ASCII and left alone by [`strip_fold`]; stepped over by their
/// lead byte, not decoded). For reading facts about a normalised line in one pass without
/// building it.
///
/// `f` also gets the number of other characters before its character, and returns whether
/// to go on: when it returns `false` the scan stops, returning the other characters before
/// that character.
pub(crate) fn scan_stripped(s: &str, mut f: impl FnMut(char, usize) -> bool) -> usize {
    let bytes = s.as_bytes();
    let mut others = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // `i` is on a character boundary: `b` is ASCII or a lead byte.
        let w = PLAIN_WIDTH[b as usize];
        if w != 0 {
            others += 1;
            i += w as usize;
        } else if b < 0x80 {
            // (A table hit is ASCII whitespace.)
            if !STRIP_FOLD_LEADS[b as usize] && !f(b as char, others) {
                break;
            }
            i += 1;
        } else {
            let c = s[i..]
                .chars()
                .next()
                .expect("a lead byte starts a character");
            i += c.len_utf8();
            if !is_space(c) && !f(fold_width(c), others) {
                break;
            }
        }
    }
    others
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

/// A character that separates a table's cells in a text dump: a comma or semicolon (CSV),
/// a bar, or a box-drawing line (`│3│俞×军│`).
pub(crate) fn is_cell_edge(c: char) -> bool {
    matches!(c, ',' | ';' | '|' | '\u{2581}'..='\u{258F}') || is_box_drawing(c)
}

/// Whether `c` draws a table's box (`┌ ─ ┬ │ ├ ┼ └`), as w3m and elinks render tables.
pub(crate) fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257F}').contains(&c)
}

/// The cells of a line laid out with spaces (a menu, a table's row): split at runs of
/// two spaces or more, or of one ideographic space or tab; empty cells dropped.
pub(crate) fn spaced_cells(raw: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_space(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut wide = c == '\u{3000}' || c == '\t';
        let mut n = 1;
        while let Some(&(j, d)) = chars.peek() {
            if !is_space(d) {
                break;
            }
            wide |= d == '\u{3000}' || d == '\t';
            n += 1;
            end = j + d.len_utf8();
            chars.next();
        }
        if wide || n >= 2 {
            items.push(&raw[start..i]);
            start = end;
        }
    }
    items.push(&raw[start..]);
    items.retain(|i| !i.is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines with spaces, full-width forms, invisible and odd characters, every line of
    /// the seeds, and `extra`.
    fn samples(extra: &[&str]) -> Vec<String> {
        let mut samples: Vec<String> = [
            "",
            "索 引 号：",
            "标\u{3000}\u{3000}题",
            "首页\u{a0}\u{a0}＞\u{200B}政务公开\u{feff}",
            "ＡＢＣ１２３，。；！“”—…\u{2028}\u{85}\u{1680}x",
            "plain ascii\ttext\r",
        ]
        .iter()
        .chain(extra)
        .map(|s| s.to_string())
        .collect();
        for text in crate::testing::seed_texts() {
            samples.extend(text.lines().map(str::to_string));
        }
        samples
    }

    #[test]
    fn comments_start_at_line_start_or_after_space() {
        assert_eq!(strip_comment("# all"), "");
        assert_eq!(strip_comment("mask X X  # note"), "mask X X  ");
        assert_eq!(
            strip_comment("contains custom C#语言"),
            "contains custom C#语言"
        );
    }

    /// The skipping [`strip_fold`] equals filtering and folding every character.
    #[test]
    fn strip_fold_matches_char_by_char() {
        let plain = |s: &str| -> String {
            s.chars()
                .filter(|&c| !is_space(c))
                .map(fold_width)
                .collect()
        };
        // Every character starting with a byte the table does not mark is left alone.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            if !STRIP_FOLD_LEADS[lead as usize] {
                assert!(!is_space(c) && fold_width(c) == c, "{c:?}");
            }
        }
        for s in &samples(&[]) {
            assert_eq!(strip_fold(s), plain(s), "{s}");
        }
    }

    /// [`scan_stripped`] gives [`strip_fold`]'s ASCII characters and the ones it may touch,
    /// and counts the rest.
    #[test]
    fn scan_stripped_sees_strip_folds_characters() {
        let samples = samples(&["¢é𠀀𠀀ſK\u{2060}\u{200d}｡｢"]);
        let decoded = |c: &char| {
            let mut buf = [0u8; 4];
            c.is_ascii() || STRIP_FOLD_LEADS[c.encode_utf8(&mut buf).as_bytes()[0] as usize]
        };
        for s in &samples {
            let want = strip_fold(s);
            let mut got = String::new();
            let mut before = Vec::new();
            let others = scan_stripped(s, |c, n| {
                got.push(c);
                before.push(n);
                true
            });
            assert_eq!(got, want.chars().filter(decoded).collect::<String>(), "{s}");
            assert_eq!(others, want.chars().filter(|c| !decoded(c)).count(), "{s}");
            // The other characters before each, and a stop at each.
            let mut n = 0;
            for (k, c) in want.chars().enumerate().take(300) {
                if decoded(&c) {
                    let j = want.chars().take(k).filter(decoded).count();
                    assert_eq!(before[j], n, "{s}");
                    let mut seen = 0;
                    let stopped = scan_stripped(s, |_, _| {
                        seen += 1;
                        seen <= j
                    });
                    assert_eq!((seen, stopped), (j + 1, n), "{s}");
                } else {
                    n += 1;
                }
            }
        }
    }

    /// What [`normalize`]'s doc promises of t2s: every key and value of the dictionaries
    /// the t2s chain uses (compatibility-ideograph normalisation, then OpenCC's phrases,
    /// characters and zhclean's overrides: `convert::dictionary_entries`) has as many
    /// characters as the other, and at each place both are Han characters or both the same
    /// other character (a guard's title bracket: 著有《 stays 著有《). So conversion maps Han
    /// characters one for one to Han characters and leaves every other character where it
    /// is.
    #[test]
    fn t2s_changes_han_one_for_one() {
        let mut entries = 0;
        for (key, value) in crate::convert::dictionary_entries(crate::convert::ConfigName::T2s) {
            assert_eq!(key.chars().count(), value.chars().count(), "{key}\t{value}");
            assert!(
                key.chars()
                    .zip(value.chars())
                    .all(|(k, v)| (is_han(k) && is_han(v)) || k == v),
                "{key}\t{value}"
            );
            entries += 1;
        }
        assert!(entries > 6000, "{entries}");
        // And the converter itself, on text mixing Han with everything else.
        let t = "臺灣。乾隆，著作：ABC！１２３《國語》、“說話”𠀀 x";
        let c = t2s(t);
        assert_eq!(c.chars().count(), t.chars().count());
        for (a, b) in t.chars().zip(c.chars()) {
            assert!(a == b || (is_han(a) && is_han(b)), "{a} {b}");
        }
        assert_ne!(c, t);
    }

    #[test]
    fn markdown_reads_as_its_text() {
        for (md, text) in [
            ("[政务公开](https://www.qx.gov.cn/zwgk/)", "政务公开"),
            (
                "[打印](javascript:window.print()) [关闭](javascript:;)",
                "打印 关闭",
            ),
            ("### 相关阅读", "相关阅读"),
            ("- [标题](http://x/a_(1).html)", "标题"),
            ("![](a.png)图片说明", "图片说明"),
            ("[[嵌套](u)", "[嵌套"),
            ("[无链接] 文字", "[无链接] 文字"),
            ("[未闭合](http://x", "[未闭合](http://x"),
            ("#不是标题", "#不是标题"),
            ("x[1](2)[3", "x1[3"),
            (
                "[![安澜区人民政府](/images/logo.png)](https://x/)",
                "安澜区人民政府",
            ),
            (
                "![扫一扫在手机打开当前页](qr.png)",
                "扫一扫在手机打开当前页",
            ),
            ("- ![logo](a.png) ![](b.png)", "logo "),
            ("[![打印图标](p.gif) 打印](javascript:;)", " 打印"),
            ("![图[1]](a.png)", "![图[1]](a.png)"),
            ("![![a](b)](c)", "!"),
            ("**相关文件**", "相关文件"),
            // Text browsers' numbered links, list items' marks.
            ("   [11]首页 [12]走进泾河", "首页 走进泾河"),
            ("[6][logo]", "[logo]"),
            ("     * [5]首页", "首页"),
            ("-   [政务公开](../zwgk/)", "政务公开"),
            ("• 网站地图", "网站地图"),
            ("根据文件[1] 的要求", "根据文件[1] 的要求"),
            ("- 2 -", "- 2 -"),
            ("* * *", "* * *"),
            ("+ 订阅", "+ 订阅"),
            (
                "<h> 鬆溪鎮2023年鄉村振興工作報告",
                "鬆溪鎮2023年鄉村振興工作報告",
            ),
            ("<p> 上一篇：…", "上一篇：…"),
            ("<政务公开>", "<政务公开>"),
            ("**12**万元", "**12**万元"),
            ("****", "****"),
        ] {
            assert_eq!(decode_markup(md), text, "{md}");
        }
        assert!(matches!(
            decode_markup("首页 > 政务公开"),
            std::borrow::Cow::Borrowed(_)
        ));
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
