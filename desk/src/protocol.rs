//! The messages between the desk's page and its worker (`desk/js/desk-worker.js`): each kind a
//! variant, its `type` and field names written here once. The worker's wire format is plain
//! objects `{type, …fields}`; reading and writing them is the only JavaScript glue, kept thin so
//! that the rest is checked natively.

use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use selfcheck_core::Lang;
use wasm_bindgen::{JsCast, JsValue};

use crate::DeskError;

/// Posts a message to the worker.
pub(crate) type Send = Rc<dyn Fn(ToWorker)>;

/// A file as received: its name and bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Received {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What failed, as the worker said it (or the page, for the worker itself), worded in the page's
/// language when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The worker could not be started.
    NoWorker,
    /// The browser would not read this received file.
    Read(String),
    /// The core's words, in the language of the moment.
    Message(String),
    /// Anything else (its detail is in the console).
    Internal,
}

/// A message the worker sends the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromWorker {
    /// Files done, files in all (growing as archives open), and thousandths of the file under way.
    Progress { done: u32, total: u32, part: u32 },
    /// The reading the officer cancelled stopped after `done` files of `total`.
    Cancelled { done: u32, total: u32 },
    /// The core's analysis (`selfcheck-analysis/3` JSON) and the worker's memory in bytes.
    Analysis { json: String, memory: u64 },
    /// A file for the officer to save.
    Download { name: String, mime: String, bytes: Vec<u8> },
    /// A held result's file, asked for by the association view.
    Result { sha256: String, name: String, bytes: Vec<u8> },
    /// How signing or checking a summary went; no message when signed.
    Signed { ok: bool, message: Option<String> },
    /// How issuing a rectification notice went: its text, or why it was not signed.
    Issued(Result<String, String>),
    /// The year's summary (`selfcheck-year/1` JSON).
    Year { json: String },
    /// Something failed in the worker.
    Failed(Failure),
}

/// The fields of a message as the page reads them: the worker's object in the browser, a JSON
/// object in the native tests.
pub trait Fields {
    /// Whether the field is there at all.
    fn has(&self, key: &str) -> bool;
    /// A string field.
    fn text(&self, key: &str) -> Option<String>;
    /// A number field.
    fn number(&self, key: &str) -> Option<f64>;
    /// A boolean field.
    fn flag(&self, key: &str) -> Option<bool>;
    /// A byte array field.
    fn bytes(&self, key: &str) -> Option<Vec<u8>>;
}

impl FromWorker {
    /// Reads a message of the worker's.
    pub fn read(message: &impl Fields) -> Result<FromWorker, DeskError> {
        let kind = message.text("type").ok_or(DeskError::WorkerMessageWithoutType)?;
        let missing = |field| DeskError::WorkerMessageField { kind: kind.clone(), field };
        let text = |field| message.text(field).ok_or_else(|| missing(field));
        let bytes = |field| message.bytes(field).ok_or_else(|| missing(field));
        let count = |field| {
            message
                .number(field)
                .filter(|number| number.is_finite() && *number >= 0.0)
                .map(|number| number as u32)
                .ok_or_else(|| missing(field))
        };
        Ok(match kind.as_str() {
            // The progress of a restore after a reload has no file under way.
            "progress" => FromWorker::Progress {
                done: count("done")?,
                total: count("total")?,
                part: if message.has("part") { count("part")?.min(1000) } else { 0 },
            },
            "cancelled" => FromWorker::Cancelled { done: count("done")?, total: count("total")? },
            "analysis" => FromWorker::Analysis {
                json: text("json")?,
                memory: message
                    .number("memory")
                    .filter(|number| number.is_finite() && *number >= 0.0)
                    .map(|number| number as u64)
                    .ok_or_else(|| missing("memory"))?,
            },
            "download" => FromWorker::Download { name: text("name")?, mime: text("mime")?, bytes: bytes("bytes")? },
            "result" => FromWorker::Result { sha256: text("sha256")?, name: text("name")?, bytes: bytes("bytes")? },
            // Checking a signed summary answers as signing does: whether it holds, and why.
            "signed" | "checked" => FromWorker::Signed {
                ok: message.flag("ok").ok_or_else(|| missing("ok"))?,
                message: message.text("message"),
            },
            "issued" => FromWorker::Issued(if message.flag("ok").ok_or_else(|| missing("ok"))? {
                Ok(text("text")?)
            } else {
                Err(text("message")?)
            }),
            "year" => FromWorker::Year { json: text("json")? },
            "error" => FromWorker::Failed(match text("code")?.as_str() {
                "read" => Failure::Read(text("name")?),
                "message" => Failure::Message(text("message")?),
                _ => Failure::Internal,
            }),
            _ => return Err(DeskError::UnknownWorkerMessage(kind)),
        })
    }
}

