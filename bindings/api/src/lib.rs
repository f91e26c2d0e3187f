//! selfcheck-api: the one JSON-in, JSON-out surface over `selfcheck-core` that the Python,
//! Node and C bindings expose, so that every language calls the same functions with the same
//! arguments and gets byte-identical answers and the same structured errors.
//!
//! Every function takes its arguments as one JSON object and returns JSON text (compact, members
//! in a fixed order). Documents (answers, results, catalogues, the register, the expected list,
//! received files) may be given as JSON values, as their text, or as their bytes as received,
//! `{"base64": "…"}`: bytes are read by the core exactly as the command line reads a file (a
//! byte-order mark dropped; GBK, UTF-16 and files of other programs named), never decoded
//! lossily, and the digests the bureau's exports list are of those bytes. The core has no clock
//! and no random generator: `sign` takes `time` and `random`, `verify` takes `now`; the bindings
//! fill them from the host when the caller leaves them out.
//!
//! | function | arguments | returns |
//! | --- | --- | --- |
//! | `catalogue` | `version`? | the catalogue document |
//! | `template` | `catalogue`?, `lang`? | a blank answers document with hints |
//! | `score` | `answers`, `catalogue`? | the report (`selfcheck-report/1`) |
//! | `sign` | `answers`, `key` (PEM), `passphrase`, `time`, `random` (32 hex digits), `catalogue`? | the signed result |
//! | `verify` | `result`, `now`, `register`?, `catalogues`?, `require_sm2`? | a verdict (never an error for an invalid result), with `sm2`: `valid` (the second signature, SM2/SM3, held) or `absent` |
//! | `summary` | `results`, `now`, `register`?, `expected`?, `reviews`?, `deadline`?, `months`?, `month`?, `longest_period`?, `catalogues`?, `notices`? (rectification notices to follow), `require_sm2`?, `lang`? | the bureau's analysis (`selfcheck-analysis/3`), as `selfcheck summary --format json` (with `--notice`, `--require-sm2`) |
//!
//! `summary`'s `results` is a list of received files, each `{"name": …, "content": …}` (the
//! content as text, as a JSON value or as `{"base64": …}`) or just the content (then named
//! `results[i]`). [`summary_of_folder`] reads a folder as `selfcheck summary FOLDER` does, with
//! the same `not_read` entries.
//!
//! ```
//! let report = selfcheck_api::call("score", r#"{"answers": {
//!     "format": "selfcheck-answers/1",
//!     "catalogue": {"id": "gd-2013-self-discipline", "version": "1.0.0"},
//!     "answers": {"A1": {"value": "yes"}}
//! }}"#).unwrap();
//! assert!(report.starts_with(r#"{"format":"selfcheck-report/1""#));
//!
//! let error = selfcheck_api::call("score", r#"{"answers": {"format": "selfcheck-answers/1"}}"#).unwrap_err();
//! assert_eq!(error.code, "malformed");
//! assert_eq!(error.problems[0].at, "catalogue");
//! ```

use selfcheck_core::json::{self, Json, Object};
use selfcheck_core::register::KeyRegister;
use selfcheck_core::wire::AnswersDoc;
use selfcheck_core::wire::file_text;
use selfcheck_core::{
    Answers, AssociationKey, Catalogue, Error, ErrorClass, Lang, Problem, ProblemKind, Report, Timestamp,
    VerifiedResult, sign_result, verify_result,
};

/// The functions [`call`] knows.
pub const FUNCTIONS: &[&str] = &["catalogue", "template", "score", "sign", "verify", "summary"];

/// A refusal, structured the same way in every language: a stable code, its class, the message
/// in both languages, and each problem with the path of its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message_en}")]
pub struct ApiError {
    /// A stable code: the core's (`"malformed"`, `"wrong-passphrase"`, …) or `"bad-arguments"`,
    /// `"unknown-function"`.
    pub code: String,
    /// `"not-a-result"`, `"malformed"`, `"invalid"` or `"other"`.
    pub class: &'static str,
    /// The message in Simplified Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
    /// Each field's problem.
    pub problems: Vec<ApiProblem>,
}

