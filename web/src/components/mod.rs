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

use crate::state::Action;

/// A callback that dispatches a fixed action.
pub fn send(dispatch: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.emit(action.clone()))
}
