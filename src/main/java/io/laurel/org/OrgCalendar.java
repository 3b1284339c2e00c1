package io.laurel.org;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.Filters;

import io.laurel.common.ErrorCode;
import io.laurel.common.LaurelConfig;
import io.laurel.common.Times;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

/**
 * The org's calendar: its time zone (default UTC). Awards ask for it on every call, so a replica keeps what it read
 * for {@code laurel.badges.definition-max-age}, like badge definitions: a change made through this replica applies at
 * once, one made through another within that time.
 */
@ApplicationScoped
public class OrgCalendar {

    private static final int MAX_RECENT = 10_000;
    /** The default: UTC, named so. */
    static final ZoneId UTC = ZoneId.of("UTC");

    private record Recent(ZoneId zone, long readAt) {
    }

    private final OrgSettingsRepository settings;
    private final Duration maxAge;
    private final Map<Long, Recent> recent = new ConcurrentHashMap<>();

    OrgCalendar(OrgSettingsRepository settings, LaurelConfig config) {
        this.settings = settings;
        this.maxAge = config.badges().definitionMaxAge();
    }

    /** The org's time zone. */
    public Uni<ZoneId> zone(long orgId) {
        Recent known = recent.get(orgId);
        long now = System.nanoTime();
        if (known != null && now - known.readAt < maxAge.toNanos()) {
            return Uni.createFrom().item(known.zone);
        }
        return settings.findById(orgId).map(found -> {
            ZoneId zone = zoneOf(found);
            if (recent.size() >= MAX_RECENT) {
                recent.clear();
            }
            recent.put(orgId, new Recent(zone, now));
            return zone;
        });
    }

    public Uni<OrgSettingsView> get(Caller caller) {
        return settings.findById(caller.orgId()).map(found -> view(caller.orgId(), zoneOf(found)));
    }

    /** Sets the org's time zone; 400 for a name that is not an IANA zone (or a fixed offset such as +05:30). */
    public Uni<OrgSettingsView> update(Caller caller, OrgSettingsRequest request) {
        ZoneId zone = parse(request.timeZone());
        return settings.mongoCollection().findOneAndUpdate(Filters.eq("_id", caller.orgId()),
                Updates.combine(Updates.set("timeZone", zone.getId()), Updates.set("lastUpdatedOn", Times.now()),
                        Updates.set("lastUpdatedBy", caller.userId())),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .invoke(() -> recent.remove(caller.orgId()))
                .map(saved -> view(caller.orgId(), zoneOf(saved)));
    }

    /** The zone a name gives; 400 when it gives none. */
    static ZoneId parse(String name) {
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            throw ErrorCode.INVALID_INPUT.exception("timeZone must be an IANA time zone name such as Europe/Berlin",
                    "timeZone");
        }
    }

    private static ZoneId zoneOf(OrgSettingsDocument found) {
        return found == null || found.timeZone == null ? UTC : ZoneId.of(found.timeZone);
    }

    private static OrgSettingsView view(long orgId, ZoneId zone) {
        return new OrgSettingsView(orgId, zone.getId());
    }
}
