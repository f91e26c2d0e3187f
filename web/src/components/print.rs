//! The one-page A4 summary for the paper submission, shown only when printing: association,
//! period, score, grade, areas, vetoes, rectification, key fingerprint, the exported result's
//! digest as a QR code, and room for the seal and the signature.

use qrcode::{Color, EcLevel, QrCode};
use yew::prelude::*;

use crate::i18n::S;
use crate::state::State;

/// Properties of the printed summary.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PrintProps {
    /// The whole state.
    pub state: State,
}

/// The printed summary.
#[component]
pub fn PrintSummary(props: &PrintProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let catalogue = &state.catalogue;
    let report = &state.report;
    let profile = &state.profile;
    let grade = &catalogue.grades()[report.grade];
    let criteria = catalogue.criteria();
    html! {
        <section id="selfcheck-print" class="selfcheck-print" aria-hidden="true">
            <h1>{ S::PrintTitle.get(lang) }</h1>
            <table class="selfcheck-print-facts">
                <tr><th>{ S::ProfileName.get(lang) }</th><td>{ profile.name.clone() }</td>
                    <th>{ S::CreditCode.get(lang) }</th><td>{ profile.credit_code.clone() }</td></tr>
                <tr><th>{ S::Period.get(lang) }</th><td>{ format!("{} – {}", profile.period.from, profile.period.to) }</td>
                    <th>{ S::ContactPerson.get(lang) }</th><td>{ format!("{} {}", profile.contact.person, profile.contact.phone) }</td></tr>
                <tr><th>{ S::Total.get(lang) }</th><td>{ format!("{} / {}（{} {}）", report.total, report.maximum, S::Score.get(lang), report.score) }</td>
                    <th>{ S::Grade.get(lang) }</th><td>{ grade.label.get(lang) }</td></tr>
            </table>
            <table class="selfcheck-print-areas">
                { for catalogue.areas().iter().zip(&report.areas).map(|(area, &(points, maximum))| html! {
                    <tr><th>{ format!("{} {}", area.id, area.title.get(lang)) }</th><td>{ format!("{points} / {maximum}") }</td></tr>
                }) }
            </table>
            if !report.vetoes.is_empty() {
                <p><strong>{ S::Vetoes.get(lang) }{ "：" }</strong>
                    { report.vetoes.iter().map(|&index| format!("{} {}", criteria[index].id, criteria[index].title.get(lang))).collect::<Vec<_>>().join("；") }
                </p>
            }
            <p><strong>{ S::Rectification.get(lang) }{ "：" }</strong>
                { report.rectification.iter().take(12).map(|&index| {
                    let outcome = &report.outcomes[index];
                    format!("{} {}（−{}）", criteria[index].id, criteria[index].title.get(lang), outcome.maximum - outcome.points)
                }).collect::<Vec<_>>().join("；") }
                if report.rectification.len() > 12 { { format!("……（{}）", report.rectification.len()) } }
            </p>
            <div class="selfcheck-print-bottom">
                <div class="selfcheck-print-proof">
                    if let Some(export) = state.last_export.as_ref().filter(|export| {
                        export.claims == (profile.credit_code.trim().to_ascii_uppercase(), report.total, report.maximum, report.score)
                    }) {
                        <p>{ format!("{}：{}", S::Fingerprint.get(lang), export.fingerprint) }</p>
                        <p>{ format!("{}：{}", S::SignedAt.get(lang), export.signed_at) }</p>
                        <p class="selfcheck-break">{ format!("{}：{}", S::ResultDigest.get(lang), export.digest) }</p>
                        { qr_svg(&export.digest) }
                    } else {
                        if let Some(key) = &state.key { <p>{ format!("{}：{}", S::Fingerprint.get(lang), key.fingerprint) }</p> }
                        <p>{ S::NotExported.get(lang) }</p>
                    }
                </div>
                <div class="selfcheck-print-seal">
                    <div class="selfcheck-print-box">{ S::Seal.get(lang) }</div>
                    <div class="selfcheck-print-line">{ S::Signature.get(lang) }</div>
                    <div class="selfcheck-print-line">{ S::Date.get(lang) }</div>
                </div>
            </div>
        </section>
    }
}

/// The QR code of `text` as an SVG path, one unit per module with a four-module quiet zone.
fn qr_svg(text: &str) -> Html {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else { return Html::default() };
    let width = code.width();
    let mut path = String::new();
    for (index, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", index % width + 4, index / width + 4));
        }
    }
    let size = width + 8;
    html! {
        <svg data-testid="qr" class="selfcheck-qr" viewBox={format!("0 0 {size} {size}")} role="img" aria-label={text.to_owned()}>
            <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
            <path d={path} fill="#000" />
        </svg>
    }
}
