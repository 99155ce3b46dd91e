//! The placeholder and boilerplate detectors on arbitrary text: every finding spans
//! what it says, on char boundaries, inside the text; boilerplate findings span exactly
//! one whole line, placeholder findings stay within one line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhclean::edit::LineIndex;
use zhclean::flags::{boilerplate, placeholder, FlagOptions};
use zhclean_fuzz::{check_finding, check_whole_line};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let text = text.as_ref();
    let index = LineIndex::new(text);
    let opts = FlagOptions::default();

    let found = placeholder::find(text, &index, &opts);
    for f in &found {
        check_finding(text, &index, f).unwrap();
        assert!(
            f.span.byte_start < f.span.byte_end,
            "{f:?}: empty placeholder"
        );
        let line = index.line_range(text, f.span.line - 1);
        assert!(
            f.span.byte_start >= line.start && f.span.byte_end <= line.end,
            "{f:?}: placeholder leaves its line {line:?}"
        );
    }

    let found = boilerplate::find(text, &index, &opts);
    let mut last_line = 0;
    for f in &found {
        check_finding(text, &index, f).unwrap();
        check_whole_line(text, &index, f).unwrap();
        assert!(
            f.span.line > last_line,
            "{f:?}: a line flagged twice or out of order"
        );
        last_line = f.span.line;
    }
});
