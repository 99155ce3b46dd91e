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
//! `union` policies (see `dict.rs`). The to-Simplified configs add zhclean's overrides
//! (`dictionaries/overrides-t2s.txt`) to OpenCC's phrase dictionary; [`Converter::opencc`]
//! gives the plain OpenCC behaviour.

mod chain;
mod charsets;
mod dict;
pub(crate) mod ends;
mod gate;
mod image;
mod matcher;

use std::ops::Range;
use std::sync::OnceLock;

pub(crate) use chain::Stretch;
pub use gate::{
    in_gb2312, is_han, is_unambiguously_traditional, script_mix, traditional_share_at_least,
    ScriptMix,
};

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

/// The t2s chain with zhclean's overrides as `build.rs` compiled it (see [`image`]).
static T2S_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s.chain"));
/// [`t2s_end_lists`] as `build.rs` computed them.
static T2S_ENDS_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s.ends"));
/// The gate's character sets as `build.rs` derived them (see [`charsets`]).
static T2S_CHARSETS_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/t2s.charsets"));

/// Compiles the chain of `name` from the dictionaries.
fn compile(name: ConfigName, with_overrides: bool) -> chain::Chain {
    let (seg, steps) = chain::config(name, with_overrides);
    chain::Chain::new(&chain::normalization(), seg.as_ref(), &steps)
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
        if (name, with_overrides) == (ConfigName::T2s, true) {
            // The default: compiled by build.rs, read back in a fraction of a millisecond.
            return Converter {
                name,
                chain: chain::Chain::from_image(T2S_IMAGE),
            };
        }
        Converter {
            name,
            chain: compile(name, with_overrides),
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

    /// [`Converter::convert`], borrowing `text` back when nothing in it changes.
    pub fn convert_cow<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        self.chain.convert_cow(text)
    }

    /// Writes the conversion of `text` to `out` as UTF-8 (replacing what it held, reusing
    /// its memory) and returns `true`; or returns `false`, leaving `out` alone, when the text
    /// is its own conversion (as far as the fast scan tells: `true` does not promise a
    /// change). For converting many pieces one after the other without allocating for each.
    pub fn convert_into(&self, text: &str, out: &mut Vec<u8>) -> bool {
        self.chain.convert_into(text, out)
    }

    /// The byte ranges of `text` that conversion changes, in order and non-overlapping, with
    /// their replacements. Ranges are narrowed to the characters that differ (a phrase match
    /// `一目瞭然` → `一目了然` is reported as `瞭` → `了`), except where a later step of the
    /// chain rewrote part of an earlier step's output: then the range covers the whole
    /// earlier match.
    pub fn changes(&self, text: &str) -> Vec<(Range<usize>, &'static str)> {
        self.chain.changes(text)
    }

    /// The changes of [`Converter::changes`]`(text)` inside `within`, scanning little more
    /// than `within`; `None` when only [`Converter::changes`] can tell.
    pub(crate) fn changes_within(
        &self,
        text: &str,
        within: Range<usize>,
    ) -> Option<Vec<(Range<usize>, &'static str)>> {
        self.chain.changes_within(text, within)
    }

    /// Calls `f` with each of [`Converter::changes`]'s changes, in order, without making
    /// the list; `false` (after `f` may have seen some) when only [`Converter::changes`]
    /// can tell.
    pub(crate) fn try_each_change(
        &self,
        text: &str,
        f: impl FnMut(Range<usize>, &'static str),
    ) -> bool {
        self.chain.try_each_change(text, f)
    }

    /// `text` converted into `buf`, with the stretch from its first change to the end of
    /// its last: [`Converter::changes`] merged, in one scan.
    pub(crate) fn stretch<'b>(&self, text: &str, buf: &'b mut Vec<u8>) -> chain::Stretch<'b> {
        self.chain.stretch(text, buf)
    }
}

/// Every `(key, conversion)` entry of the dictionaries the converter for `name` (as
/// [`Converter::get`] builds it) is compiled from (see `chain::entries`).
#[cfg(test)]
pub(crate) fn dictionary_entries(name: ConfigName) -> Vec<(&'static str, &'static str)> {
    chain::entries(name, name.to_simplified())
}

