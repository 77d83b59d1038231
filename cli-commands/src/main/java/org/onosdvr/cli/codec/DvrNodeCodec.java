package org.onosdvr.cli.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.MacAddress;
import org.onosdvr.api.DvrMacs;
import org.onosdvr.api.DvrNode;
import org.onosdvr.api.NodeRole;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.PortNumber;

import java.util.Set;

/**
 * DVR node: {@code device_id, role, tunnel_ip, tunnel_port, external_port (null if none), index, dvr_mac}.
 * On decode, {@code dvr_mac} (optional) fixes the base MAC ({@code dvr_mac - index}).
 */
public final class DvrNodeCodec extends JsonCodec<DvrNode> {

    static final String DEVICE_ID = "device_id";
    static final String ROLE = "role";
    static final String TUNNEL_IP = "tunnel_ip";
    static final String TUNNEL_PORT = "tunnel_port";
    static final String EXTERNAL_PORT = "external_port";
    static final String INDEX = "index";
    static final String DVR_MAC = "dvr_mac";
    private static final Set<String> KNOWN =
            ImmutableSet.of(DEVICE_ID, ROLE, TUNNEL_IP, TUNNEL_PORT, EXTERNAL_PORT, INDEX, DVR_MAC);

    @Override
    public ObjectNode encode(DvrNode node, CodecContext context) {
        ObjectNode json = context.mapper().createObjectNode()
                .put(DEVICE_ID, node.deviceId().toString())
                .put(ROLE, node.role().name())
                .put(TUNNEL_IP, node.tunnelIp().toString())
                .put(TUNNEL_PORT, node.tunnelPort().toLong());
        if (node.externalPort().isPresent()) {
            json.put(EXTERNAL_PORT, node.externalPort().get().toLong());
        } else {
            json.putNull(EXTERNAL_PORT);
        }
        return json.put(INDEX, node.index()).put(DVR_MAC, Neutron.mac(node.dvrMac()));
    }

    @Override
    public DvrNode decode(ObjectNode json, CodecContext context) {
        FieldReader r = FieldReader.of(json, "").allowOnly(KNOWN);
        int index = (int) r.integer(INDEX, 1, DvrMacs.MAX_INDEX);
        MacAddress mac = r.optMac(DVR_MAC);
        return DvrNode.builder()
                .deviceId(r.parse(DEVICE_ID, VmPortCodec::deviceId))
                .role(r.parse(ROLE, NodeRole::valueOf))
                .tunnelIp(r.ipv4(TUNNEL_IP))
                .tunnelPort(PortNumber.portNumber(r.integer(TUNNEL_PORT, 1, VmPortCodec.MAX_PORT)))
                .externalPort(r.has(EXTERNAL_PORT)
                                      ? PortNumber.portNumber(r.integer(EXTERNAL_PORT, 1, VmPortCodec.MAX_PORT))
                                      : null)
                .index(index)
                .baseMac(mac == null ? DvrMacs.DEFAULT_BASE_MAC : MacAddress.valueOf(mac.toLong() - index))
                .build();
    }
}
