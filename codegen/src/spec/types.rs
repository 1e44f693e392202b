//! The type expressions of field declarations: `string`, `array<Enum>`, `map<currency, integer>`,
//! `expandable<shared::Customer>`.

use crate::diagnostics::Diagnostic;
use crate::source::Span;
use crate::spec::ast::{InlineKind, MapKey, NameRef, TypeExpr, TypeRef};
use crate::suggest;

/// The built-in type names, for messages and suggestions.
pub const BUILTINS: &[&str] = &[
    "string",
    "integer",
    "boolean",
    "timestamp",
    "currency",
    "id",
    "object_tag",
    "expand",
    "array",
    "map",
    "expandable",
    "list",
    "range",
    "number",
    "deleted",
    "json",
    "search",
    "one_of",
    "object",
    "enum",
];

/// Deeper nesting than any field needs is refused, so that a hostile type cannot exhaust the
/// stack (`array<array<array<...`).
const MAX_DEPTH: usize = 8;

/// Parses `text`, written at `span`. `precise` says whether columns inside the text can be
/// computed (a plain scalar on one line); otherwise errors point at the whole scalar.
pub fn parse(text: &str, span: Span, precise: bool) -> Result<TypeRef, Diagnostic> {
    let tokens = tokenize(text, span, precise)?;
    let mut parser = TypeParser {
        tokens,
        position: 0,
        end: span_at(span, precise, text.chars().count(), 1),
        depth: 0,
    };
    let ty = parser.ty()?;
    match parser.peek() {
        None => Ok(ty),
        Some(token) => Err(Diagnostic::new(
            token.span,
            format!("unexpected `{}` after the type", token.text),
        )
        .help("a field has exactly one type, such as `string` or `array<string>`")),
    }
}

#[derive(Debug)]
struct Token<'a> {
    text: &'a str,
    span: Span,
}

fn span_at(span: Span, precise: bool, offset: usize, len: usize) -> Span {
    if precise {
        span.slice(offset, len)
    } else {
        span
    }
}

fn tokenize(text: &str, span: Span, precise: bool) -> Result<Vec<Token<'_>>, Diagnostic> {
    let mut tokens = Vec::new();
    // (byte index, character index, char); character indices give columns without recounting.
    let mut chars = text
        .char_indices()
        .enumerate()
        .map(|(offset, (index, c))| (index, offset, c))
        .peekable();
    while let Some((start, offset, c)) = chars.next() {
        let (end, len) = if c.is_ascii_alphanumeric() || c == '_' {
            let (mut end, mut len) = (start + 1, 1);
            while let Some(&(index, _, next)) = chars.peek() {
                if !(next.is_ascii_alphanumeric() || next == '_') {
                    break;
                }
                (end, len) = (index + 1, len + 1);
                chars.next();
            }
            (end, len)
        } else if c == ':' && chars.peek().is_some_and(|&(_, _, next)| next == ':') {
            chars.next();
            (start + 2, 2)
        } else if matches!(c, '<' | '>' | ',') {
            (start + 1, 1)
        } else if c.is_whitespace() {
            continue;
        } else {
            let at = span_at(span, precise, offset, 1);
            return Err(Diagnostic::new(at, format!("unexpected character `{c}` in a type"))
                .help("types look like `string`, `AccountStatus`, `array<string>` or `map<currency, integer>`"));
        };
        tokens.push(Token {
            text: &text[start..end],
            span: span_at(span, precise, offset, len),
        });
    }
    Ok(tokens)
}

struct TypeParser<'a> {
    tokens: Vec<Token<'a>>,
    position: usize,
    end: Span,
    depth: usize,
}

