//! OpenCC's conversion pipeline: normalization, optional segmentation, then the conversion
//! chain, each step's output feeding the next, with a map back to the input's bytes.
//!
//! Fast path: a config with one conversion step and no segmentation (t2s, s2t) converts in a
//! single scan, as long as the text holds no character the normalization dictionary
//! changes; the scan bails out on the first such character and the general path runs.
//!
//! General path: the text is carried through the steps as a buffer plus a sorted list of
//! *spans*, each a changed stretch of the current buffer with the input range it came from.
//! Between spans the buffer equals the input (shifted). A step's match that touches a span
//! absorbs it whole, so a span's input range is always a union of whole earlier matches.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// Text at least this long reserves room for its most possible changes at once (see
/// [`Chain::changes`]).
const LONG_TEXT: usize = 1 << 16;

use super::dict::{Policy, Spec};
use super::image::{Reader, Writer};
use super::matcher::{direct_bytes, narrow, Hits, Matcher, Tally};

/// A config: its normalization, segmentation and conversion steps, compiled.
pub(crate) struct Chain {
    norm: Matcher,
    seg: Option<Matcher>,
    steps: Vec<Matcher>,
    /// Every single-character key of the normalization and conversion dictionaries.
    singles: Vec<char>,
}

/// A changed stretch: `out` in the current buffer came from `orig` in the input. `rep` is
/// the static dictionary string equal to `buf[out]` when there is one.
#[derive(Debug, Clone)]
struct Span {
    orig: Range<usize>,
    out: Range<usize>,
    rep: Option<&'static str>,
}

/// What [`Chain::stretch`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stretch<'b> {
    /// Nothing changes.
    Unchanged,
    /// The changes lie in `range` and cover `chars` characters in all. `line` is the whole
    /// text converted, `replacement` the conversion of `range`, and `single` the
    /// replacement when there is exactly one change.
    Changed {
        range: Range<usize>,
        line: &'b str,
        replacement: &'b str,
        chars: usize,
        single: Option<&'static str>,
    },
    /// Ask the general path ([`Chain::changes`]).
    General,
}

/// The result of the general path.
struct Run {
    buf: String,
    spans: Vec<Span>,
}

impl Chain {
    /// Compiles a chain. `norm` is the normalization dictionary, `seg` the mmseg dictionary.
    pub(crate) fn new(norm: &Spec, seg: Option<&Spec>, steps: &[Spec]) -> Chain {
        let norm_entries = norm.flatten();
        let single_step = steps.len() == 1 && seg.is_none();
        // On the fast path, the step's scan must stop where normalization would change text.
        let bail: Vec<char> = if single_step {
            norm_entries
                .iter()
                .filter(|e| e.key != e.value)
                .filter_map(|e| e.key.chars().next())
                .collect()
        } else {
            Vec::new()
        };
        let step_entries: Vec<_> = steps.iter().map(Spec::flatten).collect();
        let mut singles: Vec<char> = norm_entries
            .iter()
            .chain(step_entries.iter().flatten())
            .filter_map(|e| {
                let mut cs = e.key.chars();
                cs.next().filter(|_| cs.next().is_none())
            })
            .collect();
        singles.sort_unstable();
        singles.dedup();
        Chain {
            norm: Matcher::new(&norm_entries, &[]),
            seg: seg.map(|s| Matcher::new(&s.flatten(), &[])),
            steps: step_entries
                .iter()
                .map(|e| Matcher::new(e, &bail))
                .collect(),
            singles,
        }
    }

    /// The compiled chain as an image (see [`super::image`]).
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn image(&self) -> Vec<u8> {
        let mut w = Writer::default();
        self.norm.write_image(&mut w);
        w.u8(u8::from(self.seg.is_some()));
        if let Some(seg) = &self.seg {
            seg.write_image(&mut w);
        }
        w.len(self.steps.len());
        self.steps.iter().for_each(|m| m.write_image(&mut w));
        w.u32s(&self.singles.iter().map(|&c| c as u32).collect::<Vec<_>>());
        w.finish()
    }

