//! Importing a signed result: verified first (against the current catalogue and every earlier
//! built-in version); then continue from its answers or compare it with the current draft
//! criterion by criterion (the core's `compare`). A bad file leaves the draft exactly as it was.

use std::rc::Rc;

use selfcheck_core::compare::{Comparison, CriterionChange, Side, Standing};
use selfcheck_core::{Answers, Catalogue, Lang, Report};
use yew::prelude::*;

use super::criterion::answer_label;
use super::send;
use crate::browser;
use crate::browser::Failure;
use crate::i18n::S;
use crate::signing;
use crate::state::{Action, Confirm, Imported, ImportedResult, OtherAssociation, Place, Shared, State};

/// Properties of the import panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ImportProps {
    /// The whole state.
    pub state: State,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// Reads a chosen file and verifies it as a signed result. A file of another kind is named
/// before the signing module is loaded; the module verifies the rest, and the answers it found
/// are read again here against the catalogue the result pins.
async fn import(
    file: &web_sys::File,
    catalogue: &Catalogue,
    host: Option<&crate::host::HostRef>,
) -> Result<(ImportedResult, Shared<Catalogue>), Failure> {
    let limit = selfcheck_core::credential::MAX_RESULT_BYTES;
    let json = browser::read_text(file, selfcheck_core::Document::Result, limit).await?;
    selfcheck_core::wire::expect_document(&json, selfcheck_core::Document::Result, limit)?;
    let verified = signing::module(host.map(|host| &**host)).await?.verify(&json, signing::now_unix())?;
    let digest = verified.catalogue_digest();
    let pinned = catalogue
        .and_builtins()
        .into_iter()
        .find(|known| known.digest() == digest)
        .ok_or_else(|| Failure::Browser(format!("the signing module named catalogue {digest}")))?;
    let answers = Answers::from_json(pinned, &verified.answers())?;
    let report = Report::compute(pinned, &answers)?;
    let imported = ImportedResult { answers, report, fingerprint: verified.fingerprint(), sm2: verified.sm2() };
    Ok((imported, Shared::new(pinned.clone())))
}

/// The import panel.
#[component]
pub fn ImportPanel(props: &ImportProps) -> Html {
    let ImportProps { state, dispatch } = props;
    let lang = state.lang;
    let host = use_context::<crate::host::HostRef>();
    let on_file = {
        let (dispatch, catalogue) = (dispatch.clone(), state.catalogue.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, catalogue, host) = (dispatch.clone(), catalogue.clone(), host.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match import(&file, &catalogue, host.as_ref()).await {
                    Ok((result, pinned)) => {
                        dispatch.emit(Action::Dismiss(Place::Import));
                        dispatch.emit(Action::SetImport(Some(Imported {
                            result: Rc::new(result),
                            catalogue: pinned,
                            file_name: file.name(),
                            comparing: false,
                            only_changed: true,
                        })));
                    }
                    Err(failure) => {
                        dispatch.emit(Action::SetImport(None));
                        dispatch.emit(Action::Say(Place::Import, failure.notice(S::ImportFailed)));
                    }
                }
            });
        })
    };
    html! {
        <section class="selfcheck-area" id="selfcheck-import" aria-labelledby="selfcheck-import-title">
            <h2 id="selfcheck-import-title">{ S::ImportSection.get(lang) }</h2>
            <p class="selfcheck-muted">{ S::ImportIntro.get(lang) }</p>
            <div>
                <label class="selfcheck-file-button">
                    { S::ImportFile.get(lang) }
                    <input id="selfcheck-result-file" type="file" accept=".json,application/json" data-result-file="" onchange={on_file} />
                </label>
            </div>
            { super::message_box(state, Place::Import, "import-message", dispatch) }
            if let Some(import) = &state.import {
                { imported_view(state, import, dispatch) }
            }
        </section>
    }
}

fn imported_view(state: &State, import: &Imported, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let result = &import.result;
    let report = &result.report;
    let pinned = &import.catalogue;
    let profile = result.answers.profile();
    let code = profile.credit_code().map(|code| code.as_str()).unwrap_or("");
    let association = if lang == Lang::Zh {
        format!("{}（{code}）", profile.name())
    } else {
        format!("{} ({code})", profile.name())
    };
    let summary = format!(
        "{}{} · {association} · {} · {} {} · {} {} · {} {} · {}",
        S::ImportVerified.get(lang),
        import.file_name,
        selfcheck_core::messages::profile_period(profile, lang),
        S::ScoreHeadline.get(lang),
        report.score(),
        S::Grade.get(lang),
        report.grade_text(lang),
        S::Fingerprint.get(lang),
        result.fingerprint,
        selfcheck_core::messages::sm2_present(result.sm2, lang),
    );
    let older = pinned.digest() != state.catalogue.digest();
    let code = profile.credit_code().map(|code| code.as_str()).unwrap_or("");
    // Continuing would put another association's answers under the name the host page fixes.
    let fields = state.host_profile.differing(profile.name(), code);
    let other = fields.any().then(|| OtherAssociation {
        name: profile.name().to_owned(),
        credit_code: code.to_owned(),
        fields,
    });
    html! {
        <div class="selfcheck-import-result">
            <p data-testid="import-message" data-state="ok" role="status">{ summary }</p>
            if older {
                <p class="selfcheck-hint">{ S::ImportOlderCatalogue.with(lang, pinned.version()) }</p>
            }
            if let Some(other) = &other {
                <p class="selfcheck-field-message" id="selfcheck-import-refused" data-testid="import-refused">
                    { other.text(S::ImportOtherAssociation, lang) }
                </p>
            }
            <div class="selfcheck-row">
                <button type="button" data-action="import-continue" disabled={other.is_some()}
                    aria-describedby={other.is_some().then_some("selfcheck-import-refused")}
                    onclick={send(dispatch, Action::SetConfirm(Some(Confirm::ReplaceWithImport)))}>
                    { S::ImportContinue.get(lang) }
                </button>
                <button type="button" data-action="import-compare" aria-expanded={import.comparing.to_string()}
                    onclick={send(dispatch, Action::ToggleCompare)}>
                    { S::ImportCompare.get(lang) }
                </button>
            </div>
            if import.comparing {
                { comparison_view(state, import, dispatch) }
            }
        </div>
    }
}

