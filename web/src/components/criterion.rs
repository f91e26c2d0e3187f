//! One criterion: a fieldset with its legend, clause, guidance, the control of its kind, a
//! note and evidence (links, and local files known only by their SHA-256).

use selfcheck_core::{Catalogue, Entry, Evidence, Kind, Lang, Response};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::i18n::S;
use crate::state::{Action, Busy, Notice, Shared};

/// Properties of a criterion.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CriterionProps {
    /// The catalogue.
    pub catalogue: Shared<Catalogue>,
    /// The criterion's index in the catalogue.
    pub index: usize,
    /// Its answer, note and evidence.
    pub entry: Entry,
    /// Per mille of an evidence file hashed so far, while one is.
    pub hashing: Option<u32>,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// A criterion and its answer controls.
#[component]
pub fn CriterionView(props: &CriterionProps) -> Html {
    let CriterionProps { catalogue, index, entry, hashing, lang, dispatch } = props;
    let (index, lang, response) = (*index, *lang, entry.response);
    let criterion = &catalogue.criteria()[index];
    let id = &criterion.id;
    let radio = |value: &'static str, label: S, choice: Response| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |_: Event| dispatch.emit(Action::Respond(index, Some(choice))));
        html! {
            <label class="selfcheck-choice">
                <input type="radio" name={format!("selfcheck-{id}")} {value} checked={response == Some(choice)} {onchange} />
                { label.get(lang) }
            </label>
        }
    };
    let controls = match &criterion.kind {
        Kind::Scale | Kind::Binary => html! {
            <div class="selfcheck-choices">
                { radio("yes", S::Yes, Response::Yes) }
                if matches!(criterion.kind, Kind::Scale) { { radio("partly", S::Partly, Response::Partly) } }
                { radio("no", S::No, Response::No) }
                if criterion.not_applicable { { radio("na", S::NotApplicable, Response::NotApplicable) } }
            </div>
        },
        Kind::Checklist(items) => {
            let checked_bits = match response {
                Some(Response::Checked(bits)) => bits,
                _ => 0,
            };
            let not_applicable = response == Some(Response::NotApplicable);
            let on_na = {
                let dispatch = dispatch.clone();
                Callback::from(move |event: Event| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    let next = if input.checked() { Some(Response::NotApplicable) } else { None };
                    dispatch.emit(Action::Respond(index, next));
                })
            };
            html! {
                <div class="selfcheck-items">
                    { for items.iter().enumerate().map(|(bit, item)| {
                        let dispatch = dispatch.clone();
                        let onchange = Callback::from(move |_: Event| dispatch.emit(Action::ToggleItem(index, bit)));
                        html! {
                            <label class="selfcheck-choice">
                                <input type="checkbox" data-item={item.id.clone()} checked={checked_bits & (1 << bit) != 0}
                                    disabled={not_applicable} {onchange} />
                                { format!("{} ({} {})", item.title.get(lang), item.points, S::Points.get(lang)) }
                            </label>
                        }
                    }) }
                    if criterion.not_applicable {
                        <label class="selfcheck-choice">
                            <input type="checkbox" data-na="" checked={not_applicable} onchange={on_na} />
                            { S::NotApplicable.get(lang) }
                        </label>
                    }
                </div>
            }
        }
    };
    let on_note = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            dispatch.emit(Action::SetNote(index, area.value()));
        })
    };
    let note_id = format!("selfcheck-note-{id}");
    html! {
        <fieldset class="selfcheck-criterion" id={format!("selfcheck-criterion-{id}")} data-criterion={id.clone()}
            data-open={response.is_none().then_some("")}>
            <legend>
                <span class="selfcheck-id">{ id.clone() }</span>{ " " }{ criterion.title.get(lang) }
                { format!(" ({} {})", criterion.points, S::Points.get(lang)) }
                if criterion.veto.is_some() { <span class="selfcheck-veto-tag">{ format!(" · {}", S::Veto.get(lang)) }</span> }
            </legend>
            <p class="selfcheck-clause">{ format!("{} {}：“{}”", S::Clause.get(lang), criterion.clause.section, criterion.clause.quote) }</p>
            <details class="selfcheck-guidance">
                <summary>{ S::Guidance.get(lang) }</summary>
                <p><strong>{ S::FullCompliance.get(lang) }</strong>{ "：" }{ criterion.guidance.get(lang) }</p>
                <p><strong>{ S::Evidence.get(lang) }</strong>{ "：" }{ criterion.evidence.get(lang) }</p>
                if let Some(veto) = &criterion.veto { <p class="selfcheck-veto-tag">{ veto.get(lang) }</p> }
            </details>
            { controls }
            <div class="selfcheck-note">
                <label for={note_id.clone()}>{ S::Note.get(lang) }</label>
                <textarea id={note_id} data-note="" rows="2" value={entry.note.clone()} oninput={on_note}
                    maxlength={selfcheck_core::answers::MAX_NOTE_CHARS.to_string()} />
            </div>
            <EvidenceList {index} evidence={entry.evidence.clone()} {hashing} {lang} criterion={id.clone()} dispatch={dispatch.clone()} />
        </fieldset>
    }
}