    /// Reads back an image [`Chain::image`] made.
    pub(crate) fn from_image(image: &'static [u8]) -> Chain {
        let mut r = Reader::new(image);
        let norm = Matcher::read_image(&mut r);
        let seg = (r.u8() != 0).then(|| Matcher::read_image(&mut r));
        let steps = (0..r.len()).map(|_| Matcher::read_image(&mut r)).collect();
        let singles = r
            .u32s()
            .into_iter()
            .map(|c| char::from_u32(c).expect("image characters are characters"))
            .collect();
        assert!(r.is_done(), "converter image of another length");
        Chain {
            norm,
            seg,
            steps,
            singles,
        }
    }

    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn single_char_keys(&self) -> impl Iterator<Item = char> + '_ {
        self.singles.iter().copied()
    }

    /// `c` after normalization alone.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn normalize_char(&self, c: char) -> String {
        match self.norm.single(c) {
            Some(r) => r.value.to_owned(),
            None => c.to_string(),
        }
    }

    fn fast(&self) -> Option<&Matcher> {
        (self.steps.len() == 1 && self.seg.is_none()).then(|| &self.steps[0])
    }

    /// The converted text.
    pub(crate) fn convert(&self, text: &str) -> String {
        self.convert_cow(text).into_owned()
    }

    /// The converted text, borrowed when nothing changes.
    pub(crate) fn convert_cow<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Vec::new();
        if !self.convert_into(text, &mut out) {
            return Cow::Borrowed(text);
        }
        debug_assert!(std::str::from_utf8(&out).is_ok());
        // SAFETY: `convert_into` writes UTF-8 (see `fast_convert`; the general path's
        // output is a `String`). Re-validating it cost ~25% of the conversion time.
        Cow::Owned(unsafe { String::from_utf8_unchecked(out) })
    }

    /// Writes the UTF-8 conversion of `text` to `out` (replacing what it held, reusing its
    /// memory) and returns `true`; or returns `false`, `out` unchanged, when the fast scan
    /// finds nothing to change.
    pub(crate) fn convert_into(&self, text: &str, out: &mut Vec<u8>) -> bool {
        if let Some(m) = self.fast() {
            if let Some(changed) = fast_convert(m, text, out) {
                return changed;
            }
        }
        *out = self.run(text).buf.into_bytes();
        true
    }

    /// The changed ranges of `text`, in order, narrowed to the characters that differ.
    pub(crate) fn changes(&self, text: &str) -> Vec<(Range<usize>, &'static str)> {
        let mut found: Vec<(Range<usize>, &'static str)> = Vec::new();
        let len = text.len();
        let streamed = self.try_each_change(text, |r, rep| {
            if found.is_empty() {
                // Room for a change every few characters of the rest (up to a point): in
                // Traditional text, growing from empty cost ~20% of the call. A long line
                // gets room for the most changes it can hold (one per 3 bytes): pages
                // never written cost no memory, while doubling a list of 2 million
                // changes held 134 MB.
                let rest = len - r.start;
                found.reserve(if rest >= LONG_TEXT {
                    rest / 3 + 1
                } else {
                    (rest / 8 + 4).min(1024)
                });
            }
            found.push((r, rep));
        });
        if streamed {
            return found;
        }
        found.clear();
        self.general_changes(text, found)
    }

    /// The changes of [`Chain::changes`]`(text)` that lie inside `within`, found by
    /// scanning only from the last sync point before it to the first after it: a line of
    /// 20 MB is not converted whole to report the changes of one of its edits. `None` when
    /// only the general path can tell.
    pub(crate) fn changes_within(
        &self,
        text: &str,
        within: Range<usize>,
    ) -> Option<Vec<(Range<usize>, &'static str)>> {
        let m = self.fast()?;
        let b = text.as_bytes();
        let from = m.sync_before(b, 0, within.start);
        let to = m.sync_after(b, within.end);
        let mut found = Vec::new();
        let done = self.try_each_change(&text[from..to], |r, rep| {
            let r = from + r.start..from + r.end;
            if within.start <= r.start && r.end <= within.end {
                found.push((r, rep));
            }
        });
        done.then_some(found)
    }

    /// Calls `f` with each of [`Chain::changes`]'s changes, in order, without making the
    /// list: a line of 20 MB has millions of them. `false` when only the general path can
    /// tell (a chain of several steps, or text that needs normalization, found partway
    /// through): `f` may then have seen some changes already, and the caller, having
    /// dropped what it made of them, asks [`Chain::changes`].
    pub(crate) fn try_each_change(
        &self,
        text: &str,
        f: impl FnMut(Range<usize>, &'static str),
    ) -> bool {
        let Some(m) = self.fast() else {
            return false;
        };
        /// The changes, narrowed.
        struct Found<'a, F> {
            m: &'a Matcher,
            f: F,
        }
        impl<F: FnMut(Range<usize>, &'static str)> Hits for Found<'_, F> {
            #[inline(always)]
            fn hit(&mut self, a: usize, b: usize, r: u32) {
                let r = self.m.rule(r);
                (self.f)(a + r.front as usize..b - r.back as usize, r.narrow);
            }
            #[inline(always)]
            fn direct(&mut self, a: usize, f: u64) {
                // A single character: nothing to narrow.
                let r = (f as u32 & super::matcher::INDEX) - 1;
                (self.f)(a..a + 3, self.m.rule(r).value);
            }
        }
        m.scan_changes(text, true, &mut Found { m, f }).is_ok()
    }

    /// `text` converted into `buf`, with the stretch from the first change to the end of
    /// the last (the changes being [`Chain::changes`]'s), in one scan without a list of
    /// changes: what a caller that merges a line's changes into one edit needs.
    /// [`Stretch::General`] when only the general path can tell (a chain of several steps,
    /// or text that needs normalization).
    pub(crate) fn stretch<'b>(&self, text: &str, buf: &'b mut Vec<u8>) -> Stretch<'b> {
        let Some(m) = self.fast() else {
            return Stretch::General;
        };
        /// The conversion, written in place over a copy of the text while replacements
        /// keep the length (as in `fast_convert`), appended piece by piece after the first
        /// that does not; and the changes' extent.
        struct Sink<'a> {
            m: &'a Matcher,
            text: &'a [u8],
            out: &'a mut Vec<u8>,
            /// `None`: still in place; `Some(p)`: `out` holds the conversion of `text[..p]`.
            appended: Option<usize>,
            start: usize,
            end: usize,
            chars: usize,
            changes: usize,
            last: u32,
            /// The changes the scan wrote in place itself.
            tally: Tally,
        }
        impl Sink<'_> {
            /// Notes the (narrowed) change `a..b` by rule `r`; copies the text at the first.
            #[inline(always)]
            fn note(&mut self, a: usize, b: usize, r: u32, chars: usize) {
                if self.changes == 0 {
                    self.start = a;
                    self.out.clear();
                    self.out.extend_from_slice(self.text);
                }
                self.end = b;
                self.chars += chars;
                self.changes += 1;
                self.last = r;
            }

            #[inline(always)]
            fn write(&mut self, a: usize, b: usize, v: &[u8]) {
                put(self.out, self.text, &mut self.appended, a, b, v);
            }
        }
        impl Hits for Sink<'_> {
            #[inline(always)]
            fn hit(&mut self, a: usize, b: usize, r: u32) {
                let rule = self.m.rule(r);
                let (na, nb) = (a + rule.front as usize, b - rule.back as usize);
                // Characters: the bytes that start one.
                let chars = self.text[na..nb]
                    .iter()
                    .filter(|&&x| x & 0xC0 != 0x80)
                    .count();
                self.note(na, nb, r, chars);
                self.write(a, b, rule.value.as_bytes());
            }
            #[inline(always)]
            fn direct(&mut self, a: usize, f: u64) {
                // A single character: nothing to narrow.
                self.note(a, a + 3, (f as u32 & super::matcher::INDEX) - 1, 1);
                self.write(a, a + 3, &direct_bytes(f));
            }
            const TALLY: bool = true;
            #[inline(always)]
            fn in_place(&mut self) -> Option<(&mut [u8], &mut Tally)> {
                // As in `fast_convert`: once the text is copied (at the first change) and
                // while the output keeps its length. The scan's branch-free loop then
                // writes single-character changes, which are counted in the tally (half
                // the time of calling `direct` for each, on Traditional text).
                (self.changes > 0 && self.appended.is_none())
                    .then_some((&mut self.out[..], &mut self.tally))
            }
        }
        let mut sink = Sink {
            m,
            text: text.as_bytes(),
            out: buf,
            appended: None,
            start: 0,
            end: 0,
            chars: 0,
            changes: 0,
            last: 0,
            tally: Tally::default(),
        };
        if m.scan_changes(text, true, &mut sink).is_err() {
            return Stretch::General;
        }
        if sink.changes == 0 {
            return Stretch::Unchanged;
        }
        // The in-place changes come after the first `note` (which copied the text), each
        // one character; the last change is whichever ends later.
        let t = sink.tally;
        let (range, chars, n) = (
            sink.start..sink.end.max(t.last_end),
            sink.chars + t.changed,
            sink.changes + t.changed,
        );
        // The rule of a lone change is known only if `note` saw it.
        let last = (t.changed == 0).then_some(sink.last);
        if let Some(p) = sink.appended {
            sink.out.extend_from_slice(&text.as_bytes()[p..]);
        }
        debug_assert!(std::str::from_utf8(buf).is_ok());
        // SAFETY: as in `fast_convert`: `buf` started as a copy of `text`; every write
        // replaced whole characters (`a..b` are char boundaries from the scanner) with a
        // whole `&str` or one character's UTF-8 bytes (`DIRECT`) of the same length, and
        // every append is such a string or a slice of `text` between char boundaries.
        // Validating it cost more (105M instructions on 8 MB of Traditional) than the scan.
        let line = unsafe { std::str::from_utf8_unchecked(buf) };
        Stretch::Changed {
            replacement: &line[range.start..line.len() - (text.len() - range.end)],
            range,
            line,
            chars,
            // (A single character's value is its narrowed value.)
            single: last.filter(|_| n == 1).map(|r| m.rule(r).narrow),
        }
    }

    /// [`Chain::changes`] by the general path, appended to `found`.
    fn general_changes(
        &self,
        text: &str,
        mut found: Vec<(Range<usize>, &'static str)>,
    ) -> Vec<(Range<usize>, &'static str)> {
        let run = self.run(text);
        for s in &run.spans {
            let new = &run.buf[s.out.clone()];
            let old = &text[s.orig.clone()];
            if new == old {
                continue;
            }
            let rep = s.rep.unwrap_or_else(|| intern(new));
            let (front, back, rep) = narrow(old, rep);
            found.push((s.orig.start + front..s.orig.end - back, rep));
        }
        found
    }

    /// The general path.
    fn run(&self, text: &str) -> Run {
        let mut run = Run {
            buf: text.to_owned(),
            spans: Vec::new(),
        };
        let mut bounds = vec![0, text.len()];
        step(&self.norm, &mut run, &mut bounds);
        if let Some(seg) = &self.seg {
            // Maximum forward matching: every match is a segment, and so is each stretch
            // between matches.
            let mut b = vec![0];
            seg.scan(&run.buf, false, &mut |s, e, _| {
                if b.last() != Some(&s) {
                    b.push(s);
                }
                b.push(e);
            })
            .expect("no bail characters");
            if b.last() != Some(&run.buf.len()) {
                b.push(run.buf.len());
            }
            bounds = b;
        }
        for m in &self.steps {
            step(m, &mut run, &mut bounds);
        }
        run
    }
}

