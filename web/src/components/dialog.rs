//! A confirmation asked before anything is thrown away. A plain element with role=dialog
//! (Safari 15.0 has no `<dialog>`), taking the focus while open and giving it back on Escape.

use selfcheck_core::Lang;
use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use super::send;
use crate::host::HostRef;
use crate::i18n::S;
use crate::state::{Action, Confirm, Notice, Shared, State};

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

/// The confirmation.
#[component]
pub fn ConfirmDialog(props: &DialogProps) -> Html {
    let DialogProps { confirm, lang, state, dispatch } = props;
    let lang = *lang;
    let cancel_ref = use_node_ref();
    let host = use_context::<HostRef>();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with(*confirm, move |_| {
            if let Some(button) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let (question, confirm_label, action_name, on_confirm) = match confirm {
        Confirm::StartOver => {
            let dispatch = dispatch.clone();
            let on_confirm = Callback::from(move |_: MouseEvent| {
                if let Some(keys) = host.as_ref().and_then(|host| host.keys.as_ref()) {
                    crate::storage::clear_draft(keys);
                }
                dispatch.emit(Action::StartOver);
            });
            (S::StartOverQuestion, S::ConfirmStartOver, "confirm-start-over", on_confirm)
        }
        Confirm::ReplaceWithImport => {
            let (dispatch, import) = (dispatch.clone(), state.import.clone());
            let catalogue = state.catalogue.clone();
            let on_confirm = Callback::from(move |_: MouseEvent| {
                let Some(import) = &import else { return };
                let answers = import.result.answers.clone();
                let profile = answers.to_doc(&catalogue).profile;
                dispatch.emit(Action::ReplaceDraft(
                    Shared::new(answers),
                    Shared::new(profile),
                    Notice::Info(S::DraftLoaded),
                ));
                dispatch.emit(Action::SetImport(None));
            });
            (S::ImportReplaceQuestion, S::ConfirmImport, "confirm-import", on_confirm)
        }
    };
    let on_key = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                dispatch.emit(Action::SetConfirm(None));
            } else if event.key() == "Tab" {
                // Keep the focus inside the dialog while it is open.
                let target = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
                let is_confirm = target
                    .and_then(|element| element.get_attribute("data-action"))
                    .is_some_and(|name| name.starts_with("confirm"));
                let going_out = if event.shift_key() { !is_confirm } else { is_confirm };
                if going_out {
                    event.prevent_default();
                }
            }
        })
    };
    html! {
        <div class="selfcheck-overlay">
            <div class="selfcheck-dialog" role="dialog" aria-modal="true" aria-labelledby="selfcheck-dialog-question" onkeydown={on_key}>
                <p id="selfcheck-dialog-question">{ question.get(lang) }</p>
                <div class="selfcheck-row">
                    <button type="button" ref={cancel_ref} data-action="cancel" onclick={send(dispatch, Action::SetConfirm(None))}>
                        { S::Cancel.get(lang) }
                    </button>
                    <button type="button" class="selfcheck-danger" data-action={action_name} onclick={on_confirm}>
                        { confirm_label.get(lang) }
                    </button>
                </div>
            </div>
        </div>
    }
}
