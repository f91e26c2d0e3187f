//! The draft, the key and the last export in the browser's storage, under a namespace, with
//! a revision number so that two tabs never overwrite each other in silence.

use std::rc::Rc;

use selfcheck_core::wire::{AnswersDoc, ProfileDoc};
use selfcheck_core::{Answers, Catalogue, PublicKey};
use serde::{Deserialize, Serialize};

use crate::browser;
use crate::state::{ExportInfo, KeyInfo};

/// Storage keys of one widget instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// The draft envelope.
    pub draft: String,
    key: String,
    export: String,
    lang: String,
    unreadable: String,
}

impl Keys {
    /// The keys under `namespace`.
    pub fn new(namespace: &str) -> Keys {
        Keys {
            draft: format!("selfcheck:{namespace}:draft"),
            key: format!("selfcheck:{namespace}:key"),
            export: format!("selfcheck:{namespace}:export"),
            lang: format!("selfcheck:{namespace}:lang"),
            unreadable: format!("selfcheck:{namespace}:draft-unreadable"),
        }
    }
}

/// The stored draft with the revision and the tab that wrote it.
#[derive(Serialize, Deserialize)]
struct Envelope {
    revision: u64,
    tab: String,
    /// The answers document, as the core writes it.
    draft: serde_json::Value,
}

/// The draft as the JSON value stored in the envelope.
fn draft_value(draft: &AnswersDoc) -> serde_json::Value {
    serde_json::from_str(&selfcheck_core::json::compact(&draft.to_json())).unwrap_or_default()
}

/// The stored key: encrypted PEM and whether its backup was downloaded.
#[derive(Serialize, Deserialize)]
struct StoredKey {
    pem: String,
    did: String,
    backed_up: bool,
}

/// The stored summary of the last export. Exports recorded before the draft digest was kept
/// have none, and no draft matches them: the summary is then printed as a draft.
#[derive(Serialize, Deserialize)]
struct StoredExport {
    file_name: String,
    digest: String,
    signed_at: String,
    fingerprint: String,
    #[serde(default)]
    draft_digest: String,
}

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

/// A restored draft and the revision it was stored at.
pub struct Restored {
    /// The answers and the profile as typed.
    pub draft: Option<(Answers, ProfileDoc)>,
    /// The stored revision (0 when nothing was stored).
    pub revision: u64,
    /// A stored draft could not be read; it was set aside under another key, not lost.
    pub set_aside: bool,
    /// The version of the catalogue the draft was begun under, when it was carried over.
    pub carried_over_from: Option<String>,
}

/// A draft's answers, read against `catalogue` or carried over from an earlier version of it,
/// with that version when it was.
pub fn read_draft(
    catalogue: &Catalogue,
    json: &str,
) -> Result<(Answers, ProfileDoc, Option<String>), selfcheck_core::Error> {
    selfcheck_core::migrate::read_draft(catalogue, json)
        .map(|(answers, profile, from)| (answers, profile, from.map(|from| from.version().to_owned())))
}

/// Reads the stored draft.
pub fn restore(keys: &Keys, catalogue: &Catalogue) -> Restored {
    let Some(text) = browser::load(&keys.draft) else {
        return Restored { draft: None, revision: 0, set_aside: false, carried_over_from: None };
    };
    let parsed = serde_json::from_str::<Envelope>(&text).ok().and_then(|envelope| {
        let json = envelope.draft.to_string();
        read_draft(catalogue, &json).ok().map(|draft| (draft, envelope.revision))
    });
    match parsed {
        Some(((answers, profile, from), revision)) => {
            Restored { draft: Some((answers, profile)), revision, set_aside: false, carried_over_from: from }
        }
        None => {
            browser::store(&keys.unreadable, &text);
            Restored { draft: None, revision: 0, set_aside: true, carried_over_from: None }
        }
    }
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Stored (or already stored as it is).
    Saved,
    /// Another tab stored a newer draft since this one last read or wrote it.
    Conflict,
    /// The browser refused.
    Failed,
}

