package org.onosdvr.api;

import org.onlab.packet.IpAddress;
import org.onosproject.net.DeviceId;

/**
 * Write side of the DVR. Every call validates the state it would produce and either applies the whole change
 * or throws {@link DvrException} (or {@link IllegalArgumentException} for invalid values) and changes nothing.
 */
public interface DvrAdminService extends DvrService {

    Network createNetwork(Network network);

    Network updateNetwork(Network network);

    /**
     * Removes a network; it must have no subnets and no ports.
     *
     * @param id network
     */
    void removeNetwork(NetworkId id);

    Subnet createSubnet(Subnet subnet);

    Subnet updateSubnet(Subnet subnet);

    /**
     * Removes a subnet; no port address, router interface or floating IP may use it.
     *
     * @param id subnet
     */
    void removeSubnet(SubnetId id);

    VmPort createPort(VmPort port);

    VmPort updatePort(VmPort port);

    /**
     * Removes a VM port (its floating IPs are disassociated, as Neutron does).
     *
     * @param id port
     */
    void removePort(PortId id);

    /**
     * Creates a router. A key of 0 and a missing external gateway MAC are allocated.
     *
     * @param router router
     * @return the stored router
     */
    Router createRouter(Router router);

    /**
     * Updates a router (name, admin state, distributed flag, external gateway); its key is kept.
     *
     * @param router router
     * @return the stored router
     */
    Router updateRouter(Router router);

    /**
     * Removes a router; it must have no interfaces and no associated floating IPs.
     *
     * @param id router
     */
    void removeRouter(RouterId id);

    /**
     * Attaches a subnet to a router (its gateway IP becomes the router's address there).
     *
     * @param routerId router
     * @param subnetId subnet
     * @return the interface, with its gateway MAC
     */
    RouterInterface addRouterInterface(RouterId routerId, SubnetId subnetId);

    /**
     * Detaches a subnet; floating IPs of ports on it must be disassociated first.
     *
     * @param routerId router
     * @param subnetId subnet
     * @return the removed interface
     */
    RouterInterface removeRouterInterface(RouterId routerId, SubnetId subnetId);

    /**
     * Creates a floating IP; with a port, the fixed IP (if not given: the port's first address on a subnet
     * attached to a router with a gateway on the floating network) and the router are resolved.
     *
     * @param floatingIp floating IP
     * @return the stored floating IP
     */
    FloatingIp createFloatingIp(FloatingIp floatingIp);

    /**
     * Associates, re-associates or disassociates (no port) a floating IP.
     *
     * @param floatingIp floating IP
     * @return the stored floating IP
     */
    FloatingIp updateFloatingIp(FloatingIp floatingIp);

    void removeFloatingIp(FloatingIpId id);

    /**
     * Adds or updates a node (normally from network config); index 0 allocates one.
     *
     * @param node node
     * @return the stored node
     */
    DvrNode updateNode(DvrNode node);

    void removeNode(DeviceId deviceId);

    /**
     * Records (or refreshes) a neighbor on an external network.
     *
     * @param neighbor neighbor
     */
    void updateNeighbor(ExternalNeighbor neighbor);

    void removeNeighbor(NetworkId networkId, IpAddress ip);
}
