//! The root component: owns the one reducer, restores and saves the draft in effects, and
//! lays out the questionnaire, the results and the panels.

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
use super::monthly::MonthlySection;
use super::nav::AreaNav;
use super::notice::NoticePanel;
use super::print::PrintSummary;
use super::profile::ProfileForm;
use super::results::Results;
use super::submission::Submission;
use super::toolbar::{Banners, Toolbar};
use crate::host::{Host, HostRef};
use crate::i18n::S;
use crate::state::{Action, HostProfile, Notice, Place, Resolution, Shared, State, StorageState};
use crate::storage::{self, SaveOutcome};

/// How long typing may go on before the draft is saved, in milliseconds.
const SAVE_DEBOUNCE_MS: u32 = 400;

/// Properties of the root component.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// Initial interface language.
    pub lang: Lang,
    /// The catalogue answered.
    pub catalogue: Shared<Catalogue>,
    /// The host's facts: storage, root, events.
    pub host: Shared<Host>,
    /// What the host gives of the profile: values to fill in, and the fields it fixes.
    pub host_profile: Shared<HostProfile>,
    /// To whom the summary is addressed and the result submitted (default: the catalogue's
    /// authority, 广东省民政厅).
    pub addressee: Option<selfcheck_core::Text>,
    /// The host's own "how to submit" text, replacing the default.
    pub submission: Option<selfcheck_core::Text>,
    /// The fingerprint of the registration authority's key, as the host site publishes it: a
    /// rectification notice signed with another key is refused.
    #[prop_or_default]
    pub bureau_fingerprint: Option<AttrValue>,
    /// What was answered and typed on the pre-rendered first screen, laid over the draft.
    #[prop_or_default]
    pub early: Option<Shared<crate::early::EarlyInput>>,
    /// Rendered at build time as the first screen shown before the WebAssembly arrives
    /// (`first_screen.rs`): nothing is known of storage yet, and no effect runs.
    #[prop_or_default]
    pub first_screen: bool,
}

/// The state to start from: the draft, key, export and language restored from storage when the
/// host keeps them; a blank draft otherwise, or on the first screen rendered at build time.
fn restored_state(
    host: &Host,
    catalogue: Shared<Catalogue>,
    host_profile: Shared<HostProfile>,
    lang: Lang,
    first_screen: bool,
) -> State {
    let keys = match &host.keys {
        _ if first_screen => {
            return State::new(catalogue, lang, None, host_profile, StorageState::Starting, None, None);
        }
        None => return State::new(catalogue, lang, None, host_profile, StorageState::Off, None, None),
        Some(keys) => keys,
    };
    let restored = storage::restore(keys, &catalogue);
    host.base_revision.set(restored.revision);
    let mut state = State::new(
        catalogue,
        storage::load_lang(keys).unwrap_or(lang),
        restored.draft,
        host_profile,
        StorageState::Saved,
        storage::load_key(keys),
        storage::load_export(keys),
    );
    // The notice is shown only while the draft still replies to it.
    state.notice = storage::load_notice(keys)
        .filter(|notice| state.answers.notice_reply().is_some_and(|reply| reply.notice == notice.digest))
        .map(Shared::new);
    if restored.set_aside {
        state.messages.push((Place::Page, Notice::Info(S::DraftSetAside)));
    }
    if let Some(version) = restored.carried_over_from {
        state.messages.push((Place::Page, Notice::Detail(S::DraftCarriedOver, version)));
    }
    state
}

