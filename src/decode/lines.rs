//! Files whose lines are in different encodings (some UTF-8, some GBK or Big5): finding
//! them, and decoding each line on its own.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;

use super::freq::Score;
use super::probe::probe;

/// How one line was decoded in per-line mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineEncoding {
    /// 1-based line number.
    pub line: usize,
    /// WHATWG label of the encoding the line was decoded with.
    pub encoding: &'static str,
    /// Malformed sequences in the line with that encoding.
    pub malformed: usize,
}

/// The result of decoding line by line.
#[derive(Debug, Clone)]
pub struct PerLine {
    /// The decoded text (malformed sequences are U+FFFD).
    pub text: String,
    /// Lines with non-ASCII bytes and the encoding each was decoded with; ASCII lines
    /// decode the same in every candidate and are left out.
    pub lines: Vec<LineEncoding>,
    /// Malformed sequences (an incomplete character at the very end is not one).
    pub malformed: usize,
    /// File offsets of the first malformed sequences, at most [`super::MAX_OFFSETS`].
    pub malformed_offsets: Vec<usize>,
    /// The bytes end inside a character.
    pub truncated: bool,
}

/// Which of `UTF-8` and `legacy` suits one line (with non-ASCII bytes) better: UTF-8 when
/// the line is valid UTF-8 and reads at least as plausibly as with `legacy`.
pub(crate) fn line_is_utf8(line: &[u8], legacy: &'static Encoding) -> bool {
    let Ok(s) = std::str::from_utf8(line) else {
        return false;
    };
    let p = probe(legacy, line);
    Score::of(s).mean(0) >= p.mean()
}

/// A UTF-8 line with a few bad bytes (a stray byte, a cut character) rather than a line
/// in another encoding: far more well-formed multi-byte characters than damaged spots. Such a line makes the file lossy UTF-8, not mixed.
pub(crate) fn damaged_utf8(line: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = line;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                good += std::str::from_utf8(valid)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                // Malformed sequences with nothing valid between them are one damaged spot
                // (a stray byte inside a character leaves three or four).
                if e.valid_up_to() > 0 || bad == 0 {
                    bad += 1;
                }
                match e.error_len() {
                    Some(n) => rest = &rest[e.valid_up_to() + n..],
                    None => break,
                }
            }
        }
    }
    bad > 0 && good >= 8 * bad
}

/// Splits after each `\n` (the last line may lack one).
pub(crate) fn split_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes.split_inclusive(|&b| b == b'\n')
}

/// Counts lines with non-ASCII bytes that are UTF-8 and that are `legacy`, in `sample`.
pub(crate) fn line_mix(sample: &[u8], legacy: &'static Encoding) -> (usize, usize) {
    let (mut utf8, mut other) = (0, 0);
    for line in split_lines(sample) {
        if line.is_ascii() {
            continue;
        }
        if line_is_utf8(line, legacy) || damaged_utf8(line) {
            utf8 += 1;
        } else {
            other += 1;
        }
    }
    (utf8, other)
}

/// Decodes `bytes` line by line: each line with non-ASCII bytes as UTF-8 when it is valid
/// UTF-8 that reads better than with `legacy`, otherwise with `legacy`. UTF-16 cannot be
/// split on a `\n` byte, so UTF-16 input is decoded whole (and `lines` is empty).
pub fn decode_per_line(bytes: &[u8], legacy: &'static Encoding, bom_len: usize) -> PerLine {
    if legacy == UTF_16LE || legacy == UTF_16BE {
        let d = super::decode(bytes, legacy, bom_len);
        return PerLine {
            text: d.text,
            lines: Vec::new(),
            malformed: d.malformed - usize::from(d.truncated),
            malformed_offsets: d.malformed_offsets,
            truncated: d.truncated,
        };
    }
    let body = &bytes[bom_len.min(bytes.len())..];
    let mut text = String::with_capacity(body.len() * 3 / 2);
    let mut lines = Vec::new();
    let mut malformed = 0;
    let mut offsets = Vec::new();
    let mut truncated = false;
    let mut start = bom_len;
    for (i, line) in split_lines(body).enumerate() {
        let line_start = start;
        start += line.len();
        if line.is_ascii() {
            text.push_str(std::str::from_utf8(line).expect("ASCII"));
            continue;
        }
        let enc = if legacy == UTF_8 || line_is_utf8(line, legacy) {
            UTF_8
        } else {
            legacy
        };
        let mut d = super::decode(line, enc, 0);
        // Only the file's last line can end inside a character.
        let cut = d.truncated && start == bytes.len();
        truncated |= cut;
        if cut {
            d.malformed_offsets.pop();
        }
        let bad = d.malformed - usize::from(cut);
        malformed += bad;
        for off in d.malformed_offsets.iter().take(bad) {
            if offsets.len() < super::MAX_OFFSETS {
                offsets.push(line_start + off);
            }
        }
        text.push_str(&d.text);
        lines.push(LineEncoding {
            line: i + 1,
            encoding: enc.name(),
            malformed: bad,
        });
    }
    PerLine {
        text,
        lines,
        malformed,
        malformed_offsets: offsets,
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    #[test]
    fn a_utf8_line_with_a_stray_byte_is_damaged_utf8_not_gbk() {
        let mut line = "全镇经济社会持续健康发展，各项事业稳步推进。"
            .as_bytes()
            .to_vec();
        line.insert(7, 0xFF);
        assert!(damaged_utf8(&line));
        let (gbk, _, _) = encoding_rs::GBK.encode("全镇经济社会持续健康发展，各项事业稳步推进。");
        assert!(!damaged_utf8(&gbk), "a GBK line is not damaged UTF-8");
    }

    #[test]
    fn alternating_lines_decode_losslessly() {
        let lines = ["第一行是统一码。", "第二行是国标码。", "第三行又是统一码。"];
        let mut bytes = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i % 2 == 0 {
                bytes.extend_from_slice(l.as_bytes());
            } else {
                bytes.extend_from_slice(&GBK.encode(l).0);
            }
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(b"ascii tail\n");
        assert_eq!(line_mix(&bytes, GBK), (2, 1));
        let p = decode_per_line(&bytes, GBK, 0);
        assert_eq!(p.malformed, 0);
        assert_eq!(
            p.text,
            format!("{}\n{}\n{}\nascii tail\n", lines[0], lines[1], lines[2])
        );
        let encs: Vec<_> = p.lines.iter().map(|l| (l.line, l.encoding)).collect();
        assert_eq!(encs, vec![(1, "UTF-8"), (2, "GBK"), (3, "UTF-8")]);
        // A bad byte in a GBK line is reported at its file offset.
        let mut bad = bytes.clone();
        let at = lines[0].len() + 1 + 2;
        bad.insert(at, 0xFF);
        let p = decode_per_line(&bad, GBK, 0);
        assert_eq!(p.malformed, 1);
        assert_eq!(p.malformed_offsets, vec![at]);
    }
}
