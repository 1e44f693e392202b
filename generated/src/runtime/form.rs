//! Request parameters in Stripe's wire format: `application/x-www-form-urlencoded` with bracket
//! notation for nesting (`metadata[order_id]=6735`, `expand[0]=ownership`).

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use super::checks::{check_param_key, is_key_part};
use super::{Currency, Timestamp};

/// An encoded parameter string, used as the query string of a GET and the body of a POST.
#[derive(Clone, Default)]
pub struct Form {
    encoded: String,
    /// Spare key buffers for nested fields (`features[card_issuing]`), reused so that encoding
    /// allocates one buffer per nesting level rather than one key per field.
    keys: Vec<String>,
    /// Why these parameters cannot be sent, found while encoding (the first reason only).
    /// Encoding itself cannot fail, since generated code calls it; the client checks this.
    refusal: Option<String>,
}

// Equality and debug output are about the encoded parameters, not the spare buffers.
impl PartialEq for Form {
    fn eq(&self, other: &Self) -> bool {
        self.encoded == other.encoded
    }
}

impl Eq for Form {}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Form")
            .field("encoded", &self.encoded)
            .finish()
    }
}

/// A value that can be written as request parameters under a key.
pub trait FormEncode {
    /// Writes `self` under `key`, which is already in bracket notation (`features[card_issuing]`).
    /// The top-level parameters struct is written with an empty key.
    fn encode(&self, key: &str, form: &mut Form);
}

impl Form {
    /// Encodes a parameters struct.
    pub fn from_params<P: FormEncode + ?Sized>(params: &P) -> Self {
        let mut form = Self::default();
        params.encode("", &mut form);
        form
    }

    /// The encoded parameters, without a leading `?`.
    pub fn as_str(&self) -> &str {
        &self.encoded
    }

    /// Whether no parameter was written.
    pub fn is_empty(&self) -> bool {
        self.encoded.is_empty()
    }

    /// Why these parameters cannot be sent, if encoding found a reason (a map key that would
    /// change the bracket structure).
    pub fn refusal(&self) -> Option<&str> {
        self.refusal.as_deref()
    }

    /// Writes the entry `name` of a map (`metadata[order_id]`), refusing a name that would not
    /// stay one key: brackets would make `metadata[a]b[c]`, and an empty name `metadata[]`, a
    /// list element. Stripe refuses brackets in metadata keys anyway.
    fn map_entry<T: FormEncode + ?Sized>(&mut self, parent: &str, name: &str, value: &T) {
        if !is_key_part(name) {
            if self.refusal.is_none() {
                let what = if name.is_empty() {
                    "is empty"
                } else {
                    "holds `[` or `]`"
                };
                self.refusal = Some(format!(
                    "the key {name:?} of `{parent}` {what}, which would change the parameter's \
                     bracket structure; use a key without brackets"
                ));
            }
            return;
        }
        self.field(parent, name, value);
    }

    /// Appends a pair the caller wrote by hand (an extra parameter), after checking that its key
    /// is well formed and changes nothing already written: `nickname` when `nickname` is there
    /// would send it twice, and `metadata` beside `metadata[order]` (or the other way round)
    /// would give one key two structures.
    pub(crate) fn push_extra(&mut self, key: &str, value: &str) -> Result<(), String> {
        check_param_key(key)?;
        let mut encoded_key = String::new();
        encode_into(&mut encoded_key, key, |byte| matches!(byte, b'[' | b']'));
        let clash = self
            .encoded
            .split('&')
            .filter_map(|pair| pair.split('=').next())
            .find(|written| keys_overlap(written, &encoded_key));
        if let Some(written) = clash {
            return Err(format!(
                "the extra parameter `{key}` clashes with `{written}`, which the call already \
                 sends; set a parameter the call knows in its params instead"
            ));
        }
        self.push(key, value);
        Ok(())
    }

    /// Writes the list `values` under `name` like [`field`](Self::field), refusing it when it is
    /// empty: Stripe refuses these requests, and an empty list would otherwise be left out of
    /// the form without a word.
    pub fn non_empty<T: FormEncode>(&mut self, parent: &str, name: &str, values: &[T]) {
        if values.is_empty() {
            if self.refusal.is_none() {
                let key = if parent.is_empty() {
                    name.to_owned()
                } else {
                    format!("{parent}[{name}]")
                };
                self.refusal = Some(format!(
                    "`{key}` is an empty list, which Stripe refuses; give at least one value"
                ));
            }
            return;
        }
        self.field(parent, name, values);
    }

