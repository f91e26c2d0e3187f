//! selfcheck-web: the self-assessment questionnaire as a yew widget compiled to WebAssembly.
//!
//! The widget renders the catalogue from `selfcheck-core`, keeps the answers in one reducer,
//! and asks the core for the report after every change and for the signed result on export;
//! it holds no scoring rule of its own. `mount_widget` is the entry point the package's
//! JavaScript (`selfcheck-widget.js`) calls; see the package README for the embedding API.

mod browser;
mod components;
mod draft;
mod early;
#[cfg(feature = "prerender")]
pub mod first_screen;
mod host;
mod i18n;
mod profile_field;
mod signing;
mod state;
mod storage;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use selfcheck_core::json::Json;
use selfcheck_core::wire::ProfileDoc;
use selfcheck_core::{Catalogue, Lang, Text};
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot};

pub use components::app::{App, AppProps};
use host::Host;
pub use state::{Action, State};
pub use state::{HostProfile, Locked};

/// What the host page may set, as the JSON the package's JavaScript passes.
struct MountOptions {
    lang: Option<String>,
    /// A custom catalogue's JSON text.
    catalogue: Option<String>,
    /// The profile fields the host fills in, read by the core's own reader.
    profile: Option<Json>,
    locked: Vec<String>,
    /// `null` turns storage off; absent means the namespace `default`.
    namespace: Option<String>,
    /// To whom the result is submitted and the printed summary addressed.
    addressee: Option<HostText>,
    /// The site's own "how to submit" text (one step per line).
    submission: Option<HostText>,
    /// The registration authority's key fingerprint, as the site publishes it.
    bureau_fingerprint: Option<String>,
}

/// The options' members, in the order the package README lists them.
const OPTION_NAMES: [&str; 8] =
    ["lang", "catalogue", "profile", "locked", "namespace", "addressee", "submission", "bureau_fingerprint"];

impl MountOptions {
    /// Reads the options with the core's JSON reader; unknown members are refused.
    fn read(text: &str) -> Result<MountOptions, String> {
        let json = selfcheck_core::json::parse_lenient(text).map_err(|error| error.to_string())?;
        let object = json.as_object().ok_or("the options must be an object")?;
        if let Some(unknown) = object.keys().find(|key| !OPTION_NAMES.contains(key)) {
            return Err(format!("unknown field `{unknown}`, expected one of {}", OPTION_NAMES.join(", ")));
        }
        // A member that is absent or null.
        let present = |key: &str| object.get(key).filter(|value| **value != Json::Null);
        let string = |key: &str| -> Result<Option<String>, String> {
            present(key)
                .map(|value| value.as_str().map(str::to_owned).ok_or(format!("{key} must be a string")))
                .transpose()
        };
        let locked = match present("locked") {
            None => Vec::new(),
            Some(value) => value
                .as_array()
                .and_then(|items| items.iter().map(|item| item.as_str().map(str::to_owned)).collect())
                .ok_or("locked must be an array of strings")?,
        };
        let namespace =
            if object.contains_key("namespace") { string("namespace")? } else { Some("default".to_owned()) };
        Ok(MountOptions {
            lang: string("lang")?,
            catalogue: string("catalogue")?,
            profile: present("profile").cloned(),
            locked,
            namespace,
            addressee: present("addressee").map(|value| HostText::read(value, "addressee")).transpose()?,
            submission: present("submission").map(|value| HostText::read(value, "submission")).transpose()?,
            bureau_fingerprint: string("bureau_fingerprint")?,
        })
    }
}

/// A text the host page gives: one string for both languages, or `{ "zh": …, "en": … }`.
enum HostText {
    One(String),
    Both { zh: String, en: String },
}

impl HostText {
    fn read(value: &Json, what: &str) -> Result<HostText, String> {
        if let Some(text) = value.as_str() {
            return Ok(HostText::One(text.to_owned()));
        }
        let member = |key: &str| value.get(key).and_then(Json::as_str).map(str::to_owned);
        match (member("zh"), member("en")) {
            (Some(zh), Some(en)) => Ok(HostText::Both { zh, en }),
            _ => Err(format!("{what} must be a text, or {{ zh, en }} of texts")),
        }
    }

    /// The text in both languages; `what` names the option in the error.
    fn into_text(self, what: &str) -> Result<Text, JsError> {
        let text = match self {
            HostText::One(text) => Text { zh: text.clone(), en: text },
            HostText::Both { zh, en } => Text { zh, en },
        };
        if text.zh.trim().is_empty() || text.en.trim().is_empty() || text.zh.len() > 4000 || text.en.len() > 4000 {
            return Err(JsError::new(&format!(
                "{what} must be a text of 1 to 4000 bytes, or {{ zh, en }} of such texts"
            )));
        }
        Ok(text)
    }
}

