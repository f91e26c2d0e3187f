//! CSV (RFC 4180) of a table, for spreadsheets or for scripts.
//!
//! For spreadsheets (the default): a UTF-8 byte-order mark first (Excel and WPS on Chinese
//! Windows read a CSV without one as GBK and garble every name), CRLF line ends, and text that a
//! spreadsheet would turn into a number or a date (an 18-digit credit code becomes 5.14E+17 and
//! loses its last digits; `2026-10` becomes a date) written as `="…"`, which Excel and WPS show
//! as the text itself. For scripts: no mark, LF line ends, every text as it is.
//!
//! Either way, a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading `'`, so that no text from a file can run as a formula (CSV injection).

use super::table::{Table, Value};

/// Who the CSV is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvStyle {
    /// Excel, WPS: byte-order mark, CRLF, numbers and dates kept as text.
    #[default]
    Spreadsheet,
    /// Scripts: no byte-order mark, LF, texts as they are.
    Plain,
}

/// The table as CSV, header first.
pub fn to_csv(table: &Table, style: CsvStyle) -> String {
    let (start, end) = match style {
        CsvStyle::Spreadsheet => ("\u{feff}", "\r\n"),
        CsvStyle::Plain => ("", "\n"),
    };
    let mut out = String::from(start);
    let headers: Vec<Value> = table.columns.iter().map(|column| Value::Text(column.header.clone())).collect();
    for row in std::iter::once(&headers).chain(&table.rows) {
        for (position, value) in row.iter().enumerate() {
            if position > 0 {
                out.push(',');
            }
            write_cell(&mut out, value, style);
        }
        out.push_str(end);
    }
    out
}

fn write_cell(out: &mut String, value: &Value, style: CsvStyle) {
    match value {
        Value::Empty => {}
        Value::Integer(number) => out.push_str(&number.to_string()),
        Value::Text(text) if style == CsvStyle::Spreadsheet && reads_as_number_or_date(text) => {
            // Only digits and - . / : + E e and spaces: a constant, never a call.
            out.push_str("\"=\"\"");
            out.push_str(text);
            out.push_str("\"\"\"");
        }
        Value::Text(text) => {
            let neutral =
                if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.clone() };
            if neutral.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&neutral.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&neutral);
            }
        }
    }
}

/// Whether a spreadsheet opening the CSV would take `text` for a number, a date or a time.
fn reads_as_number_or_date(text: &str) -> bool {
    text.bytes().any(|byte| byte.is_ascii_digit())
        && text.bytes().all(|byte| byte.is_ascii_digit() || b"-./:+Ee ".contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<Value>>) -> Table {
        let mut table = Table::new("test", "test", &[("名称", 10), ("代码", 10), ("分", 4)]);
        for row in rows {
            table.push(row);
        }
        table
    }

    #[test]
    fn for_spreadsheets_codes_and_months_stay_text_and_nothing_runs_as_a_formula() {
        let csv = to_csv(
            &table(vec![
                vec!["=HYPERLINK(\"http://x\")".into(), "514400005000031282".into(), 746u32.into()],
                vec!["协会, \"甲\"".into(), "2026-10".into(), Value::Empty],
                vec!["-1+2".into(), "91440300MA5FXXXX0Y".into(), Value::Integer(-3)],
            ]),
            CsvStyle::Spreadsheet,
        );
        assert_eq!(
            csv,
            "\u{feff}名称,代码,分\r\n\
             \"'=HYPERLINK(\"\"http://x\"\")\",\"=\"\"514400005000031282\"\"\",746\r\n\
             \"协会, \"\"甲\"\"\",\"=\"\"2026-10\"\"\",\r\n\
             \"=\"\"-1+2\"\"\",91440300MA5FXXXX0Y,-3\r\n"
        );
    }

    #[test]
    fn for_scripts_texts_are_plain_and_still_neutralized() {
        let csv =
            to_csv(&table(vec![vec!["@SUM(A1)".into(), "514400005000031282".into(), 1u32.into()]]), CsvStyle::Plain);
        assert_eq!(csv, "名称,代码,分\n'@SUM(A1),514400005000031282,1\n");
    }
}
