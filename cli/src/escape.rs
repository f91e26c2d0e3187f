//! Showing text that came from input. Names, ids, file names, notes and the details of errors
//! can hold anything; shown as they are, a control character could move the cursor, clear the
//! screen, retitle the window or start a line that looks like the program's own, and a
//! bidirectional control could reorder a line on screen. The core's
//! `messages::escape_control` is selfcheck's one escaping function (the core's messages, the
//! widget and this command line use it alike): it writes such characters as visible `\u{…}`
//! text. This module applies it to every output: terminal lines, Markdown, CSV, and (as JSON's
//! own `\uXXXX` escapes, which keep the value) JSON.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use selfcheck_core::messages::escape_control;

/// Whether `c` must not reach an output as it is: whatever the core's `escape_control` escapes
/// (control characters including line breaks and tabs, DEL and C1, line and paragraph
/// separators, bidirectional marks, embeddings, overrides and isolates, invisible format
/// characters).
pub fn is_hazard(c: char) -> bool {
    let mut buffer = [0; 4];
    matches!(escape_control(c.encode_utf8(&mut buffer)), Cow::Owned(_))
}

/// `text` with every [hazard](is_hazard) written as `\u{…}` (its code point in hex), so that
/// what came from input always stays on its own line, in its own order, and inert.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_control(text)
}

/// A path, escaped (a path that is not UTF-8 is shown with U+FFFD where its bytes are not).
pub fn path(path: &Path) -> String {
    selfcheck_files::display_path(path)
}

/// JSON as the core writes it, whose strings keep their values but carry every hazard as a
/// `\uXXXX` escape: JSON writers escape C0 controls in strings (JSON requires it) but write DEL,
/// C1 controls and bidirectional controls as they are. Line breaks and tabs are left alone: in
/// such output they are the layout between values, never inside a string.
pub fn json(text: &str) -> Cow<'_, str> {
    let inside_strings = |c: char| is_hazard(c) && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(inside_strings) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if inside_strings(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Program output that may still hold input: every line escaped on its own, the line breaks
/// between lines (which the program wrote) kept. The last line of defence behind [`escape`] at
/// each insertion.
pub fn lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_line_breaks_and_bidirectional_controls_become_visible() {
        assert_eq!(escape("广东省\u{1b}]0;pwned\u{7}协会"), "广东省\\u{1b}]0;pwned\\u{7}协会");
        assert_eq!(escape("a\nb\r\tc\u{85}\u{9b}\u{7f}"), "a\\u{a}b\\u{d}\\u{9}c\\u{85}\\u{9b}\\u{7f}");
        for c in ['\u{200e}', '\u{200f}', '\u{61c}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{2028}'] {
            assert_eq!(escape(&format!("x{c}y")), format!("x\\u{{{:x}}}y", u32::from(c)));
        }
        assert!(matches!(escape("广东省示例行业协会 (514400005000031282)"), Cow::Borrowed(_)));
        assert_eq!(lines("one\u{1b}\ntwo\u{202e}"), "one\\u{1b}\ntwo\\u{202e}");
    }

    #[test]
    fn json_keeps_the_value() {
        let value = serde_json::json!({ "name": "a\u{9b}b\u{202e}c\u{7f}\n\u{1b}", "list": [1, "\u{2066}"] });
        for text in [value.to_string(), serde_json::to_string_pretty(&value).unwrap()] {
            let escaped = json(&text).into_owned();
            assert!(!escaped.chars().any(|c| is_hazard(c) && c != '\n'), "{escaped}");
            assert_eq!(serde_json::from_str::<serde_json::Value>(&escaped).unwrap(), value);
        }
    }
}
