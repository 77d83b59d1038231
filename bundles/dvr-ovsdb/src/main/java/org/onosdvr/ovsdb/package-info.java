/**
 * OVSDB (RFC 7047) southbound of the embedded runtime: {@link org.onosdvr.ovsdb.OvsdbControllerComponent} runs
 * the manager endpoint switches connect to ({@code ovs-vsctl set-manager tcp:<runtime>:6640}), and
 * {@link org.onosdvr.ovsdb.tunnel.TunnelPortManager} implements {@link org.onosdvr.api.TunnelPortService} on
 * it (BFD-monitored failover tunnel ports); {@link org.onosdvr.ovsdb.ratelimit.PacketInLimitManager} limits the
 * PACKET_INs every switch sends to its controllers. Sub-packages: {@code rpc} (JSON-RPC 1.0 framing, codec,
 * pending calls), {@code db} (data notation, monitored rows, transact operations), {@code channel} (Netty server
 * and sessions), {@code sync} (the generic level-triggered reconciler), {@code tunnel} (the failover-port diff
 * and service), {@code ratelimit} (the packet-in limit).
 */
package org.onosdvr.ovsdb;
