package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;

import javax.ws.rs.Path;
import java.util.Collection;
import java.util.Optional;

import static org.onosdvr.cli.codec.FloatingIpCodec.FIXED_IP;
import static org.onosdvr.cli.codec.FloatingIpCodec.PORT_ID;
import static org.onosdvr.cli.codec.FloatingIpCodec.ROUTER_ID;

/**
 * Neutron floating IPs: {@code /floatingips}. Update with {@code port_id} associates (or re-associates), with
 * {@code "port_id": null} disassociates; the fixed IP (unless given) and the router are then resolved again.
 */
@Path("floatingips")
public class FloatingIpWebResource extends CrudWebResource<FloatingIp> {

    /** Binds {@code /floatingips}. */
    public FloatingIpWebResource() {
        super("floatingip", "floatingips", "floating IP", FloatingIp.class);
    }

    @Override
    protected Collection<FloatingIp> all(DvrSnapshot s) {
        return s.floatingIps();
    }

    @Override
    protected Optional<FloatingIp> find(DvrSnapshot s, String id) {
        return s.floatingIp(FloatingIpId.of(id));
    }

    @Override
    protected FloatingIp create(FloatingIp value) {
        return service().createFloatingIp(value);
    }

    @Override
    protected FloatingIp update(FloatingIp value) {
        return service().updateFloatingIp(value);
    }

    @Override
    protected void remove(String id) {
        service().removeFloatingIp(FloatingIpId.of(id));
    }

    @Override
    protected String idOf(FloatingIp value) {
        return value.id().toString();
    }

    /**
     * A new {@code port_id} without {@code fixed_ip_address} / {@code router_id} resolves them again.
     */
    @Override
    protected ObjectNode beforeUpdate(ObjectNode merged, ObjectNode body) {
        if (body.has(PORT_ID)) {
            if (!body.has(FIXED_IP)) {
                merged.putNull(FIXED_IP);
            }
            if (!body.has(ROUTER_ID)) {
                merged.putNull(ROUTER_ID);
            }
        }
        return merged;
    }
}
