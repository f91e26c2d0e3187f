//! What the bureau hands on: the printed report's heading, date and seal block, and its appendix
//! of input files with their verdicts and SHA-256 (shown only on paper), and the signed summary —
//! made with the bureau's key file in the worker through the core, and checked (verified and
//! reproduced from the files held) the same way.

use selfcheck_bureau::{Input, InputRole};
use selfcheck_core::Lang;
use yew::prelude::*;

use crate::browser;
use crate::browser::target_value;
use crate::i18n::T;
use crate::protocol::Send;
use crate::protocol::ToWorker;
use selfcheck_bureau::document::AnalysisDoc;

/// Properties of the printed heading.
#[derive(Properties, PartialEq)]
pub struct HeadingProps {
    /// The bureau's name, as the officer typed it.
    pub bureau: String,
    /// How many files were received, and how many are valid, in words.
    pub counts: String,
    /// Interface language.
    pub lang: Lang,
}

/// The heading of the printed report: the bureau, the title, the date and the files received.
#[component]
pub fn PrintHeading(props: &HeadingProps) -> Html {
    // The day in Beijing, as every date the desk shows.
    let today = selfcheck_core::Timestamp::from_unix_seconds(browser::now_unix_seconds()).beijing_date();
    let day = today.as_str();
    html! {
        <header class="desk-print-only desk-print-heading">
            <p class="desk-print-bureau">{ props.bureau.clone() }</p>
            <p class="desk-print-title">{ T::PrintTitle.get(props.lang) }</p>
            <p>{ T::PrintDate.filled(props.lang, &[day]) }</p>
            <p>{ props.counts.clone() }</p>
        </header>
    }
}

/// Properties of the printed inputs and seal.
#[derive(Properties, PartialEq)]
pub struct InputsProps {
    /// The analysis (its files, and the other inputs with the SHA-256 of their bytes as received).
    pub analysis: selfcheck_report_view::Shared<AnalysisDoc>,
    /// Interface language.
    pub lang: Lang,
}

