package io.laurel.award.limit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.laurel.badge.BadgeLimits;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.common.ErrorCode;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.smallrye.mutiny.Uni;

/**
 * Enforces a badge's earn limits. An earn reserves a slot in the customer's scope (always: it also counts the
 * customer's earns) and, when the badge has badge limits, in the badge's scope. Each reservation is one atomic
 * update of one document, conditional on the limits: a plain conditional {@code $inc} for counters, or a
 * read-check-write on the scope's version when rolling windows need the days around the event. If the badge scope
 * refuses, the customer reservation is released, so a failed earn holds no slot.
 */
@ApplicationScoped
public class EarnLimits {

    /** When a scope last changed: the reconciler recounts only scopes quiet for longer than any call runs. */
    public static final String CHANGED_ON = "changedOn";

    /** Attempts of one reservation while other earns keep changing the same scope. */
    static final int MAX_ATTEMPTS = 200;

    private final LimitRepository scopes;

    EarnLimits(LimitRepository scopes) {
        this.scopes = scopes;
    }

    /** What the earn reserved, and the customer's live earns of the badge including this one. */
    public record Outcome(List<Reservation> reservations, long customerEarnedCount) {
    }

    /** Thrown inside an attempt when the scope changed under it; the attempt starts over. */
    static final class Contended extends RuntimeException {
        Contended() {
            super("scope changed concurrently", null, false, false);
        }
    }

    public static String customerScopeId(BadgeMetaDocument badge, long customerId) {
        return Scope.customerScopeId(badge, customerId);
    }

    /** The customer-scope counter of earns expiring at {@code expiresOn} (to the second), or never. */
    public static String expiryField(Instant expiresOn) {
        return "exp." + (expiresOn == null ? LimitScopeDocument.NEVER : Long.toString(expiresOn.getEpochSecond()));
    }

    /** The scope that counts every customer's earns of the badge. */
    public static String badgeScopeId(BadgeMetaDocument badge) {
        return "b:" + badge.id.toHexString();
    }

    /**
     * Reserves the earn's slots; the customer's scope also counts the earn under its expiry ({@code exp.<epoch
     * second>} or {@code exp.none}), so the badge wall tells live earns from expired ones without reading them.
     */
    public Uni<Outcome> reserve(BadgeMetaDocument badge, BadgeLimits limits, long customerId, Instant event,
            Instant expiresOn, Instant now, ZoneId zone) {
        Scope customer = Scope.of(limits.customer(), true, Scope.customerScopeId(badge, customerId), event, zone);
        customer.fields.add(expiryField(expiresOn));
        Scope all = Scope.of(limits.badge(), false, badgeScopeId(badge), event, zone);
        Bson customerExtras = Updates.combine(Updates.setOnInsert("customerId", customerId),
                Updates.max("lastEarnedOn", now), Updates.max("lastEarnEventDate", event));
        return reserve(customer, badge, customerExtras).chain(customerScope -> {
            Reservation mine = new Reservation(customer.id, customer.fields);
            if (!all.limited()) {
                return Uni.createFrom().item(new Outcome(List.of(mine), customerScope.total));
            }
            return reserve(all, badge, Updates.combine())
                    .map(badgeScope -> new Outcome(List.of(mine, new Reservation(all.id, all.fields)),
                            customerScope.total))
                    .onFailure().call(() -> release(List.of(mine)));
        });
    }

    /**
     * The counters an earn at {@code event} holds, without checking any limit: for history taken as it was (the
     * import), which must count toward later checks but may not be refused by them.
     */
    public List<Reservation> unchecked(BadgeMetaDocument badge, BadgeLimits limits, long customerId, Instant event,
            Instant expiresOn, ZoneId zone) {
        Scope customer = Scope.of(limits.customer(), true, Scope.customerScopeId(badge, customerId), event, zone);
        customer.fields.add(expiryField(expiresOn));
        Scope all = Scope.of(limits.badge(), false, badgeScopeId(badge), event, zone);
        List<Reservation> held = new ArrayList<>();
        held.add(new Reservation(customer.id, customer.fields));
        if (all.limited()) {
            held.add(new Reservation(all.id, all.fields));
        }
        return held;
    }

