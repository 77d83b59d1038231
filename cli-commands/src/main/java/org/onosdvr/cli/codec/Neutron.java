package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.TenantId;
import org.onosproject.codec.CodecContext;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Conventions shared by the Neutron-shaped codecs: tenant / project id, the standard attributes every Neutron
 * resource carries (accepted, type-checked, ignored) and the snapshot a {@link DvrCodecContext} may hold.
 */
public final class Neutron {

    static final String ID = "id";
    static final String TENANT_ID = "tenant_id";
    static final String PROJECT_ID = "project_id";
    static final String NAME = "name";

    /** Neutron standard attributes present on every resource; read-only or not modelled here. */
    static final Map<String, FieldReader.Type> STANDARD = ImmutableMap.<String, FieldReader.Type>builder()
            .put("description", FieldReader.Type.STRING)
            .put("tags", FieldReader.Type.ARRAY)
            .put("status", FieldReader.Type.STRING)
            .put("created_at", FieldReader.Type.STRING)
            .put("updated_at", FieldReader.Type.STRING)
            .put("revision_number", FieldReader.Type.INTEGER)
            .build();

    private Neutron() {
    }

    /**
     * @param modelled fields the codec reads
     * @param ignored  Neutron attributes the codec accepts and ignores
     * @return every accepted field name
     */
    static Set<String> known(Set<String> modelled, Map<String, FieldReader.Type> ignored) {
        return ImmutableSet.<String>builder().addAll(modelled).addAll(ignored.keySet())
                .addAll(STANDARD.keySet()).build();
    }

    /**
     * Reads the tenant: tenant_id or project_id (both: they must be equal).
     *
     * @param r reader of the object
     * @return tenant
     */
    static TenantId tenant(FieldReader r) {
        if (r.has(TENANT_ID) && r.has(PROJECT_ID)) {
            String t = r.string(TENANT_ID);
            if (!t.equals(r.string(PROJECT_ID))) {
                throw r.invalid(PROJECT_ID, "differs from tenant_id");
            }
        }
        return r.has(TENANT_ID) ? r.parse(TENANT_ID, TenantId::of) : r.has(PROJECT_ID)
                ? r.parse(PROJECT_ID, TenantId::of) : missingTenant(r);
    }

    private static TenantId missingTenant(FieldReader r) {
        throw r.missing(TENANT_ID);
    }

    /**
     * @param mac MAC address
     * @return lower-case colon form, as Neutron writes MACs
     */
    public static String mac(MacAddress mac) {
        return mac.toString().toLowerCase(Locale.ROOT);
    }

    static void putTenant(ObjectNode node, TenantId tenant) {
        node.put(TENANT_ID, tenant.toString());
        node.put(PROJECT_ID, tenant.toString());
    }

    static Optional<DvrSnapshot> snapshot(CodecContext context) {
        return context instanceof DvrCodecContext ? ((DvrCodecContext) context).snapshot() : Optional.empty();
    }
}
