package org.onosdvr.openflow.channel;

import com.google.common.base.MoreObjects;
import io.netty.channel.Channel;
import org.onosdvr.openflow.channel.OpenFlowRequestException.Kind;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFPort;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected OpenFlow 1.3 switch: identity, features and ports learned in the handshake, and the ways to talk
 * to it. Thread-safe; sends never block (messages queue while the channel is not writable). Futures complete on
 * the controller's callback thread, not on the I/O thread.
 */
public final class OpenFlowSwitchSession {

    private static final OFFactory FACTORY = OFFactories.getFactory(OFVersion.OF_13);

    private final Channel channel;
    private final OutboundQueue out;
    private final PendingRequests pending;
    private final long requestTimeoutMs;
    private final AtomicInteger xids = new AtomicInteger(1);
    private final Map<OFPort, OFPortDesc> ports = new ConcurrentHashMap<>();
    private final List<Batch> batches = new CopyOnWriteArrayList<>();
    private volatile OFFeaturesReply features;
    private volatile boolean active;
    private volatile boolean closed;

    OpenFlowSwitchSession(Channel channel, Executor callbacks, long requestTimeoutMs) {
        this.channel = channel;
        this.out = new OutboundQueue(channel);
        this.pending = new PendingRequests(callbacks);
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /**
     * OpenFlow 1.3 factory to build messages for this switch.
     *
     * @return factory
     */
    public OFFactory factory() {
        return FACTORY;
    }

    /**
     * Datapath id.
     *
     * @return dpid
     * @throws IllegalStateException before the FEATURES_REPLY
     */
    public long dpid() {
        return features().getDatapathId().getLong();
    }

    /**
     * Datapath id as openflowj type.
     *
     * @return dpid
     */
    public DatapathId datapathId() {
        return features().getDatapathId();
    }

    /**
     * ONOS device id, {@code of:%016x}.
     *
     * @return device id
     */
    public DeviceId deviceId() {
        return Dpids.deviceId(dpid());
    }

    /**
     * The FEATURES_REPLY of the handshake (n_tables, n_buffers, capabilities).
     *
     * @return features
     * @throws IllegalStateException before it arrived
     */
    public OFFeaturesReply features() {
        OFFeaturesReply f = features;
        if (f == null) {
            throw new IllegalStateException("no FEATURES_REPLY yet from " + channel.remoteAddress());
        }
        return f;
    }

    /**
     * Current ports (from PORT_DESC, kept up to date by PORT_STATUS), by port number.
     *
     * @return ports
     */
    public List<OFPortDesc> ports() {
        List<OFPortDesc> list = new ArrayList<>(ports.values());
        list.sort(Comparator.comparingLong(p -> p.getPortNo().getPortNumber() & 0xffffffffL));
        return list;
    }

    /**
     * A port by number.
     *
     * @param port port number
     * @return its description
     */
    public Optional<OFPortDesc> port(OFPort port) {
        return Optional.ofNullable(ports.get(port));
    }

    /**
     * A port by name (the OVS interface name).
     *
     * @param name port name
     * @return its description
     */
    public Optional<OFPortDesc> portByName(String name) {
        return ports.values().stream().filter(p -> p.getName().equals(name)).findFirst();
    }

    /**
     * Whether the handshake completed and the connection is still up.
     *
     * @return true when usable
     */
    public boolean isConnected() {
        return active && !closed && channel.isActive();
    }

    /**
     * Remote address of the switch.
     *
     * @return address
     */
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /**
     * Allocates a transaction id (never 0).
     *
     * @return xid
     */
    public long nextXid() {
        long xid;
        do {
            xid = xids.getAndIncrement() & 0xffffffffL;
        } while (xid == 0);
        return xid;
    }

    /**
     * Sends a message; a message with xid 0 gets a fresh xid.
     *
     * @param msg message
     * @return its xid (ERRORs about it carry this xid)
     */
    public long send(OFMessage msg) {
        OFMessage m = withXid(msg);
        out.enqueue(m);
        return m.getXid();
    }

    /**
     * Sends messages in order, written together; messages with xid 0 get fresh xids.
     *
     * @param msgs messages
     * @return their xids, in order
     */
    public List<Long> sendAll(Collection<? extends OFMessage> msgs) {
        List<OFMessage> list = new ArrayList<>(msgs.size());
        List<Long> ids = new ArrayList<>(msgs.size());
        for (OFMessage m : msgs) {
            OFMessage x = withXid(m);
            list.add(x);
            ids.add(x.getXid());
        }
        out.enqueue(list);
        return ids;
    }

    /**
     * Sends a request and collects its reply (all parts of a multipart reply).
     *
     * @param request e.g. a flow-stats, port-desc or group-desc request, or a barrier
     * @return replies; fails with {@link OpenFlowRequestException}
     */
    public CompletableFuture<List<OFMessage>> request(OFMessage request) {
        return request(request, requestTimeoutMs);
    }

    /**
     * Sends a request with a specific timeout.
     *
     * @param request   request
     * @param timeoutMs timeout in milliseconds
     * @return replies; fails with {@link OpenFlowRequestException}
     */
    public CompletableFuture<List<OFMessage>> request(OFMessage request, long timeoutMs) {
        OFMessage m = withXid(request);
        if (closed) {
            return CompletableFuture.failedFuture(new OpenFlowRequestException(
                    Kind.DISCONNECTED, m.getXid(), m.getType() + " xid=" + m.getXid() + ": switch disconnected",
                    null, null));
        }
        CompletableFuture<List<OFMessage>> f = pending.register(m.getXid(), m.getType().toString(),
                                                                channel.eventLoop(), timeoutMs);
        out.enqueue(m);
        if (closed) {
            pending.failAll("switch disconnected");
        }
        return f;
    }

    /**
     * Sends a BARRIER_REQUEST.
     *
     * @return the barrier reply
     */
    public CompletableFuture<List<OFMessage>> barrier() {
        return request(FACTORY.buildBarrierRequest().setXid(nextXid()).build());
    }

    /**
     * Sends messages followed by a barrier, with consecutive fresh xids (any xid set on them is replaced), and
     * collects the switch's errors about them.
     *
     * @param msgs messages (e.g. flow mods)
     * @return completes when the barrier reply arrives; fails if the barrier fails (timeout, disconnect)
     */
    public CompletableFuture<BatchResult> sendBatch(List<? extends OFMessage> msgs) {
        int n = msgs.size();
        long first = xids.getAndAdd(n + 1) & 0xffffffffL;
        List<OFMessage> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(msgs.get(i).createBuilder().setXid((first + i) & 0xffffffffL).build());
        }
        Batch batch = new Batch(first, n);
        batches.add(batch);
        out.enqueue(list);
        OFMessage barrier = FACTORY.buildBarrierRequest().setXid((first + n) & 0xffffffffL).build();
        return request(barrier).handle((r, e) -> {
            batches.remove(batch);
            if (e != null) {
                throw new CompletionException(e);
            }
            return new BatchResult(first, n, batch.errors);
        });
    }

