//! Redaction placeholders: masked numbers, names and codes (`X镇`, `X月X日`, `*米`, `S*`, `○○吨`,
//! `20xx年`, `××`) and scraped keyword tokens (`关键词2`).
//!
//! The data (masking symbols, the words that give a mask its meaning, look-alikes) lives in
//! `dictionaries/placeholders.txt`; its header documents the syntax. A run of masking
//! symbols is judged by what stands next to it:
//!
//! - **strong** context names what was hidden: a unit or measure word after it (`X名`,
//!   `*万元`, `X%`, `XM`), a date part (`X月`, `20xx年`), a place or office suffix (`X镇`,
//!   `X书记`), a Latin code letter before it (`S*`), another mask joined to it by a range
//!   or decimal sign (`X-X头`, `x.x%`), or, for a run of one or two, a surname before it
//!   (`李××`, a masked given name);
//! - **weak** context is a mask standing among Chinese text with nothing to say what it is
//!   (`推动X经济`, `“*”工作目标`), or a run alone between spaces in a line of Chinese (a
//!   table cell `教育支出\t**\t**`, a name list `出席：XXX　XXX`). A weak run counts only
//!   when the same document masks with the same family of symbols at least
//!   [`MIN_STRONG_IN_DOCUMENT`] times with strong context: that is how the document uses
//!   the symbol. In a document that explains the symbol as its own mark (a `mark` line of
//!   the data: `带“*”的科目`), a lone weak one at a word's edge is that mark.
//!
//! Digits hidden inside an identifier (`137****8587`, `3301**********1234`,
//! `91330110MA2H****5K`) are a `privacy-mask`: not a figure, but still hidden.
//!
//! Never a mask: a symbol next to a formula sign (`1+N+X`, `1+X证书`), between or before
//! digits otherwise (`4×4`, `×100%`, `415X`), inside
//! Latin words (`XML`, `SpaceX`), a look-alike from the data (`X射线`, `X光`), Markdown
//! emphasis (`**重点**`) and list bullets (`* 项`).

use std::cell::OnceCell;
use std::sync::Arc;
use std::sync::OnceLock;

use regex::Regex;

use super::text::{is_cell_edge, is_cjk_punct, is_han, is_space, spaced_cells, strip_comment, t2s};
use super::{DataFile, FlagOptions};
use crate::convert::ends::EndLists;
use crate::edit::LineIndex;
use crate::report::{Finding, Rule, Span};
use rustc_hash::{FxHashMap, FxHashSet};

/// Strong uses of a symbol family a document needs before weak ones count.
pub const MIN_STRONG_IN_DOCUMENT: usize = 2;

/// How many characters of context around a mask are compared with the word lists.
const CONTEXT_CHARS: usize = 8;

static BUILTIN_TEXT: &str = include_str!("../../dictionaries/placeholders.txt");

/// Finds redaction placeholders in `text`.
pub fn find(text: &str, index: &LineIndex, opts: &FlagOptions) -> Vec<Finding> {
    find_with_room(text, index, opts, 0)
}

/// [`find`], returning a list with room for `room` more findings (the caller's own), so
/// that adding them does not copy a list of hundreds of thousands.
pub fn find_with_room(
    text: &str,
    index: &LineIndex,
    opts: &FlagOptions,
    room: usize,
) -> Vec<Finding> {
    let data: &Data = match &opts.placeholders {
        Some(d) => d,
        None => Data::builtin(),
    };
    let (out, pass) = find_pass(text, index, data, room, Bold::Pairs);
    // A document that masks with asterisks in clear context (`*镇`, `***万元`) and shows no
    // other Markdown: its `**` pairs are masks too (`**区**路***号`, `主办：**县…技术支持：
    // **县`), but for a label in bold (`**特别提醒**：`). Found again without pairing them.
    if pass.paired && pass.star_strong >= MIN_STRONG_IN_DOCUMENT && !markdown_syntax(text) {
        return find_pass(text, index, data, room, Bold::Labels).0;
    }
    out
}

/// A line without the Markdown escapes before its asterisks (`陈\*\*` read as `陈**`), and
/// where each of its bytes was in the line as written.
struct Unescaped {
    text: String,
    /// The written offset of each byte of `text`, and of its end.
    written: Vec<usize>,
}

impl Unescaped {
    /// `line` unescaped, if it escapes an asterisk.
    fn of(line: &str) -> Option<Unescaped> {
        let b = line.as_bytes();
        memchr::memmem::find(b, b"\\*")?;
        let mut text = String::with_capacity(line.len());
        let mut written = Vec::with_capacity(line.len() + 1);
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\\' && b.get(i + 1) == Some(&b'*') {
                i += 1;
            }
            // Whole characters: a backslash is ASCII, so `i` is at a character's start.
            let c = line[i..].chars().next().unwrap_or_default();
            text.push(c);
            written.extend(i..i + c.len_utf8());
            i += c.len_utf8();
        }
        written.push(b.len());
        Some(Unescaped { text, written })
    }

    /// The offset in `text` of the written byte `p`, if it was kept.
    fn position(&self, p: usize) -> Option<usize> {
        self.written.binary_search(&p).ok()
    }

    /// The written span of `text[start..end]`, with the escape before its first asterisk.
    fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.written[start];
        // (Only backslashes are left out: a byte left out just before is one.)
        let escaped = self.text.as_bytes().get(start) == Some(&b'*')
            && s > 0
            && (start == 0 || self.written[start - 1] + 1 < s);
        let e = if end == 0 {
            0
        } else {
            self.written[end - 1] + 1
        };
        (if escaped { s - 1 } else { s }, e)
    }
}

/// Which `**` pairs [`markdown_runs`] reads as bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bold {
    Pairs,
    /// Only a pair opening a line: a heading or a label (`**一、总体要求**`,
    /// `**特别提醒**：`, `**重点工作**取得成效`).
    Labels,
}

/// What a pass saw that decides whether to pair `**` as bold.
struct Pass {
    /// Some `**` pair was read as bold.
    paired: bool,
    /// Asterisk masks in clear context, other than `**`.
    star_strong: usize,
}

/// Whether the text shows Markdown other than bold: an ATX heading (`## 标题`), a link
/// (`[文字](http…)`) or a code fence.
fn markdown_syntax(text: &str) -> bool {
    text.contains("](")
        || text.contains("```")
        || text.lines().any(|l| {
            let hashes = l.bytes().take_while(|&b| b == b'#').count();
            (1..=6).contains(&hashes) && l.as_bytes().get(hashes) == Some(&b' ')
        })
}

fn find_pass(
    text: &str,
    index: &LineIndex,
    data: &Data,
    room: usize,
    bold: Bold,
) -> (Vec<Finding>, Pass) {
    // Only lines holding a masking symbol or a keyword can have mask or keyword
    // candidates: find those lines with a few SIMD searches over the whole text instead
    // of walking every character of every line. Patterns (user extras) can match
    // anything, so with patterns every line is still scanned for them.
    // The same searches give every mask's position, so a line's runs are found without
    // decoding its characters.
    let hits = data.triggers().find(text, index);
    // A heavily masked file has hundreds of thousands of findings. They go straight into
    // the list returned, allocated once: a separate list of candidates would be held
    // beside it at the run's peak, and a list grown by doubling is copied, old and new
    // held at once. Its size: at most one finding per run of adjacent masks and one per
    // keyword, and at most one per 16 bytes of text, so that text made of masks
    // (`X X X …`, a hex dump) does not reserve many times its size. Patterns (user
    // extras) may add any number: then the list grows.
    let bound = if data.patterns.is_empty() {
        let runs = hits
            .masks
            .windows(2)
            .filter(|w| Some(w[1]) != char_at(text, w[0]).map(|c| w[0] + c.len_utf8()))
            .count()
            + usize::from(!hits.masks.is_empty());
        (runs + hits.keywords.len()).min(text.len() / 16 + 1)
    } else {
        0
    };
    let mut out: Vec<Finding> = Vec::with_capacity(bound + room);
    // The weak candidates (index in `out`, family): kept only if the document masks with
    // their family elsewhere in clear context, which is known at the end.
    let mut weak: Vec<(usize, usize)> = Vec::new();
    let mut strong = vec![0usize; data.families.len()];
    let mut explained = vec![false; data.families.len()];
    let star = data.mask('*').map(|m| m.family);
    let mut pass = Pass {
        paired: false,
        star_strong: 0,
    };
    let mut masks: Vec<usize> = Vec::new();
    let mut line_cands: Vec<Candidate> = Vec::new();
    // In a text that does algebra (`3x+20=4x−25`, `求x`), a lower-case x is its unknown:
    // looked for once, at the first candidate that is one.
    let mut algebra: Option<bool> = None;
    let mut scan = |i: usize, hit: bool| {
        let range = index.line_range(text, i);
        let line = &text[range.clone()];
        let mut keyword = false;
        masks.clear();
        if hit {
            let ms = hits.masks_in(&range);
            masks.extend(ms.iter().map(|&p| p - range.start));
            keyword = !hits.keywords_in(&range).is_empty();
        }
        line_cands.clear();
        // Markdown converters escape the asterisks of masks (`陈\*\*`, `xsms\*\*\*@163.com`):
        // read the line without the escapes, and give each finding its span in the line as
        // written, escapes included.
        let unescaped = if masks.is_empty() {
            None
        } else {
            Unescaped::of(line)
        };
        if let Some(u) = &unescaped {
            let ms: Vec<usize> = masks.iter().filter_map(|&p| u.position(p)).collect();
            pass.paired |= scan_line(data, &u.text, 0, &ms, keyword, bold, &mut line_cands);
            for c in &mut line_cands {
                let (s, e) = u.span(c.start, c.end);
                c.start = range.start + s;
                c.end = range.start + e;
            }
        } else {
            pass.paired |= scan_line(
                data,
                line,
                range.start,
                &masks,
                keyword,
                bold,
                &mut line_cands,
            );
        }
        // The line's end may cut a look-alike in two (a PDF's hard wrap).
        let next_line = &text[range.end..];
        let next_line = next_line
            .strip_prefix("\r\n")
            .or_else(|| next_line.strip_prefix('\n'))
            .unwrap_or("");
        for c in line_cands.drain(..) {
            if c.family.is_some()
                && c.end + 8 >= range.end
                && !next_line.is_empty()
                && look_alike_across_break(
                    data,
                    line,
                    c.start - range.start,
                    c.end - range.start,
                    next_line,
                )
            {
                continue;
            }
            // (Only a lone x: an unknown is one letter, while `xx路` and `310xxx` are masks
            // even beside an equation.)
            if &text[c.start..c.end] == "x" && *algebra.get_or_insert_with(|| does_algebra(text)) {
                continue;
            }
            match (c.strength, c.family) {
                (Strong, Some(f)) => {
                    strong[f] += 1;
                    if Some(f) == star && &text[c.start..c.end] != "**" {
                        pass.star_strong += 1;
                    }
                }
                (Weak, Some(f)) => weak.push((out.len(), f)),
                (Explained, Some(f)) => {
                    explained[f] = true;
                    continue;
                }
                _ => {}
            }
            out.push(Finding::new(
                Rule::Placeholder,
                c.kind,
                text,
                index,
                c.start,
                c.end,
                c.message,
            ));
        }
    };
    if data.patterns.is_empty() {
        for &i in &hits.lines {
            scan(i, true);
        }
    } else {
        let mut next = hits.lines.iter().peekable();
        for i in 0..index.line_count() {
            let hit = next.next_if(|&&t| t == i).is_some();
            scan(i, hit);
        }
    }
    if weak.is_empty() {
        return (out, pass);
    }
    // `{message}; the document masks with {family} {n} times in clear context`
    let suffixes: Vec<Arc<str>> = (0..data.families.len())
        .map(|f| {
            concat(&[
                "; the document masks with ",
                &data.families[f],
                " ",
                itoa(strong[f], &mut [0u8; 20]),
                " times in clear context",
            ])
        })
        .collect();
    let mut dropped: Vec<bool> = Vec::new();
    // A lone symbol of a family the document explains as its mark, at a word's edge (a
    // space, a line's edge or punctuation on one side: `农林水支出*\t`, `，*数据为`) is that
    // mark; between two Han characters (`能力*管`) or alone in a cell (`T40\t*\t8,500`)
    // it may still be a mask.
    // Nor after one Han character opening a cell, a line or a word, or a compound
    // surname: a surname (`\t周*\t`, `欧阳*`), not an item's name (`农林水支出*`, `二级*`).
    let mark = |s: &Span| {
        let (a, b) = (s.byte_start, s.byte_end);
        let (prev, next) = (char_before(text, a), char_at(text, b));
        // The start of the `k` characters before the span.
        let back = |k: usize| {
            text[..a]
                .char_indices()
                .rev()
                .nth(k - 1)
                .map_or(0, |(i, _)| i)
        };
        let opens =
            |k: usize| char_before(text, back(k)).is_none_or(|c| is_space(c) || is_cjk_punct(c));
        // (Counted up to three: a long run of Han text is no name.)
        let han = text[..a]
            .chars()
            .rev()
            .take(3)
            .take_while(|&c| is_han(c))
            .count();
        let surname = match han {
            1 => opens(1),
            2 => opens(2) && data.compound_surname_before(text, a),
            _ => false,
        };
        // (Nor the first part of a joined figure: `*,***`, `*.*%`.)
        let joined = next.is_some_and(|c| data.joiners.contains(c) || c == ',')
            && next
                .and_then(|c| char_at(text, b + c.len_utf8()))
                .is_some_and(|c| data.mask(c).is_some());
        let lone = text[a..b].chars().nth(1).is_none();
        let inside = prev.is_some_and(is_han) && next.is_some_and(is_han);
        let alone = prev.is_none_or(is_space) && next.is_none_or(is_space);
        lone && !(joined || inside || alone || surname)
    };
    for &(i, f) in &weak {
        if strong[f] >= MIN_STRONG_IN_DOCUMENT && !(explained[f] && mark(&out[i].span)) {
            out[i].message = concat(&[&out[i].message, &suffixes[f]]);
        } else {
            if dropped.is_empty() {
                dropped.resize(out.len(), false);
            }
            dropped[i] = true;
        }
    }
    if !dropped.is_empty() {
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            !dropped[i - 1]
        });
    }
    (out, pass)
}

impl DataFile for Data {
    fn builtin() -> &'static Data {
        static DATA: OnceLock<Data> = OnceLock::new();
        DATA.get_or_init(|| {
            <Data as DataFile>::parse_builtin(BUILTIN_TEXT, "dictionaries/placeholders.txt")
        })
    }

    fn add_line(&mut self, raw: &str, n: usize) -> Result<(), String> {
        Data::add_line(self, raw, n)
    }
}

use Strength::{Alone, Explained, Strong, Weak};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
    /// Kept on its own, but no evidence of how the document masks: a run after a surname
    /// (`李××`), which may also be a footnote mark after a full name (`李雷*`).
    Alone,
    /// Not a mask: a look-alike from the data holding one symbol that is no letter
    /// (`带“*”的`, `*注`). The document uses that symbol as a mark of its own, so its
    /// lone symbols of the family with only weak evidence are marks too. Never reported.
    Explained,
}

#[derive(Debug)]
struct Candidate {
    start: usize,
    end: usize,
    /// The symbol family, for document-level evidence (`None`: keyword tokens, patterns).
    family: Option<usize>,
    strength: Strength,
    kind: &'static str,
    message: Arc<str>,
}

#[derive(Debug, Clone, Copy)]
struct Mask {
    family: usize,
    /// A Latin letter: never a mask inside Latin words.
    letter: bool,
    /// A single symbol is weak evidence only.
    strict: bool,
    /// A strict symbol that is a times sign, not a box or a bullet: one after a Han
    /// character and before a count is a mask (`新建幼儿园×所`).
    times: bool,
}

/// A set of words matched at the start or end of a context string.
#[derive(Debug, Clone, Default)]
struct Words {
    set: FxHashSet<String>,
    max_chars: usize,
    /// The first and the last characters of the words: a context that starts (ends) with
    /// anything else has no word at its start (end), without hashing its prefixes.
    firsts: CharBits,
    lasts: CharBits,
    /// The words by first (last) character, longest first: the few a context can start
    /// (end) with, compared directly.
    by_first: FxHashMap<char, Vec<String>>,
    by_last: FxHashMap<char, Vec<String>>,
}

