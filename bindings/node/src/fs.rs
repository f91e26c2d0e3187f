//! Node's `fs` as `selfcheck-files` sees a file system, so that `summaryOfFolder` walks and reads
//! with the one code the command line, Python and C use (the WebAssembly module has no file
//! system of its own). Synchronous calls: a folder is read before the analysis begins, as the
//! command line reads it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use selfcheck_files::{FileId, FileKind, FileSystem, Kind, LinkLoop, Metadata};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "fs")]
extern "C" {
    #[wasm_bindgen(js_name = statSync, catch)]
    fn stat_sync(path: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = lstatSync, catch)]
    fn lstat_sync(path: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fstatSync, catch)]
    fn fstat_sync(fd: f64, options: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = realpathSync, catch)]
    fn realpath_sync(path: &JsValue) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = readlinkSync, catch)]
    fn readlink_sync(path: &JsValue) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = readdirSync, catch)]
    fn readdir_sync(path: &JsValue, options: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(js_name = openSync, catch)]
    fn open_sync(path: &JsValue, flags: f64) -> Result<f64, JsValue>;
    #[wasm_bindgen(js_name = readSync, catch)]
    fn read_sync(
        fd: f64,
        buffer: &js_sys::Uint8Array,
        offset: f64,
        length: f64,
        position: &JsValue,
    ) -> Result<f64, JsValue>;
    #[wasm_bindgen(js_name = closeSync, catch)]
    fn close_sync(fd: f64) -> Result<(), JsValue>;
    #[wasm_bindgen(thread_local_v2, js_name = constants)]
    static CONSTANTS: JsValue;
}

/// Node's file system. A name that is not UTF-8 (Linux allows any bytes) is shown with U+FFFD
/// where its bytes are not, as the command line shows it, and opened by its bytes, kept here.
#[derive(Debug, Default)]
pub struct NodeFs {
    /// The bytes of each path met whose name is not UTF-8, by the path shown.
    raw: RefCell<HashMap<PathBuf, Vec<u8>>>,
}

impl NodeFs {
    /// A path as Node takes it: its text, or the bytes of a name that is not UTF-8.
    fn argument(&self, path: &Path) -> io::Result<JsValue> {
        if let Some(bytes) = self.raw.borrow().get(path) {
            return Ok(js_sys::Uint8Array::from(bytes.as_slice()).into());
        }
        let text =
            path.to_str().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a path that is not UTF-8"))?;
        Ok(JsValue::from_str(text))
    }

    /// The bytes of a path (kept, or its text's).
    fn bytes(&self, path: &Path) -> Vec<u8> {
        self.raw.borrow().get(path).cloned().unwrap_or_else(|| path.to_string_lossy().into_owned().into_bytes())
    }
}

/// Node's error as the system's: its `code` (`ENOENT`, `EACCES`, `ELOOP`, …) chooses the kind.
fn error(thrown: JsValue) -> io::Error {
    let code = js_sys::Reflect::get(&thrown, &"code".into()).ok().and_then(|code| code.as_string()).unwrap_or_default();
    let message = js_sys::Reflect::get(&thrown, &"message".into())
        .ok()
        .and_then(|message| message.as_string())
        .unwrap_or_else(|| code.clone());
    match code.as_str() {
        "ENOENT" => io::Error::new(io::ErrorKind::NotFound, message),
        "EACCES" | "EPERM" => io::Error::new(io::ErrorKind::PermissionDenied, message),
        "ELOOP" => io::Error::other(LinkLoop),
        "ENOTDIR" => io::Error::new(io::ErrorKind::NotADirectory, message),
        "EISDIR" => io::Error::new(io::ErrorKind::IsADirectory, message),
        _ => io::Error::other(message),
    }
}

/// `fs.constants[name]`, 0 when Node has none of that name.
fn constant(name: &str) -> u32 {
    CONSTANTS
        .with(|constants| js_sys::Reflect::get(constants, &name.into()).ok().and_then(|value| value.as_f64()))
        .map_or(0, |value| value as u32)
}

/// Stats asked for with BigInt numbers, so that inodes and sizes keep every digit.
fn bigint_options() -> JsValue {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"bigint".into(), &true.into());
    options.into()
}

