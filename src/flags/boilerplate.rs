//! Web-scrape boilerplate lines: breadcrumbs, reader toolbars, share widgets, page
//! metadata, related-link lists, download widgets, link ids and a title scraped twice.
//!
//! Phrases and patterns live in `dictionaries/boilerplate.txt` (its header documents the
//! syntax and the match modes). Phrase evidence is combined with the line's shape and
//! neighbourhood:
//!
//! - every mode but `line`/`token`/`heading`/`regex` needs a short line without sentence
//!   punctuation, so a body sentence that mentions `来源` or `首页` is never flagged;
//! - `contains` and `mark` phrases never count on an item of the document's own outline
//!   (`（一）网站点击量：120万人次` is a statistic, not the page's counter);
//! - weak evidence counts only next to other boilerplate or at the top or bottom of the
//!   page (before or after its body text): `token` phrases (`大`, `>`, `|`, also in a run
//!   of different tokens), `weak-field` labels that are also ordinary words (`作者`,
//!   `审核`, also in the page header before the body; never a label a page repeats three
//!   times, a list's), `tail` phrases (`技术支持`), a site mark (`ICP备`) outside
//!   the page footer, a breadcrumb chain that does not start at the site's home (a
//!   ranking `重大风险>较大风险` is not one);
//! - a row of links that starts at the site's home is its menu (`首页 | 走进南江 | 政务公开`)
//!   or a breadcrumb (`首页 / 工作动态`);
//! - a metadata label alone on its line flags its value line, a related-links heading its
//!   link lines, a lone breadcrumb separator the steps around it;
//! - a title-like line among the first kept lines that repeats further down the top of the
//!   file, with only boilerplate or short lines between, was scraped twice.
//!
//! Every finding spans one whole line's content (without its line ending), as `clean`
//! deletes the lines it flags.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use super::gates::{self, Gates};
use super::text::{
    decode_markup, fold_width, is_box_drawing, is_cjk_punct, is_han, is_space, markdown_like,
    normalize, scan_stripped, strip_comment,
};
use super::{DataFile, FlagOptions};
use crate::edit::LineIndex;
use crate::report::{Finding, Rule};

/// Longest line (normalised characters) for `prefix`, `field` and `mark` rules.
pub const PREFIX_MAX_CHARS: usize = 150;
/// Longest line for `contains` rules.
pub const CONTAINS_MAX_CHARS: usize = 50;
/// A long `mark` line counts only among a file's last this many non-blank lines: a page
/// footer, not a table of websites in the body.
pub const FOOTER_LINES: usize = 5;
/// Longest value line under a metadata label.
pub const VALUE_MAX_CHARS: usize = 60;
/// Longest link line under a related-links heading.
pub const LINK_MAX_CHARS: usize = 80;
/// Longest breadcrumb step (in a `>` chain or one per line).
pub const STEP_MAX_CHARS: usize = 25;
/// The title and its scraped copy are both among this many first non-blank lines.
pub const TITLE_WINDOW: usize = 12;
/// The title is one of this many first kept (not boilerplate) non-blank lines.
pub const TITLE_CANDIDATES: usize = 3;

/// The longest label alone on its line (`名称：`, `信息索引号：`) read as one of a
/// metadata block's by [`duplicate_title`], in characters with the colon.
const LABEL_MAX_CHARS: u16 = 8;
/// Passes that let weak evidence spread from line to line.
const MAX_PASSES: usize = 8;
/// Rounds of those passes and the title and header checks after them.
const OUTER_PASSES: usize = 3;
/// Lines behind the one being matched whose normalised forms are kept (see [`find`]).
const NORM_KEPT: usize = 64;
/// Lines longer than this (original characters) are body text and are not normalised.
const LONG_LINE_CHARS: usize = 200;

static BUILTIN_TEXT: &str = include_str!("../../dictionaries/boilerplate.txt");

/// Finds boilerplate lines in `text`; each finding spans one whole line (without its ending).
pub fn find(text: &str, index: &LineIndex, opts: &FlagOptions) -> Vec<Finding> {
    let data: &Data = match &opts.boilerplate {
        Some(d) => d,
        None => Data::builtin(),
    };
    let mut lines: Vec<LineInfo> = index
        .lines(text)
        .map(|(_, r)| LineInfo::new(text, r, data.longest_whole()))
        .collect();
    let mut flags = Flags::new(&lines);
    let body = Body::of(&lines);
    let mut pending: Vec<Pending> = Vec::new();
    for i in 0..lines.len() {
        // A line already flagged (as a value or link line) is not matched again, so
        // repeated headings do not re-walk the same links.
        let l = &lines[i];
        if !(l.blank || l.long || flags.is(i)) {
            match_line(data, &lines, i, &body, &mut flags, &mut pending);
        }
        // A line's normalised form is kept while the lines around it are matched (they
        // read their neighbours'), then dropped: the later passes read few lines, and
        // make again what they need. A file of a million short lines held them all.
        if let Some(done) = i.checked_sub(NORM_KEPT) {
            lines[done].norm.take();
        }
    }
    front_matter(&lines, &mut flags);
    field_dumps(&lines, &mut flags);
    box_tables(data, &lines, &body, &mut flags);
    page_numbers(&lines, &mut flags);
    // Weak evidence (tokens, breadcrumb steps) grows from the strong flags. Each pass
    // walks forward, so a run resolves in one or two passes; the cap keeps adversarial
    // input linear.
    // A title's copies and running headers, found after, may in turn change what weak
    // evidence sees (a label a page repeats only in copies of its header is no list's):
    // the passes go again while they flag lines, as a second clean would.
    for _ in 0..OUTER_PASSES {
        for _ in 0..MAX_PASSES {
            let mut changed = accept_pending(data, &lines, &pending, &body, &mut flags);
            changed |= breadcrumb_steps(data, &lines, &mut flags);
            if !changed {
                break;
            }
        }
        // (The site owner's banner first: a department's banner is the issuer's name under
        // the title too, `岷溪县统计局` over the menu and under the title, and no title.)
        let mut changed = spaced_menus(&lines, &body, &mut flags);
        changed |= site_owners(data, &lines, &body, &mut flags);
        changed |= duplicate_title(&lines, &body, &mut flags);
        changed |= running_headers(&lines, &body, &mut flags);
        // (Disclaimers, next to what the passes flagged, once a round: a walk over every
        // line each pass cost more than they find.)
        changed |= statements(data, &lines, &mut flags);
        changed |= contact_rows(data, &lines, &body, &mut flags);
        changed |= menu_columns(&lines, &body, &mut flags);
        changed |= footer_gaps(&lines, &body, &mut flags);
        if !changed {
            break;
        }
    }
    quoted_in_body(&lines, &mut flags);
    official_header(&lines, &mut flags);
    flags
        .0
        .into_iter()
        .zip(&lines)
        .filter_map(|(f, l)| {
            f.map(|f| {
                let (kind, message) = *f;
                Finding::new(
                    Rule::Boilerplate,
                    kind,
                    text,
                    index,
                    l.range(text).start,
                    l.range(text).end,
                    message,
                )
            })
        })
        .collect()
}

impl DataFile for Data {
    fn builtin() -> &'static Data {
        static DATA: OnceLock<Data> = OnceLock::new();
        DATA.get_or_init(|| {
            let lazy = Data {
                lazy: true,
                ..Data::default()
            };
            let mut d = lazy.parse_into(BUILTIN_TEXT, "dictionaries/boilerplate.txt");
            d.lazy = false;
            d
        })
    }

    fn add_line(&mut self, raw: &str, n: usize) -> Result<(), String> {
        Data::add_line(self, raw, n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Line,
    Token,
    Prefix,
    Contains,
    Mark,
    /// As `contains`, but only next to other boilerplate (`技术支持`).
    Tail,
    Field,
    /// A `field` whose label is also an ordinary word or table heading (`作者`, `审核`):
    /// it needs a neighbourhood, like a `token`.
    WeakField,
    Label,
    Heading,
    /// A `heading` that is also a body heading (`相关信息` over contact lines): it counts
    /// only over headlines, and its list stops at a `label:value` line.
    WeakHeading,
    /// A heading of attached files (`附件：` over `名单.xls`): it counts only over file
    /// names, and its list is theirs.
    FileHeading,
    /// A sentence only page chrome says (`…，仅代表作者观点。`): it may be a sentence, and
    /// counts only right above other chrome or as the page's last line below it.
    Statement,
    /// A label of the site's contact row (`地址`, `电话`, `传真`): a row of two or more
    /// such `label:value` pieces counts below other chrome after the body.
    Contact,
    /// The end of a site's name (`门户网站`, `政府网`): a short line that is a site's name,
    /// perhaps with a column's (`X镇人民政府网 · 党建专栏`), counts at the top of the page.
    SiteName,
    /// The end of a site owner's name (`人民政府`, `局`): a line that is only such a name
    /// counts right above other chrome in the page's header (`松林县教育局` over the
    /// breadcrumb), not under the title, where it is the document's own.
    SiteOwner,
    Regex,
    Separator,
}

impl Mode {
    fn parse(s: &str) -> Option<Mode> {
        Some(match s {
            "line" => Mode::Line,
            "token" => Mode::Token,
            "prefix" => Mode::Prefix,
            "contains" => Mode::Contains,
            "mark" => Mode::Mark,
            "tail" => Mode::Tail,
            "label" => Mode::Label,
            "field" => Mode::Field,
            "weak-field" => Mode::WeakField,
            "heading" => Mode::Heading,
            "weak-heading" => Mode::WeakHeading,
            "file-heading" => Mode::FileHeading,
            "statement" => Mode::Statement,
            "contact" => Mode::Contact,
            "site-name" => Mode::SiteName,
            "site-owner" => Mode::SiteOwner,
            "regex" => Mode::Regex,
            "separator" => Mode::Separator,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
struct BpRule {
    mode: Mode,
    category: String,
    /// Normalised phrase (the source text for `regex`).
    phrase: String,
    regex: Option<LazyRegex>,
}

/// A `regex` rule's expression, compiled on first use: compiling them all cost a process
/// 1–2 ms at start-up (about 80 µs each), more than a small file's whole pass. One whose
/// matches start at the line's start with one of a few characters (`^建议…`,
/// `^(点击|长按)…`) is not even compiled for a file without a line starting so. (A first
/// byte would not do: most Han characters share a handful of lead bytes.)
/// One that may start with anything but must hold a literal (`^.{1,12}打开APP$`) is
/// gated by that literal.
#[derive(Debug, Clone)]
struct LazyRegex {
    re: OnceLock<Regex>,
    /// The characters a match can start with, sorted, when the expression says so.
    first: Option<Box<[char]>>,
    /// A literal every match holds, the longest found, when there is one.
    inner: Option<Box<str>>,
}

/// The gates of the built-in file's expressions, read by `build.rs` (see [`gates`]).
static BUILTIN_GATES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/boilerplate.gates"));

/// [`BUILTIN_GATES`] by expression, read once.
fn builtin_gates() -> &'static FxHashMap<&'static str, Gates> {
    static MAP: OnceLock<FxHashMap<&'static str, Gates>> = OnceLock::new();
    MAP.get_or_init(|| gates::read_image(BUILTIN_GATES).into_iter().collect())
}

impl LazyRegex {
    fn new(src: &str) -> LazyRegex {
        // The built-in expressions' gates were read at build time; others (a user's) now.
        // (A bad expression gets none, and its error when compiled.)
        let Gates { first, inner } = builtin_gates()
            .get(src)
            .cloned()
            .unwrap_or_else(|| gates::gates(src));
        LazyRegex {
            re: OnceLock::new(),
            first,
            inner,
        }
    }

    fn is_match(&self, src: &str, s: &str) -> bool {
        if let Some(set) = &self.first {
            match s.chars().next() {
                Some(c) if set.binary_search(&c).is_ok() => {}
                _ => return false,
            }
        }
        if let Some(lit) = &self.inner {
            if memchr::memmem::find(s.as_bytes(), lit.as_bytes()).is_none() {
                return false;
            }
        }
        self.re
            .get_or_init(|| Regex::new(src).expect("a data file's regex was checked when read"))
            .is_match(s)
    }
}

/// The detector's data: the built-in file, plus a user's extra lines when there are any.
#[derive(Debug, Clone, Default)]
pub struct Data {
    rules: Vec<BpRule>,
    /// Whole-line phrases (`line`, `token`, `heading`, `field` label alone) → rule indices.
    whole: FxHashMap<String, Vec<usize>>,
    separators: Vec<char>,
    /// The `line breadcrumb` phrases: a site's home, the first step of a breadcrumb.
    homes: Vec<String>,
    /// The first bytes of the separators' UTF-8, as a bitset.
    separator_leads: [u64; 4],
    /// The `regex`, `prefix`, `field` and `contains` rules, in order: the ones
    /// [`match_line`] tries after the whole-line phrases.
    partial: Vec<usize>,
    /// The `regex` rules that match only lines all ASCII (see [`ascii_only_regex`]), in
    /// order: with [`Data::wide_by_first`] and [`Data::wide_any`], the only partial rules a line that is not short or
    /// holds sentence punctuation can match.
    regexes: Vec<usize>,
    /// The phrases of the `prefix`, `field` and `contains` rules in one automaton, built on
    /// first use (after every line).
    phrases: OnceLock<Phrases>,
    /// Bit `n` set when a key of [`Data::whole`] has `n` characters (bit 63: 63 or more): a
    /// line of another length needs no look-up.
    whole_lens: u64,
    /// The other `regex` rules, which may match a line that is not all ASCII and are tried
    /// on short lines without sentence punctuation: those whose matches start with one of
    /// a few characters, by character, in order (a line is tried with the list of its
    /// first character only)…
    wide_by_first: FxHashMap<char, Vec<usize>>,
    /// … and the others (`^.{1,12}打开APP$`), in order.
    wide_any: Vec<usize>,
    /// The `statement` rules, in order: tried only on lines right above other chrome.
    statements: Vec<usize>,
    /// The `contact` labels (normalised, without the colon) → rule index.
    contacts: FxHashMap<String, usize>,
    /// The `site-name` rules, in order.
    site_names: Vec<usize>,
    /// The `site-owner` rules, in order.
    site_owners: Vec<usize>,
    /// While the built-in file is read: its regexes are compiled on first use only.
    lazy: bool,
}

/// Every phrase of the `prefix`, `field` and `contains` rules, found in one pass over a line.
#[derive(Clone)]
struct Phrases {
    ac: daachorse::DoubleArrayAhoCorasick<u32>,
    /// The rules (indices, ascending) of each distinct phrase.
    rules: Vec<Vec<usize>>,
    /// Bytes of the longest `prefix` or `field` phrase, with an opening bracket before it
    /// (`【发布单位】`).
    anchored: usize,
    /// The literals that every match of a [`Data::wide_any`] regex holds, in one
    /// automaton: one pass over a line tells which of those regexes can match it, where
    /// a search per regex took as long as the rest of the partial rules together. The
    /// value of a literal: the bits of the regexes (positions in `wide_any`) that need it.
    wide_literals: Option<daachorse::DoubleArrayAhoCorasick<u32>>,
    /// The bits (positions in `wide_any`) of the regexes tried whatever the line holds:
    /// those without such a literal, and any past the mask's 64 bits.
    wide_always: u64,
    /// The masks of the literals of `wide_literals`, by value.
    wide_masks: Vec<u64>,
}

impl std::fmt::Debug for Phrases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Phrases({} phrases)", self.rules.len())
    }
}

impl Phrases {
    fn new(data: &Data) -> Phrases {
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut patterns: Vec<(&str, u32)> = Vec::new();
        let mut rules: Vec<Vec<usize>> = Vec::new();
        let mut anchored = 0;
        for &r in &data.partial {
            let rule = &data.rules[r];
            if rule.mode == Mode::Regex {
                continue;
            }
            if matches!(rule.mode, Mode::Prefix | Mode::Field | Mode::WeakField) {
                anchored = anchored.max('【'.len_utf8() + rule.phrase.len());
            }
            let id = *ids.entry(rule.phrase.as_str()).or_insert_with(|| {
                patterns.push((rule.phrase.as_str(), rules.len() as u32));
                rules.push(Vec::new());
                rules.len() - 1
            });
            rules[id].push(r);
        }
        let ac = daachorse::DoubleArrayAhoCorasick::with_values(patterns)
            .expect("distinct, non-empty phrases");
        let mut wide_always = 0u64;
        let mut literal_ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut literals: Vec<(&str, u32)> = Vec::new();
        let mut wide_masks: Vec<u64> = Vec::new();
        for (k, &r) in data.wide_any.iter().enumerate() {
            let literal = data.rules[r]
                .regex
                .as_ref()
                .and_then(|re| re.inner.as_deref())
                .filter(|lit| !lit.is_empty());
            match literal {
                Some(lit) if k < 64 => {
                    let id = *literal_ids.entry(lit).or_insert_with(|| {
                        literals.push((lit, wide_masks.len() as u32));
                        wide_masks.push(0);
                        wide_masks.len() - 1
                    });
                    wide_masks[id] |= 1 << k;
                }
                _ if k < 64 => wide_always |= 1 << k,
                _ => {}
            }
        }
        let wide_literals = (!literals.is_empty()).then(|| {
            daachorse::DoubleArrayAhoCorasick::with_values(literals)
                .expect("distinct, non-empty literals")
        });
        Phrases {
            ac,
            rules,
            anchored,
            wide_literals,
            wide_always,
            wide_masks,
        }
    }

    /// The bits (positions in [`Data::wide_any`], the first 64) of the regexes that can
    /// match `norm`: those whose literal it holds, and those that have none.
    fn wide_candidates(&self, norm: &str) -> u64 {
        let mut bits = self.wide_always;
        if let Some(ac) = &self.wide_literals {
            for m in ac.find_overlapping_iter(norm) {
                bits |= self.wide_masks[m.value() as usize];
            }
        }
        bits
    }
}

impl Data {
    fn add_line(&mut self, raw: &str, n: usize) -> Result<(), String> {
        // A copy of the built-in data may carry an automaton built before this line.
        self.phrases = OnceLock::new();
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            return Ok(());
        }
        let mut parts = line.splitn(3, char::is_whitespace);
        let first = parts.next().unwrap_or("");
        let (mode, category, phrase) = match Mode::parse(first) {
            Some(mode) => {
                let category = parts.next().unwrap_or("").trim();
                let phrase = parts.next().unwrap_or("").trim();
                if category.is_empty() || phrase.is_empty() {
                    return Err(format!(
                        "line {n}: expected `MODE CATEGORY PHRASE`: `{raw}`"
                    ));
                }
                (mode, category, phrase)
            }
            None => (Mode::Contains, "custom", line),
        };
        let (phrase, regex) = if mode == Mode::Regex {
            let lazy = LazyRegex::new(phrase);
            // Checked now but for the built-in file's (its test compiles them all).
            if !self.lazy {
                let re = Regex::new(phrase).map_err(|e| format!("line {n}: bad regex: {e}"))?;
                lazy.re.set(re).expect("a new cell");
            }
            (phrase.to_string(), Some(lazy))
        } else {
            let p = normalize(phrase);
            if p.is_empty() {
                return Err(format!("line {n}: empty phrase: `{raw}`"));
            }
            (p, None)
        };
        if mode == Mode::Separator {
            let mut cs = phrase.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => {
                    self.separators.push(c);
                    let b = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
                    self.separator_leads[usize::from(b >> 6)] |= 1 << (b & 63);
                }
                _ => return Err(format!("line {n}: a separator is one character: `{raw}`")),
            }
        }
        let idx = self.rules.len();
        if matches!(
            mode,
            Mode::Line
                | Mode::Token
                | Mode::Heading
                | Mode::WeakHeading
                | Mode::FileHeading
                | Mode::Field
                | Mode::WeakField
                | Mode::Label
        ) {
            let key = phrase.trim_end_matches(':').to_string();
            self.whole_lens |= len_bit(key.chars().count());
            self.whole.entry(key).or_default().push(idx);
        }
        if matches!(
            mode,
            Mode::Regex
                | Mode::Prefix
                | Mode::Field
                | Mode::WeakField
                | Mode::Contains
                | Mode::Mark
                | Mode::Tail
        ) {
            self.partial.push(idx);
        }
        if mode == Mode::Line && category == "breadcrumb" {
            self.homes.push(phrase.clone());
        }
        if mode == Mode::Statement {
            self.statements.push(idx);
        }
        if mode == Mode::SiteName {
            self.site_names.push(idx);
        }
        if mode == Mode::SiteOwner {
            self.site_owners.push(idx);
        }
        if mode == Mode::Contact {
            self.contacts
                .entry(phrase.trim_end_matches(':').to_string())
                .or_insert(idx);
        }
        if mode == Mode::Regex {
            if ascii_only_regex(&phrase) {
                self.regexes.push(idx);
            } else {
                match regex.as_ref().and_then(|r| r.first.as_deref()) {
                    Some(firsts) => {
                        for &c in firsts {
                            self.wide_by_first.entry(c).or_default().push(idx);
                        }
                    }
                    None => self.wide_any.push(idx),
                }
            }
        }
        self.rules.push(BpRule {
            mode,
            category: category.to_string(),
            phrase,
            regex,
        });
        Ok(())
    }

    fn rule(&self, i: usize) -> &BpRule {
        &self.rules[i]
    }

    fn phrases(&self) -> &Phrases {
        self.phrases.get_or_init(|| Phrases::new(self))
    }

    /// The first (lowest-numbered) `regex`, `prefix`, `field`, `contains` or `mark` rule
    /// line `l` matches: the rule a walk over them in order would stop at.
    /// `tail`: the line is in the page footer (among the file's last [`FOOTER_LINES`]
    /// non-blank lines, after the body text), where a `mark` line may be long.
    fn first_partial(&self, l: &LineInfo, tail: bool) -> Option<&BpRule> {
        let mut best = usize::MAX;
        // `prefix`, `field`, `mark` and `contains` need a short line without sentence
        // punctuation; `mark` and `contains` also one without a comma that is not an
        // item of the document's own outline.
        if l.shape_ok(PREFIX_MAX_CHARS) {
            let norm = l.norm();
            let mark_ok = !l.comma && !starts_with_outline_number(norm);
            // A long line that starts with a number is a table row or list item.
            let numbered = norm.starts_with(|c: char| c.is_ascii_digit());
            let contains_ok = mark_ok && l.shape_ok(CONTAINS_MAX_CHARS);
            let phrases = self.phrases();
            let lead = arrow_lead(norm);
            // Without `contains` or `mark`, only matches at the start count: none ends past
            // the longest `prefix` or `field` phrase.
            let hay = if mark_ok {
                norm
            } else {
                let mut end = phrases.anchored.min(norm.len());
                while !norm.is_char_boundary(end) {
                    end -= 1;
                }
                &norm[..end]
            };
            for m in phrases.ac.find_overlapping_iter(hay) {
                for &r in &phrases.rules[m.value() as usize] {
                    if r >= best {
                        break;
                    }
                    let rule = &self.rules[r];
                    let hit = match rule.mode {
                        Mode::Prefix => {
                            (m.start() == 0 || m.start() == lead)
                                && (rule.category != "breadcrumb"
                                    || self.leads_to_crumbs(norm, m.end()))
                        }
                        // `来源：…`, or a WeChat credit's `编辑 | 张三` (also with the
                        // bar-like Han character 丨), or the label in brackets
                        // (`【发布单位】县政府办`).
                        Mode::Field | Mode::WeakField => {
                            (m.start() == 0 && norm[m.end()..].starts_with([':', '|', '丨']))
                                || (m.start() == '【'.len_utf8()
                                    && norm.starts_with('【')
                                    && norm[m.end()..].starts_with('】'))
                        }
                        Mode::Contains | Mode::Tail => contains_ok,
                        Mode::Mark => {
                            (contains_ok || (mark_ok && tail && !numbered))
                                && followed_by_number(&norm[m.end()..])
                        }
                        _ => false,
                    };
                    if hit {
                        best = r;
                        break;
                    }
                }
            }
        }
        // Only a line that is all ASCII can match the usual regexes (see `ascii_only_regex`).
        let ascii: &[usize] = if l.ascii() { &self.regexes } else { &[] };
        let first = |list: &[usize], below: usize| {
            list.iter().copied().take_while(|&r| r < below).find(|&r| {
                self.rules[r]
                    .regex
                    .as_ref()
                    .is_some_and(|re| re.is_match(&self.rules[r].phrase, l.norm()))
            })
        };
        let best = first(ascii, best).unwrap_or(best);
        // The others on short lines without sentence punctuation only, like `prefix` rules:
        // tried on every line, they took as long as the rest of the pass (a long line's
        // comparison text is made only for them).
        // (Those gated by their first character only from that character's list; the
        // lowest-numbered match of both lists.)
        if !l.shape_ok(PREFIX_MAX_CHARS) {
            return (best != usize::MAX).then(|| &self.rules[best]);
        }
        let gated = l
            .norm()
            .chars()
            .next()
            .and_then(|c| self.wide_by_first.get(&c))
            .map_or(&[][..], Vec::as_slice);
        let best = first(gated, best).unwrap_or(best);
        let candidates = self.phrases().wide_candidates(l.norm());
        let best = self
            .wide_any
            .iter()
            .enumerate()
            .take_while(|&(_, &r)| r < best)
            .find(|&(k, &r)| {
                (k >= 64 || candidates & (1 << k) != 0)
                    && self.rules[r]
                        .regex
                        .as_ref()
                        .is_some_and(|re| re.is_match(&self.rules[r].phrase, l.norm()))
            })
            .map_or(best, |(_, &r)| r);
        (best != usize::MAX).then(|| &self.rules[best])
    }

    /// Whether `norm`, a line that starts with a breadcrumb prefix (`当前位置`) ending at
    /// byte `end`, is a breadcrumb: nothing follows (the steps are on their own lines), or
    /// what follows holds a separator, or the line the site's home (`当前位置：首页 > 政务公开`,
    /// `位置：首页 / 新闻中心`); not a place (`所在位置：城东街道纬三路以北`) or a position
    /// (`当前位置：北纬20.3度`).
    fn leads_to_crumbs(&self, norm: &str, end: usize) -> bool {
        let rest = norm[end..].trim_start_matches(':');
        rest.is_empty()
            || rest.chars().any(|c| self.separators.contains(&c))
            || self.homes.iter().any(|h| norm.contains(h.as_str()))
    }

    /// Whether `s` may hold a separator: it has a byte a separator starts with.
    fn may_hold_separator(&self, s: &str) -> bool {
        s.bytes()
            .any(|b| self.separator_leads[usize::from(b >> 6)] >> (b & 63) & 1 != 0)
    }

    fn is_separator_line(&self, norm: &str) -> bool {
        !norm.is_empty() && norm.chars().all(|c| self.separators.contains(&c))
    }

    /// Whether a line whose normalised form less its ending colons has `bare_chars`
    /// characters can be a key of [`Data::whole`].
    fn may_be_whole(&self, bare_chars: usize) -> bool {
        self.whole_lens & len_bit(bare_chars) != 0
    }

    /// Whether raw text `s` can normalise to a key of [`Data::whole`], judged by its
    /// length: normalising never lengthens a text by more than its conversion can, and
    /// entities (`&nbsp;`) only shorten it, so a text over twice the longest key cannot.
    fn may_be_whole_raw(&self, s: &str) -> bool {
        let longest = self.longest_whole();
        longest == usize::MAX || s.chars().nth(longest.saturating_mul(2)).is_none()
    }

    /// No key of [`Data::whole`] has more characters than this.
    fn longest_whole(&self) -> usize {
        match self.whole_lens {
            0 => 0,
            l if l >> 63 != 0 => usize::MAX,
            l => 63 - l.leading_zeros() as usize,
        }
    }
}

/// The bit of [`Data::whole_lens`] for a key of `n` characters.
fn len_bit(n: usize) -> u64 {
    1 << n.min(63)
}

/// Whether `rest` (what follows a `mark` phrase in a normalised line) starts with the mark's
/// number, after an optional colon: `ICP备05012345号`, `网站标识码:5107270001`. A column
/// header (`网站标识码 备案编号`) or a sentence (`完成ICP备案`) names the mark without one.
fn followed_by_number(rest: &str) -> bool {
    rest.strip_prefix(':')
        .unwrap_or(rest)
        .starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a normalised line starts with an item number of the document's own outline:
/// `(一)` `(1)` (full-width brackets are folded), `一、` `十二、`, `1、` `1.` `12.` (a digit
/// must not follow: `2023.01` is a date), or a circled number (`①`, `⑴`, `⒈`, `❶`). Page
/// chrome is never numbered so; a body list item such as `(一)网站点击量:120万人次` holds a
/// chrome phrase only by chance.
fn starts_with_outline_number(norm: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十百零〇";
    let numeral = |c: char| c.is_ascii_digit() || NUMERALS.contains(c);
    let mut cs = norm.chars();
    match cs.next() {
        Some('(') => {
            // One to three numerals, then `)`.
            for (n, c) in cs.enumerate() {
                if c == ')' {
                    return n > 0;
                }
                if n == 3 || !numeral(c) {
                    return false;
                }
            }
            false
        }
        Some(c) if numeral(c) => {
            let rest = cs.as_str();
            let digits = c.is_ascii_digit();
            let run = rest
                .chars()
                .take_while(|&d| {
                    if digits {
                        d.is_ascii_digit()
                    } else {
                        numeral(d) && !d.is_ascii_digit()
                    }
                })
                .count();
            let mut after = rest.chars().skip(run);
            run < 3
                && match after.next() {
                    Some('、') => true,
                    Some('.') => digits && !after.next().is_some_and(|d| d.is_ascii_digit()),
                    _ => false,
                }
        }
        Some(c) => matches!(c as u32, 0x2460..=0x249B | 0x2776..=0x2793),
        None => false,
    }
}

/// Whether regular expression `re` can only match a line that is all ASCII, judged
/// conservatively from its source: anchored at both ends (`^…$`), with nothing between but
/// ASCII letters, digits, `_`, `-`, `,`, brackets, braces and the quantifiers `*+?` (no
/// escapes, `.`, groups, flags, negated classes or alternation), every character of a match
/// is matched by an ASCII literal or a class of ASCII ranges. `^[0-9a-f]{16,}$` is; `^首页`
/// and `^\d+$` are not.
fn ascii_only_regex(re: &str) -> bool {
    let Some(inner) = re.strip_prefix('^').and_then(|r| r.strip_suffix('$')) else {
        return false;
    };
    inner.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'_' | b'-' | b',' | b'[' | b']' | b'{' | b'}' | b'*' | b'+' | b'?'
            )
    })
}

