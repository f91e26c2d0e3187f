//! The desk's engine, run in a Web Worker so that the page stays responsive: it keeps every
//! received file's examination (the costly part: the signature), judges them with the current
//! key register, and computes the core's analysis whenever the files, the register, the expected
//! list, the reviews or the settings change. Every rule is the core's; this only holds state.

use std::collections::HashSet;

use selfcheck_bureau::{
    Analysis, ArchiveProblem, CsvStyle, Deadline, Examined, ExpectedList, ExportSource, Input, InputFile, InputRole,
    ModelRule, Month, MonthRange, Reproduction, Reviews, Settings, SummaryKind, Verdict, YearSummary, analysis_json,
    examine, export, oversized, sign_summary, track_notices, unopened, unopened_file, verify_summary, year_json,
    year_workbook,
};
use selfcheck_core::notice::{NoticeDraft, NoticeItem, VerifiedNotice, sign_notice, verify_notice};
use selfcheck_core::{AssociationKey, Catalogue, KeyRegister, Lang, Timestamp};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use crate::DeskError;
use crate::archive::{Archive, Bytes, Item};

/// The worker's state: the examined files and what they are judged with.
#[wasm_bindgen]
pub struct Engine {
    now: Timestamp,
    examined: Vec<Examined>,
    /// (name, SHA-256) of every file held: the same file loaded again is not a second copy.
    seen: HashSet<(String, String)>,
    register: Option<(KeyRegister, Input, Vec<u8>)>,
    expected: Option<(ExpectedList, Input, Vec<u8>)>,
    reviews: Option<(Reviews, Input, Vec<u8>)>,
    /// The files gathered to check a signed summary against.
    checking: Vec<(String, Vec<u8>)>,
    deadline: Option<Deadline>,
    months: Option<MonthRange>,
    ranking_month: Option<Month>,
    longest: u32,
    /// Whether results without the second signature (SM2/SM3) are refused.
    require_sm2: bool,
    /// The verdicts and analysis of the current state, computed on demand.
    computed: Option<(Vec<Verdict>, Analysis)>,
    /// The rectification notices followed.
    notices: Vec<VerifiedNotice>,
    /// Their texts as received, beside them: a signed summary lists them by the digest of these.
    notice_texts: Vec<String>,
}

fn error_text(error: &selfcheck_core::Error, lang: &str) -> JsValue {
    JsValue::from_str(&error.message(Lang::from_tag(lang)))
}

#[wasm_bindgen]
impl Engine {
    /// An empty desk whose clock reads `now_seconds` (Unix seconds, from the host).
    #[wasm_bindgen(constructor)]
    pub fn new(now_seconds: f64) -> Engine {
        Engine {
            now: Timestamp::from_unix_seconds(now_seconds.max(0.0) as u64),
            examined: Vec::new(),
            seen: HashSet::new(),
            register: None,
            expected: None,
            reviews: None,
            deadline: None,
            months: None,
            ranking_month: None,
            longest: selfcheck_bureau::DEFAULT_LONGEST_PERIOD_DAYS,
            require_sm2: false,
            computed: None,
            checking: Vec::new(),
            notices: Vec::new(),
            notice_texts: Vec::new(),
        }
    }