/// One field's problem in an [`ApiError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiProblem {
    /// The field's path, a criterion id or a line.
    pub at: String,
    /// A stable code.
    pub code: &'static str,
    /// The problem in Simplified Chinese.
    pub message_zh: String,
    /// The problem in English.
    pub message_en: String,
}

impl ApiError {
    /// The error as JSON: `{"code", "class", "message": {"zh", "en"}, "problems": [{"at", "code",
    /// "message": {"zh", "en"}}]}`.
    pub fn to_json(&self) -> String {
        let mut object = Object::new();
        object.insert("code", self.code.as_str());
        object.insert("class", self.class);
        object.insert("message", both(&self.message_zh, &self.message_en));
        object.insert(
            "problems",
            Json::Array(
                self.problems
                    .iter()
                    .map(|problem| {
                        let mut entry = Object::new();
                        entry.insert("at", problem.at.as_str());
                        entry.insert("code", problem.code);
                        entry.insert("message", both(&problem.message_zh, &problem.message_en));
                        Json::Object(entry)
                    })
                    .collect(),
            ),
        );
        json::compact(&Json::Object(object))
    }

    fn arguments(problems: Vec<Problem>) -> ApiError {
        ApiError {
            code: "bad-arguments".into(),
            class: "other",
            message_zh: "调用参数有误。".into(),
            message_en: "The arguments are wrong.".into(),
            problems: problems.iter().map(api_problem).collect(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        ApiError {
            code: error.code().into(),
            class: class_name(error.class()),
            message_zh: error.message(Lang::Zh),
            message_en: error.message(Lang::En),
            problems: error.problems().iter().map(api_problem).collect(),
        }
    }
}

fn api_problem(problem: &Problem) -> ApiProblem {
    ApiProblem {
        at: problem.at.clone(),
        code: problem.code(),
        message_zh: problem.message(Lang::Zh),
        message_en: problem.message(Lang::En),
    }
}

fn class_name(class: ErrorClass) -> &'static str {
    match class {
        ErrorClass::NotAResult => "not-a-result",
        ErrorClass::Malformed => "malformed",
        ErrorClass::Invalid => "invalid",
        ErrorClass::Other => "other",
    }
}

fn both(zh: &str, en: &str) -> Json {
    let mut object = Object::new();
    object.insert("zh", zh);
    object.insert("en", en);
    Json::Object(object)
}

/// Calls `function` with `arguments` (a JSON object's text) and returns its answer as JSON text.
///
/// # Errors
/// An [`ApiError`]: `"unknown-function"`, `"bad-arguments"` (each wrong or missing argument
/// named by path), or the core's own error for what the documents hold.
pub fn call(function: &str, arguments: &str) -> Result<String, ApiError> {
    let arguments = &arguments_object(arguments)?;
    let answer = match function {
        "catalogue" => catalogue(arguments)?,
        "template" => template(arguments)?,
        "score" => score(arguments)?,
        "sign" => sign(arguments)?,
        "verify" => verify(arguments)?,
        "summary" => summary(arguments)?,
        other => {
            return Err(ApiError {
                code: "unknown-function".into(),
                class: "other",
                message_zh: format!(
                    "没有名为“{}”的函数，可用的有：{}。",
                    selfcheck_core::messages::display_input(other),
                    FUNCTIONS.join("、")
                ),
                message_en: format!(
                    "There is no function \"{}\"; the functions are {}.",
                    selfcheck_core::messages::display_input(other),
                    FUNCTIONS.join(", ")
                ),
                problems: Vec::new(),
            });
        }
    };
    Ok(json::compact(&answer))
}

/// A call's arguments, a JSON object's text, read.
fn arguments_object(text: &str) -> Result<Object, ApiError> {
    match json::parse(text) {
        Ok(Json::Object(object)) => Ok(object),
        Ok(other) => Err(ApiError::arguments(vec![Problem::new(
            "arguments",
            ProblemKind::WrongType { expected: json::JsonType::Object, found: other.kind() },
        )])),
        Err(error) => Err(ApiError::from(Error::Json { what: selfcheck_core::Document::UnknownJson, error })),
    }
}

/// The arguments of one call, checked field by field.
struct Arguments<'a> {
    object: &'a Object,
    problems: Vec<Problem>,
}

