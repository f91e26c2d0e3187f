//! One criterion: a fieldset with its legend (and whether it is answered, in words), clause,
//! guidance, the control of its kind, a note, evidence (links, and local files known only by
//! their SHA-256), and the messages of what was done here.

use selfcheck_core::messages::file_size;
use selfcheck_core::{Catalogue, Entry, Evidence, ItemsMet, Kind, Lang, Response, pick};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{ConflictPanel, MessageView};
use crate::browser;
use crate::i18n::{S, points_after, quoted};
use crate::state::{Action, Busy, EvidenceOwner, Notice, Place, Shared};

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
    /// The message of what was last done here.
    pub message: Option<Notice>,
    /// Another tab changed the draft while this criterion was being edited.
    pub conflict: bool,
    /// The rectification notice names it.
    #[prop_or_default]
    pub to_fix: bool,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// The label of an answer in `lang`: one vocabulary everywhere (已做到 / 部分做到 / 未做到 /
/// 不适用, and 以上均未做到 for a checklist none of whose items is met).
pub fn answer_label(response: Response, lang: Lang) -> String {
    match response {
        Response::Yes => S::Met.get(lang).to_owned(),
        Response::Partly => S::PartlyMet.get(lang).to_owned(),
        Response::No => S::NotMet.get(lang).to_owned(),
        Response::NotApplicable => S::NotApplicable.get(lang).to_owned(),
        Response::Checked(met) if met.is_empty() => S::NoneMet.get(lang).to_owned(),
        Response::Checked(met) => S::ItemsMet.with(lang, &met.len().to_string()),
    }
}

/// What the user typed as an evidence link, made an address the core accepts: kept as it is
/// when it is one, with `https://` added when it is a bare address (`www.example.org.cn/x`).
/// `Ok((address, added))`, or `Err(())` when it is no web address at all.
pub fn link_to_add(typed: &str) -> Result<(String, bool), ()> {
    let typed = typed.trim();
    let lower = typed.to_ascii_lowercase();
    // A scheme typed in capitals is still http(s).
    for scheme in ["https://", "http://"] {
        if lower.starts_with(scheme) {
            let url = format!("{scheme}{}", &typed[scheme.len()..]);
            return if selfcheck_core::answers::is_http_url(&url) { Ok((url, false)) } else { Err(()) };
        }
    }
    let host = typed.split(['/', '?', '#']).next().unwrap_or("");
    let host_name = host
        .rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(host, |(name, _)| name);
    let bare = host_name.contains('.')
        && !host_name.starts_with('.')
        && !host_name.ends_with('.')
        && host_name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let url = format!("https://{typed}");
    if bare && selfcheck_core::answers::is_http_url(&url) { Ok((url, true)) } else { Err(()) }
}

