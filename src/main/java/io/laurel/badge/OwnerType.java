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
    Historical_Import,
    /** The member-care (helpdesk) module: the vendor lets it issue and earn without being an owner or a claim. */
    Membercare;

    /** Whether a trigger of this type must be among the badge's owners (and, where the vendor asks, claim it). */
    public boolean needsOwnership() {
        return this != Membercare;
    }
}
