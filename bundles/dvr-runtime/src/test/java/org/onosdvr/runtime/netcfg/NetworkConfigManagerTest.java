package org.onosdvr.runtime.netcfg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosdvr.runtime.TestWiring;
import org.onosdvr.runtime.core.RuntimeCoreService;
import org.onosdvr.runtime.store.RuntimeStorageService;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.ConfigFactory;
import org.onosproject.net.config.InvalidConfigException;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.basics.SubjectFactories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Network configuration with ONOS semantics: factories, pending configs, validation, events, persistence
 * and the startup file.
 */
public class NetworkConfigManagerTest {

    private static final String APP = "org.onosdvr.app";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An application config like the DVR app's. */
    public static class TestAppConfig extends Config<ApplicationId> {
        @Override
        public boolean isValid() {
            return hasOnlyFields("name", "count") && isIntegralNumber("count", FieldPresence.OPTIONAL, 0, 100);
        }

        String name() {
            return get("name", null);
        }

        TestAppConfig name(String name) {
            return (TestAppConfig) setOrClear("name", name);
        }
    }

    private static final ConfigFactory<ApplicationId, TestAppConfig> FACTORY =
            new ConfigFactory<>(SubjectFactories.APP_SUBJECT_FACTORY, TestAppConfig.class, "dvr") {
                @Override
                public TestAppConfig createConfig() {
                    return new TestAppConfig();
                }
            };

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path dataDir;
    private Path netcfgFile;
    private RuntimeStorageService storage;
    private RuntimeCoreService core;
    private RuntimeNetworkConfigManager netcfg;
    private final List<NetworkConfigEvent> events = new ArrayList<>();
    private ApplicationId appId;

    @Before
    public void setUp() throws IOException {
        dataDir = folder.newFolder("data").toPath();
        netcfgFile = folder.getRoot().toPath().resolve("dvr-netcfg.json");
        start();
    }

    @After
    public void tearDown() {
        storage.deactivate();
    }

    private void start() {
        storage = TestWiring.storage(dataDir);
        core = TestWiring.inject(new RuntimeCoreService(), "storageService", storage);
        core.activate();
        netcfg = TestWiring.withSyncEvents(new RuntimeNetworkConfigManager());
        TestWiring.inject(netcfg, "coreService", core);
        TestWiring.inject(netcfg, "storageService", storage);
        netcfg.activate(Map.of(NetworkConfigFileLoader.NETCFG_FILE, netcfgFile.toString()));
        events.clear();
        netcfg.addListener(events::add);
        appId = core.registerApplication(APP);
    }

