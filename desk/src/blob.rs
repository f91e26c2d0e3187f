//! A file as the browser holds it, read in pieces where it lies (`FileReaderSync`, in the worker),
//! so that an archive of any size is opened without being copied whole into the module's memory:
//! only its directory and one entry at a time are.

use std::io::{self, Read, Seek, SeekFrom};

use crate::archive::Source;

/// How much of the file is read at once.
const PIECE: u64 = 1024 * 1024;

/// A `Blob` (a `File`) read through `FileReaderSync`, a piece at a time.
pub struct BlobSource {
    blob: web_sys::Blob,
    reader: web_sys::FileReaderSync,
    size: u64,
    position: u64,
    /// The piece read last, and where it starts.
    piece: Vec<u8>,
    piece_start: u64,
}

impl BlobSource {
    /// Reads `blob`; `None` where `FileReaderSync` does not exist (outside a worker).
    pub fn new(blob: web_sys::Blob) -> Option<BlobSource> {
        let reader = web_sys::FileReaderSync::new().ok()?;
        let size = blob.size() as u64;
        Some(BlobSource { blob, reader, size, position: 0, piece: Vec::new(), piece_start: 0 })
    }

    fn load(&mut self, at: u64) -> io::Result<()> {
        let end = (at + PIECE).min(self.size);
        let slice = self
            .blob
            .slice_with_f64_and_f64(at as f64, end as f64)
            .map_err(|_| io::Error::other("the browser would not slice the file"))?;
        let buffer = self
            .reader
            .read_as_array_buffer(&slice)
            .map_err(|_| io::Error::other("the browser would not read the file"))?;
        self.piece = js_sys::Uint8Array::new(&buffer).to_vec();
        self.piece_start = at;
        Ok(())
    }
}

impl Read for BlobSource {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.position >= self.size || buffer.is_empty() {
            return Ok(0);
        }
        let inside = self.position >= self.piece_start && self.position < self.piece_start + self.piece.len() as u64;
        if !inside {
            self.load(self.position)?;
        }
        let offset = (self.position - self.piece_start) as usize;
        let available = &self.piece[offset..];
        let count = available.len().min(buffer.len());
        buffer[..count].copy_from_slice(&available[..count]);
        self.position += count as u64;
        Ok(count)
    }
}

impl Seek for BlobSource {
    fn seek(&mut self, position: SeekFrom) -> io::Result<u64> {
        let target = match position {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(delta) => self.size.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.position.checked_add_signed(delta),
        };
        self.position = target.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "before the start"))?;
        Ok(self.position)
    }
}

impl Source for BlobSource {
    fn reopen(&self) -> Box<dyn Source> {
        match BlobSource::new(self.blob.clone()) {
            Some(source) => Box::new(source),
            None => Box::new(crate::archive::Bytes::new(Vec::new())),
        }
    }
}
