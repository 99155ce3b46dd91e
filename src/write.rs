//! Atomic writes: every output goes to a temporary file in the target's directory and is
//! renamed over the target, so a reader never sees half a file and an interrupted run
//! leaves no damaged output behind.

use std::io::Write;
use std::path::Path;

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
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".").suffix(".zhclean-tmp");
    // New outputs get the usual permissions (0666 less the umask), not a temp file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The directory usually exists (a tree's files share theirs): it is created only when
    // the temporary file cannot be, which saves two system calls per output.
    let mut tmp = match builder.tempfile_in(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)?;
            builder.tempfile_in(dir)?
        }
        made => made?,
    };
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
    }
    if durable {
        tmp.as_file().sync_data()?;
    }
    // Keep the permissions of a file we replace.
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).ok();
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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

    #[test]
    fn fails_under_a_regular_file() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("file");
        std::fs::write(&f, "x").unwrap();
        assert!(atomic_write(&f.join("out.txt"), b"x").is_err());
    }
}
