//! Dictionaries: OpenCC's text format, and OpenCC's two ways of grouping them.
//!
//! A text dictionary is one `key<TAB>candidate candidate…` entry a line, `#` lines being
//! comments; the first candidate is the conversion. A group either *short-circuits* (at a
//! position, the first dictionary, in order, with any prefix match wins and gives its
//! longest match: OpenCC's `DictGroup::MatchPrefix`) or is a *union* (the longest match over
//! all; on equal keys the earlier dictionary wins).
//!
//! [`Spec::flatten`] turns any such tree into one flat list that gives the same answers
//! under plain longest-prefix matching. For a short-circuit group that means dropping every
//! key of a later dictionary that has a prefix (itself included) among the keys of an
//! earlier one: wherever such a key matches, that prefix matches too and wins. The
//! remaining keys never contradict the group (see the proof in `flatten`).

use rustc_hash::FxHashSet as HashSet;

/// One dictionary entry: a key and its (first) conversion. Both point into the embedded
/// dictionary text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub key: &'static str,
    pub value: &'static str,
}

/// How a group combines its dictionaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    ShortCircuit,
    Union,
}

/// A dictionary as an OpenCC config describes it.
#[derive(Debug, Clone)]
pub(crate) enum Spec {
    /// An embedded text dictionary's content.
    Text(&'static str),
    Group(Policy, Vec<Spec>),
}

/// Parses OpenCC's text format. Lines without a tab are skipped like OpenCC does; a value
/// with several candidates keeps the first. Anything after a second tab (zhclean's
/// overrides put a `# reason` there) is ignored.
pub(crate) fn parse(text: &'static str) -> Vec<Entry> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') {
            continue;
        }
        let Some((key, vals)) = line.split_once('\t') else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        let value = vals
            .split([' ', '\t'])
            .find(|v| !v.is_empty())
            .unwrap_or(key);
        out.push(Entry { key, value });
    }
    out
}

/// Each proper-or-not prefix of `key` ending on a char boundary, shortest first.
fn prefixes(key: &str) -> impl Iterator<Item = &str> {
    key.char_indices()
        .skip(1)
        .map(|(i, _)| &key[..i])
        .chain(std::iter::once(key))
}

impl Spec {
    /// A flat entry list (unique keys) equivalent under longest-prefix matching.
    pub(crate) fn flatten(&self) -> Vec<Entry> {
        match self {
            Spec::Text(text) => {
                // OpenCC keeps one entry per key; the first line wins here.
                let entries = parse(text);
                let mut seen = HashSet::with_capacity_and_hasher(entries.len(), Default::default());
                entries.into_iter().filter(|e| seen.insert(e.key)).collect()
            }
            Spec::Group(Policy::Union, dicts) => {
                let mut seen = HashSet::default();
                let mut out = Vec::new();
                for d in dicts {
                    out.extend(d.flatten().into_iter().filter(|e| seen.insert(e.key)));
                }
                out
            }
            Spec::Group(Policy::ShortCircuit, dicts) => {
                // Proof sketch: at a position let D_j be the first dictionary with a match
                // and k its longest. No prefix of k is a key of an earlier dictionary (that
                // would be an earlier match), so k is kept. A longer kept key k' matching
                // there would come from some D_i: i < j contradicts D_j being first, i == j
                // contradicts k being longest, and i > j is impossible because k, a key of
                // D_j, is a prefix of k' and would have dropped it.
                let mut earlier: HashSet<&'static str> = HashSet::default();
                let mut out = Vec::new();
                for d in dicts {
                    let entries = d.flatten();
                    let kept: Vec<Entry> = entries
                        .iter()
                        .copied()
                        .filter(|e| !prefixes(e.key).any(|p| earlier.contains(p)))
                        .collect();
                    earlier.extend(entries.iter().map(|e| e.key));
                    out.extend(kept);
                }
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &[Entry]) -> Vec<(&str, &str)> {
        let mut k: Vec<_> = v.iter().map(|e| (e.key, e.value)).collect();
        k.sort();
        k
    }

    #[test]
    fn parse_skips_comments_and_takes_first_candidate() {
        let e = parse("# header\n\n乾\t干 乾\n後\t后\nbad line\n著力\t着力\t# reason\n");
        assert_eq!(keys(&e), vec![("乾", "干"), ("後", "后"), ("著力", "着力")]);
    }

    #[test]
    fn short_circuit_drops_keys_shadowed_by_an_earlier_prefix() {
        let g = Spec::Group(
            Policy::ShortCircuit,
            vec![Spec::Text("ab\tX\n"), Spec::Text("abc\tY\nb\tZ\nab\tW\n")],
        );
        // `abc` always loses to `ab` of the first dict; `ab` of the second is shadowed.
        assert_eq!(keys(&g.flatten()), vec![("ab", "X"), ("b", "Z")]);
    }

    #[test]
    fn union_keeps_longest_and_first_on_ties() {
        let g = Spec::Group(
            Policy::Union,
            vec![Spec::Text("ab\tX\n"), Spec::Text("abc\tY\nab\tW\n")],
        );
        assert_eq!(keys(&g.flatten()), vec![("ab", "X"), ("abc", "Y")]);
    }
}
