//! What the widget shares with its host page and between its callbacks: the storage keys of
//! this instance, this tab's id, the stored revision, the root it renders in, the host's
//! event listener, the latest report for `handle.report()`, and the signing module's loader.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::{JsCast as _, JsValue};
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::storage::Keys;

/// The host facts of one mounted widget.
pub struct Host {
    /// Storage keys, or `None` when the host turned storage off.
    pub keys: Option<Keys>,
    /// This tab's random id, written with each save.
    pub tab: String,
    /// The stored revision this tab last read or wrote.
    pub base_revision: Cell<u64>,
    /// The shadow root the widget renders in, when it has one.
    pub shadow: Option<ShadowRoot>,
    /// Called with an event name and its JSON detail: `change`, `exported`.
    pub events: Option<js_sys::Function>,
    /// The latest report, as JSON, for `handle.report()`.
    pub report: RefCell<String>,
    /// Saves the draft now, while a debounced save is pending; `destroy()` calls it so that
    /// nothing typed in the last moment is lost.
    pub pending_save: RefCell<Option<Rc<dyn Fn()>>>,
    /// The root's dispatch, for what the host page hands over after mounting (what was typed on
    /// the first screen in the moment before the take-over).
    pub dispatch: RefCell<Option<yew::Callback<crate::state::Action>>>,
    /// Loads the signing module (`selfcheck-web-sign`) once and resolves to its exports.
    pub signing: Option<js_sys::Function>,
    /// The host's own catalogue as it gave it (JSON), for the signing module; `None` for the
    /// built-in one.
    pub custom_catalogue: Option<Rc<str>>,
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host").field("keys", &self.keys).field("tab", &self.tab).finish_non_exhaustive()
    }
}

impl PartialEq for Host {
    fn eq(&self, other: &Host) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Host {
    /// The element with this id in the widget's own tree (its shadow root, or the document).
    pub fn element_by_id(&self, id: &str) -> Option<Element> {
        match &self.shadow {
            Some(shadow) => shadow.get_element_by_id(id),
            None => web_sys::window()?.document()?.get_element_by_id(id),
        }
    }

    /// The focused element in the widget's own tree.
    pub fn active_element(&self) -> Option<Element> {
        match &self.shadow {
            Some(shadow) => shadow.active_element(),
            None => web_sys::window()?.document()?.active_element(),
        }
    }

    /// Runs a pending save at once.
    pub fn flush(&self) {
        let pending = self.pending_save.borrow_mut().take();
        if let Some(save) = pending {
            save();
        }
    }

    /// Tells the host page: `kind` with a JSON `detail`.
    pub fn emit(&self, kind: &str, detail: &str) {
        if let Some(events) = &self.events {
            let _ = events.call2(&JsValue::NULL, &JsValue::from_str(kind), &JsValue::from_str(detail));
        }
    }

    /// The first element matching `selector` in the widget's own tree.
    pub fn query(&self, selector: &str) -> Option<Element> {
        match &self.shadow {
            Some(shadow) => shadow.query_selector(selector).ok().flatten(),
            None => web_sys::window()?.document()?.query_selector(selector).ok().flatten(),
        }
    }

    /// Brings the element with this id into view below the widget's sticky bar, and moves the
    /// focus there: to a criterion's first control that can take it, to a field itself, or to
    /// a section's heading. In-page links cannot reach into a shadow root.
    pub fn focus(&self, id: &str) {
        let Some(target) = self.element_by_id(id) else { return };
        let control = if target.has_attribute("data-criterion") {
            target.query_selector("input:not([disabled])").ok().flatten()
        } else if matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "BUTTON") {
            Some(target.clone())
        } else {
            target.query_selector("h2, h3").ok().flatten()
        };
        let control = control.unwrap_or_else(|| target.clone());
        // A field is shown with its label: scroll to the field's box.
        let scrolled = if control == target { target.closest(".selfcheck-field").ok().flatten() } else { None };
        let Ok(control) = control.dyn_into::<HtmlElement>() else { return };
        if control.tab_index() < 0 && control.get_attribute("tabindex").is_none() {
            control.set_tab_index(-1);
        }
        let scrolled = scrolled.unwrap_or(target);
        let drawn = self.draw_areas_now();
        crate::browser::scroll_and_focus(&scrolled, &control, self.covered_top(&scrolled));
        crate::browser::after_next_frame(move || give_back_to_lazy_drawing(&drawn));
    }