impl<'a> Arguments<'a> {
    fn new(object: &'a Object, known: &[&str]) -> Arguments<'a> {
        let problems = object
            .keys()
            .filter(|key| !known.contains(key))
            .map(|key| Problem::new(format!("arguments.{key}"), ProblemKind::UnknownField))
            .collect();
        Arguments { object, problems }
    }

    fn required(&mut self, key: &str) -> Option<&'a Json> {
        let value = self.object.get(key);
        if value.is_none() {
            self.problems.push(Problem::new(format!("arguments.{key}"), ProblemKind::MissingField));
        }
        value
    }

    fn integer(&mut self, key: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let value = self.object.get(key)?;
        let at = format!("arguments.{key}");
        let Some(number) = value.as_i64() else {
            self.problems.push(Problem::new(
                at,
                ProblemKind::WrongType { expected: json::JsonType::Number, found: value.kind() },
            ));
            return None;
        };
        let fits = u32::try_from(number).ok().filter(|number| range.contains(number));
        if fits.is_none() {
            let (min, max) = (i64::from(*range.start()), i64::from(*range.end()));
            self.problems.push(Problem::new(at, ProblemKind::OutOfRange { min, max, found: number }));
        }
        fits
    }

    /// An optional `true` or `false` argument; absent: `false`.
    fn flag(&mut self, key: &str) -> bool {
        match self.object.get(key) {
            None => false,
            Some(Json::Bool(value)) => *value,
            Some(other) => {
                let found = other.kind();
                self.problems.push(Problem::new(
                    format!("arguments.{key}"),
                    ProblemKind::WrongType { expected: json::JsonType::Bool, found },
                ));
                false
            }
        }
    }

    /// An optional text argument that `parse` must accept, described by `expected` otherwise.
    fn parsed<T>(&mut self, key: &str, parse: impl Fn(&str) -> Option<T>, expected: &str) -> Option<T> {
        let value = self.object.get(key);
        let text = self.text(value, key)?;
        let parsed = parse(text);
        if parsed.is_none() {
            self.problems.push(Problem::new(format!("arguments.{key}"), ProblemKind::MustBe(expected.to_owned())));
        }
        parsed
    }

