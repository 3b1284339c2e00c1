package io.laurel.award;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.InsertManyOptions;

import io.laurel.award.limit.EarnLimits;
import io.laurel.award.limit.Reservation;
import io.laurel.badge.BadgeCatalog;
import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.OwnerType;
import io.laurel.common.ApiError;
import io.laurel.common.ApiResponse;
import io.laurel.common.EpochTime;
import io.laurel.common.ErrorCode;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.customer.CustomerLookup;
import io.laurel.event.PendingEvents;
import io.laurel.identity.Caller;
import io.laurel.org.OrgCalendar;
import io.smallrye.mutiny.Uni;

/**
 * Imports earned badges as history: each item becomes an earn (owner Historical_Import) that appears wherever earns
 * appear and counts toward later limit checks, without being checked against them. A few round trips per batch
 * whatever its size: the badges, the customers, the earlier imports of the batch, one insert, one counter write per
 * badge.
 * <p>
 * Idempotent: item n of a batch gets the requestId {@code <sha-256 of the org and the batch>_<n>} (1-based, as the
 * vendor numbers them), and an earn's request key is unique; sending the same batch again answers the earns the first
 * call made and imports nothing twice. Two equal items of one batch are two earns, as at the vendor.
 */
@ApplicationScoped
public class ImportService {

    static final int MAX_ITEMS = 1_000;

    private final BadgeCatalog catalog;
    private final CustomerLookup customers;
    private final EarnRepository earns;
    private final EarnLimits limits;
    private final ObjectMapper json;
    private final OrgCalendar calendar;

    ImportService(BadgeCatalog catalog, CustomerLookup customers, EarnRepository earns, EarnLimits limits,
            ObjectMapper json, OrgCalendar calendar) {
        this.calendar = calendar;
        this.catalog = catalog;
        this.customers = customers;
        this.earns = earns;
        this.limits = limits;
        this.json = json;
    }

