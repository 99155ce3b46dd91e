//! Builds the character tables of `decode::freq` from encoding data and OpenCC's phrase
//! lists. Run at compile time by `build.rs` (which includes this file as a module of its
//! own, so it uses nothing from the crate); the library embeds the result. A unit test of
//! `freq` builds them again and compares.

// Outside tests the library uses only the class bits and `is_han`; the builder is
// build.rs's.
#![cfg_attr(not(test), allow(dead_code))]

use encoding_rs::{Encoding, BIG5, GBK};

/// Class bits: GB2312 level 1 and 2, Big5 level 1 and 2.
pub const GB_L1: u8 = 1;
pub const BIG5_L1: u8 = 2;
pub const GB_L2: u8 = 4;
pub const BIG5_L2: u8 = 8;

/// The phrase lists whose entries measure how common a character is.
static PHRASES: [&str; 3] = [
    include_str!("../../dictionaries/opencc/STPhrases.txt"),
    include_str!("../../dictionaries/opencc/TSPhrases.txt"),
    include_str!("../../dictionaries/opencc/TWPhrases.txt"),
];

/// The dictionary files the tables are made from (for `cargo:rerun-if-changed`).
pub const SOURCES: [&str; 3] = [
    "dictionaries/opencc/STPhrases.txt",
    "dictionaries/opencc/TSPhrases.txt",
    "dictionaries/opencc/TWPhrases.txt",
];

/// CJK unified ideographs (with extension A) in the BMP and beyond.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3134F)
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

/// The class bits and the phrase-frequency bucket (0 = never in a word ..= 255) of every
/// BMP code point, 0x10000 bytes each.
pub fn build() -> (Vec<u8>, Vec<u8>) {
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
    (class, freq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_the_included_phrase_lists() {
        // build.rs reruns when SOURCES change: they must be the files PHRASES embeds.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (path, text) in SOURCES.iter().zip(PHRASES) {
            assert_eq!(
                std::fs::read_to_string(root.join(path)).unwrap(),
                text,
                "{path}"
            );
        }
    }
}
