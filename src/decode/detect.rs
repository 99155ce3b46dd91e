//! Encoding detection.
//!
//! Layered, on a sample of at most [`SAMPLE`] bytes (an incomplete character at the end
//! of the sample or of a truncated file is never an error):
//! 1. empty file; byte-order mark → `certain`;
//! 2. every candidate (UTF-8, UTF-16LE, UTF-16BE, GBK/gb18030, Big5) decodes the sample
//!    without replacement ([`probe`]) and the text is scored for plausibility as Chinese
//!    ([`freq`]: common hanzi from GB2312/Big5 level 1, Chinese punctuation, ASCII; minus
//!    controls, private use, Hangul, kana, rare ideographs and malformed sequences);
//! 3. evidence adds to the score: strict UTF-8 with multi-byte characters (random bytes are
//!    almost never valid UTF-8), the NUL-byte pattern of UTF-16 (BOM-less Chinese UTF-16
//!    often has no NULs at all — 业 is `1A 4E` — and is found by its score alone);
//! 4. chardetng (no TLD hint, never told the sample is complete) names a legacy
//!    encoding; between GBK and Big5 the character-frequency score decides and chardetng
//!    only breaks ties; a non-CJK guess of chardetng is kept unless GBK/Big5 read clearly
//!    better;
//! 5. binary when nothing reads as text (NULs outside UTF-16, mostly malformed, controls);
//! 6. lines in different encodings (UTF-8 and GBK) → `mixed`; mojibake in clean text is
//!    flagged ([`super::mojibake`]).
//!
//! GBK vs gb18030: encoding_rs's GBK decoder is a GB18030 decoder, so the label only says
//! what the bytes hold: `gb18030` when four-byte sequences occur, `GBK` otherwise.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use super::lines::line_mix;
use super::mojibake::find_mojibake;
use super::probe::{has_gb18030_four_byte, probe, Probe, SCORE_BYTES};
use super::{Confidence, Detection};

/// How much of a file the detector reads.
pub const SAMPLE: usize = 1 << 20;

/// Options for [`detect_with`].
#[derive(Debug, Clone)]
pub struct DetectOptions {
    /// Bytes of the file the detector looks at (default [`SAMPLE`], 1 MiB).
    pub sample: usize,
    /// Look for mojibake in text that decodes cleanly (default true).
    pub mojibake: bool,
}

impl Default for DetectOptions {
    fn default() -> Self {
        DetectOptions {
            sample: SAMPLE,
            mojibake: true,
        }
    }
}

/// How much of the sample chardetng reads.
const CHARDET_BYTES: usize = 64 * 1024;

/// Score bonus for strictly valid UTF-8 with multi-byte characters.
const UTF8_EVIDENCE: f32 = 0.6;
/// Penalty, per character of the sample, for each Han character a legacy reading puts
/// between two ASCII letters.
const WEDGED_HAN: f32 = 1.5;
/// Score bonus for the byte order the NUL pattern points at.
const NUL_EVIDENCE: f32 = 1.0;
/// Tie-break for chardetng's pick between GBK and Big5.
const CHARDET_TIE: f32 = 0.01;
/// Bonus for a chardetng pick that is neither GBK nor Big5 (Latin, Japanese, Korean …):
/// none, it has to read better on its own (this is a tool for Chinese text, and chardetng
/// names such encodings for ASCII-heavy GBK text).
const CHARDET_OTHER: f32 = 0.0;
/// Bonus for a sample of printable ASCII only: it reads the same in every ASCII-compatible
/// encoding, and a UTF-16 reading needs more than that to win.
const PRINTABLE_ASCII: f32 = 0.5;
/// Taken from both UTF-16 readings of ASCII bytes without a NUL: more than any reading
/// can score.
const NOT_UTF16: f32 = 10.0;

/// Detects the encoding of `bytes` (a whole file or a prefix of one).
pub fn detect(bytes: &[u8]) -> Detection {
    detect_with(bytes, &DetectOptions::default())
}

