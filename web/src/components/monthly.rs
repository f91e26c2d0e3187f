//! This month's report to the bureau (本月报送): the progress of the campaign, overall and by
//! area, and the new situations and problems met, each with a title, a description and whether
//! the bureau's help is asked. Signed with the result.

use selfcheck_core::monthly::{MAX_PROBLEMS, MAX_TITLE_CHARS};
use selfcheck_core::{Catalogue, Lang, MonthlyReport, ReportedProblem};
use wasm_bindgen::JsCast as _;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::MessageView;
use super::criterion::EvidenceList;
use crate::host::HostRef;
use crate::i18n::S;
use crate::state::{Action, EvidenceOwner, Notice, Place, Shared};

/// The longest progress text or description, as the core allows.
const MAX_TEXT: &str = "4000";

/// Properties of the month's report.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct MonthlyProps {
    /// The catalogue, for the areas.
    pub catalogue: Shared<Catalogue>,
    /// The report as it stands.
    pub monthly: MonthlyReport,
    /// The message of this section, if any.
    pub message: Option<Notice>,
    /// The problem (its place) whose evidence file is being hashed, and thousandths done.
    pub hashing: Option<(usize, u32)>,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// The report after the edit that `target` (a field of the section) received, read from its
/// `data-` attributes: the progress, an area's text, or a field of the problem of its list item;
/// `None` when nothing changed.
fn edited(monthly: &MonthlyReport, target: &Element) -> Option<MonthlyReport> {
    let text =
        || js_sys::Reflect::get(target, &"value".into()).ok().and_then(|value| value.as_string()).unwrap_or_default();
    let mut next = monthly.clone();
    if target.get_attribute("data-monthly").is_some() {
        next.progress = text();
    } else if let Some(id) = target.get_attribute("data-monthly-area") {
        let text = text();
        next.areas.retain(|(area, _)| *area != id);
        if !text.is_empty() {
            next.areas.push((id, text));
        }
    } else {
        let field = target.get_attribute("data-problem-field")?;
        let problem = next.problems.get_mut(problem_place(target)?)?;
        match field.as_str() {
            "title" => problem.title = text(),
            "description" => problem.description = text(),
            _ => problem.help_requested = target.dyn_ref::<HtmlInputElement>()?.checked(),
        }
    }
    // A text field's change on leaving it repeats its last input: nothing to send.
    (next != *monthly).then_some(next)
}

/// The place in the list of the problem whose item holds `element`.
fn problem_place(element: &Element) -> Option<usize> {
    let item = element.closest("[data-problem]").ok()??;
    item.get_attribute("data-problem")?.parse::<usize>().ok()?.checked_sub(1)
}

