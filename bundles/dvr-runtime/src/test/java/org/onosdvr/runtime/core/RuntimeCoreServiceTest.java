package org.onosdvr.runtime.core;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.onosdvr.runtime.TestWiring;
import org.onosdvr.runtime.store.RuntimeStorageService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.IdGenerator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

/**
 * Application ids and id generators survive restarts.
 */
public class RuntimeCoreServiceTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private RuntimeCoreService start(RuntimeStorageService storage) {
        RuntimeCoreService core = TestWiring.inject(new RuntimeCoreService(), "storageService", storage);
        core.activate();
        return core;
    }

    @Test
    public void applicationIdsAreStableAcrossRestarts() {
        RuntimeStorageService storage = TestWiring.storage(folder.getRoot().toPath());
        RuntimeCoreService core = start(storage);
        ApplicationId coreApp = core.getAppId(CoreService.CORE_APP_NAME);
        assertEquals(1, coreApp.id());
        ApplicationId dvr = core.registerApplication("org.onosdvr.app");
        ApplicationId other = core.registerApplication("org.example.other");
        assertNotEquals(dvr.id(), other.id());
        assertSame(dvr, core.registerApplication("org.onosdvr.app"));
        assertEquals(dvr, core.getAppId(dvr.id()));
        assertEquals("2.7.0", core.version().toString());
        storage.deactivate();

        RuntimeCoreService restarted = start(TestWiring.storage(folder.getRoot().toPath()));
        assertEquals(dvr, restarted.getAppId("org.onosdvr.app"));
        assertEquals(other, restarted.getAppId(other.id()));
        assertEquals(coreApp, restarted.registerApplication(CoreService.CORE_APP_NAME));
        assertThat(restarted.getAppIds(), containsInAnyOrder(coreApp, dvr, other));
        ApplicationId third = restarted.registerApplication("org.example.third");
        assertThat("a new id is not one handed out before", (int) third.id(), greaterThan((int) other.id()));
        assertNull(restarted.getAppId("never.registered"));
    }

    @Test
    public void idGeneratorsPersistPerTopic() {
        RuntimeStorageService storage = TestWiring.storage(folder.getRoot().toPath());
        RuntimeCoreService core = start(storage);
        IdGenerator routers = core.getIdGenerator("router-key");
        long a = routers.getNewId();
        long b = routers.getNewId();
        assertThat(b, greaterThan(a));
        assertEquals("topics are independent", a, core.getIdGenerator("other-topic").getNewId());
        // killed without deactivation
        RuntimeCoreService restarted = start(TestWiring.storage(folder.getRoot().toPath()));
        assertThat(restarted.getIdGenerator("router-key").getNewId(), greaterThan(b));
    }
}
