//! The report: total of the maximum, grade, vetoes with their reason, a chart of the areas
//! (SVG, with a table beside it for screen readers) and the rectification list.

use selfcheck_core::{AreaScore, Lang, Report};
use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use crate::Shared;
use crate::words::Words as S;

/// Properties of the report view.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ReportViewProps {
    /// The core's report, which knows its catalogue.
    pub report: Shared<Report>,
    /// Interface language.
    pub lang: Lang,
    /// Where a link to a criterion goes, given the id of its element: the widget moves the
    /// focus into its shadow root; without it, the links are plain in-page links.
    #[prop_or_default]
    pub jump: Option<Callback<String>>,
}

/// How many entries of the rectification list are shown before "show all": a long custom
/// catalogue would otherwise make every answer redraw hundreds of them.
const SHOWN: usize = 50;

/// The report view.
#[component]
pub fn ReportView(props: &ReportViewProps) -> Html {
    let ReportViewProps { report, lang, jump } = props;
    let lang = *lang;
    let grade = report.grade();
    let criteria = report.catalogue().criteria();
    // One handler for every link of the lists: plain anchors stay cheap when there are
    // hundreds of them, and the click goes to the criterion inside the shadow root.
    let show_all = use_state(|| false);
    let to = jump.clone();
    let jump = Callback::from(move |event: MouseEvent| {
        let target = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let href = target.and_then(|element| element.closest("a").ok().flatten()).and_then(|a| a.get_attribute("href"));
        if let (Some(to), Some(href)) = (&to, href) {
            event.prevent_default();
            to.emit(href.trim_start_matches('#').to_owned());
        }
    });
    // The grade is the association's own assessment, and there is none until every criterion
    // is answered (the report keeps its grade; this is how it is shown).
    let finished = report.open().len() == 0;
    let grade_text = report.grade_text(lang);
    let total = criteria.len();
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let announcement = format!(
        "{} {}，{} {}，{} {} / {}",
        S::ScoreHeadline.get(lang),
        report.score(),
        S::Grade.get(lang),
        grade_text,
        S::Answered.get(lang),
        report.answered(),
        total
    );
    html! {
        <aside class="selfcheck-results" id="selfcheck-results" aria-labelledby="selfcheck-results-title">
            <h2 id="selfcheck-results-title">{ S::Results.get(lang) }</h2>
            // One short sentence, announced politely after each change.
            <p class="selfcheck-visually-hidden" aria-live="polite" aria-atomic="true">{ announcement }</p>
            <p class="selfcheck-headline">
                <span class="selfcheck-headline-label">{ S::ScoreHeadline.get(lang) }</span>
                <span class="selfcheck-headline-figure" data-testid="score">{ report.score() }</span>
            </p>
            <p class="selfcheck-muted selfcheck-explanation">
                { format!("{} ", S::Earned.get(lang)) }<span data-testid="total">{ report.total() }</span>
                { format!(" / {} ", S::ApplicableMaximum.get(lang)) }<span data-testid="maximum">{ report.maximum() }</span>
            </p>
            <dl class="selfcheck-figures">
                <dt>{ S::Grade.get(lang) }</dt>
                <dd data-testid="grade" data-grade={grade.id.as_str().to_owned()} data-finished={finished.to_string()}
                    class={classes!("selfcheck-grade", finished.then(|| format!("selfcheck-grade-{}", grade.id.as_str())))}>
                    { grade_text }
                </dd>
                <dt>{ S::Answered.get(lang) }</dt>
                <dd><span data-testid="answered">{ report.answered() }</span>{ format!(" / {total}") }</dd>
            </dl>
            if !finished { <p class="selfcheck-hint">{ S::GradeWhenFinished.get(lang) }</p> }
            if report.vetoes().len() > 0 {
                <h3>{ S::Vetoes.get(lang) }</h3>
                <ul class="selfcheck-vetoes" data-testid="vetoes" onclick={jump.clone()}>
                    { for report.vetoes().map(|criterion| {
                        html! {
                            <li key={criterion.id.as_str()}>
                                <a href={format!("#selfcheck-criterion-{}", criterion.id)}>{ format!("{} {}", criterion.id, criterion.title.get(lang)) }</a>
                                { format!("{colon}{}", criterion.veto.as_ref().map(|veto| veto.get(lang)).unwrap_or_default()) }
                            </li>
                        }
                    }) }
                </ul>
            }
            <AreaChart report={report.clone()} {lang} />
            <h3>{ S::RectificationCount.filled(lang, &[&report.rectification().len().to_string()]) }</h3>
            if report.rectification().len() == 0 {
                <p>{ S::NothingToFix.get(lang) }</p>
            } else {
                // Keyed, so that answering moves one item instead of rewriting all that follow it.
                <ol class="selfcheck-rectification" data-testid="rectification" onclick={jump}>
                    { for report.rectification().take(if *show_all { usize::MAX } else { SHOWN }).map(|(criterion, outcome)| {
                        html! {
                            <li key={criterion.id.as_str()}>
                                <a href={format!("#selfcheck-criterion-{}", criterion.id)}>{ format!("{} {}", criterion.id, criterion.title.get(lang)) }</a>
                                { format!(" · {}", S::Deduct.filled(lang, &[&outcome.lost().to_string()])) }
                                if outcome.veto { <strong class="selfcheck-veto-tag">{ format!(" · {}", S::Veto.get(lang)) }</strong> }
                                if !outcome.answered { <span class="selfcheck-muted">{ format!(" · {}", S::Unanswered.get(lang)) }</span> }
                                <div class="selfcheck-muted">{ criterion.action.get(lang) }</div>
                            </li>
                        }
                    }) }
                </ol>
                if report.rectification().len() > SHOWN {
                    <button type="button" class="selfcheck-small" data-action="rectification-all" aria-expanded={show_all.to_string()}
                        onclick={{ let show_all = show_all.clone(); Callback::from(move |_: MouseEvent| show_all.set(!*show_all)) }}>
                        { if *show_all { S::ShowFewer.get(lang).to_owned() } else { S::ShowAll.filled(lang, &[&report.rectification().len().to_string()]) } }
                    </button>
                }
            }
        </aside>
    }
}

/// A bar per area (share of its applicable points earned), with the same figures as a table.
#[component]
pub fn AreaChart(props: &ReportViewProps) -> Html {
    let ReportViewProps { report, lang, .. } = props;
    let lang = *lang;
    const ROW: u32 = 28;
    const BAR: u32 = 200;
    let height = ROW * report.areas().len() as u32;
    html! {
        <figure class="selfcheck-chart">
            <figcaption>{ S::AreaChart.get(lang) }</figcaption>
            // The table carries the figures for screen readers; the picture is decoration for them.
            <svg data-testid="chart" viewBox={format!("0 0 300 {height}")} width="100%" aria-hidden="true" focusable="false">
                { for report.areas().enumerate().map(|(row, AreaScore { area, points, maximum })| {
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
                    { for report.areas().map(|AreaScore { area, points, maximum }| html! {
                        <tr><th scope="row">{ format!("{} {}", area.id, area.title.get(lang)) }</th><td>{ format!("{points} / {maximum}") }</td></tr>
                    }) }
                </tbody>
            </table>
        </figure>
    }
}
