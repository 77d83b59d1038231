package org.onosdvr.app.testing;

import org.osgi.service.component.ComponentContext;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;

/**
 * Component contexts carrying given properties.
 */
public final class TestContexts {

    private TestContexts() {
    }

    /**
     * @param keyValues alternating property names and values
     * @return a context whose getProperties() returns them
     */
    public static ComponentContext withProperties(Object... keyValues) {
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (ComponentContext) Proxy.newProxyInstance(
                TestContexts.class.getClassLoader(), new Class<?>[]{ComponentContext.class},
                (proxy, method, args) -> "getProperties".equals(method.getName()) ? props : null);
    }
}
