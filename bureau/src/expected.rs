//! The list of associations expected to report (应报名单): name and credit code, read as the
//! bureau exports it from Excel, so that the matrix shows who has not reported.
//!
//! Read: CSV (comma-separated, quotes as RFC 4180), TSV (tab-separated, Excel's "Unicode text"
//! included) or plain text (a credit code and a name per line, `#` starting a comment). UTF-8
//! with or without a byte-order mark, and UTF-16 with one (Excel's "Unicode text"); a file in
//! GBK (Excel's plain "CSV" on Chinese Windows) is refused with how to save it as UTF-8. A first
//! row without a credit code is a header: the columns whose headers mention 名称/name and
//! 代码/code are used; without a header, the cell that is a valid credit code is the code and the
//! first other cell that is not a bare number (a 序号) the name. Every problem is reported at
//! once, by line: a bad credit code (which character, or the check character), a code that Excel
//! turned into a number (`5.144E+17`), a line without a code or a name, a code listed twice.

use std::collections::HashMap;

use selfcheck_core::credit_code::CreditCode;
use selfcheck_core::error::{Document, Error, Problem, ProblemKind};
use selfcheck_core::json::{JsonError, JsonErrorKind};

use super::export::table::{Table, Value};

/// The largest list file accepted: far more than every social organization of the province.
pub const MAX_EXPECTED_BYTES: usize = 4 * 1024 * 1024;
/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// An association expected to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedAssociation {
    /// Its name.
    pub name: String,
    /// Its credit code.
    pub credit_code: CreditCode,
}

/// The associations expected to report, in the order listed, each credit code once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpectedList {
    entries: Vec<ExpectedAssociation>,
    positions: HashMap<String, usize>,
}

impl ExpectedList {
    /// An empty list.
    pub fn new() -> ExpectedList {
        ExpectedList::default()
    }

    /// Reads a list file (see the module's documentation for what it may look like).
    ///
    /// ```
    /// use selfcheck_bureau::ExpectedList;
    ///
    /// let csv = "\u{feff}序号,单位名称,统一社会信用代码\r\n1,广东省示例行业协会,514400005000031282\r\n";
    /// let list = ExpectedList::from_bytes(csv.as_bytes()).unwrap();
    /// assert_eq!(list.entries()[0].name, "广东省示例行业协会");
    /// assert!(list.contains("514400005000031282"));
    /// ```
    ///
    /// # Errors
    /// [`Error::TooLarge`] over [`MAX_EXPECTED_BYTES`]; [`Error::WrongDocument`] for a file of
    /// another kind (the key register, a signed result, a workbook saved as .xlsx, …);
    /// [`Error::Json`] with [`JsonErrorKind::NotUtf8`] when it is not UTF-8 or UTF-16 text (saying
    /// when it looks like GBK); [`Error::Malformed`] listing every line's problem.
    pub fn from_bytes(bytes: &[u8]) -> Result<ExpectedList, Error> {
        Ok(ExpectedList::read(bytes)?.0)
    }

    /// Reads an expected list as [`ExpectedList::from_bytes`] does, and gives its text too (as a
    /// page shows it for editing).
    ///
    /// # Errors
    /// As [`ExpectedList::from_bytes`].
    pub fn read(bytes: &[u8]) -> Result<(ExpectedList, String), Error> {
        let wrong = |found| Error::WrongDocument { expected: Document::ExpectedList, found };
        if bytes.len() > MAX_EXPECTED_BYTES {
            return Err(Error::TooLarge { what: Document::ExpectedList, size: bytes.len(), limit: MAX_EXPECTED_BYTES });
        }
        let text = decode(bytes).map_err(|error| match selfcheck_core::wire::detect_file(bytes) {
            Some(found) if found != Document::ExpectedList => wrong(found),
            _ => error,
        })?;
        // A register's lines read as a credit code and a name too: it must not pass for a list.
        if text.lines().any(selfcheck_core::register::looks_like_entry) {
            return Err(wrong(Document::Register));
        }
        let list = ExpectedList::read_text(&text)
            .map_err(|error| selfcheck_core::wire::named_or(&text, Document::ExpectedList, error))?;
        Ok((list, text))
    }

