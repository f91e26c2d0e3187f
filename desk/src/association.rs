//! One association: its result in full (the report view the widget shows), its trend across
//! months (an SVG chart with its data table) and a criterion-by-criterion comparison of two
//! periods (the core's `compare`). The results are verified again on the main thread from the
//! bytes the worker keeps: a few files, not thousands.

use std::collections::BTreeMap;
use std::rc::Rc;

use selfcheck_bureau::examine;
use selfcheck_core::compare::{Comparison, Side};
use selfcheck_core::{Catalogue, KeyRegister, Lang, Timestamp, VerifiedResult};
use selfcheck_report_view::{ReportView, Shared};
use yew::prelude::*;

use crate::i18n::T;
use selfcheck_bureau::document::{AnalysisDoc, FileDoc};

/// A verified result of the association, with the shared pieces the report view takes.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The month it reports on.
    pub month: String,
    /// The verified result.
    pub result: Rc<VerifiedResult>,
    /// Its report, for the report view.
    pub report: Shared<selfcheck_core::Report>,
}

/// Verifies a file again with the core, judged with the register the page holds; `None` unless
/// the core accepts it.
pub fn open(name: &str, bytes: &[u8], register: &str, now: &Timestamp) -> Option<Opened> {
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let register = KeyRegister::parse(register).ok();
    let verdict =
        examine(name, bytes, &catalogues, now).judge(register.as_ref().filter(|register| !register.is_empty()));
    let month = verdict.month()?.to_string();
    let result = verdict.accepted()?.clone();
    Some(Opened { month, report: Shared::new(result.report.clone()), result: Rc::new(result) })
}

/// The accepted files of the association with `credit_code`, by the month they report on.
pub fn accepted_files<'a>(analysis: &'a AnalysisDoc, credit_code: &str) -> Vec<&'a FileDoc> {
    let mut files: Vec<&FileDoc> = analysis
        .files
        .iter()
        .filter(|file| file.verdict == "accepted" && file.copy_of.is_none())
        .filter(|file| file.claim.as_ref().is_some_and(|claim| claim.credit_code == credit_code))
        .collect();
    files.sort_by(|a, b| {
        let period = |file: &FileDoc| file.claim.as_ref().map(|claim| claim.period.to.clone()).unwrap_or_default();
        period(a).cmp(&period(b))
    });
    files
}

/// Properties of the association view.
#[derive(Properties, PartialEq)]
pub struct AssociationProps {
    /// The association's credit code.
    pub credit_code: String,
    /// Its name.
    pub name: String,
    /// Its verified results, by SHA-256 of the file.
    pub opened: Rc<BTreeMap<String, Opened>>,
    /// The files of its accepted results, in period order.
    pub files: Vec<FileDoc>,
    /// Closes the view.
    pub close: Callback<()>,
    /// Interface language.
    pub lang: Lang,
    /// What the bureau asked of the association (its notices), shown under its name.
    #[prop_or_default]
    pub children: Html,
}

