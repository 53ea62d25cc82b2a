//! Files written whole or not at all: everything goes to `PATH.partial`, which is
//! renamed over PATH only by [`AtomicFile::commit`]. Dropped uncommitted, the
//! partial file is removed and PATH is left as it was.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub struct AtomicFile {
    /// The flag the path came from, for messages.
    what: String,
    path: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `path`; `what` names it in errors ("--out out.json").
    pub fn create(path: &Path, what: &str) -> Result<AtomicFile> {
        let mut temp = path.as_os_str().to_owned();
        temp.push(".partial");
        let temp = PathBuf::from(temp);
        let file = File::create(&temp)
            .map_err(|e| Error::invalid(format!("{what}: cannot write {}: {e}", path.display())))?;
        Ok(AtomicFile {
            what: what.to_string(),
            path: path.to_path_buf(),
            temp,
            writer: Some(BufWriter::new(file)),
        })
    }

    /// Finishes the file and puts it in place.
    pub fn commit(mut self) -> Result<()> {
        let fail = |e: io::Error| {
            Error::invalid(format!(
                "{}: cannot write {}: {e}",
                self.what,
                self.path.display()
            ))
        };
        if let Some(writer) = self.writer.take() {
            let file = writer.into_inner().map_err(|e| fail(e.into_error()))?;
            file.sync_all().map_err(fail)?;
        }
        std::fs::rename(&self.temp, &self.path).map_err(|e| {
            let _ = std::fs::remove_file(&self.temp);
            fail(e)
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.writer {
            Some(w) => w.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.writer {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_committed() {
        let dir = std::env::temp_dir().join(format!("deals-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let mut file = AtomicFile::create(&path, "--out").unwrap();
        file.write_all(b"new").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(!dir.join("out.txt.partial").exists());
        let mut file = AtomicFile::create(&path, "--out").unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
