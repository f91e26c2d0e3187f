//! The widget's one state and the actions that change it. `reduce` is pure: storage,
//! downloads, timers and key work happen in effects and callbacks, which dispatch results.

use std::rc::Rc;

use selfcheck_core::wire::ProfileDoc;
use selfcheck_core::{Answers, Catalogue, CreditCode, Error, Evidence, ItemsMet, Lang, Report, Response};
use yew::prelude::*;

use crate::i18n::S;

pub use selfcheck_report_view::Shared;

/// Where the draft stands with the browser's storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageState {
    /// The first screen rendered before the WebAssembly arrives: nothing is known of storage yet.
    Starting,
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
    /// The did:key of its SM2 part (results it signs then carry a second proof, 国密签名); a key
    /// made before issue 27 has none.
    pub sm2_did: Option<String>,
    /// Whether the backup file was downloaded (or the key came from a file).
    pub backed_up: bool,
}

/// A long task the user waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Busy {
    /// Deriving the key encryption (PBKDF2) of a new key.
    CreatingKey,
    /// Opening a key file with its passphrase.
    LoadingKey,
    /// Unlocking the key to check the passphrase, before asking about open criteria.
    CheckingPassphrase,
    /// Unlocking the key and signing.
    Signing,
    /// Hashing an evidence file: whose, per mille done.
    Hashing(EvidenceOwner, u32),
}

/// What a piece of evidence supports: a criterion's answer, the reply to a criterion of the
/// rectification notice, or a problem of this month's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceOwner {
    /// The criterion at this catalogue index.
    Criterion(usize),
    /// The reply to the notice's criterion with this id.
    Reply(String),
    /// This month's problem at this place (from 0).
    Problem(usize),
}

impl EvidenceOwner {
    /// Where what happens to its evidence is said.
    pub fn place(&self) -> Place {
        match self {
            EvidenceOwner::Criterion(index) => Place::Criterion(*index),
            EvidenceOwner::Reply(_) => Place::Notice,
            EvidenceOwner::Problem(_) => Place::Monthly,
        }
    }
}

impl Busy {
    /// Where the task's outcome will be said.
    fn place(&self) -> Place {
        match self {
            Busy::CreatingKey | Busy::LoadingKey => Place::Key,
            Busy::CheckingPassphrase | Busy::Signing => Place::Export,
            Busy::Hashing(owner, _) => owner.place(),
        }
    }
}

/// Where a message belongs: next to the control whose action it reports. Only what concerns
/// the whole page goes to the banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The banner under the header: page-wide states.
    Page,
    /// The draft tools of the header (draft files).
    Draft,
    /// The association's details.
    Profile,
    /// This month's report to the bureau.
    Monthly,
    /// The bureau's rectification notice and the reply to it.
    Notice,
    /// A criterion, by catalogue index (its answer, note and evidence).
    Criterion(usize),
    /// The key: creating, loading, backing up, removing.
    Key,
    /// Signing and exporting.
    Export,
    /// Importing a signed result.
    Import,
}

/// A message, in words of the interface's language when shown.
#[derive(Debug, Clone)]
pub enum Notice {
    /// A core error, with what was being done: worded by the core in the interface's language.
    Error(S, Rc<Error>),
    /// A core error found in the signing module (the second WebAssembly module), which sends
    /// the core's words in both languages.
    Worded(S, Rc<selfcheck_core::Text>),
    /// The browser refused something (a download, random numbers): what was being done, and
    /// the browser's own words (shown in the English interface only).
    Browser(S, String),
    /// A plain message.
    Info(S),
    /// A message about something named (a file name, an address, a version): the text fills
    /// the `{}` of the message, or follows it after a colon.
    Detail(S, String),
    /// A document refused because it is another association's than the host page's.
    OtherAssociation(S, OtherAssociation),
}

impl Notice {
    /// Whether it reports a failure (shown as an error).
    pub fn is_error(&self) -> bool {
        match self {
            Notice::Error(..) | Notice::Worded(..) | Notice::Browser(..) | Notice::OtherAssociation(..) => true,
            Notice::Info(message) | Notice::Detail(message, _) => message.is_problem(),
        }
    }
}

impl PartialEq for Notice {
    fn eq(&self, other: &Notice) -> bool {
        match (self, other) {
            (Notice::Error(a, x), Notice::Error(b, y)) => a == b && Rc::ptr_eq(x, y),
            (Notice::Worded(a, x), Notice::Worded(b, y)) => a == b && Rc::ptr_eq(x, y),
            (Notice::Browser(a, x), Notice::Browser(b, y)) | (Notice::Detail(a, x), Notice::Detail(b, y)) => {
                a == b && x == y
            }
            (Notice::Info(a), Notice::Info(b)) => a == b,
            (Notice::OtherAssociation(a, x), Notice::OtherAssociation(b, y)) => a == b && x == y,
            _ => false,
        }
    }
}

/// Profile fields the host page fixes: shown read-only, always the host's values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Locked {
    /// The association's name.
    pub name: bool,
    /// The credit code.
    pub credit_code: bool,
}

impl Locked {
    /// Whether any field is.
    pub fn any(self) -> bool {
        self.name || self.credit_code
    }

