package io.laurel.badge.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Updates;

import io.laurel.badge.BadgeMetaDocument;
import io.laurel.badge.BadgeMetaDocument.Tag;
import io.laurel.common.ApiException;
import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;
import io.laurel.common.Paging;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

/**
 * An org's badge schemas: custom-field definitions and the tag schema, and the check they make of a badge. An org with
 * neither keeps free-form custom fields and tags.
 */
@ApplicationScoped
public class SchemaService {

    static final int MAX_NAME = 100;
    static final int MAX_TAGS = 50;

    private final SchemaRepositories.CustomFields fields;
    private final SchemaRepositories.OrgMetas metas;

    SchemaService(SchemaRepositories.CustomFields fields, SchemaRepositories.OrgMetas metas) {
        this.fields = fields;
        this.metas = metas;
    }

    // ---- custom fields ----

    public Uni<SchemaViews.Field> createField(Caller caller, SchemaViews.FieldRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw ErrorCode.INVALID_INPUT.exception("name is required", "name");
        }
        if (request.dataType() == null) {
            throw ErrorCode.INVALID_INPUT.exception("dataType is required: STRING, INTEGER, BOOLEAN or DATE", "dataType");
        }
        CustomFieldDocument field = new CustomFieldDocument();
        field.orgId = caller.orgId();
        field.name = name(request.name(), "name");
        field.dataType = FieldType.parse(request.dataType(), "dataType");
        field.isMandatory = Boolean.TRUE.equals(request.isMandatory());
        field.defaultValue = defaultOf(request.defaultValue(), field.dataType);
        field.isActive = request.isActive() == null || request.isActive();
        Instant now = Times.now();
        field.createdOn = now;
        field.createdBy = caller.userId();
        field.lastUpdatedOn = now;
        field.lastUpdatedBy = caller.userId();
        return fields.persist(field).onFailure(SequenceRepository::isDuplicateKey).transform(e -> taken())
                .map(SchemaViews.Field::of);
    }

    public Uni<SchemaViews.Field> updateField(Caller caller, String id, SchemaViews.FieldRequest request) {
        ObjectId fieldId = ObjectIds.parse(id, "id");
        return fields.findInOrg(caller.orgId(), fieldId).onItem().ifNull().failWith(SchemaService::fieldNotFound)
                .chain(stored -> {
                    FieldType type = request.dataType() == null ? stored.dataType
                            : FieldType.parse(request.dataType(), "dataType");
                    String defaultValue = request.defaultValue() == null ? stored.defaultValue : request.defaultValue();
                    List<Bson> changes = new ArrayList<>();
                    if (request.name() != null) {
                        changes.add(Updates.set("name", name(request.name(), "name")));
                    }
                    changes.add(Updates.set("dataType", type.name()));
                    changes.add(Updates.set("defaultValue", defaultOf(defaultValue, type)));
                    if (request.isMandatory() != null) {
                        changes.add(Updates.set("isMandatory", request.isMandatory()));
                    }
                    if (request.isActive() != null) {
                        changes.add(Updates.set("isActive", request.isActive()));
                    }
                    changes.add(Updates.set("lastUpdatedOn", Times.now()));
                    changes.add(Updates.set("lastUpdatedBy", caller.userId()));
                    return fields.update(caller.orgId(), fieldId, Updates.combine(changes));
                })
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> taken())
                .onItem().ifNull().failWith(SchemaService::fieldNotFound)
                .map(SchemaViews.Field::of);
    }

    public Uni<SchemaViews.Field> getField(Caller caller, String id) {
        return fields.findInOrg(caller.orgId(), ObjectIds.parse(id, "id"))
                .onItem().ifNull().failWith(SchemaService::fieldNotFound).map(SchemaViews.Field::of);
    }

    public Uni<SchemaViews.FieldPage> listFields(Caller caller, Paging paging) {
        return Uni.combine().all().unis(fields.page(caller.orgId(), paging), fields.countInOrg(caller.orgId()))
                .with((page, total) -> new SchemaViews.FieldPage(page.stream().map(SchemaViews.Field::of).toList(),
                        paging.of(total)));
    }

    // ---- tag schema ----

    /** Creates the org's tag schema; the org has one already: the vendor's 999999, HTTP 409. */
    public Uni<SchemaViews.OrgMeta> createOrgMeta(Caller caller, SchemaViews.OrgMetaRequest request) {
        OrgMetaDocument meta = new OrgMetaDocument();
        meta.orgId = caller.orgId();
        meta.id = new ObjectId().toHexString();
        meta.tags = tags(request);
        Instant now = Times.now();
        meta.createdOn = now;
        meta.createdBy = caller.userId();
        meta.lastUpdatedOn = now;
        meta.lastUpdatedBy = caller.userId();
        return metas.persist(meta).onFailure(SequenceRepository::isDuplicateKey)
                .transform(e -> ErrorCode.ORG_META_EXISTS.exception(ErrorCode.ORG_META_EXISTS.message(), null))
                .map(SchemaViews.OrgMeta::of);
    }

    /** Replaces the org's tag schema (creating it when there is none, also when two calls race to create it). */
    public Uni<SchemaViews.OrgMeta> updateOrgMeta(Caller caller, SchemaViews.OrgMetaRequest request) {
        Bson update = Updates.combine(Updates.set("tags", tags(request)), Updates.set("lastUpdatedOn", Times.now()),
                Updates.set("lastUpdatedBy", caller.userId()));
        return metas.update(caller.orgId(), update).onItem().ifNotNull().transform(SchemaViews.OrgMeta::of)
                .onItem().ifNull().switchTo(() -> createOrgMeta(caller, request)
                        .onFailure(e -> e instanceof ApiException api && api.errorCode() == ErrorCode.ORG_META_EXISTS)
                        .recoverWithUni(() -> metas.update(caller.orgId(), update).map(SchemaViews.OrgMeta::of)));
    }

    public Uni<SchemaViews.OrgMeta> getOrgMeta(Caller caller) {
        return metas.find(caller.orgId()).onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND
                .exception("This org has no tag schema", null)).map(SchemaViews.OrgMeta::of);
    }

    // ---- the check of a badge ----

    /**
     * Checks the badge's custom fields against the org's active definitions (unknown names, wrong types, missing
     * mandatory ones are a 400 naming the field; missing ones with a default get it) and its tags against the org's
     * tag schema the same way. Two reads, side by side; nothing is checked for an org without definitions.
     */
    public Uni<Void> check(long orgId, BadgeMetaDocument badge) {
        return Uni.combine().all().unis(fields.active(orgId), metas.find(orgId)).asTuple()
                .invoke(found -> {
                    checkCustomFields(badge, found.getItem1());
                    if (found.getItem2() != null) {
                        checkTags(badge, found.getItem2());
                    }
                }).replaceWithVoid();
    }

    static void checkCustomFields(BadgeMetaDocument badge, List<CustomFieldDocument> definitions) {
        if (definitions.isEmpty()) {
            return;
        }
        Map<String, CustomFieldDocument> byName = new LinkedHashMap<>();
        definitions.forEach(d -> byName.put(d.name, d));
        List<Tag> values = badge.customFields == null ? new ArrayList<>() : new ArrayList<>(badge.customFields);
        Set<String> given = new HashSet<>();
        for (Tag value : values) {
            CustomFieldDocument definition = byName.get(value.name);
            String at = "customFields." + value.name;
            if (definition == null) {
                throw ErrorCode.INVALID_INPUT.exception("No active custom field named " + value.name, at);
            }
            if (!definition.dataType.accepts(value.value)) {
                throw ErrorCode.INVALID_INPUT.exception(value.name + " must be a " + definition.dataType, at);
            }
            given.add(value.name);
        }
        for (CustomFieldDocument definition : definitions) {
            if (given.contains(definition.name)) {
                continue;
            }
            if (definition.defaultValue != null) {
                Tag filled = new Tag();
                filled.name = definition.name;
                filled.value = definition.defaultValue;
                values.add(filled);
            } else if (definition.isMandatory) {
                throw ErrorCode.INVALID_INPUT.exception(definition.name + " is mandatory",
                        "customFields." + definition.name);
            }
        }
        badge.customFields = values;
    }

    static void checkTags(BadgeMetaDocument badge, OrgMetaDocument schema) {
        Map<String, OrgMetaDocument.TagDefinition> byKey = new LinkedHashMap<>();
        schema.tags.forEach(t -> byKey.put(t.key, t));
        Set<String> given = new HashSet<>();
        List<Tag> tags = badge.tags == null ? List.of() : badge.tags;
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            OrgMetaDocument.TagDefinition definition = tag.name == null ? null : byKey.get(tag.name);
            if (definition == null) {
                throw ErrorCode.INVALID_INPUT.exception("Tag " + tag.name + " is not in the org's tag schema",
                        "tags[" + i + "].name");
            }
            if (!definition.dataType.accepts(tag.value)) {
                throw ErrorCode.INVALID_INPUT.exception("Tag " + tag.name + " must be a " + definition.dataType.lowerName(),
                        "tags[" + i + "].value");
            }
            given.add(tag.name);
        }
        for (OrgMetaDocument.TagDefinition definition : schema.tags) {
            if (definition.mandatory && !given.contains(definition.key)) {
                throw ErrorCode.INVALID_INPUT.exception("Tag " + definition.key + " is mandatory", "tags");
            }
        }
    }

    private static List<OrgMetaDocument.TagDefinition> tags(SchemaViews.OrgMetaRequest request) {
        if (request == null || request.tags() == null || request.tags().size() > MAX_TAGS) {
            throw ErrorCode.INVALID_INPUT.exception("tags must list 0 to " + MAX_TAGS + " tag definitions", "tags");
        }
        List<OrgMetaDocument.TagDefinition> tags = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < request.tags().size(); i++) {
            SchemaViews.TagRequest t = request.tags().get(i);
            if (t == null) {
                throw ErrorCode.INVALID_INPUT.exception("a tag definition is required", "tags[" + i + "]");
            }
            OrgMetaDocument.TagDefinition definition = new OrgMetaDocument.TagDefinition();
            definition.key = name(t.key(), "tags[" + i + "].key");
            if (!keys.add(definition.key)) {
                throw ErrorCode.INVALID_INPUT.exception("key " + definition.key + " is defined twice", "tags[" + i + "].key");
            }
            definition.dataType = t.dataType() == null ? FieldType.STRING : FieldType.parse(t.dataType(), "tags[" + i + "].dataType");
            definition.description = t.description() == null || t.description().length() <= 1000 ? t.description()
                    : t.description().substring(0, 1000);
            definition.mandatory = Boolean.TRUE.equals(t.mandatory());
            tags.add(definition);
        }
        return tags;
    }

    private static String name(String name, String field) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ErrorCode.INVALID_INPUT.exception(field + " must be 1 to " + MAX_NAME + " characters", field);
        }
        return name;
    }

    /** The default as stored: null for none ("" is none, as the vendor's samples send it); else of the type. */
    private static String defaultOf(String value, FieldType type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!type.accepts(value)) {
            throw ErrorCode.INVALID_INPUT.exception("defaultValue must be a " + type, "defaultValue");
        }
        return value;
    }

    private static RuntimeException taken() {
        return ErrorCode.CONFLICT.exception("A custom field with this name exists in the org", "name");
    }

    private static RuntimeException fieldNotFound() {
        return ErrorCode.NOT_FOUND.exception("Custom field not found", "id");
    }
}
