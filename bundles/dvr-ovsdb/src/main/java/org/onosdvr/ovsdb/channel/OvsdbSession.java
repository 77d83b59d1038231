package org.onosdvr.ovsdb.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.onosdvr.ovsdb.db.BridgeRow;
import org.onosdvr.ovsdb.db.OvsdbTables;
import org.onosdvr.ovsdb.rpc.JsonRpcMessage;
import org.onosdvr.ovsdb.rpc.OvsdbRpcException;
import org.onosdvr.ovsdb.rpc.PendingCalls;
import org.onosproject.net.DeviceId;

import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One switch's OVSDB connection (ovsdb-server connected to us as its manager): our calls to it, its
 * {@code Open_vSwitch} tables as monitored, and the device it is, once its integration bridge has a datapath id.
 * Thread-safe: calls may be made from any thread; {@link #tables()} is an immutable snapshot.
 */
public final class OvsdbSession {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Channel channel;
    private final PendingCalls calls;
    private final String bridgeName;
    private final AtomicLong transactions = new AtomicLong();
    private volatile OvsdbTables tables = OvsdbTables.EMPTY;
    private volatile boolean monitored;
    private volatile DeviceId deviceId;

    OvsdbSession(Channel channel, PendingCalls calls, String bridgeName) {
        this.channel = channel;
        this.calls = calls;
        this.bridgeName = bridgeName;
    }

    /**
     * Sends a request.
     *
     * @param method method
     * @param params parameters
     * @return the result; fails with {@link OvsdbRpcException}
     */
    public CompletableFuture<JsonNode> call(String method, ArrayNode params) {
        if (!channel.isActive()) {
            return CompletableFuture.failedFuture(
                    new OvsdbRpcException(OvsdbRpcException.Kind.DISCONNECTED, "not connected: " + this));
        }
        PendingCalls.Registered r = calls.register(method);
        channel.writeAndFlush(JsonRpcMessage.request(r.id(), method, params))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return r.future();
    }

    /**
     * Sends one {@code transact} on the {@code Open_vSwitch} database.
     *
     * @param ops operations, in order
     * @return the {@code result} array (per-operation results; see {@code Ops.errors})
     */
    public CompletableFuture<JsonNode> transact(List<ObjectNode> ops) {
        ArrayNode params = JSON.arrayNode().add(OvsdbTables.DATABASE);
        ops.forEach(params::add);
        transactions.incrementAndGet();
        return call("transact", params);
    }

    /** @return the monitored tables as last updated */
    public OvsdbTables tables() {
        return tables;
    }

    /** @return the device ({@code of:<datapath id of the integration bridge>}), once known */
    public Optional<DeviceId> deviceId() {
        return Optional.ofNullable(deviceId);
    }

    /** @return the name of the integration bridge */
    public String bridgeName() {
        return bridgeName;
    }

    /** @return the integration bridge row, if it exists */
    public Optional<BridgeRow> bridge() {
        return tables.bridge(bridgeName);
    }

    /** @return number of {@code transact} requests sent on this connection */
    public long transactions() {
        return transactions.get();
    }

    /** @return the switch's address */
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** @return true while the connection is open */
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes the connection (the switch will reconnect). */
    public void close() {
        channel.close();
    }

    // ---- maintained by the channel handler and the server, on the connection's I/O thread ----

    void apply(JsonNode tableUpdates, boolean initial) {
        tables = tables.apply(tableUpdates);
        if (initial) {
            monitored = true;
        }
    }

    /**
     * The device these tables name.
     *
     * @return empty before the monitor reply or while the bridge has no datapath id
     */
    Optional<DeviceId> bridgeDevice() {
        if (!monitored) {
            return Optional.empty();
        }
        return bridge().flatMap(BridgeRow::datapathId).map(dpid -> DeviceId.deviceId("of:" + dpid));
    }

    void deviceId(DeviceId id) {
        this.deviceId = id;
    }

    PendingCalls calls() {
        return calls;
    }

    @Override
    public String toString() {
        DeviceId id = deviceId;
        return "ovsdb:" + channel.remoteAddress() + (id == null ? "" : "(" + id + ")");
    }
}