fn verdict(encoding: Option<&'static Encoding>, confidence: Confidence, reason: &str) -> Detection {
    Detection {
        encoding,
        confidence,
        reason: reason.to_string(),
        alternatives: Vec::new(),
        bom_len: 0,
        binary: encoding.is_none(),
        mixed: false,
        truncated: false,
        secondary: None,
        mojibake: None,
        nul_text: None,
    }
}

/// One candidate reading of the sample.
struct Cand {
    probe: Probe,
    bonus: f32,
    /// Han characters the reading puts between two ASCII letters (legacy readings only).
    wedged: usize,
}

impl Cand {
    fn total(&self) -> f32 {
        self.probe.mean() + self.bonus
    }
}

pub fn detect_with(bytes: &[u8], opts: &DetectOptions) -> Detection {
    if bytes.is_empty() {
        return verdict(Some(UTF_8), Confidence::High, "empty file");
    }
    let limit = opts.sample.max(16);
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let end = bytes.len().min(len + limit);
        let p = probe(enc, &bytes[len..end]);
        let mut d = verdict(Some(enc), Confidence::Certain, "byte-order mark");
        d.bom_len = len;
        d.truncated = end == bytes.len() && p.incomplete_tail;
        if opts.mojibake && p.clean() {
            d.mojibake = find_mojibake(&p.head);
        }
        return d;
    }
    let sample = &bytes[..bytes.len().min(limit)];
    let whole = sample.len() == bytes.len();
    // A head of ASCII longer than the part of a sample that is scored says nothing of the
    // rest (a log, a table of figures or a page's scripts, then the report in GBK): every
    // reading of it ties. The text from the first byte that is not ASCII is looked at
    // instead. That byte starts a character in every candidate but UTF-16, whose ASCII
    // has NULs.
    let head = bytes[..bytes.len().min(SCORE_BYTES)].iter();
    if bytes.len() > SCORE_BYTES && head.clone().all(|&b| b != 0 && b < 0x80) {
        if let Some(p) = bytes[SCORE_BYTES..].iter().position(|&b| b >= 0x80) {
            let from = SCORE_BYTES + p;
            if !bytes[SCORE_BYTES..from].contains(&0) {
                let mut d = detect_with(&bytes[from..], opts);
                d.reason = format!("{}, from byte offset {from} (ASCII before it)", d.reason);
                return d;
            }
        }
    }

    let nul_order = utf16_by_nuls(sample);
    if nul_order.is_none() {
        if let Some(d) = plainly_utf8(sample, whole, opts) {
            return d;
        }
    }
    let mut cands: Vec<Cand> = [UTF_8, UTF_16LE, UTF_16BE, GBK, BIG5]
        .into_iter()
        .map(|enc| Cand {
            probe: probe(enc, sample),
            bonus: 0.0,
            wedged: 0,
        })
        .collect();
    // `Total: 1,250 Ԫ`: GBK's 元 is also valid UTF-8, one time in five.
    let utf8_stray = cands[0].probe.clean()
        && cands[0].probe.score.non_ascii > 0
        && only_stray_letters(&cands[0].probe.head);
    for c in &mut cands {
        let enc = c.probe.encoding;
        if (enc == GBK || enc == BIG5) && c.probe.score.chars > 0 {
            // `B黵gerb黵o`: Latin-1 text read as Chinese puts a Han character between two
            // Latin letters, which Chinese text hardly does (`A级B类`).
            c.wedged = wedged_han(&c.probe.head);
            c.bonus -= WEDGED_HAN * c.wedged as f32 / c.probe.score.chars as f32;
        }
        if enc == UTF_8 && c.probe.clean() {
            c.bonus = if utf8_stray {
                0.0
            } else if c.probe.score.non_ascii > 0 {
                UTF8_EVIDENCE
            } else if sample
                .iter()
                .all(|&b| (0x20..0x7F).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t'))
            {
                PRINTABLE_ASCII
            } else {
                // ASCII reads the same in every ASCII-compatible encoding; say UTF-8.
                CHARDET_TIE * 2.0
            };
        }
        if Some(enc) == nul_order {
            c.bonus += NUL_EVIDENCE;
        }
    }
    // Printable ASCII is no UTF-16: a word (`true`) reads as two hanzi (`牴敵`), while
    // UTF-16 text has a NUL in its ASCII and its line ends, and bytes over 0x7F or under
    // 0x20 in most of its hanzi and punctuation.
    // (Control bytes leave it open: `牴` and `敵` are printable, but most hanzi whose bytes
    // are both ASCII have a control byte among them.)
    // Nor is it UTF-16 when its words are cased as words are (`true`, `OK`, `Total`); the
    // bytes of hanzi read as letters mix cases at random (停水公告 reads `\P4llQJT`).
    if nul_order.is_none()
        && sample
            .iter()
            .all(|&b| (0x20..0x7F).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t'))
        && cased_as_words(sample)
    {
        for c in &mut cands[1..3] {
            c.bonus -= NOT_UTF16;
        }
    }
    let utf8_clean = cands[0].probe.clean();
    let ascii_only = utf8_clean && cands[0].probe.score.non_ascii == 0;

    // chardetng only weighs in on legacy encodings: not for valid UTF-8 or UTF-16.
    let mut chardet: Option<&'static Encoding> = None;
    if !utf8_clean && nul_order.is_none() {
        let mut det = chardetng::EncodingDetector::new();
        // chardetng only breaks ties here; 64 KiB is plenty and keeps detection fast.
        det.feed(&sample[..sample.len().min(CHARDET_BYTES)], false);
        let guess = det.guess(None, false);
        chardet = Some(guess);
        if guess == GBK || guess == GB18030 {
            cands[3].bonus += CHARDET_TIE;
        } else if guess == BIG5 {
            cands[4].bonus += CHARDET_TIE;
        } else if guess != UTF_16LE
            && guess != UTF_16BE
            && guess != UTF_8
            && cands[3..5]
                .iter()
                .all(|c| c.probe.score.common_share() < 0.5 || c.wedged > 0)
        {
            // Only when neither GBK nor Big5 reads as Chinese, or each puts Han characters
            // between Latin letters (a penalty, above): a reading with common hanzi beats
            // a clean single-byte one (ÐÂÊôÐÔ) in a Chinese corpus.
            cands.push(Cand {
                probe: probe(guess, sample),
                bonus: CHARDET_OTHER,
                wedged: 0,
            });
        }
    }

    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&a, &b| cands[b].total().total_cmp(&cands[a].total()));
    let best = &cands[order[0]];
    let margin = best.total() - cands[order[1]].total();
    let p = &best.probe;
    let enc = p.encoding;

    if let Some(reason) = binary_reason(sample, p, enc) {
        let mut d = verdict(None, Confidence::High, reason);
        if sample.contains(&0) {
            d.nul_text = nul_text(sample, opts);
        }
        return d;
    }

    let is_utf16 = enc == UTF_16LE || enc == UTF_16BE;
    let non_ascii = p.score.non_ascii;
    let (mut confidence, reason): (Confidence, String) = if enc == UTF_8 {
        if ascii_only {
            (Confidence::Medium, "ASCII only".into())
        } else if !p.clean() {
            (
                Confidence::Medium,
                "mostly valid UTF-8, some bytes malformed".into(),
            )
        } else if utf8_stray {
            (
                Confidence::Low,
                "valid UTF-8, but its few non-ASCII characters are stray letters, as GBK or Big5 bytes can read".into(),
            )
        } else if non_ascii >= 4 && margin >= 0.3 {
            (Confidence::High, "valid UTF-8".into())
        } else {
            (
                Confidence::Medium,
                "valid UTF-8, little non-ASCII text".into(),
            )
        }
    } else if is_utf16 {
        if Some(enc) == nul_order {
            (
                Confidence::High,
                format!("NUL-byte pattern of {}", enc.name()),
            )
        } else {
            let c = if p.score.chars >= 32 && margin >= 0.5 {
                Confidence::High
            } else if p.score.chars >= 8 && margin >= 0.3 {
                Confidence::Medium
            } else {
                Confidence::Low
            };
            (
                c,
                format!("{} without BOM: code points read as Chinese", enc.name()),
            )
        }
    } else if enc == GBK || enc == BIG5 {
        let c = if non_ascii >= 32 && margin >= 0.3 {
            Confidence::High
        } else if non_ascii >= 8 || margin >= 0.3 {
            Confidence::Medium
        } else {
            Confidence::Low
        };
        let rival = if enc == GBK { "Big5" } else { "GBK" };
        let how = match chardet {
            Some(g) if g == enc || (enc == GBK && g == GB18030) => "chardetng agrees",
            _ => "overrides chardetng",
        };
        (
            c,
            format!("common hanzi read better than as {rival} ({how})"),
        )
    } else {
        let c = if margin >= 0.3 {
            Confidence::Medium
        } else {
            Confidence::Low
        };
        (c, "chardetng guess".into())
    };
    if !p.clean() {
        confidence = confidence.min(Confidence::Medium);
    }

    // GBK vs gb18030: the same decoder; the label says whether four-byte sequences occur.
    let label_enc = if enc == GBK && has_gb18030_four_byte(sample) {
        GB18030
    } else {
        enc
    };
    let mut d = verdict(Some(label_enc), confidence, &reason);
    d.truncated = whole && p.incomplete_tail;

    // Mixed: UTF-8 lines among legacy ones (the sample is not valid UTF-8 as a whole).
    if !utf8_clean && !is_utf16 {
        let legacy = if enc == UTF_8 {
            if cands[3].probe.mean() >= cands[4].probe.mean() {
                GBK
            } else {
                BIG5
            }
        } else {
            enc
        };
        let (u, l) = line_mix(sample, legacy);
        if u > 0 && l > 0 {
            let legacy_label = if legacy == GBK && has_gb18030_four_byte(sample) {
                GB18030
            } else {
                legacy
            };
            let (primary, secondary) = if u >= l {
                (UTF_8, legacy_label)
            } else {
                (legacy_label, UTF_8)
            };
            d.encoding = Some(primary);
            d.secondary = Some(secondary);
            d.mixed = true;
            d.confidence = Confidence::Medium;
            d.reason = format!("mixed: {u} lines UTF-8, {l} lines {}", legacy_label.name());
        }
    }

    // Other encodings that decode the sample cleanly.
    let chosen_gb = |e: &'static Encoding| e == GBK || e == GB18030;
    for c in &cands[..5] {
        let e = c.probe.encoding;
        if !c.probe.clean() || e == enc || (chosen_gb(e) && chosen_gb(label_enc)) {
            continue;
        }
        let e = if e == GBK && has_gb18030_four_byte(sample) {
            GB18030
        } else {
            e
        };
        if Some(e) != d.encoding {
            d.alternatives.push(e);
        }
    }

    if opts.mojibake && !d.mixed && p.clean() {
        d.mojibake = find_mojibake(&p.head);
    }
    d
}

