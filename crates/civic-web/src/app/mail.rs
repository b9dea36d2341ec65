//! Email transport: SMTP through lettre, or the log when no server is configured.

use civic_storage::OutboxItem;
use lettre::AsyncTransport;
use lettre::Message;
use lettre::Tokio1Executor;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransport;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Where links in a message being written now point: the site's base address, under `/cy`
/// when the message is in Welsh (the outbox sets the language; see `app/outbox.rs`).
pub fn site_base(config: &crate::Config) -> String {
    format!(
        "{}{}",
        config.base_url.trim_end_matches('/'),
        crate::app::i18n::lang().prefix()
    )
}

/// An email's body from its paragraphs: a blank line between each, empty ones left out,
/// and a final newline.
pub fn paragraphs(parts: &[String]) -> String {
    let mut body = parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n\n");
    body.push('\n');
    body
}

/// A rendered email.
pub struct Email {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
    /// Where the recipient stops this kind of email (sent as `List-Unsubscribe`).
    pub unsubscribe: Option<String>,
}

/// Why a queued message could not be rendered.
pub enum RenderError {
    /// The thing it was about is gone or no longer public; drop the message.
    Obsolete(String),
    /// The message does not hold what its kind needs; it can never be sent, so it is set
    /// aside with an error in the log instead of going out with blanks or holding up the rest.
    Undecodable(String),
    /// Try again later (the database failed).
    Retry(String),
}

/// How email leaves Civic.
pub enum Mailer {
    /// An SMTP server, from a `smtp://host:port` (plain or STARTTLS) or `smtps://` URL.
    Smtp {
        /// The connection.
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        /// The From address.
        from: Mailbox,
    },
    /// No SMTP server configured: messages are written to the log instead (development).
    Log,
}

impl Mailer {
    /// A mailer for `smtp_url`, or one that logs when `None`.
    pub fn new(smtp_url: Option<&str>, from: &str) -> Result<Mailer, String> {
        let Some(url) = smtp_url else {
            return Ok(Mailer::Log);
        };
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("the From address '{from}' is not valid: {e}"))?;
        let transport = Box::new(
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| format!("the SMTP URL is not valid: {e}"))?
                .timeout(Some(Duration::from_secs(20)))
                .build(),
        );
        Ok(Mailer::Smtp { transport, from })
    }

    /// Sends `email` to `to`: over SMTP, or (with no server configured) says in the log that
    /// it would have, without its body, which holds links that act for the recipient.
    pub async fn send(&self, to: &str, email: Email) -> Result<(), String> {
        match self {
            Mailer::Log => {
                tracing::info!(
                    to,
                    subject = email.subject,
                    "email not sent: no SMTP server is configured (--smtp-url)"
                );
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = to.parse().map_err(|e| format!("bad recipient {to}: {e}"))?;
                let id = format!(
                    "<{}@{}>",
                    crate::app::tokens::new_token(),
                    from.email.domain()
                );
                let mut builder = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(email.subject)
                    .date_now()
                    .message_id(Some(id));
                if let Some(url) = &email.unsubscribe {
                    builder = builder.raw_header(HeaderValue::new(
                        HeaderName::new_from_ascii_str("List-Unsubscribe"),
                        format!("<{url}>"),
                    ));
                }
                // A MIME part: MIME-Version, and Content-Type with its charset.
                let message = builder
                    .singlepart(SinglePart::plain(email.body))
                    .map_err(|e| format!("building message: {e}"))?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| format!("SMTP: {e}"))
            }
        }
    }
}

/// A queued message's payload, read into the fields its kind carries.
pub fn payload<T: DeserializeOwned>(item: &OutboxItem) -> Result<T, RenderError> {
    serde_json::from_value(item.payload.clone())
        .map_err(|e| RenderError::Undecodable(format!("{} message {}: {e}", item.kind, item.id)))
}

/// The payload of a message that carries a link with a one-time token.
#[derive(Debug, Deserialize)]
pub struct WithToken {
    /// The token the link carries.
    pub token: String,
}

#[cfg(test)]
mod tests {
    use super::{RenderError, WithToken, payload};
    use civic_storage::OutboxItem;

    #[test]
    fn a_payload_that_is_not_json_is_undecodable_not_a_crash() {
        // What the store hands over when the stored text is not JSON at all.
        let item = OutboxItem {
            id: 7,
            kind: "confirm_request".into(),
            recipient: "jo@example.org".into(),
            request_id: None,
            payload: serde_json::Value::String("{not json".into()),
            attempts: 1,
        };
        assert!(matches!(
            payload::<WithToken>(&item),
            Err(RenderError::Undecodable(_))
        ));
    }
}
