package org.onosdvr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.osgi.DefaultServiceDirectory;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrException;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.DvrCodecContext;
import org.onosdvr.cli.codec.DvrCodecs;
import org.onosproject.cli.AbstractShellCommand;

/**
 * Base of the DVR commands: services from a directory (the OSGi one, or a test's), JSON with the REST codecs,
 * table printing, and rejected requests printed as one error line.
 */
public abstract class DvrCommand extends AbstractShellCommand {

    private ServiceDirectory services = new DefaultServiceDirectory();

    /**
     * Uses another service directory (tests).
     *
     * @param directory directory
     * @return this command
     */
    public DvrCommand withServices(ServiceDirectory directory) {
        this.services = directory;
        return this;
    }

    /**
     * @param type service class
     * @param <T>  service type
     * @return the service
     */
    protected <T> T service(Class<T> type) {
        return services.get(type);
    }

    /** @return the service directory of this command */
    protected ServiceDirectory directory() {
        return services;
    }

    /** @return the flow reconciler */
    protected DvrReconcilerService reconciler() {
        return service(DvrReconcilerService.class);
    }

    /** @return the DVR admin service */
    protected DvrAdminService admin() {
        return service(DvrAdminService.class);
    }

    @Override
    protected final void doExecute() {
        try {
            run();
        } catch (DvrException | IllegalArgumentException e) {
            error("%s", e.getMessage());
        } catch (ServiceNotFoundException e) {
            error("service unavailable: %s", e.getMessage());
        }
    }

    /**
     * Parses the arguments, calls the service and prints.
     */
    protected abstract void run();

    /**
     * Prints {@code {"key": [...]}} encoded with the DVR codecs.
     *
     * @param key      wrapper key (the REST list key)
     * @param values   values
     * @param type     their class
     * @param snapshot snapshot they come from
     * @param <T>      model type
     */
    protected <T> void printJson(String key, Iterable<T> values, Class<T> type, DvrSnapshot snapshot) {
        DvrCodecContext context = new DvrCodecContext(mapper(), snapshot);
        ObjectNode root = mapper().createObjectNode();
        ArrayNode array = root.putArray(key);
        values.forEach(v -> array.add(DvrCodecs.codec(type).encode(v, context)));
        printJson(root);
    }

    /**
     * Prints one value {@code {"key": {...}}}.
     *
     * @param key      wrapper key
     * @param value    value
     * @param type     its class
     * @param snapshot snapshot it comes from
     * @param <T>      model type
     */
    protected <T> void printJsonValue(String key, T value, Class<T> type, DvrSnapshot snapshot) {
        ObjectNode root = mapper().createObjectNode();
        root.set(key, DvrCodecs.codec(type).encode(value, new DvrCodecContext(mapper(), snapshot)));
        printJson(root);
    }

    /**
     * Pretty-prints JSON.
     *
     * @param node JSON
     */
    protected void printJson(ObjectNode node) {
        try {
            print("%s", mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            error("cannot print JSON: %s", e.getMessage());
        }
    }

    /**
     * Prints a table.
     *
     * @param table table
     */
    protected void printTable(Table table) {
        table.lines().forEach(l -> print("%s", l));
    }
}
