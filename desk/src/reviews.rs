//! Keeping the review states (of results and of the problems they report): in the page, in
//! local storage and in the worker, which the exports read.

use std::rc::Rc;

use selfcheck_bureau::Reviews;
use selfcheck_core::{Lang, Timestamp};

use crate::browser;
use crate::protocol::{Send, ToWorker};
use crate::state::{Action, Dispatch};

/// A state and its note as the page prints them (`退回：请补充佐证。`).
pub(crate) fn printed(state: &str, note: &str, lang: Lang) -> String {
    match (note.is_empty(), lang) {
        (true, _) => state.to_owned(),
        (false, Lang::Zh) => format!("{state}：{note}"),
        (false, Lang::En) => format!("{state}: {note}"),
    }
}

/// The time a review is set at.
pub(crate) fn now() -> Timestamp {
    Timestamp::from_unix_seconds(browser::now_unix_seconds())
}

/// Keeps `next`: in the page, in local storage and in the worker (for the exports); false
/// when the browser refused to store it.
pub(crate) fn commit_reviews(dispatch: &Dispatch, send: &Send, next: Reviews, lang: Lang) -> bool {
    let text = next.to_json();
    let kept = browser::store("reviews", &text);
    send(ToWorker::Reviews { text, lang });
    dispatch.dispatch(Action::Reviews(Rc::new(next)));
    kept
}