/// The questionnaire with its live results.
#[component]
pub fn App(props: &AppProps) -> Html {
    let host: HostRef = props.host.0.clone();
    let state = {
        let (host, catalogue, host_profile, lang) =
            (host.clone(), props.catalogue.clone(), props.host_profile.clone(), props.lang);
        let (early, first_screen) = (props.early.clone(), props.first_screen);
        use_reducer(move || {
            let state = restored_state(&host, catalogue, host_profile, lang, first_screen);
            // What the person did on the first screen is newer than any stored draft.
            match early {
                Some(early) => {
                    let state = Rc::new(state).reduce(Action::CarryOver(early.0));
                    Rc::try_unwrap(state).unwrap_or_else(|shared| (*shared).clone())
                }
                None => state,
            }
        })
    };
    // One callback for the widget's lifetime: children compare it, and a new one per render
    // would make every criterion re-render on every answer.
    let dispatch = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |()| Callback::from(move |action: Action| dispatcher.dispatch(action)))).clone()
    };

    // Save the draft shortly after the last change, and at once when the page goes away.
    {
        let host = host.clone();
        let dispatch = dispatch.clone();
        let snapshot = (state.catalogue.clone(), state.answers.clone(), state.profile.clone());
        let host_for_cleanup = host.clone();
        let overwrite = state.overwrite;
        use_effect_with((state.revision, state.conflict), move |&(revision, conflict)| {
            let pending = (host.keys.is_some() && revision > 0 && !conflict).then(|| {
                let save_host = host.clone();
                let save = Rc::new(move || {
                    let host = &save_host;
                    let Some(keys) = &host.keys else { return };
                    let (catalogue, answers, profile) = &snapshot;
                    let draft = crate::draft::draft_doc(catalogue, answers, profile);
                    let mut base = host.base_revision.get();
                    let outcome = storage::save(keys, &host.tab, &mut base, &draft, overwrite);
                    host.base_revision.set(base);
                    dispatch.emit(match outcome {
                        SaveOutcome::Saved => Action::Saved(revision),
                        SaveOutcome::Failed => Action::SaveFailed,
                        SaveOutcome::Conflict => Action::OtherTabChanged,
                    });
                });
                *host.pending_save.borrow_mut() = Some(save.clone());
                let host = host.clone();
                Timeout::new(SAVE_DEBOUNCE_MS, move || {
                    host.pending_save.borrow_mut().take();
                    save();
                })
            });
            // Dropping the timer cancels a save that a newer change replaces.
            move || {
                host_for_cleanup.pending_save.borrow_mut().take();
                drop(pending);
            }
        });
    }

    // A save still waiting for its debounce is made at once when the page goes away. One
    // listener for the widget's lifetime: adding and removing one per answer cost each answer
    // more than a millisecond.
    {
        let host = host.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "pagehide", move |_| {
                    let pending = host.pending_save.borrow_mut().take();
                    if let Some(save) = pending {
                        save();
                    }
                })
            });
            move || drop(listener)
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

    // The user's choice in a conflict: the other tab's version read from storage, or this
    // one's saved over it (by the save effect, which `Resolve` set to overwrite).
    {
        let (host, dispatch, catalogue) = (host.clone(), dispatch.clone(), state.catalogue.clone());
        use_effect_with(state.resolution, move |resolution| {
            if let (Some((_, Resolution::LoadOther)), Some(keys)) = (resolution, &host.keys) {
                match storage::other_tab_draft(keys, &catalogue) {
                    Some(((answers, profile), revision)) => {
                        host.base_revision.set(revision);
                        dispatch.emit(Action::ReplaceDraft(
                            Shared::new(answers),
                            Shared::new(profile),
                            Place::Page,
                            Notice::Info(S::OtherTabLoaded),
                        ));
                    }
                    None => dispatch.emit(Action::OtherTabUnreadable),
                }
            }
        });
    }

    // The language the user chose is remembered with the draft (not the one the page set).
    {
        let host = host.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.lang, move |&lang| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if let Some(keys) = &host.keys {
                storage::store_lang(keys, lang);
            }
        });
    }

    // "Print" chosen (directly, or from the question about an unsigned draft).
    use_effect_with(state.print_requested, |&requested| {
        if requested > 0 {
            crate::browser::print();
        }
    });

    // The first screen is rendered and its controls can take focus; the rest is rendered in the
    // first task after that screen is presented. The marks are for hosts and benchmarks:
    // `selfcheck:rest` is also the moment the first screen's frame was presented.
    {
        let (dispatch, host) = (dispatch.clone(), host.clone());
        use_effect_with((), move |()| {
            crate::browser::mark("selfcheck:interactive");
            // The host page swaps this tree for the pre-rendered first screen now, in this task.
            *host.dispatch.borrow_mut() = Some(dispatch.clone());
            host.emit("rendered", "{}");
            crate::browser::after_next_frame(move || {
                crate::browser::mark("selfcheck:rest");
                dispatch.emit(Action::RenderRest);
            });
        });
    }
    use_effect_with(state.first_screen_only, |&first_screen_only| {
        if !first_screen_only {
            crate::browser::mark("selfcheck:complete");
        }
    });

    // The host page hears of every new report, and `handle.report()` returns the latest.
    {
        let host = host.clone();
        let answers = state.answers.clone();
        use_effect_with(state.report.clone(), move |report| {
            // The state scores its answers against its catalogue, so the report always fits them.
            if let Ok(doc) = report.to_doc(&answers) {
                let json = selfcheck_core::json::compact(&doc.to_json());
                host.emit("change", &json);
                *host.report.borrow_mut() = json;
            }
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
        // An export recorded before QR codes were kept gets its code when the signing module
        // comes (the module is loaded for it, after the first screen).
        let (host, dispatch) = (host.clone(), dispatch.clone());
        let missing =
            state.last_export.as_ref().filter(|export| export.qr.is_none()).map(|export| export.digest.clone());
        use_effect_with(missing, move |missing| {
            if let Some(digest) = missing.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let Ok(signing) = crate::signing::module(Some(&host)).await else { return };
                    if let Some(qr) = signing.qr(&digest) {
                        dispatch.emit(Action::SetExportQr(digest, qr));
                    }
                });
            }
        });
    }
    {
        let host = host.clone();
        use_effect_with(state.notice.clone(), move |notice| {
            if let Some(keys) = &host.keys {
                storage::store_notice(keys, notice.as_deref());
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
    let addressee = props.addressee.clone().unwrap_or_else(|| catalogue.authority().clone());
    let profile = &state.profile;
    let code = super::profile::tidy_credit_code(&profile.credit_code);
    let file_name = (selfcheck_core::CreditCode::parse(&code).is_ok()
        && selfcheck_core::time::is_date(&profile.period.from)
        && selfcheck_core::time::is_date(&profile.period.to))
    .then(|| super::keys::result_file_name(&code, &profile.period.from, &profile.period.to));
    let shown_areas = if state.first_screen_only { 1 } else { catalogue.areas().len() };
    html! {
        <ContextProvider<HostRef> context={host.clone()}>
        <div class="selfcheck" lang={lang.tag()} data-first-screen={props.first_screen.then_some("")}>
            <div class="selfcheck-screen">
                <Toolbar state={(*state).clone()} dispatch={dispatch.clone()} />
                <Banners state={(*state).clone()} dispatch={dispatch.clone()} />
                <div class="selfcheck-layout">
                    <AreaNav catalogue={catalogue.clone()} report={state.report.clone()} profile={state.profile.clone()} {lang} />
                    <main class="selfcheck-main" id="selfcheck-main">
                        <ProfileForm profile={state.profile.clone()} locked={props.host_profile.locked} {lang} dispatch={dispatch.clone()}
                            conflict={state.conflict && state.last_edit == Some(Place::Profile)} />
                        { for (0..shown_areas).map(|area| {
                            let criteria = catalogue.areas()[area].criteria.clone();
                            let in_area = |place: &Place| matches!(place, Place::Criterion(index) if criteria.contains(index));
                            html! {
                                <AreaView
                                    key={area}
                                    catalogue={catalogue.clone()}
                                    {area}
                                    version={state.area_versions[area]}
                                    answers={state.answers.clone()}
                                    points={state.report.areas().nth(area).map_or((0, 0), |score| (score.points, score.maximum))}
                                    hashing={match state.busy {
                                        Some(crate::state::Busy::Hashing(crate::state::EvidenceOwner::Criterion(at), done)) if criteria.contains(&at) => Some((at, done)),
                                        _ => None,
                                    }}
                                    messages={state.messages.iter().filter(|(place, _)| in_area(place)).filter_map(|(place, notice)| match place {
                                        Place::Criterion(index) => Some((*index, notice.clone())),
                                        _ => None,
                                    }).collect::<Vec<_>>()}
                                    to_fix={state.notice.iter().flat_map(|notice| notice.subject.items.iter()).filter_map(|item| catalogue.index_of(&item.criterion)).filter(|index| criteria.contains(index)).collect::<Vec<_>>()}
                                    conflict={match state.last_edit {
                                        Some(Place::Criterion(index)) if state.conflict && criteria.contains(&index) => Some(index),
                                        _ => None,
                                    }}
                                    {lang}
                                    dispatch={dispatch.clone()}
                                />
                            }
                        }) }
                        if !state.first_screen_only {
                            <MonthlySection catalogue={catalogue.clone()} monthly={state.answers.monthly().clone()}
                                message={state.message(Place::Monthly).cloned()} {lang} dispatch={dispatch.clone()}
                                hashing={match &state.busy {
                                    Some(crate::state::Busy::Hashing(crate::state::EvidenceOwner::Problem(place), done)) => Some((*place, *done)),
                                    _ => None,
                                }} />
                            <NoticePanel state={(*state).clone()} dispatch={dispatch.clone()} bureau_fingerprint={props.bureau_fingerprint.clone()} />
                            <KeyPanel state={(*state).clone()} dispatch={dispatch.clone()} />
                            <Submission {lang} addressee={addressee.clone()} text={props.submission.clone()} {file_name} />
                            <ImportPanel state={(*state).clone()} dispatch={dispatch.clone()} />
                        }
                    </main>
                    <Results report={state.report.clone()} {lang} />
                </div>
            </div>
            if !state.first_screen_only {
                <PrintSummary state={(*state).clone()} addressee={addressee} />
            }
            if let Some(confirm) = state.confirm {
                <ConfirmDialog {confirm} {lang} state={(*state).clone()} dispatch={dispatch.clone()} />
            }
        </div>
        </ContextProvider<HostRef>>
    }
}

/// Properties of an area's section.
#[derive(Debug, Clone, Properties)]
pub struct AreaProps {
    /// The catalogue.
    pub catalogue: Shared<Catalogue>,
    /// The area's index.
    pub area: usize,
    /// Changes whenever an answer, note, evidence or message of this area does.
    pub version: u64,
    /// All answers; only this area's are read.
    pub answers: Shared<selfcheck_core::Answers>,
    /// The area's points and maximum.
    pub points: (u32, u32),
    /// The criterion whose evidence file is being hashed here, and the per mille done.
    pub hashing: Option<(usize, u32)>,
    /// Messages of this area's criteria, by criterion index.
    pub messages: Vec<(usize, crate::state::Notice)>,
    /// The criterion of this area last edited, when another tab's change paused saving.
    pub conflict: Option<usize>,
    /// This area's criteria that the rectification notice names, by catalogue index.
    #[prop_or_default]
    pub to_fix: Vec<usize>,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

impl PartialEq for AreaProps {
    /// `answers` is left out on purpose: `version` says whether this area's entries changed,
    /// so that an answer re-renders one area, not the whole questionnaire.
    fn eq(&self, other: &AreaProps) -> bool {
        self.catalogue == other.catalogue
            && self.area == other.area
            && self.version == other.version
            && self.points == other.points
            && self.hashing == other.hashing
            && self.messages == other.messages
            && self.conflict == other.conflict
            && self.to_fix == other.to_fix
            && self.lang == other.lang
            && self.dispatch == other.dispatch
    }
}

/// One activity area and its criteria.
#[component]
pub fn AreaView(props: &AreaProps) -> Html {
    let AreaProps { catalogue, area, answers, points, hashing, messages, conflict, to_fix, lang, dispatch, .. } = props;
    let (lang, area_index) = (*lang, *area);
    let area = &catalogue.areas()[area_index];
    html! {
        <section class="selfcheck-area selfcheck-questions" id={format!("selfcheck-area-{}", area.id)}
            aria-labelledby={format!("selfcheck-area-title-{}", area.id)}>
            <h2 id={format!("selfcheck-area-title-{}", area.id)}>
                { format!("{} {} ", area.id, area.title.get(lang)) }
                <span class="selfcheck-muted">{ format!("{} / {} {}", points.0, points.1, S::Points.get(lang)) }</span>
            </h2>
            <p class="selfcheck-muted">{ area.summary.get(lang) }</p>
            { for area.criteria.clone().map(|index| html! {
                <CriterionView
                    key={catalogue.criteria()[index].id.as_str()}
                    catalogue={catalogue.clone()}
                    {index}
                    entry={answers.entries()[index].clone()}
                    hashing={hashing.filter(|(at, _)| *at == index).map(|(_, done)| done)}
                    message={messages.iter().find(|(at, _)| *at == index).map(|(_, notice)| notice.clone())}
                    conflict={*conflict == Some(index)}
                    to_fix={to_fix.contains(&index)}
                    {lang}
                    dispatch={dispatch.clone()}
                />
            }) }
        </section>
    }
}
