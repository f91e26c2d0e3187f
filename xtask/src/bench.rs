//! `cargo xtask bench`: measures the widget's size, load time, answer latency and memory in
//! headless Chromium, and the native scoring, canonicalization, signing and verification,
//! then writes BENCHMARKS.md. Timings live there, never in tests.

use std::fmt::Write as _;
use std::fs;

use crate::cmd::{self, command, run, stdout};
use crate::server::Server;
use crate::size::{self, GZIP_BUDGET_BYTES};
use crate::tools;

/// Where the hand-kept part of BENCHMARKS.md (the history of each cut) begins; the generated
/// part above it is replaced on every run.
const HISTORY_MARKER: &str = "<!-- Everything below is kept by `cargo xtask bench`. -->";

/// Runs every measurement and rewrites BENCHMARKS.md.
pub fn run_all() -> Result<(), String> {
    tools::build_widget()?;
    let sizes = size::measure()?;
    eprintln!("xtask bench: native benchmarks (criterion, and summary over 10,000 results)");
    run(cmd::cargo().args(["bench", "--profile", "cli", "-p", "selfcheck-cli", "--bench", "native"]))?;
    let native = read_native()?;
    eprintln!("xtask bench: browser benchmarks (headless Chromium)");
    tools::ensure_chromium()?;
    tools::ensure_node_deps()?;
    let url = format!("http://127.0.0.1:{}/", Server::bind(0)?.spawn());
    let browser = stdout(
        command("node")
            .arg(cmd::root().join("bench").join("browser.mjs"))
            .env("SELFCHECK_URL", &url)
            .env("CHROMIUM", tools::CHROMIUM),
    )
    .ok_or("the browser benchmark failed (run `node bench/browser.mjs` with SELFCHECK_URL set to see why)")?;
    let browser = parse_json_line(&browser)?;
    let report = render(&sizes, &native, &browser);
    let path = cmd::root().join("BENCHMARKS.md");
    let history = fs::read_to_string(&path)
        .ok()
        .and_then(|text| text.split_once(HISTORY_MARKER).map(|(_, history)| history.to_owned()))
        .unwrap_or_default();
    fs::write(&path, format!("{report}\n{HISTORY_MARKER}{history}"))
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    eprintln!("xtask bench: wrote {}", path.display());
    Ok(())
}

/// A flat JSON object's numbers, read without a JSON library: `"key": 1.5` pairs.
#[derive(Default)]
struct Numbers(Vec<(String, f64)>);

impl Numbers {
    fn get(&self, key: &str) -> f64 {
        self.0.iter().find(|(name, _)| name == key).map_or(f64::NAN, |(_, value)| *value)
    }
}

/// Reads every `"name": number` pair of a JSON text, with nested names joined by dots.
fn numbers(json: &str) -> Numbers {
    let mut found = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut pending_key: Option<String> = None;
    let mut index_stack: Vec<Option<usize>> = Vec::new();
    let bytes = json.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                let end = json[at + 1..].find('"').map_or(bytes.len(), |offset| at + 1 + offset);
                let text = json[at + 1..end].to_owned();
                at = end + 1;
                let rest = json[at..].trim_start();
                if rest.starts_with(':') {
                    pending_key = Some(text);
                } else {
                    pending_key = None;
                }
                continue;
            }
            b'{' | b'[' => {
                let name = pending_key.take().or_else(|| {
                    index_stack.last_mut().and_then(|slot| slot.as_mut()).map(|index| {
                        *index += 1;
                        (*index - 1).to_string()
                    })
                });
                path.push(name.unwrap_or_default());
                index_stack.push((bytes[at] == b'[').then_some(0));
            }
            b'}' | b']' => {
                path.pop();
                index_stack.pop();
            }
            b'-' | b'0'..=b'9' => {
                let end = json[at..]
                    .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
                    .map_or(bytes.len(), |offset| at + offset);
                if let (Some(key), Ok(value)) = (pending_key.take(), json[at..end].parse::<f64>()) {
                    let prefix: Vec<&str> = path.iter().map(String::as_str).filter(|part| !part.is_empty()).collect();
                    let name = if prefix.is_empty() { key } else { format!("{}.{key}", prefix.join(".")) };
                    found.push((name, value));
                }
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    Numbers(found)
}

