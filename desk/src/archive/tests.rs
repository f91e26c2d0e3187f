//! The archives people send, made byte by byte: names in GBK from Windows, macOS's metadata,
//! archives inside archives, names leading out of the archive, a directory cut off, a changed
//! byte, ZIP64, a bomb, too many entries, encrypted entries; each gives its row and the rest is
//! still read.

use std::io::Write as _;

use super::*;

/// One file to put in an archive: its name's bytes, its content, whether it is deflated, and
/// the general purpose flags (bit 11: the name is UTF-8).
struct Entry<'a> {
    name: &'a [u8],
    content: &'a [u8],
    deflate: bool,
    flags: u16,
}

fn file<'a>(name: &'a str, content: &'a [u8]) -> Entry<'a> {
    Entry { name: name.as_bytes(), content, deflate: true, flags: 0x0800 }
}

/// Builds an archive by hand, as archivers lay them out.
fn archive(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut directory = Vec::new();
    for entry in entries {
        let data = if entry.deflate {
            let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(entry.content).unwrap();
            encoder.finish().unwrap()
        } else {
            entry.content.to_vec()
        };
        let method: u16 = if entry.deflate { 8 } else { 0 };
        let crc = crc32(entry.content);
        let common = |out: &mut Vec<u8>| {
            out.extend(20_u16.to_le_bytes());
            out.extend(entry.flags.to_le_bytes());
            out.extend(method.to_le_bytes());
            out.extend([0; 4]);
            out.extend(crc.to_le_bytes());
            out.extend((data.len() as u32).to_le_bytes());
            out.extend((entry.content.len() as u32).to_le_bytes());
            out.extend((entry.name.len() as u16).to_le_bytes());
            out.extend(0_u16.to_le_bytes());
        };
        let at = bytes.len() as u32;
        bytes.extend(b"PK\x03\x04");
        common(&mut bytes);
        bytes.extend(entry.name);
        bytes.extend(&data);
        directory.extend(b"PK\x01\x02");
        directory.extend(20_u16.to_le_bytes());
        common(&mut directory);
        // Comment length, disk, internal and external attributes.
        directory.extend([0; 10]);
        directory.extend(at.to_le_bytes());
        directory.extend(entry.name);
    }
    let start = bytes.len() as u32;
    bytes.extend(&directory);
    bytes.extend(b"PK\x05\x06");
    bytes.extend([0; 4]);
    bytes.extend((entries.len() as u16).to_le_bytes());
    bytes.extend((entries.len() as u16).to_le_bytes());
    bytes.extend((directory.len() as u32).to_le_bytes());
    bytes.extend(start.to_le_bytes());
    bytes.extend([0, 0]);
    bytes
}

fn open(bytes: Vec<u8>) -> Archive {
    Archive::open(Box::new(Bytes::new(bytes)))
}

fn items(bytes: Vec<u8>) -> Vec<Item> {
    open(bytes).collect()
}

/// Each entry's name and what became of it: `read`, or the problem's code.
fn outcome(items: &[Item]) -> Vec<(String, &'static str)> {
    items
        .iter()
        .map(|item| match item {
            Item::File { name, .. } => (name.clone(), "read"),
            Item::Unread { name, problem, .. } => (name.clone(), problem.code()),
        })
        .collect()
}

fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|(name, what)| ((*name).to_owned(), *what)).collect()
}

#[test]
fn reads_stored_and_deflated_files() {
    let text = "结果".repeat(100);
    let mut stored = file("a.json", b"{}");
    stored.deflate = false;
    let zip = archive(&[stored, file("邮件/b.json", text.as_bytes())]);
    assert!(is_zip(&zip) && is_attachments(&zip));
    assert_eq!(
        items(zip),
        vec![
            Item::File { name: "a.json".into(), content: b"{}".to_vec() },
            Item::File { name: "邮件/b.json".into(), content: text.into_bytes() },
        ]
    );
}

