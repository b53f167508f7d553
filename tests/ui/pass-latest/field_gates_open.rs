// With the highest baseline, the gated fields, values and functions compile
// (the other side of ui/fail/field_gates.rs and ui/fail/value_gate.rs).
use wx_bindings::ui::{ShowModalOption, ShowToastOption, ShowToastOptionIcon};

#[allow(dead_code)]
fn plugin() {
    let _ = ShowModalOption::new().title("Rename").editable(true).placeholder_text("name");
    let _ = ShowToastOption::new("Failed").icon(ShowToastOptionIcon::Error);
    let _ = wx_bindings::open_api::plugin_login();
}

fn main() {}
