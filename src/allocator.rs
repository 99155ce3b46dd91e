//! The command's memory allocator: mimalloc, with transparent huge pages for runs over
//! large files only, giving freed memory back at once.
//!
//! Why: `clean --jobs 1` of the 32 MB Traditional benchmark file spent 40% of its CPU
//! time in the kernel, much of it faulting in the fresh pages of each large buffer (the
//! text, its diff, the findings) 4 KiB at a time: 29,000 page faults with glibc's
//! allocator. mimalloc maps its arenas with transparent huge pages, so memory faults in
//! 2 MiB at a time (4,300 faults), and the run takes about 20% less time (0.40 -> 0.31
//! s). Without huge pages mimalloc gains nothing measurable there.
//!
//! Huge pages cost a small run: every 2 MiB touched is resident, and is zeroed when first
//! touched. A process converting a line grew from 7 to 20 MB, one cleaning 2,000 files of
//! 16 KiB from 33 to 59 MB (72 MB with `--patch`, over the memory budget the benchmarks
//! check: three times the largest file plus 64 MiB). So they are off from the start of
//! the process (a constructor ahead of mimalloc's), and [`expect_large`], called with
//! each input's size before it is read, turns them on while a file of [`LARGE`] or more
//! is being worked on. Left on for the rest of the run, small files after a large one
//! paid again: a tree of 2,000 small files and one of 5 MB peaked at 59 MB (now 50;
//! glibc 26).
//!
//! By default mimalloc keeps freed memory for a second before giving it back, and a run
//! frees buffers as large as a file: the 50 MB GB18030 benchmark file then peaked at
//! 220 MiB, over that budget (207 MiB). Given back at once, 190 MiB (glibc: 165 MiB).
//! `MIMALLOC_PURGE_DELAY` in the environment still wins.
//!
//! The library sets no allocator: a program or Python process using it keeps its own.
//! Built without the `mimalloc` feature, these functions do nothing.

/// An input of this size or more turns huge pages on while it is worked on.
#[cfg_attr(not(feature = "mimalloc"), allow(dead_code))]
pub const LARGE: u64 = 4 << 20;

#[cfg(feature = "mimalloc")]
mod imp {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;

    use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

    #[global_allocator]
    static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

    /// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (the `libmimalloc-sys` crate
    /// leaves the newer options out of its constants).
    pub const PURGE_DELAY: mi_option_t = 15;
    /// Its default, in milliseconds: seen there, the option is the one meant (a mimalloc
    /// with another layout is left as it is, and the test below fails).
    const PURGE_DELAY_DEFAULT: std::os::raw::c_long = 1000;

    static HUGE: AtomicBool = AtomicBool::new(true);
    /// Large inputs being worked on; huge pages are on while there is one.
    static LARGE_NOW: Mutex<usize> = Mutex::new(0);

    /// Huge pages off before anything is allocated: run from `.init_array` ahead of
    /// mimalloc's own start-up (a constructor of priority 101), as the standard library
    /// does to keep `argv` (priority 99). Turned off only once `main` had started, a
    /// process had already faulted its first 2 MiB pages in: `echo | convert` was 4 MB
    /// larger and took 0.5 ms more CPU.
    #[cfg(target_os = "linux")]
    #[used]
    #[link_section = ".init_array.00100"]
    static HUGE_OFF_AT_START: extern "C" fn() = {
        extern "C" fn off() {
            set_huge(false);
        }
        off
    };

    pub fn tune() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: plain option calls with an option number of the linked mimalloc
            // (checked by its default); called before any other thread is started.
            unsafe {
                if mi_option_get(PURGE_DELAY) == PURGE_DELAY_DEFAULT {
                    mi_option_set(PURGE_DELAY, 0);
                }
            }
        }
        set_huge(false);
    }

    /// One more large input (`true`) or one fewer: the first turns huge pages on, the
    /// last one done turns them off. Counted and switched under one lock, so that two
    /// threads cannot leave them in the wrong state.
    pub fn large(more: bool) {
        let mut n = LARGE_NOW
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if more {
            *n += 1;
        } else {
            *n = n.saturating_sub(1);
        }
        if (*n > 0) != HUGE.load(Ordering::Relaxed) {
            set_huge(*n > 0);
        }
    }

    #[cfg(test)]
    pub fn huge() -> bool {
        HUGE.load(Ordering::Relaxed)
    }

    /// Allows or forbids transparent huge pages for the process (Linux): the kernel then
    /// honours mimalloc's `madvise(MADV_HUGEPAGE)` on its arenas, or not, from the next
    /// page fault on. Elsewhere, or if the call fails, nothing changes.
    fn set_huge(on: bool) {
        #[cfg(target_os = "linux")]
        {
            // SAFETY: prctl with integer arguments only; it changes a flag of this process.
            let done =
                unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(!on), 0, 0, 0) };
            if done == 0 {
                HUGE.store(on, Ordering::Relaxed);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = on;
    }
}

