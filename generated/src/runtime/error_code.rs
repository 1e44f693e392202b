//! Stripe's error codes: the `code` of an error response, as an enum that keeps working when
//! Stripe adds codes.
//!
//! The codes are those Stripe's own Go library lists (`stripe/stripe-go`, `error.go`, the part
//! generated from Stripe's OpenAPI spec), described at <https://docs.stripe.com/error-codes>.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use super::strings::{UnknownValue, unknown_value};

/// The enum, its wire strings and its parsing, from one list, so that they cannot disagree.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// A Stripe error code ([`ApiError::code`](crate::ApiError::code)): why a request
        /// failed, in a form a program can act on.
        ///
        /// Codes Stripe adds later decode as [`Unknown`](Self::Unknown), with the code as sent.
        /// Match the codes you handle and leave the rest to a wildcard or a binding, never to a
        /// comparison of [`as_str`](Self::as_str) with a code that has no variant yet: a later
        /// version of this crate may give that code a variant, and the comparison would stop
        /// matching without a warning.
        ///
        /// ```
        /// use stripe_client::ErrorCode;
        ///
        /// fn advice(code: &ErrorCode) -> &'static str {
        ///     match code {
        ///         ErrorCode::ResourceMissing => "check the ID, and live or test mode",
        ///         ErrorCode::ParameterMissing | ErrorCode::ParameterUnknown => "fix the call",
        ///         ErrorCode::RateLimit | ErrorCode::LockTimeout => "try again later",
        ///         _ => "see the error's message and doc_url",
        ///     }
        /// }
        ///
        /// assert_eq!(advice(&"resource_missing".parse().unwrap()), "check the ID, and live or test mode");
        /// let new: ErrorCode = "a_code_from_next_year".parse().unwrap();
        /// assert_eq!(new.as_str(), "a_code_from_next_year");
        /// assert_eq!(advice(&new), "see the error's message and doc_url");
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = concat!("`", $code, "`")]
                #[doc = ""]
                $(#[doc = $doc])*
                $variant,
            )*
            /// A code this version of the crate does not know, kept as Stripe sent it. Match it
            /// with a binding or `_`, not on its text: a later version may give it a variant.
            Unknown(UnknownValue),
        }

        impl ErrorCode {
            /// The code as Stripe sends it (`"card_declined"`).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $code,)*
                    Self::Unknown(code) => code.as_str(),
                }
            }
        }

        impl FromStr for ErrorCode {
            type Err = Infallible;

            fn from_str(code: &str) -> Result<Self, Infallible> {
                Ok(match code {
                    $($code => Self::$variant,)*
                    unknown => Self::Unknown(unknown_value(unknown)),
                })
            }
        }

        /// Every known code with its string, for the tests.
        #[cfg(test)]
        const KNOWN: &[(ErrorCode, &str)] = &[$((ErrorCode::$variant, $code),)*];
    };
}

