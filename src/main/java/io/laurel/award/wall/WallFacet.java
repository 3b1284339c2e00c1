package io.laurel.award.wall;

import java.util.List;

import io.laurel.badge.BadgeMetaDocument;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one result document of the definitions query: a page of items and the total, from {@code $facet}. */
@RegisterForReflection
public class WallFacet {
    public List<Item> items;
    public List<Total> total;

    @RegisterForReflection
    public static class Item {
        public BadgeMetaDocument badge;
        public String groupName;
        /** The customer's scope and active issue of this badge, when joined to the page ({@link CustomerHistory}). */
        public List<org.bson.Document> scope;
        public List<org.bson.Document> issue;
    }

    @RegisterForReflection
    public static class Total {
        public long n;
    }
}
