//! What the client says about itself in every request: the `User-Agent` and
//! `X-Stripe-Client-User-Agent` headers, as Stripe's own libraries send them, with the
//! application's name when it gives one.

use serde_json::json;

/// This crate's name and version as the `User-Agent` starts with.
const BINDINGS: &str = concat!("stripe-client-rust/", env!("CARGO_PKG_VERSION"));

/// The application making the requests, named in the `User-Agent` and
/// `X-Stripe-Client-User-Agent` headers so that Stripe (and whoever reads its request logs) can
/// tell it apart. Set with [`ClientBuilder::app_info`](crate::ClientBuilder::app_info).
///
/// ```
/// use stripe_client::AppInfo;
///
/// let app = AppInfo::new("RocketRides")
///     .version("1.2.3")
///     .url("https://rocketrides.example");
/// # let _ = app;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppInfo {
    name: String,
    version: Option<String>,
    url: Option<String>,
}

impl AppInfo {
    /// An application called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            version: None,
            url: None,
        }
    }

    /// The application's version (`1.2.3`).
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Where to find out about the application (`https://rocketrides.example`).
    #[must_use]
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The parts and what they are called, for checking each one.
    pub(crate) fn parts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            Some(("name", self.name.as_str())),
            self.version.as_deref().map(|version| ("version", version)),
            self.url.as_deref().map(|url| ("url", url)),
        ]
        .into_iter()
        .flatten()
    }

    /// `name/version (url)`, as Stripe's libraries append it to the `User-Agent`.
    fn user_agent_part(&self) -> String {
        let mut part = self.name.clone();
        if let Some(version) = &self.version {
            part.push('/');
            part.push_str(version);
        }
        if let Some(url) = &self.url {
            part.push_str(" (");
            part.push_str(url);
            part.push(')');
        }
        part
    }
}

/// The two headers, computed once per client.
#[derive(Clone, Debug)]
pub(crate) struct Telemetry {
    pub(crate) user_agent: String,
    pub(crate) client_user_agent: String,
}

impl Telemetry {
    pub(crate) fn new(app: Option<&AppInfo>) -> Self {
        let mut user_agent = BINDINGS.to_owned();
        let mut client_user_agent = json!({
            "bindings_version": env!("CARGO_PKG_VERSION"),
            "lang": "rust",
            "publisher": "stripe-codegen",
        });
        if let Some(app) = app {
            user_agent.push(' ');
            user_agent.push_str(&app.user_agent_part());
            client_user_agent["application"] = json!({
                "name": app.name,
                "version": app.version,
                "url": app.url,
            });
        }
        Self {
            user_agent,
            client_user_agent: client_user_agent.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_the_crate_version_and_the_application() {
        let plain = Telemetry::new(None);
        assert_eq!(
            plain.user_agent,
            format!("stripe-client-rust/{}", env!("CARGO_PKG_VERSION"))
        );
        let described: serde_json::Value = serde_json::from_str(&plain.client_user_agent).unwrap();
        assert_eq!(
            described,
            json!({
                "bindings_version": env!("CARGO_PKG_VERSION"),
                "lang": "rust",
                "publisher": "stripe-codegen",
            })
        );

        let app = AppInfo::new("RocketRides")
            .version("1.2.3")
            .url("https://rocketrides.example");
        let named = Telemetry::new(Some(&app));
        assert_eq!(
            named.user_agent,
            format!(
                "stripe-client-rust/{} RocketRides/1.2.3 (https://rocketrides.example)",
                env!("CARGO_PKG_VERSION")
            )
        );
        let described: serde_json::Value = serde_json::from_str(&named.client_user_agent).unwrap();
        assert_eq!(
            described["application"],
            json!({"name": "RocketRides", "version": "1.2.3", "url": "https://rocketrides.example"})
        );
        let bare = Telemetry::new(Some(&AppInfo::new("Cron")));
        assert!(bare.user_agent.ends_with(" Cron"), "{}", bare.user_agent);
    }
}