/// One line's content and shape.
///
/// The shape (length, punctuation) is read off the line in one pass without converting it
/// (see [`text::normalize`](super::text::normalize)); the normalised content is made on
/// first use, as most lines are ruled out by their shape alone.
#[derive(Debug)]
struct LineInfo<'t> {
    /// The line, a slice of the text (its position: see [`LineInfo::range`]).
    raw: &'t str,
    /// Normalised content, once asked for (see [`LineInfo::norm`]).
    norm: OnceCell<Box<str>>,
    /// Characters of the normalised content (0 on a long line: at most
    /// [`LONG_LINE_CHARS`] otherwise, so 16 bits hold it; a file of a million short lines
    /// keeps one of these per line). On a line with sentence punctuation, which is never
    /// short, possibly fewer (see [`LineInfo::new`]).
    chars: u16,
    /// Characters of the normalised content less its ending colons (the key whole-line
    /// phrases are looked up by). On a line with sentence punctuation, possibly fewer, but
    /// then more than any key has.
    bare_chars: u16,
    /// [`ASCII`] and [`SENTENCE`], as bits: a byte less, and 40 bytes a line instead of 48.
    marks: u8,
    blank: bool,
    long: bool,
    /// Holds a comma (on a line with sentence punctuation, possibly only known up to its
    /// first sentence mark).
    comma: bool,
}

/// [`LineInfo::marks`]: see [`LineInfo::ascii`].
const ASCII: u8 = 1;
/// [`LineInfo::marks`]: see [`LineInfo::sentence`].
const SENTENCE: u8 = 2;

impl<'t> LineInfo<'t> {
    /// The line `text[range]`. No key of the whole-line phrases has more than
    /// `longest_whole` characters: a line with sentence punctuation, never short, matters
    /// only as far as its length can match one, so it is read only until that is ruled out
    /// (its first sentence mark after that many characters), leaving `chars`, `bare_chars`
    /// and `comma` short.
    fn new(text: &'t str, range: Range<usize>, longest_whole: usize) -> Self {
        let raw = &text[range];
        let long = more_chars_than(raw, LONG_LINE_CHARS);
        let mut l = LineInfo {
            raw,
            norm: OnceCell::new(),
            chars: 0,
            bare_chars: 0,
            marks: ASCII,
            blank: false,
            long,
            comma: false,
        };
        if long {
            // Never short, so its punctuation does not matter (left as for an empty line).
            l.blank = raw.chars().all(is_space);
            return l;
        }
        // Judged on the normalised form (full-width folded, entities and Markdown
        // decoded), which has the characters of the stripped one but for Han ones.
        let mut decoded = std::borrow::Cow::Borrowed(raw);
        let mut shape = Shape::of(raw, longest_whole);
        let amp = shape.amp || markdown_like(raw);
        if amp {
            // Entities or Markdown to decode first (rare). (A scan that stopped saw no
            // `&`.)
            decoded = decode_markup(raw);
            shape = Shape::of(&decoded, longest_whole);
        }
        // A greeting's `！` (`瀾渡鎮人民政府 歡迎您！`) ends no sentence: a banner's. (A
        // scan that stopped at it, after the day's date, is read again in full: every
        // greeting holds 迎, and few lines do.)
        if shape.sentence && shape.stopped && decoded.contains('迎') {
            shape = Shape::of(&decoded, usize::MAX);
        }
        if shape.sentence && !shape.stopped && welcome_only(&decoded) {
            shape.sentence = false;
        }
        l.marks = if shape.ascii { ASCII } else { 0 } | if shape.sentence { SENTENCE } else { 0 };
        l.comma = shape.comma;
        l.chars = narrow(shape.chars);
        l.bare_chars = narrow(if shape.stopped {
            // At least the characters up to the sentence mark, more than `longest_whole`.
            shape.chars
        } else {
            let colons = decoded
                .chars()
                .rev()
                .filter(|&c| !is_space(c))
                .take_while(|&c| fold_width(c) == ':')
                .count();
            shape.chars - colons
        });
        // Every character is a space exactly when nothing is left after stripping (an
        // entity is not a space, but `&` is not one either).
        l.blank = shape.chars == 0 && !amp;
        l
    }

    /// Where the line is in `text`, the text it was made from.
    fn range(&self, text: &str) -> Range<usize> {
        let start = self.raw.as_ptr() as usize - text.as_ptr() as usize;
        start..start + self.raw.len()
    }

    /// Normalised content (empty for blank and long lines), made on first use.
    fn norm(&self) -> &str {
        if self.blank || self.long {
            return "";
        }
        self.norm
            .get_or_init(|| normalize(self.raw).into_boxed_str())
    }

    /// The normalised content is all ASCII.
    fn ascii(&self) -> bool {
        self.marks & ASCII != 0
    }

    /// Holds sentence punctuation (`。`, `；`, `！`).
    fn sentence(&self) -> bool {
        self.marks & SENTENCE != 0
    }

    /// Short and free of sentence punctuation.
    fn shape_ok(&self, max: usize) -> bool {
        !self.blank && !self.long && !self.sentence() && usize::from(self.chars) <= max
    }
}

/// Greetings a site's banner ends in (`欢迎您！`), normalised (`歡迎訪問` is one too).
const GREETINGS: [&str; 4] = ["欢迎您", "欢迎你", "欢迎访问", "欢迎光临"];

/// Whether every sentence mark of `s` is a greeting's `！` (`桐坪镇人民政府欢迎您！`): right
/// after one of [`GREETINGS`], before a space or the line's end.
fn welcome_only(s: &str) -> bool {
    // (Every greeting holds 迎: most lines with sentence marks are passed over at once.)
    if !s.contains('迎') {
        return false;
    }
    let mut greeted = false;
    for (i, c) in s.char_indices() {
        if !matches!(c, '。' | '；' | ';' | '！' | '!') {
            continue;
        }
        let after = &s[i + c.len_utf8()..];
        // (Or a welcome to the site by name: `歡迎訪問雲台縣人民政府網站！`.)
        let greeting = matches!(c, '！' | '!') && after.chars().next().is_none_or(is_space) && {
            let piece = normalize(s[..i].rsplit(is_space).next().unwrap_or_default());
            GREETINGS.iter().any(|g| {
                piece.ends_with(g) || (piece.starts_with(g) && !more_chars_than(&piece, 24))
            })
        };
        if !greeting {
            return false;
        }
        greeted = true;
    }
    greeted
}

/// What [`LineInfo`] needs to know of `strip_fold(s)` (which, when `s` has no `&`, has the
/// characters of `normalize(s)` but for the Han ones), read in one pass.
struct Shape {
    chars: usize,
    ascii: bool,
    sentence: bool,
    comma: bool,
    /// Holds `&` (so `s` may have entities to decode).
    amp: bool,
    /// The scan stopped at a sentence mark after more than `limit` characters, one of them
    /// not ASCII and none `&`: `chars` counts the characters up to the mark, and `comma`
    /// only commas before it.
    stopped: bool,
}

impl Shape {
    fn of(s: &str, limit: usize) -> Shape {
        let mut sh = Shape {
            chars: 0,
            ascii: true,
            sentence: false,
            comma: false,
            amp: false,
            stopped: false,
        };
        let mut seen = 0; // characters passed to the closure
        let others = scan_stripped(s, |c, others| {
            seen += 1;
            match c {
                ',' => sh.comma = true,
                '&' => sh.amp = true,
                '、' => (sh.comma, sh.ascii) = (true, false),
                ';' | '!' | '。' => {
                    sh.sentence = true;
                    sh.ascii &= c.is_ascii();
                    if (!sh.ascii || others > 0) && !sh.amp && seen + others > limit {
                        sh.stopped = true;
                        sh.chars = seen + others;
                        return false;
                    }
                }
                _ => sh.ascii &= c.is_ascii(),
            }
            true
        });
        sh.ascii &= others == 0;
        if !sh.stopped {
            sh.chars = seen + others;
        }
        sh
    }
}

/// A short line's character count, which fits 16 bits (see [`LineInfo::chars`]).
fn narrow(chars: usize) -> u16 {
    debug_assert!(chars <= LONG_LINE_CHARS);
    u16::try_from(chars).unwrap_or(u16::MAX)
}

/// Whether `s` has more than `n` characters: a character takes one to four bytes, so the
/// byte length often decides; otherwise the characters are counted (`str::chars().count()`
/// counts word by word without decoding).
/// Symbols a site may put before a `prefix` line (`→ 您当前所处位置：首页 - …`, `► 当前位置`).
const ARROWS: [char; 10] = ['→', '►', '▶', '▸', '»', '›', '※', '●', '■', '◆'];

/// The bytes of the one arrow or bullet that opens the normalised line `norm`, if any (the
/// longest `prefix` match allowed for leaves room for one, as for `【`).
fn arrow_lead(norm: &str) -> usize {
    norm.chars()
        .next()
        .filter(|c| ARROWS.contains(c))
        .map_or(0, char::len_utf8)
}

fn more_chars_than(s: &str, n: usize) -> bool {
    if s.len() <= n {
        return false;
    }
    if s.len() > 4 * n {
        return true;
    }
    s.chars().count() > n
}

/// The flag (kind, message) of each line: boxed, so an unflagged line (nearly all) costs
/// one word.
struct Flags(Vec<Option<Box<(String, String)>>>);

impl Flags {
    fn new(lines: &[LineInfo]) -> Self {
        Flags(vec![None; lines.len()])
    }

    fn is(&self, i: usize) -> bool {
        self.0[i].is_some()
    }

    /// Line `i`'s finding kind, if it is flagged.
    fn kind(&self, i: usize) -> Option<&str> {
        self.0[i].as_deref().map(|(k, _)| k.as_str())
    }

    /// Line `i`'s finding message, if it is flagged.
    fn message(&self, i: usize) -> Option<&str> {
        self.0[i].as_deref().map(|(_, m)| m.as_str())
    }

    /// Flags line `i` unless it is already; returns whether it changed.
    fn set(&mut self, i: usize, kind: &str, message: String) -> bool {
        if self.0[i].is_some() {
            return false;
        }
        self.0[i] = Some(Box::new((kind.to_string(), message)));
        true
    }
}

fn prev_nonblank(lines: &[LineInfo], i: usize) -> Option<usize> {
    (0..i).rev().find(|&k| !lines[k].blank)
}

fn next_nonblank(lines: &[LineInfo], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&k| !lines[k].blank)
}

