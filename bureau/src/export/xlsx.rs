//! An XLSX workbook of tables, one sheet each, written by hand: minimal SpreadsheetML (inline
//! strings, integers, a bold and frozen header row, column widths) in a stored zip. Excel, WPS,
//! LibreOffice and openpyxl read it; nothing heavy reaches the browser.
//!
//! Cells are typed, so no text can run as a formula and a credit code stays text. Characters
//! XML cannot carry (controls other than tab and line breaks) are written as Excel's `_xHHHH_`
//! escapes, and a text that happens to look like one is escaped itself, so every text reads back
//! as it was. A text longer than a cell holds (32,767 characters) is cut with "…".

use std::fmt::Write as _;

use super::table::{Table, Value};
use super::zip::stored_zip;

/// The most characters a cell holds.
const MAX_CELL_CHARS: usize = 32_767;
/// The longest sheet name.
const MAX_SHEET_NAME_CHARS: usize = 31;

const CONTENT_TYPE_SHEET: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const REL_SHEET: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// The workbook of `tables`, one sheet each in order, as the bytes of an `.xlsx` file.
pub fn to_xlsx(tables: &[Table]) -> Vec<u8> {
    let names = sheet_names(tables);
    let mut entries: Vec<(String, Vec<u8>)> = Vec::with_capacity(tables.len() + 5);
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    for number in 1..=tables.len() {
        let _ = write!(
            types,
            "<Override PartName=\"/xl/worksheets/sheet{number}.xml\" ContentType=\"{CONTENT_TYPE_SHEET}\"/>"
        );
    }
    types.push_str("</Types>");
    entries.push(("[Content_Types].xml".into(), types.into_bytes()));
    entries.push((
        "_rels/.rels".into(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
         </Relationships>"
            .into(),
    ));
    let mut workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    );
    let mut relationships = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (number, name) in (1..).zip(&names) {
        let _ = write!(workbook, "<sheet name=\"{}\" sheetId=\"{number}\" r:id=\"rId{number}\"/>", xml_text(name));
        let _ = write!(
            relationships,
            "<Relationship Id=\"rId{number}\" Type=\"{REL_SHEET}\" Target=\"worksheets/sheet{number}.xml\"/>"
        );
    }
    workbook.push_str("</sheets></workbook>");
    let _ = write!(
        relationships,
        "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>",
        tables.len() + 1
    );
    entries.push(("xl/workbook.xml".into(), workbook.into_bytes()));
    entries.push(("xl/_rels/workbook.xml.rels".into(), relationships.into_bytes()));
    entries.push(("xl/styles.xml".into(), STYLES.as_bytes().to_vec()));
    for (number, table) in (1..).zip(tables) {
        entries.push((format!("xl/worksheets/sheet{number}.xml"), sheet(table).into_bytes()));
    }
    stored_zip(&entries)
}

/// A default font, a bold one for headers; Excel wants the rest to be there.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

/// Sheet names as spreadsheets allow them: at most 31 characters, none of `[]:*?/\`, unique
/// (case-insensitively), not empty.
fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(tables.len());
    for (number, table) in (1..).zip(tables) {
        let clean: String = table
            .title
            .chars()
            .map(|character| if "[]:*?/\\".contains(character) || character.is_control() { '_' } else { character })
            .take(MAX_SHEET_NAME_CHARS)
            .collect();
        let clean = clean.trim_matches('\'').to_owned();
        let mut name = if clean.is_empty() { format!("Sheet{number}") } else { clean };
        if names.iter().any(|taken| taken.to_lowercase() == name.to_lowercase()) {
            let suffix = format!(" ({number})");
            name = name.chars().take(MAX_SHEET_NAME_CHARS - suffix.chars().count()).collect::<String>() + &suffix;
        }
        names.push(name);
    }
    names
}

/// `A`, `B`, … `Z`, `AA`, … for column `index` (from 0).
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

