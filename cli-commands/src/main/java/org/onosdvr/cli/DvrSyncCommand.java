package org.onosdvr.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosdvr.api.DeviceSyncStatus;
import org.onosdvr.api.DvrReconcilerService;
import org.onosdvr.cli.codec.ReconcilerJson;
import org.onosproject.net.DeviceId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forces a reconcile of every DVR device (or one) and waits for it.
 */
@Service
@Command(scope = "onos", name = "dvr-sync", description = "Reconciles DVR devices now and shows the outcome")
public class DvrSyncCommand extends DvrCommand {

    /** Default wait, in seconds. */
    static final int DEFAULT_TIMEOUT_SEC = 30;

    @Argument(index = 0, name = "device", description = "only this device")
    @Completion(NodeIdCompleter.class)
    String device = null;

    @Option(name = "--timeout", aliases = "-t", description = "seconds to wait (default 30)")
    int timeout = DEFAULT_TIMEOUT_SEC;

    @Override
    protected void run() {
        DvrReconcilerService reconciler = reconciler();
        if (timeout < 1) {
            throw new IllegalArgumentException("invalid value for --timeout: at least 1 second");
        }
        List<DeviceSyncStatus> statuses = new ArrayList<>();
        try {
            if (device != null) {
                DeviceId d = ReconcilerJson.device(device, admin().snapshot(), reconciler);
                statuses.add(wait(reconciler.sync(d)));
            } else {
                Map<DeviceId, DeviceSyncStatus> all = wait(reconciler.syncAll());
                statuses.addAll(all.values());
            }
        } catch (TimeoutException e) {
            error("synchronisation did not finish within %d s (it goes on in the background)", timeout);
            return;
        } catch (ExecutionException e) {
            error("synchronisation failed: %s", e.getCause());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error("interrupted");
            return;
        }
        if (outputJson()) {
            ObjectNode root = mapper().createObjectNode();
            ArrayNode list = root.putArray("devices");
            statuses.forEach(s -> list.add(ReconcilerJson.status(mapper(), s)));
            printJson(root);
            return;
        }
        printTable(DvrStatusTable.of(statuses));
    }

    private <T> T wait(CompletableFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout, TimeUnit.SECONDS);
    }
}
