//! Reading `.zip` attachments as real people make them, one entry at a time so that a hostile or
//! huge archive cannot exhaust the worker's memory: the central directory read with the `zip`
//! crate (ZIP64, CRC-32 checked), or, when it is damaged or missing (cut short in transit), each
//! file from its own local header; names decoded as UTF-8 or, as Windows' "Send to compressed
//! folder" writes them on a Chinese system, GBK (CP936); archives inside archives opened in
//! turn, to a depth; nothing unpacked past what it can be. Every entry that is not read becomes
//! a row saying why, as the core's [`ArchiveProblem`], and the rest of the archive is still read.
//! Rule-free: the core gives each row its verdict.

use std::collections::VecDeque;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;

use selfcheck_bureau::{ArchiveProblem, MAX_ARCHIVE_DEPTH, MAX_ARCHIVE_ENTRIES};
use selfcheck_core::Document;
use sha2::{Digest as _, Sha256};
use zip::ZipArchive;
use zip::result::ZipError;

/// The most a file in an archive may be, unpacked, to be examined: a result's limit.
pub const MAX_ENTRY_BYTES: usize = selfcheck_core::credential::MAX_RESULT_BYTES;
/// The most an archive inside an archive is unpacked to, to be opened in turn (the command
/// line's limit for any input).
pub const MAX_NESTED_BYTES: usize = 16 * 1024 * 1024;

/// Where an archive is read from: its bytes, or (in the worker) the file as the browser holds it.
/// Opened again when its directory turns out damaged, to be read by its local headers.
pub trait Source: Read + Seek {
    /// The same data, read from the start by a reader of its own.
    fn reopen(&self) -> Box<dyn Source>;
}

/// Bytes held in memory.
#[derive(Debug, Clone)]
pub struct Bytes(Cursor<Rc<[u8]>>);

impl Bytes {
    /// `bytes` as a source.
    pub fn new(bytes: Vec<u8>) -> Bytes {
        Bytes(Cursor::new(Rc::from(bytes)))
    }
}

impl Read for Bytes {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        self.0.read(buffer)
    }
}

impl Seek for Bytes {
    fn seek(&mut self, position: SeekFrom) -> io::Result<u64> {
        self.0.seek(position)
    }
}

impl Source for Bytes {
    fn reopen(&self) -> Box<dyn Source> {
        Box::new(Bytes(Cursor::new(self.0.get_ref().clone())))
    }
}

/// Whether `bytes` start like a zip archive (a local file header, or the end record of an
/// empty archive).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether `bytes` (a file's first bytes will do) are an archive of attachments to open: a zip
/// that is not a Word, Excel or OpenDocument file (those are zips too, but a file picked by
/// mistake, which gets its verdict naming it).
pub fn is_attachments(bytes: &[u8]) -> bool {
    is_zip(bytes) && selfcheck_core::wire::detect_file(bytes) == Some(Document::Archive)
}

/// One entry of an archive, as read.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    /// A file, unpacked and its checksum verified.
    File {
        /// Its name: the names of the archives it is in (all but the outermost), then its own.
        name: String,
        /// Its content.
        content: Vec<u8>,
    },
    /// A file that was not read, and why.
    Unread {
        /// Its name, as for a file.
        name: String,
        /// The size of what was received for it: its data as stored in the archive (packed, or
        /// encrypted), or for an archive inside the archive, that archive.
        size: u64,
        /// The SHA-256 of the same.
        sha256: String,
        /// The same bytes, when small enough to keep with the row.
        stored: Option<Vec<u8>>,
        /// Why it was not read.
        problem: ArchiveProblem,
    },
}

/// An archive being read, entry by entry ([`Archive::next`]).
pub struct Archive {
    /// The archives being read, the outermost first, each with its place.
    levels: Vec<Level>,
    /// Rows due before the next entry (an archive inside this one that has a problem of its own).
    queued: VecDeque<Item>,
    /// The outermost archive's own problem, if any.
    problem: Option<ArchiveProblem>,
    /// How many entries the archives opened so far list.
    listed: usize,
}