impl<'a> TypeParser<'a> {
    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.position)
    }

    fn eat(&mut self, text: &str) -> bool {
        if self.peek().is_some_and(|token| token.text == text) {
            self.position += 1;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Result<(String, Span), Diagnostic> {
        match self.peek() {
            Some(token)
                if token
                    .text
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') =>
            {
                let ident = (token.text.to_owned(), token.span);
                self.position += 1;
                Ok(ident)
            }
            Some(token) => Err(Diagnostic::new(
                token.span,
                format!("expected a type name, found `{}`", token.text),
            )),
            None => Err(Diagnostic::new(
                self.end,
                "expected a type name, found the end of the type",
            )),
        }
    }

    fn ty(&mut self) -> Result<TypeRef, Diagnostic> {
        let (first, span) = self.ident()?;
        let (module, name, span) = if self.eat("::") {
            let (name, name_span) = self.ident()?;
            let len = name_span.col + name_span.len - span.col;
            (Some(first), name, Span { len, ..span })
        } else {
            (None, first, span)
        };
        let mut args = Vec::new();
        if self.eat("<") {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(Diagnostic::new(
                    span,
                    format!("type nested deeper than {MAX_DEPTH} levels"),
                )
                .help("no Stripe field needs this; name an object for the inner part instead"));
            }
            loop {
                args.push(self.ty()?);
                if self.eat(",") {
                    continue;
                }
                if self.eat(">") {
                    self.depth -= 1;
                    break;
                }
                let at = self.peek().map_or(self.end, |token| token.span);
                return Err(Diagnostic::new(
                    at,
                    "expected `,` or `>` in the type's arguments",
                ));
            }
        }
        let reference = NameRef { module, name, span };
        interpret(reference, args)
    }
}

