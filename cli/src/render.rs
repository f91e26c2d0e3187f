//! Human-readable output: the Markdown handbook, the answers template, the text report of
//! `score`, and a signed result as `report` shows it. Words come from [`crate::i18n`]; every
//! string from a catalogue, answers or a result is escaped ([`escape`]) where it is inserted, and
//! every line of a report starts with the program's own words, never with content.

use std::fmt::Write as _;

use selfcheck_core::json::{Json, Object};
use selfcheck_core::messages::period_range;
use selfcheck_core::time::date_text;
use selfcheck_core::{Answers, Catalogue, Document, Kind, Lang, Profile, Report};

use crate::escape::escape;
use crate::i18n::{self, pick};
use crate::results::Checked;

/// The catalogue as a Markdown handbook.
pub fn catalogue_markdown(catalogue: &Catalogue, lang: Lang) -> String {
    let e = |text: &str| escape(text).into_owned();
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", e(catalogue.title().get(lang)));
    // The notice's title usually names its authority already.
    let title = e(catalogue.source_title().get(lang));
    let authority = e(catalogue.authority().get(lang));
    let date = e(catalogue.source_date());
    let source = match (title.contains(authority.as_str()), lang) {
        (true, Lang::Zh) => format!("《{title}》（{date}）"),
        (false, Lang::Zh) => format!("{authority}《{title}》（{date}）"),
        (true, Lang::En) => format!("{title} ({date})"),
        (false, Lang::En) => format!("{authority}, {title} ({date})"),
    };
    let digest = format!("`{}` {} `{}`", catalogue.digest(), e(catalogue.id()), e(catalogue.version()));
    let _ = writeln!(
        md,
        "{}  \n{}\n",
        i18n::labelled(lang, i18n::Words::Source.get(lang), &source),
        i18n::labelled(lang, i18n::Words::CatalogueDigest.get(lang), &digest),
    );
    let _ = writeln!(md, "{}\n", e(catalogue.notes().get(lang)));
    let _ = writeln!(md, "## {}\n", i18n::Words::Grades.get(lang));
    for grade in catalogue.grades() {
        let _ = writeln!(md, "- {} ≥ {}", e(grade.label.get(lang)), grade.min);
    }
    md.push('\n');
    for area in catalogue.areas() {
        let points = i18n::points(lang, area.points);
        let _ = writeln!(
            md,
            "## {} {}{}\n",
            e(&area.id),
            e(area.title.get(lang)),
            pick!(lang, format!("（{points}）"), format!(" ({points})"))
        );
        let _ = writeln!(md, "{}\n", e(area.summary.get(lang)));
        let _ = writeln!(md, "> {}\n", i18n::clause(lang, &e(&area.clause.section), &e(&area.clause.quote)));
        for criterion in &catalogue.criteria()[area.criteria.clone()] {
            let points = i18n::points(lang, criterion.points);
            let _ = writeln!(
                md,
                "### {} {}{}\n",
                e(&criterion.id),
                e(criterion.title.get(lang)),
                pick!(lang, format!("（{points}）"), format!(" ({points})"))
            );
            let kind = match criterion.kind {
                Kind::Scale => i18n::Words::Scale,
                Kind::Binary => i18n::Words::Binary,
                Kind::Checklist(_) => i18n::Words::Checklist,
            };
            let mut line = i18n::labelled(lang, i18n::Words::AnswerKind.get(lang), kind.get(lang));
            if criterion.not_applicable {
                line.push_str(pick!(lang, "；", "; "));
                line.push_str(i18n::Words::NaAllowed.get(lang));
            }
            let _ = writeln!(md, "- {line}");
            let _ =
                writeln!(md, "- {}", i18n::clause(lang, &e(&criterion.clause.section), &e(&criterion.clause.quote)));
            let _ = writeln!(
                md,
                "- {}",
                i18n::labelled(lang, i18n::Words::Guidance.get(lang), &e(criterion.guidance.get(lang)))
            );
            let _ = writeln!(
                md,
                "- {}",
                i18n::labelled(lang, i18n::Words::Evidence.get(lang), &e(criterion.evidence.get(lang)))
            );
            if let Some(veto) = &criterion.veto {
                let _ = writeln!(
                    md,
                    "- {}",
                    i18n::labelled(lang, &format!("**{}**", i18n::Words::Veto.get(lang)), &e(veto.get(lang)))
                );
            }
            let _ = writeln!(
                md,
                "- {}",
                i18n::labelled(lang, i18n::Words::Action.get(lang), &e(criterion.action.get(lang)))
            );
            for item in criterion.items() {
                let points = i18n::points(lang, item.points);
                let _ = writeln!(
                    md,
                    "  - [ ] {} {}{}",
                    e(&item.id),
                    e(item.title.get(lang)),
                    pick!(lang, format!("（{points}）"), format!(" ({points})"))
                );
            }
            md.push('\n');
        }
    }
    md
}

