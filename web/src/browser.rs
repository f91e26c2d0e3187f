//! The browser as the widget's host: storage, downloads, files, the clock and random bytes.
//! Everything here is a side effect, called from effects and callbacks, never from `reduce`.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use selfcheck_core::canonical::Sha256Hasher;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File};

pub use selfcheck_page_host::{download, forget, load, now_unix_seconds, store, take_chosen_file};

/// `N` random bytes from the browser's cryptographic generator.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], JsValue> {
    let crypto = web_sys::window().ok_or("no window")?.crypto()?;
    let mut bytes = [0u8; N];
    crypto.get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

/// Which way [`pbkdf2_aes_cbc`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cipher {
    /// Encrypt a key for a new key file.
    Encrypt,
    /// Decrypt a key file.
    Decrypt,
}

/// What the key-file parameters of [`pbkdf2_aes_cbc`] are.
pub struct Pbkdf2AesCbc<'a> {
    /// The passphrase (its UTF-8 bytes are PBKDF2's password, as in the core and OpenSSL).
    pub passphrase: &'a str,
    /// PBKDF2's hash as WebCrypto names it (`SHA-256`).
    pub hash: &'a str,
    /// PBKDF2's salt.
    pub salt: &'a [u8],
    /// PBKDF2's iterations.
    pub iterations: u32,
    /// The AES key's length in bytes (16 or 32).
    pub key_bytes: u16,
}

/// Why WebCrypto failed.
#[derive(Debug)]
pub enum CryptoFailure {
    /// The decryption's padding check failed: the passphrase is wrong.
    BadPadding,
    /// The browser could not do it (no WebCrypto outside https, or another error).
    Browser(String),
}

/// PBKDF2 and AES-CBC (PKCS#7 padding, as PBES2) in the browser's WebCrypto: native, off the
/// main thread, and faster than the same in wasm (Chromium 60+, Firefox 57+, Safari 11+). The
/// key derived is not extractable. WebCrypto needs a secure context (https, or localhost). One
/// derivation serves every block, each `(iv, data)`: a key file's key and its SM2 part share
/// their passphrase, salt and iterations.
pub async fn pbkdf2_aes_cbc(
    cipher: Cipher,
    params: &Pbkdf2AesCbc<'_>,
    blocks: &[(&[u8], &[u8])],
) -> Result<Vec<Vec<u8>>, CryptoFailure> {
    let browser = |error: JsValue| CryptoFailure::Browser(describe(error));
    let window = web_sys::window().ok_or_else(|| CryptoFailure::Browser("no window".into()))?;
    let subtle = Reflect::get(&window, &"crypto".into())
        .and_then(|crypto| Reflect::get(&crypto, &"subtle".into()))
        .map_err(browser)?;
    if subtle.is_undefined() {
        return Err(CryptoFailure::Browser(
            "WebCrypto (crypto.subtle) is unavailable: the page must be served over https".into(),
        ));
    }
    let call = |name: &str, args: Array| -> Result<JsFuture, CryptoFailure> {
        let method: Function = Reflect::get(&subtle, &name.into()).and_then(|f| f.dyn_into()).map_err(browser)?;
        let promise: Promise = method.apply(&subtle, &args).and_then(|p| p.dyn_into()).map_err(browser)?;
        Ok(JsFuture::from(promise))
    };
    let object = |pairs: &[(&str, JsValue)]| -> Result<Object, CryptoFailure> {
        let object = Object::new();
        for (name, value) in pairs {
            Reflect::set(&object, &(*name).into(), value).map_err(browser)?;
        }
        Ok(object)
    };
    let password = Uint8Array::from(params.passphrase.as_bytes());
    let usage = if cipher == Cipher::Encrypt { "encrypt" } else { "decrypt" };
    let material = call(
        "importKey",
        Array::of5(&"raw".into(), &password, &"PBKDF2".into(), &false.into(), &Array::of1(&"deriveKey".into())),
    )?
    .await
    .map_err(browser)?;
    let derivation = object(&[
        ("name", "PBKDF2".into()),
        ("salt", Uint8Array::from(params.salt).into()),
        ("iterations", params.iterations.into()),
        ("hash", params.hash.into()),
    ])?;
    let aes = object(&[("name", "AES-CBC".into()), ("length", (u32::from(params.key_bytes) * 8).into())])?;
    let key = call("deriveKey", Array::of5(&derivation, &material, &aes, &false.into(), &Array::of1(&usage.into())))?
        .await
        .map_err(browser)?;
    let mut out = Vec::with_capacity(blocks.len());
    for (iv, data) in blocks {
        let algorithm = object(&[("name", "AES-CBC".into()), ("iv", Uint8Array::from(*iv).into())])?;
        let result = call(usage, Array::of3(&algorithm, &key, &Uint8Array::from(*data)))?.await.map_err(|error| {
            // AES-CBC decryption reports a failed padding check as an OperationError.
            let name = Reflect::get(&error, &"name".into()).ok().and_then(|name| name.as_string());
            if cipher == Cipher::Decrypt && name.as_deref() == Some("OperationError") {
                CryptoFailure::BadPadding
            } else {
                browser(error)
            }
        })?;
        out.push(Uint8Array::new(&result).to_vec());
    }
    Ok(out)
}

