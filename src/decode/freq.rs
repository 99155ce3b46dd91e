//! How plausible a decoded text is as Chinese: character classes and frequencies.
//!
//! Nothing here is typed by hand from a text. The tables are built on first use from
//! encoding data and a word list:
//! - GB2312 level 1 (rows 0xB0–0xD7, the 3,755 common Simplified characters) and level 2
//!   (rows 0xD8–0xF7), by decoding those byte ranges with encoding_rs's GBK decoder;
//! - Big5 level 1 (0xA440–0xC67E, the 5,401 common Traditional characters) and level 2
//!   (0xC940–0xF9D5), by decoding those byte ranges with encoding_rs's Big5 decoder;
//! - a frequency proxy: in how many entries of OpenCC's phrase dictionaries (vendored for
//!   the converter; both the Simplified and the Traditional side) a character occurs.
//!   Characters that make many words are common; this breaks ties between readings whose
//!   characters are all "level 1", e.g. two-character GBK vs Big5 snippets.

use std::sync::OnceLock;

use encoding_rs::{Encoding, BIG5, GBK};

const GB_L1: u8 = 1;
const BIG5_L1: u8 = 2;
const GB_L2: u8 = 4;
const BIG5_L2: u8 = 8;

struct Tables {
    /// Class bits per BMP code point.
    class: Vec<u8>,
    /// Phrase-frequency bucket per BMP code point, 0 (never in a word) ..= 255.
    freq: Vec<u8>,
}

static PHRASES: [&str; 3] = [
    include_str!("../../dictionaries/opencc/STPhrases.txt"),
    include_str!("../../dictionaries/opencc/TSPhrases.txt"),
    include_str!("../../dictionaries/opencc/TWPhrases.txt"),
];

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(build)
}

fn mark(class: &mut [u8], enc: &'static Encoding, lead: u8, trail: u8, bit: u8) {
    if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(&[lead, trail]) {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            if (c as u32) < 0x10000 && is_han(c) {
                class[c as usize] |= bit;
            }
        }
    }
}

fn build() -> Tables {
    let mut class = vec![0u8; 0x10000];
    for lead in 0xB0..=0xF7u8 {
        let bit = if lead <= 0xD7 { GB_L1 } else { GB_L2 };
        for trail in 0xA1..=0xFEu8 {
            mark(&mut class, GBK, lead, trail, bit);
        }
    }
    let big5_trails = (0x40..=0x7Eu8).chain(0xA1..=0xFEu8);
    for lead in 0xA4..=0xF9u8 {
        for trail in big5_trails.clone() {
            let code = u16::from(lead) << 8 | u16::from(trail);
            let bit = match code {
                0xA440..=0xC67E => BIG5_L1,
                0xC940..=0xF9D5 => BIG5_L2,
                _ => continue,
            };
            mark(&mut class, BIG5, lead, trail, bit);
        }
    }
    let mut count = vec![0u32; 0x10000];
    let mut seen: Vec<u16> = Vec::new();
    for dict in PHRASES {
        for line in dict.lines() {
            if line.starts_with('#') {
                continue;
            }
            seen.clear();
            for c in line.chars() {
                let u = c as u32;
                if u < 0x10000 && is_han(c) && !seen.contains(&(u as u16)) {
                    seen.push(u as u16);
                    count[u as usize] += 1;
                }
            }
        }
    }
    let max = count.iter().copied().max().unwrap_or(1).max(1);
    let scale = 255.0 / (1.0 + max as f32).ln();
    let freq = count
        .iter()
        .map(|&n| ((1.0 + n as f32).ln() * scale).round() as u8)
        .collect();
    Tables { class, freq }
}

/// CJK unified ideographs (with extension A) in the BMP and beyond.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3134F)
}

/// Whether `c` is a common Han character: GB2312 level 1 or Big5 level 1.
pub(crate) fn is_common_han(c: char) -> bool {
    (c as u32) < 0x10000 && tables().class[c as usize] & (GB_L1 | BIG5_L1) != 0
}

/// How typical `c` is of Chinese text: positive for common Han characters, Chinese
/// punctuation and ASCII; negative for controls, private use, U+FFFD and scripts a
/// misread byte stream produces (Hangul, kana, Latin-1 letters, rare ideographs …).
pub(crate) fn weight(c: char) -> f32 {
    let u = c as u32;
    match u {
        0x09 | 0x0A | 0x0D | 0x20 => 0.5,
        0x21..=0x7E => 0.5,
        0x00..=0x1F | 0x7F..=0x9F => -3.0,
        // No-break space: common in scraped web text.
        0xA0 => 0.3,
        0xA1..=0xBF | 0xD7 | 0xF7 => -0.5,
        // Latin-1 letters: plausible in Latin text, which a misread never yields alone.
        0xC0..=0xFF => -0.2,
        0x3400..=0x4DBF => -0.5,
        0x4E00..=0x9FFF => unified_han_weight(tables(), u),
        // CJK symbols and punctuation, fullwidth forms, and the general punctuation
        // Chinese text uses (dashes, curly quotes, ellipsis, per mille, primes, ※).
        0x3000..=0x3002
        | 0x3008..=0x3011
        | 0x3014..=0x3017
        | 0xFF01..=0xFF5E
        | 0xFFE0..=0xFFE6
        | 0x2010..=0x201F
        | 0x2025..=0x2026
        | 0x2030
        | 0x2032..=0x2033
        | 0x203B => 0.8,
        // Rarer CJK symbols (〃〆〇〓 …).
        0x3003..=0x3007 | 0x3012..=0x3013 | 0x3018..=0x303F => 0.3,
        // Circled and parenthesized numbers, Roman numerals (common in Chinese documents).
        0x2160..=0x217F | 0x2460..=0x24FF | 0x3200..=0x32FF => 0.2,
        0xFFFD => -3.0,
        0xE000..=0xF8FF => -2.0,
        0xD800..=0xDFFF | 0xFFFE | 0xFFFF => -3.0,
        // Hangul.
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => -1.0,
        // Kana, Greek, Cyrillic, box drawing, symbols, Latin extended.
        0x3040..=0x30FF | 0x0370..=0x04FF | 0x2190..=0x25FF | 0x0100..=0x024F => -0.5,
        0xF900..=0xFAFF => -1.0,
        0x20000..=0x3134F => -0.3,
        0x1F300..=0x1FAFF => 0.0,
        _ => -1.0,
    }
}