struct Level {
    /// The names of the archives this one is in, and its own, each followed by `/` (empty for
    /// the outermost: the host names its entries after the file).
    prefix: String,
    /// 1 for the outermost archive.
    depth: usize,
    reader: Reader,
}

enum Reader {
    /// By the central directory.
    Directory { zip: Box<ZipArchive<Box<dyn Source>>>, next: usize },
    /// By the local headers, the directory being damaged.
    Headers { source: Box<dyn Source>, offset: u64, read: u64 },
}

impl Archive {
    /// Opens `source`; its own problem, if any, is [`Archive::problem`]: when it is
    /// [`ArchiveProblem::Damaged`] or [`ArchiveProblem::TooManyEntries`] nothing of it is read;
    /// when it is [`ArchiveProblem::DirectoryDamaged`] its files are read from their local headers.
    pub fn open(source: Box<dyn Source>) -> Archive {
        let mut archive = Archive { levels: Vec::new(), queued: VecDeque::new(), problem: None, listed: 0 };
        let (level, problem, listed) = open_level(source, String::new(), 1);
        archive.levels.extend(level);
        archive.problem = problem;
        archive.listed = listed;
        archive
    }

    /// The outermost archive's own problem, if any.
    pub fn problem(&self) -> Option<ArchiveProblem> {
        self.problem
    }

    /// How many entries the archives opened so far list (for progress; it grows as archives
    /// inside archives are opened).
    pub fn listed(&self) -> usize {
        self.listed
    }

    /// An archive inside the archive at `depth`: opened in turn, its own problem a row of its
    /// own.
    fn nested(&mut self, name: String, content: Vec<u8>, depth: usize) {
        let received = Stored::of(&content);
        if depth >= MAX_ARCHIVE_DEPTH {
            self.queued.push_back(received.into_item(name, ArchiveProblem::NestedTooDeep));
            return;
        }
        let (level, problem, listed) = open_level(Box::new(Bytes::new(content)), format!("{name}/"), depth + 1);
        self.listed += listed;
        if let Some(problem) = problem {
            self.queued.push_back(received.into_item(name, problem));
        }
        self.levels.extend(level);
    }
}

impl Iterator for Archive {
    type Item = Item;

    /// The next entry, `None` when every one has been read. Folders are passed over.
    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
            let level = self.levels.last_mut()?;
            let (prefix, depth) = (level.prefix.clone(), level.depth);
            let step = match &mut level.reader {
                Reader::Directory { zip, next } => {
                    if *next >= zip.len() {
                        None
                    } else {
                        *next += 1;
                        Some(directory_entry(zip, *next - 1))
                    }
                }
                Reader::Headers { source, offset, read } => {
                    if *read >= MAX_ARCHIVE_ENTRIES {
                        None
                    } else {
                        *read += 1;
                        header_entry(source.as_mut(), offset)
                    }
                }
            };
            let Some(step) = step else {
                self.levels.pop();
                continue;
            };
            match step {
                Step::Folder => continue,
                Step::Unread { name, stored, problem } => {
                    return Some(stored.into_item(format!("{prefix}{name}"), problem));
                }
                Step::File { name, content, stored } => {
                    let name = format!("{prefix}{name}");
                    if is_attachments(&content) {
                        self.nested(name, content, depth);
                        continue;
                    }
                    if content.len() > MAX_ENTRY_BYTES {
                        return Some(stored.into_item(name, ArchiveProblem::TooLarge));
                    }
                    return Some(Item::File { name, content });
                }
            }
        }
    }
}

/// What was received for an entry not read: its size, digest and, when small, its bytes.
struct Stored {
    size: u64,
    sha256: String,
    bytes: Option<Vec<u8>>,
}

impl Stored {
    fn of(bytes: &[u8]) -> Stored {
        Stored {
            size: bytes.len() as u64,
            sha256: selfcheck_core::credential::sha256_hex(bytes),
            bytes: (bytes.len() <= MAX_ENTRY_BYTES).then(|| bytes.to_vec()),
        }
    }

