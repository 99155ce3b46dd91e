//! detect + decode on arbitrary bytes: no panic, and what the detector and decoder report
//! is consistent with the bytes.
#![no_main]

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use libfuzzer_sys::fuzz_target;
use zhclean::decode::{self, Decoded, MAX_OFFSETS};

fn check_decoded(bytes: &[u8], enc: &'static Encoding, bom_len: usize, d: &Decoded) {
    assert_eq!(
        d.malformed_offsets.len(),
        d.malformed.min(MAX_OFFSETS),
        "{}: offsets kept vs malformed",
        enc.name()
    );
    assert!(
        d.malformed_offsets.windows(2).all(|w| w[0] < w[1]),
        "{}: offsets not increasing {:?}",
        enc.name(),
        d.malformed_offsets
    );
    assert!(
        d.malformed_offsets
            .iter()
            .all(|&o| o >= bom_len && o < bytes.len()),
        "{}: offset outside the body {:?} (bom {bom_len}, {} bytes)",
        enc.name(),
        d.malformed_offsets,
        bytes.len()
    );
    assert!(
        d.text.matches('\u{FFFD}').count() >= d.malformed,
        "{}: fewer U+FFFD than malformed sequences",
        enc.name()
    );
    if d.truncated {
        assert!(
            d.malformed > 0,
            "{}: truncated but nothing malformed",
            enc.name()
        );
    }
    let body = &bytes[bom_len.min(bytes.len())..];
    if d.is_lossless() {
        // The encodings whose decoders are bijective round-trip exactly.
        if enc == UTF_8 {
            assert_eq!(d.text.as_bytes(), body, "lossless UTF-8 is the bytes");
        } else if enc == UTF_16LE || enc == UTF_16BE {
            let re: Vec<u8> = d
                .text
                .encode_utf16()
                .flat_map(|u| {
                    if enc == UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            assert_eq!(re, body, "lossless UTF-16 round-trips");
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let det = decode::detect(bytes);
    assert!(det.bom_len <= bytes.len(), "BOM longer than the file");
    assert_eq!(det.binary, det.encoding.is_none(), "binary iff no encoding");
    if let Some(enc) = det.encoding {
        let d = decode::decode(bytes, enc, det.bom_len);
        check_decoded(bytes, enc, det.bom_len, &d);
        if let Some(legacy) = det.per_line_legacy() {
            let p = decode::decode_per_line(bytes, legacy, det.bom_len);
            assert!(
                p.malformed_offsets.iter().all(|&o| o < bytes.len()),
                "per-line offset outside the file"
            );
        }
    }
    // Every encoding the detector can answer, forced, keeps the decoder's invariants.
    for enc in [UTF_8, GBK, GB18030, BIG5, UTF_16LE, UTF_16BE] {
        let det = decode::Detection::forced(enc, bytes);
        let d = decode::decode(bytes, enc, det.bom_len);
        check_decoded(bytes, enc, det.bom_len, &d);
    }
    let rec = decode::record("fuzz", bytes);
    assert_eq!(rec.size, bytes.len() as u64);
    assert_eq!(rec.lossy, rec.malformed > 0);
    assert_eq!(rec.first_malformed_offset.is_some(), rec.lossy);
    assert!((0.0..=1.0).contains(&rec.traditional_share));
});
