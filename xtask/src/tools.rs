//! The tools the build and the tests need: each check prints nothing when the tool is right,
//! and installs it from the package registries (crates.io, Debian, npm) when it is not.

use std::fs;
use std::path::Path;

use crate::cmd::{self, command, run, stdout};

/// The Chromium the browser tests drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Installed with Chromium, for WebDriver-based tests.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Builds the widget into `pkg/` with wasm-pack, after making sure of its tools, and makes
/// `pkg/` the `selfcheck-widget` package embedders use.
pub fn build_widget() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_pack()?;
    wasm_pack_build()?;
    let pkg = cmd::root().join("pkg");
    optimize(&pkg.join("selfcheck_web_bg.wasm"), &WASM_OPT_ARGS, "widget")?;
    build_fallback(Fallback {
        package: "selfcheck-web",
        profile: "release",
        file: "selfcheck_web",
        out_dir: &pkg,
        out_name: "selfcheck_web_fallback",
        opt_level: "-Oz",
    })?;
    build_signing_module(&pkg)?;
    package_widget()?;
    build_first_screen(&pkg)?;
    crate::compress::precompress(&pkg)
}

/// Builds the widget's second module (`selfcheck-web-sign`: key files, signing, verification,
/// the QR code) beside it in `pkg/`, as the widget is built (cargo for wasm32, wasm-bindgen for
/// the web, wasm-opt for size) and with its own fallback; `selfcheck-widget.js` loads it when
/// first needed, so that the first screen does not wait for it (issue 23).
fn build_signing_module(pkg: &Path) -> Result<(), String> {
    run(cmd::cargo().args(["build", "-p", "selfcheck-web-sign", "--target", WASM_TARGET, "--release"]))?;
    let built = cmd::target_dir().join(WASM_TARGET).join("release").join("selfcheck_web_sign.wasm");
    run(command("wasm-bindgen").args(["--target", "web", "--out-dir"]).arg(pkg).arg(&built))?;
    optimize(&pkg.join("selfcheck_web_sign_bg.wasm"), &WASM_OPT_ARGS, "signing")?;
    build_fallback(Fallback {
        package: "selfcheck-web-sign",
        profile: "release",
        file: "selfcheck_web_sign",
        out_dir: pkg,
        out_name: "selfcheck_web_sign_fallback",
        opt_level: "-Oz",
    })
}

/// Where the standalone page's first screen goes in `web/demo/index.html`.
const FIRST_SCREEN_MARKER: &str = "<!-- selfcheck:first-screen";

/// Renders the widget's first screen at build time (the `first-screen` program of the widget's
/// crate, yew's server renderer over the same components): the modules the package loads for a
/// page's language into `pkg/`, and the standalone page with its first screen in a declarative
/// shadow root into the site folder, which `cargo xtask serve` serves.
fn build_first_screen(pkg: &Path) -> Result<(), String> {
    let rendered = cmd::target_dir().join("first-screen");
    fs::create_dir_all(&rendered).map_err(|error| format!("cannot create {}: {error}", rendered.display()))?;
    run(cmd::cargo()
        .args(["run", "--quiet", "-p", "selfcheck-web", "--features", "prerender", "--bin", "first-screen", "--"])
        .arg(&rendered))?;
    for lang in ["zh", "en"] {
        let module = format!("selfcheck-first-{lang}.js");
        fs::copy(rendered.join(&module), pkg.join(&module))
            .map_err(|error| format!("cannot copy {module} into pkg/: {error}"))?;
    }
    let html = fs::read_to_string(rendered.join("first-screen-zh.html"))
        .map_err(|error| format!("cannot read the rendered first screen: {error}"))?;
    let page_path = cmd::root().join("web").join("demo").join("index.html");
    let page =
        fs::read_to_string(&page_path).map_err(|error| format!("cannot read {}: {error}", page_path.display()))?;
    let Some(at) = page.find(FIRST_SCREEN_MARKER) else {
        return Err(format!("{} has no {FIRST_SCREEN_MARKER} … --> for the first screen", page_path.display()));
    };
    let end = page[at..].find("-->").map(|offset| at + offset + 3).ok_or("the first screen's marker is not closed")?;
    // The shadow root as `mount()` finds it: the stylesheet, a slot for the page's own message
    // (noscript, or why the widget cannot run), the first screen in its wrapper.
    let template = format!(
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"./pkg/selfcheck.css\"><slot></slot>\
         <div data-selfcheck-first=\"zh\">{html}</div></template>"
    );
    let site = site_dir();
    fs::create_dir_all(&site).map_err(|error| format!("cannot create {}: {error}", site.display()))?;
    fs::write(site.join("index.html"), format!("{}{template}{}", &page[..at], &page[end..]))
        .map_err(|error| format!("cannot write {}: {error}", site.join("index.html").display()))?;
    crate::compress::precompress(&site)
}