    /// Reads `reader` to its end, hashing it and keeping it while it is small.
    fn read(mut reader: impl Read) -> Stored {
        let (mut hasher, mut size, mut kept) = (Sha256::new(), 0u64, Some(Vec::new()));
        let mut buffer = vec![0; 64 * 1024];
        loop {
            // What was read before a failure is kept: it is still what was received.
            let read = match reader.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => read,
            };
            hasher.update(&buffer[..read]);
            size += read as u64;
            kept = kept.filter(|_| size <= MAX_ENTRY_BYTES as u64).map(|mut kept| {
                kept.extend_from_slice(&buffer[..read]);
                kept
            });
        }
        Stored { size, sha256: selfcheck_core::canonical::hex(&hasher.finalize()), bytes: kept }
    }

    fn into_item(self, name: String, problem: ArchiveProblem) -> Item {
        Item::Unread { name, size: self.size, sha256: self.sha256, stored: self.bytes, problem }
    }
}

/// What reading one entry gave.
enum Step {
    Folder,
    File { name: String, content: Vec<u8>, stored: Stored },
    Unread { name: String, stored: Stored, problem: ArchiveProblem },
}

/// Opens an archive at `depth`: how it is read, its own problem, and how many entries it lists.
fn open_level(
    mut source: Box<dyn Source>,
    prefix: String,
    depth: usize,
) -> (Option<Level>, Option<ArchiveProblem>, usize) {
    let listed = listed_entries(source.as_mut());
    if listed.is_some_and(|listed| listed > MAX_ARCHIVE_ENTRIES) {
        return (None, Some(ArchiveProblem::TooManyEntries), 0);
    }
    let again = source.reopen();
    if listed.is_some() {
        if let Ok(zip) = ZipArchive::new(source) {
            let listed = zip.len();
            let reader = Reader::Directory { zip: Box::new(zip), next: 0 };
            return (Some(Level { prefix, depth, reader }), None, listed);
        }
    }
    // No directory, or one that cannot be read: the files by their own headers, if it has any.
    let mut source = again;
    if local_header(source.as_mut(), 0).is_none() {
        return (None, Some(ArchiveProblem::Damaged), 0);
    }
    let reader = Reader::Headers { source, offset: 0, read: 0 };
    (Some(Level { prefix, depth, reader }), Some(ArchiveProblem::DirectoryDamaged), 0)
}