/// Whether every non-ASCII character of a UTF-8 reading is a two-byte letter standing
/// alone: no letter beside it, and no symbol (`°` `±` `×`), basic Greek letter (`Ω` `μ`)
/// or character of three bytes or more anywhere. What GBK or Big5 text with a character
/// or two (`Total: 1,250 元`) reads as, when its bytes happen to be valid UTF-8 (`Ԫ`):
/// valid UTF-8 is then no evidence. Real text puts such letters in words (`Bürgerbüro`,
/// `Москва`).
/// A combining mark (a diacritic, a Hebrew point) counts as stray wherever it stands, and
/// is no letter beside another: `通知` in GBK reads `֪ͨ`, two marks with no letter to sit
/// on.
fn only_stray_letters(text: &str) -> bool {
    let standalone = |c: char| {
        matches!(c, '\u{A0}'..='\u{BF}' | '×' | '÷' | 'Α'..='Ω' | 'α'..='ω') || c >= '\u{800}'
    };
    let letter = |c: char| c.is_alphabetic() && !combining_mark(c);
    let mut any = false;
    let mut prev = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        if !c.is_ascii() {
            if !combining_mark(c) && (standalone(c) || letter(prev) || letter(next)) {
                return false;
            }
            any = true;
        }
        prev = c;
    }
    any
}

