//! The widget's components, from the root `App` down to one criterion.

pub mod app;
pub mod criterion;
pub mod dialog;
pub mod import;
pub mod keys;
pub mod nav;
pub mod print;
pub mod profile;
pub mod results;
pub mod toolbar;

use yew::prelude::*;

use crate::host::HostRef;
use crate::state::Action;

/// A callback that dispatches a fixed action.
pub fn send(dispatch: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.emit(action.clone()))
}

/// Properties of an in-page link.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct JumpProps {
    /// The id of the element to go to.
    pub target: AttrValue,
    /// The link's content.
    pub children: Html,
    /// Extra attribute for tests and styling.
    #[prop_or_default]
    pub area: Option<AttrValue>,
}

/// A link within the widget. Fragment navigation cannot reach into a shadow root, so the click
/// moves the focus to the target itself; the `href` keeps the link a link for everyone.
#[component]
pub fn JumpLink(props: &JumpProps) -> Html {
    let host = use_context::<HostRef>();
    let target = props.target.clone();
    let onclick = Callback::from(move |event: MouseEvent| {
        if let Some(host) = &host {
            event.prevent_default();
            host.focus(&target);
        }
    });
    html! {
        <a href={format!("#{}", props.target)} data-area-link={props.area.clone()} {onclick}>{ props.children.clone() }</a>
    }
}
