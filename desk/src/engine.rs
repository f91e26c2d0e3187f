//! The desk's engine, run in a Web Worker so that the page stays responsive: it keeps every
//! received file's examination (the costly part: the signature), judges them with the current
//! key register, and computes the core's analysis whenever the files, the register, the expected
//! list, the reviews or the settings change. Every rule is the core's; this only holds state.

use std::collections::HashSet;

use selfcheck_core::bureau::{
    Analysis, ArchiveProblem, CsvStyle, Deadline, Examined, ExpectedList, ExportSource, Input, InputRole, Month,
    MonthRange, Reproduction, Reviews, Settings, SummaryKind, Verdict, analysis_json, examine, export, sign_summary,
    unopened, verify_summary,
};
use selfcheck_core::{AssociationKey, Catalogue, KeyRegister, Lang, Timestamp};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use crate::DeskError;
use crate::archive::{Archive, Entry};

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
    /// The verdicts and analysis of the current state, computed on demand.
    computed: Option<(Vec<Verdict>, Analysis)>,
}

fn lang_of(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Zh }
}

fn error_text(error: &selfcheck_core::Error, lang: &str) -> JsValue {
    JsValue::from_str(&error.message(lang_of(lang)))
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
            longest: selfcheck_core::bureau::DEFAULT_LONGEST_PERIOD_DAYS,
            computed: None,
            checking: Vec::new(),
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

    /// Whether `bytes` are a .zip archive (of e-mail attachments). A Word or Excel file is a zip
    /// too, but a file picked by mistake: it gets its verdict, which names it, and is not opened.
    pub fn is_zip(bytes: &[u8]) -> bool {
        crate::archive::is_zip(bytes)
            && selfcheck_core::wire::detect_file(bytes) == Some(selfcheck_core::Document::Archive)
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
    /// results), the ranking's month `YYYY-MM` (empty: each association's latest) and the
    /// longest period expected, in days.
    pub fn set_settings(
        &mut self,
        deadline: u32,
        months: &str,
        ranking_month: &str,
        longest: u32,
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
        self.computed = None;
        Ok(())
    }

    /// The analysis as the core's `selfcheck-analysis/2` JSON, messages in `lang`: what
    /// `selfcheck summary --format json` prints for the same files.
    pub fn analysis_json(&mut self, lang: &str) -> String {
        let others = self.others();
        let reviews = self.reviews.as_ref().map(|(reviews, ..)| reviews.clone());
        let (verdicts, analysis) = self.computed();
        let source = ExportSource { analysis, verdicts, reviews: reviews.as_ref(), others: &others };
        selfcheck_core::json::pretty(&analysis_json(source, lang_of(lang)))
    }

    /// The workbook of every table (ranking, matrix, months, criteria, anomalies, files, inputs).
    pub fn xlsx(&mut self, lang: &str) -> Vec<u8> {
        let others = self.others();
        let reviews = self.reviews.as_ref().map(|(reviews, ..)| reviews.clone());
        let (verdicts, analysis) = self.computed();
        let source = ExportSource { analysis, verdicts, reviews: reviews.as_ref(), others: &others };
        export::workbook(source, lang_of(lang))
    }

    /// One table (`ranking`, `matrix`, …) as CSV starting with a UTF-8 BOM; empty when there
    /// is no table of that id.
    pub fn csv(&mut self, table: &str, lang: &str) -> String {
        let others = self.others();
        let reviews = self.reviews.as_ref().map(|(reviews, ..)| reviews.clone());
        let (verdicts, analysis) = self.computed();
        let source = ExportSource { analysis, verdicts, reviews: reviews.as_ref(), others: &others };
        export::table(source, table, lang_of(lang))
            .map_or_else(String::new, |table| selfcheck_core::bureau::to_csv(&table, CsvStyle::default()))
    }
}

#[wasm_bindgen]
impl Engine {
    /// Sets the clock (Unix seconds): a signed summary is signed at the time it is made.
    pub fn set_now(&mut self, now_seconds: f64) {
        self.now = Timestamp::from_unix_seconds(now_seconds.max(0.0) as u64);
        self.computed = None;
    }

    /// Signs a summary (`ranking` or `matrix`) with the bureau's key file, through the core;
    /// `random_id` is 16 random bytes from the host. The error's message in `lang`.
    pub fn sign_summary(
        &mut self,
        kind: &str,
        key_pem: &str,
        passphrase: &str,
        random_id: &[u8],
        lang: &str,
    ) -> Result<String, JsValue> {
        let kind = SummaryKind::from_code(kind).unwrap_or(SummaryKind::Ranking);
        let key = AssociationKey::from_encrypted_pem(key_pem, passphrase).map_err(|error| error_text(&error, lang))?;
        let random_id: [u8; 16] = random_id.try_into().map_err(|_| JsValue::from_str("16 random bytes"))?;
        let others = self.others();
        let reviews = self.reviews.as_ref().map(|(reviews, ..)| reviews.clone());
        let (verdicts, analysis) = self.computed();
        let source = ExportSource { analysis, verdicts, reviews: reviews.as_ref(), others: &others };
        sign_summary(kind, source, &key, random_id).map_err(|error| error_text(&error, lang))
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
        let language = lang_of(lang);
        let mut files: Vec<(&str, &[u8])> =
            self.checking.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
        let held = [
            self.register.as_ref().map(|(_, input, bytes)| (input, bytes)),
            self.expected.as_ref().map(|(_, input, bytes)| (input, bytes)),
            self.reviews.as_ref().map(|(_, input, bytes)| (input, bytes)),
        ];
        files.extend(held.into_iter().flatten().map(|(input, bytes)| (input.name.as_str(), bytes.as_slice())));
        let (ok, message) = match verify_summary(text, &self.now) {
            Err(error) => (false, error.message(language)),
            Ok(summary) => match summary.reproduce(&files, &catalogues()) {
                Ok(reproduction) => {
                    let reproduced = matches!(reproduction, Reproduction::Reproduced);
                    let signer = crate::i18n::T::SummarySigner.with(
                        language,
                        &[&summary.key.fingerprint(), summary.issued.as_str(), summary.kind.label(language)],
                    );
                    (reproduced, format!("{signer} {}", reproduction.message(language)))
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
        settings
    }

    fn computed(&mut self) -> (&[Verdict], &Analysis) {
        if self.computed.is_none() {
            let register = self.register.as_ref().map(|(register, ..)| register);
            let verdicts: Vec<Verdict> = self.examined.iter().map(|file| file.judge(register)).collect();
            let expected = self.expected.as_ref().map(|(list, ..)| list);
            let analysis = Analysis::compute(&verdicts, expected, self.settings());
            self.computed = Some((verdicts, analysis));
        }
        let (verdicts, analysis) = self.computed.as_ref().expect("computed just above");
        (verdicts, analysis)
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
        .collect()
    }
}

/// The catalogues results may pin: the built-in ones.
fn catalogues() -> Vec<&'static Catalogue> {
    Catalogue::builtins().iter().collect()
}

/// A `.zip` archive of e-mail attachments, opened for the worker, which takes its files one at a
/// time: only one file's content is unpacked at once.
#[wasm_bindgen]
pub struct ArchiveReader {
    archive: Result<Archive, ArchiveProblem>,
}

#[wasm_bindgen]
impl ArchiveReader {
    /// Opens `bytes`; when they cannot be opened, [`ArchiveReader::problem`] says why.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> ArchiveReader {
        ArchiveReader { archive: Archive::open(bytes) }
    }

    /// The code of the core's `ArchiveProblem` when the archive cannot be opened.
    pub fn problem(&self) -> Option<String> {
        self.archive.as_ref().err().map(|problem| problem.code().to_owned())
    }

    /// How many entries (files and folders) it lists; 0 when it cannot be opened.
    pub fn len(&self) -> usize {
        self.archive.as_ref().map_or(0, Archive::len)
    }

    /// Whether it lists nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry at `index`: `{ name, bytes }` for a file read, `{ name, bytes, problem }` for one
    /// that could not be (`bytes` as stored in the archive; `problem` the core's code), and
    /// `undefined` for a folder.
    pub fn entry(&mut self, index: usize) -> JsValue {
        let Ok(archive) = self.archive.as_mut() else { return JsValue::UNDEFINED };
        let (name, bytes, problem) = match archive.entry(index) {
            Entry::Folder => return JsValue::UNDEFINED,
            Entry::File { name, content } => (name, content, None),
            Entry::Unread { name, stored, problem } => (name, stored, Some(problem.code())),
        };
        let object = js_sys::Object::new();
        let set = |key: &str, value: JsValue| js_sys::Reflect::set(&object, &key.into(), &value);
        let _ = set("name", name.into());
        let _ = set("bytes", js_sys::Uint8Array::from(bytes.as_slice()).into());
        if let Some(problem) = problem {
            let _ = set("problem", problem.into());
        }
        object.into()
    }
}
