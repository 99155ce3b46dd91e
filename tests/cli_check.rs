//! End-to-end tests of `zhclean check`: every output format, exit codes, baselines and
//! configuration errors.

mod common;

use common::{seeds_dir, zhclean};
use predicates::prelude::*;
use serde_json::Value;

/// A folder with one clean file and one with a Traditional line and NBSP.
fn corpus() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("clean.txt"), "工作总结\n\n一、基本情况\n").unwrap();
    std::fs::write(
        tmp.path().join("dirty.txt"),
        "工作总结\n鬆江鎮的曆史\u{a0}\n",
    )
    .unwrap();
    tmp
}

/// What `zhclean ARGS` run in `dir` prints, asserting its exit code.
fn stdout_of(dir: &std::path::Path, args: &[&str], code: i32) -> Vec<u8> {
    zhclean(dir)
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone()
}

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON")
}

#[test]
fn json_report_has_positions_in_scalar_values_and_bytes() {
    let tmp = corpus();
    let out = zhclean(tmp.path())
        .args(["check", "--format", "json", "dirty.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["version"], 1);
    let f = &v["files"][0];
    assert_eq!(f["path"], "dirty.txt");
    assert_eq!(f["encoding"], "UTF-8");
    let findings = f["findings"].as_array().unwrap();
    let t = findings
        .iter()
        .find(|x| x["rule"] == "traditional")
        .expect("a traditional finding");
    assert_eq!(t["severity"], "warning");
    assert_eq!(
        (t["line"].as_u64(), t["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(t["end_line"], 2);
    // Changes at most one Han character apart form one finding.
    assert_eq!(t["text"], "鬆江鎮的曆");
    assert_eq!(t["end_column"], 6);
    // "工作总结\n" is 13 bytes; 鬆江鎮的曆 is 15.
    assert_eq!(
        (t["byte_start"].as_u64(), t["byte_end"].as_u64()),
        (Some(13), Some(28))
    );
    assert_eq!(t["fix"]["replacement"], "松江镇的历");
    let ws = findings
        .iter()
        .find(|x| x["rule"] == "whitespace")
        .expect("a whitespace finding");
    assert_eq!(ws["severity"], "info");
    assert_eq!(ws["kind"], "trailing");
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn exit_codes_follow_fail_on() {
    let tmp = corpus();
    zhclean(tmp.path())
        .args(["check", "clean.txt"])
        .assert()
        .code(0);
    zhclean(tmp.path())
        .args(["check", "dirty.txt"])
        .assert()
        .code(1);
    zhclean(tmp.path())
        .args(["check", "--fail-on", "error", "dirty.txt"])
        .assert()
        .code(0);
    zhclean(tmp.path())
        .args(["check", "--fail-on", "never", "dirty.txt"])
        .assert()
        .code(0);
    std::fs::write(tmp.path().join("ws.txt"), "正文 \n").unwrap();
    zhclean(tmp.path())
        .args(["check", "ws.txt"])
        .assert()
        .code(0);
    zhclean(tmp.path())
        .args(["check", "--fail-on", "info", "ws.txt"])
        .assert()
        .code(1);
    zhclean(tmp.path())
        .args(["check", "missing.txt"])
        .assert()
        .code(2);
    zhclean(tmp.path())
        .args(["check", "--format", "yaml", "clean.txt"])
        .assert()
        .code(2);
}

#[test]
fn check_writes_nothing() {
    let tmp = corpus();
    let before = common::snapshot_tree(tmp.path());
    zhclean(tmp.path()).args(["check", "."]).assert().code(1);
    assert_eq!(before, common::snapshot_tree(tmp.path()));
}

#[test]
fn human_format_points_at_the_span() {
    let tmp = corpus();
    zhclean(tmp.path())
        .args(["check", "--color", "never", "dirty.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "dirty.txt:2:1: warning traditional[converted] Traditional `鬆江鎮的曆` → `松江镇的历`",
        ))
        .stdout(predicate::str::contains(
            "  鬆江鎮的曆史\u{a0}\n  ^^^^^^^^^^\n",
        ))
        .stdout(predicate::str::contains("1 file, "));
    // Colour only when asked (or on a terminal).
    zhclean(tmp.path())
        .args(["check", "--color", "always", "dirty.txt"])
        .assert()
        .stdout(predicate::str::contains("\x1b["));
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let tmp = corpus();
    let out = zhclean(tmp.path())
        .args(["check", "--format", "github", "dirty.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    let re = |l: &str| {
        let (head, msg) = l.split_once("::").unwrap();
        assert!(head.is_empty(), "starts with ::");
        let (cmd, msg) = msg.split_once("::").unwrap();
        let (level, props) = cmd.split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&level), "{l}");
        let keys: Vec<&str> = props
            .split(',')
            .map(|kv| kv.split_once('=').unwrap().0)
            .collect();
        assert_eq!(&keys[..3], ["file", "line", "col"], "{l}");
        assert!(keys.contains(&"title"));
        assert!(!msg.is_empty());
    };
    for l in &lines {
        re(l);
    }
    assert!(lines.contains(
        &"::warning file=dirty.txt,line=2,col=1,endColumn=6,title=zhclean traditional/converted::Traditional `鬆江鎮的曆` → `松江镇的历`"
    ));
}

#[test]
fn sarif_output_validates_against_the_2_1_0_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema parses");
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let out = zhclean(&seeds_dir())
        .args(["check", "--format", "sarif", "."])
        .assert()
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid: {errors:#?}");
    let run = &doc["runs"][0];
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "encoding",
            "traditional",
            "placeholder",
            "boilerplate",
            "whitespace"
        ]
    );
    assert!(!run["results"].as_array().unwrap().is_empty());
}

#[test]
fn baseline_hides_exactly_the_recorded_findings() {
    let tmp = corpus();
    zhclean(tmp.path())
        .args(["check", "--write-baseline", "base.json", "dirty.txt"])
        .assert()
        .success();
    zhclean(tmp.path())
        .args(["check", "--baseline", "base.json", "dirty.txt"])
        .assert()
        .code(0);
    // Move the line down and add a new Traditional line: only the new one fails.
    std::fs::write(
        tmp.path().join("dirty.txt"),
        "工作总结\n\n鬆江鎮的曆史\u{a0}\n方麵\n",
    )
    .unwrap();
    zhclean(tmp.path())
        .args([
            "check",
            "--baseline",
            "base.json",
            "--format",
            "json",
            "dirty.txt",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"麵\"").and(predicate::str::contains("鬆江鎮").not()));
    zhclean(tmp.path())
        .args(["check", "--baseline", "nope.json", "dirty.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.json"));
}

#[test]
fn configuration_is_found_upward_validated_and_printed() {
    let tmp = corpus();
    std::fs::write(
        tmp.path().join("zhclean.toml"),
        "[rules.traditional]\nseverity = \"info\"\n[normalize]\ntrailing = false\n",
    )
    .unwrap();
    let sub = tmp.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(tmp.path().join("dirty.txt"), sub.join("dirty.txt")).unwrap();
    // Found from a subdirectory: traditional is only info now, so the check passes.
    zhclean(&sub).args(["check", "dirty.txt"]).assert().code(0);
    zhclean(&sub).arg("config").assert().success().stdout(
        predicate::str::contains("zhclean.toml").and(predicate::str::contains("trailing = false")),
    );
    zhclean(&sub)
        .args(["check", "--no-config", "dirty.txt"])
        .assert()
        .code(1);

    std::fs::write(tmp.path().join("bad.toml"), "[convert]\nconfg = \"t2s\"\n").unwrap();
    zhclean(tmp.path())
        .args(["check", "--config", "bad.toml", "clean.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml").and(predicate::str::contains("confg")));
}

#[test]
fn undecodable_bytes_are_error_findings_in_check() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = "工作总结，全镇经济社会发展稳中有进。"
        .repeat(20)
        .into_bytes();
    bytes.insert(30, 0xFF);
    std::fs::write(tmp.path().join("bad.txt"), &bytes).unwrap();
    zhclean(tmp.path())
        .args(["check", "--format", "json", "--fail-on", "error", "bad.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"kind\":\"malformed\""));
}

/// Many files of uneven size, some Traditional: what a parallel run must keep in order.
fn many_files() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..120 {
        let line = if i % 3 == 0 {
            "鬆江鎮的曆史方麵\n"
        } else {
            "共走访慰问X名困难党员\n"
        };
        // Every 17th file is large, so later ones finish first and must wait.
        let n = if i % 17 == 0 { 4000 } else { 1 + i % 5 };
        std::fs::write(tmp.path().join(format!("f{i:03}.txt")), line.repeat(n)).unwrap();
    }
    tmp
}

#[test]
fn reports_stream_in_input_order_whatever_the_number_of_jobs() {
    let tmp = many_files();
    let mut outputs = Vec::new();
    for format in ["json", "human", "github", "sarif"] {
        let runs: Vec<Vec<u8>> = ["1", "4"]
            .iter()
            .map(|jobs| {
                let out = stdout_of(
                    tmp.path(),
                    &["check", "-q", "--format", format, "-j", jobs, "."],
                    1,
                );
                // The human format ends with the run's timing, which differs.
                let text = String::from_utf8(out).unwrap();
                text.lines()
                    .filter(|l| !l.contains("MB/s"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes()
            })
            .collect();
        assert_eq!(runs[0], runs[1], "{format}: -j1 and -j4 differ");
        outputs.push(runs.into_iter().next().unwrap());
    }
    let report = json_of(&outputs[0]);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths.len(), 120);
    assert_eq!(paths, sorted);
    assert_eq!(report["summary"]["files"], 120);
    let sarif = json_of(&outputs[3]);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let findings: usize = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(results.len(), findings);
}

#[test]
fn a_reader_that_stops_early_ends_the_run_without_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let tmp = many_files();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("zhclean"))
        .current_dir(tmp.path())
        .args(["check", "--format", "human", "-q", "-j", "2", "."])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("./f000.txt:1:1:"), "{first}");
    let out = child.wait_with_output().unwrap();
    // Findings were seen (exit 1); a closed pipe is not an I/O error (exit 2).
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Over 4 MiB of the seeds, half Traditional, with CRLF line endings and NBSP: a file
/// check writes in parts.
fn large_file(dir: &std::path::Path) -> String {
    use zhclean::convert::{ConfigName, Converter};
    let simp: String = common::seeds().into_iter().map(|(_, t)| t).collect();
    let trad = Converter::get(ConfigName::S2t).convert(&simp);
    let mut text = String::new();
    while text.len() < 5 << 20 {
        text.push_str(&simp);
        text.push_str(&trad.replace('\n', "\r\n").replace("一、", "\u{a0}一、"));
    }
    std::fs::write(dir.join("big.txt"), &text).unwrap();
    text
}

