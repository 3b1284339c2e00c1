package io.laurel.points;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;

@ApplicationScoped
public class PointsAccountRepository implements ReactivePanacheMongoRepositoryBase<PointsAccountDocument, String> {
}