/// The seal block, and the appendix: every file the report was built from, each with its verdict
/// and SHA-256, in small type.
#[component]
pub fn PrintInputs(props: &InputsProps) -> Html {
    let InputsProps { analysis, lang } = props;
    let lang = *lang;
    let others: Vec<Input> = analysis
        .inputs
        .iter()
        .map(|input| Input {
            name: input.name.clone(),
            sha256: input.sha256.clone(),
            role: InputRole::from_code(&input.role).unwrap_or(InputRole::File),
        })
        .collect();
    let total = (analysis.files.len() + others.len()).to_string();
    html! {
        <>
            <div class="desk-print-only desk-seal">
                <p>{ T::SealBureau.get(lang) }</p>
                <p>{ T::SealSigner.get(lang) }</p>
                <p>{ T::SealDate.get(lang) }</p>
            </div>
            <section class="desk-print-only desk-appendix" data-testid="print-appendix" aria-labelledby="desk-inputs-title">
                <h2 id="desk-inputs-title">{ T::Appendix.filled(lang, &[&total]) }</h2>
                <table>
                    <colgroup>
                        <col class="desk-col-name" /><col class="desk-col-role" /><col class="desk-col-verdict" /><col class="desk-col-digest" />
                    </colgroup>
                    <thead><tr>
                        <th scope="col">{ T::File.get(lang) }</th>
                        <th scope="col">{ T::Role.get(lang) }</th>
                        <th scope="col">{ T::Verdict.get(lang) }</th>
                        <th scope="col">{ "SHA-256" }</th>
                    </tr></thead>
                    <tbody>
                        { for analysis.files.iter().map(|file| html! {
                            <tr data-verdict={file.verdict.clone()}>
                                <th scope="row">{ file.name.clone() }</th>
                                <td>{ InputRole::File.label(lang) }</td>
                                <td>{ file.message.clone() }</td>
                                <td class="desk-digest">{ file.sha256.clone() }</td>
                            </tr>
                        }) }
                        { for others.iter().map(|input| html! {
                            <tr>
                                <th scope="row">{ input.name.clone() }</th>
                                <td>{ input.role.label(lang) }</td>
                                <td></td>
                                <td class="desk-digest">{ input.sha256.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </section>
        </>
    }
}

/// Properties of the signed summary panel.
#[derive(Properties)]
pub struct SignProps {
    /// Posts to the worker.
    pub send: Send,
    /// The worker's last answer about signing or checking: `(ok, message)`.
    pub outcome: Option<(bool, String)>,
    /// The year's summary last made, `(year, model months)`: it can be signed too.
    pub year: Option<(u32, u32)>,
    /// Interface language.
    pub lang: Lang,
}

impl PartialEq for SignProps {
    fn eq(&self, other: &Self) -> bool {
        self.outcome == other.outcome && self.year == other.year && self.lang == other.lang
    }
}

/// Signing a summary with the bureau's key file and passphrase, and checking a signed one.
#[component]
pub fn SignPanel(props: &SignProps) -> Html {
    let SignProps { send, outcome, year, lang } = props;
    let year = *year;
    let lang = *lang;
    // The key file's name and text.
    let key = use_state(|| None::<(String, String)>);
    let passphrase = use_state(String::new);
    let kind = use_state(|| "ranking".to_owned());
    let on_key = {
        let key = key.clone();
        browser::on_chosen_text(move |name, text| key.set(Some((name, text))))
    };
    // The year's summary is signed as it was last made; without one, the choice falls back.
    let chosen = if *kind == "year" && year.is_none() { "ranking".to_owned() } else { (*kind).clone() };
    let on_sign = {
        let (send, key, passphrase, chosen) = (send.clone(), key.clone(), passphrase.clone(), chosen.clone());
        let (year, months) = year.unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            send(ToWorker::Sign {
                kind: chosen.clone(),
                year: i32::try_from(year).unwrap_or_default(),
                months,
                key: key.as_ref().map(|(_, text)| text.clone()).unwrap_or_default(),
                passphrase: (*passphrase).clone(),
                now: browser::now_unix_seconds() as f64,
                lang,
            });
        })
    };
    let on_check = {
        let send = send.clone();
        browser::on_chosen_text(move |_, text| send(ToWorker::Check { text, lang }))
    };
    html! {
        <div class="desk-sign" data-testid="sign">
            <h3>{ T::SignedSummary.get(lang) }</h3>
            <p class="desk-muted">{ T::SignHint.get(lang) }</p>
            <div class="desk-row">
                <label class="desk-file">{ T::KeyFile.get(lang) }
                    <input type="file" data-input="bureau-key" accept=".pem" onchange={on_key} />
                </label>
                if let Some((file, _)) = key.as_ref() { <span class="desk-muted">{ T::KeyChosen.filled(lang, &[file]) }</span> }
                <label class="desk-inline">{ T::Passphrase.get(lang) }
                    <input type="password" autocomplete="off" data-input="bureau-passphrase" value={(*passphrase).clone()}
                        oninput={{ let passphrase = passphrase.clone(); Callback::from(move |event: InputEvent| passphrase.set(target_value(&event))) }} />
                </label>
                <label class="desk-inline">{ T::SummaryKind.get(lang) }
                    <select data-input="summary-kind" onchange={{ let kind = kind.clone(); Callback::from(move |event: Event| kind.set(target_value(&event))) }}>
                        <option value="ranking" selected={chosen == "ranking"}>{ T::Ranking.get(lang) }</option>
                        <option value="matrix" selected={chosen == "matrix"}>{ T::Matrix.get(lang) }</option>
                        if let Some((year, months)) = year {
                            <option value="year" selected={chosen == "year"}>{ capitalised(&year_kind(year, months, lang).describe(None, lang)) }</option>
                        }
                    </select>
                </label>
                <button type="button" data-action="sign-summary" onclick={on_sign} disabled={key.is_none()}>{ T::Sign.get(lang) }</button>
            </div>
            <div class="desk-row">
                <label class="desk-file">{ T::CheckSummary.get(lang) }
                    <input type="file" data-input="check-summary" accept=".json,application/json" onchange={on_check} />
                </label>
            </div>
            <p role="status" aria-live="polite" data-testid="sign-message"
                class={classes!(outcome.as_ref().map(|(ok, _)| if *ok { "desk-ok" } else { "desk-error" }))}>
                { outcome.as_ref().map(|(_, text)| text.clone()).unwrap_or_default() }
            </p>
        </div>
    }
}

/// The year's summary made, as the signing panel offers it.
fn year_kind(year: u32, months: u32, lang: Lang) -> selfcheck_bureau::SummaryKind {
    let rule = selfcheck_bureau::ModelRule { months };
    selfcheck_bureau::SummaryKind::Year(selfcheck_bureau::YearSummary {
        year: i32::try_from(year).unwrap_or(0),
        rule,
        lang,
    })
}

/// A phrase written to stand inside a sentence, as a choice of its own: its first letter a
/// capital (English; Chinese has none).
fn capitalised(phrase: &str) -> String {
    let mut letters = phrase.chars();
    letters.next().map_or_else(String::new, |first| first.to_uppercase().chain(letters).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_years_summary_is_offered_as_a_choice_in_each_language() {
        assert_eq!(capitalised(&year_kind(2026, 3, Lang::En).describe(None, Lang::En)), "Year's summary of 2026");
        assert_eq!(capitalised(&year_kind(2026, 3, Lang::Zh).describe(None, Lang::Zh)), "2026 年阶段性总结");
        assert_eq!(capitalised(""), "");
    }
}
