//! The first screen (the toolbar, the navigation, the profile, the first area's criteria and the
//! results) rendered at build time to static HTML by yew's server renderer, from the same
//! components the widget renders, so that a page shows it before the WebAssembly has arrived
//! (`src/bin/first-screen.rs` writes it; `cargo xtask` ships it in the package and the
//! standalone page). Its controls are plain form controls: radios, checkboxes, text fields and
//! the guidance's `<details>` work without script, and the package's JavaScript reads what was
//! done with them at the take-over (`early.rs`). What needs the widget's code (the buttons, the
//! file pickers) is disabled until then.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use selfcheck_core::wire::ProfileDoc;
use selfcheck_core::{Catalogue, Lang};

use crate::components::app::{App, AppProps};
use crate::host::Host;
use crate::state::{HostProfile, Locked, Shared};

/// The first screen in one language.
pub struct FirstScreen {
    /// The widget's root element as the first render draws it, nothing filled in.
    pub html: String,
    /// The association's name field as a host page that fixes it shows it (read-only, saying
    /// so), to replace the open one (its value is set by the script).
    pub locked_name: String,
    /// The credit code field likewise.
    pub locked_credit_code: String,
}

/// The input ids of the fields a host page can fix.
const NAME_INPUT: &str = "selfcheck-profile-name";
const CREDIT_CODE_INPUT: &str = "selfcheck-profile-credit-code";

/// Renders the first screen in `lang`.
pub fn render(lang: Lang) -> FirstScreen {
    let open = without_script(&render_app(lang, Locked::default()));
    let locked = without_script(&render_app(lang, Locked { name: true, credit_code: true }));
    FirstScreen {
        locked_name: enclosing_field(&locked, NAME_INPUT).unwrap_or_default(),
        locked_credit_code: enclosing_field(&locked, CREDIT_CODE_INPUT).unwrap_or_default(),
        html: open,
    }
}

/// The widget's first render, as static HTML (no hydration markers: the widget replaces it).
fn render_app(lang: Lang, locked: Locked) -> String {
    let host = Rc::new(Host {
        keys: None,
        tab: String::new(),
        base_revision: Cell::new(0),
        shadow: None,
        events: None,
        report: RefCell::new(String::new()),
        pending_save: RefCell::new(None),
        dispatch: RefCell::new(None),
        signing: None,
        custom_catalogue: None,
    });
    let props = AppProps {
        lang,
        catalogue: Shared::new(Catalogue::builtin().clone()),
        host: Shared(host),
        host_profile: Shared::new(HostProfile { prefill: ProfileDoc::default(), locked }),
        addressee: None,
        submission: None,
        bureau_fingerprint: None,
        early: None,
        first_screen: true,
    };
    // yew's renderer runs its tasks on a local executor.
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a single-thread runtime starts");
    tokio::task::LocalSet::new()
        .block_on(&runtime, yew::LocalServerRenderer::<App>::with_props(props).hydratable(false).render())
}

/// The HTML with every button, file picker and evidence link field disabled: they need the
/// widget's code, and what was done with them before it arrives would have nowhere to go.
fn without_script(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('>').map_or(rest.len(), |end| end + 1);
        let tag = &rest[..end];
        // An evidence link is added by its button: typed before, it would have nowhere to go.
        let needs_script = tag.starts_with("<button ")
            || tag.starts_with("<button>")
            || (tag.starts_with("<input ") && (tag.contains(r#"type="file""#) || tag.contains("data-evidence-link")));
        match (needs_script, tag.find([' ', '>'])) {
            (true, Some(name_end)) => {
                out.push_str(&tag[..name_end]);
                out.push_str(" disabled");
                out.push_str(&tag[name_end..]);
            }
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The `<div class="selfcheck-field…">` element that holds the input with id `input_id`.
fn enclosing_field(html: &str, input_id: &str) -> Option<String> {
    let input = html.find(&format!(r#"id="{input_id}""#))?;
    let start = html[..input].rfind(r#"<div class="selfcheck-field"#)?;
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let open = html[at..].find("<div").map(|offset| at + offset);
        let close = html[at..].find("</div>").map(|offset| at + offset)?;
        match open {
            Some(open) if open < close => {
                depth += 1;
                at = open + 4;
            }
            _ => {
                depth -= 1;
                at = close + "</div>".len();
                if depth == 0 {
                    return Some(html[start..at].to_owned());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_and_file_pickers_wait_for_the_widget() {
        let html = r#"<p><button type="button">a</button><input type="file" id="f"><input type="text"></p>"#;
        assert_eq!(
            without_script(html),
            r#"<p><button disabled type="button">a</button><input disabled type="file" id="f"><input type="text"></p>"#
        );
    }

    #[test]
    fn finds_the_field_of_an_input() {
        let html = r#"<div class="selfcheck-fields"><div class="selfcheck-field a"><label for="x">X<span>（由网站填写）</span></label><input id="x"><div class="m"></div></div><div class="selfcheck-field"><input id="y"></div></div>"#;
        assert_eq!(
            enclosing_field(html, "x").as_deref(),
            Some(
                r#"<div class="selfcheck-field a"><label for="x">X<span>（由网站填写）</span></label><input id="x"><div class="m"></div></div>"#
            )
        );
        assert_eq!(enclosing_field(html, "z"), None);
    }

    #[test]
    fn the_first_screen_is_the_widgets_first_render() {
        let screen = render(Lang::Zh);
        assert!(
            screen.html.starts_with("<div ") && screen.html[..80].contains(r#"class="selfcheck""#),
            "{}",
            &screen.html[..80]
        );
        assert!(screen.html.contains("data-first-screen"));
        assert!(screen.html.contains(r#"data-criterion="A1""#));
        assert!(!screen.html.contains(r#"data-criterion="B1""#), "only the first area");
        assert!(!screen.html.contains("<button type"), "every button waits for the widget");
        assert!(screen.locked_name.contains("readonly") && screen.locked_name.contains(NAME_INPUT));
        assert!(
            screen.locked_credit_code.contains("readonly") && screen.locked_credit_code.contains(CREDIT_CODE_INPUT)
        );
        assert!(render(Lang::En).html.contains(r#"lang="en""#));
    }
}