#[test]
fn names_windows_wrote_in_gbk_read_as_chinese() {
    // Windows' "Send to compressed folder" on a Chinese system: GBK, without the UTF-8 flag.
    // 自查结果.json: D7D4 B2E9 BDE1 B9FB.
    let gbk = b"\xd7\xd4\xb2\xe9\xbd\xe1\xb9\xfb.json";
    let zip = archive(&[Entry { name: gbk, content: b"{}", deflate: true, flags: 0 }]);
    assert_eq!(outcome(&items(zip)), pairs(&[("自查结果.json", "read")]));
}

#[test]
fn macos_metadata_and_names_leading_out_are_rows_and_the_rest_is_read() {
    let zip = archive(&[
        file("结果.json", b"{}"),
        file("__MACOSX/._结果.json", b"\x00\x05\x16\x07 apple double"),
        file("._结果.json", b"\x00\x05\x16\x07"),
        file("../../etc/cron.d/x.json", b"{}"),
        file("/etc/passwd", b"root"),
        file("C:\\Windows\\x.json", b"{}"),
        file("子目录\\..\\..\\x.json", b"{}"),
        file("最后.json", b"[]"),
    ]);
    assert_eq!(
        outcome(&items(zip)),
        pairs(&[
            ("结果.json", "read"),
            ("__MACOSX/._结果.json", "macos-metadata"),
            ("._结果.json", "macos-metadata"),
            ("../../etc/cron.d/x.json", "unsafe-entry-name"),
            ("/etc/passwd", "unsafe-entry-name"),
            ("C:\\Windows\\x.json", "unsafe-entry-name"),
            ("子目录\\..\\..\\x.json", "unsafe-entry-name"),
            ("最后.json", "read"),
        ])
    );
}

#[test]
fn archives_inside_archives_are_opened_to_a_depth() {
    let innermost = archive(&[file("d.json", b"{}")]);
    let third = archive(&[file("c.json", b"{}"), file("4.zip", &innermost)]);
    let second = archive(&[file("b.json", b"{}"), file("3.zip", &third)]);
    let first = archive(&[file("a.json", b"{}"), file("2.zip", &second), file("z.json", b"{}")]);
    let read = items(first);
    assert_eq!(
        outcome(&read),
        pairs(&[
            ("a.json", "read"),
            ("2.zip/b.json", "read"),
            ("2.zip/3.zip/c.json", "read"),
            ("2.zip/3.zip/4.zip", "archive-nested-too-deep"),
            ("z.json", "read"),
        ])
    );
    // The row of the archive not opened carries that archive's own digest.
    let Some(Item::Unread { size, sha256, .. }) = read.get(3) else { panic!("a row") };
    assert_eq!(
        (*size, sha256.as_str()),
        (innermost.len() as u64, selfcheck_core::credential::sha256_hex(&innermost).as_str())
    );
    // A damaged archive inside is a row, and the outer archive goes on.
    let zip = archive(&[file("broken.zip", b"PK\x03\x04 and nothing else"), file("ok.json", b"{}")]);
    assert_eq!(outcome(&items(zip)), pairs(&[("broken.zip", "damaged-archive"), ("ok.json", "read")]));
}

#[test]
fn a_damaged_directory_is_read_by_the_local_headers() {
    let zip = archive(&[file("a.json", b"{\"a\":1}"), file("b.json", b"{\"b\":2}"), file("c.json", b"{\"c\":3}")]);
    // Cut short in transit: the directory and part of the last file are gone.
    let directory = zip.windows(4).position(|window| window == b"PK\x01\x02").unwrap();
    let cut = zip[..directory - 3].to_vec();
    let mut archive = open(cut);
    assert_eq!(archive.problem(), Some(ArchiveProblem::DirectoryDamaged));
    let read: Vec<Item> = archive.by_ref().collect();
    assert_eq!(outcome(&read), pairs(&[("a.json", "read"), ("b.json", "read"), ("c.json", "damaged-entry")]));
    // Its directory overwritten: the same.
    let mut scrambled = zip.clone();
    for byte in &mut scrambled[directory..directory + 30] {
        *byte = 0x55;
    }
    let mut archive = open(scrambled);
    assert_eq!(archive.problem(), Some(ArchiveProblem::DirectoryDamaged));
    assert_eq!(
        outcome(&archive.by_ref().collect::<Vec<_>>()),
        pairs(&[("a.json", "read"), ("b.json", "read"), ("c.json", "read")])
    );
    // Nothing of a zip at all.
    let archive = open(b"PK\x03\x04 and nothing else".to_vec());
    assert_eq!(archive.problem(), Some(ArchiveProblem::Damaged));
    assert_eq!(archive.count(), 0);
}

