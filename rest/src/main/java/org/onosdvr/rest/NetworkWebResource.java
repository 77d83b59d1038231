package org.onosdvr.rest;

import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;

import javax.ws.rs.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Neutron networks: {@code /networks}; removing one needs it to have no subnets and ports.
 */
@Path("networks")
public class NetworkWebResource extends CrudWebResource<Network> {

    /** Binds {@code /networks}. */
    public NetworkWebResource() {
        super("network", "networks", "network", Network.class);
    }

    @Override
    protected Collection<Network> all(DvrSnapshot s) {
        return s.networks();
    }

    @Override
    protected Optional<Network> find(DvrSnapshot s, String id) {
        return s.network(NetworkId.of(id));
    }

    @Override
    protected Network create(Network value) {
        return service().createNetwork(value);
    }

    @Override
    protected Network update(Network value) {
        return service().updateNetwork(value);
    }

    @Override
    protected void remove(String id) {
        service().removeNetwork(NetworkId.of(id));
    }

    @Override
    protected String idOf(Network value) {
        return value.id().toString();
    }
}
