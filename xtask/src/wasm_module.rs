//! A WebAssembly module's sections, read and edited as bytes: the fallback build for browsers
//! without reference types (Chromium before 96) drops `reference-types` from the module's
//! `target_features` section, which the standard library brings, so that wasm-bindgen writes
//! its glue without them.

/// The module with `feature` taken out of its `target_features` custom section; every other
/// section is kept byte for byte.
///
/// # Errors
/// When the bytes are not a WebAssembly module, or a section runs past the end.
pub fn without_target_feature(module: &[u8], feature: &str) -> Result<Vec<u8>, String> {
    const HEADER: [u8; 8] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    if module.get(..8) != Some(&HEADER[..]) {
        return Err("not a WebAssembly module (version 1)".into());
    }
    let mut out = HEADER.to_vec();
    let mut at = 8;
    while at < module.len() {
        let id = module[at];
        let (size, after_size) = read_leb(module, at + 1)?;
        let end =
            after_size.checked_add(size).filter(|&end| end <= module.len()).ok_or("a section runs past the end")?;
        let payload = &module[after_size..end];
        match (id, custom_section_name(payload)?) {
            (0, Some(("target_features", rest))) => {
                let mut section = name_bytes("target_features");
                section.extend(filtered_features(rest, feature)?);
                out.push(0);
                write_leb(&mut out, section.len());
                out.extend(section);
            }
            _ => out.extend_from_slice(&module[at..end]),
        }
        at = end;
    }
    Ok(out)
}

/// The names of the features a module's `target_features` section lists as used (`+`).
pub fn target_features(module: &[u8]) -> Result<Vec<String>, String> {
    let mut at = 8;
    let mut found = Vec::new();
    while at < module.len() {
        let id = module[at];
        let (size, after_size) = read_leb(module, at + 1)?;
        let end =
            after_size.checked_add(size).filter(|&end| end <= module.len()).ok_or("a section runs past the end")?;
        if let (0, Some(("target_features", rest))) = (id, custom_section_name(&module[after_size..end])?) {
            let (count, mut cursor) = read_leb(rest, 0)?;
            for _ in 0..count {
                let prefix = *rest.get(cursor).ok_or("a feature runs past the end")?;
                let (length, name_at) = read_leb(rest, cursor + 1)?;
                let name = rest.get(name_at..name_at + length).ok_or("a feature's name runs past the end")?;
                if prefix == b'+' {
                    found.push(String::from_utf8_lossy(name).into_owned());
                }
                cursor = name_at + length;
            }
        }
        at = end;
    }
    Ok(found)
}

/// A custom section's name and what follows it.
fn custom_section_name(payload: &[u8]) -> Result<Option<(&str, &[u8])>, String> {
    let Ok((length, name_at)) = read_leb(payload, 0) else { return Ok(None) };
    let Some(name) = payload.get(name_at..name_at + length) else { return Ok(None) };
    Ok(std::str::from_utf8(name).ok().map(|name| (name, &payload[name_at + length..])))
}

/// The entries of a `target_features` section without those named `feature`.
fn filtered_features(entries: &[u8], feature: &str) -> Result<Vec<u8>, String> {
    let (count, mut cursor) = read_leb(entries, 0)?;
    let mut kept = Vec::new();
    let mut kept_count = 0;
    for _ in 0..count {
        let prefix = *entries.get(cursor).ok_or("a feature runs past the end")?;
        let (length, name_at) = read_leb(entries, cursor + 1)?;
        let name = entries.get(name_at..name_at + length).ok_or("a feature's name runs past the end")?;
        if name != feature.as_bytes() {
            kept.push(prefix);
            kept.extend(name_bytes(std::str::from_utf8(name).map_err(|_| "a feature's name is not UTF-8")?));
            kept_count += 1;
        }
        cursor = name_at + length;
    }
    let mut out = Vec::new();
    write_leb(&mut out, kept_count);
    out.extend(kept);
    Ok(out)
}

fn name_bytes(name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    write_leb(&mut out, name.len());
    out.extend_from_slice(name.as_bytes());
    out
}

/// An unsigned LEB128 number at `at`, and where it ends.
fn read_leb(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let mut value: usize = 0;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at).ok_or("a number runs past the end")?;
        at += 1;
        value |= usize::from(byte & 0x7f).checked_shl(shift).ok_or("a number is too large")?;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 35 {
            return Err("a number is too long".into());
        }
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a type section and a `target_features` section listing `features`.
    fn module(features: &[&str]) -> Vec<u8> {
        let mut out = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        out.extend([0x01, 0x04, 0x01, 0x60, 0x00, 0x00]);
        let mut section = name_bytes("target_features");
        write_leb(&mut section, features.len());
        for feature in features {
            section.push(b'+');
            section.extend(name_bytes(feature));
        }
        out.push(0);
        write_leb(&mut out, section.len());
        out.extend(section);
        out
    }

    #[test]
    fn drops_one_feature_and_keeps_the_rest_byte_for_byte() {
        let before = module(&["bulk-memory", "reference-types", "sign-ext"]);
        assert_eq!(target_features(&before).unwrap(), ["bulk-memory", "reference-types", "sign-ext"]);
        let after = without_target_feature(&before, "reference-types").unwrap();
        assert_eq!(target_features(&after).unwrap(), ["bulk-memory", "sign-ext"]);
        assert_eq!(after[..14], before[..14], "the type section is untouched");
        assert_eq!(without_target_feature(&after, "reference-types").unwrap(), after, "nothing left to drop");
    }

    #[test]
    fn refuses_what_is_not_a_module_or_is_cut_short() {
        assert!(without_target_feature(b"not wasm", "reference-types").is_err());
        let whole = module(&["reference-types"]);
        assert!(without_target_feature(&whole[..whole.len() - 3], "reference-types").is_err());
    }
}
