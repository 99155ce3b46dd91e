//! End-to-end tests of `zhclean clean --jsonl`: records match file mode, passthrough is
//! byte-exact, bad lines become error lines in place, order holds under parallelism, and
//! output streams out before the input ends.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command as Std, Stdio};
use std::time::Duration;

use common::{file_entry, seeds, seeds_dir, zhclean};
use serde_json::{json, Value};

/// Runs `clean --jsonl ARGS` on `stdin`; returns (exit code, stdout lines, stderr).
fn jsonl(dir: &Path, args: &[&str], stdin: impl Into<Vec<u8>>) -> (i32, Vec<String>, String) {
    let out = zhclean(dir)
        .args(["clean", "--jsonl"])
        .args(args)
        .write_stdin(stdin.into())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    assert!(
        stdout.is_empty() || stdout.ends_with('\n'),
        "every output line ends with a newline"
    );
    (
        out.status.code().unwrap(),
        stdout.lines().map(str::to_string).collect(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn parse(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("output line is JSON ({e}): {line}"))
}

/// The `zhclean` object of an output line whose other fields a strict parser may refuse
/// (numbers beyond f64, lone surrogates passed through as they came).
fn zhclean_of(line: &str) -> Value {
    let fields: std::collections::HashMap<String, &serde_json::value::RawValue> =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("output line ({e}): {line}"));
    serde_json::from_str(fields["zhclean"].get()).unwrap()
}

fn line_of(v: Value) -> String {
    serde_json::to_string(&v).unwrap()
}

#[test]
fn each_seed_as_a_record_is_cleaned_exactly_as_file_mode_cleans_it() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seeds();
    let input: String = seeds
        .iter()
        .map(|(name, text)| line_of(json!({"name": name, "text": text})) + "\n")
        .collect();
    for flags in [
        &[][..],
        &["--report-all"][..],
        &[
            "--keep-boilerplate",
            "-c",
            "tw2s",
            "--no-normalize",
            "trailing",
        ][..],
    ] {
        let out = tmp.path().join(format!("o{}", flags.len()));
        zhclean(tmp.path())
            .arg("clean")
            .arg(seeds_dir())
            .arg("--out")
            .arg(&out)
            .args(flags)
            .arg("-q")
            .assert()
            .success();
        let report: Value =
            serde_json::from_slice(&std::fs::read(out.join("zhclean-report.json")).unwrap())
                .unwrap();
        let (code, lines, _) = jsonl(tmp.path(), flags, input.clone());
        assert_eq!(code, 0, "{flags:?}");
        assert_eq!(lines.len(), seeds.len());
        for ((name, text), line) in seeds.iter().zip(&lines) {
            let rec = parse(line);
            assert_eq!(rec["name"], name.as_str());
            let file_text = std::fs::read_to_string(out.join(name)).unwrap();
            assert_eq!(
                rec["text"],
                file_text.as_str(),
                "{name} {flags:?}: cleaned text"
            );
            let z = &rec["zhclean"];
            assert_eq!(z["changed"], file_text != *text, "{name}: changed");
            let entry = file_entry(&report, name);
            // File mode adds encoding findings about the bytes; JSON text has none.
            let file_findings: Vec<&Value> = entry["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] != "encoding")
                .collect();
            let findings: Vec<&Value> = z["findings"].as_array().unwrap().iter().collect();
            assert_eq!(findings, file_findings, "{name} {flags:?}: findings");
            assert_eq!(z["changes"], entry["changes"], "{name} {flags:?}: changes");
            // The Record's field order, text left out.
            let at = |key: &str| line.find(&format!("\"{key}\":")).unwrap();
            assert_eq!(at("zhclean") + 11, at("changed"), "{line}");
            assert!(at("changed") < at("findings"));
            let at_changes = line.find("\"changes\":{\"converted_chars\"").unwrap();
            assert!(at("findings") < at_changes && at_changes < at("converted"));
            assert!(at("converted") < at("removed") && line.ends_with("]}}"));
            let removed = z["removed"].as_array().unwrap().len() as u64;
            assert_eq!(z["changes"]["removed_lines"].as_u64().unwrap(), removed);
        }
    }
}

#[test]
fn passthrough_fields_come_back_byte_identical_and_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let before = r#"{ "id" : 12345678901234567890, "score":1.0e400,"meta":{"src":"caf\u00e9 \ud83d\ude00 \/","tags":["x",null,true,-0.0]}, "zhclean":{"stale":1},"text":"鬆江鎮X名\u00a0\n","t\u0061il":"\u677e",  "n":1.50  }"#;
    let (code, lines, _) = jsonl(tmp.path(), &[], format!("{before}\n"));
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 1);
    let want_head = r#"{"id":12345678901234567890,"score":1.0e400,"meta":{"src":"caf\u00e9 \ud83d\ude00 \/","tags":["x",null,true,-0.0]},"text":"松江镇X名\n","t\u0061il":"\u677e","n":1.50,"zhclean":{"changed":true,"#;
    assert!(
        lines[0].starts_with(want_head),
        "passthrough changed:\n{}",
        lines[0]
    );
    let z = &zhclean_of(&lines[0]);
    assert!(z.get("stale").is_none(), "an input zhclean key is replaced");
    assert_eq!(z["converted"][0]["from"], "鬆江鎮");
    assert_eq!(z["findings"][0]["rule"], "placeholder");
    // Running the output through again keeps a single, current zhclean object.
    let (code, again, _) = jsonl(tmp.path(), &[], format!("{}\n", lines[0]));
    assert_eq!(code, 0);
    assert_eq!(again[0].matches("\"zhclean\"").count(), 1);
    assert_eq!(zhclean_of(&again[0])["changed"], false);
}

