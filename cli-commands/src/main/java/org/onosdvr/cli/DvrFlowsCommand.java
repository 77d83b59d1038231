package org.onosdvr.cli;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DesiredFlow;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.FlowDiff;
import org.onosdvr.cli.codec.ReconcilerJson;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;

/**
 * Shows a device's desired rules against its installed ones, with each rule's status.
 */
@Service
@Command(scope = "onos", name = "dvr-flows",
        description = "Shows the desired and installed DVR rules of a device, with their status")
public class DvrFlowsCommand extends DvrCommand {

    @Argument(index = 0, name = "device", description = "device id (a DVR node)", required = true)
    @Completion(NodeIdCompleter.class)
    String device = null;

    @Option(name = "--explain", aliases = "-e", description = "show each rule's description and source")
    boolean explain = false;

    @Override
    protected void run() {
        DvrReconcilerService reconciler = reconciler();
        DeviceId d = ReconcilerJson.device(device, admin().snapshot(), reconciler);
        ReconcilerJson.DeviceRules rules = ReconcilerJson.rules(reconciler, d);
        if (outputJson()) {
            printJson(ReconcilerJson.encode(mapper(), rules));
            return;
        }
        FlowDiff diff = rules.diff();
        print("%s: %d desired, %d installed, %d missing, %d extraneous, %d modified (%s)", d,
              diff.desiredCount(), diff.installedCount(), diff.toAdd().size(), diff.toRemove().size(),
              diff.toModify().size(), diff.isEmpty() ? "in sync" : "NOT in sync");
        Table t = explain ? new Table("status", "table", "priority", "description", "source")
                : new Table("status", "table", "priority", "match", "actions");
        for (DesiredFlow f : rules.desired()) {
            if (explain) {
                t.row(rules.status(f), f.table(), f.flowRule().priority(), f.description(), f.source());
            } else {
                t.row(rules.status(f), f.table(), f.flowRule().priority(), ReconcilerJson.selector(f.flowRule()),
                      ReconcilerJson.treatment(f.flowRule().treatment()));
            }
        }
        for (FlowEntry e : rules.installed()) {
            if (rules.status(e).equals(ReconcilerJson.EXTRANEOUS)) {
                String table = ReconcilerJson.tableName(e.tableId());
                if (explain) {
                    t.row(ReconcilerJson.EXTRANEOUS, table, e.priority(), "installed, not desired: to remove",
                          "-");
                } else {
                    t.row(ReconcilerJson.EXTRANEOUS, table, e.priority(), ReconcilerJson.selector(e),
                          ReconcilerJson.treatment(e.treatment()));
                }
            }
        }
        printTable(t);
    }
}