/// The association and its period, each on a line of its own after a label (nothing when the
/// answers leave them empty).
fn profile_lines(profile: &Profile, lang: Lang) -> String {
    let mut text = String::new();
    if !profile.name().is_empty() || profile.credit_code().is_some() {
        let code = profile.credit_code().map(|code| code.as_str()).unwrap_or("");
        let value = i18n::name_and_code(lang, &escape(profile.name()), &escape(code));
        let _ = writeln!(text, "{}", i18n::labelled(lang, i18n::Words::Association.get(lang), &value));
    }
    if profile.period_from().is_some() || profile.period_to().is_some() {
        let value =
            period_range(&escape(date_text(profile.period_from())), &escape(date_text(profile.period_to())), lang);
        let _ = writeln!(text, "{}", i18n::labelled(lang, i18n::Words::Period.get(lang), &value));
    }
    text
}

/// The report of `score` as text: the association, then the figures.
///
/// # Errors
///
/// The core's [`selfcheck_core::Error::CatalogueMismatch`] when the report or the answers are
/// not the catalogue's.
pub fn report_text(
    catalogue: &Catalogue,
    answers: &Answers,
    report: &Report,
    lang: Lang,
) -> Result<String, selfcheck_core::Error> {
    Ok(profile_lines(answers.profile(), lang) + &report_body(catalogue, answers, report, lang)?)
}

/// Score, grade, completeness, areas, vetoes and the rectification list, in the core's words
/// and order (its accessors check that the report, the answers and the catalogue belong
/// together).
fn report_body(
    catalogue: &Catalogue,
    answers: &Answers,
    report: &Report,
    lang: Lang,
) -> Result<String, selfcheck_core::Error> {
    let e = |text: &str| escape(text).into_owned();
    let mut text = String::new();
    let _ = writeln!(text, "{}", i18n::score_line(lang, report.score(), report.total(), report.maximum()));
    let _ = writeln!(text, "{}", i18n::labelled(lang, i18n::Words::Grade.get(lang), &e(&report.grade_text(lang))));
    let answered = format!("{} / {}", report.answered(), catalogue.criteria().len());
    let _ = writeln!(text, "{}", i18n::labelled(lang, i18n::Words::Answered.get(lang), &answered));
    let _ = writeln!(text, "\n{}", i18n::heading(lang, i18n::Words::Areas.get(lang)));
    for area in report.areas() {
        let title = e(area.area.title.get(lang));
        let padding = " ".repeat(28usize.saturating_sub(display_width(&title)));
        let _ = writeln!(text, "  {} {title}{padding} {:>4} / {}", e(&area.area.id), area.points, area.maximum);
    }
    let vetoes = report.vetoes();
    if vetoes.len() > 0 {
        let _ = writeln!(text, "\n{}", i18n::heading(lang, i18n::Words::Vetoes.get(lang)));
        for criterion in vetoes {
            let reason = criterion.veto.as_ref().map(|veto| veto.get(lang)).unwrap_or("");
            let title = format!("{} {}", e(&criterion.id), e(criterion.title.get(lang)));
            let _ = writeln!(text, "  {}", i18n::labelled(lang, &title, &e(reason)));
        }
    }
    let _ = writeln!(text, "\n{}", i18n::heading(lang, i18n::Words::Rectification.get(lang)));
    let to_fix = report.rectification_entries(answers)?;
    if to_fix.is_empty() {
        let _ = writeln!(text, "  {}", i18n::Words::NothingToFix.get(lang));
    }
    for entry in to_fix {
        let criterion = entry.criterion;
        let lost = i18n::lost(lang, entry.lost, entry.veto, entry.open);
        let _ = writeln!(text, "  {} {}{lost}", e(&criterion.id), e(criterion.title.get(lang)));
        let _ =
            writeln!(text, "     {}", i18n::clause(lang, &e(&criterion.clause.section), &e(&criterion.clause.quote)));
        let _ = writeln!(
            text,
            "     {}",
            i18n::labelled(lang, i18n::Words::Action.get(lang), &e(criterion.action.get(lang)))
        );
        if !entry.missing_items.is_empty() && !entry.open {
            let titles: Vec<String> =
                entry.missing_items.iter().map(|item| format!("{} {}", e(&item.id), e(item.title.get(lang)))).collect();
            let _ = writeln!(
                text,
                "     {}",
                i18n::labelled(lang, i18n::Words::MissingItems.get(lang), &i18n::list(lang, &titles))
            );
        }
    }
    Ok(text)
}

