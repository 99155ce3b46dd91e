//! Normalize: whitespace noise, as edits against the decoded original.
//!
//! Each step is named (its name is the finding's kind under the `whitespace` rule) and can
//! be switched off in `zhclean.toml` (`[normalize]`) or with `--no-normalize STEP`:
//!
//! | step            | default | what it does                                                    |
//! |-----------------|---------|-----------------------------------------------------------------|
//! | `crlf`          | on      | CRLF and lone CR line endings become `\n`                        |
//! | `nbsp`          | on      | NBSP and other odd spaces (U+2000–U+200A, U+202F, U+205F) → ` `  |
//! | `zero-width`    | on      | removes U+200B–U+200D, U+2060, U+FEFF                            |
//! | `indentation`   | on      | removes leading spaces, tabs, NBSP and U+3000 of every line      |
//! | `trailing`      | on      | removes trailing whitespace of every line                         |
//! | `blank-lines`   | on      | blank lines at the start and end go, inner runs keep at most `max_blank_lines` (1) |
//! | `final-newline` | on      | the text ends with exactly one `\n`                              |
//!
//! The BOM is removed by decoding. Lines that another stage deletes (boilerplate) are
//! treated as absent, so removing a line never leaves a run of blank lines behind.

use serde::{Deserialize, Serialize};

use crate::edit::{Edit, Kind, LineIndex};
use crate::report::Rule;

/// Which normalization steps run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct NormalizeOptions {
    pub crlf: bool,
    pub nbsp: bool,
    pub zero_width: bool,
    pub indentation: bool,
    pub trailing: bool,
    pub blank_lines: bool,
    pub max_blank_lines: usize,
    pub final_newline: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            crlf: true,
            nbsp: true,
            zero_width: true,
            indentation: true,
            trailing: true,
            blank_lines: true,
            max_blank_lines: 1,
            final_newline: true,
        }
    }
}

/// The step names, for `--no-normalize`.
pub const STEPS: [&str; 7] = [
    "crlf",
    "nbsp",
    "zero-width",
    "indentation",
    "trailing",
    "blank-lines",
    "final-newline",
];

impl NormalizeOptions {
    /// Turns one step off by name.
    pub fn disable(&mut self, step: &str) -> Result<(), String> {
        match step {
            "crlf" => self.crlf = false,
            "nbsp" => self.nbsp = false,
            "zero-width" => self.zero_width = false,
            "indentation" => self.indentation = false,
            "trailing" => self.trailing = false,
            "blank-lines" => self.blank_lines = false,
            "final-newline" => self.final_newline = false,
            "all" => {
                *self = NormalizeOptions {
                    crlf: false,
                    nbsp: false,
                    zero_width: false,
                    indentation: false,
                    trailing: false,
                    blank_lines: false,
                    max_blank_lines: self.max_blank_lines,
                    final_newline: false,
                }
            }
            _ => {
                return Err(format!(
                    "unknown normalization step `{step}` (expected one of: {}, all)",
                    STEPS.join(", ")
                ))
            }
        }
        Ok(())
    }
}

/// Horizontal whitespace that indentation and trailing trimming remove.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{3000}')
        || is_odd_space(c)
        || is_zero_width(c)
}

/// Spaces that `nbsp` turns into an ASCII space.
pub fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

/// Invisible characters that `zero-width` removes.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn ws(range: std::ops::Range<usize>, rep: &'static str, kind: Kind) -> Edit {
    Edit::new(range, rep, Rule::Whitespace, kind)
}

