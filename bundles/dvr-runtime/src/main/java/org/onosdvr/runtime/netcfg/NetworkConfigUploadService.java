package org.onosdvr.runtime.netcfg;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Applies a whole network configuration document, as ONOS's {@code POST /onos/v1/network/configuration}
 * does: {@code {"apps": {"<app>": {"<configKey>": {...}}}, "devices": {"<deviceId>": {...}}, ...}}.
 */
public interface NetworkConfigUploadService {

    /**
     * Applies every configuration of the document. A configuration whose factory is not registered yet is
     * kept pending and applied (validated, with {@code CONFIG_ADDED}) when its factory registers; this also
     * holds for subject class keys that no registered factory uses yet.
     *
     * @param root document rooted at the subject class keys
     * @return one message per configuration that was rejected (invalid JSON for its config class, or a
     *         malformed document); empty if everything was applied or queued
     */
    List<String> upload(ObjectNode root);
}
