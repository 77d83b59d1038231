package org.onosdvr.pipeline.walk;

import java.util.Set;

/**
 * Applies an OpenFlow group ({@link WalkGroup}); the action list continues after it with the packet unchanged.
 */
final class GroupAction implements Action {
    private final int groupId;

    GroupAction(int groupId) {
        this.groupId = groupId;
    }

    int groupId() {
        return groupId;
    }

    @Override
    public Packet apply(Packet packet, ActionContext ctx) {
        ctx.group(groupId, packet);
        return packet;
    }

    @Override
    public Set<Field> fields() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "group:" + Integer.toUnsignedString(groupId);
    }
}
