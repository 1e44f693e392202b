//! Hand-written conversions between generated types that Stripe describes twice: the same
//! fields nested under a parameter (`features` of an update) and at the top of another
//! endpoint's parameters. Each destructures its source without `..`, so that a field added to
//! one side in `spec/` and not the other stops the build here instead of being dropped.

use crate::treasury::{FeaturesParams, UpdateFinancialAccountFeaturesParams};

/// The Features to request, as the parameters of `update_financial_account_features`: what
/// `update_financial_account` sends under `features`, sent to the Features endpoint instead.
impl From<FeaturesParams> for UpdateFinancialAccountFeaturesParams {
    fn from(features: FeaturesParams) -> Self {
        let FeaturesParams {
            card_issuing,
            deposit_insurance,
            financial_addresses,
            inbound_transfers,
            intra_stripe_flows,
            outbound_payments,
            outbound_transfers,
        } = features;
        Self {
            card_issuing,
            deposit_insurance,
            expand: Vec::new(),
            financial_addresses,
            inbound_transfers,
            intra_stripe_flows,
            outbound_payments,
            outbound_transfers,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::__private::Form;
    use crate::treasury::{
        FeatureAccessParams, FeaturesParams, OutboundTransfersFeatureParams,
        UpdateFinancialAccountFeaturesParams, UpdateFinancialAccountParams,
    };

    #[test]
    fn features_sent_to_the_features_endpoint_are_those_nested_in_an_update() {
        let features = FeaturesParams {
            card_issuing: Some(FeatureAccessParams::new(true)),
            outbound_transfers: Some(OutboundTransfersFeatureParams {
                ach: Some(FeatureAccessParams::new(false)),
                ..Default::default()
            }),
            ..Default::default()
        };
        let nested = UpdateFinancialAccountParams {
            features: Some(features.clone()),
            ..Default::default()
        };
        let top = UpdateFinancialAccountFeaturesParams::from(features);
        let nested = Form::from_params(&nested).as_str().to_owned();
        let top = Form::from_params(&top).as_str().to_owned();
        // The same pairs, at the top in one and under `features[...]` in the other.
        assert_eq!(
            top,
            "card_issuing[requested]=true&outbound_transfers[ach][requested]=false"
        );
        assert_eq!(
            nested,
            "features[card_issuing][requested]=true&features[outbound_transfers][ach][requested]=false"
        );
    }
}
