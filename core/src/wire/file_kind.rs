//! What kind of file a person gave, from its bytes: one of selfcheck's documents, or a file of
//! another program picked by mistake (a zip, a Word or Excel file, a PDF, an image, a web page,
//! plain text), so that every reader that takes a file names it ("this is a key file, not a signed
//! result") instead of reporting where a JSON reader stumbled in it.

use crate::error::{Document, Error};
use crate::json;

/// How much of a file [`oversized`] needs to name its kind: the first bytes of a file of
/// another program say what it is, and the first entries of a zip archive which program made it.
pub const HEAD_BYTES: usize = 64 * 1024;

/// What kind of file `bytes` hold, or `None` when that cannot be told: broken JSON (its reader
/// says where it breaks), text that is not UTF-8 (its reader says so, and when it looks like GBK),
/// an empty file, or bytes of no kind recognized.
///
/// `bytes` may be only the first bytes of a file ([`HEAD_BYTES`]): the kinds of other programs
/// are told from their first bytes, and a character cut at the end is left out.
///
/// ```
/// use selfcheck_core::Document;
/// use selfcheck_core::wire::detect_file;
///
/// assert_eq!(detect_file(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n"), Some(Document::KeyFile));
/// assert_eq!(detect_file(b"%PDF-1.7\n"), Some(Document::Pdf));
/// assert_eq!(detect_file("本协会自查情况说明".as_bytes()), Some(Document::PlainText));
/// assert_eq!(detect_file(br#"{"format": "selfcheck-answers/1""#), None);
/// ```
pub fn detect_file(bytes: &[u8]) -> Option<Document> {
    if let Some(found) = binary_kind(bytes) {
        return Some(found);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // Only a character cut at the end of a file's first bytes; anything else is not UTF-8.
        Err(error) if error.error_len().is_none() => std::str::from_utf8(&bytes[..error.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    text_kind(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The text of a file given as a `what`: a file of another program (an archive, a PDF, an image,
/// …) is named as such, and other bytes that are not UTF-8 are refused as not UTF-8 (saying when
/// they look like GBK). A leading byte-order mark is dropped.
///
/// # Errors
/// [`Error::WrongDocument`] naming the kind found, or [`Error::Json`] with
/// [`json::JsonErrorKind::NotUtf8`].
pub fn file_text(bytes: &[u8], what: Document) -> Result<&str, Error> {
    json::decode(bytes).map_err(|error| match binary_kind(bytes) {
        Some(found) => Error::WrongDocument { expected: what, found },
        None => Error::Json { what, error },
    })
}

/// Why a file of `size` bytes given as a `what` is refused before it is read whole: it is over
/// `limit`, unless its first bytes `head` (at most [`HEAD_BYTES`] of them) show that it is a file
/// of another kind, which says more.
pub fn oversized(what: Document, size: usize, limit: usize, head: &[u8]) -> Error {
    match detect_file(head) {
        Some(found) if found != what && found != Document::UnknownJson => {
            Error::WrongDocument { expected: what, found }
        }
        _ => Error::TooLarge { what, size, limit },
    }
}

/// The error for `text`, given as a `what`, that its reader could not read: the kind it turns out
/// to be when that is another, else the reader's own `error`. Plain text is named only where
/// JSON or a key is read: the register and the expected list are plain text, and their readers
/// say line by line what is wrong.
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub fn named_or(text: &str, what: Document, error: Error) -> Error {
    let reads_plain_text = matches!(what, Document::Register | Document::ExpectedList);
    match detect_file(text.as_bytes()) {
        Some(found) if found != what && !(reads_plain_text && found == Document::PlainText) => {
            Error::WrongDocument { expected: what, found }
        }
        _ => error,
    }
}

/// The kind of a file of another program, by its first bytes (its "magic number").
fn binary_kind(bytes: &[u8]) -> Option<Document> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    match bytes {
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Some(archive_kind(bytes)),
        _ if bytes.starts_with(OLE) => ole_kind(bytes),
        _ if bytes.starts_with(b"%PDF-") => Some(Document::Pdf),
        _ if bytes.starts_with(PNG)
            || bytes.starts_with(b"\xff\xd8\xff")
            || bytes.starts_with(b"GIF87a")
            || bytes.starts_with(b"GIF89a")
            || bytes.starts_with(b"II*\0")
            || bytes.starts_with(b"MM\0*")
            || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
            // A bitmap's two reserved words are zero: no text starting "BM" has them.
            || (bytes.starts_with(b"BM") && bytes.get(6..10) == Some(&[0, 0, 0, 0])) =>
        {
            Some(Document::Image)
        }
        // ISO media (MP4, MOV, M4A): a box "ftyp" at 4; RIFF's AVI and WAVE; Matroska and WebM
        // (EBML); ASF (WMV, WMA); FLV; Ogg; MP3 with its ID3 tag or a frame header.
        _ if bytes.get(4..8) == Some(b"ftyp")
            || (bytes.starts_with(b"RIFF") && matches!(bytes.get(8..12), Some(b"AVI " | b"WAVE")))
            || bytes.starts_with(b"\x1a\x45\xdf\xa3")
            || bytes.starts_with(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11")
            || bytes.starts_with(b"FLV\x01")
            || bytes.starts_with(b"OggS")
            || bytes.starts_with(b"ID3")
            || bytes.starts_with(b"\xff\xfb") =>
        {
            Some(Document::Media)
        }
        _ => None,
    }
}

/// A zip archive, or the Office Open XML or OpenDocument file that is one: told by the names of
/// its entries (`word/…`, `xl/…`) or its `mimetype` entry.
fn archive_kind(bytes: &[u8]) -> Document {
    const OPEN_DOCUMENT: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.";
    if let Some(kind) = bytes.get(30..).filter(|rest| rest.starts_with(OPEN_DOCUMENT)) {
        let kind = &kind[OPEN_DOCUMENT.len()..];
        if kind.starts_with(b"text") {
            return Document::WordProcessing;
        }
        if kind.starts_with(b"spreadsheet") {
            return Document::Spreadsheet;
        }
    }
    for name in entry_names(bytes) {
        if name.starts_with(b"word/") {
            return Document::WordProcessing;
        }
        if name.starts_with(b"xl/") {
            return Document::Spreadsheet;
        }
    }
    Document::Archive
}

/// The names of a zip archive's entries: from its central directory when the whole file is
/// there, else from the local headers in the bytes given, while their sizes are known.
fn entry_names(bytes: &[u8]) -> Vec<&[u8]> {
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|pair| usize::from(u16::from_le_bytes([pair[0], pair[1]])));
    let u32_at =
        |at: usize| bytes.get(at..at + 4).map(|four| u32::from_le_bytes([four[0], four[1], four[2], four[3]]) as usize);
    let name_at = |at: usize, length: usize| bytes.get(at..at + length);
    let mut names = Vec::new();
    // The end of the central directory is within the last 64 KiB + 22 bytes (its comment).
    let end = (bytes.len().saturating_sub(22 + 0xFFFF)..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| bytes.get(at..at + 4) == Some(b"PK\x05\x06"));
    if let Some(mut at) = end.and_then(|end| u32_at(end + 16)) {
        while bytes.get(at..at + 4) == Some(b"PK\x01\x02") {
            let (Some(length), Some(extra), Some(comment)) = (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32)) else {
                break;
            };
            let Some(name) = name_at(at + 46, length) else { break };
            names.push(name);
            at += 46 + length + extra + comment;
        }
        return names;
    }
    let mut at = 0;
    while bytes.get(at..at + 4) == Some(b"PK\x03\x04") {
        let (Some(flags), Some(size), Some(length), Some(extra)) =
            (u16_at(at + 6), u32_at(at + 18), u16_at(at + 26), u16_at(at + 28))
        else {
            break;
        };
        let Some(name) = name_at(at + 30, length) else { break };
        names.push(name);
        // Bit 3: the sizes follow the data, so the next header cannot be found from here.
        if flags & 0x8 != 0 {
            break;
        }
        at += 30 + length + extra + size;
    }
    names
}

/// An OLE compound file (Office 97–2003) by the streams it names, in UTF-16: `WordDocument` is a
/// Word document, `Workbook` or `Book` an Excel workbook.
fn ole_kind(bytes: &[u8]) -> Option<Document> {
    let holds = |name: &[u8]| bytes.windows(name.len()).any(|window| window == name);
    if holds(b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0") {
        Some(Document::WordProcessing)
    } else if holds(b"W\0o\0r\0k\0b\0o\0o\0k\0") || holds(b"B\0o\0o\0k\0\0\0") {
        Some(Document::Spreadsheet)
    } else {
        None
    }
}

/// The kind of a text: JSON as [`super::detect`] names it, a PEM key file, the bureau's key
/// register or expected list, a web page, or plain text.
fn text_kind(text: &str) -> Option<Document> {
    let start = text.trim_start();
    if start.is_empty() {
        return None;
    }
    if start.starts_with(['{', '[']) {
        return json::parse(text).ok().map(|value| super::detect(&value));
    }
    if text.lines().any(|line| line.trim_start().starts_with("-----BEGIN ")) {
        return Some(Document::KeyFile);
    }
    if let Ok(value) = json::parse(text) {
        return Some(super::detect(&value));
    }
    // Text with control characters other than line breaks and tabs is no file a person wrote.
    if text.chars().any(|character| character.is_control() && !matches!(character, '\n' | '\r' | '\t' | '\u{c}')) {
        return None;
    }
    let starts = |prefix: &str| start.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
    if starts("<!doctype html") || starts("<html") {
        return Some(Document::WebPage);
    }
    if text.lines().any(crate::register::looks_like_entry) {
        return Some(Document::Register);
    }
    if looks_like_list(text) {
        return Some(Document::ExpectedList);
    }
    Some(Document::PlainText)
}

/// Whether `text` is a table as Excel saves one (comma- or tab-separated) with a credit code in a
/// cell: the expected list, or a table like it. Only a table: the lines of a plain-text list (a
/// code and a name) read just as well as a register's lines with a wrong fingerprint, which are a
/// register with mistakes. (Not the list's reader itself: the widget, which reads no list, would
/// carry it.)
fn looks_like_list(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|line| !line.is_empty() && !line.starts_with('#')) else {
        return false;
    };
    let separator = if first.contains('\t') {
        '\t'
    } else if first.contains(',') {
        ','
    } else {
        return false;
    };
    // A cell as Excel writes it: quoted, or as a formula keeping a code as text (="…").
    let code = |cell: &str| cell.trim().trim_start_matches('=').trim_matches('"').to_owned();
    text.lines().any(|line| line.split(separator).any(|cell| crate::CreditCode::parse(&code(cell)).is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_97_files_are_told_apart_by_their_streams() {
        let stream = |name: &str| name.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
        let ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".as_slice();
        assert_eq!(detect_file(&[ole, &[0; 500], &stream("WordDocument")].concat()), Some(Document::WordProcessing));
        assert_eq!(detect_file(&[ole, &[0; 500], &stream("Workbook")].concat()), Some(Document::Spreadsheet));
        assert_eq!(detect_file(&[ole, &[0; 500]].concat()), None, "an OLE file of another program");
    }

    #[test]
    fn pdfs_and_images_are_named_by_their_first_bytes() {
        assert_eq!(detect_file(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), Some(Document::Pdf));
        let images: [&[u8]; 7] = [
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            b"\xff\xd8\xff\xe0\0\x10JFIF",
            b"GIF89a\x01\0\x01\0",
            b"RIFF\x24\0\0\0WEBPVP8 ",
            b"BM\x36\0\x0c\0\0\0\0\0\x36\0\0\0",
            b"II*\0\x08\0\0\0",
            b"MM\0*\0\0\0\x08",
        ];
        for image in images {
            assert_eq!(detect_file(image), Some(Document::Image), "{image:?}");
        }
        assert_eq!(detect_file("BMW 行业协会".as_bytes()), Some(Document::PlainText), "text starting BM is text");
    }

    #[test]
    fn selfcheck_documents_and_the_bureau_files_are_named() {
        let key = "Bag Attributes\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0w\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert_eq!(detect_file(key.as_bytes()), Some(Document::KeyFile), "a key file, notes before it");
        let answers = r#"{"format": "selfcheck-answers/1", "catalogue": {}, "answers": {}}"#;
        assert_eq!(detect_file(answers.as_bytes()), Some(Document::Answers));
        let result = r#"{"@context": [], "type": ["VerifiableCredential", "SelfDisciplineSelfAssessmentCredential"]}"#;
        assert_eq!(detect_file(result.as_bytes()), Some(Document::Result));
        let summary = r#"{"type": ["VerifiableCredential", "SelfcheckBureauSummaryCredential"]}"#;
        assert_eq!(detect_file(summary.as_bytes()), Some(Document::Summary));
        assert_eq!(detect_file(br#"{"format": "selfcheck-review/1", "reviews": []}"#), Some(Document::Review));
        assert_eq!(detect_file(br#"{"format": "selfcheck-report/1"}"#), Some(Document::Report));
        assert_eq!(detect_file(br#"{"format": "selfcheck-analysis/1"}"#), Some(Document::Analysis));
        assert_eq!(detect_file(br#"{"format": "selfcheck-analysis/2"}"#), Some(Document::Analysis));
        assert_eq!(detect_file(br#"{"format": 1, "areas": []}"#), Some(Document::Catalogue));
        assert_eq!(detect_file(br#"{"name": "x"}"#), Some(Document::UnknownJson));
        let register = "\u{feff}# 备案表\r\n514400005000031282 6161 1210 84A6 3F2B 9C01 D5A9 8173 E3B2\r\n";
        assert_eq!(detect_file(register.as_bytes()), Some(Document::Register));
        let expected = "\u{feff}序号,单位名称,统一社会信用代码\r\n1,广东省示例行业协会,514400005000031282\r\n";
        assert_eq!(detect_file(expected.as_bytes()), Some(Document::ExpectedList));
        let page = "<!DOCTYPE html>\n<html><body>自查结果</body></html>";
        assert_eq!(detect_file(page.as_bytes()), Some(Document::WebPage));
        assert_eq!(detect_file("本协会本月自查情况说明。\n".as_bytes()), Some(Document::PlainText));
    }

    #[test]
    fn what_cannot_be_told_is_left_to_the_reader() {
        assert_eq!(detect_file(b""), None, "empty");
        assert_eq!(detect_file(b" \n"), None, "blank");
        assert_eq!(detect_file(br#"{"format": "selfcheck-answers/1", "#), None, "cut short");
        assert_eq!(detect_file(b"{\"a\": 1.5}"), None, "not selfcheck's JSON");
        assert_eq!(detect_file(b"\xd7\xd4\xb2\xe9\xbd\xe1\xb9\xfb"), None, "GBK text");
        assert_eq!(detect_file(b"\x00\x01\x02\x03"), None, "bytes of no kind");
        // The first bytes of a text, cut inside a character, are still that text.
        let text = "本协会本月自查情况说明".as_bytes();
        assert_eq!(detect_file(&text[..text.len() - 1]), Some(Document::PlainText));
    }

    #[test]
    fn a_file_of_another_program_is_named_before_its_size_or_encoding() {
        let pdf = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".as_slice(), &[0x9c; 100]].concat();
        assert_eq!(
            file_text(&pdf, Document::Result),
            Err(Error::WrongDocument { expected: Document::Result, found: Document::Pdf })
        );
        assert!(matches!(file_text(b"\xd7\xd4\xb2\xe9", Document::Draft), Err(Error::Json { .. })));
        assert_eq!(file_text(b"\xef\xbb\xbf{}", Document::Draft), Ok("{}"));
        assert_eq!(
            oversized(Document::KeyFile, 40_000, 16_384, &pdf),
            Error::WrongDocument { expected: Document::KeyFile, found: Document::Pdf }
        );
        assert!(matches!(
            oversized(Document::Result, 5_000_000, 4_194_304, b"{\"@context\": ["),
            Error::TooLarge { .. }
        ));
    }
}
