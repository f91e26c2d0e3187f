//! The widget's components, from the root `App` down to one criterion.

pub mod app;
pub mod criterion;
pub mod dialog;
pub mod import;
pub mod keys;
pub mod monthly;
pub mod nav;
pub mod notice;
pub mod print;
pub mod profile;
pub mod results;
pub mod submission;
pub mod toolbar;

use selfcheck_core::{Lang, pick};
use yew::prelude::*;

use crate::host::HostRef;
use crate::i18n::S;
use crate::state::{Action, Notice, Place, Resolution};

/// The message at `place`, if any, in a box named `testid` that says whether it reports a failure.
pub fn message_box(
    state: &crate::state::State,
    place: Place,
    testid: &'static str,
    dispatch: &Callback<Action>,
) -> Html {
    let Some(notice) = state.message(place) else { return Html::default() };
    html! {
        <div data-testid={testid} data-state={if notice.is_error() { "error" } else { "ok" }}>
            <MessageView {place} notice={notice.clone()} lang={state.lang} dispatch={dispatch.clone()} />
        </div>
    }
}

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
    /// Called after the jump (the navigation closes its list).
    #[prop_or_default]
    pub then: Option<Callback<()>>,
}

/// A link within the widget. Fragment navigation cannot reach into a shadow root, so the click
/// moves the focus to the target itself; the `href` keeps the link a link for everyone.
#[component]
pub fn JumpLink(props: &JumpProps) -> Html {
    let host = use_context::<HostRef>();
    let (target, then) = (props.target.clone(), props.then.clone());
    let onclick = Callback::from(move |event: MouseEvent| {
        if let Some(host) = &host {
            event.prevent_default();
            if let Some(then) = &then {
                then.emit(());
            }
            host.focus(&target);
        }
    });
    html! {
        <a href={format!("#{}", props.target)} data-area-link={props.area.clone()} {onclick}>{ props.children.clone() }</a>
    }
}

/// Properties of a message.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct MessageProps {
    /// Where it belongs (what its close button clears).
    pub place: Place,
    /// What it says.
    pub notice: Notice,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
    /// Shown as a banner across the page.
    #[prop_or_default]
    pub banner: bool,
}

/// A message next to the control whose action it reports, announced politely to screen
/// readers, with a button that closes it.
#[component]
pub fn MessageView(props: &MessageProps) -> Html {
    let MessageProps { place, notice, lang, dispatch, banner } = props;
    let error = notice.is_error();
    let class = classes!(
        if *banner { "selfcheck-banner" } else { "selfcheck-message" },
        error.then_some(if *banner { "selfcheck-banner-error" } else { "selfcheck-message-error" }),
    );
    html! {
        <div {class} data-testid="notice" data-place={place_name(*place)} data-state={if error { "error" } else { "ok" }}
            role="status" aria-live="polite">
            <p>{ notice_text(notice, *lang) }</p>
            <button type="button" class="selfcheck-small" data-action="close-message" onclick={send(dispatch, Action::Dismiss(*place))}>
                { S::Close.get(*lang) }
            </button>
        </div>
    }
}

/// The name of a place, for tests and styles (`data-place`).
pub fn place_name(place: Place) -> &'static str {
    match place {
        Place::Page => "page",
        Place::Draft => "draft",
        Place::Profile => "profile",
        Place::Monthly => "monthly",
        Place::Notice => "notice",
        Place::Criterion(_) => "criterion",
        Place::Key => "key",
        Place::Export => "export",
        Place::Import => "import",
    }
}

/// A message in words of `lang`.
pub fn notice_text(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::Error(context, error) => {
            let text = context.with(lang, &crate::i18n::error_text(error, lang));
            match the_right_control(error) {
                Some(control) => format!(
                    "{text}{}{}",
                    if lang == Lang::Zh { "" } else { " " },
                    S::UseInstead.with(lang, control.get(lang))
                ),
                None => text,
            }
        }
        Notice::Worded(context, words) => context.with(lang, words.get(lang)),
        Notice::Browser(context, detail) => pick!(
            lang,
            context.with(lang, S::BrowserRefused.get(lang)),
            context.with(lang, &format!("{} ({detail}).", S::BrowserRefused.get(lang))),
        ),
        Notice::Info(message) => message.get(lang).to_owned(),
        Notice::Detail(message, detail) => message.with(lang, detail),
        Notice::OtherAssociation(message, other) => other.text(*message, lang),
    }
}

/// For a file of the wrong kind, the control that takes it: a signed result given as a draft
/// is for "import a signed result", a draft given as a result for "load draft file", a key file
/// given as either for "load an existing key file".
fn the_right_control(error: &selfcheck_core::Error) -> Option<S> {
    use selfcheck_core::{Document, Error};
    match error {
        Error::WrongDocument { found: Document::Result, expected, .. } if *expected != Document::Result => {
            Some(S::ImportSection)
        }
        Error::WrongDocument {
            found: Document::Draft | Document::Answers,
            expected: Document::Result | Document::KeyFile,
            ..
        } => Some(S::LoadDraft),
        Error::WrongDocument { found: Document::KeyFile, expected, .. } if *expected != Document::KeyFile => {
            Some(S::LoadKeyPath)
        }
        _ => None,
    }
}

/// Properties of the conflict panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ConflictProps {
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// Another tab changed the draft: shown where the user last edited, with the two choices.
#[component]
pub fn ConflictPanel(props: &ConflictProps) -> Html {
    let ConflictProps { lang, dispatch } = props;
    let lang = *lang;
    html! {
        <div class="selfcheck-message selfcheck-message-warning" data-testid="conflict" role="status" aria-live="polite">
            <p>{ S::Conflict.get(lang) }</p>
            <div class="selfcheck-row">
                <button type="button" data-action="load-other-tab" onclick={send(dispatch, Action::Resolve(Resolution::LoadOther))}>
                    { S::LoadOtherTab.get(lang) }
                </button>
                <button type="button" data-action="keep-this-tab" onclick={send(dispatch, Action::Resolve(Resolution::KeepThis))}>
                    { S::KeepThisTab.get(lang) }
                </button>
            </div>
        </div>
    }
}
