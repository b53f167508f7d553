// A generated enum is #[non_exhaustive]: a match listing every value this
// baseline has still needs a `_` arm, because another crate in the build may
// raise the baseline (ShowToastOptionIcon::Error appears from base-2-14-1) and
// WeChat adds values over time. Without one, the error says so here, not in
// some other crate's build.
use wx_bindings::ui::ShowToastOptionIcon;

fn label(icon: ShowToastOptionIcon) -> &'static str {
    match icon {
        ShowToastOptionIcon::Success => "ok",
        ShowToastOptionIcon::Loading => "wait",
        ShowToastOptionIcon::None => "",
    }
}

fn main() {
    let _ = label(ShowToastOptionIcon::Success);
}