    /// Examines one received file; `false` when the same file (name and content) is held
    /// already, so that loading a folder twice does not count it twice.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> bool {
        self.hold(examine(name, bytes, &catalogues(), &self.now))
    }

    /// Adds a received file that could not be opened or unpacked (`problem`: the code of the
    /// core's `ArchiveProblem`, as [`ArchiveReader`] gives it): a row saying why, not a result.
    /// `false` when it is held already, as for [`Engine::add`].
    pub fn add_unopened(&mut self, name: &str, bytes: &[u8], problem: &str) -> bool {
        let problem = ArchiveProblem::from_code(problem).unwrap_or(ArchiveProblem::Damaged);
        self.hold(unopened(name, bytes, problem))
    }

    /// As [`Engine::add_unopened`], for a file whose size and SHA-256 the host computed as it read
    /// it, without keeping its bytes (an entry of a large archive, or one restored after a reload).
    pub fn add_unopened_digest(&mut self, name: &str, size: f64, sha256: &str, problem: &str) -> bool {
        let problem = ArchiveProblem::from_code(problem).unwrap_or(ArchiveProblem::Damaged);
        let file = InputFile { name: name.to_owned(), size: size.max(0.0) as u64, sha256: sha256.to_owned() };
        self.hold(unopened_file(file, problem))
    }

    /// Adds a file larger than a result can be (a video dropped by mistake, say), which the host
    /// did not read whole: its size, the SHA-256 the host computed as it read it in pieces, and
    /// its first bytes, which name its kind when they show it. A row saying so.
    pub fn add_oversized(&mut self, name: &str, size: f64, sha256: &str, head: &[u8]) -> bool {
        let file = InputFile { name: name.to_owned(), size: size.max(0.0) as u64, sha256: sha256.to_owned() };
        self.hold(oversized(file, head))
    }

    /// Whether `bytes` (a file's first bytes will do) are a .zip archive of e-mail attachments. A
    /// Word or Excel file is a zip too, but a file picked by mistake: it gets its verdict, which
    /// names it, and is not opened.
    pub fn is_zip(bytes: &[u8]) -> bool {
        crate::archive::is_attachments(bytes)
    }

    /// The most a received file may be to be read whole; larger ones are named by their first
    /// bytes ([`Engine::add_oversized`]), or read in pieces when they are archives.
    pub fn max_file_bytes() -> f64 {
        selfcheck_core::credential::MAX_RESULT_BYTES as f64
    }

    /// The SHA-256 of the file added last (the host stores the file under it).
    pub fn last_sha256(&self) -> String {
        self.examined.last().map(|file| file.file().sha256.clone()).unwrap_or_default()
    }

    /// The size of the module's memory in this worker, in bytes (for the benchmark).
    pub fn memory_bytes() -> f64 {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
            .into()
    }

    /// How many files are held.
    pub fn len(&self) -> usize {
        self.examined.len()
    }

    /// Whether no file is held.
    pub fn is_empty(&self) -> bool {
        self.examined.is_empty()
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.examined.clear();
        self.seen.clear();
        self.computed = None;
    }

    /// Judges with this key register from now on (blank: none), read by the core from the bytes
    /// received, whose SHA-256 the exports and the signed summary list; the error's message in
    /// `lang` when they are not a register.
    pub fn set_register(&mut self, name: &str, bytes: &[u8], lang: &str) -> Result<(), JsValue> {
        self.register = if bytes.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            let register = KeyRegister::from_bytes(bytes).map_err(|error| error_text(&error, lang))?;
            Some((register, Input::new(name, bytes, InputRole::Register), bytes.to_vec()))
        };
        self.computed = None;
        Ok(())
    }

    /// Uses this list of associations expected to report (empty: none).
    pub fn set_expected(&mut self, name: &str, bytes: &[u8], lang: &str) -> Result<(), JsValue> {
        self.expected = if bytes.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            let list = ExpectedList::from_bytes(bytes).map_err(|error| error_text(&error, lang))?;
            Some((list, Input::new(name, bytes, InputRole::Expected), bytes.to_vec()))
        };
        self.computed = None;
        Ok(())
    }

    /// Uses these review states (a `selfcheck-review/1` file; empty: none).
    pub fn set_reviews(&mut self, text: &str, lang: &str) -> Result<(), JsValue> {
        self.reviews = if text.trim().is_empty() {
            None
        } else {
            let reviews = Reviews::from_json(text).map_err(|error| error_text(&error, lang))?;
            Some((reviews, Input::new("reviews.json", text.as_bytes(), InputRole::Review), text.as_bytes().to_vec()))
        };
        self.computed = None;
        Ok(())
    }

    /// The settings: deadline day (0: none), months `YYYY-MM..YYYY-MM` (empty: from the
    /// results), the ranking's month `YYYY-MM` (empty: each association's latest), the longest
    /// period expected, in days, and whether results without the second signature (SM2/SM3)
    /// are refused.
    pub fn set_settings(
        &mut self,
        deadline: u32,
        months: &str,
        ranking_month: &str,
        longest: u32,
        require_sm2: bool,
    ) -> Result<(), JsValue> {
        let deadline = if deadline == 0 {
            None
        } else {
            Some(Deadline::new(deadline).ok_or_else(|| JsValue::from_str(&DeskError::Deadline.to_string()))?)
        };
        let months = if months.is_empty() {
            None
        } else {
            Some(MonthRange::parse(months).ok_or_else(|| JsValue::from_str(&DeskError::Months.to_string()))?)
        };
        let ranking_month = if ranking_month.is_empty() {
            None
        } else {
            Some(Month::parse(ranking_month).ok_or_else(|| JsValue::from_str(&DeskError::Months.to_string()))?)
        };
        if longest == 0 {
            return Err(JsValue::from_str(&DeskError::Longest.to_string()));
        }
        (self.deadline, self.months, self.ranking_month, self.longest) = (deadline, months, ranking_month, longest);
        self.require_sm2 = require_sm2;
        self.computed = None;
        Ok(())
    }

    /// The analysis as the core's `selfcheck-analysis/3` JSON, messages in `lang`: what
    /// `selfcheck summary --format json` prints for the same files.
    pub fn analysis_json(&mut self, lang: &str) -> String {
        self.with_source(|source| selfcheck_core::json::pretty(&analysis_json(source, Lang::from_tag(lang))))
    }

    /// The workbook of every table (ranking, matrix, months, criteria, anomalies, files, inputs).
    pub fn xlsx(&mut self, lang: &str) -> Vec<u8> {
        self.with_source(|source| export::workbook(source, Lang::from_tag(lang)))
    }

    /// One table (`ranking`, `matrix`, …) as CSV starting with a UTF-8 BOM; empty when there
    /// is no table of that id.
    pub fn csv(&mut self, table: &str, lang: &str) -> String {
        self.with_source(|source| {
            export::table(source, table, Lang::from_tag(lang))
                .map_or_else(String::new, |table| selfcheck_bureau::to_csv(&table, CsvStyle::default()))
        })
    }
}

