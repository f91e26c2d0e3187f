//! Every error and problem of the core in plain words, Simplified Chinese and English side by
//! side, so that the widget, the review desk, the CLI and the bindings say the same thing.
//!
//! Each message is one language only. Anything that came from the input (a key, a value, a file
//! name) is shown through [`display_input`]: control and bidirectional-override characters escaped,
//! long texts shortened, so that input can neither reach a terminal raw nor pose as a message.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::credit_code::{CreditCodeError, CreditCodeWarning};
use crate::error::{Document, Error, Problem, ProblemKind, ProofProblem, ProofValueProblem, TimestampProblem};
use crate::json::{JsonError, JsonErrorKind, JsonType};
use crate::text::Lang;

/// The text of the language asked for: `pick!(lang, chinese, english)`. Only that branch is
/// evaluated, so a message is formatted once, in its one language, not in both and one of them
/// thrown away. With [`strings!`](crate::strings), the one way every crate words what it says.
///
/// ```
/// use selfcheck_core::{Lang, pick};
///
/// let count = 3;
/// assert_eq!(pick!(Lang::Zh, format!("共 {count} 项"), format!("{count} in all")), "共 3 项");
/// ```
#[macro_export]
macro_rules! pick {
    ($lang:expr, $zh_text:expr, $en_text:expr $(,)?) => {
        match $lang {
            $crate::Lang::Zh => $zh_text,
            $crate::Lang::En => $en_text,
        }
    };
}

/// An enum of fixed interface strings, each written in Simplified Chinese and English side by
/// side, with `get(lang)` (the string of one language) and `filled(lang, values)` (each `{}`
/// filled in with the next value). Each variant's English is its documentation. Sentences built
/// from values are written with [`pick!`](crate::pick).
///
/// ```
/// selfcheck_core::strings! {
///     /// The strings of a page.
///     pub enum Words {
///         Title => "自查结果", "Results";
///         Count => "共 {} 项", "{} in all";
///     }
/// }
/// use selfcheck_core::Lang;
/// assert_eq!(Words::Title.get(Lang::Zh), "自查结果");
/// assert_eq!(Words::Count.filled(Lang::En, &["3"]), "3 in all");
/// ```
#[macro_export]
macro_rules! strings {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$doc:meta])* $variant:ident => $zh:literal, $en:literal;)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$doc])* #[doc = $en] $variant,)*
        }

        impl $name {
            /// The string in `lang`.
            pub fn get(self, lang: $crate::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, $crate::Lang::Zh) => $zh, ($name::$variant, $crate::Lang::En) => $en,)*
                }
            }

            /// The string in `lang` with each `{}` filled in with the next of `values`.
            #[allow(dead_code, reason = "not every crate fills its strings in")]
            pub fn filled(self, lang: $crate::Lang, values: &[&str]) -> String {
                values.iter().fold(self.get(lang).to_owned(), |text, value| text.replacen("{}", value, 1))
            }
        }
    };
}

/// The longest piece of input a message quotes, in characters.
const QUOTE_CHARS: usize = 80;

/// `text` made safe to show: control characters (line breaks, ESC, …), bidirectional overrides
/// and isolates, and other invisible format characters written as `\u{…}`, so that a value
/// cannot reach a terminal raw, start a new line, or reorder what follows it.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if needs_escape(character) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(character));
        } else {
            out.push(character);
        }
    }
    Cow::Owned(out)
}

/// Whether a character must not be shown as it is.
fn needs_escape(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{061C}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// A piece of input as a message quotes it: escaped (see [`escape_control`]) and cut to
/// 80 characters with "…".
pub fn display_input(text: &str) -> String {
    let escaped = escape_control(text);
    if escaped.chars().count() <= QUOTE_CHARS {
        return escaped.into_owned();
    }
    let mut short: String = escaped.chars().take(QUOTE_CHARS).collect();
    short.push('…');
    short
}

/// Text within “”, the quotation marks inside it becoming ‘’ (as the notice's “小金库” does inside
/// a quoted clause): how the notice's words are quoted in both languages, by every interface.
pub fn quoted(text: &str) -> String {
    let inner: String = text
        .chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            other => other,
        })
        .collect();
    format!("“{inner}”")
}

/// A size in bytes for people: `812 字节`, `20 KB`, `4 MB` (KB and MB of 1024).
pub fn file_size(bytes: u64, lang: Lang) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let tenths = |unit: u64| {
        let tenths = (bytes * 10 + unit / 2) / unit;
        if tenths % 10 == 0 || tenths >= 100 {
            format!("{}", (tenths + 5) / 10)
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    };
    match (bytes, lang) {
        (0..KIB, Lang::Zh) => format!("{bytes} 字节"),
        (0..KIB, Lang::En) => format!("{bytes} bytes"),
        (KIB..MIB, _) => format!("{} KB", tenths(KIB)),
        _ => format!("{} MB", tenths(MIB)),
    }
}

/// A size to the byte, with thousands separated: `2,097,153 bytes`.
fn exact_size(bytes: usize, lang: Lang) -> String {
    let grouped = thousands(bytes as u64);
    pick!(lang, format!("{grouped} 字节"), format!("{grouped} bytes"))
}

/// The name of a kind of document.
pub fn document(what: Document, lang: Lang) -> &'static str {
    match (what, lang) {
        (Document::Result, Lang::Zh) => "签名的自查结果",
        (Document::Result, Lang::En) => "signed result",
        (Document::Answers, Lang::Zh) => "作答文件",
        (Document::Answers, Lang::En) => "answers document",
        (Document::Draft, Lang::Zh) => "草稿文件",
        (Document::Draft, Lang::En) => "draft file",
        (Document::Catalogue, Lang::Zh) => "自查目录",
        (Document::Catalogue, Lang::En) => "catalogue",
        (Document::Report, Lang::Zh) => "评分报告",
        (Document::Report, Lang::En) => "report",
        (Document::KeyFile, Lang::Zh) => "密钥文件",
        (Document::KeyFile, Lang::En) => "key file",
        (Document::Register, Lang::Zh) => "密钥备案表",
        (Document::Register, Lang::En) => "key register",
        (Document::ExpectedList, Lang::Zh) => "应报名单",
        (Document::ExpectedList, Lang::En) => "expected list",
        (Document::Review, Lang::Zh) => "审核记录文件",
        (Document::Review, Lang::En) => "review file",
        (Document::Summary, Lang::Zh) => "签名的审核汇总",
        (Document::Summary, Lang::En) => "signed bureau summary",
        (Document::Notice, Lang::Zh) => "整改通知",
        (Document::Notice, Lang::En) => "rectification notice",
        (Document::OtherCredential, Lang::Zh) => "其他类型的可验证凭证",
        (Document::OtherCredential, Lang::En) => "credential of another kind",
        (Document::UnknownJson, Lang::Zh) => "不认识的 JSON 文件",
        (Document::UnknownJson, Lang::En) => "JSON file of a kind selfcheck does not know",
        (Document::Analysis, Lang::Zh) => "审核台的分析结果文件",
        (Document::Analysis, Lang::En) => "review desk's analysis file",
        (Document::Archive, Lang::Zh) => "压缩包",
        (Document::Archive, Lang::En) => "zip archive",
        (Document::WordProcessing, Lang::Zh) => "文字处理文档",
        (Document::WordProcessing, Lang::En) => "word-processing document",
        (Document::Spreadsheet, Lang::Zh) => "电子表格",
        (Document::Spreadsheet, Lang::En) => "spreadsheet",
        (Document::Pdf, Lang::Zh) => "PDF 文件",
        (Document::Pdf, Lang::En) => "PDF file",
        (Document::Image, Lang::Zh) => "图片",
        (Document::Image, Lang::En) => "image",
        (Document::Media, Lang::Zh) => "音视频文件",
        (Document::Media, Lang::En) => "video or audio file",
        (Document::WebPage, Lang::Zh) => "网页文件",
        (Document::WebPage, Lang::En) => "web page",
        (Document::PlainText, Lang::Zh) => "纯文本文件",
        (Document::PlainText, Lang::En) => "plain text file",
    }
}

