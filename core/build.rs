//! Prepares the built-in catalogues for embedding: the newest version of each catalogue as
//! compact JSON, each earlier version as a patch against the version after it.
//!
//! Why: the versions differ in a few dozen strings, and every one stays built in forever (a
//! result signed under it must verify). Embedded whole and pretty-printed they were about 60 % of
//! the widget's data; gzip's 32 KB window cannot share the near-identical files. The
//! authored files in `catalogues/` stay the source; `tests/tests/catalogue_versions.rs` checks
//! that what is rebuilt from this output is each file's content and pinned digest.
//!
//! Output in `OUT_DIR`: `<file stem>.json` for a newest version, `<file stem>.patch.json` for an
//! earlier one. A patch is a JSON array of operations, applied in order to the next version:
//! `[path, value]` sets the member or element at `path` (an array of keys and indexes),
//! `[path]` removes it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

fn main() {
    let dir = Path::new("catalogues");
    println!("cargo::rerun-if-changed=catalogues");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut families: BTreeMap<String, Vec<(Vec<u64>, String, Value)>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("catalogues/ is readable") {
        let path = entry.expect("catalogues/ is readable").path();
        let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()).map(str::to_owned) else { continue };
        // Catalogue files are named `<id>-<major>.<minor>.<patch>.json`; the schema is not one.
        let Some((id, version)) = stem.rsplit_once('-') else { continue };
        let Some(version) = version.split('.').map(|part| part.parse::<u64>().ok()).collect::<Option<Vec<_>>>() else {
            continue;
        };
        if path.extension().and_then(|extension| extension.to_str()) != Some("json") || version.len() != 3 {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        families.entry(id.to_owned()).or_default().push((version, stem, value));
    }
    for versions in families.values_mut() {
        versions.sort_by(|a, b| a.0.cmp(&b.0));
        let (_, newest_stem, newest) = versions.last().expect("a family has a version");
        write(&out.join(format!("{newest_stem}.json")), &serde_json::to_string(newest).expect("JSON serializes"));
        for pair in versions.windows(2) {
            let ((_, stem, earlier), (_, _, next)) = (&pair[0], &pair[1]);
            let mut operations = Vec::new();
            diff(next, earlier, &mut Vec::new(), &mut operations);
            let patch = serde_json::to_string(&operations).expect("JSON serializes");
            write(&out.join(format!("{stem}.patch.json")), &patch);
        }
    }
}

/// Writes only when the content changed, so that the core is not rebuilt for nothing.
fn write(path: &Path, content: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(content) {
        std::fs::write(path, content).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    }
}

/// The operations that turn `from` into `to`, appended to `operations`.
fn diff(from: &Value, to: &Value, path: &mut Vec<Value>, operations: &mut Vec<Value>) {
    match (from, to) {
        (Value::Object(from), Value::Object(to)) => {
            for key in from.keys().filter(|key| !to.contains_key(*key)) {
                let mut removed = path.clone();
                removed.push(json!(key));
                operations.push(json!([removed]));
            }
            for (key, value) in to {
                path.push(json!(key));
                match from.get(key) {
                    Some(old) => diff(old, value, path, operations),
                    None => operations.push(json!([path.clone(), value])),
                }
                path.pop();
            }
        }
        (Value::Array(from), Value::Array(to)) if from.len() == to.len() => {
            for (index, (old, value)) in from.iter().zip(to).enumerate() {
                path.push(json!(index));
                diff(old, value, path, operations);
                path.pop();
            }
        }
        _ if from == to => {}
        _ => operations.push(json!([path.clone(), to])),
    }
}