#[wasm_bindgen]
impl Engine {
    /// Sets the clock (Unix seconds): a signed summary is signed at the time it is made.
    pub fn set_now(&mut self, now_seconds: f64) {
        self.now = Timestamp::from_unix_seconds(now_seconds.max(0.0) as u64);
        self.computed = None;
    }

    /// Signs a summary (`ranking`, `matrix`, or `year`: the year's summary of `year`, 示范
    /// candidates at the top grade in each of the last `model_months` months, in `lang`'s words)
    /// with the bureau's key file, through the core, with where each notice followed stands;
    /// `random_id` is 16 random bytes from the host. The error's message in `lang`.
    #[allow(clippy::too_many_arguments)]
    pub fn sign_summary(
        &mut self,
        kind: &str,
        year: i32,
        model_months: u32,
        key_pem: &str,
        passphrase: &str,
        random_id: &[u8],
        lang: &str,
    ) -> Result<String, JsValue> {
        let kind = match kind {
            "year" => SummaryKind::Year(YearSummary {
                year,
                rule: ModelRule { months: model_months.clamp(1, 12) },
                lang: Lang::from_tag(lang),
            }),
            kind => SummaryKind::from_code(kind).unwrap_or(SummaryKind::Ranking),
        };
        let key = AssociationKey::from_encrypted_pem(key_pem, passphrase).map_err(|error| error_text(&error, lang))?;
        let random_id: [u8; 16] = random_id.try_into().map_err(|_| JsValue::from_str("16 random bytes"))?;
        self.with_source(|source| sign_summary(kind, source, &key, random_id))
            .map_err(|error| JsValue::from_str(&error.message(Lang::from_tag(lang))))
    }

