//! The C ABI of selfcheck: one call into the JSON surface of `selfcheck-api` and one function
//! to free what it returns. UTF-8 JSON text in, UTF-8 JSON text out; the header
//! `include/selfcheck.h` is generated from this file by cbindgen (a test keeps it current).
//!
//! ```c
//! char *answer = NULL;
//! int status = selfcheck_call("verify", "{\"result\": \"…\", \"now\": \"2026-12-01T00:00:00Z\"}", &answer);
//! /* status 0: answer is the verdict; 1: answer is the error's JSON; 2: misuse (see below) */
//! selfcheck_free(answer);
//! ```

use std::ffi::{CStr, CString, c_char, c_int};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The call succeeded: `*output` holds the answer.
pub const SELFCHECK_OK: c_int = 0;
/// selfcheck refused: `*output` holds the error's JSON (`{"code", "class", "message", "problems"}`).
pub const SELFCHECK_ERROR: c_int = 1;
/// The call itself was wrong: a null pointer, or text that is not UTF-8. `*output` holds the
/// error's JSON when `output` is not null.
pub const SELFCHECK_MISUSE: c_int = 2;
/// A bug in selfcheck (it panicked): `*output` holds the error's JSON. Please report it.
pub const SELFCHECK_INTERNAL: c_int = 3;

fn misuse(detail: &str) -> String {
    format!(
        r#"{{"code":"misuse","class":"other","message":{{"zh":"调用方式有误：{detail}。","en":"The call is wrong: {detail}."}},"problems":[]}}"#
    )
}

/// Reads a C string argument as UTF-8.
///
/// # Safety
/// `text` is null or points to a NUL-terminated string that stays valid during the call.
#[allow(unsafe_code)]
unsafe fn argument<'a>(text: *const c_char, name: &str) -> Result<&'a str, String> {
    if text.is_null() {
        return Err(misuse(&format!("{name} is NULL")));
    }
    // SAFETY: not null, and the caller promises a NUL-terminated string valid for the call.
    let text = unsafe { CStr::from_ptr(text) };
    text.to_str().map_err(|_| misuse(&format!("{name} is not UTF-8")))
}

/// Reads a C string argument as a path: its bytes as they are on Unix, UTF-8 elsewhere.
///
/// # Safety
/// As [`argument`].
#[allow(unsafe_code)]
unsafe fn path_argument(text: *const c_char, name: &str) -> Result<std::path::PathBuf, String> {
    #[cfg(unix)]
    {
        if text.is_null() {
            return Err(misuse(&format!("{name} is NULL")));
        }
        // SAFETY: not null, and the caller promises a NUL-terminated string valid for the call.
        let bytes = unsafe { CStr::from_ptr(text) }.to_bytes();
        Ok(std::path::PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        // SAFETY: as the caller promises.
        unsafe { argument(text, name) }.map(std::path::PathBuf::from)
    }
}

/// Calls `function` (e.g. `"verify"`) with `arguments` (a JSON object's text) and stores the
/// answer, or the error, as a new NUL-terminated UTF-8 JSON string in `*output`, which the
/// caller frees with [`selfcheck_free`]. Returns [`SELFCHECK_OK`], [`SELFCHECK_ERROR`],
/// [`SELFCHECK_MISUSE`] or [`SELFCHECK_INTERNAL`].
///
/// # Safety
/// `function` and `arguments` are null or NUL-terminated strings valid during the call;
/// `output` is null or points to writable storage for one pointer.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn selfcheck_call(
    function: *const c_char,
    arguments: *const c_char,
    output: *mut *mut c_char,
) -> c_int {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: as the caller promises for `function` and `arguments`.
        let function = unsafe { argument(function, "function") };
        // SAFETY: as above.
        let arguments = unsafe { argument(arguments, "arguments") };
        match (function, arguments) {
            (Err(error), _) | (_, Err(error)) => (SELFCHECK_MISUSE, error),
            (Ok(function), Ok(arguments)) => match selfcheck_api::call(function, arguments) {
                Ok(answer) => (SELFCHECK_OK, answer),
                Err(error) => (SELFCHECK_ERROR, error.to_json()),
            },
        }
    }));
    // SAFETY: as the caller promises for `output`.
    unsafe { store(outcome, output) }
}

/// The bureau's analysis of every file under `folder`, read as `selfcheck summary FOLDER` reads
/// it (`selfcheck-files`: subfolders included, each file once, links never followed, files read
/// as bytes and never decoded lossily; each file named by its path from `folder` as given; every
/// entry not read, and why, under `not_read`): `summary` with `results` read from the folder and
/// the other arguments in `options` (a JSON object's text: `now`, `register`, `expected`, …).
/// Stores the answer or the error in `*output` as [`selfcheck_call`] does, and returns the same
/// status codes. On Unix, `folder` is a path's bytes as the system has them (UTF-8 or not).
///
/// # Safety
/// As [`selfcheck_call`]: `folder` and `options` are null or NUL-terminated strings valid
/// during the call; `output` is null or points to writable storage for one pointer.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn selfcheck_summary_folder(
    folder: *const c_char,
    options: *const c_char,
    output: *mut *mut c_char,
) -> c_int {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: as the caller promises for `folder` and `options`.
        let folder = unsafe { path_argument(folder, "folder") };
        // SAFETY: as above.
        let options = unsafe { argument(options, "options") };
        let (folder, options) = match (folder, options) {
            (Err(error), _) | (_, Err(error)) => return (SELFCHECK_MISUSE, error),
            (Ok(folder), Ok(options)) => (folder, options),
        };
        match selfcheck_api::summary_of_folder(&selfcheck_files::Native, &folder, options) {
            Ok(answer) => (SELFCHECK_OK, answer),
            Err(error) => (SELFCHECK_ERROR, error.to_json()),
        }
    }));
    // SAFETY: as the caller promises for `output`.
    unsafe { store(outcome, output) }
}

/// Stores a call's answer in `*output` (or the internal error when it panicked).
///
/// # Safety
/// `output` is null or points to writable storage for one pointer.
#[allow(unsafe_code)]
unsafe fn store(outcome: std::thread::Result<(c_int, String)>, output: *mut *mut c_char) -> c_int {
    let (status, text) = outcome.unwrap_or_else(|_| {
        (
            SELFCHECK_INTERNAL,
            r#"{"code":"internal","class":"other","message":{"zh":"selfcheck 内部出错，请报告此问题。","en":"selfcheck failed inside; please report it."},"problems":[]}"#.to_owned(),
        )
    });
    if output.is_null() {
        return if status == SELFCHECK_OK { SELFCHECK_MISUSE } else { status };
    }
    // JSON text never holds a NUL byte: every control character in a string is escaped.
    let text = CString::new(text).unwrap_or_default();
    // SAFETY: `output` is not null and the caller promises it is writable.
    unsafe { *output = text.into_raw() };
    status
}

/// Frees a string that [`selfcheck_call`] or [`selfcheck_summary_folder`] returned. Null is
/// ignored.
///
/// # Safety
/// `text` is null or a pointer either function stored, not freed before.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn selfcheck_free(text: *mut c_char) {
    if !text.is_null() {
        // SAFETY: it came from `CString::into_raw` in `selfcheck_call` and is freed once.
        drop(unsafe { CString::from_raw(text) });
    }
}

/// The version of this library, a static NUL-terminated string (do not free it).
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn selfcheck_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