/// Combining marks of the scripts two-byte UTF-8 holds: diacritics, and the Cyrillic,
/// Hebrew, Arabic, Syriac, Thaana and N'Ko marks.
fn combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
            | '\u{483}'..='\u{489}'
            | '\u{591}'..='\u{5BD}'
            | '\u{5BF}'
            | '\u{5C1}'..='\u{5C2}'
            | '\u{5C4}'..='\u{5C5}'
            | '\u{5C7}'
            | '\u{610}'..='\u{61A}'
            | '\u{64B}'..='\u{65F}'
            | '\u{670}'
            | '\u{6D6}'..='\u{6DC}'
            | '\u{6DF}'..='\u{6E4}'
            | '\u{6E7}'..='\u{6E8}'
            | '\u{6EA}'..='\u{6ED}'
            | '\u{711}'
            | '\u{730}'..='\u{74A}'
            | '\u{7A6}'..='\u{7B0}'
            | '\u{7EB}'..='\u{7F3}')
}

/// Han characters with an ASCII letter right before and right after them.
fn wedged_han(text: &str) -> usize {
    let b = text.as_bytes();
    // A byte scan: in Chinese text an ASCII letter is seldom followed by a multi-byte
    // character, so the characters are decoded only there.
    (1..b.len())
        .filter(|&i| b[i] >= 0xC0 && b[i - 1].is_ascii_alphabetic())
        .filter(|&i| {
            let c = text[i..].chars().next().unwrap_or(' ');
            super::freq_tables::is_han(c)
                && b.get(i + c.len_utf8()).is_some_and(u8::is_ascii_alphabetic)
        })
        .count()
}

