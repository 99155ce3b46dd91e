//! How plausible a decoded text is as Chinese: character classes and frequencies.
//!
//! Nothing here is typed by hand from a text. The tables are built at compile time
//! (`build.rs` runs [`super::freq_tables`]) from encoding data and a word list:
//! - GB2312 level 1 (rows 0xB0–0xD7, the 3,755 common Simplified characters) and level 2
//!   (rows 0xD8–0xF7), by decoding those byte ranges with encoding_rs's GBK decoder;
//! - Big5 level 1 (0xA440–0xC67E, the 5,401 common Traditional characters) and level 2
//!   (0xC940–0xF9D5), by decoding those byte ranges with encoding_rs's Big5 decoder;
//! - a frequency proxy: in how many entries of OpenCC's phrase dictionaries (vendored for
//!   the converter; both the Simplified and the Traditional side) a character occurs.
//!   Characters that make many words are common; this breaks ties between readings whose
//!   characters are all "level 1", e.g. two-character GBK vs Big5 snippets.

use super::freq_tables::{is_han, BIG5_L1, BIG5_L2, GB_L1, GB_L2};

struct Tables {
    /// Class bits per BMP code point.
    class: &'static [u8; 0x10000],
    /// Phrase-frequency bucket per BMP code point, 0 (never in a word) ..= 255.
    freq: &'static [u8; 0x10000],
}

/// Built by `build.rs` with [`super::freq_tables::build`].
static TABLES: Tables = Tables {
    class: include_bytes!(concat!(env!("OUT_DIR"), "/freq_class.bin")),
    freq: include_bytes!(concat!(env!("OUT_DIR"), "/freq_freq.bin")),
};

fn tables() -> &'static Tables {
    &TABLES
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
    /// one table lookup per Han character, and three-byte characters (the CJK block and
    /// nearly all of Chinese text) read straight from their bytes (the `find-mojibake-4k`
    /// bench: 3.6 µs with `chars()`, 2.8 µs so).
    pub fn counts_of(text: &str) -> Score {
        let t = tables();
        let mut s = Score::default();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let b0 = b[i];
            s.chars += 1;
            if b0 < 0x80 {
                i += 1;
                continue;
            }
            s.non_ascii += 1;
            // Valid UTF-8: a three-byte character's two continuation bytes follow.
            let u = if b0 & 0xF0 == 0xE0 {
                i += 3;
                (u32::from(b0 & 0x0F) << 12)
                    | (u32::from(b[i - 2] & 0x3F) << 6)
                    | u32::from(b[i - 1] & 0x3F)
            } else {
                let c = text[i..].chars().next().expect("valid UTF-8");
                i += c.len_utf8();
                c as u32
            };
            if (0x4E00..=0x9FFF).contains(&u) {
                s.han += 1;
                s.common += usize::from(t.class[u as usize] & (GB_L1 | BIG5_L1) != 0);
            } else {
                let c = char::from_u32(u).expect("valid UTF-8");
                if is_han(c) {
                    s.han += 1;
                    s.common += usize::from(is_common_han(c));
                }
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
            // The edges of every Han range and their neighbours.
            "\u{33FF}\u{3400}\u{4DBF}\u{4DC0}\u{4DFF}\u{4E00}\u{9FFF}\u{A000}\u{E000}\u{FFFF}",
            "\u{1FFFF}\u{20000}\u{3134F}\u{31350}\u{10FFFF}é\u{7FF}\u{800}",
        ]
        .into_iter()
        .map(String::from)
        .chain((0..200).map(|seed| {
            // Random text over every UTF-8 length.
            let mut below = crate::testing::pseudo_random(seed);
            (0..below(300))
                .filter_map(|_| char::from_u32(below(0x32000) as u32))
                .collect()
        })) {
            let text = text.as_str();
            let (a, b) = (Score::of(text), Score::counts_of(text));
            assert_eq!(
                (a.chars, a.non_ascii, a.han, a.common),
                (b.chars, b.non_ascii, b.han, b.common),
                "{text}"
            );
        }
    }

    #[test]
    fn embedded_tables_are_what_the_builder_makes() {
        let (class, freq) = super::super::freq_tables::build();
        assert!(class == tables().class[..], "stale class table: rebuild");
        assert!(freq == tables().freq[..], "stale frequency table: rebuild");
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
