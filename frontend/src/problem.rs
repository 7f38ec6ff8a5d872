//! Turns what went wrong with a request into one message for people: the
//! i18n key of the message, and the field errors of a 422 to show next to
//! their fields. The form that made the request keeps what was typed.
use crate::i18n::{Lang, lookup};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
#[cfg(test)]
use tgpl_api_model::error_codes::ErrorCodeDto;
use tgpl_api_model::{FieldError, Problem};

/// The server's catalogue of error codes: code → (Vietnamese, English).
type Catalogue = Arc<HashMap<String, (String, String)>>;

thread_local! {
    /// Read once from `GET /reference/error-codes` (the modules do not carry
    /// the catalogue's text; ADR 0029); screens re-render when it arrives.
    static CATALOGUE: RwSignal<Option<Catalogue>> = RwSignal::new(None);
}
static LOADING: AtomicBool = AtomicBool::new(false);

/// Keeps the catalogue (what the server answered, as a typed list).
#[cfg(test)]
pub fn set_catalogue(codes: Vec<ErrorCodeDto>) {
    let map = codes.into_iter().map(|e| (e.code, (e.vi, e.en))).collect();
    CATALOGUE.with(|c| c.set(Some(Arc::new(map))));
}

/// Reads the catalogue from the server, once (at start, and again after a
/// failure when a message needs it). Read as plain JSON: a typed decoder
/// would grow every module for one list.
pub fn load_catalogue() {
    if LOADING.swap(true, Ordering::SeqCst) {
        return;
    }
    leptos::task::spawn_local(async {
        match crate::api::public_json("GET", "/reference/error-codes", None).await {
            Ok(list) => {
                let text = |e: &serde_json::Value, k: &str| e[k].as_str().map(str::to_owned);
                let map: HashMap<String, (String, String)> = list
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| Some((text(e, "code")?, (text(e, "vi")?, text(e, "en")?))))
                    .collect();
                CATALOGUE.with(|c| c.set(Some(Arc::new(map))));
            }
            Err(_) => LOADING.store(false, Ordering::SeqCst),
        }
    });
}

/// What the catalogue says of `code` in `lang` (none until it has loaded).
pub fn catalogue_text(code: &str, lang: Lang) -> Option<String> {
    match CATALOGUE.with(|c| c.get()) {
        Some(c) => c.get(code).map(|(vi, en)| match lang {
            Lang::Vi => vi.clone(),
            Lang::En => en.clone(),
        }),
        None => {
            load_catalogue();
            None
        }
    }
}

/// A failed API call.
#[derive(Debug, Clone)]
pub enum ApiError {
    /// No answer: the network or the server is down.
    Network,
    /// An answer with an error status, and its problem document when it had one.
    Http {
        status: u16,
        /// Boxed: keeps `Result<_, ApiError>` small.
        problem: Option<Box<Problem>>,
    },
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Network => None,
            ApiError::Http { status, .. } => Some(*status),
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } => Some(p.code.as_str()),
            _ => None,
        }
    }

    /// The API's own explanation (English), shown as detail under the message.
    pub fn detail(&self) -> Option<&str> {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } if !p.detail.is_empty() => Some(p.detail.as_str()),
            _ => None,
        }
    }

    /// What to tell the user, in `lang`: the catalogue's text for the
    /// problem's code (shared with the server), else the message of its
    /// status.
    pub fn message(&self, lang: Lang) -> String {
        self.code()
            .and_then(|c| catalogue_text(c, lang))
            .unwrap_or_else(|| lookup(lang, self.message_key()).to_owned())
    }

    /// Whether the code is in the catalogue (when it is not, the server's
    /// own detail is all there is to show).
    pub fn catalogued(&self) -> bool {
        self.code()
            .is_some_and(|c| catalogue_text(c, Lang::Vi).is_some())
    }

    /// The i18n key of the message for this error.
    pub fn message_key(&self) -> &'static str {
        let (status, code) = match self {
            ApiError::Network => return "err.network",
            ApiError::Http { status, .. } => (*status, self.code().unwrap_or("")),
        };
        #[cfg(any(feature = "public", feature = "desk", test))]
        if let Some(key) = public_message_key(status, code) {
            return key;
        }
        match (status, code) {
            (401, "auth.invalid_credentials") => "err.invalid_credentials",
            (401, "auth.locked_out") => "err.locked_out",
            (401, "auth.account_locked") => "err.account_locked",
            (401, "auth.second_factor_required") => "err.second_factor_required",
            (401, _) => "err.session_expired",
            (403, "auth.reauthentication_required") => "err.reauthentication_required",
            (403, "auth.second_factor_enrolment_required") => "err.second_factor_enrolment",
            (403, "auth.password_change_required") => "account.must_change",
            (403, _) => "err.forbidden",
            (404, _) => "err.not_found",
            (409, "case.conflict_of_interest") => "err.conflict_of_interest",
            (409, "case.transition_not_allowed") => "err.transition_not_allowed",
            (409, _) => "err.conflict",
            (412, _) => "err.stale",
            (413, _) => "err.too_large",
            (415, _) => "err.unsupported_type",
            (422, _) => "err.validation",
            (428, _) => "err.precondition_required",
            (400..=499, _) => "err.bad_request",
            _ => "err.server",
        }
    }

    /// 412: the record changed since it was read; the screen offers to reload.
    pub fn is_stale(&self) -> bool {
        self.status() == Some(412)
    }

    /// The 401s that end the session (not a wrong password at login).
    pub fn ends_session(&self) -> bool {
        self.status() == Some(401)
            && !matches!(
                self.code(),
                Some(
                    "auth.invalid_credentials"
                        | "auth.locked_out"
                        | "auth.second_factor_required"
                        | "public.lookup_refused"
                )
            )
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Http {
                problem: Some(p), ..
            } => &p.errors,
            _ => &[],
        }
    }

    /// The error of one form field. The API names nested fields with dots
    /// and indexes (`parties[0].full_name`); `field` matches the name exactly.
    pub fn field_error(&self, field: &str) -> Option<&FieldError> {
        self.field_errors().iter().find(|e| e.field == field)
    }
}

