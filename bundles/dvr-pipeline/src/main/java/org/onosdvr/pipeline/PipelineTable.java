package org.onosdvr.pipeline;

import com.google.common.collect.ImmutableSet;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.onosdvr.pipeline.PipelineAction.CT;
import static org.onosdvr.pipeline.PipelineAction.DEC_TTL;
import static org.onosdvr.pipeline.PipelineAction.GROUP;
import static org.onosdvr.pipeline.PipelineAction.LOAD;
import static org.onosdvr.pipeline.PipelineAction.MOVE_ARP_SHA_TO_THA;
import static org.onosdvr.pipeline.PipelineAction.MOVE_ARP_SPA_TO_TPA;
import static org.onosdvr.pipeline.PipelineAction.MOVE_ETH_SRC_TO_DST;
import static org.onosdvr.pipeline.PipelineAction.MOVE_IP_SRC_TO_DST;
import static org.onosdvr.pipeline.PipelineAction.NAT;
import static org.onosdvr.pipeline.PipelineAction.OUTPUT;
import static org.onosdvr.pipeline.PipelineAction.PUNT;
import static org.onosdvr.pipeline.PipelineAction.SET_ARP_OP;
import static org.onosdvr.pipeline.PipelineAction.SET_ARP_SHA;
import static org.onosdvr.pipeline.PipelineAction.SET_ARP_SPA;
import static org.onosdvr.pipeline.PipelineAction.SET_ETH_DST;
import static org.onosdvr.pipeline.PipelineAction.SET_ETH_SRC;
import static org.onosdvr.pipeline.PipelineAction.SET_IP_DST;
import static org.onosdvr.pipeline.PipelineAction.SET_IP_SRC;
import static org.onosdvr.pipeline.PipelineAction.SET_TUNNEL_DST;
import static org.onosdvr.pipeline.PipelineAction.SET_TUNNEL_ID;
import static org.onosdvr.pipeline.PipelineAction.WRITE_METADATA;
import static org.onosproject.net.flow.criteria.Criterion.Type.ARP_OP;
import static org.onosproject.net.flow.criteria.Criterion.Type.ARP_SHA;
import static org.onosproject.net.flow.criteria.Criterion.Type.ARP_SPA;
import static org.onosproject.net.flow.criteria.Criterion.Type.ARP_TPA;
import static org.onosproject.net.flow.criteria.Criterion.Type.ETH_DST;
import static org.onosproject.net.flow.criteria.Criterion.Type.ETH_DST_MASKED;
import static org.onosproject.net.flow.criteria.Criterion.Type.ETH_SRC;
import static org.onosproject.net.flow.criteria.Criterion.Type.ETH_SRC_MASKED;
import static org.onosproject.net.flow.criteria.Criterion.Type.ETH_TYPE;
import static org.onosproject.net.flow.criteria.Criterion.Type.ICMPV4_TYPE;
import static org.onosproject.net.flow.criteria.Criterion.Type.IN_PORT;
import static org.onosproject.net.flow.criteria.Criterion.Type.IPV4_DST;
import static org.onosproject.net.flow.criteria.Criterion.Type.IPV4_SRC;
import static org.onosproject.net.flow.criteria.Criterion.Type.IP_PROTO;
import static org.onosproject.net.flow.criteria.Criterion.Type.METADATA;
import static org.onosproject.net.flow.criteria.Criterion.Type.TUNNEL_ID;
import static org.onosproject.net.flow.criteria.Criterion.Type.UDP_DST;
import static org.onosproject.net.flow.criteria.Criterion.Type.VLAN_VID;

/**
 * The DVR pipeline, declared once: every table with its id (its position), name, purpose, the match fields and
 * actions it may use, the tables it may continue to (goto, or conntrack recirculation; always forward) and its
 * miss behaviour. {@link DvrFlowBuilder} checks every rule against this declaration when it is built, and the
 * table-miss rules are generated from it. {@code docs/pipeline.md} documents each table's priority bands.
 */
public enum PipelineTable {

