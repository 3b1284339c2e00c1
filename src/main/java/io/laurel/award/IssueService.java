package io.laurel.award;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;

import io.laurel.award.AwardViews.Issued;
import io.laurel.award.AwardViews.RevokedIssue;
import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.EarnType;
import io.laurel.common.ApiError;
import io.laurel.common.ApiResponse;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IssueService {

    static final int MAX_ISSUE = 10_000;
    static final int MAX_REVOKE = 20;
    private static final int DUPLICATE_KEY = 11000;

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
     * exist, one update that retires lapsed issues, one unordered insert. A customer who is unknown (1026) or already
     * holds an active issue (1040) gets an error of its own; the others are issued.
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
                            .call(known -> known.isEmpty() ? Uni.createFrom().voidItem()
                                    : issues.expireLapsed(caller.orgId(), badge.id, known, now))
                            .chain(known -> insert(badge, wanted, known, trigger, requestId, issueEvent, expiresOn, now,
                                    claim == RequestIds.Claim.TAKEN_OVER))
                            .call(result -> catalog.count(badge, result.inserted, 0))
                            .call(() -> requestIds.finish(caller.orgId(), requestId))
                            .onFailure().call(() -> requestIds.abandon(caller.orgId(), requestId)))
                    .invoke(result -> {
                        metrics.issued(result.issued.size());
                        result.errors.forEach(e -> metrics.rejected("issue", e.code(), 1));
                    })
                    .map(result -> ApiResponse.partial(new AwardViews.IssueBulk(badge.id.toHexString(),
                            TriggeredBy.of(trigger), expiresOn == null ? null : EpochTime.seconds(expiresOn),
                            EpochTime.iso(expiresOn), result.issued, requestId), result.errors));
        });
    }

    /** Revokes the active issue of each of up to 20 customers; a customer without one gets an error line. */
    public Uni<AwardViews.RevokeIssue> revokeIssue(Caller caller, AwardRequests.RevokeIssue request) {
        List<Long> wanted = AwardRules.customers(request.customers(), "customers", MAX_REVOKE);
        Instant now = Times.now();
        return catalog.require(caller.orgId(), request.badgeMetaId()).chain(badge -> Uni.join()
                .all(wanted.stream().map(customerId -> issues.revokeActive(caller.orgId(), badge.id, customerId, now)
                        .map(revoked -> revoked == null
                                ? new RevokedIssue(customerId, null, "No active issue of this badge for the customer")
                                : new RevokedIssue(customerId, revoked.id.toHexString(), null)))
                        .toList())
                .andFailFast()
                .call(lines -> catalog.count(badge, -lines.stream().filter(l -> l.error() == null).count(), 0))
                .map(lines -> new AwardViews.RevokeIssue(badge.id.toHexString(), lines)));
    }

    /** The customers issued (by this call, or by the cut-off call it took over), and how many this call inserted. */
    private record Outcome(List<Issued> issued, List<ApiError> errors, int inserted) {
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
                documents.add(issue);
            }
        }
        Uni<Set<Integer>> duplicates = documents.isEmpty() ? Uni.createFrom().item(Set.of())
                : issues.mongoCollection().insertMany(documents, new InsertManyOptions().ordered(false))
                        .map(result -> Set.<Integer>of())
                        .onFailure(IssueService::onlyDuplicates)
                        .recoverWithItem(e -> duplicateIndexes((MongoBulkWriteException) e));
        return duplicates.chain(failed -> earlierOfThisRequest(badge, documents, failed, requestId, now, takenOver)
                .map(earlier -> {
                    List<Issued> issued = new ArrayList<>();
                    List<ApiError> errors = new ArrayList<>();
                    Set<Long> refused = new HashSet<>();
                    for (int i = 0; i < documents.size(); i++) {
                        IssueDocument issue = documents.get(i);
                        IssueDocument mine = earlier.get(issue.customerId);
                        if (mine != null) {
                            issued.add(new Issued(mine.customerId, mine.id.toHexString(), mine.status.name()));
                        } else if (failed.contains(i)) {
                            refused.add(issue.customerId);
                        } else {
                            issued.add(new Issued(issue.customerId, issue.id.toHexString(), issue.status.name()));
                        }
                    }
                    for (Long customerId : wanted) {
                        if (!known.contains(customerId)) {
                            errors.add(ApiError.of(ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.CUSTOMER_NOT_FOUND.message(),
                                    customerId.toString()));
                        } else if (refused.contains(customerId)) {
                            errors.add(ApiError.of(ErrorCode.ACTIVE_ISSUE_EXISTS,
                                    ErrorCode.ACTIVE_ISSUE_EXISTS.message(), customerId.toString()));
                        }
                    }
                    return new Outcome(issued, errors, documents.size() - failed.size());
                }));
    }

    /**
     * For a call that took over a cut-off one: of the customers refused for an active issue, those whose issue that
     * call made, by customer. One query by the unique active keys; none for a fresh call.
     */
    private Uni<Map<Long, IssueDocument>> earlierOfThisRequest(BadgeMetaDocument badge, List<IssueDocument> documents,
            Set<Integer> failed, String requestId, Instant now, boolean takenOver) {
        if (!takenOver || failed.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Long> refused = failed.stream().map(i -> documents.get(i).customerId).toList();
        return issues.findActive(badge.orgId, badge.id, refused, now).map(active -> active.stream()
                .filter(issue -> requestId.equals(issue.requestId))
                .collect(Collectors.toMap(issue -> issue.customerId, Function.identity(), (a, b) -> a)));
    }

    /** A bulk insert whose only failures are duplicate keys: customers who already hold an active issue. */
    private static boolean onlyDuplicates(Throwable failure) {
        return failure instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()
                && bulk.getWriteConcernError() == null
                && bulk.getWriteErrors().stream().allMatch(e -> e.getCode() == DUPLICATE_KEY);
    }

    private static Set<Integer> duplicateIndexes(MongoBulkWriteException failure) {
        Set<Integer> indexes = new HashSet<>();
        for (BulkWriteError error : failure.getWriteErrors()) {
            indexes.add(error.getIndex());
        }
        return indexes;
    }
}
