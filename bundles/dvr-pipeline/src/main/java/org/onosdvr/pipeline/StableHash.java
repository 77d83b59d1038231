package org.onosdvr.pipeline;

/**
 * A 64-bit hash of primitive values that is the same in every JVM run and on every machine (no identity hash
 * codes, no {@code Object#hashCode} of ONOS types): the rule cookies are made from it and must survive
 * restarts. The mixing step is SplitMix64's finalizer.
 */
final class StableHash {

    private static final long GOLDEN = 0x9e37_79b9_7f4a_7c15L;

    private StableHash() {
    }

    /**
     * @param x value
     * @return x with its bits mixed (a bijection)
     */
    static long mix(long x) {
        long z = x + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param seed   starting value
     * @param values values, in order
     * @return hash of the sequence
     */
    static long mix(long seed, long... values) {
        long h = mix(seed);
        for (long v : values) {
            h = mix(h ^ v);
        }
        return h;
    }

    /**
     * @param s text
     * @return hash of its characters
     */
    static long of(String s) {
        long h = mix(s.length());
        for (int i = 0; i < s.length(); i++) {
            h = mix(h ^ s.charAt(i));
        }
        return h;
    }

    /**
     * @param h a hash code
     * @return it with its high bits spread into the low ones (for power-of-two tables)
     */
    static int spread(int h) {
        int x = h * 0x9e37_79b9;
        return x ^ (x >>> 16);
    }
}
