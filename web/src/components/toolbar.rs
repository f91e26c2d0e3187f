//! The header with the draft's tools and their messages, and the banners for what concerns
//! the whole page: storage failure, a draft set aside or carried over.

use selfcheck_core::Lang;
use yew::prelude::*;

use super::{ConflictPanel, MessageView, send};
use crate::browser;
use crate::i18n::S;
use crate::state::{Action, Confirm, Notice, OtherAssociation, Place, Shared, State, StorageState};
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
pub fn download_draft(state: &State, dispatch: &Callback<Action>, place: Place) -> Callback<MouseEvent> {
    let (catalogue, answers, profile) = (state.catalogue.clone(), state.answers.clone(), state.profile.clone());
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| {
        let draft = crate::draft::draft_doc(&catalogue, &answers, &profile);
        let json = selfcheck_core::json::pretty(&draft.to_json());
        // The code in its one spelling, as the result's file name has it.
        let code = super::profile::tidy_credit_code(&profile.credit_code);
        let name = if code.is_empty() { "selfcheck".to_owned() } else { code };
        let file_name = format!("{name}-draft-{}.json", browser::local_date_compact());
        if let Err(error) = browser::download(&file_name, json.as_bytes(), "application/json") {
            dispatch.emit(Action::Say(place, Notice::Browser(S::DownloadFailed, browser::describe(error))));
        }
    })
}

/// The header.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let ToolbarProps { state, dispatch } = props;
    let lang = state.lang;
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let load_draft = {
        let (dispatch, catalogue, host_profile) =
            (dispatch.clone(), state.catalogue.clone(), state.host_profile.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, catalogue, host_profile) = (dispatch.clone(), catalogue.clone(), host_profile.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let limit = selfcheck_core::answers::MAX_ANSWERS_BYTES;
                let action = match browser::read_text(&file, selfcheck_core::Document::Draft, limit).await {
                    Err(failure) => Action::Say(Place::Draft, failure.notice(S::DraftFileInvalid)),
                    Ok(json) => match storage::read_draft(&catalogue, &json) {
                        // Another association's draft would be signed under the host's name.
                        Ok((_, profile, _)) if host_profile.differing(&profile.name, &profile.credit_code).any() => {
                            let fields = host_profile.differing(&profile.name, &profile.credit_code);
                            let credit_code = super::profile::tidy_credit_code(&profile.credit_code);
                            let other = OtherAssociation { name: profile.name, credit_code, fields };
                            Action::Say(Place::Draft, Notice::OtherAssociation(S::DraftOtherAssociation, other))
                        }
                        Ok((answers, profile, carried_over_from)) => Action::ReplaceDraft(
                            Shared::new(answers),
                            Shared::new(profile),
                            Place::Draft,
                            match carried_over_from {
                                Some(version) => Notice::Detail(S::DraftCarriedOver, version),
                                None => Notice::Detail(S::DraftFromFile, file.name()),
                            },
                        ),
                        Err(error) => Action::Say(Place::Draft, Notice::Error(S::DraftFileInvalid, error.into())),
                    },
                };
                dispatch.emit(action);
            });
        })
    };
    let print = {
        let (dispatch, signed) = (dispatch.clone(), state.current_export().is_some());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(if signed { Action::Print } else { Action::SetConfirm(Some(Confirm::PrintUnsigned)) })
        })
    };
    let (status, status_text) = match state.storage {
        _ if state.conflict => ("paused", S::SavingPaused),
        StorageState::Starting => ("starting", S::Starting),
        StorageState::Off => ("off", S::StorageOff),
        StorageState::Saved => ("saved", S::Saved),
        StorageState::Saving => ("saving", S::Saving),
        StorageState::Failed => ("failed", S::Draft),
    };
    html! {
        <header class="selfcheck-header">
            <div class="selfcheck-header-row">
                <h1>{ state.catalogue.title().get(lang) }</h1>
                <div class="selfcheck-toolbar" role="group" aria-label={S::Draft.get(lang)}>
                    <span class="selfcheck-storage" data-testid="storage-status" data-state={status} role="status">
                        { status_text.get(lang) }
                    </span>
                    <button type="button" data-action="download-draft" onclick={download_draft(state, dispatch, Place::Draft)}>{ S::DownloadDraft.get(lang) }</button>
                    <label class="selfcheck-file-button">
                        { S::LoadDraft.get(lang) }
                        <input type="file" accept=".json,application/json" data-draft-file="" onchange={load_draft} />
                    </label>
                    <button type="button" data-action="start-over" onclick={send(dispatch, Action::SetConfirm(Some(Confirm::StartOver)))}>
                        { S::StartOver.get(lang) }
                    </button>
                    <button type="button" data-action="print" onclick={print}>{ S::Print.get(lang) }</button>
                    <button type="button" data-action="lang" lang={other.tag()} aria-label={S::LanguageSwitchLabel.get(lang)}
                        onclick={send(dispatch, Action::SetLang(other))}>
                        { S::LanguageSwitch.get(lang) }
                    </button>
                </div>
            </div>
            if let Some(notice) = state.message(Place::Draft) {
                <MessageView place={Place::Draft} notice={notice.clone()} {lang} dispatch={dispatch.clone()} />
            }
        </header>
    }
}

/// The banners under the header: what concerns the whole page.
#[component]
pub fn Banners(props: &ToolbarProps) -> Html {
    let ToolbarProps { state, dispatch } = props;
    let lang = state.lang;
    html! {
        <div class="selfcheck-banners">
            if state.storage == StorageState::Failed {
                <div class="selfcheck-banner selfcheck-banner-error" data-testid="storage-error" role="alert">
                    <p>{ S::StorageFailed.get(lang) }</p>
                    <button type="button" data-action="download-draft" onclick={download_draft(state, dispatch, Place::Page)}>{ S::DownloadDraft.get(lang) }</button>
                </div>
            }
            // A conflict is reported where the user last edited; before any edit, here.
            if state.conflict && state.last_edit.is_none() {
                <ConflictPanel {lang} dispatch={dispatch.clone()} />
            }
            if let Some(notice) = state.message(Place::Page) {
                <MessageView place={Place::Page} notice={notice.clone()} {lang} dispatch={dispatch.clone()} banner=true />
            }
        </div>
    }
}
