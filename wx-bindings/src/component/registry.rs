//! The live component instances, by id, and the bodies of the four exports
//! of the protocol (`docs/component-protocol.md` §1) that `components!`
//! generates.
//!
//! No borrow is held while plugin code runs: the instance list is borrowed
//! only to find an instance (an `Rc`), and an instance's data is reached
//! through a busy marker rather than a `RefCell`, so that a handler that
//! panics (a trap under `panic = "abort"`, after which no destructor runs)
//! leaves nothing locked. The marker records where on the wasm stack the
//! handler started: a call that finds it set from deeper in the stack is a
//! handler calling back into its own component (refused with
//! [`ComponentError::Busy`]); one that finds it set from the same depth or
//! above comes after a trap, whose stack wx-pack's guard has put back, and
//! takes over.

use std::cell::{Cell, RefCell, UnsafeCell};
use std::rc::Rc;

use js_sys::{Array, Reflect};
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::JsValue;

use super::diff;
use super::{Component, ComponentError, Context, Handle, HandlerResult, Properties};

/// What WeChat calls: the protocol's `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A method the WXML binds.
    Method,
    /// A component lifetime (`attached`, ...).
    Lifetime,
    /// A page lifetime (`show`, `hide`, `resize`).
    PageLifetime,
    /// A key of `observers`.
    Observer,
    /// A property's own observer; the name is the property's.
    Property,
}

impl Kind {
    fn parse(kind: &str) -> Option<Kind> {
        Some(match kind {
            "method" => Kind::Method,
            "lifetime" => Kind::Lifetime,
            "pageLifetime" => Kind::PageLifetime,
            "observer" => Kind::Observer,
            "property" => Kind::Property,
            _ => return None,
        })
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Method => "method",
            Kind::Lifetime => "lifetime",
            Kind::PageLifetime => "page lifetime",
            Kind::Observer => "observer",
            Kind::Property => "property observer",
        }
    }
}

/// The handlers `#[component]` found, by kind, in declaration order.
pub struct Shape {
    /// Methods (property observers and async handlers included).
    pub methods: &'static [&'static str],
    /// Lifetimes handled.
    pub lifetimes: &'static [&'static str],
    /// Page lifetimes handled.
    pub page_lifetimes: &'static [&'static str],
    /// Observer keys.
    pub observers: &'static [&'static str],
}

/// One property, as `#[derive(Properties)]` describes it.
pub struct PropertyShape {
    /// The field's name (its serde name).
    pub name: &'static str,
    /// WeChat's type (`"Number"`), `None` for any type.
    pub ty: Option<&'static str>,
    /// The default, or the error serializing it; `None` for WeChat's
    /// default of the type.
    pub value: Option<Result<Value, String>>,
    /// The method that observes the property.
    pub observer: Option<&'static str>,
}

/// WeChat's default value of a property type.
pub fn wechat_default(ty: Option<&str>) -> Value {
    match ty {
        Some("String") => Value::String(String::new()),
        Some("Number") => Value::from(0),
        Some("Boolean") => Value::Bool(false),
        Some("Array") => Value::Array(Vec::new()),
        _ => Value::Null,
    }
}

/// A handler `#[component]` wraps: its argument read, its result's error as
/// text.
pub enum Handler<C> {
    /// `fn(&mut self, &Context<Self>, [arg])`.
    Sync(fn(&mut C, &Context<C>, &Array) -> Result<(), String>),
    /// `async fn(Handle<Self>, [arg])`: the fn spawns the future.
    Async(fn(Handle<C>, &Array) -> Result<(), String>),
}

/// One live instance: WeChat's component object and the Rust data.
pub(crate) struct Entry<C> {
    pub(crate) id: u32,
    pub(crate) instance: JsValue,
    state: UnsafeCell<C>,
    /// Where on the stack the running handler started, and its name.
    busy: RefCell<Option<(usize, String)>>,
    /// The tree of the data WeChat has.
    sent: RefCell<Value>,
    detached: Cell<bool>,
}

