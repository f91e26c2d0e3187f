//! selfcheck-web: the self-assessment questionnaire as a yew widget compiled to WebAssembly.
//!
//! The widget renders the catalogue from `selfcheck-core`, keeps the answers in one reducer,
//! and asks the core for the report after every change and for the signed result on export;
//! it holds no scoring rule of its own.

mod browser;
mod components;
mod host;
mod i18n;
mod state;
mod storage;

use wasm_bindgen::prelude::*;

pub use components::app::{App, AppProps};
pub use state::{Action, State};

/// Renders the questionnaire into `element`. `lang` is a BCP 47 tag; Simplified Chinese
/// unless it starts with `en`.
#[wasm_bindgen]
pub fn run(element: web_sys::Element, lang: Option<String>) {
    let lang = selfcheck_core::Lang::from_tag(lang.as_deref().unwrap_or("zh-CN"));
    yew::Renderer::<App>::with_root_and_props(element, AppProps { lang, namespace: Some("default".into()) }).render();
}