/// Properties of a criterion's evidence.
#[derive(Debug, Clone, PartialEq, Properties)]
struct EvidenceProps {
    index: usize,
    criterion: String,
    evidence: Vec<Evidence>,
    hashing: Option<u32>,
    lang: Lang,
    dispatch: Callback<Action>,
}

/// The evidence of a criterion: the list, a link field and a file picker.
#[component]
fn EvidenceList(props: &EvidenceProps) -> Html {
    let EvidenceProps { index, criterion, evidence, hashing, lang, dispatch } = props;
    let (index, lang) = (*index, *lang);
    let link = use_state(String::new);
    let on_link_input = {
        let link = link.clone();
        Callback::from(move |event: InputEvent| link.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let add_link = {
        let (link, dispatch) = (link.clone(), dispatch.clone());
        move || {
            let url = link.trim().to_owned();
            if !url.is_empty() {
                // A refused address stays in the field, to be corrected rather than typed again.
                let accepted = selfcheck_core::answers::is_http_url(&url);
                dispatch.emit(Action::AddEvidence(index, Evidence::Link(url)));
                if accepted {
                    link.set(String::new());
                }
            }
        }
    };
    let on_add = {
        let add_link = add_link.clone();
        Callback::from(move |_: MouseEvent| add_link())
    };
    let on_link_key = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            add_link();
        }
    });
    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let dispatch = dispatch.clone();
            dispatch.emit(Action::SetBusy(Some(Busy::Hashing(index, 0))));
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let dispatch = dispatch.clone();
                    move |done| dispatch.emit(Action::SetBusy(Some(Busy::Hashing(index, done))))
                };
                match browser::hash_file(&file, progress).await {
                    Ok(sha256) => dispatch.emit(Action::AddEvidence(
                        index,
                        Evidence::File { name: file.name(), size: file.size() as u64, sha256 },
                    )),
                    Err(error) => dispatch.emit(Action::SetNotice(Some(Notice::Detail(S::FileUnreadable, error)))),
                }
                dispatch.emit(Action::SetBusy(None));
            });
        })
    };
    let link_id = format!("selfcheck-link-{criterion}");
    let file_id = format!("selfcheck-file-{criterion}");
    html! {
        <div class="selfcheck-evidence">
            if !evidence.is_empty() {
                <ul class="selfcheck-evidence-list" aria-label={S::Evidence.get(lang)}>
                    { for evidence.iter().enumerate().map(|(position, item)| {
                        let remove = {
                            let dispatch = dispatch.clone();
                            Callback::from(move |_: MouseEvent| dispatch.emit(Action::RemoveEvidence(index, position)))
                        };
                        let (text, digest) = match item {
                            Evidence::Link(url) => (url.clone(), None),
                            Evidence::File { name, size, sha256 } => (format!("{name} ({size} B) SHA-256 {sha256}"), Some(sha256.clone())),
                        };
                        html! {
                            <li data-evidence="" data-sha256={digest}>
                                <span class="selfcheck-evidence-text">{ text.clone() }</span>
                                <button type="button" class="selfcheck-small" data-action="remove-evidence"
                                    aria-label={format!("{} {}", S::Remove.get(lang), text)} onclick={remove}>
                                    { S::Remove.get(lang) }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <div class="selfcheck-evidence-add">
                <div>
                    <label for={link_id.clone()}>{ S::LinkLabel.get(lang) }</label>
                    <div class="selfcheck-row">
                        <input id={link_id} type="url" data-evidence-link="" inputmode="url" value={(*link).clone()}
                            oninput={on_link_input} onkeydown={on_link_key} />
                        <button type="button" data-action="add-link" onclick={on_add}>{ S::AddLink.get(lang) }</button>
                    </div>
                </div>
                <div>
                    <label for={file_id.clone()}>{ S::FileLabel.get(lang) }</label>
                    <input id={file_id} type="file" data-evidence-file="" onchange={on_file} />
                </div>
                if let Some(done) = hashing {
                    <progress class="selfcheck-hashing" max="1000" value={done.to_string()} aria-label={S::Hashing.get(lang)} />
                    <span role="status">{ S::Hashing.get(lang) }</span>
                }
            </div>
        </div>
    }
}
