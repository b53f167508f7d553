//! Toasts, loading indicators and modal dialogs, typed.
//!
//! Each function builds the options object WeChat documents (field names
//! as in the official typings: `ShowToastOption`, `ShowLoadingOption`,
//! `ShowModalOption`) and returns a future of WeChat's answer (see
//! [`callback`]). The call is made at once; await the
//! future to learn how it went.
//!
//! ```no_run
//! use wx_bindings::ui::{self, Modal, ModalAnswer, Toast, ToastIcon};
//!
//! # async fn demo() -> Result<(), wx_bindings::WxError> {
//! let answer = ui::show_modal(&Modal::new("Delete?", "This cannot be undone.")).await?;
//! if answer == ModalAnswer::Confirm {
//!     ui::show_toast(&Toast::new("Deleted").icon(ToastIcon::Success)).await?;
//! }
//! # Ok(()) }
//! ```

use std::future::Future;

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::WxError;
use crate::callback::{self, WxFuture};
use crate::raw;

/// A value of an options-object field.
#[derive(Debug, Clone, PartialEq)]
enum Field {
    Str(String),
    Num(f64),
    Bool(bool),
}

impl From<&Field> for JsValue {
    fn from(field: &Field) -> Self {
        match field {
            Field::Str(s) => JsValue::from_str(s),
            Field::Num(n) => JsValue::from_f64(*n),
            Field::Bool(b) => JsValue::from_bool(*b),
        }
    }
}

type Fields = Vec<(&'static str, Field)>;

/// Builds a fresh options object from its fields. Setting a property on a
/// fresh plain object cannot throw, so errors are ignored.
fn to_object(fields: &[(&'static str, Field)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from(value));
    }
    object
}

/// Discards the success result of an API that reports nothing useful.
async fn unit(future: WxFuture) -> Result<(), WxError> {
    future.await.map(|_| ())
}

/// The icon of a [`Toast`] (`ShowToastOption.icon`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ToastIcon {
    /// A tick (`"success"`), WeChat's default. The title shows up to 7 Chinese characters.
    #[default]
    Success,
    /// A cross (`"error"`). Base library 2.14.1 or later; older ones show the tick.
    Error,
    /// A spinner (`"loading"`).
    Loading,
    /// No icon (`"none"`): the title may take two lines.
    None,
}

impl ToastIcon {
    /// The JS value of `icon`.
    pub fn as_str(self) -> &'static str {
        match self {
            ToastIcon::Success => "success",
            ToastIcon::Error => "error",
            ToastIcon::Loading => "loading",
            ToastIcon::None => "none",
        }
    }
}

/// A toast (`wx.showToast`). `Toast::new("Saved")` or struct update from
/// `Toast::default()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// The text (`title`, required by WeChat).
    pub title: String,
    /// The icon (`icon`); default [`ToastIcon::Success`].
    pub icon: ToastIcon,
    /// How long it shows, in milliseconds (`duration`); default 1500.
    pub duration_ms: u32,
    /// Whether a transparent mask blocks touches meanwhile (`mask`); default `false`.
    pub mask: bool,
}

impl Default for Toast {
    fn default() -> Self {
        Toast {
            title: String::new(),
            icon: ToastIcon::Success,
            duration_ms: 1500,
            mask: false,
        }
    }
}

impl Toast {
    /// A toast with this title and the defaults.
    pub fn new(title: impl Into<String>) -> Self {
        Toast {
            title: title.into(),
            ..Toast::default()
        }
    }

    /// Sets the icon.
    pub fn icon(mut self, icon: ToastIcon) -> Self {
        self.icon = icon;
        self
    }

    /// Sets how long it shows, in milliseconds.
    pub fn duration_ms(mut self, duration_ms: u32) -> Self {
        self.duration_ms = duration_ms;
        self
    }

    /// Sets whether a mask blocks touches while it shows.
    pub fn mask(mut self, mask: bool) -> Self {
        self.mask = mask;
        self
    }

    fn fields(&self) -> Fields {
        vec![
            ("title", Field::Str(self.title.clone())),
            ("icon", Field::Str(self.icon.as_str().to_string())),
            ("duration", Field::Num(f64::from(self.duration_ms))),
            ("mask", Field::Bool(self.mask)),
        ]
    }
}

