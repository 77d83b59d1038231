package org.onosdvr.runtime.cfg;

import com.google.common.collect.ImmutableSet;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.cfg.ConfigProperty;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link ComponentConfigService} on top of OSGi ConfigurationAdmin, as ONOS's {@code ComponentConfigManager}:
 * a property set here is written into the configuration whose PID is the component name, so Declarative
 * Services re-configures the component ({@code @Modified}). ConfigurationAdmin is also the store: it persists
 * values across restarts (Karaf keeps them under {@code data/}), and values found there when a component
 * registers (e.g. from an {@code etc/<pid>.cfg} file) are adopted rather than reset to the default — ONOS
 * resets local values that its cluster store does not know. Values are written as strings, as in ONOS.
 */
@Component(immediate = true, service = ComponentConfigService.class)
public class RuntimeComponentConfigManager implements ComponentConfigService {

    private static final String COMPONENT_MISSING = "Component %s is not registered";
    private static final String PROPERTY_MISSING = "Property %s does not exist for %s";

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ConfigurationAdmin cfgAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    protected volatile ServiceComponentRuntime scr;

    private final Map<String, Map<String, ConfigProperty>> properties = new ConcurrentHashMap<>();

    @Override
    public Set<String> getComponentNames() {
        return ImmutableSet.copyOf(properties.keySet());
    }

    @Override
    public void registerProperties(Class<?> componentClass) {
        String componentName = componentClass.getName();
        Set<ConfigProperty> definitions;
        try {
            definitions = PropertyDefinitions.read(componentClass, scr);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read property definitions of " + componentName, e);
        }
        checkArgument(definitions != null, "Property definitions not found for %s (no %s%s resource and no "
                + "DS component description)", componentName, componentClass.getSimpleName(),
                PropertyDefinitions.RESOURCE_EXT);
        Map<String, ConfigProperty> map = new ConcurrentHashMap<>();
        Dictionary<String, Object> current = configuration(componentName).getProperties();
        for (ConfigProperty p : definitions) {
            Object value = current == null ? null : current.get(p.name());
            map.put(p.name(), value == null ? p : ConfigProperty.setProperty(p, value.toString()));
        }
        properties.put(componentName, map);
    }

    @Override
    public void unregisterProperties(Class<?> componentClass, boolean clear) {
        String componentName = componentClass.getName();
        Map<String, ConfigProperty> removed = properties.remove(componentName);
        if (clear && removed != null) {
            update(componentName, props -> removed.keySet().forEach(props::remove));
        }
    }

    @Override
    public Set<ConfigProperty> getProperties(String componentName) {
        Map<String, ConfigProperty> map = properties.get(componentName);
        return map == null ? null : ImmutableSet.copyOf(map.values());
    }

    private ConfigProperty definition(String componentName, String name) {
        checkNotNull(componentName, "Component name cannot be null");
        checkNotNull(name, "Property name cannot be null");
        Map<String, ConfigProperty> map = properties.get(componentName);
        checkArgument(map != null, COMPONENT_MISSING, componentName);
        ConfigProperty property = map.get(name);
        checkArgument(property != null, PROPERTY_MISSING, name, componentName);
        return property;
    }

    @Override
    public void setProperty(String componentName, String name, String value) {
        ConfigProperty property = definition(componentName, name);
        checkValid(property, value);
        update(componentName, props -> props.put(name, value));
        properties.get(componentName).put(name, ConfigProperty.setProperty(property, value));
    }

    @Override
    public void preSetProperty(String componentName, String name, String value) {
        preSetProperty(componentName, name, value, true);
    }

    @Override
    public void preSetProperty(String componentName, String name, String value, boolean override) {
        checkNotNull(componentName, "Component name cannot be null");
        checkNotNull(name, "Property name cannot be null");
        Map<String, ConfigProperty> map = properties.get(componentName);
        ConfigProperty property = map == null ? null : map.get(name);
        if (property != null) {
            checkValid(property, value);
        }
        boolean[] written = new boolean[1];
        update(componentName, props -> {
            if (override || props.get(name) == null) {
                props.put(name, value);
                written[0] = true;
            }
        });
        if (property != null && written[0]) {
            map.put(name, ConfigProperty.setProperty(property, value));
        }
    }

    @Override
    public void unsetProperty(String componentName, String name) {
        ConfigProperty property = definition(componentName, name);
        update(componentName, props -> props.remove(name));
        properties.get(componentName).put(name, ConfigProperty.resetProperty(property));
    }

    @Override
    public ConfigProperty getProperty(String componentName, String attribute) {
        Map<String, ConfigProperty> map = properties.get(componentName);
        return map == null ? null : map.get(attribute);
    }

    // Rejects values that do not parse as the property's type, as ONOS does.
    private static void checkValid(ConfigProperty property, String value) {
        ConfigProperty.Type type = property.type();
        try {
            switch (type) {
                case INTEGER:
                    Integer.parseInt(value);
                    break;
                case LONG:
                    Long.parseLong(value);
                    break;
                case FLOAT:
                    Float.parseFloat(value);
                    break;
                case DOUBLE:
                    Double.parseDouble(value);
                    break;
                case BOOLEAN:
                    checkArgument("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value),
                            "Invalid %s value %s", type, value);
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid " + type + " value " + value, e);
        }
    }

    private Configuration configuration(String componentName) {
        try {
            return cfgAdmin.getConfiguration(componentName, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot get configuration " + componentName, e);
        }
    }

    /** Edits the configuration dictionary of a component and writes it back (which re-configures it). */
    private interface Edit {
        void apply(Dictionary<String, Object> props);
    }

    private void update(String componentName, Edit edit) {
        Configuration configuration = configuration(componentName);
        Dictionary<String, Object> props = configuration.getProperties();
        Dictionary<String, Object> copy = new Hashtable<>();
        if (props != null) {
            for (java.util.Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                copy.put(key, props.get(key));
            }
        }
        edit.apply(copy);
        try {
            configuration.update(copy);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update configuration " + componentName, e);
        }
        log.debug("Configuration of {} is now {}", componentName, copy);
    }
}