    fn text(&mut self, value: Option<&'a Json>, key: &str) -> Option<&'a str> {
        match value? {
            Json::String(text) => Some(text),
            other => {
                self.problems.push(Problem::new(
                    format!("arguments.{key}"),
                    ProblemKind::WrongType { expected: json::JsonType::String, found: other.kind() },
                ));
                None
            }
        }
    }

    /// A document argument's bytes ([`document_bytes`]); `None` (the problem noted) when it is
    /// not one.
    fn bytes(&mut self, value: &Json, key: &str) -> Option<Vec<u8>> {
        document_bytes(value, &format!("arguments.{key}")).map_err(|problem| self.problems.push(problem)).ok()
    }

    /// Fails with every problem found so far.
    fn check(&mut self) -> Result<(), ApiError> {
        if self.problems.is_empty() { Ok(()) } else { Err(ApiError::arguments(std::mem::take(&mut self.problems))) }
    }
}

/// A document given as a JSON value, as its text, or as its bytes (`{"base64": …}`): the bytes
/// the core reads, or why the argument at `at` is not one.
fn document_bytes(value: &Json, at: &str) -> Result<Vec<u8>, Problem> {
    match value {
        Json::String(text) => Ok(text.clone().into_bytes()),
        Json::Object(object) if object.len() == 1 && object.contains_key("base64") => {
            let bytes = object.get("base64").and_then(Json::as_str).and_then(base64_decode);
            bytes.ok_or_else(|| Problem::new(format!("{at}.base64"), ProblemKind::MustBe("base64 (RFC 4648)".into())))
        }
        other => Ok(json::compact(other).into_bytes()),
    }
}

/// The text of a document of kind `what` given as [`document_bytes`] takes it: bytes are read by
/// the core as a file is (a byte-order mark dropped; another encoding or kind of file named).
fn document_text(value: &Json, at: &str, what: selfcheck_core::Document) -> Result<String, ApiError> {
    let bytes = document_bytes(value, at).map_err(|problem| ApiError::arguments(vec![problem]))?;
    Ok(file_text(&bytes, what)?.to_owned())
}

/// Standard base64 (RFC 4648, with or without its padding); `None` when it is not.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |byte: u8| -> Option<u32> {
        Some(u32::from(match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let digits = text.trim_end_matches('=').as_bytes();
    if text.len() - digits.len() > 2 || digits.len() % 4 == 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut group = 0u32;
        for (index, &digit) in chunk.iter().enumerate() {
            group |= value(digit)? << (18 - 6 * index);
        }
        let [_, first, second, third] = group.to_be_bytes();
        bytes.extend_from_slice(&[first, second, third][..chunk.len() - 1]);
    }
    Some(bytes)
}

/// The catalogue a call names (`catalogue` argument), or the current built-in one.
fn chosen_catalogue(arguments: &Arguments<'_>) -> Result<Catalogue, ApiError> {
    match arguments.object.get("catalogue") {
        None => Ok(Catalogue::builtin().clone()),
        Some(value) => {
            let text = document_text(value, "arguments.catalogue", selfcheck_core::Document::Catalogue)?;
            Ok(Catalogue::from_json(&text)?)
        }
    }
}

/// The catalogue an answers document names, among the built-in versions, unless one is given.
fn catalogue_for(arguments: &Arguments<'_>, answers_text: &str) -> Result<Catalogue, ApiError> {
    if arguments.object.contains_key("catalogue") {
        return chosen_catalogue(arguments);
    }
    let named = json::parse(answers_text).ok().and_then(|value| {
        let reference = value.get("catalogue")?;
        Some((reference.get("id")?.as_str()?.to_owned(), reference.get("version")?.as_str()?.to_owned()))
    });
    let found = named.and_then(|(id, version)| {
        Catalogue::builtins().iter().find(|catalogue| catalogue.id() == id && catalogue.version() == version)
    });
    Ok(found.unwrap_or_else(|| Catalogue::builtin()).clone())
}

fn catalogue(object: &Object) -> Result<Json, ApiError> {
    let mut arguments = Arguments::new(object, &["version"]);
    let version = arguments.object.get("version");
    let version = arguments.text(version, "version");
    arguments.check()?;
    let catalogue = match version {
        None => Catalogue::builtin(),
        Some(version) => {
            Catalogue::builtins().iter().find(|catalogue| catalogue.version() == version).ok_or_else(|| {
                ApiError::arguments(vec![Problem::new(
                    "arguments.version",
                    ProblemKind::NotOneOf {
                        allowed: &["the version of a built-in catalogue"],
                        found: version.to_owned(),
                    },
                )])
            })?
        }
    };
    Ok(catalogue.to_doc().to_json())
}

fn template(object: &Object) -> Result<Json, ApiError> {
    let mut arguments = Arguments::new(object, &["catalogue", "lang"]);
    let lang = arguments.object.get("lang");
    let lang = arguments.text(lang, "lang").map_or(Lang::Zh, Lang::from_tag);
    arguments.check()?;
    let catalogue = chosen_catalogue(&arguments)?;
    Ok(AnswersDoc::template(&catalogue, lang).to_json())
}

fn score(object: &Object) -> Result<Json, ApiError> {
    let mut arguments = Arguments::new(object, &["answers", "catalogue"]);
    let answers = arguments.required("answers");
    arguments.check()?;
    let answers_text = match answers {
        Some(value) => document_text(value, "arguments.answers", selfcheck_core::Document::Answers)?,
        None => String::new(),
    };
    let catalogue = catalogue_for(&arguments, &answers_text)?;
    let answers = Answers::from_json(&catalogue, &answers_text)?;
    Ok(Report::compute(&catalogue, &answers)?.to_doc(&answers)?.to_json())
}

fn sign(object: &Object) -> Result<Json, ApiError> {
    let mut arguments = Arguments::new(object, &["answers", "key", "passphrase", "time", "random", "catalogue"]);
    let answers = arguments.required("answers");
    let (key, passphrase, time, random) = (
        arguments.required("key"),
        arguments.required("passphrase"),
        arguments.required("time"),
        arguments.required("random"),
    );
    let (key, passphrase) = (arguments.text(key, "key"), arguments.text(passphrase, "passphrase"));
    let (time, random) = (arguments.text(time, "time"), arguments.text(random, "random"));
    let random = random.and_then(|random| {
        let bytes = hex16(random);
        if bytes.is_none() {
            arguments.problems.push(Problem::new("arguments.random", ProblemKind::NotHex { digits: 32 }));
        }
        bytes
    });
    arguments.check()?;
    let (Some(answers), Some(key), Some(passphrase), Some(time), Some(random)) =
        (answers, key, passphrase, time, random)
    else {
        unreachable!("every argument was checked above")
    };
    let answers_text = document_text(answers, "arguments.answers", selfcheck_core::Document::Answers)?;
    let issued = Timestamp::parse(time)?;
    let catalogue = catalogue_for(&arguments, &answers_text)?;
    let answers = Answers::from_json(&catalogue, &answers_text)?;
    let key = AssociationKey::from_encrypted_pem(key, passphrase)?;
    let result = sign_result(&catalogue, &answers, &key, &issued, random)?;
    json::parse(&result).map_err(|error| ApiError::from(Error::Json { what: selfcheck_core::Document::Result, error }))
}

fn hex16(text: &str) -> Option<[u8; 16]> {
    if text.len() != 32 || !text.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let mut bytes = [0u8; 16];
    for (index, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[index * 2..index * 2 + 2], 16).ok()?;
    }
    Some(bytes)
}