/// Where a page's body text is: the first and last non-blank lines that are long or hold
/// sentence punctuation (a headline may have a comma, a footer line too). Page chrome sits
/// before or after it; a weak phrase between is more likely the document's own word.
///
/// Also where the last [`FOOTER_LINES`] non-blank lines are, found once rather than
/// counted again for every line.
struct Body {
    first: usize,
    last: Option<usize>,
    /// Lines from this one on have fewer than [`FOOTER_LINES`] non-blank lines after them.
    footer_from: usize,
}

/// Longest line read as a site's greeting rather than body text, in characters.
const GREETING_MAX_CHARS: usize = 60;

impl Body {
    fn of(lines: &[LineInfo]) -> Body {
        // A site's greeting (`今天是：… 欢迎访问塔什布拉克县人民政府网！`) is the page's, not
        // the document's first sentence: short, its only sentence mark an exclamation.
        let greeting = |l: &LineInfo| {
            l.raw.contains("欢迎")
                && l.raw.contains(['！', '!'])
                && !l.raw.contains(['。', '；', ';'])
                && !more_chars_than(l.raw, GREETING_MAX_CHARS)
        };
        let body = |l: &LineInfo| !l.blank && (l.long || l.sentence()) && !greeting(l);
        let nonblank = |(_, l): &(usize, &LineInfo)| !l.blank;
        Body {
            first: lines.iter().position(body).unwrap_or(lines.len()),
            last: lines.iter().rposition(body),
            footer_from: lines
                .iter()
                .enumerate()
                .rev()
                .filter(nonblank)
                .nth(FOOTER_LINES - 1)
                .map_or(0, |(k, _)| k),
        }
    }

    /// Line `i` comes after every line of body text.
    fn after(&self, i: usize) -> bool {
        self.last.is_none_or(|b| i > b)
    }
}

/// A line whose evidence is too weak to count alone (a `token`, a `weak-field`, a `tail`,
/// a `mark` outside the page footer, a breadcrumb chain without the site's home),
/// waiting for its neighbourhood to decide.
struct Pending<'d> {
    line: usize,
    category: &'d str,
    /// What the line is (`whole line is `大``); why it counts is added when it does.
    what: String,
    /// The phrase (or the line, for a chain): a run of such lines counts only when they
    /// differ (`大` `中` `小`, not `/` `/`: two table cells).
    key: String,
    /// For a metadata label alone on its line: the rule, whose value line goes with it.
    label: Option<&'d BpRule>,
    /// Whether the top edge of the page counts: not for a `tail` phrase, a footer's, which
    /// under a document's title is its own (`中韩经贸合作洽谈会议程` `主办单位：县商务局`).
    top: bool,
    /// Whether the bottom edge of the page counts (a breadcrumb is only ever at the top; a
    /// common label there may be a document's sign-off).
    bottom: bool,
    /// Whether a neighbour that is another such line with a different phrase counts: for
    /// toolbar tokens one per line (`大` `中` `小`), not for labels (`标题：` `作者：` pairs
    /// in an award list) or site marks (a table's 网站标识码 and ICP备案号 rows).
    run: bool,
    /// A metadata label, which the page header (before the body text) lends evidence.
    header: bool,
    /// A site mark, which the page footer lends evidence: among the last lines that stay
    /// (a mark the first clean brought into the footer is flagged by that clean).
    footer: bool,
    /// A footer's phrase (`tail`), which never counts in the page's header, before the
    /// body text: there it is the document's title or field under the page's toolbar
    /// (`政府网站工作年度报表` over `（2023年度）`, `主办单位：…` in an event notice).
    below: bool,
}

impl<'d> Pending<'d> {
    /// Line `l` (line `i`), which counts only at the top of the page or beside other
    /// chrome: a breadcrumb or a menu without the site's home.
    fn top_only(i: usize, l: &LineInfo, category: &'d str, what: String) -> Pending<'d> {
        Pending {
            line: i,
            category,
            what,
            key: l.norm().to_string(),
            label: None,
            top: true,
            bottom: false,
            run: false,
            header: false,
            footer: false,
            below: false,
        }
    }

    /// Line `l` (line `i`), which counts only beside other chrome: a site's banner.
    fn beside_chrome(i: usize, l: &LineInfo, category: &'d str, what: String) -> Pending<'d> {
        Pending {
            top: false,
            ..Pending::top_only(i, l, category, what)
        }
    }

    /// Line `i`, matched by the weak `rule` (a `token`, `weak-field`, `tail` or `mark`
    /// rule); `alone`: a label alone on its line, whose value is on the next.
    fn of(i: usize, rule: &'d BpRule, what: String, alone: bool) -> Pending<'d> {
        Pending {
            line: i,
            category: &rule.category,
            what,
            key: rule.phrase.clone(),
            label: alone.then_some(rule),
            top: rule.mode != Mode::Tail,
            // A document's own sign-off (`制表：李红` `审核：张强`) or a spec sheet's last
            // line (`技术支持：7×24小时`) ends a page too: at the bottom edge only a token
            // or a site mark counts (a label only in a block of labels).
            bottom: matches!(rule.mode, Mode::Token | Mode::Mark),
            run: rule.mode == Mode::Token,
            header: rule.mode == Mode::WeakField,
            footer: rule.mode == Mode::Mark,
            below: rule.mode == Mode::Tail,
        }
    }
}

/// Strong evidence for line `i`; weak evidence is queued in `pending` for the
/// neighbourhood to decide.
fn match_line<'d>(
    data: &'d Data,
    lines: &[LineInfo],
    i: usize,
    body: &Body,
    flags: &mut Flags,
    pending: &mut Vec<Pending<'d>>,
) {
    let l = &lines[i];
    // Whole-line phrases first: they need no shape evidence.
    let ids = if data.may_be_whole(l.bare_chars.into()) {
        data.whole.get(l.norm().trim_end_matches(':'))
    } else {
        None
    };
    // Or the phrase dressed: in brackets, after a bullet, with a count (`【相关链接】`,
    // `■ 相关政策解读`, `网友评论（3）`). Not a label: `【图片】` is a picture's place.
    let ids = ids.or_else(|| {
        // (Looked at only for a line that may be dressed: most are not, and their
        // comparison text is made only when needed.)
        if !dressed(l.raw) {
            return None;
        }
        let bare = undressed(l.norm());
        (bare.len() < l.norm().len())
            .then(|| data.whole.get(bare.trim_end_matches(':')))
            .flatten()
            .filter(|ids| {
                ids.iter().all(|&r| {
                    !matches!(
                        data.rule(r).mode,
                        Mode::Field | Mode::WeakField | Mode::Label
                    )
                })
            })
    });
    if let Some(ids) = ids {
        let mut weak = false;
        for &r in ids {
            let rule = data.rule(r);
            match rule.mode {
                Mode::Line => {
                    flags.set(
                        i,
                        &rule.category,
                        format!("whole line is `{}`", rule.phrase),
                    );
                    return;
                }
                Mode::Heading => {
                    flags.set(i, &rule.category, format!("heading `{}`", rule.phrase));
                    link_lines(lines, i, rule, flags, Items::Links);
                    return;
                }
                Mode::WeakHeading if next_item(lines, i).is_some_and(is_headline) => {
                    let what = format!("heading `{}` over headlines", rule.phrase);
                    flags.set(i, &rule.category, what);
                    link_lines(lines, i, rule, flags, Items::Headlines);
                    return;
                }
                Mode::FileHeading if next_item(lines, i).is_some_and(is_file_name) => {
                    let what = format!("heading `{}` over file names", rule.phrase);
                    flags.set(i, &rule.category, what);
                    link_lines(lines, i, rule, flags, Items::Files);
                    return;
                }
                Mode::Field => {
                    flags.set(
                        i,
                        &rule.category,
                        format!("metadata label `{}`", rule.phrase),
                    );
                    label_value(data, lines, i, rule, flags);
                    return;
                }
                Mode::Token if !weak => {
                    let what = format!("whole line is `{}`", rule.phrase);
                    pending.push(Pending::of(i, rule, what, false));
                    weak = true;
                }
                Mode::WeakField if !weak => {
                    let what = format!("metadata label `{}`", rule.phrase);
                    pending.push(Pending::of(i, rule, what, true));
                    weak = true;
                }
                _ => {}
            }
        }
        if weak {
            return;
        }
    }
    // The page footer: the last few lines, after the body text; not a table row (cells
    // split by tabs: `ICP备案号	蜀ICP备12009876号` in a website's annual report).
    let footer = body.after(i) && !l.raw.contains('\t') && i >= body.footer_from;
    // (A mark line as long as a footer's may be one anywhere, with neighbours or once the
    // lines below it are cleaned away: it is pending outside the footer.)
    if let Some(rule) = data.first_partial(l, true) {
        let message = match rule.mode {
            Mode::Regex => format!("whole line matches `{}`", rule.phrase),
            Mode::Prefix => format!("short line starts with `{}`", rule.phrase),
            Mode::Field | Mode::WeakField => format!("metadata field `{}:`", rule.phrase),
            Mode::Mark => format!("line holds the page mark `{}`", rule.phrase),
            Mode::Tail => format!("short line holds the footer phrase `{}`", rule.phrase),
            _ => format!("short line holds `{}`", rule.phrase),
        };
        // A common label, or a site mark outside the footer (a table of websites and
        // their licence numbers), needs neighbours, unless the line is a row of fields
        // (`来源：县政府办 2023-01-05`).
        if rule.mode == Mode::WeakField {
            if let Some((rule, n)) = field_row(data, l) {
                flags.set(
                    i,
                    &rule.category,
                    format!("row of {n} metadata fields, one `{}:`", rule.phrase),
                );
                return;
            }
        }
        // A field amid the body among the document's own fields (`发布时间：5月10日上午10:00`
        // over `发布地点：…` in a press conference's notice) needs neighbours too.
        let own_fields = || {
            rule.mode == Mode::Field
                && i > body.first
                && !body.after(i)
                && [prev_nonblank(lines, i), next_nonblank(lines, i)]
                    .into_iter()
                    .flatten()
                    .any(|k| own_field(data, &lines[k]))
        };
        if matches!(rule.mode, Mode::WeakField | Mode::Tail)
            || (rule.mode == Mode::Mark && !footer)
            || own_fields()
        {
            // (A breadcrumb from the home that ends at such a phrase is one:
            // `首页 > 政务公开 > 政府网站工作年度报表`.)
            if let Some((steps, true)) = breadcrumb_chain(data, l) {
                flags.set(
                    i,
                    "breadcrumb",
                    format!("breadcrumb chain of {steps} steps"),
                );
                return;
            }
            pending.push(Pending::of(i, rule, message, false));
        } else {
            flags.set(i, &rule.category, message);
        }
        return;
    }
    if let Some((steps, home)) = breadcrumb_chain(data, l) {
        let what = format!("breadcrumb chain of {steps} steps");
        if home {
            flags.set(i, "breadcrumb", what);
        } else {
            // `重大风险>较大风险>一般风险` is a ranking; a breadcrumb without the site's
            // home sits at the top of the page or among other chrome.
            pending.push(Pending::top_only(i, l, "breadcrumb", what));
        }
        return;
    }
    // (Not amid the body after a line that ends in a colon: an example the document gives,
    // `调整为以下五项：` over `关于我们 | 联系方式 | 网站纠错 | 隐私声明 | 网站地图`.)
    let example = || {
        i > body.first
            && !body.after(i)
            && prev_nonblank(lines, i).is_some_and(|k| {
                lines[k]
                    .raw
                    .trim_end_matches(is_space)
                    .ends_with([':', '：'])
            })
    };
    if let Some((rule, n, strong)) = control_row(data, l).filter(|_| !example()) {
        let what = format!("row of {n} page controls, the first `{}`", rule.phrase);
        if strong {
            flags.set(i, &rule.category, what);
        } else {
            // Only links that are also the document's words (`关于我们 | 联系方式 |
            // 网站纠错`): with neighbours, as each of them alone.
            pending.push(Pending::of(i, rule, what, false));
        }
        return;
    }
    if let Some((kind, n)) = home_row(data, l).filter(|_| i < body.first) {
        flags.set(
            i,
            kind,
            format!("row of {n} links starting at the site's home"),
        );
        return;
    }
    // A site's menu without its home (`警务动态 | 公告公示 | 办事指南 | 警民互动`): only at
    // the top of the page, as a breadcrumb without the home.
    // (Not a table's header: the next line's cells, as many, make it one.)
    let cells = |k: usize| lines[k].raw.split(MENU_BARS).count();
    if let Some(n) = bar_menu(l)
        .filter(|_| i < body.first)
        .filter(|&n| next_nonblank(lines, i).is_none_or(|k| cells(k) != n))
    {
        let what = format!("menu of {n} short items split by bars");
        pending.push(Pending::top_only(i, l, "navigation", what));
        return;
    }
    // A breadcrumb without the site's home (`区政府 / 政府信息公开 / 潮安门街道 / 计划规划`):
    // likewise.
    if let Some(n) = slash_crumbs(l).filter(|_| i < body.first) {
        let what = format!("breadcrumb of {n} steps split by slashes or arrows");
        pending.push(Pending::top_only(i, l, "breadcrumb", what));
        return;
    }
    // The site's banner above the title (`青岚县人民政府门户网站`): only in the page's
    // header, beside other chrome (at the top edge alone it may be a title's first line,
    // `青溪县政务服务网` over `系统升级公告`).
    if let Some(rule) = (i < body.first)
        .then(|| site_banner(data, &data.site_names, l))
        .flatten()
        .map(|b| b.rule)
    {
        let what = format!("site's name ending in `{}`", rule.phrase);
        pending.push(Pending::beside_chrome(i, l, &rule.category, what));
        return;
    }
    // The site's or the page's address alone (`www.lichuan.gov.cn`, a print view's URL),
    // or a rule of one repeated mark (`———————`, `::::::::`), above or below the body and
    // beside other chrome: the page's, not the document's.
    if i < body.first || body.after(i) {
        let what = if bare_address(l) {
            Some("the site's or the page's address alone")
        } else if rule_line(l) && !setext_underline(lines, i) {
            Some("a rule of one repeated mark")
        } else if image_only(l) {
            Some("images alone (a logo, badges, a QR code)")
        } else {
            None
        };
        if let Some(what) = what {
            pending.push(Pending::beside_chrome(i, l, "navigation", what.to_string()));
            return;
        }
    }
    // The site's name in English under or over its Chinese one (`Minxi County Bureau of
    // Statistics`), among the page's first lines, beside other chrome.
    if i < body.first && english_name(l) && lines[..i].iter().filter(|l| !l.blank).count() < 3 {
        let what = "site's name in English".to_string();
        pending.push(Pending::beside_chrome(i, l, "navigation", what));
        return;
    }
    // A row of `label` labels alone (`时间：… 点击：137`) only above or below the body
    // text: amid a report, `时间：2023年4月23日 阅读：1500人次` is a statistic.
    if let Some((rule, n)) =
        field_row(data, l).filter(|(r, _)| r.mode != Mode::Label || i < body.first || body.after(i))
    {
        flags.set(
            i,
            &rule.category,
            format!("row of {n} metadata fields, one `{}:`", rule.phrase),
        );
        return;
    }
    if let Some((rule, n)) = tab_field_row(data, l) {
        flags.set(
            i,
            &rule.category,
            format!(
                "table row of {n} metadata labels and values, one `{}`",
                rule.phrase
            ),
        );
        return;
    }
    if ocr_residue(l.raw) {
        let what = "scattered punctuation, an OCR's residue".to_string();
        flags.set(i, "extraction", what);
        return;
    }
    // A Markdown table's delimiter row goes with a head or body row that is chrome.
    if markdown_delimiter_row(l.raw) {
        let what = "delimiter row of a Markdown table".to_string();
        pending.push(Pending::beside_chrome(i, l, "metadata", what));
        return;
    }
    // A publishing stamp above the body (`永丰街道发布 2024年06月12日 08:30 江西`); not a
    // table's record among others (`审查　陈X　现场核查符合要求　2024-05-07 15:40:02`).
    let stamp = |k: usize| publish_stamp(&lines[k]);
    if i < body.first
        && publish_stamp(l)
        && !prev_nonblank(lines, i).is_some_and(stamp)
        && !next_nonblank(lines, i).is_some_and(stamp)
    {
        let what = "a date and a time of day with a byline, above the body".to_string();
        flags.set(i, "metadata", what);
        return;
    }
    // (Above or below the body text: amid a report, `2024-04-23　读书日　阅读 120` is an
    // activity log.)
    if let Some(rule) = reader_row(data, l).filter(|_| i < body.first || body.after(i)) {
        flags.set(
            i,
            &rule.category,
            format!(
                "row of a date and a page counter without colons, one `{}`",
                rule.phrase
            ),
        );
    }
}

/// Bullets that may come before a whole-line phrase.
const BULLETS: [char; 10] = ['■', '◆', '●', '▶', '►', '•', '·', '★', '▪', '◇'];

/// Whether a raw line may be a phrase dressed (see [`undressed`]): it opens with a bracket
/// or a bullet, or closes with a bracket.
fn dressed(raw: &str) -> bool {
    let raw = raw.trim_matches(is_space);
    raw.starts_with(['【', '〖', '[', '「', '［'])
        || raw.starts_with(BULLETS)
        || raw.ends_with([')', '）'])
}

/// A normalised line without what may dress a whole-line phrase: one pair of brackets
/// around it, a bullet before it, a count after it (`【相关链接】`, `■相关政策解读`,
/// `网友评论(3)`, `〖打印本页〗`).
fn undressed(norm: &str) -> &str {
    let mut s = norm.trim_start_matches(BULLETS);
    for (open, close) in [('【', '】'), ('〖', '〗'), ('[', ']'), ('「', '」')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            if !inner.contains([open, close]) {
                s = inner;
                break;
            }
        }
    }
    // A count: `(3)`, `(12条)`.
    if let Some(head) = s.strip_suffix(')') {
        if let Some((name, count)) = head.rsplit_once('(') {
            let count = count.trim_end_matches(['条', '人', '次']);
            if !name.is_empty() && !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()) {
                s = name;
            }
        }
    }
    s
}

/// Most pieces of a [`reader_row`], and the longest.
const READER_ROW_MAX_PIECES: usize = 8;
const READER_ROW_PIECE_MAX_CHARS: usize = 16;

/// A mobile or news-app page's metadata row without colons: pieces split by spaces, one
/// a date, one a metadata label followed by its count or a place, glued or as the next
/// piece (`2024-06-28 16:05　XX镇党政办　阅读 418`, `XX融媒 2024-07-15 08:32 发布于浙江`).
/// Every piece short, no comma. Returns the label's rule.
fn reader_row<'d>(data: &'d Data, l: &LineInfo) -> Option<&'d BpRule> {
    if !l.shape_ok(CONTAINS_MAX_CHARS) || l.comma || !l.raw.contains(is_space) {
        return None;
    }
    let pieces: Vec<&str> = l.raw.split(is_space).filter(|p| !p.is_empty()).collect();
    if !(3..=READER_ROW_MAX_PIECES).contains(&pieces.len())
        || pieces
            .iter()
            .any(|p| p.chars().count() > READER_ROW_PIECE_MAX_CHARS)
        || !pieces.iter().any(|p| is_date_or_time(p))
    {
        return None;
    }
    // A value: a count (`418`, `1,234次`), or, glued to its label, a short place or unit
    // (`发布于浙江`).
    let place = |v: &str| (1..=4).contains(&v.chars().count()) && v.chars().all(is_han);
    pieces.iter().enumerate().find_map(|(k, piece)| {
        // A label alone, its count the next piece (`阅读 418`).
        if let Some((_, rule)) = metadata_label(data, piece) {
            return pieces
                .get(k + 1)
                .is_some_and(|next| is_count(next))
                .then_some(rule);
        }
        // A label glued to its value (`阅读418`, `发布于浙江`): a label of two to four
        // characters, then the value.
        piece.char_indices().skip(2).take(3).find_map(|(at, _)| {
            let (label, value) = piece.split_at(at);
            let (_, rule) = metadata_label(data, label)?;
            (is_count(value) || place(value)).then_some(rule)
        })
    })
}

/// Longest [`publish_stamp`], in characters, and its longest piece besides the date and
/// the time.
const STAMP_MAX_CHARS: usize = 40;
const STAMP_PIECE_MAX_CHARS: usize = 12;

