//! Property tests of the two parsers that read what WeChat sends: the
//! `errMsg` of a failure (`parse_err_msg`) and the base library's version
//! (`RunningVersion::parse`). Bounded case counts: the suite runs in
//! seconds. Host only (proptest does not build for wasm32).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use wx_bindings::parse_err_msg;
use wx_bindings::version::RunningVersion;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        // No regression files written next to the sources from a test run.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Strings made of the pieces errMsg parsing cares about, glued at random:
/// the separators, the words, spaces, and some other characters.
fn errmsg_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(":".to_string()),
        Just("fail".to_string()),
        Just("failed".to_string()),
        Just("ok".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("\u{3000}".to_string()), // an ideographic space: not ASCII whitespace
        "[A-Za-z0-9_.]{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// An API name as WeChat writes it before the colon (`showModal`,
/// `SocketTask.send`, `getStorage`).
fn api_name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9_]{0,24}(\\.[A-Za-z][A-Za-z0-9_]{0,12})?"
}

/// A reason as WeChat may write it: any characters at all (colons, spaces,
/// non-ASCII), except that it does not start with a colon or ASCII
/// whitespace (those are separators) and does not end in ASCII whitespace.
fn reason() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        any::<String>(),
        "[a-z ]{1,20}",
        "[\\u4e00-\\u9fff ]{1,10}",
        "[a-z]{1,8}: [a-z .;]{1,20}",
    ]
    .prop_filter("a reason starts and ends with what is not a separator", |r| {
        !r.starts_with(|c: char| c == ':' || c.is_ascii_whitespace()) && !r.ends_with(|c: char| c.is_ascii_whitespace())
    })
}

/// Whether `part` is a slice of `whole` (the parser returns borrowed parts).
fn is_slice_of(part: &str, whole: &str) -> bool {
    let range = whole.as_bytes().as_ptr_range();
    let start = part.as_ptr();
    range.start <= start && start <= range.end && part.len() <= whole.len() - (start as usize - range.start as usize)
}

