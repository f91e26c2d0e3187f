//! The month's reports (本月报送): every association's progress and every new situation or
//! problem it reported, month by month, each problem with how the bureau handles it (未处理,
//! 已阅, 已答复, 已办结) and a note, kept in the review file.

use std::rc::Rc;

use selfcheck_bureau::document::{AnalysisDoc, MonthlyReportDoc};
use selfcheck_bureau::{ProblemState, Reviews};
use selfcheck_core::Lang;
use selfcheck_report_view::Shared;
use yew::prelude::*;

use crate::browser::target_value;
use crate::i18n::T;
use crate::protocol::Send;
use crate::state::Dispatch;

/// Properties of the month's reports.
#[derive(Properties)]
pub struct MonthlyProps {
    /// The analysis shown.
    pub analysis: Shared<AnalysisDoc>,
    /// The review states and the problems' handling.
    pub reviews: Rc<Reviews>,
    /// Changes the desk's state.
    pub dispatch: Dispatch,
    /// Posts to the worker.
    pub send: Send,
    /// The interface's language.
    pub lang: Lang,
}

impl PartialEq for MonthlyProps {
    fn eq(&self, other: &Self) -> bool {
        self.analysis == other.analysis && Rc::ptr_eq(&self.reviews, &other.reviews) && self.lang == other.lang
    }
}

/// The month's reports, grouped by month in order.
#[component]
pub fn MonthlyView(props: &MonthlyProps) -> Html {
    let MonthlyProps { analysis, reviews, dispatch, send, lang } = props;
    let lang = *lang;
    let reports = &analysis.monthly;
    let mut months: Vec<Option<&str>> = reports.iter().map(|report| report.month.as_deref()).collect();
    months.dedup();
    let problems: usize = reports.iter().map(|report| report.problems.len()).sum();
    html! {
        <section id="desk-monthly" class="desk-section" aria-labelledby="desk-monthly-title">
            <h2 id="desk-monthly-title">{ T::Monthly.get(lang) }</h2>
            <p class="desk-muted">{ T::MonthlyIntro.get(lang) }</p>
            if reports.is_empty() {
                <p>{ T::NoMonthly.get(lang) }</p>
            } else {
                <p data-testid="monthly-count">{ T::MonthlyCount.filled(lang, &[&reports.len().to_string(), &problems.to_string()]) }</p>
            }
            { for months.into_iter().map(|month| html! {
                <div class="desk-monthly-month" data-month={month.unwrap_or_default().to_owned()}>
                    <h3>{ month.unwrap_or("—") }</h3>
                    { for reports.iter().filter(|report| report.month.as_deref() == month).map(|report| html! {
                        <Report report={report.clone()} reviews={reviews.clone()} dispatch={dispatch.clone()} send={send.clone()} {lang} />
                    }) }
                </div>
            }) }
        </section>
    }
}

/// Properties of one association's report.
#[derive(Properties)]
struct ReportProps {
    report: MonthlyReportDoc,
    reviews: Rc<Reviews>,
    dispatch: Dispatch,
    send: Send,
    lang: Lang,
}

impl PartialEq for ReportProps {
    fn eq(&self, other: &Self) -> bool {
        self.report == other.report && Rc::ptr_eq(&self.reviews, &other.reviews) && self.lang == other.lang
    }
}

/// One association's report: its progress and its problems, each with its handling.
#[component]
fn Report(props: &ReportProps) -> Html {
    let ReportProps { report, reviews, dispatch, send, lang } = props;
    let lang = *lang;
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    html! {
        <article class="desk-monthly-report" data-result={report.result.clone()} data-credit-code={report.credit_code.clone()}>
            <h4>{ format!("{} {}", report.name, report.credit_code) }</h4>
            if !report.progress.is_empty() {
                <p class="desk-text"><strong>{ format!("{}{colon}", T::MonthlyProgress.get(lang)) }</strong>{ report.progress.clone() }</p>
            }
            { for report.areas.iter().map(|area| html! {
                <p class="desk-text"><strong>{ format!("{} {}{colon}", area.id, area.title) }</strong>{ area.text.clone() }</p>
            }) }
            if !report.problems.is_empty() {
                <div class="desk-scroll">
                    <table data-testid="problems">
                        <caption>{ T::ProblemsReported.get(lang) }</caption>
                        <thead><tr>
                            <th scope="col">{ T::Number.get(lang) }</th>
                            <th scope="col">{ T::ProblemTitle.get(lang) }</th>
                            <th scope="col">{ T::ProblemDescription.get(lang) }</th>
                            <th scope="col">{ T::HelpAsked.get(lang) }</th>
                            <th scope="col">{ T::Handling.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for report.problems.iter().map(|problem| {
                                let number = problem.number;
                                let own_then_earlier = std::iter::once(report.result.as_str()).chain(problem.earlier.iter().map(String::as_str));
                                let handling = reviews.handling_among(own_then_earlier, number).cloned().unwrap_or_default();
                                let save = {
                                    let (reviews, dispatch, send, digest) = (reviews.clone(), dispatch.clone(), send.clone(), report.result.clone());
                                    move |state: ProblemState, note: String| {
                                        let mut next = (*reviews).clone();
                                        if next.set_problem(&digest, number, state, &note, Some(crate::reviews::now())).is_ok() {
                                            crate::reviews::commit_reviews(&dispatch, &send, next, lang);
                                        }
                                    }
                                };
                                let on_state = {
                                    let (save, note) = (save.clone(), handling.note.clone());
                                    Callback::from(move |event: Event| {
                                        if let Some(state) = ProblemState::from_code(&target_value(&event)) {
                                            save(state, note.clone());
                                        }
                                    })
                                };
                                let on_note = {
                                    let state = handling.state;
                                    Callback::from(move |event: Event| save(state, target_value(&event)))
                                };
                                let which = format!("{} {}", report.name, T::NumberOf.filled(lang, &[&number.to_string()]));
                                html! {
                                    <tr data-problem={number.to_string()} data-state={handling.state.code()}>
                                        <td>{ number }</td>
                                        <td>{ problem.title.clone() }</td>
                                        <td class="desk-text">{ problem.description.clone() }</td>
                                        <td>{ if problem.help_requested { T::Yes.get(lang) } else { T::No.get(lang) } }</td>
                                        <td>
                                            <select data-handling={number.to_string()} onchange={on_state}
                                                aria-label={T::HandlingFor.filled(lang, &[&which])}>
                                                { for ProblemState::ALL.iter().map(|&option| html! {
                                                    <option value={option.code()} selected={option == handling.state}>{ option.label(lang) }</option>
                                                }) }
                                            </select>
                                            <input type="text" class="desk-note" data-handling-note={number.to_string()} value={handling.note.clone()}
                                                onchange={on_note} aria-label={T::HandlingNoteFor.filled(lang, &[&which])} placeholder={T::HandlingNote.get(lang)} />
                                            <span class="desk-print-only">
                                                { crate::reviews::printed(handling.state.label(lang), &handling.note, lang) }
                                            </span>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </article>
    }
}
