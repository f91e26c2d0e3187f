//! The live results: total of the maximum, grade, vetoes with their reason, a chart of the
//! areas (SVG, with a table beside it for screen readers) and the rectification list.

use selfcheck_core::{Catalogue, Lang, Report};
use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use crate::host::HostRef;
use crate::i18n::S;
use crate::state::Shared;

/// Properties of the results panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ResultsProps {
    /// The catalogue.
    pub catalogue: Shared<Catalogue>,
    /// The core's report.
    pub report: Shared<Report>,
    /// Interface language.
    pub lang: Lang,
}

/// How many entries of the rectification list are shown before "show all": a long custom
/// catalogue would otherwise make every answer redraw hundreds of them.
const SHOWN: usize = 50;

/// The results panel.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let ResultsProps { catalogue, report, lang } = props;
    let lang = *lang;
    let grade = &catalogue.grades()[report.grade];
    let criteria = catalogue.criteria();
    // One handler for every link of the lists: plain anchors stay cheap when there are
    // hundreds of them, and the click goes to the criterion inside the shadow root.
    let show_all = use_state(|| false);
    let host = use_context::<HostRef>();
    let jump = Callback::from(move |event: MouseEvent| {
        let target = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let href = target.and_then(|element| element.closest("a").ok().flatten()).and_then(|a| a.get_attribute("href"));
        if let (Some(host), Some(href)) = (&host, href) {
            event.prevent_default();
            host.focus(href.trim_start_matches('#'));
        }
    });
    let announcement = format!(
        "{} {} / {}，{} {}，{} {}",
        S::Total.get(lang),
        report.total,
        report.maximum,
        S::Grade.get(lang),
        grade.label.get(lang),
        S::Answered.get(lang),
        report.answered()
    );
    html! {
        <aside class="selfcheck-results" aria-labelledby="selfcheck-results-title">
            <h2 id="selfcheck-results-title">{ S::Results.get(lang) }</h2>
            // One short sentence, announced politely after each change.
            <p class="selfcheck-visually-hidden" aria-live="polite" aria-atomic="true">{ announcement }</p>
            <dl class="selfcheck-figures">
                <dt>{ S::Total.get(lang) }</dt>
                <dd><span data-testid="total">{ report.total }</span>{ " / " }<span data-testid="maximum">{ report.maximum }</span></dd>
                <dt>{ S::Score.get(lang) }</dt>
                <dd data-testid="score">{ report.score }</dd>
                <dt>{ S::Grade.get(lang) }</dt>
                <dd data-testid="grade" data-grade={grade.id.clone()} class={classes!("selfcheck-grade", format!("selfcheck-grade-{}", grade.id))}>
                    { grade.label.get(lang) }
                </dd>
                <dt>{ S::Answered.get(lang) }</dt>
                <dd><span data-testid="answered">{ report.answered() }</span>{ format!(" / {}", criteria.len()) }</dd>
            </dl>
            if !report.vetoes.is_empty() {
                <h3>{ S::Vetoes.get(lang) }</h3>
                <ul class="selfcheck-vetoes" data-testid="vetoes" onclick={jump.clone()}>
                    { for report.vetoes.iter().map(|&index| {
                        let criterion = &criteria[index];
                        html! {
                            <li key={criterion.id.as_str()}>
                                <a href={format!("#selfcheck-criterion-{}", criterion.id)}>{ format!("{} {}", criterion.id, criterion.title.get(lang)) }</a>
                                { format!("：{}", criterion.veto.as_ref().map(|veto| veto.get(lang)).unwrap_or_default()) }
                            </li>
                        }
                    }) }
                </ul>
            }
            <AreaChart catalogue={catalogue.clone()} report={report.clone()} {lang} />
            <h3>{ S::Rectification.get(lang) }</h3>
            if report.rectification.is_empty() {
                <p>{ S::NothingToFix.get(lang) }</p>
            } else {
                // Keyed, so that answering moves one item instead of rewriting all that follow it.
                <ol class="selfcheck-rectification" data-testid="rectification" onclick={jump}>
                    { for report.rectification.iter().take(if *show_all { usize::MAX } else { SHOWN }).map(|&index| {
                        let criterion = &criteria[index];
                        let outcome = &report.outcomes[index];
                        html! {
                            <li key={criterion.id.as_str()}>
                                <a href={format!("#selfcheck-criterion-{}", criterion.id)}>{ format!("{} {}", criterion.id, criterion.title.get(lang)) }</a>
                                { format!(" −{} {}", outcome.maximum - outcome.points, S::Lost.get(lang)) }
                                if outcome.veto { <strong class="selfcheck-veto-tag">{ format!(" · {}", S::Veto.get(lang)) }</strong> }
                                if !outcome.answered { <span class="selfcheck-muted">{ format!(" · {}", S::Unanswered.get(lang)) }</span> }
                                <div class="selfcheck-muted">{ criterion.action.get(lang) }</div>
                            </li>
                        }
                    }) }
                </ol>
                if report.rectification.len() > SHOWN {
                    <button type="button" class="selfcheck-small" data-action="rectification-all" aria-expanded={show_all.to_string()}
                        onclick={{ let show_all = show_all.clone(); Callback::from(move |_: MouseEvent| show_all.set(!*show_all)) }}>
                        { if *show_all { S::ShowFewer.get(lang).to_owned() } else { format!("{} ({})", S::ShowAll.get(lang), report.rectification.len()) } }
                    </button>
                }
            }
        </aside>
    }
}

/// A bar per area (share of its applicable points earned), with the same figures as a table.
#[component]
pub fn AreaChart(props: &ResultsProps) -> Html {
    let ResultsProps { catalogue, report, lang } = props;
    let lang = *lang;
    const ROW: u32 = 28;
    const BAR: u32 = 200;
    let areas = catalogue.areas();
    let height = ROW * areas.len() as u32;
    html! {
        <figure class="selfcheck-chart">
            <figcaption>{ S::AreaChart.get(lang) }</figcaption>
            // The table carries the figures for screen readers; the picture is decoration for them.
            <svg data-testid="chart" viewBox={format!("0 0 300 {height}")} width="100%" aria-hidden="true" focusable="false">
                { for areas.iter().zip(&report.areas).enumerate().map(|(row, (area, &(points, maximum)))| {
                    let y = row as u32 * ROW;
                    let width = (points * BAR).checked_div(maximum).unwrap_or(0);
                    let percent = (points * 100).checked_div(maximum).unwrap_or(0);
                    html! {
                        <g>
                            <text x="0" y={(y + 18).to_string()} class="selfcheck-chart-label">{ area.id.clone() }</text>
                            <rect x="24" y={(y + 6).to_string()} width={BAR.to_string()} height="16" class="selfcheck-chart-track" />
                            <rect x="24" y={(y + 6).to_string()} width={width.to_string()} height="16" class="selfcheck-chart-bar" />
                            <text x={(BAR + 32).to_string()} y={(y + 18).to_string()} class="selfcheck-chart-label">{ format!("{percent}%") }</text>
                        </g>
                    }
                }) }
            </svg>
            <table data-testid="area-table" class="selfcheck-area-table">
                <thead><tr><th scope="col">{ S::Area.get(lang) }</th><th scope="col">{ S::AreaPoints.get(lang) }</th></tr></thead>
                <tbody>
                    { for areas.iter().zip(&report.areas).map(|(area, &(points, maximum))| html! {
                        <tr><th scope="row">{ format!("{} {}", area.id, area.title.get(lang)) }</th><td>{ format!("{points} / {maximum}") }</td></tr>
                    }) }
                </tbody>
            </table>
        </figure>
    }
}
