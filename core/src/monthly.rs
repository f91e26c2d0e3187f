//! What the notice asks of an association besides its answers: this month's report to the
//! bureau (每月报送活动进展, 新情况、新问题及时上报) and the reply to a rectification notice
//! (限期整改). Both travel in answers and results of format 2.

use crate::catalogue::Catalogue;
use crate::error::{Problem, ProblemKind};
use crate::evidence::{Evidence, MAX_EVIDENCE, MAX_NOTE_CHARS, check_evidence, evidence_doc};
use crate::wire::{ItemReplyDoc, MonthlyDoc, NoticeReplyDoc, ProblemReportDoc};

/// The most new situations and problems one month's report may carry.
pub const MAX_PROBLEMS: usize = 20;

/// The longest title of a problem, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// This month's report to the bureau: how the campaign progressed, overall and by area, and
/// the new situations and problems met.
///
/// ```
/// use selfcheck_core::{Answers, Catalogue, MonthlyReport, ReportedProblem};
///
/// let catalogue = Catalogue::builtin();
/// let mut answers = Answers::blank(catalogue);
/// let mut month = MonthlyReport { progress: "召开理事会，通过自律公约修订稿。".into(), ..MonthlyReport::default() };
/// month.problems.push(ReportedProblem {
///     title: "部分会员对收费标准有异议".into(),
///     description: "已组织座谈，拟报请指导。".into(),
///     help_requested: true,
///     evidence: Vec::new(),
/// });
/// answers.set_monthly(catalogue, month)?;
/// assert_eq!(answers.monthly().problems.len(), 1);
/// // A title with a line break is refused, and the answers keep what they had.
/// let bad = MonthlyReport { problems: vec![ReportedProblem { title: "甲\n乙".into(), ..Default::default() }], ..Default::default() };
/// assert!(answers.set_monthly(catalogue, bad).is_err());
/// assert_eq!(answers.monthly().problems[0].title, "部分会员对收费标准有异议");
/// // A problem still being written may wait for its title, but not past signing.
/// let draft = MonthlyReport { problems: vec![ReportedProblem::default()], ..Default::default() };
/// answers.set_monthly(catalogue, draft)?;
/// assert_eq!(answers.monthly().signing_problems()[0].at, "monthly.problems[0].title");
/// # Ok::<(), selfcheck_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthlyReport {
    /// The month's progress, in the association's words.
    pub progress: String,
    /// Progress by area: (area id, text), the ids the catalogue's (`A` to `E` in the built-in
    /// one). Checked answers hold them in catalogue order, without empty texts.
    pub areas: Vec<(String, String)>,
    /// New situations and problems, in the order given; the bureau follows each by its place.
    pub problems: Vec<ReportedProblem>,
}

/// One new situation or problem reported to the bureau.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportedProblem {
    /// A short title, one line.
    pub title: String,
    /// What happened, and what the association did.
    pub description: String,
    /// Whether the association asks the bureau for help.
    pub help_requested: bool,
    /// Evidence, as for an answer.
    pub evidence: Vec<Evidence>,
}

/// The reply to a rectification notice: the notice it answers, and what was done per
/// criterion of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeReply {
    /// Lowercase hex SHA-256 of the notice file's bytes.
    pub notice: String,
    /// Per criterion: (criterion id, what was done). Checked answers hold them in catalogue
    /// order.
    pub items: Vec<(String, ItemReply)>,
}

/// What was done about one criterion of a notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemReply {
    /// What was done, in the association's words.
    pub note: String,
    /// Evidence of it.
    pub evidence: Vec<Evidence>,
}

impl MonthlyReport {
    /// Whether it says nothing: no progress, overall or by area, and no problem.
    pub fn is_empty(&self) -> bool {
        self.progress.is_empty() && self.areas.is_empty() && self.problems.is_empty()
    }

    /// What must be filled in before the report is signed: a title for every problem (a
    /// draft may hold a problem still being written). Empty when signing will accept it.
    pub fn signing_problems(&self) -> Vec<Problem> {
        self.problems
            .iter()
            .enumerate()
            .filter(|(_, problem)| problem.title.trim().is_empty())
            .map(|(place, _)| Problem::new(format!("monthly.problems[{place}].title"), ProblemKind::NoVisibleText))
            .collect()
    }

    /// The report as its wire part.
    pub fn to_doc(&self) -> MonthlyDoc {
        MonthlyDoc {
            progress: self.progress.clone(),
            areas: self.areas.clone(),
            problems: self
                .problems
                .iter()
                .map(|problem| ProblemReportDoc {
                    title: problem.title.clone(),
                    description: problem.description.clone(),
                    help_requested: problem.help_requested,
                    evidence: problem.evidence.iter().map(evidence_doc).collect(),
                })
                .collect(),
        }
    }
}

