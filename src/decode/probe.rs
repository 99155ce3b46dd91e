//! Decoding a sample with one candidate encoding, without replacement: how many
//! malformed sequences, whether it ends inside a character, and the decoded start.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use super::freq::Score;

/// How a sample decodes with one encoding.
#[derive(Debug, Clone)]
pub(crate) struct Probe {
    pub encoding: &'static Encoding,
    /// Malformed sequences, not counting an incomplete character at the very end. A
    /// lower bound: the scan stops at the first one past the scored head.
    pub malformed: usize,
    /// The sample ends inside a character.
    pub incomplete_tail: bool,
    /// Malformed sequences within `head`.
    pub head_malformed: usize,
    /// Plausibility of the first [`SCORE_BYTES`] of decoded text.
    pub score: Score,
    /// The first [`SCORE_BYTES`] (about) of decoded text; malformed sequences are U+FFFD.
    pub head: String,
}

/// How much decoded text is scored and kept.
pub(crate) const SCORE_BYTES: usize = 64 * 1024;

impl Probe {
    pub fn clean(&self) -> bool {
        self.malformed == 0
    }

    /// Mean plausibility per character. Malformed sequences count against it, and so,
    /// mildly, does an incomplete last character: most files are not truncated, so a
    /// reading that needs the cut is a little less likely (this decides 2-character
    /// snippets; in longer texts it vanishes).
    pub fn mean(&self) -> f32 {
        let tail = usize::from(self.incomplete_tail);
        let s = &self.score;
        (s.sum - 4.0 * self.head_malformed as f32 - 1.5 * tail as f32)
            / (s.chars + self.head_malformed + tail).max(1) as f32
    }
}

/// Decodes `bytes` with `encoding` (no BOM handling), treating an incomplete character at
/// the end as the cut it is, not as an error.
pub(crate) fn probe(encoding: &'static Encoding, bytes: &[u8]) -> Probe {
    if encoding == UTF_8 {
        match super::utf8(bytes) {
            Ok(s) => return finish(encoding, 0, 0, false, head_of(s)),
            Err(e) if e.error_len().is_none() => {
                let s = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid prefix");
                return finish(encoding, 0, 0, true, head_of(s));
            }
            Err(_) => {}
        }
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut buf = vec![0u8; 16 * 1024];
    let mut head = String::new();
    let mut malformed = 0usize;
    let mut head_malformed = 0usize;
    let mut pos = 0usize;
    let keep = |out: &[u8], head: &mut String| {
        if head.len() < SCORE_BYTES {
            head.push_str(std::str::from_utf8(out).expect("decoder writes UTF-8"));
        }
    };
    loop {
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(&bytes[pos..], &mut buf, false);
        pos += read;
        keep(&buf[..written], &mut head);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(..) => {
                malformed += 1;
                if head.len() < SCORE_BYTES {
                    head.push('\u{FFFD}');
                    head_malformed += 1;
                } else {
                    // Scored and known not to be clean: reading on would only count.
                    return finish(encoding, malformed, head_malformed, false, head);
                }
            }
        }
    }
    // Whatever the decoder still holds is the start of a character cut off at the end.
    let (result, _, written) = decoder.decode_to_utf8_without_replacement(&[], &mut buf, true);
    keep(&buf[..written], &mut head);
    let incomplete_tail = matches!(result, DecoderResult::Malformed(..));
    finish(encoding, malformed, head_malformed, incomplete_tail, head)
}

fn head_of(s: &str) -> String {
    if s.len() <= SCORE_BYTES {
        return s.to_owned();
    }
    let mut end = SCORE_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

fn finish(
    encoding: &'static Encoding,
    malformed: usize,
    head_malformed: usize,
    incomplete_tail: bool,
    head: String,
) -> Probe {
    // Malformed sequences are scored through `head_malformed`, not as U+FFFD characters.
    let mut score = Score::default();
    let mut skip = head_malformed;
    for c in head.chars() {
        if c == '\u{FFFD}' && skip > 0 {
            skip -= 1;
            continue;
        }
        score.add(c);
    }
    Probe {
        encoding,
        malformed,
        head_malformed,
        incomplete_tail,
        score,
        head,
    }
}

/// Whether GB18030 bytes contain a four-byte sequence (a character outside GBK): lead
/// 81–FE, digit, 81–FE, digit, found by walking the byte structure.
pub(crate) fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let lead = |b: u8| (0x81..=0xFE).contains(&b);
    let digit = |b: u8| b.is_ascii_digit();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !lead(b) {
            i += 1;
        } else if bytes.len() >= i + 4
            && digit(bytes[i + 1])
            && lead(bytes[i + 2])
            && digit(bytes[i + 3])
        {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030, GBK, UTF_16LE};

    #[test]
    fn incomplete_tail_is_not_malformed() {
        let (b, _, _) = GBK.encode("工作总结");
        let p = probe(GBK, &b[..b.len() - 1]);
        assert_eq!(p.malformed, 0);
        assert!(p.incomplete_tail);
        assert_eq!(p.head, "工作总");

        let u = "工作总结".as_bytes();
        let p = probe(UTF_8, &u[..u.len() - 2]);
        assert!(p.clean() && p.incomplete_tail);

        let w: Vec<u8> = "工作"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let p = probe(UTF_16LE, &w[..3]);
        assert!(p.clean() && p.incomplete_tail);
        assert_eq!(p.head, "工");
    }

    #[test]
    fn malformed_are_counted() {
        let p = probe(BIG5, b"\xff\xff abc");
        assert_eq!(p.malformed, 2);
        assert!(!p.incomplete_tail);
        let p = probe(UTF_8, b"a\xffb");
        assert_eq!(p.malformed, 1);
        assert_eq!(p.head, "a\u{FFFD}b");
    }

    #[test]
    fn four_byte_sequences() {
        let (b, _, _) = GB18030.encode("工作𠀀");
        assert!(has_gb18030_four_byte(&b));
        let (b, _, _) = GB18030.encode("工作123");
        assert!(!has_gb18030_four_byte(&b));
        // UTF-8 followed by digits is not a four-byte sequence.
        assert!(!has_gb18030_four_byte("年2021年".as_bytes()));
    }
}
