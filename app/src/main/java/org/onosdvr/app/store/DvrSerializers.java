package org.onosdvr.app.store;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.google.common.collect.ImmutableSortedSet;
import org.onlab.packet.IpAddress;
import org.onlab.util.KryoNamespace;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.ExternalGateway;
import org.onosdvr.api.ExternalNeighbor;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.FloatingIpId;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Network;
import org.onosdvr.api.NetworkId;
import org.onosdvr.api.NodeRole;
import org.onosdvr.api.PortId;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterId;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.SubnetId;
import org.onosdvr.api.TenantId;
import org.onosdvr.api.VmPort;
import org.onosproject.store.serializers.KryoNamespaces;

/**
 * The Kryo namespace of the DVR maps: ONOS API types plus every model class of dvr-api.
 */
public final class DvrSerializers {

    /** Namespace used by the distributed store's maps. */
    public static final KryoNamespace DVR = KryoNamespace.newBuilder()
            .register(KryoNamespaces.API)
            .nextId(KryoNamespaces.BEGIN_USER_CUSTOM_ID)
            .register(NetworkId.class, SubnetId.class, PortId.class, RouterId.class, FloatingIpId.class,
                      TenantId.class)
            .register(Network.class, Subnet.class, VmPort.class, Router.class, ExternalGateway.class,
                      RouterInterface.class, FloatingIp.class, DvrNode.class, NodeRole.class,
                      ExternalNeighbor.class, GatewayAssignment.class)
            .register(new IpSetSerializer(), ImmutableSortedSet.of().getClass(),
                      ImmutableSortedSet.of(IpAddress.valueOf(0)).getClass())
            .build("onos-dvr");

    private DvrSerializers() {
    }

    /** Serializes the sorted address sets of VM ports (natural order, so only the elements are written). */
    private static final class IpSetSerializer extends Serializer<ImmutableSortedSet<IpAddress>> {

        private IpSetSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, ImmutableSortedSet<IpAddress> set) {
            output.writeInt(set.size(), true);
            set.forEach(ip -> kryo.writeClassAndObject(output, ip));
        }

        @Override
        public ImmutableSortedSet<IpAddress> read(Kryo kryo, Input input,
                                                  Class<ImmutableSortedSet<IpAddress>> type) {
            int size = input.readInt(true);
            ImmutableSortedSet.Builder<IpAddress> b = ImmutableSortedSet.naturalOrder();
            for (int i = 0; i < size; i++) {
                b.add((IpAddress) kryo.readClassAndObject(input));
            }
            return b.build();
        }
    }
}
