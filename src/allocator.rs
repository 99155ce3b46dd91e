//! The command's memory allocator: mimalloc, tuned to give freed memory back at once.
//!
//! Why: `clean --jobs 1` of the 32 MB Traditional benchmark file spent 40% of its CPU
//! time in the kernel, much of it faulting in the fresh pages of each large buffer (the
//! text, its diff, the findings) 4 KiB at a time: 29,000 page faults with glibc's
//! allocator. mimalloc maps its arenas with transparent huge pages, so a large buffer
//! faults in 2 MiB at a time (4,300 faults), and its small allocations (hundreds of
//! thousands of findings, freed on another thread) cost less. The run takes about 20%
//! less time (0.40 -> 0.31 s).
//!
//! By default mimalloc keeps freed memory for a second before giving it back, and a run
//! frees buffers as large as a file: the 50 MB GB18030 benchmark file then peaked at
//! 225 MB, over the budget the benchmarks check (three times the largest file plus
//! 64 MB, 214 MB). Given back at once, 194 MB (glibc: 169 MB).
//! `MIMALLOC_PURGE_DELAY` in the environment still wins.
//!
//! The library sets no allocator: a program or Python process using it keeps its own.

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (the `libmimalloc-sys` crate
/// leaves the newer options out of its constants).
const PURGE_DELAY: mi_option_t = 15;
/// Its default, in milliseconds: seen there, the option is the one meant (a mimalloc
/// with another layout is left as it is, and the test below fails).
const PURGE_DELAY_DEFAULT: std::os::raw::c_long = 1000;

/// Makes freed memory go back to the system at once (see the module docs).
pub fn tune() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: plain option calls with an option number of the linked mimalloc (checked by
    // its default above); called before any other thread is started.
    unsafe {
        if mi_option_get(PURGE_DELAY) == PURGE_DELAY_DEFAULT {
            mi_option_set(PURGE_DELAY, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_goes_back_at_once() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        tune();
        // SAFETY: as in `tune`.
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, 0);
    }
}
