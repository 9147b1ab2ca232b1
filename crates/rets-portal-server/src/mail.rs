//! Outgoing mail (password-reset codes) over SMTP with lettre. `smtp://HOST:PORT`
//! sends in plain text (a local relay), `smtp://…?tls=required` upgrades with
//! STARTTLS, `smtps://` uses TLS from the start; user and password go in the URL.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use team::{InvitationMail, ResetMail};

/// Where mail goes and what it says it is from.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: Option<String>,
}

impl Mailer {
    /// A mailer for `smtp_url`, sending as `from`; links point at `public_url` when given.
    pub fn new(smtp_url: &str, from: &str, public_url: Option<String>) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| anyhow::anyhow!("--smtp {smtp_url:?}: {e}"))?
            .build();
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("--mail-from {from:?} is not a mailbox: {e}"))?;
        Ok(Mailer {
            transport,
            from,
            public_url: public_url.map(|u| u.trim_end_matches('/').to_owned()),
        })
    }

    /// Mails a reset code.
    pub async fn send_reset(&self, reset: &ResetMail) -> anyhow::Result<()> {
        let mut body = format!(
            "Someone asked to reset the password of {email} on the RETS Data Portal team server.\n\n\
             Reset code: {code}\n\n\
             The code works once, within {minutes} minutes. Using it signs you out everywhere.\n",
            email = reset.email,
            code = reset.code,
            minutes = team::reset::RESET_MINUTES,
        );
        if let Some(url) = &self.public_url {
            body.push_str(&format!(
                "\nOr open {url}/reset-password?code={}\n",
                reset.code
            ));
        }
        body.push_str(
            "\nIf you did not ask for this, ignore this message; your password stays as it is.\n",
        );
        self.send(&reset.email, "Reset your RETS Data Portal password", body)
            .await
    }

    /// Mails an invitation code.
    pub async fn send_invitation(&self, invite: &InvitationMail) -> anyhow::Result<()> {
        let mut body = format!(
            "You are invited to join {team} on the RETS Data Portal team server as a {role} member.\n\n\
             Invitation code: {code}\n\n\
             Use it within {days} days to choose your password; it works once.\n",
            team = invite.team_name,
            role = invite.invitation.role.as_str(),
            code = invite.code,
            days = team::invitations::INVITATION_DAYS,
        );
        if let Some(url) = &self.public_url {
            body.push_str(&format!(
                "\nOr open {url}/accept-invitation?code={}\n",
                invite.code
            ));
        }
        let subject = format!("Join {} on RETS Data Portal", invite.team_name);
        self.send(&invite.invitation.email, &subject, body).await
    }

    async fn send(&self, to: &str, subject: &str, body: String) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse()?)
            .subject(subject)
            .body(body)?;
        self.transport.send(message).await?;
        Ok(())
    }
}
