package io.laurel.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The data type of a unique index's map in the embedded store: keys written compactly (not Java-serialized) and
 * ordered by their values instead of by their Java serialization. H2's
 * default type compares two objects it does not know by serializing both, and an index lookup compares about
 * fourteen keys: in the store's profile that was half of all CPU. This order calls two keys equal exactly when they hold
 * the same values of the same classes in the same order, which is the equality the serialized forms gave for every
 * value an index holds (strings, numbers, ids, dates, booleans), so a lookup finds what it found before. An index map
 * written in the old order is rebuilt in this one when the store opens it ({@code LaurelH2Database}).
 */
public final class IndexKeyType extends BasicDataType<Object> {

    /** Classes whose {@code compareTo} is zero exactly when {@code equals} is true. */
    private static final Set<Class<?>> NATURAL = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, Instant.class, UUID.class, ObjectId.class);

    /** The index maps written in this order (name to 1); a map missing here was written in H2's default order. */
    static final String ORDERED_MAPS = "laurel.indexKeyOrder";

    /** Tags that H2's default type never writes (it uses 0–19 and 32–119; {@link DocumentType} uses 125). */
    static final byte KEY = 126;
    static final byte OBJECT_ID = 127;

    private final ObjectDataType bytes = new ObjectDataType();

    /**
     * Opens (or creates) the index map {@code name} with this key type. A map written before, in H2's default order,
     * is rebuilt in this order first: its entries are copied out, the map is removed and written again. The store
     * commits only after a command (auto-commit is off), so a crash during the rebuild leaves the old map as it was.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> MVMap<K, V> openIndex(MVStore store, String name) {
        MVMap<String, Integer> ordered = store.openMap(ORDERED_MAPS);
        List<Map.Entry<Object, Object>> previous = List.of();
        if (store.hasMap(name) && !ordered.containsKey(name)) {
            MVMap<Object, Object> old = store.openMap(name);
            previous = new ArrayList<>(old.size());
            for (Map.Entry<Object, Object> entry : old.entrySet()) {
                previous.add(Map.entry(entry.getKey(), entry.getValue()));
            }
            store.removeMap(old);
        }
        MVMap<K, V> map = store.openMap(name, new MVMap.Builder<K, V>().keyType(new IndexKeyType()));
        for (Map.Entry<Object, Object> entry : previous) {
            map.put((K) entry.getKey(), (V) entry.getValue());
        }
        ordered.putIfAbsent(name, 1);
        return map;
    }

    @Override
    public int compare(Object a, Object b) {
        return compareValues(a, b);
    }

    /**
     * H2 sizes its page cache by these estimates; H2's default type would count a key it does not serialize as 10 KB.
     * A key: its list, and per value a reference and the value (a string by its characters).
     */
    @Override
    public int getMemory(Object key) {
        if (!(key instanceof KeyValue values)) {
            return bytes.getMemory(key);
        }
        int memory = 48;
        for (Object value : values) {
            memory += value instanceof String text ? 48 + text.length() : 24;
        }
        return memory;
    }

    /**
     * A key: tag, count, then each value as H2's default type writes it, ids as their 12 bytes. H2's default type would
     * Java-serialize the whole key; keys written that way before are still read ({@link #read}).
     */
    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (!(key instanceof KeyValue values)) {
            bytes.write(buffer, key);
            return;
        }
        buffer.put(KEY).putVarInt(values.size());
        for (Object value : values) {
            if (value instanceof ObjectId id) {
                buffer.put(OBJECT_ID).put(id.toByteArray());
            } else {
                bytes.write(buffer, value);
            }
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != KEY) {
            return bytes.read(buffer);
        }
        buffer.get();
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (buffer.get(buffer.position()) == OBJECT_ID) {
                buffer.get();
                byte[] id = new byte[12];
                buffer.get(id);
                values.add(new ObjectId(id));
            } else {
                values.add(bytes.read(buffer));
            }
        }
        return new KeyValue(values);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** A total order over index key values: zero exactly for the same values of the same classes. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        Class<?> ca = a.getClass();
        Class<?> cb = b.getClass();
        if (ca != cb) {
            int byName = ca.getName().compareTo(cb.getName());
            return byName != 0 ? byName : serialized(a, b);
        }
        if (NATURAL.contains(ca)) {
            return ((Comparable) a).compareTo(b);
        }
        if (a instanceof Missing) {
            return 0;
        }
        if (a instanceof KeyValue ka) {
            return compareSequences(ka.iterator(), ((KeyValue) b).iterator());
        }
        if (a instanceof List<?> la) {
            return compareSequences(la.iterator(), ((List<?>) b).iterator());
        }
        if (a instanceof Map<?, ?> ma) {
            return compareMaps(ma, (Map<?, ?>) b);
        }
        if (a instanceof byte[] ba) {
            return Arrays.compare(ba, (byte[]) b);
        }
        return serialized(a, b);
    }

    private static int compareSequences(Iterator<?> a, Iterator<?> b) {
        while (a.hasNext() && b.hasNext()) {
            int c = compareValues(a.next(), b.next());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(a.hasNext(), b.hasNext());
    }

    /** Entries in their order, as serialization writes them: key, then value. */
    private static int compareMaps(Map<?, ?> a, Map<?, ?> b) {
        Iterator<? extends Map.Entry<?, ?>> ia = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<?, ?> ea = ia.next();
            Map.Entry<?, ?> eb = ib.next();
            int c = compareValues(ea.getKey(), eb.getKey());
            if (c == 0) {
                c = compareValues(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    /** Types without a value order of their own (rare in an index) are ordered by their serialized bytes. */
    private static int serialized(Object a, Object b) {
        return Arrays.compare(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }
}