    /// Appends one `key=value` pair, percent-encoding both.
    pub fn push(&mut self, key: &str, value: &str) {
        self.push_key(key);
        encode_into(&mut self.encoded, value, |_| false);
    }

    /// Appends `key=`, percent-encoded, for a value to follow.
    fn push_key(&mut self, key: &str) {
        if self.encoded.is_empty() {
            // Room for a typical body at once, rather than growing from a few bytes; a request
            // without parameters still allocates nothing.
            self.encoded.reserve(256);
        } else {
            self.encoded.push('&');
        }
        // Brackets stay readable in keys, as Stripe's own libraries send them.
        encode_into(&mut self.encoded, key, |byte| matches!(byte, b'[' | b']'));
        self.encoded.push('=');
    }

    /// Writes `value` under `name`, nested in `parent` (`parent[name]`) unless `parent` is empty.
    pub fn field<T: FormEncode + ?Sized>(&mut self, parent: &str, name: &str, value: &T) {
        if parent.is_empty() {
            value.encode(name, self);
        } else {
            self.nested(parent, Inner::Name(name), value);
        }
    }

    /// Writes `value` under `parent[name]` or `parent[index]`, building the key in a reused
    /// buffer.
    fn nested<T: FormEncode + ?Sized>(&mut self, parent: &str, inner: Inner<'_>, value: &T) {
        let mut key = self.keys.pop().unwrap_or_default();
        key.clear();
        key.push_str(parent);
        key.push('[');
        match inner {
            Inner::Name(name) => key.push_str(name),
            Inner::Index(index) => {
                let _ = write!(key, "{index}");
            }
        }
        key.push(']');
        value.encode(&key, self);
        self.keys.push(key);
    }

    /// Writes list `expand[]` paths, which Stripe resolves against each item: `data.<path>`.
    pub fn list_expand<T: fmt::Display>(&mut self, parent: &str, name: &str, paths: &[T]) {
        let prefixed: Vec<String> = paths.iter().map(|path| format!("data.{path}")).collect();
        self.field(parent, name, &prefixed);
    }
}

/// Whether two encoded keys are the same, or one nests inside the other (`a` and `a[b]`).
fn keys_overlap(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
}

/// What goes between the brackets of a nested key.
enum Inner<'a> {
    /// A field: `features[card_issuing]`.
    Name(&'a str),
    /// An array element: `supported_currencies[0]`.
    Index(usize),
}

/// Percent-encodes everything outside RFC 3986's unreserved set (and `keep`); spaces become `+`.
fn encode_into(out: &mut String, text: &str, keep: impl Fn(u8) -> bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(text.len());
    // Copy runs of bytes that need no encoding whole. A run is ASCII, so it starts and ends on
    // character boundaries.
    let mut run_start = 0;
    for (index, &byte) in text.as_bytes().iter().enumerate() {
        let plain = matches!(byte, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~')
            || keep(byte);
        if plain {
            continue;
        }
        if run_start < index {
            out.push_str(&text[run_start..index]);
        }
        run_start = index + 1;
        if byte == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    if run_start < text.len() {
        out.push_str(&text[run_start..]);
    }
}

/// A path parameter, percent-encoded so that no ID can change the path (`/`, `?`, `..`).
///
/// An empty parameter stays empty, leaving an empty segment (`.../financial_accounts/`), which
/// the client refuses to send: an ID can be empty at run time, and refusing it there keeps the
/// generated call a plain `format!`.
pub struct PathSegment<'a>(&'a str);

/// Percent-encodes `value` for use as one segment of a URL path.
pub fn path_segment(value: &str) -> PathSegment<'_> {
    PathSegment(value)
}

impl fmt::Display for PathSegment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == "." || self.0 == ".." {
            // URL parsers (the WHATWG URL standard, which reqwest follows) resolve dot segments
            // away even when percent-encoded (`%2E%2E`), and no encoding of `.` escapes that. No
            // Stripe ID is all dots, so encode the `%` once more: the request stays on its
            // endpoint, and Stripe answers that no object has that ID.
            return f.write_str(&self.0.replace('.', "%252E"));
        }
        for &byte in self.0.as_bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    f.write_char(char::from(byte))?;
                }
                _ => write!(f, "%{byte:02X}")?,
            }
        }
        Ok(())
    }
}