/// For a sample with NUL bytes outside UTF-16: the encoding it reads as text in without
/// them, if it does so clearly (a stray NUL in a scraped page, NUL padding after the
/// text). A binary file keeps its control bytes and malformed sequences without its NULs.
fn nul_text(sample: &[u8], opts: &DetectOptions) -> Option<&'static Encoding> {
    let rest: Vec<u8> = sample.iter().copied().filter(|&b| b != 0).collect();
    // Images, archives and executables have other control bytes too: a byte count
    // settles them before any reading is tried.
    let controls = rest.iter().filter(|&&b| is_control(b)).count();
    if controls * 100 > rest.len() || rest.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let d = detect_with(&rest, opts);
    (d.confidence >= Confidence::Medium && !d.mixed)
        .then_some(d.encoding)
        .flatten()
}

/// A control byte binary data has and text does not: not a line break, tab, form feed or
/// ESC (terminal colours in a log). Only ever ASCII, so it may be tested on UTF-8 bytes.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B)) || b == 0x7F
}

/// Why the sample is not text, if it is not: NUL bytes outside UTF-16, mostly malformed
/// sequences or control characters in the best reading.
fn binary_reason(sample: &[u8], best: &Probe, enc: &'static Encoding) -> Option<&'static str> {
    let is_utf16 = enc == UTF_16LE || enc == UTF_16BE;
    if !is_utf16 && sample.contains(&0) {
        return Some("NUL bytes: binary data");
    }
    let chars = best.score.chars + best.head_malformed;
    if best.head_malformed * 4 > chars {
        return Some("undecodable in every text encoding: binary data");
    }
    let controls = best
        .head
        .bytes()
        .filter(|&b| is_control(b))
        .count()
        // DOS's end-of-file mark (Ctrl-Z) after the text of a short file.
        - usize::from(best.head.trim_end_matches(['\r', '\n']).ends_with('\x1A'));
    if controls * 50 > chars.max(1) || best.mean() < -0.5 {
        return Some("control codes: binary data");
    }
    None
}

/// UTF-16 text with Latin, digits, line breaks or ASCII punctuation has NULs in every
/// other byte (high byte of U+0000–U+00FF), and almost none in the other position.
/// Non-ASCII characters a sample needs before valid UTF-8 is taken without scoring the
/// other readings.
const PLAIN_UTF8_MIN: usize = 16;
/// How much text the mojibake test reads on that path: about 1,300 Han characters, far
/// more than its verdict needs (mojibake runs through a whole file), and a small file is
/// not scanned whole.
const PLAIN_UTF8_MOJIBAKE_SAMPLE: usize = 4 << 10;

/// The common case, decided without decoding the sample five ways: valid UTF-8 (a
/// character cut at the end of the sample allowed) with many multi-byte characters, at
/// least one in ten characters, and no control characters. UTF-16 or a legacy encoding
/// does not produce that by accident (valid UTF-16 that is also valid UTF-8 is made of
/// ASCII-range bytes, and a GBK text that is valid UTF-8 is a handful of bytes).
/// Whether every run of ASCII letters in `bytes` is lower case, upper case or capitalised.
fn cased_as_words(bytes: &[u8]) -> bool {
    bytes
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let rest = &w[1..];
            rest.iter().all(u8::is_ascii_lowercase) || w.iter().all(u8::is_ascii_uppercase)
        })
}

