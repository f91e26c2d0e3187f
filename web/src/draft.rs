//! The draft as the widget stores and compares it: the answers with the profile as typed, as a
//! document, and its digest (equal digests, the same draft).

use selfcheck_core::wire::{AnswersDoc, ProfileDoc};
use selfcheck_core::{Answers, Catalogue};

/// The draft as a document: the answers with the profile as typed.
pub fn draft_doc(catalogue: &Catalogue, answers: &Answers, profile: &ProfileDoc) -> AnswersDoc {
    let mut doc = answers.to_doc(catalogue);
    doc.profile = profile.clone();
    doc
}

/// SHA-256 of the draft as stored (answers and the profile as typed): equal digests, same draft.
pub fn draft_digest(catalogue: &Catalogue, answers: &Answers, profile: &ProfileDoc) -> String {
    let json = selfcheck_core::json::compact(&draft_doc(catalogue, answers, profile).to_json());
    selfcheck_core::credential::sha256_hex(json.as_bytes())
}