/// The columns a text takes on a terminal: East Asian wide characters take two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115f
            | 0x2e80..=0xa4cf
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6
            | 0x20000..=0x3fffd => 2,
            _ => 1,
        })
        .sum()
}

/// A signed result for people: its validity first (the program's verdict, on the first line),
/// then what it says. Nothing from the result can start a line.
pub fn result_text(checked: &Checked, catalogues: &[&Catalogue], lang: Lang, markdown: bool) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    let mut body = String::new();
    match checked {
        Checked::Valid(verified) => {
            let catalogue = &verified.catalogue;
            let profile = verified.answers.profile();
            let code = profile.credit_code().map(|code| code.as_str()).unwrap_or("");
            rows.push((i18n::Words::Validity.get(lang), i18n::Words::ValidVerified.get(lang).to_owned()));
            rows.push((
                i18n::Words::Association.get(lang),
                i18n::name_and_code(lang, &escape(profile.name()), &escape(code)),
            ));
            rows.push((
                i18n::Words::Period.get(lang),
                period_range(&escape(date_text(profile.period_from())), &escape(date_text(profile.period_to())), lang),
            ));
            rows.push((i18n::Words::SignedAt.get(lang), selfcheck_core::messages::beijing_short(&verified.issued)));
            rows.push((i18n::Words::Fingerprint.get(lang), verified.key.fingerprint().into()));
            let (label, value) =
                selfcheck_core::messages::sm2_status(&verified.key, lang).split_once(['：', ':']).unwrap_or_default();
            rows.push((label, value.trim().to_owned()));
            rows.push((i18n::Words::PublicKeyId.get(lang), verified.key.did()));
            rows.push((i18n::Words::ResultDigest.get(lang), verified.digest.clone()));
            let warnings = crate::results::warnings(verified, lang);
            if !warnings.is_empty() {
                rows.push((i18n::Words::Notes.get(lang), warnings.join(pick!(lang, "", " "))));
            }
            // Verification gives a report that fits its catalogue and answers.
            body = report_body(catalogue, &verified.answers, &verified.report, lang).unwrap_or_default();
        }
        Checked::Invalid(reason, claimed) => {
            rows.push((
                i18n::Words::Validity.get(lang),
                i18n::status(lang, i18n::Words::VerdictInvalid, &reason.line(lang)),
            ));
            if let Some(doc) = claimed {
                let subject = &doc.credential_subject;
                let profile = &subject.profile;
                let report = &subject.report;
                // The code in its one spelling, as everywhere else (a claim is read as the
                // bureau's verdicts read it).
                let code = selfcheck_core::credit_code::normalize(&profile.credit_code);
                rows.push((
                    i18n::Words::Association.get(lang),
                    i18n::name_and_code(lang, &escape(&profile.name), &escape(&code)),
                ));
                rows.push((
                    i18n::Words::Period.get(lang),
                    period_range(&escape(&profile.period.from), &escape(&profile.period.to), lang),
                ));
                // Beijing time when the claimed time reads as one; else as it is written.
                let signed = selfcheck_core::Timestamp::parse(&doc.valid_from).map_or_else(
                    |_| escape(&doc.valid_from).into_owned(),
                    |time| selfcheck_core::messages::beijing_short(&time),
                );
                rows.push((i18n::Words::SignedAt.get(lang), signed));
                let vetoes: Vec<String> = report.vetoes.iter().map(|veto| escape(veto).into_owned()).collect();
                let vetoes =
                    if vetoes.is_empty() { i18n::Words::None.get(lang).to_owned() } else { i18n::list(lang, &vetoes) };
                // The grade it claims, by the label of a known catalogue's grade of that id.
                let grade = catalogues
                    .iter()
                    .flat_map(|catalogue| catalogue.grades())
                    .find(|grade| grade.id == report.grade)
                    .map_or_else(
                        || escape(&report.grade).into_owned(),
                        |grade| escape(&report.standing().grade_text(grade.label.get(lang), lang)).into_owned(),
                    );
                body = i18n::claimed(lang, report.total, report.maximum, report.score, &grade, &vetoes) + "\n";
            }
        }
        Checked::NotAResult(reason) => rows.push((i18n::Words::Validity.get(lang), reason.line(lang))),
        Checked::Summary(_) => rows.push((i18n::Words::Validity.get(lang), not_a_result_but(lang, Document::Summary))),
        Checked::Notice(_) => rows.push((i18n::Words::Validity.get(lang), not_a_result_but(lang, Document::Notice))),
        Checked::Unreadable(problem) => rows.push((i18n::Words::Validity.get(lang), i18n::read_problem(lang, problem))),
    }
    let mut out = String::new();
    if markdown {
        let _ = writeln!(out, "# {}\n\n| | |\n|---|---|", i18n::Words::ResultTitle.get(lang));
        for (label, value) in &rows {
            let _ = writeln!(out, "| {label} | {} |", markdown_cell(value));
        }
        let _ = writeln!(out, "\n```text\n{body}```");
    } else {
        for (label, value) in &rows {
            let _ = writeln!(out, "{}", i18n::labelled(lang, label, value));
        }
        let _ = writeln!(out, "\n{body}");
    }
    out
}

