//! zhclean: clean Chinese document corpora.
//!
//! Each file runs through **decode → normalize → convert → flag**. Every stage proposes
//! edits or findings against the decoded original ([`decode::Source`]); one
//! [`edit::EditSet`] then produces both the cleaned text and the unified diff
//! ([`diff`]), so the two cannot disagree.
//!
//! ```
//! let cleaned = zhclean::clean_text("鬆江鎮2021年工作總結\u{a0}\n", &zhclean::Config::default());
//! assert_eq!(cleaned.text, "松江镇2021年工作总结\n");
//! ```

pub mod config;
pub mod convert;
pub mod decode;
pub mod diff;
pub mod edit;
pub mod flags;
pub mod normalize;
pub mod pipeline;
pub mod record;
pub mod report;
pub mod walk;
pub mod write;

pub use config::Config;
pub use pipeline::{clean_bytes, clean_text, CleanError, Cleaned};
pub use record::Record;

/// What unit tests share.
#[cfg(test)]
pub(crate) mod testing {
    /// The seed documents' texts, in file-name order.
    pub(crate) fn seed_texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }

    /// A reproducible pseudo-random source for tests (a 64-bit LCG): each call gives a
    /// number below its argument.
    pub(crate) fn pseudo_random(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        }
    }
}