proptest! {
    #![proptest_config(config())]

    /// Any string: no panic; a failure's parts are slices of the message,
    /// trimmed, the API before the first colon and free of colons.
    #[test]
    fn err_msg_never_panics_and_returns_trimmed_slices(text in prop_oneof![any::<String>(), errmsg_like()]) {
        if let Some((api, reason)) = parse_err_msg(&text) {
            prop_assert!(is_slice_of(api, &text) && is_slice_of(reason, &text), "{text:?}");
            prop_assert!(text.contains("fail"), "{text:?}");
            prop_assert!(!api.contains(':'), "{text:?} -> api {api:?}");
            prop_assert_eq!(api, text.split(':').next().unwrap().trim_matches(|c: char| c.is_ascii_whitespace()));
            for part in [api, reason] {
                prop_assert_eq!(part, part.trim_matches(|c: char| c.is_ascii_whitespace()), "{:?}", text);
            }
            prop_assert!(!reason.starts_with(':'), "{text:?} -> reason {reason:?}");
        }
    }

    /// `"<api>:fail <reason>"` (and WeChat's variants of the separator)
    /// gives back exactly the API and the reason.
    #[test]
    fn err_msg_round_trips(api in api_name(), reason in reason(), separator in prop_oneof![
        Just(":fail "), Just(": fail "), Just(":fail:"), Just(":fail: "), Just(":fail\t"), Just(":  fail  ")
    ]) {
        let message = format!("{api}{separator}{reason}");
        prop_assert_eq!(parse_err_msg(&message), Some((api.as_str(), reason.as_str())), "{:?}", message);
    }

    /// No reason at all: `"<api>:fail"`, with or without trailing spaces.
    #[test]
    fn err_msg_without_a_reason(api in api_name(), tail in "[ \t]{0,3}") {
        let message = format!("{api}:fail{tail}");
        prop_assert_eq!(parse_err_msg(&message), Some((api.as_str(), "")));
    }

    /// `"<api>:ok…"` is a success, whatever follows (even the word fail).
    #[test]
    fn ok_messages_are_not_failures(api in api_name(), rest in prop_oneof![any::<String>(), errmsg_like()]) {
        let message = format!("{api}:ok{rest}");
        prop_assert_eq!(parse_err_msg(&message), None, "{:?}", message);
    }

    /// Another word that starts with fail (`failed`, `failure`, `fail_x`)
    /// is not WeChat's `fail`.
    #[test]
    fn longer_words_are_not_fail(api in api_name(), next in "[A-Za-z0-9_]", rest in any::<String>()) {
        let message = format!("{api}:fail{next}{rest}");
        prop_assert_eq!(parse_err_msg(&message), None, "{:?}", message);
    }

    /// Any string: no panic; a rejection keeps the text and gives a reason.
    #[test]
    fn version_parse_never_panics(text in prop_oneof![
        any::<String>(),
        "[0-9.]{0,12}",
        "[0-9]{1,25}\\.[0-9]{1,25}\\.[0-9]{1,25}",
        "[0-9. \t+x-]{0,12}",
    ]) {
        match RunningVersion::parse(&text) {
            Ok(version) => {
                // Accepted: three numbers (semver's build or pre-release tail aside).
                let core = text.trim().split(['-', '+']).next().unwrap();
                let v = version.version();
                prop_assert_eq!(core, format!("{}.{}.{}", v.major, v.minor, v.patch));
            }
            Err(error) => {
                prop_assert_eq!(&error.text, &text);
                prop_assert!(!error.reason.is_empty(), "{text:?}: no reason");
                let expected_start = format!("`{text}` is not a base-library version like 2.10.2: ");
                prop_assert!(error.to_string().starts_with(&expected_start));
            }
        }
    }

    /// Three numbers are accepted, and versions order like the tuples.
    #[test]
    fn versions_order_like_tuples(
        a in (0u64..40, 0u64..40, 0u64..200),
        b in (0u64..40, 0u64..40, 0u64..200),
        big in (any::<u64>(), any::<u64>(), any::<u64>()),
    ) {
        let parse = |(x, y, z): (u64, u64, u64)| RunningVersion::parse(&format!("{x}.{y}.{z}")).unwrap();
        let (va, vb) = (parse(a), parse(b));
        prop_assert_eq!(va.cmp(&vb), a.cmp(&b), "{:?} vs {:?}", a, b);
        prop_assert_eq!(va.at_least(b.0, b.1, b.2), a >= b);
        let vbig = parse(big);
        let v = vbig.version();
        prop_assert_eq!((v.major, v.minor, v.patch), big);
    }

    /// A number with a leading zero, a fourth part, or a part past u64 is rejected.
    #[test]
    fn malformed_numbers_are_rejected(
        (x, y, z) in (0u64..1000, 0u64..1000, 0u64..1000),
        extra in 0u64..1000,
        which in 0usize..3,
    ) {
        let mut parts = [x.to_string(), y.to_string(), z.to_string()];
        let mut leading = parts.clone();
        leading[which] = format!("0{}", leading[which]);
        prop_assert!(RunningVersion::parse(&leading.join(".")).is_err(), "{}", leading.join("."));
        let four = format!("{x}.{y}.{z}.{extra}");
        prop_assert!(RunningVersion::parse(&four).is_err(), "{}", four);
        parts[which] = format!("{}{extra:03}", u64::MAX);
        prop_assert!(RunningVersion::parse(&parts.join(".")).is_err(), "{}", parts.join("."));
    }
}

/// The inputs issue 11 names, and their kin: each rejected with a reason,
/// the text kept as given.
#[test]
fn named_bad_versions_are_rejected_with_a_reason() {
    for text in [
        "",
        " ",
        "2.x",
        "2",
        "2.18",
        "1.9.6.1",
        "01.9.6",
        "1.09.6",
        "1.9.06",
        "18446744073709551616.0.0", // u64::MAX + 1
        "1.9.99999999999999999999999999",
        "１.９.６", // fullwidth digits
        "١.٩.٦",    // Arabic-Indic digits
        "1.9.6é",
        "v1.9.6",
        "1. 9.6",
        "1 .9.6",
        "1.9.6 1",
        "1.9.\t6",
        "1..6",
        ".1.9.6",
        "1.9.6.",
        "-1.9.6",
    ] {
        let error = RunningVersion::parse(text).expect_err(text);
        assert_eq!(error.text, text);
        assert!(!error.reason.is_empty(), "{text:?}");
    }
}

/// What is accepted around the numbers today: surrounding whitespace (the
/// documented trim) and, through semver, a pre-release or build tail,
/// which WeChat's versions never have. A pre-release orders below its
/// release, so `at_least` stays conservative.
#[test]
fn accepted_around_the_numbers() {
    let plain = RunningVersion::parse("2.18.1").unwrap();
    for text in [" 2.18.1", "2.18.1 ", "\t2.18.1\n", "\u{3000}2.18.1"] {
        assert_eq!(RunningVersion::parse(text).unwrap(), plain, "{text:?}");
    }
    let beta = RunningVersion::parse("2.18.1-beta").unwrap();
    assert!(beta < plain && !beta.at_least(2, 18, 1) && beta.at_least(2, 18, 0));
    assert_eq!(
        RunningVersion::parse("2.18.1+build.7")
            .unwrap()
            .version()
            .build
            .as_str(),
        "build.7"
    );
}
