//! Per-character tests for the gate: which characters only Traditional text uses.
//!
//! Everything is a table lookup into sets `build.rs` derived (see [`super::charsets`]): a
//! bitset over the BMP plus a sorted list for the (few) supplementary-plane characters.

use std::sync::OnceLock;

use super::charsets::{CharSet, CharSets};

/// GB2312's characters and the unambiguously Traditional ones (see [`CharSets`]).
fn charsets() -> &'static CharSets {
    static SETS: OnceLock<CharSets> = OnceLock::new();
    SETS.get_or_init(|| CharSets::from_image(super::T2S_CHARSETS_IMAGE))
}

fn gb2312() -> &'static CharSet {
    &charsets().gb2312
}

/// Whether `c` is one of GB2312's characters (its GBK bytes lie in GB2312's rows).
pub fn in_gb2312(c: char) -> bool {
    gb2312().contains(c)
}

/// The characters [`is_unambiguously_traditional`] accepts.
fn traditional() -> &'static CharSet {
    &charsets().traditional
}

/// A character that t2s changes and that Simplified text does not use: outside GB2312, not
/// one OpenCC's `TSCharacters.txt` lists as its own Simplified candidate (so `昇`, which is
/// GBK 0x954E and not GB2312, but which OpenCC maps to `升 昇`, is ambiguous), and not one
/// t2s itself writes for another character (`苧`, which t2s writes for `薴`).
///
/// "Changes" means beyond the compatibility-ideograph normalization: U+F901 更 is not
/// Traditional merely for being normalized to U+66F4 更, while U+F902 車 is (it ends as 车).
pub fn is_unambiguously_traditional(c: char) -> bool {
    (c as u32) >= 0x3400 && traditional().contains(c)
}

/// How much of a text is unambiguously Traditional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptMix {
    /// Han characters.
    pub han: usize,
    /// Unambiguously Traditional characters among them.
    pub traditional: usize,
}

impl ScriptMix {
    /// Share of unambiguously Traditional characters among Han characters.
    pub fn traditional_share(&self) -> f64 {
        if self.han == 0 {
            0.0
        } else {
            self.traditional as f64 / self.han as f64
        }
    }

    /// `simplified`, `traditional` or `mixed`.
    pub fn label(&self) -> &'static str {
        let s = self.traditional_share();
        if self.traditional == 0 || s < 0.002 {
            "simplified"
        } else if s >= 0.02 {
            "traditional"
        } else {
            "mixed"
        }
    }
}

/// [`traditional`] and Han-ness for three-byte characters, indexed straight by their first
/// two bytes: `k = (b0 & 0x0F) | (b1 & 0x3F) << 8` (the character's 64-block), bit
/// `b2 & 0x3F`. The BMP's Han ranges are whole 64-blocks, so one byte per block says
/// whether a character is Han.
struct Tables3 {
    traditional: Box<[u64; 0x4000]>,
    han: Box<[u8; 0x4000]>,
}

fn tables3() -> &'static Tables3 {
    static T: OnceLock<Tables3> = OnceLock::new();
    T.get_or_init(|| {
        let set = traditional();
        let mut t = Tables3 {
            traditional: vec![0u64; 0x4000]
                .into_boxed_slice()
                .try_into()
                .expect("0x4000 words"),
            han: vec![0u8; 0x4000]
                .into_boxed_slice()
                .try_into()
                .expect("0x4000 bytes"),
        };
        for block in 0x800 / 64..0x10000 / 64 {
            let k = (block >> 6) | ((block & 0x3F) << 8);
            t.traditional[k] = set.bmp[block];
            t.han[k] = is_bmp_han_block(block as u32) as u8;
        }
        t
    })
}

