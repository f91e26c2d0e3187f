//! The province: the grade distribution, the area means, the most commonly failed criteria (each
//! linked to the criterion and the clause of the notice it comes from) and the veto counts, as
//! the core computed them; every chart has its data table.

use selfcheck_core::{Catalogue, Lang};
use yew::prelude::*;

use crate::i18n::T;
use selfcheck_bureau::document::ProvinceDoc;

/// How many of the most failed criteria are listed.
const MOST_FAILED: usize = 10;

/// One bar of a chart: its label, the figure shown and the bar's length out of 1000.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What it is.
    pub label: String,
    /// The figure, as shown.
    pub figure: String,
    /// Length, per mille of the full width.
    pub per_mille: u32,
}

/// Properties of a bar chart.
#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// Caption.
    pub caption: String,
    /// The header of the label column.
    pub label_header: String,
    /// The header of the figure column.
    pub figure_header: String,
    /// The bars.
    pub bars: Vec<Bar>,
    /// For tests and styles.
    pub testid: &'static str,
}

/// Horizontal bars (hidden from screen readers) with the same figures as a table.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let BarChartProps { caption, label_header, figure_header, bars, testid } = props;
    const ROW: u32 = 24;
    const LABEL: u32 = 150;
    const BAR: u32 = 320;
    let height = ROW * bars.len().max(1) as u32;
    html! {
        <figure class="desk-chart" data-testid={*testid}>
            <figcaption>{ caption.clone() }</figcaption>
            <svg viewBox={format!("0 0 {} {height}", LABEL + BAR + 80)} width="100%" aria-hidden="true" focusable="false">
                { for bars.iter().enumerate().map(|(row, bar)| {
                    let y = row as u32 * ROW;
                    let width = bar.per_mille.min(1000) * BAR / 1000;
                    html! {
                        <g>
                            <text x="0" y={(y + 16).to_string()} class="desk-chart-label">{ truncate(&bar.label, 14) }</text>
                            <rect x={LABEL.to_string()} y={(y + 4).to_string()} width={BAR.to_string()} height="16" class="desk-track" />
                            <rect x={LABEL.to_string()} y={(y + 4).to_string()} width={width.to_string()} height="16" class="desk-bar" />
                            <text x={(LABEL + BAR + 6).to_string()} y={(y + 16).to_string()} class="desk-chart-label">{ bar.figure.clone() }</text>
                        </g>
                    }
                }) }
            </svg>
            <table>
                <thead><tr><th scope="col">{ label_header.clone() }</th><th scope="col">{ figure_header.clone() }</th></tr></thead>
                <tbody>
                    { for bars.iter().map(|bar| html! { <tr><th scope="row">{ bar.label.clone() }</th><td>{ bar.figure.clone() }</td></tr> }) }
                </tbody>
            </table>
        </figure>
    }
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(chars).collect::<String>())
    }
}

/// Properties of the province view.
#[derive(Properties, PartialEq)]
pub struct ProvinceProps {
    /// The analysis (its figures, one entry per catalogue).
    pub analysis: selfcheck_report_view::Shared<selfcheck_bureau::document::AnalysisDoc>,
    /// Interface language.
    pub lang: Lang,
}

/// The province view.
#[component]
pub fn ProvinceView(props: &ProvinceProps) -> Html {
    let ProvinceProps { analysis, lang } = props;
    let (lang, province) = (*lang, &analysis.province);
    html! {
        <section id="desk-province" class="desk-section" aria-labelledby="desk-province-title">
            <h2 id="desk-province-title">{ T::Province.get(lang) }</h2>
            if province.is_empty() { <p>{ T::NothingLoaded.get(lang) }</p> }
            { for province.iter().map(|figures| catalogue_figures(figures, lang)) }
        </section>
    }
}

