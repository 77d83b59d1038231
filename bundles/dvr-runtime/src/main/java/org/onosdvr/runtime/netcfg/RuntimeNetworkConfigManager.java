package org.onosdvr.runtime.netcfg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosdvr.runtime.store.PlainSerializers;
import org.onosproject.core.CoreService;
import org.onosproject.event.AbstractListenerManager;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigApplyDelegate;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.InvalidConfigException;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistry;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.SubjectFactory;
import org.onosproject.net.config.basics.SubjectFactories;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Versioned;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Network configuration subsystem of the embedded runtime (ONOS's {@code NetworkConfigManager} plus its
 * distributed store): configurations are kept as JSON text in a durable consistent map keyed by
 * {@link ConfigKey}, events come from that map's events, and a configuration is visible (get, events) only
 * while a factory for its subject class key and config key is registered; until then it is pending, and it
 * is validated and announced with {@code CONFIG_ADDED} when the factory registers (invalid pending configs
 * are dropped with a warning, as in ONOS). The startup file is applied by {@link NetworkConfigFileLoader}.
 */
@Component(immediate = true,
        service = {NetworkConfigRegistry.class, NetworkConfigService.class, NetworkConfigUploadService.class},
        property = NetworkConfigFileLoader.NETCFG_FILE + "=")
