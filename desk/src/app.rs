//! The desk's page: receiving files (handed to the worker), the key register and the expected
//! list, the verdicts, the monthly matrix, the ranking, the anomalies and the exports. It shows
//! what the core computed in the worker; its state is one reducer (`crate::state`), kept in
//! local storage where a reload should find it.

use std::cell::RefCell;
use std::rc::Rc;

use selfcheck_bureau::{CellStatus, ExpectedList, ReviewState, Reviews, Stage};
use selfcheck_core::{Catalogue, Document, KeyRegister, Lang, Standing, Timestamp, pick};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::prelude::*;

use crate::association::{AssociationView, accepted_files};
use crate::browser;
use crate::browser::{target_checked, target_value};
use crate::i18n::T;
use crate::notices::NoticesPanel;
use crate::protocol::{EditorKind, Failure, FromWorker, Received, Send, ToWorker, lang_code};
use crate::reviews::{commit_reviews, now};
use crate::state::{Action, DeskState, Dispatch, Editor, PAGE, STAGES, View};
use selfcheck_bureau::document::{AnalysisDoc, FileDoc, RankDoc};
use selfcheck_report_view::Shared;

/// Where the worker's script is, relative to the page: the build with reference types, or the
/// fallback for browsers without them (Chromium before 96), as the page itself was loaded.
fn worker_url() -> &'static str {
    if browser::has_reference_types() { "./desk/desk-worker.js" } else { "./desk/desk-worker-fallback.js" }
}

impl Failure {
    fn text(&self, lang: Lang) -> String {
        match self {
            Failure::NoWorker => T::WorkerFailed.get(lang).to_owned(),
            Failure::Read(name) => T::ReadFailed.filled(lang, &[name]),
            Failure::Message(message) => message.clone(),
            Failure::Internal => T::InternalFailure.get(lang).to_owned(),
        }
    }
}

/// A register read by the core from the bytes received, as the command line reads
/// `--trusted-keys`: its text, or the error in words of `lang`.
fn check_register(bytes: &[u8], lang: Lang) -> Result<String, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    KeyRegister::from_bytes(bytes)
        .map(|_| selfcheck_core::json::decode(bytes).map(str::to_owned).unwrap_or_default())
        .map_err(|error| error.message(lang))
}

/// An expected list read by the core from the bytes received, as the command line reads
/// `--expected`: its text, or the error in words of `lang`.
fn check_expected(bytes: &[u8], lang: Lang) -> Result<String, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    ExpectedList::read(bytes).map(|(_, text)| text).map_err(|error| error.message(lang))
}

/// The label of a key status code.
fn key_label(code: &str, lang: Lang) -> &'static str {
    selfcheck_core::messages::key_status_label(Some(code), lang)
}

/// The label of a verdict code: accepted, or the core's words for the stage it failed at.
fn verdict_label(code: &str, lang: Lang) -> &'static str {
    Stage::ALL.iter().find(|stage| stage.code() == code).map_or(T::OnlyAccepted.get(lang), |stage| stage.label(lang))
}

/// A matrix cell's code as the core's status (and whether late).
fn cell_status(code: &str) -> Option<(CellStatus, bool)> {
    let (status, late) = match code.strip_suffix("-late") {
        Some(status) => (status, true),
        None => (code, false),
    };
    [
        CellStatus::Received,
        CellStatus::Duplicate,
        CellStatus::Invalid,
        CellStatus::Missing,
        CellStatus::NotDue,
        CellStatus::Unlisted,
    ]
    .into_iter()
    .find(|candidate| candidate.code() == status)
    .map(|status| (status, late))
}

/// File names after a sentence: `（a.json、b.json）` in Chinese, ` (a.json, b.json)` in English.
fn files_in_brackets<'a>(names: impl Iterator<Item = &'a str>, lang: Lang) -> String {
    let names: Vec<&str> = names.collect();
    pick!(lang, format!("（{}）", names.join("、")), format!(" ({})", names.join(", ")))
}

/// What the grade filter matches a row by: its grade id, or `incomplete` (no grade yet).
fn grade_filter(row: &RankDoc) -> &str {
    if standing(row) == Standing::Incomplete { Standing::Incomplete.code() } else { &row.grade }
}

/// The grade filter's option for `value` (see [`grade_filter`]).
fn grade_filter_label(value: &str, lang: Lang) -> String {
    match Standing::from_code(value) {
        Some(Standing::Incomplete) => selfcheck_core::messages::not_finished(lang).to_owned(),
        _ => grade_label(value, lang),
    }
}

/// The grade's label in the built-in catalogue, or its id.
fn grade_label(id: &str, lang: Lang) -> String {
    Catalogue::builtins()
        .iter()
        .flat_map(|catalogue| catalogue.grades())
        .find(|grade| grade.id == id)
        .map_or_else(|| id.to_owned(), |grade| grade.label.get(lang).to_owned())
}

/// A button that opens an association's own view.
fn open_button(view: &View, dispatch: &Dispatch, credit_code: &str, name: &str, lang: Lang) -> Html {
    let (view, dispatch, code) = (view.clone(), dispatch.clone(), credit_code.to_owned());
    let onclick = Callback::from(move |_: MouseEvent| {
        dispatch.dispatch(Action::View(View { association: code.clone(), ..view.clone() }));
        if let Some(section) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id("desk-association-anchor"))
        {
            section.scroll_into_view();
        }
    });
    html! {
        <button type="button" class="desk-link" data-open={credit_code.to_owned()} aria-label={T::Open.filled(lang, &[name])} {onclick}>{ name.to_owned() }</button>
    }
}

/// Turns a message of the worker's into what it changes: an action, or a download.
fn on_worker_message(message: FromWorker, dispatch: &Dispatch, applied_register: &str) {
    let action = match message {
        FromWorker::Progress { done, total, part } => Action::Progress { done, total, part },
        FromWorker::Cancelled { done, total } => Action::Cancelled { done, total },
        FromWorker::Analysis { json, memory } => {
            let document = AnalysisDoc::read(&json)
                .inspect_err(|error| {
                    web_sys::console::error_1(&format!("the analysis cannot be read: {error}").into());
                })
                .ok()
                .map(Shared::new);
            Action::Analysis { document, memory }
        }
        FromWorker::Download { name, mime, bytes } => {
            let _ = browser::download(&name, &bytes, &mime);
            return;
        }
        FromWorker::Result { sha256, name, bytes } => {
            let now = Timestamp::from_unix_seconds(browser::now_unix_seconds());
            Action::Opened { sha256, opened: crate::association::open(&name, &bytes, applied_register, &now) }
        }
        FromWorker::Signed { ok, message } => Action::Signed { ok, message },
        FromWorker::Issued(outcome) => Action::NoticeIssued(outcome),
        FromWorker::Year { json } => Action::Year(
            serde_json::from_str::<selfcheck_bureau::document::YearDoc>(&json)
                .inspect_err(|error| {
                    web_sys::console::error_1(&format!("the year's summary cannot be read: {error}").into())
                })
                .ok()
                .filter(|year| year.format == selfcheck_bureau::YEAR_FORMAT)
                .map(Shared::new),
        ),
        FromWorker::Failed(failure) => Action::Failed(failure),
    };
    dispatch.dispatch(action);
}

