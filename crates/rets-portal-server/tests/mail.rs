//! Mail end to end, caught by an embedded SMTP sink. Password reset: the
//! server mails a code, the code sets a new password once, and every session
//! of the account ends; an unknown address gets the same reply and no mail.
//! Invitations: an admin invites an address with a role, the invitee chooses
//! a password with the mailed code and is signed in.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{databases, start, token};
use mailin::{Action, Handler, Response, SessionBuilder, response};
use serde_json::json;

/// Messages the sink received: (recipients, raw text).
type Inbox = Arc<Mutex<Vec<(Vec<String>, String)>>>;

#[derive(Clone)]
struct Sink {
    inbox: Inbox,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Sink {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let text = String::from_utf8_lossy(&self.data).into_owned();
        self.inbox.lock().unwrap().push((self.to.clone(), text));
        response::OK
    }
}

/// An SMTP sink on a free loopback port; its URL and inbox. `mailin` speaks
/// the protocol; each connection gets a thread that feeds it lines.
fn smtp_sink() -> (String, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let inbox: Inbox = Arc::default();
    let sink = Sink {
        inbox: inbox.clone(),
        to: Vec::new(),
        data: Vec::new(),
    };
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let sink = sink.clone();
            std::thread::spawn(move || {
                let _ = converse(stream, sink);
            });
        }
    });
    (url, inbox)
}

/// One SMTP conversation: greeting, then a reply per line until QUIT.
fn converse(stream: TcpStream, sink: Sink) -> std::io::Result<()> {
    let remote = stream.peer_addr()?.ip();
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut session = SessionBuilder::new("sink").build(remote, sink);
    session.greeting().write_to(&mut writer)?;
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let reply = session.process(&line);
        match reply.action {
            Action::NoReply => {}
            Action::Close => return reply.write_to(&mut writer),
            _ => reply.write_to(&mut writer)?,
        }
        writer.flush()?;
    }
}

/// Waits for the inbox to hold `n` messages (the mail goes out after the reply).
async fn wait_for(inbox: &Inbox, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while inbox.lock().unwrap().len() < n {
        assert!(Instant::now() < deadline, "no mail arrived");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_mailed_code_resets_the_password_once_and_ends_every_session() {
    for kind in databases() {
        let (smtp, inbox) = smtp_sink();
        let s = start(
            kind,
            &["--smtp", &smtp, "--public-url", "https://team.example.com/"],
        );
        s.signup("ana@example.com", "Ana Realty").await;
        let (_, laptop) = s.login("ana@example.com", "a long password").await;
        let (_, desktop) = s.login("ana@example.com", "a long password").await;

        // The same reply for an unknown address, and no mail for it.
        let (status, unknown) = s
            .call(
                "POST",
                "/v1/auth/password-reset",
                None,
                Some(json!({"email": "nobody@example.com"})),
            )
            .await;
        let (status2, known) = s
            .call(
                "POST",
                "/v1/auth/password-reset",
                None,
                Some(json!({"email": "Ana@Example.com"})),
            )
            .await;
        assert_eq!((status, status2), (202, 202));
        assert_eq!(unknown, known);
        wait_for(&inbox, 1).await;
        let (to, text) = inbox.lock().unwrap()[0].clone();
        assert_eq!(to, ["ana@example.com"]);
        assert!(
            text.contains("https://team.example.com/reset-password?code="),
            "{text}"
        );
        let code = code_in(&text, "Reset code: ");

        // Rules first, then the code works once.
        let weak = json!({"token": code, "new_password": "short"});
        assert_eq!(
            s.call("POST", "/v1/auth/password-reset/confirm", None, Some(weak))
                .await
                .0,
            422
        );
        let good = json!({"token": code, "new_password": "a brand new password"});
        let (status, body) = s
            .call(
                "POST",
                "/v1/auth/password-reset/confirm",
                None,
                Some(good.clone()),
            )
            .await;
        assert_eq!(status, 204, "{body}");
        let (status, body) = s
            .call("POST", "/v1/auth/password-reset/confirm", None, Some(good))
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("invalid_token"))
        );

        // Every session ended; the old password is gone, the new one works.
        for session in [&laptop, &desktop] {
            assert_eq!(
                s.call("GET", "/v1/me", Some(&token(session)), None).await.0,
                401
            );
            let refresh = json!({"refresh_token": session["refresh_token"]});
            assert_eq!(
                s.call("POST", "/v1/auth/refresh", None, Some(refresh))
                    .await
                    .0,
                401
            );
        }
        assert_eq!(s.login("ana@example.com", "a long password").await.0, 401);
        assert_eq!(
            s.login("ana@example.com", "a brand new password").await.0,
            200
        );
        assert_eq!(
            inbox.lock().unwrap().len(),
            1,
            "no mail for the unknown address"
        );
        assert!(!s.log().contains(&code), "the code is not logged");
    }
}

