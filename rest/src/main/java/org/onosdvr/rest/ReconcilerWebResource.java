package org.onosdvr.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onlab.osgi.ServiceDirectory;
import org.onosdvr.api.DeviceSyncStatus;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.api.DvrSnapshot;
import org.onosdvr.cli.codec.ReconcilerJson;
import org.onosdvr.cli.codec.RuntimeStats;
import org.onosdvr.cli.codec.TraceRequest;
import org.onosdvr.cli.codec.Tracer;
import org.onosdvr.pipeline.walk.WalkResult;
import org.onosproject.net.DeviceId;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Operations on the flow reconciler and the pipeline: per-device rules, verification, forced synchronisation,
 * packet traces on the live compiled state, and the embedded runtime's packet counters.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ReconcilerWebResource extends DvrWebResource {

    /** Longest wait for a forced synchronisation, in seconds. */
    static final int SYNC_TIMEOUT_SEC = 30;

    private DvrReconcilerService reconciler() {
        return get(DvrReconcilerService.class);
    }

    /**
     * Shows a device's desired rules (with table, description, source) and installed rules, each with its
     * status (installed, missing, modified, extraneous).
     *
     * @param id device id
     * @return 200 {"device_id", "desired", "installed", "missing", "extraneous", "modified", "ok",
     * "desired": [...], "installed": [...]}; 404 if not a DVR node
     */
    @GET
    @Path("devices/{id}/rules")
    public Response rules(@PathParam("id") String id) {
        DvrReconcilerService reconciler = reconciler();
        DeviceId d = ReconcilerJson.device(id, service().snapshot(), reconciler);
        return ok(ReconcilerJson.encode(JsonBodies.mapper(), ReconcilerJson.rules(reconciler, d))).build();
    }

    /**
     * Compares desired and installed rules of every device (or one), changing nothing.
     *
     * @param device only this device (optional)
     * @return 200 {"ok", "devices": [{"device_id", "desired", "installed", "missing", "extraneous",
     * "modified", "ok"}]}; 404 for an unknown device
     */
    @GET
    @Path("verify")
    public Response verify(@QueryParam("device") String device) {
        DvrReconcilerService reconciler = reconciler();
        DvrSnapshot s = service().snapshot();
        Set<DeviceId> devices = device == null ? ReconcilerJson.devices(s, reconciler)
                : Set.of(ReconcilerJson.device(device, s, reconciler));
        return ok(ReconcilerJson.verify(JsonBodies.mapper(), reconciler, devices)).build();
    }

    /**
     * Forces a reconcile of every device and waits for it (admin only).
     *
     * @return 200 {"devices": [status...]}; 403; 504 if it does not finish in time
     */
    @POST
    @Path("sync")
    public Response syncAll() {
        requireAdmin("synchronisation");
        Map<DeviceId, DeviceSyncStatus> all = await(reconciler().syncAll());
        return ok(statuses(all.values())).build();
    }

    /**
     * Forces a reconcile of one device and waits for it (admin only).
     *
     * @param id device id
     * @return 200 {"devices": [status]}; 403; 404 if not a DVR node; 504
     */
    @POST
    @Path("devices/{id}/sync")
    public Response sync(@PathParam("id") String id) {
        requireAdmin("synchronisation");
        DvrReconcilerService reconciler = reconciler();
        DeviceId d = ReconcilerJson.device(id, service().snapshot(), reconciler);
        return ok(statuses(List.of(await(reconciler.sync(d))))).build();
    }

    /**
     * Shows the reconciler's last synchronisation of every device.
     *
     * @return 200 {"devices": [status...]}
     */
    @GET
    @Path("sync")
    public Response syncStatus() {
        return ok(statuses(new ArrayList<>(reconciler().status().values()))).build();
    }

    /**
     * Runs a packet through the live compiled rules with the walk interpreter (changes nothing; any role).
     *
     * @param input body, see {@link TraceRequest}
     * @return 200 {"trace": {"from", "packet", "deliveries", "to_controller", "drops", "steps"}}; 400; 404 for
     * an unknown VM port or device
     * @throws IOException on malformed JSON
     */
    @POST
    @Path("trace")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response trace(InputStream input) throws IOException {
        ObjectNode body = JsonBodies.readObject(input);
        DvrSnapshot s = service().snapshot();
        DvrReconcilerService reconciler = reconciler();
        TraceRequest request = TraceRequest.decode(body, s);
        Tracer tracer = new Tracer(s, reconciler);
        WalkResult r = tracer.run(request);
        return ok(wrap("trace", tracer.encode(JsonBodies.mapper(), request, r))).build();
    }

    /**
     * The embedded runtime's packet-in / packet-out counters (runtime only).
     *
     * @param device only this device (optional)
     * @return 200 {"runtime_only": true, "devices": [{"device_id", "packet_in", "packet_out"}]}; 503 when the
     * runtime's statistics service is absent (ONOS)
     */
    @GET
    @Path("stats")
    public Response stats(@QueryParam("device") String device) {
        Optional<RuntimeStats> stats = RuntimeStats.lookup(new ServiceDirectory() {
            @Override
            public <T> T get(Class<T> serviceClass) {
                return ReconcilerWebResource.this.get(serviceClass);
            }
        });
        if (stats.isEmpty()) {
            return ErrorResponses.error(503, RuntimeStats.ABSENT);
        }
        DvrSnapshot s = service().snapshot();
        Set<DeviceId> devices = stats.get().devices(s);
        if (device != null) {
            DeviceId d = DeviceId.deviceId(device);
            found(devices.contains(d) ? Optional.of(d) : Optional.empty(), "device", device);
            devices = Set.of(d);
        }
        return ok(stats.get().encode(JsonBodies.mapper(), devices)).build();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(SYNC_TIMEOUT_SEC, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new WebApplicationException(
                    "synchronisation did not finish within " + SYNC_TIMEOUT_SEC + " s (it goes on)", 504);
        } catch (ExecutionException e) {
            throw new IllegalStateException("synchronisation failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebApplicationException("interrupted", 503);
        }
    }

    private static ObjectNode statuses(Collection<DeviceSyncStatus> statuses) {
        ObjectNode json = JsonBodies.mapper().createObjectNode();
        ArrayNode list = json.putArray("devices");
        statuses.forEach(s -> list.add(ReconcilerJson.status(JsonBodies.mapper(), s)));
        return json;
    }
}
