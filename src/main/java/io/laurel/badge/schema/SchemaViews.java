package io.laurel.badge.schema;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.laurel.common.EpochTime;
import io.laurel.common.Paging.Pagination;

/** The requests and answers of the badge schemas, in the vendor's shapes. */
public final class SchemaViews {

    private SchemaViews() {
    }

    /** A custom-field definition to create (name and dataType required) or update (absent fields kept). */
    @Schema(name = "BadgeCustomFieldRequest")
    public record FieldRequest(
            @Schema(example = "CF15 date") String name,
            @Schema(example = "STRING", description = "STRING, INTEGER, BOOLEAN or DATE") String dataType,
            Boolean isMandatory,
            @Schema(description = "Filled in when a badge omits the field; empty for none") String defaultValue,
            @Schema(description = "Default true; only active definitions check badges") Boolean isActive) {
    }

    @Schema(name = "BadgeCustomField")
    public record Field(String id, long orgId, String name, boolean isMandatory, String defaultValue, boolean isActive,
            String dataType, BigDecimal createdOn, String createdOnISO, Long createdBy, BigDecimal lastUpdatedOn,
            String lastUpdatedOnISO, Long lastUpdatedBy) {

        static Field of(CustomFieldDocument d) {
            return new Field(d.id.toHexString(), d.orgId, d.name, d.isMandatory, d.defaultValue == null ? "" : d.defaultValue,
                    d.isActive, d.dataType.name(), EpochTime.decimal(d.createdOn), EpochTime.iso(d.createdOn), d.createdBy,
                    EpochTime.decimal(d.lastUpdatedOn), EpochTime.iso(d.lastUpdatedOn), d.lastUpdatedBy);
        }
    }

    /** The vendor's list answer: {@code customFieldROList} and {@code pagination}. */
    @Schema(name = "BadgeCustomFieldList")
    public record FieldPage(List<Field> customFieldROList, Pagination pagination) {
    }

    /** A tag schema, as the vendor's orgMeta calls take it ({@code orgId} in the body is ignored: the caller's). */
    @Schema(name = "BadgeOrgMetaRequest")
    public record OrgMetaRequest(List<TagRequest> tags) {
    }

    public record TagRequest(
            @Schema(example = "Category") String key,
            @Schema(example = "string", description = "string, integer, boolean or date (any case)") String dataType,
            String description,
            Boolean mandatory) {
    }

    @Schema(name = "BadgeOrgMeta")
    public record OrgMeta(String id, long orgId, List<Tag> tags, BigDecimal createdOn, String createdOnISO,
            Long createdBy, BigDecimal lastUpdatedOn, String lastUpdatedOnISO, Long lastUpdatedBy) {

        static OrgMeta of(OrgMetaDocument d) {
            return new OrgMeta(d.id, d.orgId, d.tags.stream().map(t -> new Tag(t.key, t.dataType.lowerName(),
                    t.description, t.mandatory)).toList(), EpochTime.decimal(d.createdOn), EpochTime.iso(d.createdOn),
                    d.createdBy, EpochTime.decimal(d.lastUpdatedOn), EpochTime.iso(d.lastUpdatedOn), d.lastUpdatedBy);
        }
    }

    public record Tag(String key, String dataType, String description, boolean mandatory) {
    }
}
