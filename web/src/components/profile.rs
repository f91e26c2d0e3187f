//! The association's profile, with inline validation that says what is wrong with a code.

use selfcheck_core::wire::ProfileDoc;
use selfcheck_core::{CreditCode, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{S, credit_code_text, credit_warning_text};
use crate::state::{Action, Shared};

/// Properties of the profile form.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ProfileProps {
    /// The profile as typed.
    pub profile: Shared<ProfileDoc>,
    /// Fields the host page fixes.
    pub locked: crate::components::app::Locked,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

/// Which field an input edits.
#[derive(Clone, Copy)]
enum Field {
    Name,
    CreditCode,
    Person,
    Phone,
    Email,
    From,
    To,
}

impl Field {
    fn set(self, profile: &mut ProfileDoc, value: String) {
        match self {
            Field::Name => profile.name = value,
            Field::CreditCode => profile.credit_code = value,
            Field::Person => profile.contact.person = value,
            Field::Phone => profile.contact.phone = value,
            Field::Email => profile.contact.email = value,
            Field::From => profile.period.from = value,
            Field::To => profile.period.to = value,
        }
    }
}

/// The profile form.
#[component]
pub fn ProfileForm(props: &ProfileProps) -> Html {
    let ProfileProps { profile, locked, lang, dispatch } = props;
    let lang = *lang;
    let input =
        |field: Field, id: &'static str, label: S, kind: &'static str, value: &str, autocomplete: &'static str| {
            let readonly = matches!(field, Field::Name) && locked.name;
            let (profile, dispatch) = (profile.clone(), dispatch.clone());
            let oninput = Callback::from(move |event: InputEvent| {
                let mut next = (*profile).clone();
                field.set(&mut next, event.target_unchecked_into::<HtmlInputElement>().value());
                dispatch.emit(Action::SetProfile(next));
            });
            html! {
                <div class="selfcheck-field">
                    <label for={id}>{ label.get(lang) }</label>
                    <input {id} type={kind} value={value.to_owned()} {oninput} autocomplete={autocomplete} {readonly}
                    aria-readonly={readonly.then_some("true")} />
                </div>
            }
        };
    let code = profile.credit_code.trim();
    let (code_error, code_warning) = if code.is_empty() {
        (None, None)
    } else {
        match CreditCode::parse(code) {
            Ok(parsed) => (None, parsed.warnings().first().map(|warning| credit_warning_text(*warning, lang))),
            Err(error) => (Some(credit_code_text(&error, lang)), None),
        }
    };
    let on_code = {
        let (profile, dispatch) = (profile.clone(), dispatch.clone());
        Callback::from(move |event: InputEvent| {
            let mut next = (*profile).clone();
            Field::CreditCode.set(&mut next, event.target_unchecked_into::<HtmlInputElement>().value());
            dispatch.emit(Action::SetProfile(next));
        })
    };
    let period_reversed = selfcheck_core::answers::is_date(&profile.period.from)
        && selfcheck_core::answers::is_date(&profile.period.to)
        && profile.period.to < profile.period.from;
    html! {
        <section class="selfcheck-area selfcheck-profile" id="selfcheck-profile" aria-labelledby="selfcheck-profile-title">
            <h2 id="selfcheck-profile-title">{ S::Profile.get(lang) }</h2>
            <div class="selfcheck-fields">
                { input(Field::Name, "selfcheck-profile-name", S::ProfileName, "text", &profile.name, "organization") }
                <div class="selfcheck-field">
                    <label for="selfcheck-profile-credit-code">{ S::CreditCode.get(lang) }</label>
                    <input id="selfcheck-profile-credit-code" type="text" value={profile.credit_code.clone()} oninput={on_code}
                        readonly={locked.credit_code} aria-readonly={locked.credit_code.then_some("true")}
                        maxlength="24" spellcheck="false" autocapitalize="characters"
                        aria-invalid={code_error.is_some().then_some("true")}
                        aria-describedby="selfcheck-profile-credit-code-error" />
                    // Always present, so that screen readers announce the message as it changes.
                    <p id="selfcheck-profile-credit-code-error" class="selfcheck-field-message" aria-live="polite">
                        { code_error.or(code_warning).unwrap_or_default() }
                    </p>
                </div>
                { input(Field::Person, "selfcheck-profile-person", S::ContactPerson, "text", &profile.contact.person, "name") }
                { input(Field::Phone, "selfcheck-profile-phone", S::ContactPhone, "tel", &profile.contact.phone, "tel") }
                { input(Field::Email, "selfcheck-profile-email", S::ContactEmail, "email", &profile.contact.email, "email") }
                { input(Field::From, "selfcheck-profile-from", S::PeriodFrom, "date", &profile.period.from, "off") }
                { input(Field::To, "selfcheck-profile-to", S::PeriodTo, "date", &profile.period.to, "off") }
            </div>
            if period_reversed {
                <p class="selfcheck-field-message" role="alert">{ crate::i18n::problem_text(&selfcheck_core::ProblemKind::PeriodReversed, lang) }</p>
            }
        </section>
    }
}
