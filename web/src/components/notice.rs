//! The bureau's rectification notice (整改通知): imported and verified by the signing module,
//! refused when it is another association's or signed with another key than the site publishes,
//! then shown with its deadline and the days left, each criterion with the bureau's remark, its
//! answer now and what the association did about it (the reply, signed with the next result).

use selfcheck_core::{Lang, Timestamp};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::criterion::EvidenceList;
use super::{JumpLink, send};
use crate::browser;
use crate::browser::Failure;
use crate::i18n::S;
use crate::signing;
use crate::state::{Action, Busy, EvidenceOwner, Notice, NoticeInfo, Place, Shared, State};

/// Properties of the notice panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeProps {
    /// The whole state.
    pub state: State,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// The registration authority's key fingerprint, as the host site publishes it.
    pub bureau_fingerprint: Option<AttrValue>,
}

/// Reads a chosen file and has the signing module verify it as a notice.
async fn import(file: &web_sys::File, host: Option<&crate::host::HostRef>) -> Result<NoticeInfo, Failure> {
    let limit = selfcheck_core::notice::MAX_NOTICE_BYTES;
    let json = browser::read_text(file, selfcheck_core::Document::Notice, limit).await?;
    selfcheck_core::wire::expect_document(&json, selfcheck_core::Document::Notice, limit)?;
    let facts = signing::module(host.map(|host| &**host)).await?.notice(&json, signing::now_unix())?;
    NoticeInfo::read(&facts).ok_or_else(|| Failure::Browser("the signing module gave no notice".into()))
}

/// Why a verified notice is not this association's to import, if it is not.
fn refusal(notice: &NoticeInfo, state: &State, published: Option<&str>) -> Option<Notice> {
    // Both as the core reads a code (spaces, full-width characters, lower case), so that a code
    // written otherwise is the same association.
    let own = super::profile::tidy_credit_code(&state.profile.credit_code);
    let subject = &notice.subject;
    if !own.is_empty() && own != super::profile::tidy_credit_code(&subject.credit_code) {
        let whom = if state.lang == Lang::Zh {
            format!("“{}（{}）”", subject.name, subject.credit_code)
        } else {
            format!("\"{} ({})\"", subject.name, subject.credit_code)
        };
        return Some(Notice::Detail(S::NoticeForAnother, whom));
    }
    let normalize = selfcheck_core::keys::normalize_fingerprint;
    published
        .filter(|published| normalize(published) != normalize(&notice.fingerprint))
        .map(|_| Notice::Detail(S::NoticeWrongKey, notice.fingerprint.clone()))
}

/// Days from `today` to the deadline's day: positive before it, 0 on it, negative after.
fn days_left(deadline: &str, today: &selfcheck_core::Date) -> Option<i64> {
    Some(selfcheck_core::Date::parse(deadline)?.days() - today.days())
}

/// The notice panel.
#[component]
pub fn NoticePanel(props: &NoticeProps) -> Html {
    let NoticeProps { state, dispatch, bureau_fingerprint } = props;
    let lang = state.lang;
    let host = use_context::<crate::host::HostRef>();
    let on_file = {
        let (dispatch, state, published) = (dispatch.clone(), state.clone(), bureau_fingerprint.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, state, published, host) = (dispatch.clone(), state.clone(), published.clone(), host.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match import(&file, host.as_ref()).await {
                    Ok(notice) => match refusal(&notice, &state, published.as_deref()) {
                        Some(why) => dispatch.emit(Action::Say(Place::Notice, why)),
                        None => dispatch.emit(Action::SetNotice(Some(Shared::new(notice)))),
                    },
                    Err(failure) => dispatch.emit(Action::Say(Place::Notice, failure.notice(S::NoticeRefused))),
                }
            });
        })
    };
    html! {
        <section class="selfcheck-area selfcheck-notice" id="selfcheck-notice" aria-labelledby="selfcheck-notice-title">
            <h2 id="selfcheck-notice-title">{ S::NoticeSection.get(lang) }</h2>
            <p class="selfcheck-muted">{ S::NoticeIntro.get(lang) }</p>
            <div>
                <label class="selfcheck-file-button">
                    { S::NoticeFile.get(lang) }
                    <input id="selfcheck-notice-file" type="file" accept=".json,application/json" data-notice-file="" onchange={on_file} />
                </label>
            </div>
            { super::message_box(state, Place::Notice, "notice-message", dispatch) }
            if let Some(notice) = &state.notice {
                { notice_view(state, notice, bureau_fingerprint.as_deref(), dispatch) }
            }
        </section>
    }
}