fn verify(object: &Object) -> Result<Json, ApiError> {
    let mut arguments = Arguments::new(object, &["result", "now", "register", "catalogues", "require_sm2"]);
    let result = arguments.required("result").map(|value| arguments.bytes(value, "result"));
    let now = arguments.required("now");
    let now = arguments.text(now, "now");
    let register = arguments.object.get("register").map(|value| arguments.bytes(value, "register"));
    let extra = extra_catalogues(&mut arguments);
    let require_sm2 = arguments.flag("require_sm2");
    arguments.check()?;
    let (Some(Some(result)), Some(now)) = (result, now) else { unreachable!("every argument was checked above") };
    let now = Timestamp::parse(now)?;
    let register = register.flatten().map(|bytes| KeyRegister::from_bytes(&bytes)).transpose()?;
    let extra = read_catalogues(&extra)?;
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().chain(&extra).collect();
    // The bytes as the core reads a received file: another kind or encoding is a verdict.
    let outcome =
        file_text(&result, selfcheck_core::Document::Result).and_then(|text| verify_result(text, &catalogues, &now));
    Ok(verdict(outcome, register.as_ref(), require_sm2))
}

/// The received files of `summary`: each `{"name", "content"}`, or only the content.
fn received_files(arguments: &mut Arguments<'_>) -> Vec<(String, Vec<u8>)> {
    let items = match arguments.required("results") {
        None => return Vec::new(),
        Some(Json::Array(items)) => items,
        Some(other) => {
            arguments.problems.push(Problem::new(
                "arguments.results",
                ProblemKind::WrongType { expected: json::JsonType::Array, found: other.kind() },
            ));
            return Vec::new();
        }
    };
    let mut files = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let at = format!("arguments.results[{index}]");
        let named = item.as_object().filter(|object| object.contains_key("content") && !object.contains_key("format"));
        match named {
            None => {
                if let Some(bytes) = arguments.bytes(item, &format!("results[{index}]")) {
                    files.push((format!("results[{index}]"), bytes));
                }
            }
            Some(object) => {
                for key in object.keys().filter(|key| !["name", "content"].contains(key)) {
                    arguments.problems.push(Problem::new(format!("{at}.{key}"), ProblemKind::UnknownField));
                }
                let name = match object.get("name") {
                    None => format!("results[{index}]"),
                    Some(Json::String(name)) => name.clone(),
                    Some(other) => {
                        arguments.problems.push(Problem::new(
                            format!("{at}.name"),
                            ProblemKind::WrongType { expected: json::JsonType::String, found: other.kind() },
                        ));
                        continue;
                    }
                };
                let content =
                    object.get("content").map(|content| arguments.bytes(content, &format!("results[{index}].content")));
                if let Some(Some(bytes)) = content {
                    files.push((name, bytes));
                }
            }
        }
    }
    files
}