/// Starts the worker, which restores the files kept from earlier visits, and hands its messages
/// to [`on_worker_message`].
fn start_worker(initial: &DeskState, dispatch: Dispatch, applied_register: Rc<RefCell<String>>) -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = match Worker::new_with_options(worker_url(), &options) {
        Ok(worker) => worker,
        Err(error) => {
            web_sys::console::error_1(&error);
            dispatch.dispatch(Action::Failed(Failure::NoWorker));
            return None;
        }
    };
    let onmessage =
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| match FromWorker::read(&event.data()) {
            Ok(message) => on_worker_message(message, &dispatch, &applied_register.borrow()),
            Err(unreadable) => web_sys::console::error_1(&unreadable.to_string().into()),
        });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    onmessage.forget();
    let init = ToWorker::Init {
        now: browser::now_unix_seconds() as f64,
        register: initial.register.input(EditorKind::Register),
        expected: initial.expected.input(EditorKind::Expected),
        reviews: initial.reviews.to_json(),
        notices: initial.notices.to_vec(),
        lang: initial.lang,
        settings: initial.settings.message_or_defaults(),
    };
    let _ = worker.post_message(&init.to_js());
    Some(worker)
}

/// The desk's root component.
#[component]
pub fn App() -> Html {
    let state = use_reducer(DeskState::restored);
    let dispatch = state.dispatcher();
    let lang = state.lang;
    let worker: Rc<RefCell<Option<Worker>>> = use_mut_ref(|| None);
    // The register as applied, for verifying an opened result again (read by the worker's
    // message handler, which outlives every render).
    let applied_register: Rc<RefCell<String>> = use_mut_ref(String::new);
    {
        let applied_register = applied_register.clone();
        use_effect_with(state.register.text.clone(), move |text| *applied_register.borrow_mut() = text.clone());
    }
    {
        let (worker, state, applied_register) = (worker.clone(), state.clone(), applied_register.clone());
        use_effect_with((), move |_| {
            *worker.borrow_mut() = start_worker(&state, state.dispatcher(), applied_register);
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((state.analysis.clone(), state.stage), move |(_, reached)| {
            let reached = *reached;
            if reached < STAGES {
                gloo_timers::callback::Timeout::new(0, move || dispatch.dispatch(Action::StageShown(reached))).forget();
            }
        });
    }
    use_effect_with(lang, |&lang| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
            }
            document.set_title(&format!("{} · selfcheck", T::Title.get(lang)));
        }
    });
    use_effect_with(state.print_requests, |requests| {
        if *requests > 0
            && let Some(window) = web_sys::window()
        {
            let _ = window.print();
        }
    });
    {
        // Printing from the browser's own command renders every row too, until it is done.
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            if let Some(window) = web_sys::window() {
                for (event, now_printing) in [("beforeprint", true), ("afterprint", false)] {
                    let dispatch = dispatch.clone();
                    let listener = Closure::<dyn Fn()>::new(move || dispatch.dispatch(Action::Printing(now_printing)));
                    let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
                    // The desk is the page: its listeners live as long as it does.
                    listener.forget();
                }
            }
        });
    }
    // The view is kept as the bureau leaves it.
    use_effect_with(state.view.clone(), |view| {
        if let Ok(text) = serde_json::to_string(view) {
            browser::store("view", &text);
        }
    });

    let send: Send = {
        let worker = worker.clone();
        Rc::new(move |message: ToWorker| {
            if let Some(worker) = worker.borrow().as_ref() {
                let _ = worker.post_message(&message.to_js());
            }
        })
    };
    {
        // The notices followed are kept, and the worker follows them; the first are in its
        // start message already.
        let (send, sent) = (send.clone(), use_mut_ref(|| state.notices.clone()));
        use_effect_with(state.notices.clone(), move |notices| {
            if !Rc::ptr_eq(&sent.borrow(), notices) {
                if let Ok(text) = serde_json::to_string(&**notices) {
                    browser::store("notices", &text);
                }
                send(ToWorker::Notices(notices.to_vec()));
                *sent.borrow_mut() = notices.clone();
            }
        });
    }
    // The open association's results, asked of the worker once each.
    {
        let send = send.clone();
        let wanted: Vec<String> = if state.view.association.is_empty() {
            Vec::new()
        } else {
            accepted_files(&state.analysis, &state.view.association)
                .into_iter()
                .filter(|file| !state.opened.contains_key(&file.sha256))
                .map(|file| file.sha256.clone())
                .collect()
        };
        use_effect_with(wanted, move |wanted| {
            if !wanted.is_empty() {
                send(ToWorker::Results(wanted.clone()));
            }
        });
    }
    let switch_lang = {
        let (dispatch, send) = (dispatch.clone(), send.clone());
        Callback::from(move |_: MouseEvent| {
            let next = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
            browser::store("lang", lang_code(next));
            send(ToWorker::Lang(next));
            dispatch.dispatch(Action::Lang(next));
        })
    };

    let receive = {
        let (send, dispatch) = (send.clone(), dispatch.clone());
        // The FileList itself goes to the worker (it is cloneable): going through thousands of
        // files here would hold up the page.
        Rc::new(move |files: Option<web_sys::FileList>| {
            if let Some(files) = files.filter(|files| files.length() > 0) {
                dispatch.dispatch(Action::Receiving);
                send(ToWorker::Files(files));
            }
        })
    };
    let cancel = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(ToWorker::Cancel))
    };
    let on_files = {
        let receive = receive.clone();
        Callback::from(move |event: Event| {
            let input = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok());
            if let Some(input) = input {
                receive(input.files());
                input.set_value("");
            }
        })
    };
    let on_drop = {
        let receive = receive.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            receive(event.data_transfer().and_then(|transfer| transfer.files()));
        })
    };
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let clear = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send(ToWorker::Clear))
    };

    let analysis_doc = state.analysis.clone();
    let counts = &analysis_doc.counts;
    let status = match (state.progress, state.cancelled) {
        (Some((done, total, _)), _) => T::ProgressText.filled(lang, &[&done.to_string(), &total.to_string()]),
        (None, Some((done, total))) => T::Cancelled.filled(
            lang,
            &[&done.to_string(), &total.to_string(), &counts.files.to_string(), &counts.accepted.to_string()],
        ),
        (None, None) if counts.files == 0 => T::NothingLoaded.get(lang).to_owned(),
        (None, None) => T::Loaded.filled(
            lang,
            &[&counts.files.to_string(), &counts.accepted.to_string(), &(counts.files - counts.accepted).to_string()],
        ),
    };
    let view = &state.view;

    html! {
        <div class={classes!("selfcheck", "desk", state.printing_year.then_some("desk-year-printing"))} data-lang={lang_code(lang)}>
            <header class="desk-header">
                <div>
                    <h1>{ T::Title.get(lang) }</h1>
                    <p class="desk-muted">{ T::Subtitle.get(lang) }</p>
                </div>
                <button type="button" data-action="lang" aria-label={T::LanguageSwitchLabel.get(lang)}
                    lang={if lang == Lang::Zh { "en" } else { "zh-CN" }} onclick={switch_lang}>
                    { T::LanguageSwitch.get(lang) }
                </button>
            </header>
            <nav class="desk-nav" aria-label={T::Sections.get(lang)}>
                <a href="#desk-load">{ T::Load.get(lang) }</a>
                <a href="#desk-register">{ T::Register.get(lang) }</a>
                <a href="#desk-verdicts">{ T::Verdicts.get(lang) }</a>
                <a href="#desk-matrix">{ T::Matrix.get(lang) }</a>
                <a href="#desk-ranking">{ T::Ranking.get(lang) }</a>
                <a href="#desk-province">{ T::Province.get(lang) }</a>
                <a href="#desk-monthly">{ T::Monthly.get(lang) }</a>
                <a href="#desk-anomalies">{ T::Anomalies.get(lang) }</a>
                <a href="#desk-exports">{ T::Exports.get(lang) }</a>
                <a href="#desk-year">{ T::YearSummary.get(lang) }</a>
            </nav>
            <main>
                <crate::report::PrintHeading bureau={state.bureau.clone()} counts={status.clone()} {lang} />
                <crate::settings_panel::PrintedSettings analysis={analysis_doc.clone()} {lang} />
                <section id="desk-load" class="desk-section" aria-labelledby="desk-load-title">
                    <h2 id="desk-load-title">{ T::Load.get(lang) }</h2>
                    <div class="desk-drop" data-testid="drop" ondrop={on_drop} ondragover={on_drag_over}>
                        <div class="desk-row">
                            <label class="desk-file">
                                { T::ChooseFiles.get(lang) }
                                <input type="file" multiple=true data-input="files" onchange={on_files.clone()} />
                            </label>
                            <label class="desk-file">
                                { T::ChooseFolder.get(lang) }
                                <input type="file" multiple=true webkitdirectory=true data-input="folder" onchange={on_files} />
                            </label>
                        </div>
                        <p class="desk-muted">{ T::DropHere.get(lang) }</p>
                    </div>
                    if let Some((done, total, part)) = state.progress {
                        <div class="desk-row">
                            <label class="desk-progress">
                                { T::Progress.get(lang) }
                                // In thousandths of a file, so that a large file's bar moves as it is read.
                                <progress data-testid="progress" max={(u64::from(total.max(1)) * 1000).to_string()}
                                    value={(u64::from(done) * 1000 + u64::from(part)).to_string()}>
                                    { format!("{done} / {total}") }
                                </progress>
                            </label>
                            <button type="button" data-action="cancel-load" onclick={cancel}>{ T::CancelLoad.get(lang) }</button>
                        </div>
                    }
                    <p data-testid="load-status" role="status" aria-live="polite" data-busy={state.busy().to_string()}
                        data-files={counts.files.to_string()} data-worker-memory={state.worker_memory.to_string()}>{ status }</p>
                    if let Some(failure) = &state.failure {
                        <p class="desk-error" role="alert" data-testid="load-failure">{ failure.text(lang) }</p>
                    }
                    <button type="button" data-action="clear-files" onclick={clear}>{ T::ClearFiles.get(lang) }</button>
                </section>
                <section id="desk-register" class="desk-section desk-columns" aria-labelledby="desk-register-title">
                    <h2 id="desk-register-title" class="desk-visually-hidden">{ T::Register.get(lang) }</h2>
                    <TextEditor kind={EditorKind::Register} title={T::Register} hint={T::RegisterHint}
                        editor={state.register.clone()} dispatch={dispatch.clone()} check={check_register as Check}
                        document={Document::Register} limit={selfcheck_core::register::MAX_REGISTER_BYTES}
                        {lang} send={send.clone()} />
                    <TextEditor kind={EditorKind::Expected} title={T::Expected} hint={T::ExpectedHint}
                        editor={state.expected.clone()} dispatch={dispatch.clone()} check={check_expected as Check}
                        document={Document::ExpectedList} limit={selfcheck_bureau::expected::MAX_EXPECTED_BYTES}
                        {lang} send={send.clone()} />
                </section>
                <crate::settings_panel::SettingsPanel settings={state.settings.clone()} dispatch={dispatch.clone()} send={send.clone()} {lang} />
                <div id="desk-association-anchor"></div>
                if !view.association.is_empty() {
                    <AssociationView credit_code={view.association.clone()}
                        name={analysis_doc.matrix.rows.iter().find(|row| row.credit_code == view.association).map(|row| row.name.clone()).unwrap_or_default()}
                        opened={state.opened.clone()}
                        files={accepted_files(&analysis_doc, &view.association).into_iter().cloned().collect::<Vec<_>>()}
                        close={{
                            let (view, dispatch) = (view.clone(), dispatch.clone());
                            Callback::from(move |()| dispatch.dispatch(Action::View(View { association: String::new(), ..view.clone() })))
                        }}
                        {lang}>
                        <NoticesPanel credit_code={view.association.clone()}
                            name={analysis_doc.matrix.rows.iter().find(|row| row.credit_code == view.association).map(|row| row.name.clone()).unwrap_or_default()}
                            latest={accepted_files(&analysis_doc, &view.association).last().and_then(|file| state.opened.get(&file.sha256)).cloned()}
                            tracks={analysis_doc.notices.iter().filter(|track| track.credit_code == view.association).cloned().collect::<Vec<_>>()}
                            outcome={state.notice_outcome.clone()} reviews={state.reviews.clone()} send={send.clone()} dispatch={dispatch.clone()} {lang} />
                    </AssociationView>
                }
                <VerdictList analysis={state.staged(1)} view={view.clone()} dispatch={dispatch.clone()} printing={state.printing} {lang} />
                <MatrixView analysis={state.staged(0)} view={view.clone()} dispatch={dispatch.clone()} printing={state.printing} {lang} />
                <RankingView analysis={state.staged(2)} view={view.clone()} dispatch={dispatch.clone()} reviews={state.reviews.clone()}
                    printing={state.printing} shown={state.ranking_rows} send={send.clone()} settings={state.settings.clone()} {lang} />
                <crate::province::ProvinceView analysis={state.staged(3)} {lang} />
                <crate::monthly::MonthlyView analysis={state.staged(3)} reviews={state.reviews.clone()} dispatch={dispatch.clone()} send={send.clone()} {lang} />
                <section id="desk-anomalies" class="desk-section" aria-labelledby="desk-anomalies-title">
                    <h2 id="desk-anomalies-title">{ T::Anomalies.get(lang) }</h2>
                    if analysis_doc.anomalies.is_empty() {
                        <p>{ T::NoAnomalies.get(lang) }</p>
                    } else {
                        <ul data-testid="anomalies">
                            { for analysis_doc.anomalies.iter().map(|anomaly| html! {
                                <li data-code={anomaly.code.clone()}>
                                    { anomaly.message.clone() }
                                    <span class="desk-muted">{ files_in_brackets(anomaly.files.iter().map(|file| file.name.as_str()), lang) }</span>
                                </li>
                            }) }
                        </ul>
                    }
                </section>
                <section id="desk-exports" class="desk-section" aria-labelledby="desk-exports-title">
                    <h2 id="desk-exports-title">{ T::Exports.get(lang) }</h2>
                    <div class="desk-row">
                        { for [("analysis", T::AnalysisJson), ("xlsx", T::Xlsx), ("ranking", T::CsvRanking), ("matrix", T::CsvMatrix), ("progress", T::CsvProgress), ("problems", T::CsvProblems)].into_iter().map(|(kind, label)| {
                            let send = send.clone();
                            html! {
                                <button type="button" data-action={if kind == "analysis" { "download-analysis".to_owned() } else { format!("export-{kind}") }} onclick={Callback::from(move |_: MouseEvent| {
                                    send(ToWorker::Export { kind, lang });
                                })}>{ label.get(lang) }</button>
                            }
                        }) }
                    </div>
                    <div class="desk-row">
                        <label class="desk-inline">{ T::Bureau.get(lang) }
                            <input type="text" data-input="bureau" value={state.bureau.clone()} oninput={{
                                let dispatch = dispatch.clone();
                                Callback::from(move |event: InputEvent| {
                                    let text = target_value(&event);
                                    browser::store("bureau", &text);
                                    dispatch.dispatch(Action::Bureau(text));
                                })
                            }} />
                        </label>
                        <button type="button" data-action="print" onclick={{
                            let dispatch = dispatch.clone();
                            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Print))
                        }}>{ T::Print.get(lang) }</button>
                    </div>
                    <crate::report::SignPanel send={send.clone()} outcome={state.sign_outcome.clone()}
                        year={state.year.as_ref().map(|year| (year.year, year.model_months))} {lang} />
                </section>
                <crate::year::YearPanel year={state.year.clone()} analysis={analysis_doc.clone()} bureau={state.bureau.clone()}
                    send={send.clone()} dispatch={dispatch.clone()} {lang} />
                if state.printing && !state.printing_year {
                    <crate::report::PrintInputs analysis={analysis_doc.clone()} {lang} />
                } else {
                    <p class="desk-print-only">{ T::PrintWithButton.get(lang) }</p>
                }
            </main>
        </div>
    }
}

