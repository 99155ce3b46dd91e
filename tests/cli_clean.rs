//! End-to-end tests of `zhclean clean` (and `convert`) on the seeds and on files built from
//! them at test time.

mod common;

use std::path::Path;
use std::process::Command as Std;

use common::{encodable, encode, file_entry, seeds, seeds_dir, snapshot_tree, zhclean};
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use predicates::prelude::*;
use serde_json::Value;

fn clean_dir(input: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    zhclean(input.parent().unwrap())
        .arg("clean")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
}

#[test]
fn cleans_the_seeds_into_a_folder_with_diffs_and_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cleaned");
    let before = snapshot_tree(&seeds_dir());
    clean_dir(&seeds_dir(), &out, &[]).success();
    assert_eq!(
        before,
        snapshot_tree(&seeds_dir()),
        "inputs must stay byte-identical"
    );
    for (name, _) in seeds() {
        assert!(out.join(&name).is_file(), "{name} cleaned");
        assert!(out.join(format!("{name}.diff")).is_file(), "{name}.diff");
    }
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("zhclean-report.json")).unwrap()).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["files"].as_array().unwrap().len(), 5);
    assert_eq!(report["summary"]["files"], 5);
    // The version names the data it was built from: `--resume` reuses nothing a binary
    // with other dictionaries wrote.
    let version = report["zhclean"]["version"].as_str().expect("a version");
    assert!(version.contains("+data."), "{version}");
}

#[test]
fn seed_003_comes_back_as_correct_simplified() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    clean_dir(&seeds_dir(), &out, &[]).success();
    let cleaned = std::fs::read_to_string(out.join("003_7609b782255e6d5f.txt")).unwrap();
    for want in ["松江镇", "方面", "历史", "制度", "干部", "着力"] {
        assert!(cleaned.contains(want), "missing {want}");
    }
    let left: String = cleaned
        .chars()
        .filter(|&c| zhclean::convert::is_unambiguously_traditional(c))
        .collect();
    assert!(left.is_empty(), "Traditional characters left: {left}");
    assert!(
        cleaned.contains("关键词2"),
        "keyword tokens are flagged, never rewritten"
    );
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !zhclean::normalize::is_zero_width(*c))
        .collect()
}

#[test]
fn simplified_seeds_keep_every_character() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    clean_dir(&seeds_dir(), &out, &["--keep-boilerplate"]).success();
    for (name, text) in seeds() {
        if name.starts_with("003_") {
            continue;
        }
        let cleaned = std::fs::read_to_string(out.join(&name)).unwrap();
        assert_eq!(
            squeeze(&text),
            squeeze(&cleaned),
            "{name}: conversion must not touch Simplified text"
        );
    }
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("zhclean-report.json")).unwrap()).unwrap();
    for f in report["files"].as_array().unwrap() {
        if f["path"].as_str().unwrap().contains("003_") {
            continue;
        }
        assert_eq!(f["changes"]["converted_chars"], 0, "{}", f["path"]);
    }
}

