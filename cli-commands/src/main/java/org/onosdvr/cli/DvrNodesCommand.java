package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.Neutron;
import org.onosproject.net.device.DeviceService;

/**
 * Lists DVR nodes, with whether each switch is connected (when the device service is present).
 */
@Service
@Command(scope = "onos", name = "dvr-nodes", description = "Lists DVR nodes")
public class DvrNodesCommand extends DvrCommand {

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        if (outputJson()) {
            printJson("nodes", s.nodes(), DvrNode.class, s);
            return;
        }
        DeviceService devices;
        try {
            devices = service(DeviceService.class);
        } catch (ServiceNotFoundException e) {
            devices = null;
        }
        DeviceService d = devices;
        Table t = new Table("device", "role", "tunnel_ip", "tunnel_port", "external_port", "index", "dvr_mac",
                            "connected");
        s.nodes().forEach(n -> t.row(n.deviceId(), n.role(), n.tunnelIp(), n.tunnelPort(),
                                     n.externalPort().orElse(null), n.index(), Neutron.mac(n.dvrMac()),
                                     d == null ? null : d.isAvailable(n.deviceId())));
        printTable(t);
    }
}