    /// The fields in words of `lang`, as a message names them.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self.name, self.credit_code) {
            (true, true) => S::LockedNameAndCode.get(lang),
            (true, false) => S::LockedName.get(lang),
            _ => S::LockedCode.get(lang),
        }
    }
}

/// What the host page gives of the profile: values to start from, and the fields it fixes,
/// which keep the host's values whatever is typed, restored, loaded, imported or cleared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostProfile {
    /// Values the host fills in.
    pub prefill: ProfileDoc,
    /// Fields it fixes.
    pub locked: Locked,
}

impl HostProfile {
    /// The profile to start from: `stored` (or a blank one), with the host's values where it has
    /// none, and always the host's values in the locked fields.
    pub fn start(&self, stored: Option<ProfileDoc>) -> ProfileDoc {
        let mut profile = stored.unwrap_or_default();
        let prefill = &self.prefill;
        let fill = |field: &mut String, value: &String| {
            if field.trim().is_empty() && !value.is_empty() {
                field.clone_from(value);
            }
        };
        fill(&mut profile.name, &prefill.name);
        fill(&mut profile.credit_code, &prefill.credit_code);
        fill(&mut profile.contact.person, &prefill.contact.person);
        fill(&mut profile.contact.phone, &prefill.contact.phone);
        fill(&mut profile.contact.email, &prefill.contact.email);
        fill(&mut profile.period.from, &prefill.period.from);
        fill(&mut profile.period.to, &prefill.period.to);
        self.lock(profile)
    }

    /// `profile` with the host's values in the locked fields.
    pub fn lock(&self, mut profile: ProfileDoc) -> ProfileDoc {
        if self.locked.name {
            profile.name.clone_from(&self.prefill.name);
        }
        if self.locked.credit_code {
            profile.credit_code.clone_from(&self.prefill.credit_code);
        }
        profile
    }

    /// The locked fields to which a document (a draft file, a signed result) gives other values
    /// than the host's: it is another association's. A field it leaves empty differs from none.
    pub fn differing(&self, name: &str, credit_code: &str) -> Locked {
        let same_code = |a: &str, b: &str| match (CreditCode::parse(a), CreditCode::parse(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => a.trim() == b.trim(),
        };
        Locked {
            name: self.locked.name && !name.trim().is_empty() && name.trim() != self.prefill.name.trim(),
            credit_code: self.locked.credit_code
                && !credit_code.trim().is_empty()
                && !same_code(credit_code, &self.prefill.credit_code),
        }
    }
}

/// A document of another association than the one the host page fixes: its name and credit
/// code, and the locked fields they differ in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherAssociation {
    /// The name it gives.
    pub name: String,
    /// The credit code it gives.
    pub credit_code: String,
    /// The locked fields it differs in.
    pub fields: Locked,
}

impl OtherAssociation {
    /// `message` (with `{who}` and `{fields}`) in words of `lang`.
    pub fn text(&self, message: S, lang: Lang) -> String {
        let separator = if lang == Lang::Zh { "，" } else { ", " };
        let who: Vec<&str> =
            [self.name.trim(), self.credit_code.trim()].into_iter().filter(|part| !part.is_empty()).collect();
        message.fill(lang, &[("who", &who.join(separator)), ("fields", self.fields.text(lang))])
    }
}

/// What the signing module's verification of an imported result found, its answers read again
/// here against the catalogue the result pins, and its report computed from them by the core
/// (which the verifier found equal to the signed one).
#[derive(Debug, Clone)]
pub struct ImportedResult {
    /// The answers it carries.
    pub answers: Answers,
    /// Their report.
    pub report: Report,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// Whether it carries the second signature (SM2/SM3), which held.
    pub sm2: bool,
}

/// A verified imported result.
#[derive(Debug, Clone)]
pub struct Imported {
    /// What verification found.
    pub result: Rc<ImportedResult>,
    /// The catalogue the result pins (the current one or an earlier built-in version).
    pub catalogue: Shared<Catalogue>,
    /// The file's name.
    pub file_name: String,
    /// Whether the comparison is shown.
    pub comparing: bool,
    /// Whether the comparison shows only what changed.
    pub only_changed: bool,
}

impl PartialEq for Imported {
    fn eq(&self, other: &Imported) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
            && self.comparing == other.comparing
            && self.only_changed == other.only_changed
    }
}

/// The last result exported in this browser, for the printed summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportInfo {
    /// File name of the download.
    pub file_name: String,
    /// SHA-256 of the result's canonical form.
    pub digest: String,
    /// When it was signed (RFC 3339, UTC).
    pub signed_at: String,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// SHA-256 of the draft (answers and profile as typed) that was signed: the printed
    /// summary carries the result's QR code only while the draft is still exactly this.
    pub draft_digest: String,
    /// The QR code of the result's digest, made by the signing module when it signed (or, for
    /// an export recorded before it was kept, when that module is next loaded).
    pub qr: Option<QrCode>,
}

/// The bureau's rectification notice, as the signing module verified it: what the panel shows,
/// and what storage keeps (the verification is not made again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeInfo {
    /// SHA-256 of the notice file's bytes: what the reply names.
    pub digest: String,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
    /// When it was issued (RFC 3339).
    pub issued: String,
    /// What it says.
    pub subject: selfcheck_core::wire::NoticeSubjectDoc,
}

