//! The native half of the Python package `selfcheck`: one function that hands a call to
//! `selfcheck-api` and returns its JSON answer or error, and the command line's folder reader
//! (`selfcheck-files`). `python/selfcheck/__init__.py` turns Python objects into that JSON and
//! back, fills in the clock and random bytes, and raises `SelfcheckError`.

use pyo3::prelude::*;

/// Calls `function` with `arguments` (JSON text) and returns `(True, answer)` or
/// `(False, error)`, both JSON text. The work runs without the GIL held.
#[pyfunction]
fn call(py: Python<'_>, function: &str, arguments: &str) -> (bool, String) {
    let (function, arguments) = (function.to_owned(), arguments.to_owned());
    py.detach(move || match selfcheck_api::call(&function, &arguments) {
        Ok(answer) => (true, answer),
        Err(error) => (false, error.to_json()),
    })
}

/// `summary` of every file under `folder` (a path, its bytes kept as the system has them), read
/// as `selfcheck summary FOLDER` reads it, with the other arguments in `options` (JSON text):
/// `(True, answer)` or `(False, error)`, as [`call`].
#[pyfunction]
fn summary_of_folder(py: Python<'_>, folder: std::path::PathBuf, options: &str) -> (bool, String) {
    let options = options.to_owned();
    py.detach(move || match selfcheck_api::summary_of_folder(&selfcheck_files::Native, &folder, &options) {
        Ok(answer) => (true, answer),
        Err(error) => (false, error.to_json()),
    })
}

/// The module `selfcheck._native`.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(call, module)?)?;
    module.add_function(wrap_pyfunction!(summary_of_folder, module)?)?;
    module.add("FUNCTIONS", selfcheck_api::FUNCTIONS.to_vec())?;
    Ok(())
}