/// A table cell of Markdown: every ASCII punctuation character a renderer might act on is
/// backslash-escaped (CommonMark allows that for any of them), so that a name cannot become a
/// link, markup or a new cell.
fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '#' | '~' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A signed result for scripts: validity, key, warnings and the (verified or claimed) report.
pub fn result_json(checked: &Checked, lang: Lang) -> Json {
    let mut out = Object::new();
    match checked {
        Checked::Valid(verified) => {
            let catalogue = &verified.catalogue;
            out.insert("valid", true);
            out.insert("error", Json::Null);
            out.insert("error_code", Json::Null);
            out.insert("fingerprint", verified.key.fingerprint());
            out.insert("did", verified.key.did());
            out.insert("sm2", verified.key.sm2().map(|sm2| sm2.did()));
            out.insert("issued", verified.issued.as_str());
            out.insert("digest", verified.digest.as_str());
            out.insert("id", verified.id.as_str());
            let warnings: Vec<Json> =
                verified.warnings.iter().map(|warning| Json::from(warning.message(lang))).collect();
            out.insert("warnings", Json::Array(warnings));
            out.insert("profile", verified.answers.to_doc(catalogue).profile.to_json());
            // A verified result's report fits its catalogue and answers, so this is never left out.
            if let Ok(report) = verified.report.to_doc(&verified.answers) {
                out.insert("report", report.to_json());
            }
        }
        Checked::Invalid(reason, claimed) => {
            out.insert("valid", false);
            out.insert("error", reason.line(lang));
            out.insert("error_code", reason.code());
            out.insert(
                "claimed",
                claimed.as_ref().map_or(Json::Null, |doc| {
                    let mut claimed = Object::new();
                    claimed.insert("issuer", doc.issuer.as_str());
                    claimed.insert("issued", doc.valid_from.as_str());
                    let mut profile = doc.credential_subject.profile.clone();
                    profile.credit_code = selfcheck_core::credit_code::normalize(&profile.credit_code);
                    claimed.insert("profile", profile.to_json());
                    claimed.insert("report", doc.credential_subject.report.to_json());
                    Json::Object(claimed)
                }),
            );
        }
        Checked::NotAResult(reason) => {
            out.insert("valid", false);
            out.insert("error", reason.line(lang));
            out.insert("error_code", reason.code());
        }
        Checked::Summary(_) | Checked::Notice(_) => {
            out.insert("valid", false);
            let found = checked.bureau_document().unwrap_or(Document::Summary);
            out.insert("error", not_a_result_but(lang, found));
            out.insert("error_code", "wrong-document");
        }
        Checked::Unreadable(problem) => {
            out.insert("valid", false);
            out.insert("error", i18n::read_problem(lang, problem));
            out.insert("error_code", "unreadable");
        }
    }
    Json::Object(out)
}

/// What `report` says of one of the bureau's signed documents (a summary, a notice): the
/// core's words for a document of another kind.
pub fn not_a_result_but(lang: Lang, found: Document) -> String {
    let error = selfcheck_core::Error::WrongDocument { expected: Document::Result, found };
    i18n::core(lang, &error)
}
