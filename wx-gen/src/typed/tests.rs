//! The typed layer's tests.

use std::collections::{BTreeMap, BTreeSet};

use wx_allowlist::{Allowlist, Kind};

use super::files::*;
use super::model::*;
use super::names::*;

#[test]
fn typed_functions_unsupported_today_are_deprecated() {
    // Issue 20 item 9's list: on the reference page, `在插件中使用：不支持` in the typings.
    let expected = [
        ("device", "onAccelerometerChange"),
        ("media", "onBackgroundAudioPause"),
        ("media", "onBackgroundAudioPlay"),
        ("media", "onBackgroundAudioStop"),
        ("device", "onCompassChange"),
        ("device", "onUserCaptureScreen"),
    ];
    let files = files(Allowlist::get());
    let all: String = files.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(all.matches("#[deprecated(").count(), expected.len());
    for (module, name) in expected {
        let text: String = files
            .iter()
            .filter(|(path, _)| path.contains(&format!("/generated/{module}/")))
            .map(|(_, text)| text.as_str())
            .collect();
        let note = format!(
            "`wx.{name}` is on the official plugin API page, but today's WeChat may leave it out of the `wx` object a plugin sees (miniprogram-api-typings 5.2.3: not supported in plugins): the call then returns `Err(WxError::Js)`;"
        );
        assert!(text.contains(&note), "{module}/ lacks {note}");
    }
}

#[test]
fn typings_text_is_safe_in_rustdoc() {
    assert_eq!(
        doc_text("对应[camera](https://x.cn/camera.html) 组件"),
        "对应[camera](https://x.cn/camera.html) 组件"
    );
    assert_eq!(doc_text("a[0] < b"), "a\\[0\\] &lt; b");
    assert_eq!(doc_text("[x](relative.html)"), "\\[x\\](relative.html)");
    assert_eq!(doc_text("path\\to"), "path\\\\to");
}

/// Every event of the typed layer (the `on*` functions and the permitted
/// event methods of WeChat's objects), grouped by what its listener gets.
fn events_by_payload() -> BTreeMap<&'static str, Vec<String>> {
    let list = Allowlist::get();
    let model = Model::new(list);
    let mut events: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut add = |payload: EventPayload, name: String| {
        let group = match payload {
            EventPayload::Unit => "unit",
            EventPayload::Bare => "bare",
            EventPayload::Error => "error",
            EventPayload::Typed(_) => "typed",
            EventPayload::Js => "js",
        };
        events.entry(group).or_default().push(name);
    };
    for api in model.apis.values().flatten() {
        if let Some(e) = &api.typings
            && api.kind == Kind::Listener
            && api.name.starts_with("on")
        {
            add(event_payload(list, &api.name, e.payload.as_ref()), api.name.clone());
        }
    }
    for (name, _) in model.usage.iter().filter(|(_, u)| u.object) {
        for m in interface(list, name)
            .expect("exists")
            .methods
            .iter()
            .filter(|m| method_since(m).is_some())
        {
            if let MethodKind::On(payload) = method_kind(list, m) {
                add(event_payload(list, &m.name, payload), format!("{name}.{}", m.name));
            }
        }
    }
    for names in events.values_mut() {
        names.sort();
    }
    events
}

#[test]
fn error_events_deliver_a_wx_error_and_only_bare_events_deliver_unit() {
    let events = events_by_payload();
    // Issue 20: these delivered `()`, losing WeChat's errMsg (and errCode).
    // The list is the typings': every permitted `onError` whose payload is
    // `GeneralCallbackResult`, an errCode/errMsg result, or untyped.
    assert_eq!(
        events["error"],
        [
            "BackgroundAudioManager.onError",
            "InferenceSession.onError",
            "InnerAudioContext.onError",
            "RecorderManager.onError",
            "SocketTask.onError",
            "UDPSocket.onError",
        ]
    );
    // `(...args: any[]) => any` in the typings: the first argument, untyped.
    assert_eq!(events["js"], ["InferenceSession.onLoad", "Ndef.onNdefMessage"]);
    // An errCode is data: the reason the VoIP chat was interrupted.
    assert!(
        events["typed"].contains(&"onVoIPChatInterrupted".to_string()),
        "{:?}",
        events["typed"]
    );
    // What is left as `()`: events whose object holds only an errMsg.
    let bare: Vec<String> = [
        "onAudioInterruptionBegin",
        "onAudioInterruptionEnd",
        "onBackgroundAudioPause",
        "onBackgroundAudioPlay",
        "onBackgroundAudioStop",
        "onLocalServiceDiscoveryStop",
    ]
    .into_iter()
    .map(String::from)
    .chain(
        [
            (
                "BackgroundAudioManager",
                &[
                    "onCanplay",
                    "onEnded",
                    "onNext",
                    "onPause",
                    "onPlay",
                    "onPrev",
                    "onSeeked",
                    "onSeeking",
                    "onStop",
                    "onTimeUpdate",
                    "onWaiting",
                ][..],
            ),
            (
                "InnerAudioContext",
                &[
                    "onCanplay",
                    "onEnded",
                    "onPause",
                    "onPlay",
                    "onSeeked",
                    "onSeeking",
                    "onStop",
                    "onTimeUpdate",
                    "onWaiting",
                ][..],
            ),
            (
                "RecorderManager",
                &[
                    "onInterruptionBegin",
                    "onInterruptionEnd",
                    "onPause",
                    "onResume",
                    "onStart",
                ][..],
            ),
            ("UDPSocket", &["onClose", "onListening"][..]),
        ]
        .into_iter()
        .flat_map(|(object, events)| events.iter().map(move |e| format!("{object}.{e}"))),
    )
    .collect();
    let mut bare = bare;
    bare.sort();
    assert_eq!(events["bare"], bare);
    assert!(
        !events.contains_key("unit"),
        "an event without a payload: {:?}",
        events.get("unit")
    );
}

#[test]
fn names_are_valid_rust() {
    assert_eq!(member_ident("type").to_string(), "type_");
    assert_eq!(member_ident("new").to_string(), "new_");
    assert_eq!(member_ident("SDKVersion").to_string(), "sdk_version");
    assert_eq!(member_ident("2d").to_string(), "f_2d");
    let mut taken = BTreeSet::new();
    assert_eq!(variant_ident("HMAC-SHA256", &mut taken).to_string(), "HmacSha256");
    assert_eq!(variant_ident("2d", &mut taken).to_string(), "V2d");
    assert_eq!(variant_ident("", &mut taken).to_string(), "Empty");
    assert_eq!(variant_ident("hmac_sha256", &mut taken).to_string(), "HmacSha256_");
}
