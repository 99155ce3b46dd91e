//! Helpers shared by the end-to-end tests. Inputs are built at test time from `seeds/`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use encoding_rs::Encoding;

/// The `zhclean` binary, run in `dir`.
pub fn zhclean(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("zhclean").unwrap();
    c.current_dir(dir).env_remove("NO_COLOR");
    c
}

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// `(file name, text)` of every seed, sorted.
pub fn seeds() -> Vec<(String, String)> {
    let mut v: Vec<_> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// `text` with every character `enc` cannot encode replaced by `?`.
pub fn encodable(text: &str, enc: &'static Encoding) -> String {
    let mut buf = [0u8; 4];
    text.chars()
        .map(|c| {
            let (_, _, bad) = enc.encode(c.encode_utf8(&mut buf));
            if bad {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// `text` encoded with `enc` (UTF-16 by hand: encoding_rs only decodes it), with a BOM
/// when asked.
pub fn encode(text: &str, enc: &'static Encoding, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if enc == encoding_rs::UTF_16LE {
        if bom {
            out.extend_from_slice(&[0xFF, 0xFE]);
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
    } else if enc == encoding_rs::UTF_16BE {
        if bom {
            out.extend_from_slice(&[0xFE, 0xFF]);
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&u.to_be_bytes());
        }
    } else {
        if bom && enc == encoding_rs::UTF_8 {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        let (bytes, _, bad) = enc.encode(text);
        assert!(!bad, "text not encodable in {}", enc.name());
        out.extend_from_slice(&bytes);
    }
    out
}

/// SHA-free checksum of every file under `dir` (path → bytes), to prove inputs untouched.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

/// The entry of the file whose path ends with `name` in a JSON report (`check --format
/// json`, or `clean`'s `zhclean-report.json`).
pub fn file_entry<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["files"]
        .as_array()
        .expect("a report lists its files")
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} is not in the report"))
}
