//! End to end: Rust components (`tests/plugins/components`) packaged by
//! wx-pack in both modes and driven through the four exports of the
//! component protocol (`docs/component-protocol.md` §1) by
//! `tests/plugins/components/drive.js` (the glue's exports, as the generated
//! component files call them), with fake WeChat instances that
//! record every `setData` and `triggerEvent`, in the simulated host.
//!
//! The expected payloads are worked out by hand from WeChat's path syntax
//! and the diff's rules (`wx_bindings::component`'s docs).

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};
use wx_tests::e2e::{MODES, e2e_dir, plugin_at, workspace};

fn components(mode: &str) -> PathBuf {
    plugin_at(&workspace().join("tests/plugins/components"), mode)
}

/// Runs `plan` (see drive.js) and returns its report.
fn drive(mode: &str, base: &str, test: &str, plan: Value) -> Value {
    let dir = components(mode);
    let file = e2e_dir().join(format!("components-plan-{test}-{mode}.json"));
    std::fs::write(&file, plan.to_string()).unwrap();
    let output = Command::new("node")
        .arg(workspace().join("tests/plugins/components/drive.js"))
        .arg(&dir)
        .arg(&file)
        .arg(base)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "drive.js failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn tap() -> Value {
    json!({ "type": "tap", "detail": {}, "currentTarget": { "dataset": {} } })
}

fn step_ok(report: &Value, i: usize) -> &Value {
    let step = &report["steps"][i];
    assert_eq!(step["ok"], true, "step {i}: {report:#}");
    &step["result"]
}