/// Reads a register or an expected list from the bytes received: its text, or the error.
type Check = fn(&[u8], Lang) -> Result<String, String>;

/// Properties of a text the bureau edits.
#[derive(Properties)]
struct TextEditorProps {
    kind: EditorKind,
    title: T,
    hint: T,
    editor: Editor,
    dispatch: Dispatch,
    check: Check,
    /// What the file is, and the most it may be: a larger one is named by its first bytes, as
    /// the command line names it, and never read whole.
    document: Document,
    limit: usize,
    lang: Lang,
    send: Send,
}

/// The key register or the expected list: loaded from a file (read by the core from its bytes,
/// as the command line reads it), or typed; checked, applied (kept in the browser and handed to
/// the worker) and downloadable as it was received.
#[component]
fn TextEditor(props: &TextEditorProps) -> Html {
    let TextEditorProps { kind, title, hint, editor, dispatch, check, document, limit, lang, send } = props;
    let (kind, lang, check, document, limit) = (*kind, *lang, *check, *document, *limit);
    let id = kind.id();
    let set = {
        let dispatch = dispatch.clone();
        move |next: Editor| dispatch.dispatch(Action::Editor(kind, next))
    };
    // Applies a file as received, or the text typed (`None`).
    let apply = {
        let (editor, send, set) = (editor.clone(), send.clone(), set.clone());
        Rc::new(move |text: String, file: Option<Rc<Received>>| {
            let bytes = file.as_ref().map_or_else(|| text.as_bytes().to_vec(), |file| file.bytes.clone());
            let (text, message) = match check(&bytes, lang) {
                Ok(read) => {
                    let next = Editor { text: if file.is_some() { read } else { text }, file, message: None };
                    let kept = browser::store(id, &next.text)
                        && browser::store(
                            &format!("{id}-file"),
                            &next.file.as_ref().map_or_else(String::new, |file| {
                                format!("{}\n{}", file.name, selfcheck_core::canonical::hex(&file.bytes))
                            }),
                        );
                    send(ToWorker::Editor { kind, input: next.input(kind), lang });
                    let words = if kept { T::Applied } else { T::StorageRefused };
                    set(Editor { message: Some((!kept, words.get(lang).to_owned())), ..next });
                    return;
                }
                // A file refused is not applied, and the text shown stays as it was.
                Err(error) if file.is_some() => (editor.text.clone(), Some((true, error))),
                Err(error) => (text, Some((true, error))),
            };
            let file = if editor.text == text { editor.file.clone() } else { None };
            set(Editor { text, file, message });
        })
    };
    let on_input = {
        let set = set.clone();
        Callback::from(move |event: InputEvent| {
            // Edited: no longer the file received.
            set(Editor { text: target_value(&event), file: None, message: None });
        })
    };
    let on_file = {
        let (apply, editor, set) = (apply.clone(), editor.clone(), set.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (apply, editor, set) = (apply.clone(), editor.clone(), set.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let size = file.size() as usize;
                if size > limit {
                    // Named by its first bytes (a video, a spreadsheet, …), never read whole.
                    let head = file.slice_with_f64_and_f64(0.0, selfcheck_core::wire::HEAD_BYTES as f64);
                    let head = match head {
                        Ok(head) => browser::read_bytes(&head).await.unwrap_or_default(),
                        Err(_) => Vec::new(),
                    };
                    let error = selfcheck_core::wire::oversized(document, size, limit, &head);
                    set(Editor { message: Some((true, error.message(lang))), ..editor });
                    return;
                }
                if let Ok(bytes) = browser::read_bytes(&file).await {
                    apply(String::new(), Some(Rc::new(Received { name: file.name(), bytes })));
                }
            });
        })
    };
    let on_apply = {
        let (apply, editor) = (apply.clone(), editor.clone());
        Callback::from(move |_: MouseEvent| apply(editor.text.clone(), editor.file.clone()))
    };
    let on_download = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = match &editor.file {
                Some(file) => browser::download(&file.name, &file.bytes, "text/plain"),
                None => browser::download(kind.default_name(), editor.text.as_bytes(), "text/plain;charset=utf-8"),
            };
        })
    };
    let text_id = format!("desk-{id}-text");
    let hint_id = format!("desk-{id}-hint");
    let message_id = format!("desk-{id}-message");
    html! {
        <div class="desk-editor" data-editor={id}>
            <h3><label for={text_id.clone()}>{ title.get(lang) }</label></h3>
            <p class="desk-muted" id={hint_id.clone()}>{ hint.get(lang) }</p>
            if let Some(file) = &editor.file {
                <p class="desk-muted" data-testid={format!("{id}-file")}>{ T::FromFile.filled(lang, &[&file.name]) }</p>
            }
            <textarea id={text_id} rows="6" spellcheck="false" aria-describedby={format!("{hint_id} {message_id}")}
                value={editor.text.clone()} oninput={on_input} />
            <div class="desk-row">
                <label class="desk-file">
                    { T::LoadFile.get(lang) }
                    <input type="file" data-input={format!("{id}-file")} onchange={on_file} />
                </label>
                <button type="button" data-action={format!("apply-{id}")} onclick={on_apply}>{ T::Apply.get(lang) }</button>
                <button type="button" data-action={format!("download-{id}")} onclick={on_download}>{ T::Download.get(lang) }</button>
            </div>
            <p role="status" aria-live="polite" id={message_id} data-testid={format!("{id}-message")}
                class={classes!(editor.message.as_ref().map(|(error, _)| if *error { "desk-error" } else { "desk-ok" }))}>
                { editor.message.as_ref().map(|(_, text)| text.clone()).unwrap_or_default() }
            </p>
        </div>
    }
}

