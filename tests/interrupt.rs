//! Interrupted and resumed runs: outputs are never half-written, inputs never damaged,
//! and `--resume` picks up where a stopped run left off.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command as Std, Stdio};
use std::time::Duration;

use common::{seeds, zhclean};

/// `n` documents of about 40 KB each, made from the seeds (Traditional ones included).
fn big_corpus(dir: &Path, n: usize) -> Vec<(String, String)> {
    let seeds = seeds();
    let mut docs = Vec::new();
    for i in 0..n {
        let (_, text) = &seeds[i % seeds.len()];
        let body = format!("第{i}号文件\n{}", text.repeat(3));
        let name = format!("doc{i:04}.txt");
        std::fs::write(dir.join(&name), &body).unwrap();
        docs.push((name, body));
    }
    docs
}

/// A temporary folder with `n` documents of [`big_corpus`] in its `in` folder.
fn corpus_in(n: usize) -> (tempfile::TempDir, Vec<(String, String)>) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let docs = big_corpus(&input, n);
    (tmp, docs)
}

fn expected(text: &str) -> String {
    zhclean::clean_text(text, &zhclean::Config::default()).text
}

/// Starts zhclean and sends `signal` as soon as `started` says the run is under way.
fn kill_when(args: &[&str], dir: &Path, started: impl Fn() -> bool, signal: &str) {
    // At the lowest priority, so that on a loaded machine the run, not this test's
    // watching and signalling, is what waits for a core: a faster build had finished all
    // 400 files five times in a row before the signal arrived.
    let mut child = Std::new("nice")
        .args(["-n", "19"])
        .arg(assert_cmd::cargo::cargo_bin("zhclean"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // A shell that is already waiting sends the signal with its builtin `kill` as soon as
    // it reads a line: spawning `kill` only once the run is under way took long enough,
    // on a loaded machine, for a release build to finish the whole corpus first.
    let mut killer = Std::new("sh")
        .args(["-c", &format!("read _ && kill {signal} {}", child.id())])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !started() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    killer.stdin.take().unwrap().write_all(b"go\n").unwrap();
    killer.wait().unwrap();
    child.wait().unwrap();
}

/// Files directly in `dir` whose name ends with `suffix`.
/// Runs `clean in --out out --resume` in `dir`, which must succeed and say `said` on
/// standard error.
fn resume(dir: &Path, said: &str) {
    zhclean(dir)
        .args(["clean", "in", "--out", "out", "--resume"])
        .assert()
        .success()
        .stderr(predicates::str::contains(said));
}

fn count(dir: &Path, suffix: &str) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(suffix))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn resume_skips_finished_files_and_redoes_changed_ones() {
    let (tmp, docs) = corpus_in(6);
    let input = tmp.path().join("in");
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out"])
        .assert()
        .success();
    let report1 = std::fs::read_to_string(tmp.path().join("out/zhclean-report.json")).unwrap();
    // Unchanged inputs: everything is taken over, the report is the same.
    resume(tmp.path(), "6 resumed from an earlier run");
    let report2 = std::fs::read_to_string(tmp.path().join("out/zhclean-report.json")).unwrap();
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("],\"summary\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&report1), strip(&report2));
    // A changed input is cleaned again.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(input.join(&docs[2].0), "鬆江鎮\n").unwrap();
    resume(tmp.path(), "5 resumed");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out").join(&docs[2].0)).unwrap(),
        "松江镇\n"
    );
    // Another configuration is not resumed.
    zhclean(tmp.path())
        .args([
            "clean",
            "in",
            "--out",
            "out",
            "--resume",
            "--keep-boilerplate",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("resumed").not());
}

#[test]
fn a_run_without_resume_starts_the_journal_afresh() {
    let (tmp, _) = corpus_in(2);
    for _ in 0..3 {
        zhclean(tmp.path())
            .args(["clean", "in", "--out", "out"])
            .assert()
            .success();
    }
    let journal = std::fs::read_to_string(tmp.path().join("out/.zhclean-journal.jsonl")).unwrap();
    assert_eq!(
        file_lines(&journal).len(),
        2,
        "one line per file of the last run"
    );
    resume(tmp.path(), "2 resumed");
}

/// A resumed run's journal keeps only its own lines once its report is in place: the
/// earlier ones point at a report it replaced.
#[test]
fn resumed_runs_do_not_grow_the_journal() {
    let (tmp, _) = corpus_in(3);
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out"])
        .assert()
        .success();
    let journal = tmp.path().join("out/.zhclean-journal.jsonl");
    let first = std::fs::read_to_string(&journal).unwrap().lines().count();
    for _ in 0..3 {
        resume(tmp.path(), "3 resumed from an earlier run");
        let now = std::fs::read_to_string(&journal).unwrap();
        assert_eq!(file_lines(&now).len(), 3);
        assert_eq!(now.lines().count(), first, "{now}");
    }
}

#[test]
fn no_journal_keeps_none_and_removes_an_earlier_one() {
    let (tmp, _) = corpus_in(2);
    let journal = tmp.path().join("out/.zhclean-journal.jsonl");
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out"])
        .assert()
        .success();
    assert!(journal.exists());
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out", "--no-journal"])
        .assert()
        .success();
    assert!(!journal.exists(), "the earlier journal is removed");
    assert_eq!(count(&tmp.path().join("out"), ".diff"), 2);
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out", "--no-journal", "--resume"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--resume"));
}

