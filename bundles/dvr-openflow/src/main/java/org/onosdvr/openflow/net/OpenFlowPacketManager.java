package org.onosdvr.openflow.net;

import com.google.common.collect.ImmutableList;
import org.onosdvr.openflow.translate.OfTranslationException;
import org.onosdvr.openflow.translate.PacketOuts;
import org.onosdvr.openflow.translate.ReceivedPacket;
import org.onosproject.cluster.ClusterService;
import org.onosproject.cluster.NodeId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.DefaultPacketContext;
import org.onosproject.net.packet.DefaultPacketRequest;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketPriority;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketProcessorEntry;
import org.onosproject.net.packet.PacketRequest;
import org.onosproject.net.packet.PacketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PacketService} of the embedded runtime. Every PACKET_IN becomes a {@link org.onosproject.net.packet
 * .PacketContext} (parsed Ethernet frame, in-port connect point, cookie) handed to the processors in ascending
 * priority order, as in ONOS; {@code context.send()} and {@link #emit} send a PACKET_OUT with the treatment's
 * actions (OUTPUT to a port, or TABLE to run the pipeline from the packet's in-port). Packet requests are only
 * recorded (the DVR pipeline punts what it needs itself). PACKET_IN/OUT counters per device are exposed by
 * {@link RuntimeStatsService}.
 */
@Component(immediate = true, service = {PacketService.class, RuntimeStatsService.class})
public class OpenFlowPacketManager implements PacketService, RuntimeStatsService {

    private static final NodeId LOCAL_NODE = NodeId.nodeId("local");

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected OpenFlowControllerService controller;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    protected ClusterService clusterService;

    private final List<ProcessorEntry> processors = new CopyOnWriteArrayList<>();
    private final List<PacketRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<DeviceId, AtomicLong> packetIns = new ConcurrentHashMap<>();
    private final Map<DeviceId, AtomicLong> packetOuts = new ConcurrentHashMap<>();
    private final SwitchConnectionListener switchListener = new SwitchConnectionListener() {
        @Override
        public void packetIn(SwitchConnection sw, OFPacketIn packetIn) {
            handle(sw, packetIn);
        }
    };

    /** Starts receiving packets. */
    @Activate
    protected void activate() {
        controller.addListener(switchListener);
        log.info("Started");
    }

    /** Stops receiving packets. */
    @Deactivate
    protected void deactivate() {
        controller.removeListener(switchListener);
        log.info("Stopped");
    }

    @Override
    public synchronized void addProcessor(PacketProcessor processor, int priority) {
        processors.add(new ProcessorEntry(processor, priority));
        List<ProcessorEntry> sorted = new ArrayList<>(processors);
        sorted.sort(Comparator.comparingInt(ProcessorEntry::priority));
        processors.clear();
        processors.addAll(sorted);
    }

    @Override
    public synchronized void removeProcessor(PacketProcessor processor) {
        processors.removeIf(e -> e.processor() == processor);
    }

    @Override
    public List<PacketProcessorEntry> getProcessors() {
        return ImmutableList.copyOf(processors);
    }

    @Override
    public void requestPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId) {
        requestPackets(selector, priority, appId, Optional.empty());
    }

    @Override
    public void requestPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId,
                               Optional<DeviceId> deviceId) {
        PacketRequest r = new DefaultPacketRequest(selector, priority, appId, localNode(), deviceId);
        if (!requests.contains(r)) {
            requests.add(r);
        }
    }

    @Override
    public void cancelPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId) {
        cancelPackets(selector, priority, appId, Optional.empty());
    }

    @Override
    public void cancelPackets(TrafficSelector selector, PacketPriority priority, ApplicationId appId,
                              Optional<DeviceId> deviceId) {
        requests.remove(new DefaultPacketRequest(selector, priority, appId, localNode(), deviceId));
    }

    @Override
    public List<PacketRequest> getRequests() {
        return ImmutableList.copyOf(requests);
    }

    @Override
    public void emit(OutboundPacket packet) {
        Optional<SwitchConnection> sw = controller.connection(packet.sendThrough());
        if (sw.isEmpty()) {
            log.warn("Cannot emit a packet through {}: not connected", packet.sendThrough());
            return;
        }
        ByteBuffer data = packet.data().duplicate();
        byte[] frame = new byte[data.remaining()];
        data.get(frame);
        PortNumber inPort = packet.inPort() != null ? packet.inPort() : PortNumber.CONTROLLER;
        OFPacketOut out;
        try {
            out = PacketOuts.withTreatment(sw.get().factory(), frame, inPort, packet.treatment());
        } catch (OfTranslationException e) {
            log.warn("Cannot emit a packet through {}: {}", packet.sendThrough(), e.getMessage());
            return;
        }
        sw.get().send(out);
        packetOuts.computeIfAbsent(packet.sendThrough(), d -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public long packetInCount(DeviceId deviceId) {
        AtomicLong n = packetIns.get(deviceId);
        return n == null ? 0 : n.get();
    }

    @Override
    public Map<DeviceId, Long> packetInCounts() {
        Map<DeviceId, Long> out = new HashMap<>();
        packetIns.forEach((d, n) -> out.put(d, n.get()));
        return out;
    }

    @Override
    public long packetOutCount(DeviceId deviceId) {
        AtomicLong n = packetOuts.get(deviceId);
        return n == null ? 0 : n.get();
    }

    private void handle(SwitchConnection sw, OFPacketIn msg) {
        packetIns.computeIfAbsent(sw.deviceId(), d -> new AtomicLong()).incrementAndGet();
        InboundPacket in;
        try {
            in = ReceivedPacket.decode(msg, sw.deviceId()).toInboundPacket();
        } catch (OfTranslationException e) {
            log.debug("Ignoring a PACKET_IN from {}: {}", sw.deviceId(), e.getMessage());
            return;
        }
        OutboundPacket out = new DefaultOutboundPacket(sw.deviceId(), DefaultTrafficTreatment.emptyTreatment(),
                                                       in.unparsed(), in.receivedFrom().port());
        Context ctx = new Context(in, out);
        for (ProcessorEntry e : processors) {
            e.process(ctx, log);
        }
    }

    private NodeId localNode() {
        ClusterService cs = clusterService;
        return cs == null || cs.getLocalNode() == null ? LOCAL_NODE : cs.getLocalNode().id();
    }

    /** Packet context whose send() emits a PACKET_OUT once. */
    private final class Context extends DefaultPacketContext {
        private Context(InboundPacket in, OutboundPacket out) {
            super(System.currentTimeMillis(), in, out, false);
        }

        @Override
        public void send() {
            if (!block()) {
                emit(new DefaultOutboundPacket(outPacket().sendThrough(), treatmentBuilder().build(),
                                               outPacket().data(), outPacket().inPort()));
            }
        }
    }

    /** A processor with its priority and timing. */
    private static final class ProcessorEntry implements PacketProcessorEntry {
        private final PacketProcessor processor;
        private final int priority;
        private final AtomicLong invocations = new AtomicLong();
        private final AtomicLong nanos = new AtomicLong();

        private ProcessorEntry(PacketProcessor processor, int priority) {
            this.processor = processor;
            this.priority = priority;
        }

        private void process(Context ctx, Logger log) {
            long start = System.nanoTime();
            try {
                processor.process(ctx);
            } catch (RuntimeException e) {
                log.warn("Packet processor {} failed", processor, e);
            }
            invocations.incrementAndGet();
            nanos.addAndGet(System.nanoTime() - start);
        }

        @Override
        public PacketProcessor processor() {
            return processor;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public long invocations() {
            return invocations.get();
        }

        @Override
        public long totalNanos() {
            return nanos.get();
        }

        @Override
        public long averageNanos() {
            long n = invocations.get();
            return n == 0 ? 0 : nanos.get() / n;
        }
    }
}
