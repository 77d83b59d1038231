package org.onosdvr.pipeline.walk;

import org.onosproject.net.PortNumber;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded OpenFlow group: its type and buckets (watch port and actions). Fast-failover takes the first bucket
 * whose watch port is live; ALL applies every bucket to its own copy; INDIRECT its only bucket; SELECT (hashing
 * in OVS) is modelled as its first live bucket, so walks stay deterministic.
 */
final class WalkGroup {

    private final int id;
    private final GroupDescription.Type type;
    private final List<Bucket> buckets;

    private WalkGroup(int id, GroupDescription.Type type, List<Bucket> buckets) {
        this.id = id;
        this.type = type;
        this.buckets = List.copyOf(buckets);
    }

    /**
     * Decodes a group.
     *
     * @param g group (a description with a given id, or an installed group)
     * @return the group
     * @throws WalkException if it has no id, an INDIRECT group has other than one bucket, a FAILOVER bucket has
     *                       no watch port, or a bucket uses an unmodelled action
     */
    static WalkGroup decode(GroupDescription g) {
        Integer id = g.givenGroupId();
        String what = g.deviceId() + " group " + id;
        if (id == null) {
            throw new WalkException(g.deviceId() + ": a group without id");
        }
        List<Bucket> buckets = new ArrayList<>();
        for (GroupBucket b : g.buckets().buckets()) {
            PortNumber watch = b.watchPort();
            if (g.type() == GroupDescription.Type.FAILOVER && (watch == null || watch.isLogical())) {
                throw new WalkException(what + ": fast-failover bucket without a physical watch port");
            }
            buckets.add(new Bucket(watch, InstructionDecoder.bucketActions(b.treatment(), what)));
        }
        if (g.type() == GroupDescription.Type.INDIRECT && buckets.size() != 1) {
            throw new WalkException(what + ": an indirect group has exactly one bucket, not " + buckets.size());
        }
        return new WalkGroup(id, g.type(), buckets);
    }

    int id() {
        return id;
    }

    GroupDescription.Type type() {
        return type;
    }

    List<Bucket> buckets() {
        return buckets;
    }

    /**
     * @param live tells whether a port of the group's device is live
     * @return index of the bucket a fast-failover, indirect or select group uses, empty if none is live
     */
    Optional<Integer> chosen(java.util.function.Predicate<PortNumber> live) {
        for (int i = 0; i < buckets.size(); i++) {
            PortNumber w = buckets.get(i).watchPort;
            if (type == GroupDescription.Type.INDIRECT || w == null || w.isLogical() || live.test(w)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** One bucket. */
    static final class Bucket {
        final PortNumber watchPort;
        final List<Action> actions;

        Bucket(PortNumber watchPort, List<Action> actions) {
            this.watchPort = watchPort;
            this.actions = List.copyOf(actions);
        }

        @Override
        public String toString() {
            return (watchPort == null ? "" : "watch_port:" + watchPort + ",") + "actions=" + actions;
        }
    }
}
