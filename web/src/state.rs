//! The widget's one state and the actions that change it. `reduce` is pure: storage,
//! downloads, timers and key work happen in effects and callbacks, which dispatch results.

use std::rc::Rc;

use selfcheck_core::wire::ProfileDoc;
use selfcheck_core::{Answers, Catalogue, Error, Evidence, Lang, Report, Response, VerifiedResult};
use yew::prelude::*;

/// Shared data compared by identity: a new value is a new `Rc`, so comparing pointers is
/// exact and keeps re-rendering cheap.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    /// Shares `value`.
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where the draft stands with the browser's storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageState {
    /// The host turned storage off.
    Off,
    /// Everything up to this revision is saved.
    Saved,
    /// A save is pending (debounced).
    Saving,
    /// The browser refused to store it.
    Failed,
}

/// The association's key as kept in the browser: encrypted only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// The encrypted PKCS#8 PEM file.
    pub pem: Rc<str>,
    /// Its fingerprint.
    pub fingerprint: String,
    /// Its did:key.
    pub did: String,
    /// Whether the backup file was downloaded (or the key came from a file).
    pub backed_up: bool,
}

/// A long task the user waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Busy {
    /// Deriving the key encryption (PBKDF2).
    CreatingKey,
    /// Unlocking the key and signing.
    Signing,
    /// Hashing an evidence file: criterion index, per mille done.
    Hashing(usize, u32),
}

/// A message shown until the next one.
#[derive(Debug, Clone)]
pub enum Notice {
    /// An error, with what was being done.
    Error(crate::i18n::S, Rc<Error>),
    /// A plain message.
    Info(crate::i18n::S),
    /// A message followed by a detail (a file name, a browser error).
    Detail(crate::i18n::S, String),
}

impl PartialEq for Notice {
    fn eq(&self, other: &Notice) -> bool {
        match (self, other) {
            (Notice::Error(a, x), Notice::Error(b, y)) => a == b && Rc::ptr_eq(x, y),
            (Notice::Info(a), Notice::Info(b)) => a == b,
            (Notice::Detail(a, x), Notice::Detail(b, y)) => a == b && x == y,
            _ => false,
        }
    }
}

/// A verified imported result.
#[derive(Debug, Clone)]
pub struct Imported {
    /// What verification found.
    pub result: Rc<VerifiedResult>,
    /// The file's name.
    pub file_name: String,
    /// Whether the comparison table is shown.
    pub comparing: bool,
}

impl PartialEq for Imported {
    fn eq(&self, other: &Imported) -> bool {
        Rc::ptr_eq(&self.result, &other.result) && self.comparing == other.comparing
    }
}

/// The last result exported in this browser, for the printed summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportInfo {
    /// File name of the download.
    pub file_name: String,
    /// SHA-256 of the result's canonical form.
    pub digest: String,
    /// When it was signed.
    pub signed_at: String,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// What the result said: credit code, total, maximum, score; the printed summary shows
    /// the QR code only while the draft still says the same.
    pub claims: (String, u32, u32, u32),
}

/// A question waiting for the user's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Clear everything?
    StartOver,
    /// Replace the draft with the imported result?
    ReplaceWithImport,
}

/// Everything the widget shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The catalogue answered.
    pub catalogue: Shared<Catalogue>,
    /// The answers so far (the profile inside is not used: see `profile`).
    pub answers: Shared<Answers>,
    /// The association's details as typed, valid or not.
    pub profile: Shared<ProfileDoc>,
    /// The core's report of the answers.
    pub report: Shared<Report>,
    /// Per area, a number that changes whenever one of its entries does: areas re-render
    /// only when theirs changed.
    pub area_versions: Shared<Vec<u64>>,
    /// Interface language.
    pub lang: Lang,
    /// Increases with every change of the draft; what the storage effect saves.
    pub revision: u64,
    /// The draft's storage.
    pub storage: StorageState,
    /// Another tab changed the stored draft; saving is paused until the user chooses.
    pub conflict: bool,
    /// The association's key.
    pub key: Option<KeyInfo>,
    /// A long task under way.
    pub busy: Option<Busy>,
    /// The current message.
    pub notice: Option<Notice>,
    /// A verified imported result.
    pub import: Option<Imported>,
    /// The last export.
    pub last_export: Option<ExportInfo>,
    /// An open confirmation.
    pub confirm: Option<Confirm>,
}

