package org.onosdvr.cli.codec;

import com.google.common.collect.ImmutableMap;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.FloatingIp;
import org.onosdvr.api.GatewayAssignment;
import org.onosdvr.api.Network;
import org.onosdvr.api.Router;
import org.onosdvr.api.RouterInterface;
import org.onosdvr.api.Subnet;
import org.onosdvr.api.VmPort;
import org.onosproject.codec.JsonCodec;

import java.util.Map;
import java.util.Set;

/**
 * The one place where the DVR JSON codecs are registered (used by REST and CLI through
 * {@link DvrCodecContext}).
 */
public final class DvrCodecs {

    private static final Map<Class<?>, JsonCodec<?>> CODECS = ImmutableMap.<Class<?>, JsonCodec<?>>builder()
            .put(Network.class, new NetworkCodec())
            .put(Subnet.class, new SubnetCodec())
            .put(VmPort.class, new VmPortCodec())
            .put(Router.class, new RouterCodec())
            .put(RouterInterface.class, new RouterInterfaceCodec())
            .put(FloatingIp.class, new FloatingIpCodec())
            .put(DvrNode.class, new DvrNodeCodec())
            .put(GatewayAssignment.class, new GatewayAssignmentCodec())
            .build();

    private DvrCodecs() {
    }

    /**
     * Returns the codec of a model class.
     *
     * @param type model class
     * @param <T>  model type
     * @return codec
     * @throws IllegalArgumentException if there is none
     */
    @SuppressWarnings("unchecked")
    public static <T> JsonCodec<T> codec(Class<T> type) {
        JsonCodec<?> codec = CODECS.get(type);
        if (codec == null) {
            throw new IllegalArgumentException("no DVR codec for " + type.getName());
        }
        return (JsonCodec<T>) codec;
    }

    /** @return the model classes with a codec */
    public static Set<Class<?>> types() {
        return CODECS.keySet();
    }
}
