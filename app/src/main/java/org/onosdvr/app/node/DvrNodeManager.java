package org.onosdvr.app.node;

import org.onosdvr.api.DvrAdminService;
import org.onosdvr.api.DvrNode;
import org.onosdvr.app.config.DvrConfig;
import org.onosdvr.app.config.NodeConfig;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.concurrent.Executors.newSingleThreadExecutor;
import static org.onlab.util.Tools.groupedThreads;
import static org.onosproject.net.config.basics.SubjectFactories.APP_SUBJECT_FACTORY;
import static org.slf4j.LoggerFactory.getLogger;

/**
 * Turns the {@code dvr} network config and what the switches report into DVR nodes. A switch is a DVR node when
 * the config lists it (giving its tunnel IP and role) and it has a tunnel port: configured, or learned from its
 * port names ({@link TunnelPorts}). Its BFD failover tunnel ports ({@code bfd-*}, made by
 * {@link FailoverTunnelManager}) are learned from the port names too. While a config is present it is
 * authoritative: stored nodes it does not list are removed; when it is removed, the nodes it listed are removed.
 */
@Component(immediate = true)
public class DvrNodeManager {

    /** Application name. */
    public static final String APP_NAME = "org.onosdvr.app";

    private final Logger log = getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected NetworkConfigRegistry configRegistry;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DvrAdminService adminService;

    private final ConfigFactory<ApplicationId, DvrConfig> factory =
            new ConfigFactory<ApplicationId, DvrConfig>(APP_SUBJECT_FACTORY, DvrConfig.class, DvrConfig.KEY) {
                @Override
                public DvrConfig createConfig() {
                    return new DvrConfig();
                }
            };
    private final NetworkConfigListener configListener = new InternalConfigListener();
    private final DeviceListener deviceListener = this::deviceEvent;
    private ExecutorService executor;
    private ApplicationId appId;

    @Activate
    protected void activate() {
        appId = coreService.registerApplication(APP_NAME);
        executor = newSingleThreadExecutor(groupedThreads("onos-dvr", "nodes-%d", log));
        configRegistry.registerConfigFactory(factory);
        configRegistry.addListener(configListener);
        deviceService.addListener(deviceListener);
        executor.execute(this::applyConfig);
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        deviceService.removeListener(deviceListener);
        configRegistry.removeListener(configListener);
        configRegistry.unregisterConfigFactory(factory);
        executor.shutdown();
        log.info("Stopped");
    }

    private DvrConfig config() {
        return configRegistry.getConfig(appId, DvrConfig.class);
    }

    /** Applies the whole config: every listed node, and removal of unlisted ones. */
    void applyConfig() {
        DvrConfig c = config();
        if (c == null) {
            return;
        }
        Set<DeviceId> listed = new HashSet<>();
        for (NodeConfig n : c.nodes()) {
            listed.add(n.deviceId());
            applyNode(n);
        }
        for (DvrNode n : adminService.snapshot().nodes()) {
            if (!listed.contains(n.deviceId())) {
                remove(n.deviceId(), "not in the dvr config any more");
            }
        }
    }

    private void applyDevice(DeviceId deviceId) {
        DvrConfig c = config();
        if (c != null) {
            c.nodes().stream().filter(n -> n.deviceId().equals(deviceId)).findFirst().ifPresent(this::applyNode);
        }
    }

    private void applyNode(NodeConfig n) {
        Optional<PortNumber> tunnelPort = n.tunnelPort().isPresent() ? n.tunnelPort()
                : TunnelPorts.find(deviceService.getPorts(n.deviceId()));
        if (!tunnelPort.isPresent()) {
            remove(n.deviceId(), "no tunnel port (none configured, none named vxlan*/tun*)");
            log.info("Node {} waits for a tunnel port", n.deviceId());
            return;
        }
        try {
            DvrNode.Builder b = DvrNode.builder().deviceId(n.deviceId()).role(n.role()).tunnelIp(n.tunnelIp())
                    .tunnelPort(tunnelPort.get()).externalPort(n.externalPort().orElse(null)).index(n.index())
                    .failoverPorts(TunnelPorts.failoverPorts(deviceService.getPorts(n.deviceId()), n.tunnelIp()));
            DvrNode stored = adminService.updateNode(b.build());
            log.debug("Node {}", stored);
        } catch (RuntimeException e) {
            log.warn("Cannot apply DVR node {}: {}", n.deviceId(), e.getMessage());
        }
    }

    private void remove(DeviceId deviceId, String why) {
        if (adminService.snapshot().node(deviceId).isPresent()) {
            try {
                adminService.removeNode(deviceId);
                log.info("Node {} removed: {}", deviceId, why);
            } catch (RuntimeException e) {
                log.warn("Cannot remove DVR node {}: {}", deviceId, e.getMessage());
            }
        }
    }

    private void deviceEvent(DeviceEvent event) {
        switch (event.type()) {
            case DEVICE_ADDED:
            case DEVICE_UPDATED:
            case PORT_ADDED:
            case PORT_UPDATED:
            case PORT_REMOVED:
                DeviceId d = event.subject().id();
                executor.execute(() -> applyDevice(d));
                break;
            default:
                break;
        }
    }

    /**
     * Waits for the queued work (for tests).
     *
     * @throws Exception if interrupted or failed
     */
    void flush() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private class InternalConfigListener implements NetworkConfigListener {
        @Override
        public boolean isRelevant(NetworkConfigEvent event) {
            return event.configClass() == DvrConfig.class;
        }

        @Override
        public void event(NetworkConfigEvent event) {
            switch (event.type()) {
                case CONFIG_ADDED:
                case CONFIG_UPDATED:
                case CONFIG_REGISTERED:
                    executor.execute(DvrNodeManager.this::applyConfig);
                    break;
                case CONFIG_REMOVED:
                    Optional<Config> prev = event.prevConfig();
                    executor.execute(() -> prev.filter(DvrConfig.class::isInstance).map(DvrConfig.class::cast)
                            .ifPresent(old -> old.nodes().forEach(
                                    n -> remove(n.deviceId(), "dvr config removed"))));
                    break;
                default:
                    break;
            }
        }
    }
}
