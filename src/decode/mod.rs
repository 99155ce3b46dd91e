//! Decode: from a file's bytes to the decoded original text, losslessly or not at all.
//!
//! [`detect`] decides which encoding the bytes are in (see `detect.rs` for the layered
//! strategy); [`decode`] decodes them with that encoding and records every malformed
//! sequence with its byte offset, so undecodable bytes are reported, never silently
//! replaced. A [`Source`] is the result every later stage reads.

mod detect;
mod freq;
mod freq_tables;
mod lines;
mod mojibake;
mod probe;

pub use detect::{detect, detect_with, DetectOptions, SAMPLE};
pub use lines::{decode_per_line, LineEncoding, PerLine};
pub use mojibake::{find_mojibake, repair_mojibake, Mojibake, MojibakeKind};

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;

use crate::edit::LineIndex;

/// How sure the detector is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A guess between readings that are about as plausible.
    Low,
    /// One reading is better, without strong evidence.
    Medium,
    /// Strong evidence: valid UTF-8 with non-ASCII text, a clear UTF-16 pattern, or one
    /// legacy reading clearly more Chinese than the others.
    High,
    /// A byte-order mark, or an encoding forced by the user.
    Certain,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
            Confidence::Certain => "certain",
        }
    }
}

/// Line-ending style of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEndings {
    None,
    Lf,
    Crlf,
    Cr,
    Mixed,
}

impl LineEndings {
    pub fn of(text: &str) -> LineEndings {
        let b = text.as_bytes();
        let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            match b[i] {
                b'\n' if i > 0 && b[i - 1] == b'\r' => crlf += 1,
                b'\n' => lf += 1,
                _ if b.get(i + 1) == Some(&b'\n') => {}
                _ => cr += 1,
            }
        }
        match (lf > 0, crlf > 0, cr > 0) {
            (false, false, false) => LineEndings::None,
            (true, false, false) => LineEndings::Lf,
            (false, true, false) => LineEndings::Crlf,
            (false, false, true) => LineEndings::Cr,
            _ => LineEndings::Mixed,
        }
    }
}

/// The detector's verdict on a file's bytes.
#[derive(Debug, Clone)]
pub struct Detection {
    /// `None` for binary data.
    pub encoding: Option<&'static Encoding>,
    pub confidence: Confidence,
    /// One short phrase: why this encoding.
    pub reason: String,
    /// Other encodings that also decode the sampled bytes cleanly.
    pub alternatives: Vec<&'static Encoding>,
    /// Length of the byte-order mark (0 when none).
    pub bom_len: usize,
    pub binary: bool,
    /// Some lines are in one encoding, some in another.
    pub mixed: bool,
    /// The bytes end inside a multi-byte character (a truncated file).
    pub truncated: bool,
    /// For a `mixed` file: the other encoding some lines are in (`encoding` is the one
    /// most lines with non-ASCII bytes are in). [`decode_per_line`] decodes such files.
    pub secondary: Option<&'static Encoding>,
    /// Mojibake in text that decodes cleanly (GBK-read UTF-8, `锟斤拷`).
    pub mojibake: Option<Mojibake>,
    /// For binary data that is text but for its NUL bytes (a stray NUL, NUL padding): the
    /// encoding the rest reads as. Such a file is refused, not skipped as binary.
    pub nul_text: Option<&'static Encoding>,
}

impl Detection {
    /// The encoding's WHATWG label as encoding_rs spells it (`UTF-8`, `GBK`, `Big5` …).
    pub fn label(&self) -> Option<&'static str> {
        self.encoding.map(Encoding::name)
    }

    /// A detection forced by `--encoding LABEL`; a BOM of that encoding is still skipped.
    pub fn forced(encoding: &'static Encoding, bytes: &[u8]) -> Detection {
        let bom_len = match Encoding::for_bom(bytes) {
            Some((enc, len)) if enc == encoding => len,
            _ => 0,
        };
        Detection {
            encoding: Some(encoding),
            confidence: Confidence::Certain,
            reason: "forced by --encoding".into(),
            alternatives: Vec::new(),
            bom_len,
            binary: false,
            mixed: false,
            truncated: false,
            secondary: None,
            mojibake: None,
            nul_text: None,
        }
    }

    /// The legacy encoding to decode non-UTF-8 lines with, in per-line mode.
    pub fn per_line_legacy(&self) -> Option<&'static Encoding> {
        let enc = self.encoding?;
        Some(match self.secondary {
            Some(other) if enc == UTF_8 => other,
            _ => enc,
        })
    }
}

