package org.onosdvr.openflow.net;

import org.onosdvr.openflow.channel.SwitchError;
import org.onosdvr.openflow.translate.GroupModEncoder;
import org.onosdvr.openflow.translate.OfTranslationException;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.net.DeviceId;
import org.onosproject.net.group.DefaultGroup;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupEvent;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupListener;
import org.onosproject.net.group.GroupService;
import org.onosproject.net.group.StoredGroupBucketEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.projectfloodlight.openflow.protocol.OFGroupModCommand;
import org.projectfloodlight.openflow.protocol.OFGroupModFailedCode;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.errormsg.OFGroupModFailedErrorMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@link GroupService} of the embedded runtime, over OpenFlow 1.3 GROUP_MODs.
 * <p>
 * Each operation goes out at once (so a group the application adds before the flows that use it reaches the
 * switch before them, on the same connection) followed by a barrier that confirms it: PENDING_ADD and
 * PENDING_UPDATE become ADDED (GROUP_ADDED / GROUP_UPDATED), PENDING_DELETE goes away (GROUP_REMOVED). An add the
 * switch answers with GROUP_EXISTS (after a runtime restart the switch still has it) is sent again as a MODIFY;
 * any other rejection drops the group and fires the *_FAILED event. Groups of a switch that is not connected
 * stay pending and are sent when it connects; on every (re)connection every group of the switch is sent again
 * (ADD, else MODIFY), since a restarted switch has none.
 * <p>
 * Group statistics are polled every 5 s: packet/byte counters per group and bucket are updated, and an ADDED
 * group the switch no longer has (deleted behind our back) is dropped with GROUP_REMOVED so that its owner adds
 * it again. Groups on a switch that the store does not know are left alone (groups carry no owner cookie).
 */