/// A publishing stamp: a full date, then a time of day, with one to three short pieces
/// around them split by spaces, dots or bars: the account or unit, a place, a label
/// (`永丰街道发布 2024年06月12日 08:30 江西`, `丰乐县融媒体中心 | 2024-03-05 09:18`,
/// `2024-01-09 16:27·河南·优质三农领域创作者`). Not a schedule's line (`会议时间 2024年5月6日
/// 09:30 地点 县政府`): no piece is a label of time or place.
fn publish_stamp(l: &LineInfo) -> bool {
    if !l.shape_ok(STAMP_MAX_CHARS) || l.comma || l.raw.contains('\t') {
        return false;
    }
    let pieces: Vec<&str> = l
        .raw
        .split(|c: char| is_space(c) || matches!(c, '·' | '•' | '|' | '｜'))
        .filter(|p| !p.is_empty())
        .collect();
    if !(3..=5).contains(&pieces.len()) {
        return false;
    }
    let clock = |p: &str| {
        let mut parts = p.split([':', '：']);
        let (h, m) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        (1..=2).contains(&h.len())
            && m.len() == 2
            && parts.all(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    };
    let Some(date) = pieces.iter().position(|p| is_full_date(p)) else {
        return false;
    };
    if !pieces.get(date + 1).is_some_and(|p| clock(p)) {
        return false;
    }
    pieces.iter().enumerate().all(|(k, p)| {
        k == date
            || k == date + 1
            || (!more_chars_than(p, STAMP_PIECE_MAX_CHARS)
                && !p.contains([':', '：'])
                && !p.bytes().all(|b| b.is_ascii_digit())
                && !["时间", "地点", "日期", "会议", "时段"]
                    .iter()
                    .any(|w| normalize(p).ends_with(w)))
    })
}

/// A weak metadata label used this many times in a page is a list's field, not the page's.
const LIST_LABEL_USES: usize = 3;

/// Fewest steps of a [`slash_crumbs`], and the shortest and longest.
const SLASH_CRUMB_MIN_STEPS: usize = 4;
const SLASH_CRUMB_STEP_CHARS: std::ops::RangeInclusive<usize> = 2..=12;

/// A breadcrumb without the site's home: four steps or more split by slashes, arrows or
/// dashes (`区政府 / 政府信息公开 / 乡镇（街道）信息公开 / 潮安门街道`), each of two to twelve
/// characters, holding Han and no digit (`2024/07/15` is a date, `水 / 电 / 气` a list of
/// single words). Returns the number of steps.
fn slash_crumbs(l: &LineInfo) -> Option<usize> {
    if !l.shape_ok(LINK_MAX_CHARS) || l.comma {
        return None;
    }
    let steps: Vec<&str> = l
        .raw
        .split(['/', '／', '→', '—'])
        .map(|p| p.trim_matches(is_space))
        .collect();
    (steps.len() >= SLASH_CRUMB_MIN_STEPS
        && steps.iter().all(|p| {
            SLASH_CRUMB_STEP_CHARS.contains(&p.chars().count())
                && p.chars().any(is_han)
                && !p.chars().any(|c| c.is_ascii_digit() || is_space(c))
        }))
    .then_some(steps.len())
}

/// Fewest items of a [`bar_menu`], and the shortest and longest.
const BAR_MENU_MIN_ITEMS: usize = 4;
const BAR_MENU_ITEM_CHARS: std::ops::RangeInclusive<usize> = 2..=8;

/// The bars a menu or a table row splits at (`|`, `｜`, and the thin and box-drawing ones
/// of text dumps: `▏`, `│`, `┃`).
const MENU_BARS: [char; 5] = ['|', '｜', '▏', '│', '┃'];

/// A row of at least four short items split by bars, each of Han characters or one Latin
/// word (`English`), none with a digit or punctuation: a site's menu, if it is at the
/// top of the page. Not a Markdown table's row (`| 序号 | 姓名 |`, opening with a bar).
/// Returns the number of items.
fn bar_menu(l: &LineInfo) -> Option<usize> {
    let bar = |c: char| MENU_BARS.contains(&c);
    if !l.shape_ok(PREFIX_MAX_CHARS) || l.comma || l.raw.trim_start().starts_with(bar) {
        return None;
    }
    // (Split as read: `[网站地图](/wzdt/) | [12]联系我们`.)
    let text = decode_markup(l.raw);
    let mut n = 0;
    for item in text.split(bar) {
        let item = item.trim_matches(is_space);
        let chars = item.chars().count();
        let han = item.chars().all(is_han);
        let word = item.chars().all(|c| c.is_ascii_alphabetic());
        if !BAR_MENU_ITEM_CHARS.contains(&chars) || !(han || word) {
            return None;
        }
        n += 1;
    }
    (n >= BAR_MENU_MIN_ITEMS).then_some(n)
}

/// Longest item that names a home by ending in `首页` (`学校首页`, `门户首页`).
const HOME_MAX_CHARS: usize = 6;

/// Longest item of a row that starts at the site's home.
const MENU_ITEM_MAX_CHARS: usize = 12;

/// A row of links that starts at the site's home (above the body text: a report's
/// `首页 / 栏目页 / 内容页` is the document's own): a menu (`首页 | 走进南江 | 政务公开 |
/// 政务服务`, at least three items split by bars or spaces) or a breadcrumb written with
/// slashes or arrows (`首页 / 工作动态 / 产业发展`, `首页 → 通知公告`, two items or more).
/// The site's short name may come before the home (`信用XX｜首页｜…`). Every item is short. Returns the kind (`navigation` or `breadcrumb`) and the items.
fn home_row(data: &Data, l: &LineInfo) -> Option<(&'static str, usize)> {
    let crumb = |c: char| matches!(c, '/' | '／' | '→');
    let split = |c: char| row_break(c) || crumb(c) || data.separators.contains(&fold_width(c));
    if !l.shape_ok(CONTAINS_MAX_CHARS) || l.comma || !l.raw.contains(split) {
        return None;
    }
    // (Split as read: a text browser's `[11]首页 [12]走进泾河`.)
    let text = decode_markup(l.raw);
    let mut items = text
        .split(split)
        .filter(|p| !p.trim().is_empty())
        .peekable();
    // The home, or a home with the site's kind before it (`学校首页`, `人大首页`).
    let home = |item: &str| {
        let item = normalize(item);
        let item = item.trim_end_matches(':');
        data.homes.iter().any(|h| h == item)
            || (item.ends_with("首页") && item.chars().count() <= HOME_MAX_CHARS)
    };
    let mut first = items.next()?;
    // A home spaced out as a menu sets it (`首  页  机构设置  政务信息`).
    if first.trim() == "首" && items.peek().is_some_and(|p| p.trim() == "页") {
        items.next();
        first = "首页";
    }
    let mut n = 1;
    // The site's name may come first (`信用XX｜首页｜信用动态…`).
    if !home(first) {
        let named = first.chars().count() <= MENU_ITEM_MAX_CHARS
            && !first.contains(|c: char| c.is_ascii_digit())
            && items.peek().is_some_and(|second| home(second));
        if !named {
            return None;
        }
        items.next();
        n += 1;
    }
    for item in items {
        // A table row (`首页 86.3 63%`) has figures.
        if item.chars().count() > MENU_ITEM_MAX_CHARS || item.contains(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        n += 1;
    }
    if text.contains(crumb) {
        (n >= 2).then_some(("breadcrumb", n))
    } else {
        (n >= 3).then_some(("navigation", n))
    }
}

/// A row of page metadata: `时间：2023-01-05 来源：县政府办`, `2023-01-05 10:15 | 来源：…`.
/// The line, short, without sentence punctuation and not an item of the document's
/// outline, splits at spaces, bars and brackets into pieces. It must start with a date or
/// time (`2023-01-05`, `10:15:32`, `2023年1月5日`) or a `label:value` piece, and every
/// label must be a `field` or `label` phrase of the data, one of them a `field`; a piece
/// without a colon after a label continues its value (`作者：记者 张明`). At least two pieces
/// are labels or dates. A label the data does not know (`地点：`, `资金来源：`) or a leading
/// word (`截至`, `表 1`) makes the line body text.
fn field_row<'d>(data: &'d Data, l: &LineInfo) -> Option<(&'d BpRule, usize)> {
    if !l.shape_ok(PREFIX_MAX_CHARS) || starts_with_outline_number(l.norm()) {
        return None;
    }
    if l.raw.contains([':', '：']) {
        return fields_in_row(data, l.raw);
    }
    // Labels in brackets instead of colons (`【时间】2024年02月21日　【稿源】党政办　【责编】黄**`):
    // read as `时间：…　稿源：…`.
    // (Or in square brackets: `[ 索引号 ] 1150…/2024-00009	[ 发文字号 ] …`.)
    let raw = l.raw.trim_start_matches(is_space);
    let (open, close) = if raw.starts_with('【') {
        ('【', '】')
    } else if raw.starts_with('[') {
        ('[', ']')
    } else {
        return None;
    };
    if raw.matches(open).count() < 2 {
        return None;
    }
    let mut colons = String::with_capacity(raw.len() + 8);
    let mut rest = raw;
    while let Some(at) = rest.find(open) {
        colons.push_str(&rest[..at]);
        let after = &rest[at + open.len_utf8()..];
        let end = after.find(close)?;
        colons.push('\u{3000}');
        colons.push_str(after[..end].trim_matches(is_space));
        colons.push('：');
        rest = &after[end + close.len_utf8()..];
    }
    colons.push_str(rest);
    fields_in_row(data, &colons)
}

/// [`field_row`] of the line's text `raw` (which holds a colon).
fn fields_in_row<'d>(data: &'d Data, raw: &str) -> Option<(&'d BpRule, usize)> {
    let split = |c: char| row_break(c) || matches!(c, '(' | ')' | '（' | '）');
    if !raw.contains(split) {
        return None;
    }
    let (mut field, mut evidence, mut labelled) = (None, 0, false);
    // The first label, and whether every value is a date, a time or a count: a row of two
    // `label` labels or more alone (`时间：2023-04-11 15:32 点击：137`) counts then, while a
    // notice's own `时间：2023-01-05 14:00` stays.
    let (mut first, mut figures, mut labels) = (None, true, 0);
    let mut pieces = raw.split(split).filter(|p| !p.is_empty()).peekable();
    // A byline may open with the unit's name before its date (`桂湖街道办事处  2024-03-04
    // 09:12  来源：桂湖发布`): a name that ends as a site's owner's does (not `截至`).
    let mut lookahead = pieces.clone();
    if let (Some(name), Some(date)) = (lookahead.next(), lookahead.next()) {
        if is_date_or_time(date)
            && !more_chars_than(name, SITE_NAME_MAX_CHARS)
            && name.chars().all(is_han)
            && ends_as_owner(data, name)
        {
            pieces.next();
        }
    }
    for piece in pieces {
        if is_date_or_time(piece) {
            evidence += 1;
            continue;
        }
        let Some((label, value)) = piece.split_once([':', '：']) else {
            if !labelled {
                return None; // body text before any label
            }
            // A page control after the fields (`日期：2024-01-31　打印 | 关闭`) is chrome too.
            if is_control(data, piece) {
                evidence += 1;
                continue;
            }
            figures = false;
            continue; // the value before goes on
        };
        figures &= value.is_empty() || is_date_or_time(value) || is_count(value);
        // (Two labels on one line are evidence enough for a common one.)
        let (f, rule) = metadata_label(data, label)?;
        field = field.or(f);
        first.get_or_insert(rule);
        labelled = true;
        evidence += 1;
        labels += 1;
    }
    let rule = field.or(first.filter(|_| figures && labels >= 2))?;
    (evidence >= 2).then_some((rule, evidence))
}

/// A 信息公开 block as a table: cells split by tabs or written as a Markdown table's row,
/// without colons, label and value in turn (`索 引 号\t11330500/2023-00046\t主题分类\t交通运输`,
/// `| 索引号 | 002345/2023-00712 | 发布机构 | 安澜区人民政府办公室 |`), every label a
/// `field` or `label` phrase and one a `field`. Returns the first field and the number of
/// labels.
fn tab_field_row<'d>(data: &'d Data, l: &LineInfo) -> Option<(&'d BpRule, usize)> {
    if !l.shape_ok(PREFIX_MAX_CHARS) || l.raw.contains([':', '：']) {
        return None;
    }
    let cells: Vec<&str> = if l.raw.contains('\t') {
        l.raw.split('\t').collect()
    } else {
        markdown_cells(l.raw)?.collect()
    };
    let cells: Vec<&str> = cells
        .into_iter()
        .map(|c| c.trim_matches(is_space))
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() < 2 || cells.len() % 2 != 0 {
        return None;
    }
    let mut field = None;
    for label in cells.iter().step_by(2) {
        field = field.or(metadata_label(data, label)?.0);
    }
    field.map(|f| (f, cells.len() / 2))
}

/// Whether `l` is a document's own field: a short line `label：value` whose label, of Han
/// characters, is no metadata label of the data (`发布地点：`, `责任单位：`).
fn own_field(data: &Data, l: &LineInfo) -> bool {
    if !l.shape_ok(PREFIX_MAX_CHARS) {
        return false;
    }
    let Some((label, value)) = l.raw.split_once([':', '：']) else {
        return false;
    };
    let label = label.trim_matches(is_space);
    !label.is_empty()
        && !value.trim_matches(is_space).is_empty()
        && !more_chars_than(label, usize::from(LABEL_MAX_CHARS))
        && label.chars().all(is_han)
        && metadata_label(data, label).is_none()
}

/// The most characters of an [`ocr_residue`] line, spaces aside.
const OCR_RESIDUE_MAX_CHARS: usize = 12;

/// Whether `raw` is what an OCR reads off a stain or a seal's edge: three to
/// [`OCR_RESIDUE_MAX_CHARS`] marks, spaces aside, every one punctuation or a stroke
/// (`’　． 、 丶　·`, `·, ‘ ˉ 丨`), of two kinds at least and not all dashes (a rule
/// `——————` or `一一一` is a divider, an ellipsis `……` the document's).
fn ocr_residue(raw: &str) -> bool {
    let marks = |c: char| {
        c.is_ascii_punctuation()
            || is_cjk_punct(c)
            || matches!(
                c,
                '·' | '‘' | '’' | '“' | '”' | 'ˉ' | '丶' | '丨' | '一' | '｀' | '´'
            )
    };
    let dash = |c: char| "-—－一―–_".contains(c);
    // (Nor a table's rule, `| --- | --- |`, `+----+----+`, nor a bracketed outline number,
    // `(一)`: looked at only for a line of marks, most lines ending the loop below at once.)
    let rule = |c: char| "-|:+=─━│┃┼".contains(c);
    let bracket = |c: char| "()（）[]【】〔〕<>《》".contains(c);
    let mut n = 0;
    let (mut first, mut kinds, mut dashes) = (None, 1, true);
    for c in raw.chars().filter(|&c| !is_space(c)) {
        n += 1;
        if n > OCR_RESIDUE_MAX_CHARS || !marks(c) || bracket(c) {
            return false;
        }
        match first {
            None => first = Some(c),
            Some(f) if f != c => kinds = 2,
            _ => {}
        }
        dashes &= dash(c);
    }
    n >= 3 && kinds >= 2 && !dashes && !raw.chars().filter(|&c| !is_space(c)).all(rule)
}

/// The cells of a Markdown table's row (`| 文号 | 安政办发〔2023〕17号 |`): a line that
/// opens and closes with a bar.
fn markdown_cells(raw: &str) -> Option<std::str::Split<'_, char>> {
    let row = raw.trim_matches(is_space);
    let inner = row.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|'))
}

/// A Markdown table's delimiter row (`| --- | :---: |`), between its head and its body.
fn markdown_delimiter_row(raw: &str) -> bool {
    markdown_cells(raw).is_some_and(|mut cells| {
        cells.all(|c| {
            let c = c.trim_matches(is_space).trim_matches(':');
            c.len() >= 3 && c.bytes().all(|b| b == b'-')
        })
    })
}

/// Whether `piece` is a page control the data knows, a `line` or `token` phrase of the
/// toolbar (`打印`, `关闭`, `收藏`).
fn is_control(data: &Data, piece: &str) -> bool {
    data.may_be_whole_raw(piece)
        && data
            .whole
            .get(normalize(piece).as_str())
            .is_some_and(|ids| {
                ids.iter().any(|&r| {
                    let r = data.rule(r);
                    r.category == "toolbar" && matches!(r.mode, Mode::Line | Mode::Token)
                })
            })
}

/// `label` as a metadata label of a row: its first `field` or `weak-field` rule, if any,
/// and its first `field`, `weak-field` or `label` rule; `None` when it is no such label.
fn metadata_label<'d>(data: &'d Data, label: &str) -> Option<(Option<&'d BpRule>, &'d BpRule)> {
    if !data.may_be_whole_raw(label) {
        return None;
    }
    let rules = data
        .whole
        .get(normalize(label).as_str())?
        .iter()
        .map(|&r| data.rule(r));
    let field = rules
        .clone()
        .find(|r| matches!(r.mode, Mode::Field | Mode::WeakField));
    let first = rules
        .clone()
        .find(|r| matches!(r.mode, Mode::Field | Mode::WeakField | Mode::Label))?;
    Some((field, first))
}

/// A page counter's value: digits, then perhaps `次` or `人次` (`137`, `1,234次`).
fn is_count(s: &str) -> bool {
    let s = s.trim().trim_end_matches(['次', '人']);
    !s.is_empty()
        && s.chars()
            .map(fold_width)
            .all(|c| c.is_ascii_digit() || c == ',')
}

/// What separates the pieces of a row of controls or of metadata fields: spaces, bars
/// and square brackets (`【打印】【关闭】`, `[ 打印 ]`). Each kind of row adds its own.
fn row_break(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '|' | '｜'
                | '丨'
                | '▏'
                | '【'
                | '】'
                | '〖'
                | '〗'
                | '['
                | ']'
                | '［'
                | '］'
                | '〔'
                | '〕'
        )
}

/// Whether `s` is a whole date as a document signs it: `2024年4月2日`,
/// `二〇二四年四月二日`, `2024-04-02` or `2024/4/2` (not `2 / 12`, a page).
fn is_full_date(s: &str) -> bool {
    if s.chars().count() <= 14 && s.ends_with('日') {
        if let Some((y, rest)) = s.split_once('年') {
            return !y.is_empty() && rest.contains('月');
        }
    }
    let groups: Vec<&str> = s.split(['-', '/', '.']).collect();
    groups.len() == 3
        && groups[0].len() == 4
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.len() <= 4 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `s` is a date or a time as pages print them: digits in at least two groups
/// joined by `-` `/` `.` `:` (`2023-01-05`, `10:15`), or digits before `年` `月` `日` `时`
/// (`2023年1月5日`). A bare number (`1`, `2.`, `1986`) is not. Full-width digits fold.
fn is_date_or_time(s: &str) -> bool {
    let mut groups = 0;
    let mut in_digits = false;
    let mut unit = false;
    for c in s.chars().map(fold_width) {
        if c.is_ascii_digit() {
            if !in_digits {
                groups += 1;
            }
            in_digits = true;
        } else if "-/.:".contains(c) {
            in_digits = false;
        } else if "年月日时分秒".contains(c) {
            unit |= in_digits;
            in_digits = false;
        } else {
            return false;
        }
    }
    groups >= 2 || (groups == 1 && unit)
}

/// A row of page controls: `打印 | 关闭`, `加入收藏 | 设为首页`, `打印本文 关闭本文`. The
/// line, short and without sentence punctuation, splits at spaces, bars, slashes, brackets
/// and colons into at least two different pieces, each a `line`, `token` or `heading`
/// phrase of the data and one of them a `line` phrase. Metadata labels do not count (a
/// table header `标题 | 发文字号 | 成文日期` is body text). A row of three tokens or more
/// alone (`关于我们 | 联系方式 | 网站纠错`, but also `大 中 小` heading a table) is weak
/// evidence, for the neighbourhood to decide. Returns the first piece's rule, the number
/// of pieces, and whether the row is strong.
fn control_row<'d>(data: &'d Data, l: &LineInfo) -> Option<(&'d BpRule, usize, bool)> {
    let split = |c: char| row_break(c) || matches!(c, '/' | '／' | '·' | '•' | ':' | '：');
    if !l.shape_ok(CONTAINS_MAX_CHARS) || !l.raw.contains(split) {
        return None;
    }
    // (Split as read: a Markdown link's URL, `[打印](javascript:;)`, is no piece.)
    let text = decode_markup(l.raw);
    let mut pieces: Vec<String> = Vec::new();
    let (mut first, mut strong, mut unknown) = (None, 0, 0);
    for piece in text.split(split).filter(|p| !p.is_empty()) {
        let rule = if data.may_be_whole_raw(piece) {
            let norm = normalize(piece);
            if norm.is_empty() {
                continue;
            }
            // (A phrase that is both a `token` and a `line` is a `line` here: `简体版`.)
            let rule = data.whole.get(norm.as_str()).and_then(|rules| {
                let mut control = rules
                    .iter()
                    .map(|&r| data.rule(r))
                    .filter(|r| matches!(r.mode, Mode::Line | Mode::Token | Mode::Heading));
                let first = control.next()?;
                Some(control.find(|r| r.mode == Mode::Line).unwrap_or(first))
            });
            if rule.is_some() && pieces.contains(&norm) {
                return None; // `A A`, `中 中`: a repeated cell, not a toolbar
            }
            rule.map(|r| (r, norm))
        } else {
            None
        };
        match rule {
            Some((rule, norm)) => {
                strong += usize::from(rule.mode == Mode::Line);
                first.get_or_insert(rule);
                pieces.push(norm);
            }
            // One piece the data does not know, a short word, among many it does (a
            // footer's `网站地图 | 联系我们 | 网站声明`).
            // (Or a welcome, `歡迎訪問雲台縣人民政府網站！`, however long.)
            None if unknown == 0
                && ((piece.chars().count() <= ROW_UNKNOWN_MAX_CHARS
                    && !piece.contains(|c: char| c.is_ascii_digit()))
                    || welcome_only(piece)) =>
            {
                unknown += 1;
            }
            None => return None,
        }
    }
    let enough = strong >= 1 && pieces.len() >= if unknown == 0 { 2 } else { 3 };
    // Three `token`s or more and nothing else is a row too, but weak: it needs
    // neighbours (see `Pending::of`).
    let weak = strong == 0 && unknown == 0 && pieces.len() >= 3;
    (enough || weak).then_some((first?, pieces.len() + unknown, enough))
}

