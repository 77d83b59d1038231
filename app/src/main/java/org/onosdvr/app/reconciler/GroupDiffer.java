package org.onosdvr.app.reconciler;

import org.onosdvr.api.DesiredGroup;
import org.onosdvr.pipeline.CompiledGroup;
import org.onosproject.net.group.Group;
import org.onosproject.net.group.GroupDescription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the desired groups of one device with this application's installed groups, by group id. A group
 * with the same id, type and app cookie but other buckets is modified in place (its flows keep pointing at it);
 * one whose type or cookie changed is removed and added again. Pure.
 */
final class GroupDiffer {

    private GroupDiffer() {
    }

    /** The difference. */
    static final class GroupDiff {
        final List<GroupDescription> toAdd;
        final List<GroupDescription> toModify;
        final List<Group> toRemove;

        GroupDiff(List<GroupDescription> toAdd, List<GroupDescription> toModify, List<Group> toRemove) {
            this.toAdd = List.copyOf(toAdd);
            this.toModify = List.copyOf(toModify);
            this.toRemove = List.copyOf(toRemove);
        }

        boolean isEmpty() {
            return toAdd.isEmpty() && toModify.isEmpty() && toRemove.isEmpty();
        }

        @Override
        public String toString() {
            return "groups +" + toAdd.size() + " ~" + toModify.size() + " -" + toRemove.size();
        }
    }

    /**
     * Tells whether an installed group counts as present.
     *
     * @param g group
     * @return false while it is being deleted
     */
    static boolean live(Group g) {
        return g.state() != Group.GroupState.PENDING_DELETE;
    }

    /**
     * @param desired   desired groups of the device
     * @param installed this application's groups on the device
     * @return what to add, modify and remove
     */
    static GroupDiff diff(Collection<DesiredGroup> desired, Iterable<Group> installed) {
        Map<Integer, GroupDescription> wanted = new LinkedHashMap<>();
        desired.forEach(d -> wanted.put(d.groupId(), d.group()));
        Map<Integer, Group> present = new LinkedHashMap<>();
        List<Group> toRemove = new ArrayList<>();
        for (Group g : installed) {
            if (!live(g)) {
                continue;
            }
            int id = g.id().id();
            GroupDescription w = wanted.get(id);
            if (w == null || w.type() != g.type() || !Objects.equals(w.appCookie(), g.appCookie())
                    || present.containsKey(id)) {
                toRemove.add(g);
            } else {
                present.put(id, g);
            }
        }
        List<GroupDescription> toAdd = new ArrayList<>();
        List<GroupDescription> toModify = new ArrayList<>();
        wanted.forEach((id, w) -> {
            Group g = present.get(id);
            if (g == null) {
                toAdd.add(w);
            } else if (!sameBuckets(w, g)) {
                toModify.add(w);
            }
        });
        return new GroupDiff(toAdd, toModify, toRemove);
    }

    private static boolean sameBuckets(GroupDescription a, GroupDescription b) {
        if (a.buckets().buckets().size() != b.buckets().buckets().size()) {
            return false;
        }
        for (int i = 0; i < a.buckets().buckets().size(); i++) {
            if (!CompiledGroup.sameBucket(a.buckets().buckets().get(i), b.buckets().buckets().get(i))) {
                return false;
            }
        }
        return true;
    }
}
