//! The line a CSV record starts on, counting the header as line 1 and quoted
//! line breaks as lines.
//!
//! The csv crate gives the position where it began reading a record, which is
//! before any blank lines it skipped (and, in CRLF files, before the `\n` of the
//! previous line). So the start is counted back from the record's end instead:
//! the line of its last byte, less the line breaks inside its fields. `Tail`
//! keeps the last bytes read, to tell whether that end is a line break.

use std::io::{self, Read};

/// How many of the most recent bytes `Tail` keeps; more than the csv reader's
/// buffer, so the end of the record just read is always among them.
const KEEP: usize = 1 << 16;

/// A reader that remembers the last bytes it passed on.
pub struct Tail<R> {
    inner: R,
    ring: Vec<u8>,
    /// Bytes passed on so far.
    total: u64,
}

impl<R> Tail<R> {
    pub fn new(inner: R) -> Tail<R> {
        Tail {
            inner,
            ring: vec![0; KEEP],
            total: 0,
        }
    }

    /// The byte at `offset`, when it is still remembered.
    pub fn byte_at(&self, offset: u64) -> Option<u8> {
        let keep = KEEP as u64;
        if offset >= self.total || self.total - offset > keep {
            return None;
        }
        let at = usize::try_from(offset % keep).ok()?;
        self.ring.get(at).copied()
    }
}

impl<R: Read> Read for Tail<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            let at = (self.total as usize).wrapping_add(i) % KEEP;
            self.ring[at] = b;
        }
        self.total += n as u64;
        Ok(n)
    }
}

/// The line `record` starts on; `end` is the reader's position after it.
pub fn start_line<R>(record: &csv::ByteRecord, end: &csv::Position, tail: &Tail<R>) -> u64 {
    let reported = record.position().map_or(1, csv::Position::line);
    let ends_with_newline = end
        .byte()
        .checked_sub(1)
        .and_then(|last| tail.byte_at(last))
        == Some(b'\n');
    let last_line = if ends_with_newline {
        end.line().saturating_sub(1)
    } else {
        end.line()
    };
    let inside = record
        .iter()
        .map(|cell| cell.iter().filter(|&&b| b == b'\n').count() as u64)
        .sum::<u64>();
    last_line.saturating_sub(inside).max(reported)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(data: &str) -> Vec<(String, u64)> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(Tail::new(data.as_bytes()));
        let _ = reader.byte_headers().unwrap();
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let line = start_line(&record, reader.position(), reader.get_ref());
            out.push((String::from_utf8_lossy(&record[0]).into_owned(), line));
        }
        out
    }

    fn expect(names: &[(&str, u64)]) -> Vec<(String, u64)> {
        names.iter().map(|(n, l)| (n.to_string(), *l)).collect()
    }

    #[test]
    fn lines_count_the_header_blank_lines_and_quoted_breaks() {
        let want = expect(&[("a", 2), ("", 5), ("c", 6), ("f", 8)]);
        assert_eq!(starts("h,t\na,b\n\n\n,\nc,\"d\ne\"\nf,g\n"), want);
        assert_eq!(starts("h,t\na,b\n\n\n,\nc,\"d\ne\"\nf,g"), want);
        assert_eq!(
            starts("h,t\r\na,b\r\n\r\n\r\n,\r\nc,\"d\r\ne\"\r\nf,g\r\n"),
            want
        );
        assert_eq!(
            starts("\u{feff}h,t\r\na,b\r\n\r\n\r\n,\r\nc,\"d\r\ne\"\r\nf,g"),
            want
        );
        assert_eq!(
            starts("h,t\n\"x\n\ny\",1\nz,\"\n\"\nw,2\n"),
            expect(&[("x\n\ny", 2), ("z", 5), ("w", 7)])
        );
    }
}