    /**
     * Closes the connection.
     */
    public void disconnect() {
        channel.close();
    }

    /**
     * Messages queued and not yet written (back-pressure).
     *
     * @return count
     */
    public int queuedMessages() {
        return out.size();
    }

    /**
     * Requests waiting for a reply.
     *
     * @return count
     */
    public int pendingRequests() {
        return pending.size();
    }

    @Override
    public String toString() {
        OFFeaturesReply f = features;
        return MoreObjects.toStringHelper(this)
                .add("dpid", f == null ? "?" : Dpids.toHex(f.getDatapathId().getLong()))
                .add("remote", channel.remoteAddress())
                .add("connected", isConnected())
                .toString();
    }

    // ---- used by the channel handler (event loop) ----

    boolean isIdentified() {
        return features != null;
    }

    void setFeatures(OFFeaturesReply reply) {
        this.features = reply;
    }

    void setPorts(Collection<OFPortDesc> descs) {
        ports.clear();
        for (OFPortDesc d : descs) {
            ports.put(d.getPortNo(), d);
        }
    }

    void applyPortStatus(OFPortStatus status) {
        OFPortDesc d = status.getDesc();
        if (status.getReason() == OFPortReason.DELETE) {
            ports.remove(d.getPortNo());
        } else {
            ports.put(d.getPortNo(), d);
        }
    }

    void markActive() {
        this.active = true;
    }

    /**
     * Routes an error to its pending request and batch.
     *
     * @param error the switch's error
     * @return true if a pending request was failed
     */
    boolean errorReceived(SwitchError error) {
        for (Batch b : batches) {
            if (b.contains(error.xid())) {
                b.errors.add(error);
            }
        }
        return pending.error(error);
    }

    boolean replyReceived(OFMessage msg) {
        return pending.reply(msg);
    }

    boolean undecodableReceived(UndecodableMessage msg) {
        return pending.undecodable(msg);
    }

    void writabilityChanged() {
        out.writabilityChanged();
    }

    void closed(String reason) {
        closed = true;
        out.clear();
        pending.failAll(reason);
    }

    private OFMessage withXid(OFMessage msg) {
        return msg.getXid() != 0 ? msg : msg.createBuilder().setXid(nextXid()).build();
    }

    private static final class Batch {
        private final long first;
        private final int size;
        private final List<SwitchError> errors = new CopyOnWriteArrayList<>();

        private Batch(long first, int size) {
            this.first = first;
            this.size = size;
        }

        private boolean contains(long xid) {
            return ((xid - first) & 0xffffffffL) < size;
        }
    }
}
