//! Compiles data tables ahead of time, so that no run pays for building them (typos
//! compiles its dictionaries the same way): the character classes and frequencies of
//! `decode::freq`, made by `src/decode/freq_tables.rs` from encoding_rs's GBK and Big5
//! tables and OpenCC's phrase lists (about 46 million instructions, 12 ms, at run time).

#[path = "src/decode/freq_tables.rs"]
mod freq_tables;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (class, freq) = freq_tables::build();
    std::fs::write(out.join("freq_class.bin"), class).expect("write freq_class.bin");
    std::fs::write(out.join("freq_freq.bin"), freq).expect("write freq_freq.bin");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/decode/freq_tables.rs");
    for source in freq_tables::SOURCES {
        println!("cargo:rerun-if-changed={source}");
    }
}