    private void restart() {
        storage.deactivate();
        start();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode document(String dvrConfig) {
        return json("{\"apps\": {\"" + APP + "\": {\"dvr\": " + dvrConfig + "}}}");
    }

    private List<NetworkConfigEvent.Type> types() {
        List<NetworkConfigEvent.Type> types = new ArrayList<>();
        events.forEach(e -> types.add(e.type()));
        return types;
    }

    @Test
    public void pendingConfigIsAppliedWhenTheFactoryRegisters() {
        assertThat(netcfg.upload(document("{\"name\": \"r1\"}")), empty());
        assertTrue("nothing announced while pending", events.isEmpty());
        assertNull(netcfg.getConfig(appId, TestAppConfig.class));

        netcfg.registerConfigFactory(FACTORY);
        assertThat(types(), contains(NetworkConfigEvent.Type.CONFIG_ADDED, NetworkConfigEvent.Type.CONFIG_REGISTERED));
        assertEquals(appId, events.get(0).subject());
        assertEquals(TestAppConfig.class, events.get(0).configClass());
        assertEquals("r1", netcfg.getConfig(appId, TestAppConfig.class).name());
        assertThat(netcfg.getSubjects(ApplicationId.class, TestAppConfig.class), contains(appId));
        assertEquals(TestAppConfig.class, netcfg.getConfigClass("apps", "dvr"));
        assertThat(netcfg.getConfigs(appId), hasSize(1));
    }

    @Test
    public void invalidPendingConfigIsDroppedSilently() {
        netcfg.upload(document("{\"bogus\": true}"));
        netcfg.registerConfigFactory(FACTORY);
        assertThat(types(), contains(NetworkConfigEvent.Type.CONFIG_REGISTERED));
        assertNull(netcfg.getConfig(appId, TestAppConfig.class));
        netcfg.unregisterConfigFactory(FACTORY);
        netcfg.registerConfigFactory(FACTORY);
        assertNull("dropped, not kept pending", netcfg.getConfig(appId, TestAppConfig.class));
    }

    @Test
    public void applyUpdateRemoveEvents() {
        netcfg.registerConfigFactory(FACTORY);
        events.clear();
        JsonNode first = json("{\"name\": \"a\"}");
        assertEquals("a", netcfg.applyConfig(appId, TestAppConfig.class, first).name());
        netcfg.applyConfig(appId, TestAppConfig.class, json("{\"name\": \"a\"}"));
        netcfg.applyConfig(appId, TestAppConfig.class, json("{\"name\": \"b\"}"));
        assertThat("re-applying identical JSON is not an update", types(),
                contains(NetworkConfigEvent.Type.CONFIG_ADDED, NetworkConfigEvent.Type.CONFIG_UPDATED));
        NetworkConfigEvent update = events.get(1);
        assertEquals("b", ((TestAppConfig) update.config().get()).name());
        assertEquals("a", ((TestAppConfig) update.prevConfig().get()).name());

        TestAppConfig config = netcfg.getConfig(appId, TestAppConfig.class);
        config.name("c").apply();
        assertEquals("c", netcfg.getConfig(appId, TestAppConfig.class).name());
        assertEquals(NetworkConfigEvent.Type.CONFIG_UPDATED, events.get(2).type());

        netcfg.removeConfig(appId, TestAppConfig.class);
        assertEquals(NetworkConfigEvent.Type.CONFIG_REMOVED, events.get(3).type());
        assertNull(netcfg.getConfig(appId, TestAppConfig.class));
    }

    @Test
    public void addConfigCreatesAnEmptyConfig() {
        netcfg.registerConfigFactory(FACTORY);
        TestAppConfig config = netcfg.addConfig(appId, TestAppConfig.class);
        assertNull(config.name());
        config.name("x").apply();
        assertEquals("x", netcfg.getConfig(appId, TestAppConfig.class).name());
    }

    @Test
    public void invalidConfigIsRejected() {
        netcfg.registerConfigFactory(FACTORY);
        try {
            netcfg.applyConfig(appId, TestAppConfig.class, json("{\"count\": 1000}"));
            fail("invalid config accepted");
        } catch (InvalidConfigException e) {
            assertEquals("dvr", e.configKey());
        }
        assertNull(netcfg.getConfig(appId, TestAppConfig.class));
        List<String> errors = netcfg.upload(document("{\"unknown\": 1}"));
        assertThat(errors, hasSize(1));
        assertTrue(errors.get(0), errors.get(0).startsWith("apps/" + APP + "/dvr"));
    }

    @Test
    public void unknownSubjectClassKeyIsQueued() {
        assertThat(netcfg.upload(json("{\"widgets\": {\"w1\": {\"size\": {\"n\": 1}}}}")), empty());
        assertNull(netcfg.getSubjectFactory("widgets"));
        assertNotNull("built-in subject factories are known before any config factory",
                netcfg.getSubjectFactory("apps"));
    }

    @Test
    public void configsSurviveARestart() {
        netcfg.registerConfigFactory(FACTORY);
        netcfg.applyConfig(appId, TestAppConfig.class, json("{\"name\": \"kept\"}"));
        netcfg.upload(json("{\"apps\": {\"org.example.other\": {\"later\": {\"v\": 1}}}}"));
        restart();
        assertNull("factory not registered yet after restart", netcfg.getConfig(appId, TestAppConfig.class));
        netcfg.registerConfigFactory(FACTORY);
        assertEquals("kept", netcfg.getConfig(appId, TestAppConfig.class).name());
        assertThat(types(), contains(NetworkConfigEvent.Type.CONFIG_ADDED, NetworkConfigEvent.Type.CONFIG_REGISTERED));
        assertTrue(netcfg.getSubjects(ApplicationId.class).contains(core.getAppId("org.example.other")));
    }

    @Test
    public void startupFileIsAppliedOnlyWhenItChanges() throws IOException {
        Files.writeString(netcfgFile, document("{\"name\": \"from-file\"}").toString());
        restart();
        netcfg.registerConfigFactory(FACTORY);
        assertEquals("from-file", netcfg.getConfig(appId, TestAppConfig.class).name());

        netcfg.applyConfig(appId, TestAppConfig.class, json("{\"name\": \"runtime-change\"}"));
        restart();
        netcfg.registerConfigFactory(FACTORY);
        assertEquals("an unchanged file does not undo run-time changes", "runtime-change",
                netcfg.getConfig(appId, TestAppConfig.class).name());

        Files.writeString(netcfgFile, document("{\"name\": \"edited-file\"}").toString());
        restart();
        netcfg.registerConfigFactory(FACTORY);
        assertEquals("edited-file", netcfg.getConfig(appId, TestAppConfig.class).name());
    }

    @Test
    public void removeAllForSubjectAndEverything() {
        netcfg.registerConfigFactory(FACTORY);
        netcfg.applyConfig(appId, TestAppConfig.class, json("{\"name\": \"a\"}"));
        netcfg.removeConfig(appId);
        assertNull(netcfg.getConfig(appId, TestAppConfig.class));
        netcfg.applyConfig(appId, TestAppConfig.class, json("{\"name\": \"a\"}"));
        netcfg.removeConfig();
        assertTrue(netcfg.getSubjects(ApplicationId.class).isEmpty());
    }
}
