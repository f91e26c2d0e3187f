//! Bilingual text: every string a user reads exists in Simplified Chinese and English.

/// The languages of the interface and the catalogue. Simplified Chinese comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Simplified Chinese (zh-CN), the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses a BCP 47 tag loosely: anything starting with `en` is English, everything else Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }

    /// The BCP 47 tag for HTML `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Whether `text` has at least one character a reader sees: not only spaces, control characters
/// or invisible format characters (zero-width spaces and joiners, direction marks, BOM).
pub fn has_visible_text(text: &str) -> bool {
    text.chars().any(|character| {
        !character.is_whitespace()
            && !character.is_control()
            && !matches!(
                character,
                '\u{00AD}'
                    | '\u{034F}'
                    | '\u{061C}'
                    | '\u{115F}'
                    | '\u{1160}'
                    | '\u{17B4}'
                    | '\u{17B5}'
                    | '\u{180B}'..='\u{180F}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{206F}'
                    | '\u{3164}'
                    | '\u{FE00}'..='\u{FE0F}'
                    | '\u{FEFF}'
                    | '\u{FFA0}'
                    | '\u{FFF0}'..='\u{FFF8}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::has_visible_text;

    #[test]
    fn invisible_names_are_not_names() {
        assert!(has_visible_text("广东省某某行业协会"));
        assert!(has_visible_text(" a "));
        for invisible in ["", "   ", "\u{3000}", "\u{200b}\u{200d}", "\u{feff}\u{2060}", "\u{3164}", "\t\n"] {
            assert!(!has_visible_text(invisible), "{invisible:?}");
        }
    }
}
