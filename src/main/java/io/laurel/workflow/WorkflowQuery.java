package io.laurel.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.laurel.common.ErrorCode;
import io.laurel.common.Paging;
import io.laurel.common.QueryParams;

/** The filters of the request list, validated: every bad value is a 400 naming its parameter. */
public record WorkflowQuery(RequestType type, List<String> states, Long userId, String tillId, String storeId,
        String zoneId, String conceptId, Instant from, Instant to, String sortBy, boolean ascending, Paging paging) {

    public static WorkflowQuery parse(String requestType, String states, String userId, String tillId, String storeId,
            String zoneId, String conceptId, String startDate, String endDate, String sortBy, String sortOrder,
            String limit, String pageNo) {
        return new WorkflowQuery(
                blank(requestType) ? null : RequestType.parse(requestType),
                blank(states) ? List.of() : Arrays.stream(states.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(WorkflowQuery::state).toList(),
                blank(userId) ? null : (long) Paging.parseInt("userId", userId, 0, 1, Integer.MAX_VALUE),
                trim(tillId), trim(storeId), trim(zoneId), trim(conceptId),
                blank(startDate) ? null : time(startDate, "startDate", false),
                blank(endDate) ? null : time(endDate, "endDate", true),
                sortBy(sortBy), QueryParams.ascending(sortOrder, "sortOrder", false),
                new Paging(Paging.parseInt("PageNo", pageNo, 1, 1, Integer.MAX_VALUE) - 1,
                        Paging.parseInt("limit", limit, 10, 1, 100)));
    }

    Bson filter(long orgId) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("orgId", orgId));
        if (type != null) {
            filters.add(Filters.eq("requestType", type.name()));
        }
        if (!states.isEmpty()) {
            filters.add(Filters.in("state", states));
        }
        if (userId != null) {
            filters.add(Filters.eq("userId", userId));
        }
        add(filters, "entityInfo.tillId", tillId);
        add(filters, "entityInfo.storeId", storeId);
        add(filters, "entityInfo.zoneId", zoneId);
        add(filters, "entityInfo.conceptId", conceptId);
        if (from != null) {
            filters.add(Filters.gte("startTime", from));
        }
        if (to != null) {
            filters.add(Filters.lte("startTime", to));
        }
        return Filters.and(filters);
    }

    Bson sort() {
        return ascending ? Sorts.ascending(sortBy, "requestId") : Sorts.descending(sortBy, "requestId");
    }

    private static void add(List<Bson> filters, String field, String value) {
        if (value != null) {
            filters.add(Filters.eq(field, value));
        }
    }

    private static String state(String value) {
        return RequestStates.ALL.stream().filter(s -> s.equalsIgnoreCase(value)).findFirst().orElseThrow(() ->
                ErrorCode.INVALID_INPUT.exception("states are among " + RequestStates.ALL, "states"));
    }

    /** yyyy-MM-dd (the whole day) or yyyy-MM-dd'T'HH:mm:ss, in UTC. */
    private static Instant time(String value, String name, boolean endOfDay) {
        try {
            if (value.trim().length() == 10) {
                LocalDate date = LocalDate.parse(value.trim());
                return endOfDay ? date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
                        : date.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ErrorCode.INVALID_INPUT.exception(name + " must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss", name);
        }
    }

    private static String sortBy(String value) {
        if (blank(value) || value.trim().equals("startDate")) {
            return "startTime";
        }
        if (value.trim().equals("endDate")) {
            return "endTime";
        }
        throw ErrorCode.INVALID_INPUT.exception("sortBy must be startDate or endDate", "sortBy");
    }

    private static boolean blank(String value) {
        return QueryParams.blank(value);
    }

    private static String trim(String value) {
        return blank(value) ? null : value.trim();
    }
}
