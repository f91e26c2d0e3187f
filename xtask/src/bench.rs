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

/// The heading of the native section, kept as it was by `cargo xtask bench --browser`.
const NATIVE_HEADING: &str = "\n## Native\n";

/// Runs every measurement and rewrites BENCHMARKS.md; with `browser_only`, the native
/// benchmarks (several minutes) are skipped and their section of BENCHMARKS.md is kept.
pub fn run_all(browser_only: bool) -> Result<(), String> {
    tools::build_widget()?;
    let sizes = size::measure()?;
    let path = cmd::root().join("BENCHMARKS.md");
    let previous = fs::read_to_string(&path).unwrap_or_default();
    let native = if browser_only {
        let (generated, _) = previous.split_once(HISTORY_MARKER).unwrap_or((previous.as_str(), ""));
        let kept = generated.split_once(NATIVE_HEADING).map(|(_, native)| format!("{NATIVE_HEADING}{native}"));
        kept.ok_or("BENCHMARKS.md has no native section to keep; run `cargo xtask bench` without --browser")?
    } else {
        eprintln!("xtask bench: native benchmarks (criterion, and summary over 10,000 results)");
        run(cmd::cargo().args(["bench", "--profile", "cli", "-p", "selfcheck-cli", "--bench", "native"]))?;
        render_native(&read_native()?)
    };
    eprintln!("xtask bench: browser benchmarks (headless Chromium, a few minutes)");
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
    let report = format!("{}{}", render(&sizes, &browser), native.trim_end());
    let history = previous.split_once(HISTORY_MARKER).map(|(_, history)| history.to_owned()).unwrap_or_default();
    fs::write(&path, format!("{report}\n\n{HISTORY_MARKER}{history}"))
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

    /// The distinct names between `prefix` and `suffix` (the keys of an object of objects), in
    /// the order they first appear.
    fn names_between(&self, prefix: &str, suffix: &str) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (key, _) in &self.0 {
            if let Some(name) = key.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix))
                && !names.iter().any(|known| known == name)
            {
                names.push(name.to_owned());
            }
        }
        names
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

/// Milliseconds as the tables show them.
#[allow(clippy::float_arithmetic, reason = "benchmark figures are reported, never signed")]
fn ms_text(value: f64) -> String {
    if value.is_nan() { "—".to_owned() } else { format!("{value:.1} ms") }
}

