//! The association's details as fields, each with the id of its input: what the profile form
//! edits, and what the first screen's carry-over reads back by input id.

use selfcheck_core::wire::ProfileDoc;

/// Which field an input edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The association's name.
    Name,
    /// Its credit code.
    CreditCode,
    /// The contact person.
    Person,
    /// The contact's phone.
    Phone,
    /// The contact's e-mail address.
    Email,
    /// The first day of the period assessed.
    From,
    /// Its last day.
    To,
}

impl Field {
    /// Every field with the id of its input.
    const IDS: [(Field, &'static str); 7] = [
        (Field::Name, "selfcheck-profile-name"),
        (Field::CreditCode, "selfcheck-profile-credit-code"),
        (Field::Person, "selfcheck-profile-person"),
        (Field::Phone, "selfcheck-profile-phone"),
        (Field::Email, "selfcheck-profile-email"),
        (Field::From, "selfcheck-profile-from"),
        (Field::To, "selfcheck-profile-to"),
    ];

    /// The field whose input has this id.
    pub fn from_id(id: &str) -> Option<Field> {
        Field::IDS.iter().find(|(_, known)| *known == id).map(|(field, _)| *field)
    }

    /// Sets this field of `profile`.
    pub fn set(self, profile: &mut ProfileDoc, value: String) {
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