/// Whether `stats.method()` is true.
fn is(stats: &JsValue, method: &str) -> bool {
    js_sys::Reflect::get(stats, &method.into())
        .ok()
        .and_then(|function| function.dyn_into::<js_sys::Function>().ok())
        .and_then(|function| function.call0(stats).ok())
        .is_some_and(|answer| answer.is_truthy())
}

/// A BigInt member of `stats` as a number.
fn number(stats: &JsValue, member: &str) -> Option<u64> {
    js_sys::Reflect::get(stats, &member.into()).ok().and_then(|value| u64::try_from(value).ok())
}

fn metadata(stats: &JsValue) -> Metadata {
    let kind = if is(stats, "isFile") {
        Kind::File
    } else if is(stats, "isSymbolicLink") {
        Kind::Symlink
    } else if is(stats, "isDirectory") {
        Kind::Special(FileKind::Directory)
    } else if is(stats, "isFIFO") {
        Kind::Special(FileKind::Fifo)
    } else if is(stats, "isSocket") {
        Kind::Special(FileKind::Socket)
    } else if is(stats, "isCharacterDevice") {
        Kind::Special(FileKind::CharDevice)
    } else if is(stats, "isBlockDevice") {
        Kind::Special(FileKind::BlockDevice)
    } else {
        Kind::Special(FileKind::Other)
    };
    let id = number(stats, "dev").zip(number(stats, "ino")).map(|(device, inode)| FileId::Inode { device, inode });
    Metadata { kind, len: number(stats, "size").unwrap_or(0), id }
}

impl FileSystem for NodeFs {
    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        stat_sync(&self.argument(path)?, &bigint_options()).map(|stats| metadata(&stats)).map_err(error)
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<Metadata> {
        lstat_sync(&self.argument(path)?, &bigint_options()).map(|stats| metadata(&stats)).map_err(error)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        realpath_sync(&self.argument(path)?).map(PathBuf::from).map_err(error)
    }

    fn read_link(&self, path: &Path) -> io::Result<PathBuf> {
        readlink_sync(&self.argument(path)?).map(PathBuf::from).map_err(error)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"encoding".into(), &"buffer".into());
        let names = readdir_sync(&self.argument(path)?, &options).map_err(error)?;
        let mut children = Vec::with_capacity(names.length() as usize);
        for name in names.iter() {
            let name = js_sys::Uint8Array::new(&name).to_vec();
            match String::from_utf8(name) {
                Ok(name) => children.push(path.join(name)),
                Err(not_utf8) => {
                    let name = not_utf8.into_bytes();
                    let child = path.join(String::from_utf8_lossy(&name).into_owned());
                    let mut bytes = self.bytes(path);
                    bytes.push(b'/');
                    bytes.extend(name);
                    self.raw.borrow_mut().insert(child.clone(), bytes);
                    children.push(child);
                }
            }
        }
        Ok(children)
    }

    fn open(&self, path: &Path, wait_for_writer: bool) -> io::Result<(Box<dyn Read + '_>, Metadata)> {
        let flags = if wait_for_writer { constant("O_RDONLY") } else { constant("O_RDONLY") | constant("O_NONBLOCK") };
        let fd = open_sync(&self.argument(path)?, f64::from(flags)).map_err(error)?;
        let file = NodeFile { fd };
        let opened = fstat_sync(fd, &bigint_options()).map_err(error)?;
        Ok((Box::new(file), metadata(&opened)))
    }
}

/// An open file, closed when dropped.
struct NodeFile {
    fd: f64,
}

impl Read for NodeFile {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        // In pieces of at most 64 KiB: each is copied between Node's memory and the module's.
        let length = buffer.len().min(64 * 1024);
        let chunk = js_sys::Uint8Array::new_with_length(length as u32);
        let read = read_sync(self.fd, &chunk, 0.0, length as f64, &JsValue::NULL).map_err(error)? as usize;
        chunk.subarray(0, read as u32).copy_to(&mut buffer[..read]);
        Ok(read)
    }
}

impl Drop for NodeFile {
    fn drop(&mut self) {
        let _ = close_sync(self.fd);
    }
}
