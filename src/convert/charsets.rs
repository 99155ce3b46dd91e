//! The two character sets the gate tests, derived here and compiled by `build.rs` into
//! an image (`t2s.charsets`) that a run reads back: deriving the Traditional set converts
//! each of t2s's several thousand single-character keys, about 8 million instructions
//! (2 ms) that every process paid before its first file.
//! - GB2312's characters, from decoding all of its double-byte codes with encoding_rs's
//!   GBK decoder (GB2312 is GBK's rows A1–F7 × columns A1–FE);
//! - the characters t2s changes and Simplified text does not use (see
//!   `gate::is_unambiguously_traditional`).

use super::chain::{Chain, TS_CHARACTERS};
use super::image::{Reader, Writer};

/// A set of characters: bitset over the BMP, sorted list above it.
pub(crate) struct CharSet {
    pub(crate) bmp: Box<[u64]>,
    astral: Vec<u32>,
}

impl CharSet {
    pub(crate) fn new() -> CharSet {
        CharSet {
            bmp: vec![0u64; 0x10000 / 64].into_boxed_slice(),
            astral: Vec::new(),
        }
    }

    pub(crate) fn insert(&mut self, c: char) {
        let c = c as u32;
        if c < 0x10000 {
            self.bmp[(c / 64) as usize] |= 1 << (c % 64);
        } else {
            self.astral.push(c);
        }
    }

    pub(crate) fn finish(mut self) -> CharSet {
        self.astral.sort_unstable();
        self.astral.dedup();
        self
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let c = c as u32;
        if c < 0x10000 {
            self.bmp[(c / 64) as usize] & (1 << (c % 64)) != 0
        } else {
            self.astral.binary_search(&c).is_ok()
        }
    }

    /// The members, ascending.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    fn chars(&self) -> impl Iterator<Item = u32> + '_ {
        let bmp = self.bmp.iter().enumerate().flat_map(|(i, &w)| {
            (0..64u32)
                .filter(move |b| w >> b & 1 == 1)
                .map(move |b| i as u32 * 64 + b)
        });
        bmp.chain(self.astral.iter().copied())
    }

    fn from_chars(chars: Vec<u32>) -> CharSet {
        let mut set = CharSet::new();
        for c in chars {
            set.insert(char::from_u32(c).expect("image characters are characters"));
        }
        set.finish()
    }
}

/// GB2312's characters and the unambiguously Traditional ones, as `build.rs` derived them.
pub(crate) struct CharSets {
    pub(crate) gb2312: CharSet,
    pub(crate) traditional: CharSet,
}

impl CharSets {
    /// Derives both sets; `t2s` is the default t2s converter's chain.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn derive(t2s: &Chain) -> CharSets {
        let gb2312 = gb2312();
        let traditional = traditional(t2s, &gb2312);
        CharSets {
            gb2312,
            traditional,
        }
    }

    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn image(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u32s(&self.gb2312.chars().collect::<Vec<_>>());
        w.u32s(&self.traditional.chars().collect::<Vec<_>>());
        w.finish()
    }

    pub(crate) fn from_image(image: &'static [u8]) -> CharSets {
        let mut r = Reader::new(image);
        let gb2312 = CharSet::from_chars(r.u32s());
        let traditional = CharSet::from_chars(r.u32s());
        CharSets {
            gb2312,
            traditional,
        }
    }
}

#[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
fn gb2312() -> CharSet {
    let mut bytes = Vec::with_capacity(2 * 87 * 94);
    for hi in 0xA1..=0xF7u8 {
        for lo in 0xA1..=0xFEu8 {
            bytes.extend_from_slice(&[hi, lo]);
        }
    }
    let (text, _) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
    let mut set = CharSet::new();
    // Unassigned codes decode to U+FFFD or to private-use code points; both are no
    // characters GB2312 defines.
    text.chars()
        .filter(|&c| c != '\u{FFFD}' && !matches!(c as u32, 0xE000..=0xF8FF))
        .for_each(|c| set.insert(c));
    set.finish()
}

/// Characters `TSCharacters.txt` lists among their own Simplified candidates (`昇` → `升 昇`,
/// `瞭` → `瞭 了`): OpenCC says Simplified text may keep them, as it does in names (昇, 喆,
/// 堃) and set words (瞭望). Several are outside GB2312, so GB2312 alone would miss them.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
fn kept_by_opencc() -> impl Iterator<Item = char> {
    TS_CHARACTERS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (key, vals) = l.split_once('\t')?;
            let mut cs = key.chars();
            let c = cs.next().filter(|_| cs.next().is_none())?;
            vals.split(' ').any(|v| v == key).then_some(c)
        })
}

/// The characters `gate::is_unambiguously_traditional` accepts: t2s changes them (beyond
/// the compatibility-ideograph normalization), they are outside GB2312, OpenCC does not
/// list them as their own Simplified candidate, and t2s does not write them for another
/// character.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
fn traditional(conv: &Chain, gb2312: &CharSet) -> CharSet {
    let mut simplified_uses = CharSet::new();
    kept_by_opencc().for_each(|c| simplified_uses.insert(c));
    // What t2s itself writes is Simplified text: OpenCC maps 薴 → 苧 and 苧 → 苎, and
    // a 苧 that a clean wrote must not open the gate on the next clean (idempotence).
    let mut buf = [0u8; 4];
    for c in conv.single_char_keys() {
        conv.convert(c.encode_utf8(&mut buf))
            .chars()
            .filter(|&o| o != c)
            .for_each(|o| simplified_uses.insert(o));
    }
    let simplified_uses = simplified_uses.finish();
    let mut set = CharSet::new();
    for c in conv.single_char_keys() {
        if gb2312.contains(c) || simplified_uses.contains(c) {
            continue;
        }
        let s = c.encode_utf8(&mut buf);
        if conv.convert(s) != conv.normalize_char(c) {
            set.insert(c);
        }
    }
    set.finish()
}
