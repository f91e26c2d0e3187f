//! The year's summary (阶段性总结) the notice asks for before the year ends: the year and the rule
//! for 示范 candidates chosen, the core's tables computed in the worker, shown, printed alone on
//! A4 (the bureau's heading, a chart of participation with its table, every table, the seal
//! block) and downloaded as a workbook with the same figures.

use selfcheck_bureau::document::{AnalysisDoc, YearDoc, YearTableDoc};
use selfcheck_core::{Lang, Timestamp};
use selfcheck_report_view::Shared;
use yew::prelude::*;

use crate::browser::{self, target_value};
use crate::i18n::T;
use crate::protocol::{Send, ToWorker};
use crate::state::{Action, Dispatch};

/// Properties of the year's summary.
#[derive(Properties)]
pub struct YearProps {
    /// The summary last made.
    pub year: Option<Shared<YearDoc>>,
    /// The analysis (its months give the default year; a new one makes the summary again).
    pub analysis: Shared<AnalysisDoc>,
    /// The bureau named on the printed heading.
    pub bureau: String,
    /// Posts to the worker.
    pub send: Send,
    /// Changes the desk's state.
    pub dispatch: Dispatch,
    /// Interface language.
    pub lang: Lang,
}

impl PartialEq for YearProps {
    fn eq(&self, other: &Self) -> bool {
        self.year == other.year
            && self.analysis == other.analysis
            && self.bureau == other.bureau
            && self.lang == other.lang
    }
}

/// The year to summarise at first: that of the last month any result was received for (a
/// summary made in January is of the year before), else this year (Beijing).
fn default_year(analysis: &AnalysisDoc) -> i32 {
    let received = analysis.matrix.month_figures.iter().rev().find(|figures| figures.received > 0);
    received.and_then(|figures| figures.month.get(..4)).and_then(|year| year.parse().ok()).unwrap_or_else(|| {
        let today = Timestamp::from_unix_seconds(browser::now_unix_seconds()).beijing_date();
        today.as_str().get(..4).and_then(|year| year.parse().ok()).unwrap_or(2026)
    })
}