#[test]
fn text_field_selects_which_field_is_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let input = r#"{"text":"鬆江鎮","content":"鬆江鎮工作總結\n"}"#;
    let (code, lines, _) = jsonl(tmp.path(), &["--text-field", "content"], input);
    assert_eq!(code, 0);
    assert!(
        lines[0].starts_with(r#"{"text":"鬆江鎮","content":"松江镇工作总结\n","zhclean":"#),
        "{}",
        lines[0]
    );
    let (code, lines, _) = jsonl(tmp.path(), &["--text-field", "body"], input);
    assert_eq!(code, 1);
    assert_eq!(
        parse(&lines[0])["zhclean"]["error"],
        "line 1: no \"body\" field"
    );
}

#[test]
fn malformed_lines_become_error_lines_in_place_and_the_rest_is_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let good = |id: u32| line_of(json!({"id": id, "text": "鬆江鎮\n"}));
    let mut input: Vec<u8> = Vec::new();
    let lines_in: Vec<Vec<u8>> = vec![
        good(1).into_bytes(),
        b"{\"id\":2,\"text\":\"unterminated}".to_vec(),
        b"[\"not\", \"an object\"]".to_vec(),
        b"{\"id\":4,\"title\":\"no text\"}".to_vec(),
        b"{\"id\":5,\"text\":42}".to_vec(),
        b"".to_vec(),
        b"{\"id\":7,\"text\":\"\xE9\xAC\x86\xFF\"}".to_vec(),
        b"{\"id\":8,\"text\":\"\\ud800 lone\"}".to_vec(),
        b"{\"id\":9,\"text\":\"a\",\"text\":\"b\"}".to_vec(),
        good(10).into_bytes(),
    ];
    for l in &lines_in {
        input.extend_from_slice(l);
        input.push(b'\n');
    }
    let (code, lines, stderr) = jsonl(tmp.path(), &[], input);
    assert_eq!(code, 1, "a bad line makes the exit code 1");
    assert_eq!(
        lines.len(),
        lines_in.len(),
        "one output line per input line"
    );
    // Line 8's text passes through as it came, lone surrogate and all.
    assert!(lines[7].starts_with(r#"{"id":8,"text":"\ud800 lone","zhclean":"#));
    let recs: Vec<Value> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 7 {
                json!({"zhclean": zhclean_of(l)})
            } else {
                parse(l)
            }
        })
        .collect();
    for (i, what) in [
        (2, "not valid JSON: EOF while parsing a string"),
        (3, "not a JSON object but an array"),
        (4, "no \"text\" field"),
        (5, "the \"text\" field is a number, not a string"),
        (6, "blank line, not a JSON object"),
        (7, "not valid UTF-8 (bad byte at offset 19)"),
        (8, "the \"text\" field holds a lone surrogate escape"),
        (9, "the \"text\" field appears twice"),
    ] {
        let z = &recs[i - 1]["zhclean"];
        let err = z["error"]
            .as_str()
            .unwrap_or_else(|| panic!("line {i}: {z}"));
        assert!(
            err.starts_with(&format!("line {i}: {what}")),
            "line {i}: {err}"
        );
        assert_eq!(z["line"], i);
        assert!(z.get("input").is_none(), "stdin has no input name");
        assert!(stderr.contains(&format!("<stdin>: line {i}: ")), "{stderr}");
    }
    // Objects keep their fields (an id for a join); the rest is only the error.
    assert_eq!(recs[3]["id"], 4);
    assert_eq!(recs[3]["title"], "no text");
    assert_eq!(recs[4]["text"], 42);
    assert_eq!(recs[1].as_object().unwrap().len(), 1);
    assert_eq!(recs[6].as_object().unwrap().len(), 1);
    for i in [0, 9] {
        assert_eq!(recs[i]["text"], "松江镇\n");
        assert_eq!(recs[i]["zhclean"]["changed"], true);
    }
    assert!(stderr.contains("10 records"), "{stderr}");
    assert!(stderr.contains("8 errors"), "{stderr}");
}