impl NoticeInfo {
    /// The facts as the signing module (or storage) gives them; `None` when they are not such.
    pub fn read(json: &str) -> Option<NoticeInfo> {
        use selfcheck_core::wire::Subject as _;
        let value = selfcheck_core::json::parse(json).ok()?;
        let text = |key: &str| value.get(key).and_then(selfcheck_core::json::Json::as_str).map(str::to_owned);
        let mut reader = selfcheck_core::wire::read::Reader::new();
        let subject = selfcheck_core::wire::NoticeSubjectDoc::read(&mut reader, value.get("subject"), "subject");
        let read =
            NoticeInfo { digest: text("digest")?, fingerprint: text("fingerprint")?, issued: text("issued")?, subject };
        reader.finish(read).ok()
    }

    /// The facts as JSON, as [`NoticeInfo::read`] reads them.
    pub fn to_json(&self) -> String {
        use selfcheck_core::wire::Subject as _;
        selfcheck_core::json::compact(&selfcheck_core::wire::read::object([
            ("digest", self.digest.as_str().into()),
            ("fingerprint", self.fingerprint.as_str().into()),
            ("issued", self.issued.as_str().into()),
            ("subject", self.subject.to_json()),
        ]))
    }
}

/// A QR code as an SVG path: one unit per module, with a four-module quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrCode {
    /// Width and height, quiet zone included, in modules.
    pub size: u32,
    /// The dark modules.
    pub path: String,
}

/// A question waiting for the user's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Clear everything?
    StartOver,
    /// Replace the draft with the imported result?
    ReplaceWithImport,
    /// Sign although criteria are still open?
    ExportIncomplete,
    /// Remove the key from this browser?
    ForgetKey,
    /// Print a summary that is not the exported result?
    PrintUnsigned,
}

/// What the user chose when another tab changed the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Keep this tab's version and save it over the other's.
    KeepThis,
    /// Load the other tab's version.
    LoadOther,
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
    /// What the host page gives of the profile, and the fields it fixes.
    pub host_profile: Shared<HostProfile>,
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
    /// The next save overwrites what another tab stored (the user chose this tab's version).
    pub overwrite: bool,
    /// The user's choice in a conflict, numbered so that the effect acts on each one once.
    pub resolution: Option<(u64, Resolution)>,
    /// Where the user last changed the draft: a conflict is reported there.
    pub last_edit: Option<Place>,
    /// The association's key.
    pub key: Option<KeyInfo>,
    /// A long task under way.
    pub busy: Option<Busy>,
    /// The current messages, at most one per place.
    pub messages: Vec<(Place, Notice)>,
    /// A verified imported result.
    pub import: Option<Imported>,
    /// The last export.
    pub last_export: Option<ExportInfo>,
    /// The rectification notice imported, while the draft replies to it.
    pub notice: Option<Shared<NoticeInfo>>,
    /// An open confirmation.
    pub confirm: Option<Confirm>,
    /// Export was confirmed although criteria are open: the key panel signs now.
    pub export_confirmed: u64,
    /// The user chose to print: the print effect opens the browser's dialog.
    pub print_requested: u64,
    /// Only the first screen is rendered yet (the profile and the first area): the first
    /// frame comes sooner, and the rest follows in the task after it.
    pub first_screen_only: bool,
}

/// What can happen.
#[derive(Debug, Clone)]
pub enum Action {
    /// Answer (or clear) the criterion at this catalogue index.
    Respond(usize, Option<Response>),
    /// Tick or untick a checklist sub-item: criterion index, item index. Unticking the last
    /// one leaves the checklist open again; "none of these" is its own choice.
    ToggleItem(usize, usize),
    /// Set a criterion's note.
    SetNote(usize, String),
    /// Add checked evidence to a criterion, a reply or a problem.
    AddEvidence(EvidenceOwner, Evidence),
    /// Remove the `n`-th evidence of a criterion, a reply or a problem.
    RemoveEvidence(EvidenceOwner, usize),
    /// Edit the profile as typed.
    SetProfile(ProfileDoc),
    /// Edit this month's report to the bureau.
    SetMonthly(selfcheck_core::MonthlyReport),
    /// A rectification notice imported and verified (or, with `None`, removed): the reply to it
    /// starts with its items, or keeps what was written for the same notice.
    SetNotice(Option<Shared<NoticeInfo>>),
    /// What was done about a criterion of the notice: its id and the association's words.
    SetReplyNote(String, String),
    /// Switch the interface language.
    SetLang(Lang),
    /// Replace the draft (a loaded draft file, another tab's version, an imported result),
    /// and say so at a place.
    ReplaceDraft(Shared<Answers>, Shared<ProfileDoc>, Place, Notice),
    /// Clear the draft.
    StartOver,
    /// The storage effect saved everything up to this revision.
    Saved(u64),
    /// The storage effect could not save.
    SaveFailed,
    /// Another tab saved the draft.
    OtherTabChanged,
    /// The user chose a version in a conflict.
    Resolve(Resolution),
    /// The other tab's version could not be read after all: this tab's is kept and saved.
    OtherTabUnreadable,
    /// A new key or a loaded key file (or none: removed).
    SetKey(Option<KeyInfo>),
    /// The key backup was downloaded.
    KeyBackedUp,
    /// A long task starts or ends.
    SetBusy(Option<Busy>),
    /// Show a message at its place, replacing the one there.
    Say(Place, Notice),
    /// Remove the message at a place.
    Dismiss(Place),
    /// An import was verified (or cleared).
    SetImport(Option<Imported>),
    /// Show or hide the comparison with the imported result.
    ToggleCompare,
    /// Show only what changed in the comparison, or everything.
    ToggleOnlyChanged,
    /// A result was exported.
    Exported(ExportInfo),
    /// The QR code of the export with this result digest (recorded before QR codes were kept).
    SetExportQr(String, QrCode),
    /// Ask for, or close, a confirmation.
    SetConfirm(Option<Confirm>),
    /// Sign although criteria are open (the user confirmed).
    ConfirmExport,
    /// Open the browser's print dialog.
    Print,
    /// Render everything below the first screen.
    RenderRest,
    /// Lay what was answered and typed on the pre-rendered first screen over the draft.
    CarryOver(Rc<crate::early::EarlyInput>),
}

