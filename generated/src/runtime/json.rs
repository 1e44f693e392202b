//! A fast JSON reader for the first decoding pass of a response (`client::decode_json`).
//!
//! It is a `serde::Deserializer` over a `&str`, so the generated `Deserialize` impls run on it
//! unchanged. It does less than serde_json and gives up sooner: any error, and anything unusual
//! (an escape in a string, a number that is not a plain integer, an enum written as an object,
//! deep nesting), is a [`GiveUp`], and the caller decodes the body again with serde_json, which
//! gives the error users see (with its path, from serde_json's position) or the value. So on
//! success it must produce exactly what serde_json would, and where it cannot be sure it hands
//! the value to serde_json (escaped strings, fractional numbers).
//!
//! Why it is faster than serde_json's `from_str`: whitespace is skipped eight bytes at a time
//! (Stripe indents its responses), strings are scanned eight bytes at a time for a quote, a
//! backslash or a control character and then lent straight from the input, with no scratch
//! buffer, and errors carry nothing.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

/// serde_json's limit, so a body it rejects for nesting is not accepted here.
const MAX_DEPTH: u32 = 128;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Decodes `T` from `text` with the fast reader, or gives up (see the module docs).
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, GiveUp> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader)?;
    reader.skip_whitespace();
    if reader.pos == reader.bytes.len() {
        Ok(value)
    } else {
        Err(GiveUp)
    }
}

/// The fast reader gave up: decode again with serde_json for the value or the error.
#[derive(Debug)]
pub struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the fast JSON reader gave up")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    depth: u32,
}

/// Whether any byte of `word` is zero, as its lowest set high bit (exact for the first one).
#[inline]
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGHS
}