    /** One answer line per item, in order: the earn, or the item's error. */
    public Uni<List<ApiResponse<AwardViews.Imported>>> importEarns(Caller caller, List<ImportRequest> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw ErrorCode.INVALID_INPUT.exception("The body must be an array of 1 to " + MAX_ITEMS + " items", "body");
        }
        Instant now = Times.now();
        String batch = batchId(caller.orgId(), canonical(items));
        Set<ObjectId> badgeIds = new LinkedHashSet<>();
        Set<Long> customerIds = new LinkedHashSet<>();
        for (ImportRequest item : items) {
            if (item != null && item.badgeMetaId() != null && ObjectId.isValid(item.badgeMetaId())) {
                badgeIds.add(new ObjectId(item.badgeMetaId()));
            }
            if (item != null && item.customerId() != null) {
                customerIds.add(item.customerId());
            }
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ImportRequest item = items.get(i);
            if (item != null && item.customerId() != null) {
                keys.add(EarnDocument.requestKey(caller.orgId(), requestId(batch, i), item.customerId()));
            }
        }
        return Uni.combine().all().unis(catalog.findAll(caller.orgId(), badgeIds),
                customers.existing(caller.orgId(), customerIds), earns.findByRequestKeys(caller.orgId(), keys),
                calendar.zone(caller.orgId())).asTuple()
                .chain(found -> write(found.getItem1(), found.getItem2(), found.getItem3().stream()
                        .collect(Collectors.toMap(e -> e.requestKey, Function.identity(), (a, b) -> a)),
                        items, batch, caller.orgId(), now, found.getItem4()));
    }

    /** What an item becomes: an earn to write, one written by an earlier call with this batch, or an error. */
    private record Line(EarnDocument earn, boolean earlier, ApiError error) {
    }

    private Uni<List<ApiResponse<AwardViews.Imported>>> write(Map<ObjectId, BadgeMetaDocument> badges, Set<Long> known,
            Map<String, EarnDocument> earlier, List<ImportRequest> items, String batch, long orgId, Instant now,
            ZoneId zone) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add(line(items.get(i), i, badges, known, earlier, batch, orgId, now, zone));
        }
        List<EarnDocument> fresh = lines.stream().filter(l -> l.earn != null && !l.earlier).map(Line::earn).toList();
        Uni<Set<ObjectId>> inserted = fresh.isEmpty() ? Uni.createFrom().item(Set.of())
                : earns.mongoCollection().insertMany(fresh, new InsertManyOptions().ordered(false))
                        .map(result -> fresh.stream().map(e -> e.id).collect(Collectors.toSet()))
                        .onFailure(SequenceRepository::isOnlyDuplicateKeys)
                        .recoverWithItem(e -> landed(fresh, SequenceRepository.refusedIndexes(e)));
        return inserted.call(landed -> count(badges, fresh.stream().filter(e -> landed.contains(e.id)).toList()))
                .map(landed -> lines.stream().map(ImportService::answer).toList());
    }

    private Line line(ImportRequest item, int index, Map<ObjectId, BadgeMetaDocument> badges, Set<Long> known,
            Map<String, EarnDocument> earlier, String batch, long orgId, Instant now, ZoneId zone) {
        if (item == null || item.badgeMetaId() == null || item.customerId() == null || item.earnEventDate() == null) {
            return error(ErrorCode.INVALID_INPUT, "badgeMetaId, customerId and earnEventDate are required",
                    "[" + index + "]");
        }
        if (!ObjectId.isValid(item.badgeMetaId())) {
            return error(ErrorCode.INVALID_INPUT, "badgeMetaId is not a badge id", "[" + index + "].badgeMetaId");
        }
        BadgeMetaDocument badge = badges.get(new ObjectId(item.badgeMetaId()));
        if (badge == null) {
            return error(ErrorCode.BADGE_NOT_FOUND, ErrorCode.BADGE_NOT_FOUND.message(), item.badgeMetaId());
        }
        if (!known.contains(item.customerId())) {
            return error(ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.CUSTOMER_NOT_FOUND.message(),
                    Long.toString(item.customerId()));
        }
        String requestId = requestId(batch, index);
        EarnDocument done = earlier.get(EarnDocument.requestKey(orgId, requestId, item.customerId()));
        if (done != null) {
            return new Line(done, true, null);
        }
        Instant event = item.earnEventDate().instant();
        Instant expires = item.earnExpiresOn() != null ? item.earnExpiresOn().instant()
                : AwardRules.expiresOn(badge.earnedBadgeExpiry, badge, event);
        if (expires != null && !expires.isAfter(event)) {
            return error(ErrorCode.INVALID_INPUT, "earnExpiresOn must be after earnEventDate", "[" + index + "].earnExpiresOn");
        }
        EarnDocument earn = new EarnDocument();
        earn.id = new ObjectId();
        earn.orgId = orgId;
        earn.badgeMetaId = badge.id;
        earn.customerId = item.customerId();
        earn.status = EarnDocument.EarnStatus.ACTIVE;
        earn.earnEventDate = event;
        earn.earnedOn = event;
        earn.expiresOn = expires;
        earn.triggeredBy = new Trigger();
        earn.triggeredBy.ownerType = OwnerType.Historical_Import;
        earn.triggeredBy.referenceId = batch;
        earn.requestId = requestId;
        earn.requestKey = EarnDocument.requestKey(orgId, requestId, item.customerId());
        earn.reservations = limitsOf(badge, item.customerId(), event, expires, zone);
        earn.events = PendingEvents.of(EarnDocument.COLLECTION, earn.id, now, AwardEvents.IMPORTED);
        return new Line(earn, false, null);
    }

    /** Counts the written earns: their limit counters (one bulk write per badge) and each badge's earned count. */
    private Uni<Void> count(Map<ObjectId, BadgeMetaDocument> badges, List<EarnDocument> written) {
        Map<ObjectId, List<EarnDocument>> byBadge = written.stream().collect(Collectors.groupingBy(e -> e.badgeMetaId));
        List<Uni<Void>> writes = new ArrayList<>();
        byBadge.forEach((id, list) -> {
            BadgeMetaDocument badge = badges.get(id);
            writes.add(limits.addUnchecked(badge, list.stream().map(e -> new EarnLimits.Imported(e.customerId,
                    e.earnEventDate, e.earnedOn, e.reservations.stream()
                            .map(h -> new Reservation(h.scopeId, h.fields)).toList())).toList())
                    .invoke(() -> catalog.count(badge, 0, list.size())));
        });
        return writes.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private List<EarnDocument.Held> limitsOf(BadgeMetaDocument badge, long customerId, Instant event, Instant expires,
            ZoneId zone) {
        return limits.unchecked(badge, catalog.limits(badge), customerId, event, expires, zone).stream().map(r -> {
            EarnDocument.Held held = new EarnDocument.Held();
            held.scopeId = r.scopeId();
            held.fields = r.fields();
            return held;
        }).toList();
    }

    private static ApiResponse<AwardViews.Imported> answer(Line line) {
        if (line.error != null) {
            return new ApiResponse<>(null, List.of(line.error), null);
        }
        EarnDocument e = line.earn;
        return new ApiResponse<>(new AwardViews.Imported(e.badgeMetaId.toHexString(), e.customerId, e.id.toHexString(),
                e.expiresOn == null ? null : EpochTime.seconds(e.expiresOn), EpochTime.iso(e.expiresOn), e.requestId,
                null), null, null);
    }

    /** The batch as JSON written by us: the same items give the same text whatever the client's spacing. */
    private String canonical(List<ImportRequest> items) {
        try {
            return json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("import items are plain records", e);
        }
    }

    private static Line error(ErrorCode code, String message, String reference) {
        return new Line(null, false, ApiError.of(code, message, reference));
    }

    static String requestId(String batch, int index) {
        return batch + "_" + (index + 1);
    }

    /** The batch's id: a hash of the org and the exact body, so that the same batch has the same requestIds. */
    static String batchId(long orgId, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(orgId).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            sha.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The earns of the batch that were written: all but the refused positions (a concurrent call's duplicates). */
    private static Set<ObjectId> landed(List<EarnDocument> fresh, Set<Integer> failed) {
        Set<ObjectId> landed = new LinkedHashSet<>();
        for (int i = 0; i < fresh.size(); i++) {
            if (!failed.contains(i)) {
                landed.add(fresh.get(i).id);
            }
        }
        return landed;
    }
}
