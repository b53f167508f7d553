//! The bodies of the fuzz targets, one per parser of bad input. Each takes
//! the fuzzer's bytes, runs the parser and asserts what must hold for any
//! input: a panic is a finding. The same functions run on stable over the
//! committed seeds (`tests/tests/fuzz_corpus.rs` in the workspace includes
//! this file), so they compile and run in CI without nightly.

use proc_macro2::TokenStream;
use wx_bindings::parse_err_msg;
use wx_bindings::version::RunningVersion;
use wx_codegen::parse::{Errors, parse_declarations};

fn ascii_space(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// `parse_err_msg`: no panic; a failure's API and reason are trimmed
/// slices of the message, the API the part before the first colon; and a
/// message rebuilt as `"<api>:fail <reason>"` gives both back.
pub fn err_msg(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((api, reason)) = parse_err_msg(text) {
        let before_colon = text.split(':').next().unwrap_or_default();
        assert_eq!(api, before_colon.trim_matches(ascii_space), "{text:?}");
        assert_eq!(reason, reason.trim_matches(ascii_space), "{text:?}");
        assert!(!reason.starts_with(':'), "{text:?}");
        assert!(text.contains("fail"), "{text:?}");
        let rebuilt = format!("{api}:fail {reason}");
        if !api.is_empty() {
            assert_eq!(parse_err_msg(&rebuilt), Some((api, reason)), "{text:?} -> {rebuilt:?}");
        }
    }
    // The same bytes as a reason: any reason WeChat may write round-trips.
    let reason = text
        .trim_start_matches(|c: char| c == ':' || ascii_space(c))
        .trim_end_matches(ascii_space);
    let message = format!("showModal:fail {reason}");
    assert_eq!(parse_err_msg(&message), Some(("showModal", reason)), "{message:?}");
    assert_eq!(parse_err_msg(&format!("showModal:ok{text}")), None, "{text:?}");
}

/// `RunningVersion::parse`: no panic; an accepted version prints back as
/// its numbers (and reparses equal); a rejection keeps the text and says why.
pub fn base_version(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match RunningVersion::parse(text) {
        Ok(version) => {
            let v = version.version();
            let core = text.trim().split(['-', '+']).next().unwrap_or_default();
            assert_eq!(core, format!("{}.{}.{}", v.major, v.minor, v.patch), "{text:?}");
            assert_eq!(
                RunningVersion::parse(&version.to_string()).as_ref(),
                Ok(&version),
                "{text:?}"
            );
        }
        Err(error) => {
            assert_eq!(error.text, text);
            assert!(!error.reason.is_empty(), "{text:?}: rejected without a reason");
        }
    }
}

/// The `wx!` input parser: no panic on anything the lexer accepts; input
/// with tokens either declares something or reports an error.
pub fn wx_input(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tokens) = text.parse::<TokenStream>() else {
        return; // the compiler's lexer rejects it before any macro runs
    };
    let empty = tokens.is_empty();
    let mut errors = Errors::default();
    let declarations = parse_declarations(tokens, &mut errors);
    match errors.finish(()) {
        Ok(()) => assert!(
            empty || !declarations.is_empty(),
            "{text:?}: tokens, but no declaration and no error"
        ),
        Err(error) => assert!(
            error.into_iter().all(|e| !e.to_string().is_empty()),
            "{text:?}: an error without a message"
        ),
    }
}
