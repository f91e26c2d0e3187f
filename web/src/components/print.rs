//! The summary for the paper submission, shown only when printing (one or two A4 pages):
//! addressed to the bureau, the association and its figures, the areas, the vetoes with their
//! reasons, the whole rectification list, this month's report to the bureau, the signature's
//! facts (key fingerprint, Beijing time, the result's digest and its QR code), and the
//! declaration above the legal representative's signature and the seal. A draft that is not
//! the exported result is printed clearly marked as such, without the QR code.

use selfcheck_core::{Lang, Text, Timestamp, pick};
use yew::prelude::*;

use crate::i18n::S;
use crate::state::{QrCode, State};

/// This month's report as printed: the progress, by area, and every problem with whether help
/// is asked. Nothing when the month's report is empty.
fn monthly_part(state: &State, lang: Lang) -> Html {
    let monthly = state.answers.monthly();
    if monthly.is_empty() {
        return Html::default();
    }
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let area_title = |id: &str| {
        state
            .catalogue
            .areas()
            .iter()
            .find(|area| area.id == id)
            .map_or_else(|| id.to_owned(), |area| format!("{} {}", area.id, area.title.get(lang)))
    };
    html! {
        <div class="selfcheck-print-monthly" data-testid="print-monthly">
            <h2>{ S::Monthly.get(lang) }</h2>
            if !monthly.progress.is_empty() {
                <p class="selfcheck-print-text"><strong>{ format!("{}{colon}", S::MonthlyProgress.get(lang)) }</strong>{ monthly.progress.clone() }</p>
            }
            { for monthly.areas.iter().map(|(id, text)| html! {
                <p class="selfcheck-print-text"><strong>{ format!("{}{colon}", area_title(id)) }</strong>{ text.clone() }</p>
            }) }
            if !monthly.problems.is_empty() {
                <h3>{ S::Problems.get(lang) }</h3>
                <ol class="selfcheck-print-problems">
                    { for monthly.problems.iter().map(|problem| html! {
                        <li>
                            <strong>{ problem.title.clone() }</strong>
                            if problem.help_requested { { format!(" · {}", S::HelpRequestedTag.get(lang)) } }
                            if !problem.description.is_empty() { <div class="selfcheck-print-text">{ problem.description.clone() }</div> }
                        </li>
                    }) }
                </ol>
            }
        </div>
    }
}

/// Properties of the printed summary.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PrintProps {
    /// The whole state.
    pub state: State,
    /// To whom the summary is addressed.
    pub addressee: Text,
}

