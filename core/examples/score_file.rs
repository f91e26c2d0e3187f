//! Scores an answers file and prints the score, the grade, each area and what to fix.
//!
//! `cargo run -p selfcheck-core --example score_file -- tests/data/golden/answers-complete.json`

use selfcheck_core::{Answers, Catalogue, Lang, Report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: score_file ANSWERS.json")?;
    let json = std::fs::read_to_string(&path)?;
    let catalogue = Catalogue::builtin();
    // A refusal names the field and the problem, in either language.
    let answers = Answers::from_json(catalogue, &json).map_err(|error| error.message(Lang::Zh))?;
    let report = Report::compute(catalogue, &answers)?;

    println!("{} {}", answers.profile().name(), catalogue);
    println!(
        "折合千分制 {} · 自评等级 {} · 已作答 {} / {}",
        report.score(),
        report.grade_text(Lang::Zh),
        report.answered(),
        catalogue.criteria().len()
    );
    for area in report.areas() {
        println!("  {} {}: {} / {}", area.area.id, area.area.title.zh, area.points, area.maximum);
    }
    for veto in report.vetoes() {
        println!("  否决项: {} {}", veto.id, veto.title.zh);
    }
    for entry in report.rectification_entries(&answers)? {
        let state = if entry.open { "未作答" } else { "待整改" };
        println!("  {} {} 扣 {} 分（{state}）", entry.criterion.id, entry.criterion.title.zh, entry.lost);
        for item in entry.missing_items {
            println!("      未做到: {}", item.title.zh);
        }
    }
    Ok(())
}