    /// The year's summary (`selfcheck-year/1` JSON) for `year`, 示范 candidates at the top grade
    /// in each of the last `model_months` months, in `lang`.
    pub fn year_json(&mut self, year: i32, model_months: u32, lang: &str) -> String {
        let rule = ModelRule { months: model_months.clamp(1, 12) };
        self.with_source(|source| selfcheck_core::json::compact(&year_json(source, year, rule, Lang::from_tag(lang))))
    }

    /// The year's summary as a workbook, as [`Engine::year_json`].
    pub fn year_xlsx(&mut self, year: i32, model_months: u32, lang: &str) -> Vec<u8> {
        let rule = ModelRule { months: model_months.clamp(1, 12) };
        self.with_source(|source| year_workbook(source, year, rule, Lang::from_tag(lang)))
    }

    /// Whether any rectification notice is followed: then the review states change the analysis
    /// (the criteria an officer accepted), not only the exports.
    pub fn has_notices(&self) -> bool {
        !self.notices.is_empty()
    }

    /// Follows these rectification notices (their texts as issued; the page keeps them) from
    /// now on. A text the core does not verify is left out: the page verified each before
    /// keeping it.
    pub fn set_notices(&mut self, texts: Vec<String>) {
        let catalogues = catalogues();
        let verified = texts.into_iter().filter_map(|text| {
            let notice = verify_notice(&text, &catalogues, &self.now).ok()?;
            Some((notice, text))
        });
        (self.notices, self.notice_texts) = verified.unzip();
    }

    /// Signs a rectification notice with the bureau's key file, through the core, and follows
    /// it: the notice's text. `based_on` is the digest of the result it was drawn from (its
    /// catalogue names the criteria; empty: none, the current catalogue); `criteria` and
    /// `remarks` go in pairs; `deadline` is `YYYY-MM-DD`; `random_id` is 16 random bytes from
    /// the host. The error's message in `lang`, each problem of the draft named.
    #[allow(clippy::too_many_arguments)]
    pub fn issue_notice(
        &mut self,
        credit_code: &str,
        name: &str,
        based_on: &str,
        criteria: Vec<String>,
        remarks: Vec<String>,
        remark: &str,
        deadline: &str,
        key_pem: &str,
        passphrase: &str,
        random_id: &[u8],
        lang: &str,
    ) -> Result<String, JsValue> {
        let language = Lang::from_tag(lang);
        let draft = notice_draft(credit_code, name, based_on, &criteria, &remarks, remark, deadline)
            .map_err(|error| error_text(&error, lang))?;
        let key = AssociationKey::from_encrypted_pem(key_pem, passphrase).map_err(|error| error_text(&error, lang))?;
        let random_id: [u8; 16] = random_id.try_into().map_err(|_| JsValue::from_str("16 random bytes"))?;
        let catalogue = {
            let (verdicts, _) = self.computed();
            verdicts
                .iter()
                .filter_map(Verdict::accepted)
                .find(|result| !based_on.is_empty() && result.digest == based_on)
                .map_or_else(|| Catalogue::builtin().clone(), |result| result.catalogue.clone())
        };
        let text = sign_notice(&catalogue, &draft, &key, &self.now, random_id)
            .map_err(|error| JsValue::from_str(&error.message(language)))?;
        if let Ok(notice) = verify_notice(&text, &catalogues(), &self.now) {
            self.notices.push(notice);
            self.notice_texts.push(text.clone());
        }
        Ok(text)
    }

    /// Starts checking a signed summary: the files are given one by one with [`Engine::check_file`].
    pub fn check_begin(&mut self) {
        self.checking.clear();
    }