error_codes! {
    AccountClosed = "account_closed",
    AccountCountryInvalidAddress = "account_country_invalid_address",
    AccountErrorCountryChangeRequiresAdditionalSteps = "account_error_country_change_requires_additional_steps",
    AccountInformationMismatch = "account_information_mismatch",
    /// The account ID in the `Stripe-Account` header is not one of your connected accounts.
    AccountInvalid = "account_invalid",
    AccountNumberInvalid = "account_number_invalid",
    AcssDebitSessionIncomplete = "acss_debit_session_incomplete",
    AlipayUpgradeRequired = "alipay_upgrade_required",
    /// The amount is more than the most allowed.
    AmountTooLarge = "amount_too_large",
    /// The amount is less than the least allowed (for a charge, about 50 cents in the
    /// currency).
    AmountTooSmall = "amount_too_small",
    /// The API key has expired: replace it with a current one.
    ApiKeyExpired = "api_key_expired",
    ApplicationFeesNotAllowed = "application_fees_not_allowed",
    /// The payment needs the customer to authenticate it (3D Secure).
    AuthenticationRequired = "authentication_required",
    /// The Stripe balance is too low for the transfer or payout.
    BalanceInsufficient = "balance_insufficient",
    BalanceInvalidParameter = "balance_invalid_parameter",
    BankAccountBadRoutingNumbers = "bank_account_bad_routing_numbers",
    BankAccountDeclined = "bank_account_declined",
    BankAccountExists = "bank_account_exists",
    BankAccountRestricted = "bank_account_restricted",
    BankAccountUnusable = "bank_account_unusable",
    BankAccountUnverified = "bank_account_unverified",
    BankAccountVerificationFailed = "bank_account_verification_failed",
    BillingInvalidMandate = "billing_invalid_mandate",
    BitcoinUpgradeRequired = "bitcoin_upgrade_required",
    CaptureChargeAuthorizationExpired = "capture_charge_authorization_expired",
    CaptureUnauthorizedPayment = "capture_unauthorized_payment",
    CardDeclineRateLimitExceeded = "card_decline_rate_limit_exceeded",
    /// The card was declined; `decline_code` carries the issuer's reason when it gave one.
    CardDeclined = "card_declined",
    CardholderPhoneNumberRequired = "cardholder_phone_number_required",
    ChargeAlreadyCaptured = "charge_already_captured",
    ChargeAlreadyRefunded = "charge_already_refunded",
    ChargeDisputed = "charge_disputed",
    ChargeExceedsSourceLimit = "charge_exceeds_source_limit",
    ChargeExpiredForCapture = "charge_expired_for_capture",
    ChargeInvalidParameter = "charge_invalid_parameter",
    ChargeNotRefundable = "charge_not_refundable",
    ClearingCodeUnsupported = "clearing_code_unsupported",
    CountryCodeInvalid = "country_code_invalid",
    CountryUnsupported = "country_unsupported",
    CouponExpired = "coupon_expired",
    CustomerMaxPaymentMethods = "customer_max_payment_methods",
    CustomerMaxSubscriptions = "customer_max_subscriptions",
    CustomerTaxLocationInvalid = "customer_tax_location_invalid",
    DebitNotAuthorized = "debit_not_authorized",
    EmailInvalid = "email_invalid",
    /// The card has expired.
    ExpiredCard = "expired_card",
    /// The Financial Connections account is no longer active (disconnected or inactive at
    /// the institution).
    FinancialConnectionsAccountInactive = "financial_connections_account_inactive",
    /// No transaction refresh of the Financial Connections account has succeeded yet.
    FinancialConnectionsNoSuccessfulTransactionRefresh = "financial_connections_no_successful_transaction_refresh",
    GiftCardBalanceInsufficient = "gift_card_balance_insufficient",
    GiftCardCodeExists = "gift_card_code_exists",
    GiftCardInactive = "gift_card_inactive",
    /// Another request with the same idempotency key is still being processed; retry once
    /// it is done.
    IdempotencyKeyInUse = "idempotency_key_in_use",
    IncorrectAddress = "incorrect_address",
    /// The card's security code is incorrect.
    IncorrectCvc = "incorrect_cvc",
    /// The card number is incorrect.
    IncorrectNumber = "incorrect_number",
    /// The card's postal code failed validation.
    IncorrectZip = "incorrect_zip",
    InstantPayoutsConfigDisabled = "instant_payouts_config_disabled",
    InstantPayoutsCurrencyDisabled = "instant_payouts_currency_disabled",
    InstantPayoutsLimitExceeded = "instant_payouts_limit_exceeded",
    InstantPayoutsUnsupported = "instant_payouts_unsupported",
    /// The account does not hold enough funds.
    InsufficientFunds = "insufficient_funds",
    IntentInvalidState = "intent_invalid_state",
    IntentVerificationMethodMissing = "intent_verification_method_missing",
    InvalidCardType = "invalid_card_type",
    InvalidCharacters = "invalid_characters",
    InvalidChargeAmount = "invalid_charge_amount",
    /// The card's security code is not a valid one.
    InvalidCvc = "invalid_cvc",
    /// The card's expiration month is not valid.
    InvalidExpiryMonth = "invalid_expiry_month",
    /// The card's expiration year is not valid.
    InvalidExpiryYear = "invalid_expiry_year",
    /// The card number is not a valid card number.
    InvalidNumber = "invalid_number",
    InvalidSourceUsage = "invalid_source_usage",
    InvalidTaxLocation = "invalid_tax_location",
    InvoiceNoCustomerLineItems = "invoice_no_customer_line_items",
    InvoiceNoPaymentMethodTypes = "invoice_no_payment_method_types",
    InvoiceNoSubscriptionLineItems = "invoice_no_subscription_line_items",
    InvoiceNotEditable = "invoice_not_editable",
    InvoiceOnBehalfOfNotEditable = "invoice_on_behalf_of_not_editable",
    InvoicePaymentIntentRequiresAction = "invoice_payment_intent_requires_action",
    InvoiceUpcomingNone = "invoice_upcoming_none",
    /// A live mode key was used with a test mode object, or the other way round.
    LivemodeMismatch = "livemode_mismatch",
    /// Another request was changing the same object at the same time; retrying usually
    /// succeeds.
    LockTimeout = "lock_timeout",
    Missing = "missing",
    NoAccount = "no_account",
    NotAllowedOnStandardAccount = "not_allowed_on_standard_account",
    OutOfInventory = "out_of_inventory",
    OwnershipDeclarationNotAllowed = "ownership_declaration_not_allowed",
    /// A parameter was sent empty where it needs a value; `param` names it.
    ParameterInvalidEmpty = "parameter_invalid_empty",
    /// A parameter that takes an integer was sent something else; `param` names it.
    ParameterInvalidInteger = "parameter_invalid_integer",
    /// A string parameter was sent blank (only whitespace); `param` names it.
    ParameterInvalidStringBlank = "parameter_invalid_string_blank",
    /// A string parameter was sent empty; `param` names it.
    ParameterInvalidStringEmpty = "parameter_invalid_string_empty",
    /// A required parameter is missing; `param` names it.
    ParameterMissing = "parameter_missing",
    /// A parameter the API does not know (misspelled, or a feature the account lacks);
    /// `param` names it.
    ParameterUnknown = "parameter_unknown",
    /// Two parameters that cannot be used together were both sent.
    ParametersExclusive = "parameters_exclusive",
    PaymentIntentActionRequired = "payment_intent_action_required",
    PaymentIntentAuthenticationFailure = "payment_intent_authentication_failure",
    PaymentIntentIncompatiblePaymentMethod = "payment_intent_incompatible_payment_method",
    PaymentIntentInvalidParameter = "payment_intent_invalid_parameter",
    PaymentIntentKonbiniRejectedConfirmationNumber = "payment_intent_konbini_rejected_confirmation_number",
    PaymentIntentMandateInvalid = "payment_intent_mandate_invalid",
    PaymentIntentPaymentAttemptExpired = "payment_intent_payment_attempt_expired",
    PaymentIntentPaymentAttemptFailed = "payment_intent_payment_attempt_failed",
    PaymentIntentUnexpectedState = "payment_intent_unexpected_state",
    PaymentMethodBankAccountAlreadyVerified = "payment_method_bank_account_already_verified",
    PaymentMethodBankAccountBlocked = "payment_method_bank_account_blocked",
    PaymentMethodBillingDetailsAddressMissing = "payment_method_billing_details_address_missing",
    PaymentMethodConfigurationFailures = "payment_method_configuration_failures",
    PaymentMethodCurrencyMismatch = "payment_method_currency_mismatch",
    PaymentMethodCustomerDecline = "payment_method_customer_decline",
    PaymentMethodInvalidParameter = "payment_method_invalid_parameter",
    PaymentMethodInvalidParameterTestmode = "payment_method_invalid_parameter_testmode",
    PaymentMethodMicrodepositFailed = "payment_method_microdeposit_failed",
    PaymentMethodMicrodepositVerificationAmountsInvalid = "payment_method_microdeposit_verification_amounts_invalid",
    PaymentMethodMicrodepositVerificationAmountsMismatch = "payment_method_microdeposit_verification_amounts_mismatch",
    PaymentMethodMicrodepositVerificationAttemptsExceeded = "payment_method_microdeposit_verification_attempts_exceeded",
    PaymentMethodMicrodepositVerificationDescriptorCodeMismatch = "payment_method_microdeposit_verification_descriptor_code_mismatch",
    PaymentMethodMicrodepositVerificationTimeout = "payment_method_microdeposit_verification_timeout",
    PaymentMethodNotAvailable = "payment_method_not_available",
    PaymentMethodProviderDecline = "payment_method_provider_decline",
    PaymentMethodProviderTimeout = "payment_method_provider_timeout",
    PaymentMethodUnactivated = "payment_method_unactivated",
    PaymentMethodUnexpectedState = "payment_method_unexpected_state",
    PaymentMethodUnsupportedType = "payment_method_unsupported_type",
    PayoutReconciliationNotReady = "payout_reconciliation_not_ready",
    PayoutsLimitExceeded = "payouts_limit_exceeded",
    PayoutsNotAllowed = "payouts_not_allowed",
    PlatformAccountRequired = "platform_account_required",
    /// The platform's API key, used for the connected account, has expired.
    PlatformApiKeyExpired = "platform_api_key_expired",
    PostalCodeInvalid = "postal_code_invalid",
    /// An error occurred while processing the card; the payment can be tried again.
    ProcessingError = "processing_error",
    ProductInactive = "product_inactive",
    ProgressiveOnboardingLimitExceeded = "progressive_onboarding_limit_exceeded",
    /// Too many requests in too little time. The client retries a 429 itself, within its
    /// retry budget.
    RateLimit = "rate_limit",
    ReferToCustomer = "refer_to_customer",
    RefundDisputedPayment = "refund_disputed_payment",
    /// An object with that ID already exists.
    ResourceAlreadyExists = "resource_already_exists",
    /// No object has the ID given (it may exist in the other mode, live or test).
    ResourceMissing = "resource_missing",
    ReturnIntentAlreadyProcessed = "return_intent_already_processed",
    RoutingNumberInvalid = "routing_number_invalid",
    /// The request needs a secret key; a publishable key was used.
    SecretKeyRequired = "secret_key_required",
    SensitiveDataAccessExpired = "sensitive_data_access_expired",
    SepaUnsupportedAccount = "sepa_unsupported_account",
    SetupAttemptFailed = "setup_attempt_failed",
    SetupIntentAuthenticationFailure = "setup_intent_authentication_failure",
    SetupIntentInvalidParameter = "setup_intent_invalid_parameter",
    SetupIntentMandateInvalid = "setup_intent_mandate_invalid",
    SetupIntentSetupAttemptExpired = "setup_intent_setup_attempt_expired",
    SetupIntentUnexpectedState = "setup_intent_unexpected_state",
    ShippingAddressInvalid = "shipping_address_invalid",
    ShippingCalculationFailed = "shipping_calculation_failed",
    SkuInactive = "sku_inactive",
    StateUnsupported = "state_unsupported",
    /// The object cannot move to the status asked for from the one it is in.
    StatusTransitionInvalid = "status_transition_invalid",
    StripeTaxInactive = "stripe_tax_inactive",
    TaxIdInvalid = "tax_id_invalid",
    TaxesCalculationFailed = "taxes_calculation_failed",
    TerminalLocationCountryUnsupported = "terminal_location_country_unsupported",
    TerminalReaderBusy = "terminal_reader_busy",
    TerminalReaderHardwareFault = "terminal_reader_hardware_fault",
    TerminalReaderOffline = "terminal_reader_offline",
    TerminalReaderTimeout = "terminal_reader_timeout",
    /// The account can only make test mode charges until it is activated.
    TestmodeChargesOnly = "testmode_charges_only",
    /// The TLS version of the connection is too old.
    TlsVersionUnsupported = "tls_version_unsupported",
    TokenAlreadyUsed = "token_already_used",
    TokenCardNetworkInvalid = "token_card_network_invalid",
    TokenInUse = "token_in_use",
    TransferSourceBalanceParametersMismatch = "transfer_source_balance_parameters_mismatch",
    TransfersNotAllowed = "transfers_not_allowed",
    UrlInvalid = "url_invalid",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::strings::deserialize_enum(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_known_code_parses_to_its_variant_and_back() {
        let mut seen = HashSet::new();
        for (variant, code) in KNOWN {
            assert!(seen.insert(*code), "{code} is listed twice");
            let parsed: ErrorCode = code.parse().unwrap();
            assert_eq!(&parsed, variant, "{code}");
            assert!(!matches!(parsed, ErrorCode::Unknown(_)), "{code}");
            assert_eq!(parsed.as_str(), *code);
            assert_eq!(parsed.to_string(), *code);
        }
        assert_eq!(KNOWN.len(), 168);
    }

    #[test]
    fn an_unknown_code_keeps_its_text_and_equals_only_itself() {
        let code: ErrorCode = serde_json::from_str(r#""card_declined_by_mars""#).unwrap();
        assert!(
            matches!(&code, ErrorCode::Unknown(value) if value.as_str() == "card_declined_by_mars")
        );
        assert_eq!(code.as_str(), "card_declined_by_mars");
        assert_ne!(code, ErrorCode::CardDeclined);
        // A known code never decodes as unknown, so equality is equality on the wire.
        let known: ErrorCode = serde_json::from_str(r#""card_declined""#).unwrap();
        assert_eq!(known, ErrorCode::CardDeclined);
    }
}
