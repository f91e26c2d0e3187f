//! The review's settings, as `selfcheck summary` takes them: the deadline day, the months of the
//! matrix, the month ranked and the longest period expected. Checked with the core's own readers
//! next to each field, kept in local storage, and handed to the worker, which computes the
//! analysis with them; the exports, the print and the signed summary carry them.

use selfcheck_bureau::{DEFAULT_LONGEST_PERIOD_DAYS, Month, MonthRange};
use selfcheck_core::Lang;
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::{Dispatch, Send, target_value};
use crate::browser;
use crate::i18n::T;
use crate::protocol::{SettingsMessage, ToWorker};
use crate::state::Action;

/// The longest period the desk accepts, in days (ten years), as the command line does.
const MOST_DAYS: u32 = 3660;

/// The settings as the bureau left them (kept in local storage as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeskSettings {
    /// The day of the following month a month's result is due by; 0: no deadline.
    pub deadline: u32,
    /// The first month of the matrix, `YYYY-MM`; empty with `last`: from the results.
    pub first: String,
    /// The last month of the matrix.
    pub last: String,
    /// The month ranked, `YYYY-MM`; empty: each association's latest result.
    pub ranking_month: String,
    /// A period longer than this many days is an anomaly.
    pub longest: u32,
}

impl Default for DeskSettings {
    fn default() -> DeskSettings {
        DeskSettings {
            deadline: 0,
            first: String::new(),
            last: String::new(),
            ranking_month: String::new(),
            longest: DEFAULT_LONGEST_PERIOD_DAYS,
        }
    }
}

/// A field the bureau got wrong, and why, in the interface's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    /// Only one end of the months given.
    MonthsHalf,
    /// A month that is not `YYYY-MM`.
    MonthWritten,
    /// The last month before the first, or more than ten years.
    MonthsRange,
    /// The longest period out of 1 to 3660 days.
    Longest,
}

impl SettingsProblem {
    fn words(self) -> T {
        match self {
            SettingsProblem::MonthsHalf => T::MonthsHalf,
            SettingsProblem::MonthWritten => T::MonthWritten,
            SettingsProblem::MonthsRange => T::MonthsOutOfRange,
            SettingsProblem::Longest => T::LongestRange,
        }
    }
}

