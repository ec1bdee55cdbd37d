//! One JSON article record read straight into the fields credence uses.
//!
//! A record is read field by field: strings without escapes are borrowed from the input,
//! unknown fields are skipped without being built, and a field of the wrong type keeps only
//! the name of its type for the error. Reading through a generic JSON value first built a
//! map, a string per key and a copy of the text for every record, which cost as much as
//! splitting the article into sentences.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A field's value as far as an article needs it.
#[derive(Debug, Default)]
pub(super) enum Field<'a> {
    /// The record has no such field.
    #[default]
    Missing,
    Null,
    Str(Cow<'a, str>),
    /// A number, written as JSON would write it (an `id` may be a number).
    Number(String),
    /// Any other type: only its name is kept, for the error.
    Other(&'static str),
}

impl Field<'_> {
    /// The type's name as an error shows it.
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Field::Missing | Field::Null => "null",
            Field::Str(_) => "a string",
            Field::Number(_) => "a number",
            Field::Other(name) => name,
        }
    }
}

/// The fields of a record that make an article; the rest are skipped.
#[derive(Debug, Default)]
pub(super) struct Fields<'a> {
    pub text: Field<'a>,
    pub id: Field<'a>,
    pub title: Field<'a>,
    pub source: Field<'a>,
    pub url: Field<'a>,
    pub lang: Field<'a>,
    pub story: Field<'a>,
    pub published: Field<'a>,
}

/// A JSON value read as an article record: an object's fields, or the name of the type that
/// was found instead of an object.
#[derive(Debug)]
pub(super) enum Record<'a> {
    Object(Box<Fields<'a>>),
    NotObject(&'static str),
}

/// A whole `.json` file: a list of records, or one.
#[derive(Debug)]
pub(super) enum JsonFile<'a> {
    List(Vec<Record<'a>>),
    One(Record<'a>),
}

/// What a visitor gives for each JSON type that is not an object or a list.
macro_rules! scalar_visits {
    ($value:ty, $wrap:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$value, E> {
            Ok($wrap(Field::Other("a boolean")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<$value, E> {
            Ok($wrap(Field::Number(v.to_string())))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<$value, E> {
            Ok($wrap(Field::Number(v.to_string())))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<$value, E> {
            Ok($wrap(Field::Number(
                serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()),
            )))
        }
        fn visit_unit<E: de::Error>(self) -> Result<$value, E> {
            Ok($wrap(Field::Null))
        }
        fn visit_none<E: de::Error>(self) -> Result<$value, E> {
            Ok($wrap(Field::Null))
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<$value, E> {
            Ok($wrap(Field::Str(Cow::Borrowed(v))))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<$value, E> {
            Ok($wrap(Field::Str(Cow::Owned(v.to_string()))))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<$value, E> {
            Ok($wrap(Field::Str(Cow::Owned(v))))
        }
    };
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    scalar_visits!(Field<'de>, |f| f);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Other("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Other("an object"))
    }
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct RecordVisitor;

/// A record that is not an object, named by its type.
fn not_object(field: Field) -> Record {
    Record::NotObject(field.type_name())
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    scalar_visits!(Record<'de>, not_object);

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Record<'de>, A::Error> {
        FieldVisitor.visit_seq(seq).map(not_object)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let mut fields = Fields::default();
        // Keys are borrowed when they hold no escapes; a repeated key keeps its last value,
        // as a JSON object read into a map would.
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let slot = match key.as_ref() {
                "text" => &mut fields.text,
                "id" => &mut fields.id,
                "title" => &mut fields.title,
                "source" => &mut fields.source,
                "url" => &mut fields.url,
                "lang" => &mut fields.lang,
                "story" => &mut fields.story,
                "published" => &mut fields.published,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value()?;
        }
        Ok(Record::Object(Box::new(fields)))
    }
}

impl<'de> Deserialize<'de> for Record<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecordVisitor)
    }
}

struct JsonFileVisitor;

impl<'de> Visitor<'de> for JsonFileVisitor {
    type Value = JsonFile<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object or a list of them")
    }

    scalar_visits!(JsonFile<'de>, |f| JsonFile::One(not_object(f)));

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonFile<'de>, A::Error> {
        let mut records = Vec::new();
        while let Some(record) = seq.next_element::<Record<'de>>()? {
            records.push(record);
        }
        Ok(JsonFile::List(records))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JsonFile<'de>, A::Error> {
        RecordVisitor.visit_map(map).map(JsonFile::One)
    }
}

impl<'de> Deserialize<'de> for JsonFile<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonFileVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(json: &str) -> Fields<'_> {
        match serde_json::from_str::<Record>(json).unwrap() {
            Record::Object(f) => *f,
            Record::NotObject(t) => panic!("not an object: {t}"),
        }
    }

    #[test]
    fn plain_strings_are_borrowed_and_escaped_ones_decoded() {
        let f =
            fields(r#"{"text":"Plain text.","title":"A \"quoted\" title","extra":[1,{"a":2}]}"#);
        assert!(matches!(f.text, Field::Str(Cow::Borrowed("Plain text."))));
        assert!(matches!(f.title, Field::Str(Cow::Owned(ref t)) if t == "A \"quoted\" title"));
        assert!(matches!(f.url, Field::Missing));
    }

    #[test]
    fn types_are_named_and_numbers_written_as_json_writes_them() {
        let f = fields(r#"{"id":12,"source":1.5,"lang":null,"story":true,"url":[],"text":{}}"#);
        assert!(matches!(f.id, Field::Number(ref n) if n == "12"));
        assert!(matches!(f.source, Field::Number(ref n) if n == "1.5"));
        assert!(matches!(f.lang, Field::Null));
        assert_eq!(f.story.type_name(), "a boolean");
        assert_eq!(f.url.type_name(), "an array");
        assert_eq!(f.text.type_name(), "an object");
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let f = fields(r#"{"text":"first","text":"second"}"#);
        assert!(matches!(f.text, Field::Str(ref t) if t == "second"));
    }

    #[test]
    fn records_that_are_not_objects_and_files_that_are_lists() {
        assert!(matches!(
            serde_json::from_str::<Record>("[1]").unwrap(),
            Record::NotObject("an array")
        ));
        assert!(matches!(
            serde_json::from_str::<Record>("\"x\"").unwrap(),
            Record::NotObject("a string")
        ));
        match serde_json::from_str::<JsonFile>(r#"[{"text":"a"}, 3]"#).unwrap() {
            JsonFile::List(items) => {
                assert!(matches!(items[0], Record::Object(_)));
                assert!(matches!(items[1], Record::NotObject("a number")));
            }
            JsonFile::One(_) => panic!("a list was read as one record"),
        }
        assert!(serde_json::from_str::<Record>(r#"{"text":"a""#).is_err());
    }
}
