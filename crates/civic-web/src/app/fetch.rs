//! Fetching an address someone typed (a feed to import, as JSON): only from public addresses unless
//! the deployment allows private ones, with no redirects followed, a time limit and a size
//! limit, so that a staff form cannot be used to reach the machines around the server.

use std::net::IpAddr;
use std::sync::LazyLock;
use std::time::Duration;

/// TLS settings for every client: the platform's verifier, its certificates read once (each
/// client reading them again cost more than a webhook delivery itself).
static TLS: LazyLock<Option<rustls::ClientConfig>> = LazyLock::new(|| {
    use rustls_platform_verifier::ConfigVerifierExt;
    // Installing the crypto provider twice is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    rustls::ClientConfig::with_platform_verifier().ok()
});

/// Why an address could not be fetched; each is said to people by its message id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Not an http or https address.
    #[error("not a web address: {0}")]
    NotWeb(String),
    /// Its host name has no address.
    #[error("cannot find {0}")]
    Unresolvable(String),
    /// It leads to a private, loopback or otherwise internal address.
    #[error("{0} is a private or local address")]
    Private(String),
    /// It answered with a redirect, to where.
    #[error("redirects to {0}")]
    Redirected(String),
    /// It answered with an error status.
    #[error("answered HTTP {0}")]
    Status(u16),
    /// It sent more than the limit (in MiB).
    #[error("is larger than {0} MiB")]
    TooLarge(usize),
    /// The connection failed or timed out.
    #[error("could not be read: {0}")]
    Failed(String),
}

impl FetchError {
    /// The message id and arguments that say this to a person.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            FetchError::NotWeb(a) => ("app-fetch-not-web", vec![("address", a.clone())]),
            FetchError::Unresolvable(h) => ("app-fetch-unresolvable", vec![("host", h.clone())]),
            FetchError::Private(h) => ("app-fetch-private", vec![("host", h.clone())]),
            FetchError::Redirected(to) => ("app-fetch-redirected", vec![("to", to.clone())]),
            FetchError::Status(s) => ("app-fetch-status", vec![("status", s.to_string())]),
            FetchError::TooLarge(mib) => ("app-fetch-too-large", vec![("mib", mib.to_string())]),
            FetchError::Failed(why) => ("app-fetch-failed", vec![("reason", why.clone())]),
        }
    }
}

/// True for an address on the public internet: not loopback, private (RFC 1918, unique
/// local), link-local, shared (RFC 6598), unspecified, multicast, broadcast or reserved
/// for documentation, nor an IPv4 one of those written as IPv6.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0)
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            // IPv4 written as IPv6 (mapped, compatible, NAT64, 6to4) is judged as IPv4.
            let embedded = |hi: u16, lo: u16| {
                std::net::Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8)
            };
            if let Some(v4) = v6.to_ipv4() {
                return !v6.is_loopback() && is_public(IpAddr::V4(v4));
            }
            if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return is_public(IpAddr::V4(embedded(s[6], s[7])));
            }
            if s[0] == 0x2002 {
                return is_public(IpAddr::V4(embedded(s[1], s[2])));
            }
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] & 0xffc0) == 0xfec0
                || s[0] == 0x2001 && s[1] == 0x0db8)
        }
    }
}

/// A client that reaches `address` only at the address its host was checked to resolve to
/// (public unless `allow_private`), following no redirects and using no proxy, and the
/// parsed address.
pub async fn pinned_client(
    address: &str,
    allow_private: bool,
    timeout: Duration,
) -> Result<(reqwest::Client, reqwest::Url), FetchError> {
    let address = address.trim();
    let url = reqwest::Url::parse(address).map_err(|_| FetchError::NotWeb(address.into()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::NotWeb(address.into()));
    }
    let host = url
        .host_str()
        .ok_or_else(|| FetchError::NotWeb(address.into()))?
        .to_string();
    let port = url
        .port_or_known_default()
        .ok_or_else(|| FetchError::NotWeb(address.into()))?;
    let bare = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let found: Vec<std::net::SocketAddr> = match bare.parse::<IpAddr>() {
        Ok(ip) => vec![std::net::SocketAddr::new(ip, port)],
        Err(_) => tokio::time::timeout(timeout, tokio::net::lookup_host((bare.as_str(), port)))
            .await
            .map_err(|_| FetchError::Unresolvable(host.clone()))?
            .map_err(|_| FetchError::Unresolvable(host.clone()))?
            .collect(),
    };
    let Some(first) = found.first().copied() else {
        return Err(FetchError::Unresolvable(host));
    };
    if !allow_private && found.iter().any(|a| !is_public(a.ip())) {
        return Err(FetchError::Private(host));
    }
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // A proxy would look the name up again, past the check.
        .no_proxy()
        .timeout(timeout)
        .resolve(&bare, first);
    match TLS.as_ref() {
        Some(tls) => builder = builder.tls_backend_preconfigured(tls.clone()),
        // Without the shared settings reqwest makes its own (TLS needs a crypto provider;
        // installing one twice is harmless).
        None => {
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    }
    let client = builder
        .build()
        .map_err(|e| FetchError::Failed(e.to_string()))?;
    Ok((client, url))
}

/// The body of a GET of `address`, at most `max_bytes`, within `timeout`. Its host must
/// resolve only to public addresses unless `allow_private`; the connection goes to the
/// address checked, never to one a second look-up might give.
pub async fn fetch(
    address: &str,
    allow_private: bool,
    max_bytes: usize,
    timeout: Duration,
) -> Result<Vec<u8>, FetchError> {
    let (client, url) = pinned_client(address, allow_private, timeout).await?;
    let mut response = client
        .get(url)
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .await
        .map_err(|e| FetchError::Failed(e.to_string()))?;
    let status = response.status();
    if status.is_redirection() {
        let to = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        return Err(FetchError::Redirected(to));
    }
    if !status.is_success() {
        return Err(FetchError::Status(status.as_u16()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| FetchError::Failed(e.to_string()))?
    {
        if body.len() + chunk.len() > max_bytes {
            return Err(FetchError::TooLarge(max_bytes / (1024 * 1024)));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "2001:db8::1",
            "::10.0.0.1",
            "64:ff9b::a00:1",
            "2002:c0a8:101::1",
            "fec0::1",
            "198.18.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "81.2.69.160",
            "8.8.8.8",
            "2a00:1450:4009::200e",
            "64:ff9b::808:808",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn private_and_odd_addresses_are_refused_before_connecting() {
        let limit = 1024;
        let wait = Duration::from_secs(2);
        assert_eq!(
            fetch("http://127.0.0.1:9/feed.json", false, limit, wait).await,
            Err(FetchError::Private("127.0.0.1".into()))
        );
        assert_eq!(
            fetch("http://[::1]/", false, limit, wait).await,
            Err(FetchError::Private("[::1]".into()))
        );
        assert_eq!(
            fetch("http://localhost/", false, limit, wait).await,
            Err(FetchError::Private("localhost".into()))
        );
        assert!(matches!(
            fetch("file:///etc/passwd", false, limit, wait).await,
            Err(FetchError::NotWeb(_))
        ));
        assert!(matches!(
            fetch("not an address", false, limit, wait).await,
            Err(FetchError::NotWeb(_))
        ));
    }
}
