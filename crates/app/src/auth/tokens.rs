//! Access tokens: EdDSA JWTs with the actor's role and scope.
use super::JwtKeys;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use tgpl_domain::{Actor, ProvinceCode, Role};
use uuid::Uuid;

pub const ISSUER: &str = "tgpl";
pub const AUDIENCE: &str = "tgpl-api";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub role: Role,
    pub org: Uuid,
    /// The centre of the organisation (centre and branch accounts).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ctr: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub prov: Option<String>,
    /// The practitioner an officer or lawyer account acts as.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub prc: Option<Uuid>,
    pub sid: Uuid,
    /// The password is temporary: the token opens only the password change.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub mcp: bool,
    /// The role must use a second factor and has none: only enrolment is open.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub mfe: bool,
    /// When the session last checked the password (unix seconds).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub aat: Option<i64>,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

impl Claims {
    pub fn new(actor: &Actor, sid: Uuid, now: DateTime<Utc>) -> Self {
        Self {
            sub: actor.user_id,
            role: actor.role,
            org: actor.org_id,
            ctr: actor.centre_id,
            prov: actor.province.map(String::from),
            prc: actor.practitioner_id,
            sid,
            mcp: false,
            mfe: false,
            aat: None,
            iat: now.timestamp(),
            exp: (now + tgpl_domain::auth::access_token_ttl()).timestamp(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        }
    }

    /// What the session is confined to, if anything (temporary password first).
    pub fn confinement(&self) -> Option<tgpl_domain::policy::Confinement> {
        use tgpl_domain::policy::Confinement;
        if self.mcp {
            Some(Confinement::TemporaryPassword)
        } else if self.mfe {
            Some(Confinement::SecondFactorEnrolment)
        } else {
            None
        }
    }

    pub fn authenticated_at(&self) -> Option<DateTime<Utc>> {
        self.aat.and_then(|t| DateTime::from_timestamp(t, 0))
    }

    pub fn actor(&self) -> Result<Actor, AppError> {
        let province = self
            .prov
            .as_deref()
            .map(ProvinceCode::parse)
            .transpose()
            .map_err(|_| {
                AppError::unauthorized("auth.token_invalid", "the access token is malformed")
            })?;
        Ok(Actor {
            user_id: self.sub,
            role: self.role,
            org_id: self.org,
            centre_id: self.ctr,
            province,
            practitioner_id: self.prc,
        })
    }
}

pub fn sign(keys: &JwtKeys, claims: &Claims) -> Result<String, AppError> {
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(keys.kid.clone());
    encode(&header, claims, &keys.encoding)
        .map_err(|e| AppError::Internal(format!("token signing failed: {e}")))
}

/// Seconds of clock skew tolerated on `exp`.
const LEEWAY: i64 = 5;

/// Verifies signature, issuer and audience, and expiry against `now` (the
/// request's clock reading, not the machine's: time is a parameter).
pub fn verify(keys: &JwtKeys, token: &str, now: i64) -> Result<Claims, AppError> {
    let mut v = Validation::new(Algorithm::EdDSA);
    v.set_audience(&[AUDIENCE]);
    v.set_issuer(&[ISSUER]);
    v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    v.validate_exp = false;
    let claims = decode::<Claims>(token, &keys.decoding, &v)
        .map(|d| d.claims)
        .map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            match e.kind() {
                ErrorKind::ExpiredSignature => AppError::unauthorized(
                    "auth.token_expired",
                    "the access token has expired; refresh it",
                ),
                ErrorKind::InvalidAudience => AppError::unauthorized(
                    "auth.token_invalid",
                    "the access token is not for this API",
                ),
                ErrorKind::InvalidIssuer => AppError::unauthorized(
                    "auth.token_invalid",
                    "the access token was not issued by TGPL",
                ),
                _ => AppError::unauthorized("auth.token_invalid", "the access token is invalid"),
            }
        })?;
    if claims.exp + LEEWAY < now {
        return Err(AppError::unauthorized(
            "auth.token_expired",
            "the access token has expired; refresh it",
        ));
    }
    Ok(claims)
}
