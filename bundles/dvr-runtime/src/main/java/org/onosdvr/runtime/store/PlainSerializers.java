package org.onosdvr.runtime.store;

import org.onosproject.store.service.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fixed-format serializers (public: the runtime's other services use them) for the runtime's own maps (counter values, primitive names), independent of
 * Kryo registrations so that stored files stay readable across versions.
 */
public final class PlainSerializers {

    /** UTF-8 strings. */
    public static final Serializer STRING = new Serializer() {
        @Override
        public <T> byte[] encode(T object) {
            return ((String) object).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T decode(byte[] bytes) {
            return (T) new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public <T> T copy(T object) {
            return object;
        }
    };

    /** Longs as 8 big-endian bytes. */
    public static final Serializer LONG = new Serializer() {
        @Override
        public <T> byte[] encode(T object) {
            return ByteBuffer.allocate(Long.BYTES).putLong((Long) object).array();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T decode(byte[] bytes) {
            return (T) Long.valueOf(ByteBuffer.wrap(bytes).getLong());
        }

        @Override
        public <T> T copy(T object) {
            return object;
        }
    };

    /**
     * Strings and longs, each tagged with its type (one byte), for maps whose keys are strings and values
     * longs (or the reverse); no Kryo registration involved.
     */
    public static final Serializer STRING_OR_LONG = new Serializer() {
        @Override
        public <T> byte[] encode(T object) {
            byte[] data = object instanceof String ? STRING.encode(object) : LONG.encode(object);
            byte[] out = new byte[data.length + 1];
            out[0] = object instanceof String ? TAG_STRING : TAG_LONG;
            System.arraycopy(data, 0, out, 1, data.length);
            return out;
        }

        @Override
        public <T> T decode(byte[] bytes) {
            byte[] data = Arrays.copyOfRange(bytes, 1, bytes.length);
            return bytes[0] == TAG_STRING ? STRING.decode(data) : LONG.decode(data);
        }

        @Override
        public <T> T copy(T object) {
            return object;
        }
    };

    private static final byte TAG_STRING = 'S';
    private static final byte TAG_LONG = 'L';

    private PlainSerializers() {
    }
}