@Component(immediate = true, service = GroupService.class)
public class OpenFlowGroupManager extends AbstractListenerManager<GroupEvent, GroupListener>
        implements GroupService {

    static final long POLL_INTERVAL_MS = 5_000;
    private static final long STATS_TIMEOUT_MS = 10_000;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected OpenFlowControllerService controller;

    /** Groups by device and group id; every access holds the store's lock. */
    private final Map<DeviceId, Map<Integer, DefaultGroup>> store = new LinkedHashMap<>();
    /** When each entry was last confirmed on the switch (System.nanoTime()), for the statistics check. */
    private final Map<DeviceId, Map<Integer, Long>> confirmedAt = new LinkedHashMap<>();
    private final SwitchConnectionListener switchListener = new InternalSwitchListener();
    private ScheduledExecutorService poller;

    /** Starts listening to switches and polling statistics. */
    @Activate
    protected void activate() {
        eventDispatcher.addSink(GroupEvent.class, listenerRegistry);
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "of-group-stats-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollAll, POLL_INTERVAL_MS, POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);
        controller.addListener(switchListener);
        log.info("Started");
    }

    /** Stops. */
    @Deactivate
    protected void deactivate() {
        controller.removeListener(switchListener);
        poller.shutdownNow();
        eventDispatcher.removeSink(GroupEvent.class);
        log.info("Stopped");
    }

    // ---- queries ----

    @Override
    public Group getGroup(DeviceId deviceId, GroupKey appCookie) {
        synchronized (store) {
            return find(deviceId, appCookie).orElse(null);
        }
    }

    @Override
    public Iterable<Group> getGroups(DeviceId deviceId, ApplicationId appId) {
        return select(deviceId, g -> appId.equals(g.appId()));
    }

    @Override
    public Iterable<Group> getGroups(DeviceId deviceId) {
        return select(deviceId, g -> true);
    }

    private List<Group> select(DeviceId deviceId, Predicate<Group> which) {
        synchronized (store) {
            return store.getOrDefault(deviceId, Map.of()).values().stream().filter(which)
                    .map(OpenFlowGroupManager::copy).collect(Collectors.toList());
        }
    }

    private Optional<DefaultGroup> find(DeviceId deviceId, GroupKey appCookie) {
        return store.getOrDefault(deviceId, Map.of()).values().stream()
                .filter(g -> appCookie.equals(g.appCookie())).findFirst();
    }

    // ---- changes ----

    @Override
    public void addGroup(GroupDescription desc) {
        DefaultGroup g;
        synchronized (store) {
            int id = desc.givenGroupId() != null ? desc.givenGroupId() : freeId(desc.deviceId());
            g = new DefaultGroup(GroupId.valueOf(id), desc);
            g.setState(Group.GroupState.PENDING_ADD);
            store.computeIfAbsent(desc.deviceId(), d -> new LinkedHashMap<>()).put(id, g);
        }
        post(new GroupEvent(GroupEvent.Type.GROUP_ADD_REQUESTED, copy(g)));
        send(g, OFGroupModCommand.ADD);
    }

    @Override
    public void setBucketsForGroup(DeviceId deviceId, GroupKey oldCookie, GroupBuckets buckets, GroupKey newCookie,
                                   ApplicationId appId) {
        DefaultGroup g;
        synchronized (store) {
            Optional<DefaultGroup> old = find(deviceId, oldCookie);
            if (old.isEmpty()) {
                log.warn("No group {} on {} to update", oldCookie, deviceId);
                return;
            }
            DefaultGroup o = old.get();
            g = new DefaultGroup(o.id(), new DefaultGroupDescription(
                    deviceId, o.type(), buckets, newCookie == null ? oldCookie : newCookie, o.id().id(),
                    appId == null ? o.appId() : appId));
            g.setState(Group.GroupState.PENDING_UPDATE);
            store.get(deviceId).put(o.id().id(), g);
        }
        post(new GroupEvent(GroupEvent.Type.GROUP_UPDATE_REQUESTED, copy(g)));
        send(g, OFGroupModCommand.MODIFY);
    }

    @Override
    public void addBucketsToGroup(DeviceId deviceId, GroupKey oldCookie, GroupBuckets buckets, GroupKey newCookie,
                                  ApplicationId appId) {
        Group g = getGroup(deviceId, oldCookie);
        if (g != null) {
            List<GroupBucket> all = new ArrayList<>(g.buckets().buckets());
            buckets.buckets().stream().filter(b -> !all.contains(b)).forEach(all::add);
            setBucketsForGroup(deviceId, oldCookie, new GroupBuckets(all), newCookie, appId);
        }
    }

    @Override
    public void removeBucketsFromGroup(DeviceId deviceId, GroupKey oldCookie, GroupBuckets buckets,
                                       GroupKey newCookie, ApplicationId appId) {
        Group g = getGroup(deviceId, oldCookie);
        if (g != null) {
            List<GroupBucket> left = new ArrayList<>(g.buckets().buckets());
            left.removeAll(buckets.buckets());
            setBucketsForGroup(deviceId, oldCookie, new GroupBuckets(left), newCookie, appId);
        }
    }

    @Override
    public void removeGroup(DeviceId deviceId, GroupKey appCookie, ApplicationId appId) {
        DefaultGroup g;
        synchronized (store) {
            Optional<DefaultGroup> found = find(deviceId, appCookie);
            if (found.isEmpty()) {
                return;
            }
            g = found.get();
            g.setState(Group.GroupState.PENDING_DELETE);
        }
        post(new GroupEvent(GroupEvent.Type.GROUP_REMOVE_REQUESTED, copy(g)));
        send(g, OFGroupModCommand.DELETE);
    }

    @Override
    public void purgeGroupEntries(DeviceId deviceId) {
        synchronized (store) {
            store.remove(deviceId);
            confirmedAt.remove(deviceId);
        }
    }

    @Override
    public void purgeGroupEntries() {
        synchronized (store) {
            store.clear();
            confirmedAt.clear();
        }
    }

    private int freeId(DeviceId deviceId) {
        Set<Integer> used = store.getOrDefault(deviceId, Map.of()).keySet();
        int id = 1;
        while (used.contains(id)) {
            id++;
        }
        return id;
    }

    // ---- the switch side ----

    private void send(DefaultGroup g, OFGroupModCommand command) {
        Optional<SwitchConnection> conn = controller.connection(g.deviceId()).filter(SwitchConnection::isConnected);
        if (conn.isEmpty()) {
            log.debug("{} is not connected; group 0x{} stays pending", g.deviceId(), Integer.toHexString(id(g)));
            return;
        }
        SwitchConnection sw = conn.get();
        OFMessage msg;
        try {
            msg = GroupModEncoder.toGroupMod(id(g), g, sw.factory(), command);
        } catch (OfTranslationException | IllegalArgumentException e) {
            failed(g, command, "cannot encode: " + e.getMessage());
            return;
        }
        sw.sendBatch(List.of(msg)).whenComplete((errors, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                log.warn("Group 0x{} {} on {} not confirmed: {}; sent again on reconnection",
                         Integer.toHexString(id(g)), command, g.deviceId(), cause.getMessage());
                return;
            }
            SwitchError err = errors.get(0);
            if (err == null) {
                confirmed(g, command);
            } else if (command == OFGroupModCommand.ADD && is(err, OFGroupModFailedCode.GROUP_EXISTS)) {
                send(g, OFGroupModCommand.MODIFY);
            } else if (command == OFGroupModCommand.MODIFY && is(err, OFGroupModFailedCode.UNKNOWN_GROUP)) {
                send(g, OFGroupModCommand.ADD);
            } else if (command == OFGroupModCommand.DELETE) {
                confirmed(g, command);     // gone either way
            } else {
                failed(g, command, err.toString());
            }
        });
    }

    private static boolean is(SwitchError err, OFGroupModFailedCode code) {
        return err.standard().filter(m -> m instanceof OFGroupModFailedErrorMsg)
                .map(m -> ((OFGroupModFailedErrorMsg) m).getCode() == code).orElse(false);
    }

    /** Applies a confirmation if the entry is still the one that was sent. */
    private void confirmed(DefaultGroup g, OFGroupModCommand command) {
        GroupEvent.Type type;
        synchronized (store) {
            Map<Integer, DefaultGroup> groups = store.get(g.deviceId());
            if (groups == null || groups.get(id(g)) != g) {
                return;      // superseded by a later operation
            }
            if (g.state() == Group.GroupState.PENDING_DELETE) {
                groups.remove(id(g));
                confirmedAt.getOrDefault(g.deviceId(), new LinkedHashMap<>()).remove(id(g));
                type = GroupEvent.Type.GROUP_REMOVED;
            } else {
                type = g.state() == Group.GroupState.PENDING_UPDATE ? GroupEvent.Type.GROUP_UPDATED
                        : GroupEvent.Type.GROUP_ADDED;
                g.setState(Group.GroupState.ADDED);
                confirmedAt.computeIfAbsent(g.deviceId(), d -> new LinkedHashMap<>()).put(id(g), System.nanoTime());
            }
        }
        log.debug("Group 0x{} on {}: {}", Integer.toHexString(id(g)), g.deviceId(), type);
        post(new GroupEvent(type, copy(g)));
    }

    private void failed(DefaultGroup g, OFGroupModCommand command, String reason) {
        log.warn("Group 0x{} {} on {} FAILED: {} ({})", Integer.toHexString(id(g)), command, g.deviceId(), reason,
                 g);
        synchronized (store) {
            Map<Integer, DefaultGroup> groups = store.get(g.deviceId());
            if (groups == null || groups.get(id(g)) != g) {
                return;
            }
            groups.remove(id(g));
        }
        GroupEvent.Type type = command == OFGroupModCommand.ADD ? GroupEvent.Type.GROUP_ADD_FAILED
                : command == OFGroupModCommand.MODIFY ? GroupEvent.Type.GROUP_UPDATE_FAILED
                : GroupEvent.Type.GROUP_REMOVE_FAILED;
        post(new GroupEvent(type, copy(g)));
    }

    /** Sends every group of a (re)connected switch again. */
    private void resend(SwitchConnection sw) {
        List<DefaultGroup> groups;
        synchronized (store) {
            groups = new ArrayList<>(store.getOrDefault(sw.deviceId(), Map.of()).values());
        }
        if (!groups.isEmpty()) {
            log.info("Sending {} group(s) to {}", groups.size(), sw.deviceId());
        }
        groups.forEach(g -> send(g, g.state() == Group.GroupState.PENDING_DELETE ? OFGroupModCommand.DELETE
                : OFGroupModCommand.ADD));
    }

    private void pollAll() {
        try {
            controller.connections().stream().filter(SwitchConnection::isConnected).forEach(this::poll);
        } catch (RuntimeException e) {
            log.warn("Group stats poll failed", e);
        }
    }

    /**
     * Polls one switch's group statistics (also for tests).
     *
     * @param sw switch
     * @return when merged
     */
    CompletableFuture<Void> poll(SwitchConnection sw) {
        long asked = System.nanoTime();
        return sw.request(GroupModEncoder.allGroupsStatsRequest(sw.factory()), STATS_TIMEOUT_MS)
                .thenAccept(replies -> merge(sw.deviceId(), replies, asked))
                .exceptionally(e -> {
                    log.debug("Group stats of {} failed: {}", sw.deviceId(), e.getMessage());
                    return null;
                });
    }

    private void merge(DeviceId deviceId, List<OFMessage> replies, long asked) {
        Map<Integer, GroupModEncoder.GroupCounters> seen = new LinkedHashMap<>();
        for (OFMessage m : replies) {
            if (m instanceof OFGroupStatsReply) {
                GroupModEncoder.decode((OFGroupStatsReply) m).forEach(c -> seen.put(c.groupId, c));
            }
        }
        List<DefaultGroup> lost = new ArrayList<>();
        synchronized (store) {
            Map<Integer, Long> confirmed = confirmedAt.getOrDefault(deviceId, Map.of());
            for (DefaultGroup g : new ArrayList<>(store.getOrDefault(deviceId, Map.of()).values())) {
                GroupModEncoder.GroupCounters c = seen.get(id(g));
                if (c != null) {
                    count(g, c);
                } else if (g.state() == Group.GroupState.ADDED && confirmed.getOrDefault(id(g), asked) < asked) {
                    store.get(deviceId).remove(id(g));
                    lost.add(g);
                }
            }
            Set<Integer> gone = new HashSet<>();
            lost.forEach(g -> gone.add(id(g)));
            confirmedAt.getOrDefault(deviceId, new LinkedHashMap<>()).keySet().removeAll(gone);
        }
        for (DefaultGroup g : lost) {
            log.info("Group 0x{} missing on {}: removed behind our back", Integer.toHexString(id(g)), deviceId);
            post(new GroupEvent(GroupEvent.Type.GROUP_REMOVED, copy(g)));
        }
    }

    private static void count(DefaultGroup g, GroupModEncoder.GroupCounters c) {
        g.setPackets(c.packets);
        g.setBytes(c.bytes);
        List<GroupBucket> buckets = g.buckets().buckets();
        for (int i = 0; i < buckets.size() && i < c.bucketPackets.size(); i++) {
            if (buckets.get(i) instanceof StoredGroupBucketEntry) {
                ((StoredGroupBucketEntry) buckets.get(i)).setPackets(c.bucketPackets.get(i));
                ((StoredGroupBucketEntry) buckets.get(i)).setBytes(c.bucketBytes.get(i));
            }
        }
    }

    private static int id(Group g) {
        return g.id().id();
    }

    /** A snapshot of an entry (callers never see the store's mutable object change under them). */
    private static Group copy(DefaultGroup g) {
        DefaultGroup c = new DefaultGroup(g.id(), g);
        c.setState(g.state());
        c.setPackets(g.packets());
        c.setBytes(g.bytes());
        return c;
    }

    private final class InternalSwitchListener implements SwitchConnectionListener {
        @Override
        public void connected(SwitchConnection sw) {
            resend(sw);
        }
    }
}