/// A set of characters: a bitset over the BMP, and whether any lies above it.
#[derive(Debug, Clone, Default)]
struct CharBits {
    bmp: Vec<u64>,
    astral: bool,
}

impl CharBits {
    fn insert(&mut self, c: char) {
        let u = c as u32;
        if u >= 0x10000 {
            self.astral = true;
            return;
        }
        if self.bmp.is_empty() {
            self.bmp = vec![0; 0x10000 / 64];
        }
        self.bmp[(u / 64) as usize] |= 1 << (u % 64);
    }

    /// Whether `c` may be in the set (astral characters always may).
    #[inline]
    fn may_contain(&self, c: char) -> bool {
        let u = c as u32;
        if u >= 0x10000 {
            return self.astral;
        }
        self.bmp
            .get((u / 64) as usize)
            .is_some_and(|w| w & (1 << (u % 64)) != 0)
    }
}

/// A set of characters: exact, unlike [`CharBits`] above the BMP.
#[derive(Debug, Clone, Default)]
struct CharSet {
    bmp: CharBits,
    astral: Vec<char>,
}

impl CharSet {
    fn insert(&mut self, c: char) {
        if (c as u32) < 0x10000 {
            self.bmp.insert(c);
        } else if !self.astral.contains(&c) {
            self.astral.push(c);
        }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        if (c as u32) < 0x10000 {
            self.bmp.may_contain(c)
        } else {
            self.astral.contains(&c)
        }
    }
}

impl Words {
    fn add(&mut self, w: &str) {
        self.max_chars = self.max_chars.max(w.chars().count());
        if let (Some(a), Some(z)) = (w.chars().next(), w.chars().next_back()) {
            self.firsts.insert(a);
            self.lasts.insert(z);
            if !self.set.contains(w) {
                for (map, c) in [(&mut self.by_first, a), (&mut self.by_last, z)] {
                    let ws = map.entry(c).or_default();
                    ws.push(w.to_string());
                    // Stable: longest first.
                    ws.sort_by_key(|w| std::cmp::Reverse(w.len()));
                }
            }
        }
        self.set.insert(w.to_string());
    }

    /// The longest word `s` starts with. Of two words `s` starts with, one starts the
    /// other, so the longest in bytes is the longest in characters.
    fn prefix_of(&self, s: &str) -> Option<&str> {
        let c = s.chars().next()?;
        if !self.firsts.may_contain(c) {
            return None;
        }
        let ws = self.by_first.get(&c)?;
        ws.iter()
            .find(|w| s.starts_with(w.as_str()))
            .map(String::as_str)
    }

    /// The longest word `s` ends with.
    fn suffix_of<'a>(&self, s: &'a str) -> Option<&'a str> {
        let c = s.chars().next_back()?;
        if !self.lasts.may_contain(c) {
            return None;
        }
        let ws = self.by_last.get(&c)?;
        ws.iter()
            .find(|w| s.ends_with(w.as_str()))
            .map(|w| &s[s.len() - w.len()..])
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    kind: &'static str,
    re: Regex,
    /// A trailing `(?=...)`, checked at the match's end.
    lookahead: Option<Regex>,
}

/// The parsed data file.
/// The detector's data: the built-in file, plus a user's extra lines when there are any.
#[derive(Debug, Clone, Default)]
pub struct Data {
    masks: FxHashMap<char, Mask>,
    /// The same masks as a small array, for the per-character hot path.
    mask_list: Vec<(char, Mask)>,
    /// Quick rejection for [`Data::mask`]: bit `c % 128` is set for every mask `c`.
    mask_bits: u128,
    families: Vec<String>,
    number: Words,
    date: Words,
    name: Words,
    /// A business's name ends with one of these, after its trade (`××物流公司`).
    business: Words,
    unit_letters: FxHashSet<String>,
    introducers: Words,
    /// A phone's labels: a number of a phone's length after one is a masked phone.
    phone_labels: Words,
    /// Labels of a person's name in a form or a notice (`姓名`, `联系人`): a run of two to
    /// four masks that is the whole value after one and its colon is a masked name.
    name_labels: Words,
    /// Titles of office (`县长`, `局长`): a run of two to four masks right after one is
    /// the office holder's masked name.
    titles: Words,
    /// The terms of a formula (`系数`, `人数`, `比例`): a single times sign beside one is an
    /// operator (`基础标准×护理系数`, `300元×实际补贴月数`).
    formula_terms: Words,
    /// Common surnames: a short run right after one is a masked given name (李××).
    surnames: CharSet,
    /// Common two-character surnames (欧阳*明), the same way.
    compound_surnames: Vec<String>,
    /// Surnames that also end common words (周 in 本周, 林 in 森林, 叶 in 茶叶): the same,
    /// only when the surname starts a word (`课题组成员：黄**　周**　林**`).
    initial_surnames: CharSet,
    /// The one-character abbreviations of provinces that open a licence plate.
    plate_provinces: CharSet,
    joiners: CharSet,
    operators: CharSet,
    /// Look-alikes (`X射线`, `注*`), sorted by their mask.
    nots: Vec<Not>,
    /// The groups of `nots` with the same `first` character.
    not_groups: Vec<NotGroup>,
    keywords: Vec<String>,
    patterns: Vec<Pattern>,
    /// Searchers for the masks and keywords, built on first use (after every line).
    triggers: OnceLock<Triggers>,
}

/// A look-alike holding a mask symbol: the text before its first mask, and from that mask.
#[derive(Debug, Clone)]
struct Not {
    pre: String,
    post: String,
    /// The first character of `post` (a mask).
    first: char,
    /// The character after it in `post`, if any.
    second: Option<char>,
    /// The last character of `pre`, if any, and its length in characters.
    pre_last: Option<char>,
    pre_chars: usize,
    /// From a `mark` line: it explains the symbol as a mark of the document's own.
    explains: bool,
}

impl Not {
    /// Whether the run `line[start..end]` with its context `ctx` is this look-alike: the
    /// text from the run on (as written, or the run and its converted context) starts with
    /// the part from the mask, and the text before ends with the part before it. The
    /// written text is tried before converting.
    fn matches(&self, line: &str, start: usize, end: usize, ctx: &Context) -> bool {
        // A `post` that the run does not start is matched as written only: the run is
        // written text, so `run + after_s` can start with `post` only if `line[start..]` does.
        let from_run = line[start..].starts_with(&self.post)
            || self
                .post
                .strip_prefix(&line[start..end])
                .is_some_and(|rest| {
                    ctx.after_s_may_start_with(rest)
                        && ctx.after_s().is_some_and(|a| a.starts_with(rest))
                });
        from_run
            && (ctx.before_ends_with(&self.pre, self.pre_chars)
                || (ctx.before_s_may_end_with(&self.pre)
                    && ctx.before_s().is_some_and(|b| b.ends_with(&self.pre))))
    }

    /// Whether [`Not::matches`] may hold, from the characters around the run's first: it
    /// needs the character after the mask to be `second`, as written or (a run of one
    /// mask) converted, and the run's `prev` character to be the last of `pre`, as
    /// written or converted. `after` holds what the text after the mask may start with
    /// (written or converted); `before` gives what the converted text before the run may
    /// end with.
    #[inline]
    fn may_match(
        &self,
        after: &Few,
        prev: Option<char>,
        before: impl FnOnce() -> Option<Reach>,
    ) -> bool {
        self.second.is_none_or(|t| after.contains(t))
            && match self.pre_last {
                None => true,
                Some(p) => prev == Some(p) || before().is_some_and(|r| r.any(|d| d == p)),
            }
    }

    fn new(phrase: &str, off: usize, explains: bool) -> Not {
        let (pre, post) = phrase.split_at(off);
        let mut cs = post.chars();
        Not {
            pre: pre.to_string(),
            post: post.to_string(),
            first: cs.next().unwrap_or_default(),
            second: cs.next(),
            pre_last: pre.chars().next_back(),
            pre_chars: pre.chars().count(),
            explains,
        }
    }
}

/// The look-alikes whose part from the mask starts with the same mask.
#[derive(Debug, Clone)]
struct NotGroup {
    first: char,
    /// Their range in [`Data::nots`].
    nots: std::ops::Range<usize>,
    /// Their `second` characters, and whether one has none: a run whose next character
    /// is none of them (and may become none of them) is none of the look-alikes.
    seconds: Vec<char>,
    bare: bool,
}

impl NotGroup {
    /// The groups of `nots`, sorted by `first`.
    fn of(nots: &[Not]) -> Vec<NotGroup> {
        let mut out: Vec<NotGroup> = Vec::new();
        for (i, n) in nots.iter().enumerate() {
            if out.last().is_none_or(|g| g.first != n.first) {
                out.push(NotGroup {
                    first: n.first,
                    nots: i..i,
                    seconds: Vec::new(),
                    bare: false,
                });
            }
            let g = out.last_mut().expect("pushed");
            g.nots.end = i + 1;
            match n.second {
                Some(c) if !g.seconds.contains(&c) => g.seconds.push(c),
                Some(_) => {}
                None => g.bare = true,
            }
        }
        out
    }

    /// Whether a look-alike of the group may follow on with what `after` holds.
    #[inline]
    fn may_go_on(&self, after: &Few) -> bool {
        self.bare || after.all || after.cs[..after.n].iter().any(|c| self.seconds.contains(c))
    }
}

/// Finds the masking symbols and keywords of a text.
#[derive(Debug, Clone)]
struct Triggers {
    /// ASCII masks, searched with `memchr`.
    ascii: Vec<u8>,
    /// Other masks (as UTF-8), searched with `memmem`.
    seqs: Vec<memchr::memmem::Finder<'static>>,
    /// The keywords, in the data's order.
    keywords: Vec<memchr::memmem::Finder<'static>>,
    /// The keywords for the whole-text search, grouped by first character: a search for
    /// the group's longest common prefix, and its keywords compared where it is found
    /// (`关键词 关键字`: one search for `关键`).
    keyword_groups: Vec<(memchr::memmem::Finder<'static>, Vec<String>)>,
    /// The non-ASCII masks and the keywords in one SIMD pass (Teddy), and how many of its
    /// patterns (the first) are masks; `None` when two patterns could overlap (a pass
    /// finds one match at a place) or the patterns do not suit it. Seven `memmem` passes
    /// over the text took 18 of a 32 MB Traditional file's 110 ms here.
    packed: Option<(aho_corasick::packed::Searcher, usize)>,
}

/// Whether no two of `patterns` can overlap in a text: none holds another, and no end of
/// one starts another.
fn apart(patterns: &[Vec<u8>]) -> bool {
    patterns.iter().enumerate().all(|(i, a)| {
        patterns.iter().enumerate().all(|(j, b)| {
            let holds = i != j && a.windows(b.len()).any(|w| w == &b[..]);
            let joins = (1..a.len()).any(|k| b.starts_with(&a[k..]));
            !holds && !joins
        })
    })
}

/// What [`Triggers::find`] found.
struct Hits {
    /// The 0-based lines holding a mask or a keyword, sorted, without repeats.
    lines: Vec<usize>,
    /// The byte offset of every masking symbol, sorted.
    masks: Vec<usize>,
    /// Byte offsets where a keyword starts, sorted (every line holding a keyword has one).
    keywords: Vec<usize>,
}

impl Hits {
    fn in_range<'a>(v: &'a [usize], r: &std::ops::Range<usize>) -> &'a [usize] {
        let a = v.partition_point(|&p| p < r.start);
        let b = a + v[a..].partition_point(|&p| p < r.end);
        &v[a..b]
    }

    /// The masks inside `r`.
    fn masks_in(&self, r: &std::ops::Range<usize>) -> &[usize] {
        Hits::in_range(&self.masks, r)
    }

    /// The keyword matches starting inside `r`.
    fn keywords_in(&self, r: &std::ops::Range<usize>) -> &[usize] {
        Hits::in_range(&self.keywords, r)
    }
}

impl Triggers {
    fn new(data: &Data) -> Triggers {
        let mut ascii = Vec::new();
        let mut seqs = Vec::new();
        for (c, _) in &data.mask_list {
            if c.is_ascii() {
                ascii.push(*c as u8);
            } else {
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                seqs.push(memchr::memmem::Finder::new(s.as_bytes()).into_owned());
            }
        }
        let keywords = data
            .keywords
            .iter()
            .map(|k| memchr::memmem::Finder::new(k.as_bytes()).into_owned())
            .collect();
        let mut groups: Vec<(char, Vec<String>)> = Vec::new();
        for k in &data.keywords {
            let Some(c) = k.chars().next() else {
                continue; // an empty keyword matches nothing
            };
            match groups.iter_mut().find(|(g, _)| *g == c) {
                Some((_, ks)) => ks.push(k.clone()),
                None => groups.push((c, vec![k.clone()])),
            }
        }
        let keyword_groups = groups
            .into_iter()
            .map(|(_, ks)| {
                let mut prefix: &str = &ks[0];
                for k in &ks[1..] {
                    let common = prefix
                        .char_indices()
                        .zip(k.chars())
                        .find(|((_, a), b)| a != b)
                        .map_or(prefix.len().min(k.len()), |((i, _), _)| i);
                    prefix = &prefix[..common];
                }
                (
                    memchr::memmem::Finder::new(prefix.as_bytes()).into_owned(),
                    ks,
                )
            })
            .collect();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for (c, _) in data.mask_list.iter().filter(|(c, _)| !c.is_ascii()) {
            patterns.push(c.to_string().into_bytes());
        }
        let n_masks = patterns.len();
        patterns.extend(
            data.keywords
                .iter()
                .filter(|k| !k.is_empty())
                .map(|k| k.as_bytes().to_vec()),
        );
        let packed = (!patterns.is_empty() && apart(&patterns))
            .then(|| {
                let mut b = aho_corasick::packed::Config::new().builder();
                b.extend(&patterns);
                b.build()
            })
            .flatten()
            .map(|s| (s, n_masks));
        Triggers {
            ascii,
            seqs,
            keywords,
            keyword_groups,
            packed,
        }
    }

    /// The masks and keywords of `text` and the lines holding them. An ASCII byte, and a
    /// whole UTF-8 sequence of a character, only ever match at a character boundary.
    fn find(&self, text: &str, index: &LineIndex) -> Hits {
        let hay = text.as_bytes();
        let mut masks: Vec<usize> = Vec::new();
        for chunk in self.ascii.chunks(3) {
            match *chunk {
                [a] => masks.extend(memchr::memchr_iter(a, hay)),
                [a, b] => masks.extend(memchr::memchr2_iter(a, b, hay)),
                [a, b, c] => masks.extend(memchr::memchr3_iter(a, b, c, hay)),
                _ => {}
            }
        }
        let mut keywords: Vec<usize> = Vec::new();
        if let Some((searcher, n_masks)) = &self.packed {
            for m in searcher.find_iter(hay) {
                if m.pattern().as_usize() < *n_masks {
                    masks.push(m.start());
                } else {
                    keywords.push(m.start());
                }
            }
        } else {
            for f in &self.seqs {
                masks.extend(f.find_iter(hay));
            }
            for (f, ks) in &self.keyword_groups {
                match &ks[..] {
                    [_] => keywords.extend(f.find_iter(hay)),
                    _ => keywords.extend(
                        f.find_iter(hay)
                            .filter(|&p| ks.iter().any(|k| hay[p..].starts_with(k.as_bytes()))),
                    ),
                }
            }
        }
        masks.sort_unstable();
        keywords.sort_unstable();
        let mut lines: Vec<usize> = Vec::new();
        let mut line_end = 0usize; // end (exclusive) of the last line pushed
        let mut add = |p: usize, lines: &mut Vec<usize>| {
            if !lines.is_empty() && p < line_end {
                return;
            }
            let l = index.line_of(p);
            lines.push(l);
            line_end = index.line_start(l + 1);
        };
        // Merge the two sorted lists.
        let (mut a, mut b) = (masks.iter().peekable(), keywords.iter().peekable());
        loop {
            let p = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if x <= y => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            add(*p.expect("peeked"), &mut lines);
        }
        Hits {
            lines,
            masks,
            keywords,
        }
    }
}