public class RuntimeNetworkConfigManager
        extends AbstractListenerManager<NetworkConfigEvent, NetworkConfigListener>
        implements NetworkConfigRegistry, NetworkConfigUploadService {

    static final String CONFIG_MAP = "onos-network-configs";
    static final String FILE_DIGESTS = "dvr-netcfg-file-digests";

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected StorageService storageService;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, ConfigFactory> factoriesByClass = new ConcurrentHashMap<>();
    private final Map<String, ConfigFactory> factoriesByKey = new ConcurrentHashMap<>();
    private final Map<String, SubjectFactory> subjectFactories = new ConcurrentHashMap<>();
    private final Map<Class, SubjectFactory> subjectFactoriesByClass = new ConcurrentHashMap<>();
    private final ConfigApplyDelegate applyDelegate = this::onApply;
    private final MapEventListener<String, String> storeListener = this::onStoreEvent;
    private ConsistentMap<String, String> configs;

    /**
     * Opens the durable store and applies the startup file if it changed.
     *
     * @param properties component properties ({@code netcfgFile})
     */
    @Activate
    public void activate(Map<String, Object> properties) {
        eventDispatcher.addSink(NetworkConfigEvent.class, listenerRegistry);
        SubjectFactories.setCoreService(coreService);
        List.of(SubjectFactories.APP_SUBJECT_FACTORY, SubjectFactories.DEVICE_SUBJECT_FACTORY,
                SubjectFactories.CONNECT_POINT_SUBJECT_FACTORY, SubjectFactories.HOST_SUBJECT_FACTORY,
                SubjectFactories.LINK_SUBJECT_FACTORY, SubjectFactories.REGION_SUBJECT_FACTORY)
                .forEach(this::addSubjectFactory);
        configs = storageService.<String, String>consistentMapBuilder().withName(CONFIG_MAP)
                .withSerializer(PlainSerializers.STRING).build();
        configs.addListener(storeListener);
        ConsistentMap<String, String> digests = storageService.<String, String>consistentMapBuilder()
                .withName(FILE_DIGESTS).withSerializer(PlainSerializers.STRING).build();
        new NetworkConfigFileLoader(digests).loadIfChanged(NetworkConfigFileLoader.file(properties), this);
        log.info("Started; {} stored configurations", configs.size());
    }

    /** Stops listening to the store. */
    @Deactivate
    public void deactivate() {
        configs.removeListener(storeListener);
        eventDispatcher.removeSink(NetworkConfigEvent.class);
        log.info("Stopped");
    }

    private void addSubjectFactory(SubjectFactory factory) {
        subjectFactories.putIfAbsent(factory.subjectClassKey(), factory);
        subjectFactoriesByClass.putIfAbsent(factory.subjectClass(), factory);
    }

    private static String id(String subjectClassKey, String configKey) {
        return subjectClassKey + '\n' + configKey;
    }

    private static String id(ConfigFactory factory) {
        return id(factory.subjectFactory().subjectClassKey(), factory.configKey());
    }

    @SuppressWarnings("unchecked")
    private static ConfigKey key(ConfigFactory factory, Object subject) {
        return new ConfigKey(factory.subjectFactory().subjectClassKey(),
                factory.subjectFactory().subjectKey(subject), factory.configKey());
    }

    private ConfigFactory requireFactory(Class<?> configClass) {
        checkNotNull(configClass, "Config class cannot be null");
        ConfigFactory factory = factoriesByClass.get(configClass.getName());
        checkArgument(factory != null, "No factory registered for config class %s", configClass.getName());
        return factory;
    }

    // Creates a config over the JSON; throws IllegalArgumentException if the JSON has the wrong shape.
    @SuppressWarnings("unchecked")
    private Config createConfig(ConfigFactory factory, Object subject, JsonNode json, boolean detached) {
        if (factory.isList() && !(json instanceof ArrayNode)) {
            throw new IllegalArgumentException("JSON node is not a list for list type config");
        }
        if (!factory.isList() && !(json instanceof ObjectNode)) {
            throw new IllegalArgumentException("JSON node is not an object for object type config");
        }
        Config config = factory.createConfig();
        config.init(subject, factory.configKey(), json, mapper, detached ? null : applyDelegate);
        return config;
    }

    // Creates a config and checks it as ONOS does before storing it.
    @SuppressWarnings("unchecked")
    private Config validConfig(ConfigFactory factory, Object subject, JsonNode json) {
        try {
            Config config = createConfig(factory, subject, json, false);
            checkArgument(config.isValid(), "JSON node does not contain valid configuration");
            return config;
        } catch (RuntimeException e) {
            throw new InvalidConfigException(factory.subjectFactory().subjectClassKey(),
                    factory.subjectFactory().subjectKey(subject), factory.configKey(), e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Stored configuration is not JSON: " + text, e);
        }
    }

    private Config storedConfig(ConfigFactory factory, Object subject, boolean detached) {
        Versioned<String> json = configs.get(key(factory, subject).encode());
        return json == null ? null : createConfig(factory, subject, parse(json.value()), detached);
    }

    @Override
    public void registerConfigFactory(ConfigFactory configFactory) {
        checkNotNull(configFactory, "Factory cannot be null");
        addSubjectFactory(configFactory.subjectFactory());
        // Validate pending configurations before the factory becomes visible, so that dropping an invalid
        // one does not announce the removal of a configuration nobody saw.
        List<NetworkConfigEvent> added = new ArrayList<>();
        for (String encoded : configs.keySet()) {
            ConfigKey k = ConfigKey.decode(encoded);
            if (!id(k.subjectClassKey, k.configKey).equals(id(configFactory))) {
                continue;
            }
            Versioned<String> json = configs.get(encoded);
            if (json == null) {
                continue;
            }
            try {
                Object subject = configFactory.subjectFactory().createSubject(k.subjectKey);
                validConfig(configFactory, subject, parse(json.value()));
                added.add(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_ADDED, subject,
                        createConfig(configFactory, subject, parse(json.value()), true), null,
                        configFactory.configClass()));
            } catch (RuntimeException e) {
                log.warn("Dropping invalid pending {} configuration for {}: {} ({})", k.configKey, k.subjectKey,
                        json.value(), e.getMessage());
                configs.remove(encoded);
            }
        }
        factoriesByClass.put(configFactory.configClass().getName(), configFactory);
        factoriesByKey.put(id(configFactory), configFactory);
        added.forEach(this::post);
        post(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_REGISTERED, configFactory.configKey(),
                configFactory.configClass()));
    }

    @Override
    public void unregisterConfigFactory(ConfigFactory configFactory) {
        checkNotNull(configFactory, "Factory cannot be null");
        factoriesByClass.remove(configFactory.configClass().getName(), configFactory);
        factoriesByKey.remove(id(configFactory), configFactory);
        // Stored configurations stay, pending again (as ONOS does); subject factory bindings stay too.
        post(new NetworkConfigEvent(NetworkConfigEvent.Type.CONFIG_UNREGISTERED, configFactory.configKey(),
                configFactory.configClass()));
    }

    @Override
    public Set<ConfigFactory> getConfigFactories() {
        return ImmutableSet.copyOf(factoriesByClass.values());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> Set<ConfigFactory<S, C>> getConfigFactories(Class<S> subjectClass) {
        ImmutableSet.Builder<ConfigFactory<S, C>> builder = ImmutableSet.builder();
        factoriesByClass.values().stream().filter(f -> f.subjectFactory().subjectClass().equals(subjectClass))
                .forEach(f -> builder.add((ConfigFactory<S, C>) f));
        return builder.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> ConfigFactory<S, C> getConfigFactory(Class<C> configClass) {
        checkNotNull(configClass, "Config class cannot be null");
        return factoriesByClass.get(configClass.getName());
    }

    @Override
    public Set<Class> getSubjectClasses() {
        ImmutableSet.Builder<Class> builder = ImmutableSet.builder();
        factoriesByClass.values().forEach(f -> builder.add(f.subjectFactory().subjectClass()));
        return builder.build();
    }

    @Override
    public SubjectFactory getSubjectFactory(String subjectClassKey) {
        return subjectFactories.get(checkNotNull(subjectClassKey, "Subject class key cannot be null"));
    }

    @Override
    public SubjectFactory getSubjectFactory(Class subjectClass) {
        return subjectFactoriesByClass.get(subjectClass);
    }

    @Override
    public Class<? extends Config> getConfigClass(String subjectClassKey, String configKey) {
        ConfigFactory factory = factoriesByKey.get(id(subjectClassKey, configKey));
        return factory == null ? null : factory.configClass();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Set<S> getSubjects(Class<S> subjectClass) {
        checkNotNull(subjectClass, "Subject class cannot be null");
        ImmutableSet.Builder<S> builder = ImmutableSet.builder();
        for (String encoded : configs.keySet()) {
            ConfigKey k = ConfigKey.decode(encoded);
            SubjectFactory factory = subjectFactories.get(k.subjectClassKey);
            if (factory != null && subjectClass.isAssignableFrom(factory.subjectClass())) {
                builder.add((S) factory.createSubject(k.subjectKey));
            }
        }
        return builder.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> Set<S> getSubjects(Class<S> subjectClass, Class<C> configClass) {
        checkNotNull(subjectClass, "Subject class cannot be null");
        ConfigFactory factory = getConfigFactory(checkNotNull(configClass, "Config class cannot be null"));
        ImmutableSet.Builder<S> builder = ImmutableSet.builder();
        if (factory == null) {
            return builder.build();
        }
        for (String encoded : configs.keySet()) {
            ConfigKey k = ConfigKey.decode(encoded);
            if (id(k.subjectClassKey, k.configKey).equals(id(factory))) {
                Object subject = factory.subjectFactory().createSubject(k.subjectKey);
                if (subjectClass.isInstance(subject)) {
                    builder.add((S) subject);
                }
            }
        }
        return builder.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Set<? extends Config<S>> getConfigs(S subject) {
        checkNotNull(subject, "Subject cannot be null");
        ImmutableSet.Builder<Config<S>> builder = ImmutableSet.builder();
        for (ConfigFactory factory : factoriesByClass.values()) {
            if (factory.subjectFactory().subjectClass().isInstance(subject)) {
                Config config = storedConfig(factory, subject, false);
                if (config != null) {
                    builder.add(config);
                }
            }
        }
        return builder.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        checkNotNull(subject, "Subject cannot be null");
        ConfigFactory factory = getConfigFactory(checkNotNull(configClass, "Config class cannot be null"));
        return factory == null ? null : (C) storedConfig(factory, subject, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C addConfig(S subject, Class<C> configClass) {
        checkNotNull(subject, "Subject cannot be null");
        ConfigFactory factory = requireFactory(configClass);
        Versioned<String> json = configs.computeIfAbsent(key(factory, subject).encode(),
                k -> factory.isList() ? "[]" : "{}");
        return (C) createConfig(factory, subject, parse(json.value()), false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C applyConfig(S subject, Class<C> configClass, JsonNode json) {
        checkNotNull(subject, "Subject cannot be null");
        checkNotNull(json, "JSON cannot be null");
        ConfigFactory factory = requireFactory(configClass);
        C config = (C) validConfig(factory, subject, json);
        configs.put(key(factory, subject).encode(), json.toString());
        return config;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C applyConfig(String subjectClassKey, S subject, String configKey,
                                                  JsonNode json) {
        checkNotNull(subjectClassKey, "Subject class key cannot be null");
        checkNotNull(subject, "Subject cannot be null");
        checkNotNull(configKey, "Config key cannot be null");
        checkNotNull(json, "JSON cannot be null");
        ConfigFactory factory = factoriesByKey.get(id(subjectClassKey, configKey));
        if (factory != null) {
            return applyConfig(subject, (Class<C>) factory.configClass(), json);
        }
        ConfigKey k = new ConfigKey(subjectClassKey, subjectKey(subjectClassKey, subject), configKey);
        log.info("Configuration '{}' queued for subject {}", configKey, k.subjectKey);
        configs.put(k.encode(), json.toString());
        return null;
    }

    @SuppressWarnings("unchecked")
    private String subjectKey(String subjectClassKey, Object subject) {
        SubjectFactory factory = subjectFactories.get(subjectClassKey);
        return factory != null && factory.subjectClass().isInstance(subject)
                ? factory.subjectKey(subject) : subject.toString();
    }

    @Override
    public <S, C extends Config<S>> void removeConfig(S subject, Class<C> configClass) {
        checkNotNull(subject, "Subject cannot be null");
        ConfigFactory factory = getConfigFactory(checkNotNull(configClass, "Config class cannot be null"));
        if (factory != null) {
            configs.remove(key(factory, subject).encode());
        }
    }

    @Override
    public <S> void removeConfig(String subjectClassKey, S subject, String configKey) {
        checkNotNull(subject, "Subject cannot be null");
        configs.remove(new ConfigKey(subjectClassKey, subjectKey(subjectClassKey, subject), configKey).encode());
    }

    @Override
    public <S> void removeConfig(S subject) {
        checkNotNull(subject, "Subject cannot be null");
        for (String encoded : configs.keySet()) {
            ConfigKey k = ConfigKey.decode(encoded);
            if (subjectKey(k.subjectClassKey, subject).equals(k.subjectKey)) {
                configs.remove(encoded);
            }
        }
    }

    @Override
    public <S> void removeConfig() {
        configs.clear();
    }

    @Override
    public List<String> upload(ObjectNode root) {
        checkNotNull(root, "JSON cannot be null");
        List<String> errors = new ArrayList<>();
        root.fields().forEachRemaining(classEntry -> {
            String subjectClassKey = classEntry.getKey();
            if (!classEntry.getValue().isObject()) {
                errors.add("'" + subjectClassKey + "' is not a JSON object");
                return;
            }
            classEntry.getValue().fields().forEachRemaining(subjectEntry -> {
                if (!subjectEntry.getValue().isObject()) {
                    errors.add("'" + subjectClassKey + "/" + subjectEntry.getKey() + "' is not a JSON object");
                    return;
                }
                subjectEntry.getValue().fields().forEachRemaining(configEntry -> uploadOne(subjectClassKey,
                        subjectEntry.getKey(), configEntry.getKey(), configEntry.getValue(), errors));
            });
        });
        return errors;
    }

    private void uploadOne(String subjectClassKey, String subjectKey, String configKey, JsonNode json,
                           List<String> errors) {
        SubjectFactory subjectFactory = subjectFactories.get(subjectClassKey);
        try {
            if (subjectFactory == null) {
                // No factory knows this subject class yet: keep it pending under its text keys.
                configs.put(new ConfigKey(subjectClassKey, subjectKey, configKey).encode(), json.toString());
                return;
            }
            applyConfig(subjectClassKey, subjectFactory.createSubject(subjectKey), configKey, json);
        } catch (RuntimeException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            errors.add(subjectClassKey + "/" + subjectKey + "/" + configKey + ": " + cause);
        }
    }

    // Config.apply(): store the config's current JSON.
    private void onApply(Config config) {
        ConfigFactory factory = requireFactory(config.getClass());
        configs.put(key(factory, config.subject()).encode(), config.node().toString());
    }

    private void onStoreEvent(MapEvent<String, String> event) {
        ConfigKey k = ConfigKey.decode(event.key());
        ConfigFactory factory = factoriesByKey.get(id(k.subjectClassKey, k.configKey));
        if (factory == null) {
            return;  // pending: not announced
        }
        Object subject = factory.subjectFactory().createSubject(k.subjectKey);
        NetworkConfigEvent.Type type;
        switch (event.type()) {
            case INSERT:
                type = NetworkConfigEvent.Type.CONFIG_ADDED;
                break;
            case UPDATE:
                type = NetworkConfigEvent.Type.CONFIG_UPDATED;
                break;
            default:
                type = NetworkConfigEvent.Type.CONFIG_REMOVED;
                break;
        }
        post(new NetworkConfigEvent(type, subject, detached(factory, subject, event.newValue()),
                detached(factory, subject, event.oldValue()), factory.configClass()));
    }

    private Config detached(ConfigFactory factory, Object subject, Versioned<String> json) {
        if (json == null) {
            return null;
        }
        try {
            return createConfig(factory, subject, parse(json.value()), true);
        } catch (RuntimeException e) {
            log.warn("Stored {} configuration for {} has the wrong shape", factory.configKey(), subject);
            return null;
        }
    }
}
