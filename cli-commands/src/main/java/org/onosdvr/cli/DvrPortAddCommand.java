package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.PortId;
import org.onosdvr.api.TenantId;
import org.onosdvr.api.VmPort;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates a VM port, optionally with its location.
 */
@Service
@Command(scope = "onos", name = "dvr-port-add", description = "Creates a DVR VM port")
public class DvrPortAddCommand extends DvrCommand {

    @Argument(index = 0, name = "id", description = "port id", required = true)
    String id = null;

    @Argument(index = 1, name = "network", description = "network id", required = true)
    @Completion(NetworkIdCompleter.class)
    String network = null;

    @Argument(index = 2, name = "tenant", description = "tenant id", required = true)
    String tenant = null;

    @Argument(index = 3, name = "mac", description = "MAC address", required = true)
    String mac = null;

    @Argument(index = 4, name = "ips", description = "fixed IPv4 addresses", required = true, multiValued = true)
    List<String> ips = null;

    @Option(name = "--device", description = "location: device id, e.g. of:0000000000000001")
    @Completion(NodeIdCompleter.class)
    String device = null;

    @Option(name = "--port", description = "location: port number on the device")
    long port = 0;

    @Option(name = "--name", description = "display name")
    String name = "";

    @Override
    protected void run() {
        if ((device == null) != (port == 0)) {
            throw new IllegalArgumentException("--device and --port go together");
        }
        Set<IpAddress> addresses = new LinkedHashSet<>();
        ips.forEach(ip -> addresses.add(IpAddress.valueOf(ip)));
        VmPort p = admin().createPort(VmPort.builder().id(PortId.of(id)).networkId(NetworkId.of(network))
                .tenantId(TenantId.of(tenant)).name(name).mac(MacAddress.valueOf(mac)).fixedIps(addresses)
                .location(device == null ? null
                                  : new ConnectPoint(DeviceId.deviceId(device), PortNumber.portNumber(port)))
                .build());
        print("port %s created (%s, %s)", p.id(), p.fixedIps(), p.location().map(Object::toString)
                .orElse("no location"));
    }
}