    /// A received file to check a signed summary against.
    pub fn check_file(&mut self, name: &str, bytes: &[u8]) {
        self.checking.push((name.to_owned(), bytes.to_vec()));
    }

    /// Verifies a signed summary and reproduces it from the files given, the register, the
    /// expected list and the review file held: `{ "ok": bool, "message": … }` in `lang`.
    pub fn check_summary(&mut self, text: &str, lang: &str) -> String {
        let language = Lang::from_tag(lang);
        let mut files: Vec<(&str, &[u8])> =
            self.checking.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
        let held = [
            self.register.as_ref().map(|(_, input, bytes)| (input, bytes)),
            self.expected.as_ref().map(|(_, input, bytes)| (input, bytes)),
            self.reviews.as_ref().map(|(_, input, bytes)| (input, bytes)),
        ];
        files.extend(held.into_iter().flatten().map(|(input, bytes)| (input.name.as_str(), bytes.as_slice())));
        files.extend(self.notice_texts.iter().map(|text| ("", text.as_bytes())));
        let (ok, message) = match verify_summary(text, &self.now) {
            Err(error) => (false, error.message(language)),
            Ok(summary) => match summary.reproduce(&files, &catalogues()) {
                Ok(reproduction) => {
                    let reproduced = matches!(reproduction, Reproduction::Reproduced);
                    let signer = crate::i18n::T::SummarySigner.filled(
                        language,
                        &[
                            &summary.key.fingerprint(),
                            &selfcheck_core::messages::beijing_short(&summary.issued),
                            &summary.kind.describe(summary.rows(), language),
                        ],
                    );
                    let gap = if language == Lang::Zh { "" } else { " " };
                    (reproduced, format!("{signer}{gap}{}", reproduction.message(language)))
                }
                Err(error) => (false, error.message(language)),
            },
        };
        self.checking.clear();
        let mut object = selfcheck_core::json::Object::new();
        object.insert("ok", ok);
        object.insert("message", message);
        selfcheck_core::json::compact(&selfcheck_core::json::Json::Object(object))
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new(0.0)
    }
}

impl Engine {
    /// Keeps a file's examination unless the same file (name and content) is held already.
    fn hold(&mut self, examined: Examined) -> bool {
        let identity = (examined.file().name.clone(), examined.file().sha256.clone());
        if !self.seen.insert(identity) {
            return false;
        }
        self.examined.push(examined);
        self.computed = None;
        true
    }

    fn settings(&self) -> Settings {
        let mut settings = Settings::new(self.now.clone());
        settings.deadline = self.deadline;
        settings.months = self.months;
        settings.ranking_month = self.ranking_month;
        settings.longest_period_days = self.longest;
        settings.require_sm2 = self.require_sm2;
        settings
    }

    fn computed(&mut self) -> (&[Verdict], &Analysis) {
        if self.computed.is_none() {
            let register = self.register.as_ref().map(|(register, ..)| register);
            let require_sm2 = self.require_sm2;
            let verdicts: Vec<Verdict> =
                self.examined.iter().map(|file| file.judge_with(register, require_sm2)).collect();
            let expected = self.expected.as_ref().map(|(list, ..)| list);
            let analysis = Analysis::compute(&verdicts, expected, self.settings());
            self.computed = Some((verdicts, analysis));
        }
        let (verdicts, analysis) = self.computed.as_ref().expect("computed just above");
        (verdicts, analysis)
    }

