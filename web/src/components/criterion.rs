//! One criterion: a fieldset with its legend, clause, guidance and the control of its kind.

use std::rc::Rc;

use selfcheck_core::{Catalogue, Kind, Lang, Response};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::strings;
use crate::state::Action;

/// Properties of a criterion.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CriterionProps {
    /// The catalogue.
    pub catalogue: Rc<Catalogue>,
    /// The criterion's index in the catalogue.
    pub index: usize,
    /// Its current answer.
    pub response: Option<Response>,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// A criterion and its answer controls.
#[component]
pub fn CriterionView(props: &CriterionProps) -> Html {
    let CriterionProps { catalogue, index, response, lang, dispatch } = props;
    let (index, response, lang) = (*index, *response, *lang);
    let criterion = &catalogue.criteria()[index];
    let text = strings(lang);
    let id = &criterion.id;
    let radio = |value: &'static str, label: &'static str, choice: Response| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |_: Event| dispatch.emit(Action::Respond(index, Some(choice))));
        html! {
            <label class="selfcheck-choice">
                <input type="radio" name={format!("selfcheck-{id}")} {value} checked={response == Some(choice)} {onchange} />
                { label }
            </label>
        }
    };
    let controls = match &criterion.kind {
        Kind::Scale | Kind::Binary => html! {
            <div class="selfcheck-choices">
                { radio("yes", text.yes, Response::Yes) }
                if matches!(criterion.kind, Kind::Scale) { { radio("partly", text.partly, Response::Partly) } }
                { radio("no", text.no, Response::No) }
                if criterion.not_applicable { { radio("na", text.not_applicable, Response::NotApplicable) } }
            </div>
        },
        Kind::Checklist(items) => {
            let checked_bits = match response {
                Some(Response::Checked(bits)) => bits,
                _ => 0,
            };
            let not_applicable = response == Some(Response::NotApplicable);
            let on_na = {
                let dispatch = dispatch.clone();
                Callback::from(move |event: Event| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    let next = if input.checked() { Some(Response::NotApplicable) } else { None };
                    dispatch.emit(Action::Respond(index, next));
                })
            };
            html! {
                <div class="selfcheck-items">
                    { for items.iter().enumerate().map(|(bit, item)| {
                        let dispatch = dispatch.clone();
                        let onchange = Callback::from(move |_: Event| dispatch.emit(Action::ToggleItem(index, bit)));
                        html! {
                            <label class="selfcheck-choice">
                                <input type="checkbox" data-item={item.id.clone()} checked={checked_bits & (1 << bit) != 0}
                                    disabled={not_applicable} {onchange} />
                                { format!("{} ({} {})", item.title.get(lang), item.points, text.points) }
                            </label>
                        }
                    }) }
                    if criterion.not_applicable {
                        <label class="selfcheck-choice">
                            <input type="checkbox" data-na="" checked={not_applicable} onchange={on_na} />
                            { text.not_applicable }
                        </label>
                    }
                </div>
            }
        }
    };
    html! {
        <fieldset class="selfcheck-criterion" id={format!("selfcheck-criterion-{id}")} data-criterion={id.clone()}>
            <legend>
                <span class="selfcheck-id">{ id.clone() }</span>{ " " }{ criterion.title.get(lang) }
                { format!(" ({} {})", criterion.points, text.points) }
                if criterion.veto.is_some() { <span class="selfcheck-veto-tag">{ format!(" · {}", text.veto) }</span> }
            </legend>
            <p class="selfcheck-clause">{ format!("{} {}：“{}”", text.clause, criterion.clause.section, criterion.clause.quote) }</p>
            <details class="selfcheck-guidance">
                <summary>{ text.guidance }</summary>
                <p>{ criterion.guidance.get(lang) }</p>
                <p>{ format!("{}：{}", text.evidence, criterion.evidence.get(lang)) }</p>
            </details>
            { controls }
        </fieldset>
    }
}
