//! Every conversion config on arbitrary text: no panic, `changes()` are ordered,
//! non-overlapping ranges on char boundaries, and applying them gives `convert()`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhclean::convert::{ConfigName, Converter};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let text = text.as_ref();
    for name in ConfigName::ALL {
        for conv in [Converter::get(name), Converter::opencc(name)] {
            let out = conv.convert(text);
            let changes = conv.changes(text);
            let mut applied = String::with_capacity(out.len());
            let mut at = 0usize;
            for (r, rep) in &changes {
                assert!(
                    r.start >= at && r.start < r.end && r.end <= text.len(),
                    "{}: change {r:?} out of order, empty or outside (after {at}, {} bytes)",
                    name.as_str(),
                    text.len()
                );
                assert!(
                    text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                    "{}: change {r:?} not on char boundaries",
                    name.as_str()
                );
                assert_ne!(
                    &text[r.clone()],
                    *rep,
                    "{}: a change that changes nothing",
                    name.as_str()
                );
                applied.push_str(&text[at..r.start]);
                applied.push_str(rep);
                at = r.end;
            }
            applied.push_str(&text[at..]);
            assert_eq!(
                applied,
                out,
                "{}: changes() applied differs from convert() on {text:?}",
                name.as_str()
            );
            if text.is_ascii() {
                assert_eq!(out, text, "{}: ASCII text converted", name.as_str());
            }
        }
    }
});
