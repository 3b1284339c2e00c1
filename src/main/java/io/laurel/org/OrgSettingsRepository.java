package io.laurel.org;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class OrgSettingsRepository implements ReactivePanacheMongoRepositoryBase<OrgSettingsDocument, Long> {
}