#[test]
fn line_endings_crlf_and_a_missing_final_newline() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, lines, _) = jsonl(
        tmp.path(),
        &[],
        "\u{feff}{\"text\":\"a\"}\r\n{\"text\":\"鬆\"}",
    );
    assert_eq!(code, 0, "a BOM and CRLF are accepted");
    assert_eq!(lines.len(), 2, "the last line without newline is processed");
    assert_eq!(parse(&lines[1])["text"], "松\n");
    let (code, lines, _) = jsonl(tmp.path(), &[], "{\"text\":\"a\"}\n");
    assert_eq!(
        (code, lines.len()),
        (0, 1),
        "a final newline adds no record"
    );
    let (code, lines, stderr) = jsonl(tmp.path(), &[], "");
    assert_eq!((code, lines.len()), (0, 0));
    assert!(stderr.contains("0 records"), "{stderr}");
    let (code, lines, _) = jsonl(tmp.path(), &["-q"], "{\"text\":\"a\"}\n\n");
    assert_eq!(
        (code, lines.len()),
        (1, 2),
        "a trailing blank line is a record"
    );
}

#[test]
fn files_and_stdin_are_read_in_the_order_given() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.jsonl"), "{\"text\":\"a1\"}\n?nope\n").unwrap();
    std::fs::write(tmp.path().join("b.jsonl"), "{\"text\":\"b1\"}").unwrap();
    let (code, lines, stderr) = jsonl(
        tmp.path(),
        &["a.jsonl", "-", "b.jsonl"],
        "{\"text\":\"s1\"}\n",
    );
    assert_eq!(code, 1);
    let texts: Vec<Value> = lines.iter().map(|l| parse(l)["text"].clone()).collect();
    assert_eq!(
        texts,
        [json!("a1\n"), Value::Null, json!("s1\n"), json!("b1\n")]
    );
    assert_eq!(
        parse(&lines[1])["zhclean"],
        json!({"error": "line 2: not valid JSON: expected value at line 1 column 1", "line": 2, "input": "a.jsonl"})
    );
    assert!(
        stderr.contains("a.jsonl: line 2: not valid JSON"),
        "{stderr}"
    );
    // A missing file is an I/O error (exit 2); the others are still read.
    let (code, lines, stderr) = jsonl(tmp.path(), &["missing.jsonl", "b.jsonl"], "");
    assert_eq!((code, lines.len()), (2, 1));
    assert!(stderr.contains("missing.jsonl: cannot read"), "{stderr}");
}