/// Whether the BMP characters `block * 64 ..` are Han (all 64 are, or none).
fn is_bmp_han_block(block: u32) -> bool {
    matches!(block * 64, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Counts Han and unambiguously Traditional characters.
pub fn script_mix(text: &str) -> ScriptMix {
    let mut mix = ScriptMix::default();
    count(text, &mut mix);
    mix
}

/// Whether [`script_mix`]`(text).traditional_share() >= share`, scanning no further than
/// it takes to be sure: a Traditional document shows its share within its first stretch.
///
/// After each chunk the rest of the text, `rest` bytes, holds at most `rest / 3` Han
/// characters (each takes three or four bytes). With `t` of `h` counted so far, the final
/// share is at least `t / (h + rest / 3)` (the rest all non-Traditional Han) and at most
/// `(t + rest / 3) / (h + rest / 3)` (all Traditional); rounded division is monotone, so
/// once either bound settles the comparison, the full count would give the same answer.
///
/// The text must also hold at least `min` unambiguously Traditional characters (a short
/// Simplified text quoting one Traditional name has a large share of one).
///
/// Chunks of 4 KiB: a Traditional file of 16 KiB is settled after its first quarter (a
/// chunk as large as the file read all of it), and checking a bound costs a few
/// instructions per chunk.
pub fn traditional_share_at_least(text: &str, share: f64, min: usize) -> bool {
    share_at_least_in_chunks(text, share, min, 4 << 10)
}

/// [`traditional_share_at_least`], deciding after every `chunk` bytes (up to a character
/// boundary).
fn share_at_least_in_chunks(text: &str, share: f64, min: usize, chunk: usize) -> bool {
    let mut mix = ScriptMix::default();
    let mut at = 0;
    while at < text.len() {
        let mut end = (at + chunk).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        count(&text[at..end], &mut mix);
        at = end;
        let rest = (text.len() - at) / 3;
        let least = ScriptMix {
            han: mix.han + rest,
            traditional: mix.traditional,
        };
        if least.han > 0 && least.traditional_share() >= share && mix.traditional >= min {
            return true;
        }
        let most = ScriptMix {
            han: mix.han + rest,
            traditional: mix.traditional + rest,
        };
        if most.traditional_share() < share || most.traditional < min {
            return false;
        }
    }
    mix.traditional_share() >= share && mix.traditional >= min
}

/// Adds the Han and unambiguously Traditional characters of `text` to `mix`.
fn count(text: &str, mix: &mut ScriptMix) {
    let set = traditional();
    let t = tables3();
    let (mut han, mut trad) = (0usize, 0u64);
    // One three-byte character in the low bytes of `w`.
    macro_rules! count3 {
        ($w:expr) => {{
            let w: u64 = $w;
            let k = (w & 0x3F0F) as usize;
            han += t.han[k] as usize;
            trad += t.traditional[k] >> ((w >> 16) & 63) & 1;
        }};
    }
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // Four three-byte characters (most Chinese text) at a time.
        while let Some((w0, w1)) = super::matcher::four_three_byte(b, i) {
            count3!(w0);
            count3!(w0 >> 24);
            count3!(w1);
            count3!(w1 >> 24);
            i += 12;
        }
        if i >= n {
            break;
        }
        // Then one character: ASCII is skipped, others go through `char` decoding.
        let b0 = b[i];
        if b0 < 0x80 {
            i += 1;
            continue;
        }
        if b0 & 0xF0 == 0xE0 {
            count3!(u32::from_le_bytes([b0, b[i + 1], b[i + 2], 0]) as u64);
            i += 3;
            continue;
        }
        let c = text[i..].chars().next().expect("valid UTF-8");
        if is_han(c) {
            han += 1;
            trad += set.contains(c) as u64;
        }
        i += c.len_utf8();
    }
    mix.han += han;
    mix.traditional += trad as usize;
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::{ConfigName, Converter};

    /// A small deterministic generator: `next(n)` is in `0..n`.
    fn xorshift(mut x: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        }
    }

    /// The former definition: GBK-encode and look at the bytes.
    fn in_gb2312_by_encoding(c: char) -> bool {
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
        !unmappable
            && bytes.len() == 2
            && (0xA1..=0xF7).contains(&bytes[0])
            && (0xA1..=0xFE).contains(&bytes[1])
    }

    #[test]
    fn gb2312_table_matches_encoding_for_every_han_character() {
        let mut n = 0;
        for c in (0x3400..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_han(c))
        {
            assert_eq!(
                in_gb2312(c),
                in_gb2312_by_encoding(c),
                "{c} U+{:04X}",
                c as u32
            );
            n += in_gb2312(c) as usize;
        }
        assert_eq!(n, 6763, "GB2312 has 6,763 Han characters");
    }

    #[test]
    fn gb2312_characters_t2s_changes_are_ambiguous() {
        let conv = Converter::get(ConfigName::T2s);
        let mut changed = Vec::new();
        for c in (0x4E00..0xA000u32)
            .filter_map(char::from_u32)
            .filter(|&c| in_gb2312(c))
        {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            if conv.convert(s) != *s {
                changed.push(c);
                assert!(
                    !is_unambiguously_traditional(c),
                    "{c} is in GB2312, so not unambiguously Traditional"
                );
            }
        }
        // OpenCC 1.4.2's t2s changes exactly these GB2312 characters (乾→干, 後→后, 於→于 …),
        // and zhclean's overrides add 著→着 and 藉→借 and keep 薹 (菜薹, the 2013 standard).
        let listed: String = changed.iter().collect();
        assert_eq!(listed, "乾吒夥後徵拚捱摺於榘菸著藉袷醣麴麽");
    }

    #[test]
    fn traditional_characters() {
        assert!(!in_gb2312('昇'), "昇 is GBK 0x954E, outside GB2312");
        for c in [
            '鬆', '鎮', '麵', '曆', '製', '幹', '國', '這', '裡', '\u{F902}',
        ] {
            assert!(is_unambiguously_traditional(c), "{c}");
        }
        for c in [
            '松', '镇', '面', '历', '制', '干', '国', '这', '里', '著', '昇', '瞭', '喆', '乾',
            '後', 'a', '，', '\u{F901}',
        ] {
            assert!(!is_unambiguously_traditional(c), "{c}");
        }
    }

    #[test]
    fn script_mix_counts_what_a_char_by_char_count_finds() {
        let naive = |text: &str| {
            let mut m = ScriptMix::default();
            for c in text.chars().filter(|&c| is_han(c)) {
                m.han += 1;
                m.traditional += traditional().contains(c) as usize;
            }
            m
        };
        let mut pool: Vec<char> = "a 1\n，。é𠀀𣨼😀這國鎮裡这国镇里乾後瞭\u{F902}\u{F901}"
            .chars()
            .collect();
        // Both sides of every edge of the Han ranges.
        for c in [
            0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF,
            0xFB00, 0x800, 0xFFFD,
        ] {
            pool.push(char::from_u32(c).unwrap());
        }
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for len in 0..400 {
            let mut text = String::new();
            for _ in 0..len {
                match next(4) {
                    0 => text.push(pool[next(pool.len())]),
                    // Any BMP character of three UTF-8 bytes.
                    _ => text
                        .push(char::from_u32(0x800 + next(0x10000 - 0x800) as u32).unwrap_or('中')),
                }
            }
            assert_eq!(script_mix(&text), naive(&text), "{text:?}");
        }
    }

    #[test]
    fn the_share_test_stops_early_with_the_full_counts_answer() {
        // Runs of Simplified, Traditional, ASCII and astral text in varied proportions, so
        // that the early answers fall in every chunk, both ways, and near the threshold.
        let pieces = [
            "这是国语",
            "這是國語",
            "ab 1\n",
            "𠀀𣨼",
            "鎮",
            "镇里",
            "，。",
        ];
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let mut early = 0;
        for case in 0..300 {
            // Traditional pieces get rarer from case to case.
            let weights = [8, 1 + case % 7, 3, 1, (case / 60) % 3, 6, 2];
            let total: usize = weights.iter().sum();
            let mut text = String::new();
            for _ in 0..next(400) {
                let mut k = next(total);
                let mut p = 0;
                while k >= weights[p] {
                    k -= weights[p];
                    p += 1;
                }
                text.push_str(pieces[p]);
            }
            let mix = script_mix(&text);
            for share in [0.0, 0.001, 0.02, 0.1, 0.25, 0.5, 1.0] {
                for min in [0, 1, 3, 50] {
                    let want = mix.traditional_share() >= share && mix.traditional >= min;
                    for chunk in [1, 7, 64, 1 << 16] {
                        assert_eq!(
                            share_at_least_in_chunks(&text, share, min, chunk),
                            want,
                            "share {share}, min {min}, chunk {chunk}: {text:?}"
                        );
                    }
                }
            }
            // How often a small chunk settles the common threshold before the end.
            let mut seen = ScriptMix::default();
            for (i, c) in text.char_indices() {
                count(&text[i..i + c.len_utf8()], &mut seen);
                let rest = (text.len() - i - c.len_utf8()) / 3;
                if rest > 0 && seen.traditional as f64 >= 0.02 * (seen.han + rest) as f64 {
                    early += 1;
                    break;
                }
            }
        }
        assert!(early > 50, "{early} cases settled early");
    }

    #[test]
    fn bmp_han_ranges_are_whole_blocks() {
        for c in 0x800..0x10000u32 {
            let h = char::from_u32(c).is_some_and(is_han);
            if char::from_u32(c).is_some() {
                assert_eq!(is_bmp_han_block(c / 64), h, "U+{c:04X}");
            }
        }
    }

    #[test]
    fn script_mix_counts() {
        let m = script_mix("abc 這是國語, 这是国语 x");
        assert_eq!(
            m,
            ScriptMix {
                han: 8,
                traditional: 3
            }
        );
        assert_eq!(m.label(), "traditional");
        assert_eq!(script_mix("泉昇帮农猪场").traditional, 0);
        assert_eq!(script_mix("").label(), "simplified");
    }
}
