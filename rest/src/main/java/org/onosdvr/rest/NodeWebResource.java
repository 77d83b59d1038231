package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.osgi.ServiceNotFoundException;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.api.GatewayAssignment;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceService;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

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

    private static void decorate(ObjectNode json, DeviceService devices) {
        if (devices != null) {
            json.put("connected", devices.isAvailable(DeviceId.deviceId(json.get("device_id").textValue())));
        }
    }

    /**
     * Lists nodes.
     *
     * @return 200 {"nodes": [{"device_id", "role", "tunnel_ip", "tunnel_port", "external_port", "index",
     * "dvr_mac", "connected"}]}
     */
    @GET
    @Path("nodes")
    public Response nodes() {
        DvrSnapshot s = service().snapshot();
        DeviceService devices = devices();
        return ok(list("nodes", s.nodes(), DvrNode.class, s, n -> decorate(n, devices))).build();
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
        decorate(json, devices());
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
}
