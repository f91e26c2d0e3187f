//! The desk page's one state and the actions that change it. `reduce` is pure: local storage,
//! posts to the worker, downloads, printing and the document's title happen in effects and
//! callbacks, which dispatch what came of them.

use std::collections::BTreeMap;
use std::rc::Rc;

use selfcheck_bureau::Reviews;
use selfcheck_core::Lang;
use selfcheck_report_view::Shared;
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::association::Opened;
use crate::browser;
use crate::protocol::{EditorInput, EditorKind, Failure, Received};
use crate::settings::DeskSettings;
use selfcheck_bureau::document::{AnalysisDoc, YearDoc};

/// Changes the desk's state.
pub(crate) type Dispatch = UseReducerDispatcher<DeskState>;

/// The stages a new analysis is shown in: the parts take it one task each, so that no task
/// holds the page long; until its stage, a part shows the analysis before.
pub const STAGES: u8 = 3;

/// Rows of a long table shown at first, and added by "show more".
pub const PAGE: usize = 100;

/// Who the printed heading names until the bureau writes its own.
const DEFAULT_BUREAU: &str = "广东省民政厅";

/// How the bureau looks at the results: kept in local storage, so that a reload shows the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// Which verdicts the list shows: `all`, `accepted`, `invalid`, `key`.
    pub verdicts: String,
    /// Only associations that missed two months or more in a row.
    pub missed_two: bool,
    /// Name or credit code searched for in the ranking.
    pub search: String,
    /// Only this grade id, empty for every grade.
    pub grade: String,
    /// Only results with a veto.
    pub vetoes: bool,
    /// The ranking's sort column.
    pub sort: String,
    /// Whether the sort is ascending.
    pub ascending: bool,
    /// The credit code of the association open in its own view, empty for none.
    pub association: String,
}

impl Default for View {
    fn default() -> View {
        View {
            verdicts: "all".into(),
            missed_two: false,
            search: String::new(),
            grade: String::new(),
            vetoes: false,
            sort: "rank".into(),
            ascending: true,
            association: String::new(),
        }
    }
}

/// A text the bureau edits (the register, the expected list) and the message about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Editor {
    pub text: String,
    /// The file the text was read from, while the text is not edited: the worker reads and
    /// hashes these bytes (never a re-encoding), and "download" gives them back.
    pub file: Option<Rc<Received>>,
    /// Whether it reports a problem, and its words.
    pub message: Option<(bool, String)>,
}

impl Editor {
    /// The editor of `kind` as kept in local storage.
    fn restored(kind: EditorKind) -> Editor {
        let id = kind.id();
        let file = browser::load(&format!("{id}-file"))
            .and_then(|kept| {
                let (name, hex) = kept.split_once('\n')?;
                Some(Rc::new(Received { name: name.to_owned(), bytes: browser::from_hex(hex)? }))
            })
            .filter(|file| !file.bytes.is_empty());
        Editor { text: browser::load(id).unwrap_or_default(), file, message: None }
    }

    /// What the worker is given: the file as received, or the text typed.
    pub fn input(&self, kind: EditorKind) -> EditorInput {
        match &self.file {
            Some(file) => EditorInput::File(file.clone()),
            None => EditorInput::Typed { name: kind.default_name(), text: self.text.clone() },
        }
    }
}

/// Results are compared by identity: a result verified again is a new one.
impl PartialEq for Opened {
    fn eq(&self, other: &Opened) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
    }
}

/// Everything the desk's page shows that is not one control's own.
#[derive(Clone, PartialEq)]
pub struct DeskState {
    /// The interface's language.
    pub lang: Lang,
    /// While files are read: files done, files in all (growing as archives open), and
    /// thousandths of the file under way.
    pub progress: Option<(u32, u32, u32)>,
    /// How far a reading the officer cancelled had come: files done, of how many.
    pub cancelled: Option<(u32, u32)>,
    /// The worker's latest analysis.
    pub analysis: Shared<AnalysisDoc>,
    /// The stages of `analysis` shown so far (`STAGES`: all of it).
    pub stage: u8,
    /// The analysis shown whole before `analysis`, which the parts not yet reached show.
    pub previous: Shared<AnalysisDoc>,
    /// The last failure of the worker, or of starting it.
    pub failure: Option<Failure>,
    /// The worker's memory after its last analysis, in bytes: shown to the benchmark only.
    pub worker_memory: u64,
    /// The key register.
    pub register: Editor,
    /// The expected list.
    pub expected: Editor,
    /// The review's settings.
    pub settings: DeskSettings,
    /// The review states.
    pub reviews: Rc<Reviews>,
    /// How the bureau looks at the results.
    pub view: View,
    /// Rows of the ranking shown.
    pub ranking_rows: usize,
    /// The bureau named on the printed heading.
    pub bureau: String,
    /// The worker's last answer about signing or checking a summary: `(ok, message)`.
    pub sign_outcome: Option<(bool, String)>,
    /// Whether the page is being printed: the appendix of every input file, and every row of the
    /// matrix and the ranking (thousands of rows), are rendered for printing only.
    pub printing: bool,
    /// How many times the print button was pressed: each press prints once.
    pub print_requests: u32,
    /// The results of the association open in its view, verified again on the main thread, by
    /// SHA-256 of the file.
    pub opened: Rc<BTreeMap<String, Opened>>,
    /// The rectification notices followed, their texts as issued (kept in local storage).
    pub notices: Rc<Vec<String>>,
    /// How issuing or loading the last notice went.
    pub notice_outcome: Option<NoticeOutcome>,
    /// The year's summary last made.
    pub year: Option<Shared<YearDoc>>,
    /// Whether the year's summary is what is being printed (not the review's report).
    pub printing_year: bool,
}