impl State {
    /// The state for `catalogue`, starting from a restored draft when there is one, its profile
    /// with what the host page gives.
    pub fn new(
        catalogue: Shared<Catalogue>,
        lang: Lang,
        draft: Option<(Answers, ProfileDoc)>,
        host_profile: Shared<HostProfile>,
        storage: StorageState,
        key: Option<KeyInfo>,
        last_export: Option<ExportInfo>,
    ) -> State {
        let (answers, stored_profile) = match draft {
            Some((answers, profile)) => (answers, Some(profile)),
            None => (Answers::blank(&catalogue), None),
        };
        let profile = host_profile.start(stored_profile);
        // A draft is read against the page's catalogue, so it fits; one that did not would start
        // the page blank rather than stop it.
        let (answers, report) = match Report::compute(&catalogue, &answers) {
            Ok(report) => (answers, report),
            Err(_) => (Answers::blank(&catalogue), Report::blank(&catalogue)),
        };
        let report = Shared::new(report);
        let area_versions = Shared::new(vec![0; catalogue.areas().len()]);
        State {
            area_versions,
            catalogue,
            answers: Shared::new(answers),
            profile: Shared::new(profile),
            host_profile,
            report,
            lang,
            revision: 0,
            storage,
            conflict: false,
            overwrite: false,
            resolution: None,
            last_edit: None,
            key,
            busy: None,
            messages: Vec::new(),
            import: None,
            last_export,
            notice: None,
            confirm: None,
            export_confirmed: 0,
            print_requested: 0,
            first_screen_only: true,
        }
    }

    /// Whether the profile has what signing needs, by the core's own rules.
    pub fn profile_complete(&self) -> bool {
        selfcheck_core::credential::signing_profile_problems(&self.profile).is_empty()
    }

    /// The numbers (from 1) of the problems reported this month that still need a title before
    /// signing, by the core's rule.
    pub fn untitled_problems(&self) -> Vec<usize> {
        let untitled = |problem: &selfcheck_core::ReportedProblem| problem.title.trim().is_empty();
        self.answers
            .monthly()
            .problems
            .iter()
            .enumerate()
            .filter(|(_, problem)| untitled(problem))
            .map(|(place, _)| place + 1)
            .collect()
    }

    /// The message at `place`, if any.
    pub fn message(&self, place: Place) -> Option<&Notice> {
        self.messages.iter().find(|(at, _)| *at == place).map(|(_, notice)| notice)
    }

    /// Whether every criterion is answered: only then is there a grade to show.
    pub fn complete(&self) -> bool {
        self.report.open().len() == 0
    }

    /// The last export, when the draft is still exactly what it signed.
    pub fn current_export(&self) -> Option<&ExportInfo> {
        // The digest hashes the whole draft: only worth it when there is an export to match.
        let export = self.last_export.as_ref()?;
        (export.draft_digest == crate::draft::draft_digest(&self.catalogue, &self.answers, &self.profile))
            .then_some(export)
    }

    fn say(&mut self, place: Place, notice: Notice) {
        self.messages.retain(|(at, _)| *at != place);
        self.messages.push((place, notice));
    }

    /// Changes the evidence of a reply or a problem with `change`, checked by the core as the
    /// rest of the reply or the report is; a refusal is said at its place. False when there is
    /// no such reply or problem (nothing changed).
    fn change_evidence(&mut self, owner: &EvidenceOwner, change: impl FnOnce(&mut Vec<Evidence>)) -> bool {
        let answers = Rc::make_mut(&mut self.answers.0);
        let outcome = match owner {
            EvidenceOwner::Reply(criterion) => {
                let Some(mut reply) = answers.notice_reply().cloned() else { return false };
                let Some((_, item)) = reply.items.iter_mut().find(|(id, _)| id == criterion) else { return false };
                change(&mut item.evidence);
                answers.set_notice_reply(&self.catalogue, Some(reply))
            }
            EvidenceOwner::Problem(place) => {
                let mut monthly = answers.monthly().clone();
                let Some(problem) = monthly.problems.get_mut(*place) else { return false };
                change(&mut problem.evidence);
                answers.set_monthly(&self.catalogue, monthly)
            }
            EvidenceOwner::Criterion(_) => return false,
        };
        let place = owner.place();
        match outcome {
            Err(error) => self.say(place, Notice::Error(S::EvidenceRefused, Rc::new(error))),
            Ok(()) => {
                self.messages.retain(|(at, _)| *at != place);
                self.edited(place);
            }
        }
        true
    }

