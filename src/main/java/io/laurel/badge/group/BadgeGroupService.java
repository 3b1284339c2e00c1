package io.laurel.badge.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Updates;

import io.laurel.common.ErrorCode;
import io.laurel.common.ObjectIds;
import io.laurel.common.Paging;
import io.laurel.common.SequenceRepository;
import io.laurel.common.Times;
import io.laurel.identity.Caller;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BadgeGroupService {

    private final BadgeGroupRepository groups;

    BadgeGroupService(BadgeGroupRepository groups) {
        this.groups = groups;
    }

    public Uni<BadgeGroupView> create(Caller caller, BadgeGroupRequest request) {
        if (request.rank() == null) {
            return Uni.createFrom().failure(ErrorCode.GROUP_RANK_MISSING.exception(
                    ErrorCode.GROUP_RANK_MISSING.message(), "rank"));
        }
        Instant now = Times.now();
        BadgeGroupDocument group = new BadgeGroupDocument();
        group.orgId = caller.orgId();
        group.name = request.name();
        group.rank = request.rank();
        group.isActive = request.isActive() == null || request.isActive();
        group.createdOn = now;
        group.createdBy = caller.username();
        group.createdById = caller.userId();
        group.lastUpdatedOn = now;
        group.lastUpdatedBy = caller.username();
        group.lastUpdatedById = caller.userId();
        return groups.persist(group).onFailure(SequenceRepository::isDuplicateKey).transform(e -> duplicateName())
                .map(BadgeGroupView::of);
    }

    public Uni<BadgeGroupView> update(Caller caller, String id, BadgeGroupRequest request) {
        List<Bson> changes = new ArrayList<>();
        if (request.name() != null) {
            changes.add(Updates.set("name", request.name()));
        }
        if (request.rank() != null) {
            changes.add(Updates.set("rank", request.rank()));
        }
        if (request.isActive() != null) {
            changes.add(Updates.set("isActive", request.isActive()));
        }
        changes.add(Updates.set("lastUpdatedOn", Times.now()));
        changes.add(Updates.set("lastUpdatedBy", caller.username()));
        changes.add(Updates.set("lastUpdatedById", caller.userId()));
        return groups.update(caller.orgId(), ObjectIds.parse(id, "id"), Updates.combine(changes))
                .onFailure(SequenceRepository::isDuplicateKey).transform(e -> duplicateName())
                .onItem().ifNull().failWith(BadgeGroupService::notFound)
                .map(BadgeGroupView::of);
    }

    public Uni<BadgeGroupView> get(Caller caller, String id) {
        return groups.findInOrg(caller.orgId(), ObjectIds.parse(id, "id"))
                .onItem().ifNull().failWith(BadgeGroupService::notFound)
                .map(BadgeGroupView::of);
    }

    public Uni<BadgeGroupView.Page> list(Caller caller, Paging paging, boolean ascending) {
        return Uni.combine().all()
                .unis(groups.listInOrg(caller.orgId(), ascending, paging), groups.countInOrg(caller.orgId()))
                .with((page, total) -> new BadgeGroupView.Page(page.stream().map(BadgeGroupView::of).toList(),
                        paging.of(total)));
    }

    /** Succeeds when the group exists in the org; another org's group is as unknown as no group at all. */
    public Uni<BadgeGroupDocument> require(long orgId, ObjectId id) {
        return groups.findInOrg(orgId, id).onItem().ifNull().failWith(() -> ErrorCode.NOT_FOUND
                .exception("badgeGroupId names no badge group of this org", "badgeGroupId"));
    }

    /** The names of the org's groups among {@code ids}, by id (one query; unknown ids are left out). */
    public Uni<Map<ObjectId, String>> names(long orgId, Collection<ObjectId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return groups.findAllInOrg(orgId, List.copyOf(ids)).map(found -> found.stream()
                .collect(Collectors.toMap(g -> g.id, g -> g.name)));
    }

    private static Throwable duplicateName() {
        return ErrorCode.GROUP_NAME_TAKEN.exception(ErrorCode.GROUP_NAME_TAKEN.message(), "name");
    }

    private static Throwable notFound() {
        return ErrorCode.NOT_FOUND.exception("Badge group not found", "id");
    }
}
