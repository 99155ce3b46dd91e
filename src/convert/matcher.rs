//! Longest-prefix matching over one flattened dictionary, scanning left to right like
//! OpenCC's `Conversion::Convert`: at each position take the longest key that matches there,
//! else move one character on.
//!
//! Speed comes from running the automaton only where a phrase can match:
//! - a bitset over the BMP says which characters matter at all (start a key, or make the
//!   caller bail out); everything else, and ASCII unless some key starts with it, is skipped;
//! - a per-character table answers single-character keys directly;
//! - a hashed bitset of the first two characters of every longer key tells whether a phrase
//!   can start here; only then does the `daachorse` automaton run, on a slice no longer than
//!   the longest key starting with this character.

use std::cell::Cell;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use super::dict::Entry;
use super::image::{Reader, Writer};

/// Table flag: the character starts a key of two or more characters.
const MULTI: u32 = 1 << 31;
/// Table flag: the caller asked to be told about this character (see [`Matcher::scan`]).
const BAIL: u32 = 1 << 30;
/// Table bits holding (the longest key's length in characters starting here) − 1, max 15.
const LEN_SHIFT: u32 = 26;
const LEN: u32 = 0xF << LEN_SHIFT;
/// Table bits holding `entry index + 1` of the character's single-character key.
pub(crate) const INDEX: u32 = (1 << LEN_SHIFT) - 1;

/// Table flag (64-bit table only): a three-byte character whose only key here is itself
/// and whose value is another three-byte character, held in the bits from
/// `DIRECT_SHIFT` as UTF-8 bytes (first byte lowest). No key of two or more characters starts
/// with it and it is no bail character, so a scan replaces it without further lookups.
const DIRECT: u64 = 1 << 32;
const DIRECT_SHIFT: u32 = 40;
/// `simple` entry of a character that needs the full treatment.
const SIMPLE_NO: u32 = 1 << 31;
/// `simple` flag: the character starts a longer key, so it is simple (the low bits) only
/// where the pair test rules a phrase out.
const SIMPLE_PAIR: u32 = 1 << 30;

/// Bytes past the last change after which [`Matcher::scan_changes`] goes back to skipping.
const RESUME_SKIP: usize = 48;

/// One entry as the matcher stores it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// The full conversion of the key.
    pub value: &'static str,
    /// Whether the conversion differs from the key.
    pub changes: bool,
    /// The change narrowed to the characters that differ: bytes to drop from the front and
    /// back of the matched key, and the matching part of `value`.
    pub front: u8,
    pub back: u8,
    pub narrow: &'static str,
}

/// What a scan reports matches to.
pub(crate) trait Hits {
    /// A match of `text[a..b]` with rule `r`.
    fn hit(&mut self, a: usize, b: usize, r: u32);

    /// A match of the three-byte character at `a` whose table entry `f` has `DIRECT` set:
    /// its rule is `(f & INDEX) - 1`, its value the bytes [`direct_bytes`] gives.
    #[inline(always)]
    fn direct(&mut self, a: usize, f: u64) {
        self.hit(a, a + 3, (f as u32 & INDEX) - 1)
    }

    /// Whether the sink wants the changes the scan writes in place counted in the
    /// [`Tally`] that [`Hits::in_place`] hands over (a compile-time choice, so that a sink
    /// that does not pays nothing for it).
    const TALLY: bool = false;

    /// The output, if the sink builds it in place: as long as the text, equal to it
    /// except where earlier matches were written over with values of the same length.
    /// The scan may then write `DIRECT` values (and unchanged characters) there itself,
    /// without calling `direct`, counting them in the tally when [`Hits::TALLY`] is set.
    #[inline(always)]
    fn in_place(&mut self) -> Option<(&mut [u8], &mut Tally)> {
        None
    }
}

/// The `DIRECT` changes a scan wrote in place, without calling [`Hits::direct`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tally {
    /// How many (each is one character).
    pub changed: usize,
    /// The end of the last (0 if none).
    pub last_end: usize,
}

impl<F: FnMut(usize, usize, u32)> Hits for F {
    #[inline(always)]
    fn hit(&mut self, a: usize, b: usize, r: u32) {
        self(a, b, r)
    }
}

/// The UTF-8 bytes of the value of a `DIRECT` table entry.
#[inline(always)]
pub(crate) fn direct_bytes(f: u64) -> [u8; 3] {
    let v = ((f >> DIRECT_SHIFT) as u32).to_le_bytes();
    [v[0], v[1], v[2]]
}

/// The index into a [`Bits3`] table of the three-byte character whose bytes are the low
/// bytes of `w` (first byte lowest), and the bit to test there.
#[inline(always)]
fn key3(w: u64) -> (usize, u32) {
    ((w & 0x3F0F) as usize, (w >> 16) as u32 & 63)
}

