//! Atomic writes: every output goes to a temporary file in the target's directory and is
//! renamed over the target, so a reader never sees half a file and an interrupted run
//! leaves no damaged output behind.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Writes `data` to `path` atomically, creating parent directories. A reader sees the old
/// file or the new one, never part of one; after a crash the file may still be the old
/// one. Use [`durable_write`] where that matters (rewriting an input in place).
pub fn atomic_write(path: &Path, data: &[u8]) -> std::io::Result<()> {
    write_impl(path, |w| w.write_all(data), false)
}

/// [`atomic_write`] of what `fill` writes, buffered: for outputs made piece by piece (a
/// large diff) that need not be held whole in memory. Nothing replaces `path` unless
/// `fill` succeeds.
pub fn atomic_write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_impl(path, fill, false)
}

/// [`atomic_write_with`] for a path in a folder this process made, where nothing can stand
/// yet: no file to replace (whose permissions to keep), link to follow or device to write
/// to. It skips looking the target up first, which on a tree of small files is a tenth of
/// the system time. A file that is there after all (two inputs with one output) is
/// replaced, as [`atomic_write_with`] replaces one.
pub fn new_file_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = Pending::beside(path.to_path_buf(), None)?;
    fill(&mut out)?;
    out.commit(false)
}

/// [`atomic_write`], with the data flushed to the disk before the rename, so that after
/// a power failure the file is the old one or the complete new one.
pub fn durable_write(path: &Path, data: &[u8]) -> std::io::Result<()> {
    write_impl(path, |w| w.write_all(data), true)
}

fn write_impl(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    durable: bool,
) -> std::io::Result<()> {
    let mut out = Pending::create(path)?;
    fill(&mut out)?;
    out.commit(durable)
}

/// An output being written: buffered into a temporary file beside the target, which
/// [`Pending::commit`] renames over it (dropped uncommitted, the temporary is removed and
/// the target untouched). A device, a pipe or standard output is written directly.
pub struct Pending {
    inner: Inner,
}

enum Inner {
    Temp {
        w: std::io::BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
        /// The permissions of the file the output replaces.
        keep: Option<std::fs::Permissions>,
    },
    Direct(std::io::BufWriter<std::fs::File>),
    Stdout(std::io::Stdout),
}

