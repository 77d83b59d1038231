package org.onosdvr.pipeline;

import com.google.common.base.MoreObjects;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupDescription;

import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A compiled OpenFlow group with its provenance, as {@link CompiledRule} is for flow rules. The pipeline uses
 * only fast-failover groups ({@link FailoverGroups}); every rule that applies one is compiled on the same device
 * in the same pass, and the reconciler installs a device's groups before its rules.
 */
public final class CompiledGroup {

    private final GroupDescription group;
    private final String description;
    private final String source;

    CompiledGroup(GroupDescription group, String description, String source) {
        this.group = checkNotNull(group);
        checkNotNull(group.givenGroupId(), "the pipeline's groups have fixed ids");
        this.description = checkNotNull(description);
        this.source = checkNotNull(source);
    }

    /** @return the ONOS group description (device, type, given id, app cookie, buckets, app id) */
    public GroupDescription group() {
        return group;
    }

    /** @return the device */
    public DeviceId deviceId() {
        return group.deviceId();
    }

    /** @return the OpenFlow group id */
    public GroupId groupId() {
        return GroupId.valueOf(group.givenGroupId());
    }

    /** @return one line, e.g. "SNAT gateways of router r1: of:..02 (watch port 7), then of:..03 (watch 8)" */
    public String description() {
        return description;
    }

    /** @return model object key, e.g. "router:r1" */
    public String source() {
        return source;
    }

    /**
     * @return one-line explanation: id, type, description and source
     */
    public String explain() {
        return "group " + groupId() + " (" + group.type().name().toLowerCase() + "): " + description + " ["
                + source + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CompiledGroup)) {
            return false;
        }
        CompiledGroup g = (CompiledGroup) o;
        return sameGroup(group, g.group) && description.equals(g.description) && source.equals(g.source);
    }

    /**
     * Tells whether two group descriptions program the same group: device, id, type, app cookie and buckets
     * (type, treatment, watch port/group, weight) in order.
     *
     * @param a one group
     * @param b another
     * @return true if a switch holding one holds the other
     */
    public static boolean sameGroup(GroupDescription a, GroupDescription b) {
        if (!a.deviceId().equals(b.deviceId()) || a.type() != b.type()
                || !Objects.equals(a.givenGroupId(), b.givenGroupId()) || !Objects.equals(a.appCookie(), b.appCookie())
                || a.buckets().buckets().size() != b.buckets().buckets().size()) {
            return false;
        }
        for (int i = 0; i < a.buckets().buckets().size(); i++) {
            if (!sameBucket(a.buckets().buckets().get(i), b.buckets().buckets().get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param a one bucket
     * @param b another
     * @return true if they have the same type, actions, watch port, watch group and weight
     */
    public static boolean sameBucket(GroupBucket a, GroupBucket b) {
        return a.type() == b.type() && a.weight() == b.weight()
                && Objects.equals(a.watchPort(), b.watchPort()) && Objects.equals(a.watchGroup(), b.watchGroup())
                && a.treatment().allInstructions().equals(b.treatment().allInstructions());
    }

    @Override
    public int hashCode() {
        return Objects.hash(group.deviceId(), group.givenGroupId(), description, source);
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).add("device", group.deviceId()).add("id", groupId())
                .add("type", group.type()).add("buckets", group.buckets().buckets().size())
                .add("description", description).add("source", source).toString();
    }
}
