package org.onosdvr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.ReconcilerJson;
import org.onosproject.net.DeviceId;

import java.util.Set;

/**
 * Compares desired and installed rules of every DVR device (or one), without changing anything.
 */
@Service
@Command(scope = "onos", name = "dvr-verify",
        description = "Verifies that every DVR device holds exactly its desired rules")
public class DvrVerifyCommand extends DvrCommand {

    @Argument(index = 0, name = "device", description = "only this device")
    @Completion(NodeIdCompleter.class)
    String device = null;

    @Override
    protected void run() {
        DvrReconcilerService reconciler = reconciler();
        DvrSnapshot s = admin().snapshot();
        Set<DeviceId> devices = device == null ? ReconcilerJson.devices(s, reconciler)
                : Set.of(ReconcilerJson.device(device, s, reconciler));
        ObjectNode json = ReconcilerJson.verify(mapper(), reconciler, devices);
        if (outputJson()) {
            printJson(json);
            return;
        }
        Table t = new Table("device", "desired", "installed", "missing", "extraneous", "modified", "ok");
        for (JsonNode d : json.get("devices")) {
            t.row(d.get("device_id").asText(), d.get("desired").asInt(), d.get("installed").asInt(),
                  d.get("missing").asInt(), d.get("extraneous").asInt(), d.get("modified").asInt(),
                  d.get("ok").asBoolean());
        }
        printTable(t);
        print("%s", json.get("ok").asBoolean() ? "all devices in sync"
                : "NOT in sync (dvr-flows <device> shows the rules, dvr-sync reconciles)");
    }
}
