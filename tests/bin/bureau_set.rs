//! Writes the generated set of received files (see `selfcheck_tests::bureau_set`) to a folder:
//! `bureau-set DIR [--associations N] [--months M] [--plain]`.

use std::process::ExitCode;

use selfcheck_tests::bureau_set::{Spec, generate};

const USAGE: &str = "usage: bureau-set DIR [--associations N] [--months M] [--plain]
  writes DIR/results/*.json, DIR/register.txt, DIR/expected.csv and DIR/set.json;
  --plain: no planted cases (every association reports every month), for benchmarks";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut spec = Spec::default();
    let mut dir = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let number = |value: Option<&String>| value.and_then(|value| value.parse::<usize>().ok());
        match arg.as_str() {
            "--associations" => match number(rest.next()) {
                Some(count) => spec.associations = count,
                None => return usage(),
            },
            "--months" => match number(rest.next()) {
                Some(count) if (1..=24).contains(&count) => spec.months = count,
                _ => return usage(),
            },
            "--plain" => spec.cases = false,
            _ if arg.starts_with('-') || dir.is_some() => return usage(),
            _ => dir = Some(arg.clone()),
        }
    }
    let Some(dir) = dir else { return usage() };
    if spec.cases && spec.associations < 40 {
        eprintln!("bureau-set: the planted cases need at least 40 associations (or --plain)");
        return ExitCode::from(2);
    }
    let set = generate(spec);
    match set.write(std::path::Path::new(&dir)) {
        Ok(()) => {
            println!(
                "{} files for {} associations × {} months in {dir}",
                set.files.len(),
                spec.associations,
                spec.months
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bureau-set: cannot write {dir}: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