/// The whitespace edits for `text`. `deleted[i]` is true for 0-based lines another stage
/// removes; they are treated as absent. Edits are sorted and do not overlap.
pub fn normalize(
    text: &str,
    index: &LineIndex,
    deleted: &[bool],
    opts: &NormalizeOptions,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    if text.is_empty() {
        return edits;
    }
    let is_deleted = |i: usize| deleted.get(i).copied().unwrap_or(false);
    let n = index.line_count();
    let blank: Vec<bool> = (0..n)
        .map(|i| text[index.line_range(text, i)].chars().all(is_space))
        .collect();
    // Kept lines, in order; blank runs are decided over them.
    let kept: Vec<usize> = (0..n).filter(|&i| !is_deleted(i)).collect();
    let mut drop_line = vec![false; n];
    if opts.blank_lines {
        let first_text = kept.iter().position(|&i| !blank[i]);
        let last_text = kept.iter().rposition(|&i| !blank[i]);
        let mut run = 0usize;
        for (k, &i) in kept.iter().enumerate() {
            if blank[i] {
                run += 1;
                let outside = match (first_text, last_text) {
                    (Some(f), Some(l)) => k < f || k > l,
                    _ => true,
                };
                if outside || run > opts.max_blank_lines {
                    drop_line[i] = true;
                }
            } else {
                run = 0;
            }
        }
    }
    let last_kept = kept.iter().rev().copied().find(|&i| !drop_line[i]);
    // U+FEFF is the one character [`inner_spaces`] looks for that starts with byte EF,
    // which most full-width punctuation starts with too: look for it once.
    let bom_chars = memchr::memmem::find(text.as_bytes(), "\u{FEFF}".as_bytes()).is_some();
    let bytes = text.as_bytes();
    for &i in &kept {
        let full = index.line_range_with_newline(i);
        if drop_line[i] {
            edits.push(ws(full, "", Kind::BLANK_LINES));
            continue;
        }
        let content = index.line_range(text, i);
        let line = &text[content.clone()];
        // Leading and trailing whitespace.
        let lead = line.len() - line.trim_start_matches(is_space).len();
        let trail = if lead == line.len() {
            0
        } else {
            line.len() - line.trim_end_matches(is_space).len()
        };
        let mut mid_start = content.start;
        if lead > 0 && (opts.indentation || (blank[i] && opts.trailing)) {
            edits.push(ws(
                content.start..content.start + lead,
                "",
                if blank[i] {
                    Kind::TRAILING
                } else {
                    Kind::INDENTATION
                },
            ));
            mid_start = content.start + lead;
        }
        let mut mid_end = content.end;
        if trail > 0 && opts.trailing {
            mid_end = content.end - trail;
        }
        // Inside the line: odd spaces, zero-width characters, lone CRs.
        if opts.nbsp || opts.zero_width {
            let mid = &text[mid_start..mid_end.max(mid_start)];
            inner_spaces(mid, mid_start, bom_chars, opts, &mut edits);
        }
        if trail > 0 && opts.trailing {
            edits.push(ws(content.end - trail..content.end, "", Kind::TRAILING));
        }
        // The line ending.
        let ending = &bytes[content.end..full.end];
        if opts.crlf && (ending == b"\r\n" || ending == b"\r") {
            edits.push(ws(content.end..full.end, "\n", Kind::CRLF));
        }
        if opts.final_newline
            && Some(i) == last_kept
            && ending.is_empty()
            && !(blank[i] && line.is_empty())
        {
            edits.push(ws(full.end..full.end, "\n", Kind::FINAL_NEWLINE));
        }
    }
    // A kept last line followed only by deleted lines: its ending stays as is; if the file's
    // very last kept line ends with "\n" already there is nothing more to do.
    edits
}

/// Lead bytes of the characters `nbsp` and `zero-width` edit, but for U+FEFF (EF): U+A0 is
/// C2 A0, U+1680 is E1 9A 80, U+2000–U+2060 are E2 80 80 – E2 81 A0. Lead bytes are never
/// continuation bytes, so each hit starts a character.
const ODD_LEADS: [u8; 3] = [0xC2, 0xE1, 0xE2];

