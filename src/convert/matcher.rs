//! Longest-prefix matching over one flattened dictionary, scanning left to right like
//! OpenCC's `Conversion::Convert`: at each position take the longest key that matches there,
//! else move one character on.
//!
//! Speed comes from never running the automaton where it cannot match:
//! - a bitset over the BMP says which characters matter at all (start a key, or make the
//!   caller bail out); everything else, and all ASCII, is skipped;
//! - a per-character table answers single-character keys directly;
//! - only characters that start a longer key run the `daachorse` automaton, on a slice no
//!   longer than the longest key.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use super::dict::Entry;

/// Table flag: the character starts a key of two or more characters.
const MULTI: u32 = 1 << 31;
/// Table flag: the caller asked to be told about this character (see [`Matcher::scan`]).
const BAIL: u32 = 1 << 30;
/// Table bits holding `entry index + 1` of the character's single-character key.
const INDEX: u32 = BAIL - 1;

/// One entry as the matcher stores it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// The full conversion of the key.
    pub value: &'static str,
    /// Whether the conversion differs from the key.
    pub changes: bool,
}

/// A compiled dictionary.
pub(crate) struct Matcher {
    /// One bit per BMP code point: has a non-zero `table` entry.
    hot: Box<[u64]>,
    /// Per BMP code point: flags and single-key index.
    table: Box<[u32]>,
    /// The same for code points above the BMP, sorted by code point.
    astral: Vec<(u32, u32)>,
    /// All keys starting with a `MULTI` character (values: rule index).
    ac: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    rules: Vec<Rule>,
    max_key_bytes: usize,
    /// Some key starts with an ASCII character (e.g. `SQL注入`), so ASCII cannot be skipped.
    ascii_hot: bool,
}

/// The scan was stopped on a character flagged with `BAIL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bailed;

impl Matcher {
    /// Compiles `entries` (unique keys). Characters in `bail` make [`Matcher::scan`] stop.
    pub(crate) fn new(entries: &[Entry], bail: &[char]) -> Matcher {
        let mut table = vec![0u32; 0x10000].into_boxed_slice();
        let mut astral: Vec<(u32, u32)> = Vec::new();
        fn slot<'a>(table: &'a mut [u32], astral: &'a mut Vec<(u32, u32)>, c: char) -> &'a mut u32 {
            let c = c as u32;
            if c < 0x10000 {
                &mut table[c as usize]
            } else {
                let i = match astral.iter().position(|&(k, _)| k == c) {
                    Some(i) => i,
                    None => {
                        astral.push((c, 0));
                        astral.len() - 1
                    }
                };
                &mut astral[i].1
            }
        }
        let mut rules = Vec::with_capacity(entries.len());
        let mut max_key_bytes = 0;
        for (i, e) in entries.iter().enumerate() {
            rules.push(Rule {
                value: e.value,
                changes: e.key != e.value,
            });
            max_key_bytes = max_key_bytes.max(e.key.len());
            let mut chars = e.key.chars();
            let first = chars.next().expect("dictionary keys are non-empty");
            let s = slot(&mut table, &mut astral, first);
            if chars.next().is_some() {
                *s |= MULTI;
            } else {
                *s = (*s & !INDEX) | (i as u32 + 1);
            }
        }
        for &c in bail {
            *slot(&mut table, &mut astral, c) |= BAIL;
        }
        astral.sort_unstable();
        // Everything starting with a MULTI character goes to the automaton, single keys too,
        // so that it alone finds the longest match there.
        let multi: Vec<(&str, u32)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                lookup(&table, &astral, e.key.chars().next().unwrap() as u32) & MULTI != 0
            })
            .map(|(i, e)| (e.key, i as u32))
            .collect();
        let ac = (!multi.is_empty()).then(|| {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build_with_values(multi)
                .expect("dictionary keys are unique and non-empty")
        });
        let mut hot = vec![0u64; 0x10000 / 64].into_boxed_slice();
        for (c, &v) in table.iter().enumerate() {
            if v != 0 {
                hot[c / 64] |= 1 << (c % 64);
            }
        }
        let ascii_hot = table[..0x80].iter().any(|&v| v != 0);
        Matcher {
            hot,
            table,
            astral,
            ac,
            rules,
            max_key_bytes,
            ascii_hot,
        }
    }

    pub(crate) fn rule(&self, i: u32) -> Rule {
        self.rules[i as usize]
    }

    /// The single-character conversion of `c`, if a key of exactly `c` is what matches when
    /// `c` stands alone.
    pub(crate) fn single(&self, c: char) -> Option<Rule> {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        self.longest_at(s, 0, lookup(&self.table, &self.astral, c as u32))
            .map(|(_, r)| self.rule(r))
    }

    /// The longest match at `text[at..]` given the table entry `f` of the character there.
    #[inline]
    fn longest_at(&self, text: &str, at: usize, f: u32) -> Option<(usize, u32)> {
        if f & MULTI != 0 {
            let ac = self.ac.as_ref()?;
            let mut end = (at + self.max_key_bytes).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let m = ac.leftmost_find_iter(&text[at..end]).next()?;
            (m.start() == 0).then(|| (at + m.end(), m.value()))
        } else if f & INDEX != 0 {
            let len = utf8_len(text.as_bytes()[at]);
            Some((at + len, (f & INDEX) - 1))
        } else {
            None
        }
    }

    /// Scans `text`, calling `hit(start, end, rule)` for every match, in order. Stops with
    /// `Err(Bailed)` at the first bail character if `bail` is set (else they are treated as
    /// ordinary characters).
    #[inline]
    pub(crate) fn scan(
        &self,
        text: &str,
        bail: bool,
        mut hit: impl FnMut(usize, usize, u32),
    ) -> Result<(), Bailed> {
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        while i < n {
            let b0 = b[i];
            if b0 < 0x80 && !self.ascii_hot {
                i += 1;
                continue;
            }
            // `text` is valid UTF-8, so the continuation bytes are there.
            let (c, len) = if b0 < 0x80 {
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
            };
            let f = if c < 0x10000 {
                if self.hot[(c / 64) as usize] & (1 << (c % 64)) == 0 {
                    i += len;
                    continue;
                }
                self.table[c as usize]
            } else {
                lookup(&self.table, &self.astral, c)
            };
            if bail && f & BAIL != 0 {
                return Err(Bailed);
            }
            match self.longest_at(text, i, f) {
                Some((end, r)) => {
                    hit(i, end, r);
                    i = end;
                }
                None => i += len,
            }
        }
        Ok(())
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

#[inline]
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
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
        m.scan(text, false, |a, b, r| v.push((a, b, m.rule(r).value)))
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
        assert_eq!(m.scan("ab豈", true, |_, _, _| {}), Err(Bailed));
        assert!(m.scan("ab豈", false, |_, _, _| {}).is_ok());
    }
}
