//! The WebAssembly half of the npm package `selfcheck` for Node.js: one function that hands a
//! call to `selfcheck-api`. `index.js` turns JavaScript objects into that JSON and back, fills in
//! the clock and random bytes, and throws `SelfcheckError`.

use wasm_bindgen::prelude::*;

/// Calls `function` with `arguments` (JSON text) and returns the answer as JSON text; a refusal
/// is thrown as the error's JSON text.
///
/// # Errors
/// The error's JSON (`{"code", "class", "message", "problems"}`).
#[wasm_bindgen]
pub fn call(function: &str, arguments: &str) -> Result<String, String> {
    selfcheck_api::call(function, arguments).map_err(|error| error.to_json())
}
