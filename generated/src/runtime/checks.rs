//! What the client checks before it builds or sends anything: the base URL, the request path,
//! header values and parameter keys. Each check returns what is wrong, for the caller to wrap
//! in its error.

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

/// Whether `name` can go between brackets, or before them, as one part of a parameter key: not
/// empty (`metadata[]` would be a list element) and no bracket (`a]b[c` would nest).
pub(crate) fn is_key_part(name: &str) -> bool {
    !name.is_empty() && !name.contains(['[', ']'])
}

/// Checks a whole parameter key written by the caller: a name, then any number of `[part]`
/// (`preview_feature[enabled]`, `items[0][price]`), each part as [`is_key_part`] says.
pub(crate) fn check_param_key(key: &str) -> Result<(), String> {
    let refuse = |why: &str| {
        Err(format!(
            "the parameter key {key:?} {why}; a key is a name followed by any number of \
             `[part]`, with no part empty and no other bracket (`preview_feature[enabled]`)"
        ))
    };
    let (name, mut rest) = key.split_at(key.find('[').unwrap_or(key.len()));
    if !is_key_part(name) {
        return refuse(if name.is_empty() {
            "does not start with a name"
        } else {
            "holds a `]` outside brackets"
        });
    }
    while !rest.is_empty() {
        let Some(end) = rest.find(']') else {
            return refuse("has a `[` that is never closed");
        };
        // `rest` starts with `[`: the text checked before made sure of it.
        let part = &rest[1..end];
        if !is_key_part(part) {
            return refuse(if part.is_empty() {
                "has empty brackets `[]`"
            } else {
                "has a `[` inside brackets"
            });
        }
        rest = &rest[end + 1..];
        if !rest.is_empty() && !rest.starts_with('[') {
            return refuse("has text after a `]` that is not in brackets");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_keys_are_a_name_and_bracketed_parts() {
        for key in [
            "a",
            "preview_feature[enabled]",
            "items[0][price]",
            "a b[c d]",
        ] {
            assert_eq!(check_param_key(key), Ok(()), "{key}");
        }
        for (key, why) in [
            ("", "does not start with a name"),
            ("[a]", "does not start with a name"),
            ("a]", "holds a `]` outside brackets"),
            ("a[b", "never closed"),
            ("a[]", "empty brackets"),
            ("a[b][]", "empty brackets"),
            ("a[b[c]]", "a `[` inside brackets"),
            ("a[b]c", "text after a `]`"),
            ("a[b]]", "text after a `]`"),
        ] {
            let err = check_param_key(key).unwrap_err();
            assert!(err.contains(why), "{key}: {err}");
            assert!(err.contains(&format!("{key:?}")), "{key}: {err}");
        }
    }
}