/// The local date as `YYYYMMDD`, for the names of draft files.
pub fn local_date_compact() -> String {
    let date = js_sys::Date::new_0();
    format!("{:04}{:02}{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}

/// What can go wrong in the widget's asynchronous work (reading a file, making a key, signing,
/// verifying): the core's errors (worded here, or by the signing module, which sends its words),
/// or the browser's.
#[derive(Debug)]
pub enum Failure {
    /// The core's error, found in this module: too large, not UTF-8, a file of another kind, …
    Core(selfcheck_core::Error),
    /// The core's error found in the signing module, in both languages.
    Signing(selfcheck_core::Text),
    /// The browser refused, in its own words.
    Browser(String),
}

impl From<selfcheck_core::Error> for Failure {
    fn from(error: selfcheck_core::Error) -> Failure {
        Failure::Core(error)
    }
}

impl From<CryptoFailure> for Failure {
    fn from(failure: CryptoFailure) -> Failure {
        match failure {
            CryptoFailure::BadPadding => Failure::Core(selfcheck_core::Error::WrongPassphrase),
            CryptoFailure::Browser(detail) => Failure::Browser(detail),
        }
    }
}

impl Failure {
    /// The message to show, after `context`.
    pub fn notice(self, context: crate::i18n::S) -> crate::state::Notice {
        use crate::state::Notice;
        use std::rc::Rc;
        match self {
            Failure::Core(error) => Notice::Error(context, Rc::new(error)),
            Failure::Signing(words) => Notice::Worded(context, Rc::new(words)),
            Failure::Browser(detail) => Notice::Browser(context, detail),
        }
    }
}

/// A whole file (a `what`) as text, refusing files over `limit` bytes before reading them whole,
/// files of another kind (a zip, a PDF, …) and text that is not UTF-8, as the core says (a
/// byte-order mark is dropped).
pub async fn read_text(file: &File, what: selfcheck_core::Document, limit: usize) -> Result<String, Failure> {
    use selfcheck_core::wire;
    let read = |blob: &Blob| {
        let buffer = JsFuture::from(blob.array_buffer());
        async move {
            let buffer = buffer.await.map_err(|error| Failure::Browser(describe(error)))?;
            Ok::<_, Failure>(Uint8Array::new(&buffer).to_vec())
        }
    };
    let size = file.size() as usize;
    if size > limit {
        // Its first bytes only: enough for the core to say when it is a file of another kind.
        let head =
            file.slice_with_f64_and_f64(0.0, wire::HEAD_BYTES as f64).map_err(describe).map_err(Failure::Browser)?;
        return Err(Failure::Core(wire::oversized(what, size, limit, &read(&head).await?)));
    }
    let bytes = read(file).await?;
    wire::file_text(&bytes, what).map(str::to_owned).map_err(Failure::Core)
}

/// The SHA-256 of a file read in 4 MiB pieces, so that large files neither fill memory nor
/// freeze the page; `progress` gets the per mille done after each piece.
#[allow(clippy::float_arithmetic, reason = "file offsets are JavaScript numbers; no float is stored")]
pub async fn hash_file(file: &File, mut progress: impl FnMut(u32)) -> Result<String, String> {
    const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
    let size = file.size();
    let mut hasher = Sha256Hasher::default();
    let mut offset = 0.0;
    while offset < size {
        let end = (offset + CHUNK).min(size);
        let piece = file.slice_with_f64_and_f64(offset, end).map_err(describe)?;
        let buffer = JsFuture::from(piece.array_buffer()).await.map_err(describe)?;
        hasher.update(&Uint8Array::new(&buffer).to_vec());
        offset = end;
        progress((offset * 1000.0 / size) as u32);
    }
    Ok(hasher.finish_hex())
}

/// A JavaScript error as text.
pub fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Scrolls `target` so that its top lands `offset` pixels below the top of the view (under a
/// sticky bar of that height), and focuses `control` without scrolling again.
pub fn scroll_and_focus(target: &web_sys::Element, control: &web_sys::HtmlElement, offset: i32) {
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
    if let Some(styled) = target.dyn_ref::<web_sys::HtmlElement>() {
        let _ = styled.style().set_property("scroll-margin-top", &format!("{offset}px"));
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    target.scroll_into_view_with_scroll_into_view_options(&options);
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = control.focus_with_options(&focus);
}

/// Adds a mark to the page's performance timeline (for hosts and benchmarks).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// Runs `then` in a task after the next frame is presented, so that what it renders does not
/// hold back that frame; or after `LATEST_MS` when no frame comes (a tab in the background
/// draws none), whichever is first.
pub fn after_next_frame(then: impl FnOnce() + 'static) {
    const LATEST_MS: u32 = 500;
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(then)));
    let run = move || {
        if let Some(then) = once.take() {
            then();
        }
    };
    let on_frame = {
        let run = run.clone();
        // The frame's own style, layout and paint follow this callback; a timer runs after it.
        Closure::once_into_js(move || gloo_timers::callback::Timeout::new(0, run).forget())
    };
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(on_frame.unchecked_ref());
    }
    gloo_timers::callback::Timeout::new(LATEST_MS, run).forget();
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
