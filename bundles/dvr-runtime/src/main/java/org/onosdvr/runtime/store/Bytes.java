package org.onosdvr.runtime.store;

import java.util.Arrays;

/**
 * Immutable byte string used as a map key: primitives compare keys by their serialized form, as ONOS's
 * Atomix-backed primitives do.
 */
final class Bytes {

    private final byte[] data;
    private final int hash;

    private Bytes(byte[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
    }

    /**
     * Wraps a byte array without copying; the caller must not modify it afterwards.
     *
     * @param data bytes
     * @return wrapper
     */
    static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    /**
     * Returns the wrapped bytes; callers must not modify them.
     *
     * @return bytes
     */
    byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Bytes && Arrays.equals(data, ((Bytes) obj).data);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Bytes[" + data.length + "]";
    }
}
