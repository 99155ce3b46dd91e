//! OpenCC 1.4.2's own test cases (`dictionaries/opencc/test_data/testcases.json`), run
//! against zhclean's engine for every config it implements: plain OpenCC behaviour
//! ([`Converter::opencc`]) must match every case; zhclean's converter ([`Converter::get`],
//! with the mainland overrides) must match every case except the ones listed in
//! [`KNOWN_DIFFERENCES`], each with its reason.

use std::ops::Range;

use zhclean::convert::{ConfigName, Converter};

const TESTCASES: &str = include_str!("../dictionaries/opencc/test_data/testcases.json");

/// `(case id, config, why zhclean differs on purpose)`.
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "BYVoid_OpenCC_Issue_767_solace",
        "t2s",
        "OpenCC's t2s keeps the particle 著; zhclean writes the mainland 着 (慰藉着)",
    ),
    (
        "BYVoid_OpenCC_Issue_767_solace",
        "hk2s",
        "OpenCC's t2s keeps the particle 著; zhclean writes the mainland 着 (慰藉着)",
    ),
    (
        "BYVoid_OpenCC_Issue_475_tw2sp",
        "tw2sp",
        "OpenCC expects 图示复盖 and marks it [sic]; zhclean's 示覆蓋 guard writes 覆盖",
    ),
];

struct Case {
    id: String,
    input: String,
    expected: Vec<(String, String)>,
}

/// The file has trailing commas, which serde_json rejects: drop a comma (outside strings)
/// whose next non-blank character closes an object or array.
fn strip_trailing_commas(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_str, mut escaped) = (false, false);
    let chars: Vec<char> = json.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn cases() -> Vec<Case> {
    let v: serde_json::Value =
        serde_json::from_str(&strip_trailing_commas(TESTCASES)).expect("testcases.json parses");
    v["cases"]
        .as_array()
        .expect("cases array")
        .iter()
        .map(|c| Case {
            id: c["id"].as_str().expect("id").to_owned(),
            input: c["input"].as_str().expect("input").to_owned(),
            expected: c["expected"]
                .as_object()
                .expect("expected object")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("expected string").to_owned()))
                .collect(),
        })
        .collect()
}

fn config(name: &str) -> Option<ConfigName> {
    ConfigName::ALL.into_iter().find(|c| c.as_str() == name)
}

/// Applies `changes` to `text`, checking they are ordered, disjoint and real changes.
fn apply(text: &str, changes: &[(Range<usize>, &str)]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for (r, rep) in changes {
        assert!(
            r.start >= pos && r.start < r.end,
            "changes out of order or empty: {changes:?}"
        );
        assert_ne!(
            &text[r.clone()],
            *rep,
            "a listed change must change something"
        );
        out.push_str(&text[pos..r.start]);
        out.push_str(rep);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// A failed case: id, expected, got.
type Failure = (String, String, String);

/// Runs every case of every implemented config; returns `(config, passed, failures)`.
fn run(get: fn(ConfigName) -> &'static Converter) -> Vec<(ConfigName, usize, Vec<Failure>)> {
    let cases = cases();
    let mut report = Vec::new();
    for name in ConfigName::ALL {
        let conv = get(name);
        let (mut passed, mut failed) = (0, Vec::new());
        for case in &cases {
            let Some((_, want)) = case.expected.iter().find(|(k, _)| config(k) == Some(name))
            else {
                continue;
            };
            let got = conv.convert(&case.input);
            assert_eq!(
                apply(&case.input, &conv.changes(&case.input)),
                got,
                "{} {}: changes ≠ convert",
                case.id,
                name.as_str()
            );
            if &got == want {
                passed += 1;
            } else {
                failed.push((case.id.clone(), want.clone(), got));
            }
        }
        report.push((name, passed, failed));
    }
    report
}

#[test]
fn testcases_parse_and_cover_every_config() {
    let cases = cases();
    assert!(cases.len() > 200, "{} cases", cases.len());
    for name in ConfigName::ALL {
        let n = cases
            .iter()
            .filter(|c| c.expected.iter().any(|(k, _)| config(k) == Some(name)))
            .count();
        assert!(n >= 9, "{}: only {n} cases", name.as_str());
    }
}

#[test]
fn plain_opencc_passes_every_case() {
    let mut failures = Vec::new();
    for (name, passed, failed) in run(Converter::opencc) {
        eprintln!(
            "opencc {}: {passed} passed, {} failed",
            name.as_str(),
            failed.len()
        );
        for (id, want, got) in failed {
            failures.push(format!(
                "{id} {}:\n  want {want}\n  got  {got}",
                name.as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn zhclean_passes_every_case_but_the_known_differences() {
    let mut failures = Vec::new();
    let mut seen = Vec::new();
    for (name, passed, failed) in run(Converter::get) {
        eprintln!(
            "zhclean {}: {passed} passed, {} failed",
            name.as_str(),
            failed.len()
        );
        for (id, want, got) in failed {
            if KNOWN_DIFFERENCES
                .iter()
                .any(|&(k, c, _)| k == id && c == name.as_str())
            {
                seen.push((id, name.as_str()));
                continue;
            }
            failures.push(format!(
                "{id} {}:\n  want {want}\n  got  {got}",
                name.as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for &(id, cfg, why) in KNOWN_DIFFERENCES {
        assert!(
            seen.contains(&(id.to_owned(), cfg)),
            "{id} {cfg} is listed as a known difference ({why}) but passes"
        );
    }
}

mod consistency {
    use super::*;
    use proptest::prelude::*;

    /// Characters and pieces that exercise every kind of rule: phrases across steps, the
    /// overrides and their guards, compatibility ideographs (general path), ASCII keys.
    const PIECES: &[&str] = &[
        "著",
        "著力",
        "顯著",
        "有著名",
        "接著",
        "乾",
        "乾坤",
        "一目瞭然",
        "裡",
        "這裡",
        "臺灣",
        "鬆",
        "麵",
        "後",
        "於",
        "國",
        "的",
        "是",
        "\u{F902}",
        "\u{F901}",
        "豈",
        "SQL注入",
        "A型肝炎",
        "甲肝",
        "滑鼠",
        "鼠標",
        "軟體",
        "软件",
        "為",
        "爲",
        "綫",
        "線",
        "沖",
        "衝",
        "a",
        " ",
        "，",
        "𣨼",
        "殢",
        "團圞",
        "谿",
        "\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn changes_reproduce_convert(parts in proptest::collection::vec(0..PIECES.len(), 0..24)) {
            let text: String = parts.iter().map(|&i| PIECES[i]).collect();
            for name in ConfigName::ALL {
                for conv in [Converter::get(name), Converter::opencc(name)] {
                    prop_assert_eq!(apply(&text, &conv.changes(&text)), conv.convert(&text), "{} on {:?}", name.as_str(), text);
                }
            }
        }
    }
}