/// A mounted widget, as the host page holds it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<yew::AppHandle<App>>,
    host: Rc<Host>,
    catalogue: state::Shared<Catalogue>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget: a pending save is written first, then every listener and timer goes.
    pub fn destroy(&mut self) {
        self.host.flush();
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// The current report as JSON (`selfcheck-report/1`).
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> String {
        self.host.report.borrow().clone()
    }

    /// Lays over the draft what was answered or typed on the pre-rendered first screen after
    /// `mountWidget` read it (in the moment before the take-over): JSON as `early` there.
    #[wasm_bindgen(js_name = carryOver)]
    pub fn carry_over(&self, early: &str) {
        let early = early::EarlyInput::read(early, &self.catalogue);
        let dispatch = self.host.dispatch.borrow().clone();
        if let (false, Some(dispatch)) = (early.is_empty(), dispatch) {
            dispatch.emit(Action::CarryOver(Rc::new(early)));
        }
    }
}

/// Renders the questionnaire into `container` (inside `shadow` when the host gave it one).
/// `options` is JSON (see the package README); `events` is called with an event name
/// (`change`, `exported`, and `rendered` once the first render is in the DOM) and its JSON
/// detail. `early` is what was answered and typed on the pre-rendered first screen (JSON, see
/// `early.rs`), laid over the restored draft. `signing` loads the second module (key files,
/// signing, verification, the QR code) and resolves to its exports; without it, those say that
/// they cannot run.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    container: Element,
    shadow: Option<ShadowRoot>,
    options: &str,
    events: Option<js_sys::Function>,
    early: Option<String>,
    signing: Option<js_sys::Function>,
) -> Result<WidgetHandle, JsError> {
    let options = MountOptions::read(options).map_err(|error| JsError::new(&format!("invalid options: {error}")))?;
    let catalogue = match &options.catalogue {
        None => Catalogue::builtin().clone(),
        Some(json) => Catalogue::from_json(json).map_err(|error| JsError::new(&error.to_string()))?,
    };
    let prefill = match &options.profile {
        None => ProfileDoc::default(),
        Some(value) => {
            let invalid = |detail: String| JsError::new(&format!("invalid profile: {detail}"));
            ProfileDoc::from_json(value).map_err(|problems| {
                invalid(problems.iter().map(|problem| problem.message(Lang::En)).collect::<Vec<_>>().join("; "))
            })?
        }
    };
    let mut locked = Locked::default();
    for field in &options.locked {
        match field.as_str() {
            "name" => locked.name = true,
            "credit_code" | "credit-code" => locked.credit_code = true,
            other => return Err(JsError::new(&format!("locked names a field that cannot be locked: {other:?}"))),
        }
    }
    if let Some(namespace) = &options.namespace
        && (namespace.is_empty() || namespace.len() > 64 || namespace.contains(char::is_whitespace))
    {
        return Err(JsError::new("namespace must be 1 to 64 characters without spaces, or null for no storage"));
    }
    let tab = browser::random_bytes::<8>()
        .map(|bytes| selfcheck_core::canonical::hex(&bytes))
        .map_err(|error| JsError::new(&browser::describe(error)))?;
    let host = Rc::new(Host {
        keys: options.namespace.as_deref().map(storage::Keys::new),
        tab,
        base_revision: Cell::new(0),
        shadow,
        events,
        report: RefCell::new(String::new()),
        pending_save: RefCell::new(None),
        dispatch: RefCell::new(None),
        signing,
        custom_catalogue: options.catalogue.as_deref().map(Rc::from),
    });
    let catalogue = state::Shared::new(catalogue);
    let early = early
        .map(|json| early::EarlyInput::read(&json, &catalogue))
        .filter(|early| !early.is_empty())
        .map(state::Shared::new);
    let addressee = options.addressee.map(|text| text.into_text("addressee")).transpose()?;
    let submission = options.submission.map(|text| text.into_text("submission")).transpose()?;
    let props = AppProps {
        lang: Lang::from_tag(options.lang.as_deref().unwrap_or("zh-CN")),
        catalogue: catalogue.clone(),
        host: state::Shared(host.clone()),
        host_profile: state::Shared::new(HostProfile { prefill, locked }),
        addressee,
        submission,
        bureau_fingerprint: options.bureau_fingerprint.map(yew::AttrValue::from),
        early,
        first_screen: false,
    };
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    Ok(WidgetHandle { app: Some(app), host, catalogue })
}