/// Longest piece a row of controls may hold that the data does not know.
const ROW_UNKNOWN_MAX_CHARS: usize = 6;

/// `首页 > 政务公开 > 规划总结`: at least two short steps split by separators. Returns the
/// step count and whether the first step is the site's home (`首页`, `您的位置:首页`);
/// without it, the line needs neighbours.
fn breadcrumb_chain(data: &Data, l: &LineInfo) -> Option<(usize, bool)> {
    // Without a separator, a line is one step.
    if data.separators.is_empty()
        || !l.shape_ok(PREFIX_MAX_CHARS)
        || !data.may_hold_separator(l.norm())
        || !l.norm().chars().any(is_han)
    {
        return None;
    }
    // Counted without collecting (most lines have one step): none may be long.
    let mut steps = l
        .norm()
        .split(|c| data.separators.contains(&c))
        .filter(|s| !s.is_empty());
    let long = |s: &str| s.chars().count() > STEP_MAX_CHARS;
    let first = steps.next().filter(|s| !long(s))?;
    let mut n = 1;
    for s in steps {
        if long(s) {
            return None;
        }
        n += 1;
    }
    if n < 2 {
        return None;
    }
    // The first step is the site's home (`首页`, `您的位置:首页`).
    let home = |s: &str| {
        let s = s.trim_end_matches(':');
        data.homes.iter().any(|h| s.ends_with(h.as_str()))
    };
    // (Two steps without the home are a chain too, but one that needs neighbours.)
    Some((n, home(first)))
}

/// Whether `l` can be the value under a metadata label alone on its line: short, without
/// sentence punctuation, and not itself a label (an empty `发文字号：` is followed by the
/// next label, `成文日期：`, not by its value).
fn is_value(data: &Data, l: &LineInfo) -> bool {
    if !l.shape_ok(VALUE_MAX_CHARS) {
        return false;
    }
    let label = |r: &BpRule| matches!(r.mode, Mode::Field | Mode::WeakField | Mode::Label);
    let alone = data.may_be_whole(l.bare_chars.into())
        && data
            .whole
            .get(l.norm().trim_end_matches(':'))
            .is_some_and(|ids| ids.iter().any(|&r| label(data.rule(r))));
    !alone
        && !data
            .first_partial(l, false)
            .is_some_and(|r| matches!(r.mode, Mode::Field | Mode::WeakField))
}

/// The value line under a metadata label alone on its line. Not under an image whose
/// alternative text is the label (`![图片](https://…/640.png)` over the article's title),
/// nor in a block of fields that hold their values on their lines (`生效日期：2024-03-11` /
/// `文　　号：` / the title): there the label's value is empty.
fn label_value(data: &Data, lines: &[LineInfo], i: usize, rule: &BpRule, flags: &mut Flags) {
    if image_only(&lines[i]) {
        return;
    }
    let inline = |l: &LineInfo| {
        decode_markup(l.raw)
            .split_once([':', '：'])
            .is_some_and(|(label, value)| {
                !label.trim().is_empty() && !value.trim_matches(is_space).is_empty()
            })
    };
    if prev_nonblank(lines, i)
        .is_some_and(|p| flags.kind(p) == Some("metadata") && inline(&lines[p]))
    {
        return;
    }
    if let Some(k) = next_nonblank(lines, i) {
        if is_value(data, &lines[k]) {
            flags.set(
                k,
                &rule.category,
                format!(
                    "value of metadata label `{}` on line {}",
                    rule.phrase,
                    i + 1
                ),
            );
        }
    }
}

/// The link lines under a related-links heading: link-like lines up to the first that is not.
/// What a heading's list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Items {
    /// Links: short lines without sentence punctuation.
    Links,
    /// Links that read as titles ([`is_headline`]).
    Headlines,
    /// Names of attached files ([`is_file_name`]).
    Files,
}

/// The lines of links under the heading on line `i`, as many as are `items`.
fn link_lines(lines: &[LineInfo], i: usize, rule: &BpRule, flags: &mut Flags, items: Items) {
    let mut k = i + 1;
    while k < lines.len() {
        if !lines[k].blank {
            // A link is short; the document's own outline (`一、调整原因`) is not one, but a
            // file's name may be numbered (`1.任务分解表.docx`). A headline may exclaim
            // (`好消息！…开工`), but not end a sentence.
            let l = &lines[k];
            let headline = reads_as_title(l) && usize::from(l.chars) <= LINK_MAX_CHARS;
            if !(l.shape_ok(LINK_MAX_CHARS) || headline)
                || (items != Items::Files && starts_with_outline_number(l.norm()))
                || (items == Items::Headlines && !is_headline(l))
                || (items == Items::Files && !is_file_name(l))
            {
                break;
            }
            flags.set(
                k,
                &rule.category,
                format!("link under heading `{}` on line {}", rule.phrase, i + 1),
            );
        }
        k += 1;
    }
}

/// The fewest characters of a headline under a weak heading: `办理时限` or `联系方式`
/// under a body's `相关信息` is a heading of its own.
const HEADLINE_MIN_CHARS: usize = 8;

/// A line that reads as an article's title: long enough, no sentence punctuation, and no
/// `label:value` pair (`联系人：王某`, the contact lines a body's `相关信息` heads).
fn is_headline(l: &LineInfo) -> bool {
    reads_as_title(l) && usize::from(l.chars) >= HEADLINE_MIN_CHARS && !l.norm().contains(':')
}

/// A line that may be a title: not long, and no sentence ends in it (it may exclaim).
fn reads_as_title(l: &LineInfo) -> bool {
    !l.long && !l.raw.contains(['。', '；', ';'])
}

/// Longest extension of an attached file's name (`.xls`, `.docx`, `.ofd`).
const FILE_EXTENSION_MAX: usize = 4;

/// A line that is an attached file's name: short, ending in `.` and an extension of two
/// to four ASCII letters or digits, at least one a letter (`名单.xls`, `附件1.docx`; not
/// `第2.5`).
fn is_file_name(l: &LineInfo) -> bool {
    // (After its size, a download count or the widget's buttons: `名单.xls　（92.0KB）
    // 下载次数：41`, `规划图.jpg　（2.1MB）　预览　下载`.)
    let mut raw = l.raw.trim_end_matches(is_space);
    for _ in 0..3 {
        let Some((name, last)) = raw.rsplit_once(is_space) else {
            break;
        };
        let count = last
            .strip_prefix("下载次数")
            .map(|c| c.trim_start_matches([':', '：']))
            .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()));
        if !(count || matches!(last, "预览" | "下载")) {
            break;
        }
        raw = name.trim_end_matches(is_space);
    }
    let raw = without_file_size(raw);
    let Some((name, ext)) = raw.rsplit_once('.') else {
        return false;
    };
    !l.long
        && usize::from(l.chars) <= LINK_MAX_CHARS
        && !name.trim().is_empty()
        && (2..=FILE_EXTENSION_MAX).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        && ext.bytes().any(|b| b.is_ascii_alphabetic())
}

/// `name` without a file's size after it (`报告.docx（46.2KB）`, `名单.xls (12 KB)`).
fn without_file_size(name: &str) -> &str {
    let Some(head) = name.strip_suffix(['）', ')']) else {
        return name;
    };
    let Some((file, size)) = head.rsplit_once(['（', '(']) else {
        return name;
    };
    let size = size.trim_matches(is_space);
    let digits = size
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim_end();
    let unit = &size[digits.len()..].trim_start();
    let is_unit = ["B", "K", "KB", "M", "MB", "G", "GB"]
        .iter()
        .any(|u| unit.eq_ignore_ascii_case(u));
    if is_unit && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        file.trim_end_matches(is_space)
    } else {
        name
    }
}

/// The first non-blank line after line `i`.
fn next_item<'l, 't>(lines: &'l [LineInfo<'t>], i: usize) -> Option<&'l LineInfo<'t>> {
    lines[i + 1..].iter().find(|l| !l.blank)
}

/// Accepts pending lines next to boilerplate; toolbar tokens also in a run of different
/// tokens; common labels also in the page header (see `header` below) and, in a block of
/// other labels, at the bottom; and lines at the page's edges (the first two lines that
/// stay, or the last one, with no body text between them and the edge), each as its
/// [`Pending`] allows. A label alone takes its value line with it.
fn accept_pending(
    data: &Data,
    lines: &[LineInfo],
    pending: &[Pending],
    body: &Body,
    flags: &mut Flags,
) -> bool {
    if pending.is_empty() {
        return false;
    }
    // The edges are counted in lines that stay (not blank, not flagged when this pass
    // starts), so that once the flagged lines are cleaned away a second clean finds the
    // same edges.
    // (Line numbers in 32 bits: a million short lines make a list of 4 MB, not 8.)
    let staying: Vec<u32> = (0..lines.len())
        .filter(|&k| !lines[k].blank && !flags.is(k))
        .map(|k| u32::try_from(k).expect("fewer than 2^32 lines"))
        .collect();
    // The top edge: at most one line before (the title); the bottom: nothing after (for a
    // label, after its value), so that an award list's last 作者 line above a flagged
    // footer is not taken for the page's last line.
    // (`last`: the line, or a label's value line.)
    let bottom_edge = |last: usize| {
        staying.len() == staying.partition_point(|&k| k as usize <= last) && body.after(last)
    };
    let edge = |p: &Pending, last: usize| {
        let before = staying.partition_point(|&k| (k as usize) < p.line);
        // (A label's value with a comma is an instruction: `标题：简明扼要，不超过30字`.)
        let top = p.top && before < 2 && p.line < body.first && !(p.header && lines[p.line].comma);
        top || (p.bottom && bottom_edge(last))
    };
    // The page header: before the body text, among the first lines, in a header that
    // shows page chrome (a flagged line or a date line alone), so that a list of
    // requirements or a form at the start of a document (`标题：自拟` `作者：…`) is not one.
    let chrome = (0..body.first.min(lines.len()))
        .any(|k| !lines[k].blank && (flags.is(k) || is_date_or_time(lines[k].norm())));
    // (The first lines counted in lines that stay, as the edges are.)
    let header = |i: usize| {
        chrome
            && i < body.first
            && !lines[i].comma
            && staying.partition_point(|&k| (k as usize) < i) < TITLE_WINDOW
    };
    // The key of each pending line (of a run, of a header label): a few lines of a file
    // that may have a million.
    let (mut key, mut label_key): (FxHashMap<usize, &str>, FxHashMap<usize, &str>) =
        Default::default();
    for p in pending {
        if p.run {
            key.insert(p.line, &p.key);
        }
        if p.header {
            label_key.insert(p.line, &p.key);
        }
    }
    // A label a page repeats is a list's (`作品：… 作者：…` three times over in an award
    // list), not the page's own metadata.
    let mut uses: FxHashMap<&str, usize> = FxHashMap::default();
    for p in pending.iter().filter(|p| p.header && !flags.is(p.line)) {
        *uses.entry(&p.key).or_default() += 1;
    }
    let mut changed = false;
    for p in pending {
        let i = p.line;
        if flags.is(i)
            || (p.header && uses[p.key.as_str()] >= LIST_LABEL_USES)
            || (p.below && i < body.first)
        {
            continue;
        }
        // A label's neighbours are around it and its value. A label alone needs one, with
        // a name or a word in it: `编辑` over `2` is a table's cells.
        let value = p
            .label
            .and_then(|_| next_nonblank(lines, i))
            .filter(|&k| is_value(data, &lines[k]) && !flags.is(k));
        // (An empty field in a block of them, `文　　号：` over `效力状态：有效`, has the
        // next field, flagged, for its neighbour.)
        let empty_in_block =
            value.is_none() && next_nonblank(lines, i).is_some_and(|k| flags.is(k));
        if p.label.is_some()
            && !empty_in_block
            && !value.is_some_and(|k| {
                lines[k]
                    .norm()
                    .chars()
                    .any(|c| is_han(c) || c.is_alphabetic())
            })
        {
            continue;
        }
        let neighbours = [
            prev_nonblank(lines, i),
            next_nonblank(lines, value.unwrap_or(i)),
        ];
        let why = if neighbours.iter().flatten().any(|&k| flags.is(k)) {
            "next to other boilerplate"
        } else if p.run
            && neighbours
                .iter()
                .flatten()
                .any(|&k| key.get(&k).is_some_and(|&o| o != p.key))
        {
            "in a run of toolbar tokens"
        } else if p.header
            && header(i)
            && (p.label.is_none()
                || neighbours
                    .iter()
                    .flatten()
                    .any(|&k| label_key.get(&k).is_some_and(|&o| o != p.key)))
        {
            // `来源：市人大常委会办公室` under a title, a subtitle and a date; a label alone
            // (`审核`, a step of a procedure before the first paragraph) only among others.
            "in the page header"
        } else if p.footer
            && body.after(i)
            && !lines[i].raw.contains('\t')
            && staying.len() - staying.partition_point(|&k| (k as usize) <= i) < FOOTER_LINES
        {
            "in the page footer"
        } else if edge(p, value.unwrap_or(i))
            || (p.header
                && !lines[i].comma
                && bottom_edge(value.unwrap_or(i))
                && neighbours
                    .iter()
                    .flatten()
                    .any(|&k| label_key.get(&k).is_some_and(|&o| o != p.key)))
        {
            // (A common label at the bottom only in a block of other labels: a reposted
            // article's `编辑：… 审核：…`, not a table's sign-off `制表：李红 审核：张强`.)
            "at the edge of the file"
        } else {
            continue;
        };
        changed |= flags.set(i, p.category, format!("{}, {why}", p.what));
        if let (Some(rule), Some(_)) = (p.label, value) {
            label_value(data, lines, i, rule, flags);
        }
    }
    changed
}

/// Longest `statement` line, in characters: a disclaimer of a sentence or two.
pub const STATEMENT_MAX_CHARS: usize = 150;

/// `statement` lines: a line of at most [`STATEMENT_MAX_CHARS`] characters, sentences
/// allowed, that holds a `statement` phrase, not in quotation marks, and whose next
/// non-blank line is other chrome (`特别声明：本文为自媒体作者上传并发布，仅代表作者观点。`
/// above `举报/反馈`), or that ends the page below chrome (a footer's `本网站所载文章仅代表
/// 作者观点`). Such a phrase is chrome's own, but a body may discuss it: a
/// report on copyright (`督促网站在文首注明“本文来源于”`, `（二）…标注“请勿转载”`) quotes
/// it or numbers its paragraphs, and its opening paragraph sits below the page's
/// metadata, not above chrome.
fn statements(data: &Data, lines: &[LineInfo], flags: &mut Flags) -> bool {
    if data.statements.is_empty() {
        return false;
    }
    let mut changed = false;
    // (Walked upwards; `below`: the next non-blank line, and whether it is chrome other
    // than a statement, which is no neighbour for another.)
    let mut below: Option<(usize, bool)> = None;
    for i in (0..lines.len()).rev() {
        let l = &lines[i];
        if l.blank {
            continue;
        }
        let chrome = |k: usize| flags.message(k).is_some_and(|m| !m.starts_with(STATEMENT));
        let next = below.replace((i, chrome(i)));
        // Above chrome, or the page's last line below it (a footer's own notice).
        let placed = match next {
            Some((_, above)) => above,
            None => prev_nonblank(lines, i).is_some_and(chrome),
        };
        if l.long || flags.is(i) || !placed {
            continue;
        }
        if more_chars_than(l.raw, STATEMENT_MAX_CHARS) {
            continue;
        }
        let norm = l.norm();
        if starts_with_outline_number(norm) {
            continue;
        }
        if let Some(rule) = data.statements.iter().map(|&r| data.rule(r)).find(|r| {
            norm.find(r.phrase.as_str())
                .is_some_and(|at| !quoted(&norm[..at]))
        }) {
            let what = format!("{STATEMENT}`{}` above other boilerplate", rule.phrase);
            changed |= flags.set(i, &rule.category, what);
        }
    }
    changed
}

/// How a `statement` line's finding message starts: such a line is no neighbour for
/// another (a body's paragraphs that discuss reposting are not eaten one by one).
const STATEMENT: &str = "statement ";

/// Whether text ending with `before` is inside quotation marks: the phrase after it is
/// quoted, not said (`标注“禁止转载”的作品`).
fn quoted(before: &str) -> bool {
    let count = |cs: &[char]| before.chars().filter(|c| cs.contains(c)).count();
    count(&['“', '「', '『']) > count(&['”', '」', '』']) || count(&['"']) % 2 == 1
}

/// Contact rows of a page's footer: after the body text, right below a flagged line, a
/// short line without sentence punctuation of two or more `label:value` pieces whose
/// labels are `contact` phrases, all different (`地址：人民中路56号　邮编：418400　电话：…`),
/// perhaps after the site owner's name (`XX县市场监督管理局　地址：…`).
/// A piece without a label goes on the value before it (`建议使用1366×768分辨率浏览`
/// after a phone). Above the footer, where a notice ends with its own contacts
/// (`地址：县人社局三楼　电话：…` before `版权所有`), it stays.
fn contact_rows(data: &Data, lines: &[LineInfo], body: &Body, flags: &mut Flags) -> bool {
    if data.contacts.is_empty() {
        return false;
    }
    let mut changed = false;
    let mut prev: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.blank {
            continue;
        }
        let before = prev.replace(i);
        if flags.is(i) || !body.after(i) || !before.is_some_and(|k| flags.is(k)) {
            continue;
        }
        if let Some((rule, n)) = contact_row(data, l) {
            let what = format!(
                "row of {n} contact fields, one `{}:`, below other boilerplate",
                rule.phrase
            );
            changed |= flags.set(i, &rule.category, what);
        }
    }
    changed
}

/// A row of two or more different `contact` labels with their values (see
/// [`contact_rows`]): the first label's rule and the number of labels.
fn contact_row<'d>(data: &'d Data, l: &LineInfo) -> Option<(&'d BpRule, usize)> {
    if !l.shape_ok(PREFIX_MAX_CHARS) || !l.raw.contains([':', '：']) {
        return None;
    }
    let mut seen: Vec<usize> = Vec::new();
    for (k, piece) in l.raw.split(row_break).filter(|p| !p.is_empty()).enumerate() {
        let Some((label, _)) = piece.split_once([':', '：']) else {
            // The site owner's name may come first (`XX县市场监督管理局　地址：…`).
            if seen.is_empty() && (k > 0 || more_chars_than(piece, SITE_NAME_MAX_CHARS)) {
                return None; // text before any label
            }
            continue; // the value before goes on
        };
        let &r = data.contacts.get(normalize(label).as_str())?;
        if seen.contains(&r) {
            return None;
        }
        seen.push(r);
    }
    (seen.len() >= 2).then(|| (data.rule(seen[0]), seen.len()))
}

/// Longest site's name in a banner, in characters.
const SITE_NAME_MAX_CHARS: usize = 20;
/// Longest column's name after it (`· 党建专栏`).
const SITE_COLUMN_MAX_CHARS: usize = 8;

