//! Reading a `.zip` of e-mail attachments with the `zip` crate (the central directory, ZIP64,
//! CRC-32 checked on every file), one file at a time so that a hostile archive cannot exhaust the
//! worker's memory: a file is never unpacked past the size a result can have. Rule-free: what
//! cannot be read is handed on as the core's [`ArchiveProblem`], which gives it its verdict.

use std::io::{Cursor, Read as _};

use selfcheck_core::bureau::ArchiveProblem;
use zip::ZipArchive;
use zip::result::ZipError;

/// The most a file in an archive is unpacked to: a result is at most this large, so anything
/// larger is refused without unpacking the rest.
pub const MAX_ENTRY_BYTES: usize = selfcheck_core::credential::MAX_RESULT_BYTES;

/// Whether `bytes` start like a zip archive (a local file header, or the end record of an
/// empty archive).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// One file of an archive, as read.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    /// A folder: nothing to examine.
    Folder,
    /// A file, unpacked and its checksum verified.
    File {
        /// Its name inside the archive.
        name: String,
        /// Its content.
        content: Vec<u8>,
    },
    /// A file that could not be read, and why.
    Unread {
        /// Its name inside the archive.
        name: String,
        /// Its data as stored in the archive (packed, or encrypted): what was received for it,
        /// whose digest its row carries. Empty when even that cannot be found.
        stored: Vec<u8>,
        /// Why.
        problem: ArchiveProblem,
    },
}

/// An opened archive.
pub struct Archive {
    zip: ZipArchive<Cursor<Vec<u8>>>,
}

impl Archive {
    /// Opens `bytes` as a zip archive: [`ArchiveProblem::Damaged`] when its directory cannot be
    /// read.
    pub fn open(bytes: Vec<u8>) -> Result<Archive, ArchiveProblem> {
        ZipArchive::new(Cursor::new(bytes)).map(|zip| Archive { zip }).map_err(|_| ArchiveProblem::Damaged)
    }

    /// How many entries (files and folders) the archive lists.
    pub fn len(&self) -> usize {
        self.zip.len()
    }

    /// The entry at `index` (below [`Archive::len`]), unpacked.
    pub fn entry(&mut self, index: usize) -> Entry {
        let (name, declared_size, encrypted) = match self.zip.by_index_raw(index) {
            Ok(file) if file.is_dir() => return Entry::Folder,
            Ok(file) => (entry_name(file.name_raw()), file.size(), file.encrypted()),
            Err(_) => (String::new(), 0, false),
        };
        let problem = if encrypted {
            Some(ArchiveProblem::Encrypted)
        } else if declared_size > MAX_ENTRY_BYTES as u64 {
            Some(ArchiveProblem::TooLarge)
        } else {
            None
        };
        let unpacked = match problem {
            Some(problem) => Err(problem),
            None => self.unpack(index),
        };
        match unpacked {
            Ok(content) => Entry::File { name, content },
            Err(problem) => Entry::Unread { name, stored: self.stored(index), problem },
        }
    }

    /// The entry's content, unpacked to one byte past the limit at most, its CRC-32 checked.
    fn unpack(&mut self, index: usize) -> Result<Vec<u8>, ArchiveProblem> {
        let file = self.zip.by_index(index).map_err(|error| match error {
            ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => ArchiveProblem::Encrypted,
            ZipError::UnsupportedArchive(_) => ArchiveProblem::UnsupportedMethod,
            _ => ArchiveProblem::DamagedEntry,
        })?;
        let mut content = Vec::new();
        let read = file.take(MAX_ENTRY_BYTES as u64 + 1).read_to_end(&mut content);
        if content.len() > MAX_ENTRY_BYTES {
            // More than the archive declared: the rest is not unpacked (and its checksum is
            // not reached, so the size is the reason given).
            return Err(ArchiveProblem::TooLarge);
        }
        read.map_err(|error| {
            // The crate reports a checksum that does not match as this error, at the end of
            // the data; anything else is data that does not unpack.
            if error.kind() == std::io::ErrorKind::InvalidData && error.to_string() == "Invalid checksum" {
                ArchiveProblem::ChecksumMismatch
            } else {
                ArchiveProblem::DamagedEntry
            }
        })?;
        Ok(content)
    }

    /// The entry's data as stored, not unpacked: bounded by the archive's own size.
    fn stored(&mut self, index: usize) -> Vec<u8> {
        let mut stored = Vec::new();
        if let Ok(mut file) = self.zip.by_index_raw(index) {
            // What was read before a failure is kept: it is still what was received.
            let _ = file.read_to_end(&mut stored);
        }
        stored
    }
}