#[test]
fn entries_written_by_a_streaming_archiver_are_read_by_their_headers() {
    // Sizes and CRC after the data (bit 3), as streaming writers put them; no directory.
    let mut writer = zip::ZipWriter::new_stream(Vec::new());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("流式.json", options).unwrap();
    writer.write_all("{\"流式\":true}".as_bytes()).unwrap();
    writer.start_file("second.json", options).unwrap();
    writer.write_all(b"[2]").unwrap();
    let zip = writer.finish().unwrap().into_inner();
    let directory = zip.windows(4).position(|window| window == b"PK\x01\x02").unwrap();
    let mut archive = open(zip[..directory].to_vec());
    assert_eq!(archive.problem(), Some(ArchiveProblem::DirectoryDamaged));
    assert_eq!(
        archive.by_ref().collect::<Vec<_>>(),
        vec![
            Item::File { name: "流式.json".into(), content: "{\"流式\":true}".as_bytes().to_vec() },
            Item::File { name: "second.json".into(), content: b"[2]".to_vec() },
        ]
    );
}

#[test]
fn a_changed_byte_is_a_checksum_mismatch_and_the_other_files_are_read() {
    let content = br#"{"a":"the content of a result"}"#;
    let mut stored = file("a.json", content);
    stored.deflate = false;
    let mut zip = archive(&[stored, file("b.json", b"{}")]);
    let at = zip.windows(7).position(|window| window == b"content").unwrap();
    zip[at] = b'C';
    let read = items(zip.clone());
    match &read[0] {
        Item::Unread { name, stored, size, problem, .. } => {
            assert_eq!(
                (name.as_str(), *problem, *size),
                ("a.json", ArchiveProblem::ChecksumMismatch, content.len() as u64)
            );
            assert_eq!(stored.as_deref().map(<[u8]>::len), Some(content.len()));
        }
        other => panic!("expected a checksum mismatch, got {other:?}"),
    }
    assert_eq!(read[1], Item::File { name: "b.json".into(), content: b"{}".to_vec() });
    // By the local headers too.
    let directory = zip.windows(4).position(|window| window == b"PK\x01\x02").unwrap();
    let read = items(zip[..directory].to_vec());
    assert_eq!(outcome(&read), pairs(&[("a.json", "entry-checksum-mismatch"), ("b.json", "read")]));
}

#[test]
fn a_file_larger_than_a_result_is_not_unpacked_past_what_it_can_be() {
    // Declared honestly: refused by what the archive says.
    let big = vec![b' '; MAX_NESTED_BYTES + 1];
    let zip = archive(&[file("big.json", &big), file("after.json", b"{}")]);
    let compressed = zip.len();
    let read = items(zip);
    match &read[0] {
        Item::Unread { problem: ArchiveProblem::TooLarge, size, .. } => assert!(*size < compressed as u64),
        other => panic!("expected too large, got {other:?}"),
    }
    assert_eq!(outcome(&read[1..]), pairs(&[("after.json", "read")]));
    // Declared small, a bomb in fact: unpacking stops one byte past the limit.
    let mut zip = archive(&[file("bomb.json", &big), file("after.json", b"{}")]);
    for header in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = zip.windows(4).position(|window| window == header).unwrap();
        let size_at = at + if header == b"PK\x03\x04" { 22 } else { 24 };
        zip[size_at..size_at + 4].copy_from_slice(&100_u32.to_le_bytes());
    }
    assert_eq!(outcome(&items(zip)), pairs(&[("bomb.json", "entry-too-large"), ("after.json", "read")]));
    // Between a result's limit and an archive's: unpacked, and refused for what it is.
    let middle = vec![b' '; MAX_ENTRY_BYTES + 1];
    assert_eq!(outcome(&items(archive(&[file("middle.json", &middle)]))), pairs(&[("middle.json", "entry-too-large")]));
}