fn code_in(text: &str, label: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(label))
        .expect("the code is in the mail")
        .trim()
        .to_owned()
}

#[tokio::test]
async fn an_invitation_by_mail_creates_the_member_with_their_own_password() {
    for kind in databases() {
        let (smtp, inbox) = smtp_sink();
        let s = start(kind, &["--smtp", &smtp]);
        let admin = token(&s.signup("admin@example.com", "Invite Team").await);
        let (status, invitation) = s
            .call(
                "POST",
                "/v1/invitations",
                Some(&admin),
                Some(json!({"email": "New@Example.com", "role": "power"})),
            )
            .await;
        assert_eq!(status, 201, "{invitation}");
        assert_eq!(
            (invitation["email"].as_str(), invitation["role"].as_str()),
            (Some("new@example.com"), Some("power"))
        );
        let (_, pending) = s.call("GET", "/v1/invitations", Some(&admin), None).await;
        assert_eq!(pending["items"].as_array().unwrap().len(), 1);
        let (status, body) = s
            .call(
                "POST",
                "/v1/invitations",
                Some(&admin),
                Some(json!({"email": "admin@example.com", "role": "basic"})),
            )
            .await;
        assert_eq!((status, body["code"].as_str()), (409, Some("email_taken")));

        wait_for(&inbox, 1).await;
        let (to, text) = inbox.lock().unwrap()[0].clone();
        assert_eq!(to, ["new@example.com"]);
        assert!(
            text.contains("Invite Team") && text.contains("power"),
            "{text}"
        );
        let code = code_in(&text, "Invitation code: ");

        let (status, tokens) = s
            .call(
                "POST",
                "/v1/invitations/accept",
                None,
                Some(json!({"token": code, "password": "my own password"})),
            )
            .await;
        assert_eq!(status, 201, "{tokens}");
        let (_, me) = s.call("GET", "/v1/me", Some(&token(&tokens)), None).await;
        assert_eq!(
            (
                me["email"].as_str(),
                me["role"].as_str(),
                me["team"]["name"].as_str()
            ),
            (Some("new@example.com"), Some("power"), Some("Invite Team"))
        );
        let again = s
            .call(
                "POST",
                "/v1/invitations/accept",
                None,
                Some(json!({"token": code, "password": "my own password"})),
            )
            .await;
        assert_eq!(
            (again.0, again.1["code"].as_str()),
            (401, Some("invalid_token"))
        );
        assert_eq!(s.login("new@example.com", "my own password").await.0, 200);
        let (_, pending) = s.call("GET", "/v1/invitations", Some(&admin), None).await;
        assert_eq!(pending["items"], json!([]));
        assert!(!s.log().contains(&code), "the code is not logged");
    }
}

#[tokio::test]
async fn without_smtp_an_invitation_says_so() {
    let s = start("sqlite", &[]);
    let admin = token(&s.signup("admin@example.com", "No Mail").await);
    let (status, body) = s
        .call(
            "POST",
            "/v1/invitations",
            Some(&admin),
            Some(json!({"email": "x@example.com", "role": "basic"})),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("mail_not_configured"))
    );
}
