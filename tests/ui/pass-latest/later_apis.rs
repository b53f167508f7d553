// APIs WeChat opened to plugins after the 1.9.x page bind directly once the
// baseline is high enough (here the highest, `latest`).
use wasm_bindgen::JsValue;
use wx_bindings::raw;

#[allow(dead_code)]
fn plugin() -> Result<(), JsValue> {
    let options = js_sys::Object::new();
    raw::plugin_login(&options)?; // 2.20.1, plugin-only
    raw::request_plugin_payment(&options)?; // 2.22.1, plugin-only
    let _fs: JsValue = raw::get_file_system_manager()?; // 2.19.2
    let _socket: JsValue = raw::create_tcp_socket(&JsValue::UNDEFINED)?; // 2.18.0, options optional
    // Still bound at the page's version, whatever today's typings say.
    raw::on_bluetooth_device_found(&js_sys::Function::new_no_args(""))?;
    Ok(())
}

fn main() {}
