package org.onosdvr.openflow.net;

import org.onosdvr.openflow.channel.SwitchError;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the ONOS service implementations of this package need from one connected OpenFlow 1.3 switch. In the
 * runtime it wraps an {@link org.onosdvr.openflow.channel.OpenFlowSwitchSession}; unit tests use a fake.
 * Futures complete on the controller's single callback thread, like listener calls.
 */
public interface SwitchConnection {

    /**
     * ONOS device id ({@code of:%016x}).
     *
     * @return device id
     */
    DeviceId deviceId();

    /**
     * Datapath id.
     *
     * @return dpid
     */
    long dpid();

    /**
     * OpenFlow 1.3 message factory.
     *
     * @return factory
     */
    OFFactory factory();

    /**
     * Remote address of the switch.
     *
     * @return address
     */
    SocketAddress remoteAddress();

    /**
     * Current ports (from PORT_DESC, updated by PORT_STATUS), by port number.
     *
     * @return ports
     */
    List<OFPortDesc> ports();

    /**
     * Whether the connection is up and past the handshake.
     *
     * @return true when usable
     */
    boolean isConnected();

    /**
     * Sends one message (xid 0 gets a fresh xid).
     *
     * @param msg message
     * @return its xid
     */
    long send(OFMessage msg);

    /**
     * Sends a request and collects every part of its reply.
     *
     * @param request   request
     * @param timeoutMs timeout in milliseconds
     * @return replies; fails with {@link org.onosdvr.openflow.channel.OpenFlowRequestException}
     */
    CompletableFuture<List<OFMessage>> request(OFMessage request, long timeoutMs);

    /**
     * Sends messages then a barrier.
     *
     * @param msgs messages
     * @return when the barrier reply arrives: the switch's errors by index in {@code msgs}; fails if the barrier
     *         fails (timeout, disconnect)
     */
    CompletableFuture<Map<Integer, SwitchError>> sendBatch(List<? extends OFMessage> msgs);
}