/// A loading indicator (`wx.showLoading`); it stays until [`hide_loading`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loading {
    /// The text (`title`, required by WeChat).
    pub title: String,
    /// Whether a transparent mask blocks touches meanwhile (`mask`); default `false`.
    pub mask: bool,
}

impl Loading {
    /// A loading indicator with this title, no mask.
    pub fn new(title: impl Into<String>) -> Self {
        Loading {
            title: title.into(),
            mask: false,
        }
    }

    /// Sets whether a mask blocks touches while it shows.
    pub fn mask(mut self, mask: bool) -> Self {
        self.mask = mask;
        self
    }

    fn fields(&self) -> Fields {
        vec![
            ("title", Field::Str(self.title.clone())),
            ("mask", Field::Bool(self.mask)),
        ]
    }
}

/// A modal dialog (`wx.showModal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modal {
    /// The title (`title`); default empty.
    pub title: String,
    /// The message (`content`); default empty.
    pub content: String,
    /// Whether there is a cancel button (`showCancel`); default `true`.
    pub show_cancel: bool,
    /// The confirm button's text (`confirmText`, at most 4 Chinese characters); default `确定`.
    pub confirm_text: String,
    /// The cancel button's text (`cancelText`, at most 4 Chinese characters); default `取消`.
    pub cancel_text: String,
}

impl Default for Modal {
    fn default() -> Self {
        Modal {
            title: String::new(),
            content: String::new(),
            show_cancel: true,
            confirm_text: "确定".to_string(),
            cancel_text: "取消".to_string(),
        }
    }
}

impl Modal {
    /// A dialog with this title and message, and the default buttons.
    pub fn new(title: impl Into<String>, content: impl Into<String>) -> Self {
        Modal {
            title: title.into(),
            content: content.into(),
            ..Modal::default()
        }
    }

    /// Sets whether there is a cancel button.
    pub fn show_cancel(mut self, show_cancel: bool) -> Self {
        self.show_cancel = show_cancel;
        self
    }

    /// Sets the confirm button's text.
    pub fn confirm_text(mut self, text: impl Into<String>) -> Self {
        self.confirm_text = text.into();
        self
    }

    /// Sets the cancel button's text.
    pub fn cancel_text(mut self, text: impl Into<String>) -> Self {
        self.cancel_text = text.into();
        self
    }

    fn fields(&self) -> Fields {
        vec![
            ("title", Field::Str(self.title.clone())),
            ("content", Field::Str(self.content.clone())),
            ("showCancel", Field::Bool(self.show_cancel)),
            ("confirmText", Field::Str(self.confirm_text.clone())),
            ("cancelText", Field::Str(self.cancel_text.clone())),
        ]
    }
}

/// What the user answered to a [`Modal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModalAnswer {
    /// The confirm button (`confirm: true`).
    Confirm,
    /// The cancel button, or the dialog dismissed otherwise (`cancel: true`, on Android also
    /// the back button).
    Cancel,
}

impl ModalAnswer {
    /// Reads a `ShowModalSuccessCallbackResult`: `Confirm` only when `confirm` is `true`.
    pub fn from_result(result: &JsValue) -> Self {
        let confirm = Reflect::get(result, &JsValue::from_str("confirm"))
            .ok()
            .and_then(|c| c.as_bool())
            .unwrap_or(false);
        if confirm {
            ModalAnswer::Confirm
        } else {
            ModalAnswer::Cancel
        }
    }
}

/// Shows a toast (`wx.showToast`). Resolves once WeChat has shown it, not
/// when it disappears.
pub fn show_toast(toast: &Toast) -> impl Future<Output = Result<(), WxError>> + use<> {
    unit(callback::call("showToast", to_object(&toast.fields()), raw::show_toast))
}

/// Hides the toast (`wx.hideToast`).
pub fn hide_toast() -> impl Future<Output = Result<(), WxError>> {
    unit(callback::call("hideToast", Object::new(), raw::hide_toast))
}

/// Shows a loading indicator (`wx.showLoading`); it stays until [`hide_loading`].
pub fn show_loading(loading: &Loading) -> impl Future<Output = Result<(), WxError>> + use<> {
    unit(callback::call(
        "showLoading",
        to_object(&loading.fields()),
        raw::show_loading,
    ))
}