impl NoticeReply {
    /// The reply as its wire part.
    pub fn to_doc(&self) -> NoticeReplyDoc {
        NoticeReplyDoc {
            notice: self.notice.clone(),
            items: self
                .items
                .iter()
                .map(|(id, item)| {
                    let doc = ItemReplyDoc {
                        note: item.note.clone(),
                        evidence: item.evidence.iter().map(evidence_doc).collect(),
                    };
                    (id.clone(), doc)
                })
                .collect(),
        }
    }
}

/// A text of at most `limit` characters.
fn check_length(at: &str, text: &str, limit: usize, problems: &mut Vec<Problem>) {
    if text.chars().count() > limit {
        problems.push(Problem::new(at, ProblemKind::TooLong { limit }));
    }
}

fn check_evidence_list(at: &str, evidence: &[crate::wire::EvidenceDoc], problems: &mut Vec<Problem>) -> Vec<Evidence> {
    let at = format!("{at}.evidence");
    if evidence.len() > MAX_EVIDENCE {
        problems.push(Problem::new(&at, ProblemKind::TooMuchEvidence { limit: MAX_EVIDENCE }));
    }
    evidence.iter().map(|evidence| check_evidence(&at, evidence, problems)).collect()
}

/// Checks a month's report against `catalogue`: the domain report and what is wrong, each
/// problem with its path (`monthly.problems[1].title`). Area texts left empty are dropped; a
/// problem's title may be blank in a draft ([`MonthlyReport::signing_problems`]).
pub(crate) fn check_monthly(catalogue: &Catalogue, doc: &MonthlyDoc, problems: &mut Vec<Problem>) -> MonthlyReport {
    check_length("monthly.progress", &doc.progress, MAX_NOTE_CHARS, problems);
    for (id, text) in &doc.areas {
        let at = format!("monthly.areas.{id}");
        if !catalogue.areas().iter().any(|area| &area.id == id) {
            problems.push(Problem::new(&at, ProblemKind::UnknownArea));
        }
        check_length(&at, text, MAX_NOTE_CHARS, problems);
    }
    // In catalogue order, whatever the file's: the same report reads back equal.
    let areas = catalogue
        .areas()
        .iter()
        .filter_map(|area| doc.areas.iter().find(|(id, _)| *id == area.id))
        .filter(|(_, text)| !text.is_empty())
        .cloned()
        .collect();
    if doc.problems.len() > MAX_PROBLEMS {
        problems.push(Problem::new("monthly.problems", ProblemKind::TooManyProblems { limit: MAX_PROBLEMS }));
    }
    let reported = doc
        .problems
        .iter()
        .enumerate()
        .map(|(place, problem)| {
            let at = format!("monthly.problems[{place}]");
            let title_at = format!("{at}.title");
            check_length(&title_at, &problem.title, MAX_TITLE_CHARS, problems);
            // One line: a line break in a title could pose as another row of the bureau's lists.
            if problem.title.chars().any(char::is_control) {
                problems.push(Problem::new(&title_at, ProblemKind::ControlCharacters));
            }
            check_length(&format!("{at}.description"), &problem.description, MAX_NOTE_CHARS, problems);
            ReportedProblem {
                title: problem.title.clone(),
                description: problem.description.clone(),
                help_requested: problem.help_requested,
                evidence: check_evidence_list(&at, &problem.evidence, problems),
            }
        })
        .collect();
    MonthlyReport { progress: doc.progress.clone(), areas, problems: reported }
}

/// Checks a reply to a notice against `catalogue`: the notice's digest, and items that name
/// its criteria.
pub(crate) fn check_reply(catalogue: &Catalogue, doc: &NoticeReplyDoc, problems: &mut Vec<Problem>) -> NoticeReply {
    let notice = &doc.notice;
    if !crate::canonical::is_sha256_hex(notice) {
        problems.push(Problem::new("rectification.notice", ProblemKind::NotHex { digits: 64 }));
    }
    let mut checked: Vec<(&str, ItemReply)> = doc
        .items
        .iter()
        .map(|(id, item)| {
            let at = format!("rectification.items.{id}");
            if catalogue.index_of(id).is_none() {
                problems.push(Problem::new(&at, ProblemKind::UnknownCriterion));
            }
            check_length(&format!("{at}.note"), &item.note, MAX_NOTE_CHARS, problems);
            let evidence = check_evidence_list(&at, &item.evidence, problems);
            (id.as_str(), ItemReply { note: item.note.clone(), evidence })
        })
        .collect();
    // In catalogue order, whatever the file's: the same reply reads back equal.
    let mut items = Vec::with_capacity(checked.len());
    for criterion in catalogue.criteria() {
        if let Some(place) = checked.iter().position(|(id, _)| *id == criterion.id) {
            let (id, item) = checked.swap_remove(place);
            items.push((id.to_owned(), item));
        }
    }
    NoticeReply { notice: notice.clone(), items }
}