/// Saves `draft` unless another tab saved a newer one since `base_revision`; updates it.
pub fn save(keys: &Keys, tab: &str, base_revision: &mut u64, draft: &AnswersDoc, force: bool) -> SaveOutcome {
    let stored = browser::load(&keys.draft).and_then(|text| serde_json::from_str::<Envelope>(&text).ok());
    let draft = draft_value(draft);
    if let Some(stored) = &stored {
        if stored.draft == draft {
            *base_revision = stored.revision;
            return SaveOutcome::Saved;
        }
        if stored.revision > *base_revision && stored.tab != tab && !force {
            return SaveOutcome::Conflict;
        }
    }
    let revision = stored.map_or(0, |stored| stored.revision).max(*base_revision) + 1;
    let envelope = Envelope { revision, tab: tab.to_owned(), draft };
    let Ok(text) = serde_json::to_string(&envelope) else { return SaveOutcome::Failed };
    if browser::store(&keys.draft, &text) {
        *base_revision = revision;
        SaveOutcome::Saved
    } else {
        SaveOutcome::Failed
    }
}

/// The draft another tab stored, with its revision.
pub fn other_tab_draft(keys: &Keys, catalogue: &Catalogue) -> Option<((Answers, ProfileDoc), u64)> {
    let envelope: Envelope = serde_json::from_str(&browser::load(&keys.draft)?).ok()?;
    let json = envelope.draft.to_string();
    read_draft(catalogue, &json).ok().map(|(answers, profile, _)| ((answers, profile), envelope.revision))
}

/// Removes the stored draft.
pub fn clear_draft(keys: &Keys) {
    browser::forget(&keys.draft);
}

/// The stored key, if any and readable.
pub fn load_key(keys: &Keys) -> Option<KeyInfo> {
    // The key file holds the public key only encrypted, so its did:key is stored beside it.
    let stored: StoredKey = serde_json::from_str(&browser::load(&keys.key)?).ok()?;
    key_info(&stored.pem, &PublicKey::from_did(&stored.did).ok()?, stored.backed_up)
}

/// The key's facts for the interface.
pub fn key_info(pem: &str, public: &PublicKey, backed_up: bool) -> Option<KeyInfo> {
    Some(KeyInfo { pem: Rc::from(pem), fingerprint: public.fingerprint(), did: public.did(), backed_up })
}

/// Stores the key (encrypted PEM and its did:key).
pub fn store_key(keys: &Keys, key: &KeyInfo) -> bool {
    let stored = StoredKey { pem: key.pem.to_string(), did: key.did.clone(), backed_up: key.backed_up };
    serde_json::to_string(&stored).is_ok_and(|text| browser::store(&keys.key, &text))
}

/// Removes the stored key.
pub fn forget_key(keys: &Keys) {
    browser::forget(&keys.key);
}

/// The last export, if recorded.
pub fn load_export(keys: &Keys) -> Option<ExportInfo> {
    let stored: StoredExport = serde_json::from_str(&browser::load(&keys.export)?).ok()?;
    Some(ExportInfo {
        file_name: stored.file_name,
        digest: stored.digest,
        signed_at: stored.signed_at,
        fingerprint: stored.fingerprint,
        draft_digest: stored.draft_digest,
    })
}

/// The interface language the user last chose here, if any.
pub fn load_lang(keys: &Keys) -> Option<selfcheck_core::Lang> {
    browser::load(&keys.lang).map(|tag| selfcheck_core::Lang::from_tag(&tag))
}

/// Remembers the user's choice of language.
pub fn store_lang(keys: &Keys, lang: selfcheck_core::Lang) {
    browser::store(&keys.lang, lang.tag());
}

/// Records the last export.
pub fn store_export(keys: &Keys, info: &ExportInfo) {
    let stored = StoredExport {
        file_name: info.file_name.clone(),
        digest: info.digest.clone(),
        signed_at: info.signed_at.clone(),
        fingerprint: info.fingerprint.clone(),
        draft_digest: info.draft_digest.clone(),
    };
    if let Ok(text) = serde_json::to_string(&stored) {
        browser::store(&keys.export, &text);
    }
}
