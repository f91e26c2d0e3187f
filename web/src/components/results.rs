//! The live results: total, score, grade, vetoes and the areas, announced politely.

use std::rc::Rc;

use selfcheck_core::{Catalogue, Lang, Report};
use yew::prelude::*;

use crate::i18n::strings;

/// Properties of the results panel.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ResultsProps {
    /// The catalogue.
    pub catalogue: Rc<Catalogue>,
    /// The core's report.
    pub report: Rc<Report>,
    /// Interface language.
    pub lang: Lang,
}

/// The results panel.
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let ResultsProps { catalogue, report, lang } = props;
    let text = strings(*lang);
    let grade = &catalogue.grades()[report.grade];
    let criteria = catalogue.criteria();
    html! {
        <aside class="selfcheck-results" aria-labelledby="selfcheck-results-title">
            <h2 id="selfcheck-results-title">{ text.results }</h2>
            <dl aria-live="polite">
                <dt>{ text.total }</dt>
                <dd><span data-testid="total">{ report.total }</span>{ " / " }<span data-testid="maximum">{ report.maximum }</span></dd>
                <dt>{ text.score }</dt>
                <dd data-testid="score">{ report.score }</dd>
                <dt>{ text.grade }</dt>
                <dd data-testid="grade" data-grade={grade.id.clone()}>{ grade.label.get(*lang) }</dd>
                <dt>{ text.answered }</dt>
                <dd><span data-testid="answered">{ report.answered() }</span>{ format!(" / {}", criteria.len()) }</dd>
            </dl>
            if !report.vetoes.is_empty() {
                <h3>{ text.vetoes }</h3>
                <ul class="selfcheck-vetoes">
                    { for report.vetoes.iter().map(|&index| {
                        let criterion = &criteria[index];
                        html! {
                            <li>
                                <a href={format!("#selfcheck-criterion-{}", criterion.id)}>{ format!("{} {}", criterion.id, criterion.title.get(*lang)) }</a>
                                { format!("：{}", criterion.veto.as_ref().map(|veto| veto.get(*lang)).unwrap_or_default()) }
                            </li>
                        }
                    }) }
                </ul>
            }
        </aside>
    }
}