fn plainly_utf8(sample: &[u8], whole: bool, opts: &DetectOptions) -> Option<Detection> {
    // A sample cut from a larger file usually ends inside a character: SIMD validation with
    // std's error details (std's own check of a 1 MiB sample, twice, cost more than the
    // rest of detection).
    let (text, cut) = match simdutf8::compat::from_utf8(sample) {
        Ok(s) => (s, false),
        Err(e) if e.error_len().is_none() => (super::utf8(&sample[..e.valid_up_to()]).ok()?, true),
        Err(_) => return None,
    };
    // Counted on bytes (the text is valid UTF-8): characters are the bytes that do not
    // continue one, non-ASCII characters the lead bytes of multi-byte sequences. Byte-wide
    // counters over chunks of 255 let the compiler use full-width vector lanes.
    let (mut chars, mut non_ascii, mut controls) = (0usize, 0usize, 0u8);
    for chunk in text.as_bytes().chunks(255) {
        let (mut c, mut n) = (0u8, 0u8);
        for &x in chunk {
            c += u8::from(x & 0xC0 != 0x80);
            n += u8::from(x >= 0xC0);
            controls |= u8::from(
                (x < 0x20 && x != b'\n' && x != b'\r' && x != b'\t' && x != 0x0c) || x == 0x7f,
            );
        }
        chars += usize::from(c);
        non_ascii += usize::from(n);
    }
    if controls > 0 {
        return None;
    }
    if non_ascii < PLAIN_UTF8_MIN || non_ascii * 10 < chars {
        return None;
    }
    let mut d = verdict(Some(UTF_8), Confidence::High, "valid UTF-8");
    d.truncated = cut && whole;
    if opts.mojibake {
        let mut end = text.len().min(PLAIN_UTF8_MOJIBAKE_SAMPLE);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        d.mojibake = find_mojibake(&text[..end]);
    }
    Some(d)
}