impl PartialEq for TextEditorProps {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.editor == other.editor
            && self.lang == other.lang
            && self.document == other.document
    }
}

/// Properties of the parts that show the analysis.
#[derive(Properties, PartialEq)]
struct PartProps {
    analysis: Shared<AnalysisDoc>,
    view: View,
    dispatch: Dispatch,
    /// Whether the page is being printed: every row, not a page of them.
    printing: bool,
    lang: Lang,
}

fn verdict_shown(file: &FileDoc, filter: &str) -> bool {
    match filter {
        "accepted" => file.verdict == "accepted",
        "invalid" => file.verdict != "accepted",
        "key" => file.key_status.as_deref().is_some_and(|status| status != "registered"),
        _ => true,
    }
}

/// One verdict per file, filterable.
#[component]
fn VerdictList(props: &PartProps) -> Html {
    let PartProps { analysis, view, dispatch, lang, .. } = props;
    let lang = *lang;
    let shown = use_state(|| PAGE);
    let files: Vec<&FileDoc> = analysis.files.iter().filter(|file| verdict_shown(file, &view.verdicts)).collect();
    let on_filter = {
        let (view, dispatch) = (view.clone(), dispatch.clone());
        Callback::from(move |event: Event| {
            dispatch.dispatch(Action::View(View { verdicts: target_value(&event), ..view.clone() }));
        })
    };
    html! {
        <section id="desk-verdicts" class="desk-section" aria-labelledby="desk-verdicts-title">
            <h2 id="desk-verdicts-title">{ T::Verdicts.get(lang) }</h2>
            <label class="desk-inline">{ T::Show.get(lang) }
                <select data-filter="verdicts" onchange={on_filter}>
                    { for [("all", T::All), ("accepted", T::OnlyAccepted), ("invalid", T::OnlyInvalid), ("key", T::OnlyKey)].into_iter().map(|(value, label)| html! {
                        <option {value} selected={view.verdicts == value}>{ label.get(lang) }</option>
                    }) }
                </select>
            </label>
            <div class="desk-scroll">
                <table data-testid="verdicts">
                    <thead><tr>
                        <th scope="col">{ T::File.get(lang) }</th>
                        <th scope="col">{ T::Verdict.get(lang) }</th>
                        <th scope="col">{ T::Association.get(lang) }</th>
                        <th scope="col">{ T::Period.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for files.iter().take(*shown).map(|file| {
                            let accepted = file.verdict == "accepted";
                            html! {
                                <tr data-verdict={file.verdict.clone()} data-sha256={file.sha256.clone()}>
                                    <th scope="row" class="desk-name">{ file.name.clone() }</th>
                                    <td class={classes!(if accepted { "desk-ok" } else { "desk-error" })}>
                                        <strong>{ verdict_label(&file.verdict, lang) }</strong>
                                        <div class="desk-muted">{ file.message.clone() }</div>
                                        // A file received twice (under another name, say) counts once: said on its row.
                                        if let Some(first) = file.copy_of.as_ref().and_then(|sha256| analysis.files.iter().find(|other| &other.sha256 == sha256)) {
                                            <div class="desk-muted" data-testid="copy-of">{ T::CopyOf.filled(lang, &[&first.name]) }</div>
                                        }
                                        // Whether its signature held with the 国密 proof too.
                                        if let Some(sm2) = &file.sm2 {
                                            <div class="desk-muted" data-testid="sm2" data-sm2={sm2.clone()}>
                                                { selfcheck_core::messages::sm2_present(sm2 == "valid", lang) }
                                            </div>
                                        }
                                    </td>
                                    <td>
                                        if let Some(claim) = &file.claim {
                                            { format!("{} {}", claim.name, claim.credit_code) }
                                            if !claim.verified { <div class="desk-muted">{ T::Unverified.get(lang) }</div> }
                                        }
                                    </td>
                                    <td>{ file.claim.as_ref().map(|claim| selfcheck_core::messages::period_range(&claim.period.from, &claim.period.to, lang)).unwrap_or_default() }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <MoreRows shown={*shown} total={files.len()} more={more_rows(&shown)} {lang} />
        </section>
    }
}

/// Properties of the "show more" line under a long table.
#[derive(Properties, PartialEq)]
struct MoreProps {
    shown: usize,
    total: usize,
    /// Shows the next page of rows.
    more: Callback<()>,
    lang: Lang,
}

/// "Show more" for a table whose rows shown are its own.
fn more_rows(shown: &UseStateHandle<usize>) -> Callback<()> {
    let shown = shown.clone();
    Callback::from(move |()| shown.set(*shown + PAGE))
}

/// How many rows are shown, and a button for the next hundred.
#[component]
fn MoreRows(props: &MoreProps) -> Html {
    let MoreProps { shown, total, more, lang } = props;
    let visible = (*shown).min(*total);
    let more = {
        let more = more.clone();
        Callback::from(move |_: MouseEvent| more.emit(()))
    };
    html! {
        <p class="desk-row desk-more">
            <span>{ T::Rows.filled(*lang, &[&visible.to_string(), &total.to_string()]) }</span>
            if visible < *total { <button type="button" data-action="show-more" onclick={more}>{ T::ShowMore.get(*lang) }</button> }
        </p>
    }
}

/// The association × month matrix and each month's figures.
#[component]
fn MatrixView(props: &PartProps) -> Html {
    let PartProps { analysis, view, dispatch, printing, lang } = props;
    let lang = *lang;
    let matrix = &analysis.matrix;
    // The rows `Analysis::missing_in_a_row(2)` gives, read from the core's document.
    let rows: Vec<_> = matrix.rows.iter().filter(|row| !view.missed_two || row.longest_missed_run >= 2).collect();
    let has_list = analysis.inputs.iter().any(|input| input.role == "expected");
    // Each association's latest notice (the analysis lists them by association, oldest first).
    let notices: std::collections::HashMap<&str, &selfcheck_bureau::document::NoticeTrackDoc> =
        analysis.notices.iter().map(|track| (track.credit_code.as_str(), track)).collect();
    let shown = use_state(|| PAGE);
    let showing = if *printing { rows.len() } else { *shown };
    let on_missed = {
        let (view, dispatch) = (view.clone(), dispatch.clone());
        Callback::from(move |event: Event| {
            dispatch.dispatch(Action::View(View { missed_two: target_checked(&event), ..view.clone() }));
        })
    };
    html! {
        <section id="desk-matrix" class="desk-section" aria-labelledby="desk-matrix-title">
            <h2 id="desk-matrix-title">{ T::Matrix.get(lang) }</h2>
            <label class="desk-inline desk-screen-only">
                <input type="checkbox" data-filter="missed-two" checked={view.missed_two} onchange={on_missed} />
                { T::MissedTwo.get(lang) }
            </label>
            if view.missed_two {
                <p class="desk-print-only desk-filter-in-force" data-testid="matrix-filter-printed">
                    { T::FilterInForce.filled(lang, &[T::MissedTwoFilter.get(lang)]) }
                </p>
            }
            <div class="desk-scroll">
                <table data-testid="matrix" class="desk-matrix">
                    <thead><tr>
                        <th scope="col">{ T::Association.get(lang) }</th>
                        { for matrix.months.iter().map(|month| html! { <th scope="col">{ month.clone() }</th> }) }
                        <th scope="col">{ T::LongestRun.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().take(showing).map(|row| html! {
                            <tr data-credit-code={row.credit_code.clone()}>
                                <th scope="row">
                                    { open_button(view, dispatch, &row.credit_code, &row.name, lang) }
                                    <div class="desk-muted desk-code">{ row.credit_code.clone() }</div>
                                    if has_list && !row.expected {
                                        <div class="desk-muted" data-testid="not-on-list">{ T::NotOnList.get(lang) }</div>
                                    }
                                    if let Some(track) = notices.get(row.credit_code.as_str()) {
                                        <div data-testid="matrix-notice" data-state={track.state.clone()}>
                                            <span class={classes!("desk-badge", format!("desk-notice-{}", track.state))}>
                                                { T::NoticeInMatrix.filled(lang, &[crate::notices::state_label(&track.state, lang), &track.deadline]) }
                                            </span>
                                        </div>
                                    }
                                </th>
                                { for row.cells.iter().map(|code| {
                                    let (status, late) = cell_status(code).unwrap_or((CellStatus::NotDue, false));
                                    let text = if late { format!("{}（{}）", status.label(lang), T::Late.get(lang)) } else { status.label(lang).to_owned() };
                                    html! { <td class={format!("desk-cell desk-cell-{}", status.code())} data-cell={code.clone()}>{ text }</td> }
                                }) }
                                <td>{ row.longest_missed_run }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <MoreRows shown={*shown} total={rows.len()} more={more_rows(&shown)} {lang} />
            <h3>{ T::MonthFigures.get(lang) }</h3>
            <div class="desk-scroll">
                <table data-testid="month-figures">
                    <thead><tr>
                        <th scope="col">{ T::Month.get(lang) }</th>
                        <th scope="col">{ T::Received.get(lang) }</th>
                        <th scope="col">{ T::Late.get(lang) }</th>
                        <th scope="col">{ T::Duplicate.get(lang) }</th>
                        <th scope="col">{ T::Invalid.get(lang) }</th>
                        <th scope="col">{ T::Missing.get(lang) }</th>
                        <th scope="col">{ T::Rate.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for matrix.month_figures.iter().map(|figures| html! {
                            <tr>
                                <th scope="row">{ figures.month.clone() }</th>
                                <td>{ format!("{} / {}", figures.received, figures.associations) }</td>
                                <td>{ figures.late }</td>
                                <td>{ figures.duplicate }</td>
                                <td>{ figures.invalid }</td>
                                <td>{ figures.missing }</td>
                                <td data-rate={figures.rate_per_mille.to_string()}>{ selfcheck_core::messages::percent(figures.rate_per_mille) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Properties of the ranking.
#[derive(Properties)]
struct RankingProps {
    analysis: Shared<AnalysisDoc>,
    view: View,
    dispatch: Dispatch,
    reviews: Rc<Reviews>,
    shown: usize,
    /// Whether the page is being printed: every row, not a page of them.
    printing: bool,
    send: Send,
    settings: crate::settings::DeskSettings,
    lang: Lang,
}

impl PartialEq for RankingProps {
    fn eq(&self, other: &Self) -> bool {
        self.analysis == other.analysis
            && self.view == other.view
            && Rc::ptr_eq(&self.reviews, &other.reviews)
            && self.shown == other.shown
            && self.settings == other.settings
            && self.printing == other.printing
            && self.lang == other.lang
    }
}

/// The ranking's columns: sort key and label.
const COLUMNS: [(&str, T); 11] = [
    ("rank", T::Rank),
    ("name", T::Association),
    ("credit_code", T::CreditCode),
    ("period", T::Period),
    ("score", T::Score),
    ("grade", T::Grade),
    ("vetoes", T::Vetoes),
    ("answered", T::Answered),
    ("key", T::KeyStatus),
    ("signed", T::SignedAt),
    ("review", T::Review),
];

/// Orders two rows of the ranking by `column`; rows equal there keep the core's order (`rank`:
/// the core's order itself, in which unranked results come last).
fn compare_rows(
    (a_at, a): (usize, &RankDoc),
    (b_at, b): (usize, &RankDoc),
    column: &str,
    reviews: &Reviews,
) -> std::cmp::Ordering {
    match column {
        "name" => a.name.cmp(&b.name),
        "credit_code" => a.credit_code.cmp(&b.credit_code),
        "period" => a.period.from.cmp(&b.period.from).then(a.period.to.cmp(&b.period.to)),
        "score" => a.score.cmp(&b.score),
        "grade" => a.grade.cmp(&b.grade),
        "vetoes" => a.vetoes.len().cmp(&b.vetoes.len()),
        "answered" => a.answered.cmp(&b.answered),
        "key" => a.key.cmp(&b.key),
        "signed" => a.signed.cmp(&b.signed),
        "review" => (reviews.state(&a.result) as u8).cmp(&(reviews.state(&b.result) as u8)),
        _ => std::cmp::Ordering::Equal,
    }
    .then(a_at.cmp(&b_at))
}

/// A time the core wrote (RFC 3339) as people read it: Beijing time, `2026-11-08 09:30`.
pub(crate) fn beijing(text: &str) -> String {
    Timestamp::parse(text).map_or_else(|_| text.to_owned(), |time| selfcheck_core::messages::beijing_short(&time))
}

/// A row's standing as the core names it.
fn standing(row: &RankDoc) -> Standing {
    Standing::from_code(&row.standing).unwrap_or(Standing::Incomplete)
}

/// The ranking: sortable, filterable, with each result's review state.
#[component]
fn RankingView(props: &RankingProps) -> Html {
    let RankingProps { analysis, view, dispatch, reviews, shown, printing, send, settings, lang } = props;
    let lang = *lang;
    let showing = if *printing { usize::MAX } else { *shown };
    let picked = use_state(std::collections::BTreeSet::<String>::new);
    let search = view.search.trim().to_lowercase();
    let mut rows: Vec<(usize, &RankDoc)> = analysis
        .ranking
        .iter()
        .enumerate()
        .filter(|(_, row)| view.grade.is_empty() || grade_filter(row) == view.grade)
        .filter(|(_, row)| !view.vetoes || !row.vetoes.is_empty())
        .filter(|(_, row)| {
            search.is_empty()
                || row.name.to_lowercase().contains(&search)
                || row.credit_code.to_lowercase().contains(&search)
        })
        .collect();
    rows.sort_by(|&a, &b| {
        let order = compare_rows(a, b, &view.sort, reviews);
        if view.ascending { order } else { order.reverse() }
    });
    let rows: Vec<&RankDoc> = rows.into_iter().map(|(_, row)| row).collect();
    // Every month of the matrix can be ranked: each association's result for that month.
    let months = &analysis.matrix.months;
    let mut grades: Vec<&str> = analysis.ranking.iter().map(grade_filter).collect();
    grades.sort_unstable();
    grades.dedup();
    let on_month = {
        let (settings, dispatch, send) = (settings.clone(), dispatch.clone(), send.clone());
        Callback::from(move |event: Event| {
            let next = crate::settings::DeskSettings { ranking_month: target_value(&event), ..settings.clone() };
            crate::settings_panel::change(&dispatch, &send, next);
        })
    };
    let set = |change: fn(&mut View, &Event)| {
        let (view, dispatch) = (view.clone(), dispatch.clone());
        Callback::from(move |event: Event| {
            let mut next = view.clone();
            change(&mut next, &event);
            dispatch.dispatch(Action::View(next));
        })
    };
    let on_search = {
        let (view, dispatch) = (view.clone(), dispatch.clone());
        Callback::from(move |event: InputEvent| {
            dispatch.dispatch(Action::View(View { search: target_value(&event), ..view.clone() }));
        })
    };
    // On paper the filters are not seen: the ranking says which are in force.
    let filters_in_force: Vec<String> = [
        (!view.search.trim().is_empty()).then(|| T::SearchFilter.filled(lang, &[view.search.trim()])),
        (!view.grade.is_empty()).then(|| format!("{} {}", T::Grade.get(lang), grade_filter_label(&view.grade, lang))),
        view.vetoes.then(|| T::VetoFilter.get(lang).to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let filter_separator = if lang == Lang::Zh { "；" } else { "; " };
    html! {
        <section id="desk-ranking" class="desk-section" aria-labelledby="desk-ranking-title">
            <h2 id="desk-ranking-title">{ T::Ranking.get(lang) }</h2>
            <div class="desk-row desk-filters">
                <label class="desk-inline">{ T::Search.get(lang) }
                    <input type="search" data-filter="search" value={view.search.clone()} oninput={on_search} />
                </label>
                <label class="desk-inline">{ T::RankingMonth.get(lang) }
                    <select data-setting="ranking-month" data-filter="month" onchange={on_month}>
                        <option value="" selected={settings.ranking_month.is_empty()}>{ T::AnyMonth.get(lang) }</option>
                        { for months.iter().map(|month| html! { <option value={month.clone()} selected={settings.ranking_month == *month}>{ month.clone() }</option> }) }
                    </select>
                </label>
                <label class="desk-inline">{ T::Grade.get(lang) }
                    <select data-filter="grade" onchange={set(|view, event| view.grade = target_value(event))}>
                        <option value="" selected={view.grade.is_empty()}>{ T::AnyGrade.get(lang) }</option>
                        { for grades.iter().map(|grade| html! { <option value={grade.to_string()} selected={view.grade == *grade}>{ grade_filter_label(grade, lang) }</option> }) }
                    </select>
                </label>
                <label class="desk-inline">
                    <input type="checkbox" data-filter="vetoes" checked={view.vetoes} onchange={set(|view, event| view.vetoes = target_checked(event))} />
                    { T::WithVetoes.get(lang) }
                </label>
            </div>
            if !filters_in_force.is_empty() {
                <p class="desk-print-only desk-filter-in-force" data-testid="ranking-filter-printed">
                    { T::FilterInForce.filled(lang, &[&filters_in_force.join(filter_separator)]) }
                </p>
            }
            <ReviewTools reviews={reviews.clone()} dispatch={dispatch.clone()} picked={picked.clone()}
                shown_rows={rows.iter().take(*shown).map(|row| row.result.clone()).collect::<Vec<_>>()}
                send={send.clone()} {lang} />
            <div class="desk-scroll">
                <table data-testid="ranking">
                    <thead><tr>
                        { for COLUMNS.iter().map(|&(key, label)| {
                            let sorted = view.sort == key;
                            let aria = if !sorted { "none" } else if view.ascending { "ascending" } else { "descending" };
                            let arrow = if !sorted { " ↕" } else if view.ascending { " ↑" } else { " ↓" };
                            let (view, dispatch) = (view.clone(), dispatch.clone());
                            let onclick = Callback::from(move |_: MouseEvent| {
                                let ascending = if view.sort == key { !view.ascending } else { true };
                                dispatch.dispatch(Action::View(View { sort: key.to_owned(), ascending, ..view.clone() }));
                            });
                            html! {
                                <th scope="col" aria-sort={aria}>
                                    <button type="button" class="desk-sort" data-sort={key} {onclick}>
                                        { label.get(lang) }
                                        <span aria-hidden="true">{ arrow }</span>
                                    </button>
                                </th>
                            }
                        }) }
                    </tr></thead>
                    <tbody>
                        { for rows.iter().take(showing).map(|row| {
                            let review = reviews.get(&row.result).cloned().unwrap_or_default();
                            let on_review = {
                                let (reviews, dispatch, send, digest, note) = (reviews.clone(), dispatch.clone(), send.clone(), row.result.clone(), review.note.clone());
                                Callback::from(move |event: Event| {
                                    let Some(state) = ReviewState::from_code(&target_value(&event)) else { return };
                                    let mut next = (*reviews).clone();
                                    if next.set(&digest, state, &note, Some(now())).is_ok() {
                                        commit_reviews(&dispatch, &send, next, lang);
                                    }
                                })
                            };
                            let on_note = {
                                let (reviews, dispatch, send, digest, state) = (reviews.clone(), dispatch.clone(), send.clone(), row.result.clone(), review.state);
                                Callback::from(move |event: Event| {
                                    let mut next = (*reviews).clone();
                                    if next.set(&digest, state, &target_value(&event), Some(now())).is_ok() {
                                        commit_reviews(&dispatch, &send, next, lang);
                                    }
                                })
                            };
                            let on_pick = {
                                let (picked, digest) = (picked.clone(), row.result.clone());
                                Callback::from(move |event: Event| {
                                    let mut next = (*picked).clone();
                                    if target_checked(&event) { next.insert(digest.clone()); } else { next.remove(&digest); }
                                    picked.set(next);
                                })
                            };
                            let label = format!("{} {} {}", T::Review.get(lang), row.name, row.month);
                            let standing = standing(row);
                            let unranked = selfcheck_bureau::words::unranked_reason(standing, row.answered as usize, row.criteria as usize, lang);
                            html! {
                                <tr data-result={row.result.clone()} data-credit-code={row.credit_code.clone()} data-standing={row.standing.clone()}
                                    class={classes!(unranked.is_some().then_some("desk-unranked"))}>
                                    <td data-rank={row.rank.map(|rank| rank.to_string()).unwrap_or_default()}>
                                        <input type="checkbox" data-pick={row.result.clone()} checked={picked.contains(&row.result)} onchange={on_pick}
                                            aria-label={T::Pick.filled(lang, &[&row.name, &row.month])} />
                                        { row.rank.map(|rank| format!(" {rank}")).unwrap_or_default() }
                                        if let Some(reason) = unranked {
                                            <div class="desk-standing" data-testid="unranked">
                                                <span class="desk-screen-only">{ reason }</span>
                                                <span class="desk-print-only">{ T::NotRanked.get(lang) }</span>
                                            </div>
                                        }
                                    </td>
                                    <th scope="row">{ open_button(view, dispatch, &row.credit_code, &row.name, lang) }</th>
                                    <td class="desk-code">{ row.credit_code.clone() }</td>
                                    <td>{ selfcheck_core::messages::period_range(&row.period.from, &row.period.to, lang) }</td>
                                    <td data-score={row.score.to_string()}>{ row.score }</td>
                                    <td data-grade={row.grade.clone()}>{ standing.grade_text(&grade_label(&row.grade, lang), lang) }</td>
                                    <td>{ row.vetoes.join("、") }</td>
                                    <td>{ format!("{} / {}", row.answered, row.criteria) }</td>
                                    <td>{ key_label(&row.key, lang) }</td>
                                    <td data-signed={row.signed.clone()}>{ beijing(&row.signed) }</td>
                                    <td>
                                        <select aria-label={label} data-review={row.result.clone()} onchange={on_review}>
                                            { for ReviewState::ALL.iter().map(|&option| html! {
                                                <option value={option.code()} selected={option == review.state}>{ option.label(lang) }</option>
                                            }) }
                                        </select>
                                        <input type="text" class="desk-note" data-note={row.result.clone()} value={review.note.clone()} onchange={on_note}
                                            aria-label={T::NoteFor.filled(lang, &[&row.name, &row.month])} placeholder={T::Note.get(lang)} />
                                        <span class="desk-print-only">
                                            { crate::reviews::printed(review.state.label(lang), &review.note, lang) }
                                        </span>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <MoreRows shown={*shown} total={rows.len()} more={{
                let dispatch = dispatch.clone();
                Callback::from(move |()| dispatch.dispatch(Action::MoreRankingRows))
            }} {lang} />
        </section>
    }
}

/// Properties of the review tools.
#[derive(Properties)]
struct ReviewToolsProps {
    reviews: Rc<Reviews>,
    dispatch: Dispatch,
    picked: UseStateHandle<std::collections::BTreeSet<String>>,
    shown_rows: Vec<String>,
    send: Send,
    lang: Lang,
}

impl PartialEq for ReviewToolsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.reviews, &other.reviews)
            && self.picked == other.picked
            && self.shown_rows == other.shown_rows
            && self.lang == other.lang
    }
}

/// Setting one state (and note) on the picked results at once, and the review file: exported
/// and imported as the core's `selfcheck-review/1`, which `selfcheck summary --reviews` reads.
#[component]
fn ReviewTools(props: &ReviewToolsProps) -> Html {
    let ReviewToolsProps { reviews, dispatch, picked, shown_rows, send, lang } = props;
    let lang = *lang;
    // No state is chosen until the officer chooses one: a bulk change is never made by default.
    let state = use_state(|| None::<ReviewState>);
    let note = use_state(String::new);
    let message = use_state(|| None::<(bool, String)>);
    // The change asked about, as it was when asked: confirming applies exactly that.
    let pending = use_state(|| None::<(Vec<String>, ReviewState, String)>);
    let apply_ref = use_node_ref();
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with(pending.is_some(), move |asking| {
            if *asking && let Some(button) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let give_focus_back = {
        let apply_ref = apply_ref.clone();
        move || {
            if let Some(button) = apply_ref.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        }
    };
    let all_shown = !shown_rows.is_empty() && shown_rows.iter().all(|digest| picked.contains(digest));
    let on_all = {
        let (picked, shown_rows) = (picked.clone(), shown_rows.clone());
        Callback::from(move |event: Event| {
            let mut next = (*picked).clone();
            for digest in &shown_rows {
                if target_checked(&event) {
                    next.insert(digest.clone());
                } else {
                    next.remove(digest);
                }
            }
            picked.set(next);
        })
    };
    let on_apply = {
        let (picked, state, note, message, pending) =
            (picked.clone(), state.clone(), note.clone(), message.clone(), pending.clone());
        Callback::from(move |_: MouseEvent| {
            let asked = match *state {
                _ if picked.is_empty() => Err(T::PickFirst),
                None => Err(T::ChooseStateFirst),
                Some(chosen) => Ok(chosen),
            };
            match asked {
                Err(words) => message.set(Some((true, words.get(lang).to_owned()))),
                Ok(chosen) => {
                    message.set(None);
                    pending.set(Some((picked.iter().cloned().collect(), chosen, (*note).clone())));
                }
            }
        })
    };
    let on_confirm = {
        let (reviews, dispatch, picked, state, pending, message, send) = (
            reviews.clone(),
            dispatch.clone(),
            picked.clone(),
            state.clone(),
            pending.clone(),
            message.clone(),
            send.clone(),
        );
        let give_focus_back = give_focus_back.clone();
        Callback::from(move |_: MouseEvent| {
            let Some((digests, chosen, note)) = (*pending).clone() else { return };
            let mut next = (*reviews).clone();
            match next.set_many(digests.iter().map(String::as_str), chosen, &note, Some(&now())) {
                Ok(()) => {
                    commit_reviews(&dispatch, &send, next, lang);
                    picked.set(Default::default());
                    state.set(None);
                    let count = digests.len().to_string();
                    message.set(Some((false, T::ReviewsSet.filled(lang, &[&count, chosen.label(lang)]))));
                }
                Err(error) => message.set(Some((true, error.message(lang)))),
            }
            pending.set(None);
            give_focus_back();
        })
    };
    let cancel = {
        let pending = pending.clone();
        move || {
            pending.set(None);
            give_focus_back();
        }
    };
    let on_cancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel())
    };
    let on_question_key = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            cancel();
        }
    });
    let on_export = {
        let reviews = reviews.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = browser::download("reviews.json", reviews.to_json().as_bytes(), "application/json");
        })
    };
    let on_import = {
        let (dispatch, message, send) = (dispatch.clone(), message.clone(), send.clone());
        Callback::from(move |event: Event| {
            let Some(file) = browser::take_chosen_file(&event) else { return };
            let (dispatch, message, send) = (dispatch.clone(), message.clone(), send.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = browser::read_bytes(&file)
                    .await
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                    .unwrap_or_default();
                match Reviews::from_json(&text) {
                    Ok(imported) => {
                        let count = imported.len();
                        commit_reviews(&dispatch, &send, imported, lang);
                        message.set(Some((false, T::ReviewsImported.filled(lang, &[&count.to_string()]))));
                    }
                    Err(error) => message.set(Some((true, error.message(lang)))),
                }
            });
        })
    };
    html! {
        <div class="desk-row desk-review-tools" data-testid="review-tools">
            <label class="desk-inline">
                <input type="checkbox" data-action="pick-all" checked={all_shown} onchange={on_all} />
                { T::PickAll.get(lang) }
            </label>
            <label class="desk-inline">{ T::Review.get(lang) }
                <select data-bulk="state" onchange={{ let state = state.clone(); Callback::from(move |event: Event| {
                    state.set(ReviewState::from_code(&target_value(&event)));
                }) }}>
                    <option value="" selected={state.is_none()}>{ T::ChooseState.get(lang) }</option>
                    { for ReviewState::ALL.iter().map(|&option| html! { <option value={option.code()} selected={Some(option) == *state}>{ option.label(lang) }</option> }) }
                </select>
            </label>
            <label class="desk-inline">{ T::Note.get(lang) }
                <input type="text" data-bulk="note" value={(*note).clone()} oninput={{ let note = note.clone(); Callback::from(move |event: InputEvent| note.set(target_value(&event))) }} />
            </label>
            <button type="button" ref={apply_ref} data-action="apply-reviews" aria-expanded={pending.is_some().to_string()}
                onclick={on_apply}>{ T::ApplyPicked.filled(lang, &[&picked.len().to_string()]) }</button>
            if let Some((digests, chosen, note)) = &*pending {
                <div class="desk-confirm" role="alertdialog" aria-modal="false" aria-labelledby="desk-bulk-question"
                    data-testid="bulk-confirm" onkeydown={on_question_key}>
                    <p id="desk-bulk-question">{ T::BulkQuestion.filled(lang, &[&digests.len().to_string(), chosen.label(lang)]) }</p>
                    if !note.trim().is_empty() { <p class="desk-muted">{ T::BulkNote.filled(lang, &[note]) }</p> }
                    <div class="desk-row">
                        <button type="button" class="desk-primary" data-action="confirm-reviews" onclick={on_confirm}>
                            { T::ConfirmBulk.filled(lang, &[chosen.label(lang)]) }
                        </button>
                        <button type="button" ref={cancel_ref} data-action="cancel-reviews" onclick={on_cancel}>{ T::Cancel.get(lang) }</button>
                    </div>
                </div>
            }
            <button type="button" data-action="export-reviews" onclick={on_export}>{ T::ExportReviews.get(lang) }</button>
            <label class="desk-file">{ T::ImportReviews.get(lang) }
                <input type="file" data-input="reviews-file" accept=".json,application/json" onchange={on_import} />
            </label>
            <p role="status" aria-live="polite" data-testid="review-message"
                class={classes!(message.as_ref().map(|(error, _)| if *error { "desk-error" } else { "desk-ok" }))}>
                { message.as_ref().map(|(_, text)| text.clone()).unwrap_or_default() }
            </p>
        </div>
    }
}
