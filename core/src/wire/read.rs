//! Reading wire documents out of [`Json`], field by field, collecting every problem with the
//! path of its field, so that a refusal names `credentialSubject.report.total` and what is wrong
//! with it rather than the first thing a parser tripped over.

use crate::error::{Problem, ProblemKind};
use crate::json::{Json, JsonType, Object};

/// Where the reader is, and what it found wrong so far.
#[derive(Default)]
pub struct Reader {
    pub problems: Vec<Problem>,
}

/// `parent.key`, or `key` at the top.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_owned() } else { format!("{parent}.{key}") }
}

/// `parent[index]`.
pub fn index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

impl Reader {
    pub fn new() -> Reader {
        Reader { problems: Vec::new() }
    }

    pub fn problem(&mut self, at: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem::new(at, kind));
    }

    fn wrong_type(&mut self, at: &str, expected: JsonType, value: &Json) {
        self.problem(at, ProblemKind::WrongType { expected, found: value.kind() });
    }

    /// `value` as an object whose members are all among `known`; unknown members are problems.
    pub fn object<'j>(&mut self, value: &'j Json, at: &str, known: &[&str]) -> Option<&'j Object> {
        let Some(object) = value.as_object() else {
            self.wrong_type(at, JsonType::Object, value);
            return None;
        };
        self.unknown_fields(object, at, known);
        Some(object)
    }

    /// Like [`Reader::object`], but a value that is not an object reads as an empty one, so
    /// that its required members are reported missing too.
    pub fn fields<'j>(&mut self, value: &'j Json, at: &str, known: &[&str]) -> &'j Object {
        static EMPTY: Object = Object::new();
        self.object(value, at, known).unwrap_or(&EMPTY)
    }

    /// Reports the members of `object` that are not among `known`.
    pub fn unknown_fields(&mut self, object: &Object, at: &str, known: &[&str]) {
        for key in object.keys() {
            if !known.contains(&key) {
                self.problem(join(at, key), ProblemKind::UnknownField);
            }
        }
    }

    /// The member `key`, which must be present.
    pub fn required<'j>(&mut self, object: &'j Object, at: &str, key: &str) -> Option<&'j Json> {
        let value = object.get(key);
        if value.is_none() {
            self.problem(join(at, key), ProblemKind::MissingField);
        }
        value
    }

    /// A text; a missing one (already reported by [`Reader::required`]) or a wrong one is empty.
    pub fn string(&mut self, value: Option<&Json>, at: &str) -> String {
        match value {
            None => String::new(),
            Some(Json::String(text)) => text.clone(),
            Some(other) => {
                self.wrong_type(at, JsonType::String, other);
                String::new()
            }
        }
    }

    /// The required text member `key`.
    pub fn required_string(&mut self, object: &Object, at: &str, key: &str) -> String {
        let value = self.required(object, at, key);
        self.string(value, &join(at, key))
    }

    /// The optional text member `key` (absent: empty).
    pub fn optional_string(&mut self, object: &Object, at: &str, key: &str) -> String {
        self.string(object.get(key), &join(at, key))
    }

    /// The optional text member `key`, `None` when absent.
    pub fn maybe_string(&mut self, object: &Object, at: &str, key: &str) -> Option<String> {
        object.get(key).map(|value| self.string(Some(value), &join(at, key)))
    }

    /// An integer from `min` to `max`.
    pub fn integer(&mut self, value: Option<&Json>, at: &str, min: i64, max: i64) -> i64 {
        match value {
            None => min.max(0),
            Some(Json::Number(crate::json::Number::Integer(number))) if (min..=max).contains(number) => *number,
            Some(Json::Number(crate::json::Number::Integer(number))) => {
                self.problem(at, ProblemKind::OutOfRange { min, max, found: *number });
                min.max(0)
            }
            Some(other) => {
                self.wrong_type(at, JsonType::Number, other);
                min.max(0)
            }
        }
    }

    /// The required member `key` as a `u32`.
    pub fn required_u32(&mut self, object: &Object, at: &str, key: &str) -> u32 {
        let value = self.required(object, at, key);
        u32::try_from(self.integer(value, &join(at, key), 0, i64::from(u32::MAX))).unwrap_or(0)
    }

    /// A boolean; missing or wrong: false.
    pub fn boolean(&mut self, value: Option<&Json>, at: &str) -> bool {
        match value {
            None => false,
            Some(Json::Bool(value)) => *value,
            Some(other) => {
                self.wrong_type(at, JsonType::Bool, other);
                false
            }
        }
    }

    /// An array's items; a wrong value is reported and reads as empty.
    pub fn array<'j>(&mut self, value: Option<&'j Json>, at: &str) -> &'j [Json] {
        match value {
            None => &[],
            Some(Json::Array(items)) => items,
            Some(other) => {
                self.wrong_type(at, JsonType::Array, other);
                &[]
            }
        }
    }

    /// An array of texts.
    pub fn strings(&mut self, value: Option<&Json>, at: &str) -> Vec<String> {
        let items = self.array(value, at);
        items.iter().enumerate().map(|(position, item)| self.string(Some(item), &index(at, position))).collect()
    }

    /// One of a few words.
    pub fn word<T: Copy>(
        &mut self,
        value: Option<&Json>,
        at: &str,
        allowed: &'static [&'static str],
        values: &[T],
    ) -> Option<T> {
        let text = match value {
            None => return None,
            Some(Json::String(text)) => text,
            Some(other) => {
                self.wrong_type(at, JsonType::String, other);
                return None;
            }
        };
        match allowed.iter().position(|word| word == text) {
            Some(position) => values.get(position).copied(),
            None => {
                self.problem(at, ProblemKind::NotOneOf { allowed, found: text.clone() });
                None
            }
        }
    }

    /// Ok when nothing was found wrong.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<Problem>> {
        if self.problems.is_empty() { Ok(value) } else { Err(self.problems) }
    }
}

/// An object from members in order, for writers.
pub fn object<const N: usize>(members: [(&str, Json); N]) -> Json {
    let mut object = Object::new();
    for (key, value) in members {
        object.insert(key, value);
    }
    Json::Object(object)
}

impl crate::text::Text {
    /// Reads `{"zh": …, "en": …}`, both required.
    pub(crate) fn read(reader: &mut Reader, value: Option<&Json>, at: &str) -> crate::text::Text {
        let Some(value) = value else { return crate::text::Text::default() };
        let fields = reader.fields(value, at, &["zh", "en"]);
        crate::text::Text { zh: reader.required_string(fields, at, "zh"), en: reader.required_string(fields, at, "en") }
    }

    /// `{"zh": …, "en": …}`.
    pub fn to_json(&self) -> Json {
        object([("zh", self.zh.as_str().into()), ("en", self.en.as_str().into())])
    }
}
