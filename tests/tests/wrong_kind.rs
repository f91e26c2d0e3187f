//! Files of the wrong kind at every reader that takes a file (issue 21): a key file, a draft, a
//! signed result, a signed summary, a review file, the key register, the expected list, a report,
//! a catalogue, the desk's analysis, and files of other programs (a zip, a Word or Excel file, a
//! PDF, an image, a web page, plain text) are each named by what they are, in both languages, by
//! the one detection of the core (`selfcheck_core::wire::detect_file`), never with a JSON reader's
//! message.

use selfcheck_bureau::{ExpectedList, Reviews, examine, verify_summary};
use selfcheck_core::keys::KeyFileEncryption;
use selfcheck_core::wire::{file_text, oversized};
use selfcheck_core::{Answers, AssociationKey, Catalogue, Document, Error, KeyRegister, Lang, verify_result};
use selfcheck_tests::now;

fn data(path: &str) -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/").to_owned() + path).unwrap()
}

/// A sample of each kind a person may pick by mistake, as bytes.
fn samples() -> Vec<(Document, Vec<u8>)> {
    let zip = |entry: &str| {
        let mut bytes = b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\x04\0\0\0\x04\0\0\0".to_vec();
        bytes.extend((entry.len() as u16).to_le_bytes());
        bytes.extend([0, 0]);
        bytes.extend(entry.as_bytes());
        bytes.extend(b"<x/>");
        bytes
    };
    vec![
        (Document::KeyFile, data("keys/openssl-pbkdf2-1000.pem")),
        (Document::Answers, data("golden/answers-complete.json")),
        (Document::Result, data("golden/result-complete.json")),
        (
            Document::Summary,
            br#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential", "SelfcheckBureauSummaryCredential"]}"#.to_vec(),
        ),
        (Document::Review, br#"{"format": "selfcheck-review/1", "reviews": []}"#.to_vec()),
        (Document::Register, b"# keys\n514400005000031282 6161 1210 84A6 3F2B 9C01 D5A9 8173 E3B2\n".to_vec()),
        (Document::ExpectedList, "单位名称,统一社会信用代码\r\n广东省示例行业协会,514400005000031282\r\n".as_bytes().to_vec()),
        (Document::Report, br#"{"format": "selfcheck-report/1", "total": 0}"#.to_vec()),
        (Document::Catalogue, data("catalogues/mini.json")),
        (Document::Analysis, br#"{"format": "selfcheck-analysis/1", "files": []}"#.to_vec()),
        (Document::Archive, zip("邮件/514400005000031282-2026-10.json")),
        (Document::WordProcessing, zip("word/document.xml")),
        (Document::Spreadsheet, zip("xl/workbook.xml")),
        (Document::Pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n".to_vec()),
        (Document::Image, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec()),
        (Document::Media, b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41".to_vec()),
        (Document::WebPage, "<!DOCTYPE html>\n<html><body>自查结果</body></html>\n".as_bytes().to_vec()),
        (Document::PlainText, "本协会本月自查情况说明：各项工作均已完成。\n".as_bytes().to_vec()),
    ]
}

/// A reader that takes a file, as a function from its bytes to the error it gives, and the kind
/// it reads. Readers of text get the text as a host reads it (`file_text`), as the widget does.
type Reader = Box<dyn Fn(&[u8]) -> Result<(), Error>>;

fn readers() -> Vec<(&'static str, Document, Reader)> {
    let mini = || Catalogue::from_json(&String::from_utf8(data("catalogues/mini.json")).unwrap()).unwrap();
    let text = |bytes: &[u8], what| file_text(bytes, what).map(str::to_owned);
    vec![
        (
            "result",
            Document::Result,
            Box::new(move |bytes| {
                verify_result(&text(bytes, Document::Result)?, &[Catalogue::builtin()], &now()).map(drop)
            }),
        ),
        (
            "received file",
            Document::Result,
            Box::new(|bytes| {
                let catalogues = [Catalogue::builtin()];
                match examine("file", bytes, &catalogues, &now()).judge(None).reason() {
                    Some(selfcheck_bureau::Reason::Error(selfcheck_bureau::Error::Core(error))) => Err(error.clone()),
                    _ => Ok(()),
                }
            }),
        ),
        (
            "draft",
            Document::Draft,
            Box::new(move |bytes| Answers::from_draft_json(&mini(), &text(bytes, Document::Draft)?).map(drop)),
        ),
        (
            "answers",
            Document::Answers,
            Box::new(move |bytes| Answers::from_json(&mini(), &text(bytes, Document::Answers)?).map(drop)),
        ),
        (
            "catalogue",
            Document::Catalogue,
            Box::new(move |bytes| Catalogue::from_json(&text(bytes, Document::Catalogue)?).map(drop)),
        ),
        (
            "key file",
            Document::KeyFile,
            Box::new(move |bytes| {
                AssociationKey::from_encrypted_pem(&text(bytes, Document::KeyFile)?, "passphrase").map(drop)
            }),
        ),
        (
            "key file (opened by a host)",
            Document::KeyFile,
            Box::new(move |bytes| KeyFileEncryption::read(&text(bytes, Document::KeyFile)?).map(drop)),
        ),
        (
            "register",
            Document::Register,
            Box::new(move |bytes| KeyRegister::parse(&text(bytes, Document::Register)?).map(drop)),
        ),
        ("expected list", Document::ExpectedList, Box::new(|bytes| ExpectedList::from_bytes(bytes).map(drop))),
        (
            "review file",
            Document::Review,
            Box::new(move |bytes| Reviews::from_json(&text(bytes, Document::Review)?).map(drop)),
        ),
        (
            "signed summary",
            Document::Summary,
            Box::new(move |bytes| verify_summary(&text(bytes, Document::Summary)?, &now()).map(drop)),
        ),
    ]
}

/// Whether `reader` (reading `what`) takes `found` as its own kind, or reports what is wrong in it
/// itself: answers for a draft and the other way round, and plain text for the readers of text
/// files (the register and the expected list say line by line what is wrong).
fn reads_as_its_own(what: Document, found: Document) -> bool {
    found == what
        || (matches!(what, Document::Draft | Document::Answers) && found == Document::Answers)
        || (matches!(what, Document::Register | Document::ExpectedList) && found == Document::PlainText)
}

#[test]
fn every_reader_names_every_kind_of_file_it_does_not_read() {
    for (reader_name, what, reader) in readers() {
        for (found, bytes) in samples() {
            if reads_as_its_own(what, found) {
                continue;
            }
            let error = reader(&bytes).expect_err(&format!("the {reader_name} reader accepted a {found:?}"));
            assert_eq!(
                error,
                Error::WrongDocument { expected: what, found },
                "the {reader_name} reader, given a {found:?}: {error}"
            );
            let (zh, en) = (error.message(Lang::Zh), error.message(Lang::En));
            assert!(zh.starts_with("这是") && zh.contains("，不是"), "{zh}");
            assert!(en.starts_with("This is a") && en.contains(", not a"), "{en}");
        }
    }
}

#[test]
fn each_kind_is_named_in_both_languages() {
    let names = [
        (Document::KeyFile, "这是密钥文件，不是签名的自查结果。", "This is a key file, not a signed result."),
        (
            Document::PlainText,
            "这是纯文本文件，不是签名的自查结果。",
            "This is a plain text file, not a signed result.",
        ),
        (Document::Spreadsheet, "这是电子表格，不是签名的自查结果。", "This is a spreadsheet, not a signed result."),
        (
            Document::WordProcessing,
            "这是文字处理文档，不是签名的自查结果。",
            "This is a word-processing document, not a signed result.",
        ),
        (Document::Archive, "这是压缩包，不是签名的自查结果。", "This is a zip archive, not a signed result."),
        (Document::Image, "这是图片，不是签名的自查结果。", "This is an image, not a signed result."),
        (
            Document::Media,
            "这是音视频文件，不是签名的自查结果。",
            "This is a video or audio file, not a signed result.",
        ),
        (Document::Pdf, "这是 PDF 文件，不是签名的自查结果。", "This is a PDF file, not a signed result."),
        (
            Document::Analysis,
            "这是审核台的分析结果文件，不是签名的自查结果。",
            "This is a review desk's analysis file, not a signed result.",
        ),
    ];
    for (found, zh, en) in names {
        let error = Error::WrongDocument { expected: Document::Result, found };
        assert_eq!((error.message(Lang::Zh).as_str(), error.message(Lang::En).as_str()), (zh, en));
    }
    let expected = Error::WrongDocument { expected: Document::ExpectedList, found: Document::Register };
    assert_eq!(expected.message(Lang::En), "This is a key register, not an expected list.");
}

#[test]
fn a_file_too_large_to_read_is_named_by_its_first_bytes() {
    let pdf = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".as_slice(), &[0x9c; 1000]].concat();
    assert_eq!(
        oversized(Document::KeyFile, 40_000, 16_384, &pdf),
        Error::WrongDocument { expected: Document::KeyFile, found: Document::Pdf }
    );
    let json = br#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["Verifi"#;
    assert!(matches!(oversized(Document::Result, 5_000_000, 4_194_304, json), Error::TooLarge { .. }));
}
