//! A confirmation asked before anything is thrown away, signed or printed by accident. A plain
//! element with role=dialog (Safari 15.0 has no `<dialog>`): it takes the focus while open,
//! keeps it inside, and gives it back to the control that opened it when it closes.

use selfcheck_core::Lang;
use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use super::send;
use crate::host::HostRef;
use crate::i18n::S;
use crate::state::{Action, Confirm, Notice, Place, Shared, State};

/// Properties of the confirmation.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct DialogProps {
    /// What is asked.
    pub confirm: Confirm,
    /// Interface language.
    pub lang: Lang,
    /// The whole state.
    pub state: State,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// One answer of a dialog: its label, its `data-action`, whether it is the dangerous one,
/// and what it does.
struct Choice {
    label: String,
    name: &'static str,
    danger: bool,
    run: Callback<MouseEvent>,
}

/// The confirmation.
#[component]
pub fn ConfirmDialog(props: &DialogProps) -> Html {
    let DialogProps { confirm, lang, state, dispatch } = props;
    let lang = *lang;
    let cancel_ref = use_node_ref();
    let host = use_context::<HostRef>();
    // The control that opened the dialog gets the focus back when it closes, unless the
    // choice made sends the focus somewhere else.
    let opener = {
        let host = host.clone();
        use_mut_ref(move || host.as_ref().and_then(|host| host.active_element()))
    };
    let give_back = use_mut_ref(|| true);
    {
        let (cancel_ref, opener, give_back) = (cancel_ref.clone(), opener.clone(), give_back.clone());
        use_effect_with(*confirm, move |_| {
            if let Some(button) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
            move || {
                let opener = opener.borrow_mut().take();
                if *give_back.borrow()
                    && let Some(opener) = opener.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
                    && opener.is_connected()
                {
                    let _ = opener.focus();
                }
            }
        });
    }
    let total = state.catalogue.criteria().len();
    let open = state.report.open().len();
    let (question, choices): (String, Vec<Choice>) = match confirm {
        Confirm::StartOver => {
            let (dispatch, host) = (dispatch.clone(), host.clone());
            let run = Callback::from(move |_: MouseEvent| {
                if let Some(keys) = host.as_ref().and_then(|host| host.keys.as_ref()) {
                    crate::storage::clear_draft(keys);
                }
                dispatch.emit(Action::StartOver);
            });
            let label = S::ConfirmStartOver.get(lang).to_owned();
            (
                S::StartOverQuestion.get(lang).to_owned(),
                vec![Choice { label, name: "confirm-start-over", danger: true, run }],
            )
        }
        Confirm::ReplaceWithImport => {
            let (dispatch, import) = (dispatch.clone(), state.import.clone());
            let catalogue = state.catalogue.clone();
            let run = Callback::from(move |_: MouseEvent| {
                let Some(import) = &import else { return };
                // An earlier version's answers are carried over by criterion id.
                let answers =
                    match selfcheck_core::migrate::carry_over(&import.catalogue, &import.result.answers, &catalogue) {
                        Ok(answers) => answers,
                        Err(error) => {
                            dispatch.emit(Action::SetConfirm(None));
                            dispatch.emit(Action::Say(Place::Import, Notice::Error(S::ImportFailed, error.into())));
                            return;
                        }
                    };
                let profile = answers.to_doc(&catalogue).profile;
                dispatch.emit(Action::ReplaceDraft(
                    Shared::new(answers),
                    Shared::new(profile),
                    Place::Import,
                    Notice::Info(S::ImportedDraft),
                ));
                dispatch.emit(Action::SetImport(None));
            });
            let label = S::ConfirmImport.get(lang).to_owned();
            (
                S::ImportReplaceQuestion.get(lang).to_owned(),
                vec![Choice { label, name: "confirm-import", danger: true, run }],
            )
        }
        Confirm::ExportIncomplete => {
            let question = S::ExportOpenQuestion.fill(
                lang,
                &[
                    ("open", &open.to_string()),
                    ("total", &total.to_string()),
                    ("answered", &(total - open).to_string()),
                ],
            );
            let label = S::ConfirmExportOpen.get(lang).to_owned();
            (
                question,
                vec![Choice {
                    label,
                    name: "confirm-export",
                    danger: false,
                    run: send(dispatch, Action::ConfirmExport),
                }],
            )
        }
        Confirm::ForgetKey => {
            let (dispatch, host, give_back) = (dispatch.clone(), host.clone(), give_back.clone());
            let run = Callback::from(move |_: MouseEvent| {
                // The button that opened the dialog goes with the key: the focus goes to the
                // first field of what comes instead, once it is there.
                *give_back.borrow_mut() = false;
                dispatch.emit(Action::SetConfirm(None));
                dispatch.emit(Action::SetKey(None));
                dispatch.emit(Action::Say(Place::Key, Notice::Info(S::KeyRemoved)));
                let host = host.clone();
                gloo_timers::callback::Timeout::new(0, move || {
                    if let Some(host) = &host {
                        host.focus("selfcheck-passphrase-new");
                    }
                })
                .forget();
            });
            let label = S::ConfirmForgetKey.get(lang).to_owned();
            (
                S::ForgetKeyQuestion.get(lang).to_owned(),
                vec![Choice { label, name: "confirm-forget-key", danger: true, run }],
            )
        }
        Confirm::PrintUnsigned => {
            let print = send(dispatch, Action::Print);
            let (dispatch, host, give_back) = (dispatch.clone(), host.clone(), give_back.clone());
            let export_first = Callback::from(move |_: MouseEvent| {
                *give_back.borrow_mut() = false;
                dispatch.emit(Action::SetConfirm(None));
                if let Some(host) = &host {
                    host.focus("selfcheck-passphrase-unlock");
                }
            });
            let choices = vec![
                Choice {
                    label: S::PrintExportFirst.get(lang).to_owned(),
                    name: "print-export-first",
                    danger: false,
                    run: export_first,
                },
                Choice {
                    label: S::PrintDraft.get(lang).to_owned(),
                    name: "confirm-print-draft",
                    danger: false,
                    run: print,
                },
            ];
            (S::PrintUnsignedQuestion.get(lang).to_owned(), choices)
        }
    };
    let cancel_label = if *confirm == Confirm::ExportIncomplete { S::KeepAnswering } else { S::Cancel };
    let on_key = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                dispatch.emit(Action::SetConfirm(None));
            } else if event.key() == "Tab" {
                // Keep the focus inside the dialog while it is open: from the last button to
                // the first, and back.
                let Some(dialog) = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                else {
                    return;
                };
                let Ok(buttons) = dialog.query_selector_all("button") else { return };
                let first = buttons.get(0);
                let last = buttons.get(buttons.length().saturating_sub(1));
                let target = event.target().and_then(|target| target.dyn_into::<web_sys::Node>().ok());
                let (from, to) = if event.shift_key() { (first, last) } else { (last, first) };
                if let (Some(from), Some(to), Some(target)) = (from, to, target)
                    && from.is_same_node(Some(&target))
                {
                    event.prevent_default();
                    if let Ok(to) = to.dyn_into::<web_sys::HtmlElement>() {
                        let _ = to.focus();
                    }
                }
            }
        })
    };
    html! {
        <div class="selfcheck-overlay">
            <div class="selfcheck-dialog" role="dialog" aria-modal="true" aria-labelledby="selfcheck-dialog-question" onkeydown={on_key}>
                <p id="selfcheck-dialog-question">{ question }</p>
                <div class="selfcheck-row">
                    <button type="button" ref={cancel_ref} data-action="cancel" onclick={send(dispatch, Action::SetConfirm(None))}>
                        { cancel_label.get(lang) }
                    </button>
                    { for choices.into_iter().map(|choice| html! {
                        <button type="button" class={classes!(if choice.danger { "selfcheck-danger" } else { "selfcheck-primary" })}
                            data-action={choice.name} onclick={choice.run}>
                            { choice.label }
                        </button>
                    }) }
                </div>
            </div>
        </div>
    }
}
