//! Files written whole or not at all: everything goes to a temporary file of a
//! fresh name in the same folder, which [`AtomicFile::commit`] syncs and renames
//! over PATH (then syncs the folder, so the rename survives a crash). Dropped
//! uncommitted, the temporary file is removed and PATH is left as it was.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

pub struct AtomicFile {
    /// The flag the path came from, for messages.
    what: String,
    path: PathBuf,
    writer: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path`; `what` names it in errors ("--out out.json").
    pub fn create(path: &Path, what: &str) -> Result<AtomicFile> {
        let fail =
            |e: io::Error| Error::invalid(format!("{what}: cannot write {}: {e}", path.display()));
        let mut builder = tempfile::Builder::new();
        builder.prefix(".deals-").suffix(".partial");
        // As `File::create` makes it (0666 less the umask), not private to the
        // user as a temporary file would be.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temp = builder.tempfile_in(folder_of(path)).map_err(fail)?;
        Ok(AtomicFile {
            what: what.to_string(),
            path: path.to_path_buf(),
            writer: BufWriter::new(temp),
        })
    }

    /// Finishes the file and puts it in place.
    pub fn commit(self) -> Result<()> {
        let fail = |e: io::Error| {
            Error::invalid(format!(
                "{}: cannot write {}: {e}",
                self.what,
                self.path.display()
            ))
        };
        let temp = self.writer.into_inner().map_err(|e| fail(e.into_error()))?;
        temp.as_file().sync_all().map_err(fail)?;
        temp.persist(&self.path).map_err(|e| fail(e.error))?;
        // The file is in place; a folder that cannot be synced (some network
        // file systems) does not make it less written.
        let _ = sync_folder(folder_of(&self.path));
        Ok(())
    }
}

/// The folder a file goes in: its parent, or the current folder.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes a rename in `folder` durable (on Unix; elsewhere there is nothing to do).
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_is_made_readable_as_file_create_makes_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        let path = dir.path().join("out.txt");
        let mut file = AtomicFile::create(&path, "--out").unwrap();
        file.write_all(b"x").unwrap();
        file.commit().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&plain));
    }

    #[test]
    fn a_file_appears_only_when_committed_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        // A file of the name an older version used is nobody's business.
        std::fs::write(dir.path().join("out.txt.partial"), "keep").unwrap();
        let mut file = AtomicFile::create(&path, "--out").unwrap();
        file.write_all(b"new").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let mut file = AtomicFile::create(&path, "--out").unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["out.txt", "out.txt.partial"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out.txt.partial")).unwrap(),
            "keep"
        );
    }
}
