//! Lists your Financial Connections accounts, then creates a Treasury financial account.
//!
//! ```text
//! STRIPE_SECRET_KEY=sk_test_... cargo run -p stripe-client --example quickstart
//! ```
//!
//! `STRIPE_API_BASE` points it at another Stripe-compatible server (default
//! `https://api.stripe.com`), such as stripe-mock:
//!
//! ```text
//! STRIPE_API_BASE=http://localhost:12111 STRIPE_SECRET_KEY=sk_test_123 \
//!     cargo run -p stripe-client --example quickstart
//! ```
//!
//! On Stripe itself, financial accounts live on connected accounts with Treasury enabled: set
//! `STRIPE_ACCOUNT=acct_...` to create it on one (sent as the `Stripe-Account` header), or the
//! second step fails with Stripe's reason.

use std::process::ExitCode;

use stripe_client::financial_connections::{ListAccountsParams, list_accounts_paginated};
use stripe_client::treasury::{
    CreateFinancialAccountParams, FeatureAccessParams, FeaturesParams,
    FinancialAddressesFeatureParams, create_financial_account,
};
use stripe_client::{Clearable, Client, Currency};

const DEFAULT_API_BASE: &str = "https://api.stripe.com";

fn main() -> ExitCode {
    let base_url = match std::env::var("STRIPE_API_BASE") {
        Ok(base_url) if !base_url.is_empty() => base_url,
        _ => DEFAULT_API_BASE.to_owned(),
    };
    let Ok(secret_key) = std::env::var("STRIPE_SECRET_KEY") else {
        eprintln!("error: set STRIPE_SECRET_KEY to your Stripe secret key (sk_test_...)");
        return ExitCode::FAILURE;
    };
    let connected_account = std::env::var("STRIPE_ACCOUNT")
        .ok()
        .filter(|account| !account.is_empty());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the tokio runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&base_url, &secret_key, connected_account.as_deref())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Lists the Financial Connections accounts and creates a financial account, on the connected
/// account `connected_account` if given, printing both, against the Stripe API at `base_url`.
pub async fn run(
    base_url: &str,
    secret_key: &str,
    connected_account: Option<&str>,
) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder(secret_key)
        .base_url(base_url)
        .build()
        .map_err(|err| format!("cannot create the Stripe client: {err}"))?;

    println!("Financial Connections accounts:");
    let params = ListAccountsParams {
        limit: Some(10),
        ..Default::default()
    };
    // Every account, ten per request.
    let mut accounts = list_accounts_paginated(&client, params);
    let mut count = 0;
    while let Some(account) = accounts.next().await {
        let account = account
            .map_err(|err| format!("listing Financial Connections accounts failed: {err}"))?;
        println!(
            "  {}  {}  {}",
            account.id, account.institution_name, account.status
        );
        count += 1;
    }
    if count == 0 {
        println!("  (none)");
    }

    let params = CreateFinancialAccountParams {
        nickname: Some(Clearable::Set("Operating cash".to_owned())),
        features: Some(FeaturesParams {
            financial_addresses: Some(FinancialAddressesFeatureParams {
                aba: Some(FeatureAccessParams::new(true)),
            }),
            ..Default::default()
        }),
        ..CreateFinancialAccountParams::new(vec![Currency::USD])
    };
    let treasury_client = match connected_account {
        Some(account) => client.with_stripe_account(account),
        None => client.clone(),
    };
    let account = create_financial_account(&treasury_client, &params)
        .await
        .map_err(|err| format!("creating a Treasury financial account failed: {err}"))?;
    println!(
        "Created financial account {} ({})",
        account.id, account.status
    );
    Ok(())
}