thread_local! {
    static INSTANCES: RefCell<Instances> = const { RefCell::new(Instances { next: 0, list: Vec::new() }) };
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

struct Instances {
    next: u32,
    list: Vec<(u32, Rc<dyn AnyEntry>)>,
}

/// How many component instances are alive (created and not yet freed):
/// a test's way to see that a dropped instance, and what its async
/// handlers held, was freed.
pub fn live_instances() -> usize {
    LIVE.with(Cell::get)
}

impl<C> Drop for Entry<C> {
    fn drop(&mut self) {
        LIVE.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

impl<C: Component> Entry<C> {
    /// Runs `f` on the data, then (if `send`) sends what it changed.
    pub(crate) fn run<R>(
        self: &Rc<Self>,
        handler: &str,
        send: bool,
        f: impl FnOnce(&mut C, &Context<C>) -> R,
    ) -> Result<R, ComponentError> {
        if self.detached.get() {
            return Err(ComponentError::Detached);
        }
        let marker = 0u8;
        let here = std::hint::black_box(&marker) as *const u8 as usize;
        {
            let mut busy = self.busy.borrow_mut();
            if let Some((at, running)) = busy.as_ref()
                && here < *at
            {
                return Err(ComponentError::Busy {
                    running: running.clone(),
                });
            }
            *busy = Some((here, handler.to_string()));
        }
        let cx = Context::new(Rc::clone(self));
        // SAFETY: the busy marker above is the only way to this reference:
        // a nested call (deeper in the stack) was refused, and a marker left
        // from above or at this depth belongs to a handler that trapped,
        // whose frames, and reference, are gone. The data stays valid after
        // a trap as it does after an unwinding panic.
        let state = unsafe { &mut *self.state.get() };
        let result = f(state, &cx);
        let tree = if send { Some(diff::tree(&*state)) } else { None };
        *self.busy.borrow_mut() = None;
        if let Some(tree) = tree {
            self.send(tree.map_err(ComponentError::Data)?)?;
        }
        Ok(result)
    }

    /// Sends the difference between `tree` and what WeChat has.
    fn send(&self, tree: Value) -> Result<(), ComponentError> {
        let payload = diff::diff(&self.sent.borrow(), &tree).map_err(ComponentError::Send)?;
        if payload.is_empty() {
            return Ok(());
        }
        let js = to_js(&payload).map_err(ComponentError::Send)?;
        diff::check_size(json_bytes(&js)).map_err(ComponentError::Send)?;
        // Recorded before the call: WeChat runs observers inside setData,
        // and their handlers diff against it.
        let before = self.sent.replace(tree);
        if let Err(error) = crate::runtime::invoke(&self.instance, "setData", &[js]) {
            self.sent.replace(before);
            return Err(ComponentError::Send(format!("this.setData threw: {}", js_text(&error))));
        }
        Ok(())
    }
}

/// An instance behind the list, whatever its component.
trait AnyEntry {
    fn call(self: Rc<Self>, kind: Kind, name: &str, args: &Array) -> Result<(), String>;
    fn component(&self) -> &'static str;
    fn detach(&self);
}

impl<C: Component> AnyEntry for Entry<C> {
    fn call(self: Rc<Self>, kind: Kind, name: &str, args: &Array) -> Result<(), String> {
        let handler = match kind {
            Kind::Property => C::Properties::__describe()
                .into_iter()
                .find(|p| p.name == name)
                .and_then(|p| p.observer)
                .and_then(|method| C::__handler(Kind::Method, method)),
            _ => C::__handler(kind, name),
        };
        let Some(handler) = handler else {
            return Err(format!("`{}` has no {} `{name}`", C::NAME, kind.label()));
        };
        match handler {
            Handler::Sync(f) => {
                // WeChat allows no setData in `created`; after `detached`
                // nothing is rendered.
                let lifetime = |n: &str| kind == Kind::Lifetime && name == n;
                let send = !lifetime("created") && !lifetime("detached");
                let result = self
                    .run(name, send, |c, cx| f(c, cx, args))
                    .map_err(|e| e.to_string())?;
                if lifetime("detached") {
                    self.detached.set(true);
                }
                result
            }
            Handler::Async(f) => f(Handle::new(Rc::downgrade(&self)), args),
        }
    }

    fn component(&self) -> &'static str {
        C::NAME
    }

    fn detach(&self) {
        self.detached.set(true);
    }
}

/// One component of the plugin, as `components!` lists it.
pub struct ComponentEntry {
    name: &'static str,
    create: fn(u32, JsValue) -> Result<Rc<dyn AnyEntry>, String>,
    describe: fn() -> Result<ComponentJson, String>,
}

/// The entry of component `C`.
pub fn entry<C: Component>() -> ComponentEntry {
    ComponentEntry {
        name: C::NAME,
        create: create_entry::<C>,
        describe: describe_one::<C>,
    }
}

fn create_entry<C: Component>(id: u32, instance: JsValue) -> Result<Rc<dyn AnyEntry>, String> {
    let data = C::default();
    let sent = initial_data(&data)?;
    LIVE.with(|n| n.set(n.get() + 1));
    Ok(Rc::new(Entry {
        id,
        instance,
        state: UnsafeCell::new(data),
        busy: RefCell::new(None),
        sent: RefCell::new(sent),
        detached: Cell::new(false),
    }))
}

/// The tree of a component's first data, checked as a payload would be.
fn initial_data<T: Serialize>(data: &T) -> Result<Value, String> {
    let tree = diff::tree(data)?;
    let Value::Object(fields) = &tree else {
        return Err("a component's data must serialize to a struct or a map (an object in JS)".to_string());
    };
    for (key, value) in fields {
        diff::check_numbers(value, key)?;
    }
    Ok(tree)
}

/// `__wx_component_create(name, instance)`: a new instance of the component
/// `name`, its id.
pub fn create(components: &[ComponentEntry], name: &str, instance: JsValue) -> Result<u32, JsValue> {
    let Some(component) = components.iter().find(|c| c.name == name) else {
        let known: Vec<&str> = components.iter().map(|c| c.name).collect();
        return Err(error(&format!(
            "no component `{name}` in this plugin (it has: {}); list it in `wx_bindings::components![...]`",
            known.join(", ")
        )));
    };
    let id = INSTANCES.with_borrow_mut(|i| {
        i.next += 1;
        i.next
    });
    let entry = (component.create)(id, instance).map_err(|e| error(&format!("component `{name}`: {e}")))?;
    INSTANCES.with_borrow_mut(|i| i.list.push((id, entry)));
    Ok(id)
}

/// `__wx_component_call(id, kind, name, args)`: runs a handler. An id
/// already dropped is ignored.
pub fn call(id: u32, kind: &str, name: &str, args: Array) -> Result<(), JsValue> {
    let Some(kind) = Kind::parse(kind) else {
        return Err(error(&format!(
            "unknown handler kind `{kind}` (the protocol's kinds: method, lifetime, pageLifetime, observer, property)"
        )));
    };
    let Some(entry) = INSTANCES.with_borrow(|i| i.list.iter().find(|(n, _)| *n == id).map(|(_, e)| Rc::clone(e)))
    else {
        return Ok(());
    };
    let component = entry.component();
    entry.call(kind, name, &args).map_err(|e| {
        error(&format!(
            "component `{component}` (instance {id}), {} `{name}`: {e}",
            kind.label()
        ))
    })
}

/// `__wx_component_drop(id)`: forgets the instance; its async handlers'
/// handles answer `Detached` from now on, and it is freed when the last
/// one ends.
pub fn drop_instance(id: u32) {
    let entry = INSTANCES.with_borrow_mut(|i| {
        let at = i.list.iter().position(|(n, _)| *n == id)?;
        Some(i.list.swap_remove(at).1)
    });
    if let Some(entry) = entry {
        entry.detach();
    }
}

/// Runs an async handler's future; its error goes to `console.error`.
pub fn spawn<C: Component, F>(handler: &'static str, future: F)
where
    F: Future + 'static,
    F::Output: HandlerResult,
{
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = future.await.into_result() {
            console_error(&format!("component `{}`, async method `{handler}`: {e}", C::NAME));
        }
    });
}

fn console_error(message: &str) {
    let console = Reflect::get(&js_sys::global(), &JsValue::from_str("console")).unwrap_or(JsValue::UNDEFINED);
    let _ = crate::runtime::invoke(&console, "error", &[JsValue::from_str(message)]);
}

/// One component in `__wx_components()`'s JSON (protocol §2), keys in the
/// protocol's order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentJson {
    name: &'static str,
    properties: Vec<PropertyJson>,
    data: Value,
    methods: &'static [&'static str],
    lifetimes: &'static [&'static str],
    page_lifetimes: &'static [&'static str],
    observers: &'static [&'static str],
    options: Map<String, Value>,
    external_classes: Vec<&'static str>,
    export: bool,
}