/// Single-step conversion into `out` (see [`Chain::convert_into`]); `None` if the text needs
/// normalization (the general path), `out` then holding anything.
///
/// Most conversions keep the byte length (a three-byte character for another), so the output
/// starts as a copy of the input and such replacements overwrite it in place; at the first
/// one that does not, the copy is cut there and the rest is appended piece by piece. Every
/// write replaces the bytes of whole characters (`a..b` are char boundaries from the
/// scanner) with a whole `&str` (or the UTF-8 bytes of one character, for `DIRECT` entries)
/// of the same length, and every append is such a string or a slice of `text` between char
/// boundaries, so `out` ends as UTF-8.
fn fast_convert(m: &Matcher, text: &str, out: &mut Vec<u8>) -> Option<bool> {
    /// The output under construction.
    struct Out<'a> {
        m: &'a Matcher,
        text: &'a [u8],
        // Copied at the first change only: text that needs none (Simplified text through
        // t2s) is not copied at all.
        out: &'a mut Vec<u8>,
        copied: bool,
        /// `None`: still in place; `Some(p)`: `out` holds the conversion of `text[..p]`.
        appended: Option<usize>,
        /// (Not kept: `TALLY` is off.)
        tally: Tally,
    }
    impl Out<'_> {
        #[inline(always)]
        fn copy(&mut self) {
            if !self.copied {
                self.copied = true;
                self.out.clear();
                self.out
                    .reserve_exact(self.text.len() + self.text.len() / 8);
                self.out.extend_from_slice(self.text);
            }
        }
    }
    impl Hits for Out<'_> {
        #[inline(always)]
        fn hit(&mut self, a: usize, b: usize, r: u32) {
            self.copy();
            let v = self.m.rule(r).value.as_bytes();
            put(self.out, self.text, &mut self.appended, a, b, v);
        }
        #[inline(always)]
        fn in_place(&mut self) -> Option<(&mut [u8], &mut Tally)> {
            // Only once something changed: text without changes is never copied.
            (self.copied && self.appended.is_none()).then_some((&mut self.out[..], &mut self.tally))
        }
        #[inline(always)]
        fn direct(&mut self, a: usize, f: u64) {
            self.copy();
            put(
                self.out,
                self.text,
                &mut self.appended,
                a,
                a + 3,
                &direct_bytes(f),
            );
        }
    }
    let mut o = Out {
        m,
        text: text.as_bytes(),
        out,
        copied: false,
        appended: None,
        tally: Tally::default(),
    };
    m.scan_changes(text, true, &mut o).ok()?;
    if let Some(p) = o.appended {
        o.out.extend_from_slice(&text.as_bytes()[p..]);
    }
    Some(o.copied)
}

