//! Navigation by area, with each area's progress, the overall progress and "next unanswered".

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
    /// Interface language.
    pub lang: Lang,
}

/// The area links and progress.
#[component]
pub fn AreaNav(props: &NavProps) -> Html {
    let NavProps { catalogue, report, lang } = props;
    let lang = *lang;
    let total = catalogue.criteria().len();
    let answered = report.answered();
    let host = use_context::<HostRef>();
    let next_unanswered = {
        let (catalogue, report) = (catalogue.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(host) = &host else { return };
            // The next open criterion after the one holding the focus, wrapping around.
            let focused = host
                .active_element()
                .and_then(|element| element.closest("[data-criterion]").ok().flatten())
                .and_then(|fieldset| fieldset.get_attribute("data-criterion"))
                .and_then(|id| catalogue.index_of(&id));
            let start = focused.map_or(0, |index| index + 1);
            let open = &report.open;
            let next = open.iter().find(|&&index| index >= start).or_else(|| open.first());
            if let Some(&index) = next {
                host.focus(&format!("selfcheck-criterion-{}", catalogue.criteria()[index].id));
            }
        })
    };
    html! {
        <nav class="selfcheck-nav" aria-label={S::Navigation.get(lang)}>
            <h2 class="selfcheck-nav-title">{ S::Navigation.get(lang) }</h2>
            <label class="selfcheck-progress-label" for="selfcheck-progress">
                { format!("{} {answered} / {total}", S::Progress.get(lang)) }
            </label>
            <progress id="selfcheck-progress" data-testid="progress" max={total.to_string()} value={answered.to_string()} />
            <ul>
                <li><JumpLink target="selfcheck-profile">{ S::Profile.get(lang) }</JumpLink></li>
                { for catalogue.areas().iter().map(|area| {
                    let open = report.open.iter().filter(|index| area.criteria.contains(index)).count();
                    let count = area.criteria.len();
                    html! {
                        <li>
                            <JumpLink target={format!("selfcheck-area-{}", area.id)} area={area.id.clone()}>
                                { format!("{} {}", area.id, area.title.get(lang)) }
                                <span class="selfcheck-muted">{ format!(" {}/{count}", count - open) }</span>
                            </JumpLink>
                        </li>
                    }
                }) }
                <li><JumpLink target="selfcheck-key">{ S::ExportSection.get(lang) }</JumpLink></li>
                <li><JumpLink target="selfcheck-import">{ S::ImportSection.get(lang) }</JumpLink></li>
            </ul>
            if report.open.is_empty() {
                <p class="selfcheck-muted">{ S::AllAnswered.get(lang) }</p>
            } else {
                <button type="button" data-action="next-unanswered" onclick={next_unanswered}>{ S::NextUnanswered.get(lang) }</button>
            }
        </nav>
    }
}
