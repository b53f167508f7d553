//! The checker's rules, each accepted and refused. Expected positions are
//! counted by hand from the WXML strings (1-based line, character column).

use wx_wxml::{ComponentNames, check};

fn names() -> ComponentNames {
    ComponentNames {
        data: vec!["count".into(), "items".into(), "user".into()],
        properties: vec!["title".into()],
        methods: vec!["onTap".into(), "onInput".into()],
    }
}

/// `(line, column, message, suggestion)` of each diagnostic.
fn found(wxml: &str) -> Vec<(usize, usize, String, Option<String>)> {
    check("c.wxml", wxml, &names())
        .into_iter()
        .map(|d| (d.line, d.column, d.message, d.suggestion))
        .collect()
}

/// `(line, column, suggestion)` of each diagnostic.
fn at(wxml: &str) -> Vec<(usize, usize, Option<&'static str>)> {
    check("c.wxml", wxml, &names())
        .into_iter()
        .map(|d| {
            // Leaked (test-only) so that expectations can be written as `&str`.
            let suggestion = d.suggestion.map(|s| &*String::leak(s));
            (d.line, d.column, suggestion)
        })
        .collect()
}

fn unknown(name: &str) -> String {
    format!("`{name}` is not a data field, property, wx:for item or index, or wxs module of this component")
}

