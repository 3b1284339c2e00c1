package io.laurel.award;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.InsertManyOptions;

import io.laurel.award.AwardViews.Issued;
import io.laurel.award.AwardViews.RevokedIssue;
import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.EarnType;
import io.laurel.common.ApiResponse;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IssueService {

    static final int MAX_ISSUE = 10_000;
    static final int MAX_REVOKE = 20;

    private final BadgeCatalog catalog;
    private final CustomerLookup customers;
    private final IssueRepository issues;
    private final RequestIds requestIds;
    private final AwardMetrics metrics;

    IssueService(BadgeCatalog catalog, CustomerLookup customers, IssueRepository issues, RequestIds requestIds,
            AwardMetrics metrics) {
        this.catalog = catalog;
        this.customers = customers;
        this.issues = issues;
        this.requestIds = requestIds;
        this.metrics = metrics;
    }

    /**
     * Issues the badge to up to 10,000 customers in a constant number of round trips: one query for which customers
     * exist, one unordered insert (and, for customers it refuses, one update that retires their lapsed issues before
     * they are inserted again). A customer who is unknown (1026) or already holds an active issue (1040) gets an error
     * of its own; the others are issued.
     */
    public Uni<ApiResponse<AwardViews.IssueBulk>> issueBulk(Caller caller, AwardRequests.IssueBulk request,
            boolean validateOnly) {
        // Deferred: a request-level rejection thrown while checking travels the pipeline and is counted like any other.
        return Uni.createFrom().deferred(() -> issueBulkChecked(caller, request, validateOnly))
                .onFailure().invoke(e -> metrics.rejected("issue", e));
    }

    private Uni<ApiResponse<AwardViews.IssueBulk>> issueBulkChecked(Caller caller, AwardRequests.IssueBulk request,
            boolean validateOnly) {
        Instant now = Times.now();
        String requestId = AwardRules.requestId(request.requestId());
        Trigger trigger = AwardRules.trigger(request.triggeredBy());
        List<Long> wanted = AwardRules.customers(request.customers(), "customers", MAX_ISSUE);
        return catalog.require(caller.orgId(), request.badgeMetaId()).chain(badge -> {
            if (badge.earnType != EarnType.ISSUE_EARN) {
                throw ErrorCode.NOT_ISSUE_EARN.exception(ErrorCode.NOT_ISSUE_EARN.message(), "badgeMetaId");
            }
            AwardRules.requireLiveAndOwned(badge, trigger, now);
            AwardRules.requireClaimed(badge, trigger);
            Instant event = EpochTime.pick(request.issueEventDate(), request.issueEventDateISO());
            event = event == null ? now : event;
            AwardRules.requireWithinBadge(badge, event, "issueEventDate");
            Instant expiresOn = AwardRules.expiresOn(badge.issuedBadgeExpiry, badge, event);
            Instant issueEvent = event;
            if (validateOnly) {
                return requestIds.requireUnused(caller.orgId(), requestId).replaceWith((ApiResponse<AwardViews.IssueBulk>) null);
            }
            // A call that fails after its claim may have written part of its issues: the claim is left for the
            // retry to take over, which reports those issues as its own.
            return requestIds.claim(caller.orgId(), requestId, "issueBulk", badge.id)
                    .chain(claim -> customers.existing(caller.orgId(), wanted)
                            .chain(known -> insert(badge, wanted, known, trigger, requestId, issueEvent, expiresOn, now,
                                    claim == RequestIds.Claim.TAKEN_OVER))
                            .invoke(result -> catalog.count(badge, result.inserted, 0))
                            .call(() -> requestIds.finish(caller.orgId(), requestId))
                            .onFailure().call(() -> requestIds.abandon(caller.orgId(), requestId)))
                    .invoke(result -> {
                        metrics.issued(result.inserted);
                        result.issued.stream().filter(i -> i.error() != null)
                                .forEach(i -> metrics.rejected("issue", i.error().code(), 1));
                    })
                    .map(result -> ApiResponse.ok(new AwardViews.IssueBulk(badge.id.toHexString(),
                            TriggeredBy.of(trigger), expiresOn == null ? null : EpochTime.seconds(expiresOn),
                            EpochTime.iso(expiresOn), result.issued, requestId)));
        });
    }

    /**
     * Revokes issues: the active issue of each of up to 20 {@code customers}, or each of up to 20
     * {@code revokeIssuals} (an issue id and the customer who must hold it; this list wins when both are sent). A line
     * that cannot be revoked carries an {@code error}; none given is 1051.
     */
    public Uni<AwardViews.RevokeIssue> revokeIssue(Caller caller, AwardRequests.RevokeIssue request) {
        boolean byIssue = request.revokeIssuals() != null && !request.revokeIssuals().isEmpty();
        if (!byIssue && (request.customers() == null || request.customers().isEmpty())) {
            throw ErrorCode.REVOKE_TARGET_MISSING.exception(ErrorCode.REVOKE_TARGET_MISSING.message(), "revokeIssuals");
        }
        if (byIssue && request.revokeIssuals().size() > MAX_REVOKE) {
            throw ErrorCode.INVALID_INPUT.exception("revokeIssuals must list 1 to " + MAX_REVOKE + " issues",
                    "revokeIssuals");
        }
        List<Long> wanted = byIssue ? List.of() : AwardRules.customers(request.customers(), "customers", MAX_REVOKE);
        if (byIssue) {
            for (int i = 0; i < request.revokeIssuals().size(); i++) {
                Long customerId = request.revokeIssuals().get(i).customerId();
                if (customerId == null || customerId <= 0) {
                    throw ErrorCode.INVALID_INPUT.exception("customerId is required: a positive integer",
                            "revokeIssuals[" + i + "].customerId");
                }
            }
        }
        Instant now = Times.now();
        return catalog.require(caller.orgId(), request.badgeMetaId()).chain(badge -> Uni.join()
                .all(byIssue
                        ? request.revokeIssuals().stream().map(issual -> revokeOne(caller, badge, issual, now)).toList()
                        : wanted.stream().map(customerId -> issues.revokeActive(caller.orgId(), badge.id, customerId,
                                null, now).map(revoked -> line(customerId, revoked))).toList())
                .andFailFast()
                .invoke(lines -> catalog.count(badge, -lines.stream().filter(l -> l.error() == null).count(), 0))
                .map(lines -> new AwardViews.RevokeIssue(badge.id.toHexString(), lines, null)));
    }

    private Uni<RevokedIssue> revokeOne(Caller caller, BadgeMetaDocument badge, AwardRequests.Issual issual,
            Instant now) {
        long customerId = issual.customerId();
        if (issual.issueId() == null || !ObjectId.isValid(issual.issueId())) {
            return Uni.createFrom().item(line(customerId, null));
        }
        return issues.revokeActive(caller.orgId(), badge.id, customerId, new ObjectId(issual.issueId()), now)
                .map(revoked -> line(customerId, revoked));
    }

    private static RevokedIssue line(long customerId, IssueDocument revoked) {
        return revoked == null
                ? new RevokedIssue(customerId, null, new AwardViews.ItemError(ErrorCode.NOT_FOUND.code(),
                        "Customer doesn't have issue instance", null))
                : new RevokedIssue(customerId, revoked.id.toHexString(), null);
    }

    /**
     * One line per customer: issued (by this call, or by the cut-off call it took over) or refused with an error; and
     * how many this call inserted.
     */
    private record Outcome(List<Issued> issued, int inserted) {
    }

    private Uni<Outcome> insert(BadgeMetaDocument badge, List<Long> wanted, Set<Long> known, Trigger trigger,
            String requestId, Instant event, Instant expiresOn, Instant now, boolean takenOver) {
        List<IssueDocument> documents = new ArrayList<>();
        for (Long customerId : wanted) {
            if (known.contains(customerId)) {
                IssueDocument issue = new IssueDocument();
                issue.id = new ObjectId();
                issue.orgId = badge.orgId;
                issue.badgeMetaId = badge.id;
                issue.customerId = customerId;
                issue.status = IssueDocument.IssueStatus.ACTIVE;
                issue.activeKey = IssueDocument.activeKey(badge.orgId, badge.id, customerId);
                issue.issueEventDate = event;
                issue.issuedOn = now;
                issue.expiresOn = expiresOn;
                issue.triggeredBy = trigger;
                issue.requestId = requestId;
                issue.events = PendingEvents.of(IssueDocument.COLLECTION, issue.id, now, AwardEvents.ISSUED);
                documents.add(issue);
            }
        }
        Uni<Set<Integer>> duplicates = insertAll(documents).chain(refused -> refused.isEmpty()
                ? Uni.createFrom().item(refused) : retryLapsed(badge, documents, refused, now));
        return duplicates.chain(failed -> activeOfRefused(badge, documents, failed, now)
                .map(active -> {
                    List<Issued> issued = new ArrayList<>();
                    Map<Long, Issued> refused = new HashMap<>();
                    for (int i = 0; i < documents.size(); i++) {
                        IssueDocument issue = documents.get(i);
                        IssueDocument holder = active.get(issue.customerId);
                        if (failed.contains(i) && holder != null && takenOver && requestId.equals(holder.requestId)) {
                            issued.add(new Issued(holder.customerId, holder.id.toHexString(), holder.status.name()));
                        } else if (failed.contains(i)) {
                            refused.put(issue.customerId, new Issued(issue.customerId,
                                    holder == null ? null : holder.id.toHexString(),
                                    holder == null ? null : holder.status.name(),
                                    new AwardViews.ItemError(ErrorCode.ACTIVE_ISSUE_EXISTS.code(),
                                            ErrorCode.ACTIVE_ISSUE_EXISTS.message(), null)));
                        } else {
                            issued.add(new Issued(issue.customerId, issue.id.toHexString(), issue.status.name()));
                        }
                    }
                    for (Long customerId : wanted) {
                        if (!known.contains(customerId)) {
                            issued.add(new Issued(customerId, null, null, new AwardViews.ItemError(
                                    ErrorCode.CUSTOMER_NOT_FOUND.code(), ErrorCode.CUSTOMER_NOT_FOUND.message(), null)));
                        } else if (refused.containsKey(customerId)) {
                            issued.add(refused.get(customerId));
                        }
                    }
                    return new Outcome(issued, documents.size() - failed.size());
                }));
    }

    /** One unordered insert; the positions of the documents refused for a duplicate key. */
    private Uni<Set<Integer>> insertAll(List<IssueDocument> documents) {
        return documents.isEmpty() ? Uni.createFrom().item(Set.of())
                : issues.mongoCollection().insertMany(documents, new InsertManyOptions().ordered(false))
                        .map(result -> Set.<Integer>of())
                        .onFailure(SequenceRepository::isOnlyDuplicateKeys)
                        .recoverWithItem(SequenceRepository::refusedIndexes);
    }

    /**
     * Customers refused because they still hold an issue that has expired by now: those issues are retired (one
     * update, by their active keys) and the refused documents inserted once more. Only refused customers are looked
     * at, so a call that issues to new holders costs no lapsed-issue update at all. Returns the positions still refused.
     */
    private Uni<Set<Integer>> retryLapsed(BadgeMetaDocument badge, List<IssueDocument> documents, Set<Integer> refused,
            Instant now) {
        List<Integer> positions = refused.stream().sorted().toList();
        List<Long> holders = positions.stream().map(i -> documents.get(i).customerId).toList();
        return issues.expireLapsed(badge.orgId, badge.id, holders, now).chain(expired -> expired == 0
                ? Uni.createFrom().item(refused)
                : insertAll(positions.stream().map(documents::get).toList())
                        .map(again -> again.stream().map(positions::get).collect(Collectors.toSet())));
    }

    /**
     * The active issues of the customers refused for holding one, by customer: their id and status answer the
     * refusal, and for a call that took over a cut-off one, those made under its requestId are its own. One query;
     * none when nobody was refused.
     */
    private Uni<Map<Long, IssueDocument>> activeOfRefused(BadgeMetaDocument badge, List<IssueDocument> documents,
            Set<Integer> failed, Instant now) {
        if (failed.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Long> refused = failed.stream().map(i -> documents.get(i).customerId).toList();
        return issues.findActive(badge.orgId, badge.id, refused, now).map(active -> active.stream()
                .collect(Collectors.toMap(issue -> issue.customerId, Function.identity(), (a, b) -> a)));
    }
}