/// How issuing or loading a notice went, worded when shown (in the language shown then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeOutcome {
    /// Signed, downloaded and followed.
    Issued,
    /// A notice file loaded and followed: to whom, and the key that signed it.
    Loaded { name: String, credit_code: String, fingerprint: String },
    /// Refused, with the core's reason (in the language of the moment it was refused).
    Refused(String),
}

impl Default for DeskState {
    fn default() -> DeskState {
        DeskState {
            lang: Lang::Zh,
            progress: None,
            cancelled: None,
            analysis: Shared::new(AnalysisDoc::default()),
            stage: STAGES,
            previous: Shared::new(AnalysisDoc::default()),
            failure: None,
            worker_memory: 0,
            register: Editor::default(),
            expected: Editor::default(),
            settings: DeskSettings::default(),
            reviews: Rc::new(Reviews::default()),
            view: View::default(),
            ranking_rows: PAGE,
            bureau: DEFAULT_BUREAU.to_owned(),
            sign_outcome: None,
            printing: false,
            print_requests: 0,
            opened: Rc::new(BTreeMap::new()),
            notices: Rc::new(Vec::new()),
            notice_outcome: None,
            year: None,
            printing_year: false,
        }
    }
}

impl DeskState {
    /// The state the bureau left in local storage, the rest as at first.
    pub fn restored() -> DeskState {
        DeskState {
            lang: browser::load("lang").map_or(Lang::Zh, |tag| Lang::from_tag(&tag)),
            register: Editor::restored(EditorKind::Register),
            expected: Editor::restored(EditorKind::Expected),
            settings: DeskSettings::load(),
            reviews: Rc::new(
                browser::load("reviews").and_then(|text| Reviews::from_json(&text).ok()).unwrap_or_default(),
            ),
            view: browser::load("view").and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default(),
            bureau: browser::load("bureau").unwrap_or_else(|| DEFAULT_BUREAU.to_owned()),
            notices: Rc::new(
                browser::load("notices").and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default(),
            ),
            ..DeskState::default()
        }
    }

    /// The analysis the part of `stage` shows: the new one once its stage is reached.
    pub fn staged(&self, stage: u8) -> Shared<AnalysisDoc> {
        if self.stage >= stage { self.analysis.clone() } else { self.previous.clone() }
    }
}

/// What changes the desk's state.
#[derive(Debug)]
pub enum Action {
    /// The worker's progress reading files.
    Progress { done: u32, total: u32, part: u32 },
    /// The reading was cancelled after `done` files of `total`.
    Cancelled { done: u32, total: u32 },
    /// The worker's analysis, or `None` when the page could not read it; the worker's memory.
    Analysis { document: Option<Shared<AnalysisDoc>>, memory: u64 },
    /// A task passed since stage `reached` was shown: the next may be.
    StageShown(u8),
    /// A result verified again (or `None`: it no longer opens).
    Opened { sha256: String, opened: Option<Opened> },
    /// The worker's answer about signing or checking; no message when signed.
    Signed { ok: bool, message: Option<String> },
    /// Something failed.
    Failed(Failure),
    /// Files were handed to the worker: the last failure and cancel no longer stand.
    Receiving,
    /// The interface's language chosen.
    Lang(Lang),
    /// A register or expected list edited, applied or refused.
    Editor(EditorKind, Editor),
    /// The settings changed.
    Settings(DeskSettings),
    /// The review states changed.
    Reviews(Rc<Reviews>),
    /// The view changed.
    View(View),
    /// "Show more" under the ranking.
    MoreRankingRows,
    /// The bureau's name typed.
    Bureau(String),
    /// The print button: render everything and print.
    Print,
    /// The browser began (`true`) or finished (`false`) printing.
    Printing(bool),
    /// The worker's year's summary, or `None` when the page could not read it.
    Year(Option<Shared<YearDoc>>),
    /// The print button of the year's summary: print it alone.
    PrintYear,
    /// The worker signed a notice (its text), or says why not.
    NoticeIssued(Result<String, String>),
    /// A notice file loaded and verified (its text, and what it is), or why it was refused.
    NoticeLoaded(Result<(String, NoticeOutcome), String>),
}