/// A Chinese name as it follows Chinese text: a space before a Latin word it starts with
/// (这是 PDF 文件), as Chinese typesetting sets one between the two scripts.
fn after_chinese(name: &str) -> Cow<'_, str> {
    if name.starts_with(|character: char| character.is_ascii_alphanumeric()) {
        Cow::Owned(format!(" {name}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// The English name of a kind of document with its article: `a key file`, `an image`.
fn a_document(what: Document) -> String {
    with_article(document(what, Lang::En))
}

/// An English name with its indefinite article: `a key register`, `an expected list`.
pub fn with_article(name: &str) -> String {
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
}

fn json_type(kind: JsonType, lang: Lang) -> &'static str {
    match (kind, lang) {
        (JsonType::Null, Lang::Zh) => "空值",
        (JsonType::Null, Lang::En) => "null",
        (JsonType::Bool, Lang::Zh) => "真假值",
        (JsonType::Bool, Lang::En) => "true or false",
        (JsonType::Number, Lang::Zh) => "数字",
        (JsonType::Number, Lang::En) => "a number",
        (JsonType::String, Lang::Zh) => "文本",
        (JsonType::String, Lang::En) => "a string",
        (JsonType::Array, Lang::Zh) => "列表（数组）",
        (JsonType::Array, Lang::En) => "an array",
        (JsonType::Object, Lang::Zh) => "对象",
        (JsonType::Object, Lang::En) => "an object",
    }
}

/// Where in the text, in words: `第 3 行第 7 列` / `line 3, column 7`.
fn place(line: usize, column: usize, lang: Lang) -> String {
    pick!(lang, format!("第 {line} 行第 {column} 列"), format!("line {line}, column {column}"))
}

/// A JSON reading error in plain words, without naming the document.
pub fn json_error(error: &JsonError, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let at = place(error.line, error.column, lang);
    let path = display_input(&error.path);
    let in_field = |zh_text: String, en_text: String| -> String {
        match (error.path.is_empty(), zh) {
            (true, true) => zh_text,
            (true, false) => en_text,
            (false, true) => format!("字段 {path}：{zh_text}"),
            (false, false) => format!("{path}: {en_text}"),
        }
    };
    match &error.kind {
        JsonErrorKind::Empty => {
            if zh {
                "文件是空的".into()
            } else {
                "it is empty".into()
            }
        }
        JsonErrorKind::NotUtf8 { encoding: crate::json::Encoding::Utf16, .. } => {
            if zh {
                "文件是 UTF-16（“Unicode”）编码的文本，不是 UTF-8：请“另存为”UTF-8 编码后再试".into()
            } else {
                "it is UTF-16 (\"Unicode\") text, not UTF-8: save it as UTF-8 and try again".into()
            }
        }
        JsonErrorKind::NotUtf8 { offset, encoding: crate::json::Encoding::Gbk } => {
            if zh {
                format!(
                    "文件不是 UTF-8 编码（第 {} 个字节起），看来是 GBK（ANSI）编码：请用记事本等编辑器“另存为”UTF-8 编码后再试",
                    offset + 1
                )
            } else {
                format!(
                    "it is not UTF-8 (from byte {}); it looks like GBK (ANSI): save it as UTF-8 and try again",
                    offset + 1
                )
            }
        }
        JsonErrorKind::NotUtf8 { offset, encoding: crate::json::Encoding::Unknown } => {
            if zh {
                format!("文件不是 UTF-8 编码的文本（第 {} 个字节起），可能不是本工具所需的文件", offset + 1)
            } else {
                format!("it is not UTF-8 text (from byte {}); it may not be the file needed here", offset + 1)
            }
        }
        JsonErrorKind::CutShort => {
            if zh {
                format!("文件不完整，在{at}处中断：可能没有完整保存或下载")
            } else {
                format!("it ends too early, at {at}: the file is cut short (not completely saved or downloaded)")
            }
        }
        JsonErrorKind::Unexpected(character) => {
            let shown = display_input(&character.to_string());
            if zh {
                format!("不是 JSON 格式：{at}处的“{shown}”不应出现在这里")
            } else {
                format!("it is not JSON: \"{shown}\" at {at} cannot stand there")
            }
        }
        JsonErrorKind::NotAValue => {
            if zh {
                format!("不是 JSON 格式：{at}处应为一个值（文本、数字、真假值、空值、列表或对象）")
            } else {
                format!(
                    "it is not JSON: at {at} a value was expected (a string, number, true, false, null, array or object)"
                )
            }
        }
        JsonErrorKind::TrailingText => {
            if zh {
                format!("文档在{at}之前已经结束，后面还有多余的内容")
            } else {
                format!("the document ends before {at}, and more text follows it")
            }
        }
        JsonErrorKind::TooDeep => {
            if zh {
                format!("嵌套超过 {} 层（{at}），没有哪种文档需要这样", crate::json::MAX_DEPTH)
            } else {
                format!(
                    "it is nested more than {} levels deep (at {at}), which no document needs",
                    crate::json::MAX_DEPTH
                )
            }
        }
        JsonErrorKind::DuplicateKey(key) => in_field(
            format!("“{}”在同一个对象中出现了两次（{at}）", display_input(key)),
            format!("the key \"{}\" appears twice in one object (at {at})", display_input(key)),
        ),
        JsonErrorKind::NotAnInteger(literal) => in_field(
            format!("数字 {} 带有小数或指数，只允许整数（{at}）", display_input(literal)),
            format!(
                "the number {} has a fraction or an exponent; only integers are allowed (at {at})",
                display_input(literal)
            ),
        ),
        JsonErrorKind::BeyondSafeInteger(literal) => in_field(
            format!("数字 {} 超出了 ±9007199254740991 的范围（{at}）", display_input(literal)),
            format!(
                "the number {} is beyond ±9007199254740991, which JSON cannot carry exactly (at {at})",
                display_input(literal)
            ),
        ),
        JsonErrorKind::BadNumber(literal) => in_field(
            format!("“{}”不是正确的数字写法（{at}）", display_input(literal)),
            format!("\"{}\" is not a well-formed number (at {at})", display_input(literal)),
        ),
        JsonErrorKind::BadEscape => in_field(
            format!("文本中的反斜杠转义有误（{at}）"),
            format!("a backslash escape in a string is malformed (at {at})"),
        ),
        JsonErrorKind::ControlCharacter => in_field(
            format!("文本中有未转义的控制字符（如换行或制表符）（{at}）"),
            format!("a string holds a raw control character such as a line break or tab (at {at})"),
        ),
    }
}

/// An error in plain words of `lang`.
pub fn error(error: &Error, lang: Lang) -> String {
    match error {
        Error::TooLarge { what, size, limit } => {
            let (mut shown_size, mut shown_limit) = (file_size(*size as u64, lang), file_size(*limit as u64, lang));
            if shown_size == shown_limit {
                // Just over the limit: rounded, both would read the same.
                (shown_size, shown_limit) = (exact_size(*size, lang), exact_size(*limit, lang));
            }
            pick!(lang,
                format!("{}太大：{shown_size}，上限为 {shown_limit}。", document(*what, lang)),
                format!(
                    "The {} is too large: {shown_size}, more than the limit of {shown_limit}.",
                    document(*what, lang)
                ),
            )
        }
        Error::Json { what: Document::ExpectedList, error: JsonError { kind: JsonErrorKind::NotUtf8 { encoding: crate::json::Encoding::Gbk, .. }, .. } } => pick!(lang,
            "应报名单不是 UTF-8 编码，看来是 GBK（ANSI）编码：请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”格式后再试。".into(),
            "The expected list is not UTF-8; it looks like GBK (ANSI): in Excel, save it as \"CSV UTF-8 (Comma delimited)\" and try again.".into(),
        ),
        Error::Json { what, error } => pick!(lang,
            format!("{}无法读取：{}。", document(*what, lang), json_error(error, lang)),
            format!("The {} cannot be read: {}.", document(*what, lang), json_error(error, lang)),
        ),
        Error::WrongDocument { expected, found } => pick!(lang,
            format!("这是{}，不是{}。", after_chinese(document(*found, lang)), after_chinese(document(*expected, lang))),
            format!("This is {}, not {}.", a_document(*found), a_document(*expected)),
        ),
        Error::Malformed { what, problems } => pick!(lang,
            format!("{}的格式有误：{}", document(*what, lang), problem_list(problems, lang)),
            format!("The {} is not of its format: {}", document(*what, lang), problem_list(problems, lang)),
        ),
        Error::InvalidCatalogue(problems) => pick!(lang,
            format!("自查目录不符合规则：{}", problem_list(problems, lang)),
            format!("The catalogue is invalid: {}", problem_list(problems, lang)),
        ),
        Error::InvalidAnswers(problems) => pick!(lang,
            format!("作答与自查目录不符：{}", problem_list(problems, lang)),
            format!("The answers do not fit the catalogue: {}", problem_list(problems, lang)),
        ),
        Error::IncompleteProfile(problems) => pick!(lang,
            format!("协会信息不完整，还不能签名：{}", problem_list(problems, lang)),
            format!("The association's details are not complete enough to sign: {}", problem_list(problems, lang)),
        ),
        Error::UnsupportedProof(problem) => proof_problem(problem, lang),
        Error::BadDidKey(detail) => pick!(lang,
            "签名密钥的标识无法识别：它不是有效的 Ed25519 公钥。".into(),
            format!("The signing key (did:key) cannot be read: {}.", display_input(detail)),
        ),
        Error::VerificationMethodMismatch { expected, found } => pick!(lang,
            format!("签名所用的密钥（{}）不是签发协会的密钥（{}）。", display_input(found), display_input(expected)),
            format!(
                "The proof names the key {}, which is not the issuer's key {}.",
                display_input(found),
                display_input(expected)
            ),
        ),
        Error::ProofContextMismatch => pick!(lang,
            "签名中的上下文声明与文件的上下文声明不一致。".into(),
            "The proof's @context is not the document's @context.".into(),
        ),
        Error::BadProofValue(problem) => proof_value_problem(problem, lang),
        Error::SignatureMismatch => pick!(lang,
            "签名不符：文件在签名后被改动过，或者是用其他密钥签名的。".into(),
            "The signature does not match: the file was changed after it was signed, or signed with another key."
                .into(),
        ),
        Error::Sm2SignatureMismatch => pick!(lang,
            "国密签名（SM2/SM3）无效：文件在签名后被改动过，或者国密签名不是用本密钥作出的。".into(),
            "The national-algorithm signature (SM2/SM3) is invalid: the file was changed after it was signed, or it was not made with this key."
                .into(),
        ),
        Error::ReportMismatch { field, claimed, computed } => pick!(lang,
            format!(
                "文件中的评分与其作答不符：{}，文件写的是 {}，按作答计算应为 {}。",
                field_in_words(&format!("report.{field}")),
                display_input(claimed),
                display_input(computed)
            ),
            format!(
                "The report in the file does not match its answers: {} says {}, the answers score {}.",
                display_input(field),
                display_input(claimed),
                display_input(computed)
            ),
        ),
        Error::UnknownCatalogue { id, version, digest } => pick!(lang,
            format!(
                "该结果使用的自查目录（{} {}，摘要 {}）本工具不认识：请提供该目录文件。",
                display_input(id),
                display_input(version),
                short_digest(digest)
            ),
            format!(
                "The result was made with a catalogue this program does not know ({} {}, digest {}); provide that catalogue file.",
                display_input(id),
                display_input(version),
                short_digest(digest)
            ),
        ),
        Error::CatalogueImpersonation { id, version } => pick!(lang,
            format!(
                "该自查目录自称内置目录 {} {}，但内容与内置目录不同：修改过的目录须使用新的编号或版本号。",
                display_input(id),
                display_input(version)
            ),
            format!(
                "This catalogue claims to be the built-in {} {} but its content differs: a changed catalogue needs an id or version of its own.",
                display_input(id),
                display_input(version)
            ),
        ),
        Error::BadTimestamp(problem) => timestamp_problem(problem, lang),
        Error::NotYetValid { field, time, now } => pick!(lang,
            format!(
                "该结果尚未生效：{} 为 {}，晚于核验时间 {}（请检查签名电脑的时钟）。",
                display_input(field),
                display_input(time),
                display_input(now)
            ),
            format!(
                "The result is not valid yet: its {} is {}, later than the verifier's clock ({}); check the signing computer's clock.",
                display_input(field),
                display_input(time),
                display_input(now)
            ),
        ),
        Error::WrongPassphrase => pick!(lang,
            "口令不正确（或者密钥文件已损坏）。".into(),
            "The passphrase is wrong (or the key file is damaged).".into(),
        ),
        Error::WeakPassphrase { min } => {
            pick!(lang, format!("口令至少需要 {min} 个字符。"), format!("The passphrase must have at least {min} characters."))
        }
        Error::KeyFile(problem) => pick!(lang,
            format!("密钥文件无法使用：{}。", key_file_problem(problem, lang)),
            format!("The key file cannot be used: {}.", key_file_problem(problem, lang)),
        ),
        Error::CatalogueMismatch { expected, found } => pick!(lang,
            format!(
                "这些作答针对的是另一份自查目录（{}），当前使用的目录是 {}。",
                escape_control(found),
                escape_control(expected)
            ),
            format!(
                "The answers are for catalogue {}, but the catalogue in use is {}.",
                escape_control(found),
                escape_control(expected)
            ),
        ),
    }
}

/// A number with thousands separated: `10,000`.
pub fn thousands(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// What makes a key file unusable, in plain words of `lang` (no final stop).
pub fn key_file_problem(problem: &crate::keys::KeyFileProblem, lang: Lang) -> String {
    use crate::keys::KeyFileProblem as P;
    match problem {
        P::NotPem => pick!(lang,
            "它不是 PEM 格式的密钥文件（应以“-----BEGIN ENCRYPTED PRIVATE KEY-----”开头）".into(),
            "it is not a PEM file (-----BEGIN ENCRYPTED PRIVATE KEY----- …)".into(),
        ),
        P::CutShort => pick!(lang,
            "文件不完整，缺少 -----END 结束行：可能没有完整保存或复制".into(),
            "it is not a PEM file: no -----END line (cut short)".into(),
        ),
        P::SeveralBlocks => pick!(lang,
            "文件中的 PEM 内容多于两段：请只保留本协会的密钥及其国密（SM2）部分".into(),
            "it holds more than two PEM blocks; keep only the association's key and its SM2 part in it".into(),
        ),
        P::WrongLabel { label, unencrypted: true } => pick!(lang,
            format!("它是未加密的私钥（{}），本工具只使用加密保存的密钥", display_input(label)),
            format!(
                "it holds a PEM block labelled \"{}\", not an encrypted private key; keys are kept encrypted",
                display_input(label)
            ),
        ),
        P::WrongLabel { label, unencrypted: false } => pick!(lang,
            format!("它是“{}”，不是加密的私钥", display_input(label)),
            format!("it holds a PEM block labelled \"{}\", not an encrypted private key", display_input(label)),
        ),
        P::Undecodable => pick!(lang,
            "PEM 内容无法解码，文件可能已损坏".into(),
            "its PEM text cannot be decoded; the file may be damaged".into(),
        ),
        P::Unreadable => pick!(lang,
            "其中的加密密钥无法读取，文件可能已损坏".into(),
            "its encrypted key cannot be read; the file may be damaged".into(),
        ),
        P::UnsupportedEncryption => pick!(lang, "它的加密方式本工具不支持".into(), "its encryption cannot be used".into()),
        P::UnsupportedKdf => {
            pick!(lang, "它的口令派生方式本工具不支持".into(), "its key derivation function is not supported".into())
        }
        P::ScryptNeedsNative => pick!(lang,
            "它的口令保护采用 scrypt，浏览器无法打开：请用命令行工具签名，或用 OpenSSL 改为 PBKDF2 保护（“openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256”）后再载入".into(),
            "it is protected with scrypt, which the browser cannot open: sign with the selfcheck program, or re-protect it with PBKDF2 (openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256) and load it again".into(),
        ),
        P::BadScryptCost(n) => pick!(lang,
            format!("其 scrypt 参数“N”为 {n}，不是大于 1 的 2 的幂"),
            format!("its scrypt cost N = {n} is not a power of two above 1"),
        ),
        P::OutOfRange { parameter, found, min, max } => key_file_parameter(*parameter, *found, *min, *max, lang),
        P::TooMuchMemory { bytes, limit } => pick!(lang,
            format!("打开它需要 {} 内存（scrypt），超过上限 {}", file_size(*bytes, lang), file_size(*limit, lang)),
            format!("scrypt needs {} bytes (128·r·(N + p + 2)), more than {limit}", bytes),
        ),
        P::TooMuchWork { what: "PBKDF2-HMAC-SHA256", work, limit } => pick!(lang,
            format!("它要求 {work} 次 PBKDF2 迭代，超过上限 {limit} 次"),
            format!("it asks for {work} PBKDF2 iterations, more than {limit} PBKDF2 iterations"),
        ),
        P::TooMuchWork { what, work, limit } => pick!(lang,
            format!("打开它（{what}）的计算量相当于 {work} 次 SHA-256 迭代，超过上限 {limit} 次"),
            format!("{what} is as much work as {work} SHA-256 iterations, over {limit}"),
        ),
        P::NotEd25519(kind) => pick!(lang,
            format!("其中是{}，本工具需要 Ed25519 密钥", key_kind(kind, lang)),
            format!("it holds {}; an Ed25519 key is needed", key_kind(kind, lang)),
        ),
        P::AlgorithmParameters => pick!(lang,
            "其 Ed25519 密钥带有算法参数，不符合 RFC 8410".into(),
            "its Ed25519 key has algorithm parameters, which RFC 8410 forbids".into(),
        ),
        P::SeedLength(Some(bytes)) => pick!(lang,
            format!("其 Ed25519 私钥为 {bytes} 字节，应为 32 字节"),
            format!("its Ed25519 private key has {bytes} bytes, not 32; an Ed25519 key is needed"),
        ),
        P::SeedLength(None) => pick!(lang,
            "其 Ed25519 私钥的格式不符合 RFC 8410".into(),
            "its Ed25519 private key is not an OCTET STRING (RFC 8410)".into(),
        ),
        P::PublicKeyMismatch => {
            pick!(lang, "文件中的公钥与私钥不配对".into(), "its public key does not belong to its private key".into())
        }
        P::TooFewIterations { min } => pick!(lang,
            format!("新密钥文件至少需要 {min} 次 PBKDF2 迭代"),
            format!("at least {min} PBKDF2 iterations are required"),
        ),
        P::Encoding => pick!(lang,
            "密钥无法编码（程序错误，请报告）".into(),
            "the key cannot be encoded (a bug; please report it)".into(),
        ),
        P::Sm2Scalar => pick!(lang,
            "其国密（SM2）部分不是可用的 SM2 密钥".into(),
            "its SM2 part is not a usable SM2 key".into(),
        ),
        P::SecondBlock(kind) => pick!(lang,
            format!("其第二段是{}：密钥文件在本协会的密钥之后只能是它的国密（SM2）部分", key_kind(kind, lang)),
            format!("its second block holds {}; after the association's key, a key file holds only its SM2 part", key_kind(kind, lang)),
        ),
    }
}

/// A parameter of a key file's encryption outside what selfcheck accepts: its name, its value and
/// its limits, in `lang` (no final stop).
fn key_file_parameter(parameter: crate::keys::KeyFileParameter, found: u64, min: u64, max: u64, lang: Lang) -> String {
    use crate::keys::KeyFileParameter as K;
    let (zh_name, en_name) = match parameter {
        K::ScryptCost => ("scrypt 参数“N”（计算量）", "scrypt's cost N"),
        K::ScryptBlockSize => ("scrypt 参数“r”（块大小）", "scrypt's block size r"),
        K::ScryptParallelization => ("scrypt 参数“p”（并行度）", "scrypt's parallelization p"),
        K::Pbkdf2Iterations => ("PBKDF2 迭代次数", "its PBKDF2 iteration count"),
        K::KeyLength => ("派生密钥的长度（字节）", "its derived key length (bytes)"),
    };
    pick!(
        lang,
        if min == max {
            format!("其{}为 {found}，应为 {min}", after_chinese(zh_name))
        } else {
            format!("其{}为 {found}，本工具接受 {min} 至 {max}", after_chinese(zh_name))
        },
        if min == max {
            format!("{en_name} is {found}; it must be {min}")
        } else {
            format!("{en_name} is {found}; selfcheck accepts {min} to {max}")
        },
    )
}

/// A kind of key, as people name it in `lang`.
pub fn key_kind(kind: &crate::keys::KeyKind, lang: Lang) -> String {
    use crate::keys::KeyKind as K;
    let zh = lang == Lang::Zh;
    match kind {
        K::Ed25519 => {
            if zh {
                "Ed25519 密钥".into()
            } else {
                "an Ed25519 key".into()
            }
        }
        K::Ed448 => {
            if zh {
                "Ed448 密钥".into()
            } else {
                "an Ed448 key".into()
            }
        }
        K::X25519 => {
            if zh {
                "X25519 密钥（用于密钥协商，不能签名）".into()
            } else {
                "an X25519 key".into()
            }
        }
        K::X448 => {
            if zh {
                "X448 密钥（用于密钥协商，不能签名）".into()
            } else {
                "an X448 key".into()
            }
        }
        K::Rsa => {
            if zh {
                "RSA 密钥".into()
            } else {
                "an RSA key".into()
            }
        }
        K::RsaPss => {
            if zh {
                "RSA-PSS 密钥".into()
            } else {
                "an RSA-PSS key".into()
            }
        }
        K::Dsa => {
            if zh {
                "DSA 密钥".into()
            } else {
                "a DSA key".into()
            }
        }
        K::DiffieHellman => {
            if zh {
                "Diffie-Hellman 密钥".into()
            } else {
                "a Diffie-Hellman key".into()
            }
        }
        K::Ec(curve) => {
            if zh {
                format!("{curve} 椭圆曲线密钥")
            } else {
                format!("an elliptic-curve key on {curve}")
            }
        }
        K::EcCurve(Some(oid)) => {
            if zh {
                format!("椭圆曲线密钥（曲线标识 {}）", display_input(oid))
            } else {
                format!("an elliptic-curve key on the curve with OID {}", display_input(oid))
            }
        }
        K::EcCurve(None) => {
            if zh {
                "以显式参数给出曲线的椭圆曲线密钥".into()
            } else {
                "an elliptic-curve key on a curve given by explicit parameters".into()
            }
        }
        K::Other(oid) => {
            if zh {
                format!("算法 {} 的密钥", display_input(oid))
            } else {
                format!("a key of algorithm {}", display_input(oid))
            }
        }
    }
}

/// A digest shortened for people: its first characters, enough to tell two apart at a glance.
pub fn short_digest(digest: &str) -> String {
    let digest = display_input(digest);
    if digest.chars().count() > 12 { format!("{}…", digest.chars().take(12).collect::<String>()) } else { digest }
}

fn problem_list(problems: &[Problem], lang: Lang) -> String {
    let separator = if lang == Lang::Zh { "；" } else { "; " };
    let end = if lang == Lang::Zh { "。" } else { "." };
    let mut out = problems.iter().map(|problem| problem.message(lang)).collect::<Vec<_>>().join(separator);
    out.push_str(end);
    out
}

fn proof_problem(problem: &ProofProblem, lang: Lang) -> String {
    match problem {
        ProofProblem::Missing => pick!(lang, "文件没有签名。".into(), "The document has no proof.".into()),
        ProofProblem::NotOneObject => pick!(
            lang,
            "签名应为一个对象，或者由一个“eddsa-jcs-2022”签名和一个国密签名（SM2/SM3）组成。".into(),
            "The proof must be one object, or a set of one eddsa-jcs-2022 proof and one SM2/SM3 proof.".into(),
        ),
        ProofProblem::Type(found) if found.is_empty() => pick!(
            lang,
            "签名没有注明类型，本工具只接受“DataIntegrityProof”。".into(),
            "The proof has no type; only DataIntegrityProof is accepted.".into(),
        ),
        ProofProblem::Type(found) => pick!(
            lang,
            format!("签名类型为“{}”，本工具只接受“DataIntegrityProof”。", display_input(found)),
            format!("The proof's type is \"{}\"; only DataIntegrityProof is accepted.", display_input(found)),
        ),
        ProofProblem::Cryptosuite(found) if found.is_empty() => pick!(
            lang,
            "签名没有注明算法套件，本工具只接受“eddsa-jcs-2022”。".into(),
            "The proof has no cryptosuite; only eddsa-jcs-2022 is accepted.".into(),
        ),
        ProofProblem::Cryptosuite(found) => pick!(
            lang,
            format!("签名算法套件为“{}”，本工具只接受“eddsa-jcs-2022”。", display_input(found)),
            format!("The proof's cryptosuite is \"{}\"; only eddsa-jcs-2022 is accepted.", display_input(found)),
        ),
        ProofProblem::Purpose(found) if found.is_empty() => pick!(
            lang,
            "签名没有注明用途，应为“assertionMethod”。".into(),
            "The proof has no proofPurpose; it must be assertionMethod.".into(),
        ),
        ProofProblem::Purpose(found) => pick!(
            lang,
            format!("签名用途为“{}”，应为“assertionMethod”。", display_input(found)),
            format!("The proof's purpose is \"{}\"; it must be assertionMethod.", display_input(found)),
        ),
        ProofProblem::NoVerificationMethod => {
            pick!(
                lang,
                "签名没有注明所用的密钥。".into(),
                "The proof does not name its key (verificationMethod).".into()
            )
        }
        ProofProblem::NoKeyFragment(found) => pick!(
            lang,
            format!("签名所注明的密钥“{}”缺少“#”后的密钥标识。", display_input(found)),
            format!("The proof's verificationMethod \"{}\" has no #fragment naming the key.", display_input(found)),
        ),
    }
}

fn proof_value_problem(problem: &ProofValueProblem, lang: Lang) -> String {
    match problem {
        ProofValueProblem::Missing => pick!(lang, "签名缺少签名值。".into(), "The proof has no proofValue.".into()),
        ProofValueProblem::NotMultibase => pick!(
            lang,
            "签名值应以字母“z”开头（base58btc 编码）。".into(),
            "The proofValue must start with z (multibase base58btc).".into(),
        ),
        ProofValueProblem::NotBase58 => {
            pick!(lang, "签名值不是有效的 base58 编码。".into(), "The proofValue is not valid base58.".into())
        }
        ProofValueProblem::WrongLength(bytes) => pick!(
            lang,
            format!("签名值有 {bytes} 个字节，Ed25519 签名应为 64 个字节。"),
            format!("The proofValue holds {bytes} bytes; an Ed25519 signature has 64."),
        ),
    }
}

fn timestamp_problem(problem: &TimestampProblem, lang: Lang) -> String {
    let text = display_input(problem.text());
    match (problem, lang) {
        (TimestampProblem::Form(_), Lang::Zh) => {
            format!("时间“{text}”的写法不对：应为“2026-01-31T08:00:00Z”这样的格式。")
        }
        (TimestampProblem::Form(_), Lang::En) => {
            format!("\"{text}\" is not a date-time of the form 2026-01-31T08:00:00Z.")
        }
        (TimestampProblem::OutOfRange(_), Lang::Zh) => format!("时间“{text}”不在 2013 年至 9999 年之间。"),
        (TimestampProblem::OutOfRange(_), Lang::En) => format!("\"{text}\" is not between the years 2013 and 9999."),
        (TimestampProblem::LeapSecond(_), Lang::Zh) => {
            format!("时间“{text}”含闰秒（第 60 秒），签名程序不会写出这样的时间。")
        }
        (TimestampProblem::LeapSecond(_), Lang::En) => {
            format!("\"{text}\" names a leap second (:60), which no signing program writes.")
        }
        (TimestampProblem::Fraction(_), Lang::Zh) => format!("时间“{text}”的秒数小数位超过 9 位。"),
        (TimestampProblem::Fraction(_), Lang::En) => {
            format!("\"{text}\" has more than nine digits of fractional seconds.")
        }
    }
}

/// A warning about a valid result in plain words of `lang`.
pub fn result_warning(warning: &crate::credential::ResultWarning, lang: Lang) -> String {
    use crate::credential::ResultWarning;
    match (warning, lang) {
        (ResultWarning::CreatedFarFromValidFrom { valid_from, created }, Lang::Zh) => {
            format!("签名时间（{}）与生效时间（{}）相差超过一天。", display_input(created), display_input(valid_from))
        }
        (ResultWarning::CreatedFarFromValidFrom { valid_from, created }, Lang::En) => format!(
            "The proof was created at {}, more than a day from validFrom ({}).",
            display_input(created),
            display_input(valid_from)
        ),
        (ResultWarning::SignedBeforePeriodEnds { signed, period_to }, Lang::Zh) => {
            format!("该结果在自查期间结束（{period_to}）之前就已签名（{signed}）。")
        }
        (ResultWarning::SignedBeforePeriodEnds { signed, period_to }, Lang::En) => {
            format!("It was signed on {signed}, before the end of the period it assesses ({period_to}).")
        }
        (ResultWarning::PeriodLongerThanAYear { from, to }, Lang::Zh) => {
            format!("自查期间（{from} 至 {to}）超过一年。")
        }
        (ResultWarning::PeriodLongerThanAYear { from, to }, Lang::En) => {
            format!("The period assessed ({from} to {to}) is longer than a year.")
        }
    }
}

/// A key status in a few words, for a table's cell, by its code ([`crate::KeyStatus::code`]):
/// 已备案, 代码未备案, 与备案密钥不符; 未核对 when no register was given (`None`). The one
/// vocabulary of the review desk, the office files and the CLI's tables.
pub fn key_status_label(code: Option<&str>, lang: Lang) -> &'static str {
    match (code, lang) {
        (Some("registered"), Lang::Zh) => "已备案",
        (Some("registered"), Lang::En) => "on file",
        (Some("unregistered-code"), Lang::Zh) => "代码未备案",
        (Some("unregistered-code"), Lang::En) => "code not on file",
        (Some("different-key"), Lang::Zh) => "与备案密钥不符",
        (Some("different-key"), Lang::En) => "not the key on file",
        (_, Lang::Zh) => "未核对",
        (_, Lang::En) => "not checked",
    }
}

/// Whose key signed a result, in plain words of `lang`.
pub fn key_status(status: &crate::register::KeyStatus, lang: Lang) -> String {
    use crate::keys::Fingerprint;
    use crate::register::KeyStatus;
    match (status, lang) {
        (KeyStatus::Registered, Lang::Zh) => "签名密钥已在备案表中登记为该协会的密钥。".into(),
        (KeyStatus::Registered, Lang::En) => {
            "The signing key is filed in the register as the association's key.".into()
        }
        (KeyStatus::UnregisteredCode { credit_code, fingerprint }, Lang::Zh) => format!(
            "统一社会信用代码 {} 没有备案密钥（签名密钥指纹 {fingerprint}）：无法确认是该协会签名。",
            display_input(credit_code)
        ),
        (KeyStatus::UnregisteredCode { credit_code, fingerprint }, Lang::En) => format!(
            "No key is filed for credit code {} (signed with key {fingerprint}): nothing shows the association signed it.",
            display_input(credit_code)
        ),
        (KeyStatus::DifferentKey { credit_code, fingerprint, registered }, Lang::Zh) => format!(
            "签名密钥（{fingerprint}）不是 {} 备案的密钥（{}）。",
            display_input(credit_code),
            registered.iter().map(Fingerprint::as_str).collect::<Vec<_>>().join("，")
        ),
        (KeyStatus::DifferentKey { credit_code, fingerprint, registered }, Lang::En) => format!(
            "Signed with key {fingerprint}, but the key filed for {} is {}.",
            display_input(credit_code),
            registered.iter().map(Fingerprint::as_str).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// A problem in plain words of `lang`, place first.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    let what = problem_kind(&problem.kind, lang);
    if problem.at.is_empty() {
        return what;
    }
    pick!(lang, format!("{}：{what}", place_of(&problem.at, lang)), format!("{}: {what}", place_of(&problem.at, lang)))
}

/// Where a problem is, in `lang`: a line of a text file (`line 3`, 第 3 行), or a field. In
/// English the field's path is shown as it is (`credentialSubject.report.total`); in Chinese it is
/// named in words (评分报告的实得分), the way the person who reads it knows the document.
pub fn place_of(at: &str, lang: Lang) -> String {
    match at.strip_prefix("line ") {
        Some(number) if lang == Lang::Zh && !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit()) => {
            format!("第 {number} 行")
        }
        _ if lang == Lang::Zh => field_in_words(at),
        _ => display_input(at),
    }
}

/// A field's path (`credentialSubject.report.areas[2].points`) in Chinese words
/// (评分报告的各领域得分第 3 项的得分). A member the formats do not know (an unknown field in the
/// input) is quoted as it is written.
fn field_in_words(at: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut in_report = false;
    // In a month's report, the member after `areas` is an area's id; in a reply to a notice,
    // the member after `items` is a criterion's.
    let (mut in_monthly, mut in_reply, mut area_next) = (false, false, false);
    for segment in at.split('.') {
        // Indexes are the `[digits]` at the end of a segment; a `[` elsewhere belongs to the key.
        let mut key = segment;
        let mut indexes = Vec::new();
        while let Some(rest) = key.strip_suffix(']') {
            let Some((before, number)) = rest.rsplit_once('[') else { break };
            if number.is_empty() || !number.bytes().all(|byte| byte.is_ascii_digit()) {
                break;
            }
            indexes.insert(0, number);
            key = before;
        }
        in_report |= key == "report";
        // A notice's own members sit right under the subject, where no other document has them.
        if parts.is_empty() && matches!(key, "items" | "deadline") {
            parts.push(if key == "items" { "整改事项" } else { "整改期限" }.to_owned());
            for number in &indexes {
                let position =
                    number.parse::<u64>().map_or_else(|_| display_input(number), |index| (index + 1).to_string());
                if let Some(last) = parts.last_mut() {
                    last.push_str(&format!("第 {position} 项"));
                }
            }
            continue;
        }
        in_monthly |= key == "monthly";
        in_reply |= key == "rectification" && !in_report;
        if area_next {
            area_next = false;
            parts.push(format!("领域 {}", display_input(key)));
            continue;
        }
        if in_monthly && key == "areas" {
            area_next = true;
            continue;
        }
        if in_reply && key == "items" {
            continue;
        }
        // A binding's `result` argument is the signed result given, not a review's result
        // digest: named as the caller wrote it.
        let argument = parts.len() == 1 && parts[0] == "调用参数" && key == "result";
        if argument {
            parts.push(format!("“{}”", display_input(key)));
        } else if let Some(word) = field_word(key, in_report) {
            if !word.is_empty() {
                parts.push(word.to_owned());
            }
        } else if is_criterion_id(key) {
            parts.push(format!("标准 {key}"));
        } else if !key.is_empty() {
            parts.push(format!("“{}”", display_input(key)));
        }
        for number in indexes {
            let position =
                number.parse::<u64>().map_or_else(|_| display_input(number), |index| (index + 1).to_string());
            match parts.last_mut() {
                Some(last) => last.push_str(&format!("第 {position} 项")),
                None => parts.push(format!("第 {position} 项")),
            }
        }
    }
    let mut words = String::new();
    for part in &parts {
        if !words.is_empty() {
            // A Latin letter or digit before 的 is set off by a space, as Chinese typesetting does.
            words.push_str(if words.ends_with(|c: char| c.is_ascii_alphanumeric()) { " 的" } else { "的" });
        }
        words.push_str(part);
    }
    if words.is_empty() { "结果内容".to_owned() } else { words }
}

/// A criterion's or sub-item's id as catalogues write them (`A1`, `B3.2`).
fn is_criterion_id(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|first| first.is_ascii_uppercase())
        && key.len() <= 12
        && chars.clone().next().is_some_and(|second| second.is_ascii_digit())
        && chars.all(|c| c.is_ascii_digit() || c == '.')
}

/// The Chinese name of a member of selfcheck's documents; `Some("")` for the wrappers a reader
/// does not need named (the credential's subject).
fn field_word(key: &str, in_report: bool) -> Option<&'static str> {
    Some(match key {
        "credentialSubject" => "",
        "@context" => "上下文声明",
        "type" => "类型",
        "id" => "编号",
        "issuer" => "签发者",
        "validFrom" => "签名时间",
        "proof" => "签名",
        "cryptosuite" => "签名算法",
        "created" => "签名时间",
        "verificationMethod" => "签名密钥",
        "proofPurpose" => "签名用途",
        "proofValue" => "签名值",
        "format" => "格式标记",
        "profile" => "协会信息",
        "name" => "名称",
        "credit_code" => "统一社会信用代码",
        "contact" => "联系方式",
        "person" => "联系人",
        "phone" => "联系电话",
        "email" => "电子邮箱",
        "period" => "自查期间",
        "from" => "起始日期",
        "to" => "截止日期",
        "catalogue" => "自查目录",
        "version" => "版本",
        "digest" => "摘要",
        "answers" => "作答",
        "value" => "答案",
        "checked" => "勾选的子项",
        "note" => "说明",
        "evidence" => "佐证材料",
        "link" | "url" => "链接",
        "file" => "文件",
        "size" => "大小",
        "sha256" => "摘要",
        "report" => "评分报告",
        "total" => "实得分",
        "maximum" => "适用满分",
        "score" => "折合千分制",
        "grade" => "自评等级",
        "areas" if in_report => "各领域得分",
        "areas" => "领域",
        "points" if in_report => "得分",
        "points" => "分值",
        "vetoes" => "否决项",
        "completeness" => "作答情况",
        "answered" => "已作答项数",
        "open" => "未作答项",
        "rectification" if in_report => "整改清单",
        "rectification" => "整改答复",
        "monthly" => "本月报送",
        "progress" => "活动进展",
        "problems" => "新情况、新问题",
        "description" => "情况说明",
        "help_requested" => "请求协助",
        "notice" => "整改通知",
        "based_on" => "所依据的结果",
        "remark" => "意见",
        "criterion" => "标准",
        "lost" => "扣分",
        "missing_items" => "未做到的子项",
        "veto" => "否决",
        "criteria" => "标准",
        "items" => "子项",
        "title" => "名称",
        "guidance" => "指引",
        "clause" => "条款",
        "section" => "条",
        "quote" => "引文",
        "kind" => "类别",
        "not_applicable" => "可答不适用",
        "allowed" => "可选答案",
        "grades" => "等级",
        "min" => "最低分",
        "label" => "名称",
        "total_points" => "总分",
        "veto_grade" => "否决时的等级",
        "authority" => "发文机关",
        "source" => "来源文件",
        "notes" => "说明",
        "date" => "日期",
        "settings" => "设置",
        "months" => "月份范围",
        "deadline" => "报送截止日",
        "longest_period_days" => "自查期间最长天数",
        "ranking_month" => "排名月份",
        "inputs" => "所依据的文件",
        "role" => "用途",
        "ranking" => "排名",
        "matrix" => "报送情况",
        "summary" => "汇总",
        "reviews" => "审核记录",
        "result" => "结果摘要",
        "state" => "审核状态",
        "updated" => "更新时间",
        "arguments" => "调用参数",
        _ => return None,
    })
}

fn words(allowed: &[&str], lang: Lang) -> String {
    pick!(
        lang,
        allowed.iter().map(|word| format!("“{word}”")).collect::<Vec<_>>().join("、"),
        allowed.iter().map(|word| format!("\"{word}\"")).collect::<Vec<_>>().join(", ")
    )
}

/// What a problem is, in plain words of `lang`, without its place.
pub fn problem_kind(kind: &ProblemKind, lang: Lang) -> String {
    match kind {
        ProblemKind::WrongType { expected, found } => pick!(lang,
            format!("应为{}，实为{}", json_type(*expected, lang), json_type(*found, lang)),
            format!("{} was expected, found {}", capitalized(json_type(*expected, lang)), json_type(*found, lang)),
        ),
        ProblemKind::MissingField => pick!(lang, "缺少此字段".into(), "this field is missing".into()),
        ProblemKind::UnknownField => pick!(lang, "格式中没有此字段".into(), "the format has no such field".into()),
        ProblemKind::NotOneOf { allowed, found } => pick!(lang,
            format!("“{}”不是允许的值，只能是{}", display_input(found), words(allowed, lang)),
            format!("\"{}\" is not allowed; it must be one of {}", display_input(found), words(allowed, lang)),
        ),
        ProblemKind::OutOfRange { min, max, found } => pick!(lang,
            format!("{found} 超出范围，应为 {min} 至 {max} 之间的整数"),
            format!("{found} is out of range; it must be an integer from {min} to {max}"),
        ),
        ProblemKind::MustBe(value) => pick!(lang,
            format!("应为“{}”", display_input(value)),
            format!("must be \"{}\"", display_input(value)),
        ),
        ProblemKind::MustInclude(values) => {
            let values: Vec<String> = values.iter().map(|value| display_input(value)).collect();
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            pick!(lang, format!("必须包含{}", words(&values, lang)), format!("must include {}", words(&values, lang)))
        }
        ProblemKind::NotHex { digits } => pick!(lang,
            format!("应为 {digits} 位十六进制数字（0–9 和“a”至“f”）"),
            format!("must be {digits} hexadecimal digits (0–9, a–f)"),
        ),
        ProblemKind::NotUrnUuid => pick!(lang,
            "应为以“urn:uuid:”开头的标识（如“urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e”）".into(),
            "must be a urn:uuid: identifier (such as urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e)".into(),
        ),
        ProblemKind::NoVisibleText => {
            pick!(lang, "只有空格或不可见字符，没有实际内容".into(), "holds only spaces or invisible characters".into())
        }
        ProblemKind::ControlCharacters => pick!(lang,
            "含有换行符或其他控制字符，此处只能填写一行文字".into(),
            "holds line breaks or other control characters; only one line of text belongs here".into(),
        ),
        ProblemKind::TemplateHints => pick!(lang,
            "签名结果的作答中不应带有模板提示（名称、可选答案、子项）".into(),
            "a signed result's answers must not carry template hints (title, allowed, items)".into(),
        ),
        ProblemKind::UnknownCriterion => {
            pick!(lang, "自查目录中没有这一项".into(), "there is no criterion with this id in the catalogue".into())
        }
        ProblemKind::UnknownItem(item) => pick!(lang,
            format!("{} 不是此项的子项", display_input(item)),
            format!("{} is not one of this checklist's sub-items", display_input(item)),
        ),
        ProblemKind::DuplicateItem(item) => pick!(lang,
            format!("子项 {} 出现了两次", display_input(item)),
            format!("{} is listed twice", display_input(item)),
        ),
        ProblemKind::ChecklistNeedsChecked => pick!(lang,
            "此项为勾选项：用“checked”列出已做到的子项（一个都没有时为空列表），或答“na”（不适用）".into(),
            "this criterion is a checklist: answer with \"checked\" (the sub-items met; an empty list for none) or \"value\": \"na\"".into(),
        ),
        ProblemKind::NotAChecklist => pick!(lang,
            "此项不是勾选项：请用“value”作答，不要用“checked”".into(),
            "this criterion is not a checklist: answer with \"value\", not \"checked\"".into(),
        ),
        ProblemKind::ValueAndChecked => pick!(lang,
            "“value”和“checked”只能给出其中一个".into(),
            "give either \"value\" or \"checked\", not both".into(),
        ),
        ProblemKind::PartlyNotAllowed => pick!(lang,
            "此项只能答“做到”或“未做到”，不能答“部分做到”".into(),
            "this criterion is answered yes or no; \"partly\" is not allowed".into(),
        ),
        ProblemKind::NotApplicableNotAllowed => {
            pick!(lang, "此项适用于所有协会，不能答“不适用”".into(), "this criterion always applies; \"na\" is not allowed".into())
        }
        ProblemKind::BadLink(url) => pick!(lang,
            format!("“{}”不是以“http://”或“https://”开头的网址", display_input(url)),
            format!("\"{}\" is not an http:// or https:// address", display_input(url)),
        ),
        ProblemKind::BadFileDigest => pick!(lang,
            "文件摘要应为 64 位小写十六进制数字".into(),
            "a file's sha256 must be 64 lowercase hexadecimal digits".into(),
        ),
        ProblemKind::EmptyFileName => pick!(lang, "佐证文件没有文件名".into(), "a file in the evidence has no name".into()),
        ProblemKind::TooMuchEvidence { limit } => pick!(lang,
            format!("每项最多 {limit} 份佐证材料"),
            format!("at most {limit} pieces of evidence per entry"),
        ),
        ProblemKind::UnknownArea => {
            pick!(lang, "自查目录中没有这一领域".into(), "there is no area with this id in the catalogue".into())
        }
        ProblemKind::TooManyProblems { limit } => pick!(lang,
            format!("每月最多报送 {limit} 条新情况、新问题"),
            format!("at most {limit} new situations and problems per month"),
        ),
        ProblemKind::CreditCode(error) => credit_code(error, lang),
        ProblemKind::BadDate(date) => pick!(lang,
            format!("“{}”不是有效日期（应为 2026-01-31 这样的格式）", display_input(date)),
            format!("\"{}\" is not a date of the form YYYY-MM-DD", display_input(date)),
        ),
        ProblemKind::PeriodReversed => pick!(lang, "结束日期早于开始日期".into(), "the period ends before it starts".into()),
        ProblemKind::NoNoticeItems => {
            pick!(lang, "至少列出一项需整改的标准".into(), "name at least one criterion to fix".into())
        }
        ProblemKind::DeadlineBeforeIssued(today) => pick!(lang,
            format!("整改期限早于签发当日（{}）", display_input(today)),
            format!("the deadline is before the day the notice is issued ({})", display_input(today)),
        ),
        ProblemKind::BadEmail(email) => pick!(lang,
            format!("“{}”不是有效的电子邮箱地址（应为“name@example.org.cn”这样的格式）", display_input(email)),
            format!("\"{}\" is not an e-mail address of the form name@example.org.cn", display_input(email)),
        ),
        ProblemKind::TooLong { limit } => {
            pick!(lang, format!("超过 {limit} 个字符的上限"), format!("longer than the limit of {limit} characters"))
        }
        ProblemKind::Missing => pick!(lang, "签名前必须填写".into(), "must be filled in before the result is signed".into()),
        ProblemKind::UnsupportedCatalogueFormat(found) => pick!(lang,
            format!("本工具只能读取第 1 版格式的自查目录，此文件为第 {found} 版"),
            format!("this program reads catalogue format 1, not {found}"),
        ),
        ProblemKind::NotASlug => pick!(lang,
            "只能由小写字母、数字和单个连字符组成".into(),
            "lowercase letters, digits and single hyphens only".into(),
        ),
        ProblemKind::NotAVersion => pick!(lang,
            "版本号应为用点分隔的三个数字，如 1.0.0".into(),
            "three numbers separated by dots, e.g. 1.0.0".into(),
        ),
        ProblemKind::BadAreaId => pick!(lang, "领域编号应为一个大写字母".into(), "an area id is one capital letter".into()),
        ProblemKind::BadCriterionId => pick!(lang,
            "标准编号应为所属领域的字母加数字，如 A1".into(),
            "a criterion id is its area's letter and a number, e.g. A1".into(),
        ),
        ProblemKind::BadItemId => pick!(lang,
            "子项编号应为所属标准的编号、一个点和数字，如 A1.1".into(),
            "a sub-item id is its criterion's id, a dot and a number, e.g. A1.1".into(),
        ),
        ProblemKind::Empty => pick!(lang, "不能为空".into(), "must not be empty".into()),
        ProblemKind::DuplicateId => pick!(lang, "此编号出现了不止一次".into(), "this id is used more than once".into()),
        ProblemKind::IdOutsideParent(parent) => pick!(lang,
            format!("编号应以 {} 开头", display_input(parent)),
            format!("the id must start with {}", display_input(parent)),
        ),
        ProblemKind::PointsOutOfRange { max } => {
            pick!(lang, format!("分值应为 1 至 {max} 分"), format!("points must be from 1 to {max}"))
        }
        ProblemKind::PointsMismatch { expected, found } => pick!(lang,
            format!("分值合计为 {found} 分，应为 {expected} 分"),
            format!("the points add up to {found}, but must add up to {expected}"),
        ),
        ProblemKind::OddScalePoints => pick!(lang,
            "三档评分的标准分值须为偶数，因为“部分做到”得一半分".into(),
            "a scale criterion needs even points, since \"partly\" earns half of them".into(),
        ),
        ProblemKind::MisplacedVeto => pick!(lang,
            "否决项只能设在只答“做到/未做到”且不允许“不适用”的标准上".into(),
            "a veto belongs only on a binary criterion that does not allow not applicable".into(),
        ),
        ProblemKind::BadItems => pick!(lang,
            "勾选项应有 2 至 64 个子项，且只有勾选项可以有子项".into(),
            "a checklist has 2 to 64 sub-items, and only checklists have sub-items".into(),
        ),
        ProblemKind::BadGradeBands => pick!(lang,
            "等级须从高到低排列，最低分数线严格递减，从不超过 1000 到 0".into(),
            "grade bands must be listed highest first, with strictly decreasing minimums from at most 1000 down to 0".into(),
        ),
        ProblemKind::UnknownVetoGrade => {
            pick!(lang, "否决后的等级不是已列出的等级之一".into(), "the veto grade is not one of the grades".into())
        }
        ProblemKind::VetoGradeNotLowest => pick!(lang,
            "否决后的等级必须是最低等级，否则否决反而可能提高等级".into(),
            "the veto grade must be the lowest grade, or a veto could raise a low grade".into(),
        ),
        ProblemKind::EmptyText => pick!(lang, "内容为空".into(), "the text is empty".into()),
        ProblemKind::BadFingerprint => pick!(lang,
            "应为统一社会信用代码加密钥指纹（32 位十六进制数字，可用空格或连字符分组）".into(),
            "expected a credit code and a key fingerprint of 32 hexadecimal digits (spaces or hyphens allowed)".into(),
        ),
        ProblemKind::NoCreditCode => pick!(lang, "这一行没有统一社会信用代码".into(), "this line has no credit code".into()),
        ProblemKind::CodeAsNumber(number) => pick!(lang,
            format!(
                "统一社会信用代码被 Excel 转成了数字“{}”，后几位已经丢失：请在 Excel 中把该列设为“文本”格式，重新填写代码后再导出",
                display_input(number)
            ),
            format!(
                "Excel turned the credit code into the number \"{}\" and lost its last digits: format the column as Text, type the codes again and export again",
                display_input(number)
            ),
        ),
        ProblemKind::NoName => pick!(lang, "这一行没有协会名称".into(), "this line has no association name".into()),
        ProblemKind::NoAssociations => pick!(lang,
            "名单中没有任何协会（每行应有名称和统一社会信用代码）".into(),
            "the list names no association (each line needs a name and a credit code)".into(),
        ),
        ProblemKind::ListedTwice { line } => pick!(lang,
            format!("该统一社会信用代码已在第 {line} 行列出"),
            format!("this credit code is listed already on line {line}"),
        ),
        ProblemKind::UnclosedQuote => pick!(lang,
            "从这一行开始的引号没有闭合，无法分列".into(),
            "a quotation mark opened on this line is never closed".into(),
        ),
        ProblemKind::BadResultDigest => pick!(lang,
            "结果摘要应为 64 位小写十六进制数字".into(),
            "a result digest must be 64 lowercase hexadecimal digits".into(),
        ),
        ProblemKind::BadTime(time) => pick!(lang,
            format!("“{}”不是有效的时间（应为“2026-01-31T08:00:00Z”这样的格式）", display_input(time)),
            format!("\"{}\" is not a date-time of the form 2026-01-31T08:00:00Z", display_input(time)),
        ),
        ProblemKind::BadMonth(month) => pick!(lang,
            format!("“{}”不是有效的月份（应为 2026-01 这样的格式）", display_input(month)),
            format!("\"{}\" is not a month of the form 2026-01", display_input(month)),
        ),
        ProblemKind::KeyOfAnotherAssociation(owner) => pick!(lang,
            format!("此密钥已备案为另一协会（{}）的密钥", display_input(owner)),
            format!("this key is filed already for another association ({})", display_input(owner)),
        ),
    }
}

/// `text` with its first letter upper-case, for an English sentence that starts with a label.
pub fn capitalized(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map(|first| first.to_uppercase().chain(characters).collect()).unwrap_or_default()
}

/// What is wrong with a credit code, in plain words of `lang`.
pub fn credit_code(error: &CreditCodeError, lang: Lang) -> String {
    match (error, lang) {
        (CreditCodeError::WrongLength { found }, Lang::Zh) => format!("统一社会信用代码应为 18 位，现为 {found} 位"),
        (CreditCodeError::InvalidCharacter { position, found }, Lang::Zh) => format!(
            "第 {position} 位“{}”不能出现在统一社会信用代码中（只能用数字和除“I”“O”“S”“V”“Z”以外的大写字母）",
            display_input(&found.to_string())
        ),
        (CreditCodeError::DivisionNotDigits, Lang::Zh) => "第 3 至 8 位是行政区划码，必须是数字".into(),
        (CreditCodeError::CheckMismatch { expected, found }, Lang::Zh) => {
            format!("校验码（第 18 位）应为“{expected}”而不是“{found}”：可能有字符输错")
        }
        (error, Lang::En) => error.to_string(),
    }
}

/// A credit code warning in plain words of `lang`.
pub fn credit_code_warning(warning: CreditCodeWarning, lang: Lang) -> String {
    match (warning, lang) {
        (CreditCodeWarning::NotSocialOrganization, Lang::Zh) => {
            "提示：社会组织的统一社会信用代码通常以 51、52、53 或 59 开头，请与登记证书核对。".into()
        }
        (CreditCodeWarning::OrganizationCodeCheck, Lang::Zh) => {
            "提示：第 9 至 17 位（组织机构代码）校验不符，请与登记证书核对。".into()
        }
        (warning, Lang::En) => format!("Note: {warning}."),
    }
}

/// A rate for people: per mille as a percentage with one decimal (`950` → `95.0%`), the one form
/// every page, command and export shows.
pub fn percent(per_mille: u32) -> String {
    format!("{}.{}%", per_mille / 10, per_mille % 10)
}

/// Whether a document verified carries the second signature in China's national algorithms:
/// `国密签名（SM2/SM3）：有效` when its key has an SM2 part (its proof held), `…：无` when it has
/// one proof. A second proof that does not hold is no status: the document is invalid
/// ([`Error::Sm2SignatureMismatch`]).
pub fn sm2_status(key: &crate::keys::PublicKey, lang: Lang) -> &'static str {
    sm2_present(key.sm2().is_some(), lang)
}

