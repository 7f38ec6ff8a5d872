//! The directory as open data (issue #12): every listed organisation or
//! practitioner, public fields only, as CSV (with a byte-order mark so
//! spreadsheet programs read the Vietnamese) or JSON.
use super::{Listed, open_data_organisations, open_data_practitioners};
use crate::App;
use crate::error::AppError;
use crate::service::report_export::quoted;
use tgpl_api_model::public::{
    OpenDataFormat, OpenDataSet, PublicOrganisationDto, PublicPractitionerDto,
};

/// The export's media type, file name and bytes.
pub struct OpenData {
    pub content_type: &'static str,
    pub filename: String,
    pub body: Vec<u8>,
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(quoted).unwrap_or_default()
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn organisations_csv(items: &[PublicOrganisationDto]) -> String {
    let mut out = String::from(
        "\u{feff}id,kind,name,province_code,province_name,address,phone,email,registration_number,valid_from,valid_to,status\r\n",
    );
    for o in items {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
            o.id,
            o.kind.as_str(),
            quoted(&o.name),
            opt(&o.province_code),
            opt(&o.province_name),
            opt(&o.address),
            opt(&o.phone),
            opt(&o.email),
            opt(&o.registration_number),
            date(o.valid_from),
            date(o.valid_to),
            o.status.as_str(),
        ));
    }
    out
}

fn practitioners_csv(items: &[PublicPractitionerDto]) -> String {
    let mut out = String::from(
        "\u{feff}id,full_name,kind,card_number,organisation_id,organisation_name,province_code,status\r\n",
    );
    for p in items {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\r\n",
            p.id,
            quoted(&p.full_name),
            p.kind.as_str(),
            quoted(&p.card_number),
            p.organisation_id,
            quoted(&p.organisation_name),
            opt(&p.province_code),
            p.status.as_str(),
        ));
    }
    out
}

fn json(items: &impl serde::Serialize) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec(items).map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn export(
    state: &App,
    set: OpenDataSet,
    format: OpenDataFormat,
) -> Result<OpenData, AppError> {
    let (name, body) = match set {
        OpenDataSet::Organisations => {
            let items: Vec<PublicOrganisationDto> = open_data_organisations(state)
                .await?
                .into_iter()
                .map(PublicOrganisationDto::from)
                .collect();
            let body = match format {
                OpenDataFormat::Csv => organisations_csv(&items).into_bytes(),
                OpenDataFormat::Json => json(&items)?,
            };
            ("to-chuc-tro-giup-phap-ly", body)
        }
        OpenDataSet::Practitioners => {
            let items: Vec<PublicPractitionerDto> = open_data_practitioners(state)
                .await?
                .into_iter()
                .map(
                    |Listed {
                         practitioner,
                         organisation_name,
                     }| {
                        PublicPractitionerDto::new(practitioner, organisation_name)
                    },
                )
                .collect();
            let body = match format {
                OpenDataFormat::Csv => practitioners_csv(&items).into_bytes(),
                OpenDataFormat::Json => json(&items)?,
            };
            ("nguoi-thuc-hien-tro-giup-phap-ly", body)
        }
    };
    let (content_type, ext) = match format {
        OpenDataFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        OpenDataFormat::Json => ("application/json", "json"),
    };
    Ok(OpenData {
        content_type,
        filename: format!("{name}.{ext}"),
        body,
    })
}
