package org.onosdvr.app.testing;

import org.onosproject.core.ApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.group.DefaultGroup;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupEvent;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupListener;
import org.onosproject.net.group.GroupServiceAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * A group service that behaves like ONOS's for the reconciler: groups per device by id, added groups become
 * ADDED at once (GROUP_ADDED), bucket updates keep the group (GROUP_UPDATED), removes delete it (GROUP_REMOVED),
 * a rejected add leaves nothing and fires GROUP_ADD_FAILED. Every operation is logged with the number of flow
 * operations done before it (see {@link #clock}), so tests can check ordering against the flow rule service.
 */
public class InMemoryGroupService extends GroupServiceAdapter {

    /** One logged operation. */
    public static final class Op {
        public final String type;
        public final int groupId;
        public final int flowOpsBefore;

        Op(String type, int groupId, int flowOpsBefore) {
            this.type = type;
            this.groupId = groupId;
            this.flowOpsBefore = flowOpsBefore;
        }

        @Override
        public String toString() {
            return type + " 0x" + Integer.toHexString(groupId) + " @" + flowOpsBefore;
        }
    }

    private final Map<DeviceId, Map<Integer, DefaultGroup>> groups = new ConcurrentHashMap<>();
    private final List<GroupListener> listeners = new CopyOnWriteArrayList<>();
    /** Operations in order. */
    public final List<Op> ops = new CopyOnWriteArrayList<>();
    /** Counts the flow operations so far (for ordering checks). */
    public volatile IntSupplier clock = () -> 0;
    /** Groups the "switch" rejects on add. */
    public volatile Predicate<GroupDescription> rejects = g -> false;

    private Map<Integer, DefaultGroup> device(DeviceId d) {
        return groups.computeIfAbsent(d, k -> new ConcurrentHashMap<>());
    }

    private void post(GroupEvent.Type type, Group g) {
        GroupEvent e = new GroupEvent(type, g);
        listeners.forEach(l -> l.event(e));
    }

    @Override
    public void addGroup(GroupDescription d) {
        ops.add(new Op("ADD", d.givenGroupId(), clock.getAsInt()));
        DefaultGroup g = new DefaultGroup(GroupId.valueOf(d.givenGroupId()), d);
        if (rejects.test(d)) {
            post(GroupEvent.Type.GROUP_ADD_FAILED, g);
            return;
        }
        g.setState(Group.GroupState.ADDED);
        device(d.deviceId()).put(d.givenGroupId(), g);
        post(GroupEvent.Type.GROUP_ADDED, g);
    }

    @Override
    public void setBucketsForGroup(DeviceId deviceId, GroupKey oldCookie, GroupBuckets buckets,
                                   GroupKey newCookie, ApplicationId appId) {
        DefaultGroup old = find(deviceId, oldCookie);
        ops.add(new Op("MODIFY", old == null ? -1 : old.id().id(), clock.getAsInt()));
        if (old == null) {
            return;
        }
        DefaultGroup g = new DefaultGroup(old.id(), new DefaultGroupDescription(
                deviceId, old.type(), buckets, newCookie, old.givenGroupId(), appId));
        g.setState(Group.GroupState.ADDED);
        device(deviceId).put(old.id().id(), g);
        post(GroupEvent.Type.GROUP_UPDATED, g);
    }

    @Override
    public void removeGroup(DeviceId deviceId, GroupKey appCookie, ApplicationId appId) {
        DefaultGroup g = find(deviceId, appCookie);
        ops.add(new Op("REMOVE", g == null ? -1 : g.id().id(), clock.getAsInt()));
        if (g != null) {
            device(deviceId).remove(g.id().id());
            post(GroupEvent.Type.GROUP_REMOVED, g);
        }
    }

    /**
     * Deletes a group without telling anyone but the listeners (someone deleted it on the switch).
     *
     * @param deviceId device
     * @param id       group id
     */
    public void removeBehindBack(DeviceId deviceId, int id) {
        DefaultGroup g = device(deviceId).remove(id);
        if (g != null) {
            post(GroupEvent.Type.GROUP_REMOVED, g);
        }
    }

    private DefaultGroup find(DeviceId deviceId, GroupKey cookie) {
        return device(deviceId).values().stream().filter(g -> cookie.equals(g.appCookie())).findFirst()
                .orElse(null);
    }

    @Override
    public Group getGroup(DeviceId deviceId, GroupKey appCookie) {
        return find(deviceId, appCookie);
    }

    @Override
    public Iterable<Group> getGroups(DeviceId deviceId, ApplicationId appId) {
        List<Group> out = new ArrayList<>();
        device(deviceId).values().stream().filter(g -> appId.equals(g.appId())).forEach(out::add);
        return out;
    }

    @Override
    public Iterable<Group> getGroups(DeviceId deviceId) {
        return new ArrayList<>(device(deviceId).values());
    }

    @Override
    public void addListener(GroupListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(GroupListener listener) {
        listeners.remove(listener);
    }
}