/// Writes `v`, the replacement of `text[a..b]`, into `out`, the conversion of `text` so
/// far. While replacements keep their length (`appended` is `None`) `out` is a copy of
/// `text` overwritten in place; at the first that does not, the copy is cut at `a` and
/// from then on `appended` is the end of the text converted so far, the rest appended
/// piece by piece.
#[inline(always)]
fn put(out: &mut Vec<u8>, text: &[u8], appended: &mut Option<usize>, a: usize, b: usize, v: &[u8]) {
    match *appended {
        None if v.len() == b - a => out[a..b].copy_from_slice(v),
        None => {
            out.truncate(a);
            out.extend_from_slice(v);
            *appended = Some(b);
        }
        Some(p) => {
            out.extend_from_slice(&text[p..a]);
            out.extend_from_slice(v);
            *appended = Some(b);
        }
    }
}

/// Positions of the old buffer mapped into the new one (queries must not decrease and must
/// not fall strictly inside a match).
struct NewPos<'a> {
    hits: &'a [(usize, usize, &'static str)],
    k: usize,
    delta: isize,
}

impl NewPos<'_> {
    fn at(&mut self, x: usize) -> usize {
        while self.k < self.hits.len() && self.hits[self.k].1 <= x {
            let (a, b, v) = self.hits[self.k];
            self.delta += v.len() as isize - (b - a) as isize;
            self.k += 1;
        }
        (x as isize + self.delta) as usize
    }
}

