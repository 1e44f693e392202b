//! What the client checks before it builds or sends anything: the base URL, the request path,
//! and header values. Each check returns what is wrong, for the caller to wrap in its error.

/// Checks the scheme and host of the base URL: `https://`, or `http://` to a loopback host
/// unless insecure HTTP is allowed.
pub(crate) fn check_base_url(base_url: &str, allow_insecure_http: bool) -> Result<(), String> {
    let (secure, rest) = if let Some(rest) = base_url.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = base_url.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(format!(
            "the base URL `{base_url}` does not start with https:// or http://"
        ));
    };
    let host = url_host(rest);
    if host.is_empty() {
        return Err(format!("the base URL `{base_url}` has no host"));
    }
    if !secure && !allow_insecure_http && !is_loopback(host) {
        return Err(format!(
            "the base URL `{base_url}` is plain http:// to `{host}`, which is not a loopback \
             host: the secret key would cross the network unencrypted. Use https://, or call \
             ClientBuilder::allow_insecure_http(true) if this is really meant"
        ));
    }
    Ok(())
}

/// The host of a URL without its scheme (`user@host:port/path` gives `host`; `[::1]:80` gives
/// `[::1]`).
fn url_host(after_scheme: &str) -> &str {
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    // The host follows the last `@`, as URL parsers read it.
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    if host_port.starts_with('[') {
        return match host_port.find(']') {
            Some(end) => &host_port[..=end],
            None => host_port,
        };
    }
    host_port.split(':').next().unwrap_or_default()
}

/// Whether `host` is this machine: `localhost`, an address in 127.0.0.0/8, or `[::1]`.
fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if let Some(ipv6) = host
        .strip_prefix('[')
        .and_then(|host| host.strip_suffix(']'))
    {
        return ipv6
            .parse::<std::net::Ipv6Addr>()
            .is_ok_and(|address| address.is_loopback());
    }
    host.parse::<std::net::Ipv4Addr>()
        .is_ok_and(|address| address.is_loopback())
}

/// Checks that no segment of `path` is empty. Path parameters are never empty in a valid call,
/// and an empty one changes the endpoint: `POST /v1/treasury/financial_accounts/` (an update
/// with an empty ID) would address the collection.
pub(crate) fn check_path(path: &str) -> Result<(), String> {
    let mut segments = path.split('/');
    // The path starts with `/`: the first piece is the nothing before it.
    segments.next();
    if segments.any(str::is_empty) {
        return Err(format!(
            "the request path `{path}` has an empty segment: an ID or other path parameter \
             passed to the call is empty"
        ));
    }
    Ok(())
}

/// Visible ASCII only: what every transport accepts in a header value, with no surprises.
pub(crate) fn is_header_value(value: &str) -> bool {
    value.bytes().all(|byte| byte.is_ascii_graphic())
}

/// Checks a header value the caller chose: visible ASCII and inner spaces. Anything else would
/// be refused by the transport (a line break could even start another header), and a space at
/// either end would be trimmed on the way.
pub(crate) fn check_header_value(header: &str, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err(format!(
            "the value given for the `{header}` header is empty"
        ));
    }
    if value.starts_with(' ') || value.ends_with(' ') {
        return Err(format!(
            "the value given for the `{header}` header starts or ends with a space"
        ));
    }
    match value
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_graphic() || c == ' '))
    {
        None => Ok(()),
        Some((index, c)) => Err(format!(
            "the value given for the `{header}` header holds {:?} at byte {index}; a header \
             value can hold only visible ASCII characters and spaces",
            c
        )),
    }
}
