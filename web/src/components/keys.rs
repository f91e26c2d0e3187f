//! The association's key and the signed export: create a key (passphrase twice; the backup
//! must be downloaded before use) or load a key file; then sign with the core's one signing
//! function and download the result.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use selfcheck_core::keys::PBKDF2_ITERATIONS;
use selfcheck_core::{AssociationKey, Error, Timestamp, sign_result, verify_result};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::send;
use crate::browser;
use crate::i18n::S;
use crate::state::{Action, Busy, ExportInfo, KeyInfo, Notice, State};
use crate::storage;

/// Properties of the key panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct KeyPanelProps {
    /// The whole state.
    pub state: State,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// Runs `work` after the browser has painted the busy state: key derivation blocks the page
/// for about a second, and the user should see why.
fn after_paint(dispatch: &Callback<Action>, busy: Busy, work: impl FnOnce() -> Vec<Action> + 'static) {
    dispatch.emit(Action::SetBusy(Some(busy)));
    let dispatch = dispatch.clone();
    Timeout::new(30, move || {
        let actions = work();
        dispatch.emit(Action::SetBusy(None));
        for action in actions {
            dispatch.emit(action);
        }
    })
    .forget();
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>().map(|input| input.value()).unwrap_or_default()
}

fn clear(nodes: &[&NodeRef]) {
    for node in nodes {
        if let Some(input) = node.cast::<HtmlInputElement>() {
            input.set_value("");
        }
    }
}

/// The key and export panel.
#[component]
pub fn KeyPanel(props: &KeyPanelProps) -> Html {
    let KeyPanelProps { state, dispatch } = props;
    let lang = state.lang;
    let (new_ref, repeat_ref, load_pass_ref, unlock_ref) =
        (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    let busy = state.busy.is_some();

    let create = {
        let (dispatch, new_ref, repeat_ref) = (dispatch.clone(), new_ref.clone(), repeat_ref.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (passphrase, repeated) = (input_value(&new_ref), input_value(&repeat_ref));
            if passphrase != repeated {
                dispatch.emit(Action::SetNotice(Some(Notice::Info(S::PassphraseMismatch))));
                return;
            }
            clear(&[&new_ref, &repeat_ref]);
            after_paint(&dispatch, Busy::CreatingKey, move || {
                let made = (|| {
                    let key = AssociationKey::from_seed(random()?);
                    let pem = key.to_encrypted_pem(&passphrase, random()?, random()?, PBKDF2_ITERATIONS)?;
                    Ok::<_, Failure>(storage::key_info(&pem, &key.public(), false))
                })();
                match made {
                    Ok(info) => vec![Action::SetKey(info), Action::SetNotice(Some(Notice::Info(S::KeyBackupNeeded)))],
                    Err(failure) => vec![failure.into_action(S::KeySection)],
                }
            });
        })
    };

    let download_key = {
        let (dispatch, key) = (dispatch.clone(), state.key.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(key) = &key else { return };
            let name = format!("selfcheck-key-{}.pem", key.fingerprint.replace(' ', "").get(..8).unwrap_or(""));
            match browser::download(&name, key.pem.as_bytes(), "application/x-pem-file") {
                Ok(()) => {
                    dispatch.emit(Action::KeyBackedUp);
                    dispatch.emit(Action::SetNotice(Some(Notice::Info(S::KeyReady))));
                }
                Err(error) => {
                    dispatch.emit(Action::SetNotice(Some(Notice::Detail(S::FileUnreadable, browser::describe(error)))))
                }
            }
        })
    };

    let load_key = {
        let (dispatch, load_pass_ref) = (dispatch.clone(), load_pass_ref.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let passphrase = input_value(&load_pass_ref);
            clear(&[&load_pass_ref]);
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let limit = selfcheck_core::keys::MAX_KEY_FILE_BYTES;
                let pem = match browser::read_text(&file, selfcheck_core::Document::KeyFile, limit).await {
                    Ok(pem) => pem,
                    Err(failure) => return dispatch.emit(Action::SetNotice(Some(failure.notice(S::KeySection)))),
                };
                after_paint(&dispatch, Busy::CreatingKey, move || {
                    match AssociationKey::from_encrypted_pem(&pem, &passphrase) {
                        // A key loaded from a file is its own backup.
                        Ok(key) => {
                            vec![Action::SetKey(storage::key_info(&pem, &key.public(), true)), Action::SetNotice(None)]
                        }
                        Err(error) => vec![Failure::Core(error).into_action(S::KeySection)],
                    }
                });
            });
        })
    };

    let host = use_context::<crate::host::HostRef>();
    let export = {
        let (dispatch, state, unlock_ref, host) = (dispatch.clone(), state.clone(), unlock_ref.clone(), host.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(key) = state.key.clone() else { return };
            let passphrase = input_value(&unlock_ref);
            clear(&[&unlock_ref]);
            let (state, host) = (state.clone(), host.clone());
            after_paint(&dispatch, Busy::Signing, move || match export_result(&state, &key, &passphrase) {
                Ok((info, result)) => {
                    if let Some(host) = &host {
                        // The same text as the downloaded file.
                        let detail = serde_json::json!({ "fileName": info.file_name, "result": format!("{result}\n") });
                        host.emit("exported", &detail.to_string());
                    }
                    vec![Action::Exported(info)]
                }
                Err(failure) => vec![failure.into_action(S::ExportSection)],
            });
        })
    };

    let profile_ready = state.profile_complete();
    let key_ready = state.key.as_ref().is_some_and(|key| key.backed_up);
    html! {
        <section class="selfcheck-area" id="selfcheck-key" aria-labelledby="selfcheck-key-title">
            <h2 id="selfcheck-key-title">{ S::ExportSection.get(lang) }</h2>
            <p class="selfcheck-muted">{ S::KeyIntro.get(lang) }</p>
            <h3>{ S::KeySection.get(lang) }</h3>
            if let Some(key) = &state.key {
                <dl class="selfcheck-key-facts">
                    <dt>{ S::Fingerprint.get(lang) }</dt>
                    <dd data-testid="fingerprint" class="selfcheck-mono">{ key.fingerprint.clone() }</dd>
                    <dt>{ "did:key" }</dt>
                    <dd data-testid="did" class="selfcheck-mono selfcheck-break">{ key.did.clone() }</dd>
                </dl>
                <div class="selfcheck-row">
                    <button type="button" data-action="download-key" onclick={download_key}
                        class={classes!((!key.backed_up).then_some("selfcheck-primary"))}>{ S::DownloadKey.get(lang) }</button>
                    <button type="button" class="selfcheck-small" data-action="forget-key" onclick={send(dispatch, Action::SetKey(None))}>
                        { S::ForgetKey.get(lang) }
                    </button>
                </div>
                if !key.backed_up { <p class="selfcheck-field-message" role="status">{ S::KeyBackupNeeded.get(lang) }</p> }
            } else {
                <form class="selfcheck-fields" onsubmit={create}>
                    <div class="selfcheck-field">
                        <label for="selfcheck-passphrase-new">{ S::NewPassphrase.get(lang) }</label>
                        <input id="selfcheck-passphrase-new" ref={new_ref} type="password" data-passphrase="new"
                            autocomplete="new-password" minlength="8" required=true />
                    </div>
                    <div class="selfcheck-field">
                        <label for="selfcheck-passphrase-repeat">{ S::RepeatPassphrase.get(lang) }</label>
                        <input id="selfcheck-passphrase-repeat" ref={repeat_ref} type="password" data-passphrase="repeat"
                            autocomplete="new-password" minlength="8" required=true />
                    </div>
                    <button type="submit" data-action="create-key" disabled={busy}>{ S::CreateKey.get(lang) }</button>
                </form>
                <div class="selfcheck-fields">
                    <div class="selfcheck-field">
                        <label for="selfcheck-passphrase-load">{ S::UnlockPassphrase.get(lang) }</label>
                        <input id="selfcheck-passphrase-load" ref={load_pass_ref} type="password" data-passphrase="load" autocomplete="current-password" />
                    </div>
                    <div class="selfcheck-field">
                        <label for="selfcheck-key-file">{ S::LoadKey.get(lang) }</label>
                        <input id="selfcheck-key-file" type="file" accept=".pem" data-key-file="" onchange={load_key} disabled={busy} />
                    </div>
                </div>
            }
            if state.busy == Some(Busy::CreatingKey) { <p role="status" class="selfcheck-busy">{ S::CreatingKey.get(lang) }</p> }
            <h3>{ S::Export.get(lang) }</h3>
            if !profile_ready { <p class="selfcheck-field-message">{ S::ExportNeedsProfile.get(lang) }</p> }
            if !key_ready { <p class="selfcheck-field-message">{ S::ExportNeedsKey.get(lang) }</p> }
            <form class="selfcheck-fields" onsubmit={export}>
                <div class="selfcheck-field">
                    <label for="selfcheck-passphrase-unlock">{ S::UnlockPassphrase.get(lang) }</label>
                    <input id="selfcheck-passphrase-unlock" ref={unlock_ref} type="password" data-passphrase="unlock" autocomplete="current-password" />
                </div>
                <button type="submit" class="selfcheck-primary" data-action="export" disabled={busy || !profile_ready || !key_ready}>
                    { S::Export.get(lang) }
                </button>
            </form>
            if state.busy == Some(Busy::Signing) { <p role="status" class="selfcheck-busy">{ S::Signing.get(lang) }</p> }
        </section>
    }
}

