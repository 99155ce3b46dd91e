//! `zhclean convert`: convert text between scripts, like the opencc CLI.

use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};

use clap::Args;

use zhclean::convert::{ConfigName, Converter};
use zhclean::pipeline::{self, DecodeOptions};
use zhclean::walk;
use zhclean::write::atomic_write_with;

use super::Exit;

const AFTER_HELP: &str = "\
Converts every character, as `opencc -c CONFIG` does (with zhclean's reviewed
overrides for mainland forms such as 着力, 着手, 着眼 when converting to Simplified).
Input in any encoding is detected and decoded; output is UTF-8.

Examples:
  echo 測試 | zhclean convert
  zhclean convert -c tw2s -i taiwan.txt -o simplified.txt
  zhclean convert -c s2t < simplified.txt > traditional.txt";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct ConvertArgs {
    /// Conversion config: t2s, tw2s, tw2sp, hk2s, hk2sp, s2t.
    ///
    /// For documents pick t2s, tw2s or hk2s. tw2sp also swaps Taiwan vocabulary for
    /// mainland words, computer terms first (執行→运行, 資料→数据, 檔案→文件, 智慧→智能,
    /// 支援→支持, 程序→进程, 建立→创建), which damages ordinary text (預算執行 → 预算运行,
    /// 審判程序 → 审判进程); hk2sp swaps some eighty Hong Kong names and computer terms
    /// (伺服器→服务器, 滑鼠→鼠标).
    #[arg(short = 'c', long, value_enum, default_value = "t2s")]
    pub config: ConfigName,
    /// Read this file instead of standard input.
    #[arg(short, long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Force the input encoding (WHATWG label).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Threads converting an input of more than a mebibyte (default: the number of cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
}

pub fn run(args: ConvertArgs) -> Exit {
    match run_inner(&args) {
        Ok(()) => Exit::Ok,
        Err(msg) => {
            super::error(msg);
            Exit::Error
        }
    }
}

fn run_inner(args: &ConvertArgs) -> Result<(), String> {
    std::thread::scope(|s| {
        // The dictionaries' tables are built while the input is read and checked: on a
        // large input that start-up (~5 ms) overlaps the validation and its page faults.
        let conv = s.spawn(|| Converter::get(args.config));
        convert_input(args, || {
            conv.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
        })
    })
}

/// Reads, decodes, converts and writes; `conv` gives the converter once it is needed.
fn convert_input(
    args: &ConvertArgs,
    conv: impl FnOnce() -> &'static Converter,
) -> Result<(), String> {
    // `_huge` lives to the end: the output is made while it does (see `allocator`).
    let ((bytes, _huge), name) = match &args.input {
        Some(p) => (
            Input::open(p)
                .map_err(|e| format!("{}: cannot read: {}", p.display(), walk::io_message(&e)))?,
            p.display().to_string(),
        ),
        None => (
            (
                Input::Read(super::read_stdin().map_err(|e| {
                    format!("cannot read standard input: {}", walk::io_message(&e))
                })?),
                crate::allocator::expect_large(0),
            ),
            "<stdin>".to_string(),
        ),
    };
    let decode = super::DecodeArgs {
        encoding: args.encoding.clone(),
        lossy: false,
        min_confidence: None,
        fix_mojibake: false,
        per_line: false,
    }
    .options()?;
    let text: Cow<str> = match zhclean::decode::utf8(&bytes) {
        Ok(s) if decode.encoding.is_none() => s.strip_prefix('\u{feff}').unwrap_or(s).into(),
        _ => {
            let opts = DecodeOptions {
                lossy: false,
                ..decode
            };
            let (source, _, _) =
                pipeline::decode_bytes(&bytes, &opts).map_err(|e| format!("{name}: {e}"))?;
            source.text.into()
        }
    };
    let conv = conv();
    // Converted and written a chunk of whole lines at a time: no dictionary key holds a
    // line break (`dict::parse` reads one entry a line), so no match, segment or
    // normalization spans one and chunks cut after a line break convert independently. The
    // output is never held whole, and chunks with nothing to convert are written straight
    // from the input.
    let chunks: Vec<&str> = line_chunks(&text, CHUNK).collect();
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let fill = |w: &mut dyn Write| write_converted(conv, &chunks, jobs, w);
    match &args.output {
        Some(p) => atomic_write_with(p, fill)
            .map_err(|e| format!("{}: cannot write: {}", p.display(), walk::io_message(&e))),
        None => super::write_stdout_with(fill),
    }
}

