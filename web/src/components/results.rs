//! The live results: the report view shared with the bureau's desk, its links moving the focus
//! to the criterion inside the widget (fragment navigation cannot reach into a shadow root).

use selfcheck_report_view::{ReportView, ReportViewProps};
use yew::prelude::*;

use crate::host::HostRef;

/// The results panel.
#[component]
pub fn Results(props: &ReportViewProps) -> Html {
    let host = use_context::<HostRef>();
    let jump = host.map(|host| Callback::from(move |id: String| host.focus(&id)));
    html! { <ReportView report={props.report.clone()} lang={props.lang} {jump} /> }
}
