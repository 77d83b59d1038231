package org.onosdvr.runtime;

import org.onosdvr.runtime.event.RuntimeEventDispatcher;
import org.onosdvr.runtime.store.RuntimeStorageService;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;

/**
 * Wires components in unit tests the way Declarative Services would: sets {@code @Reference} fields
 * (also inherited ones, such as {@code AbstractListenerManager.eventDispatcher}).
 */
public final class TestWiring {

    private TestWiring() {
    }

    /**
     * Sets a field declared by the object's class or a superclass.
     *
     * @param target object
     * @param name   field name
     * @param value  value
     * @param <T>    object type
     * @return the object
     */
    public static <T> T inject(T target, String name, Object value) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                field.set(target, value);
                return target;
            } catch (NoSuchFieldException e) {
                continue;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("No field " + name + " in " + target.getClass());
    }

    /**
     * Gives a listener manager a synchronous event dispatcher.
     *
     * @param manager component extending AbstractListenerManager
     * @param <T>     type
     * @return the manager
     */
    public static <T> T withSyncEvents(T manager) {
        return inject(manager, "eventDispatcher", RuntimeEventDispatcher.synchronous());
    }

    /**
     * Starts a storage service over a directory (no fsync, for speed).
     *
     * @param dir data directory
     * @return active service
     */
    public static RuntimeStorageService storage(Path dir) {
        RuntimeStorageService storage = new RuntimeStorageService();
        storage.activate(Map.of(RuntimeStorageService.DATA_DIR, dir.toString(),
                RuntimeStorageService.SYNC_WRITES, false));
        return storage;
    }
}