/// `n` in decimal, written into `buf`.
fn itoa(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).expect("ASCII digits")
}

/// `parts` concatenated as a [shared](crate::report::shared) string: cheaper than
/// `format!` for the messages of thousands of findings (built in a reused buffer), and one
/// copy of each message.
fn concat(parts: &[&str]) -> Arc<str> {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with_borrow_mut(|buf| {
        buf.clear();
        parts.iter().for_each(|p| buf.push_str(p));
        crate::report::shared(buf)
    })
}

const KINDS: [&str; 5] = ["number", "name", "code", "keyword-token", "privacy-mask"];

impl Data {
    fn add_line(&mut self, raw: &str, n: usize) -> Result<(), String> {
        // A copy of the built-in data may carry searchers built before this line.
        self.triggers = OnceLock::new();
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            return Ok(());
        }
        let (directive, rest) = line
            .split_once(char::is_whitespace)
            .map(|(a, b)| (a, b.trim()))
            .unwrap_or((line, ""));
        let vals: Vec<&str> = rest.split_whitespace().collect();
        let need = |k: usize| {
            if vals.len() < k {
                Err(format!("line {n}: `{directive}` needs a value: `{raw}`"))
            } else {
                Ok(())
            }
        };
        match directive {
            "mask" => {
                need(2)?;
                let mut cs = vals[0].chars();
                let (Some(c), None) = (cs.next(), cs.next()) else {
                    return Err(format!("line {n}: a mask is one character: `{raw}`"));
                };
                let family = match self.families.iter().position(|f| f == vals[1]) {
                    Some(i) => i,
                    None => {
                        self.families.push(vals[1].to_string());
                        self.families.len() - 1
                    }
                };
                let mut m = Mask {
                    family,
                    letter: false,
                    strict: false,
                    times: false,
                };
                for flag in &vals[2..] {
                    match *flag {
                        "letter" => m.letter = true,
                        "strict" => m.strict = true,
                        "times" => m.times = true,
                        other => return Err(format!("line {n}: unknown mask flag `{other}`")),
                    }
                }
                self.masks.insert(c, m);
                self.mask_list.retain(|(k, _)| *k != c);
                self.mask_list.push((c, m));
                self.mask_bits |= 1u128 << (c as u32 % 128);
            }
            "number" | "date" | "name" | "business" | "introducer" | "phone-label"
            | "name-label" | "title" | "formula-term" => {
                need(1)?;
                let words = match directive {
                    "formula-term" => &mut self.formula_terms,
                    "number" => &mut self.number,
                    "date" => &mut self.date,
                    "name" => &mut self.name,
                    "business" => &mut self.business,
                    "phone-label" => &mut self.phone_labels,
                    "name-label" => &mut self.name_labels,
                    "title" => &mut self.titles,
                    _ => &mut self.introducers,
                };
                vals.iter().for_each(|w| words.add(w));
            }
            "unit-letter" => {
                need(1)?;
                for w in &vals {
                    if !w.bytes().all(|b| b.is_ascii_alphabetic()) {
                        return Err(format!("line {n}: a unit letter is Latin letters: `{w}`"));
                    }
                    self.unit_letters.insert(w.to_string());
                }
            }
            "joiner" | "operator" | "surname" | "surname-initial" | "plate-province" => {
                need(1)?;
                let set = match directive {
                    "joiner" => &mut self.joiners,
                    "operator" => &mut self.operators,
                    "plate-province" => &mut self.plate_provinces,
                    "surname-initial" => &mut self.initial_surnames,
                    _ => &mut self.surnames,
                };
                for w in &vals {
                    let mut cs = w.chars();
                    match (cs.next(), cs.next(), cs.next()) {
                        (Some(c), None, _) => set.insert(c),
                        // A two-character surname (欧阳).
                        (Some(_), Some(_), None) if directive == "surname" => {
                            if !self.compound_surnames.iter().any(|s| s == w) {
                                self.compound_surnames.push(w.to_string());
                            }
                        }
                        _ if directive == "surname" => {
                            return Err(format!(
                                "line {n}: `surname` takes one or two characters: `{w}`"
                            ))
                        }
                        _ => return Err(format!("line {n}: `{directive}` takes characters")),
                    }
                }
            }
            "not" | "mark" => {
                need(1)?;
                for w in &vals {
                    let Some(off) = w.find(|c| self.masks.contains_key(&c)) else {
                        return Err(format!(
                            "line {n}: look-alike `{w}` holds no masking symbol (declare masks first)"
                        ));
                    };
                    // Kept grouped by first character for [`Data::nots_from`], in the
                    // data's order within a group: inserted after its group's last.
                    let not = Not::new(w, off, directive == "mark");
                    let at = self.nots.partition_point(|n| n.first <= not.first);
                    self.nots.insert(at, not);
                }
                self.not_groups = NotGroup::of(&self.nots);
            }
            "keyword" => {
                need(1)?;
                self.keywords.extend(vals.iter().map(|w| w.to_string()));
            }
            "pattern" => {
                need(2)?;
                let (kind, re) = rest
                    .split_once(char::is_whitespace)
                    .map(|(a, b)| (a, b.trim()))
                    .unwrap_or((rest, ""));
                let Some(kind) = KINDS.iter().find(|k| **k == kind) else {
                    return Err(format!(
                        "line {n}: unknown kind `{kind}` (expected one of {})",
                        KINDS.join(", ")
                    ));
                };
                self.add_pattern(kind, re, n)?;
            }
            _ => self.add_pattern("name", line, n)?,
        }
        Ok(())
    }

    fn add_pattern(&mut self, kind: &'static str, src: &str, n: usize) -> Result<(), String> {
        let (main, lookahead) = match src
            .strip_suffix(')')
            .and_then(|s| s.rfind("(?=").map(|i| (i, s)))
        {
            Some((i, s)) => (&src[..i], Some(&s[i + 3..])),
            None => (src, None),
        };
        if main.is_empty() {
            return Err(format!("line {n}: empty pattern"));
        }
        let re = Regex::new(main).map_err(|e| format!("line {n}: bad pattern `{src}`: {e}"))?;
        let lookahead = lookahead
            .map(|l| Regex::new(&format!("^(?:{l})")))
            .transpose()
            .map_err(|e| format!("line {n}: bad lookahead in `{src}`: {e}"))?;
        self.patterns.push(Pattern {
            kind,
            re,
            lookahead,
        });
        Ok(())
    }

    /// The look-alikes whose part from the mask starts with `first`.
    fn nots_from(&self, first: char) -> Option<(&NotGroup, &[Not])> {
        self.not_groups
            .iter()
            .find(|g| g.first == first)
            .map(|g| (g, &self.nots[g.nots.clone()]))
    }

    fn triggers(&self) -> &Triggers {
        self.triggers.get_or_init(|| Triggers::new(self))
    }

    /// Whether `c`, the character before byte `at` of `text`, is a surname there: a common
    /// one, or one that also ends words (`surname-initial`) with a word's start before it
    /// (the line's start, a space or punctuation).
    fn surname_at(&self, text: &str, at: usize, c: char) -> bool {
        self.surnames.contains(c)
            || (self.initial_surnames.contains(c)
                && char_before(text, at - c.len_utf8())
                    .is_none_or(|b| is_space(b) || is_cjk_punct(b) || b.is_ascii_punctuation()))
    }

    /// Whether the two characters before byte `at` of `text` are a two-character surname.
    fn compound_surname_before(&self, text: &str, at: usize) -> bool {
        let head = &text[..at];
        self.compound_surnames
            .iter()
            .any(|s| head.ends_with(s.as_str()))
    }

    /// The mask a character is, if any. A handful of masks: a linear scan of a small
    /// array beats hashing every character of a 32 MB file.
    #[inline]
    fn mask(&self, c: char) -> Option<Mask> {
        if self.mask_bits & (1u128 << (c as u32 % 128)) == 0 {
            return None;
        }
        self.mask_list
            .iter()
            .find(|(m, _)| *m == c)
            .map(|(_, m)| *m)
    }
}

/// Context strings around a run, as written and converted to Simplified. The text before
/// and the converted forms are computed on first use: many runs are decided by the text
/// after them as written, or before their context is looked at; and a converted form is
/// only computed when what it may start (end) with can match (see [`Ends`]).
struct Context<'a> {
    /// The line up to the run, and from its end.
    head: &'a str,
    rest: &'a str,
    /// The context strings: the last (first) [`CONTEXT_CHARS`] characters of `head`
    /// (`rest`). A word or look-alike part that fits in them is matched in `head`
    /// (`rest`) directly, with the same result.
    before: OnceCell<&'a str>,
    after: OnceCell<&'a str>,
    /// The characters the converted text after (before) the run may start (end) with;
    /// `None` when the text is not converted at all.
    after_start: OnceCell<Option<Reach>>,
    before_end: OnceCell<Option<Reach>>,
    before_s: OnceCell<Option<String>>,
    after_s: OnceCell<Option<String>>,
}

#[cfg(test)]
thread_local! {
    /// Tests: match the way before [`Ends`] and the direct matching in the line, converting
    /// every context a word list or look-alike asks for.
    static EVERY_CONTEXT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether to skip the shortcuts (tests only; `false` otherwise).
#[inline(always)]
fn every_context() -> bool {
    #[cfg(test)]
    {
        EVERY_CONTEXT.with(|c| c.get())
    }
    #[cfg(not(test))]
    {
        false
    }
}

/// Whether [`converted`] converts `s`: it holds a Han character outside GB2312.
fn may_convert(s: &str) -> bool {
    s.chars()
        .any(|c| crate::convert::is_han(c) && !crate::convert::in_gb2312(c))
}

/// `s` converted to Simplified, when that reads differently, for matching context words.
/// Only text with a Han character outside GB2312 is converted: most contexts are plain
/// Simplified, and converting them was the detector's main cost on large files. (t2s does
/// rewrite about 150 all-GB2312 phrases, 反覆 → 反复, 著力 → 着力, 英哩 → 英里: a context
/// holding one is matched unconverted, a known approximation.)
fn converted(s: &str) -> Option<String> {
    if !may_convert(s) {
        return None;
    }
    let c = t2s(s);
    (c != s).then_some(c)
}

impl<'a> Context<'a> {
    fn new(line: &'a str, start: usize, end: usize) -> Self {
        Context {
            head: &line[..start],
            rest: &line[end..],
            before: OnceCell::new(),
            after: OnceCell::new(),
            after_start: OnceCell::new(),
            before_end: OnceCell::new(),
            before_s: OnceCell::new(),
            after_s: OnceCell::new(),
        }
    }

    fn before(&self) -> &'a str {
        self.before
            .get_or_init(|| tail_chars(self.head, CONTEXT_CHARS))
    }

    fn after(&self) -> &'a str {
        self.after
            .get_or_init(|| head_chars(self.rest, CONTEXT_CHARS))
    }

    /// Whether the context before ends with `pre`, of `chars` characters.
    fn before_ends_with(&self, pre: &str, chars: usize) -> bool {
        if chars <= CONTEXT_CHARS && !every_context() {
            self.head.ends_with(pre)
        } else {
            self.before().ends_with(pre)
        }
    }

    fn before_s(&self) -> Option<&str> {
        self.before_s
            .get_or_init(|| converted(self.before()))
            .as_deref()
    }

    fn after_s(&self) -> Option<&str> {
        self.after_s
            .get_or_init(|| converted(self.after()))
            .as_deref()
    }

    /// What [`Context::after_s`] may start with, if anything: `None` when it is empty.
    fn after_start(&self) -> Option<Reach> {
        *self.after_start.get_or_init(|| {
            let c = self.rest.chars().next()?;
            if every_context() {
                return Some(Reach::anything(c));
            }
            Some(Ends::get().at_start(c))
        })
    }

    /// What [`Context::before_s`] may end with, if anything: `None` when it is empty.
    fn before_end(&self) -> Option<Reach> {
        *self.before_end.get_or_init(|| {
            let c = self.head.chars().next_back()?;
            if every_context() {
                return Some(Reach::anything(c));
            }
            Some(Ends::get().at_end(c))
        })
    }

    /// Whether [`Context::after_s`] may be `Some` and start with `prefix`: `false` means
    /// it certainly is not, without converting.
    fn after_s_may_start_with(&self, prefix: &str) -> bool {
        self.after_start()
            .is_some_and(|r| prefix.chars().next().is_none_or(|p| r.any(|d| d == p)))
    }

    /// Whether [`Context::before_s`] may be `Some` and end with `suffix`.
    fn before_s_may_end_with(&self, suffix: &str) -> bool {
        self.before_end()
            .is_some_and(|r| suffix.chars().next_back().is_none_or(|p| r.any(|d| d == p)))
    }

    fn word_after<'w>(&self, words: &'w Words) -> Option<&'w str> {
        let fits = words.max_chars <= CONTEXT_CHARS && !every_context();
        let written = if fits { self.rest } else { self.after() };
        words.prefix_of(written).or_else(|| {
            if !self
                .after_start()
                .is_some_and(|r| r.any(|d| words.firsts.may_contain(d)))
            {
                return None;
            }
            if fits {
                if let Some(found) = self.solo_word_after(words) {
                    return found;
                }
            }
            self.after_s().and_then(|a| words.prefix_of(a))
        })
    }

    /// The word the converted text after the run starts with ([`Context::after_s`] and
    /// [`Words::prefix_of`]) from the conversions of its first characters one by one,
    /// when t2s converts each of them alone to one character (see [`Ends::solo_t2s`]):
    /// then the conversion of the text starts with theirs. `None` when that cannot tell;
    /// `Some(None)` when no word starts it.
    fn solo_word_after<'w>(&self, words: &'w Words) -> Option<Option<&'w str>> {
        let after = self.after();
        if !may_convert(after) {
            return Some(None); // not converted
        }
        let ends = Ends::get();
        let mut cs = after.chars();
        let first = ends.solo_t2s(cs.next()?)?;
        if !words.firsts.may_contain(first) {
            return Some(None);
        }
        let Some(ws) = words.by_first.get(&first) else {
            return Some(None);
        };
        // Enough characters for the longest word starting with `first` (the first in `ws`).
        let need = ws.first().map_or(0, |w| w.chars().count());
        let mut out = [first; CONTEXT_CHARS];
        let mut n = 1;
        while n < need {
            let Some(c) = cs.next() else {
                break; // the whole conversion
            };
            out[n] = ends.solo_t2s(c)?;
            n += 1;
        }
        Some(
            ws.iter()
                .find(|w| {
                    let mut o = out[..n].iter();
                    w.chars().all(|c| o.next() == Some(&c))
                })
                .map(String::as_str),
        )
    }

    fn word_before(&self, words: &Words) -> Option<&str> {
        let written = if words.max_chars <= CONTEXT_CHARS && !every_context() {
            self.head
        } else {
            self.before()
        };
        words.suffix_of(written).or_else(|| {
            if !self
                .before_end()
                .is_some_and(|r| r.any(|d| words.lasts.may_contain(d)))
            {
                return None;
            }
            self.before_s().and_then(|b| words.suffix_of(b))
        })
    }
}

/// A character of a text and what conversion may turn it into there (see [`Ends`]).
#[derive(Debug, Clone, Copy)]
struct Reach {
    c: char,
    /// The first node of the list of the other characters in `nodes` (0: none).
    node: u32,
    nodes: &'static [(char, u32)],
    /// Beyond the table: anything.
    unknown: bool,
}

/// A few characters, or (`all`) any.
#[derive(Debug, Clone, Copy, Default)]
struct Few {
    cs: [char; 4],
    n: usize,
    all: bool,
}

impl Few {
    /// `c`, if any.
    fn of(c: Option<char>) -> Few {
        let mut f = Few::default();
        if let Some(c) = c {
            f.push(c);
        }
        f
    }

    fn push(&mut self, c: char) {
        if self.n == self.cs.len() {
            self.all = true;
        } else {
            self.cs[self.n] = c;
            self.n += 1;
        }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        self.all || self.cs[..self.n].contains(&c)
    }
}

