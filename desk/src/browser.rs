//! The browser as the desk's host on the main thread: the pages' shared host
//! (`selfcheck-page-host`) with the desk's own keys, and what only the desk asks of the browser.
//! Side effects only, called from effects and callbacks.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast as _;

/// Where the desk keeps its state in local storage (one key each).
pub const PREFIX: &str = "selfcheck-desk:";

pub use selfcheck_page_host::{download, now_unix_seconds, read_bytes, take_chosen_file};

/// Reads a string the desk stored.
pub fn load(key: &str) -> Option<String> {
    selfcheck_page_host::load(&format!("{PREFIX}{key}"))
}

/// Stores a string of the desk's; false when the browser refuses (quota, private mode).
pub fn store(key: &str, value: &str) -> bool {
    selfcheck_page_host::store(&format!("{PREFIX}{key}"), value)
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

/// The value of the input, select or text area an event came from.
pub(crate) fn target_value(event: &web_sys::Event) -> String {
    let target = event.target();
    if let Some(input) = target.as_ref().and_then(|target| target.dyn_ref::<web_sys::HtmlInputElement>()) {
        return input.value();
    }
    if let Some(select) = target.as_ref().and_then(|target| target.dyn_ref::<web_sys::HtmlSelectElement>()) {
        return select.value();
    }
    target
        .as_ref()
        .and_then(|target| target.dyn_ref::<web_sys::HtmlTextAreaElement>())
        .map(|area| area.value())
        .unwrap_or_default()
}

/// A callback for an `<input type=file>`: reads the file chosen and gives `then` its name and
/// its text (invalid UTF-8 replaced: a key file or a summary is ASCII, and the core names
/// anything else for what it is). A file the browser cannot read is left unchosen.
pub(crate) fn on_chosen_text(then: impl Fn(String, String) + 'static) -> yew::Callback<web_sys::Event> {
    let then = std::rc::Rc::new(then);
    yew::Callback::from(move |event: web_sys::Event| {
        let Some(file) = take_chosen_file(&event) else { return };
        let then = then.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(bytes) = read_bytes(&file).await {
                then(file.name(), String::from_utf8_lossy(&bytes).into_owned());
            }
        });
    })
}

/// Whether the check box an event came from is checked.
pub(crate) fn target_checked(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}
