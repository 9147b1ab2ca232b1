//! Login sessions keyed by the `RETS-Session-ID` cookie, with idle timeout and
//! the `session-expiry=N` quirk (a session dies after N requests).

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// One logged-in session.
#[derive(Debug, Clone)]
pub struct Session {
    /// When the session was created.
    pub created: Instant,
    /// Last request.
    pub last_used: Instant,
    /// Requests made after login.
    pub requests: u32,
}

/// Why a request has no usable session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionError {
    /// No cookie, or an id the server never issued.
    Unknown,
    /// Timed out or used up.
    Expired,
}

/// All sessions of a server.
#[derive(Debug, Default)]
pub struct Sessions {
    map: HashMap<String, Session>,
    counter: u64,
}

impl Sessions {
    /// Creates a session and returns its id.
    pub fn create(&mut self, secret: u64) -> String {
        self.counter += 1;
        let id = super::auth::md5_hex(&format!("{secret}:{}:{:?}", self.counter, Instant::now()))
            .to_ascii_uppercase();
        let now = Instant::now();
        self.map.insert(
            id.clone(),
            Session {
                created: now,
                last_used: now,
                requests: 0,
            },
        );
        id
    }

    /// Records a request on `id`, enforcing the idle timeout and request budget;
    /// returns the number of requests made so far.
    pub fn touch(
        &mut self,
        id: &str,
        timeout: Duration,
        max_requests: Option<u32>,
    ) -> Result<u32, SessionError> {
        let Some(s) = self.map.get_mut(id) else {
            return Err(SessionError::Unknown);
        };
        let dead = s.last_used.elapsed() > timeout || max_requests.is_some_and(|m| s.requests >= m);
        if dead {
            self.map.remove(id);
            return Err(SessionError::Expired);
        }
        s.requests += 1;
        s.last_used = Instant::now();
        Ok(s.requests)
    }

    /// Ends a session; returns it if it existed.
    pub fn remove(&mut self, id: &str) -> Option<Session> {
        self.map.remove(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_and_timeout() {
        let mut s = Sessions::default();
        let id = s.create(1);
        let long = Duration::from_secs(60);
        assert!(s.touch(&id, long, Some(2)).is_ok());
        assert!(s.touch(&id, long, Some(2)).is_ok());
        assert_eq!(
            s.touch(&id, long, Some(2)).unwrap_err(),
            SessionError::Expired
        );
        assert_eq!(s.touch(&id, long, None).unwrap_err(), SessionError::Unknown);
        let id2 = s.create(1);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(
            s.touch(&id2, Duration::from_millis(1), None).unwrap_err(),
            SessionError::Expired
        );
    }
}