#[test]
fn an_encrypted_file_is_named_as_such() {
    let mut zip = archive(&[file("plain.json", b"{}"), file("other.json", b"[]")]);
    // The general purpose flag's bit 0, in the local header and the directory.
    let local = zip.windows(4).position(|window| window == b"PK\x03\x04").unwrap();
    zip[local + 6] |= 1;
    let central = zip.windows(4).position(|window| window == b"PK\x01\x02").unwrap();
    zip[central + 8] |= 1;
    assert_eq!(outcome(&items(zip)), pairs(&[("plain.json", "encrypted-entry"), ("other.json", "read")]));
}

#[test]
fn reads_zip64_records() {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    writer.start_file("结果.json", options).unwrap();
    writer.write_all(b"{\"zip64\":true}").unwrap();
    let zip = writer.finish().unwrap().into_inner();
    // The local header's sizes say "see the ZIP64 extra field".
    assert_eq!(zip[18..26], [0xFF; 8]);
    assert_eq!(
        items(zip.clone()),
        vec![Item::File { name: "结果.json".into(), content: b"{\"zip64\":true}".to_vec() }]
    );
    // And by its local header, the directory gone.
    let directory = zip.windows(4).position(|window| window == b"PK\x01\x02").unwrap();
    assert_eq!(outcome(&items(zip[..directory].to_vec())), pairs(&[("结果.json", "read")]));
}

#[test]
fn an_archive_listing_more_entries_than_opened_is_one_row() {
    // The end record claims 100,000 entries (ZIP64's, since 16 bits cannot hold it): nothing
    // of the directory is read into memory.
    let mut zip = archive(&[file("a.json", b"{}")]);
    let end = zip.windows(4).rposition(|window| window == b"PK\x05\x06").unwrap();
    let directory_at = u32::from_le_bytes(zip[end + 16..end + 20].try_into().unwrap());
    let directory_size = u32::from_le_bytes(zip[end + 12..end + 16].try_into().unwrap());
    zip.truncate(end);
    let record_at = zip.len() as u64;
    zip.extend(b"PK\x06\x06");
    zip.extend(44_u64.to_le_bytes());
    zip.extend([45, 0, 45, 0]);
    zip.extend([0; 8]);
    zip.extend(100_000_u64.to_le_bytes());
    zip.extend(100_000_u64.to_le_bytes());
    zip.extend(u64::from(directory_size).to_le_bytes());
    zip.extend(u64::from(directory_at).to_le_bytes());
    zip.extend(b"PK\x06\x07");
    zip.extend([0; 4]);
    zip.extend(record_at.to_le_bytes());
    zip.extend(1_u32.to_le_bytes());
    zip.extend(b"PK\x05\x06");
    zip.extend([0; 4]);
    zip.extend([0xFF; 4]);
    zip.extend([0xFF; 8]);
    zip.extend([0, 0]);
    let archive = open(zip);
    assert_eq!(archive.problem(), Some(ArchiveProblem::TooManyEntries));
    assert_eq!(archive.count(), 0);
}

#[test]
fn folders_are_passed_over() {
    let mut folder = file("邮件/", b"");
    folder.deflate = false;
    assert_eq!(items(archive(&[folder, file("邮件/a.json", b"{}")])).len(), 1);
    assert_eq!(entry_name(b"\xd3\xca\xbc\xfe/a.json"), "邮件/a.json");
}
