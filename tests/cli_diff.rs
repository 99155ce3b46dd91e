//! `zhclean diff`: snapshot tests of the plain and coloured review diff.

mod common;

use common::zhclean;

const DOC: &str = "鬆江鎮2021年工作總結\n\n\n2021年以來,全鎮共有X名幹部從方麵著手\u{a0}\n一、基本情况\n正文不变\n";

fn diff(color: &str) -> String {
    diff_of(DOC, color)
}

/// `zhclean diff --color COLOR doc.txt` of a file holding `doc`.
fn diff_of(doc: &str, color: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("doc.txt"), doc).unwrap();
    let out = zhclean(tmp.path())
        .args(["diff", "--color", color, "doc.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn plain_review_diff() {
    insta::assert_snapshot!(diff("never"));
}

#[test]
fn coloured_review_diff() {
    let out = diff("always");
    assert!(out.contains('\x1b'));
    // Escape codes made visible, so the snapshot is readable.
    insta::assert_snapshot!(out.replace('\x1b', "⎋"));
}

#[test]
fn no_color_env_turns_colour_off_in_auto_mode() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("doc.txt"), DOC).unwrap();
    let out = zhclean(tmp.path())
        .env("NO_COLOR", "1")
        .args(["diff", "doc.txt"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!out.contains(&0x1b));
}

#[test]
fn hunk_headers_name_the_boilerplate_category() {
    let doc = "关于开展检查的通知\n当前位置：首页 > 政务公开\n正文内容。\n\n\n\n\n\n\n扫一扫在手机打开当前页\n";
    let out = diff_of(doc, "never");
    assert!(out.contains(" boilerplate[breadcrumb]"), "{out}");
    assert!(out.contains("boilerplate[share]"), "{out}");
    assert!(!out.contains("boilerplate[line]"), "{out}");
}

#[test]
fn files_come_one_after_another_and_an_unreadable_one_is_named() {
    // Three files, the middle one missing: the others' diffs are written in order (each
    // as it is made), the missing one is named on stderr, and the run fails.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), "鬆江鎮\n").unwrap();
    std::fs::write(tmp.path().join("c.txt"), "方麵\n").unwrap();
    let out = zhclean(tmp.path())
        .args(["diff", "--color", "never", "a.txt", "missing.txt", "c.txt"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let (a, c) = (
        stdout.find("+++ b/a.txt").unwrap(),
        stdout.find("+++ b/c.txt").unwrap(),
    );
    assert!(a < c, "{stdout}");
    assert!(
        stdout.contains("+松江镇\n") && stdout.contains("+方面\n"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}

#[test]
fn a_line_too_long_to_diff_by_characters_is_shown_whole() {
    // Over 64 KiB: both sides shown whole (no character highlights), still coloured.
    let line = "鬆江鎮的曆史".repeat(4000);
    let out = diff_of(&format!("{line}\n"), "always");
    assert!(!out.contains("\x1b[1;31;7m"), "no highlighted characters");
    assert!(out.contains(&format!("\x1b[31m-{line}")));
    assert!(out.contains(&format!("\x1b[32m+{}", "松江镇的历史".repeat(4000))));
}
