//! JSON text to the API's DTOs, with less code in the wasm module than
//! `serde_json::from_str::<T>` (BENCHMARKS.md, web app size).
//!
//! The text is lexed once into a `serde_json::Value` (one lexer in the
//! module instead of one inside every DTO's decoder); the value is then
//! handed to the DTO through [`Json`], a deserializer that gives a struct
//! only an object and a list only an array. serde_json's own value
//! deserializer also offers a struct an array, which compiled a second,
//! never-used decoder per DTO. Same results for everything the API sends.
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, Error as _, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::{Error, Value};

/// Decodes JSON text into `T`.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    from_value(serde_json::from_str(text)?)
}

/// Decodes an already parsed value into `T`.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    T::deserialize(Json(value))
}

/// A JSON value as a deserializer.
pub struct Json(pub Value);

fn expected(what: &str) -> Error {
    Error::custom(format_args!("expected {what}"))
}

impl<'de> de::Deserializer<'de> for Json {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => v.visit_u64(u),
                (None, Some(i)) => v.visit_i64(i),
                _ => v.visit_f64(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => v.visit_string(s),
            Value::Array(a) => v.visit_seq(Seq(a.into_iter())),
            Value::Object(m) => v.visit_map(Obj {
                iter: m.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => v.visit_none(),
            other => v.visit_some(Json(other)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(m) => v.visit_map(Obj {
                iter: m.into_iter(),
                value: None,
            }),
            _ => Err(expected("an object")),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(a) => v.visit_seq(Seq(a.into_iter())),
            _ => Err(expected("an array")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => v.visit_string(s),
            _ => Err(expected("a string")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_string(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_string(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => v.visit_enum(s.into_deserializer()),
            Value::Object(m) if m.len() == 1 => match m.into_iter().next() {
                Some((key, value)) => v.visit_enum(Variant { key, value }),
                None => Err(expected("an enum")),
            },
            _ => Err(expected("an enum")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct tuple tuple_struct map
    }
}

struct Obj {
    iter: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Obj {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(Json(Value::String(key))).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(Json(self.value.take().unwrap_or(Value::Null)))
    }
}

struct Seq(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Seq {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        self.0.next().map(|v| seed.deserialize(Json(v))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An enum variant with data: `{"variant": value}`.
struct Variant {
    key: String,
    value: Value,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Json;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Json), Error> {
        Ok((
            seed.deserialize(Json(Value::String(self.key)))?,
            Json(self.value),
        ))
    }
}

impl<'de> VariantAccess<'de> for Json {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, v)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self, "", fields, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tgpl_api_model::Page;
    use tgpl_api_model::cases::CaseDto;
    use tgpl_domain::CaseState;
    use tgpl_domain::case::FormOfAid;

    #[test]
    fn dtos_decode_as_serde_json_decodes_them() {
        let case =
            crate::case_rules::tests::case(CaseState::Concluded, FormOfAid::LitigationDefence);
        let text = serde_json::json!({"items": [case.clone(), case], "next": "abc"}).to_string();
        let ours: Page<CaseDto> = decode(&text).unwrap();
        let theirs: Page<CaseDto> = serde_json::from_str(&text).unwrap();
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&theirs).unwrap()
        );
        assert_eq!(ours.items.len(), 2);
        assert_eq!(ours.items[0].status, CaseState::Concluded);
    }

    #[test]
    fn wrong_shapes_are_errors_not_guesses() {
        assert!(decode::<CaseDto>("[1, 2]").is_err());
        assert!(decode::<Vec<u32>>("{\"a\": 1}").is_err());
        assert!(decode::<CaseState>("\"no_such_state\"").is_err());
        assert_eq!(decode::<Option<u8>>("null").unwrap(), None);
        assert_eq!(decode::<i32>("-7").unwrap(), -7);
        assert!(decode::<u8>("300").is_err());
    }
}