    /** Port classification and anti-spoofing; sets the network tag; DVR-MAC restore for routed packets. */
    CLASSIFIER("classifier",
               "port classification and anti-spoofing; sets metadata = network tag; DVR-MAC restore",
               ImmutableSet.of(IN_PORT, VLAN_VID, ETH_SRC, ETH_SRC_MASKED, ETH_TYPE, IPV4_SRC, IPV4_DST, IP_PROTO,
                               UDP_DST, ARP_SPA, ARP_SHA, TUNNEL_ID),
               EnumSet.of(WRITE_METADATA, SET_ETH_SRC, PUNT),
               "arp_responder", Miss.DROP, null),

    /** In-switch ARP replies for router interface, floating and router external IPs. */
    ARP_RESPONDER("arp_responder",
                  "in-switch ARP replies: router interface IPs, floating IPs, router external IPs",
                  ImmutableSet.of(METADATA, ETH_TYPE, ARP_OP, ARP_TPA),
                  EnumSet.of(MOVE_ETH_SRC_TO_DST, SET_ETH_SRC, SET_ARP_OP, MOVE_ARP_SHA_TO_THA, SET_ARP_SHA,
                             MOVE_ARP_SPA_TO_TPA, SET_ARP_SPA, OUTPUT, PUNT),
                  "l3_ingress", Miss.GOTO, "l3_ingress"),

    /** Packets addressed to a router: ICMP echo reply, FIP DNAT, un-SNAT; sets the router tag. */
    L3_INGRESS("l3_ingress",
               "packets addressed to a router: ICMP echo reply, floating IP DNAT, un-SNAT; sets the router tag",
               ImmutableSet.of(METADATA, ETH_DST, ETH_TYPE, IPV4_DST, IP_PROTO, ICMPV4_TYPE),
               EnumSet.of(MOVE_ETH_SRC_TO_DST, SET_ETH_SRC, MOVE_IP_SRC_TO_DST, SET_IP_SRC, SET_IP_DST, LOAD,
                          OUTPUT, WRITE_METADATA, CT, NAT),
               "l3_route,l2_lookup", Miss.GOTO, "l2_lookup"),

    /** Longest-prefix match per router, floating IP egress, default route. */
    L3_ROUTE("l3_route",
             "LPM per router (east-west), floating IP egress, default route to the SNAT gateway (failover group)",
             ImmutableSet.of(METADATA, ETH_TYPE, IPV4_SRC, IPV4_DST),
             EnumSet.of(SET_ETH_SRC, DEC_TTL, WRITE_METADATA, SET_IP_SRC, SET_TUNNEL_ID, SET_TUNNEL_DST, GROUP),
             "arp_resolve,snat,ext_out,tunnel_out", Miss.DROP, null),

    /** (network tag, ip_dst) to the VM's MAC. */
    ARP_RESOLVE("arp_resolve",
                "(network tag, ip_dst) -> eth_dst of the VM",
                ImmutableSet.of(METADATA, ETH_TYPE, IPV4_DST),
                EnumSet.of(SET_ETH_DST),
                "l2_lookup", Miss.DROP, null),

    /** Default SNAT through conntrack on the router's SNAT gateway node. */
    SNAT("snat",
         "default SNAT: ct(commit, zone=router key, nat(src=external ip), table=ext_out) on the SNAT gateway",
         ImmutableSet.of(METADATA, ETH_TYPE),
         EnumSet.of(SET_ETH_SRC, DEC_TTL, CT, NAT),
         "ext_out", Miss.DROP, null),

    /** External next-hop MAC resolution and output on the external port. */
    EXT_OUT("ext_out",
            "external next-hop MAC resolution and output on the external port",
            ImmutableSet.of(ETH_TYPE, IPV4_DST),
            EnumSet.of(SET_ETH_DST, OUTPUT, PUNT),
            "", Miss.DROP, null),