impl Reach {
    /// The characters, as [`Few`].
    fn few(&self) -> Few {
        let mut f = Few::of(Some(self.c));
        f.all = self.unknown;
        let mut i = self.node;
        while i != 0 && !f.all {
            let (d, next) = self.nodes[i as usize];
            f.push(d);
            i = next;
        }
        f
    }

    /// `c`, which may become anything.
    fn anything(c: char) -> Reach {
        Reach {
            c,
            node: 0,
            nodes: &[],
            unknown: true,
        }
    }

    /// Whether any of the characters may pass `f`.
    #[inline]
    fn any(&self, f: impl Fn(char) -> bool) -> bool {
        if self.unknown || f(self.c) {
            return true;
        }
        let nodes = self.nodes;
        let mut i = self.node;
        while i != 0 {
            let (d, next) = nodes[i as usize];
            if f(d) {
                return true;
            }
            i = next;
        }
        false
    }
}

/// Which characters t2s can turn the first (last) character of a text into, to skip
/// converting a context whose converted form cannot start (end) with what is looked for
/// (see [`crate::convert::ends`]), and which characters it converts alone.
struct Ends {
    /// For every character below [`crate::convert::ends::TABLE`], the first node of the
    /// list of the other characters a converted text starting (ending) with it may start
    /// (end) with.
    firsts: Vec<u32>,
    lasts: Vec<u32>,
    /// List nodes: a character and the next node (0 ends a list; node 0 is unused).
    nodes: Vec<(char, u32)>,
    /// The characters t2s may convert other than alone: that start a key of several
    /// characters, or whose conversion alone holds one that does (normalization, then
    /// conversion).
    not_solo: CharBits,
    /// For the BMP, t2s of the character alone, filled in on first use: 0 not yet, the
    /// character + 1, or `u32::MAX` when that is not one character.
    solo: Vec<std::sync::atomic::AtomicU32>,
}

impl Ends {
    fn get() -> &'static Ends {
        static ENDS: OnceLock<Ends> = OnceLock::new();
        ENDS.get_or_init(|| Ends::new(crate::convert::t2s_end_lists()))
    }

    fn new(lists: EndLists) -> Ends {
        let mut not_solo = CharBits::default();
        lists.not_solo.iter().for_each(|&c| not_solo.insert(c));
        Ends {
            firsts: lists.firsts,
            lasts: lists.lasts,
            nodes: lists.nodes,
            not_solo,
            solo: std::iter::repeat_with(Default::default)
                .take(0x10000)
                .collect(),
        }
    }

    /// Whether t2s converts `c` alone wherever it stands: no key of several characters
    /// starts with it or with a character of its conversion alone, so the conversion of a
    /// text starting with such characters starts with theirs, one by one.
    #[inline]
    fn solo(&self, c: char) -> bool {
        !self.not_solo.may_contain(c)
    }

    /// The character t2s converts `c` to wherever it stands, when [`Ends::solo`] and
    /// that is one character.
    #[inline]
    fn solo_t2s(&self, c: char) -> Option<char> {
        use std::sync::atomic::Ordering::Relaxed;
        let slot = self.solo.get(c as usize)?;
        if !self.solo(c) {
            return None;
        }
        let v = match slot.load(Relaxed) {
            0 => {
                let mut b = [0u8; 4];
                let s = t2s(c.encode_utf8(&mut b));
                let mut cs = s.chars();
                let v = match (cs.next(), cs.next()) {
                    (Some(d), None) => d as u32 + 1,
                    _ => u32::MAX,
                };
                slot.store(v, Relaxed);
                v
            }
            v => v,
        };
        char::from_u32(v.wrapping_sub(1))
    }

    /// What a converted text starting with `c` may start with.
    #[inline]
    fn at_start(&'static self, c: char) -> Reach {
        self.reach(&self.firsts, c)
    }

    /// What a converted text ending with `c` may end with.
    #[inline]
    fn at_end(&'static self, c: char) -> Reach {
        self.reach(&self.lasts, c)
    }

    #[inline]
    fn reach(&'static self, heads: &[u32], c: char) -> Reach {
        let node = heads.get(c as usize).copied();
        Reach {
            c,
            node: node.unwrap_or(0),
            nodes: &self.nodes,
            unknown: node.is_none(),
        }
    }
}

fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn tail_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// The character starting at byte `i` of `s`, if any.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// The character ending at byte `i` of `s`, if any.
#[inline]
fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Scans one line (starting at byte `base` of the text) and appends its candidates.
/// `masks`: the byte offsets (in `line`) of its masking symbols, sorted; `keyword`: the
/// line holds a keyword. Without either only patterns are tried.
fn scan_line(
    data: &Data,
    line: &str,
    base: usize,
    masks: &[usize],
    keyword: bool,
    bold: Bold,
    out: &mut Vec<Candidate>,
) -> bool {
    let first = out.len();
    if keyword {
        keyword_tokens(data, line, base, out);
    }
    let mut paired = false;
    if !masks.is_empty() {
        let markdown = markdown_runs(data, line, bold);
        paired = !markdown.is_empty();
        // Whether the line holds Chinese, once asked (a line of masked names between
        // spaces asks once per name).
        let han = OnceCell::new();
        let mut k = 0;
        while k < masks.len() {
            let start = masks[k];
            let Some(m) = char_at(line, start).and_then(|c| data.mask(c)) else {
                k += 1;
                continue;
            };
            // The run: following masks of the same family, each right after the last.
            let mut end = start + char_at(line, start).map_or(1, char::len_utf8);
            k += 1;
            while k < masks.len() && masks[k] == end {
                match char_at(line, end).and_then(|c| data.mask(c).map(|n| (c, n))) {
                    Some((c, n)) if n.family == m.family => {
                        end += c.len_utf8();
                        k += 1;
                    }
                    _ => break,
                }
            }
            if markdown.binary_search(&start).is_err() {
                if let Some((strength, kind, message)) = classify(data, line, start, end, m, &han) {
                    out.push(Candidate {
                        start: base + start,
                        end: base + end,
                        family: Some(m.family),
                        strength,
                        kind,
                        message,
                    });
                }
            }
        }
    }
    for p in &data.patterns {
        for caps in p.re.captures_iter(line) {
            let whole = caps.get(0).expect("group 0");
            if let Some(la) = &p.lookahead {
                if !la.is_match(&line[whole.end()..]) {
                    continue;
                }
            }
            let m = caps.get(1).unwrap_or(whole);
            if m.is_empty() {
                continue;
            }
            let (s, e) = (base + m.start(), base + m.end());
            if out[first..]
                .iter()
                .any(|c| c.strength != Explained && c.start < e && s < c.end)
            {
                continue;
            }
            out.push(Candidate {
                start: s,
                end: e,
                family: None,
                strength: Strong,
                kind: p.kind,
                message: concat(&["matches placeholder pattern `", p.re.as_str(), "`"]),
            });
        }
    }
    out[first..].sort_by_key(|c| c.start);
    paired
}

/// `关键词2`: a keyword slot the scraper filled with its own token.
fn keyword_tokens(data: &Data, line: &str, base: usize, out: &mut Vec<Candidate>) {
    for (kw, finder) in data.keywords.iter().zip(&data.triggers().keywords) {
        // Non-overlapping, leftmost first: the matches of `str::match_indices`.
        for at in finder.find_iter(line.as_bytes()) {
            let rest = &line[at + kw.len()..];
            let digits = rest
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c)))
                .map_or(rest.len(), |(i, _)| i);
            // `关键词3～5个`, `关键词3个`: a count of keywords, not a token.
            let after = rest[digits..].chars().next();
            if digits == 0
                || after.is_some_and(|c| {
                    data.joiners.contains(c) || "个项条".contains(c) || matches!(c, '～' | '~')
                })
            {
                continue;
            }
            out.push(Candidate {
                start: base + at,
                end: base + at + kw.len() + digits,
                family: None,
                strength: Strong,
                kind: "keyword-token",
                message: concat(&[
                    "scraped keyword token `",
                    kw,
                    "` + number stands where a name was",
                ]),
            });
        }
    }
}

/// Whether `text` does algebra with a lower-case x: a coefficient before it and an
/// operator after (`3x+20`, `4x−25`, `2x²`), `x=`, a word that poses or solves for it
/// (`设x`, `求x`, `解得x`), or a second unknown `y` alone amid Chinese text (`分给y名同学`;
/// not in an address, `y@163.com`).
fn does_algebra(text: &str) -> bool {
    let b = text.as_bytes();
    let amid = |c: Option<&u8>| c.is_none_or(|&c| c >= 0x80 || c.is_ascii_whitespace());
    let lone_y = memchr::memchr_iter(b'y', b)
        .any(|i| amid(i.checked_sub(1).and_then(|j| b.get(j))) && amid(b.get(i + 1)));
    lone_y
        || memchr::memchr_iter(b'x', b).any(|i| {
            let after = &text[i + 1..];
            let before = &text[..i];
            let operator = after.starts_with(['+', '-', '=', '−', '＋', '＝', '²', ')', '）']);
            (before.ends_with(|c: char| c.is_ascii_digit()) && operator)
                || after.starts_with(['=', '＝'])
                || ["设", "求", "令", "解得"]
                    .iter()
                    .any(|w| before.ends_with(w))
        })
}

/// Byte offsets of ASCII `**` runs that pair up as Markdown bold (`**重点**`): exactly two
/// asterisks each, at least two characters between them, no space just inside, and not a
/// suffix between masks (`**街道**社区`, `应到**人，实到**人` are masks; `**12个**乡镇`,
/// `**3200万**元` and `**省级文明**村` are bold). As in CommonMark, a pair followed by a
/// closing mark (`、` `，` `）` `”` …) opens only after a space, punctuation or the line's
/// start (in `王**、李**` neither pair opens: two masked given names), and a pair after an
/// opening mark (`（` `“` …), or after a pause (`、` `，` `；`) unless it opens the line
/// (`**一、**县委书记讲话`), closes only before a space, punctuation or the line's end (in
/// `对**化工、**新材料` no pair closes).
/// A run joined to another mask by a figure's joiner (the decimals of
/// `****.**万元，其中****.**万元`, a range `**-**`) is a mask, never a delimiter.
fn markdown_runs(data: &Data, line: &str, bold: Bold) -> Vec<usize> {
    let mut runs = Vec::new();
    let bytes = line.as_bytes();
    let mut stars = memchr::memchr_iter(b'*', bytes).peekable();
    while let Some(i) = stars.next() {
        let mut j = i + 1;
        while stars.next_if_eq(&j).is_some() {
            j += 1;
        }
        // A figure's part, joined to another mask (`****.**万元`, `**-**`): no delimiter.
        let joined = |c: Option<char>, beyond: Option<char>| {
            c.is_some_and(|c| data.joiners.contains(c) && !is_han(c))
                && beyond
                    .and_then(|c| data.mask(c))
                    .zip(data.mask('*'))
                    .is_some_and(|(m, star)| m.family == star.family)
        };
        let before = char_before(line, i);
        let after = char_at(line, j);
        if j - i == 2
            && !joined(
                before,
                before.and_then(|c| char_before(line, i - c.len_utf8())),
            )
            && !joined(after, after.and_then(|c| char_at(line, j + c.len_utf8())))
        {
            runs.push(i);
        }
    }
    let punct = |c: char| c.is_ascii_punctuation() || is_cjk_punct(c);
    let loose = |c: Option<char>| c.is_none_or(|c| is_space(c) || punct(c));
    let closing = |c: char| "、，。；：！？,.;:!?)）】」』”’》".contains(c);
    let opening = |c: char| "(（【「『“‘《".contains(c);
    let can_open = |a: usize| {
        let next = char_at(line, a + 2);
        !next.is_some_and(closing) || loose(char_before(line, a))
    };
    let can_close = |b: usize| {
        let prev = char_before(line, b);
        !prev.is_some_and(opening) || loose(char_at(line, b + 2))
    };
    // Nor after a pause, but for a label opening the line (`**一、**县委书记讲话`):
    // `对**化工、**新材料等企业` holds two masked names.
    let pause = |c: char| "、，,；;".contains(c);
    let closes_after_pause = |a: usize, b: usize| {
        !char_before(line, b).is_some_and(pause)
            || loose(char_at(line, b + 2))
            || line[..a].chars().all(is_space)
    };
    // Sorted: a pair is `a < b`; a run that cannot open is passed over.
    let mut out = Vec::new();
    let mut k = 0;
    while k + 1 < runs.len() {
        let (a, b) = (runs[k], runs[k + 1]);
        if !can_open(a) {
            k += 1;
            continue;
        }
        k += 2;
        if !can_close(b) || !closes_after_pause(a, b) {
            continue;
        }
        // Only a pair that opens the line: a heading or a label.
        if bold == Bold::Labels && !line[..a].chars().all(is_space) {
            continue;
        }
        let inner = &line[a + 2..b];
        let mut cs = inner.chars();
        let (Some(f), Some(_)) = (cs.next(), cs.next()) else {
            continue; // fewer than two characters
        };
        // Bold never starts or ends with a space, nor spans a table's cells.
        if is_space(f) || inner.chars().next_back().is_some_and(is_space) || inner.contains('\t') {
            continue;
        }
        // Between two masks: the first's unit or suffix as a word of its own (`**街道**社区`,
        // `应到**人，实到**人`), not the start of a word (`**省级文明**村`, `**12个**乡镇`).
        let simplified = converted(inner);
        let inner_s = simplified.as_deref().unwrap_or(inner);
        // A word, or words (`万元`, `万平方米`), then punctuation or a space.
        let suffix = |words: &Words| {
            let mut rest = inner_s;
            for _ in 0..3 {
                let Some(w) = words.prefix_of(rest) else {
                    break;
                };
                rest = &rest[w.len()..];
                if rest.chars().next().is_none_or(|c| punct(c) || is_space(c)) {
                    return true;
                }
            }
            false
        };
        let ctx = Context::new(line, b + 2, b + 2);
        if (suffix(&data.name) || suffix(&data.number) || suffix(&data.date))
            && (ctx.word_after(&data.number).is_some()
                || ctx.word_after(&data.name).is_some()
                || ctx.word_after(&data.date).is_some())
        {
            continue;
        }
        // Both right after a surname: two masked names (`居民刘**老人…网格员赵**通过`), not
        // bold text that happens to start and end after one.
        let surname = |at: usize| char_before(line, at).is_some_and(|c| data.surnames.contains(c));
        if surname(a) && surname(b) {
            continue;
        }
        out.push(a);
        out.push(b);
    }
    out
}

type Verdict = (Strength, &'static str, Arc<str>);

/// The most Han characters of a business's trade between its masked name and its
/// suffix (`物流` in `××物流公司`, `建筑工程` in `XX建筑工程有限公司`).
const TRADE_MAX_CHARS: usize = 4;

/// A `business` suffix after one to [`TRADE_MAX_CHARS`] Han characters from byte `at`.
fn business_after<'w>(data: &'w Data, line: &str, at: usize) -> Option<&'w str> {
    let mut k = at;
    for _ in 0..TRADE_MAX_CHARS {
        let c = char_at(line, k).filter(|&c| is_han(c))?;
        k += c.len_utf8();
        if let Some(w) = Context::new(line, k, k).word_after(&data.business) {
            return Some(w);
        }
    }
    None
}

/// The longest run of letters and digits on either side of a mask that
/// [`privacy_mask`] reads as part of an identifier (ID numbers are 18 characters, bank
/// cards 19, phone numbers with an area code 13).
const IDENTIFIER_MAX_BYTES: usize = 64;

/// Whether an e-mail address's `@` and domain start at byte `at` (`@163.com`).
fn address_at(line: &str, at: usize) -> bool {
    let b = line.as_bytes();
    b.get(at) == Some(&b'@')
        && b.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)
        && b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
            .any(|&c| c == b'.')
}

/// A run of at least three masks that hides part of an identifier (a phone, ID, account or
/// credit-code number): inside a run of ASCII letters and digits, or at its start or end,
/// with at least four digits beside it (`137****8587`, `91330110MA2H****5K`,
/// `3301000XXXXX`, `****1234`); or the name of an e-mail address (`x***@163.com`). A
/// Latin-letter mask (`X`) takes digits (and more of itself) only on either side (`XXL`,
/// `RTX3080` are words and model names) unless it runs four long; so does a strict one
/// (`×`, `○`), in a run of four at least (`0539-×××××××`: `2××3` is arithmetic more often
/// than not).
/// Digits a number has before two masks that end it, at least: an identifier's, not a
/// figure's (`2024061200XX`, not `20XX` or `1000**`).
const LONG_NUMBER_DIGITS: usize = 8;

