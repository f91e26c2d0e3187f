//! The desk's engine, run in a Web Worker so that the page stays responsive: it keeps every
//! received file's examination (the costly part: the signature), judges them with the current
//! key register, and computes the core's analysis whenever the files, the register, the expected
//! list, the reviews or the settings change. Every rule is the core's; this only holds state.

use std::collections::HashSet;

use selfcheck_core::bureau::{
    Analysis, CsvStyle, Deadline, Examined, ExpectedList, ExportSource, Input, InputRole, Month, MonthRange, Reviews,
    Settings, Verdict, analysis_json, examine, export,
};
use selfcheck_core::{Catalogue, KeyRegister, Lang, Timestamp};
use wasm_bindgen::prelude::*;

use crate::DeskError;

/// The worker's state: the examined files and what they are judged with.
#[wasm_bindgen]
pub struct Engine {
    now: Timestamp,
    examined: Vec<Examined>,
    /// (name, SHA-256) of every file held: the same file loaded again is not a second copy.
    seen: HashSet<(String, String)>,
    register: Option<(KeyRegister, Input)>,
    expected: Option<(ExpectedList, Input)>,
    reviews: Option<(Reviews, Input)>,
    deadline: Option<Deadline>,
    months: Option<MonthRange>,
    ranking_month: Option<Month>,
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
            computed: None,
        }
    }

    /// Examines one received file; `false` when the same file (name and content) is held
    /// already, so that loading a folder twice does not count it twice.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> bool {
        let examined = examine(name, bytes, &catalogues(), &self.now);
        let identity = (name.to_owned(), examined.file().sha256.clone());
        if !self.seen.insert(identity) {
            return false;
        }
        self.examined.push(examined);
        self.computed = None;
        true
    }

    /// The SHA-256 of the file added last (the host stores the file under it).
    pub fn last_sha256(&self) -> String {
        self.examined.last().map(|file| file.file().sha256.clone()).unwrap_or_default()
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

    /// Judges with this key register from now on (empty text: none); the error's message in
    /// `lang` when the text is not a register.
    pub fn set_register(&mut self, name: &str, text: &str, lang: &str) -> Result<(), JsValue> {
        self.register = if text.trim().is_empty() {
            None
        } else {
            let register = KeyRegister::parse(text).map_err(|error| error_text(&error, lang))?;
            Some((register, Input::new(name, text.as_bytes(), InputRole::Register)))
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
            Some((list, Input::new(name, bytes, InputRole::Expected)))
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
            Some((reviews, Input::new("reviews.json", text.as_bytes(), InputRole::Review)))
        };
        self.computed = None;
        Ok(())
    }

    /// The settings: deadline day (0: none), months `YYYY-MM..YYYY-MM` (empty: from the
    /// results) and the ranking's month `YYYY-MM` (empty: each association's latest).
    pub fn set_settings(&mut self, deadline: u32, months: &str, ranking_month: &str) -> Result<(), JsValue> {
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
        (self.deadline, self.months, self.ranking_month) = (deadline, months, ranking_month);
        self.computed = None;
        Ok(())
    }

    /// The analysis as the core's `selfcheck-analysis/1` JSON, messages in `lang`: what
    /// `selfcheck summary --format json` prints for the same files.
    pub fn analysis_json(&mut self, lang: &str) -> String {
        let reviews = self.reviews.as_ref().map(|(reviews, _)| reviews.clone());
        let (verdicts, analysis) = self.computed();
        selfcheck_core::json::pretty(&analysis_json(analysis, verdicts, reviews.as_ref(), lang_of(lang)))
    }

    /// The workbook of every table (ranking, matrix, months, criteria, anomalies, files, inputs).
    pub fn xlsx(&mut self, lang: &str) -> Vec<u8> {
        let others = self.others();
        let reviews = self.reviews.as_ref().map(|(reviews, _)| reviews.clone());
        let (verdicts, analysis) = self.computed();
        let source = ExportSource { analysis, verdicts, reviews: reviews.as_ref(), others: &others };
        export::workbook(source, lang_of(lang))
    }

    /// One table (`ranking`, `matrix`, …) as CSV starting with a UTF-8 BOM; empty when there
    /// is no table of that id.
    pub fn csv(&mut self, table: &str, lang: &str) -> String {
        let others = self.others();
        let reviews = self.reviews.as_ref().map(|(reviews, _)| reviews.clone());
        let (verdicts, analysis) = self.computed();
        let source = ExportSource { analysis, verdicts, reviews: reviews.as_ref(), others: &others };
        export::table(source, table, lang_of(lang)).map_or_else(String::new, |table| {
            selfcheck_core::bureau::to_csv(&table, CsvStyle::default())
        })
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new(0.0)
    }
}

impl Engine {
    fn settings(&self) -> Settings {
        let mut settings = Settings::new(self.now.clone());
        settings.deadline = self.deadline;
        settings.months = self.months;
        settings.ranking_month = self.ranking_month;
        settings
    }

    fn computed(&mut self) -> (&[Verdict], &Analysis) {
        if self.computed.is_none() {
            let register = self.register.as_ref().map(|(register, _)| register);
            let verdicts: Vec<Verdict> = self.examined.iter().map(|file| file.judge(register)).collect();
            let expected = self.expected.as_ref().map(|(list, _)| list);
            let analysis = Analysis::compute(&verdicts, expected, self.settings());
            self.computed = Some((verdicts, analysis));
        }
        let (verdicts, analysis) = self.computed.as_ref().expect("computed just above");
        (verdicts, analysis)
    }

    /// The inputs other than the received files, as every export names them.
    fn others(&self) -> Vec<Input> {
        [&self.register.as_ref().map(|(_, input)| input), &self.expected.as_ref().map(|(_, input)| input)]
            .into_iter()
            .chain([&self.reviews.as_ref().map(|(_, input)| input)])
            .filter_map(|input| input.cloned())
            .collect()
    }
}

/// The catalogues results may pin: the built-in ones.
fn catalogues() -> Vec<&'static Catalogue> {
    Catalogue::builtins().iter().collect()
}
