package org.onosdvr.runtime.cfg;

import org.junit.Before;
import org.junit.Test;
import org.onosdvr.runtime.TestWiring;
import org.onosproject.cfg.ConfigProperty;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Component properties go through ConfigurationAdmin (which re-configures the component in OSGi).
 */
public class ComponentConfigManagerTest {

    private static final String NAME = SampleComponent.class.getName();

    /** A component with a {@code .cfgdef} resource next to it (src/test/resources). */
    public static class SampleComponent {
    }

    private final Map<String, Dictionary<String, Object>> store = new HashMap<>();
    private final List<String> updates = new ArrayList<>();
    private RuntimeComponentConfigManager manager;

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Configuration.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getPid":
                            return pid;
                        case "getProperties":
                            return store.get(pid);
                        case "update":
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> props = (Dictionary<String, Object>) args[0];
                            store.put(pid, props);
                            updates.add(pid + "=" + props);
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Before
    public void setUp() {
        ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration")) {
                        return configuration((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        manager = TestWiring.inject(new RuntimeComponentConfigManager(), "cfgAdmin", admin);
    }

    @Test
    public void registerReadsDefinitionsAndAdoptsStoredValues() {
        Hashtable<String, Object> existing = new Hashtable<>();
        existing.put("gatewayCount", "3");
        store.put(NAME, existing);
        manager.registerProperties(SampleComponent.class);
        assertTrue(manager.getComponentNames().contains(NAME));
        assertEquals(3, manager.getProperties(NAME).size());
        ConfigProperty count = manager.getProperty(NAME, "gatewayCount");
        assertEquals(ConfigProperty.Type.INTEGER, count.type());
        assertEquals("2", count.defaultValue());
        assertEquals(3, count.asInteger());
        assertTrue(count.isSet());
        assertFalse(manager.getProperty(NAME, "enabled").isSet());
        assertTrue(manager.getProperty(NAME, "enabled").asBoolean());
    }

    @Test
    public void setAndUnsetWriteTheConfiguration() {
        manager.registerProperties(SampleComponent.class);
        manager.setProperty(NAME, "gatewayCount", "5");
        assertEquals("5", store.get(NAME).get("gatewayCount"));
        assertEquals(5, manager.getProperty(NAME, "gatewayCount").asInteger());
        manager.setProperty(NAME, "enabled", "false");
        assertEquals(2, updates.size());

        manager.unsetProperty(NAME, "gatewayCount");
        assertNull(store.get(NAME).get("gatewayCount"));
        assertEquals("false", store.get(NAME).get("enabled"));
        assertEquals(2, manager.getProperty(NAME, "gatewayCount").asInteger());
        assertFalse(manager.getProperty(NAME, "gatewayCount").isSet());
    }

    @Test
    public void badValuesAndUnknownNamesAreRejected() {
        manager.registerProperties(SampleComponent.class);
        for (String[] bad : new String[][]{{"gatewayCount", "many"}, {"enabled", "yes"}, {"nope", "1"}}) {
            try {
                manager.setProperty(NAME, bad[0], bad[1]);
                fail("accepted " + bad[0] + "=" + bad[1]);
            } catch (IllegalArgumentException e) {
                assertTrue(updates.isEmpty());
            }
        }
        try {
            manager.setProperty("org.example.Unregistered", "x", "1");
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("not registered"));
        }
    }

    @Test
    public void preSetWorksBeforeRegistrationAndRespectsOverride() {
        manager.preSetProperty(NAME, "gatewayCount", "7");
        manager.preSetProperty(NAME, "gatewayCount", "8", false);
        assertEquals("7", store.get(NAME).get("gatewayCount"));
        manager.registerProperties(SampleComponent.class);
        assertEquals(7, manager.getProperty(NAME, "gatewayCount").asInteger());
    }

    @Test
    public void unregisterWithClearRemovesValues() {
        manager.registerProperties(SampleComponent.class);
        manager.setProperty(NAME, "gatewayCount", "5");
        manager.unregisterProperties(SampleComponent.class, true);
        assertNull(store.get(NAME).get("gatewayCount"));
        assertNull(manager.getProperties(NAME));
    }

    @Test
    public void definitionsFromDsDefaultsAndCfgDefFormat() throws IOException {
        Set<ConfigProperty> fromDs = PropertyDefinitions.fromProperties(Map.of("component.name", "x",
                "maxEntries", 10, "flag", true, "label", "a"));
        assertEquals(3, fromDs.size());
        Set<ConfigProperty> parsed = PropertyDefinitions.readCfgDef(new ByteArrayInputStream(
                "# comment\nrate|LONG|100|Rate limit\n".getBytes(StandardCharsets.UTF_8)));
        ConfigProperty rate = parsed.iterator().next();
        assertEquals("rate", rate.name());
        assertEquals(ConfigProperty.Type.LONG, rate.type());
        assertEquals("Rate limit", rate.description());
        assertEquals(100L, rate.asLong());
        try {
            manager.registerProperties(String.class);
            fail("a class without definitions was registered");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("Property definitions not found"));
        }
    }
}
