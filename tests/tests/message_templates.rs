//! Every message template, rendered with a value in both languages and read for the slips an
//! adversarial corpus found: a value quoted twice (`The proof's purpose is ""authentication""`),
//! and an English article that does not fit its noun ("a expected list"). `wording.rs` reads the
//! Chinese of the sources; this reads what the templates make of their values.

use selfcheck_bureau::{ArchiveProblem, InputRole};
use selfcheck_core::error::ProofProblem;
use selfcheck_core::keys::KeyFileProblem;
use selfcheck_core::{Catalogue, CreditCodeError, Document, Error, Lang, Problem, ProblemKind, verify_result};
use selfcheck_tests::{now, resigned};

const DOCUMENTS: [Document; 21] = [
    Document::Result,
    Document::Answers,
    Document::Draft,
    Document::Catalogue,
    Document::Report,
    Document::KeyFile,
    Document::Register,
    Document::ExpectedList,
    Document::Review,
    Document::Summary,
    Document::Analysis,
    Document::OtherCredential,
    Document::UnknownJson,
    Document::Archive,
    Document::WordProcessing,
    Document::Spreadsheet,
    Document::Pdf,
    Document::Image,
    Document::Media,
    Document::WebPage,
    Document::PlainText,
];

/// Every error whose template takes a value or a name, with one: the core's and the bureau's.
fn errors() -> Vec<selfcheck_bureau::Error> {
    let mut errors: Vec<selfcheck_bureau::Error> = core_errors().into_iter().map(Into::into).collect();
    errors.extend(InputRole::ALL.into_iter().map(selfcheck_bureau::Error::SummaryInputMissing));
    errors.extend(ArchiveProblem::ALL.into_iter().map(selfcheck_bureau::Error::Archive));
    errors
}

/// The core's errors whose template takes a value or a name, with one.
fn core_errors() -> Vec<Error> {
    let mut errors = Vec::new();
    for found in DOCUMENTS {
        for expected in DOCUMENTS {
            if found != expected {
                errors.push(Error::WrongDocument { expected, found });
            }
        }
        errors.push(Error::TooLarge { what: found, size: 5_000_000, limit: 4_194_304 });
        let problems = vec![Problem::new("profile.name", ProblemKind::MustBe("广东省示例行业协会".into()))];
        errors.push(Error::Malformed { what: found, problems });
    }
    for value in ["authentication", "Ed25519Signature2020", "eddsa-rdfc-2022", "did:key:z6Mk"] {
        errors.push(Error::UnsupportedProof(ProofProblem::Type(value.into())));
        errors.push(Error::UnsupportedProof(ProofProblem::Cryptosuite(value.into())));
        errors.push(Error::UnsupportedProof(ProofProblem::Purpose(value.into())));
        errors.push(Error::UnsupportedProof(ProofProblem::NoKeyFragment(value.into())));
    }
    for label in ["EC PRIVATE KEY", "RSA PRIVATE KEY", "CERTIFICATE", "OPENSSH PRIVATE KEY"] {
        for unencrypted in [true, false] {
            errors.push(Error::KeyFile(KeyFileProblem::WrongLabel { label: label.into(), unencrypted }));
        }
    }
    for kind in [
        ProblemKind::CreditCode(CreditCodeError::InvalidCharacter { position: 4, found: 'I' }),
        ProblemKind::CreditCode(CreditCodeError::CheckMismatch { expected: '2', found: 'X' }),
        ProblemKind::NotOneOf { allowed: &["yes", "no"], found: "maybe".into() },
        ProblemKind::BadLink("ftp://example.org".into()),
        ProblemKind::BadDate("2026-13-01".into()),
        ProblemKind::BadEmail("someone".into()),
        ProblemKind::UnknownItem("B1.9".into()),
        ProblemKind::IdOutsideParent("A".into()),
        ProblemKind::KeyOfAnotherAssociation("514400005000031282".into()),
        ProblemKind::CodeAsNumber("5.144E+17".into()),
        ProblemKind::BadTime("yesterday".into()),
        ProblemKind::BadMonth("2026-13".into()),
    ] {
        errors.push(Error::Malformed { what: Document::Answers, problems: vec![Problem::new("A1", kind)] });
    }
    errors
}

/// A value quoted twice: the same quotation mark twice over (`““`, `””`), or ASCII quotes doubled
/// against a word (`""authentication""`). (Chinese lists quoted words side by side, “I”“O”: a
/// closing mark before an opening one is typesetting, not a slip.)
fn doubled_quotes(message: &str) -> Option<String> {
    let characters: Vec<char> = message.chars().collect();
    characters.windows(3).find_map(|three| {
        let slip = match (three[0], three[1], three[2]) {
            ('“', '“', _) | ('”', '”', _) | ('‘', '‘', _) | ('’', '’', _) => true,
            ('"', '“', _) | ('“', '"', _) | ('"', '”', _) | ('”', '"', _) => true,
            ('"', '"', next) => next.is_alphanumeric(),
            (before, '"', '"') => before.is_alphanumeric(),
            _ => false,
        };
        slip.then(|| three.iter().collect())
    })
}

/// An English indefinite article before a vowel ("a expected list").
fn wrong_article(message: &str) -> Option<String> {
    let words: Vec<&str> = message.split(|c: char| c.is_whitespace() || c == '(' || c == '"').collect();
    words.windows(2).find_map(|pair| {
        let next = pair[1].to_ascii_lowercase();
        // "a unified …", "a UTF-8 file" sound like "you".
        let sounds_like_a_vowel = next.starts_with(['a', 'e', 'i', 'o'])
            || (next.starts_with('u') && !next.starts_with("uni") && !next.starts_with("utf"));
        (pair[0] == "a" && sounds_like_a_vowel).then(|| format!("a {}", pair[1]))
    })
}

#[test]
fn no_template_quotes_a_value_twice_or_puts_a_before_a_vowel() {
    let mut slips = Vec::new();
    for error in errors() {
        for lang in [Lang::Zh, Lang::En] {
            let message = error.message(lang);
            if let Some(slip) = doubled_quotes(&message) {
                slips.push(format!("{slip} in {message}"));
            }
            if lang == Lang::En {
                if let Some(slip) = wrong_article(&message) {
                    slips.push(format!("\"{slip}\" in {message}"));
                }
            }
        }
    }
    assert!(slips.is_empty(), "{}", slips.join("\n"));
}

#[test]
fn a_proof_field_is_quoted_once_in_the_message_a_verifier_shows() {
    // Before: `The proof's purpose is ""authentication""`, the value's JSON quotes inside the
    // message's own.
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let mut result = resigned(&[], "2026-11-05T02:30:00Z");
    result = result.replace("\"assertionMethod\"", "\"authentication\"");
    assert!(result.contains("authentication"));
    let error = verify_result(&result, &catalogues, &now()).unwrap_err();
    assert_eq!(error.message(Lang::En), "The proof's purpose is \"authentication\"; it must be assertionMethod.");
    assert_eq!(error.message(Lang::Zh), "签名用途为“authentication”，应为“assertionMethod”。");
}

#[test]
fn a_summary_names_the_input_it_misses_with_the_right_article() {
    // Before: "The summary used a expected list that is not among its inputs".
    assert_eq!(
        selfcheck_bureau::Error::SummaryInputMissing(InputRole::Expected).message(Lang::En),
        "The summary used an expected list that is not among its inputs: nobody could compute it again."
    );
}
