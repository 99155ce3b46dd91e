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
    /// handed out or the window is closed. `before_waiting` runs before waiting for the
    /// window to move.
    fn take(&self, before_waiting: impl Fn()) -> Option<usize> {
        if self.closed.load(Ordering::Acquire) {
            return None;
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= self.len {
            return None;
        }
        let outside = |written: usize| i >= written + self.size;
        if outside(*self.written.lock().unwrap_or_else(|e| e.into_inner())) {
            before_waiting();
        }
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while outside(*written) && !self.closed.load(Ordering::Acquire) {
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

/// How many messages wait before a worker wakes the writer (see [`Mailbox`]).
const BATCH: usize = AHEAD_PER_JOB / 2;

/// Messages from the workers to the writer, handed over in batches. Waking a waiting
/// thread is a system call for the sender and a context switch on a core that is busy
/// cleaning: a run over 2,000 small files woke the writer once per file (4,435 context
/// switches with two workers). A worker wakes it only when [`BATCH`] messages wait, for
/// an urgent message (one the writer should start on at once), before the worker waits
/// for the window (which only the writer moves), and when the worker ends.
struct Mailbox<M> {
    state: Mutex<Waiting<M>>,
    ready: Condvar,
}

/// What a [`Mailbox`] holds.
struct Waiting<M> {
    messages: Vec<M>,
    /// Workers still running.
    senders: usize,
    /// The writer should take what waits.
    wake: bool,
    /// The writer waits on `ready`.
    waiting: bool,
}

impl<M> Mailbox<M> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting<M>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Asks the writer to take what waits (the lock held).
    fn wake(&self, inbox: &mut Waiting<M>) {
        inbox.wake = true;
        if inbox.waiting {
            self.ready.notify_one();
        }
    }

    /// Hands over what waits when anything does.
    fn flush(&self) {
        let mut inbox = self.lock();
        if !inbox.messages.is_empty() {
            self.wake(&mut inbox);
        }
    }
}

/// A worker's end of the [`Mailbox`].
pub struct Outbox<'a, M> {
    mailbox: &'a Mailbox<M>,
}

impl<M> Outbox<'_, M> {
    /// Sends a message, handed over with the next batch.
    pub fn send(&self, message: M) {
        self.push(message, false);
    }

    /// Sends a message the writer should take at once (a large file's first part, which
    /// it writes while the worker writes the file's outputs).
    pub fn send_now(&self, message: M) {
        self.push(message, true);
    }

    fn push(&self, message: M, urgent: bool) {
        let mut inbox = self.mailbox.lock();
        inbox.messages.push(message);
        if urgent || inbox.messages.len() >= BATCH {
            self.mailbox.wake(&mut inbox);
        }
    }
}

impl<M> Drop for Outbox<'_, M> {
    fn drop(&mut self) {
        let mut inbox = self.mailbox.lock();
        inbox.senders -= 1;
        // What this worker sent is not left waiting on the others; the last worker's end
        // is the writer's cue to finish.
        if inbox.senders == 0 || !inbox.messages.is_empty() {
            self.mailbox.wake(&mut inbox);
        }
    }
}

/// The writer's end of the [`Mailbox`]: the messages, in the order they were sent, until
/// every worker has ended and all are taken.
pub struct Inbox<'a, M> {
    mailbox: &'a Mailbox<M>,
    taken: std::vec::IntoIter<M>,
    /// The buffer handed back for the next batch.
    spare: Vec<M>,
}

/// What [`Inbox::recv_within`] found.
pub enum Received<M> {
    Message(M),
    /// Nothing for the time given (what waited in the mailbox, woken for or not, was
    /// taken).
    Idle,
    /// Every worker has ended and every message was taken.
    Done,
}

impl<M> Inbox<'_, M> {
    /// The next message, or [`Received::Idle`] when none came for `idle`: a writer that
    /// has something to do now and then (write out what it buffered) while a slow file
    /// is cleaned, and takes results that wait for a batch to fill.
    pub fn recv_within(&mut self, idle: std::time::Duration) -> Received<M> {
        self.receive(Some(idle))
    }

    fn receive(&mut self, idle: Option<std::time::Duration>) -> Received<M> {
        loop {
            if let Some(m) = self.taken.next() {
                return Received::Message(m);
            }
            let mut inbox = self.mailbox.lock();
            let mut timed_out = false;
            while !inbox.wake && inbox.senders > 0 && !timed_out {
                inbox.waiting = true;
                inbox = match idle {
                    Some(idle) => {
                        let (inbox, wait) = self
                            .mailbox
                            .ready
                            .wait_timeout(inbox, idle)
                            .unwrap_or_else(|e| e.into_inner());
                        timed_out = wait.timed_out();
                        inbox
                    }
                    None => self
                        .mailbox
                        .ready
                        .wait(inbox)
                        .unwrap_or_else(|e| e.into_inner()),
                };
                inbox.waiting = false;
            }
            inbox.wake = false;
            if inbox.messages.is_empty() {
                if inbox.senders == 0 {
                    return Received::Done;
                }
                if timed_out {
                    return Received::Idle;
                }
                continue;
            }
            let mut spare = std::mem::take(&mut self.spare);
            spare.clear();
            let batch = std::mem::replace(&mut inbox.messages, spare);
            drop(inbox);
            let done = std::mem::replace(&mut self.taken, batch.into_iter());
            // Keep the emptied buffer's room for a later batch.
            self.spare = done.collect();
        }
    }
}