/// Looks up an encoding by a WHATWG label (`utf-8`, `gbk`, `gb18030`, `big5`, `utf-16le` …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    // encoding_rs maps the `replacement` and `x-user-defined` labels to encodings that are
    // not useful for text files; treat them as unknown.
    if enc == encoding_rs::REPLACEMENT || enc == encoding_rs::X_USER_DEFINED {
        return None;
    }
    Some(enc)
}

/// The result of decoding a file's bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text, without a BOM. Malformed sequences are U+FFFD here; callers that
    /// must be lossless refuse the text when `malformed > 0`.
    pub text: String,
    /// Number of malformed byte sequences.
    pub malformed: usize,
    /// Byte offsets (in the file) of the first malformed sequences, at most [`MAX_OFFSETS`].
    pub malformed_offsets: Vec<usize>,
    /// The bytes end inside a multi-byte character.
    pub truncated: bool,
}

/// How many malformed offsets [`decode`] keeps.
pub const MAX_OFFSETS: usize = 64;

impl Decoded {
    pub fn is_lossless(&self) -> bool {
        self.malformed == 0
    }

    pub fn first_malformed_offset(&self) -> Option<usize> {
        self.malformed_offsets.first().copied()
    }
}

/// `std::str::from_utf8` with a SIMD check first: valid input (the common case) is
/// validated several times faster; invalid input gets std's error (offsets and all).
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// `bytes` as a `String` when they are UTF-8, checked with simdutf8 (std's check takes
/// several times longer: for a large decoded text or diff, as long as making it).
pub fn utf8_string(bytes: Vec<u8>) -> Option<String> {
    simdutf8::basic::from_utf8(&bytes).ok()?;
    // SAFETY: validated as UTF-8 just above.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

/// [`decode`] taking the bytes: valid UTF-8 becomes the text in place (no copy, and the
/// file's bytes and its text are never held twice); anything else is decoded and the bytes
/// dropped.
pub fn decode_owned(mut bytes: Vec<u8>, encoding: &'static Encoding, bom_len: usize) -> Decoded {
    if encoding == UTF_8 && utf8(&bytes[bom_len.min(bytes.len())..]).is_ok() {
        bytes.drain(..bom_len.min(bytes.len()));
        // SAFETY: validated as UTF-8 just above (simdutf8; std's check would take as long
        // as the rest of decoding), and dropping a BOM prefix keeps it valid.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return Decoded {
            text,
            malformed: 0,
            malformed_offsets: Vec::new(),
            truncated: false,
        };
    }
    decode(&bytes, encoding, bom_len)
}