fn privacy_mask(line: &str, start: usize, end: usize, m: Mask) -> Option<Verdict> {
    // Three masks at least: `**` is Markdown emphasis or a power (`2**10`). Four of a
    // strict symbol, which is also a times sign or a zero (`2××3`).
    let masks = line[start..end].chars().count();
    // (Two, as the last of a long number's digits, below: after a digit.)
    if masks < if m.strict { 4 } else { 2 }
        || (masks == 2 && !line[..start].ends_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let b = line.as_bytes();
    // The name of an e-mail address: `x***@163.com`, `zhang***@qq.com`.
    if address_at(line, end) {
        return Some((
            Strong,
            "privacy-mask",
            concat(&["masked name of an e-mail address"]),
        ));
    }
    // The identifier: ASCII letters and digits, and hyphens inside (`0571-8xxxxxxx`).
    // Read at most IDENTIFIER_MAX_BYTES on each side: a longer run is a hash or a token,
    // not a number a person's record holds (and reading all of it for each of its mask
    // runs took time quadratic in its length).
    let part = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-';
    let before = &b[..start];
    let mut from = match before
        .iter()
        .rev()
        .take(IDENTIFIER_MAX_BYTES + 1)
        .position(|c| !part(c))
    {
        Some(p) => before.len() - p,
        None if before.len() <= IDENTIFIER_MAX_BYTES => 0,
        None => return None,
    };
    while before.get(from) == Some(&b'-') {
        from += 1;
    }
    let before = &before[from..];
    let after = &b[end..];
    let mut to = match after
        .iter()
        .take(IDENTIFIER_MAX_BYTES + 1)
        .position(|c| !part(c))
    {
        Some(p) => p,
        None if after.len() <= IDENTIFIER_MAX_BYTES => after.len(),
        None => return None,
    };
    while to > 0 && after[to - 1] == b'-' {
        to -= 1;
    }
    let after = &after[..to];
    let digits = |s: &[u8]| s.iter().filter(|c| c.is_ascii_digit()).count();
    // Digits, hyphens, and more of the same mask (`XXXXXX19850612XXXX`).
    let own = line[start..].bytes().next().unwrap_or_default();
    let numeric = |s: &[u8]| {
        s.iter()
            .all(|&c| c.is_ascii_digit() || c == b'-' || c == own)
    };
    // A Latin-letter mask among other letters only in a long run: four letters of a
    // word or model name are not all X, four hidden characters of a credit code or a
    // registry number are (`91330XXXXXXXXXX7T`, `330825005012JCXXXXXF…`).
    let long = m.letter && masks >= 4;
    if (m.letter || m.strict) && !long && !(numeric(before) && numeric(after)) {
        return None;
    }
    // Not a decimal's significance stars (`0.0347***`), nor emphasis around a figure
    // (`***12345***`): the same masks on the figure's other side.
    let lead = start - before.len();
    let trail = end + after.len();
    if line[..lead].ends_with('.') || line[..lead].ends_with(&line[start..end]) {
        return None;
    }
    if line[trail..].starts_with(&line[start..end]) {
        return None;
    }
    // Two masks only as the end of a long number, all digits (`证书编号：2024061200XX`):
    // after a short one they are a year's or a power's (`20XX`, `2**10`), after a code's
    // letters a size (`12XX`, `XXL`).
    if masks < 3 {
        return (after.is_empty()
            && before.iter().all(u8::is_ascii_digit)
            && before.len() >= LONG_NUMBER_DIGITS)
            .then(|| {
                (
                    Strong,
                    "privacy-mask",
                    concat(&["masked last digits of a long number"]),
                )
            });
    }
    // Beside a run of digits, not a year (20XX年, 202X) or a short figure (10**6); or a
    // long run of masks after a few digits (an ID number `430XXXXXXXXXXXXXXX`).
    // (Its other masks count for its length: `13X-XXXX-XXXX`.)
    let others = |s: &[u8]| s.iter().filter(|&&c| c == own).count();
    let hidden = match (before.is_empty(), after.is_empty()) {
        (false, false) => {
            let d = digits(before) + digits(after);
            d >= 4 || (d >= 2 && d + masks + others(before) + others(after) >= 10)
        }
        (false, true) => {
            let d = digits(before);
            d >= 4 || (d >= 2 && d + masks + others(before) >= 10)
        }
        (true, false) => {
            let d = digits(after);
            d >= 4 || (d >= 2 && d + masks + others(after) >= 10)
        }
        (true, true) => false,
    };
    hidden.then(|| {
        (
            Strong,
            "privacy-mask",
            concat(&["masked digits of an identifier (phone, ID or account number)"]),
        )
    })
}

/// The characters around a run that belong to one figure with it: ASCII digits, masks of
/// its family and what `also` accepts. Returns the figure's byte range.
fn figure_around(
    data: &Data,
    line: &str,
    start: usize,
    end: usize,
    m: Mask,
    also: impl Fn(char) -> bool,
) -> (usize, usize) {
    let part = |c: char| {
        c.is_ascii_digit() || also(c) || data.mask(c).is_some_and(|n| n.family == m.family)
    };
    let mut left = start;
    while let Some(c) = char_before(line, left).filter(|&c| part(c)) {
        left -= c.len_utf8();
    }
    let mut right = end;
    while let Some(c) = char_at(line, right).filter(|&c| part(c)) {
        right += c.len_utf8();
    }
    (left, right)
}

/// `K12+300` with hidden digits: `K`, digits or masks, one `+`, digits or masks, as a
/// word of its own (a road's stake number: `KX+XXX—KX+XXX`).
fn stake_number(data: &Data, line: &str, start: usize, end: usize, m: Mask) -> bool {
    let (left, right) = figure_around(data, line, start, end, m, |c| c == '+');
    let figure = &line[left..right];
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    matches!(char_before(line, left), Some('K' | 'k'))
        && !alnum(char_before(line, left.saturating_sub(1)))
        && !alnum(char_at(line, right))
        && figure.split('+').count() == 2
        && figure.split('+').all(|p| !p.is_empty())
}

/// The lengths of a phone number without its area code: a local number (7 or 8 digits)
/// or a mobile one (11).
const PHONE_LENGTHS: [usize; 3] = [7, 8, 11];

/// Whether the number of digits and masks that runs through the masks at `start..end`
/// has a phone's length and follows a `phone-label` of the data (`电话：8XXXXXX`,
/// `热线 13XXXXXXXX8`).
fn phone_after_label(data: &Data, line: &str, start: usize, end: usize, m: Mask) -> bool {
    let Some(mask) = line[start..].chars().next() else {
        return false;
    };
    let lead = line[..start]
        .bytes()
        .rev()
        .take_while(u8::is_ascii_digit)
        .count();
    let tail = line[end..]
        .chars()
        .take_while(|&c| c.is_ascii_digit() || c == mask)
        .count();
    let len = lead + line[start..end].chars().count() + tail;
    let after = line[end..]
        .chars()
        .nth(tail)
        .is_some_and(|c| c.is_ascii_alphanumeric() || (m.letter && c.is_alphabetic()));
    if !PHONE_LENGTHS.contains(&len) || after {
        return area_coded_phone(data, line, start, end, mask);
    }
    let from = start - lead;
    Context::new(line, from, from)
        .word_before(&data.phone_labels)
        .is_some()
        || area_coded_phone(data, line, start, end, mask)
}

/// Whether the run `line[start..end]` of `mask` is in a landline's number with its area
/// code, written with a hyphen (`电话：0XXX-XXXXXXX`, `值班电话：0***-*******`): an area code
/// of three or four characters opening with `0`, then five to eight, digits or masks (a
/// notice may hide three digits with two masks: `0736-3212××`). After a phone's label, or
/// without one when the area code is written whole and the local number opens with three
/// digits (`待遇保障股：0459-6217×××`): no other figure has that shape.
fn area_coded_phone(data: &Data, line: &str, start: usize, end: usize, mask: char) -> bool {
    let part = |c: char| c.is_ascii_digit() || c == mask;
    let from = start
        - line[..start]
            .chars()
            .rev()
            .take_while(|&c| part(c) || matches!(c, '-' | '－'))
            .map(char::len_utf8)
            .sum::<usize>();
    let to = end
        + line[end..]
            .chars()
            .take_while(|&c| part(c) || matches!(c, '-' | '－'))
            .map(char::len_utf8)
            .sum::<usize>();
    let number = &line[from..to];
    let Some((area, local)) = number.split_once(['-', '－']) else {
        return false;
    };
    let digits = |s: &str| s.chars().count();
    let written = |s: &str, n: usize| s.bytes().take(n).filter(u8::is_ascii_digit).count() == n;
    area.starts_with('0')
        && (3..=4).contains(&digits(area))
        && (5..=8).contains(&digits(local))
        && area.chars().chain(local.chars()).all(part)
        && !line[to..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && ((written(area, area.len()) && written(local, 3))
            || Context::new(line, from, from)
                .word_before(&data.phone_labels)
                .is_some())
}

/// Most characters of a form's field label after a required mark (`*家庭住址：`).
const FIELD_LABEL_MAX_CHARS: usize = 8;

/// Whether a label of two to [`FIELD_LABEL_MAX_CHARS`] Han characters and a colon start at
/// byte `at` (`家庭住址：`; not `镇：`, where the symbol is a masked name).
fn label_follows(line: &str, at: usize) -> bool {
    let han = line[at..]
        .chars()
        .take(FIELD_LABEL_MAX_CHARS + 1)
        .take_while(|&c| is_han(c))
        .count();
    (2..=FIELD_LABEL_MAX_CHARS).contains(&han)
        && line[at..]
            .chars()
            .nth(han)
            .is_some_and(|c| matches!(c, ':' | '：'))
}

/// The most Han characters read on each side of a single times sign for a formula's term.
const FORMULA_TERM_CHARS: usize = 8;

/// Whether the single times-sign mask `line[start..end]` multiplies (a look-alike):
/// - a formula's term among the Han characters right after it (`×护理系数`,
///   `300元×实际补贴月数`), or ending those right before it when no unit or date part
///   follows it (`基础标准×…`; `面积×平方米` is a masked figure, and so is `价格从×`);
/// - a dimension after a figure and its unit (`长12.5米×宽6.8米`).
fn times_sign(data: &Data, line: &str, start: usize, end: usize, ctx: &Context) -> bool {
    // (A figure's parts follow a masked figure: `面积×.×万亩`.)
    if !char_at(line, end).is_some_and(is_han) {
        return false;
    }
    // A term among the characters (after the sign), or ending them (before it).
    let term_in = |han: String, ending: bool| {
        let han = t2s(&han);
        han.char_indices().any(|(i, _)| {
            data.formula_terms
                .prefix_of(&han[i..])
                .is_some_and(|w| !ending || i + w.len() == han.len())
        })
    };
    let after: String = line[end..]
        .chars()
        .take_while(|&c| is_han(c))
        .take(FORMULA_TERM_CHARS)
        .collect();
    if term_in(after, false) {
        return true;
    }
    let mut before: Vec<char> = line[..start]
        .chars()
        .rev()
        .take_while(|&c| is_han(c))
        .take(FORMULA_TERM_CHARS)
        .collect();
    before.reverse();
    if ctx.word_after(&data.number).is_none()
        && ctx.word_after(&data.date).is_none()
        && term_in(before.into_iter().collect(), true)
    {
        return true;
    }
    // A dimension: `…米×宽6.8米`, `3m×高2m`.
    let mut rest = line[end..].chars();
    let dimension = rest
        .next()
        .is_some_and(|c| "长宽高深厚阔長寬闊".contains(c))
        && rest.next().is_some_and(|c| c.is_ascii_digit());
    dimension && char_before(line, start).is_some_and(|c| !is_han(c) || "米吨".contains(c))
}

/// Whether the single mask `line[start..end]` is a symbol named in quotes, as a notice
/// explains its masking (`姓名以「○」遮蔽部分字元`, `用“×”代替`): alone between quotes, after
/// 以 or 用 or before a word saying it stands for something.
fn quoted_symbol(line: &str, start: usize, end: usize) -> bool {
    let open = char_before(line, start);
    let close = char_at(line, end);
    let pair = matches!(
        (open, close),
        (Some('「'), Some('」'))
            | (Some('“'), Some('”'))
            | (Some('『'), Some('』'))
            | (Some('"'), Some('"'))
    );
    if !pair {
        return false;
    }
    let (o, c) = (open.unwrap_or_default(), close.unwrap_or_default());
    let before = line[..start - o.len_utf8()].chars().next_back();
    let after = &line[end + c.len_utf8()..];
    matches!(before, Some('以' | '用'))
        || [
            "遮蔽", "代替", "替代", "表示", "隐去", "隐藏", "隱去", "隱藏", "號", "号",
        ]
        .iter()
        .any(|w| after.starts_with(w))
}

/// How far back an equals sign is looked for: a formula's terms are short words.
const FORMULA_REACH: usize = 16;

/// Whether an equals sign comes before byte `at` in its clause, at most
/// [`FORMULA_REACH`] characters back (`补贴金额＝人数*标准`).
fn equals_before(line: &str, at: usize) -> bool {
    line[..at]
        .chars()
        .rev()
        .take(FORMULA_REACH)
        .take_while(|&c| !matches!(c, '。' | '；' | '，' | ',' | ';' | '！' | '？'))
        .any(|c| matches!(c, '=' | '＝'))
}

/// A licence plate with hidden characters: a province, a letter, an optional `·`, then
/// four to six letters, digits or masks, at least one a mask, ending the word or before
/// `挂` (a trailer) or `学` (a learner's car).
fn plate_number(data: &Data, line: &str, start: usize, end: usize, m: Mask) -> bool {
    // One letter that may be a mask is the letter itself (`浙A·X0365`).
    if m.letter && line[start..end].chars().nth(1).is_none() {
        return false;
    }
    let (left, right) = figure_around(data, line, start, end, m, |c| {
        c.is_ascii_uppercase() || matches!(c, '·' | '•' | '.')
    });
    let Some(province) = char_before(line, left) else {
        return false;
    };
    let mut cs = line[left..right].chars();
    let letter = cs.next().is_some_and(|c| c.is_ascii_uppercase());
    let rest: String = cs.filter(|c| !matches!(c, '·' | '•' | '.')).collect();
    let n = rest.chars().count();
    data.plate_provinces.contains(province)
        && letter
        && (4..=6).contains(&n)
        && line[left..right]
            .chars()
            .filter(|&c| matches!(c, '·' | '•' | '.'))
            .count()
            <= 1
        && !char_at(line, right).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A postal code with hidden digits (`邮编：415XXX`): six digits and masks after `邮编` or
/// `邮政编码`.
fn postal_code(data: &Data, line: &str, start: usize, end: usize, m: Mask) -> bool {
    let (left, right) = figure_around(data, line, start, end, m, |_| false);
    let before = line[..left].trim_end_matches(|c: char| is_space(c) || matches!(c, ':' | '：'));
    line[left..right].chars().count() == 6
        && ["邮编", "邮政编码", "郵編", "郵政編碼"]
            .iter()
            .any(|w| before.ends_with(w))
        && !char_at(line, right).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Whether the run `line[start..end]` is a whole cell of a row of at least three cells
/// split by tabs or Markdown's bars, one of them a figure (`3\t*\t8,500`, `数量\tX\t0\t0`,
/// `| 2023 | X | X | * |`) or a masked one of two masks or more (`××村\tXX\tXX\tX\tXX`).
fn figure_cell(data: &Data, line: &str, start: usize, end: usize) -> bool {
    let prev = char_before(line, start);
    let next = char_at(line, end);
    let tab = |c: Option<char>| c.is_none_or(|c| c == '\t');
    // A Markdown table's cell: `| 2023 | X | X | * |` (or full-width bars).
    let bars = ['|', '｜'];
    let bar = line[..start].trim_end_matches(is_space).ends_with(bars)
        && line[end..].trim_start_matches(is_space).starts_with(bars);
    let figure = |cell: &str| {
        let cell = cell.trim_matches(is_space);
        (cell.bytes().any(|b| b.is_ascii_digit())
            && cell
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'%')))
            || (cell.chars().nth(1).is_some() && cell.chars().all(|c| data.mask(c).is_some()))
    };
    let row = |cells: &mut dyn Iterator<Item = &str>| {
        let (mut n, mut figures) = (0, 0);
        for cell in cells {
            n += 1;
            figures += usize::from(figure(cell));
        }
        n >= 3 && figures > 0
    };
    if tab(prev) && tab(next) {
        return row(&mut line.split('\t'));
    }
    if bar {
        return row(&mut line.split(bars));
    }
    // Columns aligned with spaces: two or more, or an ideographic one, on each side. (A
    // table's row is short: a long line of names between spaces is read once per name,
    // and is no row of figures.)
    if line.len() > ALIGNED_ROW_MAX_BYTES {
        return false;
    }
    let gap = |s: &str| s.chars().count() >= 2 || s.contains('\u{3000}');
    let before = &line[line[..start].trim_end_matches(is_space).len()..start];
    let after =
        &line[end..end + (line[end..].len() - line[end..].trim_start_matches(is_space).len())];
    let edge_before = line[..start].trim_matches(is_space).is_empty();
    let edge_after = line[end..].trim_matches(is_space).is_empty();
    (edge_before || gap(before))
        && (edge_after || gap(after))
        && row(&mut spaced_cells(line.trim_matches(is_space)).into_iter())
}

/// Longest line read as a row of cells aligned with spaces (see [`figure_cell`]).
const ALIGNED_ROW_MAX_BYTES: usize = 400;

/// Judges the mask run `line[start..end]`; `None` when it is not a placeholder.
/// Whether `line[start..end]` is a single symbol opening a word as a form's option box
/// does: after the line's start, a space, a colon or a bar, before a character that is
/// neither a space nor the symbol.
fn option_box(line: &str, start: usize, end: usize) -> bool {
    let run = &line[start..end];
    let mut cs = run.chars();
    let (Some(sym), None) = (cs.next(), cs.next()) else {
        return false;
    };
    char_before(line, start).is_none_or(|c| is_space(c) || matches!(c, ':' | '：' | '|'))
        && char_at(line, end).is_some_and(|c| !is_space(c) && c != sym)
}

/// How many of `line`'s runs of the symbol `run` are option boxes ([`option_box`]).
fn options(line: &str, run: &str) -> usize {
    line.match_indices(run)
        .filter(|&(i, _)| !line[..i].ends_with(run) && option_box(line, i, i + run.len()))
        .count()
}

/// The look-alike from the data (X射线, 数据要素×), as written or converted to
/// Simplified, that the run `line[start..end]` is part of, if any. Each is tried only if
/// the characters around the run's first allow it.
fn look_alike<'d>(
    data: &'d Data,
    line: &str,
    start: usize,
    end: usize,
    ctx: &Context,
) -> Option<&'d Not> {
    let prev = char_before(line, start);
    let first = char_at(line, start).unwrap_or_default();
    data.nots_from(first).and_then(|(group, nots)| {
        let flen = first.len_utf8();
        let after = if end == start + flen {
            // The character after the run, or what it may become converted.
            ctx.after_start().map_or(Few::default(), |r| r.few())
        } else {
            // Written text up to `second`: the run's second character.
            Few::of(char_at(line, start + flen))
        };
        if !(every_context() || group.may_go_on(&after)) {
            return None;
        }
        nots.iter().find(|n| {
            (every_context() || n.may_match(&after, prev, || ctx.before_end()))
                && n.matches(line, start, end, ctx)
        })
    })
}

