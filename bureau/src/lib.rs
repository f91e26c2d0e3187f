//! The bureau's review of the results it receives: a verdict per file, the aggregates over a set
//! of verdicts, the anomalies only signatures reveal, the expected list, the review states, the
//! exports (CSV, XLSX) and the signed summary. The review desk (in the browser, through wasm)
//! and `selfcheck summary` both call this; neither re-implements a rule.
//!
//! No IO, and cheap enough for 10,000 results in a browser: the host reads the files and passes
//! their bytes in, one at a time ([`examine`], the costly part, in a worker if it likes), keeps
//! the [`Examined`] files, judges them with the current register ([`Examined::judge`], cheap),
//! and computes the [`Analysis`] of the verdicts whenever they, the expected list or the
//! settings change.
//!
//! ```
//! use selfcheck_bureau::{Analysis, CellStatus, ExpectedList, Settings, examine};
//! use selfcheck_core::{Catalogue, KeyRegister, Timestamp};
//!
//! let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
//! let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
//! let register = KeyRegister::parse("514400005000031282 65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0\n").unwrap();
//! let expected = ExpectedList::from_bytes("广东省示例行业协会,514400005000031282\n".as_bytes()).unwrap();
//!
//! // Once per file (the costly part, in a worker if the host likes).
//! let result = include_bytes!("../../tests/data/golden/result-complete.json");
//! let examined = vec![examine("result.json", result, &catalogues, &now)];
//! // Cheap: again whenever the register changes.
//! let verdicts: Vec<_> = examined.iter().map(|file| file.judge(Some(&register))).collect();
//! assert!(verdicts[0].accepted().is_some());
//! // Whenever the verdicts, the expected list or the settings change.
//! let analysis = Analysis::compute(&verdicts, Some(&expected), Settings::new(now));
//! assert_eq!(analysis.rows[0].cells[0].status, CellStatus::Received);
//! assert_eq!(analysis.ranking.len(), 1);
//! ```
//!
//! # The verdict
//!
//! In order, stopping at the first failure ([`Stage`]): **not a result** (unreadable, not JSON,
//! another kind of document) → **format** → **signature** (or signed later than the clock) →
//! **key register** (with a register: the signing key must be filed for the result's credit
//! code) → **catalogue** (the pinned catalogue, the answers, the profile, the re-scored report)
//! → **period** (a period that had not begun on the day it was signed). A file that fails shows
//! only what it *claims*, marked as unverified. A `.zip` archive the host could not open, or a
//! file in one it could not unpack ([`ArchiveProblem`]), is a row too: [`unopened`] gives it
//! its verdict, not a result.
//!
//! # Months and aggregates
//!
//! A result's month is the month its period ends in; see [`month`]. The matrix, the monthly
//! figures, the ranking and the province's figures are in [`analysis`]; the anomalies in
//! [`anomaly`]. Integers only: rates are per mille, rounded down.

pub mod analysis;
pub mod anomaly;
pub mod archive;
pub mod document;
pub mod error;
pub mod expected;
pub mod export;
pub mod handling;
pub mod input;
pub mod month;
pub mod notice;
pub mod review;
pub mod settings;
pub mod summary;
pub mod verdict;
pub mod words;
pub mod year;

pub use analysis::{
    Analysis, AreaFigures, CatalogueFigures, Cell, CellStatus, Counts, CriterionFigures, DEFAULT_LONGEST_PERIOD_DAYS,
    MatrixRow, MonthFigures, RankingRow, Rules, Settings,
};
pub use anomaly::{Anomaly, AnomalyKind};
pub use archive::{ArchiveProblem, MAX_ARCHIVE_DEPTH, MAX_ARCHIVE_ENTRIES};
pub use document::{ANALYSIS_FORMAT, analysis_json, matrix_json, ranking_json};
pub use error::Error;
pub use expected::{ExpectedAssociation, ExpectedList};
pub use export::{CsvStyle, ExportSource, Table, to_csv, to_xlsx};
pub use handling::ProblemHistory;
pub use input::{Input, InputRole};
pub use month::{Deadline, Month, MonthRange};
pub use notice::{NoticeState, NoticeTrack, track as track_notice, track_all as track_notices};
pub use review::{Handling, ProblemState, Review, ReviewState, Reviews};
pub use summary::{Reproduction, SummaryKind, VerifiedSummary, YearSummary, sign_summary, verify_summary};
pub use verdict::{
    Claim, Examined, InputFile, Outcome, PeriodProblem, Reason, Signer, Stage, Verdict, examine, oversized, unopened,
    unopened_file, verdict,
};
pub use year::{DEFAULT_MODEL_MONTHS, ModelRule, YEAR_FORMAT, YEAR_TABLE_IDS, year_json, year_tables, year_workbook};