/// [`sm2_status`] for a host that holds only whether the second proof was there (and held).
pub fn sm2_present(present: bool, lang: Lang) -> &'static str {
    if present {
        pick!(lang, "国密签名（SM2/SM3）：有效", "national-algorithm signature (SM2/SM3): valid")
    } else {
        pick!(lang, "国密签名（SM2/SM3）：无", "national-algorithm signature (SM2/SM3): none")
    }
}

/// A signing time as a table shows it to people: Beijing time, `2026-11-08 09:30`.
pub fn beijing_short(timestamp: &crate::time::Timestamp) -> String {
    timestamp.beijing().short()
}

/// The grade of a result with criteria still open: it has none yet.
pub fn not_finished(lang: Lang) -> &'static str {
    pick!(lang, "尚未完成", "Not finished")
}

/// A profile's period as people read it, its dates as typed (a date not given is left empty).
pub fn profile_period(profile: &crate::Profile, lang: Lang) -> String {
    use crate::time::date_text;
    period_range(date_text(profile.period_from()), date_text(profile.period_to()), lang)
}

/// A period as people read it: `2026-11-01 至 2026-11-30`, `2026-11-01 to 2026-11-30`.
pub fn period_range(from: &str, to: &str, lang: Lang) -> String {
    period_text(from, to, lang)
}