/// What can happen.
#[derive(Debug, Clone)]
pub enum Action {
    /// Answer (or clear) the criterion at this catalogue index.
    Respond(usize, Option<Response>),
    /// Tick or untick a checklist sub-item: criterion index, item index.
    ToggleItem(usize, usize),
    /// Set a criterion's note.
    SetNote(usize, String),
    /// Add checked evidence to a criterion.
    AddEvidence(usize, Evidence),
    /// Remove a criterion's `n`-th evidence.
    RemoveEvidence(usize, usize),
    /// Edit the profile as typed.
    SetProfile(ProfileDoc),
    /// Switch the interface language.
    SetLang(Lang),
    /// Replace the draft (a loaded draft file, another tab's version, an imported result).
    ReplaceDraft(Shared<Answers>, Shared<ProfileDoc>, Notice),
    /// Clear the draft.
    StartOver,
    /// The storage effect saved everything up to this revision.
    Saved(u64),
    /// The storage effect could not save.
    SaveFailed,
    /// Another tab saved the draft.
    OtherTabChanged,
    /// Keep this tab's version: save it over the other tab's.
    KeepThisTab,
    /// A new key or a loaded key file.
    SetKey(Option<KeyInfo>),
    /// The key backup was downloaded.
    KeyBackedUp,
    /// A long task starts or ends.
    SetBusy(Option<Busy>),
    /// Show a message (or none).
    SetNotice(Option<Notice>),
    /// An import was verified (or cleared).
    SetImport(Option<Imported>),
    /// Show or hide the comparison with the imported result.
    ToggleCompare,
    /// A result was exported.
    Exported(ExportInfo),
    /// Ask for, or close, a confirmation.
    SetConfirm(Option<Confirm>),
}

impl State {
    /// The state for `catalogue`, starting from a restored draft when there is one.
    pub fn new(
        catalogue: Shared<Catalogue>,
        lang: Lang,
        draft: Option<(Answers, ProfileDoc)>,
        storage: StorageState,
        key: Option<KeyInfo>,
        last_export: Option<ExportInfo>,
    ) -> State {
        let (answers, profile) = draft.unwrap_or_else(|| (Answers::blank(&catalogue), ProfileDoc::default()));
        let report = Shared::new(Report::compute(&catalogue, &answers));
        let area_versions = Shared::new(vec![0; catalogue.areas().len()]);
        State {
            area_versions,
            catalogue,
            answers: Shared::new(answers),
            profile: Shared::new(profile),
            report,
            lang,
            revision: 0,
            storage,
            conflict: false,
            key,
            busy: None,
            notice: None,
            import: None,
            last_export,
            confirm: None,
        }
    }

    /// Whether the profile has what signing needs, by the core's own rules.
    pub fn profile_complete(&self) -> bool {
        selfcheck_core::credential::signing_profile_problems(&self.profile).is_empty()
    }

    /// Marks the area of criterion `index` as changed.
    fn entry_changed(&mut self, index: usize) {
        if let Some(criterion) = self.catalogue.criteria().get(index) {
            Rc::make_mut(&mut self.area_versions.0)[criterion.area] += 1;
        }
    }

    /// Marks every area as changed (a draft replaced or cleared).
    fn all_changed(&mut self) {
        for version in Rc::make_mut(&mut self.area_versions.0) {
            *version += 1;
        }
    }

    fn draft_changed(&mut self) {
        self.revision += 1;
        if self.storage != StorageState::Off {
            self.storage = StorageState::Saving;
        }
    }

