//! One association's rectification notices (整改通知): where each stands by the core's rule
//! (整改中, 已整改, 逾期未整改, from the analysis), the form that issues a new one (the criteria
//! pre-filled from the latest result's rectification list, the bureau's remarks, a deadline),
//! signed with the bureau's key in the worker, and loading a notice issued elsewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use selfcheck_bureau::document::NoticeTrackDoc;
use selfcheck_bureau::{NoticeState, Reviews};
use selfcheck_core::notice::verify_notice;
use selfcheck_core::{Catalogue, Lang, Timestamp};
use yew::prelude::*;

use crate::association::Opened;
use crate::browser::{self, target_value};
use crate::i18n::T;
use crate::protocol::{NoticeRequest, Send, ToWorker};
use crate::state::{Action, Dispatch, NoticeOutcome};

/// Days from the day a notice is issued to its default deadline.
const DEFAULT_DAYS: u64 = 30;

/// Properties of the notices panel.
#[derive(Properties)]
pub struct NoticesProps {
    /// The association's credit code.
    pub credit_code: String,
    /// Its name.
    pub name: String,
    /// Its latest verified result, whose rectification list pre-fills a new notice.
    pub latest: Option<Opened>,
    /// Its notices and where each stands, from the analysis.
    pub tracks: Vec<NoticeTrackDoc>,
    /// How issuing or loading the last notice went.
    pub outcome: Option<NoticeOutcome>,
    /// The review states, where the criteria the officer accepted are kept.
    pub reviews: Rc<Reviews>,
    /// Posts to the worker.
    pub send: Send,
    /// Changes the desk's state.
    pub dispatch: Dispatch,
    /// Interface language.
    pub lang: Lang,
}

impl PartialEq for NoticesProps {
    fn eq(&self, other: &Self) -> bool {
        self.credit_code == other.credit_code
            && self.name == other.name
            && self.latest == other.latest
            && self.tracks == other.tracks
            && self.outcome == other.outcome
            && Rc::ptr_eq(&self.reviews, &other.reviews)
            && self.lang == other.lang
    }
}

/// A notice's state (its code in the analysis) as the bureau says it.
pub(crate) fn state_label(code: &str, lang: Lang) -> &'static str {
    NoticeState::from_code(code).map_or("—", |state| state.label(lang))
}

/// What is left of the time given: days to the deadline, or days past it.
fn time_left(track: &NoticeTrackDoc, lang: Lang) -> String {
    match (track.state.as_str(), track.days_left) {
        ("rectified", _) => "—".to_owned(),
        (_, 0) => T::DeadlineToday.get(lang).to_owned(),
        (_, days) if days > 0 => T::DaysLeft.filled(lang, &[&days.to_string()]),
        (_, days) => T::DaysOverdue.filled(lang, &[&(-days).to_string()]),
    }
}

/// The criteria a new notice pre-selects: those of the latest result's rectification list.
fn prefilled(latest: Option<&Opened>) -> BTreeSet<String> {
    latest
        .map(|opened| opened.report.rectification().map(|(criterion, _)| criterion.id.clone()).collect())
        .unwrap_or_default()
}

/// Verifies a notice file on the page, as the core reads it: its text and what to say of it
/// when the core accepts it, else why not (the kind of file it is, when it is another).
fn check_notice(bytes: &[u8], lang: Lang) -> Result<(String, NoticeOutcome), String> {
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| T::NoticeNotText.get(lang).to_owned())?;
    let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
    let now = Timestamp::from_unix_seconds(browser::now_unix_seconds());
    let notice = verify_notice(&text, &catalogues, &now).map_err(|error| error.message(lang))?;
    let loaded = NoticeOutcome::Loaded {
        name: notice.content.name.clone(),
        credit_code: notice.content.credit_code.as_str().to_owned(),
        fingerprint: notice.key.fingerprint().into(),
    };
    Ok((text, loaded))
}

