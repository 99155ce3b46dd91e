//! Property tests over arbitrary text and bytes: no panic, idempotence, the diff applied
//! to the original gives the cleaned text, findings point at what they say, conversion
//! leaves text without Traditional characters alone, decoding round-trips.

use proptest::prelude::*;
use zhclean::pipeline::{clean_bytes, DecodeOptions};
use zhclean::{clean_text, Config};

/// Pieces real documents are made of, including the awkward ones.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[工作总结全镇经济社会发展稳中有进党委政府干部群众]{1,12}",
        2 => "[鬆江鎮曆史麵著力幹部總結衛華為後於乾徵昇]{1,6}",
        1 => "[X*xＸ＊×]{1,3}[镇名个元月日年%米]?",
        1 => Just("关键词2".to_string()),
        1 => Just("当前位置：首页 > 政务公开 > 规划总结".to_string()),
        1 => Just("扫一扫在手机打开当前页".to_string()),
        1 => Just("相关稿件".to_string()),
        2 => "[ \u{a0}\u{3000}\t\u{200b}\u{feff}]{1,3}",
        2 => prop_oneof![Just("\n".to_string()), Just("\r\n".to_string()), Just("\n\n\n".to_string()), Just("\r".to_string())],
        1 => "[a-zA-Z0-9.,:;()+-]{1,8}",
        1 => "[，。；：“”（）、！？【】《》]{1,2}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// Applies a unified diff (as zhclean writes it) to `original`.
fn apply_unified(original: &str, diff: &str) -> String {
    if diff.is_empty() {
        return original.to_string();
    }
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut next_old = 0usize; // 0-based index of the next original line to copy
    let lines: Vec<&str> = diff.split_inclusive('\n').collect();
    let mut i = 2; // skip --- and +++
    while i < lines.len() {
        let h = lines[i];
        assert!(h.starts_with("@@ -"), "hunk header expected: {h:?}");
        let old_start: usize = h[4..].split([',', ' ']).next().unwrap().parse().unwrap();
        let old_count: usize = if h[4..].split(' ').next().unwrap().contains(',') {
            h[4..]
                .split(' ')
                .next()
                .unwrap()
                .split(',')
                .nth(1)
                .unwrap()
                .parse()
                .unwrap()
        } else {
            1
        };
        let first = if old_count == 0 {
            old_start
        } else {
            old_start - 1
        };
        while next_old < first {
            out.push_str(old[next_old]);
            next_old += 1;
        }
        i += 1;
        let mut pending: Option<String> = None; // last emitted body line, for "\ No newline"
        while i < lines.len() && !lines[i].starts_with("@@ ") {
            let l = lines[i];
            if l.starts_with('\\') {
                if let Some(p) = pending.take() {
                    // The previous line had no newline in its file.
                    if out.ends_with(&p) && p.ends_with('\n') {
                        out.pop();
                    }
                }
                i += 1;
                continue;
            }
            let (tag, body) = l.split_at(1);
            match tag {
                " " | "-" => {
                    let want = old[next_old];
                    assert!(
                        body == want
                            || (body.strip_suffix('\n') == Some(want) && next_old + 1 == old.len()),
                        "context or removed line {body:?} does not match original line {} {want:?}",
                        next_old + 1
                    );
                }
                _ => {}
            }
            match tag {
                " " => {
                    out.push_str(body);
                    next_old += 1;
                    pending = Some(body.to_string());
                }
                "-" => {
                    next_old += 1;
                    pending = None;
                }
                "+" => {
                    out.push_str(body);
                    pending = Some(body.to_string());
                }
                _ => panic!("bad diff line {l:?}"),
            }
            i += 1;
        }
    }
    while next_old < old.len() {
        out.push_str(old[next_old]);
        next_old += 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn cleaning_is_idempotent(doc in document()) {
        let config = Config::default();
        let once = clean_text(&doc, &config).text;
        let twice = clean_text(&once, &config).text;
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn the_diff_applied_to_the_original_gives_the_cleaned_text(doc in document()) {
        let cleaned = clean_text(&doc, &Config::default());
        let diff = cleaned.diff("f.txt");
        prop_assert_eq!(apply_unified(&doc, &diff), cleaned.text);
    }

    #[test]
    fn findings_span_what_they_say(doc in document()) {
        let cleaned = clean_text(&doc, &Config::default());
        let text = &cleaned.source.text;
        let idx = &cleaned.source.index;
        for f in &cleaned.all_findings(&Config::default()) {
            let s = f.span;
            prop_assert!(text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end));
            prop_assert_eq!(&text[s.byte_start..s.byte_end], &*f.text);
            let a = idx.position(text, s.byte_start);
            prop_assert_eq!((a.line, a.column), (s.line, s.column));
            let b = idx.position(text, s.byte_end);
            prop_assert_eq!((b.line, b.column), (s.end_line, s.end_column));
            if s.end_line == s.line && f.rule != zhclean::report::Rule::Whitespace {
                let line = &text[idx.line_range(text, s.line - 1)];
                prop_assert!(s.end_column - 1 <= line.chars().count(), "span inside its line");
            }
        }
    }

    #[test]
    fn text_without_traditional_characters_is_not_converted(doc in "[工作总结全镇经济发展干部后于征升面松 \n，。X0-9]{0,120}") {
        let mut config = Config::default();
        config.normalize.disable("all").unwrap();
        config.boilerplate.remove = false;
        prop_assert_eq!(clean_text(&doc, &config).text, doc);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let config = Config::default();
        let _ = clean_bytes(&bytes, &config, &DecodeOptions::default());
        let _ = clean_bytes(&bytes, &config, &DecodeOptions { lossy: true, ..DecodeOptions::default() });
        let _ = zhclean::decode::record("x", &bytes);
    }

    #[test]
    fn clean_decodes_round_trip(doc in document(), enc in prop_oneof![Just(encoding_rs::GB18030), Just(encoding_rs::UTF_8)]) {
        let (bytes, _, bad) = enc.encode(&doc);
        prop_assume!(!bad);
        if let Ok((source, det, malformed)) = zhclean::pipeline::decode_bytes(&bytes, &DecodeOptions::default()) {
            prop_assert_eq!(malformed, 0);
            let enc = det.encoding.unwrap();
            let mut re = Vec::new();
            if det.bom_len > 0 { re.extend_from_slice(&bytes[..det.bom_len]); }
            if enc == encoding_rs::UTF_16LE {
                for u in source.text.encode_utf16() { re.extend_from_slice(&u.to_le_bytes()); }
            } else if enc == encoding_rs::UTF_16BE {
                for u in source.text.encode_utf16() { re.extend_from_slice(&u.to_be_bytes()); }
            } else {
                re.extend_from_slice(&enc.encode(&source.text).0);
            }
            prop_assert_eq!(re, bytes.into_owned());
        }
    }
}

#[test]
fn the_test_diff_applier_agrees_with_patch_semantics() {
    let orig = "a\nb\nc";
    let diff = "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n-b\n-c\n\\ No newline at end of file\n+c\n";
    assert_eq!(apply_unified(orig, diff), "a\nc\n");
}
