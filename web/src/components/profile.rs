//! The association's profile, with inline checks (the core's rules) that say what is wrong with
//! a code or an address, a credit code tidied as typed on paper (spaces, full-width characters, lower
//! case), and the fields the host page fixes shown read-only.

use selfcheck_core::wire::ProfileDoc;
use selfcheck_core::{CreditCode, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::ConflictPanel;
use crate::i18n::{S, credit_code_text, credit_warning_text};
use crate::profile_field::Field;
use crate::state::{Action, Shared};

/// Properties of the profile form.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ProfileProps {
    /// The profile as typed.
    pub profile: Shared<ProfileDoc>,
    /// Fields the host page fixes.
    pub locked: crate::state::Locked,
    /// Another tab changed the draft while this form was being edited.
    pub conflict: bool,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// A credit code as the core reads it (`selfcheck_core::credit_code::normalize`, the one rule of
/// the CLI, the desk and the bindings too): spaces and hyphens (as printed on certificates) gone,
/// full-width letters and digits (as typed with a Chinese input method) made half-width, upper
/// case.
pub fn tidy_credit_code(typed: &str) -> String {
    selfcheck_core::credit_code::normalize(typed)
}

/// The profile form.
#[component]
pub fn ProfileForm(props: &ProfileProps) -> Html {
    let ProfileProps { profile, locked, conflict, lang, dispatch } = props;
    let lang = *lang;
    let on_input = |field: Field| {
        let (profile, dispatch) = (profile.clone(), dispatch.clone());
        Callback::from(move |event: InputEvent| {
            let mut next = (*profile).clone();
            field.set(&mut next, event.target_unchecked_into::<HtmlInputElement>().value());
            dispatch.emit(Action::SetProfile(next));
        })
    };
    let input = |field: Field,
                 id: &'static str,
                 label: S,
                 kind: &'static str,
                 value: &str,
                 autocomplete: &'static str| {
        let readonly = matches!(field, Field::Name) && locked.name;
        let wide = matches!(field, Field::Name).then_some("selfcheck-field-wide");
        html! {
            <div class={classes!("selfcheck-field", wide, readonly.then_some("selfcheck-locked"))}>
                <label for={id}>
                    { label.get(lang) }
                    if readonly { <span class="selfcheck-muted">{ format!("（{}）", S::LockedField.get(lang)) }</span> }
                </label>
                <input {id} type={kind} value={value.to_owned()} oninput={on_input(field)} autocomplete={autocomplete} {readonly}
                    aria-readonly={readonly.then_some("true")} />
            </div>
        }
    };
    // The check reads the code as it will be tidied when the field is left.
    let code = tidy_credit_code(&profile.credit_code);
    let (code_error, code_warning) = if code.is_empty() {
        (None, None)
    } else {
        match CreditCode::parse(&code) {
            Ok(parsed) => (None, parsed.warnings().first().map(|warning| credit_warning_text(*warning, lang))),
            Err(error) => (Some(credit_code_text(&error, lang)), None),
        }
    };
    let on_code_change = {
        let (profile, dispatch) = (profile.clone(), dispatch.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let tidy = tidy_credit_code(&input.value());
            if tidy != profile.credit_code {
                input.set_value(&tidy);
                let mut next = (*profile).clone();
                next.credit_code = tidy;
                dispatch.emit(Action::SetProfile(next));
            }
        })
    };
    let email = profile.contact.email.trim();
    let email_error =
        (!email.is_empty() && !selfcheck_core::answers::is_email(email)).then(|| S::EmailInvalid.get(lang));
    let period_reversed = selfcheck_core::time::is_date(&profile.period.from)
        && selfcheck_core::time::is_date(&profile.period.to)
        && profile.period.to < profile.period.from;
    let code_locked = locked.credit_code;
    html! {
        <section class="selfcheck-area selfcheck-profile" id="selfcheck-profile" aria-labelledby="selfcheck-profile-title">
            <h2 id="selfcheck-profile-title">{ S::Profile.get(lang) }</h2>
            <div class="selfcheck-fields">
                { input(Field::Name, "selfcheck-profile-name", S::ProfileName, "text", &profile.name, "organization") }
                // A row of its own: what is wrong with a code takes a line of text.
                <div class={classes!("selfcheck-field", "selfcheck-field-wide", "selfcheck-field-code", code_locked.then_some("selfcheck-locked"))}>
                    <label for="selfcheck-profile-credit-code">
                        { S::CreditCode.get(lang) }
                        if code_locked { <span class="selfcheck-muted">{ format!("（{}）", S::LockedField.get(lang)) }</span> }
                    </label>
                    <input id="selfcheck-profile-credit-code" type="text" value={profile.credit_code.clone()}
                        oninput={on_input(Field::CreditCode)} onchange={on_code_change}
                        readonly={code_locked} aria-readonly={code_locked.then_some("true")}
                        maxlength="40" spellcheck="false" autocapitalize="characters"
                        aria-invalid={code_error.is_some().then_some("true")}
                        aria-describedby="selfcheck-profile-credit-code-error" />
                    // Always present, so that screen readers announce the message as it changes.
                    <p id="selfcheck-profile-credit-code-error" class="selfcheck-field-message" aria-live="polite">
                        { code_error.or(code_warning).unwrap_or_default() }
                    </p>
                </div>
                { input(Field::Person, "selfcheck-profile-person", S::ContactPerson, "text", &profile.contact.person, "name") }
                { input(Field::Phone, "selfcheck-profile-phone", S::ContactPhone, "tel", &profile.contact.phone, "tel") }
                <div class="selfcheck-field">
                    <label for="selfcheck-profile-email">{ S::ContactEmail.get(lang) }</label>
                    <input id="selfcheck-profile-email" type="email" value={profile.contact.email.clone()}
                        oninput={on_input(Field::Email)} autocomplete="email"
                        aria-invalid={email_error.is_some().then_some("true")} aria-describedby="selfcheck-profile-email-error" />
                    <p id="selfcheck-profile-email-error" class="selfcheck-field-message" aria-live="polite">
                        { email_error.unwrap_or_default() }
                    </p>
                </div>
                { input(Field::From, "selfcheck-profile-from", S::PeriodFrom, "date", &profile.period.from, "off") }
                <div class="selfcheck-field">
                    <label for="selfcheck-profile-to">{ S::PeriodTo.get(lang) }</label>
                    <input id="selfcheck-profile-to" type="date" value={profile.period.to.clone()} oninput={on_input(Field::To)}
                        autocomplete="off" aria-invalid={period_reversed.then_some("true")}
                        aria-describedby="selfcheck-profile-to-error" />
                    <p id="selfcheck-profile-to-error" class="selfcheck-field-message" aria-live="polite">
                        { if period_reversed { crate::i18n::problem_text(&selfcheck_core::ProblemKind::PeriodReversed, lang) } else { String::new() } }
                    </p>
                </div>
            </div>
            if *conflict {
                <ConflictPanel {lang} dispatch={dispatch.clone()} />
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::tidy_credit_code;

    #[test]
    fn credit_codes_are_tidied_as_typed_on_paper() {
        assert_eq!(tidy_credit_code(" 5144 0000 5000 0312 82 "), "514400005000031282");
        assert_eq!(tidy_credit_code("５１４４００００５０００ｍａ３１２８２"), "514400005000MA31282");
        assert_eq!(tidy_credit_code("51440000-50000312-8x"), "51440000500003128X");
        assert_eq!(tidy_credit_code("514400005000031282"), "514400005000031282");
    }
}
