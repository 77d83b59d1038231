package org.onosdvr.runtime.store;

import org.onosproject.store.service.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Fixed-format serializers for the runtime's own maps (counter values, primitive names), independent of
 * Kryo registrations so that stored files stay readable across versions.
 */
final class PlainSerializers {

    /** UTF-8 strings. */
    static final Serializer STRING = new Serializer() {
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
    static final Serializer LONG = new Serializer() {
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

    private PlainSerializers() {
    }
}