#[test]
fn data_fields_and_properties_in_text_and_attributes_are_accepted() {
    assert_eq!(
        found(r#"<view hidden="{{count > 0}}" id="t-{{title}}">{{count}} of {{title}}</view>"#),
        []
    );
}

#[test]
fn an_unknown_root_in_text_is_refused_with_a_suggestion() {
    assert_eq!(
        found("<view>{{cout}}</view>"),
        [(1, 9, unknown("cout"), Some("count".to_string()))]
    );
}

#[test]
fn the_diagnostic_displays_as_file_line_column_and_help() {
    let diagnostics = check("comp/counter.wxml", "<view>{{cout}}</view>", &names());
    assert_eq!(
        diagnostics[0].to_string(),
        format!(
            "comp/counter.wxml:1:9: {}\n  help: did you mean `count`?",
            unknown("cout")
        )
    );
}

#[test]
fn a_name_far_from_every_known_one_gets_no_suggestion() {
    assert_eq!(
        found(r#"<view hidden="{{shown}}"/>"#),
        [(1, 17, unknown("shown"), None)]
    );
}

#[test]
fn partial_expressions_in_class_and_style_attributes_are_checked() {
    assert_eq!(at(r#"<view class="item {{activ ? 'on' : ''}}"/>"#), [(1, 21, None)]);
    assert_eq!(at(r#"<view style="color: {{colr}}"/>"#), [(1, 23, None)]);
    assert_eq!(
        at(r#"<view class="item {{count ? 'on' : ''}}" style="color: {{title}}"/>"#),
        []
    );
}

#[test]
fn member_and_index_access_check_every_root_and_no_field_name() {
    // `name` is a field of `user`, not a root; `key` is a root.
    assert_eq!(
        found("<view>{{user.name[key]}}</view>"),
        [(1, 19, unknown("key"), None)]
    );
    assert_eq!(found("<view>{{user.name[count].x}}</view>"), []);
}

#[test]
fn string_and_number_literals_are_not_names() {
    assert_eq!(
        found(r#"<view>{{'cout' + 1.5 + "itms" + 2 + (count ? 'yes' : 'no')}}</view>"#),
        []
    );
}

#[test]
fn multi_line_templates_give_the_right_line() {
    let wxml = "<view>\n  <text>{{count}}</text>\n  <text>{{totle}}</text>\n</view>";
    assert_eq!(at(wxml), [(3, 11, Some("title"))]);
}

#[test]
fn columns_count_characters_not_bytes_or_utf16_units() {
    // 数量： is three characters (nine bytes); 🎉 one character (two UTF-16 units).
    assert_eq!(at("<view>数量：{{cout}}</view>"), [(1, 12, Some("count"))]);
    assert_eq!(at("<view>🎉{{cout}}</view>"), [(1, 10, Some("count"))]);
}

#[test]
fn wx_if_and_wx_elif_conditions_are_checked() {
    assert_eq!(
        at(r#"<view wx:if="{{count}}"/><view wx:elif="{{cont}}"/><view wx:else/>"#),
        [(1, 43, Some("count"))]
    );
}

#[test]
fn wx_for_default_item_and_index_are_in_scope_inside_the_loop() {
    assert_eq!(found(r#"<view wx:for="{{items}}">{{index}}: {{item.name}}</view>"#), []);
}

#[test]
fn wx_for_item_is_out_of_scope_after_the_loop() {
    assert_eq!(
        found(r#"<view wx:for="{{items}}"/>{{item}}"#),
        [(1, 29, unknown("item"), Some("items".to_string()))]
    );
}

#[test]
fn wx_for_over_an_unknown_list_is_refused() {
    assert_eq!(
        found(r#"<view wx:for="{{itms}}">{{item}}</view>"#),
        [(1, 17, unknown("itms"), Some("items".to_string()))]
    );
}

#[test]
fn wx_for_item_and_index_can_be_renamed() {
    assert_eq!(
        found(r#"<view wx:for="{{items}}" wx:for-item="row" wx:for-index="i">{{i}}: {{row.x}}</view>"#),
        []
    );
    // Once renamed, `item` is no longer defined.
    assert_eq!(
        at(r#"<view wx:for="{{items}}" wx:for-item="row">{{item}}</view>"#),
        [(1, 46, Some("items"))]
    );
}

#[test]
fn nested_loops_see_both_loops_names() {
    let wxml = r#"<view wx:for="{{items}}" wx:for-item="row">
  <view wx:for="{{row.cells}}" wx:for-item="cell" wx:for-index="j">{{cell}} {{j}} {{row.id}} {{index}}</view>
</view>"#;
    assert_eq!(found(wxml), []);
}

#[test]
fn a_loop_list_is_evaluated_outside_its_own_item() {
    assert_eq!(at(r#"<view wx:for="{{cell}}" wx:for-item="cell"/>"#), [(1, 17, None)]);
}

#[test]
fn wxs_module_names_are_in_scope() {
    assert_eq!(
        found(r#"<wxs module="fmt">module.exports = {}</wxs><view>{{fmt.money(count)}}</view>"#),
        []
    );
    assert_eq!(
        at(r#"<wxs module="fmt">module.exports = {}</wxs><view>{{fmat.money(count)}}</view>"#),
        [(1, 52, Some("fmt"))]
    );
}

#[test]
fn template_definitions_have_their_own_data_but_the_components_methods() {
    // `label` comes from the caller's `data`, not the component: not checked.
    // Event handlers still call the component's methods.
    let wxml = r#"<template name="row"><text>{{label}}</text><view bindtap="onTpa"/></template><template is="row" data="{{label: title, count}}"/>"#;
    assert_eq!(
        found(wxml),
        [(
            1,
            59,
            "event binding `bindtap` names `onTpa`, which is not a method of this component".to_string(),
            Some("onTap".to_string())
        )]
    );
}

#[test]
fn template_data_is_checked_against_the_component() {
    assert_eq!(
        at(r#"<template is="row" data="{{label: titel}}"/>"#),
        [(1, 35, Some("title"))]
    );
    // The shorthand `{{count}}` field is the root `count` too.
    assert_eq!(at(r#"<template is="row" data="{{cont}}"/>"#), [(1, 28, Some("count"))]);
}

#[test]
fn data_attributes_are_checked() {
    assert_eq!(
        found(r#"<view data-id="{{count}}" data-name="{{nmae}}"/>"#),
        [(1, 40, unknown("nmae"), None)]
    );
}

#[test]
fn every_event_binding_form_naming_a_method_is_accepted() {
    let wxml = r#"<view bindtap="onTap" bind:longpress="onTap" catchtouchstart="onTap" catch:touchmove="onTap" mut-bind:touchend="onTap" capture-bind:touchcancel="onTap" capture-catch:tap="onInput"/>"#;
    assert_eq!(found(wxml), []);
}

#[test]
fn every_event_binding_form_naming_no_method_is_refused() {
    // The value starts after `<view ` (6), the attribute and `="` (2).
    for (attribute, column) in [
        ("bindtap", 16),
        ("bind:tap", 17),
        ("catchtap", 17),
        ("catch:tap", 18),
        ("mut-bind:tap", 21),
        ("capture-bind:tap", 25),
        ("capture-catch:tap", 26),
    ] {
        let wxml = format!(r#"<view {attribute}="onTpa"/>"#);
        assert_eq!(
            found(&wxml),
            [(
                1,
                column,
                format!("event binding `{attribute}` names `onTpa`, which is not a method of this component"),
                Some("onTap".to_string())
            )],
            "{wxml}"
        );
    }
}

#[test]
fn an_empty_event_handler_is_refused() {
    assert_eq!(
        found(r#"<view bindtap=""/>"#),
        [(
            1,
            16,
            "event binding `bindtap` names no method (its value is empty)".to_string(),
            None
        )]
    );
}

#[test]
fn a_dynamic_handler_name_is_not_checked_but_its_roots_are() {
    assert_eq!(found(r#"<view bindtap="{{count > 0 ? 'onTap' : 'nothing'}}"/>"#), []);
    assert_eq!(
        found(r#"<view bind:tap="{{handler}}"/>"#),
        [(1, 19, unknown("handler"), None)]
    );
}

#[test]
fn an_unclosed_expression_is_malformed() {
    // Issue 22's example, which WeChat's project compiler accepts silently.
    // `{{` opens at column 7; the `<view` at column 2 is never closed. The
    // tree recovered after that is not trusted: no diagnostic about `sum`.
    assert_eq!(
        found("<view>{{sum}</view"),
        [
            (1, 2, "malformed WXML: missing end tag".to_string(), None),
            (1, 7, "malformed WXML: missing expression end".to_string(), None),
        ]
    );
}

#[test]
fn an_unclosed_tag_is_malformed() {
    assert_eq!(
        found("<view>\n  <text>{{count}}\n</view>"),
        [(2, 4, "malformed WXML: missing end tag".to_string(), None)]
    );
}

#[test]
fn array_literals_with_holes_are_checked_past_the_hole() {
    // `[count, , itms]`: the third element is a root too.
    assert_eq!(at("<view>{{[count, , itms]}}</view>"), [(1, 19, Some("items"))]);
}