fn summary(object: &Object) -> Result<Json, ApiError> {
    let mut arguments = Arguments::new(object, &SUMMARY_ARGUMENTS);
    let files = received_files(&mut arguments);
    Ok(summary_with(arguments, &files)?.0)
}

const SUMMARY_ARGUMENTS: [&str; 13] = [
    "results",
    "now",
    "register",
    "expected",
    "reviews",
    "deadline",
    "months",
    "month",
    "longest_period",
    "catalogues",
    "notices",
    "require_sm2",
    "lang",
];

/// `summary` of files the host has read (a folder, say): each file's name and bytes, with the
/// other arguments of `summary` (all but `results`) as a JSON object's text.
///
/// ```
/// let result = std::fs::read("../../tests/data/golden/result-complete.json").unwrap();
/// let files = vec![("2026-10/result.json".to_owned(), result)];
/// let analysis = selfcheck_api::summary_of_files(&files, r#"{"now": "2026-12-01T00:00:00Z"}"#).unwrap();
/// assert!(analysis.contains(r#""accepted":1"#));
/// ```
///
/// # Errors
/// As `summary`: `"bad-arguments"` naming each wrong option, or the core's error for a
/// register, expected list, review file or catalogue that cannot be read.
pub fn summary_of_files(files: &[(String, Vec<u8>)], options: &str) -> Result<String, ApiError> {
    let object = arguments_object(options)?;
    Ok(json::compact(&summary_with(Arguments::new(&object, &SUMMARY_ARGUMENTS[1..]), files)?.0))
}

/// `summary` of every file under `folder`, read from `fs` as `selfcheck summary FOLDER` reads it
/// (`selfcheck_files`: each file once, named by its path from `folder` as given, links never
/// followed), with the other arguments of `summary` (all but `results`) as a JSON object's text.
/// The analysis lists under `not_read` every entry not read and why, in the `lang` asked for,
/// as the command line's JSON does.
///
/// ```
/// let folder = std::path::Path::new("../../tests/data/hostile");
/// let options = r#"{"now": "2026-12-01T00:00:00Z", "lang": "en"}"#;
/// let analysis = selfcheck_api::summary_of_folder(&selfcheck_files::Native, folder, options).unwrap();
/// assert!(analysis.contains(r#""name":"../../tests/data/hostile/result-not-yet-valid.json""#));
/// assert!(analysis.contains(r#""not_read":[]"#));
/// ```
///
/// # Errors
/// As [`summary_of_files`], and `"unreadable-folder"` when `folder` itself cannot be read.
pub fn summary_of_folder(
    fs: &dyn selfcheck_files::FileSystem,
    folder: &std::path::Path,
    options: &str,
) -> Result<String, ApiError> {
    let object = arguments_object(options)?;
    let read = selfcheck_files::Folder::read(fs, &[folder.to_owned()]).map_err(|(path, problem)| {
        let path = selfcheck_files::display_path(&path);
        ApiError {
            code: "unreadable-folder".into(),
            class: "other",
            message_zh: format!("无法读取文件夹 {path}：{}。", problem.message(Lang::Zh)),
            message_en: format!("Cannot read the folder {path}: {}.", problem.message(Lang::En)),
            problems: Vec::new(),
        }
    })?;
    let (mut analysis, lang) = summary_with(Arguments::new(&object, &SUMMARY_ARGUMENTS[1..]), &read.files)?;
    let not_read = read.not_read.iter().map(|(path, why)| (path.as_path(), why.message(lang)));
    if let Some(analysis) = analysis.as_object_mut() {
        analysis.insert("not_read", selfcheck_files::not_read_json(not_read));
    }
    Ok(json::compact(&analysis))
}

