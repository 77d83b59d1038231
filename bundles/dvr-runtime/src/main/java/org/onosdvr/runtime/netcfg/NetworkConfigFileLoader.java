package org.onosdvr.runtime.netcfg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Applies the startup network configuration file (ONOS's {@code network-cfg.json} loader, for
 * {@code ${karaf.etc}/dvr-netcfg.json}). Because the runtime's configuration store is durable, the file is
 * applied only when its content differs from the last content applied (SHA-256 recorded in the store):
 * configuration changed at run time survives a restart, and editing the file takes effect on the next start.
 */
final class NetworkConfigFileLoader {

    /** Component property naming the file; empty means the default. */
    static final String NETCFG_FILE = "netcfgFile";
    /** Default file name under {@code ${karaf.etc}}. */
    static final String DEFAULT_FILE_NAME = "dvr-netcfg.json";

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ObjectMapper mapper = new ObjectMapper();
    private final ConsistentMap<String, String> appliedDigests;

    /**
     * Creates a loader.
     *
     * @param appliedDigests durable map: absolute file path to the SHA-256 of the content last applied
     */
    NetworkConfigFileLoader(ConsistentMap<String, String> appliedDigests) {
        this.appliedDigests = appliedDigests;
    }

    /**
     * Returns the file named by the component properties, or {@code ${karaf.etc}/dvr-netcfg.json}
     * ({@code ./etc/dvr-netcfg.json} outside Karaf).
     *
     * @param properties component properties (may be null)
     * @return file path
     */
    static Path file(Map<String, Object> properties) {
        Object configured = properties == null ? null : properties.get(NETCFG_FILE);
        if (configured != null && !configured.toString().isBlank()) {
            return Paths.get(configured.toString());
        }
        String karafEtc = System.getProperty("karaf.etc");
        return karafEtc != null ? Paths.get(karafEtc, DEFAULT_FILE_NAME) : Paths.get("etc", DEFAULT_FILE_NAME);
    }

    /**
     * Applies the file if it exists and changed since it was last applied.
     *
     * @param file     the JSON document
     * @param uploader where to apply it
     * @return true if the file was applied
     */
    boolean loadIfChanged(Path file, NetworkConfigUploadService uploader) {
        if (!Files.isRegularFile(file)) {
            log.info("No network configuration file {}", file);
            return false;
        }
        try {
            byte[] content = Files.readAllBytes(file);
            String digest = Hashing.sha256().hashBytes(content).toString();
            String key = file.toAbsolutePath().normalize().toString();
            Versioned<String> applied = appliedDigests.get(key);
            if (applied != null && applied.value().equals(digest)) {
                log.info("Network configuration file {} unchanged since last applied; not re-applied", file);
                return false;
            }
            JsonNode root = mapper.readTree(content);
            if (!(root instanceof ObjectNode)) {
                log.error("Network configuration file {} is not a JSON object; ignored", file);
                return false;
            }
            List<String> errors = uploader.upload((ObjectNode) root);
            errors.forEach(e -> log.error("Network configuration file {}: {}", file, e));
            appliedDigests.put(key, digest);
            log.info("Applied network configuration file {} ({} errors)", file, errors.size());
            return true;
        } catch (IOException e) {
            log.error("Cannot read network configuration file {}", file, e);
            return false;
        }
    }
}
