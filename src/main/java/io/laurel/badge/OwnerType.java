package io.laurel.badge;

/** The modules that may own (claim) a badge. */
public enum OwnerType {
    Loyalty,
    Loyalty_Promotion,
    Referral_Campaigns,
    Journeys,
    Audience_Campaigns,
    Rewards_Catalog,
    Goodwill_Module,
    Milestones,
    Historical_Import
}
