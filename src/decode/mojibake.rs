//! Mojibake in text that decodes cleanly: UTF-8 bytes that were once read as GBK and
//! saved again (`鐨勪竴` for `的一`), and `锟斤拷` runs (U+FFFD's UTF-8 bytes read as GBK,
//! the original text is gone).

use encoding_rs::{GBK, UTF_8};
use serde::Serialize;

use super::freq::Score;

/// What kind of mojibake a text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MojibakeKind {
    /// UTF-8 read as GBK and saved again; repairable with [`repair_mojibake`].
    #[serde(rename = "utf8-read-as-gbk")]
    Utf8ReadAsGbk,
    /// `锟斤拷` runs: the bytes of U+FFFD read as GBK; the original text is lost.
    #[serde(rename = "kunjinkao")]
    Kunjinkao,
}

impl MojibakeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MojibakeKind::Utf8ReadAsGbk => "utf8-read-as-gbk",
            MojibakeKind::Kunjinkao => "kunjinkao",
        }
    }
}

/// Mojibake found in a decoded text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mojibake {
    pub kind: MojibakeKind,
    /// Whether [`repair_mojibake`] restores the text.
    pub repairable: bool,
    /// Share of common Han characters among Han characters, before and after the repair
    /// (`utf8-read-as-gbk`); for `kunjinkao`, the number of `锟斤拷` runs is in `runs`.
    pub common_share: f32,
    pub repaired_common_share: Option<f32>,
    pub runs: usize,
}

const KUNJINKAO: &str = "锟斤拷";

/// Minimum Han characters before the GBK-read-UTF-8 test is trusted.
const MIN_HAN: usize = 6;

/// Looks for mojibake in `text` (decoded cleanly from its bytes).
pub fn find_mojibake(text: &str) -> Option<Mojibake> {
    // memchr's searcher: std's `matches` (two-way) took a fifth of this test's time on the
    // 4 KiB that detection checks of every UTF-8 file.
    let runs = memchr::memmem::find_iter(text.as_bytes(), KUNJINKAO).count();
    let score = Score::counts_of(text);
    if runs > 0 {
        return Some(Mojibake {
            kind: MojibakeKind::Kunjinkao,
            repairable: false,
            common_share: score.common_share(),
            repaired_common_share: None,
            runs,
        });
    }
    // Real Chinese text is mostly common characters; GBK-read UTF-8 is mostly GB2312
    // level-2 and GBK-extension characters (UTF-8 lead bytes E4–E9 are level-2 rows).
    if score.han < MIN_HAN || score.common_share() >= 0.6 {
        return None;
    }
    let repaired = reverse_gbk(text)?;
    let after = Score::counts_of(&repaired);
    if clearly_better(&score, &after) {
        Some(Mojibake {
            kind: MojibakeKind::Utf8ReadAsGbk,
            repairable: true,
            common_share: score.common_share(),
            repaired_common_share: Some(after.common_share()),
            runs: 0,
        })
    } else {
        None
    }
}

fn clearly_better(before: &Score, after: &Score) -> bool {
    after.han >= MIN_HAN / 2
        && after.common_share() >= 0.8
        && after.common_share() >= before.common_share() + 0.3
}

/// Repairs UTF-8 that was read as GBK: re-encodes the text as GBK and decodes the bytes
/// as UTF-8. Returns `None` when the text is not that kind of mojibake, i.e. when the
/// repair does not clearly raise the share of common Han characters.
pub fn repair_mojibake(text: &str) -> Option<String> {
    let before = Score::counts_of(text);
    if before.han < MIN_HAN {
        return None;
    }
    let repaired = reverse_gbk(text)?;
    clearly_better(&before, &Score::counts_of(&repaired)).then_some(repaired)
}

/// GBK bytes of `text` decoded as UTF-8. Characters GBK cannot encode (U+FFFD left by the
/// first misreading, emoji …) keep their UTF-8 bytes, so they survive unchanged.
fn reverse_gbk(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut encoder = GBK.new_encoder();
    let mut buf = [0u8; 8];
    let mut unmappable = 0usize;
    for c in text.chars() {
        if c.is_ascii() {
            bytes.push(c as u8);
            continue;
        }
        let mut s = [0u8; 4];
        let src = c.encode_utf8(&mut s);
        let (result, _, written) =
            encoder.encode_from_utf8_without_replacement(src, &mut buf, false);
        match result {
            encoding_rs::EncoderResult::InputEmpty => bytes.extend_from_slice(&buf[..written]),
            _ => {
                unmappable += 1;
                bytes.extend_from_slice(src.as_bytes());
            }
        }
    }
    if unmappable * 4 > text.chars().count() {
        return None;
    }
    let (out, _) = UTF_8.decode_without_bom_handling(&bytes);
    Some(out.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_gbk_mojibake(s: &str) -> String {
        GBK.decode_without_bom_handling(s.as_bytes()).0.into_owned()
    }

    #[test]
    fn utf8_read_as_gbk_is_found_and_repaired() {
        let orig = "我们的工作取得了新的进展，全年完成投资一百亿元。";
        let m = as_gbk_mojibake(orig);
        let found = find_mojibake(&m).expect("mojibake");
        assert_eq!(found.kind, MojibakeKind::Utf8ReadAsGbk);
        assert!(found.repairable);
        let fixed = repair_mojibake(&m).expect("repair");
        // Odd tails may be lost in the first misreading; the rest comes back.
        assert!(fixed.contains("我们的工作取得了新的进展"), "{fixed}");
    }

    #[test]
    fn clean_text_is_left_alone() {
        let t = "我们的工作取得了新的进展，全年完成投资一百亿元。";
        assert_eq!(find_mojibake(t), None);
        assert_eq!(repair_mojibake(t), None);
        assert_eq!(find_mojibake("鬱鬱蔥蔥的山林，龍飛鳳舞的書法。"), None);
    }

    #[test]
    fn kunjinkao_is_unrecoverable() {
        let m = "锟斤拷锟斤拷锟斤拷abc锟斤拷";
        let found = find_mojibake(m).expect("kunjinkao");
        assert_eq!(found.kind, MojibakeKind::Kunjinkao);
        assert!(!found.repairable);
        assert_eq!(found.runs, 4);
        assert_eq!(repair_mojibake(m), None);
    }
}
