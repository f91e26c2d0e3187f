//! The JSON the bureau's tools write: the analysis (`selfcheck-analysis/3`, what `selfcheck
//! summary --format json` prints) and, inside it and inside a signed summary, the ranking and the
//! matrix. Codes, ids and integers only in the ranking and the matrix, so that the same files
//! give the same bytes in any language.

mod read;

pub use read::*;

use selfcheck_core::json::{Json, Object};
use selfcheck_core::text::Lang;
use selfcheck_core::time::date_text;
use selfcheck_core::wire::read::object;

use super::analysis::{Analysis, CatalogueFigures, Cell, CellStatus, Rules};
use super::review::Reviews;
use super::verdict::Verdict;

/// The format tag of the analysis document. `/2` added each ranking row's `standing` (its
/// `rank` is null for a result that is not ranked), the matrix cell `unlisted`, and the
/// province's `incomplete` count; `/3` the `monthly` part, the month's reports of the accepted
/// results (progress, by area, and each problem reported with its number), and the `notices`
/// part, the rectification notices followed and where each stands.
pub const ANALYSIS_FORMAT: &str = "selfcheck-analysis/3";

fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> Json {
    Json::Array(items.into_iter().map(Json::from).collect())
}

impl Cell {
    /// The cell's code: the status's, with `-late` when late (`received-late`,
    /// `duplicate-late`).
    pub fn code(&self) -> &'static str {
        match (self.status, self.late) {
            (CellStatus::Received, true) => "received-late",
            (CellStatus::Duplicate, true) => "duplicate-late",
            (status, _) => status.code(),
        }
    }
}

/// The ranking: one object per row, best first.
pub fn ranking_json(analysis: &Analysis, verdicts: &[Verdict], reviews: Option<&Reviews>) -> Json {
    let rows = analysis
        .ranking
        .iter()
        .filter_map(|row| {
            let verdict = &verdicts[row.verdict];
            let result = verdict.accepted()?;
            let profile = &result.answers.profile();
            let report = &result.report;
            let criteria = result.catalogue.criteria();
            let mut entry = Object::new();
            entry.insert("rank", row.rank);
            if analysis.settings.rules != Rules::V1 {
                entry.insert("standing", row.standing.code());
            }
            entry.insert("credit_code", profile.credit_code().map_or("", |code| code.as_str()));
            entry.insert("name", profile.name());
            entry.insert("expected", row.expected);
            entry.insert("month", row.month.to_string());
            let (from, to) = (date_text(profile.period_from()), date_text(profile.period_to()));
            entry.insert("period", object([("from", from.into()), ("to", to.into())]));
            entry.insert("score", report.score());
            entry.insert("total", report.total());
            entry.insert("maximum", report.maximum());
            entry.insert("grade", report.grade().id.as_str());
            entry.insert("vetoes", strings(report.vetoes().map(|criterion| criterion.id.as_str())));
            entry.insert("answered", report.answered() as u32);
            entry.insert("criteria", criteria.len() as u32);
            entry.insert("key", verdict.key_status.as_ref().map_or("not-checked", |status| status.code()));
            entry.insert("fingerprint", result.key.fingerprint());
            entry.insert("signed", result.issued.as_str());
            entry.insert("result", result.digest.as_str());
            if let Some(reviews) = reviews {
                entry.insert("review", reviews.state(&result.digest).code());
            }
            Some(Json::Object(entry))
        })
        .collect();
    Json::Array(rows)
}

/// The matrix: its months, one row per association (cells as [`Cell::code`]), and each month's
/// figures.
pub fn matrix_json(analysis: &Analysis) -> Json {
    let months = analysis.months.map(|months| months.months().map(|month| Json::from(month.to_string())).collect());
    let rows = analysis
        .rows
        .iter()
        .map(|row| {
            object([
                ("credit_code", row.credit_code.as_str().into()),
                ("name", row.name.as_str().into()),
                ("expected", row.expected.into()),
                ("cells", strings(row.cells.iter().map(Cell::code))),
                ("longest_missed_run", row.longest_missed_run.into()),
                ("current_missed_run", row.current_missed_run.into()),
            ])
        })
        .collect();
    let figures = analysis
        .month_figures
        .iter()
        .map(|figures| {
            object([
                ("month", figures.month.to_string().into()),
                ("associations", figures.associations.into()),
                ("received", figures.received.into()),
                ("late", figures.late.into()),
                ("duplicate", figures.duplicate.into()),
                ("invalid", figures.invalid.into()),
                ("missing", figures.missing.into()),
                ("not_due", figures.not_due.into()),
                ("rate_per_mille", figures.rate_per_mille.into()),
                ("unlisted_received", figures.unlisted_received.into()),
            ])
        })
        .collect();
    object([
        ("months", Json::Array(months.unwrap_or_default())),
        ("rows", Json::Array(rows)),
        ("month_figures", Json::Array(figures)),
    ])
}

