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
 * Nicira ct_clear: the packet becomes untracked (ct_state, zone and mark zeroed).
 */
final class CtClearAction implements Action {

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        return packet.with(Field.CT_STATE, 0).with(Field.CT_ZONE, 0).with(Field.CT_MARK, 0);
    }

    @Override
    public Set<Field> fields() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "ct_clear";
    }
}
