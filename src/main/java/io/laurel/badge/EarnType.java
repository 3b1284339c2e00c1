package io.laurel.badge;

/** ISSUE_EARN: a customer is first issued the badge (issueBulk), then earns it. EARN: earned directly. */
public enum EarnType {
    EARN,
    ISSUE_EARN
}
