//! Evidence (a link, or a file known by its digest) and the limits of free text, shared by
//! the answers, this month's report and the reply to a notice.

use crate::error::{Problem, ProblemKind};
use crate::wire::EvidenceDoc;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;
/// The longest profile field or evidence name or link, in characters.
pub const MAX_FIELD_CHARS: usize = 2000;
/// The most pieces of evidence per criterion, problem or item of a reply.
pub const MAX_EVIDENCE: usize = 50;

/// A piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// An http(s) address.
    Link(String),
    /// A local file, known by name, size and SHA-256; the file itself stays on the machine.
    File {
        /// File name.
        name: String,
        /// Size in bytes.
        size: u64,
        /// Lowercase hex SHA-256.
        sha256: String,
    },
}

/// Checks a piece of evidence as read: the domain value, and what is wrong with it at `at`.
pub(crate) fn check_evidence(at: &str, evidence: &EvidenceDoc, problems: &mut Vec<Problem>) -> Evidence {
    match evidence {
        EvidenceDoc::Link { url } => {
            if !is_http_url(url) {
                problems.push(Problem::new(at, ProblemKind::BadLink(url.clone())));
            }
            Evidence::Link(url.clone())
        }
        EvidenceDoc::File { name, size, sha256 } => {
            if name.trim().is_empty() {
                problems.push(Problem::new(at, ProblemKind::EmptyFileName));
            } else if name.chars().count() > MAX_FIELD_CHARS {
                problems.push(Problem::new(at, ProblemKind::TooLong { limit: MAX_FIELD_CHARS }));
            }
            if !crate::canonical::is_sha256_hex(sha256) {
                problems.push(Problem::new(at, ProblemKind::BadFileDigest));
            }
            if *size > crate::MAX_SAFE_INTEGER {
                problems.push(Problem::new(
                    at,
                    ProblemKind::OutOfRange { min: 0, max: crate::MAX_SAFE_INTEGER as i64, found: i64::MAX },
                ));
            }
            Evidence::File { name: name.clone(), size: *size, sha256: sha256.clone() }
        }
    }
}

/// Whether `url` is an http:// or https:// address with a host, no spaces, and not too long.
pub fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.chars().any(char::is_whitespace) && url.chars().count() <= MAX_FIELD_CHARS
    })
}

/// A piece of evidence as the formats write it.
pub(crate) fn evidence_doc(evidence: &Evidence) -> EvidenceDoc {
    match evidence {
        Evidence::Link(url) => EvidenceDoc::Link { url: url.clone() },
        Evidence::File { name, size, sha256 } => {
            EvidenceDoc::File { name: name.clone(), size: *size, sha256: sha256.clone() }
        }
    }
}
