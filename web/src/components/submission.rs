//! "How to submit": what the association does with the exported file and the printed summary,
//! in the embedding site's words when it gives its own, else in a sensible default.

use selfcheck_core::{Lang, Text, pick};
use yew::prelude::*;

use crate::i18n::S;

/// Properties of the submission section.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SubmissionProps {
    /// Interface language.
    pub lang: Lang,
    /// To whom the result goes.
    pub addressee: Text,
    /// The host's own text (one paragraph or list item per line), replacing the default.
    pub text: Option<Text>,
    /// The name the exported file will have, once the profile as typed gives a valid credit
    /// code and period.
    pub file_name: Option<String>,
}

/// The default steps, with the addressee and, once the profile gives it, the file name filled in.
fn default_steps(lang: Lang, addressee: &str, file_name: Option<&str>) -> Vec<String> {
    pick!(
        lang,
        vec![
            format!(
                "将导出的签名结果文件（{}以统一社会信用代码和自查月份命名）与打印后加盖协会公章的自查结果摘要，一并报送{addressee}。",
                file_name.map(|name| format!("{name}，")).unwrap_or_default()
            ),
            format!("首次提交前，将密钥指纹（见“签名密钥”）向{addressee}备案一次；以后每次都用同一密钥签名。"),
            "密钥文件或口令遗失后无法找回：须新建密钥，并重新备案新密钥的指纹。".to_owned(),
            "佐证材料由协会自行留存，不随结果上传：结果中只记录佐证文件的名称、大小和 SHA-256 摘要。请妥善保存原件，文件改动后将与摘要不符。".to_owned(),
        ],
        vec![
            format!(
                "Send the exported signed result file ({}named by the credit code and the month assessed) to the {addressee}, together with the printed summary bearing the association's seal.",
                file_name.map(|name| format!("{name}, ")).unwrap_or_default()
            ),
            format!("Before the first submission, register the key fingerprint (see “Signing key”) with the {addressee} once; sign every later result with the same key."),
            "A lost key file or passphrase cannot be recovered: create a new key and register its fingerprint again.".to_owned(),
            "Evidence files stay with the association and are not uploaded: the result records only their names, sizes and SHA-256 digests. Keep the originals; a changed file no longer matches its digest.".to_owned(),
        ],
    )
}

/// The submission section.
#[component]
pub fn Submission(props: &SubmissionProps) -> Html {
    let SubmissionProps { lang, addressee, text, file_name } = props;
    let lang = *lang;
    // No sample name: one that is not the association's own would be taken for it.
    let steps: Vec<String> = match text {
        Some(text) => {
            text.get(lang).lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
        }
        None => default_steps(lang, addressee.get(lang), file_name.as_deref()),
    };
    html! {
        <section class="selfcheck-area" id="selfcheck-submission" aria-labelledby="selfcheck-submission-title">
            <h2 id="selfcheck-submission-title">{ S::SubmissionSection.get(lang) }</h2>
            if steps.len() == 1 {
                <p data-testid="submission">{ steps[0].clone() }</p>
            } else {
                <ol class="selfcheck-steps" data-testid="submission">
                    { for steps.into_iter().map(|step| html! { <li>{ step }</li> }) }
                </ol>
            }
        </section>
    }
}
