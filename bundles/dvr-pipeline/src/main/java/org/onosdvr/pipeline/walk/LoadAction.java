/*
 * Copyright 2024-present Open Networking Foundation
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.onosdvr.pipeline.walk;

import java.util.Set;

/**
 * Loads a constant into a bit range of a field (Nicira reg_load, {@code load:value->field[ofs..ofs+n-1]}).
 */
final class LoadAction implements Action {
    private final Field field;
    private final int offset;
    private final int bits;
    private final long value;

    LoadAction(Field field, int offset, int bits, long value) {
        if (bits < 1 || offset < 0 || offset + bits > field.width()) {
            throw new WalkException("load into " + field.ovsName() + "[" + offset + ".." + (offset + bits - 1)
                                            + "]: outside the " + field.width() + "-bit field");
        }
        long mask = bits == Long.SIZE ? -1L : (1L << bits) - 1;
        if ((value & ~mask) != 0) {
            throw new WalkException("load value 0x" + Long.toHexString(value) + " wider than " + bits + " bits");
        }
        this.field = field;
        this.offset = offset;
        this.bits = bits;
        this.value = value;
    }

    Field field() {
        return field;
    }

    /**
     * Returns the field value after the load.
     *
     * @param old value before
     * @return value after
     */
    long applyTo(long old) {
        long mask = (bits == Long.SIZE ? -1L : (1L << bits) - 1) << offset;
        return (old & ~mask) | ((value << offset) & mask);
    }

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        return packet.with(field, applyTo(packet.get(field)));
    }

    @Override
    public Set<Field> fields() {
        return Set.of(field);
    }

    @Override
    public String toString() {
        return "load:0x" + Long.toHexString(value) + "->" + field.ovsName() + "[" + offset + ".."
                + (offset + bits - 1) + "]";
    }
}