    fn rescore(&mut self) {
        self.report = Shared::new(Report::compute(&self.catalogue, &self.answers));
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Respond(index, response) => {
                if Rc::make_mut(&mut next.answers.0).set_response(&next.catalogue, index, response).is_err() {
                    return self;
                }
                next.rescore();
                next.entry_changed(index);
                next.draft_changed();
            }
            Action::ToggleItem(index, item) => {
                let bits = match next.answers.entry(index).and_then(|entry| entry.response) {
                    Some(Response::Checked(bits)) => bits,
                    _ => 0,
                };
                let response = Some(Response::Checked(bits ^ (1 << item)));
                if Rc::make_mut(&mut next.answers.0).set_response(&next.catalogue, index, response).is_err() {
                    return self;
                }
                next.rescore();
                next.entry_changed(index);
                next.draft_changed();
            }
            Action::SetNote(index, note) => {
                if Rc::make_mut(&mut next.answers.0).set_note(index, &note).is_err() {
                    return self;
                }
                next.entry_changed(index);
                next.draft_changed();
            }
            Action::AddEvidence(index, evidence) => {
                if let Err(error) = Rc::make_mut(&mut next.answers.0).add_evidence(index, evidence) {
                    // Name the criterion, not the internal field, in the message.
                    let error = match error {
                        Error::InvalidAnswers(problems) => Error::InvalidAnswers(
                            problems
                                .into_iter()
                                .map(|mut problem| {
                                    problem.at = next.catalogue.criteria()[index].id.clone();
                                    problem
                                })
                                .collect(),
                        ),
                        other => other,
                    };
                    next.notice = Some(Notice::Error(crate::i18n::S::EvidenceRefused, Rc::new(error)));
                    return Rc::new(next);
                }
                next.entry_changed(index);
                next.draft_changed();
            }
            Action::RemoveEvidence(index, position) => {
                Rc::make_mut(&mut next.answers.0).remove_evidence(index, position);
                next.entry_changed(index);
                next.draft_changed();
            }
            Action::SetProfile(profile) => {
                next.profile = Shared::new(profile);
                next.draft_changed();
            }
            Action::SetLang(lang) => next.lang = lang,
            Action::ReplaceDraft(answers, profile, notice) => {
                next.answers = answers;
                next.profile = profile;
                next.rescore();
                next.all_changed();
                next.draft_changed();
                next.conflict = false;
                next.confirm = None;
                next.notice = Some(notice);
            }
            Action::StartOver => {
                next.answers = Shared::new(Answers::blank(&next.catalogue));
                next.profile = Shared::new(ProfileDoc::default());
                next.rescore();
                next.all_changed();
                next.draft_changed();
                next.confirm = None;
                next.import = None;
                next.notice = None;
            }
            Action::Saved(revision) => {
                // A save of an older revision leaves the newer one pending.
                if revision != next.revision || next.storage == StorageState::Saved {
                    return self;
                }
                next.storage = StorageState::Saved;
            }
            Action::SaveFailed => next.storage = StorageState::Failed,
            Action::OtherTabChanged => next.conflict = true,
            Action::KeepThisTab => {
                next.conflict = false;
                next.draft_changed();
            }
            Action::SetKey(key) => next.key = key,
            Action::KeyBackedUp => {
                if let Some(key) = &mut next.key {
                    key.backed_up = true;
                }
            }
            Action::SetBusy(busy) => next.busy = busy,
            Action::SetNotice(notice) => next.notice = notice,
            Action::SetImport(import) => next.import = import,
            Action::ToggleCompare => {
                if let Some(import) = &mut next.import {
                    import.comparing = !import.comparing;
                }
            }
            Action::Exported(info) => {
                next.notice = Some(Notice::Detail(crate::i18n::S::Exported, info.file_name.clone()));
                next.last_export = Some(info);
            }
            Action::SetConfirm(confirm) => next.confirm = confirm,
        }
        Rc::new(next)
    }
}
