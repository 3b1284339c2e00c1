package io.laurel.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The data type of a collection's documents in the embedded store: BSON, the encoding MongoDB and its wire protocol
 * use, behind a tag byte that H2's default type never writes. H2's default type writes a document by Java
 * serialization, which made serializing pages the largest part of every commit in the store's profile (and a file of
 * serialized Java objects is read back by {@code ObjectInputStream}). Values written before, by the default type, are
 * read as they were: the tag tells the two apart, so files need no conversion; each document is written anew in BSON
 * the next time it changes.
 */
public final class DocumentType extends BasicDataType<Object> {

    /** Not a tag of {@link ObjectDataType} (it uses 0–19 and 32–119). */
    static final byte BSON = 125;

    private final ObjectDataType fallback = new ObjectDataType();

    /**
     * The running average size of the documents written and read: H2 sizes its page cache by these estimates. (H2's
     * default type learns its average by serializing; left alone it would count every document as 10 KB, and the
     * cache would hold a fraction of the pages it can.)
     */
    private volatile int averageSize = 512;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageSize : fallback.getMemory(value);
    }

    /** As H2 counts a serialized object: twice its encoded size. */
    private void sized(int encoded) {
        averageSize = (averageSize * 15 + 2 * encoded) / 16;
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        byte[] bson = value instanceof Document document ? encode(document) : null;
        if (bson == null) {
            fallback.write(buffer, value);
            return;
        }
        buffer.put(BSON);
        buffer.put(bson);
        sized(bson.length);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return fallback.read(buffer);
        }
        buffer.get();
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice().limit(length));
        buffer.position(buffer.position() + length);
        sized(length);
        return BsonDecoder.decodeBson(bson);
    }

    @Override
    public int compare(Object a, Object b) {
        return fallback.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** The document in BSON, or null when it holds a value BSON cannot carry (then it is written as before). */
    static byte[] encode(Document document) {
        ByteBuf out = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } catch (RuntimeException e) {
            return null;
        } finally {
            out.release();
        }
    }
}