/// A site's banner: a line that is a site's (or its owner's) name, ending in a
/// `site-name` phrase, perhaps followed by a separator and a column's name
/// (`X镇人民政府网 · 党建专栏`), by the site's address (`青杉县人民政府  www.qingshan.gov.cn`)
/// or by `信息公开`; two such names split by spaces (`中共云岭县纪律检查委员会  云岭县监察
/// 委员会`); or a page's title and the site's name joined by `_`, as a browser's title bar
/// reads. Not a title that names the site (`县政府门户网站栏目责任分工表`: it ends otherwise).
fn site_banner<'d>(data: &'d Data, rules: &[usize], l: &LineInfo) -> Option<Banner<'d>> {
    if rules.is_empty() || !l.shape_ok(PREFIX_MAX_CHARS) || l.comma {
        return None;
    }
    // (As a reader sees it: a Markdown logo `[![…人民政府](logo_2023.png)](/)` is its name.)
    let shown = decode_markup(l.raw);
    // A title bar: what follows the last `_` is the site's name.
    let raw = match shown.rsplit_once('_') {
        Some((title, site)) if !more_chars_than(title, LINK_MAX_CHARS) => site,
        _ => &shown,
    };
    // The pieces between separators, less the versions of the page named among them.
    let mut version = false;
    let mut pieces: Vec<&str> = Vec::new();
    for piece in banner_pieces(raw) {
        let (rest, v) = strip_versions(piece);
        version |= v;
        if !rest.is_empty() {
            pieces.push(rest);
        }
    }
    // One piece is the names; the others are short: a column (`· 党建专栏`), a slogan
    // before or after the name (`清风鄞陵 — 鄞陵县纪委监委网站`, `· 三秦大地 · 渭水之滨`).
    let (k, rule) = pieces
        .iter()
        .enumerate()
        .find_map(|(k, p)| banner_names(data, rules, p).map(|r| (k, r)))?;
    let short = |p: &&str| {
        let n = normalize(p);
        !n.is_empty() && !more_chars_than(&n, SITE_COLUMN_MAX_CHARS) && !n.contains(':')
    };
    // Its address or its logo's words beside the name (`阜城河县人民政府 www.fcx.gov.cn`,
    // `宝应县人民政府 门户网站 logo`): a banner, not a name a document gives.
    // (A name in brackets is an image's alternative text, a logo's: `[锦城区人民政府]`.)
    let marked = raw.split(is_space).any(|w| {
        let n = normalize(w);
        (n.contains('.') && n.is_ascii() && n.len() > 4)
            || LOGO_WORDS.contains(&n.as_str())
            || (w.starts_with('[') && w.ends_with(']') && w.chars().count() > 6)
    });
    pieces
        .iter()
        .enumerate()
        .all(|(j, p)| j == k || short(p))
        .then_some(Banner {
            rule,
            version: version || marked,
        })
}

/// Words a banner's logo leaves beside the site's name (its image's alternative text),
/// normalised.
const LOGO_WORDS: [&str; 8] = [
    "logo",
    "LOGO",
    "Logo",
    "网站标志",
    "网站标识",
    "门户网站",
    "官方网站",
    "[logo]",
];

/// What [`site_banner`] found: the rule whose phrase ends the name, and whether the line
/// also names the version of the page (`（手机版）`, `· 打印版`, `[繁體版]`) or holds the
/// site's address or logo.
struct Banner<'d> {
    rule: &'d BpRule,
    version: bool,
}

/// The pieces of a banner between its separators (a bar, a dot, a dash, `>`, or a run of
/// colons: `::: 澜沧坝县民政局 ::: 民政为民`), trimmed, without the empty ones.
fn banner_pieces(raw: &str) -> Vec<&str> {
    const SEPARATORS: [char; 10] = ['·', '•', '|', '｜', '∣', '-', '—', '>', '＞', '»'];
    let colon = |c: char| c == ':' || c == '：';
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let run_end = if SEPARATORS.contains(&c) {
            Some(i + c.len_utf8())
        } else if colon(c) && chars.peek().is_some_and(|&(_, d)| colon(d)) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek().filter(|&&(_, d)| colon(d)) {
                end = j + d.len_utf8();
                chars.next();
            }
            Some(end)
        } else {
            None
        };
        if let Some(end) = run_end {
            pieces.push(&raw[from..i]);
            from = end;
        }
    }
    pieces.push(&raw[from..]);
    pieces
        .into_iter()
        .map(|p| p.trim_matches(is_space))
        .filter(|p| !p.is_empty())
        .collect()
}

/// What a page's version is called before `版` or `模式` (`手机版`, `长辈模式`).
const VERSIONS: [&str; 22] = [
    "手机",
    "打印",
    "简体",
    "繁体",
    "长辈",
    "长者",
    "关怀",
    "无障碍",
    "适老",
    "适老化",
    "老年",
    "大字",
    "英文",
    "中文",
    "电脑",
    "标准",
    "移动",
    "触屏",
    "极速",
    "文字",
    "纯文本",
    "普通",
];

/// Whether `s` names a version of a page: `手机版`, `打印版`, `繁體版`, `长辈模式`.
fn is_version(s: &str) -> bool {
    let s = normalize(s);
    let word = s.strip_suffix('版').or_else(|| s.strip_suffix("模式"));
    word.is_some_and(|w| VERSIONS.contains(&w))
}

/// `piece` less the versions of the page at its end, bracketed or after a space
/// (`海澄镇人民政府（手机版）`, `…網站 [簡體版] [繁體版]`), or the whole piece when it is
/// one (`打印版`), and whether there was one.
fn strip_versions(piece: &str) -> (&str, bool) {
    let mut rest = piece.trim_matches(is_space);
    let mut found = false;
    loop {
        let inner = ['）', ')', ']', '】', '〕', '］']
            .iter()
            .find_map(|&close| rest.strip_suffix(close))
            .and_then(|r| {
                let open = r.rfind(['（', '(', '[', '【', '〔', '［'])?;
                let bracket = &r[open..];
                let first = bracket.chars().next()?;
                Some((&r[..open], &bracket[first.len_utf8()..]))
            });
        let (before, label) = match inner {
            Some((before, label)) => (before, label),
            None => match rest.rsplit_once(is_space) {
                Some((before, last)) => (before, last),
                None => ("", rest),
            },
        };
        if !is_version(label) {
            return (rest, found);
        }
        found = true;
        rest = before.trim_end_matches(is_space);
        if rest.is_empty() {
            return (rest, found);
        }
    }
}

/// The names of a [`site_banner`]: one or two, split by spaces, each ending in one of the
/// `rules`' phrases, perhaps with the site's address, a greeting, the day's date or a
/// 信息公开 column among them, or the name in English after them (`柏川县人民政府 BAICHUAN
/// COUNTY PEOPLE'S GOVERNMENT`).
fn banner_names<'d>(data: &'d Data, rules: &[usize], names: &str) -> Option<&'d BpRule> {
    let mut found = None;
    for piece in names.split(is_space).filter(|p| !p.is_empty()) {
        // (A logo's alternative text as a text browser shows it: `[锦城区人民政府]`.)
        let piece = piece
            .strip_prefix('[')
            .and_then(|p| p.strip_suffix(']'))
            .unwrap_or(piece);
        let name = normalize(piece);
        let address = name.contains('.') && name.is_ascii();
        // A greeting after the name (`…人民政府欢迎您！`), and the day's date after that
        // (`今天是：2024年1月5日 星期五`).
        let name = name.trim_end_matches('!');
        let name = GREETINGS
            .iter()
            .find_map(|g| name.strip_suffix(g))
            .unwrap_or(name);
        // (Or before it: `欢迎访问塔什布拉克县人民政府网！`.)
        let name = ["欢迎访问", "欢迎来到", "欢迎光临"]
            .iter()
            .find_map(|g| name.strip_prefix(g))
            .unwrap_or(name);
        let today = name.starts_with("今天是")
            || is_date_or_time(name)
            || (name.starts_with("星期") && name.chars().count() == 3);
        // (A search box beside the name: `吉阳县人民政府　…　请输入关键字　搜索`.)
        let search = [
            "请输入关键字",
            "请输入关键词",
            "搜索",
            "检索",
            "…",
            "...",
            "≡",
            "☰",
        ]
        .contains(&name);
        if name.is_empty() || today || search {
            continue;
        }
        // (A column after the name: `信息公开`, `政府信息公开`.)
        let column = name.ends_with("信息公开") && !more_chars_than(name, 6);
        let english = name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '&');
        // (After the name, the page's switches: `[繁體]  [簡體]  [無障礙]`.)
        let switch = is_control(data, piece);
        if address
            || (found.is_some() && (column || english || switch || LOGO_WORDS.contains(&name)))
        {
            continue;
        }
        if more_chars_than(name, SITE_NAME_MAX_CHARS) || name.contains(':') {
            return None;
        }
        // (The column joined on: `云溪县人民政府信息公开`.)
        let name = ["政府信息公开", "信息公开"]
            .iter()
            .filter_map(|c| name.strip_suffix(c))
            .find(|n| name_ending(data, rules, n).is_some())
            .unwrap_or(name);
        found.get_or_insert(name_ending(data, rules, name)?);
    }
    found
}

/// Whether `l` is an address alone: `www.…` or `http(s)://…`, without spaces.
fn bare_address(l: &LineInfo) -> bool {
    let raw = l.raw.trim_matches(is_space);
    raw.is_ascii()
        && !raw.contains(' ')
        && raw.len() <= 300
        && (raw.starts_with("http://") || raw.starts_with("https://") || raw.starts_with("www."))
        && raw.contains('.')
}

/// Fewest marks of a [`rule_line`].
const RULE_MIN_MARKS: usize = 5;
/// The marks a rule is made of.
const RULE_MARKS: &str = "—-=_:：*~·.．━─═＝＊";

/// Whether `l` is a rule: one mark repeated, five times or more (`———————`, `::::::::`,
/// `=====`, `*****`), or three or more with spaces between, Markdown's (`* * *`, `- - -`).
fn rule_line(l: &LineInfo) -> bool {
    let raw = l.raw.trim_matches(is_space);
    let mut cs = raw.chars().filter(|&c| !is_space(c));
    let Some(first) = cs.next() else {
        return false;
    };
    let marks = raw.chars().filter(|&c| !is_space(c)).count();
    let spaced = raw.chars().any(is_space);
    RULE_MARKS.contains(first)
        && cs.all(|c| c == first)
        && if spaced {
            marks >= 3 && raw.split(' ').all(|p| p.chars().count() == 1)
        } else {
            marks >= RULE_MIN_MARKS
        }
}

/// Whether the rule on line `i` underlines the text right above it, as Markdown marks a
/// heading (`哈拉湖镇人民政府工作报告` / `-----`): the document's title, not a rule.
fn setext_underline(lines: &[LineInfo], i: usize) -> bool {
    lines[i]
        .raw
        .trim_start_matches(is_space)
        .starts_with(['-', '='])
        && i > 0
        && !lines[i - 1].blank
        && lines[i - 1].raw.chars().any(is_han)
}

/// Whether `l` holds only images, as Markdown writes them (`![](…/ewm.jpg)`,
/// `[![](…/jiucuo.png)](…)`, `![Image 2: …二维码](…)`): a page's logo, badges or QR code.
fn image_only(l: &LineInfo) -> bool {
    let raw = l.raw.trim_matches(is_space);
    if !raw.starts_with("![") && !raw.starts_with("[![") {
        return false;
    }
    let mut rest = raw;
    while !rest.is_empty() {
        let linked = rest.starts_with("[![");
        let Some(inner) = rest[usize::from(linked)..].strip_prefix("![") else {
            return false;
        };
        // `alt](target)`, then for a linked image `](link)`.
        let Some((_, after)) = inner.split_once("](") else {
            return false;
        };
        let Some((_, mut after)) = after.split_once(')') else {
            return false;
        };
        if linked {
            let Some((_, a)) = after.strip_prefix("](").and_then(|a| a.split_once(')')) else {
                return false;
            };
            after = a;
        }
        rest = after.trim_start_matches(is_space);
    }
    true
}

/// The fewest capitalised words of an [`english_name`].
const ENGLISH_NAME_MIN_WORDS: usize = 2;

/// Whether `l` reads as a name in English: Latin words and spaces (commas, `&`, `-`, `'`
/// and `.` too) but no digit, at least [`ENGLISH_NAME_MIN_WORDS`] words capitalised and
/// every other word a short lower-case one (`of`, `and`, `the`): `DAIYU COUNTY BUREAU OF
/// CULTURE, TOURISM`, `Party School of the CPC Heyu County Committee`.
fn english_name(l: &LineInfo) -> bool {
    if !l.ascii() || l.sentence() || usize::from(l.chars) > SITE_NAME_MAX_CHARS * 5 {
        return false;
    }
    let raw = l.raw.trim_matches(is_space);
    if !raw
        .chars()
        .all(|c| c.is_ascii_alphabetic() || " ,&-'.".contains(c))
    {
        return false;
    }
    let mut capitalised = 0;
    for word in raw.split([' ', ',', '-']).filter(|w| !w.is_empty()) {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            capitalised += 1;
        } else if word.len() > 3 {
            return false;
        }
    }
    capitalised >= ENGLISH_NAME_MIN_WORDS
}

/// The fewest items of a menu written one per line.
const MENU_COLUMN_MIN_ITEMS: usize = 3;
/// The longest such item, in characters (`机构概况`, `招生考试`).
const MENU_COLUMN_ITEM_CHARS: std::ops::RangeInclusive<usize> = 2..=6;

/// A menu written one item per line (`机构概况` / `领导信息` / `政策法规` …, or Markdown's
/// `- [机构概况](…)`): in the page's
/// header, a run of three or more short lines of Han characters alone, with chrome right
/// above it and right below it (a breadcrumb over it, a toolbar under it). A title, a
/// label's value or a heading has no such run between chrome.
fn menu_columns(lines: &[LineInfo], body: &Body, flags: &mut Flags) -> bool {
    let item = |l: &LineInfo| {
        !l.blank
            && MENU_COLUMN_ITEM_CHARS.contains(&usize::from(l.chars))
            && decode_markup(l.raw)
                .trim_matches(is_space)
                .chars()
                .all(is_han)
    };
    let end = body.first.min(lines.len());
    let mut changed = false;
    for items in gaps_between_chrome(lines, flags, 0..end, usize::MAX, item) {
        if items.len() >= MENU_COLUMN_MIN_ITEMS {
            for &j in &items {
                let what = format!("menu item, one of {} between other chrome", items.len());
                changed |= flags.set(j, "navigation", what);
            }
        }
    }
    changed
}

/// Runs of unflagged lines in `range` that are all `item`s (blank lines may come between)
/// with other chrome right above (within `range`) and right below, at most `max` items
/// each: the items' line numbers of each run.
fn gaps_between_chrome(
    lines: &[LineInfo],
    flags: &Flags,
    range: Range<usize>,
    max: usize,
    item: impl Fn(&LineInfo) -> bool,
) -> Vec<Vec<usize>> {
    let mut gaps = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if lines[i].blank || flags.is(i) || !item(&lines[i]) {
            i += 1;
            continue;
        }
        let mut k = i;
        let mut items = Vec::new();
        while k < range.end && !flags.is(k) && (lines[k].blank || item(&lines[k])) {
            if !lines[k].blank {
                items.push(k);
            }
            k += 1;
        }
        let above = prev_nonblank(lines, i).is_some_and(|p| p >= range.start && flags.is(p));
        let below = k < lines.len() && flags.is(k);
        if above && below && items.len() <= max {
            gaps.push(items);
        }
        i = k;
    }
    gaps
}

/// Longest run of lines [`footer_gaps`] fills.
const FOOTER_GAP_MAX_LINES: usize = 3;

/// Gaps in the page's footer: after the body text, a run of at most
/// [`FOOTER_GAP_MAX_LINES`] short lines without sentence punctuation, colons or outline
/// numbers, with chrome right above
/// and right below it (a related list's last title between its first and the copyright
/// line, `鶴塘鎮2022年統計公報` under `鶴塘鎮2023年政府工作報告` over `版權所有：…`). Below the
/// page's chrome the document does not go on; its signature and date come before. A run
/// above what opens a page (a running header, a scanner's stamp) or holding a date stays.
fn footer_gaps(lines: &[LineInfo], body: &Body, flags: &mut Flags) -> bool {
    let Some(last) = body.last else {
        return false;
    };
    // (Not a label's line or a numbered item: `附件：1．推荐表` and its `2．…` are the
    // document's own, wherever its page put them.)
    let item = |l: &LineInfo| {
        l.shape_ok(CONTAINS_MAX_CHARS)
            && !l.raw.contains([':', '：'])
            && !starts_with_outline_number(l.norm())
    };
    // What opens a page (a running header, a scanner's or a viewer's stamp) comes between
    // pages, not only in the footer: what lies above it is the page before's.
    let page_top = |f: &Flags, k: usize| {
        f.0[k].as_ref().is_some_and(|f| {
            matches!(
                f.0.as_str(),
                "page-header" | "extraction" | "viewer" | "print-header"
            )
        })
    };
    let mut changed = false;
    for run in gaps_between_chrome(
        lines,
        flags,
        last + 1..lines.len(),
        FOOTER_GAP_MAX_LINES,
        item,
    ) {
        // (A date among them is the document's signature: `滨江街道办事处` / `2024年4月2日`
        // above an app's end-of-page bar.)
        let end = run[run.len() - 1];
        if run.iter().any(|&j| is_full_date(lines[j].norm()))
            || next_nonblank(lines, end).is_some_and(|n| page_top(flags, n))
        {
            continue;
        }
        for j in run {
            let what = "line between other chrome below the body".to_string();
            changed |= flags.set(j, "footer", what);
        }
    }
    changed
}

/// Fewest items of a menu laid out with spaces.
const SPACED_MENU_MIN_ITEMS: usize = 4;
/// Characters of a menu's item, at least and at most.
const MENU_ITEM_CHARS: std::ops::RangeInclusive<usize> = 2..=8;
/// Characters of a menu's item when items are split by single spaces.
const MENU_WORD_CHARS: std::ops::RangeInclusive<usize> = 2..=6;
/// Lines from the file's start a spaced menu may sit on.
const SPACED_MENU_LINES: usize = 20;
/// Words that head a table's columns: a row of them is a table's header, not a menu.
const COLUMN_HEADS: [&str; 16] = [
    "序号", "姓名", "名称", "单位", "金额", "数量", "备注", "合计", "性别", "年龄", "职务", "项目",
    "类别", "时间", "地址", "电话",
];

/// A site's menu laid out with spaces instead of bars (`局情介绍　文旅资讯　政策法规　规划计划`):
/// in the page's header (before the body, among the first [`SPACED_MENU_LINES`] lines),
/// [`SPACED_MENU_MIN_ITEMS`] or more items of two to eight characters between runs of two
/// spaces or an ideographic one, all but one holding Han, none a column's heading (a
/// table's header row is no menu), right beside other chrome (the banner above, the
/// breadcrumb below).
fn spaced_menus(lines: &[LineInfo], body: &Body, flags: &mut Flags) -> bool {
    let mut changed = false;
    for k in 0..body.first.min(SPACED_MENU_LINES).min(lines.len()) {
        let l = &lines[k];
        if l.blank || flags.is(k) || !l.shape_ok(LINK_MAX_CHARS) {
            continue;
        }
        let raw = l.raw.trim_matches(is_space);
        let mut items = super::text::spaced_cells(raw);
        // (Or split by single spaces when every item is a short word of Han characters:
        // `認識竹峰 公告訊息 業務專區 便民服務`.)
        if items.len() == 1 {
            let words: Vec<&str> = raw.split(' ').collect();
            if words
                .iter()
                .all(|w| MENU_WORD_CHARS.contains(&w.chars().count()) && w.chars().all(is_han))
            {
                items = words;
            }
        }
        if items.len() < SPACED_MENU_MIN_ITEMS
            || !items.iter().all(|i| {
                MENU_ITEM_CHARS.contains(&i.chars().count())
                    && i.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric())
            })
            || items.iter().filter(|i| !i.chars().any(is_han)).count() > 1
            || items
                .iter()
                .any(|i| COLUMN_HEADS.contains(&normalize(i).as_str()))
        {
            continue;
        }
        let beside = prev_nonblank(lines, k).is_some_and(|p| flags.is(p))
            || next_nonblank(lines, k).is_some_and(|n| flags.is(n));
        if beside {
            changed |= flags.set(
                k,
                "navigation",
                format!("a menu of {} items laid out with spaces", items.len()),
            );
        }
    }
    changed
}

/// Whether `name` is a site owner's name: it ends in a `site-owner` phrase, and holds more
/// (`桂湖街道办事处`, not `办事处`).
fn ends_as_owner(data: &Data, name: &str) -> bool {
    name_ending(data, &data.site_owners, &normalize(name)).is_some()
}