/// The most bytes of the next line read when a mask's word may go on past a line break.
const WRAP_BYTES: usize = 24;

/// Whether the candidate `line[start..end]`, near the end of its line, is part of a
/// look-alike that a hard line break cut (`…CT、X射` / `线摄影…` in text extracted from a
/// PDF): read with the start of the next line joined on. Only Han text on both sides of
/// the break: a line that ends a sentence or a paragraph is not cut.
fn look_alike_across_break(data: &Data, line: &str, start: usize, end: usize, next: &str) -> bool {
    let rest = line[end..].trim_end_matches(['\r', '\n']);
    if rest.chars().count() > 2
        || !rest.chars().all(is_han)
        || !line[..start]
            .chars()
            .next_back()
            .is_some_and(|c| is_han(c) || is_cjk_punct(c))
        || !next.chars().next().is_some_and(is_han)
    {
        return false;
    }
    let mut cut = next.len().min(WRAP_BYTES);
    while !next.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = next[..cut].split(['\r', '\n']).next().unwrap_or_default();
    let joined = [line.trim_end_matches(['\r', '\n']), head].concat();
    let ctx = Context::new(&joined, start, end);
    look_alike(data, &joined, start, end, &ctx).is_some()
}

fn classify(
    data: &Data,
    line: &str,
    start: usize,
    end: usize,
    m: Mask,
    han: &OnceCell<bool>,
) -> Option<Verdict> {
    let prev = char_before(line, start);
    let next = char_at(line, end);
    // A mask padded by one space on each side between Han characters, as a scraped
    // `&nbsp;X&nbsp;` writes it (`专科 X 个`): read as if the spaces were not there. Not
    // a strict symbol, which so padded is a bullet or a checkbox (`● 已完成 ○ 未完成`).
    let pad = |c: Option<char>| c.filter(|&c| matches!(c, ' ' | '\u{a0}' | '\u{3000}'));
    if let (false, Some(p), Some(n)) = (m.strict, pad(prev), pad(next)) {
        let (p, n) = (p.len_utf8(), n.len_utf8());
        if char_before(line, start - p).is_some_and(|c| is_han(c) || is_cjk_punct(c))
            && char_at(line, end + n).is_some_and(is_han)
        {
            let compact = [&line[..start - p], &line[start..end], &line[end + n..]].concat();
            return classify(data, &compact, start - p, end - p, m, &OnceCell::new());
        }
    }
    let ctx = Context::new(line, start, end);
    let run = &line[start..end];
    // A form's options (`房屋用途：□自住  □出租  □经营`): a single strict symbol opening a
    // word, one of two or more on the line.
    if m.strict && option_box(line, start, end) && options(line, run) >= 2 {
        return None;
    }
    // A letter opening a file's extension or a path's part (`jhgh.xml`, `/xxgk/`).
    if m.letter
        && prev.is_some_and(|c| c == '.' || c == '/')
        && next.is_some_and(|c| c.is_ascii_alphabetic())
    {
        return None;
    }

    // A field's code in a data dictionary or a CSV header (`xh：序号；xm：姓名`,
    // `xh,xzjd,xm`): lower-case letters from a delimiter to a delimiter.
    if m.letter && field_code(line, start, end) {
        return None;
    }
    // Stars framing a line's text (`*** 以上为部分内容 ***`): decoration.
    if !m.letter && framing(line, start, end) {
        return None;
    }
    // An e-invoice's tax category before an item's name (`*日用杂品*垃圾桶`): its opening
    // star here (the closing one, in Chinese text, has no other context: see below).
    if invoice_category(line, start, end, false) {
        return None;
    }
    let first = char_at(line, start).unwrap_or_default();
    if let Some(n) = look_alike(data, line, start, end, &ctx) {
        let single = end == start + first.len_utf8();
        return (n.explains && single).then(|| (Explained, "", crate::report::shared("")));
    }
    // A licence plate with hidden characters (`浙F****6`, `苏E·****8`, `浙AXX3挂`).
    if prev.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '·' | '•' | '.'))
        && plate_number(data, line, start, end, m)
    {
        return Some((
            Strong,
            "privacy-mask",
            crate::report::shared("masked characters of a licence plate"),
        ));
    }
    // A road's stake number with hidden digits (`KX+XXX`, `K1+X00`): its `+` joins.
    if (matches!(prev, Some('K' | 'k' | '+')) || next == Some('+'))
        && stake_number(data, line, start, end, m)
    {
        return Some((
            Strong,
            "number",
            crate::report::shared("masked stake number"),
        ));
    }
    // Formulas and slogans: 1+N+X, 1+X证书, X=.
    if prev.is_some_and(|c| data.operators.contains(c))
        || next.is_some_and(|c| data.operators.contains(c))
    {
        return None;
    }
    let single = end == start + first.len_utf8();
    if single && !m.letter {
        // A required field's mark on a form (`*家庭住址：`): one symbol opening a line or a
        // cell, before a label and its colon.
        if prev.is_none_or(|c| c == '\t' || is_space(c)) && label_follows(line, end) {
            return None;
        }
        // A product in a formula (`补贴金额＝人数*标准*月数`): one symbol between words,
        // after an equals sign in the same clause.
        if prev.is_some_and(is_han) && next.is_some_and(is_han) && equals_before(line, start) {
            return None;
        }
        if (m.times && times_sign(data, line, start, end, &ctx)) || quoted_symbol(line, start, end)
        {
            return None;
        }
        // A footnote's reference mark after a quoted or bracketed term (`推动“两重点一
        // 重大”*企业`): a masked name does not start right after a closing quote, while a
        // count may follow one (`清理“僵尸车”*辆`).
        if prev.is_some_and(|c| matches!(c, '”' | '」' | '』' | '）' | ')' | '】' | '"'))
            && next.is_some_and(is_han)
            && ctx.word_after(&data.number).is_none()
            && ctx.word_after(&data.date).is_none()
        {
            return None;
        }
    }
    // Digits of an identifier hidden for privacy: 137****8587, 3301**********1234,
    // 91330110MA2H****5K, 3301000XXXXX.
    // (Two masks after a long number and before a unit are its footnote: `23561284**万元`.)
    // A card's or an account's number written in groups, some masked
    // (`6228 **** **** 0017`).
    if grouped_number(data, line, start, end, m) {
        return Some((
            Strong,
            "privacy-mask",
            crate::report::shared("masked group of a card or account number"),
        ));
    }
    let unit = || ctx.word_after(&data.number).is_some();
    if let Some(v) =
        privacy_mask(line, start, end, m).filter(|_| run.chars().count() > 2 || !unit())
    {
        return Some(v);
    }
    // A letter of an e-mail address's name, masked or not (`x***@163.com`): the address's
    // own letter.
    if m.letter
        && line[end..].chars().take(IDENTIFIER_MAX_BYTES).find(|&c| {
            !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') || data.mask(c).is_some())
        }) == Some('@')
    {
        return None;
    }
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    // A full-width letter beside full-width letters is a word's (`ＯＫ`), not a mask.
    let wide = |c: Option<char>| c.is_some_and(|c| matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ'));
    if m.letter && (wide(prev) || wide(next)) {
        return None;
    }
    // Before a digit: X5, ×100%, 415X6 (a model number or arithmetic).
    if digit(next) {
        return None;
    }
    // One strict symbol before a mask of another family: arithmetic between masked
    // figures (`*米×*米`).
    if m.strict
        && run.chars().nth(1).is_none()
        && next
            .and_then(|c| data.mask(c))
            .is_some_and(|n| n.family != m.family)
    {
        return None;
    }
    // A model code: a letter, a dash, digits (`X-5000型`; `X-X头` is a range).
    let dash = |c: Option<char>| matches!(c, Some('-' | '－'));
    if m.letter && dash(next) && digit(char_at(line, end + 1)) {
        return None;
    }
    // A local or mobile number after a phone's label, partly masked (`电话：8XXXXXX`), or
    // the local number after a masked area code (`值班电话：0***-*******`): too few digits
    // for an identifier on their own.
    if (digit(prev) && phone_after_label(data, line, start, end, m))
        || (dash(prev) && area_coded_phone(data, line, start, end, first))
    {
        return Some((
            Strong,
            "privacy-mask",
            crate::report::shared("masked digits of a phone number (after its label or area code)"),
        ));
    }
    if digit(prev) {
        if postal_code(data, line, start, end, m) {
            return Some((
                Strong,
                "privacy-mask",
                crate::report::shared("masked digits of a postal code"),
            ));
        }
        // 20xx年, 202x年: masked digits of a year.
        if let Some(w) = ctx.word_after(&data.date) {
            return Some((
                Strong,
                "number",
                concat(&["masked digits before date part ", w]),
            ));
        }
        // A figure's leading digits kept, the rest masked: `4XXXX元`, `1X.X万亩`, `10X%`.
        // (Not one strict symbol: `3×` before a unit is arithmetic's.) Anything else after
        // digits is a code (415X) or arithmetic (4×).
        // (One or two leading digits: a longer number's masks are its footnote mark,
        // `23561284**万元`, or bold's, `**38650**元`.)
        let digits = line[..start]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        // (Nor one digit and one mask alone: algebra's `5X元`.)
        let k = joined_end(data, line, end, m);
        if (m.strict && single) || digits > 2 || (digits == 1 && single && k == end) {
            return None;
        }
        return Context::new(line, start, k)
            .word_after(&data.number)
            .map(|w| {
                (
                    Strong,
                    "number",
                    concat(&["masked digits of a figure before ", w]),
                )
            });
    }
    let single = run.chars().nth(1).is_none();
    let strength = |s: Strength| {
        if m.strict && single {
            Weak
        } else {
            s
        }
    };
    // A name after a surname of `n` characters: on its own, but for one strict symbol
    // (`×`, `〇`), which is so only where a name starts a word or cell (`王〇军`, a tab
    // before; not `十〇`, a numeral) and does not go on as a numeral.
    let name_strength = |n: usize| {
        let opens = line[..start]
            .chars()
            .rev()
            .nth(n)
            .is_none_or(|c| is_space(c) || is_cjk_punct(c) || is_cell_edge(c));
        let numeral =
            |c: Option<char>| c.is_some_and(|c| "〇零一二三四五六七八九十百千万".contains(c));
        // (A circle or a box after a surname hides the given name wherever the name
        // stands, `当事人赵○（…）`, `驾驶人郑○，`: only a times sign is also an operator.)
        if m.strict && single && ((m.times && !opens) || numeral(next)) {
            Weak
        } else {
            Alone
        }
    };
    // A Latin unit right after: XM范围, *km, XA景区; otherwise a Latin word (XML, X-ray).
    // ASCII letters are single bytes, so they are counted in bytes.
    if latin(next) {
        let k = line.as_bytes()[end..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map_or(line.len(), |p| end + p);
        let letters = &line[end..k];
        let after = char_at(line, k);
        // (`XG-200型`: letters, a dash and digits are a model code.)
        if (m.letter && latin(prev))
            || !data.unit_letters.contains(letters)
            || after.is_some_and(|c| c.is_ascii_alphanumeric())
            || (dash(after) && digit(char_at(line, k + 1)))
        {
            return None;
        }
        return Some((
            strength(Strong),
            "number",
            concat(&["masked number before unit ", letters]),
        ));
    }
    if latin(prev) {
        if m.letter {
            return None; // SpaceX, iPhoneX
        }
        // After the last byte that is not an ASCII letter (a whole character's last byte).
        let k = line.as_bytes()[..start]
            .iter()
            .rposition(|b| !b.is_ascii_alphabetic())
            .map_or(0, |p| p + 1);
        let letters = &line[k..start];
        let before = char_before(line, k);
        if before.is_some_and(|c| data.mask(c).is_some()) && data.unit_letters.contains(letters) {
            // *m*: the superscript of a masked m³.
            return Some((
                strength(Strong),
                "number",
                concat(&["masked part of a figure in ", letters]),
            ));
        }
        if letters.len() <= 2
            && letters.bytes().all(|b| b.is_ascii_uppercase())
            && !before.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some((
                strength(Strong),
                "code",
                concat(&["masked code after ", letters]),
            ));
        }
        return None;
    }
    // A range or decimal (X-X头, x.x%), or thousands (`*,***`, `X,XXX,XXX`): judged by
    // the context after the last mask.
    let same = |c: Option<char>| {
        c.and_then(|c| data.mask(c))
            .is_some_and(|n| n.family == m.family)
    };
    let k = joined_end(data, line, end, m);
    // Bullets and arithmetic: a symbol with space (or the line's edge) on both sides. A
    // run of them there is a table cell or a list entry (`编辑 | XXX`, `出席：XXX　XXX`,
    // `教育支出\t**\t**`) in a line of Chinese text, unless it is the whole line (`***`
    // as a separator). (The sides of a joined figure are the whole figure's.)
    // A lone symbol is such a cell only in a table's row of figures (`数量\tX\t0\t0`),
    // which needs no Chinese (`3\tT40\t*\t8,500`).
    let spaced = |c: Option<char>| c.is_none_or(is_space);
    let (single, next) = if k > end {
        (false, char_at(line, k))
    } else {
        (single, next)
    };
    let cell = spaced(prev) && spaced(next);
    let figure = cell && figure_cell(data, line, start, k);
    if cell
        && (line.trim_matches(is_space) == &line[start..k]
            || !(figure || (!single && *han.get_or_init(|| line.chars().any(is_han)))))
    {
        return None;
    }
    // X-ray, x-axis: a dash joining a Latin word.
    if k == end && next == Some('-') && latin(char_at(line, end + 1)) {
        return None;
    }
    let eff = if k == end {
        ctx
    } else {
        Context::new(line, k, k)
    };
    // One strict symbol after a Han character and before a count's unit is no times sign
    // (a product has figures on both sides) nor a bullet: `新建幼儿园×所`.
    // (Not a box or a circle: `在□里填数` is an exercise's blank.)
    let counted = |s: Strength| {
        if m.times && prev.is_some_and(is_han) {
            s
        } else {
            strength(s)
        }
    };
    if let Some(w) = eff.word_after(&data.date) {
        return Some((
            counted(Strong),
            "number",
            concat(&["masked number before date part ", w]),
        ));
    }
    if let Some(w) = eff.word_after(&data.number) {
        return Some((
            counted(Strong),
            "number",
            concat(&["masked number before unit ", w]),
        ));
    }
    if let Some(w) = eff.word_after(&data.name) {
        return Some((
            strength(Strong),
            "name",
            concat(&["masked name before suffix ", w]),
        ));
    }
    // A business's name: its trade, a few Han characters, then its suffix (`××物流公司`,
    // `×××化工有限公司`).
    if let Some(w) = business_after(data, line, k) {
        return Some((
            strength(Strong),
            "name",
            concat(&["masked name of a business, before ", w]),
        ));
    }
    // A figure written with thousands separators, every digit masked (`X,XXX`,
    // `XXX,XXX.XX`): nothing else has that shape.
    if k > end && thousands(data, &line[start..k], m) {
        return Some((
            Strong,
            "number",
            crate::report::shared("masked figure with thousands separators"),
        ));
    }
    if k > end {
        let sep = char_at(line, end).unwrap_or_default();
        let mut buf = [0u8; 4];
        return Some((
            Weak,
            "number",
            concat(&[
                "masked range or decimal joined by ",
                sep.encode_utf8(&mut buf),
            ]),
        ));
    }
    // A letter standing as a word after a Latin word, with nothing after it to say it is a
    // figure: a model name (Mate X, iPhone X, Model X), not a mask. (Before a Latin word it
    // may be a masked name: 通过X APP办理.)
    // A word of masks before (`出席：XXX　XXX`) is no Latin word.
    if m.letter && k == end {
        let before = line[..start].trim_end_matches(is_space);
        let word = before.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if before.len() < start
            && word.len() < before.len()
            && !before[word.len()..].chars().all(|c| same(Some(c)))
        {
            return None;
        }
    }
    // A person's masked name after the label of a form's field (`姓名：○○○（流浪乞讨人员）`,
    // `聯繫人：○○○，`) or after a title (`县长×××代表`, `局长　×××`).
    if let Some((label, what)) = person_before(data, line, start, end) {
        return Some((
            Strong,
            "name",
            concat(&["masked name after ", what, " ", &label]),
        ));
    }
    // Among Chinese text with nothing to say what it is.
    let chinese = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punct(c));
    if cell {
        return Some(if figure {
            (
                Weak,
                "number",
                crate::report::shared("masked cell in a row of figures"),
            )
        } else {
            (
                Weak,
                "name",
                crate::report::shared("masked entry between spaces"),
            )
        });
    }
    if !(chinese(prev) || chinese(next)) {
        return None;
    }
    // `eff` is the run's own context here.
    Some(match eff.word_before(&data.introducers) {
        Some(w) => (Weak, "number", concat(&["masked figure after ", w])),
        // 李××主持, 孙**、: a given name is one or two characters.
        None if run.chars().count() <= 2
            && prev.is_some_and(|p| data.surname_at(line, start, p)) =>
        {
            let mut buf = [0u8; 4];
            (
                name_strength(1),
                "name",
                concat(&[
                    "masked given name after surname ",
                    prev.unwrap_or_default().encode_utf8(&mut buf),
                ]),
            )
        }
        None if run.chars().count() <= 2 && data.compound_surname_before(line, start) => {
            let surname = line[..start]
                .char_indices()
                .rev()
                .nth(1)
                .map_or(0, |(i, _)| i);
            (
                name_strength(2),
                "name",
                concat(&["masked given name after surname ", &line[surname..start]]),
            )
        }
        // A cell or a list's item of one Han character and one or two masks (`| 米** |`,
        // `　瞿*　`, `、夏*、`): a surname the data does not list, and a masked given name.
        // An item's footnote mark follows a word (`农林水支出*`), not one character.
        None if run.chars().count() <= 2 && one_character_item(line, start, end) => (
            name_strength(1),
            "name",
            crate::report::shared("masked given name after a one-character surname in a cell"),
        ),
        // A lone symbol opening a line, with nothing to say it hides anything: a footnote
        // mark or a bullet (`*数据来源：…` under `注：带*号的指标…`).
        None if single && !m.letter && line[..start].chars().all(is_space) => return None,
        // The star closing an e-invoice's tax category (`*日用杂品*垃圾桶`).
        None if invoice_category(line, start, end, true) => return None,
        None => (
            Weak,
            "name",
            crate::report::shared("masked token in Chinese text"),
        ),
    })
}

