//! Human-readable output: the Markdown handbook, the answers template and the text report.

use std::fmt::Write as _;

use selfcheck_core::json::{Json, Object};
use selfcheck_core::wire::{ANSWERS_FORMAT, AnswersDoc, EntryDoc};
use selfcheck_core::{Answers, Catalogue, Criterion, Kind, Lang, Report};

use crate::results::Checked;

/// Interface words of the CLI's own output, in both languages.
struct Words {
    points: &'static str,
    kind: &'static str,
    scale: &'static str,
    binary: &'static str,
    checklist: &'static str,
    na_allowed: &'static str,
    veto: &'static str,
    clause: &'static str,
    guidance: &'static str,
    evidence: &'static str,
    action: &'static str,
    grades: &'static str,
    total: &'static str,
    score: &'static str,
    grade: &'static str,
    areas: &'static str,
    vetoes: &'static str,
    answered: &'static str,
    rectification: &'static str,
    nothing_to_fix: &'static str,
    lost: &'static str,
    missing: &'static str,
    unanswered: &'static str,
    source: &'static str,
    digest: &'static str,
}

const ZH: Words = Words {
    points: "分值",
    kind: "作答方式",
    scale: "是 / 部分 / 否",
    binary: "是 / 否",
    checklist: "逐项勾选",
    na_allowed: "可选“不适用”",
    veto: "否决项",
    clause: "依据",
    guidance: "达标要求",
    evidence: "佐证材料",
    action: "整改建议",
    grades: "等级",
    total: "得分",
    score: "千分制得分",
    grade: "等级",
    areas: "分项得分",
    vetoes: "触发否决项",
    answered: "已作答",
    rectification: "整改清单",
    nothing_to_fix: "无需整改。",
    lost: "失分",
    missing: "未达标子项",
    unanswered: "未作答",
    source: "依据文件",
    digest: "目录摘要",
};

