//! A webhook endpoint: a small HTTP server (the standard library's, to need no web framework)
//! that checks the signature of each request and acts on the event it carries.
//!
//! ```text
//! STRIPE_WEBHOOK_SECRET=whsec_... cargo run -p stripe-client --example webhook
//! ```
//!
//! It listens on `127.0.0.1:4242` (`WEBHOOK_ADDR` changes it). The Stripe CLI forwards your
//! account's events to it, and prints the secret to use:
//!
//! ```text
//! stripe listen --forward-to localhost:4242/webhook
//! ```
//!
//! With a web framework, the handler is the same: give [`handle`] the request body as bytes,
//! exactly as received (not parsed JSON), and the `Stripe-Signature` header.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::ExitCode;

use stripe_client::events::EventData;
use stripe_client::webhook::{self, Event};

const DEFAULT_ADDRESS: &str = "127.0.0.1:4242";
/// Stripe's events are a few kilobytes; anything far larger is not one.
const MAX_BODY: usize = 1 << 20;

fn main() -> ExitCode {
    let Ok(secret) = std::env::var("STRIPE_WEBHOOK_SECRET") else {
        eprintln!("error: set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_...)");
        return ExitCode::FAILURE;
    };
    let address = std::env::var("WEBHOOK_ADDR").unwrap_or_else(|_| DEFAULT_ADDRESS.to_owned());
    let listener = match TcpListener::bind(&address) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("error: cannot listen on {address}: {err}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("listening on http://{address}/webhook");
    for stream in listener.incoming() {
        if let Err(err) = stream.and_then(|stream| serve(stream, &secret)) {
            eprintln!("error: {err}");
        }
    }
    ExitCode::SUCCESS
}

/// Reads one HTTP request from `stream`, handles it, and answers.
pub fn serve(stream: TcpStream, secret: &str) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let (status, message) = match read_request(&mut reader)? {
        Some((body, signature)) => handle(&body, signature.as_deref(), secret),
        None => (400, "the request has no valid Content-Length".to_owned()),
    };
    let reason = if status == 200 { "OK" } else { "Bad Request" };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{message}",
        message.len()
    )?;
    stream.flush()
}

/// The webhook handler: status 200 for an event that is Stripe's, 400 for anything else, and a
/// line saying why.
pub fn handle(body: &[u8], signature: Option<&str>, secret: &str) -> (u16, String) {
    let Some(signature) = signature else {
        return (400, "no Stripe-Signature header".to_owned());
    };
    let event = match webhook::construct_event(body, signature, secret) {
        Ok(event) => event,
        Err(err) => {
            eprintln!("refused: {err}");
            return (400, err.to_string());
        }
    };
    if !event.api_version_matches() {
        eprintln!(
            "warning: {} is of API version {:?}, not {}; set the endpoint's version to match",
            event.id,
            event.api_version,
            stripe_client::API_VERSION
        );
    }
    let done = act_on(&event);
    println!("{} {}: {done}", event.id, event.type_);
    (200, done)
}

/// What an application does with each kind of event (here: says what happened). Stripe may
/// send an event twice: a real handler would remember `event.id` and skip repeats.
fn act_on(event: &Event) -> String {
    match &event.data {
        EventData::FinancialConnectionsAccountRefreshedBalance(account) => {
            match account.balance.value() {
                Some(balance) => format!("{} has balance {:?}", account.id, balance.current),
                None => format!("{}: the balance refresh failed", account.id),
            }
        }
        EventData::FinancialConnectionsAccountDisconnected(account)
        | EventData::FinancialConnectionsAccountDeactivated(account) => {
            format!("{} is now {}", account.id, account.status)
        }
        EventData::TreasuryFinancialAccountFeaturesStatusUpdated(financial_account) => format!(
            "{} has active features {:?}",
            financial_account.id, financial_account.active_features
        ),
        other => format!("nothing to do for {}", other.event_type()),
    }
}

/// The body and the `Stripe-Signature` header of one request; `None` without a usable
/// `Content-Length`.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<(Vec<u8>, Option<String>)>> {
    let mut content_length = None;
    let mut signature = None;
    let mut line = String::new();
    // The request line, then headers up to the empty line.
    reader.read_line(&mut line)?;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            content_length = value.parse::<usize>().ok();
        } else if name.eq_ignore_ascii_case(webhook::SIGNATURE_HEADER) {
            signature = Some(value.to_owned());
        }
    }
    let Some(length) = content_length.filter(|length| *length <= MAX_BODY) else {
        return Ok(None);
    };
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Some((body, signature)))
}