/// The parameters of an endpoint that takes none.
impl FormEncode for () {
    fn encode(&self, _key: &str, _form: &mut Form) {}
}

impl FormEncode for str {
    fn encode(&self, key: &str, form: &mut Form) {
        form.push(key, self);
    }
}

impl FormEncode for String {
    fn encode(&self, key: &str, form: &mut Form) {
        form.push(key, self);
    }
}

impl FormEncode for bool {
    fn encode(&self, key: &str, form: &mut Form) {
        form.push(key, if *self { "true" } else { "false" });
    }
}

impl FormEncode for i64 {
    fn encode(&self, key: &str, form: &mut Form) {
        // Digits and `-` need no percent-encoding.
        form.push_key(key);
        let _ = write!(form.encoded, "{self}");
    }
}

impl FormEncode for f64 {
    fn encode(&self, key: &str, form: &mut Form) {
        // `Display` for f64 never uses an exponent, which Stripe's form parser would refuse.
        form.push(key, &self.to_string());
    }
}

impl FormEncode for Timestamp {
    fn encode(&self, key: &str, form: &mut Form) {
        self.unix_seconds().encode(key, form);
    }
}

impl FormEncode for Currency {
    fn encode(&self, key: &str, form: &mut Form) {
        form.push(key, self.as_str());
    }
}

impl<T: FormEncode + ?Sized> FormEncode for &T {
    fn encode(&self, key: &str, form: &mut Form) {
        (**self).encode(key, form);
    }
}

impl<T: FormEncode> FormEncode for Option<T> {
    fn encode(&self, key: &str, form: &mut Form) {
        if let Some(value) = self {
            value.encode(key, form);
        }
    }
}

/// Arrays are indexed (`supported_currencies[0]=usd`), which also works for arrays of objects.
impl<T: FormEncode> FormEncode for [T] {
    fn encode(&self, key: &str, form: &mut Form) {
        for (index, item) in self.iter().enumerate() {
            form.nested(key, Inner::Index(index), item);
        }
    }
}

impl<T: FormEncode> FormEncode for Vec<T> {
    fn encode(&self, key: &str, form: &mut Form) {
        self.as_slice().encode(key, form);
    }
}