/// A set of three-byte characters indexed straight by their first two bytes: word
/// `(b0 & 0x0F) | (b1 & 0x3F) << 8`, bit `b2 & 0x3F` (see [`key3`]). The same words as a
/// BMP bitset, permuted, so testing a character costs no decoding.
type Bits3 = [u64; 0x4000];

fn bits3(bmp: &[u64; 0x10000 / 64]) -> Box<Bits3> {
    let mut t: Box<Bits3> = vec![0u64; 0x4000]
        .into_boxed_slice()
        .try_into()
        .expect("0x4000 words");
    // Zero words are left alone: pages never written are never faulted in.
    for (w, &word) in bmp.iter().enumerate().skip(0x800 / 64) {
        if word != 0 {
            // w = c >> 6 = (b0 & 0x0F) << 6 | (b1 & 0x3F)
            t[(w >> 6) | ((w & 0x3F) << 8)] = word;
        }
    }
    t
}

#[inline(always)]
fn has3(t: &Bits3, w: u64) -> u64 {
    let (k, bit) = key3(w);
    t[k] >> bit & 1
}

/// A compiled dictionary.
pub(crate) struct Matcher {
    /// One bit per BMP code point: has a non-zero `table` entry. (Fixed-size arrays let the
    /// compiler drop bounds checks for BMP code points.)
    hot: Box<[u64; 0x10000 / 64]>,
    /// `hot` for three-byte characters, indexed by their bytes.
    hot3: Box<Bits3>,
    /// Per BMP code point of three bytes, for writing output in place: 0 if the scan
    /// skips it (not `hot`), the value's UTF-8 bytes (first byte lowest) if `DIRECT`, else
    /// `SIMPLE_NO`.
    simple: Box<[u32; 0x10000]>,
    /// Per BMP code point: flags, key length bound and single-key index (low 32 bits), and
    /// the `DIRECT` flag and value.
    table: Box<[u64; 0x10000]>,
    /// The same for code points above the BMP, sorted by code point.
    astral: Vec<(u32, u32)>,
    /// Hashed first-two-character pairs of keys with two or more characters.
    pairs: Box<[u64]>,
    pair_shift: u32,
    /// All keys starting with a `MULTI` character (values: rule index).
    ac: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    rules: Vec<Rule>,
    /// Some key starts with an ASCII character (e.g. `SQL注入`), so ASCII cannot be skipped.
    ascii_hot: bool,
    /// Every character of every key. A character outside this set is a *sync point*: no
    /// match spans it, so a left-to-right scan passes exactly through it whatever came
    /// before.
    in_key: CharBits,
    /// At least one character of every key whose value differs from it (and every bail
    /// character): text with none of these between two sync points has no change there.
    witness: CharBits,
    /// `witness` for three-byte characters, indexed by their bytes.
    witness3: Box<Bits3>,
}

/// A set of characters: a bitset over the BMP, a sorted list above it.
struct CharBits {
    bmp: Box<[u64; 0x10000 / 64]>,
    astral: Vec<u32>,
}

impl CharBits {
    fn new() -> CharBits {
        CharBits {
            bmp: vec![0u64; 0x10000 / 64]
                .into_boxed_slice()
                .try_into()
                .expect("1024 words"),
            astral: Vec::new(),
        }
    }

    fn insert(&mut self, c: char) {
        let c = c as u32;
        if c < 0x10000 {
            self.bmp[(c / 64) as usize] |= 1 << (c % 64);
        } else if let Err(i) = self.astral.binary_search(&c) {
            self.astral.insert(i, c);
        }
    }

    #[inline(always)]
    fn has_bmp(&self, c: u32) -> bool {
        self.bmp[((c >> 6) & 0x3FF) as usize] & (1 << (c % 64)) != 0
    }

    #[inline]
    fn contains(&self, c: u32) -> bool {
        if c < 0x10000 {
            self.has_bmp(c)
        } else {
            self.astral.binary_search(&c).is_ok()
        }
    }

    fn any_ascii(&self) -> bool {
        self.bmp[0] != 0 || self.bmp[1] != 0
    }
}

/// The scan was stopped on a character flagged with `BAIL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bailed;

#[inline]
fn pair_hash(a: u32, b: u32, shift: u32) -> usize {
    ((a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA77)).wrapping_mul(0xC2B2_AE3D) >> shift)
        as usize
}

