//! Property tests of the `wx!` input parser (`parse::parse_declarations`):
//! token-ish input never makes it panic, every error it reports points
//! into the input, and well-formed declarations always parse. Bounded case
//! counts: seconds.

use proc_macro2::{LineColumn, Span, TokenStream};
use proptest::prelude::*;
use wx_codegen::parse::{Errors, parse_declarations};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 384,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of Rust that a `wx!` body is made of, and some it must not hold.
const PIECES: &[&str] = &[
    "fn",
    "pub",
    "pub(crate)",
    "async",
    "unsafe",
    "const",
    "extern \"C\"",
    "(",
    ")",
    "<",
    ">",
    "->",
    ";",
    ",",
    ":",
    "&",
    "&'a",
    "mut",
    "self",
    "Result",
    "Result<(), JsValue>",
    "JsValue",
    "String",
    "&str",
    "T",
    "where",
    "...",
    "#",
    "[",
    "]",
    "#[wx(js_name = \"showToast\")]",
    "#[wx(catch)]",
    "#[wx(js_name)]",
    "#[inline]",
    "wx",
    "js_name",
    "=",
    "\"getStorageSync\"",
    "/// Docs.\n",
    "{",
    "}",
    "{}",
    "::",
    "core::result::Result",
    "dyn",
    "impl",
    "Fn()",
    "_",
    "x",
    "show_toast",
    "options",
    "42",
    "1.5",
    "'c'",
    "b\"\"",
    "struct",
    "let",
    "!",
    "?",
    "..",
    "@",
    "$",
    "|",
    "+",
    "*",
    "-",
    "'a",
    "\n",
];

/// Strings of those pieces (and identifiers) glued with spaces.
fn tokenish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "[a-z_][a-z0-9_]{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.join(" "))
}

/// A well-formed declaration, with its Rust name.
fn declaration() -> impl Strategy<Value = (String, String)> {
    let name = "[a-z][a-z0-9_]{0,10}".prop_filter("not a keyword", |n| syn::parse_str::<syn::Ident>(n).is_ok());
    let param = prop_oneof![
        Just("&JsValue"),
        Just("&str"),
        Just("f64"),
        Just("bool"),
        Just("&js_sys::Function")
    ];
    let ok = prop_oneof![Just("()"), Just("JsValue"), Just("String"), Just("f64")];
    (
        name,
        prop::collection::vec(param, 0..4),
        ok,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, params, ok, public, doc, js_name)| {
            let params: Vec<String> = params.iter().enumerate().map(|(i, t)| format!("a{i}: {t}")).collect();
            let text = format!(
                "{}{}{}fn {name}({}) -> Result<{ok}, JsValue>;",
                if doc { "/// Calls it.\n" } else { "" },
                if js_name { "#[wx(js_name = \"someApi\")] " } else { "" },
                if public { "pub " } else { "" },
                params.join(", "),
            );
            (text, name)
        })
}

/// One token of a well-formed list replaced, removed or doubled: nearly
/// right input, where the parser's error paths are.
fn damaged() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(declaration(), 1..4),
        any::<prop::sample::Index>(),
        prop::sample::select(PIECES),
        0u8..3,
    )
        .prop_map(|(decls, at, piece, how)| {
            let text = decls.into_iter().map(|(t, _)| t).collect::<Vec<_>>().join("\n");
            let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
            let i = at.index(words.len());
            match how {
                0 => words[i] = piece.to_string(),
                1 => {
                    words.remove(i);
                }
                _ => words.insert(i, piece.to_string()),
            }
            words.join(" ")
        })
}

/// Parses `text` (which the lexer accepted) and returns the errors' spans and messages.
fn errors_of(tokens: TokenStream) -> (usize, Vec<(Span, String)>) {
    let mut errors = Errors::default();
    let declarations = parse_declarations(tokens, &mut errors);
    let errors = match errors.finish(()) {
        Ok(()) => Vec::new(),
        Err(all) => all.into_iter().map(|e| (e.span(), e.to_string())).collect(),
    };
    (declarations.len(), errors)
}

/// Where `text`'s own tokens start and end, as the lexer saw them.
fn extent(tokens: &TokenStream) -> Option<(LineColumn, LineColumn)> {
    let mut spans = tokens.clone().into_iter().map(|t| t.span());
    let first = spans.next()?;
    let last = spans.last().unwrap_or(first);
    Some((first.start(), last.end()))
}