/// The association view.
#[component]
pub fn AssociationView(props: &AssociationProps) -> Html {
    let AssociationProps { credit_code, name, opened, files, close, lang, children } = props;
    let lang = *lang;
    let results: Vec<&Opened> = files.iter().filter_map(|file| opened.get(&file.sha256)).collect();
    let shown = use_state(|| None::<String>);
    let before = use_state(|| None::<String>);
    let current = shown.as_ref().and_then(|sha| opened.get(sha)).or_else(|| results.last().copied());
    let earlier = before
        .as_ref()
        .and_then(|sha| opened.get(sha))
        .or_else(|| results.len().checked_sub(2).and_then(|index| results.get(index).copied()));
    let select = |state: &UseStateHandle<Option<String>>| {
        let state = state.clone();
        Callback::from(move |event: Event| state.set(Some(crate::browser::target_value(&event))))
    };
    let on_close = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    html! {
        <section id="desk-association" class="desk-section" aria-labelledby="desk-association-title" data-credit-code={credit_code.clone()}>
            <div class="desk-row desk-spread">
                <h2 id="desk-association-title">{ format!("{name} {credit_code}") }</h2>
                <button type="button" data-action="close-association" onclick={on_close}>{ T::Close.get(lang) }</button>
            </div>
            if files.is_empty() {
                <p>{ T::NoAccepted.get(lang) }</p>
            } else if results.len() < files.len() {
                <p role="status" aria-live="polite">{ T::Opening.get(lang) }</p>
            }
            { children.clone() }
            <Trend results={results.iter().map(|opened| (*opened).clone()).collect::<Vec<_>>()} {lang} />
            if let Some(current) = current {
                <label class="desk-inline">{ T::Period.get(lang) }
                    <select data-select="report" onchange={select(&shown)}>
                        { for files.iter().filter_map(|file| opened.get(&file.sha256).map(|opened| (file, opened))).map(|(file, opened)| html! {
                            <option value={file.sha256.clone()} selected={Rc::ptr_eq(&opened.result, &current.result)}>{ opened.month.clone() }</option>
                        }) }
                    </select>
                </label>
                <div class="desk-report">
                    <ReportView report={current.report.clone()} {lang} />
                </div>
                if let Some(earlier) = earlier.filter(|earlier| !Rc::ptr_eq(&earlier.result, &current.result)) {
                    <h3>{ T::Compare.filled(lang, &[&earlier.month, &current.month]) }</h3>
                    <label class="desk-inline">{ T::CompareWith.get(lang) }
                        <select data-select="compare" onchange={select(&before)}>
                            { for files.iter().filter_map(|file| opened.get(&file.sha256).map(|opened| (file, opened))).map(|(file, opened)| html! {
                                <option value={file.sha256.clone()} selected={Rc::ptr_eq(&opened.result, &earlier.result)}>{ opened.month.clone() }</option>
                            }) }
                        </select>
                    </label>
                    <ComparisonTable before={earlier.clone()} after={current.clone()} {lang} />
                }
            }
        </section>
    }
}

/// Properties of the trend.
#[derive(Properties)]
struct TrendProps {
    results: Vec<Opened>,
    lang: Lang,
}

impl PartialEq for TrendProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.results.len() == other.results.len()
            && self.results.iter().zip(&other.results).all(|(a, b)| Rc::ptr_eq(&a.result, &b.result))
    }
}