fn utf16_by_nuls(sample: &[u8]) -> Option<&'static Encoding> {
    let n = sample.len() / 2 * 2;
    if n < 4 {
        return None;
    }
    // Byte-wide counters over chunks of 255 pairs: full-width vector lanes.
    let (mut even, mut odd) = (0usize, 0usize);
    for chunk in sample[..n].chunks(510) {
        let (mut e, mut o) = (0u8, 0u8);
        for pair in chunk.chunks_exact(2) {
            e += u8::from(pair[0] == 0);
            o += u8::from(pair[1] == 0);
        }
        even += usize::from(e);
        odd += usize::from(o);
    }
    let pairs = n / 2;
    // A few NULs in the "wrong" position come from characters like 一 (U+4E00).
    let strong = |hit: usize, other: usize| hit >= 2 && hit * 20 >= pairs && other * 10 <= hit;
    if strong(odd, even) {
        Some(UTF_16LE)
    } else if strong(even, odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn nul_pattern_gives_byte_order() {
        assert_eq!(utf16_by_nuls(&utf16("abc 2021年\n", true)), Some(UTF_16LE));
        assert_eq!(utf16_by_nuls(&utf16("abc 2021年\n", false)), Some(UTF_16BE));
        assert_eq!(utf16_by_nuls("业务工作".as_bytes()), None);
    }

    #[test]
    fn utf16_without_nuls_is_text_not_binary() {
        let s = "业务工作总结，我们的国家发展";
        for le in [true, false] {
            let b = utf16(s, le);
            assert!(!b.contains(&0));
            let d = detect(&b);
            assert_eq!(
                d.encoding,
                Some(if le { UTF_16LE } else { UTF_16BE }),
                "{d:?}"
            );
            assert!(!d.binary);
        }
    }

    #[test]
    fn words_and_hanzi_read_as_letters() {
        for w in ["true", "OK", "Total: 1,250", "index.html", "A1 B2"] {
            assert!(cased_as_words(w.as_bytes()), "{w}");
        }
        // 公告 and 停水公告 in UTF-16LE.
        for w in ["lQJT", "\\P4llQJT"] {
            assert!(!cased_as_words(w.as_bytes()), "{w}");
        }
        let utf16le =
            |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        assert_eq!(detect(&utf16le("停水公告")).encoding, Some(UTF_16LE));
        assert_eq!(detect(b"true").encoding, Some(UTF_8));
    }

    #[test]
    fn marks_without_a_letter_are_no_utf8_evidence() {
        // 通知 in GBK is valid UTF-8: U+05AA and U+0368, two combining marks.
        assert!(only_stray_letters("֪ͨ\n\nAnnual Report"));
        assert!(!only_stray_letters("Bürgerbüro"));
        assert!(!only_stray_letters("café"));
        assert!(!only_stray_letters("Москва"));
    }

    #[test]
    fn ascii_is_utf8_medium() {
        let d = detect(b"hello world\n");
        assert_eq!(d.encoding, Some(UTF_8));
        assert_eq!(d.confidence, Confidence::Medium);
        assert!(d.alternatives.contains(&GBK));
    }

    #[test]
    fn gb18030_label_only_with_four_byte_sequences() {
        let (b, _, _) = GB18030.encode("我们的工作取得了新的进展，𠀀全年完成投资。");
        assert_eq!(detect(&b).encoding, Some(GB18030));
        let (b, _, _) = GBK.encode("我们的工作取得了新的进展，全年完成投资。");
        assert_eq!(detect(&b).encoding, Some(GBK));
    }

    #[test]
    fn sample_option_limits_what_is_read() {
        let mut b = "甲".repeat(100).into_bytes();
        b.extend_from_slice(&[0xFF; 10]);
        let opts = DetectOptions {
            sample: 150,
            ..DetectOptions::default()
        };
        let d = detect_with(&b, &opts);
        assert_eq!(d.encoding, Some(UTF_8));
        assert!(!d.truncated, "a cut sample is not a truncated file");
    }

    #[test]
    fn a_sample_cut_inside_a_character_is_plainly_utf8() {
        let text = "甲乙丙丁".repeat(40).into_bytes();
        let opts = DetectOptions::default();
        for cut in [150, 151, 152] {
            let d = plainly_utf8(&text[..cut], false, &opts).expect("UTF-8 up to the cut");
            assert!(!d.truncated);
        }
        // A whole file that ends inside a character is truncated UTF-8.
        let d = plainly_utf8(&text[..151], true, &opts).unwrap();
        assert!(d.truncated);
        // An invalid sequence at the end is not a cut character.
        let mut bad = text[..150].to_vec();
        bad.extend_from_slice(&[0xE0, 0x80]);
        assert!(plainly_utf8(&bad, false, &opts).is_none());
    }
}
