//! Walking inputs: files and directories given on the command line become a list of
//! [`Input`]s, each with the path it is read from and the relative path its outputs use.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Suffixes of files zhclean writes beside its inputs; never treated as inputs.
pub const OUTPUT_SUFFIXES: [&str; 4] = [".clean.txt", ".clean.diff", ".orig", ".zhclean-tmp"];

/// The run report's file name.
pub const REPORT_NAME: &str = "zhclean-report.json";

/// One file to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// Its path relative to the argument it was found under (the file name for a file
    /// argument); outputs under `--out` mirror it.
    pub relative: PathBuf,
}

/// How to walk.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Only files whose relative path matches one of these globs (all files when empty).
    pub globs: Vec<String>,
    /// Skip files and directories whose relative path matches one of these globs.
    pub excludes: Vec<String>,
    /// Follow symbolic links.
    pub follow_links: bool,
    /// Skip everything under this directory (the output directory).
    pub skip_dir: Option<PathBuf>,
}

/// A path that could not be walked; the walk goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

fn globset(patterns: &[String]) -> Result<Option<GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        // A pattern without a slash matches the file name anywhere, as in .gitignore.
        let p = if p.contains('/') {
            p.clone()
        } else {
            format!("**/{p}")
        };
        b.add(Glob::new(&p).map_err(|e| format!("bad glob `{p}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

fn is_output(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == REPORT_NAME || OUTPUT_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Expands `args` into inputs, in argument order, each file once. Directories are walked
/// in sorted order; hidden entries (`.git` …) and zhclean's own outputs are skipped.
pub fn collect(
    args: &[PathBuf],
    opts: &WalkOptions,
) -> Result<(Vec<Input>, Vec<WalkError>), String> {
    let include = globset(&opts.globs)?;
    let exclude = globset(&opts.excludes)?;
    let skip_dir = opts.skip_dir.as_ref().and_then(|d| d.canonicalize().ok());
    let mut seen = HashSet::new();
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    // `key`: the file's canonical path, which makes each file an input once.
    let mut push = |path: PathBuf, relative: PathBuf, key: PathBuf, inputs: &mut Vec<Input>| {
        if seen.insert(key) {
            inputs.push(Input { path, relative });
        }
    };
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    for arg in args {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                errors.push(WalkError {
                    path: arg.clone(),
                    message: io_message(&e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            let name = arg
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| arg.clone());
            push(arg.clone(), name, canonical(arg), &mut inputs);
            continue;
        }
        // Without following links the walk meets no symbolic link below `arg`, so a file's
        // canonical path is the directory's joined with the file's relative path: one
        // canonicalization per directory argument instead of one per file (a system call
        // per path component each).
        let root = (!opts.follow_links).then(|| canonical(arg));
        let walker = walkdir::WalkDir::new(arg)
            .follow_links(opts.follow_links)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 {
                    return true;
                }
                let hidden = e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
                let skipped = skip_dir.as_ref().is_some_and(|d| {
                    e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|p| &p == d)
                });
                let rel = e.path().strip_prefix(arg).unwrap_or(e.path());
                let excluded = exclude.as_ref().is_some_and(|x| x.is_match(rel));
                !hidden && !skipped && !excluded
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| arg.clone());
                    let message = if e.loop_ancestor().is_some() {
                        "symbolic link loop; skipped".to_string()
                    } else {
                        e.io_error()
                            .map(io_message)
                            .unwrap_or_else(|| e.to_string())
                    };
                    errors.push(WalkError { path, message });
                    continue;
                }
            };
            if !(entry.file_type().is_file() || opts.follow_links && entry.path().is_file()) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(arg)
                .unwrap_or(entry.path())
                .to_path_buf();
            if is_output(&rel) || include.as_ref().is_some_and(|g| !g.is_match(&rel)) {
                continue;
            }
            let key = match &root {
                Some(root) => root.join(&rel),
                None => canonical(entry.path()),
            };
            push(entry.path().to_path_buf(), rel, key, &mut inputs);
        }
    }
    Ok((inputs, errors))
}

/// An I/O error as a short message (`permission denied`, `no such file or directory`).
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    // Drop Rust's " (os error N)" suffix.
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_outputs_hidden_and_dupes() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "b.txt",
            "a.txt",
            "a.txt.clean.txt",
            "sub/c.txt",
            ".git/x",
            "zhclean-report.json",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let args = vec![root.to_path_buf(), root.join("a.txt")];
        let (inputs, errors) = collect(&args, &WalkOptions::default()).unwrap();
        let rel: Vec<_> = inputs
            .iter()
            .map(|i| i.relative.to_string_lossy().into_owned())
            .collect();
        assert_eq!(rel, ["a.txt", "b.txt", "sub/c.txt"]);
        assert!(errors.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_a_linked_directory_is_one_input() {
        let d = tempfile::tempdir().unwrap();
        let real = d.path().join("real");
        std::fs::create_dir_all(real.join("sub")).unwrap();
        std::fs::write(real.join("sub/a.txt"), "x").unwrap();
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let args = vec![
            link.clone(),
            real.join("sub/a.txt"),
            real.join("sub/../sub"),
        ];
        let (inputs, errors) = collect(&args, &WalkOptions::default()).unwrap();
        assert!(errors.is_empty());
        let paths: Vec<_> = inputs.iter().map(|i| i.path.clone()).collect();
        assert_eq!(paths, [link.join("sub/a.txt")]);
    }

    #[test]
    fn globs_and_missing_paths() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.txt"), "x").unwrap();
        std::fs::write(d.path().join("b.html"), "x").unwrap();
        let opts = WalkOptions {
            globs: vec!["*.txt".into()],
            ..Default::default()
        };
        let args = vec![d.path().to_path_buf(), d.path().join("missing.txt")];
        let (inputs, errors) = collect(&args, &opts).unwrap();
        assert_eq!(inputs.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("no such file"), "{}", errors[0]);
    }
}
