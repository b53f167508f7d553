//! The component macros' parsing, checks and output, without a compiler.

use super::*;

fn handlers_of(item: TokenStream) -> Result<Vec<Handler>, String> {
    let mut item: ItemImpl = syn::parse2(item).unwrap();
    let mut errors = Errors::default();
    let handlers = parse_impl(&mut item, &mut errors);
    errors
        .finish(handlers)
        .map_err(|e| e.into_iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))
}

#[test]
fn roles_and_keys_come_from_the_attributes() {
    let handlers = handlers_of(quote! {
        impl Counter {
            #[lifetime] fn attached(&mut self, cx: &Context<Self>) {}
            #[lifetime(detached)] fn bye(&mut self, cx: &Context<Self>) {}
            #[page_lifetime] fn show(&mut self, cx: &Context<Self>) {}
            #[observer("count, step")] fn watch(&mut self, cx: &Context<Self>, values: js_sys::Array) {}
            fn increment(&mut self, cx: &Context<Self>, event: Event) -> Result<(), E> { Ok(()) }
            async fn load(this: Handle<Self>) {}
        }
    })
    .unwrap();
    let seen: Vec<(Role, &str, &str, bool, bool)> = handlers
        .iter()
        .map(|h| (h.role, h.key.as_str(), h.ident_str(), h.is_async, h.arg.is_some()))
        .collect();
    assert_eq!(
        seen,
        [
            (Role::Lifetime, "attached", "attached", false, false),
            (Role::Lifetime, "detached", "bye", false, false),
            (Role::PageLifetime, "show", "show", false, false),
            (Role::Observer, "count, step", "watch", false, true),
            (Role::Method, "increment", "increment", false, true),
            (Role::Method, "load", "load", true, false),
        ]
    );
}

impl Handler {
    fn ident_str(&self) -> &'static str {
        Box::leak(self.ident.to_string().into_boxed_str())
    }
}

