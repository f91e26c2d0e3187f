//! The WebAssembly half of the npm package `selfcheck` for Node.js: one function that hands a
//! call to `selfcheck-api`, and the folder reader of the command line over Node's `fs`
//! ([`fs::NodeFs`]). `index.js` turns JavaScript objects into that JSON and back, fills in the
//! clock and random bytes, and throws `SelfcheckError`.

mod fs;

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

/// `summary` of every file under `folder`, read with Node's `fs` as `selfcheck summary FOLDER`
/// reads it (`selfcheck-files`), with the other arguments in `options` (JSON text).
///
/// # Errors
/// The error's JSON, as [`call`].
#[wasm_bindgen(js_name = summaryOfFolder)]
pub fn summary_of_folder(folder: &str, options: &str) -> Result<String, String> {
    selfcheck_api::summary_of_folder(&fs::NodeFs::default(), std::path::Path::new(folder), options)
        .map_err(|error| error.to_json())
}