/// Decodes `bytes` (a whole file) with `encoding`, skipping `bom_len` bytes of BOM, and
/// records every malformed sequence with its byte offset in the file.
pub fn decode(bytes: &[u8], encoding: &'static Encoding, bom_len: usize) -> Decoded {
    let body = &bytes[bom_len.min(bytes.len())..];
    // Fast path: valid UTF-8 needs no decoder.
    if encoding == UTF_8 {
        if let Ok(s) = utf8(body) {
            return Decoded {
                text: s.to_owned(),
                malformed: 0,
                malformed_offsets: Vec::new(),
                truncated: false,
            };
        }
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // Decoded in steps into zeroed room at the end of a byte buffer that grows as a
    // vector does. Decoding into a `String` zero-fills all its spare capacity first, and
    // a worst-case capacity (three bytes per input byte) would be touched whole: twice the
    // memory the text needs for GBK and Big5.
    // `out[..filled]` is the text so far, the rest zeroed room; a call returns at every
    // malformed sequence, so room left over is kept for the next call, not zeroed again.
    const STEP: usize = 1 << 20;
    /// Enough for any one character or U+FFFD.
    const MIN_ROOM: usize = 8;
    let mut out: Vec<u8> = Vec::new();
    // Room for the usual worst case reserved up front: address space only, as pages are
    // touched when a step fills them. A buffer grown by doubling is copied at each step,
    // and for a moment held twice (an allocator that cannot remap a large block copies
    // it), and so is one shrunk to less than half its room (see below). Double-byte text
    // (GBK, Big5, UTF-16) takes at most three bytes of UTF-8 per two; only single bytes
    // that stand for a non-ASCII character (rare here) may grow it further.
    let usual = body.len() + body.len() / 2 + STEP;
    out.reserve_exact(
        decoder
            .max_utf8_buffer_length_without_replacement(body.len())
            .map_or(usual, |n| n.min(usual)),
    );
    let mut filled = 0usize;
    let mut malformed = 0usize;
    let mut offsets = Vec::new();
    let mut truncated = false;
    let mut consumed = 0usize;
    loop {
        if out.len() - filled < MIN_ROOM {
            let room = decoder
                .max_utf8_buffer_length_without_replacement(body.len() - consumed)
                .map_or(STEP, |n| n.min(STEP))
                .max(MIN_ROOM);
            out.resize(out.len() + room, 0);
        }
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(&body[consumed..], &mut out[filled..], true);
        filled += written;
        consumed += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                // The next round gives more room.
            }
            DecoderResult::Malformed(bad, after) => {
                // The malformed sequence is `bad` bytes ending `after` bytes before `consumed`.
                let start = consumed - after as usize - bad as usize;
                if consumed == body.len()
                    && after == 0
                    && is_incomplete_tail(encoding, &body[start..])
                {
                    truncated = true;
                }
                malformed += 1;
                if offsets.len() < MAX_OFFSETS {
                    offsets.push(bom_len + start);
                }
                let fffd = "\u{FFFD}".as_bytes();
                if out.len() - filled < fffd.len() {
                    out.resize(filled + STEP, 0);
                }
                out[filled..filled + fffd.len()].copy_from_slice(fffd);
                filled += fffd.len();
            }
        }
    }
    out.truncate(filled);
    // The decoder writes UTF-8 only; checked anyway (a few ms for 70 MB).
    let mut text = utf8_string(out).expect("encoding_rs writes UTF-8");
    // Unused room is given back: the text lives through the whole pipeline.
    text.shrink_to_fit();
    Decoded {
        text,
        malformed,
        malformed_offsets: offsets,
        truncated,
    }
}

/// Whether `tail` (the last bytes of a file, reported malformed) is only the start of a
/// character that the file was cut in.
fn is_incomplete_tail(encoding: &'static Encoding, tail: &[u8]) -> bool {
    if tail.is_empty() {
        return false;
    }
    if encoding == UTF_8 {
        let need = match tail[0] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return false,
        };
        return tail.len() < need && tail[1..].iter().all(|b| (0x80..0xC0).contains(b));
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return tail.len() == 1 || tail.len() == 3 || tail.len() == 2;
    }
    // Double-byte encodings: a lone lead byte (or GB18030's 2-3 bytes of a 4-byte sequence).
    tail.len() <= 3 && tail[0] >= 0x81
}

/// The decoded original and what is known about where it came from. Every later stage
/// reads this.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub encoding: &'static Encoding,
    pub confidence: Confidence,
    pub bom: bool,
    pub line_endings: LineEndings,
    pub index: LineIndex,
}

impl Source {
    pub fn new(
        text: String,
        encoding: &'static Encoding,
        confidence: Confidence,
        bom: bool,
    ) -> Source {
        let index = LineIndex::new(&text);
        let line_endings = LineEndings::of(&text);
        Source {
            text,
            encoding,
            confidence,
            bom,
            line_endings,
            index,
        }
    }

