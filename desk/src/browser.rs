//! The browser as the desk's host on the main thread: local storage, downloads and reading a
//! chosen file. Side effects only, called from effects and callbacks.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Storage, Url};

/// Where the desk keeps its state in local storage (one key each).
pub const PREFIX: &str = "selfcheck-desk:";

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a stored string.
pub fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(&format!("{PREFIX}{key}")).ok().flatten()
}

/// Stores a string; false when the browser refuses (quota, private mode).
pub fn store(key: &str, value: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(&format!("{PREFIX}{key}"), value).is_ok())
}

/// Offers `bytes` as a download named `file_name`.
pub fn download(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    // The download has started from the click; the URL can go once the event loop moves on.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The bytes of a chosen file.
pub async fn read_bytes(blob: &Blob) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The clock, in Unix seconds.
pub fn now_seconds() -> u64 {
    (js_sys::Date::now() as u64) / 1000
}

/// Bytes from lowercase or uppercase hex (as the desk keeps a received file in local storage);
/// `None` when it is not hex.
pub fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()).collect()
}

/// Whether this browser's WebAssembly has reference types (Chromium 96+, Firefox 79+, Safari 15+):
/// a module whose one type returns an `externref` is valid only there. The same test as the
/// package's `hasReferenceTypes` (web/js/selfcheck-unsupported.js).
pub fn has_reference_types() -> bool {
    const REFERENCE_TYPES: [u8; 15] = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 111];
    js_sys::WebAssembly::validate(&Uint8Array::from(&REFERENCE_TYPES[..]).into()).unwrap_or(false)
}