/// Where the build writes the pages it makes from `web/demo/` (the standalone page with the
/// first screen in it), which `cargo xtask serve` serves before the sources.
pub fn site_dir() -> std::path::PathBuf {
    cmd::target_dir().join("site")
}

/// A wasm module built again for the browsers whose WebAssembly has no reference types
/// (Chromium before 96: 360 极速模式 13, the 信创 browsers of Chromium 8x), which the loader
/// picks only where the first build cannot run.
struct Fallback<'a> {
    /// The crate.
    package: &'a str,
    /// Its cargo profile (the one the first build uses).
    profile: &'a str,
    /// The `.wasm` cargo writes, without extension.
    file: &'a str,
    /// Where its glue and wasm go.
    out_dir: &'a Path,
    /// wasm-bindgen's `--out-name`: `NAME.js` and `NAME_bg.wasm`.
    out_name: &'a str,
    /// wasm-opt's optimization, as for the first build.
    opt_level: &'a str,
}

/// The WebAssembly features of Chromium 88, the oldest supported: no reference types.
const FALLBACK_FEATURES: [&str; 6] = [
    "--mvp-features",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-mutable-globals",
    "--enable-multivalue",
];

/// Builds the fallback: the crate compiled for the WebAssembly MVP, `reference-types` taken out of
/// the `target_features` the standard library brings (else wasm-bindgen writes glue that needs
/// them), then wasm-bindgen, then wasm-opt with reference types off, which writes the MVP form of
/// `call_indirect` and refuses the module if it uses a reference type anywhere.
fn build_fallback(fallback: Fallback<'_>) -> Result<(), String> {
    let target_dir = cmd::target_dir().join("fallback");
    run(cmd::cargo()
        .args(["build", "-p", fallback.package, "--target", WASM_TARGET, "--profile", fallback.profile])
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", "-C target-cpu=mvp"))?;
    let profile_dir = if fallback.profile == "dev" { "debug" } else { fallback.profile };
    let built = target_dir.join(WASM_TARGET).join(profile_dir).join(format!("{}.wasm", fallback.file));
    let module = fs::read(&built).map_err(|error| format!("cannot read {}: {error}", built.display()))?;
    let stripped = crate::wasm_module::without_target_feature(&module, "reference-types")
        .map_err(|error| format!("{}: {error}", built.display()))?;
    if crate::wasm_module::target_features(&stripped)?.iter().any(|feature| feature == "reference-types") {
        return Err(format!("{}: reference-types is still listed in target_features", built.display()));
    }
    let input = target_dir.join(format!("{}.wasm", fallback.out_name));
    fs::write(&input, stripped).map_err(|error| format!("cannot write {}: {error}", input.display()))?;
    run(command("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", fallback.out_name, "--out-dir"])
        .arg(fallback.out_dir)
        .arg(&input))?;
    let wasm = fallback.out_dir.join(format!("{}_bg.wasm", fallback.out_name));
    let mut args: Vec<&str> = vec![fallback.opt_level];
    args.extend(FALLBACK_FEATURES);
    args.extend(["--strip-debug", "--strip-producers", "-o"]);
    optimize(&wasm, &args, fallback.out_name)?;
    let glue = fs::read_to_string(fallback.out_dir.join(format!("{}.js", fallback.out_name)))
        .map_err(|error| format!("cannot read the fallback's glue: {error}"))?;
    if glue.contains("externref") {
        return Err(format!("{}.js still uses reference types (externref)", fallback.out_name));
    }
    Ok(())
}

/// Where the desk's built files go; served under `/desk/`.
pub const DESK_PKG: &str = "desk-pkg";

/// Files of the desk beside what wasm-bindgen generates: the page's and the worker's entries
/// and the desk's stylesheet.
const DESK_FILES: [(&str, &str); 4] = [
    ("desk/js/desk.js", "desk.js"),
    ("desk/js/desk-worker.js", "desk-worker.js"),
    ("desk/style/desk.css", "desk.css"),
    ("web/js/selfcheck-unsupported.js", "selfcheck-unsupported.js"),
];