fn parse_json_line(output: &str) -> Result<(Numbers, String), String> {
    let line =
        output.lines().rev().find(|line| line.starts_with('{')).ok_or("the browser benchmark printed no JSON")?;
    let version =
        line.split("\"chromium\":\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or("unknown").to_owned();
    Ok((numbers(line), version))
}

/// The criterion estimates (mean, nanoseconds) and the summary comparison.
struct Native {
    means_ns: Vec<(&'static str, f64)>,
    summary: Numbers,
}

fn read_native() -> Result<Native, String> {
    let target = cmd::target_dir();
    let mut means_ns = Vec::new();
    for (name, path) in [
        ("score the built-in catalogue", "score"),
        ("canonicalize a result (RFC 8785)", "canonicalize"),
        ("sign a result", "sign"),
        ("verify a result (re-score included)", "verify"),
        ("unlock a key file (PBKDF2, 600,000 rounds)", "slow/unlock_key"),
    ] {
        let file = target.join("criterion").join(path).join("new").join("estimates.json");
        let text = fs::read_to_string(&file).map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        means_ns.push((name, numbers(&text).get("mean.point_estimate")));
    }
    let file = target.join("tmp").join("summary-bench.json");
    let summary =
        numbers(&fs::read_to_string(&file).map_err(|error| format!("cannot read {}: {error}", file.display()))?);
    Ok(Native { means_ns, summary })
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("model name")?.split(':').nth(1).map(|name| name.trim().to_owned()))
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| info.lines().find_map(|line| line.strip_prefix("MemTotal:").map(|kb| kb.trim().to_owned())))
        .unwrap_or_default();
    let rustc = stdout(command("rustc").arg("--version")).unwrap_or_default();
    let kernel = stdout(command("uname").arg("-sr")).unwrap_or_default();
    // The load says whether something else ran beside the benchmarks.
    let load = fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "{cpu}, {cores} cores, {memory} memory; {}; {}; load average {load} when the run ended",
        kernel.trim(),
        rustc.trim()
    )
}