    /// A source from text that is already decoded (stdin of `convert`, library callers).
    pub fn from_text(text: impl Into<String>) -> Source {
        Source::new(text.into(), UTF_8, Confidence::Certain, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    #[test]
    fn malformed_offsets_are_file_offsets() {
        let mut bytes = "一二".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice("三".as_bytes());
        let d = decode(&bytes, UTF_8, 0);
        assert_eq!(d.malformed, 1);
        assert_eq!(d.malformed_offsets, vec![6]);
        assert!(!d.truncated);
    }

    #[test]
    fn bom_offset_is_counted() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"ab\xFFc");
        let d = decode(&bytes, UTF_8, 3);
        assert_eq!(d.malformed_offsets, vec![5]);
        assert_eq!(d.text, "ab\u{FFFD}c");
    }

    #[test]
    fn gbk_roundtrip_and_truncation() {
        let (bytes, _, _) = GBK.encode("松江镇工作");
        let d = decode(&bytes, GBK, 0);
        assert!(d.is_lossless());
        assert_eq!(d.text, "松江镇工作");
        let d = decode(&bytes[..bytes.len() - 1], GBK, 0);
        assert_eq!(d.malformed, 1);
        assert!(d.truncated);
    }

    #[test]
    fn a_text_longer_than_a_decoding_step_is_whole_with_every_bad_byte_placed() {
        // Several decoding steps (1 MiB of room each), bad bytes (in place of line ends)
        // on both sides of the first step's end, and a cut last character.
        let line = "松江镇2023年工作总结, 方面与历史。\n";
        let text = line.repeat(60_000);
        let mut bytes = GBK.encode(&text).0.to_vec();
        let line_bytes = GBK.encode(line).0.len();
        let ends = [20_000 * line_bytes - 1, 40_000 * line_bytes - 1];
        for &p in &ends {
            assert_eq!(bytes[p], b'\n');
            bytes[p] = 0xFF;
        }
        bytes.push(0x81);
        let d = decode(&bytes, GBK, 0);
        assert_eq!(d.malformed, 3);
        assert_eq!(d.malformed_offsets, vec![ends[0], ends[1], bytes.len() - 1]);
        assert!(d.truncated);
        assert!(d.text.len() > 2 << 20, "more than two steps");
        let mut want = text.clone();
        for k in [40_000, 20_000] {
            let p = k * line.len() - 1;
            want.replace_range(p..p + 1, "\u{FFFD}");
        }
        want.push('\u{FFFD}');
        assert!(d.text == want, "the decoded text differs");
    }

    #[test]
    fn line_endings() {
        assert_eq!(LineEndings::of("a\r\nb\r\n"), LineEndings::Crlf);
        assert_eq!(LineEndings::of("a\nb"), LineEndings::Lf);
        assert_eq!(LineEndings::of("a\r\nb\n"), LineEndings::Mixed);
        assert_eq!(LineEndings::of("ab"), LineEndings::None);
    }
}

/// What `zhclean detect` reports about one file.
#[derive(Debug, Clone, Serialize)]
pub struct DetectRecord {
    pub path: String,
    /// WHATWG label (`UTF-8`, `UTF-16LE`, `GBK`, `gb18030`, `Big5` …); `null` for binary.
    pub encoding: Option<&'static str>,
    pub confidence: Confidence,
    pub reason: String,
    /// Other encodings that also decode the sampled bytes cleanly.
    pub alternatives: Vec<&'static str>,
    pub bom: bool,
    pub binary: bool,
    /// Some bytes cannot be decoded with the detected encoding.
    pub lossy: bool,
    pub malformed: usize,
    pub first_malformed_offset: Option<usize>,
    /// The bytes end inside a character (a truncated file); not counted as malformed.
    pub truncated: bool,
    pub mixed: bool,
    pub line_endings: Option<LineEndings>,
    /// `simplified`, `traditional` or `mixed`; `null` when there is no Han text.
    pub script: Option<&'static str>,
    /// Share of unambiguously Traditional characters among Han characters.
    pub traditional_share: f64,
    pub size: u64,
    /// Mojibake in the decoded text: `{kind: "utf8-read-as-gbk" | "kunjinkao", repairable,
    /// common_share, repaired_common_share, runs}`; `null` when none.
    pub mojibake: Option<Mojibake>,
    /// For a mixed file, the other encoding some lines are in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary: Option<&'static str>,
    /// For a file that is text but for its NUL bytes, the encoding the rest reads as
    /// (`clean` refuses it with an error; a binary file is skipped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nul_text: Option<&'static str>,
    /// Per-line mode only: each line with non-ASCII bytes, decoded on its own:
    /// `{line (1-based), encoding, malformed}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<LineEncoding>>,
}