impl Fields for JsValue {
    fn has(&self, key: &str) -> bool {
        !field(self, key).is_undefined()
    }

    fn text(&self, key: &str) -> Option<String> {
        field(self, key).as_string()
    }

    fn number(&self, key: &str) -> Option<f64> {
        field(self, key).as_f64()
    }

    fn flag(&self, key: &str) -> Option<bool> {
        field(self, key).as_bool()
    }

    fn bytes(&self, key: &str) -> Option<Vec<u8>> {
        let value = field(self, key);
        (value.is_instance_of::<Uint8Array>() || value.is_instance_of::<ArrayBuffer>())
            .then(|| Uint8Array::new(&value).to_vec())
    }
}

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// A register or an expected list as the worker is given it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorInput {
    /// The file as received: the worker reads and hashes these bytes, never a re-encoding.
    File(Rc<Received>),
    /// The text typed, under the name the exports give it.
    Typed { name: &'static str, text: String },
}

/// The review's settings as the worker takes them, checked by the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsMessage {
    /// The deadline day, 0 for none.
    pub deadline: u32,
    /// `YYYY-MM..YYYY-MM`, empty: from the results.
    pub months: String,
    /// `YYYY-MM`, empty: each association's latest result.
    pub ranking_month: String,
    /// The longest period expected, in days.
    pub longest: u32,
    /// Whether a result without the second signature (SM2/SM3) is refused.
    pub require_sm2: bool,
}

/// Which text the bureau edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorKind {
    /// The key register.
    Register,
    /// The expected list.
    Expected,
}

impl EditorKind {
    /// Its name in the page (element ids, storage keys) and in the worker's messages.
    pub fn id(self) -> &'static str {
        match self {
            EditorKind::Register => "register",
            EditorKind::Expected => "expected",
        }
    }

    /// The name a typed text gets in the exports and downloads.
    pub fn default_name(self) -> &'static str {
        match self {
            EditorKind::Register => "register.txt",
            EditorKind::Expected => "expected.csv",
        }
    }
}

/// A message the page sends the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum ToWorker {
    /// Starts the worker with what the page kept: it then restores the files kept too.
    Init {
        now: f64,
        register: EditorInput,
        expected: EditorInput,
        reviews: String,
        notices: Vec<String>,
        lang: Lang,
        settings: SettingsMessage,
    },
    /// Files chosen or dropped: the list itself, which the worker goes through.
    Files(web_sys::FileList),
    /// Stops the reading under way (heeded at once by the worker).
    Cancel,
    /// Asks for the files of these results (by SHA-256).
    Results(Vec<String>),
    /// Forgets every file held.
    Clear,
    /// A register or expected list applied.
    Editor { kind: EditorKind, input: EditorInput, lang: Lang },
    /// The review states, for the exports.
    Reviews { text: String, lang: Lang },
    /// The review's settings.
    Settings(SettingsMessage),
    /// The language the analysis is worded in.
    Lang(Lang),
    /// Signs a summary with the bureau's key file (`kind`: `ranking`, `matrix`, or `year` with
    /// its year and the months of its rule for 示范 candidates).
    Sign { kind: String, year: i32, months: u32, key: String, passphrase: String, now: f64, lang: Lang },
    /// Checks a signed summary.
    Check { text: String, lang: Lang },
    /// The rectification notices to follow (their texts, as the page keeps them).
    Notices(Vec<String>),
    /// The year's summary: shown (`xlsx` false) or downloaded as a workbook.
    Year { year: i32, months: u32, lang: Lang, xlsx: bool },
    /// Signs a rectification notice with the bureau's key file.
    Issue { request: Rc<NoticeRequest>, now: f64, lang: Lang },
    /// Exports the analysis (`kind`: `analysis`, `xlsx`, `ranking`, `matrix`).
    Export { kind: &'static str, lang: Lang },
}

