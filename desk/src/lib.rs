//! selfcheck-desk: the bureau's review desk (审核台), its own page and its own wasm module so
//! that the association's widget does not grow. The page (`desk.html`) mounts [`start_desk`]; a
//! Web Worker loads the same module and drives an [`Engine`], which examines the received files
//! with the core off the main thread. Every rule is the core's: this crate shows, filters, sorts
//! and keeps state.

mod app;
pub mod archive;
mod association;
mod blob;
mod browser;
mod engine;
mod i18n;
mod monthly;
mod notices;
mod protocol;
mod province;
mod report;
mod reviews;
mod settings;
mod settings_panel;
mod state;
mod year;

pub use engine::{ArchiveReader, Engine, Sha256Stream};
use wasm_bindgen::prelude::*;

/// What the desk itself can refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeskError {
    /// The deadline is not a day of the month.
    #[error("the deadline must be a day of the month, 1 to 28")]
    Deadline,
    /// A month or a range of months is not `YYYY-MM` or `YYYY-MM..YYYY-MM`.
    #[error("months are written YYYY-MM, a range YYYY-MM..YYYY-MM")]
    Months,
    /// The longest period expected is not a number of days.
    #[error("the longest period must be 1 day or more")]
    Longest,
    /// The page has no element to mount the desk in.
    #[error("the page has no element with the id {0:?}")]
    NoRoot(String),
    /// A message from the worker has no `type`: a page and a worker of different builds, or a
    /// fault, never something to guess around.
    #[error("a message from the worker has no type")]
    WorkerMessageWithoutType,
    /// The worker sent a `type` the page does not know.
    #[error("the worker sent a message of unknown type {0:?}")]
    UnknownWorkerMessage(String),
    /// A field a worker's message needs is missing or of the wrong kind.
    #[error("the worker's {kind:?} message has no valid {field:?}")]
    WorkerMessageField {
        /// The message's `type`.
        kind: String,
        /// The field.
        field: &'static str,
    },
}

/// Mounts the desk in the element with the id `root` (on the main thread only).
#[wasm_bindgen]
pub fn start_desk(root: &str) -> Result<(), JsValue> {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(root))
        .ok_or_else(|| JsValue::from_str(&DeskError::NoRoot(root.to_owned()).to_string()))?;
    yew::Renderer::<app::App>::with_root(element).render();
    Ok(())
}