/// Builds the bureau's review desk into `desk-pkg/`: its own wasm module (so that the widget
/// does not grow), built as the widget is (cargo for wasm32, wasm-bindgen for the web, npm's
/// binaryen wasm-opt), but optimized for speed: it verifies thousands of signatures.
pub fn build_desk() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    run(cmd::cargo().args(["build", "-p", "selfcheck-desk", "--target", WASM_TARGET, "--profile", "desk"]))?;
    let root = cmd::root();
    let out = root.join(DESK_PKG);
    let built = cmd::target_dir().join(WASM_TARGET).join("desk").join("selfcheck_desk.wasm");
    run(command("wasm-bindgen").args(["--target", "web", "--no-typescript", "--out-dir"]).arg(&out).arg(&built))?;
    let wasm = out.join("selfcheck_desk_bg.wasm");
    run(command(ensure_wasm_opt()?)
        .arg(&wasm)
        .args(["-O3", "--enable-bulk-memory", "--enable-reference-types", "--enable-sign-ext"])
        .args(["--enable-nontrapping-float-to-int", "--enable-multivalue", "--enable-mutable-globals"])
        .args(["--strip-debug", "--strip-producers", "-o"])
        .arg(&wasm))?;
    build_fallback(Fallback {
        package: "selfcheck-desk",
        profile: "desk",
        file: "selfcheck_desk",
        out_dir: &out,
        out_name: "selfcheck_desk_fallback",
        opt_level: "-O3",
    })?;
    for (from, to) in DESK_FILES {
        fs::copy(root.join(from), out.join(to))
            .map_err(|error| format!("cannot copy {from} into {DESK_PKG}/: {error}"))?;
    }
    // The worker of the fallback build: the same script, importing the fallback's glue.
    let worker = fs::read_to_string(root.join("desk/js/desk-worker.js"))
        .map_err(|error| format!("cannot read desk/js/desk-worker.js: {error}"))?;
    let glue = "from './selfcheck_desk.js';";
    if !worker.contains(glue) {
        return Err(format!("desk/js/desk-worker.js no longer imports {glue:?}: the fallback worker cannot be made"));
    }
    fs::write(out.join("desk-worker-fallback.js"), worker.replace(glue, "from './selfcheck_desk_fallback.js';"))
        .map_err(|error| format!("cannot write {DESK_PKG}/desk-worker-fallback.js: {error}"))?;
    crate::compress::precompress(&out)
}

/// The binaryen release whose wasm-opt reads what rustc 1.95 and wasm-bindgen emit.
const BINARYEN: &str = "132.0.0";

/// The path of npm's binaryen wasm-opt, installed under the target directory if missing.
pub fn ensure_wasm_opt() -> Result<std::path::PathBuf, String> {
    let tools = cmd::target_dir().join("tools");
    let wasm_opt = tools.join("node_modules").join(".bin").join("wasm-opt");
    let installed = stdout(command(&wasm_opt).arg("--version"));
    let major = BINARYEN.split('.').next().unwrap_or(BINARYEN);
    if installed.is_some_and(|version| version.contains(&format!("version {major}"))) {
        return Ok(wasm_opt);
    }
    if stdout(command("npm").arg("--version")).is_none() {
        return Err(
            "wasm-opt comes from npm's binaryen package, and npm is missing:\n    apt-get install nodejs npm".into()
        );
    }
    eprintln!("xtask: installing binaryen {BINARYEN} (wasm-opt) from npm into {}", tools.display());
    fs::create_dir_all(&tools).map_err(|error| format!("cannot create {}: {error}", tools.display()))?;
    run(command("npm")
        .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
        .arg(&tools)
        .arg(format!("binaryen@{BINARYEN}")))?;
    Ok(wasm_opt)
}

/// The wasm-opt arguments after the input file; part of the cache key.
const WASM_OPT_ARGS: [&str; 10] = [
    "-Oz",
    "--enable-bulk-memory",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--strip-debug",
    "--strip-producers",
    "-o",
];

/// Shrinks the widget's wasm: optimized for size, names and producers stripped. wasm-opt takes
/// about 20 s on this wasm, so its output is kept under `target/wasm-opt/` with the SHA-256 of
/// its input (with wasm-opt's version and arguments) and reused while that has not changed:
/// `cargo xtask serve` with nothing changed starts in seconds.
fn optimize(wasm: &Path, args: &[&str], cache_name: &str) -> Result<(), String> {
    let wasm_opt = ensure_wasm_opt()?;
    let input = fs::read(wasm).map_err(|error| format!("cannot read {}: {error}", wasm.display()))?;
    let version = stdout(command(&wasm_opt).arg("--version")).unwrap_or_default();
    let key = wasm_opt_cache_key(&input, &version, args);
    let cache = cmd::target_dir().join("wasm-opt").join(cache_name);
    let (cached_key, cached_output) = (cache.join("input.sha256"), cache.join("output.wasm"));
    if fs::read_to_string(&cached_key).is_ok_and(|stored| stored.trim() == key)
        && fs::copy(&cached_output, wasm).is_ok()
    {
        eprintln!("xtask: wasm-opt skipped: its input has not changed (output reused from {})", cache.display());
        return Ok(());
    }
    run(command(wasm_opt).arg(wasm).args(args).arg(wasm))?;
    // A failure to fill the cache only costs the next build its time.
    let _ = fs::create_dir_all(&cache)
        .and_then(|()| fs::copy(wasm, &cached_output))
        .and_then(|_| fs::write(&cached_key, &key));
    Ok(())
}