    /// Runs `work` on the exports' source: the analysis of the current state, the reviews, the
    /// other inputs and the notices followed at the desk's clock.
    fn with_source<R>(&mut self, work: impl FnOnce(ExportSource<'_>) -> R) -> R {
        let others = self.others();
        let reviews = self.reviews.as_ref().map(|(reviews, ..)| reviews.clone());
        let now = self.now.clone();
        let notices = std::mem::take(&mut self.notices);
        let outcome = {
            let (verdicts, analysis) = self.computed();
            let tracks = track_notices(&notices, verdicts, reviews.as_ref(), &now);
            work(ExportSource { analysis, verdicts, reviews: reviews.as_ref(), others: &others, notices: &tracks })
        };
        self.notices = notices;
        outcome
    }

    /// The inputs other than the received files, as every export names them.
    fn others(&self) -> Vec<Input> {
        [
            self.register.as_ref().map(|(_, input, _)| input),
            self.expected.as_ref().map(|(_, input, _)| input),
            self.reviews.as_ref().map(|(_, input, _)| input),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .chain(self.notices.iter().map(Input::of_notice))
        .collect()
    }
}

/// The draft of a notice from the page's fields, read by the core's readers: a credit code or a
/// deadline they refuse is named as the core names it.
fn notice_draft(
    credit_code: &str,
    name: &str,
    based_on: &str,
    criteria: &[String],
    remarks: &[String],
    remark: &str,
    deadline: &str,
) -> Result<NoticeDraft, selfcheck_core::Error> {
    use selfcheck_core::{Document, Error, Problem, ProblemKind};
    let mut problems = Vec::new();
    let credit_code = selfcheck_core::CreditCode::parse(credit_code)
        .map_err(|error| problems.push(Problem::new("credit_code", ProblemKind::CreditCode(error))))
        .ok();
    let deadline = selfcheck_core::Date::parse(deadline);
    if deadline.is_none() {
        problems.push(Problem::new("deadline", ProblemKind::BadDate(String::new())));
    }
    let (Some(credit_code), Some(deadline)) = (credit_code, deadline) else {
        return Err(Error::Malformed { what: Document::Notice, problems });
    };
    let items = criteria
        .iter()
        .zip(remarks.iter().map(String::as_str).chain(std::iter::repeat("")))
        .map(|(criterion, remark)| NoticeItem { criterion: criterion.clone(), remark: remark.to_owned() })
        .collect();
    Ok(NoticeDraft {
        credit_code,
        name: name.to_owned(),
        based_on: Some(based_on.to_owned()).filter(|digest| !digest.is_empty()),
        items,
        remark: remark.to_owned(),
        deadline,
    })
}

/// The catalogues results may pin: the built-in ones.
fn catalogues() -> Vec<&'static Catalogue> {
    Catalogue::builtins().iter().collect()
}

/// A `.zip` archive of e-mail attachments, opened for the worker, which takes its entries one at
/// a time: only one entry's content is unpacked at once, and a large archive is read where the
/// browser holds it, never copied whole.
#[wasm_bindgen]
pub struct ArchiveReader {
    archive: Archive,
}

#[wasm_bindgen]
impl ArchiveReader {
    /// Opens an archive from its bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> ArchiveReader {
        ArchiveReader { archive: Archive::open(Box::new(Bytes::new(bytes))) }
    }

    /// Opens an archive where the browser holds it (a `File`), read in pieces (in the worker).
    pub fn from_blob(blob: web_sys::Blob) -> ArchiveReader {
        match crate::blob::BlobSource::new(blob) {
            Some(source) => ArchiveReader { archive: Archive::open(Box::new(source)) },
            None => ArchiveReader::new(Vec::new()),
        }
    }

    /// The code of the core's `ArchiveProblem` that is the archive's own row: it cannot be
    /// opened, lists too many files, or its directory is damaged (its files then follow, read
    /// from their own headers).
    pub fn problem(&self) -> Option<String> {
        self.archive.problem().map(|problem| problem.code().to_owned())
    }

    /// How many entries the archives opened so far list (it grows as archives inside it open).
    pub fn listed(&self) -> usize {
        self.archive.listed()
    }