/// Gives freed memory back at once and turns huge pages off (see the module docs).
/// Called first thing in `main`.
pub fn tune() {
    #[cfg(feature = "mimalloc")]
    imp::tune();
}

/// Says that an input of `bytes` is about to be read: from [`LARGE`] on, huge pages are on
/// until the returned guard is dropped (and no other large input is being worked on).
#[must_use = "huge pages stay on only while the guard lives"]
pub fn expect_large(bytes: u64) -> Huge {
    let large = cfg!(feature = "mimalloc") && bytes >= LARGE;
    #[cfg(feature = "mimalloc")]
    if large {
        imp::large(true);
    }
    Huge { large }
}

/// Keeps huge pages on for a large input while it is worked on (see [`expect_large`]).
#[derive(Debug)]
pub struct Huge {
    #[cfg_attr(not(feature = "mimalloc"), allow(dead_code))]
    large: bool,
}

/// Below this many bytes a line on average, a large input is worked on without huge
/// pages (see [`Huge::unless_short_lines`]).
pub const SHORT_LINE_BYTES: usize = 32;

impl Huge {
    /// Gives up huge pages for an input (`bytes`, read) of short lines. Each line costs
    /// the pipeline about 90 bytes of bookkeeping (a line start, the boilerplate pass's
    /// line record, an edit if it changes), more than the text itself when lines are
    /// short, in allocations that huge pages round up to 2 MiB at a time: a file of a
    /// million lines of 23 bytes peaked at 141 MiB with them, 114 MiB without, against a
    /// budget of 128 MiB (three times the file and 64 MiB). Judged on the first 64 KiB.
    pub fn unless_short_lines(self, bytes: &[u8]) -> Huge {
        if !self.large {
            return self;
        }
        let sample = &bytes[..bytes.len().min(1 << 16)];
        let lines = memchr::memchr_iter(b'\n', sample).count() + 1;
        if sample.len() / lines >= SHORT_LINE_BYTES {
            return self;
        }
        drop(self);
        Huge { large: false }
    }
}

impl Drop for Huge {
    fn drop(&mut self) {
        #[cfg(feature = "mimalloc")]
        if self.large {
            imp::large(false);
        }
    }
}

#[cfg(all(test, feature = "mimalloc"))]
mod tests {
    use super::*;
    use libmimalloc_sys::mi_option_get;

    #[test]
    fn freed_memory_goes_back_at_once_and_huge_pages_last_as_long_as_a_large_file() {
        tune();
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: as in `tune`.
            assert_eq!(unsafe { mi_option_get(imp::PURGE_DELAY) }, 0);
        }
        if cfg!(target_os = "linux") {
            assert!(!imp::huge());
            let small = expect_large(LARGE - 1);
            assert!(!imp::huge());
            let first = expect_large(LARGE);
            assert!(imp::huge());
            let second = expect_large(LARGE);
            drop(first);
            assert!(imp::huge(), "on while a large input is worked on");
            drop(second);
            assert!(!imp::huge(), "off once the last is done");
            drop(small);
            assert!(!imp::huge());
            // An input of short lines gives them up once read; one of long lines keeps them.
            let short = expect_large(LARGE).unless_short_lines("短行\n".repeat(1000).as_bytes());
            assert!(!imp::huge(), "short lines: no huge pages");
            drop(short);
            let long_lines = "一行正文，".repeat(10);
            let long = expect_large(LARGE).unless_short_lines(long_lines.as_bytes());
            assert!(imp::huge(), "long lines keep them");
            drop(long);
            assert!(!imp::huge());
        }
    }
}
