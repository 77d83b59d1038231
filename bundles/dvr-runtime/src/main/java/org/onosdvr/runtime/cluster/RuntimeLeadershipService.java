package org.onosdvr.runtime.cluster;

import com.google.common.collect.ImmutableSet;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.event.AbstractListenerManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Leadership on a single node: running for a topic makes the local node its leader (and only candidate)
 * at once; withdrawing leaves the topic leaderless. Each new election of a topic starts a new term. Changes
 * post {@code LEADER_AND_CANDIDATES_CHANGED}. Topics nobody ran for have no leadership (null).
 */
@Component(immediate = true, service = LeadershipService.class)
public class RuntimeLeadershipService extends AbstractListenerManager<LeadershipEvent, LeadershipEventListener>
        implements LeadershipService {

    private static final NodeId LOCAL = RuntimeClusterService.LOCAL_NODE.id();

    private final Map<String, Leadership> leaderships = new ConcurrentHashMap<>();
    private final Map<String, Long> terms = new ConcurrentHashMap<>();

    /** Registers the event sink. */
    @Activate
    public void activate() {
        eventDispatcher.addSink(LeadershipEvent.class, listenerRegistry);
    }

    /** Unregisters the event sink. */
    @Deactivate
    public void deactivate() {
        eventDispatcher.removeSink(LeadershipEvent.class);
    }

    @Override
    public Leadership getLeadership(String topic) {
        return leaderships.get(checkNotNull(topic, "Topic cannot be null"));
    }

    @Override
    public Set<String> ownedTopics(NodeId nodeId) {
        return LOCAL.equals(nodeId) ? ImmutableSet.copyOf(leaderships.keySet()) : ImmutableSet.of();
    }

    @Override
    public Leadership runForLeadership(String topic) {
        checkNotNull(topic, "Topic cannot be null");
        boolean[] elected = new boolean[1];
        Leadership leadership = leaderships.computeIfAbsent(topic, t -> {
            elected[0] = true;
            long term = terms.merge(t, 1L, Long::sum);
            return new Leadership(t, new Leader(LOCAL, term, System.currentTimeMillis()), List.of(LOCAL));
        });
        if (elected[0]) {
            post(new LeadershipEvent(LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED, leadership));
        }
        return leadership;
    }

    @Override
    public void withdraw(String topic) {
        checkNotNull(topic, "Topic cannot be null");
        if (leaderships.remove(topic) != null) {
            post(new LeadershipEvent(LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED,
                    new Leadership(topic, null, List.of())));
        }
    }
}
