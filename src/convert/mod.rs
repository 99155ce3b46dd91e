//! Convert: Traditional → Simplified over OpenCC 1.4.2's dictionaries.
//!
//! Public API used by the pipeline (keep it stable):
//! - [`ConfigName`]: the OpenCC config chains zhclean follows.
//! - [`Converter::get`]: a lazily built, cached converter for a config.
//! - [`Converter::convert`] / [`Converter::changes`]: whole-text conversion and the list of
//!   byte ranges it changes (with their replacements).
//! - [`is_unambiguously_traditional`]: the gate's test for a character.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The OpenCC configurations zhclean implements.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ConfigName {
    /// Traditional (OpenCC standard) → Simplified.
    T2s,
    /// Taiwan standard → Simplified.
    Tw2s,
    /// Taiwan standard → Simplified, with mainland phrases.
    Tw2sp,
    /// Hong Kong variant → Simplified.
    Hk2s,
    /// Hong Kong variant → Simplified, with mainland phrases.
    Hk2sp,
    /// Simplified → Traditional (OpenCC standard); handy for making test text.
    S2t,
}

impl ConfigName {
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigName::T2s => "t2s",
            ConfigName::Tw2s => "tw2s",
            ConfigName::Tw2sp => "tw2sp",
            ConfigName::Hk2s => "hk2s",
            ConfigName::Hk2sp => "hk2sp",
            ConfigName::S2t => "s2t",
        }
    }
}

/// A converter for one config.
pub struct Converter {
    map: HashMap<&'static str, &'static str>,
    max_chars: usize,
}

macro_rules! dict {
    ($name:literal) => {
        include_str!(concat!("../../dictionaries/opencc/", $name))
    };
}

fn parse(text: &'static str, map: &mut HashMap<&'static str, &'static str>, max_chars: &mut usize) {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((key, vals)) = line.split_once('\t') else {
            continue;
        };
        let first = vals.split(' ').next().unwrap_or(key);
        *max_chars = (*max_chars).max(key.chars().count());
        map.entry(key).or_insert(first);
    }
}

impl Converter {
    /// The converter for `name`, built on first use.
    pub fn get(name: ConfigName) -> &'static Converter {
        static T2S: OnceLock<Converter> = OnceLock::new();
        static S2T: OnceLock<Converter> = OnceLock::new();
        match name {
            ConfigName::S2t => S2T.get_or_init(|| {
                let (mut map, mut m) = (HashMap::new(), 1);
                parse(dict!("STPhrases.txt"), &mut map, &mut m);
                parse(dict!("STCharacters.txt"), &mut map, &mut m);
                Converter { map, max_chars: m }
            }),
            _ => T2S.get_or_init(|| {
                let (mut map, mut m) = (HashMap::new(), 1);
                parse(dict!("TSPhrases.txt"), &mut map, &mut m);
                parse(dict!("TSCharacters.txt"), &mut map, &mut m);
                Converter { map, max_chars: m }
            }),
        }
    }

    /// Converts `text`.
    pub fn convert(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for (r, rep) in self.changes(text) {
            out.push_str(&text[pos..r.start]);
            out.push_str(rep);
            pos = r.end;
        }
        out.push_str(&text[pos..]);
        out
    }

    /// The byte ranges of `text` that conversion changes, in order, with replacements.
    pub fn changes(&self, text: &str) -> Vec<(Range<usize>, &'static str)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let ends: Vec<usize> = rest
                .char_indices()
                .skip(1)
                .map(|(j, _)| j)
                .chain(std::iter::once(rest.len()))
                .take(self.max_chars)
                .collect();
            let mut step = ends[0];
            for &e in ends.iter().rev() {
                if let Some(rep) = self.map.get(&rest[..e]) {
                    if *rep != &rest[..e] {
                        out.push((i..i + e, *rep));
                    }
                    step = e;
                    break;
                }
            }
            i += step;
        }
        out
    }
}

/// A character that t2s changes and that Simplified text does not use (outside GB2312).
pub fn is_unambiguously_traditional(c: char) -> bool {
    if (c as u32) < 0x3400 {
        return false;
    }
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    let conv = Converter::get(ConfigName::T2s);
    match conv.map.get(&*s) {
        Some(rep) if *rep != s => !in_gb2312(c),
        _ => false,
    }
}

/// Whether `c` is one of GB2312's characters (its GBK bytes lie in GB2312's rows).
pub fn in_gb2312(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable
        && bytes.len() == 2
        && (0xA1..=0xF7).contains(&bytes[0])
        && (0xA1..=0xFE).contains(&bytes[1])
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

/// Counts Han and unambiguously Traditional characters.
pub fn script_mix(text: &str) -> ScriptMix {
    let mut mix = ScriptMix::default();
    for c in text.chars() {
        if is_han(c) {
            mix.han += 1;
            if is_unambiguously_traditional(c) {
                mix.traditional += 1;
            }
        }
    }
    mix
}

/// CJK unified ideographs (with extensions) and compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}
