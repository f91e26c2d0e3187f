//! The review desk's reading of a received `.zip` on any bytes: by the central directory or by
//! the local headers, archives inside archives, names in GBK, bombs, ZIP64. Every entry is a file
//! no larger than a result can be or a row with a digest of what was received for it; an archive
//! that cannot be opened, or lists too many files, gives no entry at all.
#![no_main]

use libfuzzer_sys::fuzz_target;
use selfcheck_bureau::{ArchiveProblem, InputFile, unopened_file};
use selfcheck_core::{Lang, credential::sha256_hex};
use selfcheck_desk::archive::{Archive, Bytes, Item, MAX_ENTRY_BYTES};

fuzz_target!(|data: &[u8]| {
    let mut archive = Archive::open(Box::new(Bytes::new(data.to_vec())));
    let problem = archive.problem();
    let mut entries = 0;
    for item in archive.by_ref() {
        entries += 1;
        match item {
            Item::File { name, content } => {
                assert!(content.len() <= MAX_ENTRY_BYTES, "{name}: {} bytes", content.len());
                assert!(!name.split(['/', '\\']).any(|part| part == ".."), "{name} leads out of the archive");
            }
            Item::Unread { name, size, sha256, stored, problem } => {
                assert_eq!(sha256.len(), 64);
                if let Some(stored) = &stored {
                    assert_eq!((stored.len() as u64, sha256_hex(stored)), (size, sha256.clone()), "{name}");
                }
                // The row the desk makes of it says, in both languages, why it was not read.
                let row = unopened_file(InputFile { name, size, sha256 }, problem).judge(None);
                assert!(row.stage().is_some());
                let _ = (row.message(Lang::Zh), row.message(Lang::En));
            }
        }
    }
    if matches!(problem, Some(ArchiveProblem::Damaged | ArchiveProblem::TooManyEntries)) {
        assert_eq!(entries, 0, "{problem:?}: nothing of it is read");
    }
});
