//! Encoding request bodies as the client sends them: `Form::from_params(&params)`, the
//! `application/x-www-form-urlencoded` body of a POST. Run with
//! `cargo bench -p stripe-client --bench encode`.
//!
//! Budget (BENCHMARKS.md): at most 2 microseconds per body.

use std::collections::BTreeMap;

use divan::counter::BytesCount;
use stripe_client::__private::Form;
use stripe_client::treasury::{
    CreateFinancialAccountParams, FeatureAccessParams, FeaturesParams, FinancialAccountExpand,
    FinancialAccountId, FinancialAddressesFeatureParams, FlowRestriction, ForwardingSettingsParams,
    InboundTransfersFeatureParams, OutboundPaymentsFeatureParams, OutboundTransfersFeatureParams,
    PlatformRestrictionsParams, UpdateFinancialAccountParams,
};
use stripe_client::{Clearable, Currency};

fn main() {
    println!("create body ({} bytes): {}", CREATE.len(), CREATE.as_str());
    println!("update body ({} bytes): {}", UPDATE.len(), UPDATE.as_str());
    divan::main();
}

static CREATE: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| Form::from_params(&create_params()).as_str().to_owned());
static UPDATE: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| Form::from_params(&update_params()).as_str().to_owned());

fn access(requested: bool) -> Option<FeatureAccessParams> {
    Some(FeatureAccessParams::new(requested))
}

fn metadata() -> BTreeMap<String, String> {
    [
        ("order_id", "6735"),
        ("team", "payouts & treasury"),
        ("cost_center", "CC-42/emea"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect()
}

/// Every parameter of `create_financial_account` set, as a platform onboarding a connected
/// account would send it.
fn create_params() -> CreateFinancialAccountParams {
    let mut params = CreateFinancialAccountParams::new(vec![Currency::USD]);
    params.expand = vec![FinancialAccountExpand::Features];
    params.features = Some(FeaturesParams {
        card_issuing: access(true),
        deposit_insurance: access(true),
        financial_addresses: Some(FinancialAddressesFeatureParams { aba: access(true) }),
        inbound_transfers: Some(InboundTransfersFeatureParams { ach: access(true) }),
        intra_stripe_flows: access(true),
        outbound_payments: Some(OutboundPaymentsFeatureParams {
            ach: access(true),
            us_domestic_wire: access(true),
        }),
        outbound_transfers: Some(OutboundTransfersFeatureParams {
            ach: access(true),
            us_domestic_wire: access(false),
        }),
    });
    params.metadata = metadata();
    params.nickname = Some(Clearable::Set("Operating account".to_owned()));
    params.platform_restrictions = Some(PlatformRestrictionsParams {
        inbound_flows: Some(FlowRestriction::Unrestricted),
        outbound_flows: Some(FlowRestriction::Restricted),
    });
    params
}

/// An update that changes a few features, forwards the balance, edits metadata and clears the
/// nickname.
fn update_params() -> UpdateFinancialAccountParams {
    let forwarding = ForwardingSettingsParams::FinancialAccount(FinancialAccountId::new(
        "fa_1QHb7r2eZvKYlo2C0dD9Ubvq",
    ));
    UpdateFinancialAccountParams {
        expand: vec![FinancialAccountExpand::Features],
        features: Some(FeaturesParams {
            card_issuing: access(false),
            outbound_payments: Some(OutboundPaymentsFeatureParams {
                ach: access(true),
                us_domestic_wire: access(true),
            }),
            ..FeaturesParams::default()
        }),
        forwarding_settings: Some(forwarding),
        metadata: metadata(),
        nickname: Some(Clearable::Clear),
        platform_restrictions: Some(PlatformRestrictionsParams {
            inbound_flows: Some(FlowRestriction::Restricted),
            outbound_flows: None,
        }),
    }
}

#[divan::bench]
fn create_financial_account(bencher: divan::Bencher<'_, '_>) {
    let params = create_params();
    bencher
        .counter(BytesCount::of_str(CREATE.as_str()))
        .bench(|| Form::from_params(divan::black_box(&params)));
}

#[divan::bench]
fn update_financial_account(bencher: divan::Bencher<'_, '_>) {
    let params = update_params();
    bencher
        .counter(BytesCount::of_str(UPDATE.as_str()))
        .bench(|| Form::from_params(divan::black_box(&params)));
}
