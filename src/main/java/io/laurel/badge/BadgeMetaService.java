package io.laurel.badge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.laurel.badge.group.BadgeGroupService;
import io.laurel.badge.schema.SchemaService;
import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.identity.Caller;
import io.laurel.org.OrgCalendar;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BadgeMetaService {

    /** A startOn this far behind the server clock still counts as "now" (the request took time to arrive). */
    static final Duration START_GRACE = Duration.ofMinutes(1);

    /** The sequence of {@code badgeNumericId}s, one per org. */
    static final String NUMERIC_ID_SEQUENCE = "badgeNumericId:";

    private final BadgeMetaRepository badges;
    private final BadgeGroupService groups;
    private final SequenceRepository sequences;
    private final BadgeStatistics statistics;
    private final SchemaService schemas;
    private final BadgeCounters counters;
    private final OrgCalendar calendar;

    BadgeMetaService(BadgeMetaRepository badges, BadgeGroupService groups, SequenceRepository sequences,
            BadgeStatistics statistics, SchemaService schemas, BadgeCounters counters, OrgCalendar calendar) {
        this.counters = counters;
        this.calendar = calendar;
        this.badges = badges;
        this.groups = groups;
        this.sequences = sequences;
        this.statistics = statistics;
        this.schemas = schemas;
    }

    public Uni<BadgeMetaView> create(Caller caller, BadgeMetaRequest request, boolean migration) {
        Instant now = Times.now();
        BadgeMetaDocument badge = new BadgeMetaDocument();
        badge.orgId = caller.orgId();
        badge.active = true;
        badge.createdOn = now;
        badge.createdBy = caller.username();
        badge.createdById = caller.userId();
        badge.lastUpdatedOn = now;
        badge.lastUpdatedBy = caller.username();
        badge.lastUpdatedById = caller.userId();
        return Uni.createFrom().item(badge)
                .invoke(b -> {
                    BadgeMetaMapper.apply(request, b);
                    BadgeMetaRules.check(b);
                    if (!migration) {
                        requireNotPast(b.startOn, now);
                        requireNotExpired(b.expiresOn, now);
                    }
                    addClaims(b, request.ownership() == null ? null : request.ownership().claims());
                })
                .call(b -> b.badgeGroupId == null ? Uni.createFrom().voidItem()
                        : groups.require(caller.orgId(), b.badgeGroupId))
                .call(b -> schemas.check(caller.orgId(), b))
                .call(b -> sequences.next(NUMERIC_ID_SEQUENCE + caller.orgId()).invoke(n -> b.badgeNumericId = n))
                .chain(badges::persist)
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> duplicateName())
                .chain(b -> withGroupName(b, now));
    }

    /** The claims a create carries, made as the claim call would: owner types must be among the owners (714). */
    private static void addClaims(BadgeMetaDocument badge, List<ClaimRequest> claims) {
        if (claims == null) {
            return;
        }
        for (ClaimRequest request : claims) {
            ClaimRequest claim = request.required();
            if (!badge.ownership.restrictedToOwners.contains(claim.ownerType())) {
                throw ErrorCode.OWNER_TYPE_NOT_ALLOWED.exception(claim.ownerType()
                        + " is not in the badge's restrictedToOwners", "ownership.claims");
            }
            boolean known = badge.ownership.claims.stream().anyMatch(c -> c.ownerType == claim.ownerType()
                    && c.referenceId.equals(claim.referenceId()));
            if (!known) {
                badge.ownership.claims.add(BadgeMetaMapper.claim(claim.ownerType(), claim.referenceId()));
            }
        }
    }

    /** The view of one badge as just read from the store, with its group's name and this replica's unwritten counts. */
    private Uni<BadgeMetaView> withGroupName(BadgeMetaDocument read, Instant now) {
        BadgeMetaDocument badge = counters.withUnwritten(read);
        Uni<String> groupName = badge.badgeGroupId == null ? Uni.createFrom().nullItem()
                : groups.names(badge.orgId, List.of(badge.badgeGroupId)).map(names -> names.get(badge.badgeGroupId));
        return Uni.combine().all().unis(groupName, calendar.zone(badge.orgId))
                .with((name, zone) -> BadgeMetaMapper.view(badge, now, name, zone));
    }

    /**
     * Overlays the request on the stored definition, checks the whole result with the same rules as a creation, and
     * stores it only if nobody changed the definition meanwhile (optimistic version).
     */
    public Uni<BadgeMetaView> update(Caller caller, BadgeMetaRequest request, boolean migration) {
        if (request.id() == null) {
            return Uni.createFrom().failure(ErrorCode.INVALID_INPUT.exception("id is required to update", "id"));
        }
        ObjectId id = ObjectIds.parse(request.id(), "id");
        Instant now = Times.now();
        return badges.findInOrg(caller.orgId(), id)
                .onItem().ifNull().failWith(BadgeMetaService::notFound)
                .map(counters::withUnwritten)
                .chain(stored -> {
                    BadgeMetaDocument updated = BadgeMetaMapper.copy(stored);
                    BadgeMetaMapper.apply(request, updated);
                    BadgeMetaRules.check(updated);
                    checkChange(stored, updated, now, migration);
                    Uni<?> group = updated.badgeGroupId == null || updated.badgeGroupId.equals(stored.badgeGroupId)
                            ? Uni.createFrom().voidItem()
                            : groups.require(caller.orgId(), updated.badgeGroupId);
                    return group.chain(() -> schemas.check(caller.orgId(), updated))
                            .chain(() -> badges.updateIf(caller.orgId(), id, unchangedSince(stored, updated),
                                    definitionUpdate(updated, caller, now)));
                })
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> duplicateName())
                .onItem().ifNull().failWith(() -> ErrorCode.CONFLICT.exception(
                        "The badge changed while it was being updated; read it again and retry", "id"))
                .chain(b -> withGroupName(b, now));
    }

    /** One badge; with {@code includeStatistics}, what became of its issues and earns (the vendor's switch). */
    public Uni<BadgeMetaView> get(Caller caller, String id, boolean includeStatistics) {
        Instant now = Times.now();
        return badges.findInOrg(caller.orgId(), ObjectIds.parse(id, "id"))
                .onItem().ifNull().failWith(BadgeMetaService::notFound)
                .chain(b -> !includeStatistics ? withGroupName(b, now)
                        : Uni.combine().all().unis(withGroupName(b, now), statistics.of(b.orgId, b.id, now))
                                .with((view, counts) -> view.withStatistics(new BadgeMetaView.Statistics(
                                        counts.issued(), counts.earned(), counts.revoked(), counts.expired()))));
    }

    public Uni<BadgeMetaView.Page> list(Caller caller, BadgeListQuery query) {
        Instant now = Times.now();
        Bson filter = query.filter(caller.orgId(), now);
        return Uni.combine().all().unis(badges.list(filter, query.sort(), query.paging()), badges.count(filter),
                calendar.zone(caller.orgId())).asTuple()
                .chain(found -> groups.names(caller.orgId(), found.getItem1().stream().map(b -> b.badgeGroupId)
                                .filter(Objects::nonNull).collect(Collectors.toSet()))
                        .map(names -> new BadgeMetaView.Page(found.getItem1().stream()
                                .map(b -> BadgeMetaMapper.view(counters.withUnwritten(b), now,
                                        b.badgeGroupId == null ? null : names.get(b.badgeGroupId), found.getItem3()))
                                .toList(),
                                query.paging().of(found.getItem2()))));
    }

    /**
     * Activates or deactivates a badge ({@code activate}/{@code deactivate}, the vendor's path words). A deactivated
     * badge is refused by issue and earn (1039) and left off the wall's AVAILABLE kinds; its history stays.
     */
    public Uni<BadgeMetaView.Activation> activation(Caller caller, String id, String activationStatus) {
        boolean active = switch (activationStatus == null ? "" : activationStatus.toLowerCase(Locale.ROOT)) {
            case "activate" -> true;
            case "deactivate" -> false;
            default -> throw ErrorCode.INVALID_INPUT.exception("activationStatus must be activate or deactivate",
                    "activationStatus");
        };
        ObjectId badgeId = ObjectIds.parse(id, "id");
        return badges.updateIf(caller.orgId(), badgeId, Filters.empty(), Updates.combine(Updates.set("active", active),
                        Updates.inc("version", 1L), Updates.set("lastUpdatedOn", Times.now()),
                        Updates.set("lastUpdatedBy", caller.username()), Updates.set("lastUpdatedById", caller.userId())))
                .onItem().ifNull().failWith(BadgeMetaService::notFound)
                .map(b -> new BadgeMetaView.Activation(b.id.toHexString(), b.active));
    }

    /** Claims the badge for an owner; claiming the same owner and reference again changes nothing. */
    public Uni<BadgeMetaView.ClaimAnswer> claim(Caller caller, String id, ClaimRequest given) {
        ObjectId badgeId = ObjectIds.parse(id, "id");
        ClaimRequest request = given.required();
        Document claim = new Document("ownerType", request.ownerType().name()).append("referenceId", request.referenceId());
        Bson allowed = Filters.eq("ownership.restrictedToOwners", request.ownerType().name());
        Bson bump = Updates.combine(Updates.inc("version", 1L), Updates.set("lastUpdatedOn", Times.now()),
                Updates.set("lastUpdatedBy", caller.username()),
                Updates.set("lastUpdatedById", caller.userId()));
        // The claim to change is named by an array filter: positional $ is ambiguous when a query constrains two arrays.
        Uni<BadgeMetaDocument> reactivate = badges.updateIf(caller.orgId(), badgeId,
                Filters.and(allowed, Filters.elemMatch("ownership.claims", claim)),
                Updates.combine(Updates.set("ownership.claims.$[c].isActive", true), bump),
                List.of(new Document("c.ownerType", request.ownerType().name())
                        .append("c.referenceId", request.referenceId())));
        Uni<BadgeMetaDocument> add = badges.updateIf(caller.orgId(), badgeId,
                Filters.and(allowed, Filters.not(Filters.elemMatch("ownership.claims", claim))),
                Updates.combine(Updates.push("ownership.claims",
                        BadgeMetaMapper.claim(request.ownerType(), request.referenceId())), bump));
        return reactivate
                .onItem().ifNull().switchTo(() -> add)
                // Between the two steps another request may have added the same claim: then it exists to reactivate.
                .onItem().ifNull().switchTo(() -> reactivate)
                .onItem().ifNull().switchTo(() -> badges.findInOrg(caller.orgId(), badgeId)
                        .onItem().ifNull().failWith(BadgeMetaService::notFound)
                        .invoke(b -> {
                            throw ErrorCode.OWNER_TYPE_NOT_ALLOWED.exception(request.ownerType()
                                    + " is not in the badge's restrictedToOwners", "ownerType");
                        }))
                .map(b -> new BadgeMetaView.ClaimAnswer(id, request.ownerType(), request.referenceId(), true));
    }

    /** Deactivates an active claim; the claim stays in the list with isActive false. */
    public Uni<BadgeMetaView.ClaimAnswer> unclaim(Caller caller, String id, ClaimRequest given) {
        ObjectId badgeId = ObjectIds.parse(id, "id");
        ClaimRequest request = given.required();
        Document activeClaim = new Document("ownerType", request.ownerType().name())
                .append("referenceId", request.referenceId()).append("isActive", true);
        return badges.updateIf(caller.orgId(), badgeId, Filters.elemMatch("ownership.claims", activeClaim),
                Updates.combine(Updates.set("ownership.claims.$[c].isActive", false), Updates.inc("version", 1L),
                        Updates.set("lastUpdatedOn", Times.now()), Updates.set("lastUpdatedBy", caller.username()),
                        Updates.set("lastUpdatedById", caller.userId())),
                List.of(new Document("c.ownerType", request.ownerType().name())
                        .append("c.referenceId", request.referenceId())))
                .onItem().ifNull().switchTo(() -> badges.findInOrg(caller.orgId(), badgeId)
                        .onItem().ifNull().failWith(BadgeMetaService::notFound)
                        .invoke(b -> {
                            throw ErrorCode.CLAIM_NOT_FOUND.exception("No active claim of " + request.ownerType()
                                    + " with referenceId " + request.referenceId(), "referenceId");
                        }))
                .map(b -> new BadgeMetaView.ClaimAnswer(id, request.ownerType(), request.referenceId(), false));
    }

    private static void checkChange(BadgeMetaDocument stored, BadgeMetaDocument updated, Instant now,
            boolean migration) {
        if (!updated.startOn.equals(stored.startOn)) {
            if (BadgeStatus.at(now, stored.startOn, stored.expiresOn) != BadgeStatus.UPCOMING) {
                throw ErrorCode.START_ON_FIXED_WHEN_LIVE.exception(
                        "startOn can change only while the badge is UPCOMING", "startOn");
            }
            if (!migration) {
                requireNotPast(updated.startOn, now);
            }
        }
        if (!updated.expiresOn.equals(stored.expiresOn) && !migration) {
            requireNotExpired(updated.expiresOn, now);
        }
        BadgeMetaRules.checkKindKept(stored.customerConstraints, updated.customerConstraints, "customerConstraints");
        BadgeMetaRules.checkKindKept(stored.badgeConstraints, updated.badgeConstraints, "badgeConstraints");
        if (updated.earnType != stored.earnType && stored.issuedCount + stored.earnedCount > 0) {
            throw ErrorCode.INVALID_INPUT.exception("earnType cannot change once the badge was issued or earned",
                    "earnType");
        }
        Set<OwnerType> kept = Set.copyOf(updated.ownership.restrictedToOwners);
        Set<OwnerType> claimed = stored.ownership.claims.stream().filter(c -> c.isActive).map(c -> c.ownerType)
                .filter(owner -> !kept.contains(owner)).collect(Collectors.toCollection(TreeSet::new));
        if (!claimed.isEmpty()) {
            throw ErrorCode.INVALID_INPUT.exception("Cannot remove " + claimed
                    + " from restrictedToOwners while it holds an active claim; unclaim first",
                    "ownership.restrictedToOwners");
        }
    }

    /** The stored version, and, if earnType changes, still no issue or earn: both checked in the same write. */
    private static Bson unchangedSince(BadgeMetaDocument stored, BadgeMetaDocument updated) {
        Bson version = Filters.eq("version", stored.version);
        return updated.earnType == stored.earnType ? version
                : Filters.and(version, Filters.eq("issuedCount", 0L), Filters.eq("earnedCount", 0L));
    }

    /** Only the definition's own fields: counters and claims are never overwritten by an update. */
    private static Bson definitionUpdate(BadgeMetaDocument d, Caller caller, Instant now) {
        return Updates.combine(
                Updates.set("name", d.name),
                Updates.set("description", d.description),
                Updates.set("startOn", d.startOn),
                Updates.set("expiresOn", d.expiresOn),
                Updates.set("earnType", d.earnType),
                Updates.set("ownership.restrictedToOwners", d.ownership.restrictedToOwners),
                Updates.set("customerConstraints", d.customerConstraints),
                Updates.set("badgeConstraints", d.badgeConstraints),
                Updates.set("earnedBadgeExpiry", d.earnedBadgeExpiry),
                Updates.set("issuedBadgeExpiry", d.issuedBadgeExpiry),
                Updates.set("images", d.images),
                Updates.set("tags", d.tags),
                Updates.set("customFields", d.customFields),
                Updates.set("badgeGroupId", d.badgeGroupId),
                Updates.set("badgeRank", d.badgeRank),
                Updates.set("active", d.active),
                Updates.set("benefits", d.benefits),
                Updates.set("lastUpdatedOn", now),
                Updates.set("lastUpdatedBy", caller.username()),
                Updates.set("lastUpdatedById", caller.userId()),
                Updates.inc("version", 1L));
    }

    private static void requireNotPast(Instant startOn, Instant now) {
        if (startOn.isBefore(now.minus(START_GRACE))) {
            throw ErrorCode.START_ON_IN_PAST.exception("startOn must not be in the past (send "
                    + BadgeMetaResource.MIGRATION_HEADER + ": migration to import past badges)", "startOn");
        }
    }

    private static void requireNotExpired(Instant expiresOn, Instant now) {
        if (!expiresOn.isAfter(now)) {
            throw ErrorCode.EXPIRY_IN_PAST.exception("expiresOn must be in the future", "expiresOn");
        }
    }

    public static Bson statusFilter(BadgeStatus status, Instant now) {
        return switch (status) {
            case UPCOMING -> Filters.gt("startOn", now);
            case LIVE -> Filters.and(Filters.lte("startOn", now), Filters.gt("expiresOn", now));
            case EXPIRED -> Filters.lte("expiresOn", now);
        };
    }

    private static Throwable duplicateName() {
        return ErrorCode.DUPLICATE_BADGE_NAME.exception("A badge with this name already exists in the org", "name");
    }

    private static RuntimeException notFound() {
        return ErrorCode.BADGE_NOT_FOUND.exception(ErrorCode.BADGE_NOT_FOUND.message(), "id");
    }
}