impl DeskSettings {
    /// The settings kept from an earlier visit, or the defaults.
    pub fn load() -> DeskSettings {
        browser::load("settings").and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// The months as the core reads them (`YYYY-MM..YYYY-MM`), empty for "from the results";
    /// the problem when they are not months, or not a range the core takes.
    pub fn months(&self) -> Result<String, SettingsProblem> {
        let (first, last) = (self.first.trim(), self.last.trim());
        match (first.is_empty(), last.is_empty()) {
            (true, true) => return Ok(String::new()),
            (false, false) => {}
            _ => return Err(SettingsProblem::MonthsHalf),
        }
        if Month::parse(first).is_none() || Month::parse(last).is_none() {
            return Err(SettingsProblem::MonthWritten);
        }
        let range = format!("{first}..{last}");
        MonthRange::parse(&range).map(|range| range.to_string()).ok_or(SettingsProblem::MonthsRange)
    }

    /// The longest period, or the problem with it.
    pub fn longest(&self) -> Result<u32, SettingsProblem> {
        if (1..=MOST_DAYS).contains(&self.longest) { Ok(self.longest) } else { Err(SettingsProblem::Longest) }
    }

    /// Hands the settings to the worker when every field is right; the fields' problems else.
    pub fn send(&self, send: &Send) -> Result<(), Vec<SettingsProblem>> {
        let months = self.months();
        let longest = self.longest();
        match (months, longest) {
            (Ok(months), Ok(longest)) => {
                send(ToWorker::Settings(self.message(months, longest)));
                Ok(())
            }
            (months, longest) => Err([months.err(), longest.err()].into_iter().flatten().collect()),
        }
    }

    /// The settings as the worker takes them (also part of its `init`), with the months and the
    /// longest period as checked.
    fn message(&self, months: String, longest: u32) -> SettingsMessage {
        SettingsMessage { deadline: self.deadline, months, ranking_month: self.ranking_month.clone(), longest }
    }

    /// The settings for the worker, with defaults for any field that is wrong (a reload never
    /// starts the desk from settings it refuses).
    pub fn message_or_defaults(&self) -> SettingsMessage {
        self.message(self.months().unwrap_or_default(), self.longest().unwrap_or(DEFAULT_LONGEST_PERIOD_DAYS))
    }
}

/// Properties of the settings panel.
#[derive(Properties)]
pub struct SettingsProps {
    /// The settings, shared with the ranking (its month).
    pub settings: DeskSettings,
    /// Changes the desk's state.
    pub dispatch: Dispatch,
    /// Posts to the worker.
    pub send: Send,
    /// Interface language.
    pub lang: Lang,
}

impl PartialEq for SettingsProps {
    fn eq(&self, other: &Self) -> bool {
        self.settings == other.settings && self.lang == other.lang
    }
}

/// Changes one field; applies the settings when they are all right. Kept in local storage either
/// way, so that nothing typed is lost on reload.
pub fn change(dispatch: &Dispatch, send: &Send, next: DeskSettings) {
    if let Ok(text) = serde_json::to_string(&next) {
        browser::store("settings", &text);
    }
    let _ = next.send(send);
    dispatch.dispatch(Action::Settings(next));
}

/// The settings panel: deadline, months and longest period (the month ranked is chosen above the
/// ranking).
#[component]
pub fn SettingsPanel(props: &SettingsProps) -> Html {
    let SettingsProps { settings, dispatch, send, lang } = props;
    let lang = *lang;
    let months_problem = settings.months().err();
    let longest_problem = settings.longest().err();
    let on = |update: fn(&mut DeskSettings, String)| {
        let (settings, dispatch, send) = (settings.clone(), dispatch.clone(), send.clone());
        Callback::from(move |event: Event| {
            let mut next = settings.clone();
            update(&mut next, target_value(&event));
            change(&dispatch, &send, next);
        })
    };
    let problem = |id: &str, problem: Option<SettingsProblem>| {
        html! {
            <p id={id.to_owned()} class={classes!("desk-field-message", problem.map(|_| "desk-error"))} role="status" aria-live="polite"
                data-testid={id.to_owned()}>
                { problem.map(|problem| problem.words().get(lang)).unwrap_or_default() }
            </p>
        }
    };
    let deadline_days = (1..=28).map(|day| {
        let selected = settings.deadline == day;
        html! { <option value={day.to_string()} {selected}>{ T::DeadlineDay.filled(lang, &[&day.to_string()]) }</option> }
    });
    html! {
        <section id="desk-settings" class="desk-section" aria-labelledby="desk-settings-title">
            <h2 id="desk-settings-title">{ T::Settings.get(lang) }</h2>
            <p class="desk-muted">{ T::SettingsHint.get(lang) }</p>
            <div class="desk-settings">
                <label class="desk-inline">{ T::Deadline.get(lang) }
                    <select data-setting="deadline" onchange={on(|next, value| next.deadline = value.parse().unwrap_or(0))}>
                        <option value="0" selected={settings.deadline == 0}>{ T::NoDeadline.get(lang) }</option>
                        { for deadline_days }
                    </select>
                </label>
                <fieldset class="desk-inline desk-months" aria-describedby="desk-months-message">
                    <legend>{ T::MonthsRange.get(lang) }</legend>
                    <label class="desk-inline">{ T::MonthsFrom.get(lang) }
                        <input type="text" inputmode="numeric" size="8" placeholder="2026-01" data-setting="first"
                            value={settings.first.clone()} aria-invalid={months_problem.is_some().to_string()}
                            onchange={on(|next, value| next.first = value.trim().to_owned())} />
                    </label>
                    <label class="desk-inline">{ T::MonthsTo.get(lang) }
                        <input type="text" inputmode="numeric" size="8" placeholder="2026-12" data-setting="last"
                            value={settings.last.clone()} aria-invalid={months_problem.is_some().to_string()}
                            onchange={on(|next, value| next.last = value.trim().to_owned())} />
                    </label>
                    <span class="desk-muted">{ T::MonthsEmpty.get(lang) }</span>
                </fieldset>
                { problem("desk-months-message", months_problem) }
                <label class="desk-inline">{ T::Longest.get(lang) }
                    <input type="number" min="1" max={MOST_DAYS.to_string()} step="1" data-setting="longest"
                        value={settings.longest.to_string()} aria-invalid={longest_problem.is_some().to_string()}
                        aria-describedby="desk-longest-message"
                        onchange={on(|next, value| next.longest = value.trim().parse().unwrap_or(0))} />
                    { T::Days.get(lang) }
                </label>
                { problem("desk-longest-message", longest_problem) }
            </div>
        </section>
    }
}

/// Properties of the settings as printed.
#[derive(Properties, PartialEq)]
pub struct PrintedProps {
    /// The analysis, whose settings are printed.
    pub analysis: selfcheck_report_view::Shared<selfcheck_bureau::document::AnalysisDoc>,
    /// Interface language.
    pub lang: Lang,
}

/// The settings the analysis was computed with, as the core words them: on paper only.
#[component]
pub fn PrintedSettings(props: &PrintedProps) -> Html {
    let doc = &props.analysis.settings;
    let Ok(now) = selfcheck_core::Timestamp::parse(&doc.now) else { return html! {} };
    let mut settings = selfcheck_bureau::Settings::new(now);
    settings.months = doc.months.as_deref().and_then(MonthRange::parse);
    settings.deadline = doc.deadline.and_then(selfcheck_bureau::Deadline::new);
    settings.longest_period_days = doc.longest_period_days;
    settings.ranking_month = doc.ranking_month.as_deref().and_then(Month::parse);
    // The months shown: as set, or as the core took them from the results.
    let shown = props.analysis.matrix.months.first().zip(props.analysis.matrix.months.last());
    let shown = shown.and_then(|(first, last)| MonthRange::parse(&format!("{first}..{last}")));
    let lines = selfcheck_bureau::words::settings_lines(&settings, shown, props.lang);
    html! {
        <dl class="desk-print-only desk-print-settings" data-testid="printed-settings">
            { for lines.into_iter().map(|(name, value)| html! { <><dt>{ name }</dt><dd>{ value }</dd></> }) }
        </dl>
    }
}