/// What t2s (as [`Converter::get`] builds it) can make of a text's first and last
/// characters (see [`ends`]), as `build.rs` computed them.
pub(crate) fn t2s_end_lists() -> ends::EndLists {
    ends::EndLists::from_image(T2S_ENDS_IMAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t2s(s: &str) -> String {
        Converter::get(ConfigName::T2s).convert(s)
    }

    /// The Simplified spelling of every phrase in the dictionaries survives t2s: the gate
    /// converts whole lines, and a Simplified 乾县 or 於潜 beside a Traditional word must
    /// not become 干县 or 于潜. A value t2s changes needs an identity guard in
    /// `dictionaries/overrides-t2s.txt` (section "Simplified spellings").
    #[test]
    fn simplified_spellings_of_phrases_survive() {
        let mut seen = std::collections::HashSet::new();
        let mut damaged = Vec::new();
        for (key, value) in chain::entries(ConfigName::T2s, true) {
            // Phrases only (characters are the tables' own business), first entry of a
            // key only (an override shadows OpenCC's).
            if key.chars().count() < 2 || !seen.insert(key) {
                continue;
            }
            let value = value.split(' ').next().unwrap_or(value);
            // OpenCC's value keeps a Traditional 計 (不可貲計 → 不可赀計): t2s mends it.
            if value == "不可赀計" {
                continue;
            }
            let got = t2s(value);
            if got != value {
                damaged.push(format!(
                    "{value}\t{value}\t# {key} -> {value}; t2s made {got}"
                ));
            }
        }
        damaged.sort();
        damaged.dedup();
        assert!(
            damaged.is_empty(),
            "{} damaged:\n{}",
            damaged.len(),
            damaged.join("\n")
        );
    }

    #[test]
    fn changes_within_a_window_are_the_whole_texts_changes_there() {
        // The seeds in Traditional as one long line, and windows of every size at random
        // places: scanning from the sync point before a window to the one after finds the
        // changes a scan of the whole text finds inside it.
        let s2t = Converter::get(ConfigName::S2t);
        let conv = Converter::get(ConfigName::T2s);
        let mut text = s2t.convert(&crate::testing::seed_texts().concat().replace('\n', ""));
        // Characters that convert alone but not in these phrases: a window ending inside
        // a phrase must not see them alone.
        text.push_str(&"他登上瞭望塔，讀乾隆年間的著作。".repeat(3));
        let all = conv.changes(&text);
        assert!(all.len() > 1000);
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut rand = crate::testing::pseudo_random(7);
        let mut windows: Vec<Range<usize>> = text
            .match_indices(['瞭', '乾', '著'])
            .map(|(i, c)| i..i + c.len())
            .collect();
        for n in 0..20_000u64 {
            windows.push(if n % 2 == 0 {
                // From one change to another, as an edit merges them.
                let i = rand(all.len() as u64) as usize;
                let j = (i + [0, 1, 2, 5, 50][n as usize / 2 % 5]).min(all.len() - 1);
                all[i].0.start..all[j].0.end
            } else {
                let a = bounds[rand(bounds.len() as u64) as usize];
                let len = [0, 1, 3, 10, 100, 10_000][n as usize / 2 % 6];
                let b = bounds
                    .get(bounds.partition_point(|&x| x < a) + len)
                    .copied();
                a..b.unwrap_or(text.len())
            });
        }
        for w in windows {
            let want: Vec<_> = all
                .iter()
                .filter(|(r, _)| w.start <= r.start && r.end <= w.end)
                .cloned()
                .collect();
            assert_eq!(conv.changes_within(&text, w.clone()), Some(want), "{w:?}");
        }
    }

    #[test]
    fn the_embedded_image_is_what_the_dictionaries_compile_to() {
        // build.rs made T2S_IMAGE with these same sources; a stale or foreign image (another
        // daachorse, an edited dictionary not rebuilt) would differ here.
        let compiled = compile(ConfigName::T2s, true);
        assert!(
            compiled.image() == T2S_IMAGE,
            "t2s image differs from the dictionaries"
        );
        // And reading it back gives the same chain.
        assert!(chain::Chain::from_image(T2S_IMAGE).image() == T2S_IMAGE);
        for text in [
            "後來他們發現了",
            "一目瞭然",
            "著力",
            "\u{F902}車",
            "简体",
            "𠀾",
        ] {
            assert_eq!(t2s(text), compiled.convert(text), "{text}");
        }
    }

    #[test]
    fn the_embedded_end_lists_are_what_the_dictionaries_give() {
        let built = ends::EndLists::new(&dictionary_entries(ConfigName::T2s));
        assert!(
            built.image() == T2S_ENDS_IMAGE,
            "t2s end lists differ from the dictionaries"
        );
        assert!(t2s_end_lists().image() == T2S_ENDS_IMAGE);
    }

    #[test]
    fn the_embedded_charsets_are_what_the_dictionaries_give() {
        let derived = charsets::CharSets::derive(&compile(ConfigName::T2s, true));
        assert!(
            derived.image() == T2S_CHARSETS_IMAGE,
            "the gate's character sets differ from the dictionaries"
        );
    }

    #[test]
    fn dictionary_entries_cover_every_dictionary_of_the_chain() {
        let e = dictionary_entries(ConfigName::T2s);
        // Normalization, OpenCC's characters, zhclean's overrides.
        for pair in [("\u{F902}", "車"), ("國", "国"), ("著力", "着力")] {
            assert!(e.contains(&pair), "{pair:?}");
        }
        // Every character t2s changes on its own is a key.
        let c = Converter::get(ConfigName::T2s);
        for (k, _) in &e {
            for ch in k.chars() {
                let s = ch.to_string();
                if c.convert(&s) != s {
                    assert!(e.iter().any(|(k, _)| *k == s), "{ch}");
                }
            }
        }
        // tw2s adds its variants step.
        assert!(dictionary_entries(ConfigName::Tw2s).len() > e.len());
    }

    #[test]
    fn mainland_t2s() {
        for (from, to) in [
            ("鬆江鎮", "松江镇"),
            ("方麵著眼", "方面着眼"),
            ("曆史", "历史"),
            ("改製", "改制"),
            ("幹部", "干部"),
            ("著力", "着力"),
            ("著作", "著作"),
            ("著名", "著名"),
            ("顯著提高", "显著提高"),
            ("顯著重要", "显著重要"),
            ("臭名昭著", "臭名昭著"),
            ("土著居民", "土著居民"),
            ("名著重新出版", "名著重新出版"),
            ("這裡有著名的景點", "这里有著名的景点"),
            ("接著他說", "接着他说"),
            ("日本著名企業", "日本著名企业"),
            ("李白、杜甫等著名詩人", "李白、杜甫等著名诗人"),
            ("他本著實事求是的精神", "他本着实事求是的精神"),
            ("還沒有著落", "还没有着落"),
            ("隨著時間推移", "随着时间推移"),
            ("這意味著什麼", "这意味着什么"),
            ("沉著冷靜", "沉着冷静"),
            ("飛機著陸", "飞机着陆"),
            // 著 alone is the particle zhe after any verb; zhù words are guarded.
            ("發揮著先鋒模範作用", "发挥着先锋模范作用"),
            ("推動著經濟發展，看著", "推动着经济发展，看着"),
            ("派出所著力解決", "派出所着力解决"),
            ("保持著有效溝通", "保持着有效沟通"),
            ("彰明較著", "彰明较著"),
            ("著稱於世", "著称于世"),
            ("著作權", "著作权"),
            // A Simplified zhù word on a line the gate converts keeps its 著.
            ("效果显著，經濟", "效果显著，经济"),
            ("编著的書", "编著的书"),
            ("關鍵詞2", "关键词2"),
            // 瞭 is 了 but for liào (瞭望); 藉 is 借 but for jí and 慰藉; Hong Kong variants.
            (
                "為瞭發展，除瞭經驗，取得瞭成效",
                "为了发展，除了经验，取得了成效",
            ),
            (
                "瞭解情況，一目瞭然，登上瞭望塔",
                "了解情况，一目了然，登上瞭望塔",
            ),
            (
                "藉鑒經驗，藉此機會，憑藉優勢",
                "借鉴经验，借此机会，凭借优势",
            ),
            (
                "心靈的慰藉，杯盤狼藉，聲名藉藉",
                "心灵的慰藉，杯盘狼藉，声名藉藉",
            ),
            ("衞生署敍述", "卫生署叙述"),
            // OpenCC's names and music terms no longer take a preposition's 於 or the 徵
            // of 徵收 (the place 於潛鎮 keeps its 於), nor 朝著 / 明覆 the next word.
            (
                "關於單位職工，由於潛在風險，屬於戲劇類，位於倫敦，於潛鎮",
                "关于单位职工，由于潜在风险，属于戏剧类，位于伦敦，於潜镇",
            ),
            (
                "改變徵收方式，特徵調查，說明覆蓋範圍",
                "改变征收方式，特征调查，说明覆盖范围",
            ),
            (
                "宋朝著名詩人，江南一帶著名的古鎮",
                "宋朝著名诗人，江南一带著名的古镇",
            ),
            // A naive converter's variants and phrases come back.
            (
                "遼寜省谘詢中心，屋簷下，複蓋全縣，重複蓋章",
                "辽宁省咨询中心，屋檐下，覆盖全县，重复盖章",
            ),
            ("直角座標系，薰陶", "直角坐标系，熏陶"),
            // Simplified spellings stay.
            ("乾县、乾安县和菜薹", "乾县、乾安县和菜薹"),
        ] {
            assert_eq!(t2s(from), to, "{from}");
        }
        // Plain OpenCC keeps 著.
        assert_eq!(Converter::opencc(ConfigName::T2s).convert("著力"), "著力");
        assert_eq!(
            Converter::opencc(ConfigName::T2s).convert("發揮著"),
            "发挥著"
        );
    }

    #[test]
    fn taiwan_configs_keep_the_zhu_words_too() {
        // Taiwan's variant step writes 着 for every 著 but OpenCC's few zhù words; the
        // overrides' own (編著, 專著, 土著 …) are kept ahead of it.
        for name in [ConfigName::Tw2s, ConfigName::Tw2sp] {
            let c = Converter::get(name);
            assert_eq!(
                c.convert("編著、專著、論著、土著、卓著、著名，發揮著作用，著力"),
                "编著、专著、论著、土著、卓著、著名，发挥着作用，着力",
                "{}",
                name.as_str()
            );
        }
    }

    #[test]
    fn overrides_only_make_their_mainland_choices() {
        // Every override value must be OpenCC's own t2s of the key, except for the
        // characters the file is about, where the override says so: 著 → 着, 瞭 → 了,
        // 藉 → 借, 帐 → 账 in accounts, the Hong Kong and Taiwan variants 衞 → 卫, 敍 → 叙,
        // 枱 → 台, 粧 → 妆, 糭 → 粽, 衹 → 只 (衹 → 祇 in 神祇), 睪 → 睾, the variant characters
        // (寜 → 宁 …, 隄 → 堤), the phrases' mainland forms (谘 → 咨, 座 → 坐, 薰 → 熏,
        // 滤 → 泸, 复 → 覆 in 覆盖, 炼 → 链 in 产业链), 於 → 于 and 徵 → 征 where OpenCC
        // keeps them in a name or a music term, and the characters the Simplified spellings
        // keep (乾, 昇, 氾, 祕, 麽, 蒐, 釐, 於, 薹, 徵).
        const CHOICES: [(char, char); 41] = [
            ('著', '着'),
            ('瞭', '了'),
            ('藉', '借'),
            ('衞', '卫'),
            ('敍', '叙'),
            ('寜', '宁'),
            ('榖', '谷'),
            ('簷', '檐'),
            ('揹', '背'),
            ('伕', '夫'),
            ('暱', '昵'),
            ('撚', '捻'),
            ('堿', '碱'),
            ('痺', '痹'),
            ('隄', '堤'),
            ('帐', '账'),
            ('枱', '台'),
            ('粧', '妆'),
            ('糭', '粽'),
            ('衹', '只'),
            ('衹', '祇'),
            ('睪', '睾'),
            ('炼', '链'),
            ('苔', '薹'),
            ('谘', '咨'),
            ('座', '坐'),
            ('薰', '熏'),
            ('滤', '泸'),
            ('复', '覆'),
            ('於', '于'),
            ('徵', '征'),
            ('干', '乾'),
            ('升', '昇'),
            ('泛', '氾'),
            ('秘', '祕'),
            ('么', '麽'),
            ('搜', '蒐'),
            ('厘', '釐'),
            ('于', '於'),
            ('征', '徵'),
            ('升', '陞'),
        ];
        let plain = Converter::opencc(ConfigName::T2s);
        let text = include_str!("../../dictionaries/overrides-t2s.txt");
        let mut n = 0;
        for e in dict::parse(text) {
            let want: Vec<char> = plain.convert(e.key).chars().collect();
            let got: Vec<char> = e.value.chars().collect();
            assert_eq!(want.len(), got.len(), "{}", e.key);
            for (w, g) in want.iter().zip(&got) {
                assert!(
                    w == g || CHOICES.contains(&(*w, *g)),
                    "{} → {}: OpenCC gives {}",
                    e.key,
                    e.value,
                    plain.convert(e.key)
                );
            }
            n += 1;
        }
        assert!(n > 50, "{n} overrides");
        // Every line that is not a comment is an entry with a reason.
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let parts: Vec<&str> = line.split('\t').collect();
            assert!(
                parts.len() == 3 && parts[2].starts_with("# "),
                "override without a reason: {line}"
            );
        }
    }

    #[test]
    fn converting_into_a_used_buffer_replaces_its_content() {
        for name in [ConfigName::T2s, ConfigName::Tw2s] {
            let c = Converter::get(name);
            let mut buf = b"left over from an earlier, longer piece".to_vec();
            // Unchanged text: `false`, and the buffer is left alone.
            let simplified = "这是简体中文。";
            assert!(!c.convert_into(simplified, &mut buf) || buf == simplified.as_bytes());
            for text in ["一目瞭然", "著力於國", "a\u{F902}b", "這裡,臺灣"] {
                assert!(c.convert_into(text, &mut buf), "{name:?}: {text}");
                assert_eq!(buf, c.convert(text).as_bytes(), "{name:?}: {text}");
            }
        }
        let mut buf = b"kept".to_vec();
        assert!(!Converter::get(ConfigName::T2s).convert_into("简体", &mut buf));
        assert_eq!(buf, b"kept");
    }

    #[test]
    fn changes_are_narrow_and_map_to_the_input() {
        let c = Converter::get(ConfigName::T2s);
        let text = "一目瞭然，著力於國";
        let ch = c.changes(text);
        let shown: Vec<(&str, &str)> = ch.iter().map(|(r, s)| (&text[r.clone()], *s)).collect();
        assert_eq!(
            shown,
            vec![("瞭", "了"), ("著", "着"), ("於", "于"), ("國", "国")]
        );
        assert!(c.changes("这是简体中文，没有要改的。").is_empty());
    }

    #[test]
    fn multi_step_changes_map_to_the_input() {
        // tw2s: 裡 → 裏 (TWVariantsRev) → 里 (TSCharacters).
        let c = Converter::get(ConfigName::Tw2s);
        let text = "這裡,臺灣";
        assert_eq!(c.convert(text), "这里,台湾");
        let shown: Vec<(&str, &str)> = c
            .changes(text)
            .iter()
            .map(|(r, s)| (&text[r.clone()], *s))
            .collect();
        assert_eq!(
            shown,
            vec![("這", "这"), ("裡", "里"), ("臺", "台"), ("灣", "湾")]
        );
    }

    #[test]
    fn compatibility_ideographs_are_normalized_then_converted() {
        // U+F902 車 → 車 → 车; U+F901 更 → 更.
        assert_eq!(t2s("\u{F902}\u{F901}"), "车更");
        let c = Converter::get(ConfigName::T2s);
        let text = "a\u{F902}b\u{F901}";
        assert_eq!(c.changes(text), vec![(1..4, "车"), (5..8, "更")]);
    }

    #[test]
    fn seed_003_cleans_up() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/003_7609b782255e6d5f.txt"
        );
        let text = std::fs::read_to_string(path).expect("seed 003 is in the repository");
        let out = t2s(&text);
        for w in ["松江镇", "方面", "历史", "制度", "干部", "着力", "关键词2"] {
            assert!(out.contains(w), "{w} missing");
        }
        let left: String = out
            .chars()
            .filter(|&c| is_unambiguously_traditional(c))
            .collect();
        assert!(left.is_empty(), "still Traditional: {left}");
    }
}