/// Whether `figure` is masks of `m`'s family grouped as thousands: one to three, then
/// groups of three after commas, the last perhaps with one or two decimals (`X,XXX`,
/// `XXX,XXX.XX`).
fn thousands(data: &Data, figure: &str, m: Mask) -> bool {
    let masks = |g: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&g.chars().count())
            && g.chars()
                .all(|c| data.mask(c).is_some_and(|x| x.family == m.family))
    };
    let (int, dec) = match figure.split_once('.') {
        Some((i, d)) => (i, Some(d)),
        None => (figure, None),
    };
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && masks(first, 1..=3)
        && rest.iter().all(|g| masks(g, 3..=3))
        && dec.is_none_or(|d| masks(d, 1..=2))
}

/// Masks of a name after a [`Data::name_labels`] label or a [`Data::titles`] title, at
/// least and at most (a Mongolian or Uyghur name may take four: `旗长 ××××`).
const NAME_MASKS: std::ops::RangeInclusive<usize> = 2..=4;

/// The label or title before the run `line[start..end]` that makes it a person's masked
/// name, and which of the two it is: a name label and its colon, the run the whole value
/// (the line's end, a space, punctuation or a bracket after it); a title of office,
/// perhaps with spaces between (a figure after a title has its unit, read before this:
/// `主任X名`); or a title and a surname before one or two masks. Traditional labels are
/// read converted, as every context word is ([`Context::word_before`]).
fn person_before(
    data: &Data,
    line: &str,
    start: usize,
    end: usize,
) -> Option<(String, &'static str)> {
    let masks = line[start..end].chars().count();
    let before = line[..start].trim_end_matches(is_space);
    // The word of `words` ending at byte `at` of the line.
    let find = |words: &Words, at: usize| {
        Context::new(line, at, at)
            .word_before(words)
            .map(str::to_string)
    };
    // A surname right after a title, and one or two masks (`村委会副主任林**介绍`): the
    // title opens the name, as a space or punctuation would.
    if (1..=2).contains(&masks) && before.len() == start {
        if let Some(surname) = before.chars().next_back().filter(|&c| is_han(c)) {
            if data.surnames.contains(surname) || data.initial_surnames.contains(surname) {
                if let Some(t) = find(&data.titles, before.len() - surname.len_utf8()) {
                    return Some((format!("{t} and surname {surname}"), "title"));
                }
            }
        }
    }
    if !NAME_MASKS.contains(&masks) {
        return None;
    }
    if let Some(field) = before.strip_suffix([':', '：']) {
        let ends_value = char_at(line, end).is_none_or(|c| {
            is_space(c) || is_cjk_punct(c) || c.is_ascii_punctuation() || c == '\t'
        });
        return ends_value
            .then(|| find(&data.name_labels, field.len()))
            .flatten()
            .map(|w| (w, "label"));
    }
    find(&data.titles, before.len()).map(|w| (w, "title"))
}

/// Fewest and most Han characters of an e-invoice's tax category (`*日用杂品*`): fewer
/// are a mask's suffix (`*镇*村`, `*街道*社区`).
const INVOICE_CATEGORY_CHARS: std::ops::RangeInclusive<usize> = 3..=10;

/// Whether the single `*` at `line[start..end]` opens (`closing` false) or closes an
/// e-invoice's tax category: `*`, three to ten Han characters, `*`, then the item's name
/// in Han, after a label's colon, a space, a bar or the line's start, on a line that
/// names an invoice's columns (`项目名称：*日用杂品*垃圾桶　规格：240L　数量：40`).
fn invoice_category(line: &str, start: usize, end: usize, closing: bool) -> bool {
    let star = |c: Option<char>| matches!(c, Some('*' | '＊'));
    let run = &line[start..end];
    let mut cs = run.chars();
    if !(star(cs.next()) && cs.next().is_none()) {
        return false;
    }
    let edge =
        |c: Option<char>| c.is_none_or(|c| is_space(c) || matches!(c, ':' | '：' | '|' | '｜'));
    let most = *INVOICE_CATEGORY_CHARS.end() + 1;
    let category = if !closing {
        // (The edge first: most single stars are masks in prose, after a Han character.)
        if !edge(char_before(line, start)) {
            return false;
        }
        let (han, after) = han_run(line[end..].chars(), most);
        let close = end + after;
        INVOICE_CATEGORY_CHARS.contains(&han)
            && star(char_at(line, close))
            && char_at(line, close + char_at(line, close).map_or(1, char::len_utf8))
                .is_some_and(is_han)
    } else {
        if !char_at(line, end).is_some_and(is_han) {
            return false;
        }
        let (han, before) = han_run(line[..start].chars().rev(), most);
        let open = start - before;
        INVOICE_CATEGORY_CHARS.contains(&han)
            && star(char_before(line, open))
            && edge(char_before(
                line,
                open - char_before(line, open).map_or(1, char::len_utf8),
            ))
    };
    // (On an invoice's line: its columns or its name are on it too. `*镇党委*县` and
    // `*镇共走访*名` are masks. Looked for last.)
    category
        && [
            "规格", "单价", "数量", "金额", "税率", "税额", "发票", "价税", "規格", "單價", "數量",
            "金額", "稅率", "稅額", "發票", "價稅",
        ]
        .iter()
        .any(|w| line.contains(w))
}

/// Most groups of a number written in groups read on each side of a masked one.
const NUMBER_GROUPS_MAX: usize = 6;

