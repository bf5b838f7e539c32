//! The sandbox gateway's adapter (BIL-3): Guichet speaks to
//! `crates/sandbox-gateway` over HTTP only, as to any remote provider
//! (Bearer key, idempotency keys, signed notifications), so the adapter
//! and the flows above it are tested the way a real provider is used.

use async_trait::async_trait;
use jiff::Timestamp;
use reqwest::RequestBuilder;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::{Value, json};

use super::{
    gateway::{
        self, Charge, Event, Gateway, GatewayError, GatewayMethod, GatewayStatus, Notification,
        NotificationError, PaymentState, RefundRequest, RefundState, RefundStatus, StartPayment,
        StoredMethod,
    },
    settings::SandboxSettings,
};
use crate::{
    ids::{PaymentId, RefundId},
    money::{Currency, Money},
};

/// The header the sandbox signs its notifications in.
pub const SIGNATURE_HEADER: &str = "Sandbox-Signature";

#[derive(Debug, Clone)]
pub struct SandboxGateway {
    /// Without a trailing slash.
    base_url: String,
    api_key: SecretString,
    webhook_secret: SecretString,
    http: reqwest::Client,
}

impl SandboxGateway {
    pub fn new(base_url: String, settings: &SandboxSettings, http: reqwest::Client) -> Self {
        SandboxGateway {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: settings.api_key.clone(),
            webhook_secret: settings.webhook_secret.clone(),
            http,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Send with the key; a 4xx is the sandbox refusing (its own code and
    /// message), anything else that is not a 2xx, or no answer, is the
    /// sandbox being unavailable.
    async fn send<T: DeserializeOwned>(&self, req: RequestBuilder) -> Result<T, GatewayError> {
        let res = self.answer(req).await?;
        res.json::<T>()
            .await
            .map_err(|e| GatewayError::Unavailable(format!("unreadable answer: {e}")))
    }

    async fn answer(&self, req: RequestBuilder) -> Result<reqwest::Response, GatewayError> {
        let res = req
            .bearer_auth(self.api_key.expose_secret())
            .send()
            .await
            .map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        let status = res.status();
        if status.is_success() {
            return Ok(res);
        }
        if !status.is_client_error() {
            return Err(GatewayError::Unavailable(format!(
                "the sandbox answered {status}"
            )));
        }
        Err(match res.json::<WireError>().await {
            Ok(e) => GatewayError::Refused {
                code: e.error.code,
                message: e.error.message,
            },
            Err(_) => GatewayError::Refused {
                code: format!("http_{}", status.as_u16()),
                message: format!("the sandbox answered {status}"),
            },
        })
    }

    async fn payment(&self, req: RequestBuilder) -> Result<PaymentState, GatewayError> {
        let p: WirePayment = self.send(req).await?;
        p.into_state().map_err(GatewayError::Unavailable)
    }
}

#[derive(Deserialize)]
struct WireError {
    error: WireErrorBody,
}

#[derive(Deserialize)]
struct WireErrorBody {
    code: String,
    message: String,
}

/// A payment object as the sandbox sends it (answers and notifications).
#[derive(Deserialize)]
struct WirePayment {
    id: String,
    status: String,
    currency: String,
    redirect_url: Option<String>,
    captured_minor: Option<i64>,
    #[serde(default)]
    metadata: Value,
    stored_method: Option<StoredMethod>,
    failure_code: Option<String>,
    failure_message: Option<String>,
}

impl WirePayment {
    /// Our id, as we gave it in the metadata.
    fn payment_id(&self) -> Option<PaymentId> {
        self.metadata
            .get("payment_id")
            .and_then(Value::as_str)
            .and_then(PaymentId::parse)
    }

    fn into_state(self) -> Result<PaymentState, String> {
        let currency = Currency::parse(&self.currency)
            .ok_or_else(|| format!("unknown currency `{}`", self.currency))?;
        let status = match self.status.as_str() {
            "requires_action" => GatewayStatus::RequiresAction,
            "processing" => GatewayStatus::Processing,
            "succeeded" => GatewayStatus::Succeeded,
            "failed" => GatewayStatus::Failed {
                code: self.failure_code.unwrap_or_else(|| "failed".into()),
                message: self.failure_message.unwrap_or_default(),
            },
            "cancelled" => GatewayStatus::Cancelled,
            other => return Err(format!("unknown payment status `{other}`")),
        };
        Ok(PaymentState {
            gateway_ref: self.id,
            redirect_url: self
                .redirect_url
                .filter(|_| status == GatewayStatus::RequiresAction),
            captured: self
                .captured_minor
                .filter(|_| status == GatewayStatus::Succeeded)
                .map(|m| Money::new(m, currency)),
            stored_method: self.stored_method,
            status,
        })
    }
}

#[derive(Deserialize)]
struct WireRefund {
    id: String,
    status: String,
    #[serde(default)]
    metadata: Value,
    failure_code: Option<String>,
    failure_message: Option<String>,
}

impl WireRefund {
    fn refund_id(&self) -> Option<RefundId> {
        self.metadata
            .get("refund_id")
            .and_then(Value::as_str)
            .and_then(RefundId::parse)
    }

    fn into_state(self) -> Result<RefundState, String> {
        let status = match self.status.as_str() {
            "pending" => RefundStatus::Pending,
            "succeeded" => RefundStatus::Succeeded,
            "failed" => RefundStatus::Failed {
                code: self.failure_code.unwrap_or_else(|| "refund_failed".into()),
                message: self.failure_message.unwrap_or_default(),
            },
            other => return Err(format!("unknown refund status `{other}`")),
        };
        Ok(RefundState {
            gateway_ref: self.id,
            status,
        })
    }
}

#[derive(Deserialize)]
struct WireEvent {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: Value,
}

#[async_trait]
impl Gateway for SandboxGateway {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn methods(&self) -> &[GatewayMethod] {
        GatewayMethod::ALL
    }

    async fn start(&self, p: &StartPayment<'_>) -> Result<PaymentState, GatewayError> {
        let body = json!({
            "amount_minor": p.amount.amount_minor,
            "currency": p.amount.currency.code(),
            "method": p.method.as_str(),
            "description": p.description,
            "return_url": p.return_url,
            "save_method": p.save_method,
            "language": p.language.code(),
            "metadata": {"payment_id": p.payment_id.as_str()},
        });
        let req = self
            .http
            .post(self.url("/v1/payments"))
            .header("Idempotency-Key", p.payment_id.as_str())
            .json(&body);
        self.payment(req).await
    }

    async fn charge(&self, c: &Charge<'_>) -> Result<PaymentState, GatewayError> {
        let body = json!({
            "amount_minor": c.amount.amount_minor,
            "currency": c.amount.currency.code(),
            "method_token": c.method_token,
            "description": c.description,
            "metadata": {"payment_id": c.payment_id.as_str()},
        });
        let req = self
            .http
            .post(self.url("/v1/charges"))
            .header("Idempotency-Key", c.payment_id.as_str())
            .json(&body);
        self.payment(req).await
    }

    async fn retrieve(&self, gateway_ref: &str) -> Result<PaymentState, GatewayError> {
        let req = self
            .http
            .get(self.url(&format!("/v1/payments/{}", path_segment(gateway_ref))));
        self.payment(req).await
    }

    async fn cancel(&self, gateway_ref: &str) -> Result<PaymentState, GatewayError> {
        let req = self.http.post(self.url(&format!(
            "/v1/payments/{}/cancel",
            path_segment(gateway_ref)
        )));
        self.payment(req).await
    }

    async fn refund(&self, r: &RefundRequest<'_>) -> Result<RefundState, GatewayError> {
        let body = json!({
            "payment": r.payment_ref,
            "amount_minor": r.amount.amount_minor,
            "metadata": {"refund_id": r.refund_id.as_str()},
        });
        let req = self
            .http
            .post(self.url("/v1/refunds"))
            .header("Idempotency-Key", r.refund_id.as_str())
            .json(&body);
        let refund: WireRefund = self.send(req).await?;
        refund.into_state().map_err(GatewayError::Unavailable)
    }

    async fn remove_method(&self, token: &str) -> Result<(), GatewayError> {
        let req = self
            .http
            .delete(self.url(&format!("/v1/methods/{}", path_segment(token))));
        match self.answer(req).await {
            Ok(_) => Ok(()),
            // Already unknown there: what we wanted.
            Err(GatewayError::Refused { code, .. }) if code == "payment_method_unknown" => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn verify(
        &self,
        header: Option<&str>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<Notification, NotificationError> {
        gateway::verify_signature(
            self.webhook_secret.expose_secret().as_bytes(),
            header,
            body,
            now,
        )?;
        let event: WireEvent = serde_json::from_slice(body)
            .map_err(|e| NotificationError::Malformed(e.to_string()))?;
        let malformed = |e: String| NotificationError::Malformed(e);
        let read = match event.kind.split_once('.') {
            Some(("payment", _)) => {
                let p: WirePayment =
                    serde_json::from_value(event.data).map_err(|e| malformed(e.to_string()))?;
                Event::Payment {
                    payment_id: p.payment_id(),
                    state: p.into_state().map_err(malformed)?,
                }
            }
            Some(("refund", _)) => {
                let r: WireRefund =
                    serde_json::from_value(event.data).map_err(|e| malformed(e.to_string()))?;
                Event::Refund {
                    refund_id: r.refund_id(),
                    state: r.into_state().map_err(malformed)?,
                }
            }
            _ => Event::Other(event.kind),
        };
        Ok(Notification {
            event_id: event.id,
            event: read,
        })
    }

    fn signature_header(&self) -> &'static str {
        SIGNATURE_HEADER
    }

    /// The hosted page is the sandbox's own, on its base URL.
    fn page_origins(&self) -> Vec<String> {
        super::gateway::origin_of(&self.base_url)
            .into_iter()
            .collect()
    }
}

/// A reference from the gateway put in a path: only the characters its
/// ids are made of pass, so a crafted reference cannot reach another
/// route.
fn path_segment(reference: &str) -> String {
    reference
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_cannot_leave_their_path_segment() {
        assert_eq!(path_segment("sbxpay_0a1B"), "sbxpay_0a1B");
        assert_eq!(path_segment("../refunds?x=1"), "refundsx1");
    }
}
