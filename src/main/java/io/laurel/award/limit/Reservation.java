package io.laurel.award.limit;

import java.util.List;

/** What one earn added to one scope: released field by field when the earn fails later or is revoked. */
public record Reservation(String scopeId, List<String> fields) {
}