/// A string's contents as scanned: lent from the input, or with escapes (serde_json decodes it).
enum Scanned<'de> {
    Plain(&'de str),
    Escaped(&'de str),
}

impl<'de> Reader<'de> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(byte) = self.peek() {
            if !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                return;
            }
            self.pos += 1;
            // Indentation: up to the first byte that is not a space, eight bytes at a time.
            while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
                let mut word = [0; 8];
                word.copy_from_slice(chunk);
                let others = u64::from_le_bytes(word) ^ (ONES * u64::from(b' '));
                if others != 0 {
                    self.pos += (others.trailing_zeros() / 8) as usize;
                    break;
                }
                self.pos += 8;
            }
        }
    }

    /// The next byte after whitespace, without consuming it.
    #[inline]
    fn peek_token(&mut self) -> Result<u8, GiveUp> {
        self.skip_whitespace();
        self.peek().ok_or(GiveUp)
    }

    #[inline]
    fn eat(&mut self, byte: u8) -> Result<(), GiveUp> {
        if self.peek_token()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    fn eat_literal(&mut self, literal: &[u8]) -> Result<(), GiveUp> {
        match self.bytes.get(self.pos..self.pos + literal.len()) {
            Some(found) if found == literal => {
                self.pos += literal.len();
                Ok(())
            }
            _ => Err(GiveUp),
        }
    }

    /// The offset of the first quote, backslash or control character at or after `from`.
    #[inline]
    fn string_stop(&self, mut from: usize) -> usize {
        while let Some(chunk) = self.bytes.get(from..from + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            let stops = zero_bytes(word ^ (ONES * u64::from(b'"')))
                | zero_bytes(word ^ (ONES * u64::from(b'\\')))
                | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
            if stops != 0 {
                return from + (stops.trailing_zeros() / 8) as usize;
            }
            from += 8;
        }
        while let Some(&byte) = self.bytes.get(from) {
            if byte == b'"' || byte == b'\\' || byte < 0x20 {
                return from;
            }
            from += 1;
        }
        from
    }

    /// Reads a string whose opening quote is at `self.pos`.
    #[inline]
    fn scan_string(&mut self) -> Result<Scanned<'de>, GiveUp> {
        let start = self.pos + 1;
        let stop = self.string_stop(start);
        match self.bytes.get(stop) {
            Some(b'"') => {
                self.pos = stop + 1;
                // Quotes are ASCII, so both ends are on character boundaries.
                Ok(Scanned::Plain(&self.text[start..stop]))
            }
            Some(b'\\') => {
                // Find the closing quote, stepping over each escaped character; serde_json
                // checks and decodes the escapes.
                let mut at = stop;
                loop {
                    match self.bytes.get(at) {
                        Some(b'"') => break,
                        Some(b'\\') => at = self.string_stop(at + 2),
                        _ => return Err(GiveUp),
                    }
                }
                let quoted = self.text.get(self.pos..at + 1).ok_or(GiveUp)?;
                self.pos = at + 1;
                Ok(Scanned::Escaped(quoted))
            }
            // A control character (serde_json refuses it) or the end of the input.
            _ => Err(GiveUp),
        }
    }

    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.scan_string()? {
            Scanned::Plain(text) => visitor.visit_borrowed_str(text),
            Scanned::Escaped(quoted) => {
                let text: String = serde_json::from_str(quoted).map_err(|_| GiveUp)?;
                visitor.visit_string(text)
            }
        }
    }

    /// Skips a number, checking JSON's grammar, and returns its text.
    fn scan_number(&mut self) -> Result<&'de str, GiveUp> {
        let start = self.pos;
        let digits = |reader: &mut Self| {
            let from = reader.pos;
            while matches!(reader.peek(), Some(b'0'..=b'9')) {
                reader.pos += 1;
            }
            reader.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(GiveUp),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(GiveUp);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(GiveUp);
            }
        }
        Ok(&self.text[start..self.pos])
    }

    fn visit_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        // The common case, a plain integer of at most 18 digits (so it fits), read in one pass:
        // what serde_json would visit. Anything else is scanned again and parsed slowly.
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        let mut at = start + usize::from(negative);
        let mut magnitude: u64 = 0;
        while let Some(&digit @ b'0'..=b'9') = self.bytes.get(at) {
            // Wrapping: past 18 digits the value is not used.
            magnitude = magnitude
                .wrapping_mul(10)
                .wrapping_add(u64::from(digit - b'0'));
            at += 1;
        }
        let digits = at - start - usize::from(negative);
        let plain = match self.bytes.get(at) {
            Some(b'.' | b'e' | b'E') => false,
            _ => (1..=18).contains(&digits) && (digits == 1 || self.bytes[at - digits] != b'0'),
        };
        if plain {
            self.pos = at;
            return match (negative, magnitude) {
                (false, magnitude) => visitor.visit_u64(magnitude),
                // `-0` is a float to serde_json.
                (true, 0) => self.visit_number_slowly(start, visitor),
                (true, magnitude) => visitor.visit_i64(-(magnitude as i64)),
            };
        }
        self.visit_number_slowly(start, visitor)
    }

    /// Fractions, exponents, `-0` and big integers: serde_json parses them, as it would have.
    fn visit_number_slowly<V: Visitor<'de>>(
        &mut self,
        start: usize,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.pos = start;
        let text = self.scan_number()?;
        let number: serde_json::Number = serde_json::from_str(text).map_err(|_| GiveUp)?;
        if let Some(value) = number.as_u64() {
            visitor.visit_u64(value)
        } else if let Some(value) = number.as_i64() {
            visitor.visit_i64(value)
        } else {
            visitor.visit_f64(number.as_f64().ok_or(GiveUp)?)
        }
    }

    fn enter(&mut self) -> Result<(), GiveUp> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        self.pos += 1;
        Ok(())
    }

    fn visit_object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        self.enter()?;
        let value = visitor.visit_map(Entries {
            reader: self,
            first: true,
        })?;
        self.eat(b'}')?;
        self.depth -= 1;
        Ok(value)
    }

    fn visit_array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, GiveUp> {
        self.enter()?;
        let value = visitor.visit_seq(Elements {
            reader: self,
            first: true,
        })?;
        self.eat(b']')?;
        self.depth -= 1;
        Ok(value)
    }

    /// Skips one value, checking its grammar as serde_json's `IgnoredAny` does.
    fn skip_value(&mut self) -> Result<(), GiveUp> {
        match self.peek_token()? {
            b'"' => match self.scan_string()? {
                Scanned::Plain(_) => Ok(()),
                Scanned::Escaped(quoted) => serde_json::from_str::<IgnoredAny>(quoted)
                    .map(|_| ())
                    .map_err(|_| GiveUp),
            },
            b'{' => {
                self.enter()?;
                if self.peek_token()? != b'}' {
                    loop {
                        if self.peek_token()? != b'"' {
                            return Err(GiveUp);
                        }
                        self.skip_value()?;
                        self.eat(b':')?;
                        self.skip_value()?;
                        match self.peek_token()? {
                            b',' => self.pos += 1,
                            _ => break,
                        }
                    }
                }
                self.eat(b'}')?;
                self.depth -= 1;
                Ok(())
            }
            b'[' => {
                self.enter()?;
                if self.peek_token()? != b']' {
                    loop {
                        self.skip_value()?;
                        match self.peek_token()? {
                            b',' => self.pos += 1,
                            _ => break,
                        }
                    }
                }
                self.eat(b']')?;
                self.depth -= 1;
                Ok(())
            }
            b't' => self.eat_literal(b"true"),
            b'f' => self.eat_literal(b"false"),
            b'n' => self.eat_literal(b"null"),
            _ => self.scan_number().map(|_| ()),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b'"' => self.visit_string(visitor),
            b'{' => self.visit_object(visitor),
            b'[' => self.visit_array(visitor),
            b't' => {
                self.eat_literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.eat_literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.eat_literal(b"null")?;
                visitor.visit_unit()
            }
            _ => self.visit_number(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b't' | b'f' => self.deserialize_any(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b'-' | b'0'..=b'9' => self.visit_number(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b'"' => self.visit_string(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        if self.peek_token()? == b'n' {
            self.eat_literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b'n' => self.deserialize_any(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b'[' => self.visit_array(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b'{' => self.visit_object(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        match self.peek_token()? {
            b'{' => self.visit_object(visitor),
            b'[' => self.visit_array(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        // A unit variant as a string; the `{"Variant": value}` form is left to serde_json.
        if self.peek_token()? != b'"' {
            return Err(GiveUp);
        }
        match self.scan_string()? {
            Scanned::Plain(name) => visitor.visit_enum(BorrowedStrDeserializer::new(name)),
            Scanned::Escaped(_) => Err(GiveUp),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, GiveUp> {
        Err(GiveUp)
    }
}

struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        let reader = &mut *self.reader;
        match reader.peek_token()? {
            b'}' => return Ok(None),
            b',' if !self.first => {
                reader.pos += 1;
                if reader.peek_token()? != b'"' {
                    return Err(GiveUp);
                }
            }
            b'"' if self.first => {}
            _ => return Err(GiveUp),
        }
        self.first = false;
        seed.deserialize(Key { reader }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        self.reader.eat(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        let reader = &mut *self.reader;
        match reader.peek_token()? {
            b']' => return Ok(None),
            b',' if !self.first => reader.pos += 1,
            _ if self.first => {}
            _ => return Err(GiveUp),
        }
        self.first = false;
        seed.deserialize(&mut *reader).map(Some)
    }
}

/// An object's key, a string. Asked for anything else (an integer key), it offers the string,
/// which such a visitor refuses, and serde_json decides.
struct Key<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.reader.visit_string(visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::*;

    /// What serde_json makes of `text`, if the fast reader does not give up: the same.
    fn agrees(text: &str) -> bool {
        match from_str::<Value>(text) {
            Ok(fast) => {
                let slow: Value = serde_json::from_str(text).unwrap_or_else(|error| {
                    panic!("accepted {text:?}, which serde_json refuses: {error}")
                });
                assert_eq!(fast, slow, "{text:?}");
                true
            }
            Err(GiveUp) => false,
        }
    }

    #[test]
    fn reads_what_stripe_sends_without_giving_up() {
        for text in [
            r#"{"id": "fa_1", "n": 12, "neg": -7, "ok": true, "no": false, "none": null}"#,
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}",
            "  [ ]  ",
            r#"{"unicode": "Zoë — 東京", "empty": ""}"#,
            r#"[0, 9007199254740993, -922337203685477580]"#,
            "{\"indented\":                    \"deep\"}",
        ] {
            assert!(agrees(text), "gave up on {text:?}");
        }
    }

    #[test]
    fn hands_escapes_and_unusual_numbers_to_serde_json() {
        for text in [
            r#""a\"b""#,
            r#""\u00e9\n\\""#,
            r#"{"k\u0065y": 1}"#,
            "1.5",
            "-0",
            "1e3",
            "-1.25E-2",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            r#"{"skipped": "\t\u0041", "n": 2.0}"#,
        ] {
            // Either way, the value is serde_json's.
            agrees(text);
        }
        assert!(
            agrees(r#""a\"b""#),
            "escaped strings are decoded, not given up on"
        );
        assert!(agrees("1.5"), "fractions are decoded, not given up on");
    }

    #[test]
    fn gives_up_on_what_serde_json_refuses() {
        for text in [
            "",
            "{",
            "[1,]",
            r#"{"a": 1,}"#,
            r#"{"a" 1}"#,
            "01",
            "1.",
            "1e",
            "-",
            "tru",
            "nul",
            "\"unterminated",
            "\"tab\there\"",
            r#""\x""#,
            "{} {}",
            "[1 2]",
            r#"{1: 2}"#,
        ] {
            assert!(from_str::<Value>(text).is_err(), "accepted {text:?}");
            assert!(from_str::<IgnoredAny>(text).is_err(), "skipped {text:?}");
        }
        // A lone surrogate: serde_json refuses it in a string it decodes, not in one it skips.
        assert!(from_str::<Value>(r#""\ud800""#).is_err());
        assert!(serde_json::from_str::<IgnoredAny>(r#""\ud800""#).is_ok());
        assert!(from_str::<IgnoredAny>(r#""\ud800""#).is_ok());
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(from_str::<Value>(&deep).is_err());
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |float| float.is_finite())
                .prop_map(Value::from),
            ".{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(".{0,8}", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn any_json_decodes_as_serde_json_decodes_it(value in json(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            // serde_json's own float parsing may not round-trip the last digit, so the reference
            // is what serde_json reads, not `value`; and escapes must not make it give up.
            let fast: Value = from_str(&text).expect("valid JSON is read, not given up on");
            let slow: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn a_damaged_body_is_refused_or_read_as_serde_json_reads_it(
            value in json(),
            cut in any::<prop::sample::Index>(),
            byte in prop::sample::select(b"{}[],:\" \\0-.e".to_vec()),
        ) {
            let mut text = serde_json::to_string_pretty(&value).unwrap().into_bytes();
            let at = cut.index(text.len() + 1);
            text.insert(at, byte);
            if let Ok(text) = std::str::from_utf8(&text) {
                agrees(text);
                if from_str::<IgnoredAny>(text).is_ok() {
                    prop_assert!(serde_json::from_str::<IgnoredAny>(text).is_ok(), "{:?}", text);
                }
            }
        }
    }
}

#[cfg(test)]
mod models {
    use super::from_str;
    use crate::financial_connections::Account;
    use crate::treasury::FinancialAccount;

    #[test]
    fn reads_every_field_of_the_full_test_objects_without_giving_up() {
        let account = include_str!("../../tests/data/financial_connections_account_full.json");
        let fast: Account = from_str(account).map_err(|_| "gave up").unwrap();
        assert_eq!(fast, serde_json::from_str::<Account>(account).unwrap());
        let financial = include_str!("../../tests/data/treasury_financial_account_full.json");
        let fast: FinancialAccount = from_str(financial).map_err(|_| "gave up").unwrap();
        assert_eq!(
            fast,
            serde_json::from_str::<FinancialAccount>(financial).unwrap()
        );
    }
}