    /** (network tag, eth_dst) to a local port or a tunnel; flooding with split horizon. */
    L2_LOOKUP("l2_lookup",
              "(network tag, eth_dst) -> local port or tunnel to the hosting node; BUM flooding, split horizon",
              ImmutableSet.of(IN_PORT, METADATA, ETH_DST, ETH_DST_MASKED),
              EnumSet.of(OUTPUT, SET_TUNNEL_ID, SET_TUNNEL_DST),
              "tunnel_out", Miss.DROP, null),

    /** Output to the tunnel port; routed packets leave with this node's DVR MAC. */
    TUNNEL_OUT("tunnel_out",
               "output to the tunnel port; packets from a distributed router leave with this node's DVR MAC",
               ImmutableSet.of(IN_PORT, ETH_SRC),
               EnumSet.of(SET_ETH_SRC, OUTPUT),
               "", Miss.DROP, null);

    private static final PipelineTable[] VALUES = values();

    /** What a table does with a packet no rule matches. */
    public enum Miss {
        /** Drop the packet. */
        DROP,
        /** Continue to the table's miss target. */
        GOTO
    }

    private final String tableName;
    private final String purpose;
    private final Set<Criterion.Type> matches;
    private final Set<PipelineAction> actions;
    private final String gotoNames;
    private final Miss miss;
    private final String missTargetName;
    /** {@link #allowedGotos()}, made when first asked for (enum constants cannot name later ones). */
    private volatile Set<PipelineTable> gotos;

    PipelineTable(String tableName, String purpose, Set<Criterion.Type> matches, Set<PipelineAction> actions,
                  String gotoNames, Miss miss, String missTargetName) {
        this.tableName = tableName;
        this.purpose = purpose;
        this.matches = ImmutableSet.copyOf(matches);
        this.actions = ImmutableSet.copyOf(actions);
        this.gotoNames = gotoNames;
        this.miss = miss;
        this.missTargetName = missTargetName;
    }

    /** @return OpenFlow table id: the position in the pipeline */
    public int id() {
        return ordinal();
    }

    /** @return the table's name, as used in docs, traces and tests */
    public String tableName() {
        return tableName;
    }

    /** @return one-line purpose */
    public String purpose() {
        return purpose;
    }

    /** @return match fields rules of this table may use */
    public Set<Criterion.Type> allowedMatches() {
        return matches;
    }

    /**
     * Returns the actions rules of this table may use. Dropping (an empty or no-action treatment) is always
     * allowed.
     *
     * @return allowed actions
     */
    public Set<PipelineAction> allowedActions() {
        return actions;
    }

    /**
     * Returns the tables a rule of this table may continue to, by goto or by conntrack recirculation.
     * Always later tables.
     *
     * @return allowed targets
     */
    public Set<PipelineTable> allowedGotos() {
        Set<PipelineTable> g = gotos;
        if (g == null) {
            g = parseGotos();
            gotos = g;
        }
        return g;
    }

    private Set<PipelineTable> parseGotos() {
        ImmutableSet.Builder<PipelineTable> b = ImmutableSet.builder();
        for (String name : gotoNames.split(",")) {
            if (!name.isEmpty()) {
                b.add(byName(name).orElseThrow(() -> new IllegalStateException("unknown table " + name)));
            }
        }
        return b.build();
    }

    /** @return miss behaviour */
    public Miss miss() {
        return miss;
    }

    /** @return the table a miss continues to, if {@link #miss()} is {@link Miss#GOTO} */
    public Optional<PipelineTable> missTarget() {
        return missTargetName == null ? Optional.empty() : byName(missTargetName);
    }

    /**
     * Finds a table by name.
     *
     * @param name table name
     * @return the table
     */
    public static Optional<PipelineTable> byName(String name) {
        for (PipelineTable t : values()) {
            if (t.tableName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a table by id.
     *
     * @param id table id
     * @return the table
     */
    public static Optional<PipelineTable> byId(int id) {
        return id >= 0 && id < VALUES.length ? Optional.of(VALUES[id]) : Optional.empty();
    }

    @Override
    public String toString() {
        return tableName;
    }
}
