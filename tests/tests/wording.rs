//! Every Chinese text of the program, read as an official reads it: no English words inside
//! Chinese (what must be typed or shown literally is quoted “…”), full-width punctuation with ‘’
//! inside “”, no stray space after 。, and one term for one thing. Checked on the sources, so that
//! a new message is held to it the day it is written.

use std::path::{Path, PathBuf};

/// The crates whose strings people read.
const SOURCES: [&str; 6] = ["core/src", "cli/src", "desk/src", "web/src", "report-view/src", "bindings/api/src"];

/// Latin words that are names, not English: encodings, formats, algorithms, products, units.
const NAMES: [&str; 39] = [
    "UTF-8",
    "UTF-16",
    "GBK",
    "ANSI",
    "CSV",
    "XLSX",
    "JSON",
    "PDF",
    "PEM",
    "PKCS",
    "Excel",
    "WPS",
    "OpenSSL",
    "Unicode",
    "Word",
    "macOS",
    "SHA-256",
    "SM2",
    "SM3",
    "ZIP64",
    "CRC",
    "PBKDF2",
    "AES-256-CBC",
    "AES-CBC",
    "WebCrypto",
    "scrypt",
    "Ed25519",
    "Ed448",
    "X25519",
    "X448",
    "RSA",
    "RSA-PSS",
    "DSA",
    "Diffie-Hellman",
    "base58btc",
    "base58",
    "A4",
    "KB",
    "RFC",
];

/// Words for a thing that has another name everywhere else: (the one to avoid, the one to use).
const TERMS: [(&str, &str); 5] = [
    ("签署", "签名"),
    ("应报送协会名单", "应报名单"),
    ("审核状态文件", "审核记录文件"),
    ("业务主管部门备案", "登记管理机关（广东省民政厅）备案"),
    (" – ", "至"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The string literals of a line (escaped quotes kept inside).
fn literals(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut literal = String::new();
        let mut escaped = false;
        for c in chars.by_ref() {
            match (c, escaped) {
                ('"', false) => break,
                ('\\', false) => escaped = true,
                _ => {
                    if escaped {
                        literal.push('\\');
                    }
                    literal.push(c);
                    escaped = false;
                }
            }
        }
        found.push(literal);
    }
    found
}

/// The text without what is not prose: format placeholders `{…}`, escapes, quoted literals “…”
/// (what a person types or sees written), command-line options, file extensions and criterion ids.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut quoted = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            '“' => quoted += 1,
            '”' if quoted > 0 => {
                quoted -= 1;
                out.push('“');
            }
            _ if depth > 0 || quoted > 0 => {}
            _ => out.push(c),
        }
    }
    // A command-line option, with its value (`--format json`), is typed as it is.
    let mut after_option = false;
    out.split(' ')
        .filter(|word| {
            let option = word.starts_with("--");
            let value = std::mem::replace(&mut after_option, option) && !word.chars().any(is_chinese);
            !option && !value && !word.starts_with('.')
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\\n", " ")
        .replace("\\u", " ")
}

fn latin_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous = ' ';
    let mut extension = false;
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphanumeric() || (!word.is_empty() && matches!(c, '-' | '.' | '_' | ':')) {
            // A file extension (.pem, .json) is a name.
            extension |= word.is_empty() && previous == '.';
            word.push(c);
        } else if !word.is_empty() {
            if std::mem::take(&mut extension) {
                word.clear();
                previous = c;
                continue;
            }
            let trimmed = word.trim_end_matches(['-', '.', '_', ':']).to_owned();
            word.clear();
            let is_id = trimmed.starts_with(|c: char| c.is_ascii_uppercase())
                && trimmed.chars().skip(1).all(|c| c.is_ascii_digit() || c == '.')
                && trimmed.len() > 1;
            if trimmed.chars().any(|c| c.is_ascii_alphabetic()) && !is_id && !NAMES.contains(&trimmed.as_str()) {
                words.push(trimmed);
            }
        }
        previous = c;
    }
    words
}

/// What is wrong with one Chinese text.
fn faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let prose = prose(text);
    let english = latin_words(&prose);
    if !english.is_empty() {
        faults.push(format!("English inside Chinese: {}", english.join(", ")));
    }
    // Spaces aside: " (a.json, b.json)" after Chinese is as wrong as "(a.json，b.json)".
    let chars: Vec<char> = prose.chars().filter(|c| *c != ' ').collect();
    for pair in chars.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let half = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '!' | '?');
        if (is_chinese(a) || a == '）') && half(b) || half(a) && (is_chinese(b) || b == '（') {
            faults.push(format!("half-width punctuation in Chinese: {a}{b}"));
        }
        if (is_chinese(a) && matches!(b, '"' | '\'')) || (matches!(a, '"' | '\'') && is_chinese(b)) {
            faults.push(format!("straight quotes in Chinese: {a}{b}"));
        }
    }
    if text.contains("。 ") {
        faults.push("a space after 。".to_owned());
    }
    for (avoid, use_instead) in TERMS {
        if text.contains(avoid) {
            faults.push(format!("{avoid:?}: say {use_instead:?}, as everywhere else"));
        }
    }
    if let Some(at) = text.find("千分制") {
        let after: String = text[at + "千分制".len()..].chars().take(8).collect();
        if after
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '{' || c == '}')
            .trim_start()
            .starts_with('分')
        {
            faults.push("千分制 takes no 分".to_owned());
        }
    }
    faults
}

#[test]
fn every_chinese_text_reads_as_an_official_writes() {
    let mut files = Vec::new();
    for dir in SOURCES {
        rust_files(&root().join(dir), &mut files);
    }
    let mut found = Vec::new();
    // A module's unit tests kept in a file of their own hold inputs, not texts people read.
    for path in files.into_iter().filter(|path| !path.ends_with("tests.rs")) {
        let source = std::fs::read_to_string(&path).unwrap();
        for (number, line) in source.lines().enumerate() {
            // Unit tests hold inputs, not texts people read.
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") || line.contains("// both languages by design") {
                continue;
            }
            // Markup (the workbook's XML) is not prose.
            let prose_literals = literals(line).into_iter().filter(|literal| !literal.contains("/>"));
            for literal in prose_literals.filter(|literal| literal.chars().any(is_chinese)) {
                for fault in faults(&literal) {
                    let shown = path.strip_prefix(root()).unwrap().display();
                    found.push(format!("{shown}:{}: {fault}: {literal}", number + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{} Chinese texts to reword:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_check_itself_catches_each_kind_of_slip() {
    assert!(faults("签名（proof）应为一个对象").iter().any(|fault| fault.contains("proof")));
    assert!(faults("请见 (a.json, b.json)").iter().any(|fault| fault.contains("half-width")));
    assert!(faults("已完成。 下一步").iter().any(|fault| fault.contains("space")));
    assert!(faults("平均折合千分制 739 分").iter().any(|fault| fault.contains("分")));
    assert!(faults("签署时间").iter().any(|fault| fault.contains("签名")));
    assert!(faults("“{}”不是有效的电子邮箱地址（应为“name@example.org.cn”这样的格式）").is_empty());
    assert!(faults("文件不是 UTF-8 编码（第 {} 个字节起），请加 --force").is_empty());
    assert!(faults("标准编号应为所属领域的字母加数字，如 A1").is_empty());
}