impl<M> Iterator for Inbox<'_, M> {
    type Item = M;

    fn next(&mut self) -> Option<M> {
        match self.receive(None) {
            Received::Message(m) => Some(m),
            Received::Idle | Received::Done => None,
        }
    }
}

/// Runs `work(i, outbox)` for every index of `window` on `jobs` threads, taking indices
/// in order, while `write` reads what they send on this thread. `write` calls
/// [`Window::written`] as it writes results in order; it returns once every worker has
/// finished.
pub fn run<M: Send, R>(
    jobs: usize,
    window: &Window,
    work: impl Fn(usize, &Outbox<M>) + Sync,
    write: impl FnOnce(Inbox<M>) -> R,
) -> R {
    let jobs = jobs.max(1);
    let mailbox = Mailbox {
        state: Mutex::new(Waiting {
            messages: Vec::new(),
            senders: jobs,
            wake: false,
            waiting: false,
        }),
        ready: Condvar::new(),
    };
    let mailbox = &mailbox;
    std::thread::scope(|scope| {
        for n in 0..jobs {
            let work = &work;
            std::thread::Builder::new()
                .name(format!("zhclean-worker-{n}"))
                .spawn_scoped(scope, move || {
                    let outbox = Outbox { mailbox };
                    let _close = CloseOnDrop {
                        window,
                        only_when_panicking: true,
                    };
                    // What waits goes to the writer before this worker waits for it.
                    while let Some(i) = window.take(|| mailbox.flush()) {
                        work(i, &outbox);
                    }
                })
                .expect("cannot start a worker thread");
        }
        let _close = CloseOnDrop {
            window,
            only_when_panicking: false,
        };
        write(Inbox {
            mailbox,
            taken: Vec::new().into_iter(),
            spare: Vec::new(),
        })
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
    let send = |i: usize, tx: &Outbox<(usize, T)>| tx.send((i, work(i)));
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

    /// A writer of indices: takes them in order as they arrive; returns how many.
    fn write_in_order(window: &Window, rx: Inbox<usize>) -> usize {
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
    }

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
                    tx.send(i);
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
                tx.send(i);
            },
            |rx| rx.take(3).count(),
        );
        assert_eq!(got, 3);
        assert!(done.load(Ordering::Relaxed) < 10_000);
    }

    #[test]
    fn an_urgent_message_reaches_the_writer_while_its_worker_still_works() {
        let window = Window::new(1, 1);
        let seen = AtomicBool::new(false);
        run(
            1,
            &window,
            |i, tx| {
                tx.send_now(i);
                // Nothing more is sent and the worker has not ended: only the urgent send
                // can have woken the writer.
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
                while !seen.load(Ordering::Acquire) {
                    assert!(std::time::Instant::now() < deadline, "never delivered");
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            },
            |rx| {
                for _ in rx {
                    seen.store(true, Ordering::Release);
                }
            },
        );
    }

    #[test]
    fn batched_messages_all_arrive_when_workers_wait_for_the_window() {
        // One worker, a window of 16 and batches of 8: the worker must hand over what
        // waits before it waits for the writer, or the two wait for each other.
        // A hang fails the test instead of stalling the suite.
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for jobs in [1, 3] {
                let n = 1000;
                let window = Window::new(n, jobs);
                let got = run(
                    jobs,
                    &window,
                    |i, tx| tx.send(i),
                    |rx| write_in_order(&window, rx),
                );
                let _ = done.send((jobs, got));
            }
        });
        for jobs in [1, 3] {
            let got = finished.recv_timeout(std::time::Duration::from_secs(60));
            assert_eq!(got, Ok((jobs, 1000)), "jobs {jobs}: the run hung");
        }
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
                    tx.send(i);
                },
                |rx| write_in_order(&window, rx),
            )
        }));
        assert!(r.is_err(), "the panic reaches the caller");
    }
}
