//! Project automation for selfcheck: `cargo xtask serve [--port N]`, `cargo xtask test`,
//! `cargo xtask bench`, `cargo xtask fuzz [--seconds N] [TARGET…]` and `cargo xtask bureau-set DIR`.

mod bench;
mod bindings;
mod cmd;
mod compress;
mod deny;
mod fuzz;
mod interop;
mod old_chromium;
mod server;
mod size;
mod test;
mod tools;
mod wasm_module;

use std::env;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N] [--no-build]
                    build the widget and the review desk and serve them on
                    http://127.0.0.1:N/ (default 8080; the desk at /desk.html, with a
                    generated sample set to load into it); --no-build: serve what
                    was built last
  test              run every check: fmt, clippy (native and wasm32), cargo test,
                    the widget build, the browser tests (and a smoke run in Chromium
                    88 and 109 from npm), the python interop tests,
                    the Python and Node bindings' tests and cargo deny check licenses
                    bans sources
  test --only WORD  run only the steps whose name contains WORD (browser, bindings,
                    old: the smoke run in Chromium 88, 109 and Debian's, …)
  bench [--browser] measure size, load time, answer latency, memory, signing and
                    verification (browser and native) and rewrite BENCHMARKS.md;
                    --browser: skip the native benchmarks, keep their section
  fuzz [--seconds N] [TARGET...]
                    run the fuzz targets (result, answers, draft, catalogue, key_file,
                    bureau, desk_archive; all by default) for N seconds each (default 60); not part of test
  bureau-set DIR [--associations N] [--months M] [--plain]
                    write the generated set of received results (with a key register and
                    an expected list) that the bureau's tests use, for the desk's tests,
                    benchmarks or a demonstration; --plain: no planted cases
";

/// The port `serve` listens on unless told otherwise.
const DEFAULT_PORT: u16 = 8080;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["serve", options @ ..] => {
            let build = !options.contains(&"--no-build");
            let options: Vec<&str> = options.iter().copied().filter(|option| *option != "--no-build").collect();
            parse_port(&options).and_then(|port| serve(port, build))
        }
        ["test"] => test::run_all(),
        ["test", "--only", word] => test::run_matching(word),
        ["bench"] => bench::run_all(false),
        ["bench", "--browser"] => bench::run_all(true),
        ["fuzz", options @ ..] => fuzz::run(options),
        ["bureau-set", options @ ..] if !options.is_empty() => bureau_set(options),
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command: {}\n\n{USAGE}", args.join(" "))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the generated set of received results with the `bureau-set` program of the tests
/// package (optimized: signing tens of thousands of results takes a while in a debug build).
pub(crate) fn bureau_set(options: &[&str]) -> Result<(), String> {
    cmd::run(
        cmd::cargo()
            .args(["run", "--quiet", "--profile", "cli", "-p", "selfcheck-tests", "--bin", "bureau-set", "--"])
            .args(options),
    )
}

/// Reads `serve`'s options: nothing, `--port N` or `--port=N`.
fn parse_port(options: &[&str]) -> Result<u16, String> {
    let value = match options {
        [] => return Ok(DEFAULT_PORT),
        ["--port", value] => *value,
        [option] if option.starts_with("--port=") => &option["--port=".len()..],
        _ => return Err(format!("serve takes only --port N\n\n{USAGE}")),
    };
    value.parse().map_err(|_| format!("--port wants a port number (1-65535), not {value:?}"))
}

/// Builds the widget (unless `build` is false) and serves it until interrupted.
fn serve(port: u16, build: bool) -> Result<(), String> {
    // Bind first, so that a busy port is reported before a long build.
    let server = server::Server::bind(port)?.logging(true);
    if build {
        tools::build_widget()?;
        tools::build_desk()?;
    }
    let sample = server::sample_dir();
    if !sample.join("register.txt").is_file() {
        bureau_set(&[&sample.to_string_lossy()])?;
    }
    let port = server.port();
    println!("Serving the widget and the desk (Ctrl-C to stop):");
    println!("  the association's standalone page:  http://127.0.0.1:{port}/");
    println!("  the bureau's review desk (审核台):  http://127.0.0.1:{port}/desk.html");
    println!("    a sample set to load into it:  {}", sample.display());
    println!("  the mock portal (element + iframe, strict CSP):  http://127.0.0.1:{port}/portal.html");
    server.run();
    Ok(())
}
