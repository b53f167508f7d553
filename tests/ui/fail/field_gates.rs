// Fields and typed functions above the default baseline (1.9.6) are
// errors that name their version and feature, like functions are.
use wx_bindings::ui::ShowModalOption;

fn main() {
    // ShowModalOption.editable: 需要基础库 2.17.1.
    let _ = ShowModalOption::new().title("Rename").editable(true);
    // The typed wx.pluginLogin: 2.20.1.
    let _ = wx_bindings::open_api::plugin_login();
}