/// The score month by month: a line on a 0–1000 scale, and the same figures as a table.
#[component]
fn Trend(props: &TrendProps) -> Html {
    let TrendProps { results, lang } = props;
    let lang = *lang;
    const WIDTH: u32 = 600;
    const HEIGHT: u32 = 160;
    const LEFT: u32 = 40;
    if results.is_empty() {
        return html! {};
    }
    let step = (WIDTH - LEFT - 40) / (results.len() as u32).max(2).saturating_sub(1).max(1);
    let point =
        |index: usize, score: u32| (LEFT + step * index as u32, HEIGHT - 20 - score.min(1000) * (HEIGHT - 40) / 1000);
    let points = results
        .iter()
        .enumerate()
        .map(|(index, opened)| {
            let (x, y) = point(index, opened.result.report.score());
            format!("{x},{y}")
        })
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <figure class="desk-chart">
            <figcaption>{ T::Trend.get(lang) }</figcaption>
            <svg data-testid="trend" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width="100%" aria-hidden="true" focusable="false">
                <line x1={LEFT.to_string()} y1="20" x2={LEFT.to_string()} y2={(HEIGHT - 20).to_string()} class="desk-axis" />
                <line x1={LEFT.to_string()} y1={(HEIGHT - 20).to_string()} x2={WIDTH.to_string()} y2={(HEIGHT - 20).to_string()} class="desk-axis" />
                <text x="2" y="24" class="desk-chart-label">{ "1000" }</text>
                <text x="2" y={(HEIGHT - 20).to_string()} class="desk-chart-label">{ "0" }</text>
                <polyline points={points} class="desk-line" />
                { for results.iter().enumerate().map(|(index, opened)| {
                    let (x, y) = point(index, opened.result.report.score());
                    html! {
                        <g>
                            <circle cx={x.to_string()} cy={y.to_string()} r="4" class="desk-dot" />
                            <text x={x.to_string()} y={(HEIGHT - 4).to_string()} class="desk-chart-label" text-anchor="middle">{ opened.month.clone() }</text>
                            <text x={x.to_string()} y={(y.saturating_sub(8)).to_string()} class="desk-chart-label" text-anchor="middle">{ opened.result.report.score() }</text>
                        </g>
                    }
                }) }
            </svg>
            <table data-testid="trend-table">
                <thead><tr>
                    <th scope="col">{ T::Month.get(lang) }</th>
                    <th scope="col">{ T::Score.get(lang) }</th>
                    <th scope="col">{ T::Grade.get(lang) }</th>
                    <th scope="col">{ T::Vetoes.get(lang) }</th>
                </tr></thead>
                <tbody>
                    { for results.iter().map(|opened| html! {
                        <tr>
                            <th scope="row">{ opened.month.clone() }</th>
                            <td>{ opened.result.report.score() }</td>
                            <td>{ opened.result.report.grade_text(lang) }</td>
                            <td>{ opened.result.report.vetoes().len() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </figure>
    }
}

/// Properties of the comparison.
#[derive(Properties)]
struct ComparisonProps {
    before: Opened,
    after: Opened,
    lang: Lang,
}

impl PartialEq for ComparisonProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && Rc::ptr_eq(&self.before.result, &other.before.result)
            && Rc::ptr_eq(&self.after.result, &other.after.result)
    }
}

/// One period's side of a comparison.
fn side(opened: &Opened) -> Side<'_> {
    Side { answers: &opened.result.answers, report: &opened.result.report }
}

/// The criteria whose standing changed between two periods, by the core's comparison.
#[component]
fn ComparisonTable(props: &ComparisonProps) -> Html {
    let ComparisonProps { before, after, lang } = props;
    let lang = *lang;
    // Both results were verified, so each side's answers fit its report's catalogue; should
    // they not, nothing is compared rather than a panic.
    let Ok(comparison) = Comparison::between(side(before), side(after)) else {
        return Html::default();
    };
    let title = |id: &str| {
        after
            .result
            .catalogue
            .criteria()
            .iter()
            .chain(before.result.catalogue.criteria())
            .find(|criterion| criterion.id == id)
            .map(|criterion| criterion.title.get(lang).to_owned())
            .unwrap_or_default()
    };
    let standing = |standing: &Option<selfcheck_core::compare::Standing>| {
        standing
            .as_ref()
            .map_or_else(|| "—".to_owned(), |standing| format!("{} / {}", standing.points, standing.maximum))
    };
    let changed: Vec<_> = comparison.changed().collect();
    html! {
        <>
            <p>{ T::ScoreChange.filled(lang, &[&comparison.scores[0].to_string(), &comparison.scores[1].to_string()]) }</p>
            if changed.is_empty() {
                <p>{ T::NothingChanged.get(lang) }</p>
            } else {
                <div class="desk-scroll">
                    <table data-testid="comparison">
                        <thead><tr>
                            <th scope="col">{ T::Criterion.get(lang) }</th>
                            <th scope="col">{ before.month.clone() }</th>
                            <th scope="col">{ after.month.clone() }</th>
                            <th scope="col">{ T::Change.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for changed.iter().map(|change| html! {
                                <tr data-criterion={change.id.clone()}>
                                    <th scope="row">{ format!("{} {}", change.id, title(&change.id)) }</th>
                                    <td>{ standing(&change.before) }</td>
                                    <td>{ standing(&change.after) }</td>
                                    <td>{ format!("{:+}", change.points_change()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </>
    }
}