/// The i18n key for a field error's code, when there is a translation;
/// otherwise the API's message is shown.
/// The messages of the public services' refusals (only their module
/// carries these texts).
#[cfg(any(feature = "public", feature = "desk", test))]
fn public_message_key(status: u16, code: &str) -> Option<&'static str> {
    Some(match (status, code) {
        (401, "public.lookup_refused") => "err.lookup_refused",
        (409, "feedback.already_given") => "err.feedback_already_given",
        (409, "feedback.no_case_yet" | "feedback.not_yet_helped") => "err.feedback_not_yet",
        (409, "intake.already_decided") => "err.request_decided",
        (409, "privacy.no_case_yet") => "err.privacy_no_case_yet",
        (409, "privacy.already_answered") => "err.privacy_answered",
        (409, "privacy.anonymised") => "err.privacy_anonymised",
        (409, "intake.too_many_attachments") => "err.too_many_attachments",
        (429, _) => "err.too_many_requests",
        _ => return None,
    })
}

pub fn field_message_key(code: &str) -> Option<&'static str> {
    Some(match code {
        "required" => "field.required",
        "length" => "field.length",
        "range" => "field.range",
        "email" => "field.email",
        "out_of_range" => "field.out_of_range",
        "date_format" => "field.date_format",
        "eligibility.unknown_category" => "field.eligibility_unknown",
        "eligibility.not_in_force" => "field.eligibility_not_in_force",
        "eligibility.hardship_not_proven" => "field.eligibility_hardship",
        "user.password_weak" => "field.password_weak",
        "user.password_common" => "field.password_common",
        "user.password_guessable" => "field.password_common",
        "user.username_taken" => "field.username_taken",
        "practitioner.card_number_taken" => "field.card_taken",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16, code: &str) -> ApiError {
        ApiError::Http {
            status,
            problem: Some(Box::new(Problem {
                type_: "about:blank".into(),
                title: "t".into(),
                status,
                detail: "d".into(),
                code: code.into(),
                request_id: None,
                errors: vec![FieldError {
                    field: "summary".into(),
                    code: "length".into(),
                    message: "too short".into(),
                }],
            })),
        }
    }

    #[test]
    fn a_refusal_is_said_in_the_users_language_from_its_code() {
        // What `GET /reference/error-codes` answers.
        set_catalogue(
            tgpl_api_model::error_codes::CODES
                .iter()
                .map(ErrorCodeDto::from)
                .collect(),
        );
        let e = http(409, "case.transition_not_allowed");
        assert!(e.catalogued());
        assert!(e.message(Lang::Vi).contains("Trạng thái vụ việc"));
        assert!(e.message(Lang::En).contains("The case has moved on"));
        // A code the catalogue does not know falls back to its status.
        let e = http(409, "something.new");
        assert!(!e.catalogued());
        assert_eq!(e.message(Lang::En), lookup(Lang::En, "err.conflict"));
    }

    #[test]
    fn each_status_has_its_message() {
        assert_eq!(ApiError::Network.message_key(), "err.network");
        assert_eq!(http(401, "auth.locked_out").message_key(), "err.locked_out");
        assert_eq!(
            http(401, "auth.account_locked").message_key(),
            "err.account_locked"
        );
        assert_eq!(
            http(401, "auth.token_expired").message_key(),
            "err.session_expired"
        );
        assert_eq!(http(403, "x").message_key(), "err.forbidden");
        assert_eq!(http(404, "x").message_key(), "err.not_found");
        assert_eq!(
            http(409, "case.conflict_of_interest").message_key(),
            "err.conflict_of_interest"
        );
        assert_eq!(
            http(409, "case.transition_not_allowed").message_key(),
            "err.transition_not_allowed"
        );
        assert_eq!(http(412, "x").message_key(), "err.stale");
        assert_eq!(http(413, "x").message_key(), "err.too_large");
        assert_eq!(http(415, "x").message_key(), "err.unsupported_type");
        assert_eq!(http(422, "x").message_key(), "err.validation");
        assert_eq!(http(500, "x").message_key(), "err.server");
        let bare = ApiError::Http {
            status: 502,
            problem: None,
        };
        assert_eq!(bare.message_key(), "err.server");
    }

    #[test]
    fn a_wrong_password_does_not_end_a_session() {
        assert!(!http(401, "auth.invalid_credentials").ends_session());
        assert!(http(401, "auth.refresh_reused").ends_session());
        assert!(!http(403, "x").ends_session());
        assert!(http(412, "x").is_stale());
        // Asking for the second factor's code is a step of the login.
        assert!(!http(401, "auth.second_factor_required").ends_session());
        assert_eq!(
            http(401, "auth.second_factor_required").message_key(),
            "err.second_factor_required"
        );
        assert_eq!(
            http(403, "auth.reauthentication_required").message_key(),
            "err.reauthentication_required"
        );
    }

    #[test]
    fn field_errors_are_found_by_name() {
        let e = http(422, "validation");
        assert_eq!(
            e.field_error("summary").map(|f| f.code.as_str()),
            Some("length")
        );
        assert!(e.field_error("parties").is_none());
        assert!(ApiError::Network.field_errors().is_empty());
        assert_eq!(field_message_key("length"), Some("field.length"));
        assert_eq!(field_message_key("weird"), None);
    }
}