/// Each error has a message, and its span lies within the input's tokens
/// and shows one of them, unless it is the call site (an error at the end
/// of the input).
fn check_error_spans(text: &str, tokens: &TokenStream, errors: &[(Span, String)]) -> Result<(), TestCaseError> {
    for (span, message) in errors {
        prop_assert!(!message.is_empty(), "{text:?}: an error without a message");
        let (start, end) = (span.start(), span.end());
        prop_assert!(
            (start.line, start.column) <= (end.line, end.column),
            "{text:?}: {message}: span ends before it starts"
        );
        if span.byte_range() == (0..0) {
            // The call site: syn's errors at the end of the input ("unexpected
            // end of input", or the token it expected there) point at the
            // `wx!` invocation, as in any proc macro.
            continue;
        }
        let (first, last) = extent(tokens).expect("an error about tokens has tokens");
        prop_assert!(
            (first.line, first.column) <= (start.line, start.column)
                && (end.line, end.column) <= (last.line, last.column),
            "{text:?}: {message}: span {start:?}..{end:?} outside the input {first:?}..{last:?}"
        );
        let source = span.source_text();
        prop_assert!(
            source
                .as_deref()
                .is_some_and(|s| !s.is_empty() && text.contains(s.split_whitespace().next().unwrap_or(s))),
            "{text:?}: {message}: span shows {source:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Arbitrary token-ish input: no panic; errors point into the input;
    /// input that is not empty either declares something or is an error.
    #[test]
    fn token_soup_never_panics_and_errors_point_into_it(text in tokenish()) {
        let Ok(tokens) = text.parse::<TokenStream>() else {
            return Ok(()); // the compiler's lexer rejects it before any macro runs
        };
        let (declared, errors) = errors_of(tokens.clone());
        check_error_spans(&text, &tokens, &errors)?;
        if !tokens.is_empty() {
            prop_assert!(declared > 0 || !errors.is_empty(), "{text:?}: neither declarations nor errors");
        }
    }

    /// Any string at all, through the lexer: no panic.
    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        if let Ok(tokens) = text.parse::<TokenStream>() {
            let (_, errors) = errors_of(tokens.clone());
            check_error_spans(&text, &tokens, &errors)?;
        }
    }

    /// Well-formed declarations parse, in order, with no error.
    #[test]
    fn declarations_parse(decls in prop::collection::vec(declaration(), 0..6)) {
        let text = decls.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join("\n");
        let tokens: TokenStream = text.parse().unwrap();
        let mut errors = Errors::default();
        let parsed = parse_declarations(tokens, &mut errors);
        if let Err(e) = errors.finish(()) {
            return Err(TestCaseError::fail(format!("{text:?}: {e}")));
        }
        let names: Vec<String> = parsed.iter().map(|d| d.ident.to_string()).collect();
        let expected: Vec<&String> = decls.iter().map(|(_, n)| n).collect();
        prop_assert_eq!(names.iter().collect::<Vec<_>>(), expected);
    }

    /// One token damaged in well-formed input: no panic, errors point into it.
    #[test]
    fn damaged_declarations_never_panic_and_errors_point_into_them(text in damaged()) {
        let Ok(tokens) = text.parse::<TokenStream>() else {
            return Ok(());
        };
        let (_, errors) = errors_of(tokens.clone());
        check_error_spans(&text, &tokens, &errors)?;
    }
}

/// The errors of some fixed bad inputs point at the right token (line and
/// column, counted by hand).
#[test]
fn errors_point_at_the_offending_token() {
    let cases: [(&str, &str, (usize, usize)); 5] = [
        (
            "fn a() -> Result<(), JsValue>;\nasync fn b() -> Result<(), JsValue>;",
            "async",
            (2, 0),
        ),
        ("fn a(x: &JsValue) -> JsValue;", "JsValue", (1, 21)),
        ("struct Foo;", "struct", (1, 0)),
        ("fn a() -> Result<(), JsValue> {}", "{}", (1, 30)),
        ("#[wx(catch)] fn a() -> Result<(), JsValue>;", "catch", (1, 5)),
    ];
    for (text, token, (line, column)) in cases {
        let tokens: TokenStream = text.parse().unwrap();
        let (_, errors) = errors_of(tokens);
        let (span, message) = errors.first().unwrap_or_else(|| panic!("{text:?}: no error"));
        assert_eq!(
            (span.start().line, span.start().column),
            (line, column),
            "{text:?}: {message}"
        );
        assert_eq!(span.source_text().as_deref(), Some(token), "{text:?}: {message}");
    }
}
