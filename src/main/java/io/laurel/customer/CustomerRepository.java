package io.laurel.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;

import io.laurel.common.IndexedRepository;
import io.laurel.event.PendingEvents;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CustomerRepository implements ReactivePanacheMongoRepository<CustomerDocument>, IndexedRepository {

    /** Index name of an identifier's uniqueness, so a duplicate-key error tells which identifier clashed. */
    static String uniqueIndexName(IdentifierType type) {
        return "customers_" + type.header() + "_unique";
    }

    @Override
    public Uni<Void> ensureIndexes() {
        // Sparse unique single-field indexes on org-scoped keys: the portable form of a partial unique index
        // (the embedded store ignores partialFilterExpression; a sparse compound index would still index orgId).
        List<Uni<String>> indexes = new ArrayList<>();
        indexes.add(mongoCollection().createIndex(Indexes.ascending("customerId"),
                new IndexOptions().unique(true).name("customers_customerId_unique")));
        for (IdentifierType type : IdentifierType.values()) {
            indexes.add(mongoCollection().createIndex(Indexes.ascending(type.keyField()),
                    new IndexOptions().unique(true).sparse(true).name(uniqueIndexName(type))));
        }
        indexes.add(PendingEvents.index(mongoCollection()));
        return Uni.join().all(indexes).andFailFast().replaceWithVoid();
    }


    public Uni<Set<Long>> existingIds(long orgId, Collection<Long> customerIds) {
        return mongoCollection().find(Filters.and(Filters.eq("orgId", orgId), Filters.in("customerId", customerIds)),
                new FindOptions().projection(Projections.include("customerId")).batchSize(customerIds.size() + 1))
                .map(c -> c.customerId).collect().asSet();
    }

}