#[derive(Serialize)]
struct PropertyJson {
    name: &'static str,
    #[serde(rename = "type")]
    ty: Option<&'static str>,
    value: Value,
    observer: bool,
}

#[derive(Serialize)]
struct ShapeJson {
    protocol: u32,
    components: Vec<ComponentJson>,
}

fn describe_one<C: Component>() -> Result<ComponentJson, String> {
    let shape = C::__shape();
    let mut properties = Vec::new();
    for p in C::Properties::__describe() {
        if let Some(method) = p.observer
            && !shape.methods.contains(&method)
        {
            return Err(format!(
                "property `{}` names `{method}` as its observer, which is not a method of the component \
                 (its methods: {}); add `fn {method}(&mut self, cx: &Context<Self>)` to the #[component] impl",
                p.name,
                shape.methods.join(", ")
            ));
        }
        let value = match p.value {
            Some(Ok(value)) => value,
            Some(Err(e)) => return Err(format!("property `{}`'s default: {e}", p.name)),
            None => wechat_default(p.ty),
        };
        diff::check_numbers(&value, p.name).map_err(|e| format!("property `{}`'s default: {e}", p.name))?;
        properties.push(PropertyJson {
            name: p.name,
            ty: p.ty,
            value,
            observer: p.observer.is_some(),
        });
    }
    Ok(ComponentJson {
        name: C::NAME,
        properties,
        data: initial_data(&C::default())?,
        methods: shape.methods,
        lifetimes: shape.lifetimes,
        page_lifetimes: shape.page_lifetimes,
        observers: shape.observers,
        options: Map::new(),
        external_classes: Vec::new(),
        export: false,
    })
}