/// Buffer positions mapped to input positions (queries must not decrease and must not fall
/// strictly inside a span).
struct OrigPos<'a> {
    spans: &'a [Span],
    k: usize,
}

impl OrigPos<'_> {
    fn at(&mut self, x: usize) -> usize {
        while self.k < self.spans.len() && self.spans[self.k].out.end <= x {
            self.k += 1;
        }
        match self.k.checked_sub(1).map(|i| &self.spans[i]) {
            Some(s) => s.orig.end + (x - s.out.end),
            None => x,
        }
    }
}

/// One conversion step over every segment of `run`; updates the buffer, spans and segment
/// bounds.
fn step(m: &Matcher, run: &mut Run, bounds: &mut [usize]) {
    let buf = &run.buf;
    let mut hits: Vec<(usize, usize, &'static str)> = Vec::new();
    for w in bounds.windows(2) {
        let (s, e) = (w[0], w[1]);
        m.scan_changes(&buf[s..e], false, &mut |a, b, r| {
            hits.push((s + a, s + b, m.rule(r).value));
        })
        .expect("no bail on the general path");
    }
    if hits.is_empty() {
        return;
    }
    let mut nb = String::with_capacity(buf.len() + buf.len() / 8);
    let mut pos = 0;
    for &(a, b, v) in &hits {
        nb.push_str(&buf[pos..a]);
        nb.push_str(v);
        pos = b;
    }
    nb.push_str(&buf[pos..]);

    // Clusters of overlapping hits and old spans become the new spans.
    let old = &run.spans;
    let mut newpos = NewPos {
        hits: &hits,
        k: 0,
        delta: 0,
    };
    let mut origpos = OrigPos { spans: old, k: 0 };
    let mut spans = Vec::with_capacity(old.len() + hits.len());
    let (mut i, mut j) = (0, 0);
    while i < hits.len() || j < old.len() {
        let take_hit = j >= old.len() || (i < hits.len() && hits[i].0 < old[j].out.start);
        let (cs, mut ce, mut nhits, first_span) = if take_hit {
            i += 1;
            (hits[i - 1].0, hits[i - 1].1, 1, None)
        } else {
            j += 1;
            (old[j - 1].out.start, old[j - 1].out.end, 0, Some(j - 1))
        };
        let mut last_hit = if take_hit { Some(i - 1) } else { None };
        loop {
            if i < hits.len() && hits[i].0 < ce {
                ce = ce.max(hits[i].1);
                nhits += 1;
                last_hit = Some(i);
                i += 1;
            } else if j < old.len() && old[j].out.start < ce {
                ce = ce.max(old[j].out.end);
                j += 1;
            } else {
                break;
            }
        }
        if nhits == 0 {
            let s = &old[first_span.expect("a cluster without hits starts with a span")];
            spans.push(Span {
                orig: s.orig.clone(),
                out: newpos.at(s.out.start)..newpos.at(s.out.end),
                rep: s.rep,
            });
        } else {
            let h = hits[last_hit.expect("nhits > 0")];
            let rep = (nhits == 1 && h.0 == cs && h.1 == ce).then_some(h.2);
            let orig = origpos.at(cs)..origpos.at(ce);
            spans.push(Span {
                orig,
                out: newpos.at(cs)..newpos.at(ce),
                rep,
            });
        }
    }
    let mut bpos = NewPos {
        hits: &hits,
        k: 0,
        delta: 0,
    };
    for b in bounds.iter_mut() {
        *b = bpos.at(*b);
    }
    run.buf = nb;
    run.spans = spans;
}

/// Composite replacements (rare: a later step matching part of an earlier step's phrase)
/// are not dictionary strings; they are interned once so `changes` can hand out
/// `&'static str`. Their number is bounded by the dictionaries, not by the input.
fn intern(s: &str) -> &'static str {
    static POOL: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut pool = POOL
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&p) = pool.get(s) {
        return p;
    }
    let p: &'static str = Box::leak(s.to_owned().into_boxed_str());
    pool.insert(p);
    p
}

macro_rules! dict {
    ($name:literal) => {
        Spec::Text(include_str!(concat!("../../dictionaries/opencc/", $name)))
    };
}

/// zhclean's corrections to OpenCC for mainland Simplified text.
pub(crate) fn overrides() -> Spec {
    Spec::Text(OVERRIDES)
}

const OVERRIDES: &str = include_str!("../../dictionaries/overrides-t2s.txt");

/// The overrides' words that keep 著 (著名, 編著, 專著 …), each as itself: put ahead of the
/// Taiwan variant step, which writes 着 for every 著 but the few zhù words OpenCC lists
/// (TWVariantsRevPhrases), so that the guards of [`ts_step`] still see a 著 to keep (`tw2s`
/// wrote 编着 for 編著).
pub(crate) fn zhu_guards() -> Spec {
    static TEXT: OnceLock<&'static str> = OnceLock::new();
    Spec::Text(TEXT.get_or_init(|| {
        let mut text = String::new();
        for e in super::dict::parse(OVERRIDES) {
            if e.key.contains('著') && e.value.contains('著') {
                text.push_str(&format!("{}\t{}\n", e.key, e.key));
            }
        }
        Box::leak(text.into_boxed_str())
    }))
}

