//! Navigation: the overall progress, a compact score line, "next unanswered" and the links to
//! each area. On narrow screens it is a bar that stays at the top (the score line and the
//! buttons), with the links in a list it opens; elsewhere a column beside the questionnaire.

use selfcheck_core::wire::ProfileDoc;
use selfcheck_core::{Catalogue, Lang, Report};
use yew::prelude::*;

use super::JumpLink;
use crate::host::HostRef;
use crate::i18n::S;
use crate::state::Shared;

/// Properties of the navigation.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NavProps {
    /// The catalogue.
    pub catalogue: Shared<Catalogue>,
    /// The core's report.
    pub report: Shared<Report>,
    /// The profile as typed: its empty or invalid fields come first in "next unanswered".
    pub profile: Shared<ProfileDoc>,
    /// Interface language.
    pub lang: Lang,
}

/// The profile fields, in page order, with the paths the core names them by.
const PROFILE_FIELDS: [(&str, &str); 7] = [
    ("selfcheck-profile-name", "profile.name"),
    ("selfcheck-profile-credit-code", "profile.credit_code"),
    ("selfcheck-profile-person", "profile.contact.person"),
    ("selfcheck-profile-phone", "profile.contact.phone"),
    ("selfcheck-profile-email", "profile.contact.email"),
    ("selfcheck-profile-from", "profile.period.from"),
    ("selfcheck-profile-to", "profile.period.to"),
];

/// Which profile fields still need the user: empty, or refused by the core's signing rules.
fn open_profile_fields(profile: &ProfileDoc) -> Vec<usize> {
    let problems = selfcheck_core::credential::signing_profile_problems(profile);
    let values = [
        &profile.name,
        &profile.credit_code,
        &profile.contact.person,
        &profile.contact.phone,
        &profile.contact.email,
        &profile.period.from,
        &profile.period.to,
    ];
    (0..PROFILE_FIELDS.len())
        .filter(|&field| {
            values[field].trim().is_empty() || problems.iter().any(|problem| problem.at == PROFILE_FIELDS[field].1)
        })
        .collect()
}

/// The navigation.
#[component]
pub fn AreaNav(props: &NavProps) -> Html {
    let NavProps { catalogue, report, profile, lang } = props;
    let lang = *lang;
    let total = catalogue.criteria().len();
    let answered = report.answered();
    let host = use_context::<HostRef>();
    let open_list = use_state(|| false);
    // Where "next unanswered" went last: a second press goes on from there, not back to the
    // same place, when the focus is on the button itself.
    let last_target = use_mut_ref(|| None::<usize>);
    let open_fields = open_profile_fields(profile);
    let anything_open = !open_fields.is_empty() || report.open().len() > 0;
    let next_unanswered = {
        let (catalogue, report, host, last_target) =
            (catalogue.clone(), report.clone(), host.clone(), last_target.clone());
        let open_fields = open_fields.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(host) = &host else { return };
            // One sequence in page order: the profile fields, then the criteria.
            let fields = PROFILE_FIELDS.len();
            let open: Vec<usize> = open_fields
                .iter()
                .copied()
                .chain(
                    report.open().filter_map(|criterion| catalogue.index_of(&criterion.id)).map(|index| fields + index),
                )
                .collect();
            let focused = host.active_element().and_then(|element| {
                let field = PROFILE_FIELDS.iter().position(|(id, _)| element.id() == *id);
                field.or_else(|| {
                    element
                        .closest("[data-criterion]")
                        .ok()
                        .flatten()
                        .and_then(|fieldset| fieldset.get_attribute("data-criterion"))
                        .and_then(|id| catalogue.index_of(&id))
                        .map(|index| fields + index)
                })
            });
            let start = focused.or(*last_target.borrow()).map_or(0, |position| position + 1);
            let next = open.iter().find(|&&position| position >= start).or_else(|| open.first());
            let Some(&position) = next else { return };
            *last_target.borrow_mut() = Some(position);
            if position < fields {
                host.focus(PROFILE_FIELDS[position].0);
            } else {
                host.focus(&format!("selfcheck-criterion-{}", catalogue.criteria()[position - fields].id));
            }
        })
    };
    let toggle = {
        let open_list = open_list.clone();
        Callback::from(move |_: MouseEvent| open_list.set(!*open_list))
    };
    let close_list = {
        let open_list = open_list.clone();
        Callback::from(move |()| open_list.set(false))
    };
    let grade = report.grade_text(lang);
    html! {
        <nav class="selfcheck-nav" aria-label={S::Navigation.get(lang)}>
            <div class="selfcheck-nav-bar">
                <p class="selfcheck-nav-score" data-testid="score-line">
                    <span>{ format!("{} {}", S::ScoreHeadline.get(lang), report.score()) }</span>
                    <span>{ format!("{} {grade}", S::Grade.get(lang)) }</span>
                    <span>{ format!("{} {answered} / {total}", S::Answered.get(lang)) }</span>
                </p>
                <div class="selfcheck-nav-buttons">
                    if anything_open {
                        <button type="button" data-action="next-unanswered" onclick={next_unanswered}>{ S::NextUnanswered.get(lang) }</button>
                    } else {
                        <span class="selfcheck-muted" role="status">{ S::AllAnswered.get(lang) }</span>
                    }
                    <button type="button" class="selfcheck-nav-toggle" data-action="nav-toggle" aria-controls="selfcheck-nav-list"
                        aria-expanded={open_list.to_string()} onclick={toggle}>
                        { S::Contents.get(lang) }
                    </button>
                </div>
            </div>
            <div id="selfcheck-nav-list" class={classes!("selfcheck-nav-list", open_list.then_some("selfcheck-open"))}>
                <h2 class="selfcheck-nav-title">{ S::Navigation.get(lang) }</h2>
                <label class="selfcheck-progress-label" for="selfcheck-progress">
                    { format!("{} {answered} / {total}", S::Progress.get(lang)) }
                </label>
                <progress id="selfcheck-progress" data-testid="progress" max={total.to_string()} value={answered.to_string()} />
                <ul>
                    <li><JumpLink target="selfcheck-profile" then={close_list.clone()}>{ S::Profile.get(lang) }</JumpLink></li>
                    { for catalogue.areas().iter().map(|area| {
                        let open = report.outcomes()[area.criteria.clone()].iter().filter(|outcome| !outcome.answered).count();
                        let count = area.criteria.len();
                        html! {
                            <li>
                                <JumpLink target={format!("selfcheck-area-{}", area.id)} area={area.id.clone()} then={close_list.clone()}>
                                    { format!("{} {}", area.id, area.title.get(lang)) }
                                    <span class="selfcheck-muted">{ format!(" {}/{count}", count - open) }</span>
                                </JumpLink>
                            </li>
                        }
                    }) }
                    <li><JumpLink target="selfcheck-monthly" then={close_list.clone()}>{ S::Monthly.get(lang) }</JumpLink></li>
                    <li><JumpLink target="selfcheck-key" then={close_list.clone()}>{ S::ExportSection.get(lang) }</JumpLink></li>
                    <li><JumpLink target="selfcheck-submission" then={close_list.clone()}>{ S::SubmissionSection.get(lang) }</JumpLink></li>
                    <li><JumpLink target="selfcheck-import" then={close_list.clone()}>{ S::ImportSection.get(lang) }</JumpLink></li>
                    <li><JumpLink target="selfcheck-results" then={close_list}>{ S::Results.get(lang) }</JumpLink></li>
                </ul>
            </div>
        </nav>
    }
}
