//! A compiled converter as bytes: `build.rs` compiles the default chain (t2s with zhclean's
//! overrides) from the dictionaries and writes it out with [`Writer`]; at run time
//! [`Reader`] reads it back from the binary, so no run parses and compiles the 6,600
//! dictionary lines t2s is made of (18 million instructions, about 5 ms of every
//! process's start). [`super::ends`] writes its lists the same way.
//!
//! The format is private to one build: little-endian integers, length-prefixed arrays,
//! sparse tables as `(index, value)` pairs, and one string section that rule values point
//! into. The writer and the reader are the same source compiled twice (in `build.rs` and in
//! the crate), and a test checks that the embedded image equals the one the crate's own
//! compiler makes.

/// Bumped when the layout changes (a stale image is then refused, not misread).
pub(crate) const FORMAT: u32 = 1;

/// Builds an image (in `build.rs`, and in tests).
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Default)]
pub(crate) struct Writer {
    bytes: Vec<u8>,
    /// Distinct strings and where each starts in `strings`.
    strings: Vec<u8>,
    at: std::collections::HashMap<&'static str, u32>,
}

#[cfg_attr(not(test), allow(dead_code))]
impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("image arrays fit in u32"));
    }

    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        v.iter().for_each(|&x| self.u32(x));
    }

    pub(crate) fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        v.iter().for_each(|&x| self.u64(x));
    }

    /// The non-zero entries of a table, as `(index, value)` pairs.
    pub(crate) fn sparse<T: Copy + Into<u64> + PartialEq + Default>(&mut self, v: &[T]) {
        let nz: Vec<(usize, u64)> = v
            .iter()
            .enumerate()
            .filter(|(_, &x)| x != T::default())
            .map(|(i, &x)| (i, x.into()))
            .collect();
        self.len(v.len());
        self.len(nz.len());
        for (i, x) in nz {
            self.len(i);
            self.u64(x);
        }
    }

    /// Bytes of a nested format (such as daachorse's), with their length.
    pub(crate) fn blob(&mut self, b: &[u8]) {
        self.len(b.len());
        self.bytes.extend_from_slice(b);
    }

    /// A string, stored once in the string section however often it is written.
    pub(crate) fn str(&mut self, s: &'static str) {
        let strings = &mut self.strings;
        let off = *self.at.entry(s).or_insert_with(|| {
            let off = u32::try_from(strings.len()).expect("string section fits in u32");
            strings.extend_from_slice(s.as_bytes());
            off
        });
        self.u32(off);
        self.len(s.len());
    }

    /// The image: format, string section, then what was written.
    pub(crate) fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + self.strings.len() + self.bytes.len());
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&(self.strings.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.strings);
        out.extend_from_slice(&self.bytes);
        out
    }
}

/// Reads an image [`Writer`] made. Panics on an image that does not match this build's
/// format: images are embedded at build time, never read from users' files.
pub(crate) struct Reader {
    bytes: &'static [u8],
    strings: &'static str,
}

impl Reader {
    pub(crate) fn new(image: &'static [u8]) -> Reader {
        let mut r = Reader {
            bytes: image,
            strings: "",
        };
        assert_eq!(r.u32(), FORMAT, "image of another format");
        let n = r.u64() as usize;
        let (strings, rest) = r.bytes.split_at(n);
        r.strings = simdutf8::basic::from_utf8(strings).expect("image strings are UTF-8");
        r.bytes = rest;
        r
    }

    fn take(&mut self, n: usize) -> &'static [u8] {
        let (a, b) = self.bytes.split_at(n);
        self.bytes = b;
        a
    }

    pub(crate) fn u8(&mut self) -> u8 {
        self.take(1)[0]
    }

    pub(crate) fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take(4).try_into().expect("4 bytes"))
    }

    pub(crate) fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take(8).try_into().expect("8 bytes"))
    }

    pub(crate) fn len(&mut self) -> usize {
        self.u32() as usize
    }

    pub(crate) fn u32s(&mut self) -> Vec<u32> {
        let n = self.len();
        (0..n).map(|_| self.u32()).collect()
    }

    pub(crate) fn u64s(&mut self) -> Vec<u64> {
        let n = self.len();
        (0..n).map(|_| self.u64()).collect()
    }

    /// A table [`Writer::sparse`] wrote, into `out` (zeroed, of the written length).
    pub(crate) fn sparse<T: Copy + TryFrom<u64>>(&mut self, out: &mut [T]) {
        assert_eq!(self.len(), out.len(), "image table of another size");
        for _ in 0..self.len() {
            let i = self.len();
            let v = self.u64();
            out[i] = T::try_from(v).ok().expect("image table value fits");
        }
    }

    /// A string of the string section.
    pub(crate) fn str(&mut self) -> &'static str {
        let off = self.len();
        let n = self.len();
        self.strings
            .get(off..off + n)
            .expect("image strings lie on character boundaries")
    }

    /// What [`Writer::blob`] wrote.
    pub(crate) fn blob(&mut self) -> &'static [u8] {
        let n = self.len();
        self.take(n)
    }

    /// Whether everything was read.
    pub(crate) fn is_done(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let mut w = Writer::default();
        w.u8(7);
        w.blob(b"ab");
        w.u32s(&[1, u32::MAX]);
        w.str("甲乙");
        w.u64s(&[u64::MAX]);
        w.sparse(&[0u32, 5, 0, 9]);
        w.str("甲乙"); // stored once
        w.str("乙");
        let image: &'static [u8] = Box::leak(w.finish().into_boxed_slice());
        // Header, "甲乙" and "乙" once each, then the u8, the blob, two arrays, a sparse table of two
        // entries and three string references.
        assert_eq!(image.len(), 12 + 9 + 1 + 6 + 12 + 12 + (8 + 2 * 12) + 3 * 8);
        let mut r = Reader::new(image);
        assert_eq!(r.u8(), 7);
        assert_eq!(r.blob(), b"ab");
        assert_eq!(r.u32s(), vec![1, u32::MAX]);
        assert_eq!(r.str(), "甲乙");
        assert_eq!(r.u64s(), vec![u64::MAX]);
        let mut t = [0u32; 4];
        r.sparse(&mut t);
        assert_eq!(t, [0, 5, 0, 9]);
        assert_eq!(r.str(), "甲乙");
        assert_eq!(r.str(), "乙");
        assert!(r.is_done());
    }

    #[test]
    #[should_panic(expected = "another format")]
    fn an_image_of_another_format_is_refused() {
        let mut image = Writer::default().finish();
        image[0] ^= 1;
        Reader::new(Box::leak(image.into_boxed_slice()));
    }
}
