//! The widget's one state and the actions that change it; `reduce` is pure, side effects
//! belong in effects.

use std::rc::Rc;

use selfcheck_core::{Answers, Catalogue, Lang, Report, Response};
use yew::prelude::*;

/// Everything the questionnaire shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The catalogue answered.
    pub catalogue: Rc<Catalogue>,
    /// The answers so far.
    pub answers: Answers,
    /// The core's report of those answers.
    pub report: Rc<Report>,
    /// Interface language.
    pub lang: Lang,
}

/// What the user can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Answer (or clear) the criterion at this catalogue index.
    Respond(usize, Option<Response>),
    /// Tick or untick a checklist sub-item: criterion index, item index.
    ToggleItem(usize, usize),
    /// Switch the interface language.
    SetLang(Lang),
}

impl State {
    /// A blank questionnaire for `catalogue`.
    pub fn new(catalogue: Rc<Catalogue>, lang: Lang) -> State {
        let answers = Answers::blank(&catalogue);
        let report = Rc::new(Report::compute(&catalogue, &answers));
        State { catalogue, answers, report, lang }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let changed = match action {
            Action::SetLang(lang) => {
                next.lang = lang;
                return Rc::new(next);
            }
            Action::Respond(index, response) => next.answers.set_response(&next.catalogue, index, response).is_ok(),
            Action::ToggleItem(index, item) => {
                let bits = match next.answers.entry(index).and_then(|entry| entry.response) {
                    Some(Response::Checked(bits)) => bits,
                    _ => 0,
                };
                next.answers.set_response(&next.catalogue, index, Some(Response::Checked(bits ^ (1 << item)))).is_ok()
            }
        };
        if !changed {
            return self;
        }
        next.report = Rc::new(Report::compute(&next.catalogue, &next.answers));
        Rc::new(next)
    }
}
