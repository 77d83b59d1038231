package org.onosdvr.api;

import org.onosproject.net.group.GroupDescription;

import static org.onosdvr.api.Checks.required;

/**
 * An OpenFlow group the DVR wants on a device (the SNAT fast-failover groups), with its provenance, as
 * {@link DesiredFlow} is for rules. Its id is fixed ({@link GroupDescription#givenGroupId()}).
 */
public final class DesiredGroup {

    private final GroupDescription group;
    private final String description;
    private final String source;

    /**
     * @param group       the group, with a given id
     * @param description one line saying what it does
     * @param source      model object key it comes from
     */
    public DesiredGroup(GroupDescription group, String description, String source) {
        this.group = required(group, "group");
        required(group.givenGroupId(), "group id");
        this.description = description == null ? "" : description;
        this.source = source == null ? "" : source;
    }

    /** @return the group description */
    public GroupDescription group() {
        return group;
    }

    /** @return OpenFlow group id */
    public int groupId() {
        return group.givenGroupId();
    }

    /** @return what the group does */
    public String description() {
        return description;
    }

    /** @return model object the group comes from */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "DesiredGroup{id=0x" + Integer.toHexString(groupId()) + ", device=" + group.deviceId() + ", type="
                + group.type() + ", buckets=" + group.buckets().buckets().size() + ", " + description + "}";
    }
}