#[allow(clippy::float_arithmetic, reason = "benchmark figures are reported, never signed")]
fn render(sizes: &[size::FileSize], browser: &(Numbers, String)) -> String {
    let (browser, chromium) = browser;
    let date = stdout(command("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default();
    let mut md = String::new();
    let kb = |bytes: f64| bytes / 1024.0;
    let mb = |bytes: f64| bytes / 1_048_576.0;
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

    let ms = |key: &str| browser.get(key);
    let _ = writeln!(md, "## What users feel, on the real pages\n");
    let _ = writeln!(
        md,
        "Method: `bench/browser.mjs` drives headless Chromium (flags `--disable-frame-rate-limit --disable-gpu-vsync --run-all-compositor-stages-before-draw`: a frame is presented as soon as its work is done, so the figures are the work, not the 16.7 ms frame clock; in headless Chromium the first two alone still give 60 frames a second, an idle `requestAnimationFrame` and task taking 10–14 ms with or without them; with the third, that idle floor is {} at the median) against the demo server's real pages: `index.html` (the standalone page) and `portal.html` (the custom element `<selfcheck-widget>`; the page also loads the iframe embedding). \
**Time to interactive**: navigation start to the frame that first shows a criterion's control (a MutationObserver on the widget's shadow root notes the control, then `requestAnimationFrame` and a task mark the frame presented), then the control is focused to check that it takes focus; over {} cold loads in fresh browser contexts ({} with the slower CPU). **LCP**: the largest contentful paint of the same loads. \
**Answer**: a whole completion (46 criteria: radios \"已做到\", and each checklist's first item) with real clicks; from the click's time stamp to the next frame presented after the widget's DOM changed (`requestAnimationFrame`, then a task). **Event Timing**: the duration the browser's Event Timing API gives the same clicks (what INP reports; rounded to 8 ms, and clicks under 16 ms get no entry, counted as 0 here). \
**Memory**: JS heap (`performance.memory`) and wasm memory after the completion and a garbage collection. \
\"4× slower CPU\" is `Emulation.setCPUThrottlingRate` 4 over CDP, standing for an old office PC.\n",
        ms_text(ms("real.idleFrame.median")),
        ms("real.index.cpu1.tti.n"),
        ms("real.index.cpu4.tti.n")
    );
    let _ = writeln!(
        md,
        "| page | CPU | time to interactive p50 / p95 | LCP p50 | answer to next frame p50 / p95 | Event Timing p50 / p95 (clicks ≥ 16 ms) | JS heap + wasm memory |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |"
    );
    for page in ["index", "portal"] {
        for (cpu, label) in [("cpu1", "full speed"), ("cpu4", "4× slower")] {
            let key = |name: &str| ms(&format!("real.{page}.{cpu}.{name}"));
            let _ = writeln!(
                md,
                "| `{page}.html` | {label} | {} / {} | {} | {} / {} | {} / {} ({:.0} of {:.0}) | {:.1} + {:.1} MB |",
                ms_text(key("tti.median")),
                ms_text(key("tti.p95")),
                ms_text(key("lcp.median")),
                ms_text(key("frame.median")),
                ms_text(key("frame.p95")),
                ms_text(key("event.median")),
                ms_text(key("event.p95")),
                key("event.over16"),
                key("answers"),
                mb(key("heap")),
                mb(key("wasm"))
            );
        }
    }
    let _ = writeln!(md, "\n| sign and export, key unlock included | verify an imported result |\n| ---: | ---: |");
    let _ = writeln!(
        md,
        "| {} median, {} p95 | {} median, {} p95 |\n",
        ms_text(ms("sign.median")),
        ms_text(ms("sign.p95")),
        ms_text(ms("verify.median")),
        ms_text(ms("verify.p95"))
    );
    let _ = writeln!(
        md,
        "Signing: on `index.html`, every criterion answered, from the click on export to the download (key unlock included), {:.0} runs; verification from choosing the result file to the verified message.\n",
        ms("sign.n")
    );

    let _ = writeln!(
        md,
        "## Transfer size\n\nEverything the association's page (`index.html`) loads, as the browser received it, and what gzip -9 and brotli 11 would send (the demo server sends files uncompressed; a real server compresses).\n"
    );
    let _ = writeln!(md, "| file | raw | gzip -9 | brotli 11 |\n| --- | ---: | ---: | ---: |");
    for file in browser.names_between("transfer.index.files.", ".raw") {
        let key = |name: &str| ms(&format!("transfer.index.files.{file}.{name}"));
        let _ = writeln!(
            md,
            "| `{file}` | {:.1} KB | {:.1} KB | {:.1} KB |",
            kb(key("raw")),
            kb(key("gzip")),
            kb(key("brotli"))
        );
    }
    for (page, label) in [("index", "`index.html` in all"), ("portal", "`portal.html` in all (element and iframe)")] {
        let key = |name: &str| ms(&format!("transfer.{page}.total.{name}"));
        let _ = writeln!(
            md,
            "| **{label}** | **{:.1} KB** | **{:.1} KB** | **{:.1} KB** |",
            kb(key("raw")),
            kb(key("gzip")),
            kb(key("brotli"))
        );
    }
    let _ = writeln!(
        md,
        "\nThe widget's own files (`pkg/`; the catalogue is inside the wasm), which the budget of `cargo xtask test` checks: {:.0} KB gzipped at most.\n",
        kb(GZIP_BUDGET_BYTES as f64)
    );
    let _ = writeln!(md, "| file | raw | gzip -9 | brotli 11 |\n| --- | ---: | ---: | ---: |");
    for file in sizes {
        let _ = writeln!(
            md,
            "| `{}` | {:.1} KB | {:.1} KB | {:.1} KB |",
            file.name,
            kb(file.raw as f64),
            kb(file.gzip as f64),
            kb(file.brotli as f64)
        );
    }
    let _ = writeln!(
        md,
        "| **total** | **{:.1} KB** | **{:.1} KB** | **{:.1} KB** |\n",
        kb(total(|file| file.raw) as f64),
        kb(total(|file| file.gzip) as f64),
        kb(total(|file| file.brotli) as f64)
    );

    let _ = writeln!(md, "## Script time to the DOM update (`bench.html`)\n");
    let _ = writeln!(
        md,
        "Method: on `bench.html`, a stripped page, from a scripted click on an answer to the new total in the DOM (a MutationObserver): script time only, no style, layout or paint, so well below what a user feels (above). Over a full completion with the built-in catalogue (46 criteria) and generated catalogues; memory after the completion and a garbage collection.\n"
    );
    let _ = writeln!(
        md,
        "| criteria | script time p50 | script time p95 | JS heap | wasm memory |\n| ---: | ---: | ---: | ---: | ---: |"
    );
    for index in 0..4 {
        let key = |name: &str| ms(&format!("answers.{index}.{name}"));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {:.1} MB | {:.1} MB |",
            key("criteria"),
            ms_text(key("latency.median")),
            ms_text(key("latency.p95")),
            mb(key("heap")),
            mb(key("wasm"))
        );
    }
    md
}

/// The native section: criterion means and the summary comparison.
fn render_native(native: &Native) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "{NATIVE_HEADING}\nMethod: criterion (`cli/benches/native.rs`, `cargo bench --profile cli -p selfcheck-cli --bench native`), mean of its samples, with the `cli` profile the bureau builds `selfcheck` with (opt-level 3; the `release` profile is tuned for the wasm's size). Then 10,000 signed results of the built-in catalogue are written to a folder; `selfcheck summary` (a separate process, every core) is timed against bare Ed25519 `verify_strict` over the same 10,000 signatures on every core, median of three runs each.\n"
    );
    let _ = writeln!(md, "| operation | mean |\n| --- | ---: |");
    for (name, mean) in &native.means_ns {
        let _ = writeln!(md, "| {name} | {} |", nanoseconds_text(*mean));
    }
    let summary = &native.summary;
    let _ = writeln!(
        md,
        "\n| 10,000 results | time |\n| --- | ---: |\n| bare `verify_strict` | {:.0} ms |\n| `selfcheck summary` | {:.0} ms |\n| ratio | {:.2} |",
        summary.get("bare_verify_strict_ms"),
        summary.get("summary_ms"),
        summary.get("ratio")
    );
    md
}

#[allow(clippy::float_arithmetic, reason = "benchmark figures are reported, never signed")]
fn nanoseconds_text(mean: f64) -> String {
    if mean >= 1e6 { format!("{:.1} ms", mean / 1e6) } else { format!("{:.1} µs", mean / 1e3) }
}