/// A rectification notice to sign, as the officer wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoticeRequest {
    /// The association's credit code.
    pub credit_code: String,
    /// Its name.
    pub name: String,
    /// The digest of the result the notice is drawn from; empty: none.
    pub based_on: String,
    /// The criteria to fix, in the catalogue's order.
    pub criteria: Vec<String>,
    /// The remark on each criterion, in the same order.
    pub remarks: Vec<String>,
    /// The remark on the whole.
    pub remark: String,
    /// The last day, `YYYY-MM-DD`.
    pub deadline: String,
    /// The bureau's key file (PEM).
    pub key: String,
    /// Its passphrase.
    pub passphrase: String,
}

/// A value of a message to the worker, before it is a JavaScript value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Bytes(Vec<u8>),
    Texts(Vec<String>),
    Files(web_sys::FileList),
    Object(Vec<(&'static str, Value)>),
}

/// The language as the worker and the page's storage name it.
pub fn lang_code(lang: Lang) -> &'static str {
    if lang == Lang::En { "en" } else { "zh" }
}

fn lang_field(lang: Lang) -> (&'static str, Value) {
    ("lang", Value::Text(lang_code(lang).to_owned()))
}

impl EditorInput {
    fn fields(&self) -> Vec<(&'static str, Value)> {
        match self {
            EditorInput::File(file) => {
                vec![("name", Value::Text(file.name.clone())), ("bytes", Value::Bytes(file.bytes.clone()))]
            }
            EditorInput::Typed { name, text } => {
                vec![("name", Value::Text((*name).to_owned())), ("text", Value::Text(text.clone()))]
            }
        }
    }
}

impl SettingsMessage {
    fn fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("deadline", Value::Number(f64::from(self.deadline))),
            ("months", Value::Text(self.months.clone())),
            ("rankingMonth", Value::Text(self.ranking_month.clone())),
            ("longest", Value::Number(f64::from(self.longest))),
            ("requireSm2", Value::Number(if self.require_sm2 { 1.0 } else { 0.0 })),
        ]
    }
}

impl ToWorker {
    /// The message's `type` and its other fields.
    pub fn fields(&self) -> (&'static str, Vec<(&'static str, Value)>) {
        match self {
            ToWorker::Init { now, register, expected, reviews, notices, lang, settings } => {
                let mut fields = vec![
                    ("now", Value::Number(*now)),
                    ("register", Value::Object(register.fields())),
                    ("expected", Value::Object(expected.fields())),
                    ("reviews", Value::Object(vec![("text", Value::Text(reviews.clone()))])),
                    ("notices", Value::Texts(notices.clone())),
                    lang_field(*lang),
                ];
                fields.extend(settings.fields());
                ("init", fields)
            }
            ToWorker::Files(files) => ("files", vec![("files", Value::Files(files.clone()))]),
            ToWorker::Cancel => ("cancel", Vec::new()),
            ToWorker::Results(files) => ("results", vec![("files", Value::Texts(files.clone()))]),
            ToWorker::Clear => ("clear", Vec::new()),
            ToWorker::Editor { kind, input, lang } => {
                let mut fields = input.fields();
                fields.push(lang_field(*lang));
                (kind.id(), fields)
            }
            ToWorker::Reviews { text, lang } => {
                ("reviews", vec![("text", Value::Text(text.clone())), lang_field(*lang)])
            }
            ToWorker::Settings(settings) => ("settings", settings.fields()),
            ToWorker::Lang(lang) => ("lang", vec![lang_field(*lang)]),
            ToWorker::Sign { kind, year, months, key, passphrase, now, lang } => (
                "sign",
                vec![
                    ("kind", Value::Text(kind.clone())),
                    ("year", Value::Number(f64::from(*year))),
                    ("months", Value::Number(f64::from(*months))),
                    ("key", Value::Text(key.clone())),
                    ("passphrase", Value::Text(passphrase.clone())),
                    ("now", Value::Number(*now)),
                    lang_field(*lang),
                ],
            ),
            ToWorker::Check { text, lang } => ("check", vec![("text", Value::Text(text.clone())), lang_field(*lang)]),
            ToWorker::Notices(texts) => ("notices", vec![("texts", Value::Texts(texts.clone()))]),
            ToWorker::Year { year, months, lang, xlsx } => (
                "year",
                vec![
                    ("year", Value::Number(f64::from(*year))),
                    ("months", Value::Number(f64::from(*months))),
                    ("xlsx", Value::Number(if *xlsx { 1.0 } else { 0.0 })),
                    lang_field(*lang),
                ],
            ),
            ToWorker::Issue { request, now, lang } => (
                "issue",
                vec![
                    ("creditCode", Value::Text(request.credit_code.clone())),
                    ("name", Value::Text(request.name.clone())),
                    ("basedOn", Value::Text(request.based_on.clone())),
                    ("criteria", Value::Texts(request.criteria.clone())),
                    ("remarks", Value::Texts(request.remarks.clone())),
                    ("remark", Value::Text(request.remark.clone())),
                    ("deadline", Value::Text(request.deadline.clone())),
                    ("key", Value::Text(request.key.clone())),
                    ("passphrase", Value::Text(request.passphrase.clone())),
                    ("now", Value::Number(*now)),
                    lang_field(*lang),
                ],
            ),
            ToWorker::Export { kind, lang } => {
                ("export", vec![("kind", Value::Text((*kind).to_owned())), lang_field(*lang)])
            }
        }
    }

    /// The message as the worker receives it: `{type, …fields}`.
    pub fn to_js(&self) -> JsValue {
        let (kind, fields) = self.fields();
        let message = object(fields);
        let _ = Reflect::set(&message, &"type".into(), &kind.into());
        message
    }
}