#[test]
fn patch_with_the_written_diff_reproduces_the_cleaned_file() {
    if Std::new("patch").arg("--version").output().is_err() {
        panic!("GNU patch is needed for this test (apt-get install patch)");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    clean_dir(&seeds_dir(), &out, &[]).success();
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    for (name, text) in seeds() {
        std::fs::write(work.join(&name), &text).unwrap();
        let diff = std::fs::read(out.join(format!("{name}.diff"))).unwrap();
        if diff.is_empty() {
            assert_eq!(
                text.as_bytes(),
                std::fs::read(out.join(&name)).unwrap(),
                "{name}: empty diff but changed"
            );
            continue;
        }
        assert!(diff.starts_with(format!("--- a/{name}\n+++ b/{name}\n").as_bytes()));
        let st = Std::new("patch")
            .current_dir(&work)
            .args(["-p1", "--quiet", "--no-backup-if-mismatch"])
            .stdin(std::fs::File::open(out.join(format!("{name}.diff"))).unwrap())
            .status()
            .unwrap();
        assert!(st.success(), "patch failed for {name}");
        assert_eq!(
            std::fs::read(work.join(&name)).unwrap(),
            std::fs::read(out.join(&name)).unwrap(),
            "{name}: patched original differs from the cleaned file"
        );
    }
}

/// Every seed in every encoding cleans to the same text as its UTF-8 original.
#[test]
fn every_encoding_gives_the_same_cleaned_text() {
    let tmp = tempfile::tempdir().unwrap();
    let variants: [(&str, &'static Encoding, bool); 7] = [
        ("utf8bom", UTF_8, true),
        ("utf16le", UTF_16LE, true),
        ("utf16be", UTF_16BE, true),
        ("gbk", GBK, false),
        ("gb18030", GB18030, false),
        ("big5", BIG5, false),
        ("utf8", UTF_8, false),
    ];
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let mut expected_dir = Vec::new();
    for (name, text) in seeds() {
        let stem = name.trim_end_matches(".txt");
        for (label, enc, bom) in variants {
            // Big5 holds Traditional text: make it so for the Simplified seeds.
            let text = if enc == BIG5 && !name.starts_with("003_") {
                zhclean::convert::Converter::get(zhclean::convert::ConfigName::S2t).convert(&text)
            } else {
                text.clone()
            };
            let safe = if enc == GBK || enc == BIG5 {
                encodable(&text, enc)
            } else {
                text
            };
            std::fs::write(
                inputs.join(format!("{stem}.{label}.txt")),
                encode(&safe, enc, bom),
            )
            .unwrap();
            expected_dir.push((format!("{stem}.{label}.txt"), safe));
        }
    }
    let out = tmp.path().join("out");
    clean_dir(&inputs, &out, &[]).success();
    let config = zhclean::Config::default();
    for (file, safe_text) in expected_dir {
        let want = zhclean::clean_text(&safe_text, &config).text;
        let got =
            std::fs::read_to_string(out.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            got == want,
            "{file}: cleaned text differs from the UTF-8 original's"
        );
    }
}

#[test]
fn an_undecodable_file_is_refused_by_name_and_offset_and_the_rest_are_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let (name, text) = &seeds()[1];
    std::fs::write(inputs.join(name), text).unwrap();
    let mut bad = text.as_bytes()[..300].to_vec();
    while (bad.last().unwrap() & 0xC0) == 0x80 {
        bad.pop();
    }
    let offset = bad.len() - 1;
    bad.truncate(offset);
    bad.push(0xFF);
    bad.extend_from_slice(&text.as_bytes()[offset..]);
    std::fs::write(inputs.join("broken.txt"), &bad).unwrap();
    let before = snapshot_tree(&inputs);
    let out = tmp.path().join("out");
    clean_dir(&inputs, &out, &[])
        .code(1)
        .stderr(predicate::str::contains("broken.txt"))
        .stderr(predicate::str::contains(format!("byte offset {offset}")))
        .stderr(predicate::str::contains("UTF-8"));
    assert!(
        !out.join("broken.txt").exists(),
        "nothing is written for a refused file"
    );
    assert!(!out.join("broken.txt.diff").exists());
    assert!(
        out.join(name).is_file(),
        "the other files are still cleaned"
    );
    assert_eq!(before, snapshot_tree(&inputs));

    // --lossy opts in, and the report says where the bad bytes were.
    let out2 = tmp.path().join("out2");
    clean_dir(&inputs, &out2, &["--lossy"]).success();
    let cleaned = std::fs::read_to_string(out2.join("broken.txt")).unwrap();
    assert!(cleaned.contains('\u{FFFD}'));
    let report: Value =
        serde_json::from_slice(&std::fs::read(out2.join("zhclean-report.json")).unwrap()).unwrap();
    let broken = file_entry(&report, "broken.txt");
    assert!(broken["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "malformed" && f["severity"] == "error"));
}

#[test]
fn outputs_beside_inputs_are_never_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let (name, text) = &seeds()[3];
    std::fs::write(tmp.path().join(name), text).unwrap();
    zhclean(tmp.path()).args(["clean", "."]).assert().success();
    let stem = name.trim_end_matches(".txt");
    let cleaned = tmp.path().join(format!("{stem}.clean.txt"));
    assert!(cleaned.is_file());
    assert!(tmp.path().join(format!("{stem}.clean.diff")).is_file());
    let first = std::fs::read(&cleaned).unwrap();
    zhclean(tmp.path()).args(["clean", "."]).assert().success();
    assert!(!tmp.path().join(format!("{stem}.clean.clean.txt")).exists());
    assert_eq!(first, std::fs::read(&cleaned).unwrap());
}

#[test]
fn in_place_keeps_a_backup_unless_told_not_to() {
    let tmp = tempfile::tempdir().unwrap();
    let (name, text) = &seeds()[3];
    let path = tmp.path().join(name);
    std::fs::write(&path, encode(text, GB18030, false)).unwrap();
    zhclean(tmp.path())
        .args(["clean", "--in-place", name])
        .assert()
        .success();
    let cleaned = std::fs::read_to_string(&path).expect("rewritten as UTF-8");
    assert!(cleaned.contains("松江镇"));
    assert_eq!(
        std::fs::read(tmp.path().join(format!("{name}.orig"))).unwrap(),
        encode(text, GB18030, false)
    );

    let other = tmp.path().join("b.txt");
    std::fs::write(&other, "鬆江鎮  \n").unwrap();
    zhclean(tmp.path())
        .args(["clean", "--in-place", "--no-backup", "b.txt"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "松江镇\n");
    assert!(!tmp.path().join("b.txt.orig").exists());
}

#[test]
fn stdin_to_stdout_in_any_encoding() {
    let tmp = tempfile::tempdir().unwrap();
    zhclean(tmp.path())
        .args(["clean", "-"])
        .write_stdin(encode(
            "\u{3000}\u{3000}鬆江鎮工作總結\u{3000}\r\n\r\n\r\n方麵\r\n",
            BIG5,
            false,
        ))
        .assert()
        .success()
        .stdout("松江镇工作总结\n\n方面\n");
}

#[test]
fn forced_encoding_and_unknown_labels() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), encode("工作总结", GBK, false)).unwrap();
    zhclean(tmp.path())
        .args(["clean", "--encoding", "gbk", "a.txt", "--out", "o"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("o/a.txt")).unwrap(),
        "工作总结\n"
    );
    zhclean(tmp.path())
        .args(["clean", "--encoding", "klingon", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding `klingon`"));
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(tmp.path().join("image.png"), &png).unwrap();
    std::fs::write(tmp.path().join("a.txt"), "正文\n").unwrap();
    zhclean(tmp.path())
        .args(["clean", ".", "--out", "o"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("image.png")
                .and(predicate::str::contains("binary"))
                .and(predicate::str::contains("2 files (1 skipped: binary data)")),
        );
    assert!(!tmp.path().join("o/image.png").exists());
    assert!(tmp.path().join("o/a.txt").exists());
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("o/zhclean-report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(report["summary"]["skipped"], 1);
    // `check` counts it the same way, and its report says why.
    let out = zhclean(tmp.path())
        .args(["check", ".", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["summary"]["skipped"], 1);
    let png = file_entry(&report, "image.png");
    assert!(png["notes"][0].as_str().unwrap().contains("binary"));
}

#[test]
fn missing_inputs_and_bad_output_dirs_are_io_errors() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("file"), "x").unwrap();
    zhclean(tmp.path())
        .args(["clean", "nope.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.txt").and(predicate::str::contains("no such file")));
    std::fs::write(tmp.path().join("a.txt"), "正文\n").unwrap();
    zhclean(tmp.path())
        .args(["clean", "a.txt", "--out", "file/sub"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("file/sub"));
}

#[test]
fn convert_works_like_the_opencc_cli() {
    let tmp = tempfile::tempdir().unwrap();
    zhclean(tmp.path())
        .arg("convert")
        .write_stdin("測試\n")
        .assert()
        .success()
        .stdout("测试\n");
    zhclean(tmp.path())
        .args(["convert", "-c", "s2t"])
        .write_stdin("松江镇历史\n")
        .assert()
        .success()
        .stdout("松江鎮歷史\n");
}

/// The seeds that t2s leaves alone (`simplified`) or the others, repeated to `mb`
/// megabytes or more: several of `convert`'s one-mebibyte chunks.
fn seeds_repeated(simplified: bool, mb: usize) -> String {
    let t2s = zhclean::convert::Converter::get(zhclean::convert::ConfigName::T2s);
    let picked: String = seeds()
        .into_iter()
        .map(|(_, text)| text)
        .filter(|text| (t2s.convert(text) == *text) == simplified)
        .collect();
    assert!(!picked.is_empty());
    picked.repeat(mb * 1_000_000 / picked.len() + 1)
}

#[test]
fn convert_of_a_large_input_is_the_same_on_any_number_of_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let text = seeds_repeated(false, 3) + &seeds_repeated(true, 1);
    std::fs::write(tmp.path().join("big.txt"), &text).unwrap();
    let want = zhclean::convert::Converter::get(zhclean::convert::ConfigName::T2s).convert(&text);
    assert_ne!(want, text);
    for jobs in ["1", "2", "3", "64"] {
        let out = zhclean(tmp.path())
            .args(["convert", "-j", jobs, "-i", "big.txt"])
            .output()
            .unwrap();
        assert!(out.status.success(), "-j {jobs}");
        assert!(out.stdout == want.as_bytes(), "-j {jobs}: output differs");
    }
    zhclean(tmp.path())
        .args(["convert", "-j", "2", "-i", "big.txt", "-o", "out.txt"])
        .assert()
        .success();
    assert!(std::fs::read(tmp.path().join("out.txt")).unwrap() == want.as_bytes());
    let piped = zhclean(tmp.path())
        .args(["convert", "-j", "2"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(
        piped.stdout == want.as_bytes(),
        "standard input: output differs"
    );
}

#[test]
fn convert_leaves_a_large_simplified_input_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let text = seeds_repeated(true, 3);
    std::fs::write(tmp.path().join("simplified.txt"), &text).unwrap();
    for jobs in ["1", "2"] {
        let out = zhclean(tmp.path())
            .args(["convert", "-j", jobs, "-i", "simplified.txt"])
            .output()
            .unwrap();
        assert!(out.status.success(), "-j {jobs}");
        assert!(out.stdout == text.as_bytes(), "-j {jobs}: output differs");
    }
}

#[test]
fn one_patch_for_the_run_is_the_per_file_diffs_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let per_file = tmp.path().join("per-file");
    clean_dir(&seeds_dir(), &per_file, &[]).success();
    let single = tmp.path().join("single");
    let patch = tmp.path().join("run.patch");
    clean_dir(&seeds_dir(), &single, &["--patch", patch.to_str().unwrap()]).success();
    let mut names: Vec<String> = seeds().into_iter().map(|(name, _)| name).collect();
    names.sort();
    let mut want = Vec::new();
    for name in &names {
        let d = per_file.join(format!("{name}.diff"));
        if d.is_file() {
            want.extend(std::fs::read(&d).unwrap());
        }
        assert!(
            !single.join(format!("{name}.diff")).exists(),
            "no {name}.diff"
        );
        assert_eq!(
            std::fs::read(per_file.join(name)).unwrap(),
            std::fs::read(single.join(name)).unwrap(),
            "{name}: same cleaned text"
        );
    }
    assert!(!want.is_empty());
    assert_eq!(std::fs::read(&patch).unwrap(), want);
}

#[cfg(unix)]
#[test]
fn the_report_and_converted_text_can_go_to_standard_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cleaned");
    let done = clean_dir(&seeds_dir(), &out, &["--report", "/dev/stdout", "-q"]).success();
    let report: Value = serde_json::from_slice(&done.get_output().stdout).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), seeds().len());
    assert!(!out.join("zhclean-report.json").exists());
    // `-o /dev/null` writes to the device, and `-o /dev/stdout` to standard output.
    let input = tmp.path().join("in.txt");
    std::fs::write(&input, "鬆江鎮\n").unwrap();
    zhclean(tmp.path())
        .args(["convert", "-i", "in.txt", "-o", "/dev/stdout"])
        .assert()
        .success()
        .stdout("松江镇\n");
    zhclean(tmp.path())
        .args(["convert", "-i", "in.txt", "-o", "/dev/null"])
        .assert()
        .success()
        .stdout("");
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}