    /// The next entry: `{ name, bytes }` for a file read; `{ name, problem, size, sha256, bytes? }`
    /// for one that was not (`problem` the core's code; `size` and `sha256` of what was received
    /// for it, `bytes` those bytes when small enough to keep); `undefined` after the last.
    #[wasm_bindgen(js_name = next)]
    pub fn next_entry(&mut self) -> JsValue {
        let Some(item) = self.archive.next() else { return JsValue::UNDEFINED };
        let object = js_sys::Object::new();
        let set = |key: &str, value: JsValue| js_sys::Reflect::set(&object, &key.into(), &value);
        match item {
            Item::File { name, content } => {
                let _ = set("name", name.into());
                let _ = set("bytes", js_sys::Uint8Array::from(content.as_slice()).into());
            }
            Item::Unread { name, size, sha256, stored, problem } => {
                let _ = set("name", name.into());
                let _ = set("problem", problem.code().into());
                let _ = set("size", (size as f64).into());
                let _ = set("sha256", sha256.into());
                if let Some(stored) = stored {
                    let _ = set("bytes", js_sys::Uint8Array::from(stored.as_slice()).into());
                }
            }
        }
        object.into()
    }
}

/// SHA-256 computed piece by piece, for a file too large to hold (the worker reads it in pieces,
/// reporting progress and heeding a cancel between them).
#[wasm_bindgen]
#[derive(Default)]
pub struct Sha256Stream {
    hasher: sha2::Sha256,
}

#[wasm_bindgen]
impl Sha256Stream {
    /// A new digest.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Sha256Stream {
        Sha256Stream::default()
    }

    /// Adds the next piece.
    pub fn update(&mut self, bytes: &[u8]) {
        sha2::Digest::update(&mut self.hasher, bytes);
    }

    /// The digest, lowercase hex.
    pub fn finish(self) -> String {
        selfcheck_core::canonical::hex(&sha2::Digest::finalize(self.hasher))
    }
}

/// The analysis as the page reads it back: the bureau's own types of its document.
#[cfg(test)]
mod analysis_document {
    use std::collections::BTreeSet;

    use selfcheck_tests::bureau_set::{Spec, generate};
    use serde_json::Value;

    use selfcheck_bureau::document::AnalysisDoc;

    use crate::engine::Engine;