#[test]
fn the_static_shape_is_the_protocols() {
    for (mode, base) in MODES {
        let report = drive(mode, base, "shape", json!([{ "op": "describe" }]));
        let counter = &step_ok(&report, 0)["components"][0];
        assert_eq!(
            *counter,
            json!({
                "name": "counter",
                "properties": [
                    { "name": "step", "type": "Number", "value": 1, "observer": false },
                    { "name": "label", "type": "String", "value": "", "observer": true }
                ],
                "data": { "count": 0, "label": "" },
                "methods": ["increment", "label_changed", "explode", "overflow", "reset", "taps"],
                "lifetimes": ["attached"],
                "pageLifetimes": [],
                "observers": [],
                "options": {},
                "externalClasses": [],
                "export": false
            }),
            "{mode}"
        );
        assert_eq!(step_ok(&report, 0)["protocol"], 1);
        let names: Vec<&Value> = step_ok(&report, 0)["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["name"])
            .collect();
        assert_eq!(names, [&json!("counter"), &json!("todo-list"), &json!("loader")]);
    }
}

#[test]
fn a_counter_sends_only_what_changed_and_survives_a_panic() {
    for (mode, base) in MODES {
        let report = drive(
            mode,
            base,
            "counter",
            json!([
                { "op": "create", "as": "c", "name": "counter", "properties": { "step": 2, "label": "" } },
                { "op": "call", "id": "c", "kind": "lifetime", "name": "attached", "args": [] },
                { "op": "call", "id": "c", "kind": "method", "name": "increment", "args": [tap()] },
                { "op": "property", "id": "c", "key": "label", "value": "hi" },
                { "op": "call", "id": "c", "kind": "method", "name": "explode", "args": [tap()] },
                { "op": "call", "id": "c", "kind": "method", "name": "increment", "args": [tap()] },
                { "op": "call", "id": "c", "kind": "method", "name": "taps", "args": [] },
                { "op": "create", "as": "t", "name": "todo-list" },
                { "op": "call", "id": "t", "kind": "method", "name": "add", "args": [{ "type": "confirm", "detail": { "value": "milk" } }] },
                { "op": "call", "id": "c", "kind": "method", "name": "reset", "args": [] },
                { "op": "call", "id": "c", "kind": "method", "name": "reset", "args": [] }
            ]),
        );
        // The panic is the trap's error, in both modes; everything else succeeds.
        let error = report["steps"][4]["error"].as_str().unwrap_or_default();
        assert!(
            error == "RuntimeError: unreachable" || error == "Error: abort",
            "{mode}: {report:#}"
        );
        for i in (0..11).filter(|i| *i != 4) {
            step_ok(&report, i);
        }
        let bubbling = json!({ "bubbles": true, "composed": false, "capturePhase": false });
        assert_eq!(
            report["log"]["c"],
            json!([
                { "setData": { "label": "ready" } },
                { "triggerEvent": "change", "detail": 2, "options": bubbling },
                { "setData": { "count": 2 } },
                { "setData": { "label": "HI" } },
                // The panicking handler's changes stay (count 1000), unsent
                // until the next handler: 1000 + 2.
                { "triggerEvent": "change", "detail": 1002, "options": bubbling },
                { "setData": { "count": 1002 } },
                // Three taps counted in Rust-only state (the panicking one too).
                { "triggerEvent": "taps", "detail": 3, "options": { "bubbles": false, "composed": false, "capturePhase": false } },
                // The first reset sends count 0; the second changes nothing: no call.
                { "setData": { "count": 0 } }
            ]),
            "{mode}"
        );
        // Another component works after the panic.
        assert_eq!(
            report["log"]["t"],
            json!([{ "setData": { "items": [{ "done": false, "title": "milk" }] } }]),
            "{mode}"
        );
    }
}

#[test]
fn a_todo_list_sends_indexed_paths_and_a_shrunk_array_whole() {
    let at = |i: u32| json!({ "type": "tap", "currentTarget": { "dataset": { "index": i } } });
    let add = |title: &str| json!({ "type": "confirm", "detail": { "value": title } });
    for (mode, base) in MODES {
        let report = drive(
            mode,
            base,
            "todo",
            json!([
                { "op": "create", "as": "t", "name": "todo-list" },
                { "op": "call", "id": "t", "kind": "method", "name": "add", "args": [add("milk")] },
                { "op": "call", "id": "t", "kind": "method", "name": "add", "args": [add("eggs")] },
                { "op": "call", "id": "t", "kind": "method", "name": "toggle", "args": [at(0)] },
                { "op": "call", "id": "t", "kind": "method", "name": "remove", "args": [at(0)] },
                { "op": "call", "id": "t", "kind": "method", "name": "toggle", "args": [{ "type": "tap", "currentTarget": { "dataset": { "index": "x" } } }] }
            ]),
        );
        for i in 0..5 {
            step_ok(&report, i);
        }
        assert_eq!(
            report["log"]["t"],
            json!([
                // Into an empty array the whole array is shorter.
                { "setData": { "items": [{ "done": false, "title": "milk" }] } },
                // `"items[1]":{…}` (41 bytes) against the whole two-item array (70).
                { "setData": { "items[1]": { "done": false, "title": "eggs" } } },
                { "setData": { "items[0].done": true } },
                // setData cannot delete: the shrunk array whole.
                { "setData": { "items": [{ "done": false, "title": "eggs" }] } }
            ]),
            "{mode}"
        );
        // A dataset that does not fit says which field, component and handler.
        let error = report["steps"][5]["error"].as_str().unwrap();
        assert!(
            error.starts_with("Error: component `todo-list` (instance 1), method `toggle`: the event's currentTarget.dataset at `index`: invalid type: string \"x\", expected usize"),
            "{mode}: {error}"
        );
    }
}

#[test]
fn errors_name_the_component_and_send_nothing() {
    for (mode, base) in MODES {
        let report = drive(
            mode,
            base,
            "errors",
            json!([
                { "op": "create", "as": "c", "name": "counter", "properties": { "step": 1, "label": "" } },
                { "op": "call", "id": "c", "kind": "method", "name": "overflow", "args": [] },
                { "op": "call", "id": "c", "kind": "method", "name": "reset", "args": [] },
                { "op": "call", "id": "c", "kind": "method", "name": "incremnt", "args": [] },
                { "op": "create", "as": "x", "name": "nope" }
            ]),
        );
        let error = |i: usize| report["steps"][i]["error"].as_str().unwrap_or_default().to_string();
        assert_eq!(
            error(1),
            "Error: component `counter` (instance 1), method `overflow`: `count` is 9223372036854775807, which a \
             JavaScript number cannot hold exactly (beyond ±(2^53 − 1)); send it as a string (#[serde(with = ...)] \
             or a String field)",
            "{mode}"
        );
        step_ok(&report, 2);
        assert_eq!(
            error(3),
            "Error: component `counter` (instance 1), method `incremnt`: `counter` has no method `incremnt`"
        );
        assert!(error(4).starts_with("Error: no component `nope` in this plugin (it has: counter, todo-list, loader)"));
        // Nothing was sent: the too-big count never went, so resetting it changed nothing WeChat has.
        assert_eq!(report["log"]["c"], json!([]), "{mode}");
    }
}

#[test]
fn a_component_detached_while_its_handler_awaits_gets_nothing_and_is_freed() {
    for (mode, base) in MODES {
        let report = drive(
            mode,
            base,
            "detach",
            json!({
                // The second getStorage answers 50 ms late: l2 is dropped meanwhile.
                "scenario": { "faults": [{ "api": "getStorage", "call": 2, "fault": "late", "ms": 50 }] },
                "steps": [
                    { "op": "live" },
                    { "op": "create", "as": "l", "name": "loader" },
                    { "op": "create", "as": "l2", "name": "loader" },
                    { "op": "call", "id": "l", "kind": "method", "name": "load", "args": [tap()] },
                    { "op": "settle" },
                    { "op": "call", "id": "l2", "kind": "method", "name": "load", "args": [tap()] },
                    { "op": "tick" },
                    { "op": "drop", "id": "l2" },
                    { "op": "live" },
                    { "op": "settle" },
                    { "op": "call", "id": "l2", "kind": "method", "name": "load", "args": [] },
                    { "op": "drop", "id": "l" },
                    { "op": "live" }
                ]
            }),
        );
        for i in 0..13 {
            step_ok(&report, i);
        }
        assert_eq!(*step_ok(&report, 0), json!(0));
        // l2 is freed at its drop, although its future still awaits.
        assert_eq!(*step_ok(&report, 8), json!(1), "{mode}");
        assert_eq!(*step_ok(&report, 12), json!(0), "{mode}");
        assert_eq!(
            report["log"]["l"],
            json!([{ "setData": { "state": "loading" } }, { "setData": { "state": "done" } }])
        );
        // Nothing after the drop; a call with the dropped id is ignored.
        assert_eq!(
            report["log"]["l2"],
            json!([{ "setData": { "state": "loading" } }]),
            "{mode}"
        );
        assert_eq!(
            report["console"],
            json!([{ "level": "error", "text": "component `loader`, async method `load`: the component was detached; nothing was sent" }]),
            "{mode}"
        );
    }
}