fn period_text(from: &str, to: &str, lang: Lang) -> String {
    pick!(
        lang,
        format!("{} 至 {}", display_input(from), display_input(to)),
        format!("{} to {}", display_input(from), display_input(to))
    )
}

// What each type says in words: its `message` (and `Display`, in English) live here, beside
// its words, so that the types' modules need nothing of this one.

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&json_error(self, Lang::En))
    }
}

impl std::fmt::Display for CreditCodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreditCodeError::WrongLength { found } => {
                write!(f, "a unified social credit code has 18 characters, this one has {found}")
            }
            CreditCodeError::InvalidCharacter { position, found } => write!(
                f,
                "character {position} (\"{}\") cannot occur in a unified social credit code \
                 (digits and capital letters except I, O, S, V and Z)",
                display_input(&found.to_string())
            ),
            CreditCodeError::DivisionNotDigits => {
                write!(f, "characters 3 to 8 are the administrative division code and must be digits")
            }
            CreditCodeError::CheckMismatch { expected, found } => write!(
                f,
                "the check character is \"{found}\" but the first 17 characters call for \"{expected}\": \
                 a character was probably mistyped"
            ),
        }
    }
}

impl std::fmt::Display for crate::keys::KeyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&key_kind(self, Lang::En))
    }
}

impl crate::register::KeyStatus {
    /// The status in plain words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        key_status(self, lang)
    }
}

