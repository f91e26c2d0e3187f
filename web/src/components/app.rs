//! The root component: owns the one reducer and passes callbacks down.

use std::rc::Rc;

use selfcheck_core::{Catalogue, Lang};
use yew::prelude::*;

use super::criterion::CriterionView;
use super::results::Results;
use crate::i18n::strings;
use crate::state::{Action, State};

/// Properties of the root component.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// Initial interface language.
    pub lang: Lang,
}

/// The questionnaire with its live results.
#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = props.lang;
    let state = use_reducer(move || State::new(Rc::new(Catalogue::builtin()), lang));
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let lang = state.lang;
    let text = strings(lang);
    let catalogue = &state.catalogue;
    let toggle_lang = {
        let dispatch = dispatch.clone();
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        Callback::from(move |_| dispatch.emit(Action::SetLang(other)))
    };
    html! {
        <div class="selfcheck" lang={lang.tag()}>
            <header class="selfcheck-header">
                <h1>{ catalogue.title().get(lang) }</h1>
                <button type="button" class="selfcheck-lang" onclick={toggle_lang}>{ text.language_switch }</button>
            </header>
            <div class="selfcheck-body">
                <main class="selfcheck-questions">
                    { for catalogue.areas().iter().enumerate().map(|(area_index, area)| html! {
                        <section class="selfcheck-area" aria-labelledby={format!("selfcheck-area-{}", area.id)}>
                            <h2 id={format!("selfcheck-area-{}", area.id)}>
                                { format!("{} {} ", area.id, area.title.get(lang)) }
                                <span class="selfcheck-area-points">
                                    { format!("{} / {} {}", state.report.areas[area_index].0, state.report.areas[area_index].1, text.points) }
                                </span>
                            </h2>
                            <p class="selfcheck-summary">{ area.summary.get(lang) }</p>
                            { for area.criteria.clone().map(|index| html! {
                                <CriterionView
                                    key={catalogue.criteria()[index].id.clone()}
                                    catalogue={catalogue.clone()}
                                    {index}
                                    response={state.answers.entries()[index].response}
                                    {lang}
                                    dispatch={dispatch.clone()}
                                />
                            }) }
                        </section>
                    }) }
                </main>
                <Results catalogue={catalogue.clone()} report={state.report.clone()} {lang} />
            </div>
        </div>
    }
}
