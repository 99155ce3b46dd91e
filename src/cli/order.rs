//! Files worked on in parallel, their results written in input order, with a bounded
//! number waiting.
//!
//! A work-stealing split of the input list (rayon's `par_iter`) hands the second half of
//! the list to the second thread at once: on a tree of 20,000 files `clean -j2` held about
//! half the run's report entries, waiting for the first half to be written (207 MB peak
//! against 16 MB with `-j1`). Here workers take files strictly in order, and a worker
//! waits before starting a file more than a window ahead of the writer, so at most
//! `window` results are ever held, whatever the number of files.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};

/// Files a worker may run ahead of the writer, per worker: enough that a slow file holds
/// up the others only after they have done this many each.
pub const AHEAD_PER_JOB: usize = 16;

/// Hands out indices `0..len` in order, each only once it is fewer than `size` ahead of
/// the first index not yet written.
pub struct Window {
    len: usize,
    size: usize,
    next: AtomicUsize,
    /// The first index not yet written.
    written: Mutex<usize>,
    moved: Condvar,
    closed: AtomicBool,
}

impl Window {
    pub fn new(len: usize, jobs: usize) -> Window {
        Window {
            len,
            size: jobs.max(1) * AHEAD_PER_JOB,
            next: AtomicUsize::new(0),
            written: Mutex::new(0),
            moved: Condvar::new(),
            closed: AtomicBool::new(false),
        }
    }

    /// The next index to work on, once it is inside the window; `None` when all are
    /// handed out or the window is closed.
    fn take(&self) -> Option<usize> {
        if self.closed.load(Ordering::Acquire) {
            return None;
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= self.len {
            return None;
        }
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while i >= *written + self.size && !self.closed.load(Ordering::Acquire) {
            written = self.moved.wait(written).unwrap_or_else(|e| e.into_inner());
        }
        (!self.closed.load(Ordering::Acquire)).then_some(i)
    }

    /// Every index before `upto` is written: workers may move on.
    pub fn written(&self, upto: usize) {
        let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if upto > *w {
            *w = upto;
            self.moved.notify_all();
        }
    }

    /// No more indices are handed out; waiting workers stop.
    fn close(&self) {
        let _w = self.written.lock().unwrap_or_else(|e| e.into_inner());
        self.closed.store(true, Ordering::Release);
        self.moved.notify_all();
    }
}

/// Closes the window when dropped: by a worker that panics (the writer would otherwise
/// wait for its file while the others wait for the writer), or by the writer when it
/// returns or panics.
struct CloseOnDrop<'a> {
    window: &'a Window,
    only_when_panicking: bool,
}

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        if !self.only_when_panicking || std::thread::panicking() {
            self.window.close();
        }
    }
}

/// Runs `work(i, tx)` for every index of `window` on `jobs` threads, taking indices in
/// order, while `write` reads what they send on this thread. `write` calls
/// [`Window::written`] as it writes results in order; it returns once every worker has
/// finished and dropped its sender.
pub fn run<M: Send, R>(
    jobs: usize,
    window: &Window,
    work: impl Fn(usize, &SyncSender<M>) + Sync,
    write: impl FnOnce(Receiver<M>) -> R,
) -> R {
    let (tx, rx) = sync_channel::<M>(window.size * 2);
    std::thread::scope(|scope| {
        for n in 0..jobs.max(1) {
            let tx = tx.clone();
            let work = &work;
            std::thread::Builder::new()
                .name(format!("zhclean-worker-{n}"))
                .spawn_scoped(scope, move || {
                    let _close = CloseOnDrop {
                        window,
                        only_when_panicking: true,
                    };
                    while let Some(i) = window.take() {
                        work(i, &tx);
                    }
                })
                .expect("cannot start a worker thread");
        }
        drop(tx);
        let _close = CloseOnDrop {
            window,
            only_when_panicking: false,
        };
        write(rx)
    })
}

/// [`run`] for work that makes one result per index: `write` gets each result in index
/// order, as soon as it and every earlier one are done, on this thread; it returns
/// `ControlFlow::Break` to end the run early (the workers then stop).
pub fn map_in_order<T: Send, E>(
    jobs: usize,
    len: usize,
    work: impl Fn(usize) -> T + Sync,
    mut write: impl FnMut(usize, T) -> Result<ControlFlow<()>, E>,
) -> Result<(), E> {
    let window = Window::new(len, jobs);
    let send = |i: usize, tx: &SyncSender<(usize, T)>| {
        let _ = tx.send((i, work(i)));
    };
    run(jobs, &window, send, |rx| {
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0usize;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&next) {
                next += 1;
                window.written(next);
                if write(next - 1, r)?.is_break() {
                    return Ok(());
                }
            }
        }
        Ok(())
    })
}

/// The number of workers: `--jobs`, or one per core.
pub fn jobs(requested: Option<usize>) -> usize {
    requested
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn results_come_in_order_and_never_more_than_the_window_wait() {
        for jobs in [1, 2, 3, 8] {
            let n = 500;
            let window = Window::new(n, jobs);
            let (order, most) = run(
                jobs,
                &window,
                |i, tx| {
                    // Uneven work: every 37th item is slow, so later ones pile up.
                    if i % 37 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    tx.send(i).unwrap();
                },
                |rx| {
                    let mut pending = BTreeMap::new();
                    let (mut next, mut order, mut most) = (0, Vec::new(), 0);
                    for i in rx {
                        pending.insert(i, ());
                        most = most.max(pending.len());
                        while pending.remove(&next).is_some() {
                            order.push(next);
                            next += 1;
                            window.written(next);
                        }
                    }
                    (order, most)
                },
            );
            assert_eq!(order, (0..n).collect::<Vec<_>>(), "jobs {jobs}");
            assert!(most <= jobs * AHEAD_PER_JOB, "jobs {jobs}: {most} waited");
        }
    }

    #[test]
    fn a_writer_that_stops_early_lets_the_workers_go() {
        let window = Window::new(10_000, 2);
        let done = AtomicUsize::new(0);
        let got = run(
            2,
            &window,
            |i, tx| {
                done.fetch_add(1, Ordering::Relaxed);
                let _ = tx.send(i);
            },
            |rx| rx.iter().take(3).count(),
        );
        assert_eq!(got, 3);
        assert!(done.load(Ordering::Relaxed) < 10_000);
    }

    #[test]
    fn a_worker_that_panics_does_not_hang_the_run() {
        let window = Window::new(1000, 2);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(
                2,
                &window,
                |i, tx| {
                    if i == 5 {
                        panic!("boom");
                    }
                    let _ = tx.send(i);
                },
                |rx| {
                    let mut pending = BTreeMap::new();
                    let mut next = 0;
                    for i in rx {
                        pending.insert(i, ());
                        while pending.remove(&next).is_some() {
                            next += 1;
                            window.written(next);
                        }
                    }
                    next
                },
            )
        }));
        assert!(r.is_err(), "the panic reaches the caller");
    }
}