/// The `nbsp` and `zero-width` edits inside `mid` (which starts at byte `base` of the
/// text). Skips to the few lead bytes those characters start with instead of decoding
/// every character; `bom_chars`: the text holds U+FEFF somewhere, whose lead byte (EF) is
/// too common to skip to, so every character is decoded.
fn inner_spaces(
    mid: &str,
    base: usize,
    bom_chars: bool,
    opts: &NormalizeOptions,
    edits: &mut Vec<Edit>,
) {
    let mut visit = |j: usize, c: char| {
        let at = base + j;
        if opts.nbsp && is_odd_space(c) {
            edits.push(ws(at..at + c.len_utf8(), " ", Kind::NBSP));
        } else if opts.zero_width && is_zero_width(c) {
            edits.push(ws(at..at + c.len_utf8(), "", Kind::ZERO_WIDTH));
        }
    };
    if bom_chars {
        mid.char_indices().for_each(|(j, c)| visit(j, c));
        return;
    }
    let [a, b, c] = ODD_LEADS;
    for j in memchr::memchr3_iter(a, b, c, mid.as_bytes()) {
        if let Some(ch) = mid[j..].chars().next() {
            visit(j, ch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::EditSet;

    fn run(text: &str) -> String {
        run_with(text, &[], &NormalizeOptions::default())
    }

    fn run_with(text: &str, deleted: &[bool], opts: &NormalizeOptions) -> String {
        let idx = LineIndex::new(text);
        EditSet::new(normalize(text, &idx, deleted, opts)).apply(text)
    }

    #[test]
    fn nbsp_indentation_trailing() {
        assert_eq!(run("\u{a0}\u{a0}一、工作\u{a0}情况  \n"), "一、工作 情况\n");
        assert_eq!(run("　　全镇共有\t\n"), "全镇共有\n");
    }

    #[test]
    fn blank_runs_collapse_and_edges_go() {
        assert_eq!(run("\n\n标题\n\n\n\n正文\n\n\n"), "标题\n\n正文\n");
        assert_eq!(run("a\n \u{3000}\nb"), "a\n\nb\n");
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(run("甲\r\n乙\r\n"), "甲\n乙\n");
        assert_eq!(run("甲\r乙\n"), "甲\n乙\n");
    }

    #[test]
    fn zero_width_removed() {
        assert_eq!(run("松\u{200b}江\u{feff}镇\n"), "松江镇\n");
    }

    #[test]
    fn deleted_lines_do_not_leave_blank_runs() {
        let text = "标题\n\n当前位置：首页\n\n正文\n";
        let deleted = [false, false, true, false, false];
        let idx = LineIndex::new(text);
        let mut edits = normalize(text, &idx, &deleted, &NormalizeOptions::default());
        let r = idx.line_range_with_newline(2);
        edits.push(Edit::new(r, "", Rule::Boilerplate, Kind::LINE));
        assert_eq!(EditSet::new(edits).apply(text), "标题\n\n正文\n");
    }

    #[test]
    fn steps_switch_off() {
        let mut o = NormalizeOptions::default();
        o.disable("indentation").unwrap();
        assert_eq!(run_with("  缩进\n", &[], &o), "  缩进\n");
        o.disable("all").unwrap();
        assert_eq!(run_with("a \r\n\n\n\nb", &[], &o), "a \r\n\n\n\nb");
        assert!(o.disable("tabs").is_err());
    }

    #[test]
    fn clean_text_is_a_fixed_point() {
        let once = run("\u{a0}甲 \r\n\n\n乙\u{200b}\n\n");
        assert_eq!(run(&once), once);
    }

    /// Every character `nbsp` or `zero-width` edits but U+FEFF starts with a byte of
    /// [`ODD_LEADS`], so skipping to those bytes misses none.
    #[test]
    fn odd_leads_cover_every_edited_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if (is_odd_space(c) || is_zero_width(c)) && c != '\u{FEFF}' {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(ODD_LEADS.contains(&lead), "{c:?}");
            }
        }
    }

    /// The skipping scan finds what decoding every character finds, on the seeds and on
    /// lines holding every edited character among look-alikes (`“`, `—`, `·`, `，`).
    #[test]
    fn inner_spaces_skipping_matches_full_scan() {
        let mut lines: Vec<String> = Vec::new();
        for text in crate::testing::seed_texts() {
            lines.extend(text.lines().map(str::to_string));
        }
        let odd: Vec<char> = (0..0x3000u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_odd_space(c) || is_zero_width(c))
            .chain([
                '\u{FEFF}', '\u{2060}', '“', '—', '·', '，', '\u{2061}', '\u{9F}',
            ])
            .collect();
        for (k, &c) in odd.iter().enumerate() {
            let d = odd[(k * 7 + 3) % odd.len()];
            lines.push(format!("{c}甲{d}乙 {c}{c}丙{d}"));
        }
        let opts = NormalizeOptions::default();
        for line in &lines {
            let (mut full, mut fast) = (Vec::new(), Vec::new());
            inner_spaces(line, 10, true, &opts, &mut full);
            inner_spaces(line, 10, line.contains('\u{FEFF}'), &opts, &mut fast);
            let key = |e: &Edit| (e.range.clone(), e.replacement.to_string(), e.kind);
            assert_eq!(
                full.iter().map(key).collect::<Vec<_>>(),
                fast.iter().map(key).collect::<Vec<_>>(),
                "{line}"
            );
            let mut skip = Vec::new();
            inner_spaces(line, 10, false, &opts, &mut skip);
            let no_bom = |e: &&Edit| &text_at(line, 10, e) != "\u{FEFF}";
            assert_eq!(
                full.iter().filter(no_bom).map(key).collect::<Vec<_>>(),
                skip.iter().map(key).collect::<Vec<_>>(),
                "{line}"
            );
        }
    }

    fn text_at(line: &str, base: usize, e: &Edit) -> String {
        line[e.range.start - base..e.range.end - base].to_string()
    }

    #[test]
    fn empty_and_blank_texts() {
        assert_eq!(run(""), "");
        assert_eq!(run("\n\n  \n"), "");
    }
}
