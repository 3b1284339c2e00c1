package io.laurel.award.wall;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.laurel.award.AwardStatus;
import io.laurel.award.EarnDocument;
import io.laurel.award.IssueDocument;
import io.laurel.award.limit.LimitsView;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaDocument.Constraint;
import io.laurel.badge.BadgeMetaView;
import io.laurel.badge.BadgeStatus;
import io.laurel.badge.ConstraintType;
import io.laurel.badge.DurationType;
import io.laurel.badge.OwnerType;
import io.laurel.common.EpochTime;

/** Builds the one-badge-of-one-customer answer from what the service read. */
final class CustomerBadgeDetails {

    private CustomerBadgeDetails() {
    }

    static CustomerBadgeDetail of(BadgeMetaDocument badge, List<IssueDocument> issued, List<EarnDocument> earned,
            String groupName, LimitsView limits, boolean includeStatistics, Instant now, ZoneId zone) {
        BadgeMetaView b = BadgeMetaView.of(badge, now, zone);
        List<CustomerBadgeDetail.Issual> issuals = issued.stream().map(i -> new CustomerBadgeDetail.Issual(
                i.id.toHexString(), issueStatus(i, now), EpochTime.decimal(i.issuedOn), EpochTime.iso(i.issuedOn),
                EpochTime.decimal(i.issueEventDate), EpochTime.iso(i.issueEventDate), EpochTime.decimal(i.expiresOn),
                EpochTime.iso(i.expiresOn), EpochTime.decimal(revokedOn(i)), EpochTime.iso(revokedOn(i)),
                i.triggeredBy == null ? null : String.valueOf(i.triggeredBy.ownerType),
                i.triggeredBy == null ? null : i.triggeredBy.referenceId, i.requestId)).toList();
        List<CustomerBadgeDetail.Earn> earns = earned.stream().map(e -> new CustomerBadgeDetail.Earn(
                e.id.toHexString(), earnStatus(e, now), EpochTime.decimal(e.earnedOn), EpochTime.iso(e.earnedOn),
                EpochTime.decimal(e.earnEventDate), EpochTime.iso(e.earnEventDate), EpochTime.decimal(e.expiresOn),
                EpochTime.iso(e.expiresOn), EpochTime.decimal(e.revokedOn), EpochTime.iso(e.revokedOn),
                e.issuedId == null ? null : e.issuedId.toHexString(),
                e.triggeredBy == null ? null : String.valueOf(e.triggeredBy.ownerType),
                e.triggeredBy == null ? null : e.triggeredBy.referenceId, e.requestId)).toList();
        long activeEarns = earns.stream().filter(e -> "ACTIVE".equals(e.earnedStatus())).count();
        Instant lastEarnedOn = earned.stream().filter(e -> e.status == EarnDocument.EarnStatus.ACTIVE)
                .map(e -> e.earnedOn).max(Instant::compareTo).orElse(null);
        Instant lastEvent = earned.stream().filter(e -> e.status == EarnDocument.EarnStatus.ACTIVE)
                .map(e -> e.earnEventDate).max(Instant::compareTo).orElse(null);
        CustomerBadgeDetail.Statistics statistics = !includeStatistics ? null : new CustomerBadgeDetail.Statistics(
                count(issuals.stream().map(CustomerBadgeDetail.Issual::issuedStatus).toList(), "ACTIVE"),
                count(issuals.stream().map(CustomerBadgeDetail.Issual::issuedStatus).toList(), "REVOKED"),
                count(issuals.stream().map(CustomerBadgeDetail.Issual::issuedStatus).toList(), "EXPIRED"),
                activeEarns, count(earns.stream().map(CustomerBadgeDetail.Earn::earnedStatus).toList(), "REVOKED"),
                count(earns.stream().map(CustomerBadgeDetail.Earn::earnedStatus).toList(), "EXPIRED"));
        return new CustomerBadgeDetail(b.id(), b.name(), b.description(), b.createdOn(), b.createdOnISO(),
                b.lastUpdatedOn(), b.lastUpdatedOnISO(), b.startOn(), b.startOnISO(), b.expiresOn(), b.expiresOnISO(),
                badge.active ? "ACTIVATED" : "DE_ACTIVATED", badge.earnType.name(),
                BadgeStatus.at(now, badge.startOn, badge.expiresOn).name(),
                badge.ownership.restrictedToOwners.stream().map(OwnerType::name).toList(),
                badge.ownership.claims == null ? List.of() : badge.ownership.claims.stream().filter(c -> c.isActive)
                        .map(c -> c.ownerType.name()).distinct().toList(),
                b.images(), b.earnedBadgeExpiry(), b.issuedBadgeExpiry(), b.tags(), b.badgeGroupId(), groupName,
                b.badgeRank(),
                includeStatistics ? constraints(badge, badge.customerConstraints, "CUSTOMER", limits) : null,
                includeStatistics ? constraints(badge, badge.badgeConstraints, "BADGE", limits) : null,
                new CustomerBadgeDetail.IssualDetails(issuals.size(), issuals),
                issuals.isEmpty() ? null : issuals.get(0).issuedStatus(),
                new CustomerBadgeDetail.EarnDetails(earns.size(), earns), activeEarns,
                EpochTime.decimal(lastEarnedOn), EpochTime.iso(lastEarnedOn), EpochTime.decimal(lastEarnedOn),
                EpochTime.iso(lastEarnedOn), EpochTime.decimal(lastEvent), EpochTime.iso(lastEvent), statistics,
                b.customFields());
    }

