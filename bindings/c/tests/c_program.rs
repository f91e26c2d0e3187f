//! Compiles `tests/golden.c` with the system's C compiler against the static library and runs it
//! over the golden cases: the C ABI as a C program sees it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The directory holding this test's executable's sibling artefacts: `target/<profile>`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(Path::parent).unwrap().to_path_buf()
}

#[test]
fn a_c_program_gets_every_golden_answer_byte_for_byte() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The newest of the two: `cargo test` writes deps/, `cargo build` the copy beside it, which
    // an earlier build may have left stale.
    let library = [profile_dir().join("libselfcheck.a"), profile_dir().join("deps/libselfcheck.a")]
        .into_iter()
        .filter_map(|path| Some((std::fs::metadata(&path).ok()?.modified().ok()?, path)))
        .max()
        .map(|(_, path)| path)
        .expect("cargo builds the static library with the tests");
    let program = Path::new(env!("CARGO_TARGET_TMPDIR")).join("selfcheck-c-golden");
    let compiled = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .arg("-std=c99")
        .arg("-Wall")
        .arg("-Werror")
        .arg("-I")
        .arg(crate_dir.join("include"))
        .arg(crate_dir.join("tests/golden.c"))
        .arg(&library)
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(&program)
        .status()
        .expect("a C compiler (cc) is installed");
    assert!(compiled.success(), "the C test program compiles");
    // A month's folder as the bureau keeps it: the golden result in a subfolder, a tampered copy.
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("selfcheck-c-folder");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("2026-10")).unwrap();
    let result = std::fs::read_to_string(crate_dir.join("../../tests/data/golden/result-complete.json")).unwrap();
    std::fs::write(folder.join("2026-10/514400005000031282-2026-10.json"), &result).unwrap();
    std::fs::write(folder.join("tampered.json"), result.replacen("广东省示例行业协会", "广东省冒名行业协会", 1))
        .unwrap();
    let output = Command::new(&program).arg(crate_dir.join("../../tests/data/bindings")).arg(&folder).output().unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{printed}{}", String::from_utf8_lossy(&output.stderr));
    assert!(printed.contains("ok   misuse") && printed.contains("ok   summary of a folder"), "{printed}");
    assert!(printed.contains("0 failed"), "{printed}");
}
