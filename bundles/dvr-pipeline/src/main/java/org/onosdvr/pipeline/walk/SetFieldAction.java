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
 * Sets a field to a constant (set_field, mod_dl_src, set tunnel dst, ...).
 */
final class SetFieldAction implements Action {
    private final Field field;
    private final long value;

    SetFieldAction(Field field, long value) {
        if ((value & ~field.fullMask()) != 0) {
            throw new WalkException("value 0x" + Long.toHexString(value) + " too wide for " + field.ovsName());
        }
        this.field = field;
        this.value = value;
    }

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        return packet.with(field, value);
    }

    @Override
    public Set<Field> fields() {
        return Set.of(field);
    }

    @Override
    public String toString() {
        return "set_field:" + field.format(value) + "->" + field.ovsName();
    }
}