/// Common leading and trailing characters of `key` and `value`, as byte counts of `key`,
/// never consuming either side whole (a change stays a non-empty range and replacement).
pub(crate) fn narrow(key: &str, value: &'static str) -> (usize, usize, &'static str) {
    let mut front = 0;
    for (a, b) in key.chars().zip(value.chars()) {
        if a != b {
            break;
        }
        front += a.len_utf8();
    }
    if front == key.len() || front == value.len() {
        return (0, 0, value);
    }
    let (k, v) = (&key[front..], &value[front..]);
    let mut back = 0;
    for (a, b) in k.chars().rev().zip(v.chars().rev()) {
        if a != b {
            break;
        }
        back += a.len_utf8();
    }
    if back == k.len() || back == v.len() {
        back = 0;
    }
    (front, back, &value[front..value.len() - back])
}

impl Matcher {
    /// Compiles `entries` (unique keys). Characters in `bail` make [`Matcher::scan`] stop.
    pub(crate) fn new(entries: &[Entry], bail: &[char]) -> Matcher {
        let mut table: Box<[u32]> = vec![0u32; 0x10000].into_boxed_slice();
        let mut astral_map: rustc_hash::FxHashMap<u32, u32> = Default::default();
        fn slot<'a>(
            table: &'a mut [u32],
            astral: &'a mut rustc_hash::FxHashMap<u32, u32>,
            c: char,
        ) -> &'a mut u32 {
            let c = c as u32;
            if c < 0x10000 {
                &mut table[c as usize]
            } else {
                astral.entry(c).or_insert(0)
            }
        }
        let n_multi = entries
            .iter()
            .filter(|e| e.key.chars().nth(1).is_some())
            .count();
        let pair_bits = (n_multi * 16).next_power_of_two().max(1 << 12);
        let pair_shift = 32 - pair_bits.trailing_zeros();
        let mut pairs = vec![0u64; pair_bits / 64].into_boxed_slice();
        let mut rules = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let (front, back, narrow) = narrow(e.key, e.value);
            rules.push(Rule {
                value: e.value,
                changes: e.key != e.value,
                front: front as u8,
                back: back as u8,
                narrow,
            });
            let mut chars = e.key.chars();
            let first = chars.next().expect("dictionary keys are non-empty");
            let s = slot(&mut table[..], &mut astral_map, first);
            if let Some(second) = chars.next() {
                let len = (e.key.chars().count() as u32 - 1).min(15) << LEN_SHIFT;
                *s |= MULTI;
                if *s & LEN < len {
                    *s = (*s & !LEN) | len;
                }
                let h = pair_hash(first as u32, second as u32, pair_shift);
                pairs[h / 64] |= 1 << (h % 64);
            } else {
                assert!(i + 1 < INDEX as usize, "dictionary too large");
                *s = (*s & !INDEX) | (i as u32 + 1);
            }
        }
        for &c in bail {
            *slot(&mut table[..], &mut astral_map, c) |= BAIL;
        }
        let mut astral: Vec<(u32, u32)> = astral_map.into_iter().collect();
        astral.sort_unstable();
        // Everything starting with a MULTI character goes to the automaton, single keys too,
        // so that it alone finds the longest match there.
        let multi: Vec<(&str, u32)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                lookup(&table[..], &astral, e.key.chars().next().unwrap() as u32) & MULTI != 0
            })
            .map(|(i, e)| (e.key, i as u32))
            .collect();
        let ac = (!multi.is_empty()).then(|| {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build_with_values(multi)
                .expect("dictionary keys are unique and non-empty")
        });
        // A character whose only key maps it to itself matters to nobody.
        let idle =
            |v: u32| v & !INDEX == 0 && v & INDEX != 0 && !rules[(v & INDEX) as usize - 1].changes;
        let mut hot: Box<[u64; 0x10000 / 64]> = vec![0u64; 0x10000 / 64]
            .into_boxed_slice()
            .try_into()
            .expect("1024 words");
        for (c, &v) in table.iter().enumerate() {
            if v != 0 && !idle(v) {
                hot[c / 64] |= 1 << (c % 64);
            }
        }
        let ascii_hot = table[..0x80].iter().any(|&v| v != 0);
        let mut in_key = CharBits::new();
        let mut witness = CharBits::new();
        let changing_single = |c: char| {
            let v = lookup(&table[..], &astral, c as u32);
            v & INDEX != 0 && rules[(v & INDEX) as usize - 1].changes
        };
        for (e, r) in entries.iter().zip(&rules) {
            e.key.chars().for_each(|c| in_key.insert(c));
            if r.changes {
                // One character of the part that changes, preferably one that changes on
                // its own too (a Traditional character rather than a shared one).
                let mid = &e.key[r.front as usize..e.key.len() - r.back as usize];
                let w = mid
                    .chars()
                    .find(|&c| changing_single(c))
                    .or_else(|| mid.chars().next())
                    .expect("a change is never empty");
                witness.insert(w);
            }
        }
        bail.iter().for_each(|&c| witness.insert(c));
        let mut table64: Box<[u64; 0x10000]> = vec![0u64; 0x10000]
            .into_boxed_slice()
            .try_into()
            .expect("0x10000 entries");
        for (c, (&v, t)) in table.iter().zip(table64.iter_mut()).enumerate() {
            if v == 0 {
                // (Unwritten pages are never faulted in.)
                continue;
            }
            *t = v as u64;
            if (0x800..0x10000).contains(&c) && v & !INDEX == 0 && v & INDEX != 0 {
                let r = &rules[(v & INDEX) as usize - 1];
                if r.changes && r.value.len() == 3 && r.value.chars().count() == 1 {
                    let b = r.value.as_bytes();
                    let bytes = u32::from_le_bytes([b[0], b[1], b[2], 0]) as u64;
                    *t |= DIRECT | bytes << DIRECT_SHIFT;
                }
            }
        }
        let mut simple: Box<[u32; 0x10000]> = vec![0u32; 0x10000]
            .into_boxed_slice()
            .try_into()
            .expect("0x10000 entries");
        for c in (0x800..0x10000).filter(|c| hot[c / 64] != 0) {
            if hot[c / 64] & (1 << (c % 64)) != 0 {
                let f = table64[c];
                let v = f as u32;
                simple[c] = if f & DIRECT != 0 {
                    u32::from_le_bytes({
                        let [a, b, c] = direct_bytes(f);
                        [a, b, c, 0]
                    })
                } else if v & MULTI != 0 && v & BAIL == 0 {
                    // Without a phrase here, `longest_at` gives the single key, if any.
                    match (v & INDEX).checked_sub(1).map(|r| &rules[r as usize]) {
                        None => SIMPLE_PAIR,
                        Some(r) if !r.changes => SIMPLE_PAIR,
                        Some(r) if r.value.len() == 3 && r.value.chars().count() == 1 => {
                            let b = r.value.as_bytes();
                            SIMPLE_PAIR | u32::from_le_bytes([b[0], b[1], b[2], 0])
                        }
                        Some(_) => SIMPLE_NO,
                    }
                } else {
                    SIMPLE_NO
                };
            }
        }
        Matcher {
            simple,
            hot3: bits3(&hot),
            hot,
            table: table64,
            astral,
            pairs,
            pair_shift,
            ac,
            rules,
            ascii_hot,
            in_key,
            witness3: bits3(&witness.bmp),
            witness,
        }
    }

    /// Writes the compiled matcher to an image (see [`super::image`]); derived tables
    /// (`hot3`, `witness3`) are rebuilt on reading.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn write_image(&self, w: &mut Writer) {
        w.sparse(&self.hot[..]);
        w.sparse(&self.simple[..]);
        w.sparse(&self.table[..]);
        w.u32s(&self.astral.iter().map(|&(c, _)| c).collect::<Vec<_>>());
        w.u32s(&self.astral.iter().map(|&(_, v)| v).collect::<Vec<_>>());
        w.u64s(&self.pairs);
        w.u32(self.pair_shift);
        match &self.ac {
            Some(ac) => w.blob(&ac.serialize()),
            None => w.blob(&[]),
        }
        w.len(self.rules.len());
        for r in &self.rules {
            // `narrow` is read back as the middle of `value` (see `narrow`).
            debug_assert!(std::ptr::eq(
                r.narrow,
                &r.value[r.front as usize..r.value.len() - r.back as usize]
            ));
            w.str(r.value);
            w.u8(u8::from(r.changes));
            w.u8(r.front);
            w.u8(r.back);
        }
        w.u8(u8::from(self.ascii_hot));
        for bits in [&self.in_key, &self.witness] {
            w.sparse(&bits.bmp[..]);
            w.u32s(&bits.astral);
        }
    }

    /// Reads back what [`Matcher::write_image`] wrote.
    pub(crate) fn read_image(r: &mut Reader) -> Matcher {
        fn boxed<T: Copy + Default, const N: usize>() -> Box<[T; N]> {
            vec![T::default(); N]
                .into_boxed_slice()
                .try_into()
                .unwrap_or_else(|_| unreachable!("N entries"))
        }
        let mut hot: Box<[u64; 0x10000 / 64]> = boxed();
        r.sparse(&mut hot[..]);
        let mut simple: Box<[u32; 0x10000]> = boxed();
        r.sparse(&mut simple[..]);
        let mut table: Box<[u64; 0x10000]> = boxed();
        r.sparse(&mut table[..]);
        let astral = r.u32s().into_iter().zip(r.u32s()).collect();
        let pairs = r.u64s().into_boxed_slice();
        let pair_shift = r.u32();
        let ac = match r.blob() {
            [] => None,
            bytes => {
                // SAFETY: the bytes are what `serialize` wrote in `write_image`, with the same
                // daachorse: Cargo resolves one semver-compatible version for build.rs and
                // the crate (one entry in Cargo.lock). daachorse's format is explicit
                // little-endian with u32 lengths, copied into fresh vectors, so the host,
                // pointer width and the alignment of `include_bytes!` do not matter. The
                // test `the_embedded_image_is_what_the_dictionaries_compile_to` backs this
                // up: it compares the embedded image with one compiled at test time.
                let (ac, rest) =
                    unsafe { CharwiseDoubleArrayAhoCorasick::<u32>::deserialize_unchecked(bytes) };
                assert!(rest.is_empty(), "automaton image of another length");
                Some(ac)
            }
        };
        let rules = (0..r.len())
            .map(|_| {
                let value = r.str();
                let (changes, front, back) = (r.u8() != 0, r.u8(), r.u8());
                Rule {
                    value,
                    changes,
                    front,
                    back,
                    narrow: &value[front as usize..value.len() - back as usize],
                }
            })
            .collect();
        let ascii_hot = r.u8() != 0;
        let mut bits = || {
            let mut b = CharBits::new();
            r.sparse(&mut b.bmp[..]);
            b.astral = r.u32s();
            b
        };
        let in_key = bits();
        let witness = bits();
        Matcher {
            hot3: bits3(&hot),
            hot,
            simple,
            table,
            astral,
            pairs,
            pair_shift,
            ac,
            rules,
            ascii_hot,
            in_key,
            witness3: bits3(&witness.bmp),
            witness,
        }
    }

    /// The table entry of `c` (low 32 bits).
    #[inline(always)]
    fn entry(&self, c: u32) -> u32 {
        if c < 0x10000 {
            self.table[c as usize] as u32
        } else {
            lookup(&[], &self.astral, c)
        }
    }

    #[inline]
    pub(crate) fn rule(&self, i: u32) -> Rule {
        self.rules[i as usize]
    }

    /// The single-character conversion of `c`, if a key of exactly `c` is what matches when
    /// `c` stands alone.
    pub(crate) fn single(&self, c: char) -> Option<Rule> {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        self.longest_at(s, 0, c.len_utf8(), c as u32, self.entry(c as u32))
            .map(|(_, r)| self.rule(r))
    }

    /// The longest match at `text[at..]`, where the character `c` of `len` bytes has table
    /// entry `f`. (Inlined: most calls end at the pair test.)
    #[inline(always)]
    fn longest_at(
        &self,
        text: &str,
        at: usize,
        len: usize,
        c: u32,
        f: u32,
    ) -> Option<(usize, u32)> {
        if f & MULTI != 0 && at + len < text.len() {
            // `text` is valid UTF-8 and `at + len` a char boundary.
            let next = decode(text.as_bytes(), at + len).0;
            let h = pair_hash(c, next, self.pair_shift);
            if self.pairs[h / 64] & (1 << (h % 64)) != 0 {
                return self.phrase_at(text, at, f);
            }
        }
        if f & INDEX != 0 {
            Some((at + len, (f & INDEX) - 1))
        } else {
            None
        }
    }

    /// The automaton's longest match at `text[at..]` (`f`: the table entry there).
    #[inline(never)]
    fn phrase_at(&self, text: &str, at: usize, f: u32) -> Option<(usize, u32)> {
        let ac = self
            .ac
            .as_ref()
            .expect("MULTI characters are in the automaton");
        let max_chars = ((f & LEN) >> LEN_SHIFT) as usize + 1;
        let mut end = (at + 4 * max_chars).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(m) = ac.leftmost_find_iter(&text[at..end]).next() {
            if m.start() == 0 {
                return Some((at + m.end(), m.value()));
            }
        }
        // The automaton found nothing here, single keys included.
        None
    }

    /// Scans `text`, calling `hit(start, end, rule)` for every match, in order. Stops with
    /// `Err(Bailed)` at the first bail character if `bail` is set (else they are treated as
    /// ordinary characters).
    #[inline]
    pub(crate) fn scan(&self, text: &str, bail: bool, hits: &mut impl Hits) -> Result<(), Bailed> {
        self.scan_from(text, 0, &Cell::new(usize::MAX), bail, hits)
            .map(|_| ())
    }

    /// [`Matcher::scan`] reporting only the matches that change text (`rule.changes`), and
    /// faster on text with few of them: it skips ahead to the next witness character, backs
    /// up to the sync point before it and scans exactly from there to the next sync point
    /// after it. Between sync points without a witness every match keeps its text, and a
    /// scan started at a sync point finds what a scan from the start finds.
    #[inline]
    pub(crate) fn scan_changes(
        &self,
        text: &str,
        bail: bool,
        hits: &mut impl Hits,
    ) -> Result<(), Bailed> {
        /// Passes on the changes and keeps the scan going a while after each.
        struct Changing<'a, H> {
            rules: &'a [Rule],
            stop: &'a Cell<usize>,
            inner: &'a mut H,
        }
        impl<H: Hits> Hits for Changing<'_, H> {
            #[inline(always)]
            fn hit(&mut self, a: usize, b: usize, r: u32) {
                if self.rules[r as usize].changes {
                    self.stop.set(b + RESUME_SKIP);
                    self.inner.hit(a, b, r)
                }
            }
            #[inline(always)]
            fn direct(&mut self, a: usize, f: u64) {
                // A `DIRECT` entry always changes its character.
                self.stop.set(a + 3 + RESUME_SKIP);
                self.inner.direct(a, f)
            }
            const TALLY: bool = H::TALLY;
            #[inline(always)]
            fn in_place(&mut self) -> Option<(&mut [u8], &mut Tally)> {
                self.inner.in_place()
            }
        }
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(w) = self.next_witness(b, i) {
            let s = self.sync_before(b, i, w);
            // Where changes are dense (Traditional text), switching back and forth costs
            // more than scanning on: the exact scan only stops at a sync point a while
            // after the last change.
            let stop = Cell::new(w + RESUME_SKIP);
            let mut sink = Changing {
                rules: &self.rules,
                stop: &stop,
                inner: hits,
            };
            i = self.scan_from(text, s, &stop, bail, &mut sink)?;
        }
        Ok(())
    }

    /// The first witness character at or after `i` (a char boundary), if any.
    #[inline]
    fn next_witness(&self, b: &[u8], mut i: usize) -> Option<usize> {
        let ascii = self.witness.any_ascii();
        let n = b.len();
        let t = &*self.witness3;
        loop {
            // Four three-byte characters at a time, one branch for the four set lookups.
            while let Some((w0, w1)) = four_three_byte(b, i) {
                if has3(t, w0) | has3(t, w0 >> 24) | has3(t, w1) | has3(t, w1 >> 24) != 0 {
                    break;
                }
                i += 12;
            }
            // Then up to four characters one at a time (finding the witness, or getting
            // past what is not a three-byte character).
            for _ in 0..4 {
                let &b0 = b.get(i)?;
                if b0 & 0xF0 == 0xE0 && i + 4 <= n {
                    let w = u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes")) as u64;
                    if has3(t, w) != 0 {
                        return Some(i);
                    }
                    i += 3;
                } else if b0 < 0x80 {
                    if ascii && self.witness.has_bmp(b0 as u32) {
                        return Some(i);
                    }
                    i += 1;
                } else {
                    let (c, len) = decode(b, i);
                    if self.witness.contains(c) {
                        return Some(i);
                    }
                    i += len;
                }
            }
        }
    }

    /// The first sync point at or after `w` (a char boundary): the position after the
    /// first character outside every key from `w` on, or the end of `b`. No match spans
    /// it, so a scan of the text up to it finds, up to it, what a scan of all finds.
    #[inline]
    pub(crate) fn sync_after(&self, b: &[u8], w: usize) -> usize {
        let mut j = w;
        while j < b.len() {
            let (c, len) = decode(b, j);
            j += len;
            if !self.in_key.contains(c) {
                return j;
            }
        }
        b.len()
    }

    /// The last sync point in `lo..=w`: the position after the last character outside
    /// every key before `w`, or `lo` (itself a sync point) if there is none.
    #[inline]
    pub(crate) fn sync_before(&self, b: &[u8], lo: usize, w: usize) -> usize {
        let mut j = w;
        while j > lo {
            let mut k = j - 1;
            while b[k] & 0xC0 == 0x80 {
                k -= 1;
            }
            if !self.in_key.contains(decode(b, k).0) {
                return j;
            }
            j = k;
        }
        lo
    }

    /// The scan from `i` (a position a scan from the start passes through). Returns the
    /// end of the text, or the first sync point after `stop` (which `hits` may move) where
    /// it stopped.
    #[inline(always)]
    fn scan_from<H: Hits>(
        &self,
        text: &str,
        mut i: usize,
        stop: &Cell<usize>,
        bail: bool,
        hits: &mut H,
    ) -> Result<usize, Bailed> {
        let b = text.as_bytes();
        let n = b.len();
        let hot3 = &*self.hot3;
        'outer: loop {
            if let Some((out, tally)) = hits.in_place() {
                let (j, synced) = self.dense::<H>(b, out, tally, i, stop);
                i = j;
                if synced {
                    return Ok(i);
                }
            }
            // Chinese text is mostly runs of three-byte characters (Han, CJK punctuation):
            // a tight loop for those, leaving everything else to the general step below.
            while i + 4 <= n {
                let w = u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes")) as u64;
                if w & 0xF0 != 0xE0 {
                    break;
                }
                if has3(hot3, w) == 0 {
                    if i > stop.get() {
                        let c = ((w as u32 & 0x0F) << 12)
                            | ((w as u32 >> 2) & 0xFC0)
                            | ((w as u32 >> 16) & 0x3F);
                        if !self.in_key.has_bmp(c) {
                            return Ok(i);
                        }
                    }
                    i += 3;
                    continue;
                }
                let c = ((w as u32 & 0x0F) << 12)
                    | ((w as u32 >> 2) & 0xFC0)
                    | ((w as u32 >> 16) & 0x3F);
                let f = self.table[c as usize];
                if f & DIRECT != 0 {
                    hits.direct(i, f);
                    i += 3;
                } else {
                    i = self.at_hot(text, i, c, 3, f as u32, bail, hits)?;
                }
                // The output may be writable in place now.
                continue 'outer;
            }
            if i >= n {
                return Ok(n);
            }
            let b0 = b[i];
            if b0 < 0x80 && !self.ascii_hot {
                if i > stop.get() && !self.in_key.has_bmp(b0 as u32) {
                    return Ok(i);
                }
                i += 1;
                continue;
            }
            // `text` is valid UTF-8, so the continuation bytes are there.
            let (c, len) = decode(b, i);
            let f = self.entry(c);
            // (Three-byte characters are skipped by `hot`, as in the loop above; the others
            // only without any entry.)
            let skip = if len == 3 { !self.hot_bmp(c) } else { f == 0 };
            i = if skip {
                if i > stop.get() && !self.in_key.contains(c) {
                    return Ok(i);
                }
                i + len
            } else {
                self.at_hot(text, i, c, len, f, bail, hits)?
            };
        }
    }

    /// The three-byte loop of [`Matcher::scan_from`] for a sink that builds its output in
    /// place (`out`): it writes every character's output, changed or not, so that no
    /// branch depends on whether a character changes (in Traditional text that is a coin
    /// toss for the branch predictor). Returns where it stopped (a character it leaves to
    /// the caller) and whether that is a sync point after `stop`, where the scan ends.
    #[inline(always)]
    fn dense<H: Hits>(
        &self,
        b: &[u8],
        out: &mut [u8],
        tally: &mut Tally,
        mut i: usize,
        stop: &Cell<usize>,
    ) -> (usize, bool) {
        let n = b.len();
        let out = &mut out[..n];
        let mut st = stop.get();
        while i + 4 <= n {
            let w = u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
            if w & 0xF0 != 0xE0 {
                break;
            }
            let c = ((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F);
            let mut e = self.simple[c as usize];
            if e & (SIMPLE_NO | SIMPLE_PAIR) != 0 {
                if e & SIMPLE_NO != 0 {
                    break;
                }
                // As in `longest_at`: the pair test with the next character (there is one:
                // `i + 4 <= n`).
                let next = decode(b, i + 3).0;
                let h = pair_hash(c, next, self.pair_shift);
                if self.pairs[h / 64] & (1 << (h % 64)) != 0 {
                    break;
                }
                e &= 0x00FF_FFFF;
            }
            // `out[i + 3]` still equals `b[i + 3]`: nothing after `i` was written yet.
            let v = if e != 0 { e | (w & 0xFF00_0000) } else { w };
            out[i..i + 4].copy_from_slice(&v.to_le_bytes());
            if e != 0 {
                st = i + 3 + RESUME_SKIP;
            }
            if H::TALLY {
                // Without branches, like the write above.
                let changed = e != 0;
                tally.changed += changed as usize;
                tally.last_end = if changed { i + 3 } else { tally.last_end };
            }
            if i > st && !self.in_key.has_bmp(c) {
                stop.set(st);
                return (i, true);
            }
            i += 3;
        }
        stop.set(st);
        (i, false)
    }

    #[inline(always)]
    fn hot_bmp(&self, c: u32) -> bool {
        self.hot[(c / 64) as usize] & (1 << (c % 64)) != 0
    }

    /// Handles the character `c` (`len` bytes, table entry `f`) at `i`; returns where to go
    /// on.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn at_hot(
        &self,
        text: &str,
        i: usize,
        c: u32,
        len: usize,
        f: u32,
        bail: bool,
        hits: &mut impl Hits,
    ) -> Result<usize, Bailed> {
        if bail && f & BAIL != 0 {
            return Err(Bailed);
        }
        if f & MULTI == 0 {
            // The common case: a single-character key or nothing.
            if f & INDEX != 0 {
                hits.hit(i, i + len, (f & INDEX) - 1);
            }
            return Ok(i + len);
        }
        Ok(match self.longest_at(text, i, len, c, f) {
            Some((end, r)) => {
                hits.hit(i, end, r);
                end
            }
            None => i + len,
        })
    }
}