    /** Each limit of the list with the count the engine reads for this customer now (from the limit explainer). */
    private static List<CustomerBadgeDetail.Constraint> constraints(BadgeMetaDocument badge, List<Constraint> list,
            String level, LimitsView limits) {
        List<CustomerBadgeDetail.Constraint> constraints = new ArrayList<>();
        for (Constraint c : list == null ? List.<Constraint>of() : list) {
            List<LimitsView.Limit> mine = limits.limits().stream().filter(l -> l.level().equals(level)
                    && l.constraintType() == c.constraintType
                    && (l.referenceId() == null || l.referenceId().equals(c.referenceId))).toList();
            boolean customerRolling = c.constraintType == ConstraintType.CUSTOMER_BADGE_ROLLING_WINDOW;
            CustomerBadgeDetail.EarnStatistics statistics = new CustomerBadgeDetail.EarnStatistics(
                    customerRolling || mine.isEmpty() ? null : mine.get(0).count(),
                    customerRolling ? rolling(mine, DurationType.DAYS) : null,
                    customerRolling ? rolling(mine, DurationType.WEEKS) : null,
                    customerRolling ? rolling(mine, DurationType.MONTHS) : null);
            LimitsView.Limit window = mine.stream().filter(l -> l.windowStart() != null && l.rollType() == null)
                    .findFirst().orElse(null);
            constraints.add(new CustomerBadgeDetail.Constraint(level, c.constraintType.name(), c.rollType,
                    c.refreshRate, c.durationType, c.cycleStatus, null, c.rollValue,
                    c.maxEarnLimit == null ? 0 : c.maxEarnLimit, statistics,
                    window == null ? null : new CustomerBadgeDetail.Cycle(window.windowStart(), window.windowStartISO(),
                            window.windowEnd(), window.windowEndISO()),
                    c.referenceId,
                    !customerRolling ? null : new CustomerBadgeDetail.RollingLimits(c.maxEarnForDays, c.rollForDays,
                            c.maxEarnForWeeks, c.rollForWeeks, c.maxEarnForMonths, c.rollForMonths)));
        }
        return constraints;
    }

    private static Long rolling(List<LimitsView.Limit> limits, DurationType unit) {
        return limits.stream().filter(l -> l.rollType() == unit).map(LimitsView.Limit::count).findFirst().orElse(null);
    }

    private static Instant revokedOn(IssueDocument issue) {
        return issue.status == IssueDocument.IssueStatus.REVOKED ? issue.endedOn : null;
    }

    private static String issueStatus(IssueDocument issue, Instant now) {
        return AwardStatus.at(issue.status.name(), issue.expiresOn, now);
    }

    private static String earnStatus(EarnDocument earn, Instant now) {
        return AwardStatus.at(earn.status.name(), earn.expiresOn, now);
    }

    private static long count(List<String> statuses, String status) {
        return statuses.stream().filter(status::equals).count();
    }
}
