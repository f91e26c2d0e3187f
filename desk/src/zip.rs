//! Reading a .zip of e-mail attachments: the entries of its central directory, stored or
//! deflated (inflated with miniz_oxide; the browsers' DecompressionStream lacks raw deflate in
//! Safari 15). Bounded, so that a hostile archive cannot exhaust the worker's memory.

use miniz_oxide::inflate::decompress_to_vec_with_limit;

use crate::DeskError;

/// The largest entry read: a signed result is tens of kilobytes.
pub const MAX_ENTRY_BYTES: usize = 8 * 1024 * 1024;
/// The most entries read from one archive.
pub const MAX_ENTRIES: usize = 20_000;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?)))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Whether `bytes` start like a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    u32_at(bytes, 0) == Some(LOCAL_HEADER)
}

/// The files of the archive (folders left out), with their names as stored, in directory order.
pub fn entries(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, DeskError> {
    // The end-of-directory record is within the last 64 KiB + 22 bytes (its comment).
    let search_from = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| u32_at(bytes, at) == Some(END_OF_DIRECTORY))
        .ok_or(DeskError::Zip("no central directory"))?;
    let count = u16_at(bytes, end + 10).ok_or(DeskError::Zip("truncated"))?;
    let mut at = u32_at(bytes, end + 16).ok_or(DeskError::Zip("truncated"))? as usize;
    if count > MAX_ENTRIES {
        return Err(DeskError::Zip("too many entries"));
    }
    let mut files = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(bytes, at) != Some(CENTRAL_HEADER) {
            return Err(DeskError::Zip("damaged central directory"));
        }
        let field = |offset| u16_at(bytes, at + offset).ok_or(DeskError::Zip("truncated"));
        let flags = field(8)?;
        let method = field(10)?;
        let compressed = u32_at(bytes, at + 20).ok_or(DeskError::Zip("truncated"))? as usize;
        let size = u32_at(bytes, at + 24).ok_or(DeskError::Zip("truncated"))? as usize;
        let (name_length, extra_length, comment_length) = (field(28)?, field(30)?, field(32)?);
        let local = u32_at(bytes, at + 42).ok_or(DeskError::Zip("truncated"))? as usize;
        let raw_name = bytes.get(at + 46..at + 46 + name_length).ok_or(DeskError::Zip("truncated"))?;
        // Bit 11: UTF-8 names. Without it, names are in the archiver's code page (GBK on
        // Chinese Windows); kept readable as far as they are ASCII.
        let name = if flags & 0x0800 != 0 {
            String::from_utf8_lossy(raw_name).into_owned()
        } else {
            raw_name.iter().map(|&byte| if byte.is_ascii() { char::from(byte) } else { '?' }).collect()
        };
        at += 46 + name_length + extra_length + comment_length;
        if name.ends_with('/') {
            continue;
        }
        if flags & 0x0001 != 0 {
            return Err(DeskError::Zip("encrypted entries"));
        }
        if size > MAX_ENTRY_BYTES {
            return Err(DeskError::Zip("an entry too large"));
        }
        if u32_at(bytes, local) != Some(LOCAL_HEADER) {
            return Err(DeskError::Zip("damaged entry"));
        }
        let start = local + 30 + u16_at(bytes, local + 26).unwrap_or(0) + u16_at(bytes, local + 28).unwrap_or(0);
        let data = bytes.get(start..start + compressed).ok_or(DeskError::Zip("truncated"))?;
        let content = match method {
            0 => data.to_vec(),
            8 => decompress_to_vec_with_limit(data, MAX_ENTRY_BYTES)
                .map_err(|_| DeskError::Zip("damaged deflate data"))?,
            _ => return Err(DeskError::Zip("a compression method other than deflate")),
        };
        files.push((name, content));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip with one stored and one deflated entry, built by hand.
    fn archive(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut directory = Vec::new();
        for (name, content, deflate) in entries {
            let data = if *deflate { miniz_oxide::deflate::compress_to_vec(content, 6) } else { content.to_vec() };
            let method: u16 = if *deflate { 8 } else { 0 };
            let offset = out.len() as u32;
            let mut header = Vec::new();
            header.extend(LOCAL_HEADER.to_le_bytes());
            header.extend([20, 0, 0, 0x08]);
            header.extend(method.to_le_bytes());
            header.extend([0; 8]);
            header.extend((data.len() as u32).to_le_bytes());
            header.extend((content.len() as u32).to_le_bytes());
            header.extend((name.len() as u16).to_le_bytes());
            header.extend([0, 0]);
            out.extend(&header);
            out.extend(name.as_bytes());
            out.extend(&data);
            directory.extend(CENTRAL_HEADER.to_le_bytes());
            directory.extend([20, 0, 20, 0, 0, 0x08]);
            directory.extend(method.to_le_bytes());
            directory.extend([0; 8]);
            directory.extend((data.len() as u32).to_le_bytes());
            directory.extend((content.len() as u32).to_le_bytes());
            directory.extend((name.len() as u16).to_le_bytes());
            directory.extend([0; 12]);
            directory.extend(offset.to_le_bytes());
            directory.extend(name.as_bytes());
        }
        let start = out.len() as u32;
        out.extend(&directory);
        out.extend(END_OF_DIRECTORY.to_le_bytes());
        out.extend([0; 4]);
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((directory.len() as u32).to_le_bytes());
        out.extend(start.to_le_bytes());
        out.extend([0, 0]);
        out
    }

    #[test]
    fn reads_stored_and_deflated_entries() {
        let text = "结果".repeat(100);
        let zip = archive(&[("a.json", b"{}", false), ("邮件/b.json", text.as_bytes(), true)]);
        assert!(is_zip(&zip));
        let files = entries(&zip).unwrap();
        assert_eq!(files, vec![("a.json".to_owned(), b"{}".to_vec()), ("邮件/b.json".to_owned(), text.into_bytes())]);
    }

    #[test]
    fn refuses_what_is_not_a_zip() {
        assert!(!is_zip(b"{\"format\":1}"));
        assert!(entries(b"PK\x03\x04 and nothing else").is_err());
        let mut zip = archive(&[("a.json", b"{}", false)]);
        let len = zip.len();
        zip.truncate(len - 30);
        assert!(entries(&zip).is_err());
    }
}