    /// Draws every area of questions at once, for a jump. An area off screen is drawn lazily
    /// (`content-visibility: auto`): until it nears the view it stands at a placeholder height,
    /// and it takes its real height only after the jump has brought it near, moving the target
    /// away (目录 → E landed on D4). Returns the areas to give back to lazy drawing once drawn.
    fn draw_areas_now(&self) -> Vec<HtmlElement> {
        let areas = self.query_all(".selfcheck-questions");
        let areas: Vec<HtmlElement> = areas.into_iter().filter_map(|area| area.dyn_into().ok()).collect();
        for area in &areas {
            // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
            let _ = area.style().set_property("content-visibility", "visible");
        }
        areas
    }

    /// Every element matching `selector` in the widget's own tree.
    pub fn query_all(&self, selector: &str) -> Vec<Element> {
        let list = match &self.shadow {
            Some(shadow) => shadow.query_selector_all(selector).ok(),
            None => web_sys::window().and_then(|window| window.document()?.query_selector_all(selector).ok()),
        };
        let Some(list) = list else { return Vec::new() };
        (0..list.length()).filter_map(|index| list.get(index)?.dyn_into().ok()).collect()
    }

    /// How far from the top of the view `target` must land not to be covered: below the
    /// navigation bar when it sticks to the top above the target (narrow screens), else a
    /// small margin.
    fn covered_top(&self, target: &Element) -> i32 {
        const MARGIN: i32 = 8;
        let Some(window) = web_sys::window() else { return MARGIN };
        let Some(bar) = self.query(".selfcheck-nav") else { return MARGIN };
        let Ok(Some(style)) = window.get_computed_style(&bar) else { return MARGIN };
        if style.get_property_value("position").ok().as_deref() != Some("sticky") {
            return MARGIN;
        }
        let (bar_box, target_box) = (bar.get_bounding_client_rect(), target.get_bounding_client_rect());
        let beside =
            bar_box.right() as i32 <= target_box.left() as i32 || target_box.right() as i32 <= bar_box.left() as i32;
        if beside {
            return MARGIN;
        }
        // The bar's own height: the list it opens lies over the page, and closes on a jump.
        let height = self.query(".selfcheck-nav-bar").map_or(0, |bar| bar.get_bounding_client_rect().height() as i32);
        let top = style
            .get_property_value("top")
            .ok()
            .and_then(|top| top.trim_end_matches("px").parse::<f64>().ok())
            .map_or(0, |top| top as i32);
        top + height + MARGIN
    }
}

/// Gives areas drawn for a jump back to lazy drawing, once a frame has drawn them: the browser
/// then remembers their real height (`contain-intrinsic-size: auto`), and nothing moves. A browser
/// that cannot remember it (Chromium before 95) keeps them drawn; one without lazy drawing
/// (Firefox ESR 115, Safari 15) never had a placeholder.
fn give_back_to_lazy_drawing(areas: &[HtmlElement]) {
    let Some(window) = web_sys::window() else { return };
    for area in areas {
        let remembers = window
            .get_computed_style(area)
            .ok()
            .flatten()
            .and_then(|style| style.get_property_value("contain-intrinsic-size").ok())
            .is_some_and(|size| size.contains("auto"));
        if remembers {
            let _ = area.style().remove_property("content-visibility");
        }
    }
}

/// Shared by context.
pub type HostRef = Rc<Host>;