fn catalogue_figures(figures: &ProvinceDoc, lang: Lang) -> Html {
    let catalogue = Catalogue::builtins()
        .iter()
        .find(|catalogue| catalogue.reference().version == figures.catalogue.version)
        .unwrap_or_else(|| Catalogue::builtin());
    let results = figures.results.max(1);
    let grades: Vec<Bar> = figures
        .grades
        .iter()
        .map(|grade| Bar {
            label: catalogue
                .grades()
                .iter()
                .find(|g| g.id == grade.id)
                .map_or(grade.id.clone(), |g| g.label.get(lang).to_owned()),
            figure: grade.results.to_string(),
            per_mille: grade.results * 1000 / results,
        })
        .chain((figures.incomplete > 0).then(|| Bar {
            label: selfcheck_core::messages::not_finished(lang).to_owned(),
            figure: figures.incomplete.to_string(),
            per_mille: figures.incomplete * 1000 / results,
        }))
        .collect();
    let areas: Vec<Bar> = figures
        .areas
        .iter()
        .map(|area| Bar {
            label: catalogue
                .areas()
                .iter()
                .find(|a| a.id == area.id)
                .map_or(area.id.clone(), |a| format!("{} {}", a.id, a.title.get(lang))),
            figure: selfcheck_core::messages::percent(area.per_mille),
            per_mille: area.per_mille,
        })
        .collect();
    let criterion = |id: &str| catalogue.criteria().iter().find(|criterion| criterion.id == id);
    let vetoes: Vec<Bar> = figures
        .criteria
        .iter()
        .filter(|counts| criterion(&counts.id).is_some_and(|criterion| criterion.veto.is_some()))
        .map(|counts| Bar {
            label: criterion(&counts.id).map_or(counts.id.clone(), |c| format!("{} {}", c.id, c.title.get(lang))),
            figure: counts.vetoes.to_string(),
            per_mille: counts.vetoes * 1000 / results,
        })
        .collect();
    let failed: Vec<_> = figures
        .most_failed
        .iter()
        .take(MOST_FAILED)
        .filter_map(|id| Some((criterion(id)?, figures.criteria.iter().find(|counts| &counts.id == id)?)))
        .collect();
    let failed_bars: Vec<Bar> = failed
        .iter()
        .map(|(criterion, counts)| Bar {
            label: format!("{} {}", criterion.id, criterion.title.get(lang)),
            figure: selfcheck_core::messages::percent(counts.failed_per_mille),
            per_mille: counts.failed_per_mille,
        })
        .collect();
    html! {
        <div class="desk-province" data-catalogue={figures.catalogue.version.clone()}>
            <p data-testid="province-summary">{ T::ProvinceSummary.filled(lang, &[&figures.results.to_string(), &figures.incomplete.to_string(), &figures.mean_score.to_string(), &figures.with_veto.to_string()]) }</p>
            <div class="desk-columns">
                <BarChart caption={T::GradeDistribution.get(lang)} label_header={T::Grade.get(lang)} figure_header={T::Results.get(lang)} bars={grades} testid="grades" />
                <BarChart caption={T::AreaMeans.get(lang)} label_header={T::Area.get(lang)} figure_header={T::Earned.get(lang)} bars={areas} testid="areas" />
                <BarChart caption={T::MostFailed.get(lang)} label_header={T::Criterion.get(lang)} figure_header={T::FailedShare.get(lang)} bars={failed_bars} testid="most-failed-chart" />
                <BarChart caption={T::VetoCounts.get(lang)} label_header={T::Criterion.get(lang)} figure_header={T::Results.get(lang)} bars={vetoes} testid="veto-counts" />
            </div>
            <h3 class="desk-screen-only">{ T::MostFailed.get(lang) }</h3>
            <ol data-testid="most-failed" class="desk-screen-only">
                { for failed.iter().map(|(criterion, counts)| html! {
                    <li>
                        <a href={format!("#desk-criterion-{}", criterion.id)}>{ format!("{} {}", criterion.id, criterion.title.get(lang)) }</a>
                        { format!(" · {}", T::FailedOf.filled(lang, &[&selfcheck_core::messages::percent(counts.failed_per_mille), &counts.applicable.to_string()])) }
                    </li>
                }) }
            </ol>
            // On paper the figures above stand for the criteria: the notice's clauses are in the
            // catalogue the bureau files anyway.
            <h3 class="desk-screen-only">{ T::AllCriteria.get(lang) }</h3>
            <div class="desk-scroll desk-screen-only">
                    <table data-testid="criteria">
                        <thead><tr>
                            <th scope="col">{ T::Criterion.get(lang) }</th>
                            <th scope="col">{ T::Clause.get(lang) }</th>
                            <th scope="col">{ T::FailedShare.get(lang) }</th>
                            <th scope="col">{ T::Vetoes.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for figures.criteria.iter().filter_map(|counts| Some((criterion(&counts.id)?, counts))).map(|(criterion, counts)| html! {
                                <tr id={format!("desk-criterion-{}", criterion.id)} tabindex="-1">
                                    <th scope="row">{ format!("{} {}", criterion.id, criterion.title.get(lang)) }</th>
                                    <td>{ format!("{} {}", criterion.clause.section, selfcheck_core::messages::quoted(&criterion.clause.quote)) }</td>
                                    <td>{ selfcheck_core::messages::percent(counts.failed_per_mille) }</td>
                                    <td>{ counts.vetoes }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
            </div>
        </div>
    }
}