/// The name as stored. Archivers that write UTF-8 names say so (or write UTF-8 anyway, as macOS
/// does); others write the code page of their system (GBK on Chinese Windows), which is kept
/// readable as far as it is ASCII, each other byte shown as `?`.
fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(name) => name.to_owned(),
        Err(_) => raw.iter().map(|&byte| if byte.is_ascii() { char::from(byte) } else { '?' }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    /// Builds an archive by hand: for each file, its name, content and whether it is deflated.
    fn archive(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut at = 0;
        let mut directory = Vec::new();
        for (name, content, deflate) in files {
            let data = if *deflate {
                let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(content).unwrap();
                encoder.finish().unwrap()
            } else {
                content.to_vec()
            };
            let method: u16 = if *deflate { 8 } else { 0 };
            let crc = crc32(content);
            let common = |out: &mut Vec<u8>| {
                out.extend(20_u16.to_le_bytes());
                out.extend(0x0800_u16.to_le_bytes());
                out.extend(method.to_le_bytes());
                out.extend([0; 4]);
                out.extend(crc.to_le_bytes());
                out.extend((data.len() as u32).to_le_bytes());
                out.extend((content.len() as u32).to_le_bytes());
                out.extend((name.len() as u16).to_le_bytes());
                out.extend(0_u16.to_le_bytes());
            };
            bytes.extend(b"PK\x03\x04");
            common(&mut bytes);
            bytes.extend(name.as_bytes());
            bytes.extend(&data);
            directory.extend(b"PK\x01\x02");
            directory.extend(20_u16.to_le_bytes());
            common(&mut directory);
            // Comment length, disk, internal and external attributes.
            directory.extend([0; 10]);
            directory.extend((at as u32).to_le_bytes());
            directory.extend(name.as_bytes());
            at = bytes.len();
        }
        let start = bytes.len() as u32;
        bytes.extend(&directory);
        bytes.extend(b"PK\x05\x06");
        bytes.extend([0; 4]);
        bytes.extend((files.len() as u16).to_le_bytes());
        bytes.extend((files.len() as u16).to_le_bytes());
        bytes.extend((directory.len() as u32).to_le_bytes());
        bytes.extend(start.to_le_bytes());
        bytes.extend([0, 0]);
        bytes
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        crc.sum()
    }

    fn entries(bytes: Vec<u8>) -> Vec<Entry> {
        let mut archive = Archive::open(bytes).unwrap();
        (0..archive.len()).map(|index| archive.entry(index)).collect()
    }

    #[test]
    fn reads_stored_and_deflated_files() {
        let text = "结果".repeat(100);
        let zip = archive(&[("a.json", b"{}", false), ("邮件/b.json", text.as_bytes(), true)]);
        assert!(is_zip(&zip));
        assert_eq!(
            entries(zip),
            vec![
                Entry::File { name: "a.json".into(), content: b"{}".to_vec() },
                Entry::File { name: "邮件/b.json".into(), content: text.into_bytes() },
            ]
        );
    }

    #[test]
    fn a_damaged_archive_is_one_problem() {
        assert!(!is_zip(b"{\"format\":1}"));
        assert_eq!(Archive::open(b"PK\x03\x04 and nothing else".to_vec()).err(), Some(ArchiveProblem::Damaged));
        let mut zip = archive(&[("a.json", b"{}", false)]);
        zip.truncate(zip.len() - 30);
        assert_eq!(Archive::open(zip).err(), Some(ArchiveProblem::Damaged));
    }

    #[test]
    fn a_changed_byte_is_a_checksum_mismatch_and_the_other_files_are_read() {
        let content = br#"{"a":"the content of a result"}"#;
        let mut zip = archive(&[("a.json", content, false), ("b.json", b"{}", false)]);
        let at = zip.windows(7).position(|window| window == b"content").unwrap();
        zip[at] = b'C';
        let read = entries(zip);
        match &read[0] {
            Entry::Unread { name, stored, problem } => {
                assert_eq!(name, "a.json");
                assert_eq!(*problem, ArchiveProblem::ChecksumMismatch);
                assert_eq!(stored.len(), content.len());
            }
            other => panic!("expected a checksum mismatch, got {other:?}"),
        }
        assert_eq!(read[1], Entry::File { name: "b.json".into(), content: b"{}".to_vec() });
    }

    #[test]
    fn a_file_larger_than_a_result_is_not_unpacked() {
        // Declared honestly: refused by what the archive says.
        let big = vec![b' '; MAX_ENTRY_BYTES + 1];
        let zip = archive(&[("big.json", &big, true)]);
        let compressed = zip.len();
        match &entries(zip)[0] {
            Entry::Unread { problem: ArchiveProblem::TooLarge, stored, .. } => assert!(stored.len() < compressed),
            other => panic!("expected too large, got {other:?}"),
        }
        // Declared small, larger in fact: unpacking stops one byte past the limit.
        let mut zip = archive(&[("bomb.json", &big, true)]);
        for header in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
            let at = zip.windows(4).position(|window| window == header).unwrap();
            let size_at = at + if header == b"PK\x03\x04" { 22 } else { 24 };
            zip[size_at..size_at + 4].copy_from_slice(&100_u32.to_le_bytes());
        }
        assert!(matches!(entries(zip)[0], Entry::Unread { problem: ArchiveProblem::TooLarge, .. }));
    }

    #[test]
    fn an_encrypted_file_is_named_as_such() {
        let mut zip = archive(&[("plain.json", b"{}", false)]);
        // The general purpose flag's bit 0, in the local header and the directory.
        let local = zip.windows(4).position(|window| window == b"PK\x03\x04").unwrap();
        zip[local + 6] |= 1;
        let central = zip.windows(4).position(|window| window == b"PK\x01\x02").unwrap();
        zip[central + 8] |= 1;
        assert!(matches!(
            &entries(zip)[0],
            Entry::Unread { name, problem: ArchiveProblem::Encrypted, .. } if name == "plain.json"
        ));
    }

    #[test]
    fn reads_zip64_records() {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        writer.start_file("结果.json", options).unwrap();
        writer.write_all(b"{\"zip64\":true}").unwrap();
        let zip = writer.finish().unwrap().into_inner();
        // The local header's sizes say "see the ZIP64 extra field".
        assert_eq!(zip[18..26], [0xFF; 8]);
        assert_eq!(entries(zip), vec![Entry::File { name: "结果.json".into(), content: b"{\"zip64\":true}".to_vec() }]);
    }

    #[test]
    fn folders_are_skipped_and_names_outside_utf8_stay_readable() {
        let zip = archive(&[("邮件/", b"", false)]);
        assert_eq!(entries(zip), vec![Entry::Folder]);
        assert_eq!(entry_name(b"\xd3\xca\xbc\xfe/a.json"), "????/a.json");
    }
}