/// [`weight`] of a character in U+4E00–U+9FFF.
#[inline]
fn unified_han_weight(t: &Tables, u: u32) -> f32 {
    let f = f32::from(t.freq[u as usize]) / 255.0;
    let cls = t.class[u as usize];
    let base = if cls & (GB_L1 | BIG5_L1) != 0 {
        1.0
    } else if cls & (GB_L2 | BIG5_L2) != 0 {
        0.2
    } else {
        -0.3
    };
    base + 0.5 * f
}

/// Plausibility of a decoded text, accumulated character by character.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Score {
    pub chars: usize,
    pub non_ascii: usize,
    pub han: usize,
    pub common: usize,
    pub sum: f32,
}

impl Score {
    pub fn of(text: &str) -> Score {
        let mut s = Score::default();
        for c in text.chars() {
            s.add(c);
        }
        s
    }

    /// [`Score::of`] without the weights (`sum` stays 0): only the character, Han and
    /// common-Han counts, which is all the mojibake test needs. No floating-point chain,
    /// one table lookup per Han character: about twice as fast.
    pub fn counts_of(text: &str) -> Score {
        let t = tables();
        let mut s = Score::default();
        for c in text.chars() {
            s.chars += 1;
            let u = c as u32;
            if u < 0x80 {
                continue;
            }
            s.non_ascii += 1;
            if (0x4E00..=0x9FFF).contains(&u) {
                s.han += 1;
                s.common += usize::from(t.class[u as usize] & (GB_L1 | BIG5_L1) != 0);
            } else if is_han(c) {
                s.han += 1;
                s.common += usize::from(is_common_han(c));
            }
        }
        s
    }

    pub fn add(&mut self, c: char) {
        self.chars += 1;
        let u = c as u32;
        if (0x4E00..=0x9FFF).contains(&u) {
            // Most characters of Chinese text: one table lookup for all three counts.
            let t = tables();
            self.non_ascii += 1;
            self.han += 1;
            if t.class[u as usize] & (GB_L1 | BIG5_L1) != 0 {
                self.common += 1;
            }
            self.sum += unified_han_weight(t, u);
            return;
        }
        if !c.is_ascii() {
            self.non_ascii += 1;
            if is_han(c) {
                self.han += 1;
                if is_common_han(c) {
                    self.common += 1;
                }
            }
        }
        self.sum += weight(c);
    }

    /// Mean weight per character, with `malformed` undecodable sequences counted as
    /// strongly negative characters.
    pub fn mean(&self, malformed: usize) -> f32 {
        (self.sum - 4.0 * malformed as f32) / (self.chars + malformed).max(1) as f32
    }

    /// Share of common characters among Han characters.
    pub fn common_share(&self) -> f32 {
        if self.han == 0 {
            0.0
        } else {
            self.common as f32 / self.han as f32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_the_full_score() {
        for text in [
            "我们的工作abc鐨勪",
            "",
            "abc",
            "鬆江鎮𠀀㐀\u{f900}，。",
            "锟斤拷烫烫烫",
        ] {
            let (a, b) = (Score::of(text), Score::counts_of(text));
            assert_eq!(
                (a.chars, a.non_ascii, a.han, a.common),
                (b.chars, b.non_ascii, b.han, b.common),
                "{text}"
            );
        }
    }

    #[test]
    fn tables_have_the_documented_sizes() {
        let t = tables();
        let n = |bit: u8| t.class.iter().filter(|&&c| c & bit != 0).count();
        // GB2312 level 1 has 3,755 characters; Big5 level 1 has 5,401.
        assert_eq!(n(GB_L1), 3755);
        assert_eq!(n(BIG5_L1), 5401);
        assert!(n(GB_L2) > 3000);
        assert!(n(BIG5_L2) > 7000);
    }

    #[test]
    fn common_characters_outweigh_rare_ones() {
        assert!(is_common_han('的'));
        assert!(is_common_han('們'));
        assert!(!is_common_han('鐨'));
        assert!(weight('的') > weight('鐨'));
        assert!(weight('，') > 0.0);
        assert!(weight('\u{1A}') < 0.0);
        assert!(weight('\u{E000}') < 0.0);
        assert!(weight('가') < 0.0);
    }

    #[test]
    fn score_counts_han_and_common() {
        let s = Score::of("我们的工作abc鐨勪");
        assert_eq!(s.han, 7);
        assert_eq!(s.common, 5);
        assert_eq!(s.chars, 10);
        assert!(s.mean(0) > s.mean(3));
    }
}