/// The character starting at `b[i]` and its length (`b` is valid UTF-8).
/// The four characters at `b[i..]` when all four are three-byte UTF-8 sequences (most
/// Chinese text), as two overlapping eight-byte loads: the characters sit in the low three
/// bytes of `w0`, `w0 >> 24`, `w1` and `w1 >> 24`. One test covers the four lead bytes.
#[inline(always)]
pub(crate) fn four_three_byte(b: &[u8], i: usize) -> Option<(u64, u64)> {
    if i + 14 > b.len() {
        return None;
    }
    let w0 = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
    let w1 = u64::from_le_bytes(b[i + 6..i + 14].try_into().expect("8 bytes"));
    const LEADS: u64 = 0xF000_00F0;
    const THREE: u64 = 0xE000_00E0;
    (((w0 & LEADS) ^ THREE) | ((w1 & LEADS) ^ THREE) == 0).then_some((w0, w1))
}

#[inline(always)]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i];
    if b0 < 0x80 {
        (b0 as u32, 1)
    } else if b0 < 0xE0 {
        ((((b0 & 0x1F) as u32) << 6) | (b[i + 1] & 0x3F) as u32, 2)
    } else if b0 < 0xF0 {
        (
            (((b0 & 0x0F) as u32) << 12)
                | (((b[i + 1] & 0x3F) as u32) << 6)
                | (b[i + 2] & 0x3F) as u32,
            3,
        )
    } else {
        (
            (((b0 & 0x07) as u32) << 18)
                | (((b[i + 1] & 0x3F) as u32) << 12)
                | (((b[i + 2] & 0x3F) as u32) << 6)
                | (b[i + 3] & 0x3F) as u32,
            4,
        )
    }
}