/// The input's bytes: a large regular file is mapped rather than read, which spares
/// copying it into fresh (page-faulted, zeroed) memory: on 32 MB that copy cost as much
/// as converting already-Simplified text.
enum Input {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

/// Files smaller than this are read: mapping costs more than it saves there.
const MAP_AT: u64 = 1 << 20;

impl Input {
    /// Opens `path`, with the allocator told its size (see `allocator`).
    fn open(path: &std::path::Path) -> std::io::Result<(Input, crate::allocator::Huge)> {
        let file = std::fs::File::open(path)?;
        let meta = file.metadata()?;
        let huge = crate::allocator::expect_large(meta.len());
        if meta.is_file() && meta.len() >= MAP_AT {
            // SAFETY: the map is read-only. Like every tool that maps its input (ripgrep,
            // …) this assumes nobody rewrites the file while `convert` runs: a file
            // truncated meanwhile faults (SIGBUS), one rewritten after validation could
            // feed the converter bytes it never checked as UTF-8.
            if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
                return Ok((Input::Mapped(map), huge));
            }
        }
        let mut buf = Vec::with_capacity(meta.len() as usize);
        std::io::Read::read_to_end(&mut &file, &mut buf)?;
        Ok((Input::Read(buf), huge))
    }
}

impl std::ops::Deref for Input {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Input::Mapped(m) => m,
            Input::Read(v) => v,
        }
    }
}

/// A conversion worker's channels: its converted chunks (`None`: unchanged) and, back to
/// it, the buffers written.
type Worker = (Receiver<Option<Vec<u8>>>, Sender<Vec<u8>>);

/// Converts `chunks` on up to `jobs` threads and writes them to `w` in order.
///
/// Worker `t` of `n` converts chunks `t`, `t + n`, `t + 2n`, … and hands each over through
/// its own one-place channel (`None`: the chunk is unchanged, write it from the input), so
/// the writer takes chunk `k` from worker `k % n` and no worker runs more than two chunks
/// ahead of it. Chunks are alike in size, so the fixed share keeps every worker busy. The
/// writer gives each buffer back to its worker: fresh memory for every chunk cost more page
/// faults than the conversion saved.
fn write_converted(
    conv: &Converter,
    chunks: &[&str],
    jobs: usize,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let n = jobs.clamp(1, chunks.len().max(1));
    if n == 1 {
        let mut buf = Vec::new();
        for chunk in chunks {
            let out = if conv.convert_into(chunk, &mut buf) {
                &buf[..]
            } else {
                chunk.as_bytes()
            };
            w.write_all(out)?;
        }
        return Ok(());
    }
    std::thread::scope(|s| {
        let workers: Vec<Worker> = (0..n)
            .map(|t| {
                let (out_tx, out_rx) = sync_channel(1);
                let (spare_tx, spare_rx) = channel::<Vec<u8>>();
                s.spawn(move || {
                    let mut kept = None;
                    for chunk in chunks.iter().skip(t).step_by(n) {
                        let mut buf = kept
                            .take()
                            .or_else(|| spare_rx.try_recv().ok())
                            .unwrap_or_default();
                        let out = if conv.convert_into(chunk, &mut buf) {
                            Some(buf)
                        } else {
                            kept = Some(buf);
                            None
                        };
                        if out_tx.send(out).is_err() {
                            return; // The writer stopped (a write error).
                        }
                    }
                });
                (out_rx, spare_tx)
            })
            .collect();
        for (k, chunk) in chunks.iter().enumerate() {
            let (out, spare) = &workers[k % n];
            match out
                .recv()
                .expect("a worker sends each of its chunks (or panics, and so does the scope)")
            {
                Some(buf) => {
                    w.write_all(&buf)?;
                    // (The worker may be done and gone: then the buffer is simply dropped.)
                    let _ = spare.send(buf);
                }
                None => w.write_all(chunk.as_bytes())?,
            }
        }
        Ok(())
    })
}

/// Bytes of input converted at a time (rounded up to the end of a line).
const CHUNK: usize = 1 << 20;

/// `text` cut after the first line break at or beyond every `size` bytes.
fn line_chunks(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = match rest.as_bytes().get(size..) {
            Some(tail) => memchr::memchr(b'\n', tail).map_or(rest.len(), |i| size + i + 1),
            None => rest.len(),
        };
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        Some(chunk)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_at_line_breaks_and_cover_the_text() {
        let text = "一二三\n四五\n\n六七八九\n十";
        for size in [0, 1, 3, 4, 7, 100] {
            let chunks: Vec<&str> = line_chunks(text, size).collect();
            assert_eq!(chunks.concat(), text, "size {size}");
            for c in &chunks[..chunks.len() - 1] {
                assert!(c.ends_with('\n'), "size {size}: {chunks:?}");
                assert!(c.len() >= size.max(1), "size {size}: {chunks:?}");
            }
        }
        assert_eq!(line_chunks("", 4).count(), 0);
        assert_eq!(line_chunks("ab", 1).collect::<Vec<_>>(), ["ab"]);
    }
}
