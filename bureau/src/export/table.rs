//! The tables of the bureau's exports: a header and typed cells (text or integer), written as CSV
//! or as a sheet of an XLSX workbook.

/// A cell: text, an integer, or nothing. Integers only: no float ever reaches an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text, written as text whatever it looks like.
    Text(String),
    /// An integer.
    Integer(i64),
    /// Nothing.
    Empty,
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<u32> for Value {
    fn from(number: u32) -> Value {
        Value::Integer(i64::from(number))
    }
}

impl From<u64> for Value {
    fn from(number: u64) -> Value {
        Value::Integer(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Value {
    fn from(number: i64) -> Value {
        Value::Integer(number)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Empty, Into::into)
    }
}

/// A column: its header and its width in characters (for spreadsheets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header, in the export's language.
    pub header: String,
    /// About how many characters wide.
    pub width: u16,
}

/// A table: one CSV file, or one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// A stable id: `ranking`, `matrix`, `months`, `criteria`, `areas`, `grades`, `anomalies`,
    /// `files`, `expected`.
    pub id: &'static str,
    /// Its title in the export's language: the sheet's name (at most 31 characters).
    pub title: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each as long as the columns.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// An empty table with these columns (`(header, width)`).
    pub fn new(id: &'static str, title: impl Into<String>, columns: &[(&str, u16)]) -> Table {
        Table {
            id,
            title: title.into(),
            columns: columns.iter().map(|&(header, width)| Column { header: header.to_owned(), width }).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row.
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a row of {} has as many cells as columns", self.id);
        self.rows.push(row);
    }
}