/// What the form says of the last notice issued or loaded, in `lang`, and whether it is a
/// refusal.
fn outcome_text(outcome: &NoticeOutcome, lang: Lang) -> (bool, String) {
    match outcome {
        NoticeOutcome::Issued => (true, T::NoticeIssuedDone.get(lang).to_owned()),
        NoticeOutcome::Loaded { name, credit_code, fingerprint } => {
            (true, T::NoticeLoaded.filled(lang, &[name, credit_code, fingerprint]))
        }
        NoticeOutcome::Refused(why) => (false, why.clone()),
    }
}

/// The association's notices, and the form that issues one.
#[component]
pub fn NoticesPanel(props: &NoticesProps) -> Html {
    let NoticesProps { credit_code, name, latest, tracks, outcome, reviews, send, dispatch, lang } = props;
    let lang = *lang;
    let chosen = use_state(|| prefilled(latest.as_ref()));
    let remarks = use_state(BTreeMap::<String, String>::new);
    let remark = use_state(String::new);
    let deadline = use_state(|| {
        Timestamp::from_unix_seconds(browser::now_unix_seconds() + DEFAULT_DAYS * 86_400)
            .beijing_date()
            .as_str()
            .to_owned()
    });
    let key = use_state(|| None::<(String, String)>);
    let passphrase = use_state(String::new);
    let problem = use_state(|| None::<T>);
    {
        // A result opened later (or another association's) pre-fills the criteria anew.
        let chosen = chosen.clone();
        let digest = latest.as_ref().map(|opened| opened.result.digest.clone());
        let latest = latest.clone();
        use_effect_with(digest, move |_| chosen.set(prefilled(latest.as_ref())));
    }
    let catalogue =
        latest.as_ref().map_or_else(|| Catalogue::builtin().clone(), |opened| opened.result.catalogue.clone());

    let toggle = |id: String| {
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let mut next = (*chosen).clone();
            if browser::target_checked(&event) {
                next.insert(id.clone());
            } else {
                next.remove(&id);
            }
            chosen.set(next);
        })
    };
    let on_item_remark = |id: String| {
        let remarks = remarks.clone();
        Callback::from(move |event: InputEvent| {
            let mut next = (*remarks).clone();
            next.insert(id.clone(), target_value(&event));
            remarks.set(next);
        })
    };
    let on_key = {
        let key = key.clone();
        browser::on_chosen_text(move |name, text| key.set(Some((name, text))))
    };
    let on_issue = {
        let (send, chosen, remarks, remark, deadline, key, passphrase, problem) = (
            send.clone(),
            chosen.clone(),
            remarks.clone(),
            remark.clone(),
            deadline.clone(),
            key.clone(),
            passphrase.clone(),
            problem.clone(),
        );
        let (credit_code, name, based_on) =
            (credit_code.clone(), name.clone(), latest.as_ref().map(|opened| opened.result.digest.clone()));
        let order: Vec<String> = catalogue.criteria().iter().map(|criterion| criterion.id.clone()).collect();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let missing = if chosen.is_empty() {
                Some(T::NoticeNeedsItems)
            } else if deadline.is_empty() {
                Some(T::NoticeNeedsDeadline)
            } else if key.is_none() {
                Some(T::NoticeNeedsKey)
            } else {
                None
            };
            problem.set(missing);
            let (None, Some((_, pem))) = (missing, key.as_ref()) else { return };
            let criteria: Vec<String> = order.iter().filter(|id| chosen.contains(*id)).cloned().collect();
            let item_remarks = criteria.iter().map(|id| remarks.get(id).cloned().unwrap_or_default()).collect();
            send(ToWorker::Issue {
                request: Rc::new(NoticeRequest {
                    credit_code: credit_code.clone(),
                    name: name.clone(),
                    based_on: based_on.clone().unwrap_or_default(),
                    criteria,
                    remarks: item_remarks,
                    remark: (*remark).clone(),
                    deadline: (*deadline).clone(),
                    key: pem.clone(),
                    passphrase: (*passphrase).clone(),
                }),
                now: browser::now_unix_seconds() as f64,
                lang,
            });
        })
    };
    let on_load = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match browser::read_bytes(&file).await {
                    Ok(bytes) => check_notice(&bytes, lang),
                    Err(_) => Err(T::NoticeUnreadable.get(lang).to_owned()),
                };
                dispatch.dispatch(Action::NoticeLoaded(loaded));
            });
        })
    };
    // Accepting a criterion as rectified (or taking that back) is a review: kept with the others.
    let accept = |notice: &str, criterion: &str| {
        let (reviews, dispatch, send, notice, criterion) =
            (reviews.clone(), dispatch.clone(), send.clone(), notice.to_owned(), criterion.to_owned());
        Callback::from(move |event: Event| {
            let mut next = (*reviews).clone();
            let accepted = browser::target_checked(&event);
            if next.set_accepted(&notice, &criterion, accepted, "", Some(crate::reviews::now())).is_ok() {
                crate::reviews::commit_reviews(&dispatch, &send, next, lang);
            }
        })
    };
    // The form's own check first, else how the last notice went.
    let said = match *problem {
        Some(problem) => Some((false, problem.get(lang).to_owned())),
        None => outcome.as_ref().map(|outcome| outcome_text(outcome, lang)),
    };
    let title = |id: &str| {
        catalogue
            .criteria()
            .iter()
            .find(|criterion| criterion.id == id)
            .map(|criterion| criterion.title.get(lang).to_owned())
    };
    html! {
        <section class="desk-notices" aria-labelledby="desk-notices-title" data-testid="notices">
            <h3 id="desk-notices-title">{ T::Notices.get(lang) }</h3>
            if tracks.is_empty() {
                <p class="desk-muted">{ T::NoNotice.get(lang) }</p>
            } else {
                <div class="desk-scroll">
                    <table data-testid="notice-list">
                        <thead><tr>
                            <th scope="col">{ T::NoticeIssued.get(lang) }</th>
                            <th scope="col">{ T::NoticeDeadline.get(lang) }</th>
                            <th scope="col">{ T::NoticeState.get(lang) }</th>
                            <th scope="col">{ T::NoticeItems.get(lang) }</th>
                            <th scope="col">{ T::NoticeOpen.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for tracks.iter().map(|track| html! {
                                <tr data-notice={track.notice.clone()} data-state={track.state.clone()}>
                                    <td>{ Timestamp::parse(&track.issued).map(|issued| issued.beijing().short()).unwrap_or_default() }</td>
                                    <td>{ T::DeadlineAndLeft.filled(lang, &[&track.deadline, &time_left(track, lang)]) }</td>
                                    <td><span class={classes!("desk-badge", format!("desk-notice-{}", track.state))}>{ state_label(&track.state, lang) }</span></td>
                                    <td>
                                        <ul class="desk-plain">
                                            { for track.items.iter().map(|item| {
                                                // As the page holds it: the analysis follows once the worker has it.
                                                let accepted = reviews.acceptance(&track.notice, &item.criterion).is_some();
                                                let decidable = accepted || track.accepted.contains(&item.criterion) || track.open.contains(&item.criterion);
                                                let field = format!("desk-accept-{}-{}", track.notice.get(..12).unwrap_or(&track.notice), item.criterion);
                                                html! {
                                                    <li data-item={item.criterion.clone()}>
                                                        { format!("{} {}", item.criterion, title(&item.criterion).unwrap_or_default()) }
                                                        if !item.remark.is_empty() { <span class="desk-muted">{ T::ItemRemarkShown.filled(lang, &[&item.remark]) }</span> }
                                                        if decidable {
                                                            <label class="desk-accept desk-no-print" for={field.clone()}>
                                                                <input type="checkbox" id={field} data-accept={item.criterion.clone()} checked={accepted}
                                                                    onchange={accept(&track.notice, &item.criterion)} />
                                                                { T::AcceptItem.get(lang) }
                                                            </label>
                                                        }
                                                        if accepted { <span class="desk-print-only">{ T::ItemAccepted.get(lang) }</span> }
                                                    </li>
                                                }
                                            }) }
                                        </ul>
                                        if !track.remark.is_empty() { <p class="desk-muted">{ T::NoticeRemarkShown.filled(lang, &[&track.remark]) }</p> }
                                    </td>
                                    <td data-testid="notice-open">{ if track.open.is_empty() { "—".to_owned() } else { track.open.join(T::ListSeparator.get(lang)) } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <form class="desk-notice-form desk-no-print" onsubmit={on_issue} novalidate=true aria-labelledby="desk-notice-form-title">
                <h4 id="desk-notice-form-title">{ T::IssueNotice.get(lang) }</h4>
                <p class="desk-muted">{ T::IssueNoticeHint.get(lang) }</p>
                <fieldset>
                    <legend>{ T::NoticeItems.get(lang) }</legend>
                    <ul class="desk-plain desk-notice-items">
                        { for catalogue.criteria().iter().map(|criterion| {
                            let id = criterion.id.clone();
                            let checked = chosen.contains(&id);
                            let field = format!("desk-notice-item-{id}");
                            html! {
                                <li data-notice-item={id.clone()}>
                                    <label for={field.clone()}>
                                        <input type="checkbox" id={field.clone()} data-input="notice-item" value={id.clone()} {checked} onchange={toggle(id.clone())} />
                                        { format!(" {id} {}", criterion.title.get(lang)) }
                                    </label>
                                    if checked {
                                        <label class="desk-inline desk-notice-remark">{ T::NoticeItemRemark.get(lang) }
                                            <input type="text" data-input="notice-item-remark" maxlength="2000"
                                                value={remarks.get(&id).cloned().unwrap_or_default()} oninput={on_item_remark(id.clone())} />
                                        </label>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                </fieldset>
                <label class="desk-block">{ T::NoticeRemark.get(lang) }
                    <textarea data-input="notice-remark" rows="3" maxlength="2000" value={(*remark).clone()}
                        oninput={{ let remark = remark.clone(); Callback::from(move |event: InputEvent| remark.set(target_value(&event))) }} />
                </label>
                <div class="desk-row">
                    <label class="desk-inline">{ T::NoticeDeadline.get(lang) }
                        <input type="date" data-input="notice-deadline" value={(*deadline).clone()}
                            oninput={{ let deadline = deadline.clone(); Callback::from(move |event: InputEvent| deadline.set(target_value(&event))) }} />
                    </label>
                    <label class="desk-file">{ T::KeyFile.get(lang) }
                        <input type="file" data-input="notice-key" accept=".pem" onchange={on_key} />
                    </label>
                    if let Some((file, _)) = key.as_ref() { <span class="desk-muted">{ T::KeyChosen.filled(lang, &[file]) }</span> }
                    <label class="desk-inline">{ T::Passphrase.get(lang) }
                        <input type="password" autocomplete="off" data-input="notice-passphrase" value={(*passphrase).clone()}
                            oninput={{ let passphrase = passphrase.clone(); Callback::from(move |event: InputEvent| passphrase.set(target_value(&event))) }} />
                    </label>
                    <button type="submit" data-action="issue-notice">{ T::IssueAndDownload.get(lang) }</button>
                </div>
                <p role="status" aria-live="polite" data-testid="notice-message" class={classes!(said.as_ref().map(|(ok, _)| if *ok { "desk-ok" } else { "desk-error" }))}>
                    { said.map(|(_, text)| text).unwrap_or_default() }
                </p>
            </form>
            <div class="desk-row desk-no-print">
                <label class="desk-file">{ T::LoadNotice.get(lang) }
                    <input type="file" data-input="notice-file" accept=".json,application/json" onchange={on_load} />
                </label>
            </div>
        </section>
    }
}