/// The journal's lines for finished files (it also has a line naming the run's report,
/// and one when the report is in place).
fn file_lines(journal: &str) -> Vec<serde_json::Value> {
    journal
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("input").is_some())
        .collect()
}

/// While a slow input holds the run up (here a pipe nobody writes to), the files finished
/// before it are in the journal on disk: a kill then loses none of them.
#[test]
#[cfg(target_os = "linux")]
fn files_finished_before_a_slow_one_are_recorded_while_it_waits() {
    let (tmp, docs) = corpus_in(20);
    let fifo = tmp.path().join("in/zz.txt");
    assert!(Std::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut args: Vec<String> = docs.iter().map(|(n, _)| format!("in/{n}")).collect();
    args.push("in/zz.txt".into());
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("zhclean"))
        .arg("clean")
        .args(&args)
        .args(["--out", "out", "-j", "1"])
        .current_dir(tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let journal = tmp.path().join("out/.zhclean-journal.jsonl");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let mut recorded = 0;
    while recorded < docs.len() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        recorded = std::fs::read_to_string(&journal).map_or(0, |j| file_lines(&j).len());
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        recorded,
        docs.len(),
        "every file before the pipe is recorded"
    );
    // A folder's walk leaves the pipe out: everything is taken over.
    resume(tmp.path(), "20 resumed from an earlier run");
}

/// An output folder whose name is not UTF-8 still gets a journal; the report it points
/// into is named lossily, so a resumed run cleans the files again instead of failing.
#[test]
#[cfg(target_os = "linux")]
fn an_output_folder_not_named_in_utf8_is_no_error() {
    use std::os::unix::ffi::OsStrExt;
    let (tmp, docs) = corpus_in(2);
    let out = std::ffi::OsStr::from_bytes(b"out\xff");
    for resume in [false, true] {
        let mut cmd = zhclean(tmp.path());
        cmd.arg("clean").arg("in").arg("--out").arg(out);
        if resume {
            cmd.arg("--resume");
        }
        cmd.assert().success();
    }
    let dir = tmp.path().join(out);
    for (name, text) in &docs {
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).unwrap(),
            expected(text)
        );
    }
    assert!(dir.join("zhclean-report.json").is_file());
}

/// The journal points into the report: with the report written to a device there is
/// nothing to resume from, which `--resume` says instead of redoing every file.
#[test]
#[cfg(unix)]
fn resume_needs_a_report_in_a_regular_file() {
    let (tmp, _) = corpus_in(2);
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out", "--report", "/dev/null"])
        .assert()
        .success();
    assert!(
        !tmp.path().join("out/.zhclean-journal.jsonl").exists(),
        "no journal points into /dev/null"
    );
    zhclean(tmp.path())
        .args([
            "clean",
            "in",
            "--out",
            "out",
            "--report",
            "/dev/null",
            "--resume",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--resume needs the run report in a regular file",
        ));
}