/// The first of `rules` whose phrase ends the normalised `name`, which holds more than it
/// (`桂湖街道办事处` ends in `办事处`; `办事处` alone is no name).
fn name_ending<'d>(data: &'d Data, rules: &[usize], name: &str) -> Option<&'d BpRule> {
    rules
        .iter()
        .map(|&r| data.rule(r))
        .find(|r| name.ends_with(r.phrase.as_str()) && name.len() > r.phrase.len())
}

/// Site owners' banners: in the page's header, a line that is a site owner's name (see
/// [`site_banner`]) right above other chrome (`松林县教育局` over `当前位置：首页 / …`). The
/// issuing offices under a title (`中共衡南县泉湖镇委员会` / `衡南县泉湖镇人民政府`) have
/// the body below them.
fn site_owners(data: &Data, lines: &[LineInfo], body: &Body, flags: &mut Flags) -> bool {
    if data.site_owners.is_empty() {
        return false;
    }
    let mut changed = false;
    for i in (0..body.first.min(lines.len())).rev() {
        let l = &lines[i];
        if l.blank || flags.is(i) {
            continue;
        }
        let above = next_nonblank(lines, i).is_some_and(|k| flags.is(k));
        let below = prev_nonblank(lines, i).is_some_and(|k| flags.is(k));
        if !above && !below {
            continue;
        }
        // (Under other chrome only when the line names the page's version: `海晏川县人民政府
        // · 打印版` under a print view's bar, over the title.)
        match site_banner(data, &data.site_owners, l) {
            Some(b) if above || b.version => {
                let what = format!(
                    "site owner's name ending in `{}`, {}",
                    b.rule.phrase,
                    if above {
                        "above other chrome"
                    } else {
                        "naming the page's version, address or logo, under other chrome"
                    }
                );
                changed |= flags.set(i, &b.rule.category, what);
            }
            _ => {}
        }
    }
    changed
}

/// Longest wrapped tail of a breadcrumb, in characters: a column's name (`计划总结`), not a
/// title under a breadcrumb that ends in its separator.
const WRAPPED_TAIL_MAX_CHARS: usize = 10;

/// Steps of a one-per-line breadcrumb: short lines next to a flagged separator line; and a
/// breadcrumb's tail a text browser wrapped onto the next line (`您现在的位置： 首页 > … >
/// 霞岭镇 >` over `计划总结`): the short line after one that ends in its separator.
fn breadcrumb_steps(data: &Data, lines: &[LineInfo], flags: &mut Flags) -> bool {
    let mut changed = false;
    for i in 0..lines.len() {
        if flags.kind(i) == Some("breadcrumb")
            && lines[i]
                .raw
                .trim_end_matches(is_space)
                .ends_with(['>', '＞', '»', '→', '/'])
        {
            if let Some(k) = next_nonblank(lines, i) {
                let l = &lines[k];
                if k == i + 1 && !flags.is(k) && l.shape_ok(WRAPPED_TAIL_MAX_CHARS) && !l.comma {
                    changed |= flags.set(
                        k,
                        "breadcrumb",
                        format!("the tail of the breadcrumb on line {}, wrapped", i + 1),
                    );
                }
            }
        }
        if !flags.is(i) || !data.is_separator_line(lines[i].norm()) {
            continue;
        }
        for k in [prev_nonblank(lines, i), next_nonblank(lines, i)]
            .into_iter()
            .flatten()
        {
            let l = &lines[k];
            if !flags.is(k) && l.shape_ok(STEP_MAX_CHARS) && !l.comma {
                changed |= flags.set(
                    k,
                    "breadcrumb",
                    format!("breadcrumb step next to separator line {}", i + 1),
                );
            }
        }
    }
    changed
}

/// The longest front matter looked for, in lines.
const FRONT_MATTER_MAX_LINES: usize = 40;
/// The fewest lines of a dump of a record's fields.
const DUMP_MIN_LINES: usize = 4;

/// A machine key opening a line (`publish_time:`, `title: "…"`, `channel-id:`): ASCII
/// letters, digits, `_` and `-`, starting with a letter, then a colon ending the line or
/// followed by a space.
fn machine_key(raw: &str) -> Option<&str> {
    if !raw.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let (key, rest) = raw.split_once(':')?;
    let mut bytes = key.bytes();
    (bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && (rest.is_empty() || rest.starts_with(' ')))
    .then_some(key)
}

/// A web clipper's or static-site front matter: the file opens with a line `---`, then
/// `key: value` lines (and their list items), closed by another `---`. Its title and
/// source are the clipper's record of the page, not the document.
fn front_matter(lines: &[LineInfo], flags: &mut Flags) {
    let Some(open) = lines.iter().position(|l| !l.blank) else {
        return;
    };
    if lines[open].raw.trim_end_matches(is_space) != "---" {
        return;
    }
    let mut keys = 0;
    for k in open + 1..lines.len().min(open + FRONT_MATTER_MAX_LINES) {
        let raw = lines[k].raw.trim_end_matches(is_space);
        if raw == "---" {
            if keys > 0 {
                for (j, l) in lines.iter().enumerate().take(k + 1).skip(open) {
                    if !l.blank {
                        flags.set(
                            j,
                            "metadata",
                            "a clipper's front matter (`---` … `---`)".into(),
                        );
                    }
                }
            }
            return;
        }
        if machine_key(raw).is_some() {
            keys += 1;
        } else if !(lines[k].blank || raw.starts_with("  ") || raw.starts_with("- ")) {
            return;
        }
    }
}

/// A dump of a record's fields, a database's or a CMS's export (`id: 1827`,
/// The page's index block as a text browser draws it, a table in box lines above the
/// document (`│索 引 号│11411327MB1D23456K/2025-00018│信息分类│工作计划│`): before the body
/// text, a run of lines that each open with a box-drawing character, one of its cells a
/// metadata label (a `field`, `weak-field` or `label` phrase). A table in the body, or
/// one of no labels (a form the document gives), stays.
fn box_tables(data: &Data, lines: &[LineInfo], body: &Body, flags: &mut Flags) {
    let boxed = |l: &LineInfo| {
        l.raw
            .trim_start_matches(is_space)
            .starts_with(is_box_drawing)
    };
    let end = body.first.min(lines.len());
    let mut i = 0;
    while i < end {
        if !boxed(&lines[i]) {
            i += 1;
            continue;
        }
        let k = (i..end).find(|&k| !boxed(&lines[k])).unwrap_or(end);
        let labelled = lines[i..k].iter().any(|l| {
            l.raw.split(is_box_drawing).any(|cell| {
                metadata_label(data, cell.trim_end_matches([':', '：', ' ', '\u{3000}'])).is_some()
            })
        });
        if labelled {
            for j in i..k {
                flags.set(
                    j,
                    "metadata",
                    "the page's index block drawn as a table in box lines".into(),
                );
            }
        }
        i = k;
    }
}

/// `channel_id: 45`, `publish_time: 2024-01-10 16:20:05`): [`DUMP_MIN_LINES`] or more
/// lines in a row, each opening with a lower-case machine key, at least one of them
/// holding `_` (a word alone, `note:`, could be prose's).
fn field_dumps(lines: &[LineInfo], flags: &mut Flags) {
    fn key_of<'t>(l: &LineInfo<'t>) -> Option<&'t str> {
        machine_key(l.raw).filter(|k| !k.bytes().any(|b| b.is_ascii_uppercase()))
    }
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let mut snake = false;
        while i < lines.len() && !lines[i].blank {
            match key_of(&lines[i]) {
                Some(k) => snake |= k.contains('_'),
                None => break,
            }
            i += 1;
        }
        if i - start >= DUMP_MIN_LINES && snake {
            for k in start..i {
                flags.set(k, "metadata", "a record's field in an export".into());
            }
        }
        i = i.max(start + 1);
    }
}

/// The fields of an official document's own header (a Taiwan 公文, `發文日期：…`,
/// `發文字號：…`, `速別：…`, `附件：…`), normalised.
const OFFICIAL_FIELDS: [&str; 8] = [
    "发文日期:",
    "发文字号:",
    "速别:",
    "密等",
    "附件:",
    "受文者:",
    "副本:",
    "正本:",
];
/// Most lines of such a header above its `主旨`.
const OFFICIAL_HEADER_LINES: usize = 8;

/// An official document's own header: the lines right above its `主旨：` (the subject
/// line every Taiwan 公文 opens its text with) that are its fields (`發文日期`, `發文字號`,
/// `附件`) are the document's, not a page's metadata row, and are unflagged.
fn official_header(lines: &[LineInfo], flags: &mut Flags) {
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.blank || !l.raw.trim_start_matches(is_space).starts_with("主旨") {
            continue;
        }
        if !l.norm().starts_with("主旨:") {
            continue;
        }
        let mut k = i;
        let mut seen = 0;
        while let Some(p) = prev_nonblank(lines, k) {
            seen += 1;
            if seen > OFFICIAL_HEADER_LINES
                || !OFFICIAL_FIELDS
                    .iter()
                    .any(|f| lines[p].norm().starts_with(f))
            {
                break;
            }
            flags.0[p] = None;
            k = p;
        }
    }
}

/// Most non-blank lines a body quotes between its colon and its next paragraph.
const QUOTED_MAX_LINES: usize = 8;

/// Lines the body quotes: a short run of flagged lines between a line of the body that
/// ends in a colon (`原帖信息如下：`, `应包含如下版权声明：`) and the body's next
/// paragraph is what the colon introduces (a post's `来源：` and `发布时间：`, a
/// contract's `Copyright ©` line), not the page's chrome, and is unflagged.
fn quoted_in_body(lines: &[LineInfo], flags: &mut Flags) {
    let body = |l: &LineInfo| l.long || l.sentence();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let intro = !l.blank
            && !flags.is(i)
            && (body(l) || l.chars >= 16)
            && l.raw.trim_end_matches(is_space).ends_with([':', '：']);
        i += 1;
        if !intro {
            continue;
        }
        let mut run = Vec::new();
        let mut k = i;
        while k < lines.len() && run.len() <= QUOTED_MAX_LINES {
            if !lines[k].blank {
                if !flags.is(k) {
                    break;
                }
                run.push(k);
            }
            k += 1;
        }
        if !run.is_empty()
            && run.len() <= QUOTED_MAX_LINES
            && k < lines.len()
            && !flags.is(k)
            && body(&lines[k])
        {
            for j in run {
                flags.0[j] = None;
            }
        }
    }
}

/// The title scraped twice: one of the first [`TITLE_CANDIDATES`] kept non-blank lines,
/// before the body text, title-like and not a numbered section heading, repeated among the first
/// [`TITLE_WINDOW`] lines that stay (not blank, not boilerplate) with nothing but
/// boilerplate or short lines between.
/// The later copy is flagged.
fn duplicate_title(lines: &[LineInfo], body: &Body, flags: &mut Flags) -> bool {
    // The window counts only lines that stay (not blank, not flagged, not a copy found
    // here), so cleaning the flagged lines away does not bring new lines into it: a second
    // clean flags nothing more.
    let mut kept = 0usize;
    let mut changed = false;
    let mut candidates: Vec<usize> = Vec::new();
    // The last line so far that separates a title from its copy: not blank, not flagged,
    // longer than a link. (Kept as the loop goes, rather than checking every line between
    // a candidate and each later line: a file of one line repeated was quadratic.)
    let mut last_long: Option<usize> = None;
    for k in 0..lines.len() {
        if kept >= TITLE_WINDOW {
            break;
        }
        if lines[k].blank || flags.is(k) {
            continue;
        }
        let copy_of = candidates.iter().copied().find(|&a| {
            // (The character counts, known without normalising, differ for most lines.)
            lines[a].chars == lines[k].chars
                && lines[a].norm() == lines[k].norm()
                && last_long.is_none_or(|m| m <= a)
        });
        if let Some(a) = copy_of {
            // The first copy as the value of a metadata block (`名称：` then the title, in a
            // 信息公开 block above the page's own title): that copy is the block's, and
            // the second the document's. Otherwise the second copy is the scraped one.
            let metadata = |f: &Flags, i: usize| f.0[i].as_ref().is_some_and(|f| f.0 == "metadata");
            let before = prev_nonblank(lines, a);
            // (After a row of fields, `索引号：… 发布机构：…`, the first copy is the page's
            // title and the second the scraped one, as anywhere.)
            let label = before.filter(|&p| {
                lines[p].chars <= LABEL_MAX_CHARS
                    && lines[p].norm().ends_with(':')
                    && (metadata(flags, p)
                        || prev_nonblank(lines, p).is_some_and(|q| metadata(flags, q)))
            });
            if let Some(p) = label {
                changed |= flags.set(
                    a,
                    "metadata",
                    format!(
                        "the title as a metadata value, before the title on line {}",
                        k + 1
                    ),
                );
                kept -= 1;
                if flags.set(p, "metadata", format!("metadata label of line {}", a + 1)) {
                    kept -= 1;
                }
                // Both were counted in the window: it now counts as a second clean would.
                candidates.retain(|&c| c != a);
            } else {
                changed |= flags.set(
                    k,
                    "duplicate-title",
                    format!("second copy of the title on line {}", a + 1),
                );
                continue;
            }
        }
        if !lines[k].shape_ok(LINK_MAX_CHARS) {
            last_long = Some(k);
        }
        // The title comes before the body text: a heading repeated after a paragraph
        // (a table's header row, one cell per line) is not a scraped copy.
        if kept < TITLE_CANDIDATES && k < body.first && title_like(&lines[k]) {
            candidates.push(k);
        }
        kept += 1;
    }
    changed
}

/// The fewest non-blank lines between two pages' numbers (a page holds more text than a
/// table's row).
const PAGE_MIN_LINES: usize = 6;
/// Characters from which a line reads as a page's text rather than a table's cell.
const PAGE_TEXT_CHARS: u16 = 24;
/// The fewest non-blank lines between two pages' numbers when none of them reads as a
/// page's text (a table scraped one cell per line, across pages).
const PAGE_MIN_CELLS: usize = 20;

/// A bare page number's form, and its number: `3` (no leading zero: `01` `02` number a
/// WeChat article's sections), `3/12` (with the total), `第3页` (`第 3 頁`).
fn bare_page_number(norm: &str) -> Option<(u8, u32, u32)> {
    let number = |s: &str| {
        (!s.is_empty()
            && s.len() <= 3
            && !s.starts_with('0')
            && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse::<u32>().ok())
        .flatten()
    };
    if let Some(n) = number(norm) {
        return Some((0, n, 0));
    }
    if let Some((n, total)) = norm.split_once('/') {
        return Some((1, number(n)?, number(total)?));
    }
    let n = number(norm.strip_prefix('第')?.strip_suffix('页')?)?;
    Some((2, n, 0))
}

/// Page numbers in forms a body may also hold (`3`, `3/12`, `第3页`): two lines of the
/// same form, with no line of that form between them, holding consecutive numbers (and
/// the same total) with a page between them: at least [`PAGE_MIN_LINES`] non-blank lines,
/// one of which reads as text (a sentence, or [`PAGE_TEXT_CHARS`] characters), or else at
/// least [`PAGE_MIN_CELLS`]. A table's row numbers, one cell per line (`1` `张三` `村委会`
/// `2` …), are closer than pages and have only cells between them; so have several small
/// tables that each number from 1.
fn page_numbers(lines: &[LineInfo], flags: &mut Flags) {
    struct Candidate {
        n: u32,
        total: u32,
        line: usize,
        /// Non-blank lines, and those of them that read as text, before this one.
        nonblank: usize,
        text: usize,
    }
    let mut last: [Option<Candidate>; 3] = [None, None, None];
    let (mut nonblank, mut text) = (0, 0);
    for (i, l) in lines.iter().enumerate() {
        if l.blank {
            continue;
        }
        nonblank += 1;
        if l.long || l.sentence() || l.chars >= PAGE_TEXT_CHARS {
            text += 1;
            continue;
        }
        // (A digit or 第 first, seen before the line's comparison form is made.)
        let opens = |c: char| c.is_ascii_digit() || c == '第' || ('０'..='９').contains(&c);
        if l.chars > 9 || flags.is(i) || !l.raw.trim_start_matches(is_space).starts_with(opens) {
            continue;
        }
        let Some((form, n, total)) = bare_page_number(l.norm()) else {
            continue;
        };
        let here = Candidate {
            n,
            total,
            line: i,
            nonblank,
            text,
        };
        if let Some(prev) = &last[usize::from(form)] {
            let between = here.nonblank - prev.nonblank - 1;
            let page =
                between >= PAGE_MIN_LINES && (here.text > prev.text || between >= PAGE_MIN_CELLS);
            if here.n == prev.n + 1 && here.total == prev.total && page {
                for k in [prev.line, here.line] {
                    flags.set(
                        k,
                        "page-number",
                        "page number, one of a sequence through the text".into(),
                    );
                }
            }
        }
        last[usize::from(form)] = Some(here);
    }
}

/// A line that may be a title: short, without sentence punctuation, four characters at
/// least with Han among them, and not a numbered section heading (a table of contents
/// repeats those).
fn title_like(l: &LineInfo) -> bool {
    l.shape_ok(LINK_MAX_CHARS)
        && l.chars >= 4
        && l.norm().chars().any(is_han)
        && !is_section_heading(l.norm())
}

/// How many different page numbers the `(copy, page number)` pairs sit beside.
fn distinct_pages<'a>(copies: impl Iterator<Item = &'a (usize, usize)>) -> usize {
    let mut pages: Vec<usize> = copies.map(|&(_, p)| p).collect();
    pages.sort_unstable();
    pages.dedup();
    pages.len()
}

/// A running header of text extracted from PDF or Word: the same short line beside at
/// least two page numbers (`XX县人民政府公报　2023年第5期` after each `— 2 —`). Every copy
/// beside a page number is flagged; a copy elsewhere stays, and so does the first copy
/// when it comes before the body with nothing above it but chrome and a file's name, and
/// no other title between it and the body: the title, beside the first page's number,
/// that later pages repeat. Over another title it is a letterhead, the first page's
/// header when later pages repeat it beside two page numbers or more (`XX开发区管理委员会`
/// over a plan's title), and the document's own otherwise (an issuer signing again at
/// the end). A numbered section heading (`第四部分　…`) needs three page numbers: a
/// table of contents and the section's own heading may each sit beside one.
fn running_headers(lines: &[LineInfo], body: &Body, flags: &mut Flags) -> bool {
    let page_number = |f: &Flags, i: usize| f.0[i].as_ref().is_some_and(|f| f.0 == "page-number");
    // (line, page number beside it) for every short unflagged line beside a page number.
    let mut beside: Vec<(usize, usize)> = Vec::new();
    let mut changed = false;
    for i in 0..lines.len() {
        if !page_number(flags, i) {
            continue;
        }
        for k in [prev_nonblank(lines, i), next_nonblank(lines, i)]
            .into_iter()
            .flatten()
        {
            let l = &lines[k];
            // (Words, or a site's address: a watermark `tjj.qingtan.gov.cn`.)
            let host = || {
                let n = l.norm();
                n.contains('.')
                    && n.bytes().any(|b| b.is_ascii_alphabetic())
                    && n.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"./-_:".contains(&b))
            };
            if !flags.is(k)
                && l.shape_ok(LINK_MAX_CHARS)
                && (l.norm().chars().any(is_han) || host())
            {
                beside.push((k, i));
            }
        }
    }
    // Grouped by text: a group of copies beside two page numbers at least.
    let mut groups: rustc_hash::FxHashMap<&str, Vec<(usize, usize)>> = Default::default();
    for &(k, page) in &beside {
        groups.entry(lines[k].norm()).or_default().push((k, page));
    }
    for (norm, copies) in groups {
        let copies: Vec<(usize, usize)> = match copies[0] {
            (title, _)
                if title < body.first
                    && (0..title)
                        .all(|j| lines[j].blank || flags.is(j) || is_file_name(&lines[j]))
                    && (!(title + 1..body.first).any(|j| !flags.is(j) && title_like(&lines[j]))
                        // (Over another title, a letterhead, unless later pages repeat it.)
                        || distinct_pages(copies.iter().filter(|&&(k, _)| k != title)) < 2) =>
            {
                copies.into_iter().filter(|&(k, _)| k != title).collect()
            }
            _ => copies,
        };
        let Some(&(first, first_page)) = copies.first() else {
            continue;
        };
        let Some(&(other, _)) = copies.iter().find(|&&(j, p)| j != first && p != first_page) else {
            continue;
        };
        if is_section_heading(norm) && distinct_pages(copies.iter()) < 3 {
            continue;
        }
        for &(k, page) in &copies {
            let like = if k == first { other } else { first };
            changed |= flags.set(
                k,
                "page-header",
                format!(
                    "running header beside the page number on line {}, as on line {}",
                    page + 1,
                    like + 1
                ),
            );
        }
    }
    changed
}