    /// Reads a list's text, reporting every line's problem at once.
    fn read_text(text: &str) -> Result<ExpectedList, Error> {
        let records = records(text);
        let mut list = ExpectedList::new();
        let mut problems = Vec::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        let mut columns: Option<(Option<usize>, Option<usize>)> = None;
        let mut first_row = true;
        for record in &records {
            let at = format!("line {}", record.line);
            if let Some(kind) = &record.problem {
                problems.push(Problem::new(at, kind.clone()));
                continue;
            }
            if record.cells.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            if std::mem::take(&mut first_row) && is_header(&record.cells) {
                columns = Some(header_columns(&record.cells));
                continue;
            }
            match read_row(&record.cells, columns) {
                Ok((name, code)) => {
                    if let Some(first) = first_line.get(code.as_str()) {
                        problems.push(Problem::new(at, ProblemKind::ListedTwice { line: *first }));
                        continue;
                    }
                    first_line.insert(code.as_str().to_owned(), record.line);
                    list.push(name, code);
                }
                Err(kinds) => problems.extend(kinds.into_iter().map(|kind| Problem::new(at.clone(), kind))),
            }
        }
        if problems.is_empty() && list.is_empty() {
            problems.push(Problem::new("", ProblemKind::NoAssociations));
        }
        if problems.is_empty() { Ok(list) } else { Err(Error::Malformed { what: Document::ExpectedList, problems }) }
    }

    fn push(&mut self, name: String, credit_code: CreditCode) {
        self.positions.insert(credit_code.as_str().to_owned(), self.entries.len());
        self.entries.push(ExpectedAssociation { name, credit_code });
    }

    /// Adds an association at the end.
    ///
    /// # Errors
    /// [`Error::Malformed`] when the name is empty, too long or holds control characters, or the
    /// code is listed already.
    pub fn insert(&mut self, name: &str, credit_code: CreditCode) -> Result<(), Error> {
        let malformed =
            |kind| Error::Malformed { what: Document::ExpectedList, problems: vec![Problem::new("", kind)] };
        let name = check_name(name).map_err(malformed)?;
        if self.contains(credit_code.as_str()) {
            return Err(malformed(ProblemKind::DuplicateId));
        }
        self.push(name, credit_code);
        Ok(())
    }

    /// Takes an association off the list; whether it was on it.
    pub fn remove(&mut self, credit_code: &str) -> bool {
        let Some(position) = self.positions.remove(credit_code) else { return false };
        self.entries.remove(position);
        for later in &self.entries[position..] {
            if let Some(index) = self.positions.get_mut(later.credit_code.as_str()) {
                *index -= 1;
            }
        }
        true
    }

    /// The associations, in the order listed.
    pub fn entries(&self) -> &[ExpectedAssociation] {
        &self.entries
    }

    /// Whether `credit_code` (canonical form) is listed.
    pub fn contains(&self, credit_code: &str) -> bool {
        self.positions.contains_key(credit_code)
    }

    /// The association listed under `credit_code`.
    pub fn get(&self, credit_code: &str) -> Option<&ExpectedAssociation> {
        self.positions.get(credit_code).map(|&position| &self.entries[position])
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The list as a table (name, credit code), which [`ExpectedList::from_bytes`] reads back
    /// when written as CSV: for downloading the list as edited.
    pub fn to_table(&self, lang: selfcheck_core::Lang) -> Table {
        let words = crate::words::export_words(lang);
        let mut table = Table::new("expected", words.expected_title, &[(words.name, 36), (words.credit_code, 22)]);
        for entry in &self.entries {
            table.push(vec![Value::from(entry.name.as_str()), Value::from(entry.credit_code.as_str())]);
        }
        table
    }
}

/// The text of a list file: UTF-16 with its byte-order mark, else UTF-8 (a mark dropped).
fn decode(bytes: &[u8]) -> Result<String, Error> {
    let utf16 = |little: bool| {
        let units = bytes[2..].chunks(2).map(|pair| {
            let pair = [pair[0], pair.get(1).copied().unwrap_or(0)];
            if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
        });
        char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| not_utf16())
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        _ => selfcheck_core::json::decode(bytes)
            .map(str::to_owned)
            .map_err(|error| Error::Json { what: Document::ExpectedList, error }),
    }
}

