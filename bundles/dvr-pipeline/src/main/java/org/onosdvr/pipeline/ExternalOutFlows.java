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
    public void build(DeviceContext ctx) {
        Optional<PortNumber> port = ctx.node().externalPort();
        Optional<Network> ext = ctx.topology().externalNetwork();
        if (port.isEmpty() || ext.isEmpty()) {
            return;
        }
        String nodeSrc = Sources.node(ctx.node());
        for (ExternalNeighbor nb : ctx.snapshot().neighbors()) {
            if (nb.networkId().equals(ext.get().id())) {
                ctx.add(EXT_OUT, Priorities.ExtOut.NEIGHBOR,
                        match().matchEthType(IPV4).matchIPDst(IpPrefix.valueOf(nb.ip(), 32)),
                        actions().setEthDst(nb.mac()).setOutput(port.get()), Sources.neighbor(nb),
                        "external neighbor %s is at %s", nb.ip(), nb.mac());
            }
        }
        List<Subnet> subnets = ctx.snapshot().subnets(ext.get().id());
        for (Subnet s : subnets) {
            ctx.add(EXT_OUT, Priorities.ExtOut.ON_LINK, match().matchEthType(IPV4).matchIPDst(s.cidr()),
                    actions().punt(), nodeSrc,
                    "unknown host on external subnet %s: to the controller", s.cidr());
        }
        Optional<ExternalNeighbor> upstream = subnets.isEmpty() ? Optional.empty()
                : ctx.snapshot().neighbors().stream()
                .filter(nb -> nb.networkId().equals(ext.get().id()))
                .filter(nb -> nb.ip().equals(subnets.get(0).gatewayIp()))
                .findFirst();
        Actions.Builder t = upstream.isPresent()
                ? actions().setEthDst(upstream.get().mac()).setOutput(port.get())
                : actions().punt();
        ctx.add(EXT_OUT, Priorities.ExtOut.DEFAULT, match().matchEthType(IPV4), t,
                upstream.map(Sources::neighbor).orElse(nodeSrc),
                upstream.map(nb -> "default: upstream gateway " + nb.ip() + " at " + nb.mac())
                        .orElse("default: upstream gateway unknown, to the controller"));
    }
}
