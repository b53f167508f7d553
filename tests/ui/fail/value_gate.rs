// A string-literal value above the default baseline is an error naming its
// version and feature: ShowToastOption.icon = "error" needs base library 2.14.1.
use wx_bindings::ui::{ShowToastOption, ShowToastOptionIcon};

fn main() {
    let _ = ShowToastOption::new("Failed").icon(ShowToastOptionIcon::Error);
}
