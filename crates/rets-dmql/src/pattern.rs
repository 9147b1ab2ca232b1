//! String wildcard patterns (`*` = any run, `?` = one character), the DMQL2
//! string-start / string-contains / string-char forms. Matching lives here too so
//! servers and tests share one definition.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One piece of a wildcard pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PatternPart {
    /// Characters matched literally (only DMQL bare-word characters).
    Literal(String),
    /// `*`: any run of characters, possibly empty.
    AnyString,
    /// `?`: exactly one character.
    AnyChar,
}

/// A normalized wildcard pattern: adjacent literals merged, no empty literals.
///
/// Pattern literals cannot be quoted in DMQL2, so characters outside the bare-word
/// set (letters, digits, `_`, `.`) become `?` when a pattern is built, as section
/// 7.7.2 allows servers to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<PatternPart>", into = "Vec<PatternPart>")]
pub struct Pattern {
    parts: Vec<PatternPart>,
}

/// Characters allowed unquoted in DMQL values: ALPHANUM plus `_` and `.`.
pub(crate) fn is_bare_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

impl Pattern {
    /// Builds a pattern from parts, normalizing it (see the type docs).
    pub fn new(parts: impl IntoIterator<Item = PatternPart>) -> Pattern {
        let mut out: Vec<PatternPart> = Vec::new();
        for part in parts {
            match part {
                PatternPart::Literal(s) => {
                    for c in s.chars() {
                        if is_bare_char(c) {
                            if let Some(PatternPart::Literal(prev)) = out.last_mut() {
                                prev.push(c);
                            } else {
                                out.push(PatternPart::Literal(c.to_string()));
                            }
                        } else {
                            out.push(PatternPart::AnyChar);
                        }
                    }
                }
                other => out.push(other),
            }
        }
        Pattern { parts: out }
    }

    /// `text*`.
    pub fn starts_with(text: &str) -> Pattern {
        Pattern::new([PatternPart::Literal(text.into()), PatternPart::AnyString])
    }

    /// `*text`.
    pub fn ends_with(text: &str) -> Pattern {
        Pattern::new([PatternPart::AnyString, PatternPart::Literal(text.into())])
    }

    /// `*text*`.
    pub fn contains(text: &str) -> Pattern {
        Pattern::new([
            PatternPart::AnyString,
            PatternPart::Literal(text.into()),
            PatternPart::AnyString,
        ])
    }

    /// Parses DMQL wildcard text such as `P?LE*`; `None` if it holds a character that
    /// is neither a wildcard nor a bare-word character.
    pub fn parse(text: &str) -> Option<Pattern> {
        let mut parts = Vec::new();
        for c in text.chars() {
            parts.push(match c {
                '*' => PatternPart::AnyString,
                '?' => PatternPart::AnyChar,
                c if is_bare_char(c) => PatternPart::Literal(c.to_string()),
                _ => return None,
            });
        }
        Some(Pattern::new(parts))
    }

    /// The normalized parts.
    pub fn parts(&self) -> &[PatternPart] {
        &self.parts
    }

    /// The literal prefix when the pattern is exactly `text*`.
    pub fn as_starts_with(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [PatternPart::Literal(s), PatternPart::AnyString] => Some(s),
            _ => None,
        }
    }

    /// The literal when the pattern is exactly `*text*`.
    pub fn as_contains(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [
                PatternPart::AnyString,
                PatternPart::Literal(s),
                PatternPart::AnyString,
            ] => Some(s),
            _ => None,
        }
    }

    /// Whether `candidate` matches the whole pattern; `ignore_case` compares
    /// literals case-insensitively (most MLS servers do).
    pub fn matches(&self, candidate: &str, ignore_case: bool) -> bool {
        let norm = |s: &str| -> Vec<char> {
            if ignore_case {
                s.chars().flat_map(char::to_lowercase).collect()
            } else {
                s.chars().collect()
            }
        };
        let text = norm(candidate);
        let mut tokens = Vec::new();
        for part in &self.parts {
            match part {
                PatternPart::Literal(s) => tokens.extend(norm(s).into_iter().map(Token::Char)),
                PatternPart::AnyChar => tokens.push(Token::One),
                PatternPart::AnyString => tokens.push(Token::Run),
            }
        }
        glob(&tokens, &text)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Token {
    Char(char),
    One,
    Run,
}

/// Wildcard matching in O(pattern × text) time: on a mismatch only the last
/// `*` is retried one character further (earlier ones can never need it), so
/// patterns like `*a*a*a*…b` cannot backtrack exponentially.
fn glob(pattern: &[Token], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut last_run: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(Token::One) => (p, t) = (p + 1, t + 1),
            Some(Token::Char(c)) if *c == text[t] => (p, t) = (p + 1, t + 1),
            Some(Token::Run) => {
                last_run = Some((p, t));
                p += 1;
            }
            _ => match last_run {
                Some((star, from)) => {
                    last_run = Some((star, from + 1));
                    (p, t) = (star + 1, from + 1);
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|t| *t == Token::Run)
}

impl From<Vec<PatternPart>> for Pattern {
    fn from(parts: Vec<PatternPart>) -> Pattern {
        Pattern::new(parts)
    }
}

impl From<Pattern> for Vec<PatternPart> {
    fn from(p: Pattern) -> Vec<PatternPart> {
        p.parts
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                PatternPart::Literal(s) => f.write_str(s)?,
                PatternPart::AnyString => f.write_str("*")?,
                PatternPart::AnyChar => f.write_str("?")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_prints() {
        assert_eq!(Pattern::starts_with("Spring").to_string(), "Spring*");
        assert_eq!(Pattern::contains("Main").to_string(), "*Main*");
        assert_eq!(Pattern::starts_with("St Louis").to_string(), "St?Louis*");
        assert_eq!(Pattern::parse("P?LE").unwrap().to_string(), "P?LE");
        assert_eq!(Pattern::contains("Main").as_contains(), Some("Main"));
        assert_eq!(Pattern::starts_with("Sp").as_starts_with(), Some("Sp"));
        assert!(Pattern::parse("a-b*").is_none());
    }

    #[test]
    fn hostile_patterns_match_in_linear_time() {
        // Exponential for a backtracking matcher: 2^30 ways to place the runs.
        let p = Pattern::parse(&format!("{}b", "*a".repeat(30))).unwrap();
        let text = "a".repeat(5_000);
        assert!(!p.matches(&text, false));
        assert!(p.matches(&format!("{text}b"), true));
        assert!(Pattern::parse("*").unwrap().matches("", false));
        assert!(Pattern::parse("a*b?c").unwrap().matches("axxbyc", false));
        assert!(!Pattern::parse("a*b?c").unwrap().matches("axxbc", false));
        assert!(Pattern::parse("*ab*ab").unwrap().matches("abababab", false));
    }

    #[test]
    fn matches_wildcards() {
        let p = Pattern::parse("P?LE*").unwrap();
        assert!(p.matches("POLE", false));
        assert!(p.matches("pileup", true));
        assert!(!p.matches("pileup", false));
        assert!(!p.matches("PLE", false));
        assert!(Pattern::contains("main").matches("123 Main St", true));
        assert!(!Pattern::contains("main").matches("123 Maine", false));
        assert!(Pattern::parse("*").unwrap().matches("", false));
        assert!(Pattern::ends_with("ville").matches("Louisville", false));
    }
}