/// `n` records with ids, texts cut from the seeds at varying lengths (so workers finish
/// out of order), some Traditional.
fn stream(n: usize) -> String {
    let seeds = seeds();
    let mut out = String::new();
    for i in 0..n {
        let (_, text) = &seeds[i % seeds.len()];
        let chars: Vec<char> = text.chars().collect();
        let len = [40, 4000, 300, 2500, 900, 10][i % 6].min(chars.len());
        let start = (i * 37) % (chars.len() - len + 1);
        let piece: String = chars[start..start + len].iter().collect();
        out.push_str(&line_of(json!({"id": i, "text": piece})));
        out.push('\n');
    }
    out
}

#[test]
fn output_order_is_input_order_with_two_jobs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = stream(3000);
    let (code1, one, _) = jsonl(tmp.path(), &["-j", "1"], input.clone());
    let (code2, two, _) = jsonl(tmp.path(), &["-j", "2"], input);
    assert_eq!((code1, code2), (0, 0));
    assert_eq!(two.len(), 3000);
    for (i, l) in two.iter().enumerate() {
        assert_eq!(parse(l)["id"], i, "line {i} out of order");
    }
    assert!(one == two, "-j 2 writes exactly what -j 1 writes");
}

#[test]
fn a_large_stream_goes_through() {
    let tmp = tempfile::tempdir().unwrap();
    let mut input = stream(20_000);
    input.push_str("oops\n");
    let (code, lines, stderr) = jsonl(tmp.path(), &["-j", "2"], input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 20_001);
    assert_eq!(parse(&lines[19_999])["id"], 19_999);
    assert_eq!(parse(&lines[20_000])["zhclean"]["line"], 20_001);
    assert!(stderr.contains("20001 records"), "{stderr}");
    let changed = lines
        .iter()
        .filter(|l| l.contains("\"zhclean\":{\"changed\":true"))
        .count();
    assert!(
        changed > 1000,
        "Traditional and whitespace edits: {changed}"
    );
}

#[test]
fn output_streams_out_before_the_input_ends() {
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("zhclean"))
        .args(["clean", "--jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            tx.send(line.unwrap()).unwrap();
        }
    });
    for i in 0..3 {
        writeln!(stdin, "{}", line_of(json!({"i": i, "text": "鬆江鎮"}))).unwrap();
        stdin.flush().unwrap();
        let got = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the record comes back while stdin is still open");
        assert_eq!(parse(&got)["i"], i);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("zhclean"))
        .args(["clean", "--jsonl", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let line = line_of(json!({"text": "鬆江鎮"})) + "\n";
    stdin.write_all(line.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    drop(stdout); // like `| head -1`
                  // Keep feeding until zhclean stops reading; it must not hang or complain.
    for _ in 0..100_000 {
        if stdin.write_all(line.as_bytes()).is_err() {
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn jsonl_refuses_file_mode_options() {
    let tmp = tempfile::tempdir().unwrap();
    for extra in [
        &["--out", "o"][..],
        &["--in-place"],
        &["--report", "r.json"],
        &["--no-diff"],
        &["--encoding", "gbk"],
        &["--lossy"],
        &["--text-field", "zhclean"],
    ] {
        zhclean(tmp.path())
            .args(["clean", "--jsonl"])
            .args(extra)
            .write_stdin("")
            .assert()
            .code(2);
    }
    zhclean(tmp.path())
        .args(["clean", "--text-field", "body", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--jsonl"));
}