fn province_json(figures: &CatalogueFigures) -> Json {
    let catalogue = &figures.catalogue;
    let grades = catalogue
        .grades()
        .iter()
        .zip(&figures.grades)
        .map(|(grade, &count)| object([("id", grade.id.as_str().into()), ("results", count.into())]))
        .collect();
    let areas = catalogue
        .areas()
        .iter()
        .zip(&figures.areas)
        .map(|(area, area_figures)| {
            object([
                ("id", area.id.as_str().into()),
                ("points", area_figures.points.into()),
                ("maximum", area_figures.maximum.into()),
                ("per_mille", area_figures.per_mille.into()),
            ])
        })
        .collect();
    let criteria = catalogue
        .criteria()
        .iter()
        .zip(&figures.criteria)
        .map(|(criterion, counts)| {
            object([
                ("id", criterion.id.as_str().into()),
                ("applicable", counts.applicable.into()),
                ("full", counts.full.into()),
                ("partial", counts.partial.into()),
                ("none", counts.none.into()),
                ("open", counts.open.into()),
                ("not_applicable", counts.not_applicable.into()),
                ("vetoes", counts.vetoes.into()),
                ("failed_per_mille", counts.failed_per_mille.into()),
            ])
        })
        .collect();
    let most_failed = strings(figures.most_failed().into_iter().map(|index| catalogue.criteria()[index].id.as_str()));
    object([
        ("catalogue", catalogue.reference().to_json()),
        ("results", figures.results.into()),
        ("incomplete", figures.incomplete.into()),
        ("mean_score", figures.mean_score.into()),
        ("with_veto", figures.with_veto.into()),
        ("grades", Json::Array(grades)),
        ("areas", Json::Array(areas)),
        ("criteria", Json::Array(criteria)),
        ("most_failed", most_failed),
    ])
}

fn file_json(analysis: &Analysis, verdicts: &[Verdict], index: usize, lang: Lang) -> Json {
    let verdict = &verdicts[index];
    let mut entry = Object::new();
    entry.insert("name", verdict.file.name.as_str());
    entry.insert("sha256", verdict.file.sha256.as_str());
    entry.insert("size", verdict.file.size);
    entry.insert("verdict", verdict.code());
    entry.insert("reason", verdict.reason().map(|reason| reason.code()));
    entry.insert("message", verdict.message(lang));
    entry.insert(
        "claim",
        verdict.claim.as_ref().map(|claim| {
            object([
                ("verified", verdict.accepted().is_some().into()),
                ("name", claim.name.as_str().into()),
                ("credit_code", claim.credit_code.as_str().into()),
                (
                    "period",
                    object([("from", claim.period_from.as_str().into()), ("to", claim.period_to.as_str().into())]),
                ),
            ])
        }),
    );
    entry.insert("fingerprint", verdict.signer.as_ref().map(|signer| signer.fingerprint.as_str()));
    let sm2 = |signer: &crate::verdict::Signer| if signer.key.sm2().is_some() { "valid" } else { "absent" };
    entry.insert("sm2", verdict.signer.as_ref().map(sm2));
    entry.insert("key_status", verdict.key_status.as_ref().map(|status| status.code()));
    entry.insert("result", verdict.signer.as_ref().map(|signer| signer.digest.as_str()));
    entry.insert("copy_of", analysis.copy_of[index].map(|original| verdicts[original].file.sha256.as_str()));
    if let Some(result) = verdict.accepted() {
        entry.insert("score", result.report.score());
        entry.insert("grade", result.report.grade().id.as_str());
        entry.insert("warnings", strings(result.warnings.iter().map(|warning| warning.code())));
    }
    Json::Object(entry)
}