#[test]
fn a_large_file_is_reported_in_parts_exactly_as_whole() {
    use zhclean::config::Config;
    use zhclean::pipeline::{plan_bytes, DecodeOptions};
    use zhclean::report::{human, json, FileReport, Summary};
    let tmp = tempfile::tempdir().unwrap();
    let text = large_file(tmp.path());
    // The report as a whole, made by the library.
    let config = Config::default();
    let decode = DecodeOptions {
        lossy: true,
        ..DecodeOptions::default()
    };
    let plan = plan_bytes(text.as_bytes(), &config, &decode).unwrap();
    let mut whole = FileReport::new("big.txt");
    whole.encoding = Some(plan.source.encoding.name().to_string());
    whole.confidence = Some(plan.source.confidence.as_str().to_string());
    whole.findings = plan.all_findings(&config);
    whole.capture_lines(&plan.source.text, &plan.source.index);
    assert!(whole.findings.len() > 10_000);
    let mut summary = Summary::default();
    summary.add(&whole, text.len() as u64);

    let run = |format: &str| {
        stdout_of(
            tmp.path(),
            &["check", "-q", "--format", format, "big.txt"],
            1,
        )
    };
    let want = json::render(std::slice::from_ref(&whole), &summary, None);
    assert_eq!(String::from_utf8(run("json")).unwrap(), want);
    let human_out = String::from_utf8(run("human")).unwrap();
    let want = human::render(&[whole], human::Style { color: false }, true);
    assert!(human_out.starts_with(&want));
    assert_eq!(
        human_out[want.len()..].lines().count(),
        1,
        "then the summary"
    );
}

#[test]
fn a_baseline_of_a_large_file_hides_all_of_it() {
    let tmp = tempfile::tempdir().unwrap();
    large_file(tmp.path());
    zhclean(tmp.path())
        .args(["check", "--write-baseline", "base.json", "big.txt"])
        .assert()
        .success();
    zhclean(tmp.path())
        .args([
            "check",
            "-q",
            "--baseline",
            "base.json",
            "--format",
            "json",
            "big.txt",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"findings\":[]"));
}
