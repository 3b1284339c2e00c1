package io.laurel.badge;

import java.time.Instant;

import org.bson.types.ObjectId;

import io.smallrye.mutiny.Uni;

/**
 * What became of a badge's issues and earns, counted by the feature that keeps them (award): the catalogue asks
 * through this interface and never reads their collections itself.
 */
public interface BadgeStatistics {

    /** Live issues and earns, and those revoked or expired. */
    record Counts(long issued, long earned, long revoked, long expired) {
    }

    Uni<Counts> of(long orgId, ObjectId badgeMetaId, Instant now);
}