/// The hex SHA-256 of what determines wasm-opt's output: its input, version and arguments.
fn wasm_opt_cache_key(input: &[u8], version: &str, args: &[&str]) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    hasher.update(input);
    hasher.update(version.trim().as_bytes());
    for arg in args {
        hasher.update([0]);
        hasher.update(arg.as_bytes());
    }
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Files of the package beside what wasm-pack generates: the JavaScript API, its types and the
/// widget's stylesheet.
const PACKAGE_FILES: [(&str, &str); 4] = [
    ("web/js/selfcheck-widget.js", "selfcheck-widget.js"),
    ("web/js/selfcheck-unsupported.js", "selfcheck-unsupported.js"),
    ("web/js/selfcheck-widget.d.ts", "selfcheck-widget.d.ts"),
    ("web/style/selfcheck.css", "selfcheck.css"),
];

/// Copies the package's own files into `pkg/` and writes its package.json.
fn package_widget() -> Result<(), String> {
    let root = cmd::root();
    let pkg = root.join("pkg");
    for (from, to) in PACKAGE_FILES {
        fs::copy(root.join(from), pkg.join(to)).map_err(|error| format!("cannot copy {from} into pkg/: {error}"))?;
    }
    let generated = fs::read_to_string(pkg.join("package.json"))
        .map_err(|error| format!("cannot read pkg/package.json that wasm-pack wrote: {error}"))?;
    let version = generated
        .lines()
        .find_map(|line| line.trim().strip_prefix("\"version\": \"")?.split('"').next().map(str::to_owned))
        .ok_or("pkg/package.json has no version")?;
    let manifest = format!(
        r#"{{
  "name": "selfcheck-widget",
  "version": "{version}",
  "description": "行业自律与诚信创建活动自查 widget: the Guangdong industry self-discipline and integrity self-assessment, in the browser.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./selfcheck-widget.js",
  "module": "./selfcheck-widget.js",
  "types": "./selfcheck-widget.d.ts",
  "exports": {{
    ".": {{ "types": "./selfcheck-widget.d.ts", "default": "./selfcheck-widget.js" }},
    "./selfcheck.css": "./selfcheck.css"
  }},
  "files": [
    "selfcheck-widget.js",
    "selfcheck-widget.d.ts",
    "selfcheck-unsupported.js",
    "selfcheck.css",
    "selfcheck_web.js",
    "selfcheck_web.d.ts",
    "selfcheck_web_bg.wasm",
    "selfcheck_web_bg.wasm.d.ts",
    "selfcheck_web_fallback.js",
    "selfcheck_web_fallback_bg.wasm",
    "selfcheck_web_sign.js",
    "selfcheck_web_sign.d.ts",
    "selfcheck_web_sign_bg.wasm",
    "selfcheck_web_sign_bg.wasm.d.ts",
    "selfcheck_web_sign_fallback.js",
    "selfcheck_web_sign_fallback_bg.wasm",
    "selfcheck-first-zh.js",
    "selfcheck-first-en.js",
    "*.gz",
    "*.br",
    "README.md"
  ],
  "sideEffects": ["./selfcheck-widget.js"]
}}
"#
    );
    fs::write(pkg.join("package.json"), manifest).map_err(|error| format!("cannot write pkg/package.json: {error}"))
}

fn wasm_pack_build() -> Result<(), String> {
    run(command("wasm-pack").args([
        "build",
        "web",
        "--mode",
        "no-install",
        "--target",
        "web",
        "--out-dir",
        "../pkg",
        "--release",
    ]))
}