/// Options for [`record_with`].
#[derive(Debug, Clone, Default)]
pub struct RecordOptions {
    /// Decode each line on its own (UTF-8 or the file's legacy encoding) and list the
    /// lines; `lossy`, `malformed` and `first_malformed_offset` then describe that decoding.
    pub per_line: bool,
}

/// The encodings other than `chosen` (among UTF-16LE/BE, GBK and Big5) that decode
/// `sample` without a malformed sequence (a character cut at the end allowed).
fn clean_readings(sample: &[u8], chosen: Option<&'static Encoding>) -> Vec<&'static str> {
    [UTF_16LE, UTF_16BE, encoding_rs::GBK, encoding_rs::BIG5]
        .into_iter()
        .filter(|&e| Some(e) != chosen)
        .filter(|&e| {
            let d = decode(sample, e, 0);
            d.malformed == usize::from(d.truncated)
        })
        .map(|e| e.name())
        .collect()
}

/// Detects and decodes `bytes` and describes the result.
pub fn record(path: &str, bytes: &[u8]) -> DetectRecord {
    record_with(path, bytes, &RecordOptions::default())
}

/// [`record`] with options.
pub fn record_with(path: &str, bytes: &[u8], opts: &RecordOptions) -> DetectRecord {
    let det = detect(bytes);
    let mut rec = DetectRecord {
        path: path.to_string(),
        encoding: det.label(),
        confidence: det.confidence,
        reason: det.reason.clone(),
        alternatives: if det.alternatives.is_empty() && det.encoding.is_some() && det.bom_len == 0 {
            // The detector's fast path for plain UTF-8 does not try the other readings.
            clean_readings(&bytes[..bytes.len().min(SAMPLE)], det.encoding)
        } else {
            det.alternatives.iter().map(|e| e.name()).collect()
        },
        bom: det.bom_len > 0,
        binary: det.binary,
        lossy: false,
        malformed: 0,
        first_malformed_offset: None,
        truncated: det.truncated,
        mixed: det.mixed,
        line_endings: None,
        script: None,
        traditional_share: 0.0,
        size: bytes.len() as u64,
        mojibake: det.mojibake.clone(),
        secondary: det.secondary.map(Encoding::name),
        nul_text: det.nul_text.map(Encoding::name),
        lines: None,
    };
    if let Some(enc) = det.encoding {
        let mut d = decode(bytes, enc, det.bom_len);
        if opts.per_line {
            let legacy = det.per_line_legacy().unwrap_or(enc);
            let p = decode_per_line(bytes, legacy, det.bom_len);
            d = Decoded {
                text: p.text,
                malformed: p.malformed + usize::from(p.truncated),
                malformed_offsets: p.malformed_offsets,
                truncated: p.truncated,
            };
            rec.lines = Some(p.lines);
        }
        // A character cut off at the end of a truncated file is not lossy.
        let cut = usize::from(d.truncated);
        rec.malformed = d.malformed - cut;
        rec.lossy = rec.malformed > 0;
        rec.truncated |= d.truncated;
        rec.first_malformed_offset = if rec.lossy {
            d.first_malformed_offset()
        } else {
            None
        };
        rec.line_endings = Some(LineEndings::of(&d.text));
        let mix = crate::convert::script_mix(&d.text);
        if mix.han > 0 {
            rec.script = Some(mix.label());
            rec.traditional_share = (mix.traditional_share() * 10000.0).round() / 10000.0;
        }
    }
    rec
}