fn interpret(reference: NameRef, mut args: Vec<TypeRef>) -> Result<TypeRef, Diagnostic> {
    let span = reference.span;
    let is_builtin =
        reference.module.is_none() && reference.name.starts_with(|c: char| c.is_ascii_lowercase());
    if !is_builtin {
        if !args.is_empty() {
            return Err(Diagnostic::new(
                span,
                format!("`{}` takes no type arguments", reference.display()),
            ));
        }
        return Ok(TypeRef {
            expr: TypeExpr::Named(reference),
            span,
        });
    }
    let name = reference.name.as_str();
    let arity = match name {
        "string" | "integer" | "boolean" | "timestamp" | "currency" | "object_tag" | "expand"
        | "number" | "deleted" | "json" | "object" | "enum" => 0,
        "id" if args.is_empty() => 0,
        "id" | "array" | "expandable" | "list" | "range" | "search" => 1,
        "map" => 2,
        "one_of" if args.len() >= 2 => args.len(),
        _ => {
            let mut error = Diagnostic::new(
                span,
                format!("unknown type `{name}`; expected a built-in type or a type name"),
            );
            if let Some(builtin) = suggest::closest(name, BUILTINS.iter().copied()) {
                error = error.help(format!("did you mean `{builtin}`?"));
            } else {
                let builtins: Vec<String> = BUILTINS.iter().map(|b| format!("`{b}`")).collect();
                error = error.help(format!(
                    "the built-in types are {}; type names start with a capital letter",
                    builtins.join(", ")
                ));
            }
            return Err(error);
        }
    };
    if args.len() != arity {
        let usage = match name {
            "map" => "`map<string, T>` or `map<currency, T>`".to_owned(),
            "one_of" => "`one_of<A, B>`, with two types or more".to_owned(),
            _ if arity == 0 => format!("`{name}`, without arguments"),
            _ => format!("`{name}<T>`"),
        };
        return Err(Diagnostic::new(
            span,
            format!(
                "`{name}` takes {arity} type argument{}, found {}",
                if arity == 1 { "" } else { "s" },
                args.len()
            ),
        )
        .help(format!("write {usage}")));
    }
    let expr = match name {
        "string" => TypeExpr::String,
        "integer" => TypeExpr::Integer,
        "boolean" => TypeExpr::Boolean,
        "timestamp" => TypeExpr::Timestamp,
        "currency" => TypeExpr::Currency,
        "object_tag" => TypeExpr::ObjectTag,
        "expand" => TypeExpr::Expand,
        "number" => TypeExpr::Number,
        "deleted" => TypeExpr::Deleted,
        "json" => TypeExpr::Json,
        "object" => TypeExpr::Inline(InlineKind::Object),
        "enum" => TypeExpr::Inline(InlineKind::Enum),
        "one_of" => TypeExpr::OneOf(args),
        "id" if args.is_empty() => TypeExpr::OwnId,
        "array" => TypeExpr::Array(Box::new(args.remove(0))),
        "range" => TypeExpr::Range(Box::new(args.remove(0))),
        "map" => {
            let value = args.remove(1);
            let key = match args.remove(0).expr {
                TypeExpr::String => MapKey::String,
                TypeExpr::Currency => MapKey::Currency,
                _ => {
                    return Err(
                        Diagnostic::new(span, "map keys must be `string` or `currency`")
                            .help("write `map<string, T>` or `map<currency, T>`"),
                    );
                }
            };
            TypeExpr::Map(key, Box::new(value))
        }
        _ => {
            // id, expandable, list and search take a type name.
            let arg = args.remove(0);
            let TypeExpr::Named(target) = arg.expr else {
                return Err(Diagnostic::new(
                    arg.span,
                    format!("`{name}<...>` takes the name of a type, such as `{name}<Account>`"),
                ));
            };
            match name {
                "id" => TypeExpr::Id(target),
                "expandable" => TypeExpr::Expandable(target),
                "search" => TypeExpr::Search(target),
                _ => TypeExpr::List(target),
            }
        }
    };
    Ok(TypeRef { expr, span })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn at() -> Span {
        Span {
            file: FileId(0),
            line: 4,
            col: 15,
            len: 30,
        }
    }

    fn parse_ok(text: &str) -> TypeExpr {
        parse(text, at(), true)
            .unwrap_or_else(|error| panic!("{text}: {error:?}"))
            .expr
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(parse_ok("string"), TypeExpr::String);
        assert_eq!(parse_ok("id"), TypeExpr::OwnId);
        assert!(
            matches!(parse_ok("array<array<integer>>"), TypeExpr::Array(inner) if matches!(inner.expr, TypeExpr::Array(_)))
        );
        assert!(
            matches!(parse_ok("map<currency, integer>"), TypeExpr::Map(MapKey::Currency, value) if value.expr == TypeExpr::Integer)
        );
        let TypeExpr::Expandable(target) = parse_ok("expandable< shared::Customer >") else {
            panic!()
        };
        assert_eq!(
            (target.module.as_deref(), target.name.as_str()),
            (Some("shared"), "Customer")
        );
        assert!(matches!(parse_ok("id<Account>"), TypeExpr::Id(_)));
        assert!(matches!(parse_ok("list<AccountOwner>"), TypeExpr::List(_)));
        assert!(matches!(parse_ok("range<timestamp>"), TypeExpr::Range(_)));
        assert_eq!(parse_ok("number"), TypeExpr::Number);
        assert_eq!(parse_ok("deleted"), TypeExpr::Deleted);
        assert_eq!(parse_ok("json"), TypeExpr::Json);
        assert!(matches!(parse_ok("search<Customer>"), TypeExpr::Search(_)));
        assert_eq!(
            parse_ok("array<object>"),
            TypeExpr::Array(Box::new(TypeRef {
                expr: TypeExpr::Inline(InlineKind::Object),
                span: at().slice(6, 6),
            }))
        );
        let TypeExpr::OneOf(variants) = parse_ok("one_of<integer, range<integer>, enum>") else {
            panic!()
        };
        assert_eq!(variants.len(), 3);
        assert_eq!(variants[2].expr, TypeExpr::Inline(InlineKind::Enum));
    }

    #[test]
    fn points_into_the_text_and_suggests() {
        let error = parse("array<strng>", at(), true).unwrap_err();
        assert_eq!((error.span.col, error.span.len), (21, 5));
        assert_eq!(error.help.as_deref(), Some("did you mean `string`?"));
    }

    #[test]
    fn rejects_malformed_types() {
        for text in [
            "",
            "array",
            "array<>",
            "array<string",
            "map<integer, string>",
            "Account<string>",
            "string>",
            "id<string>",
            "a b",
            "list<$>",
            "one_of<string>",
            "search<string>",
            "object<string>",
        ] {
            assert!(parse(text, at(), true).is_err(), "{text} should not parse");
        }
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing_the_stack() {
        let deep = format!("{}string{}", "array<".repeat(100_000), ">".repeat(100_000));
        let error = parse(&deep, at(), true).unwrap_err();
        assert!(error.message.contains("deeper"), "{}", error.message);
        let fine = format!("{}string{}", "array<".repeat(8), ">".repeat(8));
        assert!(parse(&fine, at(), true).is_ok());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        // `é` is two bytes; the error points one character past it.
        let error = parse("array<é>", at(), true).unwrap_err();
        assert_eq!(error.span.col, at().col + 6);
        let error = parse("array<\u{3000}", at(), true).unwrap_err();
        assert_eq!(error.span.col, at().col + 7);
    }
}