/// The month's report. Its fields and buttons share three handlers on the section, which read
/// what was edited from the element's `data-` attributes: no closure per field.
#[component]
pub fn MonthlySection(props: &MonthlyProps) -> Html {
    let MonthlyProps { catalogue, monthly, message, hashing, lang, dispatch } = props;
    let lang = *lang;
    // The focus follows the list after the user's own add or remove (not a draft replaced):
    // into the title of the problem added, or to the button that adds one (the removed
    // problem's button is gone).
    let host = use_context::<HostRef>();
    let focus_next = use_mut_ref(|| None::<String>);
    {
        let focus_next = focus_next.clone();
        use_effect_with(monthly.problems.len(), move |_| {
            if let (Some(host), Some(id)) = (host, focus_next.borrow_mut().take()) {
                host.focus(&id);
            }
        });
    }
    let on_edit = {
        let (monthly, dispatch) = (monthly.clone(), dispatch.clone());
        Callback::from(move |event: Event| {
            if let Some(next) = event.target_dyn_into::<Element>().and_then(|target| edited(&monthly, &target)) {
                dispatch.emit(Action::SetMonthly(next));
            }
        })
    };
    let on_input = {
        let on_edit = on_edit.clone();
        Callback::from(move |event: InputEvent| on_edit.emit(event.into()))
    };
    let on_click = {
        let (monthly, dispatch) = (monthly.clone(), dispatch.clone());
        Callback::from(move |event: MouseEvent| {
            let Some(button) =
                event.target_dyn_into::<Element>().and_then(|target| target.closest("button").ok().flatten())
            else {
                return;
            };
            let mut next = monthly.clone();
            match button.get_attribute("data-action").as_deref() {
                Some("add-problem") => {
                    next.problems.push(ReportedProblem::default());
                    *focus_next.borrow_mut() = Some(format!("selfcheck-problem-{}-title", next.problems.len() - 1));
                }
                Some("remove-problem") => match problem_place(&button) {
                    Some(place) if place < next.problems.len() => {
                        next.problems.remove(place);
                        *focus_next.borrow_mut() = Some("selfcheck-add-problem".to_owned());
                    }
                    _ => return,
                },
                _ => return,
            }
            dispatch.emit(Action::SetMonthly(next));
        })
    };
    let area_text =
        |id: &str| monthly.areas.iter().find(|(area, _)| area == id).map(|(_, text)| text.clone()).unwrap_or_default();
    let full = monthly.problems.len() >= MAX_PROBLEMS;
    html! {
        <section class="selfcheck-area selfcheck-monthly" id="selfcheck-monthly" aria-labelledby="selfcheck-monthly-title" tabindex="-1"
            oninput={on_input} onchange={on_edit} onclick={on_click}>
            <h2 id="selfcheck-monthly-title">{ S::Monthly.get(lang) }</h2>
            <p class="selfcheck-muted">{ S::MonthlyIntro.get(lang) }</p>
            <div class="selfcheck-field selfcheck-field-wide">
                <label for="selfcheck-monthly-progress">{ S::MonthlyProgress.get(lang) }</label>
                <textarea id="selfcheck-monthly-progress" data-monthly="progress" rows="4" maxlength={MAX_TEXT}
                    value={monthly.progress.clone()} />
            </div>
            <details class="selfcheck-monthly-areas" open={!monthly.areas.is_empty()}>
                <summary>{ S::MonthlyByArea.get(lang) }</summary>
                { for catalogue.areas().iter().map(|area| {
                    let id = format!("selfcheck-monthly-area-{}", area.id);
                    html! {
                        <div class="selfcheck-field selfcheck-field-wide" key={area.id.clone()}>
                            <label for={id.clone()}>{ format!("{} {}", area.id, area.title.get(lang)) }</label>
                            <textarea {id} data-monthly-area={area.id.clone()} rows="2" maxlength={MAX_TEXT} value={area_text(&area.id)} />
                        </div>
                    }
                }) }
            </details>
            <h3>{ S::Problems.get(lang) }</h3>
            if monthly.problems.is_empty() {
                <p class="selfcheck-muted">{ S::NoProblems.get(lang) }</p>
            }
            <ol class="selfcheck-problems">
                { for monthly.problems.iter().enumerate().map(|(place, problem)| {
                    let number = (place + 1).to_string();
                    let base = format!("selfcheck-problem-{place}");
                    let untitled = problem.title.trim().is_empty();
                    html! {
                        <li class="selfcheck-problem" data-problem={number.clone()}>
                            <fieldset>
                                <legend>{ S::ProblemNumber.with(lang, &number) }</legend>
                                <div class="selfcheck-field selfcheck-field-wide">
                                    <label for={format!("{base}-title")}>{ S::ProblemTitle.get(lang) }</label>
                                    <input id={format!("{base}-title")} type="text" data-problem-field="title" maxlength={MAX_TITLE_CHARS.to_string()}
                                        value={problem.title.clone()} aria-invalid={untitled.then_some("true")}
                                        aria-describedby={format!("{base}-title-message")} />
                                    <p id={format!("{base}-title-message")} class="selfcheck-field-message" aria-live="polite">
                                        { if untitled { S::ProblemTitleNeeded.get(lang) } else { "" } }
                                    </p>
                                </div>
                                <div class="selfcheck-field selfcheck-field-wide">
                                    <label for={format!("{base}-description")}>{ S::ProblemDescription.get(lang) }</label>
                                    <textarea id={format!("{base}-description")} data-problem-field="description" rows="3" maxlength={MAX_TEXT}
                                        value={problem.description.clone()} />
                                </div>
                                <label class="selfcheck-check">
                                    <input type="checkbox" data-problem-field="help" checked={problem.help_requested} />
                                    { S::HelpRequested.get(lang) }
                                </label>
                                <EvidenceList owner={EvidenceOwner::Problem(place)} element={format!("problem-{place}")}
                                    evidence={problem.evidence.clone()} hashing={hashing.filter(|(at, _)| *at == place).map(|(_, done)| done)}
                                    {lang} dispatch={dispatch.clone()} />
                                <button type="button" class="selfcheck-small" data-action="remove-problem">
                                    { S::RemoveProblem.with(lang, &number) }
                                </button>
                            </fieldset>
                        </li>
                    }
                }) }
            </ol>
            <button type="button" id="selfcheck-add-problem" data-action="add-problem" disabled={full}>{ S::AddProblem.get(lang) }</button>
            if full { <p class="selfcheck-hint">{ S::ProblemsFull.with(lang, &MAX_PROBLEMS.to_string()) }</p> }
            if let Some(notice) = message {
                <MessageView place={Place::Monthly} notice={notice.clone()} {lang} dispatch={dispatch.clone()} />
            }
        </section>
    }
}