    /**
     * Adds imported earns to their scopes in one bulk write: each scope's counters by the sum of its earns, created
     * when missing; customer scopes also learn their latest earn times.
     */
    public Uni<Void> addUnchecked(BadgeMetaDocument badge, List<Imported> earns) {
        Map<String, Map<String, Long>> increments = new LinkedHashMap<>();
        Map<String, Imported> latest = new HashMap<>();
        for (Imported earn : earns) {
            for (Reservation reservation : earn.reservations()) {
                Map<String, Long> fields = increments.computeIfAbsent(reservation.scopeId(), id -> new LinkedHashMap<>());
                reservation.fields().forEach(field -> fields.merge(field, 1L, Long::sum));
                if (reservation.scopeId().startsWith("c:")) {
                    latest.merge(reservation.scopeId(), earn, (a, b) -> b.event().isAfter(a.event()) ? b : a);
                }
            }
        }
        if (increments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<WriteModel<LimitScopeDocument>> writes = new ArrayList<>();
        increments.forEach((scopeId, fields) -> {
            List<Bson> updates = new ArrayList<>();
            fields.forEach((field, n) -> updates.add(Updates.inc(field, n)));
            fields.keySet().stream().filter(field -> field.startsWith("days."))
                    .mapToLong(field -> Long.parseLong(field.substring("days.".length()))).max()
                    .ifPresent(lastDay -> updates.add(Updates.max("lastDay", lastDay)));
            updates.add(Updates.inc("version", 1L));
            updates.add(Updates.set(CHANGED_ON, Times.now()));
            updates.add(Updates.setOnInsert("orgId", badge.orgId));
            updates.add(Updates.setOnInsert("badgeMetaId", badge.id));
            Imported last = latest.get(scopeId);
            if (last != null) {
                updates.add(Updates.setOnInsert("customerId", last.customerId()));
                updates.add(Updates.max("lastEarnedOn", last.earnedOn()));
                updates.add(Updates.max("lastEarnEventDate", last.event()));
            }
            writes.add(new UpdateOneModel<>(Filters.eq("_id", scopeId), Updates.combine(updates),
                    new UpdateOptions().upsert(true)));
        });
        return scopes.mongoCollection().bulkWrite(writes).replaceWithVoid();
    }

    /** An imported earn: its customer, event, recorded time and the counters it holds. */
    public record Imported(long customerId, Instant event, Instant earnedOn, List<Reservation> reservations) {
    }

    /** The customers' live earns of the badge (their scopes' totals), in one query. */
    public Uni<Map<Long, Long>> customerTotals(BadgeMetaDocument badge, List<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return scopes.findAll(customerIds.stream().map(id -> Scope.customerScopeId(badge, id)).toList())
                .map(found -> found.stream().filter(scope -> scope.customerId != null)
                        .collect(Collectors.toMap(scope -> scope.customerId, scope -> scope.total, (a, b) -> a)));
    }

    /** Gives the slots back: after a failed earn, or when an earn is revoked. */
    public Uni<Void> release(List<Reservation> reservations) {
        List<Uni<Void>> releases = new ArrayList<>();
        for (Reservation reservation : reservations) {
            List<Bson> decrements = new ArrayList<>();
            reservation.fields().forEach(field -> decrements.add(Updates.inc(field, -1L)));
            decrements.add(Updates.inc("version", 1L));
            decrements.add(Updates.set(CHANGED_ON, Times.now()));
            releases.add(scopes.update(reservation.scopeId(), Updates.combine(decrements)));
        }
        return releases.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(releases).andFailFast().replaceWithVoid();
    }

    private Uni<LimitScopeDocument> reserve(Scope scope, BadgeMetaDocument badge, Bson extras) {
        List<Bson> increments = new ArrayList<>();
        scope.fields.forEach(field -> increments.add(Updates.inc(field, 1L)));
        if (!scope.rolling.isEmpty()) {
            increments.add(Updates.max("lastDay", scope.day));
        }
        Bson update = Updates.combine(Updates.combine(increments), Updates.inc("version", 1L),
                Updates.set(CHANGED_ON, Times.now()), Updates.setOnInsert("orgId", badge.orgId),
                Updates.setOnInsert("badgeMetaId", badge.id), extras);
        AtomicBoolean readFirst = new AtomicBoolean();
        return Uni.createFrom().deferred(() -> attempt(scope, update, readFirst))
                .onFailure(Contended.class).retry().withBackOff(Duration.ofMillis(1), Duration.ofMillis(25))
                .withJitter(0.5).atMost(MAX_ATTEMPTS)
                .onFailure(Contended.class).transform(e -> ErrorCode.CONFLICT.exception(
                        "Too many concurrent earns of this badge; retry the request", "badgeMetaId"));
    }

    /**
     * One conditional update: first with the limits as its condition ({@link Scope#condition}), which decides every
     * earn but a late one; after that refused without a limit being full (a late event), reading the scope, checking
     * it here and updating only the version read.
     */
    private Uni<LimitScopeDocument> attempt(Scope scope, Bson update, AtomicBoolean readFirst) {
        Uni<Bson> condition = !readFirst.get() ? Uni.createFrom().item(scope.condition())
                : scopes.find(scope.id).map(current -> {
                    check(scope, current);
                    return current == null ? Filters.exists("version", false) : Filters.eq("version", current.version);
                });
        return condition.chain(c -> scopes.upsertIf(scope.id, c, update))
                // The scope exists but refused the condition: full, late, or changed since it was read.
                .onFailure(SequenceRepository::isDuplicateKey).recoverWithUni(() -> scopes.find(scope.id)
                        .map(current -> {
                            check(scope, current);
                            readFirst.set(true);
                            throw new Contended();
                        }));
    }

    private static void check(Scope scope, LimitScopeDocument current) {
        String violation = scope.violation(current);
        if (violation != null) {
            throw new LimitExceededException(scope.perCustomer, violation);
        }
    }
}