/// OpenCC's `TSCharacters.txt`, for the gate (which reads its candidate lists).
#[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
pub(crate) const TS_CHARACTERS: &str = include_str!("../../dictionaries/opencc/TSCharacters.txt");

pub(crate) fn normalization() -> Spec {
    dict!("CJK_Compatibility_Ideographs.txt")
}

/// The phrase dictionary of every to-Simplified config, with or without our overrides (which
/// take priority on equal keys; longer keys still win).
pub(crate) fn ts_phrases(with_overrides: bool) -> Spec {
    if with_overrides {
        Spec::Group(Policy::Union, vec![overrides(), dict!("TSPhrases.txt")])
    } else {
        dict!("TSPhrases.txt")
    }
}

/// The final Traditional → Simplified step shared by the to-Simplified configs.
pub(crate) fn ts_step(with_overrides: bool) -> Spec {
    Spec::Group(
        Policy::ShortCircuit,
        vec![
            ts_phrases(with_overrides),
            dict!("TSCharactersExt.txt"),
            dict!("TSCharacters.txt"),
        ],
    )
}

/// Every `(key, conversion)` entry of the dictionaries a config's chain is compiled from:
/// normalization, segmentation and each step, before grouping drops shadowed keys. Every
/// match a conversion makes is one of them, so a caller can bound what converting can
/// produce without converting (`build.rs` builds [`super::ends`]'s lists from them).
#[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
pub(crate) fn entries(
    name: super::ConfigName,
    with_overrides: bool,
) -> Vec<(&'static str, &'static str)> {
    fn leaves(spec: &Spec, out: &mut Vec<(&'static str, &'static str)>) {
        match spec {
            Spec::Text(t) => {
                out.extend(super::dict::parse(t).into_iter().map(|e| (e.key, e.value)))
            }
            Spec::Group(_, specs) => specs.iter().for_each(|s| leaves(s, out)),
        }
    }
    let (seg, steps) = config(name, with_overrides);
    let mut out = Vec::new();
    for spec in std::iter::once(normalization()).chain(seg).chain(steps) {
        leaves(&spec, &mut out);
    }
    out
}

