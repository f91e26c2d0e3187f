//! `cargo xtask fuzz [--seconds N] [TARGET…]`: runs the cargo-fuzz targets of `fuzz/`, one after
//! the other, each for N seconds in one process (one core), and prints a line per run for
//! `fuzz/RUNS.md`. Not part of `cargo xtask test`: fuzzing takes as long as it is given.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::Stdio;

use crate::cmd::{self, command, stdout};

/// The targets, in the order they run when none is named (see `fuzz/fuzz_targets/`).
pub const TARGETS: [&str; 8] =
    ["result", "answers", "draft", "catalogue", "key_file", "bureau", "desk_archive", "guomi"];

/// How long each target runs unless `--seconds` says otherwise.
const DEFAULT_SECONDS: u64 = 60;

/// What one run did, from libFuzzer's own report.
struct Run {
    target: String,
    seconds: u64,
    executions: u64,
    corpus: u64,
    crash: Option<String>,
}

/// Runs the targets named in `options` (all by default) for the seconds it says.
pub fn run(options: &[&str]) -> Result<(), String> {
    let (seconds, targets) = parse(options)?;
    ensure_cargo_fuzz()?;
    let date = stdout(command("date").args(["-u", "+%Y-%m-%d"])).unwrap_or_default().trim().to_owned();
    let mut runs = Vec::new();
    for target in &targets {
        eprintln!("\nxtask fuzz: {target} for {seconds} s");
        let run = fuzz_target(target, seconds)?;
        let crashed = run.crash.is_some();
        runs.push(run);
        if crashed {
            break;
        }
    }
    eprintln!("\nxtask fuzz: the runs, as rows of fuzz/RUNS.md");
    eprintln!("| date | target | seconds | executions | corpus | crashes |");
    eprintln!("| --- | --- | --- | --- | --- | --- |");
    for run in &runs {
        let crashes = run.crash.as_deref().unwrap_or("none");
        eprintln!("| {date} | {} | {} | {} | {} | {crashes} |", run.target, run.seconds, run.executions, run.corpus);
    }
    match runs.iter().find_map(|run| run.crash.as_ref().map(|crash| (&run.target, crash))) {
        Some((target, crash)) => Err(format!(
            "{target} crashed; the input is {crash}. Reproduce with\n    \
             RUSTC_BOOTSTRAP=1 cargo fuzz run {target} {crash}\n  \
             minimize it with `cargo fuzz tmin {target} {crash}`, fix the code, and add the input to the tests"
        )),
        None => Ok(()),
    }
}

/// `--seconds N` (or `--seconds=N`) and target names, in any order.
fn parse(options: &[&str]) -> Result<(u64, Vec<String>), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets = Vec::new();
    let mut rest = options.iter();
    while let Some(&option) = rest.next() {
        let value = match option.strip_prefix("--seconds") {
            Some("") => Some(*rest.next().ok_or("--seconds wants a number of seconds")?),
            Some(value) if value.starts_with('=') => Some(&value[1..]),
            _ => None,
        };
        if let Some(value) = value {
            seconds = value
                .parse()
                .ok()
                .filter(|&seconds| seconds > 0)
                .ok_or_else(|| format!("--seconds wants a positive number of seconds, not {value:?}"))?;
        } else if TARGETS.contains(&option) {
            targets.push(option.to_owned());
        } else {
            return Err(format!("unknown fuzz target or option {option:?}; the targets are {}", TARGETS.join(", ")));
        }
    }
    if targets.is_empty() {
        targets = TARGETS.iter().map(|&target| target.to_owned()).collect();
    }
    Ok((seconds, targets))
}

/// Installs cargo-fuzz from crates.io if it is missing (about half a minute).
fn ensure_cargo_fuzz() -> Result<(), String> {
    if stdout(cmd::cargo().args(["fuzz", "--version"])).is_some() {
        return Ok(());
    }
    eprintln!("xtask: installing cargo-fuzz, which builds and runs the fuzz targets");
    cmd::run(cmd::cargo().args(["install", "cargo-fuzz", "--locked"]))
}