/// UTF-16 with a lone surrogate: not text.
fn not_utf16() -> Error {
    Error::Json {
        what: Document::ExpectedList,
        error: JsonError {
            kind: JsonErrorKind::NotUtf8 { offset: 0, encoding: selfcheck_core::json::Encoding::Unknown },
            line: 1,
            column: 1,
            path: String::new(),
        },
    }
}

/// A row of the file and the line it starts on, or what makes it unreadable.
struct Record {
    line: usize,
    cells: Vec<String>,
    problem: Option<ProblemKind>,
}

/// The file's rows. The separator is the first line's: a tab, else a comma, else white space
/// (plain text, where `#` starts a comment).
fn records(text: &str) -> Vec<Record> {
    let first = text.lines().find(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#')).unwrap_or("");
    let separator = if first.contains('\t') {
        Some('\t')
    } else if first.contains(',') {
        Some(',')
    } else {
        None
    };
    match separator {
        Some(separator) => delimited(text, separator),
        None => text
            .lines()
            .enumerate()
            .map(|(number, line)| {
                let line_text = line.split('#').next().unwrap_or("");
                Record { line: number + 1, cells: whitespace_cells(line_text), problem: None }
            })
            .collect(),
    }
}

/// Plain text: the credit code is one word, the name the rest of the line.
fn whitespace_cells(line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.iter().position(|word| CreditCode::parse(word).is_ok()) {
        Some(position) => {
            let name: Vec<&str> =
                words.iter().enumerate().filter(|&(index, _)| index != position).map(|(_, word)| *word).collect();
            vec![name.join(" "), words[position].to_owned()]
        }
        None => words.iter().map(|word| (*word).to_owned()).collect(),
    }
}

/// RFC 4180 records with `separator`: quoted cells may hold separators, doubled quotes and line
/// breaks.
fn delimited(text: &str, separator: char) -> Vec<Record> {
    let mut records = Vec::new();
    let mut line = 1;
    let mut characters = text.chars().peekable();
    while characters.peek().is_some() {
        let start = line;
        let mut cells = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut problem = None;
        loop {
            match characters.next() {
                None => {
                    if quoted {
                        problem = Some(ProblemKind::UnclosedQuote);
                    }
                    break;
                }
                Some('"') if quoted => {
                    if characters.peek() == Some(&'"') {
                        characters.next();
                        cell.push('"');
                    } else {
                        quoted = false;
                    }
                }
                Some('"') if cell.trim().is_empty() => {
                    cell.clear();
                    quoted = true;
                }
                Some('\n') => {
                    line += 1;
                    if quoted {
                        cell.push('\n');
                    } else {
                        break;
                    }
                }
                Some('\r') if !quoted => {
                    if characters.peek() == Some(&'\n') {
                        continue;
                    }
                    line += 1;
                    break;
                }
                Some(character) if character == separator && !quoted => cells.push(std::mem::take(&mut cell)),
                Some(character) => cell.push(character),
            }
        }
        cells.push(cell);
        let cells = cells.into_iter().map(unwrap_text_formula).collect();
        records.push(Record { line: start, cells, problem });
    }
    records
}

/// `="…"`, which spreadsheets (and selfcheck's own CSV) write to keep a number as text, is the
/// text inside.
fn unwrap_text_formula(cell: String) -> String {
    match cell.trim().strip_prefix("=\"").and_then(|rest| rest.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.to_owned(),
        _ => cell,
    }
}

const NAME_WORDS: [&str; 5] = ["名称", "单位", "协会", "name", "association"];
const CODE_WORDS: [&str; 3] = ["代码", "code", "信用"];

/// A first row is a header when none of its cells is (or looks like) a credit code.
fn is_header(cells: &[String]) -> bool {
    !cells.iter().any(|cell| CreditCode::parse(cell).is_ok() || looks_like_code(cell) || is_excel_number(cell))
}

/// The name and code columns a header names.
fn header_columns(cells: &[String]) -> (Option<usize>, Option<usize>) {
    let find = |words: &[&str]| {
        cells.iter().position(|cell| {
            let cell = cell.to_lowercase();
            words.iter().any(|word| cell.contains(word))
        })
    };
    let code = find(&CODE_WORDS);
    let name = cells.iter().enumerate().position(|(index, cell)| {
        let cell = cell.to_lowercase();
        Some(index) != code && NAME_WORDS.iter().any(|word| cell.contains(word))
    });
    (name, code)
}

/// Whether a cell is meant as a credit code: 15 to 20 letters and digits once spaces and
/// hyphens are dropped.
fn looks_like_code(cell: &str) -> bool {
    let normalized = selfcheck_core::credit_code::normalize(cell);
    (15..=20).contains(&normalized.chars().count()) && normalized.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether Excel turned a long number into this: `5.144E+17`, `5.14400005000031E+17`.
fn is_excel_number(cell: &str) -> bool {
    let cell = cell.trim();
    let Some((mantissa, exponent)) = cell.split_once(['E', 'e']) else { return false };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.bytes().all(|byte| byte.is_ascii_digit() || byte == b'.')
        && mantissa.bytes().filter(|&byte| byte == b'.').count() <= 1
        && !exponent.is_empty()
        && exponent.bytes().all(|byte| byte.is_ascii_digit())
}

fn is_bare_number(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty() && cell.bytes().all(|byte| byte.is_ascii_digit()) && cell.len() < 15
}

fn check_name(name: &str) -> Result<String, ProblemKind> {
    let name = name.trim();
    if name.is_empty() || !selfcheck_core::text::has_visible_text(name) {
        return Err(ProblemKind::NoName);
    }
    if name.chars().any(char::is_control) {
        return Err(ProblemKind::ControlCharacters);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ProblemKind::TooLong { limit: MAX_NAME_CHARS });
    }
    Ok(name.to_owned())
}

/// A data row's name and credit code, or what is wrong with it.
fn read_row(
    cells: &[String],
    columns: Option<(Option<usize>, Option<usize>)>,
) -> Result<(String, CreditCode), Vec<ProblemKind>> {
    let (name_column, code_column) = columns.unwrap_or((None, None));
    let code_position = match code_column {
        Some(column) => Some(column),
        None => cells
            .iter()
            .position(|cell| CreditCode::parse(cell).is_ok())
            .or_else(|| cells.iter().position(|cell| looks_like_code(cell) || is_excel_number(cell))),
    };
    let mut problems = Vec::new();
    let code = match code_position.and_then(|position| cells.get(position)) {
        None => {
            problems.push(ProblemKind::NoCreditCode);
            None
        }
        Some(cell) if is_excel_number(cell) => {
            problems.push(ProblemKind::CodeAsNumber(cell.trim().to_owned()));
            None
        }
        Some(cell) if cell.trim().is_empty() => {
            problems.push(ProblemKind::NoCreditCode);
            None
        }
        Some(cell) => match CreditCode::parse(cell) {
            Ok(code) => Some(code),
            Err(error) => {
                problems.push(ProblemKind::CreditCode(error));
                None
            }
        },
    };
    let name_cell = match name_column {
        Some(column) => cells.get(column).map(String::as_str),
        None => cells
            .iter()
            .enumerate()
            .find(|&(index, cell)| Some(index) != code_position && !cell.trim().is_empty() && !is_bare_number(cell))
            .map(|(_, cell)| cell.as_str()),
    };
    let name = match check_name(name_cell.unwrap_or("")) {
        Ok(name) => Some(name),
        Err(kind) => {
            problems.push(kind);
            None
        }
    };
    match (name, code) {
        (Some(name), Some(code)) if problems.is_empty() => Ok((name, code)),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(problems: &[Problem]) -> Vec<(String, &'static str)> {
        problems.iter().map(|problem| (problem.at.clone(), problem.code())).collect()
    }

    fn read(text: &str) -> ExpectedList {
        ExpectedList::from_bytes(text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_excel_csv_with_a_header_and_a_sequence_column() {
        let list = read(
            "\u{feff}\r\n序号,单位名称,统一社会信用代码,联系人\r\n\
             1,\"广东省甲行业协会, 广州\",514400005000031282,张三\r\n\
             2,广东省乙商会,91440101-ma5cjq4n59,李四\r\n\r\n",
        );
        let entries: Vec<(&str, &str)> =
            list.entries().iter().map(|entry| (entry.name.as_str(), entry.credit_code.as_str())).collect();
        assert_eq!(entries, [("广东省甲行业协会, 广州", "514400005000031282"), ("广东省乙商会", "91440101MA5CJQ4N59")]);
        let headless = read("1,广东省甲行业协会,=\"514400005000031282\"\n");
        assert_eq!(headless.entries()[0].name, "广东省甲行业协会");
    }

    #[test]
    fn reads_tsv_and_plain_text_and_utf16() {
        let tsv = read("广东省甲行业协会\t514400005000031282\n");
        assert_eq!(tsv.entries()[0].name, "广东省甲行业协会");
        let text = read("# 应报名单\n514400005000031282 广东省 甲行业协会\n");
        assert_eq!(text.entries()[0].name, "广东省 甲行业协会");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("名称\t代码\r\n广东省甲行业协会\t514400005000031282\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let list = ExpectedList::from_bytes(&utf16).unwrap();
        assert_eq!((list.len(), list.entries()[0].credit_code.as_str()), (1, "514400005000031282"));
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let text = "名称,统一社会信用代码\n\
                    甲,514400005000031282\n\
                    乙,514400005000031283\n\
                    丙,5.144E+17\n\
                    ,514400005000031282\n\
                    丁,\n\
                    戊,514400005000031282\n\
                    \"己,514400005000031282\n";
        let Err(Error::Malformed { what: Document::ExpectedList, problems }) =
            ExpectedList::from_bytes(text.as_bytes())
        else {
            panic!("accepted")
        };
        let expected: Vec<(String, &str)> = [
            ("line 3", "credit-code"),
            ("line 4", "code-as-number"),
            ("line 5", "no-name"),
            ("line 6", "no-credit-code"),
            ("line 7", "listed-twice"),
            ("line 8", "unclosed-quote"),
        ]
        .into_iter()
        .map(|(at, code)| (at.to_owned(), code))
        .collect();
        assert_eq!(codes(&problems), expected);
        assert_eq!(problems[4].kind, ProblemKind::ListedTwice { line: 2 });
    }

    #[test]
    fn gbk_is_refused_as_such() {
        // "广东省" in GBK.
        let gbk = b"\xb9\xe3\xb6\xab\xca\xa1,514400005000031282\n";
        match ExpectedList::from_bytes(gbk) {
            Err(Error::Json { what: Document::ExpectedList, error }) => {
                assert!(matches!(
                    error.kind,
                    JsonErrorKind::NotUtf8 { encoding: selfcheck_core::json::Encoding::Gbk, .. }
                ));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_list_is_edited_and_written_back() {
        let mut list = read("甲,514400005000031282\n");
        list.insert("乙", CreditCode::parse("91440101MA5CJQ4N59").unwrap()).unwrap();
        assert!(list.insert("丙", CreditCode::parse("514400005000031282").unwrap()).is_err());
        let csv = super::super::export::to_csv(&list.to_table(selfcheck_core::Lang::Zh), Default::default());
        assert_eq!(read(&csv), list);
        assert!(list.remove("514400005000031282"));
        assert_eq!(list.get("91440101MA5CJQ4N59").map(|entry| entry.name.as_str()), Some("乙"));
        assert!(!list.contains("514400005000031282"));
    }
}
