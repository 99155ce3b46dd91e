//! The bad-input matrix: each case asserts a clear message naming the file and the
//! problem, the exit code, that the other files of the run are still cleaned, and that
//! every input is byte-identical afterwards.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command as Std, Stdio};

use common::{encode, seeds, snapshot_tree, zhclean};
use predicates::prelude::*;

/// A folder holding one good seed plus whatever `add` writes.
fn corpus(add: impl FnOnce(&Path)) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let (name, text) = &seeds()[0];
    std::fs::write(input.join(name), text).unwrap();
    add(&input);
    tmp
}

fn good_name() -> String {
    seeds()[0].0.clone()
}

/// Runs `clean in --out out`, checks the good file was cleaned and inputs are unchanged.
fn run(tmp: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    let before = snapshot_tree(&tmp.join("in"));
    let a = zhclean(tmp)
        .args(["clean", "in", "--out", "out"])
        .args(extra)
        .assert();
    assert!(
        tmp.join("out").join(good_name()).is_file(),
        "the good file is still cleaned"
    );
    assert_eq!(
        before,
        snapshot_tree(&tmp.join("in")),
        "inputs must be byte-identical afterwards"
    );
    a
}

#[test]
fn empty_file() {
    let tmp = corpus(|d| std::fs::write(d.join("empty.txt"), b"").unwrap());
    run(tmp.path(), &[]).success();
    assert_eq!(
        std::fs::read(tmp.path().join("out/empty.txt")).unwrap(),
        b""
    );
}

#[test]
fn random_binary() {
    let tmp = corpus(|d| {
        let mut x: u32 = 12345;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1103515245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        std::fs::write(d.join("random.bin"), bytes).unwrap();
    });
    run(tmp.path(), &[])
        .success()
        .stderr(predicate::str::contains("random.bin").and(predicate::str::contains("binary")));
    assert!(!tmp.path().join("out/random.bin").exists());
}

/// Text with a stray NUL, or NUL padding after it, is text: refused with an error that
/// names the file, the NULs and the encoding the rest reads as, not skipped as binary (a
/// document would drop out of the corpus, silently under `-q`). `--encoding` cleans it.
#[test]
fn text_with_nul_bytes() {
    let seed = &seeds()[1].1;
    let tmp = corpus(|d| {
        let mut b = seed.clone().into_bytes();
        let at = seed.char_indices().nth(40).unwrap().0;
        b.insert(at, 0);
        std::fs::write(d.join("stray.txt"), b).unwrap();
        let mut b = encode(seed, encoding_rs::GBK, false);
        b.extend(std::iter::repeat_n(0u8, 4096));
        std::fs::write(d.join("padded.txt"), b).unwrap();
    });
    run(tmp.path(), &["-q"]).code(1).stderr(
        predicate::str::contains("stray.txt: 1 NUL byte")
            .and(predicate::str::contains("reads as UTF-8"))
            .and(predicate::str::contains("padded.txt: 4096 NUL bytes"))
            .and(predicate::str::contains("reads as GBK")),
    );
    assert!(!tmp.path().join("out/stray.txt").exists());
    assert!(!tmp.path().join("out/padded.txt").exists());
    zhclean(tmp.path())
        .args([
            "clean",
            "in/stray.txt",
            "--encoding",
            "utf-8",
            "--out",
            "forced",
        ])
        .assert()
        .success();
    assert!(tmp.path().join("forced/stray.txt").is_file());
}

#[test]
fn utf8_with_one_bad_byte() {
    let tmp = corpus(|d| {
        let mut b = "全镇经济社会持续健康发展。".repeat(30).into_bytes();
        b.insert(39, 0xFF);
        std::fs::write(d.join("bad.txt"), b).unwrap();
    });
    run(tmp.path(), &[]).code(1).stderr(
        predicate::str::contains("bad.txt").and(predicate::str::contains("byte offset 39")),
    );
    assert!(!tmp.path().join("out/bad.txt").exists());
}

/// A UTF-8 title over a GBK body (two scrapes joined): GBK decodes every byte, the title
/// as mojibake. Refused; `--per-line` writes the text exactly; `check` reads it line by
/// line and reports it.
#[test]
fn a_utf8_title_over_a_gbk_body() {
    let title = "年度城乡居民医疗保险工作总结\n";
    let body = "柳河镇\n全镇经济社会持续健康发展。\n工作总结\n";
    let tmp = corpus(|d| {
        let mut b = title.as_bytes().to_vec();
        b.extend(encode(body, encoding_rs::GBK, false));
        std::fs::write(d.join("joined.txt"), b).unwrap();
    });
    run(tmp.path(), &[]).code(1).stderr(
        predicate::str::contains("joined.txt")
            .and(predicate::str::contains("different encodings"))
            .and(predicate::str::contains("--per-line")),
    );
    assert!(!tmp.path().join("out/joined.txt").exists());
    run(tmp.path(), &["--per-line", "--no-normalize", "all"]).success();
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out/joined.txt")).unwrap(),
        format!("{title}{body}")
    );
    // (The human report quotes the first line, read as UTF-8.)
    zhclean(tmp.path())
        .args(["check", "in/joined.txt"])
        .assert()
        .stdout(
            predicate::str::contains("encoding[mixed]")
                .and(predicate::str::contains("年度城乡居民"))
                .and(predicate::str::contains("骞").not()),
        );
}

