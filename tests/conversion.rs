//! Traditional → Simplified on documents written here, apart from the seeds:
//! `tests/data/conversion/gold/` holds fifteen mainland Simplified documents (reports,
//! plans, notices, minutes, a statistical bulletin, local history with 乾隆, 於潜, 畲族 and
//! the like), `sloppy/` the same documents through hanziconv 0.3.2, a character-by-character
//! converter that writes `鬆江鎮`, `方麵`, `曆史`, `寜夏`, `複蓋`, and `probes.tsv` sentences
//! whose words OpenCC's dictionaries used to take apart (`關於單位` → `关於单位`).
//!
//! The documents must come back as the gold but for the errors listed here, each a limit
//! of conversion: a test fails when one appears, and when one listed goes away (update the
//! list then).

use std::path::Path;

use zhclean::config::Config;
use zhclean::convert::{ConfigName, Converter};

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/conversion")
}

fn documents(sub: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir().join(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 15, "{sub}");
    out
}

fn clean(text: &str) -> String {
    zhclean::clean_text(text, &Config::default()).text
}

/// `file:line expected→got` for each character of `got` that differs from the gold (the
/// lines align: the documents have no boilerplate and no whitespace noise).
fn errors(name: &str, gold: &str, got: &str) -> Vec<String> {
    let mut out = Vec::new();
    assert_eq!(gold.lines().count(), got.lines().count(), "{name}");
    for (i, (g, o)) in gold.lines().zip(got.lines()).enumerate() {
        let (g, o): (Vec<char>, Vec<char>) = (g.chars().collect(), o.chars().collect());
        assert_eq!(g.len(), o.len(), "{name}:{}: {o:?}", i + 1);
        for (a, b) in g.iter().zip(&o) {
            if a != b {
                out.push(format!("{name}:{} {a}→{b}", i + 1));
            }
        }
    }
    out
}

/// Left as they are on purpose: a quoted lone 乾 (the character itself, read as 干), and
/// the surname 於 (於 is 于 everywhere else in this text; the place 於潜镇 keeps it, but
/// not 《於潜印谱》).
const KNOWN_ROUND_TRIP: &[&str] = &[
    "02_guihua_qianxian.txt:10 乾→干",
    "07_renwu_jieshao.txt:41 於→于",
    "07_renwu_jieshao.txt:42 於→于",
    "07_renwu_jieshao.txt:42 於→于",
    "07_renwu_jieshao.txt:42 於→于",
];

/// The sloppy versions' known errors on top: hanziconv's 干道 → 乾道 (kept: OpenCC's
/// 乾道 is a Song era name), its 勐 → 猛 and 畲 → 佘 (both real characters: the
/// information is gone).
const KNOWN_SLOPPY: &[&str] = &[
    "01_gzbg_yexie.txt:15 干→乾",
    "05_xiangzhen_zongjie.txt:18 勐→猛",
    "05_xiangzhen_zongjie.txt:18 勐→猛",
    "07_renwu_jieshao.txt:27 畲→佘",
    "07_renwu_jieshao.txt:27 畲→佘",
    "07_renwu_jieshao.txt:28 畲→佘",
    "07_renwu_jieshao.txt:28 畲→佘",
    "07_renwu_jieshao.txt:28 畲→佘",
];

#[test]
fn simplified_documents_pass_through_untouched() {
    for (name, text) in documents("gold") {
        assert_eq!(clean(&text), text, "{name}");
    }
}

#[test]
fn opencc_traditional_comes_back() {
    let s2t = Converter::get(ConfigName::S2t);
    let mut all = Vec::new();
    for (name, gold) in documents("gold") {
        all.extend(errors(&name, &gold, &clean(&s2t.convert(&gold))));
    }
    assert_eq!(all, KNOWN_ROUND_TRIP);
}

#[test]
fn sloppy_conversions_come_back() {
    let gold = documents("gold");
    let mut all = Vec::new();
    for ((name, gold), (sloppy_name, sloppy)) in gold.iter().zip(documents("sloppy")) {
        assert_eq!(*name, sloppy_name);
        all.extend(errors(name, gold, &clean(&sloppy)));
    }
    let mut want: Vec<&str> = KNOWN_ROUND_TRIP
        .iter()
        .chain(KNOWN_SLOPPY)
        .copied()
        .collect();
    want.sort();
    all.sort();
    assert_eq!(all, want);
}

/// `probes.tsv` lines that stay wrong on purpose: 乾道 (an era name as well as 干道),
/// 想像 (a variant the mainland still reads), 閤著 and 佘族 (hanziconv's, ambiguous).
const KNOWN_PROBES: &[&str] = &["城市主乾道", "交通乾道網", "想像力", "閤著", "佘族民歌"];

#[test]
fn probe_sentences() {
    let t2s = Converter::get(ConfigName::T2s);
    let probes = std::fs::read_to_string(dir().join("probes.tsv")).unwrap();
    let mut wrong = Vec::new();
    for line in probes.lines() {
        let (from, to) = line.split_once('\t').unwrap();
        if t2s.convert(from) != to {
            wrong.push(from);
        }
    }
    assert_eq!(wrong, KNOWN_PROBES);
}