/// The notice imported: its facts, and each criterion with the reply to it.
fn notice_view(state: &State, notice: &NoticeInfo, published: Option<&str>, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let subject = &notice.subject;
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let today = Timestamp::from_unix_seconds(browser::now_unix_seconds()).beijing_date();
    let left = match days_left(&subject.deadline, &today) {
        Some(days) if days > 0 => S::NoticeDaysLeft.with(lang, &days.to_string()),
        Some(0) => S::NoticeDueToday.get(lang).to_owned(),
        Some(days) => S::NoticeOverdue.with(lang, &(-days).to_string()),
        None => String::new(),
    };
    let issued = Timestamp::parse(&notice.issued).map(|time| time.beijing().short()).unwrap_or_default();
    let key = if published.is_some() {
        S::NoticeKeyChecked.get(lang).to_owned()
    } else {
        S::NoticeKeyToCheck.with(lang, &notice.fingerprint)
    };
    let reply = state.answers.notice_reply();
    let catalogue = &state.catalogue;
    html! {
        <div class="selfcheck-notice-body" data-testid="rectification-notice" data-digest={notice.digest.clone()}>
            <dl class="selfcheck-key-facts">
                <dt>{ S::NoticeIssued.get(lang) }</dt><dd>{ issued }</dd>
                <dt>{ S::NoticeDeadline.get(lang) }</dt>
                <dd data-testid="notice-deadline">{ format!("{} · {left}", subject.deadline) }</dd>
            </dl>
            <p class="selfcheck-hint selfcheck-break">{ key }</p>
            if !subject.remark.is_empty() {
                <p class="selfcheck-print-text"><strong>{ format!("{}{colon}", S::NoticeRemark.get(lang)) }</strong>{ subject.remark.clone() }</p>
            }
            <h3>{ S::NoticeItems.get(lang) }</h3>
            <ol class="selfcheck-notice-items">
                { for subject.items.iter().map(|item| {
                    let criterion = catalogue.criterion(&item.criterion);
                    let title = criterion.map(|criterion| criterion.title.get(lang).to_owned()).unwrap_or_default();
                    let now = catalogue.index_of(&item.criterion).and_then(|place| state.report.outcomes().get(place)).map(|outcome| {
                        if outcome.answered {
                            format!("{} / {} {}", outcome.points, outcome.maximum, S::Points.get(lang))
                        } else {
                            S::Unanswered.get(lang).to_owned()
                        }
                    });
                    let replied = reply.and_then(|reply| reply.items.iter().find(|(id, _)| *id == item.criterion)).map(|(_, item)| item);
                    let note = replied.map(|item| item.note.clone()).unwrap_or_default();
                    let owner = EvidenceOwner::Reply(item.criterion.clone());
                    let hashing = match &state.busy {
                        Some(Busy::Hashing(at, done)) if *at == owner => Some(*done),
                        _ => None,
                    };
                    let id = format!("selfcheck-notice-reply-{}", item.criterion);
                    let on_note = {
                        let (dispatch, criterion) = (dispatch.clone(), item.criterion.clone());
                        Callback::from(move |event: InputEvent| {
                            let text = event.target_unchecked_into::<HtmlTextAreaElement>().value();
                            dispatch.emit(Action::SetReplyNote(criterion.clone(), text));
                        })
                    };
                    html! {
                        <li key={item.criterion.clone()} data-notice-item={item.criterion.clone()}>
                            <JumpLink target={format!("selfcheck-criterion-{}", item.criterion)}>{ format!("{} {title}", item.criterion) }</JumpLink>
                            if let Some(now) = now { <span class="selfcheck-muted">{ format!(" · {}", S::NoticeCurrent.with(lang, &now)) }</span> }
                            if !item.remark.is_empty() { <div class="selfcheck-muted">{ S::NoticeItemRemark.with(lang, &item.remark) }</div> }
                            <div class="selfcheck-field selfcheck-field-wide">
                                <label for={id.clone()}>{ S::NoticeReply.get(lang) }</label>
                                <textarea {id} rows="2" maxlength="4000" data-notice-reply={item.criterion.clone()} value={note} oninput={on_note} />
                            </div>
                            if replied.is_some() {
                                <EvidenceList element={format!("reply-{}", item.criterion)} {owner} evidence={replied.map(|item| item.evidence.clone()).unwrap_or_default()}
                                    {hashing} {lang} dispatch={dispatch.clone()} />
                            }
                        </li>
                    }
                }) }
            </ol>
            <button type="button" class="selfcheck-small" data-action="remove-notice" onclick={send(dispatch, Action::SetNotice(None))}>
                { S::NoticeRemove.get(lang) }
            </button>
        </div>
    }
}
