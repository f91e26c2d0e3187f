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

/// The largest file `selfcheck_summary_folder` reads; larger ones are given as empty files,
/// which the summary lists as not results (the core refuses results over 16 MiB anyway).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The error's JSON for a folder that cannot be read.
fn unreadable_folder(dir: &std::path::Path, error: &std::io::Error) -> String {
    let path = dir.display();
    selfcheck_api::ApiError {
        code: "unreadable-folder".into(),
        class: "other",
        message_zh: format!("无法读取文件夹 {path}（{error}）。"),
        message_en: format!("Cannot read the folder {path} ({error})."),
        problems: Vec::new(),
    }
    .to_json()
}

/// Every regular file under `folder`, as `selfcheck summary FOLDER` reads them, named by its path
/// relative to it, in name order. Symbolic links are not followed, so that a link cannot count a
/// file twice or loop.
fn folder_files(folder: &std::path::Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|error| unreadable_folder(&dir, &error))?;
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let Ok(kind) = entry.file_type() else { continue };
            let path = entry.path();
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                let name = path.strip_prefix(folder).unwrap_or(&path).to_string_lossy().into_owned();
                let too_large = entry.metadata().map_or(true, |metadata| metadata.len() > MAX_FILE_BYTES);
                let bytes = if too_large { Vec::new() } else { std::fs::read(&path).unwrap_or_default() };
                files.push((name, bytes));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The bureau's analysis of every file under `folder` (subfolders included, links not followed;
/// a file that is not a result gets that verdict): `summary` with `results` read from the
/// folder and the other arguments in `options` (a JSON object's text: `now`, `register`,
/// `expected`, …). Stores the answer or the error in `*output` as [`selfcheck_call`] does, and
/// returns the same status codes.
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
        let folder = unsafe { argument(folder, "folder") };
        // SAFETY: as above.
        let options = unsafe { argument(options, "options") };
        let (folder, options) = match (folder, options) {
            (Err(error), _) | (_, Err(error)) => return (SELFCHECK_MISUSE, error),
            (Ok(folder), Ok(options)) => (folder, options),
        };
        match folder_files(std::path::Path::new(folder)) {
            Err(error) => (SELFCHECK_ERROR, error),
            Ok(files) => match selfcheck_api::summary_of_files(&files, options) {
                Ok(answer) => (SELFCHECK_OK, answer),
                Err(error) => (SELFCHECK_ERROR, error.to_json()),
            },
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