/// A temporary folder whose `in` holds `large.txt` (the seeds repeated past 1 MiB, so its
/// findings go to the writer ahead of its outputs) and a small Traditional file.
fn large_and_small() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let all: String = seeds().iter().map(|(_, t)| t.as_str()).collect();
    let large = all.repeat((1 << 20) / all.len() + 2);
    assert!(large.len() > 1 << 20);
    std::fs::write(input.join("large.txt"), &large).unwrap();
    std::fs::write(input.join("small.txt"), "鬆江鎮X村\n").unwrap();
    (tmp, large)
}

/// The run report under `dir/out`, parsed.
fn report_in(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("out/zhclean-report.json")).unwrap())
        .expect("the report is valid JSON")
}

/// A file over 1 MiB has its findings written to the report and journal while its
/// outputs are written; the rest of its entry follows. When an output fails, the entry
/// tells so, the journal line is left unfinished, and `--resume` cleans the file again.
#[test]
fn a_large_file_whose_output_fails_is_reported_and_redone_on_resume() {
    let (tmp, large) = large_and_small();
    // A folder where the large file's diff would go: that write fails.
    std::fs::create_dir_all(tmp.path().join("out/large.txt.diff")).unwrap();
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out", "-j", "1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot write"));
    let report = report_in(tmp.path());
    let entry = &report["files"][0];
    assert!(entry["path"].as_str().unwrap().ends_with("large.txt"));
    let expected = zhclean::clean_text(&large, &zhclean::Config::default());
    assert_eq!(
        entry["findings"].as_array().unwrap().len(),
        expected.findings.len(),
        "every finding is in the report"
    );
    assert!(entry["problems"][0]
        .as_str()
        .unwrap()
        .contains("cannot write"));
    assert!(entry["output"].is_string() && entry["diff"].is_null());
    assert_eq!(report["summary"]["files_with_problems"], 1);
    // The journal holds the small file's line, none for the large file.
    let journal = std::fs::read_to_string(tmp.path().join("out/.zhclean-journal.jsonl")).unwrap();
    let parsed = file_lines(&journal);
    assert_eq!(parsed.len(), 1);
    assert!(parsed[0]["input"].as_str().unwrap().ends_with("small.txt"));
    // Once the output can be written, a resumed run cleans the large file again, and its
    // entry is the whole one.
    std::fs::remove_dir(tmp.path().join("out/large.txt.diff")).unwrap();
    resume(tmp.path(), "1 resumed");
    let report = report_in(tmp.path());
    let entry = &report["files"][0];
    assert!(entry["problems"].is_null());
    assert_eq!(
        entry["findings"].as_array().unwrap().len(),
        expected.findings.len()
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out/large.txt")).unwrap(),
        expected.text
    );
    assert!(tmp.path().join("out/large.txt.diff").is_file());
    // And a further resumed run takes the large file over from the journal.
    resume(tmp.path(), "2 resumed");
}

/// A journal that cannot be written (a full disk) is an error, but the report stays
/// whole: every file's entry, the large file's included (its head and tail are written
/// apart).
#[test]
#[cfg(target_os = "linux")]
fn a_journal_that_cannot_be_written_leaves_the_report_whole() {
    let (tmp, _) = large_and_small();
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    // Every write to /dev/full fails with "no space left on device".
    std::os::unix::fs::symlink("/dev/full", tmp.path().join("out/.zhclean-journal.jsonl")).unwrap();
    zhclean(tmp.path())
        .args(["clean", "in", "--out", "out", "-j", "1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot write the run journal"));
    let report = report_in(tmp.path());
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert!(files[0]["path"].as_str().unwrap().ends_with("large.txt"));
    assert!(!files[0]["findings"].as_array().unwrap().is_empty());
    assert!(files[0]["diff"].is_string());
}

use predicates::prelude::PredicateBooleanExt;

