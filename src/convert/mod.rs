//! Convert: Traditional → Simplified over OpenCC 1.4.2's dictionaries.
//!
//! Public API used by the pipeline (keep it stable):
//! - [`ConfigName`]: the OpenCC config chains zhclean follows.
//! - [`Converter::get`]: a lazily built, cached converter for a config.
//! - [`Converter::convert`] / [`Converter::changes`]: whole-text conversion and the list of
//!   byte ranges it changes (with their replacements).
//! - [`is_unambiguously_traditional`]: the gate's test for a character.
//!
//! The engine mirrors OpenCC's configs (`dictionaries/opencc/config/*.json`): normalization
//! by `CJK_Compatibility_Ideographs.txt`, then maximum-forward-matching segmentation where
//! the config asks for it, then each conversion step in order, every step matching
//! leftmost-longest within segments. Dictionary groups follow OpenCC's `short_circuit` and
//! `union` policies (see [`dict`]). The to-Simplified configs add zhclean's overrides
//! (`dictionaries/overrides-t2s.txt`) to OpenCC's phrase dictionary; [`Converter::opencc`]
//! gives the plain OpenCC behaviour.

mod chain;
mod dict;
mod gate;
mod matcher;

use std::ops::Range;
use std::sync::OnceLock;

pub use gate::{in_gb2312, is_han, is_unambiguously_traditional, script_mix, ScriptMix};

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

    /// Every config, in declaration order.
    pub const ALL: [ConfigName; 6] = [
        ConfigName::T2s,
        ConfigName::Tw2s,
        ConfigName::Tw2sp,
        ConfigName::Hk2s,
        ConfigName::Hk2sp,
        ConfigName::S2t,
    ];

    /// Whether the config converts to Simplified (and so takes zhclean's overrides).
    pub fn to_simplified(self) -> bool {
        self != ConfigName::S2t
    }
}

/// A converter for one config.
pub struct Converter {
    name: ConfigName,
    chain: chain::Chain,
}

impl Converter {
    /// The converter for `name` (with zhclean's overrides for the to-Simplified configs),
    /// built on first use.
    pub fn get(name: ConfigName) -> &'static Converter {
        static CACHE: [OnceLock<Converter>; 6] = [const { OnceLock::new() }; 6];
        CACHE[name as usize].get_or_init(|| Converter::build(name, name.to_simplified()))
    }

    /// The converter for `name` exactly as OpenCC 1.4.2 configures it, without zhclean's
    /// overrides; built on first use.
    pub fn opencc(name: ConfigName) -> &'static Converter {
        static CACHE: [OnceLock<Converter>; 6] = [const { OnceLock::new() }; 6];
        CACHE[name as usize].get_or_init(|| Converter::build(name, false))
    }

    fn build(name: ConfigName, with_overrides: bool) -> Converter {
        let (seg, steps) = chain::config(name, with_overrides);
        Converter {
            name,
            chain: chain::Chain::new(&chain::normalization(), seg.as_ref(), &steps),
        }
    }

    /// The config this converter follows.
    pub fn name(&self) -> ConfigName {
        self.name
    }

    /// Converts `text`.
    pub fn convert(&self, text: &str) -> String {
        self.chain.convert(text)
    }

    /// The byte ranges of `text` that conversion changes, in order and non-overlapping, with
    /// their replacements. Ranges are narrowed to the characters that differ (a phrase match
    /// `一目瞭然` → `一目了然` is reported as `瞭` → `了`), except where a later step of the
    /// chain rewrote part of an earlier step's output: then the range covers the whole
    /// earlier match.
    pub fn changes(&self, text: &str) -> Vec<(Range<usize>, &'static str)> {
        self.chain.changes(text)
    }

    /// Every single character some dictionary of this config has as a key (candidates for
    /// the gate's table).
    pub(crate) fn single_char_keys(&self) -> impl Iterator<Item = char> + '_ {
        self.chain.single_char_keys()
    }

    /// `c` after compatibility-ideograph normalization alone.
    pub(crate) fn normalize_char(&self, c: char) -> String {
        self.chain.normalize_char(c)
    }
}