/// `一、…`, `（一）…`, `1.…`, `第一章…`: a numbered section heading (a table of contents
/// repeats these, so a repeat is not a scraped title).
fn is_section_heading(norm: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十百零〇0123456789";
    let s = norm.trim_start_matches(['(', '（']);
    let digits = s.chars().take_while(|c| NUMERALS.contains(*c)).count();
    if digits > 0 {
        let rest = s.chars().nth(digits);
        return matches!(rest, Some('、' | '.' | ')' | '）' | ','));
    }
    s.strip_prefix('第').is_some_and(|r| {
        let n = r.chars().take_while(|c| NUMERALS.contains(*c)).count();
        n > 0 && matches!(r.chars().nth(n), Some('章' | '节' | '部' | '条' | '篇'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cleaning away flagged lines must not bring new lines into the title window or to
    /// the file's edges: a second clean changes nothing.
    #[test]
    fn removing_boilerplate_does_not_expose_more() {
        let docs = [
            // A token that becomes one of the first two lines once the breadcrumb is gone.
            "当前位置：首页 > 政务公开\n首页\n>\n关于做好全镇工作的通知\n大\n各村：现将有关事项通知如下。\n一、总体要求。\n二、工作安排。\n",
            // A title repeated three times, the third copy beyond a window that counted
            // the deleted lines.
            &format!(
                "镇人民政府工作报告\n镇人民政府工作报告\n{}镇人民政府工作报告\n正文第一段，内容较长。\n",
                "扫一扫在手机打开当前页\n".repeat(11)
            ),
        ];
        let config = crate::Config::default();
        for doc in docs {
            let once = crate::clean_text(doc, &config).text;
            assert_eq!(crate::clean_text(&once, &config).text, once, "{doc}");
        }
    }

    #[test]
    fn builtin_data_parses() {
        let d = Data::builtin();
        assert!(d.whole.contains_key("相关稿件") && d.whole.contains_key("索引号"));
        assert!(d.separators.contains(&'>'));
        for s in ["a>b", "首页»", "›", "＞"] {
            assert!(d.may_hold_separator(&normalize(s)), "{s}");
        }
        assert!(!d.may_hold_separator("首页 政务公开"));
        assert!(d.rules.iter().any(|r| r.mode == Mode::Regex));
        // Every regex compiles (the built-in file's are compiled on first use).
        for r in d.rules.iter().filter(|r| r.mode == Mode::Regex) {
            assert!(Regex::new(&r.phrase).is_ok(), "{}", r.phrase);
        }
    }

    #[test]
    fn no_rule_is_written_twice() {
        let d = Data::builtin();
        // (Phrases are normalised: a Traditional copy of a Simplified phrase is one too.)
        let mut seen = std::collections::HashSet::new();
        let twice: Vec<String> = d
            .rules
            .iter()
            .filter(|r| !seen.insert((format!("{:?}", r.mode), &r.category, &r.phrase)))
            .map(|r| format!("{:?} {} {}", r.mode, r.category, r.phrase))
            .collect();
        assert!(twice.is_empty(), "{twice:#?}");
    }

    /// The gates `build.rs` read are those of every built-in expression, as read now.
    #[test]
    fn builtin_gates_are_read_at_build_time() {
        let data = Data::builtin();
        let mut n = 0;
        for rule in data.rules.iter().filter(|r| r.mode == Mode::Regex) {
            let built = builtin_gates().get(rule.phrase.as_str());
            assert_eq!(built, Some(&gates::gates(&rule.phrase)), "{}", rule.phrase);
            n += 1;
        }
        assert_eq!(n, builtin_gates().len());
        assert!(n > 100, "{n}");
    }

    #[test]
    fn a_regex_is_gated_by_its_first_characters() {
        let first_chars = |re: &str| gates::gates(re).first;
        let has = |re: &str, c: char| first_chars(re).is_some_and(|s| s.contains(&c));
        assert!(has("^建议.*访问$", '建') && !has("^建议.*访问$", '首'));
        // 本 and 建 share their first byte; the gate tells them apart.
        assert!(!has("^建议.*访问$", '本'));
        assert!(has(r"^\((来源|文字):[^()]+\)$", '('));
        assert!(has("^[↑↓]*(点击|长按).{0,16}关注$", '↑') && has("^[↑↓]*(点击|长按)", '长'));
        assert!(has("^第[0-9]+页$", '第'));
        assert!(has("^[0-9]{4}©", '7') && !has("^[0-9]{4}©", '一'));
        assert_eq!(first_chars("^(原创)?.{1,30}$"), None);
        assert_eq!(first_chars("^a*"), None);
        assert_eq!(first_chars("建议"), None);
        assert_eq!(first_chars("^[^-]+$"), None, "too many first characters");
        assert_eq!(
            first_chars("^首页|政务"),
            None,
            "only one branch is anchored"
        );
        // A literal every match holds gates what may start with anything.
        let inner = |re: &str| gates::gates(re).inner.map(String::from);
        assert_eq!(inner("^.{1,12}打开APP$").as_deref(), Some("打开APP"));
        assert_eq!(inner("^.*今天是:?[0-9]{4}年").as_deref(), Some("今天是"));
        assert_eq!(
            inner("^(原创)?.{1,30}发表于.{2,4}$").as_deref(),
            Some("发表于")
        );
        assert_eq!(
            inner("^(点赞|在看)+$"),
            None,
            "an alternation holds neither"
        );
        assert_eq!(inner("^(共[0-9]+页)?下一页$").as_deref(), Some("下一页"));
        assert_eq!(inner("^[0-9a-f]{24,}$"), None);
        // Gated lines are never compiled for; others match as the regex does.
        let d = Data::builtin();
        for line in [
            "建议使用IE9以上版本浏览器访问本网站",
            "(来源:县农业农村局)",
            "首页",
        ] {
            for r in d.rules.iter().filter(|r| r.mode == Mode::Regex) {
                let lazy = r.regex.as_ref().unwrap();
                assert_eq!(
                    lazy.is_match(&r.phrase, line),
                    Regex::new(&r.phrase).unwrap().is_match(line),
                    "{} on {line}",
                    r.phrase
                );
            }
        }
    }

    #[test]
    fn dates_and_times() {
        for s in [
            "2023-01-05",
            "10:15:32",
            "2023年1月5日",
            "2023年",
            "２０２３-０１",
            "2023.1.5",
        ] {
            assert!(is_date_or_time(s), "{s}");
        }
        for s in ["1", "2.", "1986", "表", "2023年度", "时间：2023-01-05", ""] {
            assert!(!is_date_or_time(s), "{s}");
        }
    }

    #[test]
    fn outline_numbers() {
        for s in [
            "(一)点击量",
            "(12)x",
            "十二、x",
            "一、",
            "1、x",
            "12.x",
            "1.",
            "①x",
            "⑴x",
            "❶x",
        ] {
            assert!(starts_with_outline_number(s), "{s}");
        }
        for s in [
            "(一",
            "(一二三四)x",
            "(a)x",
            "1.5万",
            "2023.01.05",
            "1234、x",
            "十二x",
            "首页",
            "",
        ] {
            assert!(!starts_with_outline_number(s), "{s}");
        }
    }

    /// The rule a walk over every rule in order stops at (what [`Data::first_partial`]
    /// finds with one automaton pass).
    fn first_partial_by_walk<'d>(data: &'d Data, l: &LineInfo, tail: bool) -> Option<&'d BpRule> {
        let norm = l.norm();
        data.rules.iter().find(|rule| match rule.mode {
            Mode::Regex => {
                (ascii_only_regex(&rule.phrase) || l.shape_ok(PREFIX_MAX_CHARS))
                    && rule
                        .regex
                        .as_ref()
                        .is_some_and(|re| re.is_match(&rule.phrase, norm))
            }
            Mode::Prefix => {
                let lead = arrow_lead(norm);
                l.shape_ok(PREFIX_MAX_CHARS)
                    && [0, lead].into_iter().any(|at| {
                        norm[at..].starts_with(rule.phrase.as_str())
                            && (rule.category != "breadcrumb"
                                || data.leads_to_crumbs(norm, at + rule.phrase.len()))
                    })
            }
            Mode::Field | Mode::WeakField => {
                l.shape_ok(PREFIX_MAX_CHARS)
                    && norm
                        .strip_prefix(rule.phrase.as_str())
                        .is_some_and(|rest| rest.starts_with([':', '|', '丨']))
            }
            Mode::Contains | Mode::Tail => {
                l.shape_ok(CONTAINS_MAX_CHARS)
                    && !l.comma
                    && !starts_with_outline_number(norm)
                    && norm.contains(&rule.phrase)
            }
            Mode::Mark => {
                l.shape_ok(if tail && !norm.starts_with(|c: char| c.is_ascii_digit()) {
                    PREFIX_MAX_CHARS
                } else {
                    CONTAINS_MAX_CHARS
                }) && !l.comma
                    && !starts_with_outline_number(norm)
                    && norm
                        .match_indices(rule.phrase.as_str())
                        .any(|(i, p)| followed_by_number(&norm[i + p.len()..]))
            }
            _ => false,
        })
    }

    #[test]
    fn line_info_stays_small() {
        // One per line of a file, all held during the pass: a file of a million short
        // lines peaked over its memory budget at 48 bytes each.
        assert!(std::mem::size_of::<LineInfo>() <= 40);
    }

    /// The automaton finds the same first rule as the walk: on the seeds' lines, every
    /// phrase alone, with a colon, inside short and long lines, and with user rules that
    /// repeat built-in phrases in other modes.
    #[test]
    fn first_partial_matches_the_walk() {
        let builtin = Data::builtin();
        let extra = Data::with_extra(&[
            "免责声明".into(),
            "prefix custom 来源".into(),
            "contains custom 发布时间".into(),
            "regex custom ^首页.*$".into(),
            "contains footer 版权所有".into(),
            "mark custom 备案号".into(),
            // Regexes tried on any short line, gated by the literal each match holds
            // (one sharing a built-in literal, one without a literal).
            "regex custom ^.{1,6}下载客户端$".into(),
            "regex custom ^.{0,8}阅读$".into(),
            "regex custom ^(.|..)-(.|..)$".into(),
        ])
        .unwrap();
        let mut lines: Vec<String> = vec![
            "某某新闻下载客户端".into(),
            "下载客户端".into(),
            "本文阅读".into(),
            "县-乡".into(),
            "县委-乡".into(),
            "阅读全文下载客户端".into(),
        ];
        for text in crate::testing::seed_texts() {
            lines.extend(text.lines().map(str::to_string));
        }
        for rule in extra.rules.iter().filter(|r| r.mode != Mode::Regex) {
            let p = &rule.phrase;
            lines.extend([
                p.clone(),
                format!("{p}:"),
                format!("{p}：县政府"),
                format!("关于{p}的通知"),
                format!("{p}，另行通知"),
                format!("{p}。"),
                format!("{}{p}", "很长的正文".repeat(12)),
                format!("首页 > {p} > 正文"),
                format!("（一）{p}：120万人次"),
                format!("1.{p}"),
                format!("2023.{p}"),
                format!("{}{p}", "地址某某县人民路".repeat(8)),
                format!("{p}:5107270001"),
                format!("{p} | 县政府"),
                format!("{p}丨李明　摄影丨陈刚"),
                format!("{}{p}05012345号", "地址某某县人民路".repeat(8)),
            ]);
        }
        let mut hits = 0;
        for line in &lines {
            let l = LineInfo::new(line, 0..line.len(), usize::MAX);
            if l.blank || l.long {
                continue;
            }
            for d in [builtin, &extra] {
                for tail in [false, true] {
                    let want = first_partial_by_walk(d, &l, tail).map(|r| (r.mode, &r.phrase));
                    assert_eq!(
                        d.first_partial(&l, tail).map(|r| (r.mode, &r.phrase)),
                        want,
                        "{line} (tail {tail})"
                    );
                    hits += usize::from(want.is_some());
                }
            }
        }
        assert!(hits > 100, "{hits}");
    }

    /// The shape [`LineInfo::new`] reads in one pass without converting equals the one read
    /// off the normalised line, and the lazily made normalised line is [`normalize`]'s.
    #[test]
    fn shape_without_normalising() {
        let mut lines: Vec<String> = [
            "",
            " \t\u{3000}\u{a0}\u{200b}",
            "。",
            "、",
            ";",
            "！",
            "，",
            "a,b!",
            "〃〆「」",
            "一、二。",
            "來源：",
            "来源::",
            "來源 ：：x",
            "：",
            "&nbsp;",
            "&nbsp;&gt;&amp;",
            "首页&nbsp;&gt;&nbsp;政務公開",
            "ＡＢＣ１２３：",
            "0123456789abcdef0123",
            "ab cd\u{85}",
            "𠀀𠀀x：",
            "¢£×÷",
        ]
        .map(String::from)
        .to_vec();
        lines.push("長".repeat(200));
        lines.push(format!("{}。", "長".repeat(199)));
        lines.push(" ".repeat(300));
        lines.push("\u{3000}".repeat(201));
        for text in crate::testing::seed_texts() {
            lines.extend(text.lines().map(str::to_string));
            lines.extend(text.lines().map(|l| {
                crate::convert::Converter::get(crate::convert::ConfigName::S2t).convert(l)
            }));
        }
        // Random lines of pieces that matter: spaces, entities, colons, punctuation
        // (ASCII and full-width), Han that converts and Han that does not, other scripts.
        let pieces = [
            " ", "\u{3000}", "\u{a0}", "\u{200b}", "\t", "&nbsp;", "&gt;", "&amp;", "&", ":", "：",
            ";", "；", "!", "！", "。", ",", "，", "、", "a", "Z", "7", "＞", "臺", "灣", "著",
            "台", "湾", "国", "é", "»", "›", "𠀀", "\u{85}", "\u{2028}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 12) as usize + if seed % 7 == 0 { 195 } else { 0 };
            let mut line = String::new();
            for k in 0..n {
                line.push_str(pieces[((seed >> (k % 40)) as usize + k * 7) % pieces.len()]);
            }
            lines.push(line);
        }
        let mut stops = 0;
        for raw in &lines {
            let norm = normalize(raw);
            let n = norm.as_str();
            let bare = n.trim_end_matches(':').chars().count();
            // Read whole (no key too long to rule out), and as the built-in data reads it.
            for longest in [usize::MAX, 0, 1, 3, Data::builtin().longest_whole()] {
                let l = LineInfo::new(raw, 0..raw.len(), longest);
                assert_eq!(l.blank, raw.chars().all(is_space), "{raw}");
                assert_eq!(l.long, raw.chars().count() > LONG_LINE_CHARS, "{raw}");
                if l.blank || l.long {
                    assert_eq!(l.norm(), "", "{raw}");
                    continue;
                }
                assert_eq!(l.norm(), n, "{raw}");
                assert_eq!(l.ascii(), n.is_ascii(), "{raw}");
                assert_eq!(l.sentence(), n.contains(['。', ';', '!']), "{raw}");
                let (chars, bare_chars) = (usize::from(l.chars), usize::from(l.bare_chars));
                if l.sentence() && (chars, bare_chars) != (n.chars().count(), bare) {
                    // Stopped early: short counts, but too long for a key all the same.
                    assert!(chars <= n.chars().count() && bare_chars <= bare, "{raw}");
                    assert!(bare_chars > longest, "{raw}");
                    stops += 1;
                    continue;
                }
                assert_eq!(chars, n.chars().count(), "{raw}");
                assert_eq!(bare_chars, bare, "{raw}");
                assert_eq!(l.comma, n.contains([',', '、']), "{raw}");
            }
        }
        assert!(stops > 100, "{stops}");
    }

    #[test]
    fn longest_whole_key() {
        let d = Data::builtin();
        let longest = d.whole.keys().map(|k| k.chars().count()).max().unwrap();
        assert_eq!(d.longest_whole(), longest);
        let extra = Data::with_extra(&[format!("line custom {}", "长".repeat(70))]).unwrap();
        assert_eq!(extra.longest_whole(), usize::MAX);
        assert_eq!(Data::default().longest_whole(), 0);
    }

    /// Regexes judged ASCII-only match no line with a character outside ASCII.
    #[test]
    fn ascii_only_regexes() {
        let yes = [
            "^[0-9a-f]{16,}$",
            "^[0-9A-F]{32}$",
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
            "^[a-z]*$",
            "^ab+c?$",
        ];
        let no = [
            "[0-9a-f]{16,}",
            "^[0-9a-f]{16,}",
            "[0-9a-f]{16,}$",
            "^\\d+$",
            "^\\w+$",
            "^.+$",
            "^[^a]+$",
            "^a|b$",
            "^(?i)k$",
            "^(?s).*$",
            "^首页$",
            "^[[:^alpha:]]+$",
            "^\\x{4e00}$",
            "^a$|^b",
        ];
        for re in yes {
            assert!(ascii_only_regex(re), "{re}");
        }
        for re in no {
            assert!(!ascii_only_regex(re), "{re}");
        }
        let samples = [
            "0123456789abcdef01",
            "0123456789abcdef０1",
            "0123456789ABCDEF0123456789ABCDEF",
            "abc",
            "abç",
            "首页",
            "ab\u{212a}c",
            "",
        ];
        for re in yes {
            let r = Regex::new(re).unwrap();
            for s in samples {
                assert!(s.is_ascii() || !r.is_match(s), "{re} {s}");
            }
        }
        let wide = Data::with_extra(&["regex custom ^首页$".into()]).unwrap();
        let builtin = Data::builtin();
        let wide_count = |d: &Data| {
            let mut all = d.wide_any.clone();
            all.extend(d.wide_by_first.values().flatten());
            all.sort_unstable();
            all.dedup();
            all.len()
        };
        assert!(wide_count(&wide) == wide_count(builtin) + 1);
        assert!(builtin
            .regexes
            .iter()
            .all(|&r| ascii_only_regex(&builtin.rules[r].phrase)));
    }

    /// A line is looked up among the whole-line phrases only when its length can match.
    #[test]
    fn whole_lengths() {
        let d = Data::builtin();
        for key in d.whole.keys() {
            assert!(d.may_be_whole(key.chars().count()), "{key}");
        }
        assert!(!d.may_be_whole(40));
        let extra = Data::with_extra(&[format!("line custom {}", "长".repeat(70))]).unwrap();
        assert!(extra.may_be_whole(70) && extra.may_be_whole(200));
    }

    #[test]
    fn char_counts_without_decoding() {
        for s in [
            "",
            "a",
            "一二三",
            "ab一二三cd",
            &"一".repeat(250),
            &"a".repeat(201),
            "𠀀𠀀x",
        ] {
            for n in [0, 1, 2, 3, 5, 8, 200] {
                assert_eq!(more_chars_than(s, n), s.chars().count() > n, "{s} {n}");
            }
        }
    }

    #[test]
    fn section_headings() {
        for h in [
            "一、工作开展情况",
            "(一)严守生态环保",
            "1.总体要求",
            "第三章保障措施",
            "十二、其他",
        ] {
            assert!(is_section_heading(h), "{h}");
        }
        for h in ["泉湖镇2022工作总结", "2022年工作要点", "第一书记工作总结"] {
            assert!(!is_section_heading(h), "{h}");
        }
    }

    #[test]
    fn check_extra_reports_bad_lines() {
        assert!(Data::check_extra(&["免责声明".into(), "line footer 本站".into()]).is_empty());
        assert_eq!(Data::check_extra(&["regex link-id ([".into()]).len(), 1);
        assert_eq!(Data::check_extra(&["line footer".into()]).len(), 1);
        assert_eq!(
            Data::check_extra(&["separator breadcrumb >>".into()]).len(),
            1
        );
    }

    #[test]
    fn chains_need_short_steps() {
        let d = Data::builtin();
        let info = |s: &'static str| LineInfo::new(s, 0..s.len(), d.longest_whole());
        assert_eq!(breadcrumb_chain(d, &info("首页 > 新闻")), Some((2, true)));
        // Without the site's home (then it needs neighbours).
        assert_eq!(
            breadcrumb_chain(d, &info("政务公开 > 通知 > 公告")),
            Some((3, false))
        );
        assert_eq!(
            breadcrumb_chain(d, &info("政务公开 > 通知")),
            Some((2, false))
        );
        assert_eq!(breadcrumb_chain(d, &info("收入 > 支出。")), None);
    }
}
