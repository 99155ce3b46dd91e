//! Which characters conversion can turn the first (last) character of a text into: what
//! the placeholder detector asks to skip converting a context whose converted form cannot
//! start (end) with a word it looks for.
//!
//! Conversion replaces matches of dictionary keys by their conversions and keeps the rest,
//! so a converted text starts with its own first character or with the first character of
//! the conversion of a key starting where the text starts; through the chain's steps, with
//! what that character can become in turn. Likewise at the end. The lists here hold those
//! characters over every entry of every dictionary a config is built from: a superset of
//! what conversion can give, so a character outside them is never the converted text's.
//!
//! Built from the dictionaries' entries (about 3 million instructions for t2s, twice that
//! with parsing them); `build.rs` builds t2s's and embeds them as an image.

use super::image::{Reader, Writer};

/// Characters from here on are not in the tables: they may become anything.
pub(crate) const TABLE: usize = 0x30000;

/// The lists, linked.
pub(crate) struct EndLists {
    /// For every character below [`TABLE`], the first node of the list of the other
    /// characters a converted text starting (ending) with it may start (end) with.
    pub(crate) firsts: Vec<u32>,
    pub(crate) lasts: Vec<u32>,
    /// List nodes: a character and the next node (0 ends a list; node 0 is unused).
    pub(crate) nodes: Vec<(char, u32)>,
    /// The characters conversion may change other than alone: that start a key of several
    /// characters, or whose conversion alone holds one that may (normalization, then
    /// conversion). Phrase starts are listed exactly; a single-character key whose
    /// conversion holds a character above the BMP is listed whenever any phrase starts
    /// above the BMP (only the BMP's starts are told apart there).
    pub(crate) not_solo: Vec<char>,
}

impl EndLists {
    /// The lists over `entries`, every `(key, conversion)` of a config's dictionaries.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn new(entries: &[(&str, &str)]) -> EndLists {
        let mut e = EndLists {
            firsts: vec![0; TABLE],
            lasts: vec![0; TABLE],
            nodes: vec![('\0', 0)],
            not_solo: Vec::new(),
        };
        let mut starts_phrase = vec![false; 0x10000];
        let mut astral_starts_phrase = false;
        for (k, _) in entries.iter().filter(|(k, _)| k.chars().nth(1).is_some()) {
            if let Some(c) = k.chars().next() {
                e.not_solo.push(c);
                match starts_phrase.get_mut(c as usize) {
                    Some(b) => *b = true,
                    None => astral_starts_phrase = true,
                }
            }
        }
        let may_start_phrase = |d: char| {
            starts_phrase
                .get(d as usize)
                .copied()
                .unwrap_or(astral_starts_phrase)
        };
        for (k, v) in entries {
            let mut ks = k.chars();
            if let (Some(c), None) = (ks.next(), ks.next()) {
                if v.chars().any(may_start_phrase) {
                    e.not_solo.push(c);
                }
            }
        }
        e.not_solo.sort_unstable();
        e.not_solo.dedup();
        let mut first: Vec<(char, char)> = Vec::new();
        let mut last: Vec<(char, char)> = Vec::new();
        for (k, v) in entries {
            let ends = |s: &str| (s.chars().next(), s.chars().next_back());
            let ((Some(kf), Some(kl)), (Some(vf), Some(vl))) = (ends(k), ends(v)) else {
                continue; // never: keys and conversions are not empty
            };
            if kf != vf {
                first.push((kf, vf));
            }
            if kl != vl {
                last.push((kl, vl));
            }
        }
        link(&mut e.firsts, &mut e.nodes, first);
        link(&mut e.lasts, &mut e.nodes, last);
        e
    }

    #[cfg_attr(not(test), allow(dead_code))] // build.rs and tests
    pub(crate) fn image(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.sparse(&self.firsts);
        w.sparse(&self.lasts);
        w.u32s(
            &self
                .nodes
                .iter()
                .map(|&(c, _)| c as u32)
                .collect::<Vec<_>>(),
        );
        w.u32s(&self.nodes.iter().map(|&(_, n)| n).collect::<Vec<_>>());
        w.u32s(&self.not_solo.iter().map(|&c| c as u32).collect::<Vec<_>>());
        w.finish()
    }

    pub(crate) fn from_image(image: &'static [u8]) -> EndLists {
        let mut r = Reader::new(image);
        let chars = |v: Vec<u32>| -> Vec<char> {
            v.into_iter()
                .map(|c| char::from_u32(c).expect("image characters are characters"))
                .collect()
        };
        let mut firsts = vec![0; TABLE];
        r.sparse(&mut firsts);
        let mut lasts = vec![0; TABLE];
        r.sparse(&mut lasts);
        let nodes = chars(r.u32s()).into_iter().zip(r.u32s()).collect();
        let not_solo = chars(r.u32s());
        assert!(r.is_done(), "end lists image of another length");
        EndLists {
            firsts,
            lasts,
            nodes,
            not_solo,
        }
    }
}

/// Links the relation `pairs`, closed under repetition (every character reachable in one
/// step or more, the start excluded), into `heads` and `nodes`.
#[cfg_attr(not(test), allow(dead_code))]
fn link(heads: &mut [u32], nodes: &mut Vec<(char, u32)>, pairs: Vec<(char, char)>) {
    /// Adds `b` to the list of `a` unless it is `a` or listed; whether it was added.
    fn add(heads: &mut [u32], nodes: &mut Vec<(char, u32)>, a: char, b: char) -> bool {
        let mut i = heads[a as usize];
        while i != 0 {
            if nodes[i as usize].0 == b {
                return false;
            }
            i = nodes[i as usize].1;
        }
        if a == b {
            return false;
        }
        nodes.push((b, heads[a as usize]));
        heads[a as usize] = (nodes.len() - 1) as u32;
        true
    }
    let mut sources: Vec<char> = Vec::new();
    for (a, b) in pairs {
        // Characters beyond the table need no list: they may become anything.
        if (a as usize) < TABLE {
            let new = heads[a as usize] == 0;
            if add(heads, nodes, a, b) && new {
                sources.push(a);
            }
        }
    }
    // What a listed character becomes, the character listing it may become: until
    // nothing is added (chains are short: normalization, then conversion).
    let mut changed = true;
    while changed {
        changed = false;
        for &a in &sources {
            let mut i = heads[a as usize];
            while i != 0 {
                let (b, next) = nodes[i as usize];
                i = next;
                let mut j = heads.get(b as usize).copied().unwrap_or(0);
                while j != 0 {
                    let (c, next) = nodes[j as usize];
                    j = next;
                    changed |= add(heads, nodes, a, c);
                }
            }
        }
    }
}
