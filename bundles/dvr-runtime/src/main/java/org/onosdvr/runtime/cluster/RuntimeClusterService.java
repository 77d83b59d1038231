package org.onosdvr.runtime.cluster;

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onosdvr.runtime.core.RuntimeCoreService;
import org.onosproject.cluster.ClusterAdminService;
import org.onosproject.cluster.ClusterEvent;
import org.onosproject.cluster.ClusterEventListener;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.ControllerNode;
import org.onosproject.cluster.DefaultControllerNode;
import org.onosproject.cluster.Node;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.Version;
import org.onosproject.event.AbstractListenerManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.time.Instant;
import java.util.Set;

/**
 * Single-node cluster: one local {@link ControllerNode}, id {@value #LOCAL_NODE_ID}, at 127.0.0.1, which is
 * also the only consensus node. It is {@code READY} from activation; {@link #markFullyStarted} posts
 * {@code INSTANCE_READY} / {@code INSTANCE_DEACTIVATED}. Other node ids are unknown: no node, state
 * {@code INACTIVE}, no version.
 */
@Component(immediate = true, service = {ClusterService.class, ClusterAdminService.class})
public class RuntimeClusterService extends AbstractListenerManager<ClusterEvent, ClusterEventListener>
        implements ClusterAdminService {

    /** Id of the single node. */
    public static final String LOCAL_NODE_ID = "dvr-runtime";
    /** The local node. */
    public static final ControllerNode LOCAL_NODE =
            new DefaultControllerNode(NodeId.nodeId(LOCAL_NODE_ID), IpAddress.valueOf("127.0.0.1"));

    private volatile ControllerNode.State state = ControllerNode.State.READY;
    private volatile Instant lastUpdated = Instant.now();

    /** Registers the event sink. */
    @Activate
    public void activate() {
        eventDispatcher.addSink(ClusterEvent.class, listenerRegistry);
        lastUpdated = Instant.now();
    }

    /** Unregisters the event sink. */
    @Deactivate
    public void deactivate() {
        eventDispatcher.removeSink(ClusterEvent.class);
    }

    private boolean isLocal(NodeId nodeId) {
        return LOCAL_NODE.id().equals(nodeId);
    }

    @Override
    public ControllerNode getLocalNode() {
        return LOCAL_NODE;
    }

    @Override
    public Set<ControllerNode> getNodes() {
        return ImmutableSet.of(LOCAL_NODE);
    }

    @Override
    public Set<Node> getConsensusNodes() {
        return ImmutableSet.of(LOCAL_NODE);
    }

    @Override
    public ControllerNode getNode(NodeId nodeId) {
        return isLocal(nodeId) ? LOCAL_NODE : null;
    }

    @Override
    public ControllerNode.State getState(NodeId nodeId) {
        return isLocal(nodeId) ? state : ControllerNode.State.INACTIVE;
    }

    @Override
    public Version getVersion(NodeId nodeId) {
        return isLocal(nodeId) ? RuntimeCoreService.VERSION : null;
    }

    @Override
    public Instant getLastUpdatedInstant(NodeId nodeId) {
        return isLocal(nodeId) ? lastUpdated : null;
    }

    @Override
    public void markFullyStarted(boolean started) {
        ControllerNode.State next = started ? ControllerNode.State.READY : ControllerNode.State.ACTIVE;
        if (next != state) {
            state = next;
            lastUpdated = Instant.now();
            post(new ClusterEvent(started ? ClusterEvent.Type.INSTANCE_READY
                    : ClusterEvent.Type.INSTANCE_DEACTIVATED, LOCAL_NODE));
        }
    }
}