#[test]
#[cfg(unix)]
fn a_killed_run_leaves_only_complete_outputs_and_resumes() {
    let (tmp, docs) = corpus_in(400);
    let out = tmp.path().join("out");
    for signal in ["-KILL", "-INT"] {
        stopped_early(signal, || {
            let _ = std::fs::remove_dir_all(&out);
            kill_when(
                &["clean", "in", "--out", "out", "-j", "1"],
                tmp.path(),
                || count(&out, ".diff") >= 3,
                signal,
            );
            let mut complete = 0;
            for (name, text) in &docs {
                if let Ok(got) = std::fs::read_to_string(out.join(name)) {
                    assert_eq!(got, expected(text), "{name} is half-written after {signal}");
                    complete += 1;
                }
            }
            complete < docs.len()
        });
        resume(tmp.path(), "");
        for (name, text) in &docs {
            assert_eq!(
                std::fs::read_to_string(out.join(name)).unwrap(),
                expected(text),
                "{name}"
            );
        }
    }
}

/// The journal points into the report a run is writing: a killed run's report is a
/// temporary file, which a resumed run takes the finished files' entries from (and
/// removes once its own report is in place).
#[test]
#[cfg(unix)]
fn a_killed_run_is_resumed_from_its_unfinished_report() {
    let (tmp, docs) = corpus_in(400);
    let out = tmp.path().join("out");
    let journal = out.join(".zhclean-journal.jsonl");
    stopped_early("-KILL", || {
        let _ = std::fs::remove_dir_all(&out);
        kill_when(
            &["clean", "in", "--out", "out", "-j", "1"],
            tmp.path(),
            || std::fs::read_to_string(&journal).is_ok_and(|j| !file_lines(&j).is_empty()),
            "-KILL",
        );
        !out.join("zhclean-report.json").exists()
    });
    // The journal's first line names the killed run's report, a temporary file (beside
    // which the kill may have left an output's temporary too).
    let journal_text = std::fs::read_to_string(&journal).unwrap();
    let first: serde_json::Value =
        serde_json::from_str(journal_text.lines().next().unwrap()).unwrap();
    let killed_report = std::path::PathBuf::from(first["report"].as_str().unwrap());
    assert!(killed_report.to_string_lossy().ends_with(".zhclean-tmp"));
    assert!(killed_report.is_file(), "the killed run's report is kept");
    resume(tmp.path(), "resumed from an earlier run");
    assert!(
        !killed_report.exists(),
        "removed once the new report is in place"
    );
    let report = report_in(tmp.path());
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), docs.len());
    // Taken over or made anew, each entry is the one a fresh run makes.
    for ((name, text), entry) in docs.iter().zip(files) {
        assert!(entry["path"].as_str().unwrap().ends_with(name.as_str()));
        let expected = zhclean::clean_text(text, &zhclean::Config::default());
        assert_eq!(
            entry["findings"].as_array().unwrap().len(),
            expected.findings.len(),
            "{name}"
        );
    }
}

#[test]
#[cfg(unix)]
fn a_killed_in_place_run_never_damages_an_input() {
    let (tmp, docs) = corpus_in(400);
    let docs = &docs;
    let input = tmp.path().join("in");
    stopped_early("-KILL", || {
        for (name, text) in docs {
            std::fs::write(input.join(name), text).unwrap();
            let _ = std::fs::remove_file(input.join(format!("{name}.orig")));
        }
        kill_when(
            &["clean", "in", "--in-place", "-j", "1"],
            tmp.path(),
            || count(&input, ".orig") >= 3,
            "-KILL",
        );
        let mut cleaned = 0;
        for (name, text) in docs {
            let now = std::fs::read_to_string(input.join(name)).unwrap();
            if now == *text {
                continue;
            }
            assert_eq!(
                now,
                expected(text),
                "{name} is neither the original nor the cleaned text"
            );
            assert_eq!(
                std::fs::read_to_string(input.join(format!("{name}.orig"))).unwrap(),
                *text,
                "backup of {name}"
            );
            cleaned += 1;
        }
        cleaned < docs.len()
    });
}

/// Runs `attempt` (which says whether the signal stopped the run before its end) until it
/// does, up to five times: on a loaded machine the whole corpus is sometimes done before
/// the signal arrives, which tests nothing.
fn stopped_early(signal: &str, mut attempt: impl FnMut() -> bool) {
    assert!(
        (0..5).any(|_| attempt()),
        "five runs ended before {signal} reached them"
    );
}
