//! A zip archive with the stored method (no compression) and CRC-32: all an XLSX workbook
//! needs, in a few lines instead of a compression crate in the browser.

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip checks every entry with.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut index = 0;
        while index < 256 {
            let mut value = index as u32;
            let mut bit = 0;
            while bit < 8 {
                value = if value & 1 == 1 { (value >> 1) ^ 0xEDB8_8320 } else { value >> 1 };
                bit += 1;
            }
            table[index] = value;
            index += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |crc, &byte| (crc >> 8) ^ TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize])
}

/// 1980-01-01 00:00 in MS-DOS form, the earliest a zip can say: every entry has it, so that the
/// same tables make the same bytes.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// A zip of `entries` (name, content), stored, in order. Names are ASCII; every size stays far
/// below the 4 GiB of a zip without ZIP64 (an export of 10,000 results is a few tens of MB).
pub fn stored_zip<Name: AsRef<str>>(entries: &[(Name, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, content) in entries {
        let name = name.as_ref();
        let offset = out.len() as u32;
        let crc = crc32(content);
        let size = content.len() as u32;
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&10u16.to_le_bytes()); // version needed: 1.0, stored
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&0u16.to_le_bytes()); // method: stored
        out.extend_from_slice(&DOS_TIME.to_le_bytes());
        out.extend_from_slice(&DOS_DATE.to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(content);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by: MS-DOS, 2.0
        central.extend_from_slice(&10u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&DOS_TIME.to_le_bytes());
        central.extend_from_slice(&DOS_DATE.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, internal and external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    // End of central directory.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // this disk, the disk of the central directory
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip archive with these entries, as the workbook export writes one; when `cut`,
    /// only its first bytes, without the central directory at its end.
    fn zip(names: &[&str], cut: bool) -> Vec<u8> {
        let entries: Vec<(&str, Vec<u8>)> = names.iter().map(|name| (*name, b"<x/>".to_vec())).collect();
        let mut bytes = stored_zip(&entries);
        if cut {
            let directory = bytes.windows(4).position(|window| window == b"PK\x01\x02").unwrap_or(bytes.len());
            bytes.truncate(directory);
        }
        bytes
    }

    #[test]
    fn the_core_tells_archives_and_office_files_apart_by_their_entries() {
        let word = ["[Content_Types].xml", "_rels/.rels", "word/document.xml"];
        let excel = ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"];
        for cut in [false, true] {
            assert_eq!(
                selfcheck_core::wire::detect_file(&zip(&word, cut)),
                Some(selfcheck_core::Document::WordProcessing),
                "cut: {cut}"
            );
            assert_eq!(
                selfcheck_core::wire::detect_file(&zip(&excel, cut)),
                Some(selfcheck_core::Document::Spreadsheet),
                "cut: {cut}"
            );
            assert_eq!(
                selfcheck_core::wire::detect_file(&zip(&["邮件/514400005000031282-2026-10.json"], cut)),
                Some(selfcheck_core::Document::Archive)
            );
        }
        let odt = [b"PK\x03\x04".as_slice(), &[0; 26], b"mimetypeapplication/vnd.oasis.opendocument.text"].concat();
        assert_eq!(selfcheck_core::wire::detect_file(&odt), Some(selfcheck_core::Document::WordProcessing));
        let ods =
            [b"PK\x03\x04".as_slice(), &[0; 26], b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"].concat();
        assert_eq!(selfcheck_core::wire::detect_file(&ods), Some(selfcheck_core::Document::Spreadsheet));
    }

    #[test]
    fn crc32_is_the_one_zip_uses() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32("自查".as_bytes()), crc32(&[0xe8, 0x87, 0xaa, 0xe6, 0x9f, 0xa5]));
    }

    #[test]
    fn a_stored_zip_lists_its_entries_at_the_end() {
        let zip = stored_zip(&[("a.txt", b"hello".to_vec()), ("b/c.xml", b"<x/>".to_vec())]);
        assert_eq!(&zip[..4], b"PK\x03\x04");
        let end = &zip[zip.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
        let central = u32::from_le_bytes([end[16], end[17], end[18], end[19]]) as usize;
        assert_eq!(&zip[central..central + 4], b"PK\x01\x02");
        assert_eq!(&zip[30..35], b"a.txt");
        assert_eq!(&zip[35..40], b"hello");
    }
}