/// What can go wrong making a key or a result: the core's errors, or the browser's.
enum Failure {
    Core(Error),
    Browser(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::Core(error)
    }
}

impl Failure {
    fn into_action(self, context: S) -> Action {
        Action::SetNotice(Some(match self {
            Failure::Core(error) => Notice::Error(context, Rc::new(error)),
            Failure::Browser(detail) => Notice::Detail(context, detail),
        }))
    }
}

fn random<const N: usize>() -> Result<[u8; N], Failure> {
    browser::random_bytes().map_err(|error| Failure::Browser(browser::describe(error)))
}

/// Unlocks the key, signs the draft with the core's signing function, checks the result with
/// the core's verifier, and downloads it as `CREDITCODE-YYYYMMDD.json`.
fn export_result(state: &State, key: &KeyInfo, passphrase: &str) -> Result<(ExportInfo, String), Failure> {
    let mut answers = (*state.answers).clone();
    answers.set_profile(&state.profile)?;
    let signing_key = AssociationKey::from_encrypted_pem(&key.pem, passphrase)?;
    let issued = Timestamp::from_unix_seconds(browser::now_unix_seconds());
    let result = sign_result(&state.catalogue, &answers, &signing_key, &issued, random()?)?;
    let verified = verify_result(&result, &[&state.catalogue], &issued)?;
    let code = answers.profile.credit_code.as_ref().map(|code| code.as_str().to_owned()).unwrap_or_default();
    let file_name = format!("{code}-{}.json", browser::local_date_compact());
    browser::download(&file_name, format!("{result}\n").as_bytes(), "application/json")
        .map_err(|error| Failure::Browser(browser::describe(error)))?;
    let report = &verified.report;
    let info = ExportInfo {
        file_name,
        digest: verified.digest.clone(),
        signed_at: issued.to_string(),
        fingerprint: key.fingerprint.clone(),
        claims: (code, report.total, report.maximum, report.score),
    };
    Ok((info, result))
}