#[inline]
fn lookup(table: &[u32], astral: &[(u32, u32)], c: u32) -> u32 {
    if c < 0x10000 {
        table[c as usize]
    } else {
        match astral.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => astral[i].1,
            Err(_) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pairs: &[(&'static str, &'static str)]) -> Matcher {
        let e: Vec<Entry> = pairs
            .iter()
            .map(|&(key, value)| Entry { key, value })
            .collect();
        Matcher::new(&e, &[])
    }

    fn run(m: &Matcher, text: &str) -> Vec<(usize, usize, &'static str)> {
        let mut v = Vec::new();
        m.scan(text, false, &mut |a, b, r| v.push((a, b, m.rule(r).value)))
            .unwrap();
        v
    }

    #[test]
    fn longest_match_wins_and_scanning_resumes_after_it() {
        let m = m(&[
            ("乾", "干"),
            ("乾坤", "乾坤"),
            ("坤", "X"),
            ("一目瞭然", "一目了然"),
            ("瞭", "了"),
        ]);
        assert_eq!(run(&m, "a乾坤乾"), vec![(1, 7, "乾坤"), (7, 10, "干")]);
        assert_eq!(run(&m, "一目瞭然,一目"), vec![(0, 12, "一目了然")]);
        // "一目" alone is no key, so nothing matches at 一; 瞭 is not there either.
        assert_eq!(run(&m, "一目瞭"), vec![(6, 9, "了")]);
    }

    #[test]
    fn narrowing() {
        assert_eq!(narrow("一目瞭然", "一目了然"), (6, 3, "了"));
        assert_eq!(narrow("乾", "干"), (0, 0, "干"));
        assert_eq!(narrow("ab", "b"), (0, 0, "b"));
        assert_eq!(narrow("aa", "a"), (0, 0, "a"));
        assert_eq!(narrow("abc", "ac"), (1, 0, "c"));
    }

    #[test]
    fn phrase_prefix_without_phrase_falls_back_to_the_single_key() {
        let m = m(&[("乾", "干"), ("乾坤", "乾坤"), ("乾坤大挪移", "X")]);
        assert_eq!(run(&m, "乾坤大"), vec![(0, 6, "乾坤")]);
        assert_eq!(run(&m, "乾淨乾"), vec![(0, 3, "干"), (6, 9, "干")]);
    }

    #[test]
    fn ascii_keys_match_when_present() {
        let m = m(&[("SQL注入", "X"), ("注", "Y")]);
        assert_eq!(run(&m, "MySQL注入 注"), vec![(2, 11, "X"), (12, 15, "Y")]);
    }

    #[test]
    fn astral_keys_and_bail() {
        let e = [Entry {
            key: "𣨼",
            value: "x",
        }];
        let m = Matcher::new(&e, &['豈']);
        assert_eq!(run(&m, "a𣨼b"), vec![(1, 5, "x")]);
        assert_eq!(m.scan("ab豈", true, &mut |_, _, _| {}), Err(Bailed));
        assert!(m.scan("ab豈", false, &mut |_, _, _| {}).is_ok());
    }
}