/// Participation month by month as bars (the share of expected associations that reported),
/// beside the same figures as a table.
fn participation_chart(table: &YearTableDoc, lang: Lang) -> Html {
    const WIDTH: u32 = 600;
    const HEIGHT: u32 = 150;
    let bars: Vec<(String, u32)> = table
        .rows
        .iter()
        .filter_map(|row| {
            let expected: u32 = row.get(1)?.parse().ok()?;
            let reported: u32 = row.get(2)?.parse().ok()?;
            Some((row.first()?.clone(), (reported * 1000).checked_div(expected).unwrap_or(0).min(1000)))
        })
        .collect();
    if bars.is_empty() {
        return Html::default();
    }
    let step = (WIDTH - 40) / bars.len() as u32;
    html! {
        <svg class="desk-year-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width="100%" role="img" aria-label={T::ParticipationChart.get(lang)}>
            <line x1="30" y1={(HEIGHT - 20).to_string()} x2={WIDTH.to_string()} y2={(HEIGHT - 20).to_string()} class="desk-axis" />
            { for bars.iter().enumerate().map(|(index, (month, per_mille))| {
                let height = per_mille * (HEIGHT - 40) / 1000;
                let x = 34 + step * index as u32;
                html! {
                    <g>
                        <rect x={x.to_string()} y={(HEIGHT - 20 - height).to_string()} width={(step.saturating_sub(8)).to_string()} height={height.to_string()} class="desk-bar" />
                        <text x={(x + step / 2).to_string()} y={(HEIGHT - 6).to_string()} class="desk-chart-label" text-anchor="middle">{ month.clone() }</text>
                        <text x={(x + step / 2).to_string()} y={(HEIGHT - 24 - height).to_string()} class="desk-chart-label" text-anchor="middle">{ selfcheck_core::messages::percent(*per_mille) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// One table of the summary; "none" when it has no row.
fn year_table(table: &YearTableDoc, lang: Lang) -> Html {
    html! {
        <section class="desk-year-part" data-year-table={table.id.clone()} aria-labelledby={format!("desk-year-{}", table.id)}>
            <h3 id={format!("desk-year-{}", table.id)}>{ table.title.clone() }</h3>
            if table.id == "participation" { { participation_chart(table, lang) } }
            if table.rows.is_empty() {
                <p class="desk-muted">{ T::YearNone.get(lang) }</p>
            } else {
                <div class="desk-scroll">
                    <table>
                        <thead><tr>{ for table.columns.iter().map(|column| html! { <th scope="col">{ column.clone() }</th> }) }</tr></thead>
                        <tbody>
                            { for table.rows.iter().map(|row| html! {
                                <tr>
                                    { for row.iter().enumerate().map(|(place, cell)| if place == 0 {
                                        html! { <th scope="row">{ cell.clone() }</th> }
                                    } else {
                                        html! { <td>{ cell.clone() }</td> }
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

/// The year's summary: its settings, the report and its print and workbook.
#[component]
pub fn YearPanel(props: &YearProps) -> Html {
    let YearProps { year, analysis, bureau, send, dispatch, lang } = props;
    let lang = *lang;
    let chosen = use_state(|| default_year(analysis).to_string());
    let touched = use_state(|| false);
    {
        // Until the officer types a year, it follows the files held (restored after the start).
        let (chosen, touched) = (chosen.clone(), touched.clone());
        use_effect_with(default_year(analysis), move |year| {
            if !*touched {
                chosen.set(year.to_string());
            }
        });
    }
    let months = use_state(|| selfcheck_bureau::DEFAULT_MODEL_MONTHS.to_string());
    // What the fields ask for, when they are numbers in range.
    let asked = chosen
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|year| (2000..=2100).contains(year))
        .zip(months.trim().parse::<u32>().ok().filter(|months| (1..=12).contains(months)));
    let request = {
        let send = send.clone();
        move |xlsx: bool| {
            if let Some((year, months)) = asked {
                send(ToWorker::Year { year, months, lang, xlsx });
            }
        }
    };
    {
        // A summary shown is made again in the language shown, and from the files held now.
        let (request, shown) = (request.clone(), year.is_some());
        use_effect_with((lang, analysis.clone()), move |_| {
            if shown {
                request(false);
            }
        });
    }
    let on_make = {
        let request = request.clone();
        Callback::from(move |_: MouseEvent| request(false))
    };
    let on_xlsx = Callback::from(move |_: MouseEvent| request(true));
    let on_print = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::PrintYear))
    };
    let today = Timestamp::from_unix_seconds(browser::now_unix_seconds()).beijing_date();
    html! {
        <section id="desk-year" class="desk-section" aria-labelledby="desk-year-title">
            <h2 id="desk-year-title" class="desk-no-print">{ T::YearSummary.get(lang) }</h2>
            <p class="desk-muted desk-no-print">{ T::YearHint.get(lang) }</p>
            <div class="desk-row desk-no-print">
                <label class="desk-inline">{ T::YearField.get(lang) }
                    <input type="number" min="2000" max="2100" data-input="year" value={(*chosen).clone()}
                        aria-invalid={asked.is_none().then_some("true")}
                        oninput={{
                            let (chosen, touched) = (chosen.clone(), touched.clone());
                            Callback::from(move |event: InputEvent| {
                                touched.set(true);
                                chosen.set(target_value(&event));
                            })
                        }} />
                </label>
                <label class="desk-inline">{ T::ModelMonths.get(lang) }
                    <input type="number" min="1" max="12" data-input="model-months" value={(*months).clone()}
                        aria-invalid={asked.is_none().then_some("true")}
                        oninput={{ let months = months.clone(); Callback::from(move |event: InputEvent| months.set(target_value(&event))) }} />
                </label>
                <button type="button" data-action="make-year" onclick={on_make} disabled={asked.is_none()}>{ T::MakeYear.get(lang) }</button>
                <button type="button" data-action="print-year" onclick={on_print} disabled={year.is_none()}>{ T::PrintYear.get(lang) }</button>
                <button type="button" data-action="export-year" onclick={on_xlsx} disabled={asked.is_none()}>{ T::ExportYear.get(lang) }</button>
            </div>
            if asked.is_none() {
                <p class="desk-error" role="alert">{ T::YearFieldsWrong.get(lang) }</p>
            }
            if let Some(doc) = year {
                <div class="desk-year-report" data-testid="year-report" data-year={doc.year.to_string()}>
                    <header class="desk-year-heading">
                        <p class="desk-print-bureau">{ bureau.clone() }</p>
                        <p class="desk-print-title">{ T::YearTitle.filled(lang, &[&doc.year.to_string()]) }</p>
                        <p>{ T::PrintDate.filled(lang, &[today.as_str()]) }</p>
                    </header>
                    { for doc.tables.iter().map(|table| year_table(table, lang)) }
                    <div class="desk-print-only desk-seal">
                        <p>{ T::SealBureau.get(lang) }</p>
                        <p>{ T::SealSigner.get(lang) }</p>
                        <p>{ T::SealDate.get(lang) }</p>
                    </div>
                </div>
            }
        </section>
    }
}
