package org.onosdvr.rest;

import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.VmPort;
import org.onosdvr.api.PortId;

import javax.ws.rs.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Neutron (compute) ports: {@code /ports}; removing one disassociates its floating IPs.
 */
@Path("ports")
public class PortWebResource extends CrudWebResource<VmPort> {

    /** Binds {@code /ports}. */
    public PortWebResource() {
        super("port", "ports", "port", VmPort.class);
    }

    @Override
    protected Collection<VmPort> all(DvrSnapshot s) {
        return s.ports();
    }

    @Override
    protected Optional<VmPort> find(DvrSnapshot s, String id) {
        return s.port(PortId.of(id));
    }

    @Override
    protected VmPort create(VmPort value) {
        return service().createPort(value);
    }

    @Override
    protected VmPort update(VmPort value) {
        return service().updatePort(value);
    }

    @Override
    protected void remove(String id) {
        service().removePort(PortId.of(id));
    }

    @Override
    protected String idOf(VmPort value) {
        return value.id().toString();
    }
}