/// How many entries the end of the central directory says the archive has (ZIP64's record when
/// it says so); `None` without such a record.
fn listed_entries(source: &mut dyn Source) -> Option<u64> {
    const EOCD: &[u8; 4] = b"PK\x05\x06";
    let size = source.seek(SeekFrom::End(0)).ok()?;
    // The end record is 22 bytes and its comment at most 65,535.
    let tail_length = size.min(22 + 65_535);
    let tail = read_at(source, size - tail_length, tail_length as usize)?;
    let at = tail.windows(4).rposition(|window| window == EOCD).filter(|&at| tail.len() - at >= 22)?;
    let record = &tail[at..];
    let total = u64::from(u16::from_le_bytes([record[10], record[11]]));
    if total != 0xFFFF {
        return Some(total);
    }
    // ZIP64: the locator is the 20 bytes before the end record.
    let locator_at = (size - tail_length + at as u64).checked_sub(20)?;
    let locator = read_at(source, locator_at, 20)?;
    if !locator.starts_with(b"PK\x06\x07") {
        return Some(total);
    }
    let record_at = u64::from_le_bytes(locator[8..16].try_into().ok()?);
    let record = read_at(source, record_at, 56)?;
    if !record.starts_with(b"PK\x06\x06") {
        return Some(total);
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

/// `length` bytes at `offset`, or `None` when they are not all there.
fn read_at(source: &mut dyn Source, offset: u64, length: usize) -> Option<Vec<u8>> {
    source.seek(SeekFrom::Start(offset)).ok()?;
    let mut bytes = vec![0; length];
    source.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

/// Up to `length` bytes at `offset`: fewer at the end of the data.
fn read_at_most(source: &mut dyn Source, offset: u64, length: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    if source.seek(SeekFrom::Start(offset)).is_ok() {
        let _ = source.take(length).read_to_end(&mut bytes);
    }
    bytes
}

/// The entry at `index` of the central directory.
fn directory_entry(zip: &mut ZipArchive<Box<dyn Source>>, index: usize) -> Step {
    let (name, declared, encrypted) = match zip.by_index_raw(index) {
        Ok(file) if file.is_dir() => return Step::Folder,
        Ok(file) => (entry_name(file.name_raw()), file.size(), file.encrypted()),
        Err(_) => {
            let stored = Stored::of(&[]);
            return Step::Unread { name: format!("{}", index + 1), stored, problem: ArchiveProblem::DamagedEntry };
        }
    };
    let stored =
        |zip: &mut ZipArchive<Box<dyn Source>>| zip.by_index_raw(index).map_or_else(|_| Stored::of(&[]), Stored::read);
    let problem = name_problem(&name)
        .or_else(|| encrypted.then_some(ArchiveProblem::Encrypted))
        .or_else(|| (declared > MAX_NESTED_BYTES as u64).then_some(ArchiveProblem::TooLarge));
    if let Some(problem) = problem {
        return Step::Unread { name, stored: stored(zip), problem };
    }
    let unpacked = zip
        .by_index(index)
        .map_err(|error| match error {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => ArchiveProblem::Encrypted,
            ZipError::UnsupportedArchive(_) => ArchiveProblem::UnsupportedMethod,
            _ => ArchiveProblem::DamagedEntry,
        })
        .and_then(|file| unpack(file, None));
    match unpacked {
        Ok(content) => {
            let stored = if content.len() > MAX_ENTRY_BYTES { stored(zip) } else { Stored::of(&[]) };
            Step::File { name, content, stored }
        }
        Err(problem) => Step::Unread { name, stored: stored(zip), problem },
    }
}

/// An entry's content, unpacked to one byte past [`MAX_NESTED_BYTES`] at most, its CRC-32
/// checked (by the reader, or against `crc` when given).
fn unpack(reader: impl Read, crc: Option<u32>) -> Result<Vec<u8>, ArchiveProblem> {
    let mut content = Vec::new();
    let read = reader.take(MAX_NESTED_BYTES as u64 + 1).read_to_end(&mut content);
    if content.len() > MAX_NESTED_BYTES {
        // More than it can be: the rest is not unpacked (and its checksum is not reached, so
        // the size is the reason given).
        return Err(ArchiveProblem::TooLarge);
    }
    read.map_err(|error| {
        // The crate reports a checksum that does not match as this error, at the end of the data;
        // anything else is data that does not unpack.
        if error.kind() == io::ErrorKind::InvalidData && error.to_string() == "Invalid checksum" {
            ArchiveProblem::ChecksumMismatch
        } else {
            ArchiveProblem::DamagedEntry
        }
    })?;
    if crc.is_some_and(|crc| crc != crc32(&content)) {
        return Err(ArchiveProblem::ChecksumMismatch);
    }
    Ok(content)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

/// Why an entry is not read by its name alone: a name leading out of the archive, or macOS's
/// metadata.
fn name_problem(name: &str) -> Option<ArchiveProblem> {
    let parts: Vec<&str> = name.split(['/', '\\']).collect();
    let drive = name.as_bytes().get(1) == Some(&b':') && name.as_bytes()[0].is_ascii_alphabetic();
    if name.starts_with(['/', '\\']) || drive || parts.contains(&"..") {
        return Some(ArchiveProblem::UnsafeName);
    }
    let last = parts.iter().rev().find(|part| !part.is_empty()).copied().unwrap_or("");
    if parts.first() == Some(&"__MACOSX") || last.starts_with("._") {
        return Some(ArchiveProblem::MacMetadata);
    }
    None
}

/// The name as stored: UTF-8 (as archivers that say so write, and macOS writes anyway), else the
/// code page of a Chinese Windows, GBK (CP936), which its "Send to compressed folder" writes.
fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(name) => name.to_owned(),
        Err(_) => encoding_rs::GBK.decode_without_bom_handling(raw).0.into_owned(),
    }
}

/// The fields of a local file header that reading an entry by it needs.
struct LocalHeader {
    flags: u16,
    method: u16,
    crc: u32,
    packed: u64,
    unpacked: u64,
    name: Vec<u8>,
    data: u64,
}

const LOCAL_HEADER: &[u8; 4] = b"PK\x03\x04";
const DATA_DESCRIPTOR: &[u8; 4] = b"PK\x07\x08";

/// The local header at `offset`, `None` where there is none (the last entry was read).
fn local_header(source: &mut dyn Source, offset: u64) -> Option<LocalHeader> {
    let fixed = read_at(source, offset, 30)?;
    if !fixed.starts_with(LOCAL_HEADER) {
        return None;
    }
    let u16_at = |at: usize| u16::from_le_bytes([fixed[at], fixed[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes([fixed[at], fixed[at + 1], fixed[at + 2], fixed[at + 3]]);
    let (name_length, extra_length) = (u64::from(u16_at(26)), u64::from(u16_at(28)));
    let name = read_at(source, offset + 30, name_length as usize)?;
    let extra = read_at(source, offset + 30 + name_length, extra_length as usize)?;
    let (mut packed, mut unpacked) = (u64::from(u32_at(18)), u64::from(u32_at(22)));
    // ZIP64: the sizes that do not fit are in the extra field 0x0001, uncompressed first.
    let mut rest = extra.as_slice();
    while rest.len() >= 4 {
        let (id, length) =
            (u16::from_le_bytes([rest[0], rest[1]]), usize::from(u16::from_le_bytes([rest[2], rest[3]])));
        let field = rest.get(4..4 + length).unwrap_or(&[]);
        if id == 1 {
            let mut values = field.chunks_exact(8).map(|value| u64::from_le_bytes(value.try_into().unwrap_or([0; 8])));
            if unpacked == 0xFFFF_FFFF {
                unpacked = values.next().unwrap_or(unpacked);
            }
            if packed == 0xFFFF_FFFF {
                packed = values.next().unwrap_or(packed);
            }
        }
        rest = rest.get(4 + length..).unwrap_or(&[]);
    }
    Some(LocalHeader {
        flags: u16_at(6),
        method: u16_at(8),
        crc: u32_at(14),
        packed,
        unpacked,
        name,
        data: offset + 30 + name_length + extra_length,
    })
}

/// The entry at `*offset`, read by its local header; `*offset` moves past it. `None` when there
/// is no further entry, or where the next one cannot be found (the rest is not reached).
fn header_entry(source: &mut dyn Source, offset: &mut u64) -> Option<Step> {
    let mut header = local_header(source, *offset)?;
    let name = entry_name(&header.name);
    let described = header.flags & 0x0008 != 0;
    if described && header.packed == 0 {
        // Sizes and checksum follow the data (as streaming writers put them): the data's length
        // is where its deflate stream ends, or where the descriptor's signature is.
        let (packed, reached) = match header.method {
            8 => deflated_length(source, header.data)?,
            0 => (find(source, header.data, DATA_DESCRIPTOR)? - header.data, true),
            _ => return None,
        };
        header.packed = packed;
        if !reached {
            // The stream inflates past any limit before it ends: where the next entry is stays
            // unknown.
            *offset = u64::MAX;
            let stored = Stored::of(&[]);
            return Some(Step::Unread { name, stored, problem: ArchiveProblem::TooLarge });
        }
    }
    let end = header.data.checked_add(header.packed)?;
    *offset = end;
    if described {
        // The descriptor: its signature (optional), the CRC-32 and the two sizes (8 or 16 bytes).
        let descriptor = read_at_most(source, end, 24);
        let fields = if descriptor.starts_with(DATA_DESCRIPTOR) { &descriptor[4..] } else { &descriptor[..] };
        if let Some(crc) = fields.get(..4) {
            header.crc = u32::from_le_bytes(crc.try_into().unwrap_or([0; 4]));
        }
        let signature = if descriptor.starts_with(DATA_DESCRIPTOR) { 4 } else { 0 };
        let short = end + signature + 12;
        let zip64 = end + signature + 20;
        let mut next_is_header = |at: u64| read_at(source, at, 4).is_some_and(|bytes| bytes == LOCAL_HEADER);
        *offset = if next_is_header(short) || !next_is_header(zip64) { short } else { zip64 };
    }
    if name.ends_with('/') && header.packed == 0 {
        return Some(Step::Folder);
    }
    let stored = |source: &mut dyn Source| {
        let reader = source.seek(SeekFrom::Start(header.data)).ok().map(|_| (&mut *source).take(header.packed));
        reader.map_or_else(|| Stored::of(&[]), Stored::read)
    };
    let problem = name_problem(&name)
        .or_else(|| (header.flags & 0x0001 != 0).then_some(ArchiveProblem::Encrypted))
        .or_else(|| (header.method != 0 && header.method != 8).then_some(ArchiveProblem::UnsupportedMethod))
        .or_else(|| (header.unpacked > MAX_NESTED_BYTES as u64).then_some(ArchiveProblem::TooLarge));
    if let Some(problem) = problem {
        return Some(Step::Unread { name, stored: stored(source), problem });
    }
    let unpacked = match source.seek(SeekFrom::Start(header.data)) {
        Err(_) => Err(ArchiveProblem::DamagedEntry),
        Ok(_) => {
            let packed = (&mut *source).take(header.packed);
            if header.method == 8 {
                unpack(flate2::read::DeflateDecoder::new(packed), Some(header.crc))
            } else {
                unpack(packed, Some(header.crc))
            }
        }
    };
    match unpacked {
        Ok(content) => {
            let stored = if content.len() > MAX_ENTRY_BYTES { stored(source) } else { Stored::of(&[]) };
            Some(Step::File { name, content, stored })
        }
        Err(problem) => Some(Step::Unread { name, stored: stored(source), problem }),
    }
}

/// The length of the deflate stream at `start`, and whether its end was reached before it
/// inflated past [`MAX_NESTED_BYTES`]; `None` when it is not deflate data.
fn deflated_length(source: &mut dyn Source, start: u64) -> Option<(u64, bool)> {
    source.seek(SeekFrom::Start(start)).ok()?;
    let mut inflater = flate2::Decompress::new(false);
    let (mut input, mut output) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    let (mut available, mut used) = (0, 0);
    loop {
        if used == available {
            available = source.read(&mut input).ok()?;
            used = 0;
            if available == 0 {
                return None;
            }
        }
        let before = inflater.total_in();
        let status = inflater.decompress(&input[used..available], &mut output, flate2::FlushDecompress::None).ok()?;
        used += (inflater.total_in() - before) as usize;
        match status {
            flate2::Status::StreamEnd => return Some((inflater.total_in(), true)),
            _ if inflater.total_out() > MAX_NESTED_BYTES as u64 => return Some((inflater.total_in(), false)),
            _ => {}
        }
    }
}

/// Where `signature` is first found from `start`, within [`MAX_NESTED_BYTES`].
fn find(source: &mut dyn Source, start: u64, signature: &[u8; 4]) -> Option<u64> {
    source.seek(SeekFrom::Start(start)).ok()?;
    let mut window = Vec::new();
    (&mut *source).take(MAX_NESTED_BYTES as u64 + 4).read_to_end(&mut window).ok()?;
    window.windows(4).position(|bytes| bytes == signature).map(|at| start + at as u64)
}

#[cfg(test)]
mod tests;
