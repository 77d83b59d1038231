package org.onosdvr.pipeline;

import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficTreatment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The actions of a compiled rule in a compact, device-independent form: the apply-actions in order (each an
 * {@link Op} and its operands, all {@code long}s), then the optional write-metadata and goto. Nicira actions are
 * recorded by kind and operands; they become ONOS extension treatments only in {@link #treatment}, through the
 * device's extension resolver, so one {@code Actions} serves every device.
 */
final class Actions {

    /** An apply-action: its operand count and the declared action kind(s) it counts as. */
    enum Op {
        /** Output to a port (IN_PORT and CONTROLLER included); operand: port number. */
        OUTPUT(1),
        /** No action (ONOS {@code drop()}). */
        DROP(0),
        SET_ETH_SRC(1, PipelineAction.SET_ETH_SRC),
        SET_ETH_DST(1, PipelineAction.SET_ETH_DST),
        SET_IP_SRC(1, PipelineAction.SET_IP_SRC),
        SET_IP_DST(1, PipelineAction.SET_IP_DST),
        DEC_TTL(0, PipelineAction.DEC_TTL),
        SET_TUNNEL_ID(1, PipelineAction.SET_TUNNEL_ID),
        SET_ARP_OP(1, PipelineAction.SET_ARP_OP),
        SET_ARP_SHA(1, PipelineAction.SET_ARP_SHA),
        SET_ARP_SPA(1, PipelineAction.SET_ARP_SPA),
        GROUP(1, PipelineAction.GROUP),
        SET_TUNNEL_DST(1, PipelineAction.SET_TUNNEL_DST),
        MOVE_ETH_SRC_TO_DST(0, PipelineAction.MOVE_ETH_SRC_TO_DST),
        MOVE_ARP_SHA_TO_THA(0, PipelineAction.MOVE_ARP_SHA_TO_THA),
        MOVE_ARP_SPA_TO_TPA(0, PipelineAction.MOVE_ARP_SPA_TO_TPA),
        MOVE_IP_SRC_TO_DST(0, PipelineAction.MOVE_IP_SRC_TO_DST),
        /** Nicira load; operands: NXM header, ofs-nbits, value. */
        LOAD(3, PipelineAction.LOAD),
        /** {@code ct(commit, zone, nat(src=ip), table=recirc)}; operands: zone, recirculation table, ip. */
        CT_COMMIT_SNAT(3, PipelineAction.CT, PipelineAction.NAT),
        /** {@code ct(zone, nat, table=recirc)}; operands: zone, recirculation table. */
        CT_REVERSE_NAT(2, PipelineAction.CT, PipelineAction.NAT);

        private final int operands;
        private final Set<PipelineAction> kinds;
        private final PipelineAction[] kindArray;

        Op(int operands, PipelineAction... kinds) {
            this.operands = operands;
            this.kinds = kinds.length == 0 ? Set.of() : EnumSet.of(kinds[0], kinds);
            this.kindArray = kinds;
        }

        int operands() {
            return operands;
        }

        /** @return the declared action kinds this op needs (OUTPUT is decided by its port) */
        Set<PipelineAction> kinds() {
            return kinds;
        }

        /** @return {@link #kinds()} as an array (shared: do not modify) */
        PipelineAction[] kindArray() {
            return kindArray;
        }

        /** @return true if it is a Nicira extension (made per device) */
        boolean extension() {
            return ordinal() >= SET_TUNNEL_DST.ordinal();
        }
    }

    private static final Op[] OPS = Op.values();
    private static final int NO_GOTO = -1;

    /** Ops and operands: op ordinal, then its operands, for each apply-action in order. */
    private final long[] ops;
    private final boolean writesMetadata;
    private final long metadata;
    private final long metadataMask;
    private final int gotoTable;
    private final boolean extensions;
    private final int hash;
    /** The ONOS treatment, kept once made when it has no extension (then it is the same on every device). */
    private volatile TrafficTreatment treatment;

    private Actions(Builder b) {
        this.ops = Arrays.copyOf(b.ops, b.size);
        this.writesMetadata = b.writesMetadata;
        this.metadata = b.metadata;
        this.metadataMask = b.metadataMask;
        this.gotoTable = b.gotoTable;
        boolean ext = false;
        for (int i = 0; i < ops.length; i += 1 + OPS[(int) ops[i]].operands()) {
            ext |= OPS[(int) ops[i]].extension();
        }
        this.extensions = ext;
        this.hash = (int) StableHash.mix(StableHash.mix(gotoTable, ops), writesMetadata ? metadata : 0);
    }

    /** @return a new builder */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Visits the apply-actions in order.
     *
     * @param visitor called with each op and the index of its first operand in {@code operands}
     */
    void forEach(OpVisitor visitor) {
        for (int i = 0; i < ops.length; i += 1 + OPS[(int) ops[i]].operands()) {
            visitor.visit(OPS[(int) ops[i]], ops, i + 1);
        }
    }

    /** Receives the apply-actions of {@link #forEach}. */
    interface OpVisitor {
        /**
         * @param op       op
         * @param operands operand array
         * @param first    index of the op's first operand
         */
        void visit(Op op, long[] operands, int first);
    }

    /** @return true if it writes metadata */
    boolean writesMetadata() {
        return writesMetadata;
    }

    /** @return the goto table id, or -1 */
    int gotoTable() {
        return gotoTable;
    }

    /**
     * Returns the ONOS treatment for a device.
     *
     * @param nicira the device's Nicira actions
     * @param device the device (extension instructions name it)
     * @return the treatment
     */
    TrafficTreatment treatment(NiciraActions nicira, DeviceId device) {
        TrafficTreatment t = treatment;
        if (t != null) {
            return t;
        }
        t = toTreatment(nicira, device);
        if (!extensions) {
            treatment = t;  // benign race: equal treatments
        }
        return t;
    }

    private TrafficTreatment toTreatment(NiciraActions nicira, DeviceId device) {
        TrafficTreatment.Builder b = DefaultTrafficTreatment.builder();
        forEach((op, v, i) -> {
            switch (op) {
                case OUTPUT:
                    b.setOutput(port(v[i]));
                    break;
                case DROP:
                    b.drop();
                    break;
                case SET_ETH_SRC:
                    b.setEthSrc(MacAddress.valueOf(v[i]));
                    break;
                case SET_ETH_DST:
                    b.setEthDst(MacAddress.valueOf(v[i]));
                    break;
                case SET_IP_SRC:
                    b.setIpSrc(ip(v[i]));
                    break;
                case SET_IP_DST:
                    b.setIpDst(ip(v[i]));
                    break;
                case DEC_TTL:
                    b.decNwTtl();
                    break;
                case SET_TUNNEL_ID:
                    b.setTunnelId(v[i]);
                    break;
                case SET_ARP_OP:
                    b.setArpOp((short) v[i]);
                    break;
                case SET_ARP_SHA:
                    b.setArpSha(MacAddress.valueOf(v[i]));
                    break;
                case SET_ARP_SPA:
                    b.setArpSpa(ip(v[i]));
                    break;
                case GROUP:
                    b.group(GroupId.valueOf((int) v[i]));
                    break;
                default:
                    b.extension(nicira.of(op, v, i), device);
                    break;
            }
        });
        if (writesMetadata) {
            b.writeMetadata(metadata, metadataMask);
        }
        if (gotoTable != NO_GOTO) {
            b.transition(gotoTable);
        }
        return b.build();
    }

    private static PortNumber port(long v) {
        if (v == PortNumber.IN_PORT.toLong()) {
            return PortNumber.IN_PORT;
        }
        return v == PortNumber.CONTROLLER.toLong() ? PortNumber.CONTROLLER : PortNumber.portNumber(v);
    }

    static Ip4Address ip(long v) {
        return Ip4Address.valueOf((int) v);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Actions)) {
            return false;
        }
        Actions a = (Actions) o;
        return hash == a.hash && gotoTable == a.gotoTable && writesMetadata == a.writesMetadata
                && metadata == a.metadata && metadataMask == a.metadataMask && Arrays.equals(ops, a.ops);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        forEach((op, v, i) -> {
            s.append(s.length() > 1 ? ", " : "").append(op.name().toLowerCase());
            if (op.operands() > 0) {
                s.append(Arrays.toString(Arrays.copyOfRange(v, i, i + op.operands())));
            }
        });
        if (writesMetadata) {
            s.append(s.length() > 1 ? ", " : "").append("write_metadata:0x").append(Long.toHexString(metadata));
        }
        if (gotoTable != NO_GOTO) {
            s.append(s.length() > 1 ? ", " : "").append("goto:").append(gotoTable);
        }
        return s.append(']').toString();
    }

    /**
     * Builds actions; the method names are those of ONOS's {@code TrafficTreatment.Builder}, plus one method
     * per Nicira action the pipeline uses.
     */
    static final class Builder {
        private long[] ops = new long[8];
        private int size;
        private boolean writesMetadata;
        private long metadata;
        private long metadataMask;
        private int gotoTable = NO_GOTO;

        private Builder() {
        }

        private void room(int n) {
            if (size + n > ops.length) {
                ops = Arrays.copyOf(ops, Math.max(ops.length * 2, size + n));
            }
        }

        private Builder add(Op op) {
            room(1);
            ops[size++] = op.ordinal();
            return this;
        }

        private Builder add(Op op, long a) {
            room(2);
            ops[size++] = op.ordinal();
            ops[size++] = a;
            return this;
        }

        private Builder add(Op op, long a, long b) {
            room(3);
            ops[size++] = op.ordinal();
            ops[size++] = a;
            ops[size++] = b;
            return this;
        }

        private Builder add(Op op, long a, long b, long c) {
            room(4);
            ops[size++] = op.ordinal();
            ops[size++] = a;
            ops[size++] = b;
            ops[size++] = c;
            return this;
        }

        Builder setOutput(PortNumber port) {
            return add(Op.OUTPUT, port.toLong());
        }

        Builder punt() {
            return setOutput(PortNumber.CONTROLLER);
        }

        Builder drop() {
            return add(Op.DROP);
        }

        Builder setEthSrc(MacAddress mac) {
            return add(Op.SET_ETH_SRC, mac.toLong());
        }

        Builder setEthDst(MacAddress mac) {
            return add(Op.SET_ETH_DST, mac.toLong());
        }

        Builder setIpSrc(IpAddress ip) {
            return add(Op.SET_IP_SRC, ip4(ip));
        }

        Builder setIpDst(IpAddress ip) {
            return add(Op.SET_IP_DST, ip4(ip));
        }

        Builder decNwTtl() {
            return add(Op.DEC_TTL);
        }

        Builder setTunnelId(long id) {
            return add(Op.SET_TUNNEL_ID, id);
        }

        Builder setArpOp(short op) {
            return add(Op.SET_ARP_OP, op);
        }

        Builder setArpSha(MacAddress mac) {
            return add(Op.SET_ARP_SHA, mac.toLong());
        }

        Builder setArpSpa(IpAddress ip) {
            return add(Op.SET_ARP_SPA, ip4(ip));
        }

        Builder group(GroupId id) {
            return add(Op.GROUP, id.id());
        }

        // Nicira set_field:ip->tun_dst
        Builder setTunnelDst(IpAddress ip) {
            return add(Op.SET_TUNNEL_DST, ip4(ip));
        }

        // Nicira move:eth_src->eth_dst
        Builder moveEthSrcToDst() {
            return add(Op.MOVE_ETH_SRC_TO_DST);
        }

        // Nicira move:arp_sha->arp_tha
        Builder moveArpShaToTha() {
            return add(Op.MOVE_ARP_SHA_TO_THA);
        }

        // Nicira move:arp_spa->arp_tpa
        Builder moveArpSpaToTpa() {
            return add(Op.MOVE_ARP_SPA_TO_TPA);
        }

        // Nicira move:ip_src->ip_dst
        Builder moveIpSrcToDst() {
            return add(Op.MOVE_IP_SRC_TO_DST);
        }

        // Nicira load:type->NXM_OF_ICMP_TYPE[0..7]
        Builder loadIcmpType(int type) {
            return add(Op.LOAD, NiciraActions.NXM_OF_ICMP_TYPE, NiciraActions.ofsNbits(0, 8), type);
        }

        // Nicira load:value->OXM_OF_METADATA[0..63] (metadata set inside the apply-actions).
        Builder loadMetadata(long value) {
            return add(Op.LOAD, NiciraActions.OXM_OF_METADATA, NiciraActions.ofsNbits(0, 64), value);
        }

        // Nicira ct(commit, zone=zone, nat(src=ip), table=recirc)
        Builder ctCommitSnat(int zone, PipelineTable recirc, IpAddress ip) {
            return add(Op.CT_COMMIT_SNAT, zone, recirc.id(), ip4(ip));
        }

        // Nicira ct(zone=zone, nat, table=recirc): reverses the NAT of an existing connection.
        Builder ctReverseNat(int zone, PipelineTable recirc) {
            return add(Op.CT_REVERSE_NAT, zone, recirc.id());
        }

        Builder writeMetadata(long value, long mask) {
            writesMetadata = true;
            metadata = value;
            metadataMask = mask;
            return this;
        }

        Builder transition(int table) {
            gotoTable = table;
            return this;
        }

        private static long ip4(IpAddress ip) {
            return Match.ip4Bits(ip);
        }

        Actions build() {
            return new Actions(this);
        }
    }
}