impl crate::report::Standing {
    /// The grade as people read it, in `lang`: `grade_label` (the label of the report's grade)
    /// once every criterion is answered, else "尚未完成".
    pub fn grade_text(self, grade_label: &str, lang: Lang) -> String {
        match self {
            crate::report::Standing::Incomplete => not_finished(lang).to_owned(),
            crate::report::Standing::Graded | crate::report::Standing::Vetoed => grade_label.to_owned(),
        }
    }
}

impl crate::credential::ResultWarning {
    /// The warning in plain words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        result_warning(self, lang)
    }
}

impl Error {
    /// The error in plain words of `lang`: a whole sentence, with nothing of the other language.
    pub fn message(&self, lang: Lang) -> String {
        error(self, lang)
    }
}

impl Problem {
    /// The problem in plain words of `lang`, place first.
    pub fn message(&self, lang: Lang) -> String {
        problem(self, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_status_has_its_own_label_and_no_register_is_not_checked() {
        let statuses = [
            crate::KeyStatus::Registered,
            crate::KeyStatus::UnregisteredCode {
                credit_code: String::new(),
                fingerprint: crate::keys::Fingerprint::parse(&"0".repeat(32)).unwrap(),
            },
            crate::KeyStatus::DifferentKey {
                credit_code: String::new(),
                fingerprint: crate::keys::Fingerprint::parse(&"0".repeat(32)).unwrap(),
                registered: Vec::new(),
            },
        ];
        for lang in [Lang::Zh, Lang::En] {
            let mut labels: Vec<&str> =
                statuses.iter().map(|status| key_status_label(Some(status.code()), lang)).collect();
            labels.push(key_status_label(None, lang));
            let distinct: std::collections::BTreeSet<&str> = labels.iter().copied().collect();
            assert_eq!(distinct.len(), 4, "{labels:?}");
        }
        assert_eq!(key_status_label(Some("different-key"), Lang::Zh), "与备案密钥不符");
        assert_eq!(key_status_label(None, Lang::Zh), "未核对");
    }

    #[test]
    fn input_cannot_reach_the_terminal_or_reorder_a_line() {
        assert_eq!(escape_control("协会 A"), "协会 A");
        assert_eq!(escape_control("a\nb\u{1b}]0;x\u{7}"), "a\\u{a}b\\u{1b}]0;x\\u{7}");
        assert_eq!(escape_control("x\u{202e}y\u{2066}z\u{200b}"), "x\\u{202e}y\\u{2066}z\\u{200b}");
        assert_eq!(display_input(&"长".repeat(100)).chars().count(), 81);
    }

    #[test]
    fn lines_of_text_files_are_named_in_the_language() {
        let problem = Problem::new("line 3", ProblemKind::BadFingerprint);
        assert!(problem.message(Lang::Zh).starts_with("第 3 行："), "{}", problem.message(Lang::Zh));
        assert!(problem.message(Lang::En).starts_with("line 3: "));
        assert_eq!(place_of("answers.A1", Lang::Zh), "作答的标准 A1");
        assert_eq!(place_of("monthly.progress", Lang::Zh), "本月报送的活动进展");
        assert_eq!(place_of("credentialSubject.items[1].criterion", Lang::Zh), "整改事项第 2 项的标准");
        assert_eq!(place_of("credentialSubject.deadline", Lang::Zh), "整改期限");
        assert_eq!(place_of("credentialSubject.settings.deadline", Lang::Zh), "设置的报送截止日");
        assert_eq!(place_of("monthly.areas.C", Lang::Zh), "本月报送的领域 C");
        assert_eq!(place_of("monthly.problems[1].title", Lang::Zh), "本月报送的新情况、新问题第 2 项的名称");
        assert_eq!(place_of("rectification.items.B2.note", Lang::Zh), "整改答复的标准 B2 的说明");
        assert_eq!(place_of("credentialSubject.report.rectification[0]", Lang::Zh), "评分报告的整改清单第 1 项");
        assert_eq!(place_of("answers.A2.value", Lang::Zh), "作答的标准 A2 的答案");
        assert_eq!(place_of("answers.A1", Lang::En), "answers.A1");
        assert_eq!(place_of("credentialSubject.report", Lang::Zh), "评分报告");
        assert_eq!(place_of("credentialSubject.report.total", Lang::Zh), "评分报告的实得分");
        assert_eq!(place_of("credentialSubject.report.areas[2].points", Lang::Zh), "评分报告的各领域得分第 3 项的得分");
        assert_eq!(place_of("areas[0].criteria[1].points", Lang::Zh), "领域第 1 项的标准第 2 项的分值");
        assert_eq!(place_of("proof.proofValue", Lang::Zh), "签名的签名值");
        assert_eq!(place_of("profile.colour", Lang::Zh), "协会信息的“colour”");
        let mismatch = Error::ReportMismatch { field: "total".into(), claimed: "800".into(), computed: "746".into() };
        assert_eq!(
            mismatch.message(Lang::Zh),
            "文件中的评分与其作答不符：评分报告的实得分，文件写的是 800，按作答计算应为 746。"
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(file_size(812, Lang::Zh), "812 字节");
        assert_eq!(file_size(20_025, Lang::Zh), "20 KB");
        assert_eq!(file_size(4 * 1024 * 1024, Lang::En), "4 MB");
        assert_eq!(file_size(1536, Lang::En), "1.5 KB");
        assert_eq!(file_size(150 * 1024, Lang::En), "150 KB");
    }
}
