package org.onosdvr.pipeline;

import org.onlab.packet.EthType;
import org.onlab.packet.IpPrefix;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.Network;
import org.onosdvr.api.Subnet;
import org.onosproject.net.PortNumber;

import java.util.List;
import java.util.Optional;

import static org.onosdvr.pipeline.DeviceContext.actions;
import static org.onosdvr.pipeline.DeviceContext.match;
import static org.onosdvr.pipeline.PipelineTable.EXT_OUT;

/**
 * ext_out on every node with an external port: known neighbors get their MAC, unknown hosts of an external
 * subnet go to the controller (which resolves and adds them as neighbors), everything else goes to the
 * upstream gateway (gateway IP of the external network's first subnet) once it is a known neighbor, to the
 * controller until then.
 */
final class ExternalOutFlows implements FlowFeature {

    private static final short IPV4 = EthType.EtherType.IPV4.ethType().toShort();

    @Override
    public void node(DeviceContext ctx, GroupBuilder out) {
        Optional<PortNumber> port = ctx.node().externalPort();
        Optional<Network> ext = ctx.topology().externalNetwork();
        if (port.isEmpty() || ext.isEmpty()) {
            return;
        }
        for (Subnet s : ctx.snapshot().subnets(ext.get().id())) {
            out.add(EXT_OUT, Priorities.ExtOut.ON_LINK, match().matchEthType(IPV4).matchIPDst(s.cidr()),
                    actions().punt(), "unknown host on external subnet %s: to the controller", s.cidr());
        }
        if (upstream(ctx, ext.get()).isEmpty()) {
            out.add(EXT_OUT, Priorities.ExtOut.DEFAULT, match().matchEthType(IPV4), actions().punt(),
                    "default: upstream gateway unknown, to the controller");
        }
    }

    @Override
    public void neighbor(DeviceContext ctx, ExternalNeighbor nb, GroupBuilder out) {
        Optional<PortNumber> port = ctx.node().externalPort();
        Optional<Network> ext = ctx.topology().externalNetwork();
        if (port.isEmpty() || ext.isEmpty() || !nb.networkId().equals(ext.get().id())) {
            return;
        }
        out.add(EXT_OUT, Priorities.ExtOut.NEIGHBOR,
                match().matchEthType(IPV4).matchIPDst(IpPrefix.valueOf(nb.ip(), 32)),
                actions().setEthDst(nb.mac()).setOutput(port.get()), "external neighbor %s is at %s", nb.ip(),
                nb.mac());
        if (upstream(ctx, ext.get()).map(nb::equals).orElse(false)) {
            out.add(EXT_OUT, Priorities.ExtOut.DEFAULT, match().matchEthType(IPV4),
                    actions().setEthDst(nb.mac()).setOutput(port.get()), "default: upstream gateway %s at %s",
                    nb.ip(), nb.mac());
        }
    }

    /**
     * @param ctx device
     * @param ext external network
     * @return the known neighbor holding the gateway IP of the external network's first subnet
     */
    private static Optional<ExternalNeighbor> upstream(DeviceContext ctx, Network ext) {
        List<Subnet> subnets = ctx.snapshot().subnets(ext.id());
        return subnets.isEmpty() ? Optional.empty() : ctx.snapshot().neighbors().stream()
                .filter(nb -> nb.networkId().equals(ext.id()))
                .filter(nb -> nb.ip().equals(subnets.get(0).gatewayIp()))
                .findFirst();
    }
}