/// The analysis of `files` with `arguments`, and the language its messages are in.
fn summary_with(mut arguments: Arguments<'_>, files: &[(String, Vec<u8>)]) -> Result<(Json, Lang), ApiError> {
    use selfcheck_bureau::{Analysis, Deadline, ExpectedList, Month, MonthRange, Reviews, Settings};

    let now = arguments.required("now");
    let now = arguments.text(now, "now");
    let register = arguments.object.get("register").and_then(|value| arguments.bytes(value, "register"));
    let expected = arguments.object.get("expected").and_then(|value| arguments.bytes(value, "expected"));
    let reviews = arguments.object.get("reviews").and_then(|value| arguments.bytes(value, "reviews"));
    let deadline = arguments.integer("deadline", 1..=28).and_then(Deadline::new);
    let months = arguments.parsed("months", MonthRange::parse, "YYYY-MM..YYYY-MM");
    let month = arguments.parsed("month", Month::parse, "YYYY-MM");
    let longest_period = arguments.integer("longest_period", 1..=3660);
    let lang = arguments.object.get("lang");
    let lang = arguments.text(lang, "lang").map_or(Lang::Zh, Lang::from_tag);
    let extra = extra_catalogues(&mut arguments);
    let notices = byte_list(&mut arguments, "notices");
    let require_sm2 = arguments.flag("require_sm2");
    arguments.check()?;
    let Some(now) = now else { unreachable!("every argument was checked above") };
    let now = Timestamp::parse(now)?;
    // The texts given, named by their role, are the inputs the analysis lists with their digests.
    let mut others = Vec::new();
    for (bytes, name, role) in [
        (&register, "register", selfcheck_bureau::InputRole::Register),
        (&expected, "expected", selfcheck_bureau::InputRole::Expected),
        (&reviews, "reviews", selfcheck_bureau::InputRole::Review),
    ] {
        if let Some(bytes) = bytes {
            others.push(selfcheck_bureau::Input::new(name, bytes, role));
        }
    }
    for (place, bytes) in notices.iter().enumerate() {
        others.push(selfcheck_bureau::Input::new(
            format!("notices[{place}]"),
            bytes,
            selfcheck_bureau::InputRole::Notice,
        ));
    }
    let register = register.map(|bytes| KeyRegister::from_bytes(&bytes)).transpose()?;
    let expected = expected.map(|bytes| ExpectedList::from_bytes(&bytes)).transpose()?;
    let reviews = reviews
        .map(|bytes| file_text(&bytes, selfcheck_core::Document::Review).and_then(Reviews::from_json))
        .transpose()?;
    let extra = read_catalogues(&extra)?;
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().chain(&extra).collect();

    let verdicts: Vec<selfcheck_bureau::Verdict> = files
        .iter()
        .map(|(name, bytes)| {
            selfcheck_bureau::examine(name, bytes, &catalogues, &now).judge_with(register.as_ref(), require_sm2)
        })
        .collect();
    let mut settings = Settings::new(now.clone());
    settings.months = months;
    settings.deadline = deadline;
    settings.ranking_month = month;
    settings.require_sm2 = require_sm2;
    if let Some(days) = longest_period {
        settings.longest_period_days = days;
    }
    let analysis = Analysis::compute(&verdicts, expected.as_ref(), settings);
    let notices = notices
        .iter()
        .map(|bytes| {
            file_text(bytes, selfcheck_core::Document::Notice)
                .and_then(|text| selfcheck_core::notice::verify_notice(text, &catalogues, &now))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let tracks = selfcheck_bureau::track_notices(&notices, &verdicts, reviews.as_ref(), &now);
    let source = selfcheck_bureau::ExportSource {
        analysis: &analysis,
        verdicts: &verdicts,
        reviews: reviews.as_ref(),
        others: &others,
        notices: &tracks,
    };
    Ok((selfcheck_bureau::analysis_json(source, lang), lang))
}

/// The `catalogues` argument: catalogue documents beside the built-in ones, as bytes.
fn extra_catalogues(arguments: &mut Arguments<'_>) -> Vec<Vec<u8>> {
    byte_list(arguments, "catalogues")
}

/// An argument that is a list of files' bytes (each as `bytes` takes it); none when absent.
fn byte_list(arguments: &mut Arguments<'_>, name: &str) -> Vec<Vec<u8>> {
    match arguments.object.get(name) {
        None => Vec::new(),
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| arguments.bytes(item, &format!("{name}[{index}]")))
            .collect(),
        Some(other) => {
            arguments.problems.push(Problem::new(
                format!("arguments.{name}"),
                ProblemKind::WrongType { expected: json::JsonType::Array, found: other.kind() },
            ));
            Vec::new()
        }
    }
}

/// The catalogues given, read by the core.
fn read_catalogues(extra: &[Vec<u8>]) -> Result<Vec<Catalogue>, Error> {
    extra
        .iter()
        .map(|bytes| file_text(bytes, selfcheck_core::Document::Catalogue).and_then(Catalogue::from_json))
        .collect()
}

/// What `verify` answers: valid or not, why, and what a valid result says.
fn verdict(outcome: Result<VerifiedResult, Error>, register: Option<&KeyRegister>, require_sm2: bool) -> Json {
    let mut verdict = Object::new();
    match outcome {
        Err(error) => {
            verdict.insert("valid", false);
            verdict.insert("class", class_name(error.class()));
            verdict.insert("error", error_json(&ApiError::from(error)));
            verdict.insert("sm2", Json::Null);
            verdict.insert("key_status", Json::Null);
            verdict.insert("warnings", Json::Array(Vec::new()));
            verdict.insert("result", Json::Null);
        }
        Ok(verified) => {
            let status = register.map(|register| register.status(&verified));
            let registered = status.as_ref().is_none_or(|status| status.is_registered());
            let sm2 = verified.key.sm2().is_some();
            let refused = require_sm2 && !sm2;
            verdict.insert("valid", registered && !refused);
            verdict.insert("class", if registered && !refused { "valid" } else { "invalid" });
            verdict.insert(
                "error",
                match &status {
                    _ if refused => {
                        let words = selfcheck_bureau::words::sm2_required;
                        let mut error = Object::new();
                        error.insert("code", selfcheck_bureau::Reason::Sm2Required.code());
                        error.insert("class", "invalid");
                        error.insert("message", both(words(Lang::Zh), words(Lang::En)));
                        error.insert("problems", Json::Array(Vec::new()));
                        Json::Object(error)
                    }
                    Some(status) if !status.is_registered() => {
                        let mut error = Object::new();
                        error.insert("code", status.code());
                        error.insert("class", "invalid");
                        error.insert("message", both(&status.message(Lang::Zh), &status.message(Lang::En)));
                        error.insert("problems", Json::Array(Vec::new()));
                        Json::Object(error)
                    }
                    _ => Json::Null,
                },
            );
            verdict.insert("sm2", if sm2 { "valid" } else { "absent" });
            verdict.insert(
                "key_status",
                status.as_ref().map_or(Json::Null, |status| {
                    let mut object = Object::new();
                    object.insert("code", status.code());
                    object.insert("message", both(&status.message(Lang::Zh), &status.message(Lang::En)));
                    Json::Object(object)
                }),
            );
            verdict.insert(
                "warnings",
                Json::Array(
                    verified
                        .warnings
                        .iter()
                        .map(|warning| {
                            let mut object = Object::new();
                            object.insert("code", warning.code());
                            object.insert("message", both(&warning.message(Lang::Zh), &warning.message(Lang::En)));
                            Json::Object(object)
                        })
                        .collect(),
                ),
            );
            let mut result = Object::new();
            result.insert("id", verified.id.as_str());
            result.insert("digest", verified.digest.as_str());
            result.insert("issued", verified.issued.as_str());
            result.insert("fingerprint", verified.key.fingerprint());
            result.insert("did", verified.key.did());
            result.insert("sm2", verified.key.sm2().map(|sm2| sm2.did()));
            result.insert("catalogue", verified.catalogue.reference().to_json());
            result.insert("profile", verified.answers.to_doc(&verified.catalogue).profile.to_json());
            // Verification gives a report that fits its catalogue and answers, so this is never empty.
            if let Ok(report) = verified.report.to_doc(&verified.answers) {
                result.insert("report", report.to_json());
            }
            verdict.insert("result", Json::Object(result));
        }
    }
    Json::Object(verdict)
}

fn error_json(error: &ApiError) -> Json {
    json::parse(&error.to_json()).unwrap_or(Json::Null)
}
