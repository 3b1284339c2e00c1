package io.laurel.points;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.laurel.common.EpochTime;
import io.laurel.event.Event;
import io.laurel.event.EventSource;
import io.smallrye.mutiny.Uni;

/**
 * The points feature's events, raised by ledger entries: {@code points.goodwill.allocated} with the allocation as it was
 * made, {@code points.redeemed} with the redemption.
 */
@ApplicationScoped
public class PointsEvents implements EventSource {

    public static final String GOODWILL_ALLOCATED = "points.goodwill.allocated";
    public static final String REDEEMED = "points.redeemed";

    private final GoodwillRepository entries;

    PointsEvents(GoodwillRepository entries) {
        this.entries = entries;
    }

    @Override
    public List<Source<?>> sources() {
        return List.of(new Source<GoodwillEntryDocument>("goodwill", entries::mongoCollection, e -> e.id, e -> e.events,
                batch -> Uni.createFrom().item(batch.stream()
                        .flatMap(entry -> Event.each(entry.events, entry.orgId, raised -> REDEEMED.equals(raised.type)
                                ? redeemed(entry) : allocated(entry))).toList())));
    }

    /** A redemption as the redeem call answered it: the points redeemed (above zero) and its references. */
    private static Map<String, Object> redeemed(GoodwillEntryDocument entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("redemptionId", entry.createdId);
        data.put("customerId", entry.customerId);
        data.put("pointsRedeemed", -entry.points);
        data.put("referenceId", entry.referenceId);
        data.put("transactionNumber", entry.transactionNumber);
        data.put("notes", entry.reason);
        data.put("redeemedOn", EpochTime.iso(entry.createdOn));
        data.put("createdBy", entry.createdBy);
        return data;
    }

    private static Map<String, Object> allocated(GoodwillEntryDocument entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("createdId", entry.createdId);
        data.put("referenceId", entry.referenceId);
        data.put("customerId", entry.customerId);
        data.put("programId", entry.programId);
        data.put("points", entry.points);
        data.put("reason", entry.reason);
        data.put("baseType", entry.baseType);
        data.put("awardingTillId", entry.awardingTillId);
        data.put("source", entry.source);
        data.put("createdOn", EpochTime.iso(entry.createdOn));
        data.put("createdBy", entry.createdBy);
        return data;
    }
}
