//! The draft, the key and the last export in the browser's storage, under a namespace, with
//! a revision number so that two tabs never overwrite each other in silence.

use std::rc::Rc;

use selfcheck_core::json::{self, Json, Object};
use selfcheck_core::keys::Fingerprint;
use selfcheck_core::wire::{AnswersDoc, ProfileDoc};
use selfcheck_core::{Answers, Catalogue};

use crate::browser;
use crate::state::{ExportInfo, KeyInfo, QrCode};

/// Storage keys of one widget instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// The draft envelope.
    pub draft: String,
    key: String,
    export: String,
    lang: String,
    notice: String,
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
            notice: format!("selfcheck:{namespace}:notice"),
            unreadable: format!("selfcheck:{namespace}:draft-unreadable"),
        }
    }
}

/// The stored draft with the revision and the tab that wrote it, as
/// `{"revision": N, "tab": "…", "draft": {…}}`.
struct Envelope {
    revision: u64,
    tab: String,
    /// The answers document, as the core writes it.
    draft: Json,
}

impl Envelope {
    fn read(text: &str) -> Option<Envelope> {
        let json = json::parse(text).ok()?;
        Some(Envelope {
            revision: u64::try_from(json.get("revision")?.as_i64()?).ok()?,
            tab: json.get("tab")?.as_str()?.to_owned(),
            draft: json.get("draft")?.clone(),
        })
    }

    fn write(self) -> String {
        let mut object = Object::new();
        object.insert("revision", self.revision);
        object.insert("tab", self.tab);
        object.insert("draft", self.draft);
        json::compact(&Json::Object(object))
    }
}

/// A stored object's string member `key`.
fn text_member(json: &Json, key: &str) -> Option<String> {
    json.get(key)?.as_str().map(str::to_owned)
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
    let parsed = Envelope::read(&text).and_then(|envelope| {
        let json = json::compact(&envelope.draft);
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
    let stored = browser::load(&keys.draft).and_then(|text| Envelope::read(&text));
    let draft = draft.to_json();
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
    let text = Envelope { revision, tab: tab.to_owned(), draft }.write();
    if browser::store(&keys.draft, &text) {
        *base_revision = revision;
        SaveOutcome::Saved
    } else {
        SaveOutcome::Failed
    }
}

/// The draft another tab stored, with its revision.
pub fn other_tab_draft(keys: &Keys, catalogue: &Catalogue) -> Option<((Answers, ProfileDoc), u64)> {
    let envelope = Envelope::read(&browser::load(&keys.draft)?)?;
    let json = json::compact(&envelope.draft);
    read_draft(catalogue, &json).ok().map(|(answers, profile, _)| ((answers, profile), envelope.revision))
}

/// Removes the stored draft.
pub fn clear_draft(keys: &Keys) {
    browser::forget(&keys.draft);
}

/// The stored key, if any and readable.
pub fn load_key(keys: &Keys) -> Option<KeyInfo> {
    // The key file holds the public key only encrypted, so its did:key is stored beside it, and
    // its fingerprint since the signing module was split off (issue 23); a key stored before
    // is named from its did:key.
    let stored = json::parse(&browser::load(&keys.key)?).ok()?;
    let (pem, did) = (text_member(&stored, "pem")?, text_member(&stored, "did")?);
    let fingerprint = match text_member(&stored, "fingerprint") {
        Some(fingerprint) => fingerprint,
        None => Fingerprint::of_did(&did).ok()?.into(),
    };
    // A key stored before issue 27 has no SM2 part, and no "sm2" member.
    let sm2_did = text_member(&stored, "sm2");
    Some(KeyInfo { pem: Rc::from(pem), fingerprint, did, sm2_did, backed_up: stored.get("backed_up")?.as_bool()? })
}

/// Stores the key (encrypted PEM, its did:key and its fingerprint).
pub fn store_key(keys: &Keys, key: &KeyInfo) -> bool {
    let mut stored = Object::new();
    stored.insert("pem", &*key.pem);
    stored.insert("did", key.did.as_str());
    stored.insert("fingerprint", key.fingerprint.as_str());
    stored.insert_some("sm2", key.sm2_did.as_deref());
    stored.insert("backed_up", key.backed_up);
    browser::store(&keys.key, &json::compact(&Json::Object(stored)))
}

/// Removes the stored key.
pub fn forget_key(keys: &Keys) {
    browser::forget(&keys.key);
}

/// The last export, if recorded.
pub fn load_export(keys: &Keys) -> Option<ExportInfo> {
    let stored = json::parse(&browser::load(&keys.export)?).ok()?;
    Some(ExportInfo {
        file_name: text_member(&stored, "file_name")?,
        digest: text_member(&stored, "digest")?,
        signed_at: text_member(&stored, "signed_at")?,
        fingerprint: text_member(&stored, "fingerprint")?,
        // Exports recorded before the draft digest was kept have none, and no draft matches
        // them: the summary is then printed as a draft.
        draft_digest: text_member(&stored, "draft_digest").unwrap_or_default(),
        qr: stored.get("qr").and_then(|qr| {
            let size = u32::try_from(qr.get("size")?.as_i64()?).ok()?;
            Some(QrCode { size, path: text_member(qr, "path")? })
        }),
    })
}

/// The rectification notice imported here, while the draft replies to it.
pub fn load_notice(keys: &Keys) -> Option<crate::state::NoticeInfo> {
    crate::state::NoticeInfo::read(&browser::load(&keys.notice)?)
}

/// Keeps the notice imported (or forgets it, with `None`).
pub fn store_notice(keys: &Keys, notice: Option<&crate::state::NoticeInfo>) {
    match notice {
        Some(notice) => {
            browser::store(&keys.notice, &notice.to_json());
        }
        None => browser::forget(&keys.notice),
    }
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
    let mut stored = Object::new();
    for (key, value) in [
        ("file_name", &info.file_name),
        ("digest", &info.digest),
        ("signed_at", &info.signed_at),
        ("fingerprint", &info.fingerprint),
        ("draft_digest", &info.draft_digest),
    ] {
        stored.insert(key, value.as_str());
    }
    if let Some(qr) = &info.qr {
        let mut code = Object::new();
        code.insert("size", qr.size);
        code.insert("path", qr.path.as_str());
        stored.insert("qr", Json::Object(code));
    }
    browser::store(&keys.export, &json::compact(&Json::Object(stored)));
}