#[test]
fn truncated_utf16() {
    let tmp = corpus(|d| {
        let mut b = encode("全镇经济社会持续健康发展。\n", encoding_rs::UTF_16LE, true);
        b.pop();
        std::fs::write(d.join("cut.txt"), b).unwrap();
    });
    run(tmp.path(), &[])
        .code(1)
        .stderr(predicate::str::contains("cut.txt").and(predicate::str::contains("truncated")));
}

#[test]
fn a_20_mb_single_line() {
    let tmp = corpus(|d| {
        let unit = "全镇經濟社會持續健康發展，";
        let n = 20_000_000 / unit.len();
        std::fs::write(d.join("long.txt"), unit.repeat(n)).unwrap();
    });
    run(tmp.path(), &[]).success();
    let out = std::fs::read_to_string(tmp.path().join("out/long.txt")).unwrap();
    assert!(out.starts_with("全镇经济社会持续健康发展，"));
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn a_million_short_lines() {
    let tmp =
        corpus(|d| std::fs::write(d.join("many.txt"), "一行\u{a0}\n".repeat(1_000_000)).unwrap());
    run(tmp.path(), &[]).success();
    let out = std::fs::read_to_string(tmp.path().join("out/many.txt")).unwrap();
    assert_eq!(out.len(), "一行\n".len() * 1_000_000);
}

#[test]
#[cfg(unix)]
fn a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    let tmp = corpus(|d| std::fs::write(d.join(name), "鬆江鎮\n").unwrap());
    run(tmp.path(), &[]).success();
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out").join(name)).unwrap(),
        "松江镇\n"
    );
}

#[test]
#[cfg(unix)]
fn a_symlink_loop() {
    let tmp = corpus(|d| std::os::unix::fs::symlink(d, d.join("loop")).unwrap());
    run(tmp.path(), &["--follow-links"]).code(2).stderr(
        predicate::str::contains("loop").and(predicate::str::contains("symbolic link loop")),
    );
    // Not following links (the default), the loop is simply not entered.
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out2"])
        .assert()
        .success();
}

#[test]
#[cfg(target_os = "linux")]
fn an_unreadable_file() {
    // Tests run as root, where permissions do not stop reads; /proc/self/mem cannot be
    // read from offset 0 by anyone.
    let tmp = corpus(|_| {});
    let before = snapshot_tree(&tmp.path().join("in"));
    zhclean(tmp.path())
        .args(["clean", "in", "/proc/self/mem", "--out", "out"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("/proc/self/mem").and(predicate::str::contains("cannot read")),
        );
    assert!(tmp.path().join("out").join(good_name()).is_file());
    assert_eq!(before, snapshot_tree(&tmp.path().join("in")));
}

#[test]
fn an_unwritable_output_directory() {
    let tmp = corpus(|_| {});
    std::fs::write(tmp.path().join("regular"), "x").unwrap();
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "regular/out"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("regular/out")
                .and(predicate::str::contains("cannot create output directory")),
        );
}

#[test]
fn out_inside_the_input_tree() {
    let tmp = corpus(|_| {});
    let before = snapshot_tree(&tmp.path().join("in"));
    for _ in 0..2 {
        zhclean(tmp.path())
            .args(["clean", "in", "--out", "in/cleaned"])
            .assert()
            .success();
    }
    let out = tmp.path().join("in/cleaned");
    assert!(out.join(good_name()).is_file());
    assert!(
        !out.join("cleaned").exists(),
        "outputs are never read back as inputs"
    );
    let after: Vec<_> = snapshot_tree(&tmp.path().join("in"))
        .into_iter()
        .filter(|(p, _)| !p.starts_with(&out))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn the_same_file_given_twice() {
    let tmp = corpus(|_| {});
    let good = format!("in/{}", good_name());
    zhclean(tmp.path())
        .args([
            "clean", &good, &good, "in", "--out", "out", "--report", "r.json",
        ])
        .assert()
        .success();
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
}

#[test]
fn stdin_closed_early() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("zhclean"))
        .args(["clean", "-"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("鬆江".as_bytes())
        .unwrap(); // dropped: closed mid-stream
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "松江\n");
}

#[test]
fn output_to_a_closed_pipe_exits_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let big = "鬆江鎮工作總結\n".repeat(400_000);
    std::fs::write(tmp.path().join("big.txt"), &big).unwrap();
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("zhclean"))
        .args(["convert", "-i", "big.txt"])
        .current_dir(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // like `| head -c 16`
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&first).starts_with("松江镇"));
}