/// Adds the `wasm32-unknown-unknown` target to the toolchain if it lacks it.
pub fn ensure_wasm_target() -> Result<(), String> {
    let installed = stdout(command("rustup").args(["target", "list", "--installed"]))
        .ok_or("`rustup target list --installed` failed; is rustup installed?")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    eprintln!("xtask: adding the {WASM_TARGET} target (the widget is built for it)");
    run(command("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs the wasm-bindgen CLI unless it is exactly the version Cargo.lock pins.
pub fn ensure_wasm_bindgen() -> Result<(), String> {
    let lock_path = cmd::root().join("Cargo.lock");
    let lock =
        fs::read_to_string(&lock_path).map_err(|error| format!("cannot read {}: {error}", lock_path.display()))?;
    let wanted = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile`")?;
    let found = installed_wasm_bindgen();
    if found.as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    let why = match &found {
        Some(version) => format!("found {version}"),
        None => "none found".to_owned(),
    };
    eprintln!(
        "xtask: installing wasm-bindgen-cli {wanted}, the version of wasm-bindgen in Cargo.lock \
         ({why}); this takes a few minutes"
    );
    run(cmd::cargo().args(["install", "wasm-bindgen-cli", "--version", &format!("={wanted}")]))?;
    match installed_wasm_bindgen() {
        Some(version) if version == wanted => Ok(()),
        other => Err(format!(
            "installed wasm-bindgen-cli {wanted}, but `wasm-bindgen --version` reports {}: \
             check that {} comes first on PATH",
            other.as_deref().unwrap_or("nothing"),
            cmd::cargo_bin_dir().unwrap_or_default().display()
        )),
    }
}

/// The version `wasm-bindgen --version` reports ("wasm-bindgen 0.2.100" gives "0.2.100").
fn installed_wasm_bindgen() -> Option<String> {
    let output = stdout(command("wasm-bindgen").arg("--version"))?;
    output.split_whitespace().nth(1).map(str::to_owned)
}

/// The version of package `name` in a Cargo.lock (the first entry of that name).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let name_line = format!("name = \"{name}\"");
    let package = lock.split("[[package]]").find(|package| package.lines().any(|line| line.trim() == name_line))?;
    package.lines().find_map(|line| {
        let version = line.trim().strip_prefix("version = \"")?.strip_suffix('"')?;
        Some(version.to_owned())
    })
}

/// Installs wasm-pack if it is missing.
pub fn ensure_wasm_pack() -> Result<(), String> {
    if stdout(command("wasm-pack").arg("--version")).is_some() {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-pack, which builds the widget; this takes a few minutes");
    run(cmd::cargo().args(["install", "wasm-pack"]))
}

/// Installs Chromium and its driver with apt-get when running as root; otherwise says how.
pub fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        return Ok(());
    }
    let is_root = stdout(command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err(format!(
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}; install them with:\n    \
             sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
        ));
    }
    eprintln!("xtask: installing chromium and chromium-driver with apt-get (for the browser tests)");
    run(command("apt-get").arg("update"))?;
    run(command("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Installs the browser tests' node packages (`npm ci` in tests/browser) if they are missing.
pub fn ensure_node_deps() -> Result<(), String> {
    let dir = cmd::root().join("tests").join("browser");
    // Every package the tests import must be there, not just the first one ever added.
    if ["playwright-core", "axe-core"].iter().all(|package| dir.join("node_modules").join(package).is_dir()) {
        return Ok(());
    }
    for tool in ["node", "npm"] {
        if stdout(command(tool).arg("--version")).is_none() {
            return Err(format!(
                "`{tool}` is missing; the browser tests need Node.js and npm:\n    \
                 apt-get install nodejs npm"
            ));
        }
    }
    eprintln!("xtask: installing the browser tests' node packages (npm ci in tests/browser)");
    run(command("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))
}

/// Builds the CLI (debug) and returns the absolute path of the `selfcheck` binary.
pub fn build_cli() -> Result<std::path::PathBuf, String> {
    run(cmd::cargo().args(["build", "-p", "selfcheck-cli"]))?;
    Ok(cmd::target_dir().join("debug").join(format!("selfcheck{}", std::env::consts::EXE_SUFFIX)))
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn wasm_opt_cache_key_follows_input_and_version() {
        let args = super::WASM_OPT_ARGS;
        let key = super::wasm_opt_cache_key(b"\0asm", "wasm-opt version 132", &args);
        assert_eq!(key.len(), 64);
        assert_eq!(key, super::wasm_opt_cache_key(b"\0asm", "wasm-opt version 132\n", &args));
        assert_ne!(key, super::wasm_opt_cache_key(b"\0asm\x01", "wasm-opt version 132", &args));
        assert_ne!(key, super::wasm_opt_cache_key(b"\0asm", "wasm-opt version 133", &args));
        assert_ne!(key, super::wasm_opt_cache_key(b"\0asm", "wasm-opt version 132", &args[1..]));
    }

    #[test]
    fn reads_a_locked_version() {
        let lock = "version = 4\n\n[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "serde"), None);
    }
}
