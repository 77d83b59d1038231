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

import org.onlab.packet.IpAddress;
import org.onosproject.net.flow.Extension;
import org.onosproject.net.flow.instructions.ExtensionPropertyException;

import java.util.List;

/**
 * Reads typed properties of ONOS extension selectors/treatments through {@link Extension#getPropertyValue},
 * using the property names of ONOS's {@code drivers/default} Nicira classes, with errors naming the property.
 */
final class ExtensionProperties {
    private final Extension extension;
    private final String what;

    ExtensionProperties(Extension extension, String what) {
        this.extension = extension;
        this.what = what;
    }

    private Object raw(String name) {
        try {
            Object v = extension.getPropertyValue(name);
            if (v == null) {
                throw new WalkException(what + ": property '" + name + "' is null");
            }
            return v;
        } catch (ExtensionPropertyException e) {
            throw new WalkException(what + ": no property '" + name + "' on " + extension.getClass().getName(), e);
        }
    }

    long number(String name) {
        Object v = raw(name);
        if (!(v instanceof Number)) {
            throw new WalkException(what + ": property '" + name + "' is not a number: " + v);
        }
        return ((Number) v).longValue();
    }

    IpAddress ip(String name) {
        Object v = raw(name);
        if (!(v instanceof IpAddress)) {
            throw new WalkException(what + ": property '" + name + "' is not an IP address: " + v);
        }
        return (IpAddress) v;
    }

    <T> T object(String name, Class<T> type) {
        Object v = raw(name);
        if (!type.isInstance(v)) {
            throw new WalkException(what + ": property '" + name + "' is not a " + type.getSimpleName() + ": " + v);
        }
        return type.cast(v);
    }

    List<?> list(String name) {
        return object(name, List.class);
    }
}
