pub mod account;
pub mod audit;
pub mod calendar_feed;
pub mod case_actions;
pub mod case_detail;
pub mod cases;
pub mod dashboard;
pub mod directory;
pub mod documents;
pub mod intake;
pub mod login;
pub mod notifications;
pub mod practitioners;
pub mod second_factor;
pub mod users;

use crate::problem::ApiError;

/// A field error found before the request was sent, shown like the API's 422.
pub fn local_error(field: &str, code: &str) -> ApiError {
    ApiError::Http {
        status: 422,
        problem: Some(Box::new(tgpl_api_model::Problem {
            type_: "about:blank".into(),
            title: String::new(),
            status: 422,
            detail: String::new(),
            code: "validation".into(),
            request_id: None,
            errors: vec![tgpl_api_model::FieldError {
                field: field.into(),
                code: code.into(),
                message: String::new(),
            }],
        })),
    }
}