/// Runs one target: new inputs go to `fuzz/target/corpus/TARGET`, the kept corpus
/// `fuzz/corpus/TARGET` is read as seeds and left as it is.
fn fuzz_target(target: &str, seconds: u64) -> Result<Run, String> {
    let root = cmd::root();
    let work = root.join("fuzz").join("target").join("corpus").join(target);
    std::fs::create_dir_all(&work).map_err(|error| format!("cannot create {}: {error}", work.display()))?;
    let seeds = Path::new("fuzz").join("corpus").join(target);
    let mut fuzz = cmd::cargo();
    // cargo-fuzz needs nightly flags (-Z sanitizer and friends): the stable compiler allows them so.
    fuzz.env("RUSTC_BOOTSTRAP", "1").args(["fuzz", "run", target]).arg(&work).arg(&seeds).arg("--");
    fuzz.args([format!("-max_total_time={seconds}"), "-timeout=30".to_owned(), "-print_final_stats=1".to_owned()]);
    match target {
        "key_file" => {}
        // Zip's signatures and fields; the entries' contents are the results' JSON.
        "desk_archive" => {
            fuzz.arg("-dict=fuzz/zip.dict");
        }
        _ => {
            fuzz.arg("-dict=fuzz/json.dict");
        }
    }
    let shown = cmd::show(&fuzz);
    let mut child = fuzz.stderr(Stdio::piped()).spawn().map_err(|error| format!("could not run `{shown}`: {error}"))?;
    let mut run = Run { target: target.to_owned(), seconds: 0, executions: 0, corpus: 0, crash: None };
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            read_line(&line, &mut run);
        }
    }
    let status = child.wait().map_err(|error| format!("`{shown}` did not finish: {error}"))?;
    if !status.success() && run.crash.is_none() {
        run.crash = Some(format!("none written (`{shown}` failed: {status})"));
    }
    Ok(run)
}

/// Picks what a run did out of one line of libFuzzer's output.
fn read_line(line: &str, run: &mut Run) {
    // "Done 725916 runs in 21 second(s)"
    if let Some(rest) = line.strip_prefix("Done ") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        if let [executions, "runs", "in", seconds, ..] = words.as_slice() {
            run.executions = executions.parse().unwrap_or(run.executions);
            run.seconds = seconds.parse().unwrap_or(run.seconds);
        }
    }
    // "#725916	DONE   cov: 1234 ft: 5678 corp: 321/45Kb …"
    if let Some(corpus) = line.split("corp: ").nth(1).and_then(|rest| rest.split('/').next()) {
        run.corpus = corpus.trim().parse().unwrap_or(run.corpus);
    }
    // "Test unit written to fuzz/artifacts/answers/crash-…"
    if let Some(path) = line.split("Test unit written to ").nth(1) {
        run.crash = Some(path.trim().to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::{Run, parse, read_line};

    #[test]
    fn reads_seconds_and_targets() {
        assert_eq!(parse(&["--seconds", "600", "answers"]).unwrap(), (600, vec!["answers".to_owned()]));
        assert_eq!(parse(&["--seconds=5"]).unwrap().1.len(), super::TARGETS.len());
        assert!(parse(&["--seconds", "0"]).is_err());
        assert!(parse(&["results"]).is_err());
    }

    #[test]
    fn reads_libfuzzers_report() {
        let mut run = Run { target: "answers".into(), seconds: 0, executions: 0, corpus: 0, crash: None };
        for line in [
            "#725916\tDONE   cov: 1234 ft: 5678 corp: 321/45Kb lim: 4096 exec/s: 34567 rss: 80Mb",
            "Done 725916 runs in 21 second(s)",
        ] {
            read_line(line, &mut run);
        }
        assert_eq!((run.executions, run.seconds, run.corpus), (725916, 21, 321));
        read_line("Test unit written to fuzz/artifacts/answers/crash-0a1b", &mut run);
        assert_eq!(run.crash.as_deref(), Some("fuzz/artifacts/answers/crash-0a1b"));
    }
}