const EN: Words = Words {
    points: "Points",
    kind: "Answer",
    scale: "yes / partly / no",
    binary: "yes / no",
    checklist: "tick the sub-items met",
    na_allowed: "\"not applicable\" allowed",
    veto: "Veto gate",
    clause: "Clause",
    guidance: "Full compliance",
    evidence: "Evidence",
    action: "Rectification",
    grades: "Grades",
    total: "Total",
    score: "Score (per mille)",
    grade: "Grade",
    areas: "Areas",
    vetoes: "Vetoes triggered",
    answered: "Answered",
    rectification: "Rectification list",
    nothing_to_fix: "Nothing to fix.",
    lost: "lost",
    missing: "not met",
    unanswered: "unanswered",
    source: "Source",
    digest: "Catalogue digest",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn allowed_values(criterion: &Criterion) -> Vec<String> {
    let mut values: Vec<&str> = match criterion.kind {
        Kind::Scale => vec!["yes", "partly", "no"],
        Kind::Binary => vec!["yes", "no"],
        Kind::Checklist(_) => vec![],
    };
    if criterion.not_applicable {
        values.push("na");
    }
    values.into_iter().map(str::to_owned).collect()
}

/// The catalogue as a Markdown handbook.
pub fn catalogue_markdown(catalogue: &Catalogue, lang: Lang) -> String {
    let w = words(lang);
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", catalogue.title().get(lang));
    let _ = writeln!(
        md,
        "{}: {}, {} ({})  \n{}: `{}` {} `{}`\n",
        w.source,
        catalogue.authority().get(lang),
        catalogue.source_title().get(lang),
        catalogue.source_date(),
        w.digest,
        catalogue.digest(),
        catalogue.id(),
        catalogue.version()
    );
    let _ = writeln!(md, "{}\n", catalogue.notes().get(lang));
    let _ = writeln!(md, "## {}\n", w.grades);
    for grade in catalogue.grades() {
        let _ = writeln!(md, "- {} ≥ {}", grade.label.get(lang), grade.min);
    }
    md.push('\n');
    for area in catalogue.areas() {
        let _ = writeln!(md, "## {} {} ({} {})\n", area.id, area.title.get(lang), area.points, w.points);
        let _ = writeln!(md, "{}\n", area.summary.get(lang));
        let _ = writeln!(md, "> {} {}: “{}”\n", w.clause, area.clause.section, area.clause.quote);
        for criterion in &catalogue.criteria()[area.criteria.clone()] {
            let _ = writeln!(
                md,
                "### {} {} ({} {})\n",
                criterion.id,
                criterion.title.get(lang),
                criterion.points,
                w.points
            );
            let kind = match criterion.kind {
                Kind::Scale => w.scale,
                Kind::Binary => w.binary,
                Kind::Checklist(_) => w.checklist,
            };
            let mut line = format!("- {}: {kind}", w.kind);
            if criterion.not_applicable {
                let _ = write!(line, "; {}", w.na_allowed);
            }
            let _ = writeln!(md, "{line}");
            let _ = writeln!(md, "- {} {}: “{}”", w.clause, criterion.clause.section, criterion.clause.quote);
            let _ = writeln!(md, "- {}: {}", w.guidance, criterion.guidance.get(lang));
            let _ = writeln!(md, "- {}: {}", w.evidence, criterion.evidence.get(lang));
            if let Some(veto) = &criterion.veto {
                let _ = writeln!(md, "- **{}**: {}", w.veto, veto.get(lang));
            }
            let _ = writeln!(md, "- {}: {}", w.action, criterion.action.get(lang));
            for item in criterion.items() {
                let _ = writeln!(md, "  - [ ] {} {} ({} {})", item.id, item.title.get(lang), item.points, w.points);
            }
            md.push('\n');
        }
    }
    md
}

/// A blank answers document: every criterion with its title and allowed values as hints.
pub fn template(catalogue: &Catalogue, lang: Lang) -> AnswersDoc {
    let mut answers = std::collections::BTreeMap::new();
    for criterion in catalogue.criteria() {
        let is_checklist = matches!(criterion.kind, Kind::Checklist(_));
        // No `checked` for checklists: an empty list would mean "none met", an answer.
        let entry = EntryDoc {
            title: Some(criterion.title.get(lang).to_owned()),
            allowed: Some(allowed_values(criterion)),
            items: is_checklist.then(|| {
                criterion.items().iter().map(|item| (item.id.clone(), item.title.get(lang).to_owned())).collect()
            }),
            ..EntryDoc::default()
        };
        answers.insert(criterion.id.clone(), entry);
    }
    AnswersDoc {
        format: ANSWERS_FORMAT.to_owned(),
        catalogue: catalogue.reference(),
        profile: Default::default(),
        answers,
    }
}

/// The report as text: totals, areas, grade, vetoes and the rectification list.
pub fn report_text(catalogue: &Catalogue, answers: &Answers, report: &Report, lang: Lang) -> String {
    let w = words(lang);
    let criteria = catalogue.criteria();
    let mut text = String::new();
    let profile = &answers.profile;
    if !profile.name.is_empty() || profile.credit_code.is_some() {
        let code = profile.credit_code.as_ref().map(|code| code.as_str()).unwrap_or("");
        let _ = writeln!(text, "{} {}", profile.name, code);
    }
    if !profile.period_from.is_empty() || !profile.period_to.is_empty() {
        let _ = writeln!(text, "{} – {}", profile.period_from, profile.period_to);
    }
    let grade = &catalogue.grades()[report.grade];
    let _ = writeln!(text, "{}: {} / {}", w.total, report.total, report.maximum);
    let _ = writeln!(text, "{}: {}", w.score, report.score);
    let _ = writeln!(text, "{}: {}", w.grade, grade.label.get(lang));
    let _ = writeln!(text, "{}: {} / {}", w.answered, report.answered(), criteria.len());
    let _ = writeln!(text, "\n{}:", w.areas);
    for (area, (points, maximum)) in catalogue.areas().iter().zip(&report.areas) {
        let _ = writeln!(text, "  {} {:<24} {points:>4} / {maximum}", area.id, area.title.get(lang));
    }
    if !report.vetoes.is_empty() {
        let _ = writeln!(text, "\n{}:", w.vetoes);
        for &index in &report.vetoes {
            let criterion = &criteria[index];
            let reason = criterion.veto.as_ref().map(|veto| veto.get(lang)).unwrap_or("");
            let _ = writeln!(text, "  {} {}: {reason}", criterion.id, criterion.title.get(lang));
        }
    }
    let _ = writeln!(text, "\n{}:", w.rectification);
    if report.rectification.is_empty() {
        let _ = writeln!(text, "  {}", w.nothing_to_fix);
    }
    for &index in &report.rectification {
        let criterion = &criteria[index];
        let outcome = &report.outcomes[index];
        let mut flags = String::new();
        if outcome.veto {
            let _ = write!(flags, " [{}]", w.veto);
        }
        if !outcome.answered {
            let _ = write!(flags, " [{}]", w.unanswered);
        }
        let _ = writeln!(
            text,
            "  {} {} (-{} {}){flags}",
            criterion.id,
            criterion.title.get(lang),
            outcome.maximum - outcome.points,
            w.lost
        );
        let _ = writeln!(text, "     {} {}: “{}”", w.clause, criterion.clause.section, criterion.clause.quote);
        let _ = writeln!(text, "     {}: {}", w.action, criterion.action.get(lang));
        let missing = report.missing_items(catalogue, answers, index);
        if !missing.is_empty() && outcome.answered {
            let titles: Vec<String> = criterion
                .items()
                .iter()
                .filter(|item| missing.contains(&item.id))
                .map(|item| format!("{} {}", item.id, item.title.get(lang)))
                .collect();
            let _ = writeln!(text, "     {}: {}", w.missing, titles.join("; "));
        }
    }
    text
}

/// Words of the result views.
struct ResultWords {
    title: &'static str,
    validity: &'static str,
    valid: &'static str,
    invalid: &'static str,
    association: &'static str,
    period: &'static str,
    signed_at: &'static str,
    fingerprint: &'static str,
    digest: &'static str,
    claimed: &'static str,
}

const RESULT_ZH: ResultWords = ResultWords {
    title: "自查结果",
    validity: "有效性",
    valid: "有效（签名与评分均已核验）",
    invalid: "无效",
    association: "协会",
    period: "自查期间",
    signed_at: "签名时间",
    fingerprint: "密钥指纹",
    digest: "结果摘要",
    claimed: "结果自称（未经核验）",
};

const RESULT_EN: ResultWords = ResultWords {
    title: "Self-assessment result",
    validity: "Validity",
    valid: "valid (signature and score verified)",
    invalid: "INVALID",
    association: "Association",
    period: "Period",
    signed_at: "Signed at",
    fingerprint: "Key fingerprint",
    digest: "Result digest",
    claimed: "What it claims (not verified)",
};

/// A signed result for people: its validity, then what it says.
pub fn result_text(checked: &Checked, lang: Lang, markdown: bool) -> String {
    let w = match lang {
        Lang::Zh => &RESULT_ZH,
        Lang::En => &RESULT_EN,
    };
    let mut rows: Vec<(&str, String)> = Vec::new();
    let mut body = String::new();
    match checked {
        Checked::Valid(verified) => {
            let catalogue = &verified.catalogue;
            let profile = &verified.answers.profile;
            let code = profile.credit_code.as_ref().map(|code| code.as_str()).unwrap_or("");
            rows.push((w.validity, w.valid.to_owned()));
            rows.push((w.association, format!("{} ({code})", profile.name)));
            rows.push((w.period, format!("{} – {}", profile.period_from, profile.period_to)));
            rows.push((w.signed_at, verified.issued.to_string()));
            rows.push((w.fingerprint, verified.key.fingerprint()));
            rows.push(("did:key", verified.key.did()));
            rows.push((w.digest, verified.digest.clone()));
            body = report_text(catalogue, &verified.answers, &verified.report, lang);
        }
        Checked::Invalid(reason, claimed) => {
            rows.push((w.validity, format!("{}: {reason}", w.invalid)));
            if let Some(doc) = claimed {
                let subject = &doc.credential_subject;
                let report = &subject.report;
                rows.push((w.association, format!("{} ({})", subject.profile.name, subject.profile.credit_code)));
                rows.push((w.period, format!("{} – {}", subject.profile.period.from, subject.profile.period.to)));
                rows.push((w.signed_at, doc.valid_from.clone()));
                body = format!(
                    "{}: total {} / {}, score {}, grade {}, vetoes {:?}\n",
                    w.claimed, report.total, report.maximum, report.score, report.grade, report.vetoes
                );
            }
        }
        Checked::NotAResult(reason) | Checked::Unreadable(reason) => rows.push((w.validity, reason.clone())),
    }
    let mut out = String::new();
    if markdown {
        let _ = writeln!(out, "# {}\n\n| | |\n|---|---|", w.title);
        for (label, value) in &rows {
            let _ = writeln!(out, "| {label} | {} |", value.replace('|', "\\|"));
        }
        let _ = writeln!(out, "\n```text\n{}```", body);
    } else {
        for (label, value) in &rows {
            let _ = writeln!(out, "{label}: {value}");
        }
        let _ = writeln!(out, "\n{body}");
    }
    out
}

/// A signed result for scripts: validity, key and the (verified or claimed) report.
pub fn result_json(checked: &Checked) -> Json {
    match checked {
        Checked::Valid(verified) => {
            let catalogue = &verified.catalogue;
            let mut out = Object::new();
            out.insert("valid", true);
            out.insert("error", Json::Null);
            out.insert("fingerprint", verified.key.fingerprint());
            out.insert("did", verified.key.did());
            out.insert("issued", verified.issued.as_str());
            out.insert("digest", verified.digest.as_str());
            out.insert("id", verified.id.as_str());
            out.insert("profile", verified.answers.to_doc(catalogue).profile.to_json());
            out.insert("report", verified.report.to_doc(catalogue, &verified.answers).to_json());
            Json::Object(out)
        }
        Checked::Invalid(reason, claimed) => {
            let mut out = Object::new();
            out.insert("valid", false);
            out.insert("error", reason.as_str());
            out.insert(
                "claimed",
                claimed.as_ref().map_or(Json::Null, |doc| {
                    let mut claimed = Object::new();
                    claimed.insert("issuer", doc.issuer.as_str());
                    claimed.insert("issued", doc.valid_from.as_str());
                    claimed.insert("profile", doc.credential_subject.profile.to_json());
                    claimed.insert("report", doc.credential_subject.report.to_json());
                    Json::Object(claimed)
                }),
            );
            Json::Object(out)
        }
        Checked::NotAResult(reason) | Checked::Unreadable(reason) => {
            let mut out = Object::new();
            out.insert("valid", false);
            out.insert("error", reason.as_str());
            Json::Object(out)
        }
    }
}

/// Text for a terminal: control characters other than line breaks and tabs are shown as
/// `\u{…}` escapes, so that a hostile name or note in a result cannot send escape sequences
/// (colours, cursor moves, a changed window title) to the bureau's terminal.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_control() && ch != '\n' && ch != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(ch));
        } else {
            out.push(ch);
        }
    }
    out
}