/// Hides the loading indicator (`wx.hideLoading`).
pub fn hide_loading() -> impl Future<Output = Result<(), WxError>> {
    unit(callback::call("hideLoading", Object::new(), raw::hide_loading))
}

/// Shows a modal dialog (`wx.showModal`) and resolves to the user's answer.
pub fn show_modal(modal: &Modal) -> impl Future<Output = Result<ModalAnswer, WxError>> + use<> {
    let future = callback::call("showModal", to_object(&modal.fields()), raw::show_modal);
    async move { future.await.map(|result| ModalAnswer::from_result(&result)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(fields: &[(&'static str, Field)]) -> Vec<&'static str> {
        fields.iter().map(|(name, _)| *name).collect()
    }

    #[test]
    fn defaults_are_wechats() {
        let toast = Toast::new("Saved");
        assert_eq!(
            toast.fields(),
            vec![
                ("title", Field::Str("Saved".into())),
                ("icon", Field::Str("success".into())),
                ("duration", Field::Num(1500.0)),
                ("mask", Field::Bool(false)),
            ]
        );
        let modal = Modal::default();
        assert!(modal.show_cancel);
        assert_eq!(
            (modal.confirm_text.as_str(), modal.cancel_text.as_str()),
            ("确定", "取消")
        );
        assert_eq!(Loading::new("x").fields()[1], ("mask", Field::Bool(false)));
    }

    #[test]
    fn builders_set_fields() {
        let toast = Toast::new("t").icon(ToastIcon::None).duration_ms(3000).mask(true);
        assert_eq!(toast.fields()[1].1, Field::Str("none".into()));
        assert_eq!(toast.fields()[2].1, Field::Num(3000.0));
        assert_eq!(toast.fields()[3].1, Field::Bool(true));
        let modal = Modal::new("a", "b")
            .show_cancel(false)
            .confirm_text("好")
            .cancel_text("不");
        assert_eq!(
            modal.fields(),
            vec![
                ("title", Field::Str("a".into())),
                ("content", Field::Str("b".into())),
                ("showCancel", Field::Bool(false)),
                ("confirmText", Field::Str("好".into())),
                ("cancelText", Field::Str("不".into())),
            ]
        );
        let icons = [
            ToastIcon::Success,
            ToastIcon::Error,
            ToastIcon::Loading,
            ToastIcon::None,
        ];
        let icons: Vec<_> = icons.iter().map(|i| i.as_str()).collect();
        assert_eq!(icons, ["success", "error", "loading", "none"]);
    }

    /// The official typings are the oracle for field names and icon values:
    /// every field set here is declared in the matching `*Option` interface.
    #[test]
    fn field_names_match_the_official_typings() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../node_modules/miniprogram-api-typings/types/wx/lib.wx.api.d.ts"
        );
        let typings = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{path}: {e}; run `npm ci` (or scripts/setup.sh) at the workspace root"));
        let interface = |name: &str| -> String {
            let start = typings
                .find(&format!("interface {name} {{"))
                .unwrap_or_else(|| panic!("no interface {name} in the typings"));
            let body = &typings[start..];
            body[..body.find("\n    }").unwrap()].to_string()
        };
        let declares = |body: &str, field: &str| {
            body.lines().any(|line| {
                line.trim_start().starts_with(&format!("{field}:"))
                    || line.trim_start().starts_with(&format!("{field}?:"))
            })
        };
        for (interface_name, fields) in [
            ("ShowToastOption", names(&Toast::default().fields())),
            ("ShowLoadingOption", names(&Loading::default().fields())),
            ("ShowModalOption", names(&Modal::default().fields())),
            ("ShowModalSuccessCallbackResult", vec!["confirm", "cancel"]),
        ] {
            let body = interface(interface_name);
            for field in fields {
                assert!(declares(&body, field), "{interface_name} declares no `{field}`");
            }
        }
        let toast = interface("ShowToastOption");
        let icon_line = toast.lines().find(|l| l.trim_start().starts_with("icon?:")).unwrap();
        for icon in [
            ToastIcon::Success,
            ToastIcon::Error,
            ToastIcon::Loading,
            ToastIcon::None,
        ] {
            assert!(icon_line.contains(&format!("'{}'", icon.as_str())), "{icon_line}");
        }
    }
}
