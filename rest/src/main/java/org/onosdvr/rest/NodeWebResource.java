package org.onosdvr.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.api.DeviceSyncStatus;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.FlowDiff;
import org.onosdvr.api.GatewayAdminService;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.RouterId;
import org.onosdvr.cli.codec.ReconcilerJson;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceService;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * DVR nodes ({@code /nodes}, with {@code connected} from the device service when present) and all SNAT
 * gateway assignments ({@code /gateways}). Nodes come from network configuration, so they are read-only here.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class NodeWebResource extends DvrWebResource {

    private DeviceService devices() {
        try {
            return get(DeviceService.class);
        } catch (ServiceNotFoundException e) {
            return null;
        }
    }

    private DvrReconcilerService reconciler() {
        try {
            return get(DvrReconcilerService.class);
        } catch (ServiceNotFoundException e) {
            return null;
        }
    }

    private static void decorate(ObjectNode json, DeviceService devices, DvrReconcilerService reconciler,
                                 Map<DeviceId, DeviceSyncStatus> statuses) {
        DeviceId d = DeviceId.deviceId(json.get("device_id").textValue());
        if (devices != null) {
            json.put("connected", devices.isAvailable(d));
        }
        if (reconciler != null) {
            FlowDiff diff = reconciler.diff(d);
            json.putObject("rules").put("desired", diff.desiredCount()).put("installed", diff.installedCount())
                    .put("in_sync", diff.isEmpty());
            DeviceSyncStatus st = statuses.get(d);
            if (st != null) {
                ObjectNode sync = ReconcilerJson.status(JsonBodies.mapper(), st);
                ObjectNode out = json.putObject("sync");
                out.set("state", sync.get("state"));
                out.set("last_sync", sync.get("last_sync"));
                out.set("last_error", sync.get("last_error"));
                out.set("sync_count", sync.get("sync_count"));
            }
        }
    }

    private void decorateAll(ObjectNode json, Iterable<JsonNode> nodes) {
        DeviceService devices = devices();
        DvrReconcilerService reconciler = reconciler();
        Map<DeviceId, DeviceSyncStatus> statuses = reconciler == null ? Map.of() : reconciler.status();
        nodes.forEach(n -> decorate((ObjectNode) n, devices, reconciler, statuses));
    }

    /**
     * Lists nodes.
     *
     * @return 200 {"nodes": [{"device_id", "role", "tunnel_ip", "tunnel_port", "external_port", "index",
     * "dvr_mac", "connected", "rules": {"desired", "installed", "in_sync"}, "sync": {"state", "last_sync",
     * "last_error", "sync_count"}}]}
     */
    @GET
    @Path("nodes")
    public Response nodes() {
        DvrSnapshot s = service().snapshot();
        ObjectNode json = list("nodes", s.nodes(), DvrNode.class, s, n -> { });
        decorateAll(json, json.get("nodes"));
        return ok(json).build();
    }

    /**
     * Shows a node.
     *
     * @param id device id, e.g. of:0000000000000001
     * @return 200 {"node": {...}}; 404
     */
    @GET
    @Path("nodes/{id}")
    public Response node(@PathParam("id") String id) {
        DvrSnapshot s = service().snapshot();
        DvrNode node = found(s.node(DeviceId.deviceId(id)), "node", id);
        ObjectNode json = encode(node, DvrNode.class, s);
        decorateAll(json, List.of(json));
        return ok(wrap("node", json)).build();
    }

    /**
     * Lists the SNAT gateway assignments of all routers.
     *
     * @return 200 {"gateways": [{"router_id", "primary", "backups"}]}
     */
    @GET
    @Path("gateways")
    public Response gateways() {
        DvrSnapshot s = service().snapshot();
        return ok(list("gateways", s.gatewayAssignments(), GatewayAssignment.class, s, n -> { })).build();
    }

    /**
     * Re-spreads the SNAT gateway assignments by rank (admin only). Assignments are otherwise sticky: a gateway
     * that joins or recovers takes no router from a primary that is up. Routers that move lose their SNAT
     * connections; new connections work once the switches are reprogrammed.
     *
     * @return 200 {"gateways": [assignments that changed]}; 403
     */
    @POST
    @Path("gateways/rebalance")
    public Response rebalance() {
        requireAdmin("a gateway rebalance");
        Map<RouterId, GatewayAssignment> moved = get(GatewayAdminService.class).rebalance();
        DvrSnapshot s = service().snapshot();
        return ok(list("gateways", moved.values(), GatewayAssignment.class, s, n -> { })).build();
    }
}
