//! Writes the widget's first screen, rendered at build time (`selfcheck_web::first_screen`), into
//! the folder given: `selfcheck-first-zh.js` and `selfcheck-first-en.js`, the modules the package
//! loads for the page's language, and `first-screen-zh.html` / `first-screen-en.html`, the bare
//! HTML that `cargo xtask` puts into the standalone page. Run by `cargo xtask`:
//! `cargo run -p selfcheck-web --features prerender --bin first-screen -- DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use selfcheck_core::Lang;
use selfcheck_core::json::{Json, compact};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: first-screen DIR");
        return ExitCode::from(2);
    };
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let screen = selfcheck_web::first_screen::render(lang);
        // JSON strings are JavaScript string literals.
        let literal = |text: &str| compact(&Json::String(text.to_owned()));
        let module = format!(
            "// The widget's first screen ({name}), rendered at build time from the widget's own components \
             (web/src/first_screen.rs): shown at once, before the WebAssembly arrives.\n\
             export const html = {};\nexport const locked = {{ name: {}, credit_code: {} }};\n",
            literal(&screen.html),
            literal(&screen.locked_name),
            literal(&screen.locked_credit_code),
        );
        let written = std::fs::write(dir.join(format!("selfcheck-first-{name}.js")), module)
            .and_then(|()| std::fs::write(dir.join(format!("first-screen-{name}.html")), &screen.html));
        if let Err(error) = written {
            eprintln!("first-screen: cannot write into {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
