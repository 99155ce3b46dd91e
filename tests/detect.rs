//! Encoding detection, end to end. Every case is built here from `seeds/*.txt`: each
//! family (UTF-8, UTF-8 BOM, UTF-16LE/BE with and without BOM, GBK, GB18030, Big5) ×
//! truncation at several prefix lengths, BOM-less UTF-16 windows, short GBK and Big5
//! snippets, and mixed, lossy, mojibake, binary and empty files.

use std::path::PathBuf;

use assert_cmd::Command;
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use zhclean::convert::{ConfigName, Converter};
use zhclean::decode::{
    decode, decode_per_line, detect, record, repair_mojibake, Confidence, MojibakeKind,
};

fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("seeds/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("UTF-8 seed");
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                text.replace("\r\n", "\n"),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds");
    out
}

fn traditional(text: &str) -> String {
    Converter::get(ConfigName::S2t).convert(text)
}

/// Encodes with a legacy encoding, replacing characters it cannot encode with `?`.
fn legacy(text: &str, enc: &'static Encoding) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let (b, _, unmappable) = enc.encode(c.encode_utf8(&mut buf));
        if unmappable {
            out.push(b'?');
        } else {
            out.extend_from_slice(&b);
        }
    }
    out
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
        .collect()
}

/// What `bytes` decode to with `enc` when an incomplete last character is ignored.
fn decode_prefix(bytes: &[u8], enc: &'static Encoding, bom_len: usize) -> Option<String> {
    let mut d = enc.new_decoder_without_bom_handling();
    let body = &bytes[bom_len..];
    let mut s = String::with_capacity(body.len() * 3 + 16);
    let (r, read) = d.decode_to_string_without_replacement(body, &mut s, false);
    (matches!(r, encoding_rs::DecoderResult::InputEmpty) && read == body.len()).then_some(s)
}

struct Family {
    name: &'static str,
    enc: &'static Encoding,
    bom: &'static [u8],
    trad: bool,
}

fn families() -> Vec<Family> {
    vec![
        Family {
            name: "utf-8",
            enc: UTF_8,
            bom: b"",
            trad: false,
        },
        Family {
            name: "utf-8-bom",
            enc: UTF_8,
            bom: b"\xEF\xBB\xBF",
            trad: false,
        },
        Family {
            name: "utf-16le",
            enc: UTF_16LE,
            bom: b"",
            trad: false,
        },
        Family {
            name: "utf-16be",
            enc: UTF_16BE,
            bom: b"",
            trad: false,
        },
        Family {
            name: "utf-16le-bom",
            enc: UTF_16LE,
            bom: b"\xFF\xFE",
            trad: false,
        },
        Family {
            name: "utf-16be-bom",
            enc: UTF_16BE,
            bom: b"\xFE\xFF",
            trad: false,
        },
        Family {
            name: "gbk",
            enc: GBK,
            bom: b"",
            trad: false,
        },
        Family {
            name: "gbk-trad",
            enc: GBK,
            bom: b"",
            trad: true,
        },
        Family {
            name: "gb18030",
            enc: GB18030,
            bom: b"",
            trad: false,
        },
        Family {
            name: "big5",
            enc: BIG5,
            bom: b"",
            trad: true,
        },
    ]
}

fn encode(f: &Family, text: &str) -> Vec<u8> {
    let mut out = f.bom.to_vec();
    if f.enc == UTF_8 {
        out.extend_from_slice(text.as_bytes());
    } else if f.enc == UTF_16LE || f.enc == UTF_16BE {
        out.extend(utf16(text, f.enc == UTF_16LE));
    } else if f.enc == GB18030 {
        // Characters outside GBK, so four-byte sequences occur.
        let at = text.char_indices().nth(3).map_or(0, |(i, _)| i);
        let with_extra = format!("{}𠀀😀{}", &text[..at], &text[at..]);
        let (b, _, _) = GB18030.encode(&with_extra);
        out.extend_from_slice(&b);
    } else {
        out.extend(legacy(text, f.enc));
    }
    out
}

/// Decodes `bytes` as detected; the text must equal the truth and not be lossy.
fn check(bytes: &[u8], truth: &str, label: &str, fails: &mut Vec<String>) {
    let det = detect(bytes);
    let Some(enc) = det.encoding else {
        fails.push(format!("{label}: called binary ({})", det.reason));
        return;
    };
    let got = decode_prefix(bytes, enc, det.bom_len);
    if got.as_deref() != Some(truth) {
        fails.push(format!("{label}: detected {} ({})", enc.name(), det.reason));
        return;
    }
    let rec = record(label, bytes);
    if rec.lossy || rec.mixed || rec.binary {
        fails.push(format!("{label}: record says lossy/mixed/binary"));
    }
}

