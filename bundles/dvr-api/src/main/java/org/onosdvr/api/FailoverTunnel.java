package org.onosdvr.api;

import com.google.common.base.MoreObjects;
import org.onlab.packet.IpAddress;
import org.onosproject.net.DeviceId;

import java.util.Objects;
import java.util.Optional;

import static org.onosdvr.api.Checks.check;
import static org.onosdvr.api.Checks.ipv4;
import static org.onosdvr.api.Checks.required;

/**
 * A BFD-monitored VXLAN port on one node towards one peer node: the data plane's signal that the peer is alive.
 * A compute node has one towards every gateway node, a gateway node one towards every compute node (BFD needs
 * both ends). The port uses its own UDP port ({@link #udpPort()}, not the data port 4789), so it carries BFD
 * only; data keeps leaving through the node's flow-based tunnel port, and a fast-failover group bucket
 * <em>watches</em> this port's liveness. The port is named {@link #portName(IpAddress)} after the peer's tunnel
 * IP, which is how the app recognises it among the switch's ports.
 */
public final class FailoverTunnel {

    /** Name prefix of every failover tunnel port; ports with it belong to the DVR. */
    public static final String NAME_PREFIX = "bfd-";
    /** Default UDP port of the BFD-only VXLAN ports. */
    public static final int DEFAULT_UDP_PORT = 4790;

    private final DeviceId deviceId;
    private final IpAddress localIp;
    private final IpAddress remoteIp;
    private final int udpPort;
    private final int minTxMs;
    private final int minRxMs;

    /**
     * @param deviceId node the port is on
     * @param localIp  the node's tunnel IP
     * @param remoteIp the peer's tunnel IP
     * @param udpPort  VXLAN UDP port of BFD-only tunnels (same on every node)
     * @param minTxMs  BFD bfd:min_tx, ms
     * @param minRxMs  BFD bfd:min_rx, ms (detection takes about 3 x the slower side's interval)
     */
    public FailoverTunnel(DeviceId deviceId, IpAddress localIp, IpAddress remoteIp, int udpPort, int minTxMs,
                          int minRxMs) {
        this.deviceId = required(deviceId, "device_id");
        this.localIp = ipv4(localIp, "local_ip");
        this.remoteIp = ipv4(remoteIp, "remote_ip");
        check(!localIp.equals(remoteIp), "a failover tunnel needs two different endpoints: %s", localIp);
        check(udpPort > 0 && udpPort < 65536 && udpPort != 4789,
              "failover tunnel UDP port must be in 1..65535 and not the data port 4789: %d", udpPort);
        check(minTxMs >= 1 && minRxMs >= 1, "BFD intervals must be >= 1 ms: min_tx %d, min_rx %d", minTxMs,
              minRxMs);
        this.udpPort = udpPort;
        this.minTxMs = minTxMs;
        this.minRxMs = minRxMs;
    }

    /**
     * Port name for the failover tunnel towards a peer: {@code bfd-} and the peer's IPv4 address as 8 hex digits
     * (12 characters, within Linux's 15).
     *
     * @param peer peer tunnel IP
     * @return port name
     */
    public static String portName(IpAddress peer) {
        ipv4(peer, "peer");
        return String.format("%s%08x", NAME_PREFIX, peer.getIp4Address().toInt());
    }

    /**
     * Inverse of {@link #portName(IpAddress)}.
     *
     * @param name a port name
     * @return the peer tunnel IP, if the name is a failover tunnel's
     */
    public static Optional<IpAddress> peerOf(String name) {
        if (name == null || name.length() != NAME_PREFIX.length() + 8 || !name.startsWith(NAME_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(IpAddress.valueOf((int) Long.parseLong(name.substring(NAME_PREFIX.length()), 16)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return {@link #portName(IpAddress)} of the remote IP */
    public String name() {
        return portName(remoteIp);
    }

    public IpAddress localIp() {
        return localIp;
    }

    public IpAddress remoteIp() {
        return remoteIp;
    }

    public int udpPort() {
        return udpPort;
    }

    public int minTxMs() {
        return minTxMs;
    }

    public int minRxMs() {
        return minRxMs;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FailoverTunnel)) {
            return false;
        }
        FailoverTunnel t = (FailoverTunnel) o;
        return udpPort == t.udpPort && minTxMs == t.minTxMs && minRxMs == t.minRxMs
                && deviceId.equals(t.deviceId) && localIp.equals(t.localIp) && remoteIp.equals(t.remoteIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, localIp, remoteIp, udpPort, minTxMs, minRxMs);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", deviceId).add("name", name())
                .add("local", localIp).add("remote", remoteIp).add("udpPort", udpPort)
                .add("minTx", minTxMs).add("minRx", minRxMs).toString();
    }
}
