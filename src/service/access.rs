//! Who may use the service: a bearer token for every route but the health check (unless
//! writes were opened to all, which only a loopback address allows), requests addressed to
//! this service by name (Host) and not sent by a foreign web page (Origin), and posts that
//! say they carry JSON.

use axum::http::{HeaderMap, Method, header};
use std::net::{IpAddr, SocketAddr};

/// What the service asks of a request before it reads it.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// `Authorization: Bearer <token>`, asked of every route but `/healthz`.
    pub token: Option<String>,
    /// No token asked: allowed only on a loopback address.
    pub no_auth: bool,
    /// Host names (beyond loopback's and the address bound) a request may be addressed to.
    pub allow_hosts: Vec<String>,
    /// Web origins whose pages may call the service (`*` for any).
    pub allow_origins: Vec<String>,
}

/// Why a request is refused: its status and the message.
pub struct Denied(pub u16, pub String);

impl Access {
    /// Whether the service may start on `addr` so: a token, or `--no-auth` on loopback.
    /// Ok carries a warning to print when the address is reachable from other machines.
    pub fn check_bind(&self, addr: SocketAddr) -> Result<Option<String>, String> {
        let loopback = addr.ip().is_loopback();
        match (&self.token, self.no_auth) {
            (Some(_), true) => {
                return Err("--no-auth and a token contradict each other: give one".into());
            }
            (None, false) => {
                return Err(format!(
                    "writes need a token: give --token-file FILE (clients send \
                     `Authorization: Bearer <token>`), or --no-auth to let anyone who can \
                     reach {addr} write (loopback addresses only)"
                ));
            }
            (None, true) if !loopback => {
                return Err(format!(
                    "--no-auth is allowed only on a loopback address (127.0.0.1, ::1), not \
                     {addr}: anyone who can reach it could write to the history; give \
                     --token-file FILE"
                ));
            }
            _ => {}
        }
        Ok((!loopback).then(|| {
            format!(
                "warning: listening on {addr}, reachable from other machines: the token \
                 travels in clear unless a TLS proxy stands in front"
            )
        }))
    }

    /// Checks a request's Host, Origin and token, and a post's Content-Type.
    pub fn admit(
        &self,
        method: &Method,
        headers: &HeaderMap,
        bound: SocketAddr,
    ) -> Result<(), Denied> {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        match host {
            Some(host) if host_allowed(host, bound, &self.allow_hosts) => {}
            Some(host) => {
                return Err(Denied(
                    403,
                    format!(
                        "requests to this service name it by its address or a loopback name, \
                         not {host:?} (--allow-host NAME admits another name)"
                    ),
                ));
            }
            None => return Err(Denied(400, "the request has no Host header".into())),
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            let origin = origin.to_str().unwrap_or("");
            if !origin_allowed(origin, &self.allow_origins) {
                return Err(Denied(
                    403,
                    format!(
                        "pages from {origin:?} may not call this service \
                         (--allow-origin ORIGIN admits one)"
                    ),
                ));
            }
        }
        if let Some(token) = &self.token {
            let given = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(bearer);
            if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
                return Err(Denied(
                    401,
                    "this service needs `Authorization: Bearer <token>`".into(),
                ));
            }
        }
        if method == Method::POST {
            let kind = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !json_media_type(kind) {
                return Err(Denied(
                    415,
                    format!(
                        "posts carry `Content-Type: application/json` or \
                         `application/x-ndjson`, not {kind:?}"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The token of an `Authorization` value whose scheme is Bearer, in any case.
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Equal strings, compared in time that does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn json_media_type(value: &str) -> bool {
    let kind = value.split(';').next().unwrap_or("").trim();
    kind.eq_ignore_ascii_case("application/json")
        || kind.eq_ignore_ascii_case("application/x-ndjson")
}

/// Whether `host` (a Host header: a name or address, maybe a port) names this service: a
/// loopback name or address, the address bound (any address, when bound to all), or a name
/// given with --allow-host. A page that rebinds its own domain name to this machine's
/// address sends its domain as Host, and is refused.
pub fn host_allowed(host: &str, bound: SocketAddr, allowed: &[String]) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    let name = name.trim_end_matches('.');
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if let Ok(ip) = name.parse::<IpAddr>() {
        return ip.is_loopback() || ip == bound.ip() || bound.ip().is_unspecified();
    }
    allowed
        .iter()
        .any(|a| a.eq_ignore_ascii_case(name) || a.eq_ignore_ascii_case(host))
}

fn origin_allowed(origin: &str, allowed: &[String]) -> bool {
    let origin = origin.trim().trim_end_matches('/');
    allowed
        .iter()
        .any(|a| a == "*" || a.trim_end_matches('/').eq_ignore_ascii_case(origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_is_admitted_by_a_loopback_name_the_address_bound_or_an_allowed_name() {
        let bound: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let allowed = vec!["desk.example".to_string()];
        for host in [
            "localhost",
            "LOCALHOST:8080",
            "127.0.0.1:8080",
            "127.0.0.2",
            "[::1]:8080",
            "desk.example",
            "Desk.Example.:8080",
        ] {
            assert!(host_allowed(host, bound, &allowed), "{host}");
        }
        for host in [
            "rebound.example",
            "10.0.0.1:8080",
            "desk.example.evil",
            "",
            "[::2]",
        ] {
            assert!(!host_allowed(host, bound, &allowed), "{host}");
        }
        // Bound to every address: any address, still no foreign name.
        let all: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(host_allowed("192.0.2.7:8080", all, &[]));
        assert!(!host_allowed("rebound.example", all, &[]));
    }

    #[test]
    fn the_bearer_scheme_is_read_in_any_case_and_json_with_its_parameters() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bEaReR   abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearerabc"), None);
        assert!(json_media_type("application/json; charset=utf-8"));
        assert!(json_media_type("Application/X-NDJSON"));
        assert!(!json_media_type("text/plain"));
        assert!(!json_media_type("application/jsonp"));
    }

    #[test]
    fn no_auth_is_for_loopback_only_and_a_token_or_it_is_required() {
        let open = Access {
            no_auth: true,
            ..Access::default()
        };
        assert_eq!(open.check_bind("127.0.0.1:0".parse().unwrap()), Ok(None));
        assert!(open.check_bind("[::1]:0".parse().unwrap()).is_ok());
        assert!(open.check_bind("0.0.0.0:0".parse().unwrap()).is_err());
        assert!(
            Access::default()
                .check_bind("127.0.0.1:0".parse().unwrap())
                .is_err()
        );
        let token = Access {
            token: Some("t".into()),
            ..Access::default()
        };
        let warning = token.check_bind("0.0.0.0:8080".parse().unwrap()).unwrap();
        assert!(warning.is_some_and(|w| w.starts_with("warning:")));
    }
}