impl<K: AsRef<str>, V: FormEncode> FormEncode for BTreeMap<K, V> {
    fn encode(&self, key: &str, form: &mut Form) {
        for (name, value) in self {
            form.map_entry(key, name.as_ref(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{Clearable, RangeQuery};

    struct Access {
        requested: bool,
    }

    impl FormEncode for Access {
        fn encode(&self, key: &str, form: &mut Form) {
            form.field(key, "requested", &self.requested);
        }
    }

    struct Params {
        currencies: Vec<Currency>,
        metadata: BTreeMap<String, String>,
        nickname: Option<Clearable<String>>,
        access: Option<Access>,
        created: Option<RangeQuery<Timestamp>>,
        limit: Option<i64>,
    }

    impl FormEncode for Params {
        fn encode(&self, key: &str, form: &mut Form) {
            form.field(key, "supported_currencies", &self.currencies);
            form.field(key, "metadata", &self.metadata);
            form.field(key, "nickname", &self.nickname);
            form.field(key, "card_issuing", &self.access);
            form.field(key, "created", &self.created);
            form.field(key, "limit", &self.limit);
        }
    }

    fn params() -> Params {
        Params {
            currencies: vec![Currency::USD],
            metadata: BTreeMap::new(),
            nickname: None,
            access: None,
            created: None,
            limit: None,
        }
    }

    #[test]
    fn nests_with_brackets_and_indexes_arrays() {
        let mut params = params();
        params.currencies.push(Currency::EUR);
        params.metadata.insert("order_id".into(), "6735".into());
        params.access = Some(Access { requested: true });
        params.limit = Some(3);
        assert_eq!(
            Form::from_params(&params).as_str(),
            "supported_currencies[0]=usd&supported_currencies[1]=eur&metadata[order_id]=6735\
             &card_issuing[requested]=true&limit=3"
        );
    }

    #[test]
    fn nested_keys_stay_intact_through_arrays_of_objects() {
        struct Line {
            name: &'static str,
            tags: Vec<String>,
            quantity: Option<i64>,
        }

        impl FormEncode for Line {
            fn encode(&self, key: &str, form: &mut Form) {
                form.field(key, "name", self.name);
                form.field(key, "tags", &self.tags);
                form.field(key, "quantity", &self.quantity);
            }
        }

        struct Order {
            lines: Vec<Line>,
            note: Option<String>,
        }

        impl FormEncode for Order {
            fn encode(&self, key: &str, form: &mut Form) {
                form.field(key, "lines", &self.lines);
                form.field(key, "note", &self.note);
            }
        }

        let order = Order {
            lines: vec![
                Line {
                    name: "a b",
                    tags: vec!["x".into(), "y".into()],
                    quantity: Some(-2),
                },
                Line {
                    name: "c",
                    tags: Vec::new(),
                    quantity: None,
                },
            ],
            note: Some("gift".into()),
        };
        let mut form = Form::default();
        form.field("", "order", &order);
        assert_eq!(
            form.as_str(),
            "order[lines][0][name]=a+b&order[lines][0][tags][0]=x&order[lines][0][tags][1]=y\
             &order[lines][0][quantity]=-2&order[lines][1][name]=c&order[note]=gift"
        );
        // Equality is about the parameters, not the buffers kept for keys.
        let mut flat = Form::default();
        flat.push("order[note]", "gift");
        let mut nested = Form::default();
        nested.field("order", "note", &order.note);
        assert_eq!(flat, nested);
    }

    #[test]
    fn clearable_sends_empty_value_and_none_sends_nothing() {
        let mut params = params();
        params.currencies.clear();
        assert_eq!(Form::from_params(&params).as_str(), "");
        params.nickname = Some(Clearable::Clear);
        assert_eq!(Form::from_params(&params).as_str(), "nickname=");
        params.nickname = Some(Clearable::Set("Main account".into()));
        assert_eq!(Form::from_params(&params).as_str(), "nickname=Main+account");
    }

    #[test]
    fn range_query_sends_bounds_or_exact_value() {
        let mut params = params();
        params.currencies.clear();
        params.created = Some(RangeQuery::between(
            Timestamp::from_unix_seconds(10),
            Timestamp::from_unix_seconds(20),
        ));
        assert_eq!(
            Form::from_params(&params).as_str(),
            "created[gte]=10&created[lt]=20"
        );
        params.created = Some(RangeQuery::Exact(Timestamp::from_unix_seconds(5)));
        assert_eq!(Form::from_params(&params).as_str(), "created=5");
    }

    #[test]
    fn percent_encodes_reserved_characters() {
        let mut form = Form::default();
        form.push("metadata[a&b=c]", "x&y=z%/é");
        assert_eq!(form.as_str(), "metadata[a%26b%3Dc]=x%26y%3Dz%25%2F%C3%A9");
    }

    #[test]
    fn map_keys_that_would_change_the_brackets_are_refused() {
        let mut params = params();
        params.metadata.insert("order_id".into(), "1".into());
        let form = Form::from_params(&params);
        assert_eq!(form.refusal(), None);
        params.metadata.insert("a]b[c".into(), "1".into());
        params.metadata.insert(String::new(), "2".into());
        let form = Form::from_params(&params);
        // The first key in order is the empty one.
        assert_eq!(
            form.refusal(),
            Some(
                "the key \"\" of `metadata` is empty, which would change the parameter's \
                 bracket structure; use a key without brackets"
            )
        );
        assert!(!form.as_str().contains("a]b[c"), "{}", form.as_str());
        let mut nested = Form::default();
        let metadata = BTreeMap::from([("x[y]", "1")]);
        nested.field("features", "metadata", &metadata);
        assert!(
            nested
                .refusal()
                .unwrap()
                .contains("`features[metadata]` holds `[` or `]`"),
            "{:?}",
            nested.refusal()
        );
    }

    #[test]
    fn list_expand_prefixes_data() {
        let mut form = Form::default();
        form.list_expand("", "expand", &["ownership"]);
        assert_eq!(form.as_str(), "expand[0]=data.ownership");
    }

    #[test]
    fn path_segments_cannot_escape_the_path() {
        assert_eq!(path_segment("fa_123").to_string(), "fa_123");
        assert_eq!(
            path_segment("../../v1/charges?x=1#").to_string(),
            "..%2F..%2Fv1%2Fcharges%3Fx%3D1%23"
        );
        assert_eq!(path_segment("..").to_string(), "%252E%252E");
        assert_eq!(path_segment(".").to_string(), "%252E");
        assert_eq!(path_segment("a b/c").to_string(), "a%20b%2Fc");
        // Left empty, for the client to refuse the path.
        assert_eq!(path_segment("").to_string(), "");
    }
}
