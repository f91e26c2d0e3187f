//! Importing a signed result: verified first; then continue from its answers or compare it
//! with the current draft area by area. A bad file leaves the draft exactly as it was.

use std::rc::Rc;

use selfcheck_core::verify_result;
use yew::prelude::*;

use super::send;
use crate::browser;
use crate::i18n::S;
use crate::state::{Action, Confirm, Imported, Notice, State};

/// Properties of the import panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ImportProps {
    /// The whole state.
    pub state: State,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// The import panel.
#[component]
pub fn ImportPanel(props: &ImportProps) -> Html {
    let ImportProps { state, dispatch } = props;
    let lang = state.lang;
    let on_file = {
        let (dispatch, catalogue) = (dispatch.clone(), state.catalogue.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, catalogue) = (dispatch.clone(), catalogue.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let limit = selfcheck_core::credential::MAX_RESULT_BYTES;
                let json = match browser::read_text(&file, selfcheck_core::Document::Result, limit).await {
                    Ok(json) => json,
                    Err(failure) => {
                        dispatch.emit(Action::SetImport(None));
                        return dispatch.emit(Action::SetNotice(Some(failure.notice(S::ImportFailed))));
                    }
                };
                let mut catalogues: Vec<&selfcheck_core::Catalogue> =
                    selfcheck_core::Catalogue::builtins().iter().collect();
                catalogues.push(&catalogue);
                let now = selfcheck_core::Timestamp::from_unix_seconds(browser::now_unix_seconds());
                match verify_result(&json, &catalogues, &now) {
                    Ok(result) => {
                        dispatch.emit(Action::SetNotice(None));
                        dispatch.emit(Action::SetImport(Some(Imported {
                            result: Rc::new(result),
                            file_name: file.name(),
                            comparing: false,
                        })));
                    }
                    Err(error) => {
                        dispatch.emit(Action::SetImport(None));
                        dispatch.emit(Action::SetNotice(Some(Notice::Error(S::ImportFailed, Rc::new(error)))));
                    }
                }
            });
        })
    };
    let failed = matches!(&state.notice, Some(Notice::Error(S::ImportFailed, _) | Notice::Detail(S::ImportFailed, _)));
    html! {
        <section class="selfcheck-area" id="selfcheck-import" aria-labelledby="selfcheck-import-title">
            <h2 id="selfcheck-import-title">{ S::ImportSection.get(lang) }</h2>
            <p class="selfcheck-muted">{ S::ImportIntro.get(lang) }</p>
            <label for="selfcheck-result-file">{ S::ImportFile.get(lang) }</label>
            <input id="selfcheck-result-file" type="file" accept=".json,application/json" data-result-file="" onchange={on_file} />
            if failed {
                <p data-testid="import-message" data-state="error" class="selfcheck-field-message">
                    { state.notice.as_ref().map(|notice| super::toolbar::notice_text(notice, lang)).unwrap_or_default() }
                </p>
            }
            if let Some(import) = &state.import {
                { imported_view(state, import, dispatch) }
            }
        </section>
    }
}

fn imported_view(state: &State, import: &Imported, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let catalogue = &state.catalogue;
    let result = &import.result;
    let report = &result.report;
    let profile = &result.answers.profile;
    let grade = |index: usize| catalogue.grades()[index].label.get(lang);
    let summary = format!(
        "{}{} · {} ({}) · {} – {} · {} {} · {} · {} {}",
        S::ImportVerified.get(lang),
        import.file_name,
        profile.name,
        profile.credit_code.as_ref().map(|code| code.as_str()).unwrap_or(""),
        profile.period_from,
        profile.period_to,
        S::Score.get(lang),
        report.score,
        grade(report.grade),
        S::Fingerprint.get(lang),
        result.key.fingerprint()
    );
    let current = &state.report;
    html! {
        <div class="selfcheck-import-result">
            <p data-testid="import-message" data-state="ok" role="status">{ summary }</p>
            <div class="selfcheck-row">
                <button type="button" data-action="import-continue" onclick={send(dispatch, Action::SetConfirm(Some(Confirm::ReplaceWithImport)))}>
                    { S::ImportContinue.get(lang) }
                </button>
                <button type="button" data-action="import-compare" aria-expanded={import.comparing.to_string()}
                    onclick={send(dispatch, Action::ToggleCompare)}>
                    { S::ImportCompare.get(lang) }
                </button>
            </div>
            if import.comparing {
                <table data-testid="compare" class="selfcheck-area-table">
                    <caption>{ S::ImportCompare.get(lang) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ S::Area.get(lang) }</th>
                            <th scope="col">{ S::Imported.get(lang) }</th>
                            <th scope="col">{ S::Current.get(lang) }</th>
                            <th scope="col">{ S::Change.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for catalogue.areas().iter().enumerate().map(|(index, area)| {
                            let (then, then_max) = report.areas[index];
                            let (now, now_max) = current.areas[index];
                            html! {
                                <tr>
                                    <th scope="row">{ format!("{} {}", area.id, area.title.get(lang)) }</th>
                                    <td>{ format!("{then} / {then_max}") }</td>
                                    <td>{ format!("{now} / {now_max}") }</td>
                                    <td>{ signed(i64::from(now) - i64::from(then)) }</td>
                                </tr>
                            }
                        }) }
                        <tr>
                            <th scope="row">{ S::Score.get(lang) }</th>
                            <td>{ format!("{} · {}", report.score, grade(report.grade)) }</td>
                            <td>{ format!("{} · {}", current.score, grade(current.grade)) }</td>
                            <td>{ signed(i64::from(current.score) - i64::from(report.score)) }</td>
                        </tr>
                    </tbody>
                </table>
            }
        </div>
    }
}

fn signed(change: i64) -> String {
    if change > 0 { format!("+{change}") } else { change.to_string() }
}