#[allow(clippy::float_arithmetic, reason = "benchmark figures are reported, never signed")]
fn render(sizes: &[size::FileSize], native: &Native, browser: &(Numbers, String)) -> String {
    let (browser, chromium) = browser;
    let date = stdout(command("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default();
    let mut md = String::new();
    let kb = |bytes: usize| bytes as f64 / 1024.0;
    let total = |pick: fn(&size::FileSize) -> usize| sizes.iter().map(pick).sum::<usize>();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Generated by `cargo xtask bench` on {}. Machine: {}. Browser: headless Chromium {chromium}.\n",
        date.trim(),
        machine()
    );
    let _ = writeln!(
        md,
        "Reference: SurveyJS (survey-core + survey-js-ui 2.5), measured on a 2-core machine like this one in headless Chromium with a scored yes/partly/no/n.a. form: about 415 KB gzipped; first control about 1.0 s (50 questions) and 1.6 s (200) after navigation; an answer 17 ms p50 / 29 ms p95 (50 questions) and 38 / 63 ms (200); JS heap 17 MB and 115 MB.\n"
    );

    let _ = writeln!(
        md,
        "## Transfer size\n\nEverything a page loads for the widget (the catalogue is inside the wasm). Budget enforced by `cargo xtask test`: {:.0} KB gzipped.\n",
        kb(GZIP_BUDGET_BYTES)
    );
    let _ = writeln!(md, "| file | raw | gzip -9 | brotli 11 |\n| --- | ---: | ---: | ---: |");
    for file in sizes {
        let _ = writeln!(
            md,
            "| `{}` | {:.1} KB | {:.1} KB | {:.1} KB |",
            file.name,
            kb(file.raw),
            kb(file.gzip),
            kb(file.brotli)
        );
    }
    let _ = writeln!(
        md,
        "| **total** | **{:.1} KB** | **{:.1} KB** | **{:.1} KB** |\n",
        kb(total(|file| file.raw)),
        kb(total(|file| file.gzip)),
        kb(total(|file| file.brotli))
    );

    let ms = |key: &str| browser.get(key);
    let _ = writeln!(md, "## In the browser\n");
    let _ = writeln!(
        md,
        "Method: `bench/browser.mjs` drives headless Chromium against the demo server. Time to interactive is read from the widget's `selfcheck:interactive` performance mark (set once the questionnaire is rendered; the test then focuses the first control) over {} cold loads, each in a fresh browser context. Per-answer latency is from the click on an answer to the new total in the DOM (a MutationObserver), over a full completion (every criterion answered yes), with the built-in catalogue (46 criteria) and with generated catalogues. Memory is read after a full completion and a garbage collection. Signing is from the click on export to the download (key unlock included); verification from choosing the result file to the verified message.\n",
        ms("tti.n")
    );
    let _ = writeln!(md, "| measure | median | p95 | min | max |\n| --- | ---: | ---: | ---: | ---: |");
    let row = |md: &mut String, name: &str, prefix: &str, p95_key: &str| {
        let _ = writeln!(
            md,
            "| {name} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms |",
            ms(&format!("{prefix}.median")),
            ms(&format!("{prefix}.{p95_key}")),
            ms(&format!("{prefix}.min")),
            ms(&format!("{prefix}.max"))
        );
    };
    row(&mut md, "time to interactive", "tti", "p95");
    row(&mut md, "sign and export (key unlock included)", "sign", "p95");
    row(&mut md, "verify an imported result", "verify", "p95");
    let _ = writeln!(
        md,
        "\n| criteria | answer p50 | answer p95 | JS heap | wasm memory |\n| ---: | ---: | ---: | ---: | ---: |"
    );
    for index in 0..4 {
        let key = |name: &str| ms(&format!("answers.{index}.{name}"));
        let _ = writeln!(
            md,
            "| {} | {:.1} ms | {:.1} ms | {:.1} MB | {:.1} MB |",
            key("criteria"),
            key("latency.median"),
            key("latency.p95"),
            key("heap") / 1_048_576.0,
            key("wasm") / 1_048_576.0
        );
    }

    let _ = writeln!(
        md,
        "\n## Native\n\nMethod: criterion (`cli/benches/native.rs`, `cargo bench --profile cli -p selfcheck-cli --bench native`), mean of its samples, with the `cli` profile the bureau builds `selfcheck` with (opt-level 3; the `release` profile is tuned for the wasm's size). Then 10,000 signed results of the built-in catalogue are written to a folder; `selfcheck summary` (a separate process, every core) is timed against bare Ed25519 `verify_strict` over the same 10,000 signatures on every core, median of three runs each.\n"
    );
    let _ = writeln!(md, "| operation | mean |\n| --- | ---: |");
    for (name, mean) in &native.means_ns {
        let text = if *mean >= 1e6 { format!("{:.1} ms", mean / 1e6) } else { format!("{:.1} µs", mean / 1e3) };
        let _ = writeln!(md, "| {name} | {text} |");
    }
    let summary = &native.summary;
    let _ = writeln!(
        md,
        "\n| 10,000 results | time |\n| --- | ---: |\n| bare `verify_strict` | {:.0} ms |\n| `selfcheck summary` | {:.0} ms |\n| ratio | {:.2} |\n",
        summary.get("bare_verify_strict_ms"),
        summary.get("summary_ms"),
        summary.get("ratio")
    );
    md
}
