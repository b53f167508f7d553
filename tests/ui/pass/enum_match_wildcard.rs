// With a `_` arm, a match on a generated enum compiles at every baseline,
// also when another crate raises it (ShowToastOptionIcon::Error appears from
// base-2-14-1).
use wx_bindings::ui::ShowToastOptionIcon;

fn label(icon: ShowToastOptionIcon) -> &'static str {
    match icon {
        ShowToastOptionIcon::Success => "ok",
        ShowToastOptionIcon::Loading => "wait",
        _ => "",
    }
}

fn main() {
    assert_eq!(label(ShowToastOptionIcon::Success), "ok");
}