/// A criterion and its answer controls.
#[component]
pub fn CriterionView(props: &CriterionProps) -> Html {
    let CriterionProps { catalogue, index, entry, hashing, message, conflict, to_fix, lang, dispatch } = props;
    let (index, lang, response) = (*index, *lang, entry.response);
    let criterion = &catalogue.criteria()[index];
    let id = &criterion.id;
    let radio = |value: &'static str, choice: Response| {
        let dispatch = dispatch.clone();
        let onchange = Callback::from(move |_: Event| dispatch.emit(Action::Respond(index, Some(choice))));
        html! {
            <label class="selfcheck-choice">
                <input type="radio" name={format!("selfcheck-{id}")} {value} checked={response == Some(choice)} {onchange} />
                { answer_label(choice, lang) }
            </label>
        }
    };
    let controls = match &criterion.kind {
        Kind::Scale | Kind::Binary => html! {
            <div class="selfcheck-choices">
                { radio("yes", Response::Yes) }
                if matches!(criterion.kind, Kind::Scale) { { radio("partly", Response::Partly) } }
                { radio("no", Response::No) }
                if criterion.not_applicable { { radio("na", Response::NotApplicable) } }
            </div>
        },
        Kind::Checklist(items) => {
            let met = match response {
                Some(Response::Checked(met)) => met,
                _ => ItemsMet::NONE,
            };
            let not_applicable = response == Some(Response::NotApplicable);
            let none = response == Some(Response::Checked(ItemsMet::NONE));
            let choose = |choice: Response| {
                let dispatch = dispatch.clone();
                Callback::from(move |event: Event| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    dispatch.emit(Action::Respond(index, input.checked().then_some(choice)));
                })
            };
            html! {
                <div class="selfcheck-items">
                    { for items.iter().enumerate().map(|(place, item)| {
                        let dispatch = dispatch.clone();
                        let onchange = Callback::from(move |_: Event| dispatch.emit(Action::ToggleItem(index, place)));
                        html! {
                            <label class="selfcheck-choice">
                                <input type="checkbox" data-item={item.id.clone()} checked={met.contains(place)}
                                    disabled={not_applicable} {onchange} />
                                { format!("{}{}", item.title.get(lang), points_after(item.points, lang)) }
                            </label>
                        }
                    }) }
                    <label class="selfcheck-choice selfcheck-choice-apart">
                        <input type="checkbox" data-none="" checked={none} disabled={not_applicable} onchange={choose(Response::Checked(ItemsMet::NONE))} />
                        { S::NoneMet.get(lang) }
                    </label>
                    if criterion.not_applicable {
                        <label class="selfcheck-choice">
                            <input type="checkbox" data-na="" checked={not_applicable} onchange={choose(Response::NotApplicable)} />
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
    let answered = response.is_some();
    html! {
        <fieldset class="selfcheck-criterion" id={format!("selfcheck-criterion-{id}")} data-criterion={id.clone()}
            data-open={(!answered).then_some("")}>
            <legend>
                <span class="selfcheck-id">{ id.clone() }</span>{ " " }{ criterion.title.get(lang) }
                { points_after(criterion.points, lang) }
                if criterion.veto.is_some() { <span class="selfcheck-veto-tag">{ format!(" · {}", S::Veto.get(lang)) }</span> }
                if *to_fix { <span class="selfcheck-fix-tag" data-to-fix="">{ format!(" · {}", S::NoticeMark.get(lang)) }</span> }
                { " " }
                <span class="selfcheck-state" data-state={if answered { "answered" } else { "open" }}>
                    { if answered { S::AnsweredState.get(lang) } else { S::OpenState.get(lang) } }
                </span>
            </legend>
            <p class="selfcheck-clause">
                { pick!(
                    lang,
                    format!("{}{}：", S::Clause.get(lang), criterion.clause.section),
                    format!("{} {}: ", S::Clause.get(lang), criterion.clause.section),
                ) }
                { quoted(&criterion.clause.quote) }
            </p>
            <details class="selfcheck-guidance">
                <summary>{ S::Guidance.get(lang) }</summary>
                <p><strong>{ S::FullCompliance.get(lang) }</strong>{ if lang == Lang::Zh { "：" } else { ": " } }{ criterion.guidance.get(lang) }</p>
                <p><strong>{ S::Evidence.get(lang) }</strong>{ if lang == Lang::Zh { "：" } else { ": " } }{ criterion.evidence.get(lang) }</p>
                if let Some(veto) = &criterion.veto { <p class="selfcheck-veto-tag">{ veto.get(lang) }</p> }
            </details>
            { controls }
            <div class="selfcheck-note">
                <label for={note_id.clone()}>{ S::Note.get(lang) }</label>
                <textarea id={note_id} data-note="" rows="2" value={entry.note.clone()} oninput={on_note}
                    maxlength={selfcheck_core::answers::MAX_NOTE_CHARS.to_string()} />
            </div>
            <EvidenceList owner={EvidenceOwner::Criterion(index)} element={id.clone()} evidence={entry.evidence.clone()} {hashing} {lang} dispatch={dispatch.clone()} />
            if let Some(notice) = message {
                <MessageView place={Place::Criterion(index)} notice={notice.clone()} {lang} dispatch={dispatch.clone()} />
            }
            if *conflict {
                <ConflictPanel {lang} dispatch={dispatch.clone()} />
            }
        </fieldset>
    }
}

/// Properties of the evidence of a criterion, a reply or a problem.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct EvidenceProps {
    /// Whose evidence.
    pub owner: EvidenceOwner,
    /// Its name in the page's element ids (`B2`, `reply-B2`, `problem-0`).
    pub element: String,
    /// The evidence so far.
    pub evidence: Vec<Evidence>,
    /// Thousandths of the file being hashed for it, while one is.
    pub hashing: Option<u32>,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// The evidence of a criterion, a reply or a problem: the list, a link field and a file
/// picker.
#[component]
pub fn EvidenceList(props: &EvidenceProps) -> Html {
    let EvidenceProps { owner, element: criterion, evidence, hashing, lang, dispatch } = props;
    let lang = *lang;
    let link = use_state(String::new);
    let on_link_input = {
        let link = link.clone();
        Callback::from(move |event: InputEvent| link.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let add_link = {
        let (link, dispatch, owner) = (link.clone(), dispatch.clone(), owner.clone());
        move || {
            let place = owner.place();
            if link.trim().is_empty() {
                dispatch.emit(Action::Say(place, Notice::Info(S::LinkEmpty)));
                return;
            }
            match link_to_add(&link) {
                Ok((url, added)) => {
                    dispatch.emit(Action::AddEvidence(owner.clone(), Evidence::Link(url.clone())));
                    if added {
                        dispatch.emit(Action::Say(place, Notice::Detail(S::LinkAddedWithScheme, url)));
                    }
                    link.set(String::new());
                }
                // A refused address stays in the field, to be corrected rather than typed again.
                Err(()) => {
                    dispatch.emit(Action::Say(place, Notice::Detail(S::LinkNotAnAddress, link.trim().to_owned())))
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
        let (dispatch, owner) = (dispatch.clone(), owner.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, owner) = (dispatch.clone(), owner.clone());
            dispatch.emit(Action::SetBusy(Some(Busy::Hashing(owner.clone(), 0))));
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let (dispatch, owner) = (dispatch.clone(), owner.clone());
                    move |done| dispatch.emit(Action::SetBusy(Some(Busy::Hashing(owner.clone(), done))))
                };
                match browser::hash_file(&file, progress).await {
                    Ok(sha256) => dispatch.emit(Action::AddEvidence(
                        owner,
                        Evidence::File { name: file.name(), size: file.size() as u64, sha256 },
                    )),
                    Err(error) => dispatch.emit(Action::Say(owner.place(), Notice::Browser(S::FileUnreadable, error))),
                }
                dispatch.emit(Action::SetBusy(None));
            });
        })
    };
    let link_id = format!("selfcheck-link-{criterion}");
    let file_id = format!("selfcheck-file-{criterion}");
    let file_hint_id = format!("selfcheck-file-hint-{criterion}");
    html! {
        <div class="selfcheck-evidence">
            if !evidence.is_empty() {
                <ul class="selfcheck-evidence-list" aria-label={S::Evidence.get(lang)}>
                    { for evidence.iter().enumerate().map(|(position, item)| {
                        let remove = {
                            let (dispatch, owner) = (dispatch.clone(), owner.clone());
                            Callback::from(move |_: MouseEvent| dispatch.emit(Action::RemoveEvidence(owner.clone(), position)))
                        };
                        let (text, digest) = match item {
                            Evidence::Link(url) => (url.clone(), None),
                            Evidence::File { name, size, sha256 } => {
                                let size = file_size(*size, lang);
                                let text = if lang == Lang::Zh { format!("{name}（{size}）SHA-256 {sha256}") } else { format!("{name} ({size}) SHA-256 {sha256}") };
                                (text, Some(sha256.clone()))
                            }
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
                            placeholder="https://www.example.org.cn/…" oninput={on_link_input} onkeydown={on_link_key} />
                        <button type="button" data-action="add-link" onclick={on_add}>{ S::AddLink.get(lang) }</button>
                    </div>
                </div>
                <div>
                    <label for={file_id.clone()}>{ S::FileLabel.get(lang) }</label>
                    // The button says what it does in the interface's language, not the browser's.
                    <label class="selfcheck-file-button">
                        { S::ChooseFile.get(lang) }
                        <input id={file_id} type="file" data-evidence-file="" onchange={on_file} aria-describedby={file_hint_id.clone()} />
                    </label>
                    <p id={file_hint_id} class="selfcheck-hint">{ S::FileHint.get(lang) }</p>
                </div>
                if let Some(done) = hashing {
                    <progress class="selfcheck-hashing" max="1000" value={done.to_string()} aria-label={S::Hashing.get(lang)} />
                    <span role="status">{ S::Hashing.get(lang) }</span>
                }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::link_to_add;

    #[test]
    fn bare_addresses_get_https_and_others_are_refused() {
        assert_eq!(link_to_add("https://www.example.org.cn/x"), Ok(("https://www.example.org.cn/x".into(), false)));
        assert_eq!(link_to_add(" HTTP://Example.org/A "), Ok(("http://Example.org/A".into(), false)));
        assert_eq!(link_to_add("www.example.org.cn/x"), Ok(("https://www.example.org.cn/x".into(), true)));
        assert_eq!(link_to_add("example.org.cn:8080/a?b#c"), Ok(("https://example.org.cn:8080/a?b#c".into(), true)));
        assert_eq!(link_to_add("广东省民政厅.政务"), Ok(("https://广东省民政厅.政务".into(), true)));
        for bad in [
            "javascript:alert(1)",
            "mailto:a@b.cn",
            "localhost/x",
            "会议纪要",
            "www.example .org",
            "ftp://x.cn/a",
            "https://",
        ] {
            assert_eq!(link_to_add(bad), Err(()), "{bad}");
        }
    }
}