/// `__wx_components()`: the static shape of every component (protocol §2),
/// as JSON text.
pub fn describe(components: &[ComponentEntry]) -> Result<String, JsValue> {
    let mut list = Vec::new();
    for (i, c) in components.iter().enumerate() {
        if components[..i].iter().any(|o| o.name == c.name) {
            return Err(error(&format!(
                "two components are named `{}` in `components![...]`",
                c.name
            )));
        }
        list.push((c.describe)().map_err(|e| error(&format!("component `{}`: {e}", c.name)))?);
    }
    let shape = ShapeJson {
        protocol: 1,
        components: list,
    };
    json_text(&shape).map_err(|e| error(&e))
}

/// JSON text, with JavaScript's own `JSON.stringify` in wasm (serde_json's
/// formatter would add its code to every plugin).
#[cfg(target_arch = "wasm32")]
fn json_text<T: Serialize>(value: &T) -> Result<String, String> {
    let js = to_js(value)?;
    js_sys::JSON::stringify(&js).map(String::from).map_err(|e| js_text(&e))
}

#[cfg(not(target_arch = "wasm32"))]
fn json_text<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    crate::extras::to_json_value(value, "cannot convert the data for JavaScript")
}

/// The UTF-8 bytes of `value`'s JSON text, as WeChat counts a payload.
fn json_bytes(value: &JsValue) -> usize {
    js_sys::JSON::stringify(value)
        .map(|s| String::from(s).len())
        .unwrap_or(usize::MAX)
}

/// A thrown value's `message`, else its string form.
fn js_text(value: &JsValue) -> String {
    let message = if value.is_object() {
        Reflect::get(value, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
    } else {
        None
    };
    message
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::describe_one;
    use crate::component::Context;

    #[derive(Serialize, Default)]
    struct Watched {
        n: u8,
    }

    #[derive(Deserialize, crate::Properties)]
    struct WatchedProps {
        #[property(observer = "labl_changed")]
        #[allow(dead_code)]
        label: String,
    }

    #[crate::component(name = "watched", properties = WatchedProps)]
    impl Watched {
        fn label_changed(&mut self, _cx: &Context<Self>) {}
    }

    // The derive cannot see the impl, so a property observer that names no
    // method is found when wx-pack reads the shape at build time.
    #[test]
    fn a_property_observer_that_names_no_method_fails_the_shape() {
        let Err(error) = describe_one::<Watched>() else {
            panic!("the shape was accepted");
        };
        assert_eq!(
            error,
            "property `label` names `labl_changed` as its observer, which is not a method of the component \
             (its methods: label_changed); add `fn labl_changed(&mut self, cx: &Context<Self>)` to the \
             #[component] impl"
        );
    }
}
