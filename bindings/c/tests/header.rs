//! The committed header `include/selfcheck.h` is what cbindgen makes of `src/lib.rs` today.
//! Set UPDATE_GOLDEN=1 to rewrite it after changing the C ABI.

use std::path::Path;

#[test]
fn the_header_is_generated_from_the_source() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen reads src/lib.rs")
        .write(&mut generated);
    let generated = String::from_utf8(generated).unwrap();
    let path = crate_dir.join("include/selfcheck.h");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), generated, "regenerate with UPDATE_GOLDEN=1");
    for name in ["selfcheck_call", "selfcheck_free", "selfcheck_version", "SELFCHECK_MISUSE"] {
        assert!(generated.contains(name), "the header declares {name}");
    }
}