#[test]
fn a_misspelt_lifetime_gets_a_suggestion() {
    let error =
        handlers_of(quote! { impl C { #[lifetime] fn atached(&mut self, cx: &Context<Self>) {} } }).unwrap_err();
    assert!(
        error.starts_with("`atached` is not a component lifetime WeChat calls; did you mean `attached`?"),
        "{error}"
    );
    let error =
        handlers_of(quote! { impl C { #[page_lifetime(shwo)] fn s(&mut self, cx: &Context<Self>) {} } }).unwrap_err();
    assert_eq!(
        error,
        "`shwo` is not a page lifetime WeChat calls; did you mean `show`?"
    );
    let error = handlers_of(quote! { impl C { #[lifetime(zzz)] fn s(&mut self, cx: &Context<Self>) {} } }).unwrap_err();
    assert_eq!(
        error,
        "`zzz` is not a component lifetime WeChat calls (the component lifetimes: created, attached, ready, moved, detached, error)"
    );
}

#[test]
fn two_handlers_for_one_lifetime_are_refused() {
    let error = handlers_of(quote! {
        impl C {
            #[lifetime] fn attached(&mut self, cx: &Context<Self>) {}
            #[lifetime(attached)] fn also(&mut self, cx: &Context<Self>) {}
        }
    })
    .unwrap_err();
    assert!(
        error.starts_with("two handlers for the lifetime `attached`: `attached` already handles it"),
        "{error}"
    );
}

#[test]
fn wrong_signatures_are_refused_each() {
    let cases = [
        (
            quote! { fn f(&self, cx: &Context<Self>) {} },
            "a handler is `fn name(&mut self",
        ),
        (quote! { fn f(&mut self) {} }, "missing `cx: &Context<Self>`"),
        (
            quote! { fn f(&mut self, n: u32) {} },
            "the second argument is the component's context",
        ),
        (
            quote! { fn f(&mut self, cx: &Context<Self>, a: Event, b: Event) {} },
            "at most one argument",
        ),
        (
            quote! { fn f<T>(&mut self, cx: &Context<Self>) {} },
            "cannot be generic",
        ),
        (quote! { fn helper() {} }, "put helpers in another `impl` block"),
        (
            quote! { async fn f(&mut self) {} },
            "an async handler is `async fn name(this: Handle<Self>)`",
        ),
    ];
    for (function, expected) in cases {
        let error = handlers_of(quote! { impl C { #function } }).unwrap_err();
        assert!(error.contains(expected), "{function}: {error}");
    }
}

#[test]
fn several_problems_are_reported_together() {
    let error = handlers_of(quote! {
        impl C {
            #[lifetime] fn atached(&mut self, cx: &Context<Self>) {}
            fn f(&self) {}
        }
    })
    .unwrap_err();
    assert_eq!(error.lines().filter(|l| !l.starts_with('(')).count(), 2, "{error}");
}

#[test]
fn component_names_are_checked_with_a_suggestion() {
    assert!(check_name("counter").is_ok());
    assert!(check_name("todo-list-2").is_ok());
    assert!(
        check_name("TodoList")
            .unwrap_err()
            .ends_with("did you mean `todo-list`?")
    );
    assert!(
        check_name("todo_list")
            .unwrap_err()
            .ends_with("did you mean `todo-list`?")
    );
    assert!(check_name("").is_err());
}

#[test]
fn the_handler_attributes_are_stripped_and_the_rest_kept() {
    let mut item: ItemImpl = syn::parse2(quote! {
        impl C { #[doc = "x"] #[lifetime] #[inline] fn attached(&mut self, cx: &Context<Self>) {} }
    })
    .unwrap();
    parse_impl(&mut item, &mut Errors::default());
    let ImplItem::Fn(f) = &item.items[0] else { panic!() };
    let kept: Vec<String> = f.attrs.iter().map(|a| quote!(#a).to_string()).collect();
    assert_eq!(kept, ["# [doc = \"x\"]", "# [inline]"]);
}

#[test]
fn the_emitted_impl_lists_each_kind_in_order() {
    let out = component(
        quote!(name = "counter", properties = Props),
        quote! {
            impl Counter {
                fn increment(&mut self, cx: &Context<Self>) {}
                #[lifetime] fn attached(&mut self, cx: &Context<Self>) {}
                fn reset(&mut self, cx: &Context<Self>) {}
            }
        },
    )
    .to_string();
    assert!(out.contains("type Properties = Props"), "{out}");
    assert!(out.contains("const NAME : & 'static str = \"counter\""), "{out}");
    assert!(out.contains("methods : & [\"increment\" , \"reset\"]"), "{out}");
    assert!(out.contains("lifetimes : & [\"attached\"]"), "{out}");
    assert!(!out.contains("# [lifetime]"), "{out}");
}

#[test]
fn wechat_types_follow_the_rust_types() {
    let cases = [
        (quote!(String), Some("String")),
        (quote!(i64), Some("Number")),
        (quote!(f32), Some("Number")),
        (quote!(bool), Some("Boolean")),
        (quote!(Vec<Item>), Some("Array")),
        (quote!([u8; 4]), Some("Array")),
        (quote!(Option<String>), None),
        (quote!(serde_json::Value), None),
        (quote!(std::collections::HashMap<String, u32>), Some("Object")),
        (quote!(User), Some("Object")),
    ];
    for (ty, expected) in cases {
        let parsed: Type = syn::parse2(ty.clone()).unwrap();
        assert_eq!(wechat_type_of(&parsed).as_deref(), expected, "{ty}");
    }
}

#[test]
fn properties_read_names_defaults_observers_and_renames() {
    let input: syn::DeriveInput = syn::parse2(quote! {
        #[serde(rename_all = "camelCase")]
        struct Props {
            #[property(default = 1)]
            step: i64,
            #[property(observer = "label_changed")]
            max_label: String,
            #[serde(rename = "kind")]
            #[property(type = "any")]
            r#type: String,
        }
    })
    .unwrap();
    let mut errors = Errors::default();
    let props = parse_properties(&input, &mut errors);
    assert!(errors.finish(()).is_ok());
    let seen: Vec<(&str, Option<&str>, bool, Option<&str>)> = props
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.wechat_type.as_deref(),
                p.default.is_some(),
                p.observer.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("step", Some("Number"), true, None),
            ("maxLabel", Some("String"), false, Some("label_changed")),
            ("kind", None, false, None),
        ]
    );
}

#[test]
fn property_mistakes_are_errors() {
    for (input, expected) in [
        (
            quote! { struct P { #[property(obsever = "x")] a: u8 } },
            "unknown #[property] argument",
        ),
        (
            quote! { struct P { #[property(type = "Int")] a: u8 } },
            "`Int` is not a WeChat property type",
        ),
        (quote! { enum P { A } }, "goes on a struct with named fields"),
        (
            quote! { #[serde(rename_all = "kebab-case")] struct P { a: u8 } },
            "understands `rename_all = \"camelCase\"`",
        ),
    ] {
        let input: syn::DeriveInput = syn::parse2(input).unwrap();
        let mut errors = Errors::default();
        parse_properties(&input, &mut errors);
        let error = errors.finish(()).unwrap_err().to_string();
        assert!(error.contains(expected), "{error}");
    }
}
