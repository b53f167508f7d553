//! JS object wrappers and their field helpers.
//!
//! Every helper is infallible on purpose: writing a property of a fresh
//! plain object cannot throw, and reading goes through `Reflect.get` only
//! after checking that the target is an object, so a missing or odd answer
//! from WeChat reads as "absent", never as a trap.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A JS object the typed layer wraps: an options object it writes, or a
/// result WeChat answered with. Every generated options and result type
/// implements it; [`JsObject::from_js`] wraps any value (reading a field of
/// a value that is not an object gives the field's default).
pub trait JsObject: AsRef<JsValue> + Into<JsValue> + Sized {
    /// Wraps `value`, unchecked.
    fn from_js(value: JsValue) -> Self;
}

/// Calls the method `name` of `target` with `args`, looked up at run time:
/// a `TypeError` when it is not a function, the exception when it throws.
pub fn invoke(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let method: js_sys::Function = Reflect::get(target, &JsValue::from_str(name))?
        .dyn_into()
        .map_err(|_| {
            // `push_str`, not `concat`: the latter brings a panic path of its own.
            let mut message = String::from("method ");
            message.push_str(name);
            message.push_str(" is missing");
            js_sys::TypeError::new(&message)
        })?;
    let args: Array = args.iter().collect();
    Reflect::apply(&method, target, &args)
}

/// A fresh `{}`.
pub fn new_object() -> JsValue {
    Object::new().into()
}

/// Sets `target[key] = value`.
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// Sets a string field.
pub fn set_str(target: &JsValue, key: &str, value: &str) {
    set(target, key, &JsValue::from_str(value));
}

/// Sets a number field.
pub fn set_f64(target: &JsValue, key: &str, value: f64) {
    set(target, key, &JsValue::from_f64(value));
}

/// Sets a boolean field.
pub fn set_bool(target: &JsValue, key: &str, value: bool) {
    set(target, key, &JsValue::from_bool(value));
}

/// `source[key]`, or `undefined` when `source` is not an object.
pub fn get(source: &JsValue, key: &str) -> JsValue {
    if !source.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(source, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The elements of an array field converted by `convert` (elements it
/// rejects are skipped); `None` when the field is not an array.
pub fn get_array<T>(source: &JsValue, key: &str, convert: impl Fn(JsValue) -> Option<T>) -> Option<Vec<T>> {
    let value = get(source, key);
    let array: &Array = value.dyn_ref()?;
    Some(array.iter().filter_map(convert).collect())
}

/// A JS array of strings.
pub fn str_array(values: &[&str]) -> JsValue {
    values.iter().map(|v| JsValue::from_str(v)).collect::<Array>().into()
}

/// A JS array of any JS values (numbers, wrapped objects, enum strings).
pub fn array_of<I: IntoIterator<Item = JsValue>>(values: I) -> JsValue {
    values.into_iter().collect::<Array>().into()
}
