package org.onosdvr.runtime.core;

import com.google.common.collect.ImmutableSet;
import org.onosdvr.runtime.store.PlainSerializers;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.core.IdGenerator;
import org.onosproject.core.Version;
import org.onosproject.store.service.AtomicCounter;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link CoreService} of the embedded runtime: application ids are allocated from a durable counter and kept
 * in a durable map, so an application gets the same id after a restart (as with ONOS's distributed
 * application id store). {@code org.onosproject.core} is registered first, as in ONOS. Id generators are
 * durable: an id is never handed out twice, also across restarts.
 */
@Component(immediate = true, service = CoreService.class)
public class RuntimeCoreService implements CoreService {

    /** The ONOS version this runtime stands in for. */
    public static final Version VERSION = Version.version("2.7.0");

    static final String APP_IDS = "onos-app-ids";
    static final String APP_ID_COUNTER = "onos-app-id-counter";
    static final String ID_GENERATOR_PREFIX = "onos-id-generator-";

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private ConsistentMap<String, Long> appIds;
    private AtomicCounter appIdCounter;
    private final Map<String, ApplicationId> byName = new ConcurrentHashMap<>();
    private final Map<Short, ApplicationId> byId = new ConcurrentHashMap<>();
    private final Map<String, Runnable> preDeactivateHooks = new ConcurrentHashMap<>();

    /** Loads the stored application ids and registers the core application. */
    @Activate
    public void activate() {
        appIds = storageService.<String, Long>consistentMapBuilder().withName(APP_IDS)
                .withSerializer(PlainSerializers.STRING_OR_LONG).build();
        appIdCounter = storageService.getAtomicCounter(APP_ID_COUNTER);
        appIds.entrySet().forEach(e -> remember(e.getKey(), e.getValue().value()));
        registerApplication(CORE_APP_NAME);
        log.info("Started; {} application ids", byName.size());
    }

    /** Stops the service. */
    @Deactivate
    public void deactivate() {
        log.info("Stopped");
    }

    private ApplicationId remember(String name, long id) {
        ApplicationId appId = new DefaultApplicationId((int) id, name);
        byName.put(name, appId);
        byId.put(appId.id(), appId);
        return appId;
    }

    @Override
    public Version version() {
        return VERSION;
    }

    @Override
    public Set<ApplicationId> getAppIds() {
        return ImmutableSet.copyOf(byName.values());
    }

    @Override
    public ApplicationId getAppId(Short id) {
        return byId.get(id);
    }

    @Override
    public ApplicationId getAppId(String name) {
        return byName.get(name);
    }

    @Override
    public ApplicationId registerApplication(String name) {
        checkNotNull(name, "Application name cannot be null");
        checkArgument(!name.isEmpty(), "Application name cannot be empty");
        ApplicationId known = byName.get(name);
        if (known != null) {
            return known;
        }
        Versioned<Long> id = appIds.computeIfAbsent(name, n -> {
            long next = appIdCounter.incrementAndGet();
            checkArgument(next <= Short.MAX_VALUE, "Out of application ids");
            return next;
        });
        return remember(name, id.value());
    }

    @Override
    public ApplicationId registerApplication(String name, Runnable preDeactivate) {
        ApplicationId appId = registerApplication(name);
        if (preDeactivate != null) {
            preDeactivateHooks.put(name, preDeactivate);
        }
        return appId;
    }

    @Override
    public IdGenerator getIdGenerator(String topic) {
        checkNotNull(topic, "Topic cannot be null");
        return storageService.getAtomicIdGenerator(ID_GENERATOR_PREFIX + topic)::nextId;
    }

    /**
     * Returns the pre-deactivation hook registered for an application (the runtime has no application
     * lifecycle to run it; exposed for tooling and tests).
     *
     * @param name application name
     * @return hook or null
     */
    public Runnable preDeactivateHook(String name) {
        return preDeactivateHooks.get(name);
    }
}
