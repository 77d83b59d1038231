package org.onosdvr.openflow.translate;

import org.onosproject.net.PortNumber;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupDescription;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFGroupModCommand;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;

import java.util.ArrayList;
import java.util.List;

/**
 * ONOS groups to OpenFlow 1.3 GROUP_MODs, and group statistics back. Bucket treatments take the immediate
 * actions only (a group bucket has an action list, no instructions).
 */
public final class GroupModEncoder {

    private GroupModEncoder() {
    }

    /**
     * Encodes a group operation.
     *
     * @param groupId group id on the switch
     * @param group   the group (type and buckets; ignored for DELETE)
     * @param factory OpenFlow 1.3 factory
     * @param command ADD, MODIFY or DELETE
     * @return the message (xid 0: the session assigns one)
     * @throws OfTranslationException if a bucket cannot be encoded
     */
    public static OFGroupMod toGroupMod(int groupId, GroupDescription group, OFFactory factory,
                                        OFGroupModCommand command) {
        OFGroup id = OFGroup.of(groupId);
        switch (command) {
            case DELETE:
                return factory.buildGroupDelete().setGroup(id).setGroupType(OFGroupType.ALL).build();
            case ADD:
                return factory.buildGroupAdd().setGroup(id).setGroupType(type(group.type()))
                        .setBuckets(buckets(group, factory)).build();
            case MODIFY:
                return factory.buildGroupModify().setGroup(id).setGroupType(type(group.type()))
                        .setBuckets(buckets(group, factory)).build();
            default:
                throw new OfTranslationException("unsupported group command " + command);
        }
    }

    private static OFGroupType type(GroupDescription.Type type) {
        switch (type) {
            case ALL:
                return OFGroupType.ALL;
            case SELECT:
                return OFGroupType.SELECT;
            case INDIRECT:
                return OFGroupType.INDIRECT;
            case FAILOVER:
                return OFGroupType.FF;
            default:
                throw new OfTranslationException("unsupported group type " + type);
        }
    }

    private static List<OFBucket> buckets(GroupDescription group, OFFactory factory) {
        List<OFBucket> out = new ArrayList<>();
        for (GroupBucket b : group.buckets().buckets()) {
            if (!b.treatment().deferred().isEmpty() || b.treatment().tableTransition() != null
                    || b.treatment().writeMetadata() != null) {
                throw new OfTranslationException("a group bucket holds immediate actions only: " + b.treatment());
            }
            OFBucket.Builder ob = factory.buildBucket()
                    .setActions(InstructionTranslator.toActions(b.treatment().immediate(), factory))
                    .setWatchGroup(OFGroup.ANY)
                    .setWatchPort(OFPort.ANY);
            if (group.type() == GroupDescription.Type.SELECT) {
                ob.setWeight(b.weight() > 0 ? b.weight() : 1);
            }
            if (group.type() == GroupDescription.Type.FAILOVER) {
                PortNumber watch = b.watchPort();
                if (watch == null) {
                    throw new OfTranslationException("a fast-failover bucket needs a watch port: " + b);
                }
                ob.setWatchPort(Ports.toOf(watch));
                if (b.watchGroup() != null) {
                    ob.setWatchGroup(OFGroup.of(b.watchGroup().id()));
                }
            }
            out.add(ob.build());
        }
        return out;
    }

    /**
     * @param factory OpenFlow 1.3 factory
     * @return a request for the statistics of every group
     */
    public static OFGroupStatsRequest allGroupsStatsRequest(OFFactory factory) {
        return factory.buildGroupStatsRequest().setGroup(OFGroup.ALL).build();
    }

    /** Counters of one group as the switch reported them. */
    public static final class GroupCounters {
        /** Group id. */
        public final int groupId;
        /** Packets through the group. */
        public final long packets;
        /** Bytes through the group. */
        public final long bytes;
        /** Packets per bucket, in bucket order. */
        public final List<Long> bucketPackets;
        /** Bytes per bucket, in bucket order. */
        public final List<Long> bucketBytes;

        GroupCounters(int groupId, long packets, long bytes, List<Long> bucketPackets, List<Long> bucketBytes) {
            this.groupId = groupId;
            this.packets = packets;
            this.bytes = bytes;
            this.bucketPackets = List.copyOf(bucketPackets);
            this.bucketBytes = List.copyOf(bucketBytes);
        }
    }

    /**
     * Decodes a group statistics reply.
     *
     * @param reply one part of the reply
     * @return counters per group
     */
    public static List<GroupCounters> decode(OFGroupStatsReply reply) {
        List<GroupCounters> out = new ArrayList<>();
        for (OFGroupStatsEntry e : reply.getEntries()) {
            List<Long> bp = new ArrayList<>();
            List<Long> bb = new ArrayList<>();
            e.getBucketStats().forEach(c -> {
                bp.add(c.getPacketCount().getValue());
                bb.add(c.getByteCount().getValue());
            });
            out.add(new GroupCounters(e.getGroup().getGroupNumber(), e.getPacketCount().getValue(),
                                      e.getByteCount().getValue(), bp, bb));
        }
        return out;
    }
}
