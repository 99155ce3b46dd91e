//! The whole pipeline on bytes, with the default config and with `lossy: true`. When a
//! file cleans: cleaning the cleaned text again changes nothing, the diff applied to the
//! decoded original gives the cleaned text, and every finding spans what it says.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhclean::pipeline::{clean_bytes, DecodeOptions};
use zhclean::{clean_text, Cleaned, Config};
use zhclean_fuzz::{apply_unified, check_finding};

fn check(bytes: &[u8], config: &Config, opts: &DecodeOptions) -> Option<Cleaned> {
    let cleaned = clean_bytes(bytes, config, opts).ok()?;
    let original = &cleaned.source.text;
    for f in &cleaned.findings {
        if let Err(e) = check_finding(original, &cleaned.source.index, f) {
            panic!("finding: {e}");
        }
    }
    let diff = cleaned.diff("f.txt");
    match apply_unified(original, &diff) {
        Ok(patched) => assert_eq!(
            patched, cleaned.text,
            "the diff applied to {original:?} is not the cleaned text\n{diff}"
        ),
        Err(e) => panic!("the diff does not apply to {original:?}: {e}\n{diff}"),
    }
    let again = clean_text(&cleaned.text, config);
    assert_eq!(
        again.text, cleaned.text,
        "not idempotent: {original:?} cleans to {:?}, which cleans to {:?}",
        cleaned.text, again.text
    );
    Some(cleaned)
}

fuzz_target!(|bytes: &[u8]| {
    let config = Config::default();
    let lossy = DecodeOptions {
        lossy: true,
        ..DecodeOptions::default()
    };
    // `lossy` decodes exactly as the default does when nothing is malformed, so it is run
    // only where it can differ: where the default refuses the bytes.
    let cleaned = match check(bytes, &config, &DecodeOptions::default()) {
        Some(c) => Some(c),
        None => check(bytes, &config, &lossy),
    };
    // Mixed files and mojibake: the per-line decoder and the mojibake repair.
    if let Some(det) = cleaned.and_then(|c| c.detection) {
        if det.mixed || det.mojibake.is_some() {
            check(
                bytes,
                &config,
                &DecodeOptions {
                    per_line: true,
                    fix_mojibake: true,
                    ..lossy
                },
            );
        }
    }
});
