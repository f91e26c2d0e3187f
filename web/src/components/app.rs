//! The root component: owns the one reducer, restores and saves the draft in effects, and
//! lays out the questionnaire, the results and the panels.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use selfcheck_core::{Catalogue, Lang};
use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use super::criterion::CriterionView;
use super::dialog::ConfirmDialog;
use super::import::ImportPanel;
use super::keys::KeyPanel;
use super::nav::AreaNav;
use super::print::PrintSummary;
use super::profile::ProfileForm;
use super::results::Results;
use super::toolbar::{Banners, Toolbar};
use crate::host::{Host, HostRef};
use crate::i18n::S;
use crate::state::{Action, Shared, State, StorageState};
use crate::storage::{self, Keys, SaveOutcome};

/// How long typing may go on before the draft is saved, in milliseconds.
const SAVE_DEBOUNCE_MS: u32 = 400;

/// Properties of the root component.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// Initial interface language.
    pub lang: Lang,
    /// Storage namespace; `None` turns storage off.
    #[prop_or(Some(AttrValue::Static("default")))]
    pub namespace: Option<AttrValue>,
}

/// The questionnaire with its live results.
#[component]
pub fn App(props: &AppProps) -> Html {
    let host: HostRef = (*use_memo(props.namespace.clone(), |namespace| {
        let tab = crate::browser::random_bytes::<8>()
            .map(|bytes| selfcheck_core::canonical::hex(&bytes))
            .unwrap_or_else(|_| format!("{}", js_sys::Date::now()));
        Rc::new(Host { keys: namespace.as_deref().map(Keys::new), tab, base_revision: Cell::new(0) })
    }))
    .clone();
    let state = {
        let host = host.clone();
        let lang = props.lang;
        use_reducer(move || {
            let catalogue = Shared::new(Catalogue::builtin());
            let Some(keys) = &host.keys else {
                return State::new(catalogue, lang, None, StorageState::Off, None, None);
            };
            let restored = storage::restore(keys, &catalogue);
            host.base_revision.set(restored.revision);
            let mut state = State::new(
                catalogue,
                lang,
                restored.draft,
                StorageState::Saved,
                storage::load_key(keys),
                storage::load_export(keys),
            );
            if restored.set_aside {
                state.notice = Some(crate::state::Notice::Info(S::DraftFileInvalid));
            }
            state
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };

    // Save the draft shortly after the last change, and at once when the page goes away.
    {
        let host = host.clone();
        let dispatch = dispatch.clone();
        let snapshot = (state.catalogue.clone(), state.answers.clone(), state.profile.clone());
        use_effect_with((state.revision, state.conflict), move |&(revision, conflict)| {
            let pending = (host.keys.is_some() && revision > 0 && !conflict).then(|| {
                let save = Rc::new(move || {
                    let Some(keys) = &host.keys else { return };
                    let (catalogue, answers, profile) = &snapshot;
                    let draft = storage::draft_doc(catalogue, answers, profile);
                    let mut base = host.base_revision.get();
                    let outcome = storage::save(keys, &host.tab, &mut base, &draft, false);
                    host.base_revision.set(base);
                    dispatch.emit(match outcome {
                        SaveOutcome::Saved => Action::Saved(revision),
                        SaveOutcome::Failed => Action::SaveFailed,
                        SaveOutcome::Conflict => Action::OtherTabChanged,
                    });
                });
                let timer = {
                    let save = save.clone();
                    Timeout::new(SAVE_DEBOUNCE_MS, move || save())
                };
                let on_hide = web_sys::window().map(|window| {
                    let save = save.clone();
                    EventListener::new(&window, "pagehide", move |_| save())
                });
                (timer, on_hide)
            });
            // Dropping the timer cancels a save that a newer change replaces.
            move || drop(pending)
        });
    }

    // Another tab saving the same draft must not be overwritten in silence.
    {
        let host = host.clone();
        let dispatch = dispatch.clone();
        use_effect_with((), move |()| {
            let listener = host.keys.as_ref().and_then(|keys| {
                let draft_key = keys.draft.clone();
                web_sys::window().map(|window| {
                    EventListener::new(&window, "storage", move |event| {
                        let key = event.dyn_ref::<web_sys::StorageEvent>().and_then(web_sys::StorageEvent::key);
                        if key.as_deref() == Some(draft_key.as_str()) {
                            dispatch.emit(Action::OtherTabChanged);
                        }
                    })
                })
            });
            move || drop(listener)
        });
    }

    // The key and the last export are kept with the draft.
    {
        let host = host.clone();
        use_effect_with(state.key.clone(), move |key| {
            if let Some(keys) = &host.keys {
                match key {
                    Some(key) => {
                        storage::store_key(keys, key);
                    }
                    None => storage::forget_key(keys),
                }
            }
        });
    }
    {
        let host = host.clone();
        use_effect_with(state.last_export.clone(), move |export| {
            if let (Some(keys), Some(export)) = (&host.keys, export) {
                storage::store_export(keys, export);
            }
        });
    }

    let lang = state.lang;
    let catalogue = &state.catalogue;
    html! {
        <ContextProvider<HostRef> context={host}>
        <div class="selfcheck" lang={lang.tag()}>
            <div class="selfcheck-screen">
                <Toolbar state={(*state).clone()} dispatch={dispatch.clone()} />
                <Banners state={(*state).clone()} dispatch={dispatch.clone()} />
                <div class="selfcheck-layout">
                    <AreaNav catalogue={catalogue.clone()} report={state.report.clone()} {lang} />
                    <main class="selfcheck-main" id="selfcheck-main">
                        <ProfileForm profile={state.profile.clone()} {lang} dispatch={dispatch.clone()} />
                        { for catalogue.areas().iter().enumerate().map(|(area_index, area)| html! {
                            <section class="selfcheck-area" id={format!("selfcheck-area-{}", area.id)}
                                aria-labelledby={format!("selfcheck-area-title-{}", area.id)}>
                                <h2 id={format!("selfcheck-area-title-{}", area.id)}>
                                    { format!("{} {} ", area.id, area.title.get(lang)) }
                                    <span class="selfcheck-muted">
                                        { format!("{} / {} {}", state.report.areas[area_index].0, state.report.areas[area_index].1, S::Points.get(lang)) }
                                    </span>
                                </h2>
                                <p class="selfcheck-muted">{ area.summary.get(lang) }</p>
                                { for area.criteria.clone().map(|index| html! {
                                    <CriterionView
                                        key={catalogue.criteria()[index].id.clone()}
                                        catalogue={catalogue.clone()}
                                        {index}
                                        entry={state.answers.entries()[index].clone()}
                                        hashing={match state.busy { Some(crate::state::Busy::Hashing(at, done)) if at == index => Some(done), _ => None }}
                                        {lang}
                                        dispatch={dispatch.clone()}
                                    />
                                }) }
                            </section>
                        }) }
                        <KeyPanel state={(*state).clone()} dispatch={dispatch.clone()} />
                        <ImportPanel state={(*state).clone()} dispatch={dispatch.clone()} />
                    </main>
                    <Results catalogue={catalogue.clone()} report={state.report.clone()} {lang} />
                </div>
            </div>
            <PrintSummary state={(*state).clone()} />
            if let Some(confirm) = state.confirm {
                <ConfirmDialog {confirm} {lang} state={(*state).clone()} dispatch={dispatch.clone()} />
            }
        </div>
        </ContextProvider<HostRef>>
    }
}