impl DeskState {
    /// Follows a notice from now on; the same text twice is one notice.
    fn follow(&mut self, text: String) {
        if !self.notices.contains(&text) {
            Rc::make_mut(&mut self.notices).push(text);
        }
    }

    /// Whether files are being read, or an analysis is still being shown stage by stage: the
    /// status says "busy" until every table shows what it counts.
    pub fn busy(&self) -> bool {
        self.progress.is_some() || self.stage < STAGES
    }
}

impl Reducible for DeskState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Progress { done, total, part } => next.progress = Some((done, total, part.min(1000))),
            Action::Cancelled { done, total } => next.cancelled = Some((done, total)),
            Action::Analysis { document, memory } => {
                next.worker_memory = memory;
                next.progress = None;
                match document {
                    Some(document) => {
                        next.analysis = document;
                        next.stage = 0;
                    }
                    // Never silently empty: a document the page cannot read is a fault to see.
                    None => next.failure = Some(Failure::Internal),
                }
            }
            Action::StageShown(reached) => {
                // A stage shown of an analysis since replaced does not advance the new one.
                if reached != next.stage || next.stage >= STAGES {
                    return self;
                }
                next.stage += 1;
                if next.stage == STAGES {
                    next.previous = next.analysis.clone();
                }
            }
            Action::Opened { sha256, opened } => {
                let opened_results = Rc::make_mut(&mut next.opened);
                match opened {
                    Some(opened) => opened_results.insert(sha256, opened),
                    None => opened_results.remove(&sha256),
                };
            }
            Action::Signed { ok, message } => {
                let text = message.unwrap_or_else(|| crate::i18n::T::Signed.get(next.lang).to_owned());
                next.sign_outcome = Some((ok, text));
            }
            Action::Failed(failure) => next.failure = Some(failure),
            Action::Receiving => {
                next.failure = None;
                next.cancelled = None;
            }
            Action::Lang(lang) => next.lang = lang,
            Action::Editor(EditorKind::Register, editor) => next.register = editor,
            Action::Editor(EditorKind::Expected, editor) => next.expected = editor,
            Action::Settings(settings) => next.settings = settings,
            Action::Reviews(reviews) => next.reviews = reviews,
            Action::View(view) => next.view = view,
            Action::MoreRankingRows => next.ranking_rows += PAGE,
            Action::Bureau(bureau) => next.bureau = bureau,
            Action::Print => {
                next.printing = true;
                next.print_requests += 1;
            }
            Action::Printing(printing) => {
                next.printing = printing;
                if !printing {
                    next.printing_year = false;
                }
            }
            Action::Year(Some(year)) => next.year = Some(year),
            Action::Year(None) => next.failure = Some(Failure::Internal),
            Action::PrintYear => {
                next.printing_year = true;
                next.print_requests += 1;
            }
            Action::NoticeIssued(Ok(text)) => {
                next.follow(text);
                next.notice_outcome = Some(NoticeOutcome::Issued);
            }
            Action::NoticeLoaded(Ok((text, loaded))) => {
                next.follow(text);
                next.notice_outcome = Some(loaded);
            }
            Action::NoticeIssued(Err(why)) | Action::NoticeLoaded(Err(why)) => {
                next.notice_outcome = Some(NoticeOutcome::Refused(why));
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(actions: impl IntoIterator<Item = Action>) -> Rc<DeskState> {
        actions.into_iter().fold(Rc::new(DeskState::default()), Reducible::reduce)
    }

    fn analysis() -> Shared<AnalysisDoc> {
        Shared::new(AnalysisDoc::default())
    }

    #[test]
    fn an_analysis_ends_the_progress_and_is_shown_in_stages() {
        let first = analysis();
        let reading = after([Action::Progress { done: 1, total: 4, part: 1500 }]);
        assert_eq!(reading.progress, Some((1, 4, 1000)));
        let read = reading.reduce(Action::Analysis { document: Some(first.clone()), memory: 2048 });
        assert_eq!(read.progress, None);
        assert_eq!(read.worker_memory, 2048);
        assert_eq!((read.stage, read.analysis == first, read.previous == first), (0, true, false));
        assert!(read.staged(0) == first && read.staged(1) != first);
        assert!(read.busy(), "busy until every stage is shown");
        let shown = (0..STAGES).fold(read, |state, stage| state.reduce(Action::StageShown(stage)));
        assert_eq!(shown.stage, STAGES);
        assert!(!shown.busy());
        assert!(shown.previous == first && shown.staged(STAGES) == first);
    }

    #[test]
    fn a_stage_of_a_replaced_analysis_does_not_advance_the_new_one() {
        let (first, second) = (analysis(), analysis());
        let state = after([
            Action::Analysis { document: Some(first), memory: 0 },
            Action::StageShown(0),
            Action::Analysis { document: Some(second.clone()), memory: 0 },
            Action::StageShown(1),
        ]);
        assert_eq!(state.stage, 0);
        assert!(state.analysis == second);
        // The parts not reached keep the analysis last shown whole, the one before both.
        assert!(state.previous != second);
    }

    #[test]
    fn an_unreadable_analysis_is_a_failure_and_keeps_what_was_shown() {
        let shown = after([Action::Progress { done: 0, total: 1, part: 0 }]);
        let before = shown.analysis.clone();
        let state = shown.reduce(Action::Analysis { document: None, memory: 7 });
        assert_eq!((state.progress, state.failure.clone(), state.worker_memory), (None, Some(Failure::Internal), 7));
        assert!(state.analysis == before && state.stage == STAGES);
    }

    #[test]
    fn a_cancelled_reading_keeps_what_was_read() {
        let read = analysis();
        let state = after([
            Action::Progress { done: 2, total: 9, part: 0 },
            Action::Cancelled { done: 2, total: 9 },
            Action::Progress { done: 2, total: 9, part: 0 },
            Action::Analysis { document: Some(read.clone()), memory: 0 },
        ]);
        assert_eq!((state.cancelled, state.progress), (Some((2, 9)), None));
        assert!(state.analysis == read);
        // New files: the cancel and the last failure no longer stand, what was read does.
        let again =
            Rc::new(DeskState { failure: Some(Failure::Internal), ..(*state).clone() }).reduce(Action::Receiving);
        assert_eq!((again.cancelled, again.failure.clone()), (None, None));
        assert!(again.analysis == read);
    }

    #[test]
    fn the_language_words_the_signed_message() {
        let state = after([Action::Lang(Lang::En), Action::Signed { ok: true, message: None }]);
        assert_eq!(state.lang, Lang::En);
        assert_eq!(state.sign_outcome, Some((true, crate::i18n::T::Signed.get(Lang::En).to_owned())));
        let state = state.reduce(Action::Signed { ok: false, message: Some("altered".into()) });
        assert_eq!(state.sign_outcome, Some((false, "altered".to_owned())));
        assert_eq!(after([Action::Lang(Lang::En), Action::Lang(Lang::Zh)]).lang, Lang::Zh);
    }

    #[test]
    fn printing_follows_the_button_and_the_browser() {
        let state = after([Action::Print, Action::Printing(false), Action::Print]);
        assert_eq!((state.printing, state.print_requests), (true, 2));
        assert!(!state.reduce(Action::Printing(false)).printing);
    }

    #[test]
    fn the_page_controls_change_their_own_part() {
        let view = View { association: "51440000X".into(), ..View::default() };
        let editor = Editor { text: "keys".into(), file: None, message: Some((false, "applied".into())) };
        let state = after([
            Action::View(view.clone()),
            Action::Editor(EditorKind::Expected, editor.clone()),
            Action::Bureau("广州市民政局".into()),
            Action::MoreRankingRows,
            Action::Failed(Failure::Read("a.zip".into())),
        ]);
        assert_eq!(state.view, view);
        assert_eq!((&state.expected, &state.register), (&editor, &Editor::default()));
        assert_eq!((state.bureau.as_str(), state.ranking_rows), ("广州市民政局", 2 * PAGE));
        assert_eq!(state.failure, Some(Failure::Read("a.zip".into())));
    }

    #[test]
    fn an_editor_gives_the_worker_its_file_or_its_text() {
        let typed = Editor { text: "a,b".into(), ..Editor::default() };
        assert_eq!(typed.input(EditorKind::Expected), EditorInput::Typed { name: "expected.csv", text: "a,b".into() });
        let file = Rc::new(Received { name: "keys.txt".into(), bytes: b"k".to_vec() });
        let received = Editor { file: Some(file.clone()), ..typed };
        assert_eq!(received.input(EditorKind::Register), EditorInput::File(file));
    }
}
