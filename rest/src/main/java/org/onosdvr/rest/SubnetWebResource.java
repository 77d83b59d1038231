package org.onosdvr.rest;

import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;

import javax.ws.rs.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Neutron subnets: {@code /subnets}; removing one needs that nothing uses it.
 */
@Path("subnets")
public class SubnetWebResource extends CrudWebResource<Subnet> {

    /** Binds {@code /subnets}. */
    public SubnetWebResource() {
        super("subnet", "subnets", "subnet", Subnet.class);
    }

    @Override
    protected Collection<Subnet> all(DvrSnapshot s) {
        return s.subnets();
    }

    @Override
    protected Optional<Subnet> find(DvrSnapshot s, String id) {
        return s.subnet(SubnetId.of(id));
    }

    @Override
    protected Subnet create(Subnet value) {
        return service().createSubnet(value);
    }

    @Override
    protected Subnet update(Subnet value) {
        return service().updateSubnet(value);
    }

    @Override
    protected void remove(String id) {
        service().removeSubnet(SubnetId.of(id));
    }

    @Override
    protected String idOf(Subnet value) {
        return value.id().toString();
    }
}