    /// The places of `value`'s fields (arrays' elements as `[]`), those holding null left out
    /// unless `with_null`.
    fn places(value: &Value, at: &str, with_null: bool, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(fields) => {
                for (name, field) in fields {
                    let place = format!("{at}.{name}");
                    if with_null || !field.is_null() {
                        out.insert(place.clone());
                    }
                    places(field, &place, with_null, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| places(item, &format!("{at}[]"), with_null, out)),
            _ => {}
        }
    }

    /// The places where what the desk read differs from what the core wrote.
    fn differences(read: &Value, written: &Value, at: &str, out: &mut Vec<String>) {
        match (read, written) {
            (Value::Object(read), Value::Object(written)) => {
                for (name, field) in read {
                    let place = format!("{at}.{name}");
                    match written.get(name) {
                        Some(written) => differences(field, written, &place, out),
                        None if field.is_null() => {}
                        None => out.push(format!("{place}: read {field}, not written")),
                    }
                }
            }
            (Value::Array(read), Value::Array(written)) if read.len() == written.len() => {
                for (index, (read, written)) in read.iter().zip(written).enumerate() {
                    differences(read, written, &format!("{at}[{index}]"), out);
                }
            }
            (read, written) if read == written => {}
            (read, written) => out.push(format!("{at}: read {read}, written {written}")),
        }
    }

    /// The page reads the analysis the core writes for the bureau's generated set (every kind
    /// of row: late, copies, keys of others, the unlisted, anomalies): each field it declares is
    /// one the core writes, somewhere with a value, and holds what the core wrote. A field the
    /// core renamed or retyped would otherwise show empty on the page.
    #[test]
    fn the_desk_reads_every_field_as_the_core_writes_it() {
        let set = generate(Spec::default());
        let mut engine = Engine::new(set.now.unix_seconds() as f64);
        engine.set_register("register.txt", set.register.as_bytes(), "zh").unwrap();
        engine.set_expected("expected.csv", &set.expected, "zh").unwrap();
        // Every setting given, so that the analysis writes each of them.
        let months = format!("{}..{}", set.months[0], set.months[set.months.len() - 1]);
        engine.set_settings(set.deadline, &months, &set.months[set.months.len() - 2], 31, false).unwrap();
        for file in &set.files {
            engine.add(&file.name, &file.bytes);
        }
        // A notice issued to the first association ranked, drawn from its result: the notices'
        // fields written too.
        let before = AnalysisDoc::read(&engine.analysis_json("zh")).unwrap();
        let ranked = before.ranking.iter().find(|row| !row.result.is_empty()).expect("a ranked result");
        let key_pem = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/keys/openssl-pbkdf2-1000.pem"),
        )
        .unwrap();
        let deadline = set.now.beijing_date().as_str().to_owned();
        // Issued the day before that result was signed, so that the result answers it.
        let signed = selfcheck_core::Timestamp::parse(&ranked.signed).unwrap();
        engine.set_now((signed.unix_seconds() - 86_400) as f64);
        let issued = engine
            .issue_notice(
                &ranked.credit_code,
                &ranked.name,
                &ranked.result,
                vec!["A1".into(), "E6".into()],
                vec!["补充推进方案".into()],
                "请按期整改。",
                &deadline,
                &key_pem,
                "selfcheck fuzzing passphrase",
                &[5; 16],
                "zh",
            )
            .unwrap();
        engine.set_now(set.now.unix_seconds() as f64);
        let json = engine.analysis_json("zh");
        let written: Value = serde_json::from_str(&json).unwrap();
        let read = serde_json::to_value(AnalysisDoc::read(&json).unwrap()).unwrap();
        let document = AnalysisDoc::read(&json).unwrap();
        let [notice] = document.notices.as_slice() else { panic!("one notice followed: {:?}", document.notices) };
        assert_eq!(
            (notice.credit_code.as_str(), notice.state.as_str(), notice.days_left),
            (ranked.credit_code.as_str(), notice.state.as_str(), 0)
        );
        assert_ne!(notice.state, "overdue", "due today, not past");
        assert_eq!(notice.items[1].remark, "", "a criterion without a remark");
        assert!(notice.result.is_some(), "judged by the result signed since");
        // The page keeps the text and gives it back after a reload: the same notice, once.
        engine.set_notices(vec![issued.clone(), issued]);
        assert_eq!(AnalysisDoc::read(&engine.analysis_json("zh")).unwrap().notices, document.notices);

        let (mut declared, mut filled) = (BTreeSet::new(), BTreeSet::new());
        places(&read, "", true, &mut declared);
        places(&written, "", false, &mut filled);
        let never_written: Vec<&String> = declared.difference(&filled).collect();
        assert!(never_written.is_empty(), "the desk declares fields the core never fills: {never_written:#?}");

        let mut differ = Vec::new();
        differences(&read, &written, "", &mut differ);
        assert!(differ.is_empty(), "{:#?}", &differ[..differ.len().min(20)]);
    }

    #[test]
    fn an_analysis_of_another_format_or_with_a_part_missing_is_refused() {
        let mut engine = Engine::new(1_790_000_000.0);
        let json = engine.analysis_json("zh");
        assert!(AnalysisDoc::read(&json).is_ok());
        let other = json.replacen("selfcheck-analysis/3", "selfcheck-analysis/2", 1);
        assert!(AnalysisDoc::read(&other).unwrap_err().contains("selfcheck-analysis/2"));
        let mut value: Value = serde_json::from_str(&json).unwrap();
        value.as_object_mut().unwrap().remove("ranking");
        assert!(AnalysisDoc::read(&value.to_string()).unwrap_err().contains("ranking"));
    }
}
