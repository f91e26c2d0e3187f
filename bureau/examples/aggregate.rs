//! Aggregates a folder of received results as the bureau does: a verdict per file, the matrix of
//! associations × months, the ranking and the anomalies.
//!
//! `cargo run -p selfcheck-core --example aggregate -- FOLDER [REGISTER.txt]`
//! (`cargo xtask bureau-set DIR` makes a sample folder with a register.)

use std::time::{SystemTime, UNIX_EPOCH};

use selfcheck_bureau::{Analysis, Settings, examine};
use selfcheck_core::{Catalogue, KeyRegister, Lang, Timestamp};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let folder = args.next().ok_or("usage: aggregate FOLDER [REGISTER.txt]")?;
    let register = match args.next() {
        Some(path) => {
            Some(KeyRegister::parse(&std::fs::read_to_string(path)?).map_err(|error| error.message(Lang::En))?)
        }
        None => None,
    };
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let now = Timestamp::from_unix_seconds(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs());

    let mut paths: Vec<_> = std::fs::read_dir(&folder)?.filter_map(Result::ok).map(|entry| entry.path()).collect();
    paths.retain(|path| path.extension().is_some_and(|extension| extension == "json"));
    paths.sort();
    let mut verdicts = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        verdicts.push(examine(&name, &bytes, &catalogues, &now).judge(register.as_ref()));
    }

    let analysis = Analysis::compute(&verdicts, None, Settings::new(now));
    println!("{} files: {} accepted, {} invalid", verdicts.len(), analysis.counts.accepted, analysis.counts.invalid());
    for row in &analysis.rows {
        let cells: String =
            row.cells.iter().map(|cell| cell.status.label(Lang::Zh).chars().next().unwrap_or(' ')).collect();
        println!("{:<20} {} {}", row.credit_code, cells, row.name);
    }
    for row in analysis.ranking.iter().take(10) {
        // The ranking points at the verdicts: only accepted results are ranked.
        if let Some(result) = verdicts[row.verdict].accepted() {
            // Vetoed and incomplete results come after the ranked ones, without a rank.
            let rank = row.rank.map_or_else(|| row.standing.code().to_owned(), |rank| rank.to_string());
            println!("{rank:>10}. {} {} {}", result.report.score(), row.month, result.answers.profile().name());
        }
    }
    for anomaly in &analysis.anomalies {
        println!("anomaly: {}", anomaly.message(Lang::En));
    }
    Ok(())
}
