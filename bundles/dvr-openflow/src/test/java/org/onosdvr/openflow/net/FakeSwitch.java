package org.onosdvr.openflow.net;

import org.onosdvr.openflow.channel.Dpids;
import org.onosdvr.openflow.channel.OpenFlowRequestException;
import org.onosdvr.openflow.channel.SwitchError;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A switch connection whose requests and batches the test answers by hand.
 */
final class FakeSwitch implements SwitchConnection {

    static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);

    /** A request waiting for the test's answer. */
    static final class Request {
        final OFMessage msg;
        final CompletableFuture<List<OFMessage>> future = new CompletableFuture<>();

        Request(OFMessage msg) {
            this.msg = msg;
        }
    }

    /** A batch waiting for the test's answer. */
    static final class Batch {
        final List<OFMessage> msgs;
        final CompletableFuture<Map<Integer, SwitchError>> future = new CompletableFuture<>();

        Batch(List<OFMessage> msgs) {
            this.msgs = msgs;
        }

        void ok() {
            future.complete(Map.of());
        }
    }

    final long dpid;
    final Map<Integer, OFPortDesc> ports = new TreeMap<>();
    final List<OFMessage> sent = new CopyOnWriteArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<Batch> batches = new CopyOnWriteArrayList<>();
    volatile boolean connected = true;

    FakeSwitch(long dpid) {
        this.dpid = dpid;
    }

    static OFPortDesc port(int number, String name, boolean up) {
        return F.buildPortDesc()
                .setPortNo(OFPort.of(number))
                .setName(name)
                .setHwAddr(MacAddress.of(0x0200_0000_0000L | number))
                .setConfig(up ? Set.of() : EnumSet.of(OFPortConfig.PORT_DOWN))
                .setState(up ? Set.of() : EnumSet.of(OFPortState.LINK_DOWN))
                .setCurrSpeed(10_000_000)
                .build();
    }

    FakeSwitch withPort(int number, String name) {
        ports.put(number, port(number, name, true));
        return this;
    }

    Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    Batch lastBatch() {
        return batches.get(batches.size() - 1);
    }

    @Override
    public DeviceId deviceId() {
        return Dpids.deviceId(dpid);
    }

    @Override
    public long dpid() {
        return dpid;
    }

    @Override
    public OFFactory factory() {
        return F;
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000 + (int) dpid);
    }

    @Override
    public List<OFPortDesc> ports() {
        return new ArrayList<>(ports.values());
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public long send(OFMessage msg) {
        sent.add(msg);
        return msg.getXid();
    }

    @Override
    public CompletableFuture<List<OFMessage>> request(OFMessage request, long timeoutMs) {
        Request r = new Request(request);
        if (!connected) {
            r.future.completeExceptionally(new OpenFlowRequestException(
                    OpenFlowRequestException.Kind.DISCONNECTED, 1, "disconnected", null, null));
        }
        requests.add(r);
        return r.future;
    }

    @Override
    public CompletableFuture<Map<Integer, SwitchError>> sendBatch(List<? extends OFMessage> msgs) {
        Batch b = new Batch(new ArrayList<>(msgs));
        batches.add(b);
        return b.future;
    }
}