impl Pending {
    /// Starts an output for `path`, creating its directory when needed.
    pub fn create(path: &Path) -> std::io::Result<Pending> {
        // Standard output itself, not a reopening of what it points to (which would start
        // at the beginning of a file it is redirected to).
        if path == Path::new("/dev/stdout") {
            return Ok(Pending {
                inner: Inner::Stdout(std::io::stdout()),
            });
        }
        // One `lstat` tells the cases apart. A device or a pipe (`/dev/null`, a FIFO) is
        // written to, as a shell redirection would, not replaced: a rename would put a
        // regular file where the device was. A symbolic link is followed: the file it
        // points to is replaced and the link stays a link (a dangling link is replaced by
        // the file) — unless it leads through `/proc` (`/dev/stderr`, `/dev/fd/1`), to
        // whatever a descriptor is open on: replacing that would unlink a file someone is
        // still writing.
        // The same call gives the permissions of a file being replaced, which it keeps.
        let (target, keep) = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                let followed = std::fs::metadata(path);
                let to_file = followed.as_ref().is_ok_and(|m| m.is_file());
                if through_proc(path) || (!to_file && path.exists()) {
                    return Pending::direct(path);
                }
                let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                (target, followed.ok().map(|m| m.permissions()))
            }
            Ok(m) if !m.is_file() => return Pending::direct(path),
            Ok(m) => (path.to_path_buf(), Some(m.permissions())),
            Err(_) => (path.to_path_buf(), None),
        };
        Pending::beside(target, keep)
    }

    /// A temporary file beside `target`, to be renamed over it with the permissions `keep`.
    fn beside(target: PathBuf, keep: Option<std::fs::Permissions>) -> std::io::Result<Pending> {
        let dir = folder_of(&target);
        // A relative folder is made absolute here, once per process, rather than by the
        // temporary file's creation, once per output (a `getcwd` call each).
        static CWD: OnceLock<Option<PathBuf>> = OnceLock::new();
        let absolute;
        let dir = match CWD.get_or_init(|| std::env::current_dir().ok()) {
            Some(cwd) if dir.is_relative() => {
                absolute = cwd.join(dir);
                absolute.as_path()
            }
            _ => dir,
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".").suffix(TEMP_SUFFIX);
        // New outputs get the usual permissions (0666 less the umask), not a temp file's 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        // The directory usually exists (a tree's files share theirs): it is created only
        // when the temporary file cannot be, which saves two system calls per output.
        let tmp = match builder.tempfile_in(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(dir)?;
                builder.tempfile_in(dir)?
            }
            made => made?,
        };
        Ok(Pending {
            inner: Inner::Temp {
                w: std::io::BufWriter::with_capacity(BUF, tmp),
                target,
                keep,
            },
        })
    }

    /// Writes to `path` itself (truncating it), as `> path` in a shell.
    fn direct(path: &Path) -> std::io::Result<Pending> {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)?;
        Ok(Pending {
            inner: Inner::Direct(std::io::BufWriter::with_capacity(BUF, f)),
        })
    }

    /// The temporary file being written and the path [`Pending::commit`] renames it to;
    /// `None` for an output written in place (a device, a pipe, standard output).
    pub fn temp(&self) -> Option<(&Path, &Path)> {
        match &self.inner {
            Inner::Temp { w, target, .. } => Some((w.get_ref().path(), target)),
            Inner::Direct(_) | Inner::Stdout(_) => None,
        }
    }

    /// Finishes the output: flushes it and renames the temporary over the target, keeping
    /// the permissions of a file it replaces. `durable` flushes the data to the disk first,
    /// so that after a power failure the file is the old one or the complete new one.
    pub fn commit(self, durable: bool) -> std::io::Result<()> {
        match self.inner {
            Inner::Temp { w, target, keep } => {
                let tmp = w.into_inner().map_err(|e| e.into_error())?;
                if durable {
                    tmp.as_file().sync_data()?;
                }
                if let Some(permissions) = keep {
                    tmp.as_file().set_permissions(permissions).ok();
                }
                tmp.persist(&target).map_err(|e| e.error)?;
                Ok(())
            }
            Inner::Direct(mut w) => w.flush(),
            Inner::Stdout(mut w) => w.flush(),
        }
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.inner {
            Inner::Temp { w, .. } => w.write(buf),
            Inner::Direct(w) => w.write(buf),
            Inner::Stdout(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Temp { w, .. } => w.write_all(buf),
            Inner::Direct(w) => w.write_all(buf),
            Inner::Stdout(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Temp { w, .. } => w.flush(),
            Inner::Direct(w) => w.flush(),
            Inner::Stdout(w) => w.flush(),
        }
    }
}

/// How the name of every temporary file zhclean makes ends.
pub const TEMP_SUFFIX: &str = ".zhclean-tmp";

/// The buffer of every output.
const BUF: usize = 1 << 16;

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether the symbolic link `path` leads through `/proc`: it points there (`/dev/stderr`)
/// or stands in a folder that is there (`/dev/fd/1`, `/proc/self/fd/1`).
fn through_proc(path: &Path) -> bool {
    let proc_ = |p: &Path| p.starts_with("/proc");
    std::fs::read_link(path).is_ok_and(|t| proc_(&t))
        || std::fs::canonicalize(folder_of(path)).is_ok_and(|d| proc_(&d))
}

/// Copies `path` to `backup` atomically (for `--in-place`), unless the backup exists.
pub fn backup(path: &Path, backup: &Path) -> std::io::Result<()> {
    if backup.exists() {
        return Ok(());
    }
    let data = std::fs::read(path)?;
    durable_write(backup, &data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_atomically() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/out.txt");
        atomic_write(&p, b"one").unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(d.path().join("sub")).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "outputs are readable by others as files normally are: {mode:o}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("kept.txt");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        durable_write(&p, b"new").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.diff");
        atomic_write(&p, b"old").unwrap();
        let err = atomic_write_with(&p, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(std::io::Error::other("stopped half way"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "stopped half way");
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        atomic_write_with(&p, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&p).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo unavailable");
            return;
        }
        let reader = {
            let p = p.clone();
            std::thread::spawn(move || std::fs::read(p).unwrap())
        };
        atomic_write(&p, b"through the pipe").unwrap();
        // Checked before joining: a reader of a replaced pipe would wait forever.
        let kind = std::fs::symlink_metadata(&p).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_descriptor_link_writes_the_open_file_in_place() {
        use std::os::unix::fs::MetadataExt;
        use std::os::unix::io::AsRawFd;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("open.txt");
        let held = std::fs::File::create(&p).unwrap();
        let inode = std::fs::metadata(&p).unwrap().ino();
        let link = PathBuf::from(format!("/proc/self/fd/{}", held.as_raw_fd()));
        atomic_write(&link, b"via the descriptor").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().ino(),
            inode,
            "the file was replaced"
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"via the descriptor");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_device_writes_the_device() {
        let d = tempfile::tempdir().unwrap();
        let link = d.path().join("null");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        if !std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()) {
            return; // no device to test with
        }
        atomic_write(&link, b"gone").unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("real.txt");
        let link = d.path().join("link.txt");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        atomic_write(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn fails_under_a_regular_file() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("file");
        std::fs::write(&f, "x").unwrap();
        assert!(atomic_write(&f.join("out.txt"), b"x").is_err());
    }
}