/// Whether the run `line[start..end]` is a masked group of a number written in groups
/// of three to six characters with single spaces between (`6228 **** **** 0017`, a
/// bank card; `5300 **** **** 0186`): three groups at least, one of them of digits.
fn grouped_number(data: &Data, line: &str, start: usize, end: usize, m: Mask) -> bool {
    let masks = line[start..end].chars().count();
    if !(3..=6).contains(&masks) || (m.strict && masks < 4) {
        return false;
    }
    let bounded = |c: Option<char>| c.is_none_or(|c| c == ' ' || is_cjk_punct(c) || c == ':');
    if !bounded(char_before(line, start)) || !bounded(char_at(line, end)) {
        return false;
    }
    let group = |t: &str| {
        let n = t.chars().count();
        (3..=6).contains(&n)
            && (t.bytes().all(|b| b.is_ascii_digit())
                || t.chars()
                    .all(|c| data.mask(c).is_some_and(|k| k.family == m.family)))
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    // The groups on each side, while they are groups.
    let (mut n, mut with_digits) = (1, false);
    // (A number has a few groups: reading more would read a line of masks once per run.)
    for t in line[end..]
        .strip_prefix(' ')
        .into_iter()
        .flat_map(|r| r.split(' '))
        .take(NUMBER_GROUPS_MAX)
    {
        let t = t.trim_end_matches(|c: char| is_cjk_punct(c) || c == '。');
        if !group(t) {
            break;
        }
        n += 1;
        with_digits |= digits(t);
    }
    for t in line[..start]
        .strip_suffix(' ')
        .into_iter()
        .flat_map(|l| l.rsplit(' '))
        .take(NUMBER_GROUPS_MAX)
    {
        let t =
            t.trim_start_matches(|c: char| !(c.is_ascii_alphanumeric() || data.mask(c).is_some()));
        if !group(t) {
            break;
        }
        n += 1;
        with_digits |= digits(t);
    }
    n >= 3 && with_digits
}

/// The Han characters `chars` opens with, at most `most`: how many, and their bytes.
fn han_run(chars: impl Iterator<Item = char>, most: usize) -> (usize, usize) {
    chars
        .take(most)
        .take_while(|&c| is_han(c))
        .fold((0, 0), |(n, bytes), c| (n + 1, bytes + c.len_utf8()))
}

/// Whether the letters around the run `line[start..end]` make a lower-case code between
/// delimiters (the line's edges, a space, `,` `;` `:` `=` or their full-width forms): a
/// field's name in a data dictionary or a CSV header (`xh：序号`, `xh,xzjd,xm`).
fn field_code(line: &str, start: usize, end: usize) -> bool {
    let delimiter = |c: Option<char>| c.is_none_or(|c| is_space(c) || ",;:=，；：、".contains(c));
    let is_code = |c: &char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let before: usize = line[..start]
        .chars()
        .rev()
        .take_while(is_code)
        .map(char::len_utf8)
        .sum();
    let after: usize = line[end..]
        .chars()
        .take_while(is_code)
        .map(char::len_utf8)
        .sum();
    let token = &line[start - before..end + after];
    token.chars().count() >= 2
        && token.chars().all(|c| is_code(&c))
        && token
            .bytes()
            .any(|b| b.is_ascii_lowercase() && !line[start..end].contains(b as char))
        && delimiter(char_before(line, start - before))
        && delimiter(char_at(line, end + after))
        && line[end + after..].starts_with(|c: char| ",;:=，；：".contains(c))
}

/// Whether the run `line[start..end]`, three symbols or more, opens the line's text and
/// the same run closes it, around Chinese text without the symbol: stars framing a
/// banner (`*** 以上为部分内容，登录后查看 ***`).
fn framing(line: &str, start: usize, end: usize) -> bool {
    let run = &line[start..end];
    let text = line.trim_matches(is_space);
    let Some(sym) = run.chars().next() else {
        return false;
    };
    run.chars().count() >= 3
        && text.len() > 2 * run.len()
        && text.starts_with(run)
        && text.ends_with(run)
        && {
            let inner = &text[run.len()..text.len() - run.len()];
            !inner.contains(sym) && inner.chars().any(is_han)
        }
}

/// Where a figure that the mask run ending at `end` opens ends: after the masks of its
/// family that range or decimal signs and thousands' commas join to it (`X-X头`, `x.x%`,
/// `*,***`, `X,XXX,XXX`); `end` when none do.
fn joined_end(data: &Data, line: &str, end: usize, m: Mask) -> usize {
    let same = |c: Option<char>| {
        c.and_then(|c| data.mask(c))
            .is_some_and(|n| n.family == m.family)
    };
    let mut k = end;
    while let Some(j) = char_at(line, k).filter(|&c| data.joiners.contains(c) || c == ',') {
        let after_joiner = k + j.len_utf8();
        if !same(char_at(line, after_joiner)) {
            break;
        }
        let mut e = after_joiner;
        while let Some(c) = char_at(line, e).filter(|&c| same(Some(c))) {
            e += c.len_utf8();
        }
        // A comma joins a group of three only (`X,X` is a list).
        if j == ',' && line[after_joiner..e].chars().count() != 3 {
            break;
        }
        k = e;
    }
    k
}

/// Whether the run `line[start..end]` and the one Han character before it make a whole
/// cell or item: a space, `|`, punctuation or the line's edge on both sides.
fn one_character_item(line: &str, start: usize, end: usize) -> bool {
    let edge =
        |c: Option<char>| c.is_none_or(|c| is_space(c) || is_cjk_punct(c) || is_cell_edge(c));
    let mut before = line[..start].chars().rev();
    before.next().is_some_and(is_han) && edge(before.next()) && edge(line[end..].chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, String)> {
        let index = LineIndex::new(text);
        find(text, &index, &FlagOptions::default())
            .into_iter()
            .map(|f| (f.text.to_string(), f.kind.into_owned()))
            .collect()
    }

    /// Candidates of every line of `text` when every character of every line is decoded
    /// to find the masks (the scan without the whole-text prefilter).
    fn full_scan(data: &Data, text: &str) -> Vec<(usize, usize, &'static str, String)> {
        let index = LineIndex::new(text);
        let mut out = Vec::new();
        for (_, r) in index.lines(text) {
            let line = &text[r.clone()];
            let masks: Vec<usize> = line
                .char_indices()
                .filter(|&(_, c)| data.mask(c).is_some())
                .map(|(i, _)| i)
                .collect();
            scan_line(data, line, r.start, &masks, true, Bold::Pairs, &mut out);
        }
        out.into_iter()
            .map(|c| (c.start, c.end, c.kind, c.message.to_string()))
            .collect()
    }

    /// Candidates through [`Triggers`]: only the lines and masks its searches find.
    fn prefiltered(data: &Data, text: &str) -> Vec<(usize, usize, &'static str, String)> {
        let index = LineIndex::new(text);
        let hits = data.triggers().find(text, &index);
        let mut out = Vec::new();
        for &i in &hits.lines {
            let r = index.line_range(text, i);
            let masks: Vec<usize> = hits.masks_in(&r).iter().map(|p| p - r.start).collect();
            let keyword = !hits.keywords_in(&r).is_empty();
            scan_line(
                data,
                &text[r.clone()],
                r.start,
                &masks,
                keyword,
                Bold::Pairs,
                &mut out,
            );
        }
        out.into_iter()
            .map(|c| (c.start, c.end, c.kind, c.message.to_string()))
            .collect()
    }

    /// The seeds, their Traditional form, and variants with masks, keywords, look-alikes
    /// and Traditional contexts spliced into every line at several places, with `\n` and
    /// `\r\n` line ends.
    fn variants() -> Vec<String> {
        let s2t = crate::convert::Converter::get(crate::convert::ConfigName::S2t);
        let inserts = [
            "X",
            "x",
            "*",
            "×",
            "＊",
            "Ｘ",
            "ｘ",
            "XX镇",
            "**重点**",
            "20xx年",
            "X-X头",
            "x.x%",
            "关键词2",
            "關鍵詞３",
            "关键字",
            "1+X证书",
            "S*",
            "*m*",
            "X射线",
            "注*",
            "带＊号",
            "××",
            "数据要素×",
            "第X",
            "SpaceX",
            "*km",
            "\u{a0}*\u{a0}",
            // Traditional and compatibility-ideograph contexts: converted before matching.
            "X個",
            "*鎮",
            "XX萬元",
            "X-X頭",
            "X射線",
            "x光",
            "註*",
            "帶*號",
            "標＊號",
            "數據要素×",
            "達X",
            "電話X",
            "舉報熱線*",
            "X\u{F902}",
            "\u{F902}*",
            "**鎮**村",
            "X個百分點",
            "＊縣",
            "×鄉",
            // A phrase converts its first character unlike the character alone (乾 → 干).
            "X乾隆時期",
        ];
        let mut out = Vec::new();
        for simp in crate::testing::seed_texts() {
            let trad = s2t.convert(&simp);
            for (k, doc) in [simp, trad].into_iter().enumerate() {
                out.push(doc.clone());
                for (v, ins) in inserts.iter().enumerate() {
                    let varied: Vec<String> = doc
                        .lines()
                        .enumerate()
                        .map(|(i, l)| {
                            let cs: Vec<char> = l.chars().collect();
                            let at = (i * 7 + v * 13 + k) % (cs.len() + 1);
                            let mut s: String = cs[..at].iter().collect();
                            s.push_str(ins);
                            s.extend(&cs[at..]);
                            s
                        })
                        .collect();
                    out.push(varied.join(if v % 2 == 0 { "\n" } else { "\r\n" }));
                }
            }
        }
        out
    }

    /// Extra data with a word and a look-alike longer than the context strings, and a word
    /// that t2s of a phrase's first character alone would give.
    fn long_extra() -> Data {
        Data::with_extra(&[
            "mask 某 某".into(),
            "keyword 词条 词语 词".into(),
            "name 特别长的行政区划名称单位".into(),
            "not 一二三四五六七八九十X".into(),
            "number 干".into(),
        ])
        .unwrap()
    }

    /// The one-pass search of masks and keywords finds what a search per pattern finds;
    /// patterns that could overlap (a keyword holding another) are searched one by one.
    #[test]
    fn one_pass_search_finds_what_a_pass_per_pattern_finds() {
        let data = Data::builtin();
        let packed = Triggers::new(data);
        let mut single = Triggers::new(data);
        single.packed = None;
        let mut n = 0;
        for text in variants() {
            let index = LineIndex::new(&text);
            let (a, b) = (packed.find(&text, &index), single.find(&text, &index));
            assert_eq!(
                (&a.lines, &a.masks, &a.keywords),
                (&b.lines, &b.masks, &b.keywords)
            );
            n += a.masks.len() + a.keywords.len();
        }
        assert!(n > 1000, "{n}");
        assert!(
            Triggers::new(&long_extra()).packed.is_none(),
            "词 is inside 词条"
        );
        let bytes = |v: &[&str]| v.iter().map(|s| s.as_bytes().to_vec()).collect::<Vec<_>>();
        assert!(apart(&bytes(&["Ｘ", "×", "关键词", "关键字"])));
        assert!(
            !apart(&bytes(&["关键词", "词条"])),
            "one's end starts the other"
        );
        assert!(!apart(&bytes(&["关键", "关键词"])), "one holds the other");
    }

    /// The prefilter never skips a line, a mask or a keyword the full scan finds.
    #[test]
    fn prefilter_skips_nothing_the_full_scan_finds() {
        let data = Data::builtin();
        let extra = long_extra();
        let mut n = 0;
        for text in variants() {
            for d in [data, &extra] {
                let full = full_scan(d, &text);
                assert_eq!(prefiltered(d, &text), full);
                n += full.len();
            }
        }
        assert!(n > 1000, "{n}");
    }

    /// Skipping conversions [`Ends`] rules out, and matching words and look-alikes in the
    /// line rather than in the context strings, find what converting every context and
    /// matching in the strings finds.
    #[test]
    fn shortcuts_find_what_converting_every_context_finds() {
        let data = Data::builtin();
        let extra = long_extra();
        let (mut n, mut converted_words) = (0, 0);
        for text in variants() {
            for d in [data, &extra] {
                let fast = full_scan(d, &text);
                EVERY_CONTEXT.with(|c| c.set(true));
                let slow = full_scan(d, &text);
                EVERY_CONTEXT.with(|c| c.set(false));
                assert_eq!(fast, slow);
                n += fast.len();
                converted_words += fast
                    .iter()
                    .filter(|c| c.3.ends_with('镇') || c.3.ends_with('个'))
                    .count();
            }
        }
        assert!(n > 1000 && converted_words > 100, "{n} {converted_words}");
        // A word or look-alike longer than the context strings never matches, as before.
        let text = "共X特别长的行政区划名称单位，一二三四五六七八九十X射";
        let cands = full_scan(&extra, text);
        assert_eq!(cands.len(), 2, "{cands:?}");
        assert!(cands.iter().all(|c| !c.3.contains("特别长")), "{cands:?}");
    }

    /// What [`Ends`] allows a converted text to start and end with includes what t2s
    /// gives: for every dictionary key alone and in a phrase, and every piece of the
    /// Traditional seeds.
    #[test]
    fn ends_bound_the_conversion() {
        let t2s = crate::convert::Converter::get(crate::convert::ConfigName::T2s);
        let s2t = crate::convert::Converter::get(crate::convert::ConfigName::S2t);
        let ends = Ends::get();
        let mut texts: Vec<String> = Vec::new();
        for (k, _) in crate::convert::dictionary_entries(crate::convert::ConfigName::T2s) {
            texts.extend([
                k.to_string(),
                format!("{k}的"),
                format!("的{k}"),
                format!("{k}{k}"),
            ]);
        }
        for simp in crate::testing::seed_texts() {
            let cs: Vec<char> = s2t.convert(&simp).chars().collect();
            for len in 1..=CONTEXT_CHARS {
                texts.extend(cs.chunks(len).map(|c| c.iter().collect::<String>()));
            }
        }
        let (mut changed, mut solo) = (0, 0);
        for s in &texts {
            let t = t2s.convert(s);
            // Characters converted alone, from the start: the conversion starts with theirs.
            let alone: String = s.chars().map_while(|c| ends.solo_t2s(c)).collect();
            assert!(t.starts_with(&alone), "{s} → {t}, alone {alone}");
            solo += alone.chars().count();
            let (a, z) = (s.chars().next().unwrap(), s.chars().next_back().unwrap());
            let (ta, tz) = (t.chars().next().unwrap(), t.chars().next_back().unwrap());
            assert!(ends.at_start(a).any(|d| d == ta), "{s} → {t}");
            assert!(ends.at_end(z).any(|d| d == tz), "{s} → {t}");
            changed += usize::from(ta != a) + usize::from(tz != z);
        }
        assert!(changed > 10_000 && solo > 100_000, "{changed} {solo}");
        assert_eq!(ends.solo_t2s('鎮'), Some('镇'));
        assert_eq!(ends.solo_t2s('镇'), Some('镇'));
        // 乾 starts phrases (乾隆); 著 is converted by phrases too.
        assert_eq!(ends.solo_t2s('乾'), None);
        assert_eq!(ends.solo_t2s('著'), None);
        // Chains: a compatibility ideograph is normalized, then converted.
        assert!(ends.at_start('\u{F902}').any(|d| d == '车'));
        assert!(!ends.at_start('镇').any(|d| d == '年'));
        assert!(
            ends.at_start('\u{30000}').any(|d| d == '年'),
            "beyond the table"
        );
    }

    #[test]
    fn builtin_data_parses() {
        let d = Data::builtin();
        assert!(d.masks.contains_key(&'X') && d.masks.contains_key(&'＊'));
        assert!(d.number.set.contains("名") && d.name.set.contains("镇"));
        assert!(d.date.set.contains("月"));
        assert!(!d.keywords.is_empty());
    }

    /// Matching by first (last) character finds the word that trying every prefix
    /// (suffix) up to the longest word's length finds.
    #[test]
    fn words_match_like_trying_every_prefix() {
        let d = Data::builtin();
        let by_prefixes = |w: &Words, s: &str| -> Option<String> {
            let ends: Vec<usize> = s
                .char_indices()
                .map(|(i, _)| i)
                .skip(1)
                .chain([s.len()])
                .collect();
            ends.iter()
                .take(w.max_chars)
                .rfind(|&&e| w.set.contains(&s[..e]))
                .map(|&e| s[..e].to_string())
        };
        let by_suffixes = |w: &Words, s: &str| -> Option<String> {
            let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).rev().collect();
            starts
                .iter()
                .take(w.max_chars)
                .rfind(|&&b| w.set.contains(&s[b..]))
                .map(|&b| s[b..].to_string())
        };
        let mut contexts: Vec<String> = vec![
            String::new(),
            "个百分点以上".into(),
            "万元。".into(),
            "季度末".into(),
        ];
        for w in [&d.number, &d.date, &d.name, &d.introducers, &d.phone_labels] {
            for word in &w.set {
                contexts.extend([
                    word.clone(),
                    format!("{word}的"),
                    format!("共{word}"),
                    format!("{word}{word}"),
                ]);
            }
        }
        for text in crate::testing::seed_texts() {
            let cs: Vec<char> = text.chars().collect();
            contexts.extend(cs.chunks(5).map(|c| c.iter().collect::<String>()));
        }
        for w in [&d.number, &d.date, &d.name, &d.introducers, &d.phone_labels] {
            for s in &contexts {
                assert_eq!(w.prefix_of(s).map(str::to_string), by_prefixes(w, s), "{s}");
                assert_eq!(w.suffix_of(s).map(str::to_string), by_suffixes(w, s), "{s}");
            }
        }
    }

    #[test]
    fn words_match_longest() {
        let mut w = Words::default();
        w.add("万");
        w.add("万元");
        assert_eq!(w.prefix_of("万元。"), Some("万元"));
        assert_eq!(w.prefix_of("万人"), Some("万"));
        assert_eq!(w.suffix_of("举报电话"), None);
        let mut i = Words::default();
        i.add("电话");
        assert_eq!(i.suffix_of("举报电话"), Some("电话"));
    }

    #[test]
    fn tails_and_heads() {
        assert_eq!(tail_chars("一二三", 2), "二三");
        assert_eq!(tail_chars("一二三", 5), "一二三");
        assert_eq!(tail_chars("一二三", 0), "");
        assert_eq!(head_chars("一二三", 2), "一二");
    }

    #[test]
    fn strong_shapes() {
        assert_eq!(spans("X镇召开会议"), [("X".into(), "name".into())]);
        assert_eq!(spans("共X名党员"), [("X".into(), "number".into())]);
        assert_eq!(
            spans("于X月X日召开"),
            [("X".into(), "number".into()), ("X".into(), "number".into())]
        );
        assert_eq!(spans("S*公路"), [("*".into(), "code".into())]);
        assert_eq!(spans("达XXX元"), [("XXX".into(), "number".into())]);
    }

    #[test]
    fn weak_needs_document_evidence() {
        assert!(spans("推动X经济发展").is_empty());
        let both = spans("X镇共X名干部，推动X经济发展");
        assert_eq!(both.len(), 3);
        assert_eq!(both[2].1, "name");
    }

    #[test]
    fn extra_pattern_with_lookahead() {
        let text = "某某公司与某某人";
        let index = LineIndex::new(text);
        let opts = FlagOptions::new(&["某某(?=公司)".into()], &[]).unwrap();
        let f = find(text, &index, &opts);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].span.byte_start, f[0].span.byte_end), (0, 6));
        assert_eq!(f[0].kind, "name");
    }

    #[test]
    fn two_character_surnames_come_from_the_data() {
        assert_eq!(spans("经办人：欧阳*明"), [("*".into(), "name".into())]);
        assert_eq!(spans("司马**同志"), [("**".into(), "name".into())]);
        // Not a surname the data names: a lone `*` with no evidence is kept as text.
        assert!(spans("经办人：公羊*明").is_empty());
        let text = "经办人：公羊*明";
        let index = LineIndex::new(text);
        let opts = FlagOptions::new(&["surname 公羊".into()], &[]).unwrap();
        let f = find(text, &index, &opts);
        assert_eq!(f.len(), 1);
        assert_eq!(&*f[0].message, "masked given name after surname 公羊");
    }

    #[test]
    fn plates_open_with_a_province_from_the_data() {
        assert_eq!(
            spans("车牌浙C·***8A"),
            [("***".into(), "privacy-mask".into())]
        );
        assert_eq!(
            spans("車牌閩D****7"),
            [("****".into(), "privacy-mask".into())]
        );
        assert!(!spans("编号AC·***8A")
            .iter()
            .any(|(_, kind)| kind == "privacy-mask"));
    }

    #[test]
    fn check_extra_reports_bad_lines() {
        let errs = Data::check_extra(&["pattern colour (".into(), "number 名".into()]);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("unknown kind"), "{errs:?}");
        assert_eq!(Data::check_extra(&["pattern code ([".into()]).len(), 1);
        let errs = Data::check_extra(&["surname 公羊氏".into(), "plate-province 浙江".into()]);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("one or two characters"), "{errs:?}");
    }
}
