package org.onosdvr.pipeline;

import org.onlab.packet.IpPrefix;

/**
 * Priority bands, one nested class per table (see {@code docs/pipeline.md}). Priority 0 is the generated
 * table-miss rule in every table. Within a band, rules of one table never overlap; where order matters between
 * rules of one band a formula gives the priority. Nothing may infer a rule's meaning from its priority.
 */
public final class Priorities {

    /** Table-miss rules, generated from {@link PipelineTable#miss()}. */
    public static final int MISS = 0;

    private Priorities() {
    }

    /** Bands of {@link PipelineTable#CLASSIFIER}. */
    public static final class Classifier {
        /** ARP and DHCP from unknown ports: to the controller (host learning). */
        public static final int PUNT = 10;
        /** Anything else from a VM or tunnel port: drop (anti-spoofing, unknown VNI). */
        public static final int PORT_DROP = 20;
        /** Valid traffic of a VM port, tunnel VNI, external port: set the context. */
        public static final int PORT = 100;
        /** Routed packet from another node's DVR MAC: restore the router interface MAC. */
        public static final int DVR_RESTORE = 200;

        private Classifier() {
        }
    }

    /** Bands of {@link PipelineTable#ARP_RESPONDER}. */
    public static final class ArpResponder {
        /** ARP request for a router interface, floating or router external IP: reply in the switch. */
        public static final int REPLY = 100;
        /** ARP reply on the external port (answer to the runtime's next-hop probes): to the controller. */
        public static final int LEARN = 50;

        private ArpResponder() {
        }
    }

    /** Bands of {@link PipelineTable#L3_INGRESS}. */
    public static final class L3Ingress {
        /** Packet to a router interface MAC: router context, continue to l3_route. */
        public static final int ROUTE = 100;
        /** Packet on the external port to a floating IP (DNAT) or router external IP (un-SNAT). */
        public static final int EXTERNAL = 200;
        /** Other IP packets to a router interface IP: drop. */
        public static final int ROUTER_IP_DROP = 290;
        /** ICMP echo request to a router interface IP: reply in the switch. */
        public static final int ICMP_ECHO = 300;

        private L3Ingress() {
        }
    }

    /** Bands of {@link PipelineTable#L3_ROUTE}: a longest-prefix-match formula above a default route. */
    public static final class L3Route {
        /** Default route (to snat, or tunnelled to the SNAT gateway). */
        public static final int ROUTE_BASE = 1000;
        /** Floating IP egress: beats the default route, loses to any connected subnet. */
        public static final int FIP_EGRESS = ROUTE_BASE + 1;

        private L3Route() {
        }

        /**
         * Priority of a connected-subnet route: {@code ROUTE_BASE + 2 * prefixLen}, so a longer prefix wins and
         * every connected route (prefixLen &gt;= 1) beats {@link #FIP_EGRESS}.
         *
         * @param prefix destination subnet
         * @return priority
         */
        public static int connected(IpPrefix prefix) {
            return ROUTE_BASE + 2 * prefix.prefixLength();
        }
    }

    /** Bands of {@link PipelineTable#ARP_RESOLVE}. */
    public static final class ArpResolve {
        /** Known VM address: set its MAC. */
        public static final int HOST = 100;

        private ArpResolve() {
        }
    }

    /** Bands of {@link PipelineTable#SNAT}. */
    public static final class Snat {
        /** Router context: commit SNAT. */
        public static final int ROUTER = 100;

        private Snat() {
        }
    }

    /** Bands of {@link PipelineTable#EXT_OUT}. */
    public static final class ExtOut {
        /** Default: upstream gateway MAC, or the controller while it is unknown. */
        public static final int DEFAULT = 100;
        /** Unknown host on an external subnet: to the controller (to be resolved). */
        public static final int ON_LINK = 200;
        /** Known external neighbor. */
        public static final int NEIGHBOR = 300;

        private ExtOut() {
        }
    }

    /** Bands of {@link PipelineTable#L2_LOOKUP}. */
    public static final class L2Lookup {
        /** Broadcast/multicast from a local port: local ports and remote nodes. */
        public static final int FLOOD = 100;
        /** Broadcast/multicast from the tunnel: local ports only (split horizon). */
        public static final int FLOOD_FROM_TUNNEL = 110;
        /** Known unicast MAC (VM, or legacy router interface tunnelled to its gateway node). */
        public static final int UNICAST = 200;

        private L2Lookup() {
        }
    }

    /** Bands of {@link PipelineTable#TUNNEL_OUT}. */
    public static final class TunnelOut {
        /** Any packet: output to the tunnel port. */
        public static final int OUTPUT = 100;
        /** Came in from the tunnel (hairpin, e.g. routed by a legacy router): output IN_PORT. */
        public static final int HAIRPIN = 150;
        /** Routed by a distributed router: leave with this node's DVR MAC. */
        public static final int DVR_MAC = 200;
        /** Both: DVR MAC and output IN_PORT. */
        public static final int DVR_MAC_HAIRPIN = 250;

        private TunnelOut() {
        }
    }
}
