//! The settings panel (deadline, months, longest period) and the settings as the printed report
//! states them; each field checked next to itself with the core's readers ([`crate::settings`]).

use selfcheck_bureau::{Month, MonthRange};
use selfcheck_core::Lang;
use yew::prelude::*;

use crate::browser::{self, target_value};
use crate::i18n::T;
use crate::protocol::Send;
use crate::settings::{DeskSettings, MOST_DAYS, SettingsProblem};
use crate::state::{Action, Dispatch};

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
                <label class="desk-check">
                    <input type="checkbox" data-setting="require-sm2" checked={settings.require_sm2}
                        onchange={{
                            let (settings, dispatch, send) = (settings.clone(), dispatch.clone(), send.clone());
                            Callback::from(move |event: Event| {
                                let mut next = settings.clone();
                                next.require_sm2 = crate::browser::target_checked(&event);
                                change(&dispatch, &send, next);
                            })
                        }} />
                    { T::RequireSm2.get(lang) }
                </label>
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
    settings.require_sm2 = doc.require_sm2;
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
