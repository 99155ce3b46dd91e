//! Encoding detection.
//!
//! Layered: empty → BOM → UTF-16 by NUL pattern → strict UTF-8 → binary → chardetng.

use encoding_rs::{Encoding, GBK, UTF_16BE, UTF_16LE, UTF_8};

use super::{Confidence, Detection};

/// How much of a file the detector reads.
pub const SAMPLE: usize = 1 << 20;

/// Options for [`detect_with`].
#[derive(Debug, Clone, Default)]
pub struct DetectOptions {}

/// Detects the encoding of `bytes` (a whole file or a prefix of one).
pub fn detect(bytes: &[u8]) -> Detection {
    detect_with(bytes, &DetectOptions::default())
}

pub fn detect_with(bytes: &[u8], _opts: &DetectOptions) -> Detection {
    let mk = |enc: Option<&'static Encoding>, confidence, reason: &str| Detection {
        encoding: enc,
        confidence,
        reason: reason.to_string(),
        alternatives: Vec::new(),
        bom_len: 0,
        binary: enc.is_none(),
        mixed: false,
        truncated: false,
    };
    if bytes.is_empty() {
        return mk(Some(UTF_8), Confidence::High, "empty file");
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let mut d = mk(Some(enc), Confidence::Certain, "byte-order mark");
        d.bom_len = len;
        return d;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let cut = sample.len() < bytes.len();
    if let Some(enc) = utf16_by_nuls(sample) {
        return mk(Some(enc), Confidence::High, "NUL-byte pattern of UTF-16");
    }
    match std::str::from_utf8(sample) {
        Ok(s) => {
            let non_ascii = !s.is_ascii();
            return mk(
                Some(UTF_8),
                if non_ascii {
                    Confidence::High
                } else {
                    Confidence::Medium
                },
                if non_ascii {
                    "valid UTF-8"
                } else {
                    "ASCII only"
                },
            );
        }
        Err(e) if e.error_len().is_none() => {
            let mut d = mk(
                Some(UTF_8),
                Confidence::High,
                "valid UTF-8 (cut inside a character)",
            );
            d.truncated = !cut;
            return d;
        }
        Err(_) => {}
    }
    if looks_binary(sample) {
        return mk(None, Confidence::High, "control bytes: binary data");
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(sample, !cut);
    let (guess, sure) = det.guess_assess(None, true);
    let guess = if guess == GBK { GBK } else { guess };
    mk(
        Some(guess),
        if sure {
            Confidence::Medium
        } else {
            Confidence::Low
        },
        "chardetng guess",
    )
}

/// UTF-16 text with Latin, digits or ASCII punctuation has NULs in every other byte.
fn utf16_by_nuls(sample: &[u8]) -> Option<&'static Encoding> {
    let n = sample.len() / 2 * 2;
    if n < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample[..n].chunks_exact(2) {
        even += (pair[0] == 0) as usize;
        odd += (pair[1] == 0) as usize;
    }
    let pairs = n / 2;
    if odd * 10 >= pairs && even * 50 < pairs.max(1) {
        Some(UTF_16LE)
    } else if even * 10 >= pairs && odd * 50 < pairs.max(1) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NULs and C0 controls other than whitespace and ESC mean binary data.
fn looks_binary(sample: &[u8]) -> bool {
    let ctrl = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    ctrl * 100 > sample.len() || sample.contains(&0)
}
