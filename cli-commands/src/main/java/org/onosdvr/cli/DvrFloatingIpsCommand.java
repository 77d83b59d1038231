package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FloatingIp;

/**
 * Lists floating IPs.
 */
@Service
@Command(scope = "onos", name = "dvr-fips", description = "Lists DVR floating IPs")
public class DvrFloatingIpsCommand extends DvrCommand {

    @Override
    protected void run() {
        DvrSnapshot s = admin().snapshot();
        if (outputJson()) {
            printJson("floatingips", s.floatingIps(), FloatingIp.class, s);
            return;
        }
        Table t = new Table("id", "tenant", "network", "floating_ip", "port", "fixed_ip", "router");
        s.floatingIps().forEach(f -> t.row(f.id(), f.tenantId(), f.floatingNetworkId(), f.floatingIp(),
                                           f.portId().orElse(null), f.fixedIp().orElse(null),
                                           f.routerId().orElse(null)));
        printTable(t);
    }
}