/// The printed summary.
#[component]
pub fn PrintSummary(props: &PrintProps) -> Html {
    let PrintProps { state, addressee } = props;
    let lang = state.lang;
    let catalogue = &state.catalogue;
    let report = &state.report;
    let profile = &state.profile;
    let criteria = catalogue.criteria();
    let signed = state.current_export();
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let period = selfcheck_core::messages::period_range(&profile.period.from, &profile.period.to, lang);
    let title = format!("{}{}", catalogue.title().get(lang), S::PrintTitleSuffix.get(lang));
    let fingerprint = signed
        .map(|export| export.fingerprint.clone())
        .or_else(|| state.key.as_ref().map(|key| key.fingerprint.clone()));
    html! {
        <section id="selfcheck-print" class="selfcheck-print" aria-hidden="true" data-signed={signed.is_some().to_string()}>
            if signed.is_none() {
                <p class="selfcheck-print-unsigned" data-testid="print-unsigned">{ S::PrintUnsigned.get(lang) }</p>
            }
            <h1>{ title }</h1>
            <p class="selfcheck-print-addressee">{ format!("{}{colon}", addressee.get(lang)) }</p>
            <p class="selfcheck-print-intro">{ S::PrintIntro.get(lang) }</p>
            <table class="selfcheck-print-facts">
                <tr><th>{ S::ProfileName.get(lang) }</th><td colspan="3">{ profile.name.clone() }</td></tr>
                <tr>
                    <th>{ S::CreditCode.get(lang) }</th><td>{ profile.credit_code.clone() }</td>
                    <th>{ S::Period.get(lang) }</th><td>{ period }</td>
                </tr>
                <tr>
                    <th>{ S::Contact.get(lang) }</th><td>{ format!("{} {}", profile.contact.person, profile.contact.phone) }</td>
                    <th>{ S::ContactEmail.get(lang) }</th><td>{ profile.contact.email.clone() }</td>
                </tr>
                <tr>
                    <th>{ S::ScoreHeadline.get(lang) }</th>
                    <td data-testid="print-score">
                        <strong>{ report.score() }</strong>
                        { pick!(
                            lang,
                            format!("（{} {} / {} {}）", S::Earned.get(lang), report.total(), S::ApplicableMaximum.get(lang), report.maximum()),
                            format!(" ({} {} / {} {})", S::Earned.get(lang), report.total(), S::ApplicableMaximum.get(lang), report.maximum()),
                        ) }
                    </td>
                    <th>{ S::Grade.get(lang) }</th><td data-testid="print-grade">{ report.grade_text(lang) }</td>
                </tr>
                <tr>
                    <th>{ S::Answered.get(lang) }</th><td data-testid="print-answered">{ format!("{} / {}", report.answered(), criteria.len()) }</td>
                    <th>{ S::PrintCatalogue.get(lang) }</th><td>{ S::PrintVersion.with(lang, catalogue.version()) }</td>
                </tr>
            </table>
            // The areas side by side: one row of names, one of figures.
            <table class="selfcheck-print-areas">
                <tr>
                    <th>{ S::Area.get(lang) }</th>
                    { for catalogue.areas().iter().map(|area| html! { <th>{ format!("{} {}", area.id, area.title.get(lang)) }</th> }) }
                </tr>
                <tr>
                    <th>{ S::AreaPoints.get(lang) }</th>
                    { for report.areas().map(|score| html! { <td>{ format!("{} / {}", score.points, score.maximum) }</td> }) }
                </tr>
            </table>
            if report.vetoes().len() > 0 {
                <h2>{ S::Vetoes.get(lang) }</h2>
                <ul class="selfcheck-print-vetoes" data-testid="print-vetoes">
                    { for report.vetoes().map(|criterion| html! {
                        <li key={criterion.id.as_str()}>
                            <strong>{ format!("{} {}", criterion.id, criterion.title.get(lang)) }</strong>
                            { format!("{colon}{}", criterion.veto.as_ref().map(|veto| veto.get(lang)).unwrap_or_default()) }
                        </li>
                    }) }
                </ul>
            }
            <h2>{ S::RectificationCount.with(lang, &report.rectification().len().to_string()) }</h2>
            if report.rectification().len() == 0 {
                <p>{ S::NothingToFix.get(lang) }</p>
            } else {
                // Keyed, as on screen: answering moves one item instead of rewriting all after it.
                <ol class="selfcheck-print-rectification" data-testid="print-rectification">
                    { for report.rectification().map(|(criterion, outcome)| {
                        let lost = S::Deduct.with(lang, &outcome.lost().to_string());
                        let state_note = if outcome.veto {
                            format!(" · {}", S::Veto.get(lang))
                        } else if !outcome.answered {
                            format!(" · {}", S::Unanswered.get(lang))
                        } else {
                            String::new()
                        };
                        html! {
                            <li key={criterion.id.as_str()} data-criterion={criterion.id.clone()}>
                                { format!("{} {} · {lost}{state_note}", criterion.id, criterion.title.get(lang)) }
                            </li>
                        }
                    }) }
                </ol>
            }
            { monthly_part(state, lang) }
            <div class="selfcheck-print-end">
                <div class="selfcheck-print-proof">
                    if let Some(fingerprint) = fingerprint {
                        <p>{ format!("{}{colon}", S::Fingerprint.get(lang)) }<span class="selfcheck-mono">{ fingerprint }</span></p>
                    }
                    if let Some(export) = signed {
                        <p data-testid="print-signed-at">
                            { format!("{}{colon}{}", S::SignedAt.get(lang), Timestamp::parse(&export.signed_at).map(|time| time.beijing().short()).unwrap_or_else(|_| export.signed_at.clone())) }
                        </p>
                        <p class="selfcheck-break">{ format!("{}{colon}{}", S::ResultFile.get(lang), export.file_name) }</p>
                        <p class="selfcheck-break">{ format!("{}{colon}", S::ResultDigest.get(lang)) }<span class="selfcheck-mono">{ export.digest.clone() }</span></p>
                    }
                </div>
                if let Some((export, qr)) = signed.and_then(|export| Some((export, export.qr.as_ref()?))) { { qr_svg(qr, &export.digest) } }
            </div>
            <div class="selfcheck-print-sign">
                <p class="selfcheck-print-declaration" data-testid="print-declaration">{ S::Declaration.get(lang) }</p>
                <div class="selfcheck-print-sign-row">
                    <div class="selfcheck-print-lines">
                        <p class="selfcheck-print-line">{ S::Signature.get(lang) }</p>
                        <p class="selfcheck-print-line">{ S::Date.get(lang) }</p>
                    </div>
                    <div class="selfcheck-print-seal">{ S::Seal.get(lang) }</div>
                </div>
                <p class="selfcheck-print-note">{ S::GradeDisclaimer.get(lang) }</p>
            </div>
        </section>
    }
}

/// A QR code (of the result's digest, `text`) as an SVG image.
fn qr_svg(qr: &QrCode, text: &str) -> Html {
    let size = qr.size.to_string();
    html! {
        <svg data-testid="qr" class="selfcheck-qr" viewBox={format!("0 0 {size} {size}")} role="img" aria-label={text.to_owned()}>
            <rect width={size.clone()} height={size} fill="#fff" />
            <path d={qr.path.clone()} fill="#000" />
        </svg>
    }
}