fn object(fields: Vec<(&'static str, Value)>) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&object, &key.into(), &to_js(value));
    }
    object.into()
}

fn to_js(value: Value) -> JsValue {
    match value {
        Value::Text(text) => text.into(),
        Value::Number(number) => number.into(),
        Value::Bytes(bytes) => Uint8Array::from(bytes.as_slice()).into(),
        Value::Texts(texts) => texts.iter().map(|text| JsValue::from_str(text)).collect::<Array>().into(),
        Value::Files(files) => files.into(),
        Value::Object(fields) => object(fields),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value as Json, json};

    use super::*;

    impl Fields for Json {
        fn has(&self, key: &str) -> bool {
            self.get(key).is_some()
        }

        fn text(&self, key: &str) -> Option<String> {
            self.get(key)?.as_str().map(str::to_owned)
        }

        fn number(&self, key: &str) -> Option<f64> {
            self.get(key)?.as_f64()
        }

        fn flag(&self, key: &str) -> Option<bool> {
            self.get(key)?.as_bool()
        }

        fn bytes(&self, key: &str) -> Option<Vec<u8>> {
            self.get(key)?
                .as_array()?
                .iter()
                .map(|byte| byte.as_u64().and_then(|byte| u8::try_from(byte).ok()))
                .collect()
        }
    }

    fn read(message: Json) -> Result<FromWorker, DeskError> {
        FromWorker::read(&message)
    }

    #[test]
    fn progress_with_and_without_a_file_under_way() {
        assert_eq!(
            read(json!({"type": "progress", "done": 3, "total": 10, "part": 250})),
            Ok(FromWorker::Progress { done: 3, total: 10, part: 250 })
        );
        assert_eq!(
            read(json!({"type": "progress", "done": 0, "total": 4})),
            Ok(FromWorker::Progress { done: 0, total: 4, part: 0 })
        );
        assert_eq!(
            read(json!({"type": "progress", "done": 1, "total": 1, "part": 5000})),
            Ok(FromWorker::Progress { done: 1, total: 1, part: 1000 })
        );
    }

    #[test]
    fn each_other_message() {
        assert_eq!(
            read(json!({"type": "cancelled", "done": 2, "total": 9})),
            Ok(FromWorker::Cancelled { done: 2, total: 9 })
        );
        assert_eq!(
            read(json!({"type": "analysis", "json": "{}", "memory": 1_048_576})),
            Ok(FromWorker::Analysis { json: "{}".into(), memory: 1_048_576 })
        );
        assert_eq!(
            read(json!({"type": "download", "name": "a.csv", "mime": "text/csv", "bytes": [97, 10]})),
            Ok(FromWorker::Download { name: "a.csv".into(), mime: "text/csv".into(), bytes: b"a\n".to_vec() })
        );
        assert_eq!(
            read(json!({"type": "result", "sha256": "ab", "name": "r.json", "bytes": [123, 125]})),
            Ok(FromWorker::Result { sha256: "ab".into(), name: "r.json".into(), bytes: b"{}".to_vec() })
        );
        assert_eq!(read(json!({"type": "signed", "ok": true})), Ok(FromWorker::Signed { ok: true, message: None }));
        assert_eq!(read(json!({"type": "issued", "ok": true, "text": "{}"})), Ok(FromWorker::Issued(Ok("{}".into()))));
        assert_eq!(
            read(json!({"type": "issued", "ok": false, "message": "口令不正确"})),
            Ok(FromWorker::Issued(Err("口令不正确".into())))
        );
        assert!(read(json!({"type": "issued", "ok": true})).is_err(), "a notice issued comes with its text");
        assert_eq!(
            read(json!({"type": "checked", "ok": false, "message": "altered"})),
            Ok(FromWorker::Signed { ok: false, message: Some("altered".into()) })
        );
    }

    #[test]
    fn each_failure() {
        let failure = |code: &str| read(json!({"type": "error", "code": code, "name": "a.zip", "message": "bad"}));
        assert_eq!(failure("read"), Ok(FromWorker::Failed(Failure::Read("a.zip".into()))));
        assert_eq!(failure("message"), Ok(FromWorker::Failed(Failure::Message("bad".into()))));
        assert_eq!(failure("internal"), Ok(FromWorker::Failed(Failure::Internal)));
        assert_eq!(failure("something new"), Ok(FromWorker::Failed(Failure::Internal)));
    }

    #[test]
    fn malformed_messages_are_refused_not_guessed() {
        assert_eq!(read(json!({"done": 1})), Err(DeskError::WorkerMessageWithoutType));
        assert_eq!(read(json!("progress")), Err(DeskError::WorkerMessageWithoutType));
        assert_eq!(read(json!({"type": "hello"})), Err(DeskError::UnknownWorkerMessage("hello".into())));
        let field = |kind: &str, field| Err(DeskError::WorkerMessageField { kind: kind.into(), field });
        assert_eq!(read(json!({"type": "progress", "total": 3})), field("progress", "done"));
        assert_eq!(read(json!({"type": "progress", "done": -1, "total": 3})), field("progress", "done"));
        assert_eq!(read(json!({"type": "progress", "done": 1, "total": 3, "part": "half"})), field("progress", "part"));
        assert_eq!(read(json!({"type": "analysis", "json": 7, "memory": 0})), field("analysis", "json"));
        assert_eq!(read(json!({"type": "download", "name": "a", "mime": "b"})), field("download", "bytes"));
        assert_eq!(
            read(json!({"type": "result", "sha256": "ab", "name": "r", "bytes": [300]})),
            field("result", "bytes")
        );
        assert_eq!(read(json!({"type": "signed", "ok": "yes"})), field("signed", "ok"));
        assert_eq!(read(json!({"type": "error", "code": "read"})), field("error", "name"));
    }

    #[test]
    fn messages_to_the_worker_name_their_type_and_fields() {
        assert_eq!(ToWorker::Cancel.fields(), ("cancel", Vec::new()));
        assert_eq!(ToWorker::Lang(Lang::En).fields(), ("lang", vec![("lang", Value::Text("en".into()))]));
        let typed = EditorInput::Typed { name: EditorKind::Expected.default_name(), text: "x".into() };
        assert_eq!(
            ToWorker::Editor { kind: EditorKind::Expected, input: typed.clone(), lang: Lang::Zh }.fields(),
            (
                "expected",
                vec![
                    ("name", Value::Text("expected.csv".into())),
                    ("text", Value::Text("x".into())),
                    ("lang", Value::Text("zh".into())),
                ]
            )
        );
        let file = EditorInput::File(Rc::new(Received { name: "keys.txt".into(), bytes: vec![1, 2] }));
        let settings = SettingsMessage {
            deadline: 10,
            months: "2026-01..2026-03".into(),
            ranking_month: String::new(),
            longest: 31,
            require_sm2: true,
        };
        let (kind, fields) = ToWorker::Init {
            now: 5.0,
            register: file,
            expected: typed,
            reviews: "{}".into(),
            notices: vec!["{}".into()],
            lang: Lang::Zh,
            settings,
        }
        .fields();
        assert_eq!(kind, "init");
        let keys: Vec<&str> = fields.iter().map(|(key, _)| *key).collect();
        assert_eq!(
            keys,
            [
                "now",
                "register",
                "expected",
                "reviews",
                "notices",
                "lang",
                "deadline",
                "months",
                "rankingMonth",
                "longest",
                "requireSm2"
            ]
        );
        assert_eq!(fields[4].1, Value::Texts(vec!["{}".into()]), "the notices followed, as kept");
        assert_eq!(
            fields[1].1,
            Value::Object(vec![("name", Value::Text("keys.txt".into())), ("bytes", Value::Bytes(vec![1, 2]))])
        );
    }
}