fn sheet(table: &Table) -> String {
    let columns = table.columns.len().max(1);
    let rows = table.rows.len() + 1;
    let mut xml = String::with_capacity(256 + rows * columns * 32);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"{MAIN_NS}\">\
         <dimension ref=\"A1:{}{rows}\"/>\
         <sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>\
         <sheetFormatPr defaultRowHeight=\"15\"/><cols>",
        column_letters(columns - 1)
    );
    for (number, column) in (1..).zip(&table.columns) {
        let _ =
            write!(xml, "<col min=\"{number}\" max=\"{number}\" width=\"{}\" customWidth=\"1\"/>", column.width.max(4));
    }
    xml.push_str("</cols><sheetData>");
    let header: Vec<Value> = table.columns.iter().map(|column| Value::Text(column.header.clone())).collect();
    for (number, row) in (1..).zip(std::iter::once(&header).chain(&table.rows)) {
        let style = if number == 1 { " s=\"1\"" } else { "" };
        let _ = write!(xml, "<row r=\"{number}\">");
        for (position, value) in row.iter().enumerate() {
            let reference = format!("{}{number}", column_letters(position));
            match value {
                Value::Empty => {}
                Value::Integer(integer) => {
                    let _ = write!(xml, "<c r=\"{reference}\"{style}><v>{integer}</v></c>");
                }
                Value::Text(text) => {
                    let space = if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
                        " xml:space=\"preserve\""
                    } else {
                        ""
                    };
                    let _ = write!(
                        xml,
                        "<c r=\"{reference}\" t=\"inlineStr\"{style}><is><t{space}>{}</t></is></c>",
                        xml_text(&cell_text(text))
                    );
                }
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The text a cell holds: cut to its limit, and with Excel's `_xHHHH_` escapes for what XML
/// cannot carry and for look-alikes of those escapes.
fn cell_text(text: &str) -> String {
    let cut: String = if text.chars().count() > MAX_CELL_CHARS {
        text.chars().take(MAX_CELL_CHARS - 1).chain(['…']).collect()
    } else {
        text.to_owned()
    };
    let mut out = String::with_capacity(cut.len());
    let characters: Vec<char> = cut.chars().collect();
    for (position, &character) in characters.iter().enumerate() {
        let looks_like_escape = character == '_'
            && characters.get(position + 1) == Some(&'x')
            && characters.get(position + 2..position + 6).is_some_and(|hex| hex.iter().all(char::is_ascii_hexdigit))
            && characters.get(position + 6) == Some(&'_');
        if looks_like_escape {
            out.push_str("_x005F_");
        } else if (character.is_control() && !matches!(character, '\t' | '\n' | '\r'))
            || matches!(character, '\u{FFFE}' | '\u{FFFF}')
        {
            let _ = write!(out, "_x{:04X}_", u32::from(character));
        } else {
            out.push(character);
        }
    }
    out
}

/// `text` escaped for XML character data and attribute values.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(character),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702].into_iter().map(column_letters).collect();
        assert_eq!(letters, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn sheet_names_are_what_spreadsheets_accept() {
        let table = |title: &str| Table::new("t", title, &[("a", 4)]);
        let names =
            sheet_names(&[table("排名"), table("a/b[c]:d*?"), table(""), table("排名"), table(&"长".repeat(40))]);
        assert_eq!(names[..4], ["排名", "a_b_c__d__", "Sheet3", "排名 (4)"]);
        assert_eq!(names[4].chars().count(), 31);
    }

    #[test]
    fn texts_xml_cannot_carry_are_escaped_the_way_excel_reads_them_back() {
        assert_eq!(cell_text("a\u{1}b\nc"), "a_x0001_b\nc");
        assert_eq!(cell_text("_x0041_"), "_x005F_x0041_");
        assert_eq!(cell_text(&"字".repeat(40_000)).chars().count(), MAX_CELL_CHARS);
        assert_eq!(xml_text("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
