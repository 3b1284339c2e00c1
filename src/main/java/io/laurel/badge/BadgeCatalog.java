package io.laurel.badge;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

import io.laurel.badge.group.BadgeGroupDocument;
import io.laurel.badge.group.BadgeGroupService;
import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.ObjectIds;
import io.smallrye.mutiny.Uni;

/** What other features may ask of the badge catalogue: a definition of the org, and its award counters. */
@ApplicationScoped
public class BadgeCatalog {

    /** The collection of badge groups, for the lookups of views that show a badge's group name. */
    public static final String GROUP_COLLECTION = BadgeGroupDocument.COLLECTION;

    private final BadgeMetaRepository badges;
    private final BadgeGroupService groups;

    private final BadgeCounters counters;

    private final Duration definitionMaxAge;
    /** By definition object (identity; dropped with it). */
    private final Map<BadgeMetaDocument, BadgeLimits> parsed = new WeakHashMap<>();

    BadgeCatalog(BadgeMetaRepository badges, BadgeGroupService groups, BadgeCounters counters, LaurelConfig config) {
        this.definitionMaxAge = config.badges().definitionMaxAge();
        this.badges = badges;
        this.groups = groups;
        this.counters = counters;
    }

    /** The name of the badge's group; null without one. */
    public Uni<String> groupName(BadgeMetaDocument badge) {
        if (badge.badgeGroupId == null) {
            return Uni.createFrom().nullItem();
        }
        return groups.names(badge.orgId, List.of(badge.badgeGroupId)).map(names -> names.get(badge.badgeGroupId));
    }

    /**
     * The badge of the org, as read at most {@code laurel.badges.definition-max-age} ago (see
     * {@link BadgeMetaRepository#findInOrgRecent}); callers must not change it. 400 when the id is missing or malformed, 404 when it names no badge of the org. */
    public Uni<BadgeMetaDocument> require(long orgId, String badgeMetaId) {
        if (badgeMetaId == null || badgeMetaId.isBlank()) {
            return Uni.createFrom().failure(ErrorCode.INVALID_INPUT.exception("badgeMetaId is required", "badgeMetaId"));
        }
        ObjectId id = ObjectIds.parse(badgeMetaId, "badgeMetaId");
        return badges.findInOrgRecent(orgId, id, definitionMaxAge).onItem().ifNull().failWith(() -> ErrorCode.BADGE_NOT_FOUND
                .exception(ErrorCode.BADGE_NOT_FOUND.message(), badgeMetaId));
    }

    /** The org's badges among {@code ids}, by id (one query; unknown ids and other orgs' badges are left out). */
    public Uni<Map<ObjectId, BadgeMetaDocument>> findAll(long orgId, Collection<ObjectId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return badges.mongoCollection().find(Filters.and(Filters.eq("orgId", orgId), Filters.in("_id", ids)))
                .collect().asList().map(found -> found.stream().collect(Collectors.toMap(b -> b.id, b -> b)));
    }

    /** Runs an aggregation over the definitions and answers its rows (for example keyed joins per definition). */
    public Uni<List<org.bson.Document>> aggregateAll(List<? extends Bson> pipeline) {
        return badges.mongoCollection().aggregate(pipeline, org.bson.Document.class).collect().asList();
    }

    /** Runs an aggregation over the definitions and decodes its single result (for example a $facet). */
    public <T> Uni<T> aggregateOne(List<? extends Bson> pipeline, Class<T> type) {
        return badges.mongoCollection().aggregate(pipeline, type).collect().first();
    }

    /**
     * The badge's limits, typed: parsed once per definition read (definitions read within the last second are one
     * object, so a stream of earns parses each once).
     */
    public BadgeLimits limits(BadgeMetaDocument badge) {
        synchronized (parsed) {
            return parsed.computeIfAbsent(badge, BadgeLimits::of);
        }
    }

    /** Adds to the definition's counters (negative to take away); written in batches ({@link BadgeCounters}). */
    public void count(BadgeMetaDocument badge, long issued, long earned) {
        if (issued != 0 || earned != 0) {
            counters.add(badge.id, issued, earned);
        }
    }
}