#[test]
fn every_family_whole_and_truncated() {
    let mut fails = Vec::new();
    let mut n = 0;
    for (name, simp) in seeds() {
        let trad = traditional(&simp);
        for f in &families() {
            let text = if f.trad { &trad } else { &simp };
            let bytes = encode(f, text);
            let true_enc = if f.enc == GB18030 { GBK } else { f.enc };
            for cut in [16usize, 33, 64, 129, 512, 4096, usize::MAX] {
                let end = cut.min(bytes.len());
                let prefix = &bytes[..end];
                let truth = decode_prefix(prefix, true_enc, f.bom.len()).expect("valid");
                check(
                    prefix,
                    &truth,
                    &format!("{name}/{}/{cut}", f.name),
                    &mut fails,
                );
                n += 1;
            }
            // Whole files report the right label: gb18030 only with four-byte sequences.
            let det = detect(&bytes);
            if det.encoding != Some(f.enc) {
                fails.push(format!("{name}/{}: label {:?}", f.name, det.label()));
            }
            if !f.bom.is_empty() && det.confidence != Confidence::Certain {
                fails.push(format!("{name}/{}: BOM not certain", f.name));
            }
        }
    }
    assert!(
        fails.is_empty(),
        "{} of {n} failed:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

#[test]
fn truncated_prefix_is_not_lossy() {
    let text = &seeds()[0].1;
    let bytes = text.as_bytes();
    let mut cut = 100;
    while bytes[cut] & 0xC0 != 0x80 {
        cut += 1;
    }
    let rec = record("cut", &bytes[..cut]);
    assert_eq!(rec.encoding, Some("UTF-8"));
    assert!(rec.truncated && !rec.lossy && rec.malformed == 0, "{rec:?}");
}

#[test]
fn bomless_utf16_windows_both_orders() {
    let mut fails = Vec::new();
    let mut n = 0;
    for (name, simp) in seeds() {
        let chars: Vec<char> = simp.chars().collect();
        for start in (chars.len() / 3..chars.len() - 200).step_by(97).take(8) {
            let window: String = chars[start..start + 150].iter().collect();
            for le in [true, false] {
                let full = utf16(&window, le);
                for len in [10usize, 17, 40, 121, 300] {
                    let bytes = &full[..len.min(full.len())];
                    let enc = if le { UTF_16LE } else { UTF_16BE };
                    let truth = decode_prefix(bytes, enc, 0).expect("valid");
                    check(
                        bytes,
                        &truth,
                        &format!("{name}@{start}/{le}/{len}"),
                        &mut fails,
                    );
                    n += 1;
                }
            }
        }
    }
    assert!(
        fails.is_empty(),
        "{} of {n} failed:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

#[test]
fn short_gbk_and_big5_snippets() {
    let (mut ok, mut n) = (0, 0);
    let mut fails = Vec::new();
    for (name, simp) in seeds() {
        let trad = traditional(&simp);
        let pick = |t: &str| -> Vec<String> {
            t.lines()
                .map(|l| {
                    l.trim_start()
                        .chars()
                        .take_while(|c| !c.is_ascii())
                        .collect::<String>()
                })
                .filter(|l| l.chars().count() >= 12)
                .take(10)
                .collect()
        };
        for (lines, encs) in [
            (pick(&simp), vec![UTF_8, GBK]),
            (pick(&trad), vec![UTF_8, GBK, BIG5]),
        ] {
            for line in &lines {
                for k in [2usize, 3, 4, 6, 8, 12] {
                    let snip: String = line.chars().take(k).collect();
                    for &enc in &encs {
                        let bytes = if enc == UTF_8 {
                            snip.as_bytes().to_vec()
                        } else {
                            let (b, _, bad) = enc.encode(&snip);
                            if bad {
                                continue;
                            }
                            b.into_owned()
                        };
                        let mut f = Vec::new();
                        check(
                            &bytes,
                            &snip,
                            &format!("{name}/{}/{snip}", enc.name()),
                            &mut f,
                        );
                        n += 1;
                        if f.is_empty() {
                            ok += 1;
                        } else if enc == UTF_8 || k >= 6 {
                            // UTF-8 and snippets of 6+ characters are never ambiguous.
                            fails.extend(f);
                        }
                    }
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
    // Two or three common characters can read well in both GBK and Big5.
    assert!(ok * 100 >= n * 98, "{ok}/{n} short snippets right");
}

fn paragraph() -> String {
    let text = &seeds()[1].1;
    text.lines()
        .find(|l| l.chars().count() > 60)
        .expect("a long line")
        .to_string()
}

#[test]
fn mixed_lines_are_flagged_and_decoded_per_line() {
    let text = &seeds()[1].1;
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(8)
        .collect();
    let mut bytes = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i % 2 == 0 {
            bytes.extend_from_slice(l.as_bytes());
        } else {
            bytes.extend(legacy(l, GBK));
        }
        bytes.push(b'\n');
    }
    let det = detect(&bytes);
    assert!(det.mixed, "{det:?}");
    let legacy_enc = det.per_line_legacy().expect("text");
    assert_eq!(legacy_enc, GBK);
    let p = decode_per_line(&bytes, legacy_enc, 0);
    assert_eq!(p.malformed, 0);
    let expected: String = lines
        .iter()
        .map(|l| format!("{}\n", String::from_utf8(legacy(l, UTF_8)).unwrap()))
        .collect();
    // GBK lines lost what GBK cannot encode ('?'); compare with that substitution.
    let gbk_roundtrip: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let s = if i % 2 == 0 {
                l.to_string()
            } else {
                GBK.decode(&legacy(l, GBK)).0.into_owned()
            };
            format!("{s}\n")
        })
        .collect();
    assert_eq!(p.text, gbk_roundtrip);
    assert_eq!(expected.lines().count(), p.text.lines().count());
}

#[test]
fn gbk_with_invalid_bytes_is_lossy_not_silent() {
    let para = paragraph();
    let chars: Vec<char> = para.chars().collect();
    let a: String = chars[..20].iter().collect();
    let b: String = chars[20..].iter().collect();
    let mut bytes = legacy(&a, GBK);
    let bad_at = bytes.len();
    bytes.push(0xFF);
    bytes.extend(legacy(&b, GBK));
    let rec = record("bad", &bytes);
    assert_eq!(rec.encoding, Some("GBK"));
    assert!(rec.lossy && !rec.binary);
    assert_eq!(rec.malformed, 1);
    assert_eq!(rec.first_malformed_offset, Some(bad_at));
    let d = decode(&bytes, GBK, 0);
    assert_eq!(
        d.text.replace('\u{FFFD}', ""),
        GBK.decode(&legacy(&para, GBK)).0
    );
}

#[test]
fn mojibake_is_flagged_and_repairable() {
    let para = paragraph();
    let moji = GBK
        .decode_without_bom_handling(para.as_bytes())
        .0
        .into_owned();
    let rec = record("moji", moji.as_bytes());
    assert_eq!(rec.encoding, Some("UTF-8"));
    assert!(!rec.lossy);
    let m = rec.mojibake.expect("mojibake flagged");
    assert_eq!(m.kind, MojibakeKind::Utf8ReadAsGbk);
    let fixed = repair_mojibake(&moji).expect("repairable");
    // What the first misreading did not destroy comes back verbatim.
    for piece in fixed.split('\u{FFFD}') {
        assert!(para.contains(piece), "{piece:?} not in the original");
    }
    assert!(fixed.chars().filter(|&c| c != '\u{FFFD}').count() * 10 >= para.chars().count() * 8);

    // Clean text is not mojibake.
    assert!(record("clean", para.as_bytes()).mojibake.is_none());

    // 锟斤拷: GBK read as UTF-8 with U+FFFD, saved, read as GBK again.
    let lost = UTF_8
        .decode_without_bom_handling(&legacy(&para, GBK))
        .0
        .into_owned();
    let kjk = GBK
        .decode_without_bom_handling(lost.as_bytes())
        .0
        .into_owned();
    let rec = record("kjk", kjk.as_bytes());
    let m = rec.mojibake.expect("kunjinkao flagged");
    assert_eq!(m.kind, MojibakeKind::Kunjinkao);
    assert!(!m.repairable && m.runs > 0);
}

#[test]
fn binary_and_empty() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10".to_vec();
    let mut x: u32 = 12345;
    let mut random = Vec::new();
    for _ in 0..4096 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        random.push((x >> 16) as u8);
    }
    png.extend_from_slice(&random[..512]);
    for (name, bytes) in [("png", &png), ("random", &random)] {
        let d = detect(bytes);
        assert!(d.binary && d.encoding.is_none(), "{name}: {d:?}");
    }
    // A short text with DOS's end-of-file mark (Ctrl-Z) is text.
    let mut dos = legacy("关于开展安全检查的通知\r\n", GBK);
    dos.push(0x1A);
    let d = detect(&dos);
    assert_eq!(d.encoding, Some(GBK), "{d:?}");
    // Text with NUL bytes is no binary file to skip: the rest reads as text.
    let mut nul = legacy(&seeds()[0].1, GBK);
    nul.insert(100, 0);
    let d = detect(&nul);
    assert!(d.binary && d.nul_text == Some(GBK), "{d:?}");
    assert_eq!(detect(&png).nul_text, None);
    let d = detect(b"");
    assert!(!d.binary);
    assert_eq!(d.encoding, Some(UTF_8));
    let rec = record("empty", b"");
    assert!(!rec.binary && !rec.lossy);
}

/// A line of ASCII with one Chinese character, as a table or an English page has: GBK's
/// two bytes for a common character are valid UTF-8 about one time in five (`元` is
/// `D4 AA`, UTF-8 for `Ԫ`), and were read so. A letter standing alone is no evidence for
/// UTF-8; a letter in a word, a symbol or a Greek letter still is.
#[test]
fn few_chinese_characters_among_ascii() {
    let standalone = |c: char| matches!(c, '\u{A0}'..='\u{BF}' | '×' | '÷' | 'Α'..='Ω' | 'α'..='ω');
    let mut hanzi: Vec<char> = seeds()
        .iter()
        .flat_map(|(_, t)| t.chars().collect::<Vec<_>>())
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect();
    hanzi.sort_unstable();
    hanzi.dedup();
    let mut tried = 0;
    let mut fails = Vec::new();
    for h in hanzi {
        let gbk = legacy(&h.to_string(), GBK);
        let Ok(as_utf8) = std::str::from_utf8(&gbk) else {
            continue;
        };
        if as_utf8.chars().any(standalone) {
            continue;
        }
        tried += 1;
        let line = [b"Amount: 1250 ".as_slice(), &gbk, b"\nDate: 2024-03-05\n"].concat();
        let d = detect(&line);
        if d.encoding == Some(UTF_8) || d.confidence > Confidence::Low {
            fails.push(format!(
                "{h} ({as_utf8}): {:?} {:?}",
                d.encoding, d.confidence
            ));
        }
    }
    assert!(tried >= 50, "only {tried} characters tried");
    assert!(fails.is_empty(), "{} of {tried}: {fails:?}", fails.len());

    // Real UTF-8 text with a few two-byte characters stays UTF-8.
    for text in [
        "Das Bürgerbüro ist Montag bis Freitag geöffnet.\n",
        "Temperature: 25°C, humidity 40%\n",
        "R = 10 Ω, C = 5 μF\n",
        "Menu: café 3 EUR\n",
        "Москва, улица Тверская 5\n",
    ] {
        let d = detect(text.as_bytes());
        assert_eq!(d.encoding, Some(UTF_8), "{text}: {d:?}");
    }
    // Latin-1 text is not read as Chinese with Han characters inside its words (B黵gerb黵o).
    let (latin1, _, _) =
        encoding_rs::WINDOWS_1252.encode("Das Bürgerbüro ist Montag bis Freitag geöffnet.\n");
    let d = detect(&latin1);
    assert_eq!(d.encoding, Some(encoding_rs::WINDOWS_1252), "{d:?}");
}

#[test]
fn text_after_more_ascii_than_the_sample_decides_the_encoding() {
    // A log of more than the 1 MiB sample in ASCII, or of more than the 64 KiB the
    // detector scores, then a report in GBK (or Big5, or UTF-8): detection reads from the
    // first byte that is not ASCII.
    let line = "2024-03-05 12:00:01 INFO job 42 finished, 1250 rows\n";
    let long = line.repeat(25_000);
    assert!(long.len() > zhclean::decode::SAMPLE);
    let short = line.repeat(1_300);
    assert!((64 * 1024..zhclean::decode::SAMPLE).contains(&short.len()));
    let (_, report) = &seeds()[0];
    for (ascii, (enc, body)) in [&long, &short].into_iter().flat_map(|a| {
        [
            (GBK, legacy(report, GBK)),
            (BIG5, legacy(&traditional(report), BIG5)),
            (UTF_8, report.as_bytes().to_vec()),
        ]
        .map(|b| (a, b))
    }) {
        let bytes = [ascii.as_bytes(), &body].concat();
        let d = detect(&bytes);
        assert_eq!(d.encoding, Some(enc), "{d:?}");
        assert!(d.reason.contains("ASCII before it"), "{}", d.reason);
        let text = decode(&bytes, enc, 0);
        assert_eq!(text.malformed, 0, "{}", enc.name());
        assert!(text.text.ends_with(&*enc.decode(&body).0), "{}", enc.name());
    }
    // A file of ASCII only is ASCII.
    let d = detect(long.as_bytes());
    assert_eq!(d.encoding, Some(UTF_8));
}

#[test]
fn a_word_of_ascii_is_never_utf16() {
    // Even-length printable ASCII reads as hanzi in UTF-16 (`true` as `牴敵`).
    for word in ["true", "body", "null", "big5", "data", "OK", "index.html"] {
        let d = detect(word.as_bytes());
        assert_eq!(d.encoding, Some(UTF_8), "{word}: {d:?}");
    }
}

/// A reading chosen with low confidence, when another would decode the file too, is a
/// finding: `check` fails on it rather than pass a file it may have misread.
#[test]
fn an_uncertain_reading_is_a_finding() {
    let dir = temp_dir("uncertain");
    std::fs::write(
        dir.join("table.txt"),
        [b"Total: 1,250 ".as_slice(), &legacy("元", GBK), b"\n"].concat(),
    )
    .unwrap();
    std::fs::write(dir.join("report.txt"), legacy(&seeds()[0].1, GBK)).unwrap();
    let out = Command::cargo_bin("zhclean")
        .unwrap()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&dir)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uncertain = |name: &str| {
        let file = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        file["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == "uncertain")
            .map(|f| f["message"].as_str().unwrap().to_string())
    };
    let msg = uncertain("table.txt").expect("a finding for the table");
    assert!(msg.contains("GBK") && msg.contains("--encoding"), "{msg}");
    assert_eq!(uncertain("report.txt"), None);
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhclean-detect-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn cli_json_and_per_line() {
    let dir = temp_dir("cli");
    let text = &seeds()[1].1;
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .collect();
    let mut mixed = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        mixed.extend(if i % 2 == 0 {
            l.as_bytes().to_vec()
        } else {
            legacy(l, GBK)
        });
        mixed.push(b'\n');
    }
    let paths = [
        ("big5.txt", legacy(&traditional(&paragraph()), BIG5)),
        ("le.txt", utf16(&paragraph(), true)),
        ("mixed.txt", mixed),
    ];
    for (name, bytes) in &paths {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let out = Command::cargo_bin("zhclean")
        .unwrap()
        .args(["detect", "--format", "json", "--per-line"])
        .args(paths.iter().map(|(n, _)| dir.join(n)))
        .output()
        .unwrap();
    assert!(out.status.success() || out.status.code() == Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = v["files"].as_array().unwrap();
    let by = |suffix: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(suffix))
            .unwrap()
    };
    assert_eq!(by("big5.txt")["encoding"], "Big5");
    assert_eq!(by("le.txt")["encoding"], "UTF-16LE");
    let m = by("mixed.txt");
    assert_eq!(m["mixed"], true);
    assert_eq!(m["lossy"], false, "per-line decoding is lossless");
    let encs: Vec<&str> = m["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["encoding"].as_str().unwrap())
        .collect();
    assert_eq!(encs, ["UTF-8", "GBK", "UTF-8", "GBK"]);
    std::fs::remove_dir_all(&dir).ok();
}

/// Throughput, not correctness: `ZHCLEAN_BENCH=file.txt cargo test --release --test detect
/// -- --ignored --nocapture speed`.
#[test]
#[ignore]
fn speed() {
    let Ok(path) = std::env::var("ZHCLEAN_BENCH") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let mb = bytes.len() as f64 / 1e6;
    let t = std::time::Instant::now();
    detect(b"\xd6\xd0\xce\xc4"); // builds the frequency tables once
    let tables = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let det = detect(&bytes);
    let dt = t.elapsed().as_secs_f64();
    println!("tables built in {:.1} ms", tables * 1e3);
    let t = std::time::Instant::now();
    let d = decode(&bytes, det.encoding.unwrap(), det.bom_len);
    let decode_s = t.elapsed().as_secs_f64();
    println!(
        "{mb:.1} MB: detect {} in {:.1} ms ({:.0} MB/s of file), decode {:.0} ms ({:.0} MB/s), malformed {}",
        det.label().unwrap(),
        dt * 1e3,
        mb / dt,
        decode_s * 1e3,
        mb / decode_s,
        d.malformed
    );
}