    /// Removes the message at `place`.
    fn dismiss(&mut self, place: Place) {
        self.messages.retain(|(at, _)| *at != place);
        if let Place::Criterion(index) = place {
            self.entry_changed(index);
        }
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

    /// A change the user made at `place`.
    fn edited(&mut self, place: Place) {
        if let Place::Criterion(index) = place {
            self.entry_changed(index);
        }
        // A conflict shown at the previous place moves to this one.
        if self.conflict
            && let Some(Place::Criterion(previous)) = self.last_edit
            && self.last_edit != Some(place)
        {
            self.entry_changed(previous);
        }
        self.last_edit = Some(place);
        self.draft_changed();
    }

    fn rescore(&mut self) {
        // The answers are only ever changed through their catalogue, so they always fit it.
        if let Ok(report) = Report::compute(&self.catalogue, &self.answers) {
            self.report = Shared::new(report);
        }
    }

    fn conflict_changed(&mut self) {
        if let Some(Place::Criterion(index)) = self.last_edit {
            self.entry_changed(index);
        }
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
                next.edited(Place::Criterion(index));
            }
            Action::ToggleItem(index, item) => {
                let met = match next.answers.entry(index).and_then(|entry| entry.response) {
                    Some(Response::Checked(met)) => met,
                    _ => ItemsMet::NONE,
                };
                let met = met.with(item, !met.contains(item));
                // Unticking the last item leaves the checklist open, as it was before it was
                // touched: "none of these" is answered deliberately, with its own choice.
                let response = (!met.is_empty()).then_some(Response::Checked(met));
                if Rc::make_mut(&mut next.answers.0).set_response(&next.catalogue, index, response).is_err() {
                    return self;
                }
                next.rescore();
                next.edited(Place::Criterion(index));
            }
            Action::SetNote(index, note) => {
                if Rc::make_mut(&mut next.answers.0).set_note_at(index, &note).is_err() {
                    return self;
                }
                next.edited(Place::Criterion(index));
            }
            Action::AddEvidence(EvidenceOwner::Criterion(index), evidence) => {
                if let Err(error) = Rc::make_mut(&mut next.answers.0).add_evidence_at(index, evidence) {
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
                    next.say(Place::Criterion(index), Notice::Error(S::EvidenceRefused, Rc::new(error)));
                    next.entry_changed(index);
                    return Rc::new(next);
                }
                next.messages.retain(|(at, _)| *at != Place::Criterion(index));
                next.edited(Place::Criterion(index));
            }
            Action::RemoveEvidence(EvidenceOwner::Criterion(index), position) => {
                Rc::make_mut(&mut next.answers.0).remove_evidence_at(index, position);
                next.edited(Place::Criterion(index));
            }
            Action::AddEvidence(owner, evidence) => {
                if !next.change_evidence(&owner, |list| list.push(evidence)) {
                    return self;
                }
            }
            Action::RemoveEvidence(owner, position) => {
                let changed = next.change_evidence(&owner, |list| {
                    if position < list.len() {
                        list.remove(position);
                    }
                });
                if !changed {
                    return self;
                }
            }
            Action::SetProfile(profile) => {
                next.profile = Shared::new(next.host_profile.lock(profile));
                next.edited(Place::Profile);
            }
            Action::SetMonthly(monthly) => {
                // The section's fields keep within the core's limits, so a refusal is unexpected:
                // it is said there, and the report stays as it was.
                if let Err(error) = Rc::make_mut(&mut next.answers.0).set_monthly(&next.catalogue, monthly) {
                    next.say(Place::Monthly, Notice::Error(S::MonthlyRefused, Rc::new(error)));
                    return Rc::new(next);
                }
                next.messages.retain(|(at, _)| *at != Place::Monthly);
                next.edited(Place::Monthly);
            }
            Action::SetNotice(notice) => {
                let answers = Rc::make_mut(&mut next.answers.0);
                let reply = notice.as_ref().map(|notice| {
                    answers.notice_reply().filter(|reply| reply.notice == notice.digest).cloned().unwrap_or_else(|| {
                        selfcheck_core::NoticeReply {
                            notice: notice.digest.clone(),
                            items: notice
                                .subject
                                .items
                                .iter()
                                .map(|item| (item.criterion.clone(), selfcheck_core::ItemReply::default()))
                                .collect(),
                        }
                    })
                });
                if let Err(error) = answers.set_notice_reply(&next.catalogue, reply) {
                    next.say(Place::Notice, Notice::Error(S::NoticeRefused, Rc::new(error)));
                    return Rc::new(next);
                }
                next.notice = notice;
                next.messages.retain(|(at, _)| *at != Place::Notice);
                next.edited(Place::Notice);
            }
            Action::SetReplyNote(criterion, note) => {
                let answers = Rc::make_mut(&mut next.answers.0);
                let Some(mut reply) = answers.notice_reply().cloned() else { return self };
                let Some((_, item)) = reply.items.iter_mut().find(|(id, _)| *id == criterion) else { return self };
                item.note = note;
                if answers.set_notice_reply(&next.catalogue, Some(reply)).is_err() {
                    return self;
                }
                next.edited(Place::Notice);
            }
            Action::SetLang(lang) => next.lang = lang,
            Action::ReplaceDraft(answers, profile, place, notice) => {
                next.answers = answers;
                next.profile = Shared::new(next.host_profile.lock((*profile).clone()));
                next.rescore();
                next.all_changed();
                next.draft_changed();
                next.conflict = false;
                next.confirm = None;
                next.last_edit = None;
                next.messages.clear();
                next.say(place, notice);
            }
            Action::StartOver => {
                next.answers = Shared::new(Answers::blank(&next.catalogue));
                next.profile = Shared::new(next.host_profile.start(None));
                next.rescore();
                next.all_changed();
                next.draft_changed();
                next.confirm = None;
                next.import = None;
                next.last_edit = None;
                next.messages.clear();
            }
            Action::Saved(revision) => {
                // A save of an older revision leaves the newer one pending.
                if revision != next.revision || next.storage == StorageState::Saved {
                    return self;
                }
                next.storage = StorageState::Saved;
                next.overwrite = false;
            }
            Action::SaveFailed => next.storage = StorageState::Failed,
            Action::OtherTabChanged => {
                if !next.conflict {
                    next.conflict = true;
                    next.conflict_changed();
                }
            }
            Action::Resolve(resolution) => {
                let number = next.resolution.map_or(1, |(number, _)| number + 1);
                next.resolution = Some((number, resolution));
                if resolution == Resolution::KeepThis {
                    next.conflict_changed();
                    next.conflict = false;
                    next.overwrite = true;
                    next.draft_changed();
                }
            }
            Action::OtherTabUnreadable => {
                next.conflict_changed();
                next.conflict = false;
                next.overwrite = true;
                next.draft_changed();
                next.say(Place::Page, Notice::Info(S::OtherTabUnreadable));
            }
            Action::SetKey(key) => next.key = key,
            Action::KeyBackedUp => {
                if let Some(key) = &mut next.key {
                    key.backed_up = true;
                }
            }
            Action::SetBusy(busy) => {
                // A task that starts makes the message it answers stale ("enter the passphrase"
                // while the key is being opened with it): its busy line says what happens now.
                if let (None, Some(started)) = (&next.busy, &busy) {
                    next.dismiss(started.place());
                }
                next.busy = busy;
            }
            Action::Say(place, notice) => {
                next.say(place, notice);
                if let Place::Criterion(index) = place {
                    next.entry_changed(index);
                }
            }
            Action::Dismiss(place) => next.dismiss(place),
            Action::SetImport(import) => next.import = import,
            Action::ToggleCompare => {
                if let Some(import) = &mut next.import {
                    import.comparing = !import.comparing;
                }
            }
            Action::ToggleOnlyChanged => {
                if let Some(import) = &mut next.import {
                    import.only_changed = !import.only_changed;
                }
            }
            Action::Exported(info) => {
                next.say(Place::Export, Notice::Detail(S::Exported, info.file_name.clone()));
                next.last_export = Some(info);
            }
            Action::SetExportQr(digest, qr) => {
                if let Some(export) = next.last_export.as_mut().filter(|export| export.digest == digest) {
                    export.qr = Some(qr);
                }
            }
            Action::SetConfirm(confirm) => next.confirm = confirm,
            Action::ConfirmExport => {
                next.confirm = None;
                next.export_confirmed += 1;
            }
            Action::Print => {
                next.confirm = None;
                next.print_requested += 1;
                next.first_screen_only = false;
            }
            Action::RenderRest => next.first_screen_only = false,
            Action::CarryOver(early) => {
                if early.is_empty() {
                    return self;
                }
                for &(index, response) in &early.responses {
                    // An answer the criterion does not allow was never offered on the first screen.
                    if Rc::make_mut(&mut next.answers.0).set_response(&next.catalogue, index, response).is_ok() {
                        next.entry_changed(index);
                    }
                }
                for (index, note) in &early.notes {
                    if Rc::make_mut(&mut next.answers.0).set_note_at(*index, note).is_ok() {
                        next.entry_changed(*index);
                    }
                }
                if !early.profile.is_empty() {
                    let mut profile = (*next.profile).clone();
                    for (field, value) in &early.profile {
                        field.set(&mut profile, value.clone());
                    }
                    next.profile = Shared::new(next.host_profile.lock(profile));
                }
                next.rescore();
                next.draft_changed();
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portal() -> HostProfile {
        let mut prefill = ProfileDoc {
            name: "广东省示例行业协会".into(),
            credit_code: "514400005000031282".into(),
            ..ProfileDoc::default()
        };
        prefill.contact.person = "陈晓明".into();
        HostProfile { prefill, locked: Locked { name: true, credit_code: true } }
    }

    #[test]
    fn a_credit_code_typed_otherwise_or_a_field_left_empty_is_the_same_association() {
        let host = portal();
        assert!(!host.differing("广东省示例行业协会 ", "5144 0000 5000 0312 82").any());
        assert!(!host.differing("", "").any(), "a draft without a name and code is no other association's");
        let other = host.differing("广东省另一行业协会", "51440000500000007H");
        assert_eq!(other, Locked { name: true, credit_code: true });
        assert_eq!(
            host.differing("广东省示例行业协会", "51440000500000007H"),
            Locked { name: false, credit_code: true }
        );
        let unlocked = HostProfile { locked: Locked::default(), ..portal() };
        assert!(
            !unlocked.differing("广东省另一行业协会", "51440000500000007H").any(),
            "nothing locked, nothing differs"
        );
    }

    #[test]
    fn a_problems_evidence_is_added_removed_and_refused_past_the_limit_as_a_criterions() {
        let catalogue = Shared::new(Catalogue::builtin().clone());
        let host = Shared::new(HostProfile::default());
        let state = Rc::new(State::new(catalogue, Lang::Zh, None, host, StorageState::Saved, None, None));
        let monthly = selfcheck_core::MonthlyReport {
            problems: vec![selfcheck_core::ReportedProblem { title: "会费争议".into(), ..Default::default() }],
            ..Default::default()
        };
        let link = |n: usize| Evidence::Link(format!("https://www.example.org.cn/{n}.html"));
        let owner = EvidenceOwner::Problem(0);
        let mut next = state.reduce(Action::SetMonthly(monthly));
        for n in 0..selfcheck_core::evidence::MAX_EVIDENCE {
            next = next.reduce(Action::AddEvidence(owner.clone(), link(n)));
        }
        assert_eq!(next.answers.monthly().problems[0].evidence.len(), selfcheck_core::evidence::MAX_EVIDENCE);
        let refused = next.clone().reduce(Action::AddEvidence(owner.clone(), link(99)));
        assert_eq!(refused.answers.monthly().problems[0].evidence.len(), selfcheck_core::evidence::MAX_EVIDENCE);
        assert!(refused.message(Place::Monthly).is_some_and(Notice::is_error), "said at the month's report");
        let removed = next.reduce(Action::RemoveEvidence(owner, 0));
        assert_eq!(removed.answers.monthly().problems[0].evidence[0], link(1));
        let nobody = removed.clone().reduce(Action::AddEvidence(EvidenceOwner::Reply("B2".into()), link(1)));
        assert!(Rc::ptr_eq(&nobody, &removed), "no notice, no reply to add to");
    }

    #[test]
    fn a_task_that_starts_clears_the_message_it_answers_and_keeps_the_others() {
        let catalogue = Shared::new(Catalogue::builtin().clone());
        let host = Shared::new(HostProfile::default());
        let state = Rc::new(State::new(catalogue, Lang::Zh, None, host, StorageState::Saved, None, None));
        let asked = state
            .reduce(Action::Say(Place::Key, Notice::Info(S::KeyPassphraseMissing)))
            .reduce(Action::Say(Place::Profile, Notice::Info(S::KeyPassphraseMissing)));
        let loading = asked.reduce(Action::SetBusy(Some(Busy::LoadingKey)));
        assert!(loading.message(Place::Key).is_none(), "the request for a passphrase is answered");
        assert!(loading.message(Place::Profile).is_some(), "another place's message stays");
        let failed =
            loading.reduce(Action::SetBusy(None)).reduce(Action::Say(Place::Key, Notice::Info(S::PassphraseMismatch)));
        assert!(failed.message(Place::Key).is_some(), "the outcome is said");
    }

    #[test]
    fn what_was_done_on_the_first_screen_is_laid_over_a_restored_draft() {
        let catalogue = Shared::new(Catalogue::builtin().clone());
        let (a3, e6, a1) =
            (catalogue.index_of("A3").unwrap(), catalogue.index_of("E6").unwrap(), catalogue.index_of("A1").unwrap());
        let mut stored = Answers::blank(&catalogue);
        stored.set_response(&catalogue, a3, Some(Response::No)).unwrap();
        stored.set_response(&catalogue, e6, Some(Response::Yes)).unwrap();
        let mut profile = ProfileDoc::default();
        profile.contact.person = "陈晓明".into();
        let host = Shared::new(HostProfile::default());
        let state = Rc::new(State::new(
            catalogue.clone(),
            Lang::Zh,
            Some((stored, profile)),
            host,
            StorageState::Saved,
            None,
            None,
        ));
        let early = crate::early::EarlyInput {
            responses: vec![(a1, Some(Response::Yes)), (a3, Some(Response::Yes))],
            notes: vec![(a1, "见会议纪要".into())],
            profile: vec![(crate::profile_field::Field::Name, "广东省示例行业协会".into())],
        };
        let next = state.reduce(Action::CarryOver(Rc::new(early)));
        let response = |index| next.answers.entry(index).and_then(|entry| entry.response);
        assert_eq!(
            (response(a1), response(a3), response(e6)),
            (Some(Response::Yes), Some(Response::Yes), Some(Response::Yes))
        );
        assert_eq!(next.answers.entries()[a1].note, "见会议纪要");
        assert_eq!(
            (next.profile.name.as_str(), next.profile.contact.person.as_str()),
            ("广东省示例行业协会", "陈晓明")
        );
        assert_eq!(next.report.answered(), 3, "scored once each");
        assert!(next.revision > 0 && next.storage == StorageState::Saving, "and saved");
        let before = Rc::new((*next).clone());
        assert!(
            Rc::ptr_eq(&before.clone().reduce(Action::CarryOver(Rc::default())), &before),
            "nothing done, nothing changed"
        );
    }

    /// A new draft's state for `catalogue`, kept in storage, no key, nothing exported.
    fn blank(catalogue: &Shared<Catalogue>) -> Rc<State> {
        let host = Shared::new(HostProfile::default());
        Rc::new(State::new(catalogue.clone(), Lang::Zh, None, host, StorageState::Saved, None, None))
    }

    #[test]
    fn this_months_report_is_kept_with_the_draft_and_a_refused_one_is_said_in_its_section() {
        let catalogue = Shared::new(Catalogue::builtin().clone());
        let state = blank(&catalogue);
        let mut month = selfcheck_core::MonthlyReport { progress: "召开理事会。".into(), ..Default::default() };
        month.problems.push(selfcheck_core::ReportedProblem::default());
        let next = state.reduce(Action::SetMonthly(month.clone()));
        assert_eq!(next.answers.monthly(), &month, "a problem still without a title is kept");
        assert_eq!(next.untitled_problems(), [1], "and named before signing");
        assert!(next.storage == StorageState::Saving && next.last_edit == Some(Place::Monthly));
        let draft = crate::draft::draft_doc(&catalogue, &next.answers, &next.profile);
        assert_eq!(draft.format, selfcheck_core::wire::ANSWERS_FORMAT_2, "the draft carries it");
        let mut unknown = month.clone();
        unknown.areas.push(("Z".into(), "无此领域".into()));
        let refused = next.clone().reduce(Action::SetMonthly(unknown));
        assert_eq!(refused.answers.monthly(), &month, "a refused report leaves the one before");
        assert!(matches!(refused.message(Place::Monthly), Some(Notice::Error(S::MonthlyRefused, _))));
    }

    #[test]
    fn a_notice_starts_the_reply_with_its_items_keeps_what_was_written_and_goes_with_its_removal() {
        let catalogue = Shared::new(Catalogue::builtin().clone());
        let state = blank(&catalogue);
        let subject = selfcheck_core::wire::NoticeSubjectDoc {
            kind: "SelfcheckRectificationNotice".into(),
            format: "selfcheck-notice/1".into(),
            credit_code: "514400005000031282".into(),
            name: "广东省示例行业协会".into(),
            catalogue: catalogue.reference(),
            based_on: None,
            items: ["D9", "B2"]
                .into_iter()
                .map(|id| selfcheck_core::wire::NoticeItemDoc { criterion: id.into(), remark: String::new() })
                .collect(),
            remark: String::new(),
            deadline: "2026-12-31".into(),
        };
        let notice = NoticeInfo {
            digest: "a".repeat(64),
            fingerprint: "FP".into(),
            issued: "2026-11-20T02:00:00Z".into(),
            subject,
        };
        assert_eq!(NoticeInfo::read(&notice.to_json()), Some(notice.clone()), "storage keeps it as it was");
        let next = state.reduce(Action::SetNotice(Some(Shared::new(notice.clone()))));
        let reply = next.answers.notice_reply().unwrap();
        assert_eq!(reply.notice, "a".repeat(64));
        assert_eq!(
            reply.items.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
            ["B2", "D9"],
            "in catalogue order"
        );
        let next = next.reduce(Action::SetReplyNote("D9".into(), "已公开收费依据。".into()));
        assert_eq!(next.answers.notice_reply().unwrap().items[1].1.note, "已公开收费依据。");
        assert!(Rc::ptr_eq(&next.clone().reduce(Action::SetReplyNote("A1".into(), "x".into())), &next), "not an item");
        // The same notice imported again keeps what was written; removing it removes the reply.
        let again = next.clone().reduce(Action::SetNotice(Some(Shared::new(notice))));
        assert_eq!(again.answers.notice_reply().unwrap().items[1].1.note, "已公开收费依据。");
        let removed = again.reduce(Action::SetNotice(None));
        assert!(removed.notice.is_none() && removed.answers.notice_reply().is_none());
    }

    #[test]
    fn the_locked_fields_keep_the_hosts_values_and_the_rest_is_the_users() {
        let host = portal();
        let mut typed = ProfileDoc {
            name: "广东省另一行业协会".into(),
            credit_code: "51440000500000007H".into(),
            ..ProfileDoc::default()
        };
        typed.contact.person = "张三".into();
        let locked = host.lock(typed.clone());
        assert_eq!((locked.name.as_str(), locked.credit_code.as_str()), ("广东省示例行业协会", "514400005000031282"));
        assert_eq!(locked.contact.person, "张三", "an unlocked field keeps what was typed");
        let fresh = host.start(None);
        assert_eq!((fresh.name.as_str(), fresh.contact.person.as_str()), ("广东省示例行业协会", "陈晓明"));
        assert_eq!(host.start(Some(typed)).name, "广东省示例行业协会", "a stored draft's name gives way");
    }
}