/// The whole analysis as a `selfcheck-analysis/3` document; messages in `lang`. Beside the
/// received files, `inputs` lists the other files it was computed from (register, expected list,
/// review file, catalogues), each with the SHA-256 of its bytes as received.
pub fn analysis_json(source: super::export::ExportSource<'_>, lang: Lang) -> Json {
    let super::export::ExportSource { analysis, verdicts, reviews, others, notices } = source;
    let settings = &analysis.settings;
    let counts = &analysis.counts;
    let rejected = super::verdict::Stage::ALL
        .iter()
        .map(|&stage| (stage.code().to_owned(), Json::from(counts.rejected_at(stage))))
        .collect::<Object>();
    let anomalies = analysis
        .anomalies
        .iter()
        .map(|anomaly| {
            let files = anomaly
                .files
                .iter()
                .map(|&index| {
                    let file = &verdicts[index].file;
                    object([("name", file.name.as_str().into()), ("sha256", file.sha256.as_str().into())])
                })
                .collect();
            object([
                ("code", anomaly.code().into()),
                ("credit_code", anomaly.credit_code().into()),
                ("message", anomaly.message(lang).into()),
                ("files", Json::Array(files)),
            ])
        })
        .collect();
    object([
        ("format", ANALYSIS_FORMAT.into()),
        (
            "settings",
            object([
                ("now", settings.now.as_str().into()),
                ("months", analysis.months.map(|months| months.to_string()).into()),
                ("deadline", settings.deadline.map(|deadline| deadline.day()).into()),
                ("longest_period_days", settings.longest_period_days.into()),
                ("ranking_month", settings.ranking_month.map(|month| month.to_string()).into()),
                ("require_sm2", settings.require_sm2.into()),
            ]),
        ),
        (
            "counts",
            object([
                ("files", counts.files.into()),
                ("accepted", counts.accepted.into()),
                ("rejected", Json::Object(rejected)),
                ("copies", counts.copies.into()),
            ]),
        ),
        ("files", Json::Array((0..verdicts.len()).map(|index| file_json(analysis, verdicts, index, lang)).collect())),
        (
            "inputs",
            Json::Array(
                others
                    .iter()
                    .map(|input| {
                        object([
                            ("name", input.name.as_str().into()),
                            ("sha256", input.sha256.as_str().into()),
                            ("role", input.role.code().into()),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("matrix", matrix_json(analysis)),
        ("ranking", ranking_json(analysis, verdicts, reviews)),
        ("province", Json::Array(analysis.province.iter().map(province_json).collect())),
        ("anomalies", Json::Array(anomalies)),
        ("monthly", monthly_json(source, lang)),
        ("notices", notices_json(notices)),
    ])
}

/// The rectification notices followed, as the analysis and a signed summary carry them.
pub(crate) fn notices_json(tracks: &[crate::NoticeTrack<'_>]) -> Json {
    Json::Array(tracks.iter().map(notice_json).collect())
}

/// One rectification notice followed: what the bureau asked, and where it stands by the
/// results received (the core's rule, [`crate::track_notice`]).
fn notice_json(track: &crate::NoticeTrack<'_>) -> Json {
    let notice = track.notice;
    let items =
        notice.content.items.iter().map(|item| {
            object([("criterion", item.criterion.as_str().into()), ("remark", item.remark.as_str().into())])
        });
    object([
        ("notice", notice.digest.as_str().into()),
        ("credit_code", notice.content.credit_code.as_str().into()),
        ("name", notice.content.name.as_str().into()),
        ("issued", notice.issued.as_str().into()),
        ("fingerprint", notice.key.fingerprint().into()),
        ("deadline", notice.content.deadline.as_str().into()),
        ("days_left", track.days_left.into()),
        ("remark", notice.content.remark.as_str().into()),
        ("items", Json::Array(items.collect())),
        ("state", track.state.code().into()),
        ("open", strings(track.open.iter().copied())),
        ("accepted", strings(track.accepted.iter().copied())),
        ("result", track.result.and_then(|verdict| verdict.accepted()).map(|result| result.digest.as_str()).into()),
    ])
}

/// The month's reports of the accepted results (each once), by month and then credit code: who
/// wrote it, the progress, by area (titled in `lang`), and each problem with its number, by
/// which the review file keeps its handling, and the earlier results whose handling it keeps.
fn monthly_json(source: super::export::ExportSource<'_>, lang: Lang) -> Json {
    let history = crate::ProblemHistory::new(source.verdicts);
    let reports = super::export::monthly_reports(source).into_iter().filter_map(|verdict| {
        let result = verdict.accepted()?;
        let month = verdict.month()?;
        let monthly = result.answers.monthly();
        let areas = monthly.areas.iter().map(|(id, text)| {
            let title = result.catalogue.areas().iter().find(|area| &area.id == id).map(|area| area.title.get(lang));
            object([("id", id.as_str().into()), ("title", title.unwrap_or(id).into()), ("text", text.as_str().into())])
        });
        let problems = monthly.problems.iter().enumerate().map(|(place, problem)| {
            let number = u32::try_from(place + 1).unwrap_or(u32::MAX);
            object([
                ("number", number.into()),
                ("title", problem.title.as_str().into()),
                ("description", problem.description.as_str().into()),
                ("help_requested", problem.help_requested.into()),
                ("earlier", strings(history.earlier(result, month, number))),
            ])
        });
        Some(object([
            ("file", verdict.file.sha256.as_str().into()),
            ("result", result.digest.as_str().into()),
            ("credit_code", result.credit_code().map_or("", |code| code.as_str()).into()),
            ("name", result.answers.profile().name().into()),
            ("month", verdict.month().map(|month| month.to_string()).into()),
            ("progress", monthly.progress.as_str().into()),
            ("areas", Json::Array(areas.collect())),
            ("problems", Json::Array(problems.collect())),
        ]))
    });
    Json::Array(reports.collect())
}