/// An answer as shown in the comparison.
fn standing_text(standing: Option<&Standing>, lang: Lang) -> String {
    match standing {
        None => S::NotInCatalogue.get(lang).to_owned(),
        Some(Standing { response: None, .. }) => S::OpenState.get(lang).to_owned(),
        Some(Standing { response: Some(response), points, maximum, .. }) => {
            format!("{} · {points} / {maximum}", answer_label(*response, lang))
        }
    }
}

fn signed(change: i64) -> String {
    if change > 0 { format!("+{change}") } else { change.to_string() }
}

/// The imported result (before) beside the current draft (after), criterion by criterion.
fn comparison_view(state: &State, import: &Imported, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let (current, pinned) = (&state.catalogue, &import.catalogue);
    // The imported result was verified against its catalogue and the draft is scored against
    // the page's, so each side fits; should one not, nothing is compared rather than a panic.
    let Ok(comparison) = Comparison::between(
        Side { answers: &import.result.answers, report: &import.result.report },
        Side { answers: &state.answers, report: &state.report },
    ) else {
        return Html::default();
    };
    let title = |change: &CriterionChange| {
        let criterion = change
            .index_after
            .map(|index| &current.criteria()[index])
            .or_else(|| change.index_before.map(|index| &pinned.criteria()[index]));
        criterion.map(|criterion| format!("{} {}", criterion.id, criterion.title.get(lang))).unwrap_or_default()
    };
    let area_title = |id: &str| {
        current
            .areas()
            .iter()
            .chain(pinned.areas())
            .find(|area| area.id == id)
            .map(|area| area.title.get(lang))
            .unwrap_or("")
    };
    let rows: Vec<&CriterionChange> =
        comparison.criteria.iter().filter(|change| !import.only_changed || change.changed()).collect();
    let grade = |side: usize| comparison.grade_texts[side].get(lang);
    html! {
        <div class="selfcheck-compare">
            <label class="selfcheck-choice">
                <input type="checkbox" data-action="only-changed" checked={import.only_changed} onchange={
                    let dispatch = dispatch.clone();
                    Callback::from(move |_: Event| dispatch.emit(Action::ToggleOnlyChanged))
                } />
                { S::OnlyChanged.get(lang) }
            </label>
            // Focusable, so that a table wider than a phone can be scrolled with the keyboard.
            <div class="selfcheck-table-scroll" tabindex="0" role="region" aria-labelledby="selfcheck-compare-caption">
                <table data-testid="compare" class="selfcheck-area-table">
                    <caption id="selfcheck-compare-caption">{ S::ImportCompare.get(lang) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ S::Criterion.get(lang) }</th>
                            <th scope="col">{ S::Imported.get(lang) }</th>
                            <th scope="col">{ S::Current.get(lang) }</th>
                            <th scope="col">{ S::Change.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        if rows.is_empty() {
                            <tr><td colspan="4">{ S::NoChanges.get(lang) }</td></tr>
                        }
                        { for rows.iter().map(|change| {
                            let mut notes = Vec::new();
                            if change.note_changed { notes.push(S::NoteChanged.get(lang)); }
                            if change.evidence_changed { notes.push(S::EvidenceChanged.get(lang)); }
                            html! {
                                <tr data-criterion-row={change.id.clone()} data-change={change.points_change().to_string()}>
                                    <th scope="row">{ title(change) }</th>
                                    <td>{ standing_text(change.before.as_ref(), lang) }</td>
                                    <td>{ standing_text(change.after.as_ref(), lang) }</td>
                                    <td>
                                        { signed(change.points_change()) }
                                        if !notes.is_empty() { <span class="selfcheck-muted">{ format!(" · {}", notes.join(" · ")) }</span> }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                    <tbody>
                        { for comparison.areas.iter().map(|area| {
                            let points = |side: Option<(u32, u32)>| side.map(|(points, maximum)| format!("{points} / {maximum}")).unwrap_or_else(|| S::NotInCatalogue.get(lang).to_owned());
                            let change = i64::from(area.after.map_or(0, |side| side.0)) - i64::from(area.before.map_or(0, |side| side.0));
                            html! {
                                <tr data-area-row={area.id.clone()}>
                                    <th scope="row">{ format!("{} {}", area.id, area_title(&area.id)) }</th>
                                    <td>{ points(area.before) }</td>
                                    <td>{ points(area.after) }</td>
                                    <td>{ signed(change) }</td>
                                </tr>
                            }
                        }) }
                        <tr>
                            <th scope="row">{ S::Total.get(lang) }</th>
                            <td>{ format!("{} / {}", comparison.totals[0].0, comparison.totals[0].1) }</td>
                            <td>{ format!("{} / {}", comparison.totals[1].0, comparison.totals[1].1) }</td>
                            <td>{ signed(comparison.total_change()) }</td>
                        </tr>
                        <tr>
                            <th scope="row">{ S::ScoreHeadline.get(lang) }</th>
                            <td>{ format!("{} · {}", comparison.scores[0], grade(0)) }</td>
                            <td>{ format!("{} · {}", comparison.scores[1], grade(1)) }</td>
                            <td>{ signed(comparison.score_change()) }</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </div>
    }
}
