//! Compiles data tables ahead of time, so that no run pays for building them (typos
//! compiles its dictionaries the same way):
//! - the character classes and frequencies of `decode::freq`, made by
//!   `src/decode/freq_tables.rs` from encoding_rs's GBK and Big5 tables and OpenCC's phrase
//!   lists (about 46 million instructions, 12 ms, at run time);
//! - the default converter (t2s with zhclean's overrides), compiled by the crate's own
//!   `convert` sources into an image (`convert::image`) that a run reads back in well under
//!   a millisecond instead of compiling the dictionaries (18 million instructions, 5 ms);
//!   and what t2s can make of a text's ends (`convert::ends`, for the placeholder
//!   detector: 6 million instructions);
//! - the gate's character sets (`convert::charsets`: GB2312's characters and the ones only
//!   Traditional text uses, 8 million instructions);
//! - the gates of the boilerplate rules' regular expressions (`flags::gates`: the
//!   characters their matches start with and a literal each holds, 11 million
//!   instructions of parsing).

#[path = "src/decode/freq_tables.rs"]
mod freq_tables;

// The gates of the boilerplate rules' expressions, and the data files' line syntax.
#[allow(dead_code)]
#[path = "src/flags/gates.rs"]
mod gates;
#[path = "src/flags/syntax.rs"]
mod syntax;

// The converter's compiler, the same files the crate builds from; what only a run needs
// (scanning, converting) is unused here.
#[allow(dead_code, unused_imports)]
#[path = "src/convert/chain.rs"]
mod chain;
#[allow(dead_code)]
#[path = "src/convert/charsets.rs"]
mod charsets;
#[allow(dead_code)]
#[path = "src/convert/dict.rs"]
mod dict;
#[allow(dead_code)]
#[path = "src/convert/ends.rs"]
mod ends;
#[allow(dead_code)]
#[path = "src/convert/image.rs"]
mod image;
#[allow(dead_code)]
#[path = "src/convert/matcher.rs"]
mod matcher;

/// `convert::ConfigName` (which derives clap's and serde's traits), for `chain::config`:
/// a variant missing here fails this build where `chain::config` names it.
#[allow(dead_code)]
#[derive(Clone, Copy)]
enum ConfigName {
    T2s,
    Tw2s,
    Tw2sp,
    Hk2s,
    Hk2sp,
    S2t,
}

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (class, freq) = freq_tables::build();
    std::fs::write(out.join("freq_class.bin"), class).expect("write freq_class.bin");
    std::fs::write(out.join("freq_freq.bin"), freq).expect("write freq_freq.bin");

    let (seg, steps) = chain::config(ConfigName::T2s, true);
    let t2s = chain::Chain::new(&chain::normalization(), seg.as_ref(), &steps);
    std::fs::write(out.join("t2s.chain"), t2s.image()).expect("write t2s.chain");
    let ends = ends::EndLists::new(&chain::entries(ConfigName::T2s, true));
    std::fs::write(out.join("t2s.ends"), ends.image()).expect("write t2s.ends");
    let sets = charsets::CharSets::derive(&t2s);
    std::fs::write(out.join("t2s.charsets"), sets.image()).expect("write t2s.charsets");

    let boilerplate = std::fs::read_to_string("dictionaries/boilerplate.txt")
        .expect("read dictionaries/boilerplate.txt");
    let exprs = gates::data_regexes(&boilerplate);
    std::fs::write(out.join("boilerplate.gates"), gates::image(&exprs))
        .expect("write boilerplate.gates");

    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/flags/gates.rs");
    println!("cargo:rerun-if-changed=src/flags/syntax.rs");
    println!("cargo:rerun-if-changed=src/decode/freq_tables.rs");
    for source in freq_tables::SOURCES {
        println!("cargo:rerun-if-changed={source}");
    }
    for source in ["chain", "charsets", "dict", "ends", "image", "matcher"] {
        println!("cargo:rerun-if-changed=src/convert/{source}.rs");
    }
    // Every data file: the converter's dictionaries, and the flag rules beside them,
    // which the crate includes as text.
    println!("cargo:rerun-if-changed=dictionaries");
    println!("cargo:rustc-env=ZHCLEAN_DATA_HASH={:016x}", data_hash());
}

/// FNV-1a over the paths and contents of every file under `dictionaries/`, in path order:
/// a run's journal names it beside the version, so that `clean --resume` reuses nothing a
/// binary built from other data wrote.
fn data_hash() -> u64 {
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("read dictionaries/") {
            let p = e.expect("dictionaries/ entry").path();
            if p.is_dir() {
                walk(&p, files);
            } else {
                files.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("dictionaries"), &mut files);
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        let bytes = std::fs::read(&f).expect("read a data file");
        for b in f.to_string_lossy().bytes().chain([0]).chain(bytes) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}
