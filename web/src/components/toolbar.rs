//! The header with the draft's tools, and the banners: storage failure, another tab's
//! changes, and the current message.

use selfcheck_core::{Answers, Lang};
use yew::prelude::*;

use super::send;
use crate::browser;
use crate::host::HostRef;
use crate::i18n::{S, error_text};
use crate::state::{Action, Confirm, Notice, Shared, State, StorageState};
use crate::storage;

/// Properties of the toolbar and the banners.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ToolbarProps {
    /// The whole state.
    pub state: State,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// Offers the draft as a file, so that nothing is lost when the browser cannot keep it.
pub fn download_draft(state: &State) -> Callback<MouseEvent> {
    let (catalogue, answers, profile) = (state.catalogue.clone(), state.answers.clone(), state.profile.clone());
    Callback::from(move |_: MouseEvent| {
        let draft = storage::draft_doc(&catalogue, &answers, &profile);
        let json = selfcheck_core::json::pretty(&draft.to_json());
        let code = profile.credit_code.trim();
        let name = if code.is_empty() { "selfcheck".to_owned() } else { code.to_ascii_uppercase() };
        let _ = browser::download(
            &format!("{name}-draft-{}.json", browser::local_date_compact()),
            json.as_bytes(),
            "application/json",
        );
    })
}

/// The header.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let ToolbarProps { state, dispatch } = props;
    let lang = state.lang;
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let load_draft = {
        let (dispatch, catalogue) = (dispatch.clone(), state.catalogue.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, catalogue) = (dispatch.clone(), catalogue.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let limit = selfcheck_core::answers::MAX_ANSWERS_BYTES;
                let action = match browser::read_text(&file, selfcheck_core::Document::Draft, limit).await {
                    Err(failure) => Action::SetNotice(Some(failure.notice(S::DraftFileInvalid))),
                    Ok(json) => match Answers::from_draft_json(&catalogue, &json) {
                        Ok((answers, profile)) => Action::ReplaceDraft(
                            Shared::new(answers),
                            Shared::new(profile),
                            Notice::Info(S::DraftLoaded),
                        ),
                        Err(error) => Action::SetNotice(Some(Notice::Error(S::DraftFileInvalid, error.into()))),
                    },
                };
                dispatch.emit(action);
            });
        })
    };
    let (status, status_text) = match state.storage {
        StorageState::Off => ("off", S::StorageOff),
        StorageState::Saved => ("saved", S::Saved),
        StorageState::Saving => ("saving", S::Saving),
        StorageState::Failed => ("failed", S::StorageFailed),
    };
    html! {
        <header class="selfcheck-header">
            <h1>{ state.catalogue.title().get(lang) }</h1>
            <div class="selfcheck-toolbar" role="group" aria-label={S::Draft.get(lang)}>
                <span class="selfcheck-storage" data-testid="storage-status" data-state={status} role="status">
                    { if state.storage == StorageState::Failed { S::Draft.get(lang) } else { status_text.get(lang) } }
                </span>
                <button type="button" data-action="download-draft" onclick={download_draft(state)}>{ S::DownloadDraft.get(lang) }</button>
                <label class="selfcheck-file-button">
                    { S::LoadDraft.get(lang) }
                    <input type="file" accept=".json,application/json" data-draft-file="" onchange={load_draft} />
                </label>
                <button type="button" data-action="start-over" onclick={send(dispatch, Action::SetConfirm(Some(Confirm::StartOver)))}>
                    { S::StartOver.get(lang) }
                </button>
                <button type="button" data-action="print" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ S::Print.get(lang) }</button>
                <button type="button" data-action="lang" lang={other.tag()} aria-label={S::LanguageSwitchLabel.get(lang)}
                    onclick={send(dispatch, Action::SetLang(other))}>
                    { S::LanguageSwitch.get(lang) }
                </button>
            </div>
        </header>
    }
}

/// The banners under the header.
#[component]
pub fn Banners(props: &ToolbarProps) -> Html {
    let ToolbarProps { state, dispatch } = props;
    let lang = state.lang;
    let host = use_context::<HostRef>();
    let load_other = {
        let (dispatch, catalogue, host) = (dispatch.clone(), state.catalogue.clone(), host.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(host) = &host else { return };
            let Some(keys) = &host.keys else { return };
            if let Some(((answers, profile), revision)) = storage::other_tab_draft(keys, &catalogue) {
                host.base_revision.set(revision);
                dispatch.emit(Action::ReplaceDraft(
                    Shared::new(answers),
                    Shared::new(profile),
                    Notice::Info(S::DraftLoaded),
                ));
            }
        })
    };
    let keep_this = {
        let (dispatch, state) = (dispatch.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(host) = &host else { return };
            let Some(keys) = &host.keys else { return };
            let draft = storage::draft_doc(&state.catalogue, &state.answers, &state.profile);
            let mut base = host.base_revision.get();
            let outcome = storage::save(keys, &host.tab, &mut base, &draft, true);
            host.base_revision.set(base);
            dispatch.emit(Action::KeepThisTab);
            if outcome == storage::SaveOutcome::Failed {
                dispatch.emit(Action::SaveFailed);
            }
        })
    };
    html! {
        <div class="selfcheck-banners">
            if state.storage == StorageState::Failed {
                <div class="selfcheck-banner selfcheck-banner-error" data-testid="storage-error" role="alert">
                    <p>{ S::StorageFailed.get(lang) }</p>
                    <button type="button" data-action="download-draft" onclick={download_draft(state)}>{ S::DownloadDraft.get(lang) }</button>
                </div>
            }
            if state.conflict {
                <div class="selfcheck-banner selfcheck-banner-warning" data-testid="conflict" role="alert">
                    <p>{ S::Conflict.get(lang) }</p>
                    <button type="button" data-action="load-other-tab" onclick={load_other}>{ S::LoadOtherTab.get(lang) }</button>
                    <button type="button" data-action="keep-this-tab" onclick={keep_this}>{ S::KeepThisTab.get(lang) }</button>
                </div>
            }
            if let Some(notice) = &state.notice {
                <div class={classes!("selfcheck-banner", matches!(notice, Notice::Error(..)).then_some("selfcheck-banner-error"))}
                    data-testid="notice" role={if matches!(notice, Notice::Error(..)) { "alert" } else { "status" }}>
                    <p>{ notice_text(notice, lang) }</p>
                    <button type="button" class="selfcheck-small" onclick={send(dispatch, Action::SetNotice(None))}>{ S::Close.get(lang) }</button>
                </div>
            }
        </div>
    }
}

/// A message in words.
pub fn notice_text(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::Error(context, error) => format!("{}{}", with_colon(context.get(lang), lang), error_text(error, lang)),
        Notice::Info(message) => message.get(lang).to_owned(),
        Notice::Detail(message, detail) => format!("{}{detail}", with_colon(message.get(lang), lang)),
    }
}

/// A label followed by its detail: add the colon the label does not end with already.
fn with_colon(label: &str, lang: Lang) -> String {
    if label.ends_with('：') || label.ends_with(": ") {
        label.to_owned()
    } else if lang == Lang::Zh {
        format!("{label}：")
    } else {
        format!("{label}: ")
    }
}