/// `(segmentation, steps)` for a config, mirroring `dictionaries/opencc/config/<name>.json`.
pub(crate) fn config(name: super::ConfigName, with_overrides: bool) -> (Option<Spec>, Vec<Spec>) {
    use super::ConfigName::*;
    let sc = |d: Vec<Spec>| Spec::Group(Policy::ShortCircuit, d);
    let seg = Some(ts_phrases(with_overrides));
    // Taiwan's variant step, with the overrides' zhù words ahead of it.
    let tw = |d: Vec<Spec>| {
        sc(with_overrides
            .then(zhu_guards)
            .into_iter()
            .chain(d)
            .collect())
    };
    match name {
        T2s => (None, vec![ts_step(with_overrides)]),
        Tw2s => (
            seg,
            vec![
                tw(vec![
                    dict!("TWVariantsRevPhrases.txt"),
                    dict!("TWVariantsRev.txt"),
                ]),
                ts_step(with_overrides),
            ],
        ),
        Tw2sp => (
            seg,
            vec![
                tw(vec![
                    dict!("TWPhrasesRev.txt"),
                    dict!("TWVariantsRevPhrases.txt"),
                    dict!("TWVariantsRev.txt"),
                ]),
                ts_step(with_overrides),
            ],
        ),
        Hk2s => (
            seg,
            vec![
                sc(vec![
                    dict!("HKVariantsRevPhrases.txt"),
                    dict!("HKVariantsRev.txt"),
                ]),
                ts_step(with_overrides),
            ],
        ),
        Hk2sp => (
            seg,
            vec![
                sc(vec![
                    dict!("HKPhrasesRev.txt"),
                    dict!("HKVariantsRevPhrases.txt"),
                    dict!("HKVariantsRev.txt"),
                ]),
                ts_step(with_overrides),
            ],
        ),
        S2t => (
            None,
            vec![sc(vec![
                Spec::Group(
                    Policy::Union,
                    vec![
                        dict!("STPhrases.txt"),
                        dict!("STPhrases_GeneratedFromRegionalPhrases.txt"),
                    ],
                ),
                dict!("STCharacters.txt"),
            ])],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &'static str) -> Spec {
        Spec::Text(s)
    }

    fn changes(c: &Chain, s: &str) -> Vec<(Range<usize>, &'static str)> {
        c.changes(s)
    }

    #[test]
    fn two_steps_map_back_to_the_input() {
        // Step 1 rewrites 裡 to 裏; step 2 rewrites 裏 to 里 and the phrase 這裏 to 这里.
        let c = Chain::new(
            &text(""),
            None,
            &[text("裡\t裏\n"), text("裏\t里\n這裏\t这里\n")],
        );
        assert_eq!(c.convert("這裡和裡"), "这里和里");
        assert_eq!(changes(&c, "這裡和裡"), vec![(0..6, "这里"), (9..12, "里")]);
    }

    #[test]
    fn later_step_matching_part_of_an_earlier_phrase_covers_the_phrase() {
        // Step 1: 甲乙 → 子丑; step 2: 丑丙 → 寅. 甲乙丙 ends as 子寅, one change.
        let c = Chain::new(&text(""), None, &[text("甲乙\t子丑\n"), text("丑丙\t寅\n")]);
        assert_eq!(c.convert("甲乙丙-甲乙"), "子寅-子丑");
        assert_eq!(
            changes(&c, "甲乙丙-甲乙"),
            vec![(0..9, "子寅"), (10..16, "子丑")]
        );
    }

    #[test]
    fn segments_block_matches_across_them() {
        // Segmentation by {乙丙}: 甲乙丙丁 → 甲 | 乙丙 | 丁; the step's 甲乙 cannot match.
        let c = Chain::new(
            &text(""),
            Some(&text("乙丙\t乙丙\n")),
            &[text("甲乙\tX\n乙丙\tY\n")],
        );
        assert_eq!(c.convert("甲乙丙丁 甲乙"), "甲Y丁 X");
    }

    /// Text drawn from the keys and values of `entries`, pieces of them, and characters no
    /// key holds (ASCII, punctuation, astral, compatibility ideographs, line breaks).
    pub(crate) fn random_text(
        entries: &[super::super::dict::Entry],
        seed: u64,
        len: usize,
    ) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = move |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        const OTHER: [&str; 14] = [
            "a", "SQL", " ", "\n", "，", "。", "é", "𠀀", "𣨼", "😀", "\u{F902}", "\u{F901}", "1",
            "著",
        ];
        let mut out = String::new();
        while out.chars().count() < len {
            let piece = match next(10) {
                0..=5 => {
                    let e = entries[next(entries.len())];
                    if next(2) == 0 {
                        e.key
                    } else {
                        e.value
                    }
                }
                6 | 7 => {
                    let e = entries[next(entries.len())];
                    let cs: Vec<char> = e.key.chars().collect();
                    let a = next(cs.len());
                    out.extend(&cs[a..]);
                    continue;
                }
                _ => OTHER[next(OTHER.len())],
            };
            out.push_str(piece);
        }
        out
    }

    /// The first characters of the normalization keys that change text: the fast path's
    /// bail characters.
    fn bail_chars() -> Vec<char> {
        normalization()
            .flatten()
            .iter()
            .filter(|e| e.key != e.value)
            .filter_map(|e| e.key.chars().next())
            .collect()
    }

    #[test]
    fn scanning_for_changes_finds_what_a_full_scan_finds() {
        let bail = bail_chars();
        for name in crate::convert::ConfigName::ALL {
            for spec in config(name, true).1 {
                let entries = spec.flatten();
                let m = Matcher::new(&entries, &bail);
                for seed in 0..40 {
                    let text = random_text(&entries, seed + 1, 4 + seed as usize * 10);
                    for b in [false, true] {
                        let mut want = Vec::new();
                        let wr = m.scan(&text, b, &mut |a, e, r| {
                            if m.rule(r).changes {
                                want.push((a, e, r))
                            }
                        });
                        let mut got = Vec::new();
                        let gr = m.scan_changes(&text, b, &mut |a, e, r| got.push((a, e, r)));
                        assert_eq!(wr, gr, "{name:?} bail {b}: {text:?}");
                        assert_eq!(want, got, "{name:?} bail {b}: {text:?}");
                    }
                }
            }
        }
    }

    /// The longest-match scan done the obvious way: at each position, the longest key found
    /// by hashing every candidate length; the changing matches, or `Err` at a bail character
    /// where a match would start.
    fn naive_changes(
        entries: &[super::super::dict::Entry],
        bail: &[char],
        text: &str,
    ) -> Result<Vec<(usize, usize, &'static str)>, ()> {
        let keys: std::collections::HashMap<&str, &str> =
            entries.iter().map(|e| (e.key, e.value)).collect();
        let max = entries.iter().map(|e| e.key.len()).max().unwrap_or(0);
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let c = text[i..].chars().next().unwrap();
            if bail.contains(&c) {
                return Err(());
            }
            let mut end = (i + max).min(text.len());
            let mut found = None;
            while end > i {
                if text.is_char_boundary(end) {
                    if let Some(&v) = keys.get(&text[i..end]) {
                        found = Some((end, v));
                        break;
                    }
                }
                end -= 1;
            }
            match found {
                Some((e, v)) => {
                    if v != &text[i..e] {
                        out.push((i, e, v));
                    }
                    i = e;
                }
                None => i += c.len_utf8(),
            }
        }
        Ok(out)
    }

    #[test]
    fn fast_scans_find_what_the_obvious_scan_finds() {
        let bail = bail_chars();
        let mut direct_hits = 0;
        for name in [
            crate::convert::ConfigName::T2s,
            crate::convert::ConfigName::S2t,
        ] {
            for spec in config(name, true).1 {
                let entries = spec.flatten();
                let m = Matcher::new(&entries, &bail);
                for seed in 0..60 {
                    let text = random_text(&entries, seed + 100, 4 + seed as usize * 7);
                    for b in [false, true] {
                        let want = naive_changes(&entries, if b { &bail } else { &[] }, &text);
                        let mut got = Vec::new();
                        let gr = m.scan_changes(&text, b, &mut |a, e, r| {
                            got.push((a, e, m.rule(r).value))
                        });
                        match want {
                            Ok(w) => assert_eq!((Ok(()), w), (gr, got), "{name:?}: {text:?}"),
                            Err(()) => assert!(gr.is_err(), "{name:?}: {text:?}"),
                        }
                    }
                    struct Count(usize);
                    impl Hits for Count {
                        fn hit(&mut self, _: usize, _: usize, _: u32) {}
                        fn direct(&mut self, _: usize, _: u64) {
                            self.0 += 1;
                        }
                    }
                    let mut n = Count(0);
                    let _ = m.scan_changes(&text, false, &mut n);
                    direct_hits += n.0;
                }
            }
        }
        // The random texts do exercise the `DIRECT` path.
        assert!(direct_hits > 100, "{direct_hits}");
    }

    #[test]
    fn fast_conversion_matches_the_general_path() {
        for name in crate::convert::ConfigName::ALL {
            let (seg, steps) = config(name, true);
            let c = Chain::new(&normalization(), seg.as_ref(), &steps);
            let entries: Vec<_> = steps.iter().flat_map(|s| s.flatten()).collect();
            for seed in 0..60 {
                let text = random_text(&entries, seed + 7, 4 + seed as usize * 9);
                // Without compatibility ideographs too, so that the fast path runs through.
                let plain: String = text
                    .chars()
                    .filter(|&c| !(0xF900..=0xFAFF).contains(&(c as u32)))
                    .collect();
                for t in [&text, &plain] {
                    assert_eq!(c.convert(t), c.run(t).buf, "{name:?}: {t:?}");
                    assert_eq!(
                        c.changes(t),
                        c.general_changes(t, Vec::new()),
                        "{name:?}: {t:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_stretch_is_the_merged_changes() {
        for name in crate::convert::ConfigName::ALL {
            let (seg, steps) = config(name, true);
            let c = Chain::new(&normalization(), seg.as_ref(), &steps);
            let entries: Vec<_> = steps.iter().flat_map(|s| s.flatten()).collect();
            let mut buf = b"left over".to_vec();
            let mut changed = 0;
            for seed in 0..60 {
                let text = random_text(&entries, seed + 11, 1 + seed as usize * 5);
                let plain: String = text.chars().filter(|c| !bail_chars().contains(c)).collect();
                for t in [&text, &plain] {
                    let changes = c.changes(t);
                    let (range, line, replacement, chars, single) = match c.stretch(t, &mut buf) {
                        Stretch::General => {
                            assert!(
                                c.fast().is_none() || t.chars().any(|c| bail_chars().contains(&c))
                            );
                            continue;
                        }
                        Stretch::Unchanged => {
                            assert!(changes.is_empty(), "{name:?}: {t:?}");
                            continue;
                        }
                        Stretch::Changed {
                            range,
                            line,
                            replacement,
                            chars,
                            single,
                        } => (
                            range,
                            line.to_string(),
                            replacement.to_string(),
                            chars,
                            single,
                        ),
                    };
                    changed += 1;
                    let (first, last) = (&changes[0].0, &changes[changes.len() - 1].0);
                    assert_eq!(range, first.start..last.end, "{name:?}: {t:?}");
                    let want: usize = changes
                        .iter()
                        .map(|(r, _)| t[r.clone()].chars().count())
                        .sum();
                    assert_eq!(chars, want, "{name:?}: {t:?}");
                    let mut merged = String::new();
                    let mut pos = range.start;
                    for (r, rep) in &changes {
                        merged.push_str(&t[pos..r.start]);
                        merged.push_str(rep);
                        pos = r.end;
                    }
                    assert_eq!(replacement, merged, "{name:?}: {t:?}");
                    assert_eq!(line, c.convert(t), "{name:?}: {t:?}");
                    assert_eq!(single, (changes.len() == 1).then(|| changes[0].1));
                }
            }
            assert_eq!(changed > 0, c.fast().is_some(), "{name:?}: {changed}");
        }
    }

    #[test]
    fn normalization_runs_first_and_falls_back_from_the_fast_path() {
        let c = Chain::new(&text("豈\t豈\n"), None, &[text("豈\t岂\n")]);
        assert!(c.fast().is_some());
        assert_eq!(c.convert("a豈b"), "a岂b");
        assert_eq!(changes(&c, "a豈b豈"), vec![(1..4, "岂"), (5..8, "岂")]);
    }
}
